"""Long operations on the office server: a billing run, standing-order generation, route
planning, a month's PDFs.

An operation that reports progress or can be stopped (its function takes ``progress``,
``cancelled`` or ``should_stop``) runs as a job: on a thread of its own, outside the
pool that serves the workstations' requests, so a month's billing never starves order
entry.  The workstation that started it is told each step as it happens (it waits for
the next one: a long poll) and may cancel it; the job belongs to the user who started
it, keeps running if that workstation goes away, and is listed for that user, so a
window opened again finds it.  A finished job's reply is kept for ``KEEP_SECONDS``.
"""

from __future__ import annotations

import inspect
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec
from sqlalchemy import Engine

from core import changes
from core.api import codec, registry
from core.errors import DomainError, NotFound
from core.i18n import QT_TRANSLATE_NOOP
from core.services.actor import Actor

KEEP_SECONDS = 600.0
PROGRESS = ("progress",)
STOP = ("cancelled", "should_stop")


class UnknownJob(NotFound):
    default = QT_TRANSLATE_NOOP(
        "core", "The server has no such job any more (it restarted, or the job finished "
        "long ago). Start it again: what it did before is kept and not done twice.")


class Status(msgspec.Struct):
    """What a job's starter is told: its progress so far and, once done, its reply (the
    operation's result and change set) or its refusal, both as the call would give them."""

    job: str
    operation: str
    version: int
    progress: list[float] = []
    state: str = "running"  # running | done | failed
    reply: msgspec.Raw = msgspec.Raw(b"null")


def takes_job(operation: registry.Operation) -> bool:
    """Whether the operation runs as a job (it reports progress or can be stopped)."""
    names = inspect.signature(operation.fn).parameters
    return any(n in names for n in PROGRESS + STOP)


@dataclass
class Job:
    id: str
    operation: registry.Operation
    user_id: int | None
    version: int = 0
    progress: list[float] = field(default_factory=list)
    state: str = "running"
    reply: bytes = b"null"
    stop: threading.Event = field(default_factory=threading.Event)
    finished_at: float | None = None

    def status(self) -> Status:
        return Status(self.id, self.operation.name, self.version, self.progress, self.state,
                      msgspec.Raw(self.reply))


class Jobs:
    def __init__(self, engine: Engine, failed: Callable[[str], DomainError]) -> None:
        self.engine = engine
        self.failed = failed  # an unexpected exception's refusal (logged by the caller)
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def start(self, operation: registry.Operation, actor: Actor,
              arguments: dict[str, Any]) -> Job:
        job = Job(uuid.uuid4().hex, operation, actor.user_id)
        names = inspect.signature(operation.fn).parameters

        def progress(*steps: float) -> None:
            self._update(job, progress=[float(s) for s in steps])

        hooks = {n: progress for n in PROGRESS if n in names}
        hooks |= {n: job.stop.is_set for n in STOP if n in names}

        def run() -> None:
            try:
                with changes.collect() as got:
                    result = operation.call(self.engine, actor, {**arguments, **hooks})
                self._update(job, state="done",
                             reply=codec.encode_reply(operation, result, got.value))
            except DomainError as exc:
                self._update(job, state="failed", reply=codec.encode_error(exc))
            except Exception:  # noqa: BLE001 - logged, a plain refusal to the starter
                self._update(job, state="failed",
                             reply=codec.encode_error(self.failed(operation.name)))

        with self.lock:
            self._forget_old()
            self.jobs[job.id] = job
        threading.Thread(target=run, name=f"job {operation.name}", daemon=True).start()
        return job

    def _update(self, job: Job, **values: Any) -> None:
        with self.lock:
            for key, value in values.items():
                setattr(job, key, value)
            job.version += 1
            if job.state != "running":
                job.finished_at = time.monotonic()

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, j in self.jobs.items()
                    if j.finished_at is not None and now - j.finished_at > KEEP_SECONDS]:
            del self.jobs[key]

    def get(self, job_id: str, actor: Actor) -> Job:
        job = self.jobs.get(job_id)
        if job is None or job.user_id != actor.user_id:  # another user's job is not shown
            raise UnknownJob()
        return job

    def cancel(self, job_id: str, actor: Actor) -> None:
        self.get(job_id, actor).stop.set()

    def of(self, actor: Actor) -> list[Status]:
        """The user's running jobs."""
        with self.lock:
            return [j.status() for j in self.jobs.values()
                    if j.user_id == actor.user_id and j.state == "running"]
