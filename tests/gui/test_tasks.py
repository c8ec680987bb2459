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


# --- progress and Cancel ---

def test_progress_reaches_the_ui_thread_and_cancel_is_seen_by_the_task(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    progress = tasks.Progress(owner)
    seen: list[tuple[int, int, bool]] = []
    progress.moved.connect(lambda done, total: seen.append(
        (done, total, threading.current_thread() is threading.main_thread())))
    got: list[str] = []

    def work(progress, cancelled):
        for done in range(1, 100):
            progress(done, 99)
            if done == 2:
                assert not cancelled()
                assert not threading.current_thread() is threading.main_thread()
                while not cancelled():  # the user presses Cancel meanwhile
                    threading.Event().wait(0.01)
                return f"cancelled after {done}"
        return "ran to the end"

    tasks.run(owner, lambda: work(**progress.hooks()), on_success=got.append)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [(1, 99, True), (2, 99, True)]
    progress.cancel()
    settle(qtbot)
    assert got == ["cancelled after 2"]


def test_the_progress_widget_follows_the_task_and_cancel_stops_it(qtbot):
    from desktop.widgets.progress import TaskProgress

    owner = QWidget()
    qtbot.addWidget(owner)
    shown = TaskProgress(owner, cancel_text="Cancel",
                         steps=lambda done, total: f"{done} of {total} things")
    owner.show()
    assert shown.bar.isHidden() and shown.cancel_button.isHidden() and not shown.running
    cancelling: list[bool] = []
    shown.cancelling.connect(lambda: cancelling.append(True))
    progress = shown.start()
    assert shown.running and shown.bar.maximum() == 0  # busy until the first step
    assert shown.cancel_button.isVisible() and shown.cancel_button.isEnabled()

    def work():
        progress.report(1, 3)
        progress.wait(5)
        return progress.cancelled()

    got: list[bool] = []
    tasks.run(owner, work, on_success=got.append)
    qtbot.waitUntil(lambda: shown.bar.value() == 1)
    assert (shown.bar.maximum(), shown.bar.text()) == (3, "1 of 3 things")
    shown.cancel_button.click()
    assert cancelling == [True] and not shown.cancel_button.isEnabled()
    settle(qtbot)
    assert got == [True]
    shown.finish("done")
    assert not shown.running and shown.cancel_button.isHidden()
    assert shown.bar.text() == "done" and shown.bar.value() == shown.bar.maximum() == 1
    old = progress
    shown.start()
    old.report(2, 3)  # a task no longer followed moves nothing
    qtbot.wait(20)
    assert shown.bar.maximum() == 0
    shown.fail()
    assert shown.bar.isHidden() and shown.cancel_button.isHidden()


def test_on_end_runs_for_a_forgotten_task_too(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    events: list[str] = []
    opened, body = gate()
    tasks.run(owner, body("stale"), key="check", on_success=events.append,
              on_end=lambda: events.append("ended"))
    tasks.forget(owner, "check")
    tasks.run(owner, lambda: "kept", on_success=events.append,
              on_end=lambda: events.append("ended too"))
    qtbot.waitUntil(lambda: events == ["ended too", "kept"])
    opened.set()
    settle(qtbot)
    assert events == ["ended too", "kept", "ended"]


def test_a_task_that_names_its_step_has_it_shown_before_the_count(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    progress = tasks.Progress(owner)
    seen: list[object] = []
    progress.stepped.connect(seen.append)
    progress.moved.connect(lambda done, total: seen.append((done, total)))
    tasks.run(owner, lambda: (progress.report(1, 2, "customers"), progress.report(2, 2)))
    settle(qtbot)
    assert seen == ["customers", (1, 2), (2, 2)]


def test_cyclic_garbage_is_collected_on_the_ui_thread_only(qtbot, qapp):
    import gc
    import weakref

    tasks.collect_garbage_on_ui_thread(qapp)
    assert not gc.isenabled()  # no collection can start in a pool thread

    class Cycle:
        pass

    a = Cycle()
    a.me = a
    gone = weakref.ref(a)
    del a
    # Enough allocations for a collection, kept alive: a freed object takes its count back.
    kept = [Cycle() for _ in range(gc.get_threshold()[0] + 1)]
    assert gc.get_count()[0] > gc.get_threshold()[0]
    qtbot.waitUntil(lambda: gone() is None, timeout=3000)  # the UI thread's timer did it
    del kept
