"""The business rules of core/rules.py, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core import rules
from core.money import quantize
from core.periods import Period

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10_000), places=3)
prices = st.decimals(min_value=Decimal(0), max_value=Decimal(100_000), places=2)
rates = st.sampled_from([Decimal(0), Decimal("0.05"), Decimal("0.1"), Decimal("0.175")])
currencies = st.sampled_from(["TWD", "USD"])
lines = st.lists(st.tuples(quantities, prices, rates), max_size=12)


def test_a_line_is_rounded_at_the_line_and_its_tax_on_the_rounded_amount():
    priced = rules.price(Decimal("3"), Decimal("333.5"), Decimal("0.05"), "TWD")
    assert (priced.amount, priced.tax) == (Decimal(1001), Decimal(50))  # 1000.5 → 1001; 50.05 → 50
    priced = rules.price(Decimal("1.5"), Decimal("0.99"), Decimal("0.05"), "USD")
    assert (priced.amount, priced.tax) == (Decimal("1.49"), Decimal("0.07"))


@given(lines, currencies)
def test_totals_are_the_sums_of_what_each_line_rounded_to(given_lines, currency):
    priced = [rules.price(q, p, r, currency) for q, p, r in given_lines]
    totals = rules.totals(priced)
    assert totals.subtotal == sum((quantize(q * p, currency) for q, p, _ in given_lines),
                                  Decimal(0))
    assert totals.tax == sum((x.tax for x in priced), Decimal(0))
    assert totals.total == totals.subtotal + totals.tax
    assert totals.subtotal == quantize(totals.subtotal, currency)  # nothing below a cent


@given(st.lists(st.tuples(quantities, prices), max_size=12), rates, currencies)
def test_an_invoice_taxed_on_the_total_rounds_once_per_rate(given_lines, rate, currency):
    priced = [rules.price(q, p, rate, currency) for q, p in given_lines]
    totals = rules.totals(priced)
    assert rules.invoice_tax(priced, "line", currency) == totals.tax
    assert rules.invoice_tax(priced, "total", currency) == quantize(totals.subtotal * rate,
                                                                     currency)


def test_an_invoice_taxed_on_the_total_differs_from_one_taxed_by_line():
    priced = [rules.price(Decimal(1), Decimal(10), Decimal("0.05"), "TWD")] * 3  # 0.5 → 1 each
    assert rules.invoice_tax(priced, "line", "TWD") == 3
    assert rules.invoice_tax(priced, "total", "TWD") == 2  # 1.5 → 2


def test_a_customer_with_a_limit_buys_on_account_and_one_without_pays_cash():
    assert rules.default_payment(Decimal(50_000)) == "account"
    assert rules.default_payment(Decimal(0)) == "cash"


@given(st.decimals(min_value=Decimal(0), max_value=Decimal(10**6), places=0),
       st.lists(st.decimals(min_value=Decimal(1), max_value=Decimal(10**5), places=0),
                max_size=10))
def test_a_payment_fills_the_oldest_invoices_first_and_never_more_than_is_open(amount, opens):
    parts = rules.oldest_first(amount, list(enumerate(opens)))
    placed = sum((p for _, p in parts), Decimal(0))
    assert placed == min(amount, sum(opens, Decimal(0)))
    for n, (key, part) in enumerate(parts):
        assert key == n  # in the order given, none skipped
        assert 0 < part <= opens[key]
        if n < len(parts) - 1:
            assert part == opens[key]  # only the last one may be part paid


@given(st.decimals(min_value=Decimal(-10**5), max_value=Decimal(10**6), places=0),
       st.lists(st.tuples(st.sampled_from(["account", "cash"]),
                          st.decimals(min_value=Decimal(1), max_value=Decimal(10**5), places=0)),
                max_size=10))
def test_exposure_is_the_balance_and_the_open_orders_on_account(balance, orders):
    running = rules.running_exposure(balance, orders)
    assert running[0] == balance and len(running) == len(orders) + 1
    assert rules.exposure(balance, orders) == running[-1] == balance + sum(
        (total for payment, total in orders if payment == "account"), Decimal(0))


def test_a_driver_brings_an_empty_back_for_each_full_cylinder():
    assert rules.default_empties("cylinder", Decimal(3)) == 3
    assert rules.default_empties("cylinder", None) == 0
    assert rules.default_empties("cylinder", Decimal(0)) == 0
    assert rules.default_empties("service", Decimal(2)) == 0


@given(lines, currencies)
def test_a_cash_order_collects_its_delivered_total_and_one_on_account_nothing(given_lines,
                                                                             currency):
    total = rules.totals(rules.price(q, p, r, currency) for q, p, r in given_lines).total
    assert rules.cash_due("cash", given_lines, currency) == total
    assert rules.cash_due("account", given_lines, currency) == 0


def test_the_billing_run_defaults_to_the_month_before_today():
    assert rules.billing_period(date(2026, 1, 15)) == Period(2025, 12)
    assert rules.billing_period(date(2026, 12, 1)) == Period(2026, 11)
    assert rules.billing_period(date(2026, 3, 31)) == Period(2026, 2)
