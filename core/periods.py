"""A billing period: one calendar month, written one way only, "YYYY-MM".

Text becomes a ``Period`` once, where it enters (a command's argument, a field); the
services take the ``Period`` (or text they parse the same way) and store
``str(period)``.  Only a four-digit year, a hyphen and a two-digit month 01–12 are a
month: "2026-012", "2026-1", "26-12", "2026-13" or " 2026-12 " are refused, so one
month can never be stored in two spellings (and billed twice).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP

_FORM = re.compile(r"([0-9]{4})-([0-9]{2})")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.year <= 9999 and 1 <= self.month <= 12):
            raise _not_a_month(f"{self.year}-{self.month}")

    @classmethod
    def parse(cls, text: Period | str) -> Period:
        """The month ``text`` names (a Period is returned as it is); a ValidationError on
        the field "period" for anything but YYYY-MM."""
        if isinstance(text, Period):
            return text
        found = _FORM.fullmatch(text) if isinstance(text, str) else None
        if found is None or not (1 <= int(found[1]) and 1 <= int(found[2]) <= 12):
            raise _not_a_month(text)
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: date) -> Period:
        """The month ``day`` is in."""
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def previous(self) -> Period:
        return Period.of(self.start - timedelta(days=1))

    def ended(self, today: date | None = None) -> bool:
        """Whether the whole month lies before ``today`` (default: today)."""
        return self.end < (today or date.today())


def is_canonical(text: str) -> bool:
    """Whether ``text`` is a month as the database stores it."""
    try:
        Period.parse(text)
    except ValidationError:
        return False
    return True


def _not_a_month(text: object) -> ValidationError:
    return ValidationError({"period": DomainError(QT_TRANSLATE_NOOP(
        "core", "“{period}” is not a month; write it as YYYY-MM, e.g. 2026-11."),
        period=text)})
