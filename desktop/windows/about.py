"""Help → About Roundsman: the version, the API version, the database or server, the data
folder and the log file, with "Copy details" for support (``desktop.support``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.support import CopyButton, support_details


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from core import logs
        from core.api.registry import API_VERSION
        from core.config import data_dir
        from core.version import VERSION

        self.ctx = ctx
        self.version, self.api_version = VERSION, API_VERSION
        self.data_folder = str(data_dir())
        log_file = logs.current()
        self.log_file = str(log_file) if log_file is not None else ""
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.api_label, self.database_label, self.folder_label, self.log_label = (
            QLabel(), QLabel(), QLabel(), QLabel())
        self.api_value = QLabel(API_VERSION)
        self.database_value = QLabel(ctx.database)
        self.folder_value = QLabel(self.data_folder)
        self.log_value = QLabel(self.log_file)
        form = QFormLayout()
        for label, value in ((self.api_label, self.api_value),
                             (self.database_label, self.database_value),
                             (self.folder_label, self.folder_value),
                             (self.log_label, self.log_value)):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            form.addRow(label, value)
        self.copy_button = CopyButton(self.support_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Roundsman"))
        self.title.setText(self.tr("Roundsman {version}").format(version=self.version))
        self.api_label.setText(self.tr("API version:"))
        self.database_label.setText(self.tr("Database:") if self.ctx.embedded
                                    else self.tr("Server:"))
        self.folder_label.setText(self.tr("Data folder:"))
        self.log_label.setText(self.tr("Log file:"))
        self.log_value.setText(self.log_file or self.tr("(none)"))
        self.copy_button.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def support_details(self) -> str:
        return support_details(database=self.ctx.database, language=self.ctx.language)

    def copy_details(self) -> str:
        """Click "Copy details": the text now on the clipboard."""
        self.copy_button.click()
        from PySide6.QtGui import QGuiApplication

        return QGuiApplication.clipboard().text()
