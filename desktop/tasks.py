"""The one way to run core work off the UI thread.

``run(owner, fn, ...)`` calls ``fn`` on a pool thread and delivers its result
or its exception back on the UI thread.  The widget that started the work
(usually a button) is disabled until it finishes, so a double click cannot
save twice.  Widgets are only touched on the UI thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
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


def pending() -> int:
    """How many jobs have not delivered yet (tests wait for 0)."""
    return len(_running)


def run(owner: QObject, fn: Callable[[], Any], *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        disable: QWidget | None = None) -> None:
    """Run ``fn()`` off the UI thread; callbacks run on the UI thread.

    Without ``on_error`` a failure goes to the app's one error path
    (``desktop.errors.show``).
    """
    job = _Job(fn)
    job.setAutoDelete(False)
    _running.add(job)
    if disable is not None:
        disable.setEnabled(False)

    def finish() -> None:
        _running.discard(job)
        if disable is not None:
            try:
                disable.setEnabled(True)
            except RuntimeError:  # the widget was closed meanwhile
                pass

    def succeeded(result: Any) -> None:
        finish()
        if not shiboken6.isValid(owner):  # closed while the work ran: nobody to tell
            return
        if on_success is not None:
            on_success(result)

    def failed(exc: BaseException, details: str) -> None:
        finish()
        if not shiboken6.isValid(owner):
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


class _Receiver(QObject):
    def __init__(self, succeeded, failed) -> None:
        super().__init__()
        self._succeeded = succeeded
        self._failed = failed

    def on_done(self, result: Any) -> None:
        self._succeeded(result)

    def on_failed(self, exc: BaseException, details: str) -> None:
        self._failed(exc, details)
