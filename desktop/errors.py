"""One error path: domain errors in the user's language, anything else logged.

A ``DomainError`` is shown as its translated message.  A stale record says
"changed elsewhere — reload?".  A database that cannot be reached, is busy, or
a disk that is full is said as such: they are not bugs, and trying again later
works.  Anything else is a bug: a short message with the details and "Copy details"
(the version, the OS, the log's last lines: ``desktop.support``), and a line in the log
file.  No message, detail or log line ever shows a password.
"""

from __future__ import annotations

import errno
import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import DBAPIError

from core.errors import DomainError
from core.logs import redact
from desktop import dialogs

log = logging.getLogger("roundsman")

UNREACHABLE, BUSY, DISK_FULL = "unreachable", "busy", "disk full"
# PostgreSQL's SQLSTATEs: another transaction holds what this one needs, or took too long
_BUSY_STATES = {"40001", "40P01", "55P03", "57014"}
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_SQLITE_GONE = ("disk i/o error", "unable to open database file")  # a drive gone or failing


def translate_core(text: str) -> str:
    return QCoreApplication.translate("core", text)


def message(exc: DomainError) -> str:
    return exc.message(translate_core)


def _causes(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def trouble(exc: BaseException) -> str | None:
    """UNREACHABLE, BUSY or DISK_FULL when ``exc`` (or what caused it) is a database or disk
    failure of that kind; None for anything else."""
    for e in _causes(exc):
        if isinstance(e, OSError) and e.errno == errno.ENOSPC:
            return DISK_FULL
        if not isinstance(e, DBAPIError):
            continue
        orig, text = e.orig, str(e.orig).lower()
        state = getattr(orig, "sqlstate", None) or ""
        if state == "53100" or "database or disk is full" in text:
            return DISK_FULL
        if state in _BUSY_STATES or any(busy in text for busy in _SQLITE_BUSY):
            return BUSY
        if (e.connection_invalidated or state.startswith(("08", "57P"))
                or any(gone in text for gone in _SQLITE_GONE)
                or f"{type(orig).__module__}.{type(orig).__name__}" == "psycopg.OperationalError"):
            return UNREACHABLE
    return None


def trouble_message(kind: str) -> str:
    return {
        UNREACHABLE: QCoreApplication.translate(
            "errors", "The database cannot be reached. Roundsman connects again by itself: "
            "check the network or the database server, then try again."),
        BUSY: QCoreApplication.translate(
            "errors", "The database is busy with work from another workstation; try again in "
            "a moment."),
        DISK_FULL: QCoreApplication.translate(
            "errors", "The disk is full, so nothing more can be saved. Free some space, then "
            "try again."),
    }[kind]


def show(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    if isinstance(exc, DomainError):
        dialogs.warn(parent, QCoreApplication.translate("errors", "Cannot do that"), message(exc))
        return
    details = redact(details or repr(exc))  # no password or token
    kind = trouble(exc)
    if kind is not None:
        log.warning("%s: %s", kind, exc)
        dialogs.warn(parent, QCoreApplication.translate("errors", "Cannot do that now"),
                     trouble_message(kind), details)
        return
    log.error("unexpected error: %s\n%s", exc, details)
    dialogs.error_details(parent, QCoreApplication.translate("errors", "Something went wrong"),
                          QCoreApplication.translate(
                              "errors", "Roundsman hit an unexpected error. Nothing you typed "
                              "was cleared. The details below can be copied for support."),
                          details)


def install_excepthook() -> None:
    def hook(kind, value, tb):
        import traceback

        show(None, value, "".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = hook
