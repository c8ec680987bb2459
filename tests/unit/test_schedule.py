"""Standing order schedules against a plain reference: for random schedules, pauses,
skips and ranges, the dates the schedule gives are the dates the definition gives."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from core.schedule import Rule

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


def reference(rule: Rule, start: date, end: date) -> list[date]:
    """The definition, one day at a time, with no arithmetic shortcuts."""
    out = []
    day = start
    while day <= end:
        if rule.start_date <= day and (rule.end_date is None or day <= rule.end_date):
            if rule.schedule == "every":
                due = (day - rule.start_date).days % rule.interval_days == 0
            elif rule.schedule == "weekdays":
                due = day.isoweekday() in rule.days
            else:
                last = calendar.monthrange(day.year, day.month)[1]
                due = day.day in rule.days or (day.day == last and any(d > last
                                                                       for d in rule.days))
            paused = rule.paused_from is not None and rule.paused_from <= day and (
                rule.paused_until is None or day <= rule.paused_until)
            if due and not paused and day not in rule.skips:
                out.append(day)
        day += timedelta(days=1)
    return out


@st.composite
def rules(draw) -> Rule:
    kind = draw(st.sampled_from(("every", "weekdays", "monthdays")))
    start = draw(DAYS)
    end = draw(st.none() | st.dates(min_value=start, max_value=start + timedelta(days=500)))
    interval = draw(st.integers(1, 60)) if kind == "every" else None
    days = frozenset() if kind == "every" else frozenset(draw(st.sets(
        st.integers(1, 7 if kind == "weekdays" else 31), min_size=1, max_size=5)))
    paused_from = draw(st.none() | DAYS)
    paused_until = None if paused_from is None else draw(
        st.none() | st.dates(min_value=paused_from, max_value=paused_from + timedelta(days=90)))
    skips = frozenset(draw(st.lists(DAYS, max_size=6)))
    return Rule(kind, start, interval, days, end, paused_from, paused_until, skips)


@given(rules(), DAYS, st.integers(0, 400))
def test_the_schedule_gives_exactly_the_dates_of_its_definition(rule, start, length):
    end = start + timedelta(days=length)
    assert rule.dates(start, end) == reference(rule, start, end)


@given(rules(), DAYS, st.integers(1, 12))
def test_next_dates_are_the_first_dates_on_or_after_the_day(rule, after, count):
    expected = reference(rule, after, after + timedelta(days=800))[:count]
    assert rule.next_dates(after, count) == expected


def test_the_31st_of_each_month_falls_on_the_last_day_of_shorter_months():
    rule = Rule("monthdays", date(2027, 1, 1), days=frozenset({31}))
    assert rule.dates(date(2027, 1, 1), date(2027, 4, 30)) == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]


def test_every_seven_days_counts_from_the_start_date_not_from_the_range():
    rule = Rule("every", date(2027, 3, 3), interval_days=7)
    assert rule.dates(date(2027, 3, 5), date(2027, 3, 25)) == [
        date(2027, 3, 10), date(2027, 3, 17), date(2027, 3, 24)]


def test_an_open_pause_stops_every_delivery_until_resumed():
    rule = Rule("weekdays", date(2027, 1, 1), days=frozenset({1, 4}),
                paused_from=date(2027, 1, 10))
    assert rule.dates(date(2027, 1, 1), date(2027, 6, 1)) == [date(2027, 1, 4),
                                                               date(2027, 1, 7)]
