"""The canonical encoding of a chained row and its HMAC (core.chain)."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from core import chain

TAIPEI = timezone(timedelta(hours=8))


def test_money_is_encoded_one_way_and_times_in_utc():
    row = {"amount": Decimal("1500.00"), "at": datetime(2026, 12, 5, 9, tzinfo=timezone.utc)}
    same = {"amount": Decimal(1500), "at": datetime(2026, 12, 5, 17, tzinfo=TAIPEI)}
    assert chain.canonical(Decimal("1500.00")) == chain.canonical(Decimal(1500)) == "1500"
    assert chain.canonical(Decimal("-0.00")) == chain.canonical(Decimal(0)) == "0"
    assert chain.canonical(Decimal("12.50")) == "12.5"
    assert chain.encode("t", ("amount", "at"), row) == chain.encode("t", ("amount", "at"), same)
    assert chain.canonical(datetime(2026, 1, 2, tzinfo=timezone.utc).date()) == "2026-01-02"
    with pytest.raises(ValueError):
        chain.canonical(datetime(2026, 1, 2))


def test_a_row_s_hmac_depends_on_its_content_the_previous_hmac_and_the_key():
    key, row = b"k" * 32, {"a": "x", "b": Decimal("1.00")}
    first = chain.row_hmac(key, "t", ("a", "b"), row, None)
    assert first == chain.row_hmac(key, "t", ("a", "b"), {"a": "x", "b": Decimal(1)}, None)
    assert first != chain.row_hmac(key, "t", ("a", "b"), {**row, "a": "y"}, None)
    assert first != chain.row_hmac(key, "t", ("a", "b"), row, "00")
    assert first != chain.row_hmac(b"j" * 32, "t", ("a", "b"), row, None)
    assert first != chain.row_hmac(key, "u", ("a", "b"), row, None)
