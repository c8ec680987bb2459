"""Every modal message box goes through here: the one seam tests replace.

Tests monkeypatch ``desktop.dialogs.ask``/``inform``/``warn``/``error_details`` (or set
``desktop.dialogs.answers``) so that no test ever blocks in ``exec()``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

# Tests set this to a list of pre-recorded answers for ask(); each call pops one.
answers: list[bool] | None = None
# Every message shown, newest last: (kind, title, text) - tests read it.
shown: list[tuple[str, str, str]] = []
# The last unexpected-error dialog built (``error_details``): with ``answers`` set it is
# built but not shown, for tests to drive (its ``copy_details()``).
error_dialog = None


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    shown.append(("ask", title, text))
    if answers is not None:
        return answers.pop(0)
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    shown.append(("inform", title, text))
    if answers is not None:
        return
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    shown.append(("warn", title, text))
    if answers is not None:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def error_details(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """The unexpected error: ``text``, the ``details`` and "Copy details" (for support:
    versions, OS, the log's last lines; ``desktop.support``).  Recorded as a "warn"."""
    global error_dialog
    from desktop.support import ErrorDialog

    shown.append(("warn", title, text))
    error_dialog = ErrorDialog(parent, title, text, details)
    if answers is not None:
        return
    dialog = error_dialog
    try:
        dialog.exec()
    finally:
        error_dialog = None
        dialog.deleteLater()


def run_dialog(dialog: QDialog) -> int:
    """Show a dialog modally (tests replace this to drive the dialog themselves)."""
    if answers is not None:
        dialog.show()
        return QDialog.DialogCode.Rejected
    return dialog.exec()


def open_file(parent: QWidget | None, title: str, name_filter: str) -> str:
    """The file the user picked, '' when cancelled (tests monkeypatch this)."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getOpenFileName(parent, title, "", name_filter)[0]


def save_file(parent: QWidget | None, title: str, suggested: str, name_filter: str) -> str:
    """Where the user chose to save a file, '' when cancelled (tests monkeypatch this)."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getSaveFileName(parent, title, suggested, name_filter)[0]


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str:
    """The folder the user chose, '' when cancelled (tests monkeypatch this)."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getExistingDirectory(parent, title, start)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A line the user typed, None when cancelled (tests monkeypatch this)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None
