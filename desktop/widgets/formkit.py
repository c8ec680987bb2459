"""What every form uses: labelled rows, a password field, an inline message line; and the
bold labels of a window: its heading and the chosen record's title."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QWidget)

from core.errors import DomainError
from desktop import errors

ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1e7b34;"
HEADING = 1.25  # a window's heading, times the usual size
TITLE = 1.15  # the title of the record chosen in a list


class MessageLabel(QLabel):
    """A line under a form: a domain error in red, a confirmation in green, or nothing.

    ``on_error`` fits ``desktop.tasks.run(on_error=...)``: a ``DomainError``
    is shown inline in the user's language; anything else goes to the one
    error path.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_STYLE)

    def show_ok(self, text: str) -> None:
        self._show(text, OK_STYLE)

    def clear(self) -> None:
        super().clear()
        self.hide()

    def on_error(self, exc: BaseException, details: str = "") -> None:
        if isinstance(exc, DomainError):
            self.show_error(errors.message(exc))
        else:
            self.clear()
            errors.show(self.window(), exc, details)

    def _show(self, text: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(text)
        self.show()


def bold_label(text: str = "", parent: QWidget | None = None, scale: float = 1.0) -> QLabel:
    """A bold label, ``scale`` times the usual size (``HEADING``, ``TITLE``)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def button_row(*buttons: QPushButton) -> QWidget:
    """Buttons side by side at the left of a form's row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        layout.addWidget(button)
    layout.addStretch(1)
    return row


def password_field(parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def add_row(form: QFormLayout, field: QWidget) -> QLabel:
    """Add ``field`` with a label (text set on retranslation) whose mnemonic focuses it."""
    label = QLabel()
    label.setBuddy(field)
    form.addRow(label, field)
    return label


def passwords_match(password: QLineEdit, repeat: QLineEdit, message: MessageLabel) -> bool:
    """A password typed twice: if the two differ, say so and let the user type it again."""
    if password.text() == repeat.text():
        return True
    message.show_error(QCoreApplication.translate("formkit", "The two passwords are not the same."))
    repeat.clear()
    repeat.setFocus()
    return False
