"""``roundsman --demo`` and the first-run dialog's demo button: the demo company is made off
the UI thread, with what is being made and a bar that runs to its end; then the log-in."""

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from core import demo
from core.services import users
from desktop import app, dialogs
from desktop.windows import first_run
from desktop.windows.first_run import DemoProgress, FirstRunDialog
from desktop.windows.login import LoginDialog
from tests.gui.records import settle


@pytest.fixture
def small_demo(monkeypatch):
    monkeypatch.setattr(first_run, "DEMO_CUSTOMERS", 8)
    monkeypatch.setattr(first_run, "DEMO_DAYS", 6)


def drive(qtbot, monkeypatch) -> list[tuple]:
    """Replace the dialog seam: the demo's progress runs to its end, the log-in is seen
    and closed.  Returns what was seen, in order."""
    seen: list[tuple] = []

    def run_dialog(dialog: QDialog) -> int:
        if dialog.parent() is None:
            qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, DemoProgress):
            values: list[int] = []
            steps: set[str] = set()
            dialog.bar.valueChanged.connect(values.append)
            dialog.bar.valueChanged.connect(lambda _: steps.add(dialog.step.text()))
            dialog.reject()  # Esc while it works: ignored
            assert dialog.isVisible()
            qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted,
                            timeout=60_000)
            assert values == sorted(values) and len(values) > 3, "the bar moves step by step"
            seen.append(("demo", dialog.bar.value(), dialog.bar.maximum(), steps))
            return dialog.result()
        assert isinstance(dialog, LoginDialog)
        seen.append(("login", dialog.username.text()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs, "run_dialog", run_dialog)
    return seen


def test_roundsman_demo_shows_its_progress_to_the_end_then_the_log_in(
        qtbot, sqlite_url, monkeypatch, small_demo):
    seen = drive(qtbot, monkeypatch)
    assert app.main(["--demo", "--db", sqlite_url]) == 0
    (kind, value, maximum, steps), login = seen
    assert kind == "demo" and value == maximum > 3
    # in the language the app started in (zh-TW unless set otherwise)
    assert steps == {QCoreApplication.translate("core", step) for step in demo.STEPS}
    assert login == ("login", first_run.DEMO_USER)


def test_the_first_run_dialogs_demo_button_shows_the_progress_then_accepts(
        qtbot, sqlite_engine, monkeypatch, small_demo):
    seen = drive(qtbot, monkeypatch)
    dialog = FirstRunDialog(sqlite_engine)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.demo_button.click()
    settle(qtbot)
    assert seen[0][0] == "demo" and seen[0][1] == seen[0][2]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.username == first_run.DEMO_USER
    assert {u.username for u in users.list_users(sqlite_engine)} >= {"admin", "clerk"}
