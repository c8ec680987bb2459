"""A standing order's schedule and state in words, in the user's language.

"every 7 days", "Mon, Thu", "1st and 15th of the month"; in zh-TW "每 7 天",
"週一、週四", "每月 1 日和 15 日".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication


def weekday_short(iso_day: int) -> str:
    """Mon .. Sun for ISO weekdays 1 .. 7."""
    return (QCoreApplication.translate("StandingWords", "Mon"),
            QCoreApplication.translate("StandingWords", "Tue"),
            QCoreApplication.translate("StandingWords", "Wed"),
            QCoreApplication.translate("StandingWords", "Thu"),
            QCoreApplication.translate("StandingWords", "Fri"),
            QCoreApplication.translate("StandingWords", "Sat"),
            QCoreApplication.translate("StandingWords", "Sun"))[iso_day - 1]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st ... (a day of the month)."""
    if 10 <= n % 100 <= 20 or n % 10 not in (1, 2, 3):
        template = QCoreApplication.translate("StandingWords", "{n}th")
    elif n % 10 == 1:
        template = QCoreApplication.translate("StandingWords", "{n}st")
    elif n % 10 == 2:
        template = QCoreApplication.translate("StandingWords", "{n}nd")
    else:
        template = QCoreApplication.translate("StandingWords", "{n}rd")
    return template.format(n=n)


def comma() -> str:
    """The list separator: ", " in English, "、" in zh-TW."""
    return QCoreApplication.translate("StandingWords", ", ")


def joined(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return QCoreApplication.translate("StandingWords", "{first} and {last}").format(
        first=comma().join(items[:-1]), last=items[-1])


def schedule_text(schedule: str, interval_days: int | None, days: Sequence[int]) -> str:
    """The schedule as a clerk says it."""
    if schedule == "every":
        if interval_days == 1:
            return QCoreApplication.translate("StandingWords", "every day")
        return QCoreApplication.translate("StandingWords", "every {n} days").format(
            n=interval_days or 0)
    if schedule == "weekdays":
        if sorted(days) == [1, 2, 3, 4, 5, 6, 7]:
            return QCoreApplication.translate("StandingWords", "every day")
        return comma().join(weekday_short(d) for d in sorted(days))
    if schedule == "monthdays":
        return QCoreApplication.translate("StandingWords", "{days} of the month").format(
            days=joined([ordinal(d) for d in sorted(days)]))
    return schedule


def day_text(day: date | None) -> str:
    """2025-03-06 Thu ('' for none)."""
    if day is None:
        return ""
    return f"{day.isoformat()} {weekday_short(day.isoweekday())}"


def state(view, today: date) -> str:
    """"ended" (by a clerk), "finished" (its end date passed), "paused" (now or from a coming
    day), or "active"."""
    if not view.active:
        return "ended"
    if view.end_date is not None and view.end_date < today:
        return "finished"
    if view.paused_from is not None and (view.paused_until is None
                                         or view.paused_until >= today):
        return "paused"
    return "active"


def state_name(kind: str) -> str:
    """One word for a ``state``: what the list shows (the dates are in its tooltip)."""
    return {"ended": QCoreApplication.translate("StandingWords", "ended"),
            "finished": QCoreApplication.translate("StandingWords", "finished"),
            "paused": QCoreApplication.translate("StandingWords", "paused")}.get(
        kind, QCoreApplication.translate("StandingWords", "active"))


def state_text(view, today: date) -> str:
    """Ended, finished, paused (from .. until), or active."""
    kind = state(view, today)
    if kind == "ended":
        return QCoreApplication.translate("StandingWords", "ended")
    if kind == "finished":
        return QCoreApplication.translate("StandingWords", "finished {day}").format(
            day=view.end_date.isoformat())
    if kind == "paused":
        if view.paused_until is None:
            return QCoreApplication.translate("StandingWords", "paused from {start}").format(
                start=view.paused_from.isoformat())
        return QCoreApplication.translate("StandingWords", "paused {start} – {end}").format(
            start=view.paused_from.isoformat(), end=view.paused_until.isoformat())
    return QCoreApplication.translate("StandingWords", "active")
