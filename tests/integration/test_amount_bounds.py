"""Amounts have bounds, on SQLite and PostgreSQL: every amount entering the core — a
price, a line, an order's total, a payment, a refund, a credit note, a limit, a deposit,
cash collected — is at most ``core.money.MAX_AMOUNT`` and is refused with a field error
beyond it, saving nothing; and a money column refuses what a 64-bit integer cannot hold
with a DomainError, not the driver's overflow."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from core.db import unit_of_work
from core.errors import DomainError, ValidationError
from core.models import Customer, CustomerPrice
from core.models.base import OutOfRange
from core.money import MAX_AMOUNT
from core.services import (
    credit,
    customer_prices,
    customers,
    deliveries,
    dispatch,
    fleet,
    orders,
    payments,
    products,
    quotes,
    settings,
    standing,
)
from core.services.customers import CustomerInput
from core.services.orders import MAX_QUANTITY
from core.services.products import ProductInput
from core.services.quotes import QuoteInput
from core.services.standing import StandingInput, StandingLineInput
from tests.integration.shop import (
    LAST_YEAR,
    counts,
    failed_checks,
    line,
    make_customer,
    make_products,
    order_for,
)

ISSUE_PRICE = "9999999999999"  # × 100,000 overflowed the 64-bit column (issue 10)
MAX = "NT$9,999,999,999"


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def cash_customer(engine, seeded):
    return make_customer(engine, seeded["manager"].actor, "C0", None)


def refused(engine, call, *fields: str) -> ValidationError:
    """``call()`` is refused with a field error on exactly ``fields``; nothing is saved."""
    before = counts(engine)
    with pytest.raises(ValidationError) as exc:
        call()
    assert sorted(exc.value.field_errors) == sorted(fields), exc.value.field_errors
    assert counts(engine) == before
    return exc.value


def test_the_issues_price_times_the_largest_quantity_is_a_field_error_not_an_overflow(
        engine, seeded, shop, cash_customer):
    manager = seeded["manager"].actor  # a manager may price beyond the clerk's tolerance
    error = refused(engine, lambda: orders.place(engine, manager, order_for(
        cash_customer, line(shop.lpg20, MAX_QUANTITY, ISSUE_PRICE))), "line1.price")
    assert error.message() == f"Line 1: The amount is too large: at most {MAX}."
    error = refused(engine, lambda: orders.place(engine, manager, order_for(
        cash_customer, line(shop.lpg20, MAX_QUANTITY, MAX_AMOUNT))), "line1.price")
    assert error.message() == (f"Line 1: the amount NT$999,999,999,900,000 is too large: at "
                               f"most {MAX}.")


def test_an_orders_total_beyond_the_maximum_is_refused_and_one_within_it_is_exact(
        engine, seeded, shop, cash_customer):
    manager = seeded["manager"].actor
    big = line(shop.lpg20, MAX_QUANTITY, 60_000)  # 6,000,000,000 a line
    error = refused(engine, lambda: orders.place(engine, manager, order_for(
        cash_customer, big, big)), "lines")
    assert error.message() == f"The total NT$12,600,000,000 is too large: at most {MAX}."
    placed = orders.place(engine, manager, order_for(cash_customer, line(
        shop.lpg20, MAX_QUANTITY, 90_000)))
    assert (placed.subtotal, placed.tax, placed.total) == (9_000_000_000, 450_000_000,
                                                           9_450_000_000)
    assert orders.get(engine, placed.id).total == Decimal(9_450_000_000)
    assert failed_checks(engine) == {}


def test_quotes_and_standing_orders_refuse_a_line_beyond_the_maximum(
        engine, seeded, shop, cash_customer):
    manager = seeded["manager"].actor
    with pytest.raises(ValidationError) as exc:
        quotes.create(engine, manager, QuoteInput(customer_id=cash_customer.id, lines=(
            orders.LineInput(shop.lpg20.id, MAX_QUANTITY, MAX_AMOUNT),)))
    assert list(exc.value.field_errors) == ["line1.price"]
    with pytest.raises(ValidationError) as exc:
        standing.create(engine, manager, StandingInput(
            customer_id=cash_customer.id, schedule="every", interval_days=7,
            start_date=date.today(), lines=(StandingLineInput(shop.lpg20.id, MAX_QUANTITY,
                                                              ISSUE_PRICE),)))
    assert list(exc.value.field_errors) == ["line1.price"]


def test_prices_deposits_and_limits_beyond_the_maximum_are_field_errors(
        engine, seeded, shop, cash_customer):
    manager = seeded["manager"].actor
    too_much = str(MAX_AMOUNT + 1)
    refused(engine, lambda: products.save(engine, manager, ProductInput(
        sku="LPG-X", name_zh="大瓶", unit="cylinder", price=ISSUE_PRICE, price_from=LAST_YEAR,
        deposit=too_much)), "price", "deposit")
    refused(engine, lambda: customers.save(engine, manager, CustomerInput(
        code="C9", name="大客戶", credit_limit=too_much)), "credit_limit")
    refused(engine, lambda: credit.set_limit(engine, manager, customer_id=cash_customer.id,
                                             limit=ISSUE_PRICE, reason="test"), "credit_limit")
    refused(engine, lambda: customer_prices.set_price(
        engine, manager, customer_id=cash_customer.id, product_id=shop.lpg20.id,
        price=too_much), "price")
    at_most = products.save(engine, manager, ProductInput(
        sku="LPG-Y", name_zh="大瓶", unit="cylinder", price=MAX_AMOUNT, price_from=LAST_YEAR))
    assert at_most.price == MAX_AMOUNT
    assert credit.set_limit(engine, manager, customer_id=cash_customer.id,
                            limit=str(MAX_AMOUNT), reason="test").credit_limit == MAX_AMOUNT


def test_payments_refunds_credit_notes_and_cash_collected_beyond_the_maximum_are_refused(
        engine, seeded, cash_customer):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    c = cash_customer.id
    refused(engine, lambda: payments.record_payment(
        engine, clerk, customer_id=c, method="cash", amount=ISSUE_PRICE), "amount")
    refused(engine, lambda: payments.record_payment(
        engine, clerk, customer_id=c, method="cash", amount="100",
        allocations=[(1, ISSUE_PRICE)]), "allocation1")
    refused(engine, lambda: payments.refund(
        engine, manager, customer_id=c, amount=ISSUE_PRICE, method="cash", reason="x"),
        "amount")
    refused(engine, lambda: payments.credit_note(
        engine, clerk, customer_id=c, amount=ISSUE_PRICE, reason="x",
        approval=payments.Approval("manager", seeded["manager"].password)), "amount")
    assert payments.payments_of(engine, c) == []


def test_cash_collected_beyond_the_maximum_is_refused(engine, seeded, shop, cash_customer):
    clerk, actor = seeded["clerk"].actor, seeded["dispatcher"].actor
    settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16", depot_lon="120.63")
    van = fleet.save_vehicle(engine, actor, plate="ABC-1201", capacity=60)
    day = date.today() + timedelta(days=1)
    placed = orders.place(engine, clerk, order_for(cash_customer, line(shop.lpg20),
                                                   delivery_date=day))
    dispatch.move(engine, actor, order_id=placed.id, route_id=None, vehicle_id=van.id)
    dispatch.confirm(engine, actor, day=day)
    with pytest.raises(ValidationError) as exc:
        deliveries.confirm(engine, clerk, deliveries.DeliveryInput(
            placed.id, "k", "delivered", cash_collected=ISSUE_PRICE))
    assert list(exc.value.field_errors) == ["cash_collected"]
    assert deliveries.for_order(engine, placed.id) is None


def test_a_money_column_refuses_what_a_64_bit_integer_cannot_hold(engine, seeded, shop,
                                                                  cash_customer):
    """Behind the services' back: a DomainError, not OverflowError (SQLite) or "bigint out
    of range" (PostgreSQL), and nothing is written."""
    huge = Decimal(2**63) / 100  # one hundredth more than the column holds
    with pytest.raises(OutOfRange) as exc:
        with unit_of_work(engine) as s:
            s.execute(update(Customer).where(Customer.id == cash_customer.id)
                      .values(balance=huge))
    assert isinstance(exc.value, DomainError)
    assert exc.value.message() == f"{huge} is too large to be stored."
    with pytest.raises(OutOfRange):
        with unit_of_work(engine) as s:
            s.add(CustomerPrice(customer_id=cash_customer.id, product_id=shop.lpg20.id,
                                price=-huge - Decimal("0.01")))
    edge = Decimal(2**63 - 1) / 100
    with unit_of_work(engine) as s:
        s.add(CustomerPrice(customer_id=cash_customer.id, product_id=shop.lpg20.id,
                            price=edge))
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(CustomerPrice.price)) == edge
        assert s.scalar(select(Customer.balance).where(Customer.id == cash_customer.id)) == 0
