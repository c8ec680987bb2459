"""Exact money: Decimal in code, rounded by the currency's own rules.

The company's currency is a setting; its number of decimals decides both how
amounts are rounded and how many decimals a user may type.  TWD has none,
whatever Babel's tables say.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal, get_currency_precision

from core.errors import ValidationError, DomainError
from core.i18n import QT_TRANSLATE_NOOP

# Where we know better than the CLDR data (TWD cash amounts have no decimals).
_DECIMALS = {"TWD": 0, "JPY": 0, "KRW": 0}
# The symbol every locale should show (zh-TW's CLDR symbol for TWD is a bare "$").
_SYMBOLS = {"TWD": "NT$"}

# What format_money adds around the digits: a currency symbol, grouping commas, spaces.
_SYMBOL_OR_GROUPING = re.compile(r"(?:NT|US|HK|S|RM)?[$₹€]|RM|[,\s]")

SUPPORTED_CURRENCIES = ("TWD", "USD", "INR", "HKD", "SGD", "MYR", "EUR")

# The largest amount Roundsman takes anywhere (a price, a line, an order, a payment, a
# credit limit, a setting): just under 10 billion, in any currency.  Far beyond any
# delivery business's order, and far below what a money column holds (2**63 - 1
# hundredths, about 92 quadrillion): the largest quantity (100,000) times the largest
# price fits a column, and so do 900,000 of the largest lines summed.
MAX_AMOUNT = Decimal(9_999_999_999)
TOO_LARGE = QT_TRANSLATE_NOOP("core", "The amount is too large: at most {max}.")


def decimals(currency: str) -> int:
    return _DECIMALS.get(currency, get_currency_precision(currency))


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round ``amount`` half-up to the currency's decimals."""
    return amount.quantize(Decimal(1).scaleb(-decimals(currency)), rounding=ROUND_HALF_UP)


def too_large(amount: Decimal) -> bool:
    """More than ``MAX_AMOUNT`` either way."""
    return abs(amount) > MAX_AMOUNT


def parse_amount(text: str | int | Decimal, currency: str, *, field: str = "amount",
                 allow_negative: bool = False) -> Decimal:
    """Read an amount a user typed; refuse more decimals than the currency has."""
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = _SYMBOL_OR_GROUPING.sub("", str(text))
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise _field_error(field, QT_TRANSLATE_NOOP("core", "“{value}” is not an amount."),
                               value=text) from None
    if not value.is_finite():
        raise _field_error(field, QT_TRANSLATE_NOOP("core", "“{value}” is not an amount."),
                           value=text)
    # Before quantize: "1e30" has more digits than the decimal context's precision, and
    # quantizing it raised decimal.InvalidOperation instead of a ValidationError.
    if too_large(value):
        raise _field_error(field, TOO_LARGE, max=format_money(MAX_AMOUNT, currency))
    if value != quantize(value, currency):
        if not decimals(currency):
            raise _field_error(field, QT_TRANSLATE_NOOP(
                "core", "{currency} amounts are whole numbers."), currency=currency)
        raise _field_error(field, QT_TRANSLATE_NOOP(
            "core", "{currency} amounts have at most {decimals} decimals."),
            currency=currency, decimals=decimals(currency))
    if value < 0 and not allow_negative:
        raise _field_error(field, QT_TRANSLATE_NOOP("core", "The amount cannot be negative."))
    return quantize(value, currency)


def _field_error(field: str, template: str, **params: object) -> ValidationError:
    return ValidationError({field: DomainError(template, **params)})


def babel_locale(language: str) -> str:
    return "zh_Hant_TW" if language.startswith("zh") else "en"


def format_money(amount: Decimal | None, currency: str, language: str = "en") -> str:
    if amount is None:
        return ""
    places = decimals(currency)
    pattern = "¤#,##0" + ("." + "0" * places if places else "")
    text = format_currency(quantize(amount, currency), currency, format=pattern,
                           locale=babel_locale(language), currency_digits=False)
    symbol = _SYMBOLS.get(currency)
    if symbol and not text.lstrip("-").startswith(symbol):
        text = text.replace("$", symbol, 1)
    return text


def format_number(value: Decimal | int, language: str = "en") -> str:
    return format_decimal(value, locale=babel_locale(language))
