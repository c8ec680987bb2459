"""Declarative base, naming convention and exact-number column types."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, DateTime, MetaData, String, types
from sqlalchemy.exc import DontWrapMixin
from sqlalchemy.orm import DeclarativeBase

from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_recorded_at: ContextVar[datetime | None] = ContextVar("recorded_at", default=None)


def utcnow() -> datetime:
    """Now; inside ``recorded_at(t)``, ``t``."""
    return _recorded_at.get() or datetime.now(timezone.utc)


@contextmanager
def recorded_at(at: datetime) -> Iterator[None]:
    """Record what the services write in this block (this thread) as done at ``at``: the
    demo's history goes through the same services as a user's input, at the times it
    happened (audit, ledger and every created/updated time read ``utcnow``)."""
    token = _recorded_at.set(at.astimezone(timezone.utc))
    try:
        yield
    finally:
        _recorded_at.reset(token)


class UTCDateTime(types.TypeDecorator):
    """Timezone-aware UTC datetimes on both SQLite and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime")
            value = value.astimezone(timezone.utc)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class OutOfRange(DontWrapMixin, DomainError):
    """A number too large for its column (raised as it is, not wrapped by SQLAlchemy)."""

    default = QT_TRANSLATE_NOOP("core", "{value} is too large to be stored.")


_BIGINT = range(-2**63, 2**63)  # what a 64-bit integer column holds, on both databases


class ScaledDecimal(types.TypeDecorator):
    """An exact Decimal stored as an integer count of 10**-scale units.

    SQLite has no exact decimal type (SQLAlchemy's Numeric goes through a
    float there), so money is kept as integer minor units on both databases.
    Binding a value with more decimals than the column holds is an error,
    never a silent rounding: rounding is the service's decision.  A value
    beyond a 64-bit integer is an ``OutOfRange`` error, not the driver's
    overflow: the services refuse such amounts first (``core.money.MAX_AMOUNT``).
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = 2):
        super().__init__()
        self.scale = scale

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, (Decimal, int)):
            raise TypeError(f"exact number expected, got {type(value).__name__}")
        units = Decimal(value).scaleb(self.scale)
        if units != units.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimals")
        if int(units) not in _BIGINT:
            raise OutOfRange(value=value)
        return int(units)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale).quantize(Decimal(1).scaleb(-self.scale))


def one_of(column: str, values: Iterable[str]) -> CheckConstraint:
    """``CHECK (column IN (...))``, named ``ck_<table>_<column>`` by the naming convention:
    a column whose values are a closed set declared in code (a state machine's stored
    states, a kind) refuses any other, whatever path writes it."""
    values = tuple(values)
    if not values or not all(re.fullmatch(r"[A-Za-z0-9_]+", v) for v in values):
        raise ValueError(f"{column}: not a set of plain values: {values}")
    return CheckConstraint(f"{column} IN ({', '.join(repr(v) for v in values)})", name=column)


def Key(length: int) -> String:  # noqa: N802
    """A code, SKU or digit string that is searched by prefix as an index range.

    On PostgreSQL it uses the "C" collation, so the range ``>= 'C01' AND < 'C02'``
    means "starts with C01" whatever the database's language collation is.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def Money() -> ScaledDecimal:  # noqa: N802 - reads like a type
    """Money in hundredths: enough for every supported currency (TWD 0, USD/INR 2)."""
    return ScaledDecimal(2)


def Rate() -> ScaledDecimal:  # noqa: N802
    """A rate such as a tax rate: 0.0500 is 5 %."""
    return ScaledDecimal(4)
