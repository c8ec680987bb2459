"""Money is exact Decimal, rounded and shown by the currency's own rules."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ValidationError
from core.money import MAX_AMOUNT, decimals, format_money, parse_amount, quantize
from core.services.orders import MAX_QUANTITY


def field_error(exc: pytest.ExceptionInfo, field: str = "amount") -> str:
    assert isinstance(exc.value, ValidationError)
    assert field in exc.value.field_errors, exc.value.field_errors
    return exc.value.message()


def test_taiwan_dollars_have_no_decimals_whatever_babel_says():
    assert decimals("TWD") == 0
    assert decimals("USD") == 2
    assert decimals("INR") == 2


def test_quantize_rounds_half_up_to_whole_taiwan_dollars():
    assert quantize(Decimal("1234.5"), "TWD") == Decimal("1235")
    assert quantize(Decimal("1234.49"), "TWD") == Decimal("1234")
    assert quantize(Decimal("-0.5"), "TWD") == Decimal("-1")
    assert quantize(Decimal("0.125"), "USD") == Decimal("0.13")


@pytest.mark.parametrize("language", ["en", "zh_TW"])
def test_taiwan_dollars_are_shown_as_nt_dollars_without_decimals(language):
    assert format_money(Decimal(1234), "TWD", language) == "NT$1,234"
    assert format_money(Decimal(1234567), "TWD", language) == "NT$1,234,567"
    assert format_money(Decimal(0), "TWD", language) == "NT$0"


@pytest.mark.parametrize("language", ["en", "zh_TW"])
def test_a_negative_amount_shows_its_minus_sign_before_the_symbol(language):
    assert format_money(Decimal(-1234), "TWD", language) == "-NT$1,234"


def test_dollars_are_shown_with_two_decimals():
    assert format_money(Decimal("1234.5"), "USD", "en") == "$1,234.50"


def test_no_amount_is_shown_as_an_empty_text():
    assert format_money(None, "TWD") == ""


@pytest.mark.parametrize("typed, expected", [
    ("1234", Decimal(1234)),
    (" 1,234 ", Decimal(1234)),
    ("NT$1,234", Decimal(1234)),
    ("$1,234", Decimal(1234)),
    ("0", Decimal(0)),
    (1234, Decimal(1234)),
    (Decimal("1234"), Decimal(1234)),
    ("1234.0", Decimal(1234)),
])
def test_typed_taiwan_amounts_are_read_exactly(typed, expected):
    value = parse_amount(typed, "TWD")
    assert value == expected
    assert isinstance(value, Decimal)
    assert value.as_tuple().exponent == 0


@pytest.mark.parametrize("typed", ["12.5", "0.1", Decimal("12.5")])
def test_a_taiwan_amount_with_decimals_is_refused_not_rounded(typed):
    with pytest.raises(ValidationError) as exc:
        parse_amount(typed, "TWD")
    assert "TWD" in field_error(exc) and "whole numbers" in exc.value.message()


def test_a_dollar_amount_with_three_decimals_is_refused():
    assert parse_amount("12.34", "USD") == Decimal("12.34")
    with pytest.raises(ValidationError) as exc:
        parse_amount("12.345", "USD")
    assert "2 decimals" in field_error(exc)


def test_a_negative_amount_is_refused_unless_allowed():
    with pytest.raises(ValidationError) as exc:
        parse_amount("-5", "TWD")
    assert "negative" in field_error(exc)
    assert parse_amount("-5", "TWD", allow_negative=True) == Decimal(-5)


@pytest.mark.parametrize("typed", ["", "abc", "1.2.3", "NaN", "Infinity", "-inf", "1e", "１２x"])
def test_text_that_is_not_an_amount_is_refused(typed):
    with pytest.raises(ValidationError) as exc:
        parse_amount(typed, "TWD")
    field_error(exc)


@pytest.mark.parametrize("typed, currency", [
    ("10000000000", "TWD"), ("-10000000000", "TWD"), ("9999999999999", "TWD"),
    ("9999999999.01", "USD"), ("1e30", "TWD"), ("1e400", "USD")])
def test_an_amount_beyond_the_one_maximum_is_refused(typed, currency):
    with pytest.raises(ValidationError) as exc:
        parse_amount(typed, currency, allow_negative=True)
    assert "too large: at most" in field_error(exc)


def test_the_maximum_itself_is_an_amount_and_times_the_largest_quantity_fits_a_column():
    assert MAX_AMOUNT == Decimal("9999999999")
    assert parse_amount("9,999,999,999", "TWD") == MAX_AMOUNT
    assert parse_amount("-9999999999.00", "USD", allow_negative=True) == -MAX_AMOUNT
    assert MAX_AMOUNT * MAX_QUANTITY * 100 < 2**63 - 1  # hundredths in a 64-bit column


def test_the_error_names_the_field_it_belongs_to():
    with pytest.raises(ValidationError) as exc:
        parse_amount("1.5", "TWD", field="credit_limit")
    assert list(exc.value.field_errors) == ["credit_limit"]


@given(st.integers(min_value=-int(MAX_AMOUNT), max_value=int(MAX_AMOUNT)),
       st.sampled_from(["en", "zh_TW"]))
def test_a_shown_taiwan_amount_reads_back_as_the_same_amount(n, language):
    shown = format_money(Decimal(n), "TWD", language)
    assert parse_amount(shown, "TWD", allow_negative=True) == Decimal(n)


@given(st.decimals(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT, places=2, allow_nan=False))
def test_a_shown_dollar_amount_reads_back_as_the_same_amount_in_english(amount):
    shown = format_money(amount, "USD", "en")
    assert parse_amount(shown, "USD", allow_negative=True) == amount
