"""The main window offers each user only the windows their roles allow."""

from core.config import LocalSettings
from core.services import auth
from desktop import dialogs
from desktop.windows import registry
from desktop.windows.main_window import IMPORT_MODULE, MainWindow
from tests.gui.records import settle


def open_main(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def nav_keys(window) -> list[str]:
    return [e.key for e in window.entries]


def nav_texts(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_a_clerk_sees_neither_users_nor_the_audit_log(qtbot, make_ctx, sqlite_seeded):
    window = open_main(qtbot, make_ctx(sqlite_seeded["clerk"]))
    assert "users" not in nav_keys(window) and "audit" not in nav_keys(window)
    assert "Users" not in nav_texts(window) and "Settings" in nav_texts(window)
    menu = window.file_menu.actions()
    assert window.import_customers not in menu and window.import_products not in menu


def test_an_administrator_sees_every_window(qtbot, make_ctx, sqlite_seeded):
    window = open_main(qtbot, make_ctx(sqlite_seeded["admin"]))
    available = [e.key for e in registry.ENTRIES if e.available()]
    assert nav_keys(window) == available
    assert {"users", "audit", "settings"} <= set(nav_keys(window))
    if registry.module_available(IMPORT_MODULE):
        menu = window.file_menu.actions()
        assert window.import_customers in menu and window.import_products in menu


def test_a_manager_reads_the_audit_log_but_does_not_manage_users(qtbot, make_ctx, sqlite_seeded):
    window = open_main(qtbot, make_ctx(sqlite_seeded["manager"]))
    assert "audit" in nav_keys(window) and "users" not in nav_keys(window)


def test_the_status_bar_says_who_is_logged_in_with_which_roles_and_database(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["manager"])
    window = open_main(qtbot, ctx)
    assert window.status_user.text() == "User: Manager (manager)"
    assert window.status_roles.text() == "Roles: Manager"
    assert ctx.database in window.status_db.text()
    assert window.status_language.text() == "English"


def test_choosing_a_window_in_the_navigation_shows_it(qtbot, make_ctx, sqlite_seeded):
    window = open_main(qtbot, make_ctx(sqlite_seeded["admin"]))
    page = window.open("users")
    settle(qtbot)
    assert window.stack.currentWidget() is page
    assert type(page).__name__ == "UsersWindow"


def test_switching_the_language_in_the_account_menu_is_remembered_and_shown(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_main(qtbot, ctx)
    window.open("users")
    window.open("settings")
    settle(qtbot)
    try:
        window.language_actions["zh_TW"].trigger()
        qtbot.waitUntil(lambda: window.status_language.text() == "繁體中文")
        assert LocalSettings.load().language == "zh_TW"
        assert window.language_actions["zh_TW"].isChecked()
        # the windows not on screen are built again, in the new language, when next opened
        assert list(window.pages) == ["settings"]
    finally:
        window.language_actions["en"].trigger()


def test_change_password_from_the_account_menu(qtbot, make_ctx, sqlite_seeded, monkeypatch):
    ctx = make_ctx(sqlite_seeded["clerk"])
    window = open_main(qtbot, ctx)

    def fill_and_accept(dialog):
        qtbot.addWidget(dialog)
        dialog.old.setText("clerk-pass-1")
        dialog.new.setText("a-new-secret")
        dialog.repeat.setText("a-new-secret")
        dialog.ok_button.click()
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", fill_and_accept)
    window.password_action.trigger()
    assert dialogs.shown[-1] == ("inform", "Password changed", "Your password was changed.")
    assert auth.login(ctx.engine, "clerk", "a-new-secret").username == "clerk"
