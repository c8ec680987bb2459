"""The log file: one per program, rotating and size-capped, never holding a secret.

``setup(path)`` sends every logger's records to ``path``, rolled over at ``MAX_BYTES``
with ``BACKUPS`` older files kept (so at most 4 MB).  Every line, traceback included, is
redacted first: database URLs' and connection strings' passwords (``core.db``), and the
value after ``password``, ``token``, ``secret``, ``authorization`` or ``Bearer`` in any
``name=value``, ``name: value`` or JSON form.  ``tail()`` gives the last lines for the
"Copy details" of an error (``desktop.errors``).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from collections import deque
from pathlib import Path

from core.db import hide_passwords

MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"

# password=..., "token": "...", Authorization: Bearer ..., secret ... (case-insensitive)
_NAMED = re.compile(
    r"(?i)(\b(?:password|passwd|pwd|token|secret|authorization)\b[\"']?\s*[:=]\s*[\"']?"
    r"(?:bearer\s+)?)[^\s\"',;&)}\]]+")
_BEARER = re.compile(r"(?i)(\bbearer\s+)[^\s\"',;&)}\]]+")

_current: Path | None = None


def redact(text: str) -> str:
    """``text`` with every password and token it holds replaced by ***."""
    text = hide_passwords(text)
    text = _NAMED.sub(lambda m: f"{m[1]}***", text)
    return _BEARER.sub(lambda m: f"{m[1]}***", text)


class Redacting(logging.Formatter):
    """A log line, its traceback included, with every secret replaced by ***."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup(path: Path, *, level: int = logging.INFO) -> Path:
    """Log every record of this process into ``path`` (rotating, redacted)."""
    global _current
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                   backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(Redacting(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _current = path
    return path


def current() -> Path | None:
    """The file ``setup`` opened in this process, if any."""
    return _current


def tail(lines: int = 40, path: Path | None = None) -> str:
    """The last ``lines`` lines of the log file (redacted again: an older Roundsman's file
    may hold what this one would hide)."""
    path = path or _current
    if path is None:
        return ""
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return redact("".join(deque(file, maxlen=lines)))
    except OSError:
        return ""
