"""The administrator's users window: create, edit (versioned), reset a password."""

import pytest
from PySide6.QtCore import Qt

from core import changes
from core.errors import AuthenticationFailed
from core.services import audit, auth, users
from core.services.actor import SYSTEM
from desktop import dialogs
from desktop.windows.users import UsersWindow
from tests.gui.records import context, settle


def open_window(qtbot, ctx) -> UsersWindow:
    window = UsersWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def choose(qtbot, window, username):
    row = window.model.find(lambda u: u.username == username)
    window.table.setCurrentIndex(window.model.index(row, 0))
    settle(qtbot)


def test_the_list_shows_every_user_with_their_roles(qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["admin"]))
    assert [u.username for u in window.model.rows] == ["admin", "clerk", "dispatcher", "manager"]
    row = window.model.find(lambda u: u.username == "manager")
    assert window.model.index(row, 2).data() == "Manager"


def test_an_administrator_creates_a_user_who_can_then_log_in(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    window.username.setText("mei")
    window.full_name.setText("Mei Lin")
    window.password.setText("mei-secret-1")
    window.repeat.setText("mei-secret-1")
    window.role_boxes["dispatcher"].setChecked(True)
    qtbot.keyClick(window.full_name, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.message.text() == "User mei created."
    created = next(u for u in users.list_users(ctx.engine) if u.username == "mei")
    assert created.roles == ("clerk", "dispatcher") and created.full_name == "Mei Lin"
    assert window.model.find(lambda u: u.username == "mei") is not None
    assert window.current.id == created.id  # the form now edits the new user
    assert auth.login(ctx.engine, "mei", "mei-secret-1").username == "mei"


def test_a_new_user_needs_the_same_password_twice(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    window.username.setText("mei")
    window.password.setText("mei-secret-1")
    window.repeat.setText("mei-secret-2")
    window.save_button.click()
    settle(qtbot)
    assert window.message.text() == "The two passwords are not the same."
    assert "mei" not in [u.username for u in users.list_users(ctx.engine)]


def test_bad_input_is_shown_under_its_field(qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["admin"]))
    window.username.setText("x")
    window.password.setText("short")
    window.repeat.setText("short")
    window.save_button.click()
    settle(qtbot)
    assert "user name" in window.form.error_text("username")
    assert "at least 8 characters" in window.form.error_text("password")


def test_editing_roles_and_deactivating_a_user_is_saved_and_audited(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    choose(qtbot, window, "clerk")
    assert window.username.isReadOnly() and window.username.text() == "clerk"
    window.role_boxes["manager"].setChecked(True)
    window.active.setChecked(False)
    window.save_button.click()
    settle(qtbot)
    clerk = next(u for u in users.list_users(ctx.engine) if u.username == "clerk")
    assert clerk.roles == ("clerk", "manager") and not clerk.active
    assert window.message.text() == "Saved."
    entry = audit.list_entries(ctx.engine, SYSTEM, entity="user", entity_id="clerk")[0]
    assert entry.changes["active"] == [True, False]


def test_a_user_changed_elsewhere_asks_to_reload_and_keeps_the_typed_input(
        qtbot, make_ctx, sqlite_seeded, answers):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    choose(qtbot, window, "clerk")
    elsewhere = next(u for u in users.list_users(ctx.engine) if u.username == "clerk")
    users.update_user(ctx.engine, ctx.actor, user_id=elsewhere.id, version=elsewhere.version,
                      roles=["clerk"], full_name="Changed Elsewhere", active=True)
    window.full_name.setText("Typed Here")
    answers.append(True)  # "changed elsewhere — reload?" yes
    window.save_button.click()
    settle(qtbot)
    assert dialogs.shown[-1][0] == "ask" and answers == []
    assert window.full_name.text() == "Typed Here"
    window.save_button.click()  # the second save applies the input to the newer version
    settle(qtbot)
    clerk = next(u for u in users.list_users(ctx.engine) if u.username == "clerk")
    assert clerk.full_name == "Typed Here"


def test_resetting_a_password_unlocks_the_user(qtbot, make_ctx, sqlite_seeded, monkeypatch):
    ctx = make_ctx(sqlite_seeded["admin"])
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(AuthenticationFailed):
            auth.login(ctx.engine, "clerk", "wrong-password")
    window = open_window(qtbot, ctx)
    choose(qtbot, window, "clerk")
    assert window.lock_info.isVisible()

    def fill_and_accept(dialog):
        qtbot.addWidget(dialog)
        dialog.new.setText("fresh-start-1")
        dialog.repeat.setText("fresh-start-1")
        dialog.ok_button.click()
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", fill_and_accept)
    window.reset_button.click()
    settle(qtbot)
    assert window.message.text() == "The password of clerk was reset."
    assert not window.lock_info.isVisible()
    assert auth.login(ctx.engine, "clerk", "fresh-start-1").username == "clerk"


def test_choosing_another_user_asks_before_dropping_typed_changes(
        qtbot, make_ctx, sqlite_seeded, answers):
    window = open_window(qtbot, make_ctx(sqlite_seeded["admin"]))
    choose(qtbot, window, "clerk")
    window.full_name.setText("Typed But Not Saved")
    answers.append(False)  # "discard changes?" no
    choose(qtbot, window, "manager")
    assert answers == [] and window.current.username == "clerk"
    assert window.full_name.text() == "Typed But Not Saved"
    assert window.model.row(window.table.currentIndex().row()).username == "clerk"


def test_another_workstations_change_shows_at_once_and_the_user_being_edited_stays(
        qtbot, make_ctx, sqlite_seeded, sqlite_engine):
    window = open_window(qtbot, make_ctx(sqlite_seeded["admin"]))
    choose(qtbot, window, "manager")
    window.full_name.setText("Half Typ")  # editing, not saved
    other = context(sqlite_engine, "admin")  # another workstation
    listed = {u.username: u for u in users.list_users(sqlite_engine)}
    with changes.collect() as got:
        for name, full_name in (("clerk", "Lin Mei"), ("manager", "Chen Da")):
            other.api.users.update(user_id=listed[name].id, version=listed[name].version,
                                   roles=list(listed[name].roles), full_name=full_name,
                                   active=True)
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    full_names = {u.username: window.model.index(n, 1).data()
                  for n, u in enumerate(window.model.rows)}
    assert (full_names["clerk"], full_names["manager"]) == ("Lin Mei", "Chen Da")
    assert window.current.username == "manager" and window.full_name.text() == "Half Typ"
    assert window.model.row(window.table.currentIndex().row()).username == "manager"
