"""The one way to run core work off the UI thread.

``run(owner, fn, ...)`` calls ``fn`` on a pool thread and delivers its result
or its exception back on the UI thread.  The widget that started the work
(usually a button) is disabled until it finishes, so a double click cannot
save twice.  Widgets are only touched on the UI thread.

A request may carry a ``key``: starting another task with the same owner and
key supersedes the earlier one, whose result and error are then dropped here
(never delivered), so a window shows only the answer to its newest question
(the list for the date now chosen, not the one typed before).  ``forget``
drops a pending answer without asking again (an edit made the question moot).
A task owned by a widget that was deleted meanwhile delivers nothing.

Long work reports progress and hears Cancel through a ``Progress``: the task
gets its ``hooks()`` (``progress(done, total)`` and ``cancelled()``, the core's
convention, callable from any thread); the UI connects to ``moved(done, total)``,
delivered on the UI thread, and calls ``cancel()``.  ``desktop.widgets.progress``
shows one as a progress bar with a Cancel button.
"""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable, Hashable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimerEvent, Signal
from PySide6.QtWidgets import QWidget


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:  # pool thread
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the UI thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()
# The newest task per (owner, key); a finished task removes itself only if still newest,
# so an id reused by a new owner after the old one was deleted cannot be confused.
_latest: dict[tuple[int, Hashable], _Job] = {}


def pending() -> int:
    """How many jobs have not finished yet, superseded ones included (tests wait for 0)."""
    return len(_running)


def forget(owner: QObject, key: Hashable) -> None:
    """Drop the answer of ``owner``'s task of ``key`` still on its way, if any."""
    _latest.pop((id(owner), key), None)


def busy(owner: QObject, key: Hashable) -> bool:
    """Whether ``owner``'s newest task of ``key`` has not delivered yet."""
    return (id(owner), key) in _latest


def run(owner: QObject, fn: Callable[[], Any], *,
        key: Hashable | None = None,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_end: Callable[[], None] | None = None,
        disable: QWidget | None = None) -> None:
    """Run ``fn()`` off the UI thread; callbacks run on the UI thread.

    With a ``key``, a later ``run`` of the same owner and key (or ``forget``)
    supersedes this one: neither its result nor its error is delivered.
    ``on_end`` runs when the work has ended, delivered or dropped (before
    ``on_success``/``on_error``; not when the owner was deleted): it takes down
    what shows the work is under way.
    Without ``on_error`` a failure goes to the app's one error path
    (``desktop.errors.show``).
    """
    job = _Job(fn)
    job.setAutoDelete(False)
    job.disable = disable
    _running.add(job)
    slot = None if key is None else (id(owner), key)
    if slot is not None:
        _latest[slot] = job
    if disable is not None:
        disable.setEnabled(False)

    def finish() -> bool:
        """The job has ended; whether its answer is still wanted."""
        _running.discard(job)
        if disable is not None and not any(other.disable is disable for other in _running):
            try:
                disable.setEnabled(True)
            except RuntimeError:  # the widget was closed meanwhile
                pass
        wanted = True
        if slot is not None:
            wanted = _latest.get(slot) is job  # not superseded or forgotten
            if wanted:
                del _latest[slot]
        if not shiboken6.isValid(owner):  # closed while the work ran: nobody to tell
            return False
        if on_end is not None:
            on_end()
        return wanted

    def succeeded(result: Any) -> None:
        if finish() and on_success is not None:
            on_success(result)

    def failed(exc: BaseException, details: str) -> None:
        if not finish():
            return
        if on_error is not None:
            on_error(exc, details)
        else:
            from desktop import errors

            errors.show(owner if isinstance(owner, QWidget) else None, exc, details)

    # The receiver lives on the UI thread, so the pool thread's signals reach it queued.
    receiver = _Receiver(succeeded, failed)
    job.signals.done.connect(receiver.on_done)
    job.signals.failed.connect(receiver.on_failed)
    job._receiver = receiver  # keep alive with the job
    QThreadPool.globalInstance().start(job)


class Progress(QObject):
    """Progress and Cancel of one task, between the UI thread and the pool thread.

    Lives on the UI thread.  The task calls ``report(done, total)`` and polls
    ``cancelled()`` (both thread-safe; ``hooks()`` gives them under the core's names
    ``progress`` and ``cancelled``); ``moved`` reaches the UI thread queued, and
    ``stepped(text)`` before it when the task names its step (``report(d, t, text)``).
    """

    moved = Signal(int, int)
    stepped = Signal(str)
    _reported = Signal(int, int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        # Emitted on the pool thread, received by this UI-thread object: queued.
        self._reported.connect(self._relay)

    def report(self, done: int, total: int, step: str | None = None) -> None:  # any thread
        try:
            self._reported.emit(done, total, step)
        except RuntimeError:  # the window was closed meanwhile: nobody to tell
            pass

    def cancelled(self) -> bool:  # any thread
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block (the task's thread) until Cancel or ``timeout``; whether cancelled."""
        return self._cancel.wait(timeout)

    def hooks(self) -> dict[str, Any]:
        """``progress=`` and ``cancelled=`` for a core call or ``api.follow``."""
        return {"progress": self.report, "cancelled": self.cancelled}

    def _relay(self, done: int, total: int, step: str | None) -> None:
        if step is not None:
            self.stepped.emit(step)
        self.moved.emit(done, total)


class _Receiver(QObject):
    def __init__(self, succeeded, failed) -> None:
        super().__init__()
        self._succeeded = succeeded
        self._failed = failed

    def on_done(self, result: Any) -> None:
        self._succeeded(result)

    def on_failed(self, exc: BaseException, details: str) -> None:
        self._failed(exc, details)


class _Collector(QObject):
    """Python's cycle collector, run on the UI thread only (Anki's ``GarbageCollector``).

    Left automatic, a collection starts in whichever thread allocates when the count
    runs over, a pool thread included, and the Qt objects of a window's garbage would
    then be destroyed off the UI thread: a crash.  So automatic collection is off and
    this timer collects, by the same thresholds, between events on the UI thread."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.startTimer(500)

    def timerEvent(self, event: QTimerEvent) -> None:  # noqa: N802 - Qt's name
        counts = gc.get_count()
        if counts[0] > self.threshold[0]:
            generation = 2 if counts[2] > self.threshold[2] else \
                1 if counts[1] > self.threshold[1] else 0
            gc.collect(generation)


def collect_garbage_on_ui_thread(app: QObject) -> None:
    """Collect cyclic garbage only on ``app``'s (the UI) thread, from now on."""
    if app.findChild(_Collector) is None:
        gc.disable()
        _Collector(app)
