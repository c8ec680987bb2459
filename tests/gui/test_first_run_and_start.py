"""Starting on an empty database, and refusing a database made by a newer Roundsman."""

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from core.db import make_engine
from core.services import auth, users
from desktop import app, dialogs
from desktop.windows.first_run import FirstRunDialog
from tests.gui.records import settle


def test_the_first_administrator_is_created_on_an_empty_database(qtbot, sqlite_engine):
    dialog = FirstRunDialog(sqlite_engine)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_username.setText("Boss")
    dialog.full_name.setText("陳老闆")
    dialog.password.setText("boss-password")
    dialog.repeat.setText("boss-password")
    dialog.create_button.click()
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.username == "boss"
    (boss,) = users.list_users(sqlite_engine)
    assert boss.roles == ("admin",) and boss.full_name == "陳老闆"
    assert auth.login(sqlite_engine, "boss", "boss-password").can("admin")


@pytest.fixture
def future_url(sqlite_url):
    """A database whose schema revision this Roundsman does not know."""
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    engine.dispose()
    return sqlite_url


def test_a_database_from_a_newer_version_is_refused_with_a_message(future_url):
    assert app.open_database(future_url) is None
    kind, title, message = dialogs.shown[-1]
    assert kind == "warn" and title == "Cannot open the database"
    assert "newer version of Roundsman" in message and "from_the_future" in message


def test_the_app_stops_with_code_1_when_the_database_cannot_be_opened(qtbot, future_url):
    assert app.main(["--db", future_url]) == 1
