"""What the record-window tests share: a context per "workstation", and waiting for work."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from core.config import LocalSettings
from core.services import settings
from core.services.actor import Actor
from desktop import dialogs, tasks
from desktop.context import AppContext


def actor(*roles: str, username: str | None = None) -> Actor:
    return Actor(user_id=None, username=username or roles[0], roles=frozenset(roles))


def context(engine, *roles: str, language: str = "en") -> AppContext:
    """What the app gives a window after a log-in with ``roles``."""
    return AppContext(engine=engine, actor=actor(*roles), local=LocalSettings(language=language),
                      company=settings.get_company(engine), database="test")


def type_chinese(widget: QWidget, text: str) -> None:
    """What an input method does when the user picks characters.

    ``qtbot.keyClicks`` with Chinese text aborts the process; an input method
    commits its text to the focused field in one event, which is what this sends.
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def settle(qtbot, timeout: int = 5000) -> None:
    """Wait until every background task has delivered (debounce timers included)."""
    qtbot.wait(1)
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=timeout)


def show(qtbot, window: QWidget, width: int = 1200, height: int = 700, *,
         wait: bool = True) -> QWidget:
    """``window`` shown at that size (closed after the test), its first load done unless
    not ``wait``."""
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    if wait:
        settle(qtbot)
    return window


def texts(model, column: int) -> list[str]:
    """What ``model`` shows in ``column``, row by row."""
    return [model.data(model.index(n, column)) for n in range(model.rowCount())]


def drive(qtbot, monkeypatch, fill: Callable[[QWidget], None]) -> list:
    """Dialogs the window opens are filled by ``fill(dialog)`` instead of shown modally
    (what a dialog loads when it opens is in first); returns them as they were opened."""
    opened = []

    def run(dialog):
        opened.append(dialog)
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot)
        fill(dialog)
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    return opened


@pytest.fixture
def answers(monkeypatch) -> list[bool]:
    """Pre-recorded answers for dialogs.ask; messages shown are in ``dialogs.shown``.

    An unexpected question pops from an empty list and fails the test."""
    recorded: list[bool] = []
    monkeypatch.setattr(dialogs, "answers", recorded)
    monkeypatch.setattr(dialogs, "shown", [])
    return recorded
