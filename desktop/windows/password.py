"""Change one's own password, or (administrator) reset another user's."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from core.services import auth
from core.services.users import UserView
from desktop import tasks
from desktop.widgets.formkit import MessageLabel, add_row, password_field, passwords_match


class PasswordDialog(QDialog):
    """Without ``user``: the logged-in user changes their own password (old one asked).
    With ``user``: an administrator sets a new password for them, which also unlocks them."""

    def __init__(self, ctx, user: UserView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.old = password_field(self)
        self.new = password_field()
        self.repeat = password_field()
        form = QFormLayout()
        self.labels = []
        if user is None:
            self.labels.append(add_row(form, self.old))
        else:
            self.old.hide()
        self.labels += [add_row(form, self.new), add_row(form, self.repeat)]
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def retranslate(self) -> None:
        rule = self.tr("A password needs at least {n} characters.").format(n=auth.MIN_PASSWORD)
        if self.user is None:
            self.setWindowTitle(self.tr("Change password"))
            self.intro.setText(rule)
            texts = [self.tr("&Current password:")]
        else:
            self.setWindowTitle(self.tr("Reset password"))
            self.intro.setText(self.tr("Set a new password for {user}. This also unlocks the "
                                       "account.").format(user=self.user.username) + " " + rule)
            texts = []
        texts += [self.tr("&New password:"), self.tr("&Repeat new password:")]
        for label, text in zip(self.labels, texts):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _save(self) -> None:
        if not self.ok_button.isEnabled():
            return
        if not passwords_match(self.new, self.repeat, self.message):
            return
        new = self.new.text()
        api, old, user = self.ctx.api, self.old.text(), self.user
        if user is None:
            def work():
                api.users.change_password(old_password=old, new_password=new)
        else:
            def work():
                api.users.reset_password(user_id=user.id, new_password=new)
        self.message.clear()
        tasks.run(self, work, on_success=self._saved, on_error=self._failed,
                  disable=self.ok_button)

    def _saved(self, _result) -> None:
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        for field in (self.old, self.new, self.repeat):
            field.clear()
        (self.old if self.user is None else self.new).setFocus()
        self.message.on_error(exc, details)
