"""Backups in the desktop: the Settings window's group, the day's backup while the app
runs, one more when the main window closes, and the banner when none succeeded for two
days."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QProgressDialog

from core import backup, checks, schema
from core.services import settings
from core.services.actor import SYSTEM
from desktop import backups, dialogs
from desktop.windows.main_window import MainWindow
from desktop.windows.settings import SettingsWindow
from tests.gui.records import context, settle

THREE_DAYS = timedelta(days=3)


@pytest.fixture
def opened(qtbot):
    """Open windows; each is closed at the end of the test once its closing backup is made."""
    windows = []

    def open_(cls, ctx):
        window = cls(ctx)
        qtbot.addWidget(window)
        window.show()
        settle(qtbot)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.close()
    settle(qtbot)


@pytest.fixture
def morning(monkeypatch) -> datetime:
    """The scheduler's clock says 08:00 today, before the day's backup (13:00) is due."""
    eight = scheduled_today(8)
    monkeypatch.setattr(backups, "clock", lambda: eight)
    return eight


@pytest.fixture
def in_the_way(tmp_path):
    """A backup folder that cannot be used: a file has its name."""
    path = tmp_path / "a-file"
    path.write_text("not a folder")
    return path


@pytest.fixture
def folder(sqlite_engine, tmp_path):
    """The backup folder, set in the company settings."""
    path = tmp_path / "backups"
    settings.update_company(sqlite_engine, SYSTEM, backup_folder=str(path))
    return path


def files(path) -> list[str]:
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def assert_good_backup(path) -> None:
    """The file opens as a Roundsman database of this schema and passes ``db check``."""
    copy = backup.read_only(path)
    try:
        assert schema.current(copy) == schema.head()
        assert all(result.ok for result in checks.run(copy))
    finally:
        copy.dispose()


def scheduled_today(hours: int, minutes: int = 0) -> datetime:
    return datetime.combine(datetime.now().date(), time(hours, minutes))


# --- the Settings window ---------------------------------------------------------------

def test_an_administrator_saves_the_backup_folder_time_and_retention(
        qtbot, opened, make_ctx, sqlite_seeded, tmp_path, monkeypatch):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = opened(SettingsWindow, ctx)
    assert window.last_backup.text() == "No backup yet."
    assert (window.backup_time.text(), *(f.text() for f in window.backup_keep)) == (
        "13:00", "7", "4", "12")
    chosen = tmp_path / "usb-disk"
    monkeypatch.setattr(dialogs, "choose_folder", lambda *args: str(chosen))
    window.choose_backup_folder.click()
    assert window.backup_folder.text() == str(chosen)
    window.backup_time.setText("18:30")
    window.backup_keep[0].setText("10")
    window.save_backups.click()
    settle(qtbot)
    company = settings.get_company(ctx.engine)
    assert (company.backup_folder, company.backup_time) == (str(chosen), "18:30")
    assert company.backup_retention == backup.Retention(daily=10, weekly=4, monthly=12)
    assert ctx.company == company
    assert window.backup_message.text() == "The backup settings are saved."


def test_a_bad_backup_time_is_refused_on_its_field_and_the_form_is_kept(
        qtbot, opened, make_ctx, sqlite_seeded, tmp_path):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = opened(SettingsWindow, ctx)
    window.backup_folder.setText(str(tmp_path / "backups"))
    window.backup_time.setText("25:00")
    window.save_backups.click()
    settle(qtbot)
    assert window.backup_form.error_text("backup_time").startswith("Enter a time of day")
    assert (window.backup_folder.text(), window.backup_time.text()) == (
        str(tmp_path / "backups"), "25:00")
    company = settings.get_company(ctx.engine)
    assert (company.backup_folder, company.backup_time) == ("", "13:00")


def test_back_up_now_makes_a_verified_backup_and_shows_it_as_the_last(
        qtbot, opened, make_ctx, sqlite_seeded, folder):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = opened(SettingsWindow, ctx)
    assert window.last_backup.text() == "No backup yet."
    window.backup_now.click()
    settle(qtbot)
    last = backup.latest(ctx.engine, folder)
    assert last is not None and files(folder) == [last.path.name]
    assert_good_backup(last.path)
    assert window.backup_message.text() == f"Backed up and verified: {last.path.name}"
    when = last.taken_at.strftime("%Y-%m-%d %H:%M")
    assert window.last_backup.text() == f"Last backup: {when}, {round(last.bytes / 1024)} KB"

    again = opened(SettingsWindow, ctx)  # opened later, it finds the backup in the folder
    assert again.last_backup.text() == window.last_backup.text()


def test_a_backup_size_is_shown_in_kb_or_mb():
    assert [backups.size_text(n) for n in (300, 1536, 1024 * 1024 - 1, 3_500_000)] == [
        "1 KB", "2 KB", "1024 KB", "3.3 MB"]


def test_back_up_now_without_a_folder_asks_for_one_first(
        qtbot, opened, make_ctx, sqlite_seeded):
    window = opened(SettingsWindow, make_ctx(sqlite_seeded["admin"]))
    window.backup_now.click()
    settle(qtbot)
    assert window.backup_message.text() == (
        "Choose a backup folder and save the backup settings first.")


def test_a_failed_backup_is_shown_in_the_group(qtbot, opened, make_ctx, sqlite_seeded,
                                               sqlite_engine, in_the_way):
    settings.update_company(sqlite_engine, SYSTEM, backup_folder=str(in_the_way))
    window = opened(SettingsWindow, make_ctx(sqlite_seeded["admin"]))
    window.backup_now.click()
    settle(qtbot)
    assert window.backup_message.text().startswith(
        f"The backup folder {in_the_way} cannot be used")
    assert dialogs.shown == [] and window.last_backup.text() == "No backup yet."


def test_others_see_the_backup_settings_but_cannot_change_them_or_back_up(
        qtbot, opened, make_ctx, sqlite_seeded, folder):
    window = opened(SettingsWindow, make_ctx(sqlite_seeded["manager"]))
    assert window.backup_folder.text() == str(folder) and window.backup_folder.isReadOnly()
    assert window.backup_time.isReadOnly() and window.backup_keep[2].isReadOnly()
    assert not window.save_backups.isVisible() and not window.backup_now.isVisible()
    assert not window.choose_backup_folder.isVisible()
    assert window.backup_note.text() == "Only an administrator can change the backup settings."


def test_a_postgresql_database_is_backed_up_on_its_server_not_by_the_app(
        qtbot, opened, engine):
    ctx = context(engine, "admin")
    window = opened(SettingsWindow, ctx)
    embedded = engine.url.get_backend_name() == "sqlite"
    assert window.backup_form.isVisible() == embedded
    assert window.backup_now.isVisible() == embedded
    assert ("roundsman-admin backup" in window.backup_note.text()) == (not embedded)
    main = opened(MainWindow, ctx)
    assert main.banner.isVisible() == embedded  # no backup yet: only the embedded app warns
    assert main.scheduler.timer.isActive() == embedded


# --- the main window ---------------------------------------------------------------------

def test_everyone_is_warned_when_no_backup_was_ever_made(qtbot, opened, make_ctx,
                                                          sqlite_seeded):
    window = opened(MainWindow, make_ctx(sqlite_seeded["clerk"]))
    assert window.banner.isVisible()
    assert window.banner.text() == ("No backup has been made yet — the administrator chooses "
                                    "a backup folder in Settings.")


def test_the_banner_appears_when_the_newest_backup_is_three_days_old_and_goes_after_a_backup(
        qtbot, opened, make_ctx, sqlite_seeded, sqlite_engine, folder, morning):
    old = backup.take(sqlite_engine, folder, now=morning - THREE_DAYS)
    window = opened(MainWindow, make_ctx(sqlite_seeded["clerk"]))
    when = old.taken_at.strftime("%Y-%m-%d %H:%M")
    assert window.banner.isVisible()
    assert window.banner.text() == (f"No backup has succeeded since {when} — ask the "
                                    "administrator to check the backup folder in Settings.")
    now = scheduled_today(13, 5)  # the day's backup is due at 13:00
    window.scheduler.tick(now)
    settle(qtbot)
    assert backup.latest(window.ctx.engine, folder).taken_at == now
    assert not window.banner.isVisible()


def test_back_up_now_in_settings_removes_the_banner(qtbot, opened, make_ctx, sqlite_seeded,
                                                    sqlite_engine, folder, morning):
    backup.take(sqlite_engine, folder, now=morning - THREE_DAYS)
    window = opened(MainWindow, make_ctx(sqlite_seeded["admin"]))
    assert window.banner.isVisible()
    page = window.open("settings")
    settle(qtbot)
    page.backup_now.click()
    settle(qtbot)
    assert not window.banner.isVisible()


def test_saving_a_backup_folder_judges_the_backups_again(qtbot, opened, make_ctx,
                                                         sqlite_seeded, sqlite_engine,
                                                         tmp_path, morning):
    elsewhere = tmp_path / "elsewhere"
    backup.take(sqlite_engine, elsewhere, now=morning - timedelta(days=1))
    window = opened(MainWindow, make_ctx(sqlite_seeded["admin"]))
    assert window.banner.isVisible()  # no folder set yet
    page = window.open("settings")
    settle(qtbot)
    page.backup_folder.setText(str(elsewhere))
    page.save_backups.click()
    settle(qtbot)
    assert not window.banner.isVisible()  # yesterday's backup is recent enough
    assert len(files(elsewhere)) == 1


def test_the_scheduled_backup_is_taken_once_its_time_has_come_and_only_once(
        qtbot, opened, make_ctx, sqlite_seeded, sqlite_engine, folder, morning):
    settings.update_company(sqlite_engine, SYSTEM, backup_time="09:30")
    window = opened(MainWindow, make_ctx(sqlite_seeded["dispatcher"]))
    assert window.scheduler.timer.interval() == 60_000 and window.scheduler.timer.isActive()
    assert files(folder) == []  # 08:00: not yet
    page = window.open("settings")
    settle(qtbot)
    assert page.last_backup.text() == "No backup yet."
    window.scheduler.tick(scheduled_today(9, 29))
    settle(qtbot)
    assert files(folder) == []
    window.scheduler.tick(scheduled_today(9, 30))
    settle(qtbot)
    assert len(files(folder)) == 1
    assert_good_backup(backup.latest(window.ctx.engine, folder).path)
    assert page.last_backup.text().startswith(f"Last backup: {datetime.now().date()} 09:30, ")
    window.scheduler.tick(scheduled_today(9, 31))
    window.scheduler.tick(scheduled_today(17, 0))
    settle(qtbot)
    assert len(files(folder)) == 1


def test_a_failed_scheduled_backup_is_logged_and_shown_in_the_banner_without_a_dialog(
        qtbot, opened, make_ctx, sqlite_seeded, sqlite_engine, in_the_way, morning, caplog):
    settings.update_company(sqlite_engine, SYSTEM, backup_folder=str(in_the_way))
    window = opened(MainWindow, make_ctx(sqlite_seeded["clerk"]))
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="roundsman"):
        window.scheduler.tick(scheduled_today(13, 1))
        settle(qtbot)
    assert window.banner.text().startswith(
        f"The backup failed: The backup folder {in_the_way} cannot be used")
    assert "No backup has been made yet" in window.banner.text()
    assert any("scheduled backup failed" in r.getMessage() for r in caplog.records)
    assert dialogs.shown == []
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="roundsman"):
        window.scheduler.tick(scheduled_today(13, 30))  # tried again an hour later only
        settle(qtbot)
    assert caplog.records == []
    in_the_way.unlink()  # the way is clear: the next try succeeds
    window.scheduler.tick(scheduled_today(14, 2))
    settle(qtbot)
    assert len(files(in_the_way)) == 1 and not window.banner.isVisible()


def test_closing_the_main_window_makes_a_backup_first(qtbot, opened, make_ctx,
                                                      sqlite_seeded, folder, morning):
    ctx = make_ctx(sqlite_seeded["clerk"])
    window = opened(MainWindow, ctx)
    before = files(folder)
    window.close()
    assert window.isVisible()  # it waits for the backup, and says so
    busy = window.findChild(QProgressDialog)
    assert busy is not None and busy.isVisible() and "backup" in busy.labelText()
    settle(qtbot)
    assert not window.isVisible()
    made = [name for name in files(folder) if name not in before]
    assert len(made) == 1
    assert_good_backup(folder / made[0])
    assert dialogs.shown == []


def test_a_failed_backup_on_closing_is_shown_once_and_the_window_still_closes(
        qtbot, opened, make_ctx, sqlite_seeded, sqlite_engine, in_the_way, morning):
    settings.update_company(sqlite_engine, SYSTEM, backup_folder=str(in_the_way))
    window = opened(MainWindow, make_ctx(sqlite_seeded["clerk"]))
    window.close()
    window.close()  # closing again while the backup is made changes nothing
    settle(qtbot)
    assert not window.isVisible()
    assert [(kind, title) for kind, title, _text in dialogs.shown] == [("warn", "Backup failed")]
    assert f"The backup folder {in_the_way} cannot be used" in dialogs.shown[0][2]


def test_closing_without_a_backup_folder_closes_at_once(qtbot, opened, make_ctx,
                                                        sqlite_seeded):
    window = opened(MainWindow, make_ctx(sqlite_seeded["clerk"]))
    window.close()
    assert not window.isVisible() and window.findChild(QProgressDialog) is None
