"""The one error path says what went wrong when it is not a bug: a database that cannot be
reached, one that is busy, a disk that is full; and it never shows or logs a password."""

from __future__ import annotations

import errno
import logging
import sqlite3

import psycopg.errors
import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from core.db import make_engine
from desktop import app, dialogs, errors, tasks
from tests.gui.records import settle

UNEXPECTED = "Roundsman hit an unexpected error"
URL_WITH_PASSWORD = "postgresql://mei:s3cret-pw@127.0.0.1:1/roundsman"


@pytest.fixture
def warnings(monkeypatch):
    """Every warning shown, with its details: (title, text, details), the unexpected
    error's dialog (with "Copy details") included."""
    seen: list[tuple[str, str, str]] = []

    def record(_parent, title, text_, details=""):
        seen.append((title, text_, details))

    monkeypatch.setattr(dialogs, "warn", record)
    monkeypatch.setattr(dialogs, "error_details", record)
    return seen


def unreachable_server():
    engine = make_engine(URL_WITH_PASSWORD)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()


def wrapped(orig: Exception):
    """``orig`` as SQLAlchemy raises a database driver's error."""
    def fail():
        raise sa_exc.OperationalError("UPDATE customer SET name = ?", {}, orig)
    return fail


def raising(error: Exception):
    def fail():
        raise error
    return fail


CASES = {
    "PostgreSQL server not running": (unreachable_server, "cannot be reached"),
    "SQLite: database is locked": (wrapped(sqlite3.OperationalError("database is locked")),
                                   "database is busy"),
    "SQLite: disk I/O error": (wrapped(sqlite3.OperationalError("disk I/O error")),
                               "cannot be reached"),
    "SQLite: database or disk is full": (
        wrapped(sqlite3.OperationalError("database or disk is full")), "disk is full"),
    "PostgreSQL: lock not available": (
        wrapped(psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")),
        "database is busy"),
    "PostgreSQL: deadlock": (wrapped(psycopg.errors.DeadlockDetected("deadlock detected")),
                             "database is busy"),
    "PostgreSQL: server shut down": (
        wrapped(psycopg.errors.AdminShutdown("terminating connection")), "cannot be reached"),
    "PostgreSQL: disk full": (wrapped(psycopg.errors.DiskFull("could not extend file")),
                              "disk is full"),
    "writing a file: no space left": (
        raising(OSError(errno.ENOSPC, "No space left on device", "/tmp/invoice.pdf")),
        "disk is full"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_database_or_disk_failure_in_a_background_task_is_said_as_what_it_is(
        qtbot, warnings, case):
    work, says = CASES[case]
    owner = QWidget()
    qtbot.addWidget(owner)
    tasks.run(owner, work)
    settle(qtbot, timeout=20_000)
    [(title, message, details)] = warnings
    assert title == "Cannot do that now"
    assert says in message and UNEXPECTED not in message
    assert "s3cret-pw" not in message + details


def test_anything_else_is_still_the_unexpected_error_with_its_details(qtbot, warnings):
    owner = QWidget()
    qtbot.addWidget(owner)
    tasks.run(owner, wrapped(sqlite3.OperationalError("no such table: customer")))
    settle(qtbot)
    [(title, message, details)] = warnings
    assert title == "Something went wrong" and UNEXPECTED in message
    assert "no such table: customer" in details


def test_no_password_is_shown_or_logged_when_the_error_holds_a_database_url(
        qtbot, warnings, tmp_path, monkeypatch):
    monkeypatch.setenv("ROUNDSMAN_DATA_DIR", str(tmp_path))
    root = logging.getLogger()
    before = list(root.handlers)
    app.setup_logging()
    try:
        owner = QWidget()
        qtbot.addWidget(owner)
        tasks.run(owner, raising(RuntimeError(f"cannot use {URL_WITH_PASSWORD}")))
        settle(qtbot)
        assert app.open_database("postgresql://mei:s3cret-pw@127.0.0.1:notaport/db") is None
        assert app.open_database(URL_WITH_PASSWORD) is None
        logging.getLogger("roundsman").error("connecting with password=s3cret-pw sslmode=off")
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            handler.close()
            root.removeHandler(handler)
    assert len(warnings) == 3
    for title, message, details in warnings:
        assert "s3cret-pw" not in title + message + details
    assert "postgresql://mei:***@127.0.0.1:1/roundsman" in warnings[0][2]
    logged = (tmp_path / "roundsman.log").read_text(encoding="utf-8")
    assert "postgresql://mei:***@127.0.0.1:1/roundsman" in logged and "password=***" in logged
    assert "s3cret-pw" not in logged
