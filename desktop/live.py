"""Connected to the office server: its pushed change sets into ``ctx.events``, and whether
the server can be reached.

A thread of its own reads the server's event stream and emits each change set on
``ctx.events.changed`` (queued to the windows on the UI thread).  When the stream is lost
(the server restarted, the network dropped, or it went silent past its heartbeats), the
link says so and tries again every few seconds; when it is back, every kind is announced
as changed, so each window refreshes what it may have missed meanwhile.  A request the
windows make meanwhile is tried again by the connection if it carries a request key.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from core.changes import KINDS, Changes
from core.errors import DomainError, SessionEnded
from core.server.client import Connection
from desktop.context import Events

log = logging.getLogger("roundsman")
RETRY_SECONDS = 3.0


class Link(QObject):
    """``reachable`` carries True/False as the server is reached or lost; ``ended`` that
    the server ended this session (logged out elsewhere, password changed...)."""

    reachable = Signal(bool)
    ended = Signal()

    def __init__(self, connection: Connection, events: Events,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connection, self.events = connection, events
        self.stopping = threading.Event()
        self.up = True
        connection.reachable = self._reached  # the windows' requests tell too
        self.thread = threading.Thread(target=self._run, name="server-events", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()

    def _reached(self, up: bool) -> None:  # any thread
        if up != self.up:
            self.up = up
            if not self.stopping.is_set():
                self.reachable.emit(up)

    def _run(self) -> None:
        missed = asked_again = False
        while not self.stopping.is_set():
            def opened() -> None:
                nonlocal missed
                self._reached(True)
                if missed:  # whatever changed while the stream was lost
                    missed = False
                    self.events.changed.emit(Changes(whole=frozenset(KINDS)))
            try:
                for changes in self.connection.events(opened):
                    if self.stopping.is_set():
                        return
                    asked_again = False
                    self.events.changed.emit(changes)
                if not asked_again:  # the server ended it: this session ended, or it is
                    asked_again = True  # stopping; asked again at once, it says which
                    continue
            except SessionEnded:
                if not self.stopping.is_set():
                    self.ended.emit()
                return
            except (DomainError, OSError) as exc:
                log.info("the server's event stream was lost: %s", exc)
            except Exception:  # noqa: BLE001 - never silently end the live link
                log.exception("reading the server's event stream failed")
            missed = True
            self._reached(False)
            self.stopping.wait(RETRY_SECONDS)
