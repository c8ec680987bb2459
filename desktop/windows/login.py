"""The log-in dialog: user name, password, and the language to work in.

The same dialog logs in to the embedded database (``auth.login``) and to the office
server (``Connection.login``): it is given the function that checks the password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)
from core.config import LocalSettings
from core.services.actor import Actor
from desktop import i18n, tasks
from desktop.widgets.formkit import MessageLabel, add_row, password_field


class LoginDialog(QDialog):
    """Accepted once ``log_in(username, password)`` lets the user in; ``actor`` is then who
    logged in.  ``server``: the office server's address, shown under the title."""

    def __init__(self, log_in: Callable[[str, str], Actor], local: LocalSettings,
                 parent: QWidget | None = None, *, server: str = "") -> None:
        super().__init__(parent)
        self.log_in = log_in
        self.server = server
        self.local = local
        self.actor: Actor | None = None

        self.heading = QLabel("Roundsman")
        font = QFont(self.heading.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel()
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.username = QLineEdit(local.last_user)
        self.password = password_field()
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(local.language)))
        self.language.currentIndexChanged.connect(self._language_chosen)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = [add_row(self.form, field)
                       for field in (self.username, self.password, self.language)]
        self.message = MessageLabel()

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.login_button.setDefault(True)
        self.buttons.accepted.connect(self._log_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate()
        (self.password if local.last_user else self.username).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in to Roundsman"))
        self.subtitle.setText(self.tr("Office server {address}").format(address=self.server)
                              if self.server else self.tr("Back office for gas delivery"))
        for label, text in zip(self.labels, (self.tr("&User name:"), self.tr("&Password:"),
                                             self.tr("&Language:"))):
            label.setText(text)
        self.login_button.setText(self.tr("Log in"))
        self.quit_button.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_chosen(self) -> None:
        i18n.switch_language(self.local, self.language.currentData())

    def _log_in(self) -> None:
        if not self.login_button.isEnabled():
            return
        username, password = self.username.text().strip(), self.password.text()
        self.message.clear()
        log_in = self.log_in
        tasks.run(self, lambda: log_in(username, password),
                  on_success=self._logged_in, on_error=self._failed, disable=self.login_button)

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        self.local.last_user = actor.username
        self.local.save()
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.message.on_error(exc, details)
