"""Support: the unexpected error offers "Copy details" (the version, the OS, the traceback,
the log's last lines, never a password), and Help → About shows the version."""

from __future__ import annotations

import logging
import platform
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from core import logs
from core.api.registry import API_VERSION
from core.config import data_dir
from core.version import VERSION
from desktop import app, dialogs, errors, tasks
from desktop.support import ErrorDialog, support_details
from desktop.windows.about import AboutDialog
from desktop.windows.main_window import MainWindow
from tests.gui.records import settle

SECRET = "s3cret-pw"
URL_WITH_PASSWORD = f"postgresql://mei:{SECRET}@db.example:5432/roundsman"
KNOWN_LINE = "the clerk opened the order entry for C001"


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    """The app's log, set up as the app does it, in a temporary data folder; a known line
    logged first."""
    monkeypatch.setenv("ROUNDSMAN_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(logs, "_current", None)
    monkeypatch.setattr(dialogs, "error_dialog", None)
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    app.setup_logging()
    logging.getLogger("roundsman").info(KNOWN_LINE)
    yield tmp_path / "roundsman.log"
    for handler in [h for h in root.handlers if h not in before]:
        handler.close()
        root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def clipboard(qapp):
    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


def fail_with(error: Exception):
    def work():
        raise error
    return work


def open_main(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def test_an_unexpected_error_offers_its_details_to_copy_for_support(
        qtbot, log_file, clipboard, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    window = open_main(qtbot, ctx)
    tasks.run(window, fail_with(RuntimeError(f"cannot use {URL_WITH_PASSWORD}")))
    settle(qtbot)
    assert dialogs.shown[-1][:2] == ("warn", "Something went wrong")
    dialog = dialogs.error_dialog
    assert isinstance(dialog, ErrorDialog) and dialog.parent() is window
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Something went wrong"
    assert "Roundsman hit an unexpected error" in dialog.message.text()
    shown = dialog.details.toPlainText()
    assert "RuntimeError" in shown and "Traceback" in shown and SECRET not in shown
    assert dialog.details.isReadOnly()
    assert dialog.copy_button.text() == "Copy details"

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = clipboard.text()
    assert f"Roundsman {VERSION}" in copied and f"API version: {API_VERSION}" in copied
    assert platform.platform() in copied
    assert "Traceback (most recent call last)" in copied and "RuntimeError: cannot use" in copied
    assert "postgresql://mei:***@db.example:5432/roundsman" in copied
    assert "Last lines of the log:" in copied and KNOWN_LINE in copied
    assert "unexpected error" in copied.split("Last lines of the log:")[1]  # this one, logged
    assert f"Log file: {log_file}" in copied and f"Database: {ctx.database}" in copied
    assert SECRET not in copied
    assert dialog.copy_button.text() == "Copied" and dialog.isVisible()  # it stays open

    assert dialog.copy_details() == copied  # what tests (and support) get, again
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert SECRET not in log_file.read_text(encoding="utf-8")


def test_an_error_outside_any_window_copies_the_same_details(qtbot, log_file, clipboard,
                                                             monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    try:
        raise KeyError(f"token={SECRET}")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert dialogs.shown[-1][:2] == ("warn", "Something went wrong")
    dialog = dialogs.error_dialog
    qtbot.addWidget(dialog)
    copied = dialog.copy_details()
    assert "KeyError" in copied and "token=***" in copied and SECRET not in copied
    assert KNOWN_LINE in copied and platform.platform() in copied


def test_an_expected_error_keeps_its_plain_warning(qtbot, log_file):
    from core.errors import DomainError

    owner = QWidget()
    qtbot.addWidget(owner)
    tasks.run(owner, fail_with(DomainError("That customer is archived.")))
    settle(qtbot)
    assert dialogs.shown[-1] == ("warn", "Cannot do that", "That customer is archived.")
    assert dialogs.error_dialog is None


def test_support_details_never_hold_a_password_or_token(log_file):
    logging.getLogger("roundsman").info("sent Authorization: Bearer %s", SECRET)
    text = support_details(f"RuntimeError: {URL_WITH_PASSWORD} password={SECRET}",
                           database="db.example:5432/roundsman")
    assert SECRET not in text
    assert "Bearer ***" in text and "password=***" in text
    build = "installed (frozen)" if getattr(sys, "frozen", False) else "from source"
    assert f"Build: {build}" in text and f"Python: {platform.python_version()}" in text
    assert "Qt: " in text and "Language: " in text


def test_about_from_the_help_menu_shows_the_version_and_copies_it(
        qtbot, log_file, clipboard, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    window = open_main(qtbot, ctx)
    assert window.help_menu.title() == "&Help"
    assert window.about_action in window.help_menu.actions()
    assert window.about_action.text() == "&About Roundsman…"
    window.about_action.trigger()
    [about] = window.findChildren(AboutDialog)
    qtbot.waitExposed(about)
    assert about.windowTitle() == "About Roundsman"
    assert about.title.text() == f"Roundsman {VERSION}"
    assert about.api_value.text() == API_VERSION
    assert about.database_label.text() == "Database:" and about.database_value.text() == ctx.database
    assert about.folder_value.text() == str(data_dir())
    assert about.log_value.text() == str(log_file)

    qtbot.mouseClick(about.copy_button, Qt.MouseButton.LeftButton)
    copied = clipboard.text()
    assert f"Roundsman {VERSION}" in copied and platform.platform() in copied
    assert f"Database: {ctx.database}" in copied and KNOWN_LINE in copied
    assert "Traceback" not in copied
    assert about.copy_button.text() == "Copied" and about.isVisible()
    qtbot.mouseClick(about.close_button, Qt.MouseButton.LeftButton)
    assert not about.isVisible()


def test_about_names_the_server_when_connected(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    ctx.engine = None  # as a connected workstation's context: no database of its own
    ctx.database = "https://office.example:8443"
    about = AboutDialog(ctx)
    qtbot.addWidget(about)
    assert about.database_label.text() == "Server:"
    assert about.database_value.text() == "https://office.example:8443"
