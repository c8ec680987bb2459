"""When a standing order delivers: its schedule, end date, pause and skipped dates.

A schedule is one of

- ``every``: every ``interval_days`` days counted from the start date;
- ``weekdays``: on the chosen ISO weekdays (1 = Monday ... 7 = Sunday);
- ``monthdays``: on the chosen days of the month; a day a month lacks (29-31)
  falls on that month's last day, so "the 31st" means "the end of each month".

It delivers from its start date through its end date (inclusive; none: no
end), except while paused (``paused_from`` through ``paused_until``, both
inclusive; no ``paused_until``: until resumed) and on skipped dates.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

SCHEDULES = ("every", "weekdays", "monthdays")


@dataclass(frozen=True)
class Rule:
    schedule: str
    start_date: date
    interval_days: int | None = None
    days: frozenset[int] = frozenset()
    end_date: date | None = None
    paused_from: date | None = None
    paused_until: date | None = None
    skips: frozenset[date] = field(default_factory=frozenset)

    def paused(self, day: date) -> bool:
        return (self.paused_from is not None and self.paused_from <= day
                and (self.paused_until is None or day <= self.paused_until))

    def dates(self, start: date, end: date) -> list[date]:
        """Every delivery date from ``start`` through ``end``, in order."""
        start = max(start, self.start_date)
        if self.end_date is not None:
            end = min(end, self.end_date)
        if start > end:
            return []
        return [d for d in self._scheduled(start, end)
                if d not in self.skips and not self.paused(d)]

    def next_dates(self, after: date, count: int, horizon_days: int = 800) -> list[date]:
        """The first ``count`` delivery dates on or after ``after`` (within the horizon)."""
        out: list[date] = []
        start, last = after, after + timedelta(days=horizon_days)
        while len(out) < count and start <= last:
            end = min(start + timedelta(days=62), last)
            out.extend(self.dates(start, end))
            start = end + timedelta(days=1)
        return out[:count]

    def _scheduled(self, start: date, end: date):
        if self.schedule == "every":
            step = self.interval_days or 1
            behind = (start - self.start_date).days
            day = self.start_date + timedelta(days=-(-behind // step) * step)
            while day <= end:
                yield day
                day += timedelta(days=step)
        elif self.schedule == "weekdays":
            day = start
            while day <= end:
                if day.isoweekday() in self.days:
                    yield day
                day += timedelta(days=1)
        elif self.schedule == "monthdays":
            year, month = start.year, start.month
            while date(year, month, 1) <= end:
                last = calendar.monthrange(year, month)[1]
                for d in sorted({min(x, last) for x in self.days}):
                    day = date(year, month, d)
                    if start <= day <= end:
                        yield day
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        else:
            raise ValueError(f"unknown schedule {self.schedule!r}")
