"""The log-in dialog lets a user in, refuses a wrong password in place, and shows a lockout."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from core.config import LocalSettings
from core.services import auth
from desktop.windows.login import LoginDialog
from tests.gui.records import settle


def log_in(qtbot, dialog, username, password):
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    settle(qtbot)


def make_dialog(qtbot, engine, last_user=""):
    dialog = LoginDialog(lambda u, p: auth.login(engine, u, p), LocalSettings(language="en", last_user=last_user))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_enter_with_the_right_password_logs_the_user_in_and_remembers_the_name(
        qtbot, sqlite_engine, sqlite_seeded):
    dialog = make_dialog(qtbot, sqlite_engine)
    log_in(qtbot, dialog, "clerk", "clerk-pass-1")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "clerk" and dialog.actor.roles == frozenset({"clerk"})
    assert LocalSettings.load().last_user == "clerk"


def test_the_last_user_is_filled_in_and_the_password_has_the_focus(
        qtbot, sqlite_engine, sqlite_seeded):
    dialog = make_dialog(qtbot, sqlite_engine, last_user="manager")
    assert dialog.username.text() == "manager"
    qtbot.waitUntil(lambda: dialog.password.hasFocus())


def test_a_wrong_password_is_said_in_red_and_only_the_password_is_cleared(
        qtbot, sqlite_engine, sqlite_seeded):
    dialog = make_dialog(qtbot, sqlite_engine)
    log_in(qtbot, dialog, "clerk", "not-the-password")
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Wrong user name or password."
    assert dialog.password.text() == ""
    assert dialog.username.text() == "clerk"


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(
        qtbot, sqlite_engine, sqlite_seeded):
    dialog = make_dialog(qtbot, sqlite_engine)
    log_in(qtbot, dialog, "nobody", "whatever-pass")
    assert dialog.message.text() == "Wrong user name or password."


def test_after_five_failures_the_account_is_locked_even_for_the_right_password(
        qtbot, sqlite_engine, sqlite_seeded):
    dialog = make_dialog(qtbot, sqlite_engine)
    for _ in range(auth.MAX_FAILURES):
        log_in(qtbot, dialog, "clerk", "wrong-password")
    log_in(qtbot, dialog, "clerk", "clerk-pass-1")
    assert dialog.actor is None
    assert dialog.message.text() == (
        f"Too many failed log-ins. This account is locked for {auth.LOCK_MINUTES} more minutes.")
