"""Change sets between server processes that serve one PostgreSQL database.

Each process NOTIFYs what it committed on one channel and LISTENs for the others', so a
workstation connected to any process sees every change.  A notice holds at most
``LIMIT`` bytes (PostgreSQL allows 8,000): a change set naming more ids is sent as
the kinds it touches, whole, and the windows refresh those kinds entirely.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable

import msgspec
import psycopg
from sqlalchemy import Engine

from core.changes import KINDS, Changes
from core.db import libpq

CHANNEL = "roundsman_changes"
LIMIT = 7900
log = logging.getLogger("roundsman.server")


class Notice(msgspec.Struct):
    origin: str
    changes: Changes


def shrink(changes: Changes) -> Changes:
    """The change set as kinds alone (what always fits a notice)."""
    return Changes(whole=changes.kinds())


class Fanout:
    def __init__(self, engine: Engine, deliver: Callable[[Changes], None]) -> None:
        self.origin = uuid.uuid4().hex
        self.deliver = deliver
        conninfo, password = libpq(engine)
        self.connect = lambda: psycopg.connect(conninfo, password=password, autocommit=True)
        self.sender = self.connect()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.listener = self._listening()
        self.thread = threading.Thread(target=self._listen, name="fanout", daemon=True)
        self.thread.start()

    def send(self, changes: Changes) -> None:
        """Tell the other processes (called after this process's commit)."""
        payload = msgspec.json.encode(Notice(self.origin, changes))
        if len(payload) > LIMIT:
            payload = msgspec.json.encode(Notice(self.origin, shrink(changes)))
        with self.lock:
            try:
                self.sender.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload.decode()))
            except psycopg.OperationalError:  # the connection was lost: once more, anew
                self.sender = self.connect()
                self.sender.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload.decode()))

    def _listening(self) -> psycopg.Connection:
        conn = self.connect()
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _listen(self) -> None:
        while not self.stopping.is_set():
            try:
                for notify in self.listener.notifies(timeout=1.0):
                    notice = msgspec.json.decode(notify.payload, type=Notice)
                    if notice.origin != self.origin:
                        self.deliver(notice.changes)
            except psycopg.Error:
                if self.stopping.is_set():
                    return
                log.exception("listening for other server processes' changes failed")
                self.stopping.wait(1.0)
                try:
                    self.listener = self._listening()
                except psycopg.Error:
                    continue
                self.deliver(Changes(whole=frozenset(KINDS)))  # missed: refresh all

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        self.listener.close()
        self.sender.close()
