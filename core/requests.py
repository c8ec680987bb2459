"""Request keys bound to what they were made for.

A dialog sends one request key with what it submits, so sending it again (a double
click, a lost answer) has one effect: the row that key made is returned.  The row also
keeps the request's fingerprint, so the same key with other content — another
customer, order, amount, allocation or line — is refused, never answered with the
record of someone else's request.  Rows written before fingerprints were kept (NULL)
match on the key alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP

Row = TypeVar("Row")


class KeyReused(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "This entry was saved before with other content (another customer, order, "
        "amount or lines), so nothing was saved now. Look at what was saved; enter a change "
        "as a new entry.")


def fingerprint(kind: str, **content: object) -> str:
    """The SHA-256 (hex) of a canonical encoding of ``kind`` and ``content``: plain values
    (text, numbers, dates, None, lists, dicts and dataclasses of them).  A number is
    written normalised, as text: 1, Decimal("1.00") and the typed "1" are one value."""
    text = json.dumps([kind, _plain(content)], sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: object) -> object:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        return format(number.normalize(), "f") if number.is_finite() else str(number)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    raise TypeError(f"not a plain value: {type(value).__name__}")


def earlier(s: Session, model: type[Row], key: str, request_hash: str) -> Row | None:
    """The row ``model`` that a request with ``key`` made before, if that request asked for
    the same (``request_hash``; a row without a hash matches on its key); raises
    ``KeyReused`` if it asked for something else."""
    row = s.scalars(select(model).where(model.request_key == key)).first()
    if row is not None and row.request_hash not in (None, request_hash):
        raise KeyReused()
    return row
