"""Billing periods: one month, written one way only (YYYY-MM); every other text refused."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ValidationError
from core.periods import Period, is_canonical
from core.services import billing


def test_a_period_is_read_from_yyyy_mm_and_written_back_the_same_way():
    november = Period.parse("2026-11")
    assert (november.year, november.month, str(november)) == (2026, 11, "2026-11")
    assert (november.start, november.end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert Period.parse("2028-02").end == date(2028, 2, 29)
    assert Period.parse(november) is november
    assert Period.of(date(2027, 1, 31)) == Period(2027, 1)
    assert Period(2027, 1).previous() == Period(2026, 12)


@pytest.mark.parametrize("text", ["2026-012", "2026-1", "26-12", "2026-13", "2026-00",
                                  " 2026-12 ", "2026-12\n", "2026/12", "202612", "",
                                  "0000-01", "２０２６-12", "2026-1２", "November", None])
def test_any_other_text_is_not_a_month(text):
    with pytest.raises(ValidationError) as caught:
        Period.parse(text)
    assert "period" in caught.value.field_errors
    assert caught.value.message() == f"“{text}” is not a month; write it as YYYY-MM, e.g. 2026-11."
    assert not is_canonical(text) if isinstance(text, str) else True


def test_a_month_has_ended_once_its_last_day_is_past():
    november = Period(2026, 11)
    assert not november.ended(date(2026, 11, 30))
    assert november.ended(date(2026, 12, 1))


def test_a_run_of_every_customer_before_the_month_ends_is_early_one_customer_is_not():
    today = date(2026, 12, 5)
    assert billing.early("2026-12", today=today)
    assert billing.early("2027-01", today=today)
    assert not billing.early("2026-11", today=today)
    assert not billing.early("2026-12", customer_id=7, today=today)
