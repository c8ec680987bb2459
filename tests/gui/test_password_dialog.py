"""Changing one's own password."""

import pytest
from PySide6.QtWidgets import QDialog

from core.errors import AuthenticationFailed
from core.services import audit, auth
from core.services.actor import SYSTEM
from desktop.windows.password import PasswordDialog
from tests.gui.records import settle


def open_dialog(qtbot, ctx, old, new, repeat) -> PasswordDialog:
    dialog = PasswordDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old.setText(old)
    dialog.new.setText(new)
    dialog.repeat.setText(repeat)
    dialog.ok_button.click()
    settle(qtbot)
    return dialog


def test_a_user_changes_their_password(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    dialog = open_dialog(qtbot, ctx, "clerk-pass-1", "brand-new-pass", "brand-new-pass")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert auth.login(ctx.engine, "clerk", "brand-new-pass").username == "clerk"
    with pytest.raises(AuthenticationFailed):
        auth.login(ctx.engine, "clerk", "clerk-pass-1")
    assert audit.list_entries(ctx.engine, SYSTEM, entity="user")[0].action == "password_changed"


def test_a_wrong_current_password_is_said_in_the_dialog(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    dialog = open_dialog(qtbot, ctx, "not-my-password", "brand-new-pass", "brand-new-pass")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "Wrong user name or password."
    assert dialog.old.text() == "" and dialog.old.hasFocus()


def test_the_new_password_must_be_typed_twice_the_same(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    dialog = open_dialog(qtbot, ctx, "clerk-pass-1", "brand-new-pass", "brand-new-typo")
    assert dialog.message.text() == "The two passwords are not the same."
    assert auth.login(ctx.engine, "clerk", "clerk-pass-1").username == "clerk"


def test_a_too_short_password_is_refused_with_core_s_rule(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    dialog = open_dialog(qtbot, ctx, "clerk-pass-1", "short", "short")
    assert dialog.message.text() == f"A password needs at least {auth.MIN_PASSWORD} characters."
