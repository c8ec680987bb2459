"""Running the route planner in a child process without ever blocking the window.

``PlanRunner.start(api, ...)`` starts :func:`desktop.windows.dispatch.child.run`
in a "spawn" process and returns at once: the child calls ``dispatch.plan``
through an in-process api of its own, as the workstation's (``Local``: the same
database and user).  A QTimer polls the child's queue every 100 ms (``get_nowait``
only, so the UI thread never waits on it) and turns what it finds into signals:
``progressed(fraction)``, then exactly one of ``finished(PlanResult)`` or
``failed(exception, details)``.  What the plan committed comes back as its change
set and goes where the workstation's api sends every change set (``Local.changed``:
the windows' events), before ``finished``.  A child that dies without a word
(killed, out of memory, a crash in native code) ends in ``failed`` with its exit
code, never in a hang.

Connected to the office server, the plan runs there (a server job): a thread of this
workstation waits for it, hands its progress to ``progressed`` and sends Stop; its change
set reaches the windows as the server pushes it.

``stop()`` sets the Event that the solver's ``should_stop`` reads: the search
ends and the child writes the best plan found so far.  A child that has not
ended ``STOP_GRACE_S`` seconds after that (still fetching distances, say) is
terminated; its transaction was not committed, so the day keeps its old plan.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
import threading
import time
import traceback
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from core.api.proxy import Api, Local
from core.errors import DomainError
from desktop.windows.dispatch import child

POLL_MS = 100
STOP_GRACE_S = 8.0
FINAL = ("done", "refused", "crashed")  # what the child sends last


class PlannerCrashed(RuntimeError):
    """The planner's process ended with an error that is not the user's to fix."""


def database_url(engine) -> str:
    """The engine's URL with its password (``make_engine`` filled it from the keyring)."""
    return engine.url.render_as_string(hide_password=False)


class PlanRunner(QObject):
    progressed = Signal(float)
    finished = Signal(object)  # PlanResult
    failed = Signal(object, str)  # exception, details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mp = multiprocessing.get_context("spawn")
        self._process = None
        self._queue = None
        self._stop = None
        self._changed = None  # where the api routes a change set
        self._stop_asked_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        return self._process is not None

    @property
    def stopping(self) -> bool:
        return self._stop_asked_at is not None

    def start(self, api: Api, *, day: date | None = None, seconds: float = 0.0,
              vehicle_ids: list[int] | None = None, job: str | None = None) -> None:
        """Plan ``day``; connected, ``job`` instead follows a plan already running on the
        server (found when the window opened)."""
        if self.running:
            return
        self._stop_asked_at = None
        if not isinstance(api, Local):  # the office server plans
            self._queue, self._stop = queues.Queue(), threading.Event()
            self._process = threading.Thread(
                target=self._on_server, name="roundsman-planner", daemon=True,
                args=(api, day, seconds, vehicle_ids, job, self._queue, self._stop))
            self._process.start()
            self._timer.start()
            return
        self._queue = self._mp.Queue()
        self._stop = self._mp.Event()
        self._changed = api.changed
        self._process = self._mp.Process(
            target=child.run, name="roundsman-planner", daemon=True,
            args=(database_url(api.engine), api.actor, day, seconds, vehicle_ids, self._queue,
                  self._stop))
        self._process.start()
        self._timer.start()

    @staticmethod
    def _on_server(api: Api, day: date | None, seconds: float,
                   vehicle_ids: list[int] | None, job: str | None, queue: queues.Queue,
                   stop: threading.Event) -> None:
        """Wait for the server's plan, saying what the child says (a thread of its own)."""
        hooks = {"progress": lambda fraction: queue.put(("progress", fraction)),
                 "should_stop": stop.is_set}
        try:
            result = (api.follow("dispatch.plan", job, **hooks) if job else
                      api.dispatch.plan(day=day, vehicle_ids=vehicle_ids, seconds=seconds,
                                        **hooks))
        except DomainError as exc:
            queue.put(("refused", exc))
        except Exception:  # noqa: BLE001 - said as the child says its crash
            queue.put(("crashed", traceback.format_exc()))
        else:
            queue.put(("done", result))

    def stop(self) -> None:
        """End the search; the best plan found so far is written."""
        if self.running and self._stop_asked_at is None:
            self._stop.set()
            self._stop_asked_at = time.monotonic()

    def shutdown(self) -> None:
        """The window is closing: stop the child and do not wait for it."""
        if self.running:
            self._stop.set()
            if isinstance(self._process, multiprocessing.process.BaseProcess):
                self._process.terminate()
            self._end()

    # --- the UI thread's side ---
    def _poll(self) -> None:
        if not self.running:
            return
        alive = self._process.is_alive()  # before draining: a dead child has sent all it will
        for kind, payload in self._drain():
            if kind == "progress":
                self.progressed.emit(float(payload))
                continue
            if kind == "changes":
                if self._changed is not None:
                    self._changed(payload)
                continue
            self._end()
            if kind == "done":
                self.finished.emit(payload)
            elif kind == "refused":
                self.failed.emit(payload if isinstance(payload, DomainError)
                                 else child.rebuilt(payload), "")
            else:
                self.failed.emit(PlannerCrashed(payload.strip().splitlines()[-1]), payload)
            return
        if not alive and isinstance(self._process, threading.Thread):
            return  # its last message was drained already (or comes with the next poll)
        if not alive:
            code = self._process.exitcode
            self._end()
            self.failed.emit(PlannerCrashed(QCoreApplication.translate(
                "PlanRunner", "The route planner stopped unexpectedly (exit code {code}).")
                .format(code=code)), f"exit code {code}")
            return
        if self._stop_asked_at is not None and not isinstance(self._process, threading.Thread) \
                and time.monotonic() - self._stop_asked_at > STOP_GRACE_S:
            self._process.terminate()  # its plan was not written: the old one stays
            self._end()
            self.failed.emit(PlannerCrashed(QCoreApplication.translate(
                "PlanRunner", "The route planner did not stop; it was ended and the plan was "
                "not changed.")), "terminated after Stop")

    def _drain(self):
        """What the child has sent so far, without waiting (at most one 100 ms poll's worth)."""
        got = []
        deadline = time.monotonic() + 0.03
        while time.monotonic() < deadline:
            try:
                got.append(self._queue.get_nowait())
            except queues.Empty:
                break
            except (EOFError, OSError):  # the child died mid-message
                break
            if got[-1][0] in FINAL:
                break
        # Only the newest progress matters; the change set, then a final message, end it.
        final = [m for m in got if m[0] != "progress"]
        progress = [m for m in got if m[0] == "progress"][-1:]
        return progress + final

    def _end(self) -> None:
        self._timer.stop()
        process, q = self._process, self._queue
        self._process = self._queue = self._stop = None
        self._stop_asked_at = None
        if process is not None:
            process.join(0.03)  # it has put its last message; it is leaving or gone
            if process.is_alive() and not isinstance(process, threading.Thread):
                process.terminate()  # a thread waiting for the server ends by itself
        if isinstance(q, queues.Queue):
            return
        if q is not None:
            q.cancel_join_thread()
            q.close()
