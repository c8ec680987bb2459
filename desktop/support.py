"""What a clerk copies for support: the versions, the machine, the database and the log.

``support_details()`` is the text "Copy details" puts on the clipboard, in the
unexpected-error dialog (``ErrorDialog``, through ``desktop.dialogs.error_details``) and
in About (``desktop.windows.about``): Roundsman's version and its API version, whether
it is the installed (frozen) build, the operating system, Python and Qt, the language,
the database or server, the log file, the error's traceback and the log's last lines.
The whole text goes through ``core.logs.redact``: it never holds a password or token.

Its labels stay in English whatever the language: it is read by support, not the clerk.
"""

from __future__ import annotations

import platform
import sys

from PySide6.QtCore import QEvent, QLocale, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QPlainTextEdit, QPushButton, QStyle, QVBoxLayout, QWidget)

LOG_LINES = 40


def support_details(extra: str = "", database: str = "", language: str = "") -> str:
    """The text for support; ``extra`` is the error's traceback, ``database`` what the
    status bar shows (``AppContext.database``, which holds no password)."""
    import PySide6
    from PySide6.QtCore import qVersion

    from core import logs
    from core.api.registry import API_VERSION
    from core.version import VERSION

    log_file = logs.current()
    lines = [
        f"Roundsman {VERSION}",
        f"API version: {API_VERSION}",
        f"Build: {'installed (frozen)' if getattr(sys, 'frozen', False) else 'from source'}",
        f"OS: {platform.platform()}",
        f"Python: {platform.python_version()} ({platform.machine() or '?'})",
        f"Qt: {qVersion()}, PySide6 {PySide6.__version__}",
        f"Language: {language or QLocale().name()}",
        f"Database: {database or '?'}",
        f"Log file: {log_file if log_file is not None else '(none)'}",
    ]
    text = "\n".join(lines) + "\n"
    if extra.strip():
        text += "\n" + extra.rstrip("\n") + "\n"
    text += "\nLast lines of the log:\n" + (logs.tail(LOG_LINES) or "(none)\n")
    return logs.redact(text)


def database_of(widget: QWidget | None) -> tuple[str, str]:
    """(database, language) of the window ``widget`` is in, or else of any open window
    with an ``AppContext``; ("", "") when none has one (before log-in)."""
    candidates = []
    while widget is not None:
        candidates.append(widget)
        widget = widget.parentWidget()
    app = QApplication.instance()
    if app is not None:
        candidates += app.topLevelWidgets()
    for candidate in candidates:
        try:
            ctx = getattr(candidate, "ctx", None)
            database = getattr(ctx, "database", None)
            if isinstance(database, str):
                return database, getattr(ctx, "language", "") or ""
        except Exception:  # noqa: BLE001 - never a second error while showing the first
            continue
    return "", ""


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


class CopyButton(QPushButton):
    """"Copy details": puts ``details()`` on the clipboard, then says "Copied" for a while
    (the dialog stays open)."""

    def __init__(self, details, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.copied = False
        self._restore = QTimer(self, singleShot=True, interval=3000)
        self._restore.timeout.connect(self._again)
        self.clicked.connect(self.copy)
        self.retranslate()

    def copy(self) -> str:
        text = self.details()
        copy_to_clipboard(text)
        self.copied = True
        self.retranslate()
        self._restore.start()
        return text

    def _again(self) -> None:
        self.copied = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Copied") if self.copied else self.tr("Copy details"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ErrorDialog(QDialog):
    """The unexpected error: what happened, the details, "Copy details" and OK."""

    def __init__(self, parent: QWidget | None, title: str, text: str, details: str = "",
                 *, database: str | None = None, language: str = "") -> None:
        super().__init__(parent)
        from core.logs import redact

        if database is None:
            database, language = database_of(parent)
        self.traceback = redact(details)
        self.database, self.language = database, language
        self.setWindowTitle(title)
        self.setModal(True)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(self.message, 1)
        self.details = QPlainTextEdit(self.traceback)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setVisible(bool(self.traceback))
        self.copy_button = CopyButton(self.support_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(620, 420 if self.traceback else 160)

    def support_details(self) -> str:
        return support_details(self.traceback, self.database, self.language)

    def copy_details(self) -> str:
        """Click "Copy details": the text now on the clipboard."""
        self.copy_button.click()
        return QGuiApplication.clipboard().text()
