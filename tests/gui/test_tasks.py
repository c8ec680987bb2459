"""The one runner: answers superseded by a newer request of the same key are dropped by
the runner, a deleted owner hears nothing, and (below) progress and Cancel for any task."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QPushButton, QWidget

from desktop import tasks
from tests.gui.records import settle


def gate():
    """A task body that waits until the test opens its gate, then answers ``value``."""
    opened = threading.Event()

    def body(value, fail=False):
        def fn():
            assert opened.wait(5)
            if fail:
                raise ValueError(value)
            return value
        return fn
    return opened, body


def test_a_result_superseded_by_a_newer_request_of_the_same_key_is_never_delivered(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[str] = []
    first_open, first = gate()
    second_open, second = gate()
    tasks.run(owner, first("old"), key="list", on_success=got.append)
    tasks.run(owner, second("new"), key="list", on_success=got.append)
    assert tasks.busy(owner, "list")
    second_open.set()
    qtbot.waitUntil(lambda: got == ["new"])
    first_open.set()  # the older answer arrives last, and is dropped
    settle(qtbot)
    assert got == ["new"]
    assert not tasks.busy(owner, "list")


def test_a_different_key_of_the_same_owner_is_still_delivered(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[str] = []
    tasks.run(owner, lambda: "list", key="list", on_success=got.append)
    tasks.run(owner, lambda: "detail", key="detail", on_success=got.append)
    tasks.run(owner, lambda: "unkeyed 1", on_success=got.append)
    tasks.run(owner, lambda: "unkeyed 2", on_success=got.append)
    settle(qtbot)
    assert sorted(got) == ["detail", "list", "unkeyed 1", "unkeyed 2"]


def test_the_same_key_of_another_owner_is_not_superseded(qtbot):
    one, two = QWidget(), QWidget()
    qtbot.addWidget(one)
    qtbot.addWidget(two)
    got: list[str] = []
    tasks.run(one, lambda: "one", key="list", on_success=got.append)
    tasks.run(two, lambda: "two", key="list", on_success=got.append)
    settle(qtbot)
    assert sorted(got) == ["one", "two"]


def test_a_superseded_error_is_not_shown(qtbot):
    from desktop import dialogs

    owner = QWidget()
    qtbot.addWidget(owner)
    errors: list[str] = []
    got: list[str] = []
    opened, body = gate()
    tasks.run(owner, body("old failed", fail=True), key="k", on_success=got.append,
              on_error=lambda exc, details: errors.append(str(exc)))
    tasks.run(owner, body("unheard", fail=True), key="k2")  # the one error path, below
    tasks.run(owner, body("new"), key="k", on_success=got.append,
              on_error=lambda exc, details: errors.append(str(exc)))
    tasks.forget(owner, "k2")
    opened.set()
    settle(qtbot)
    assert got == ["new"]
    assert errors == []
    assert dialogs.shown == []


def test_forget_drops_an_answer_without_asking_again(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[str] = []
    opened, body = gate()
    tasks.run(owner, body("moot"), key="check", on_success=got.append)
    tasks.forget(owner, "check")
    assert not tasks.busy(owner, "check")
    assert tasks.pending() == 1  # the thread still runs; tests wait for it
    opened.set()
    settle(qtbot)
    assert got == []


def test_a_deleted_owner_gets_nothing(qtbot):
    owner = QWidget()
    got: list[str] = []
    errors: list[str] = []
    opened, body = gate()
    tasks.run(owner, body("late"), key="k", on_success=got.append)
    tasks.run(owner, body("late error", fail=True),
              on_error=lambda exc, details: errors.append(str(exc)))
    owner.close()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    opened.set()
    settle(qtbot)
    assert got == [] and errors == []


def test_the_button_stays_disabled_until_the_last_task_disabling_it_ends(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    button = QPushButton(owner)
    first_open, first = gate()
    second_open, second = gate()
    tasks.run(owner, first(1), key="k", disable=button)
    tasks.run(owner, second(2), key="k", disable=button)
    assert not button.isEnabled()
    first_open.set()
    qtbot.waitUntil(lambda: tasks.pending() == 1)
    assert not button.isEnabled()
    second_open.set()
    settle(qtbot)
    assert button.isEnabled()
