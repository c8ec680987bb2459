"""Bad input to orders and the order search, on SQLite and PostgreSQL: each is a clean
DomainError (or an empty or exact result), nothing is saved and nothing crashes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import DomainError, NotFound, ValidationError
from core.queries.orders import OrderCriteria, search
from core.services import customers, orders, products
from core.services.orders import LineInput, OrderInput
from core.services.products import ProductInput
from tests.integration.shop import (
    LAST_YEAR,
    counts,
    failed_checks,
    line,
    make_customer,
    make_products,
    open_orders,
    order_for,
)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def cash_customer(engine, seeded):
    return make_customer(engine, seeded["manager"].actor, "C0", 0)


@pytest.fixture
def customer(engine, seeded):
    return make_customer(engine, seeded["manager"].actor, "C1", 100_000)


def refused(engine, actor, data: OrderInput, error=ValidationError) -> DomainError:
    """Place ``data``, expecting ``error``; nothing may have been saved."""
    before = counts(engine)
    with pytest.raises(error) as exc:
        orders.place(engine, actor, data)
    assert counts(engine) == before
    return exc.value


BAD_QUANTITIES = ("0", 0, "-1", -3, "-0", "100001", 100_001, "1e6", "1.5", Decimal("2.5"), 0.5,
                  "NaN", Decimal("NaN"), "Infinity", "-Infinity", "sNaN", "abc", "", "  ",
                  "1/2", "一", "9" * 400, "1e-30")


def test_a_quantity_that_is_not_a_whole_count_from_1_to_100000_is_refused(
        engine, seeded, shop, customer):
    for quantity in BAD_QUANTITIES:
        error = refused(engine, seeded["clerk"].actor,
                        order_for(customer, line(shop.lpg20, quantity)))
        assert list(error.field_errors) == ["line1.quantity"], quantity
        assert str(error).startswith("Line 1: "), quantity
    assert open_orders(engine, customer.id) == 0


def test_the_quantity_limits_themselves_are_accepted(engine, seeded, shop, cash_customer):
    clerk = seeded["clerk"].actor
    big = orders.place(engine, clerk, order_for(cash_customer, line(shop.lpg20, "100,000")))
    assert big.lines[0].quantity == 100_000
    assert big.total == Decimal(94_500_000)
    one = orders.place(engine, clerk, order_for(cash_customer, line(shop.lpg20, " 1 ")))
    assert one.lines[0].quantity == 1


def test_a_product_sold_by_weight_takes_up_to_three_decimals(engine, seeded, customer):
    bulk = products.save(engine, seeded["manager"].actor, ProductInput(
        sku="LPG-BULK", name_zh="散裝液化石油氣", unit="kg", price=Decimal(40),
        price_from=LAST_YEAR))
    placed = orders.place(engine, seeded["clerk"].actor, order_for(customer,
                                                                   line(bulk, "12.345")))
    assert placed.lines[0].quantity == Decimal("12.345")
    assert placed.lines[0].amount == Decimal(494)  # 493.8, rounded to whole NT$
    error = refused(engine, seeded["clerk"].actor, order_for(customer, line(bulk, "1.0005")))
    assert list(error.field_errors) == ["line1.quantity"]


BAD_PRICES = ("1.5", "900.5", Decimal("899.99"), "-900", "abc", "NaN", "Infinity", "9" * 20,
              "1e30", "1e400", Decimal("1E+28"))


def test_a_price_that_is_not_a_whole_nt_dollar_amount_is_refused_even_for_a_manager(
        engine, seeded, shop, customer):
    for price in BAD_PRICES:
        error = refused(engine, seeded["manager"].actor,
                        order_for(customer, line(shop.lpg20, 1, price)))
        assert list(error.field_errors) == ["line1.price"], price
    assert "TWD amounts are whole numbers." in str(error_for(engine, seeded, shop, customer,
                                                             "1.5"))
    assert "The amount is too large: at most NT$9,999,999,999." in str(
        error_for(engine, seeded, shop, customer, "1e30"))


def error_for(engine, seeded, shop, customer, price) -> DomainError:
    return refused(engine, seeded["manager"].actor, order_for(customer, line(shop.lpg20, 1,
                                                                             price)))


def test_an_unknown_or_inactive_product_is_refused(engine, seeded, shop, customer):
    manager = seeded["manager"].actor
    p = products.get(engine, shop.lpg50.id)
    products.save(engine, manager, ProductInput(
        sku=p.sku, name_zh=p.name_zh, name_en=p.name_en, unit=p.unit, active=False),
        product_id=p.id, version=p.version)
    for product_id in (999_999, -1, shop.lpg50.id):
        error = refused(engine, manager, OrderInput(
            customer_id=customer.id, lines=(LineInput(product_id, 1),)))
        assert list(error.field_errors) == ["line1.product"]


def test_every_bad_line_is_listed_at_once(engine, seeded, shop, customer):
    error = refused(engine, seeded["clerk"].actor, order_for(
        customer, line(shop.lpg20, 2), line(shop.lpg20, "0"),
        LineInput(424_242, 1), line(shop.lpg50, 1, "1.5")))
    assert sorted(error.field_errors) == ["line2.quantity", "line3.product", "line4.price"]
    assert "Line 2:" in str(error) and "Line 3:" in str(error) and "Line 4:" in str(error)


def test_an_order_without_lines_or_with_a_bad_header_is_refused(engine, seeded, shop,
                                                                customer):
    clerk = seeded["clerk"].actor
    assert list(refused(engine, clerk, order_for(customer)).field_errors) == ["lines"]
    past = date.today() - timedelta(days=1)
    cases = {"delivery_date": {"delivery_date": past}, "time_slot": {"time_slot": "midnight"},
             "payment": {"payment": "bitcoin"}, "external_ref": {"external_ref": "R" * 61}}
    for field, header in cases.items():
        error = refused(engine, clerk, order_for(customer, line(shop.lpg20), **header))
        assert list(error.field_errors) == [field]


def test_an_unknown_customer_is_not_found(engine, seeded, shop):
    refused(engine, seeded["clerk"].actor, order_for(987_654, line(shop.lpg20)),
            error=NotFound)


def test_an_inactive_customer_cannot_order(engine, seeded, shop, customer):
    clerk = seeded["clerk"].actor
    current = customers.get(engine, customer.id)
    customers.set_active(engine, clerk, customer_id=customer.id, version=current.version,
                         active=False)
    error = refused(engine, clerk, order_for(customer, line(shop.lpg20)), error=DomainError)
    assert "is inactive" in str(error)
    refused(engine, clerk, order_for(customer, line(shop.lpg20), payment="cash"),
            error=DomainError)


def test_control_characters_are_cleaned_out_of_notes_and_references(engine, seeded, shop,
                                                                     customer):
    placed = orders.place(engine, seeded["clerk"].actor, order_for(
        customer, line(shop.lpg20), notes="後門\x00送貨\n請先打電話\x07",
        external_ref="PO\x00-1\t"))
    assert placed.notes == "後門送貨\n請先打電話"
    assert placed.external_ref == "PO -1"
    assert orders.get(engine, placed.id) == placed


def test_the_same_reference_twice_for_one_customer_is_refused_cleanly(engine, seeded, shop,
                                                                      customer):
    clerk = seeded["clerk"].actor
    orders.place(engine, clerk, order_for(customer, line(shop.lpg20), external_ref="PO-1"))
    error = refused(engine, clerk, order_for(customer, line(shop.lpg50), external_ref="PO-1"))
    assert list(error.field_errors) == ["external_ref"]
    assert open_orders(engine, customer.id) == Decimal(945)
    other = make_customer(engine, seeded["manager"].actor, "C2", 10_000)
    orders.place(engine, clerk, order_for(other, line(shop.lpg20), external_ref="PO-1"))
    assert failed_checks(engine) == {}


# --- the order search with awkward text ----------------------------------------------------

@pytest.fixture
def odd_names(engine, seeded, shop):
    """One order each for customers whose names hold LIKE wildcards, quotes and backslashes."""
    names = {"percent": "100%純瓦斯行", "underscore": "A_B 小吃", "quote": "O'Brien 餐廳",
             "double": '"老張" 麵館', "backslash": "back\\slash 工廠", "plain": "阿嬤的麵店"}
    placed = {}
    for i, (key, name) in enumerate(names.items(), start=1):
        c = make_customer(engine, seeded["manager"].actor, f"X{i}", 50_000, name=name)
        placed[key] = orders.place(engine, seeded["clerk"].actor, order_for(c, line(shop.lpg20)))
    return placed


AWKWARD_SEARCHES = (  # text, the customers whose orders it finds
    ("%", {"percent"}), ("100%", {"percent"}), ("%%", set()), ("_", {"underscore"}),
    ("a_b", {"underscore"}), ("__", set()), ("'", {"quote"}), ("o'brien", {"quote"}),
    ('"', {"double"}), ('"老張"', {"double"}), ("\\", {"backslash"}), ("k\\s", {"backslash"}),
    ("\\%", set()), ("' OR '1'='1", set()), ("'; DROP TABLE sales_order; --", set()),
    ("阿嬤\x00", {"plain"}), ("阿\x00嬤", {"plain"}), ("SO-%", set()), ("SO-2026-%", set()),
    ("%1", set()), ("*", set()), ("[a-z]", set()),
)


def test_awkward_search_text_matches_only_what_it_says(engine, odd_names):
    before = counts(engine)
    for text, found in AWKWARD_SEARCHES:
        rows = search(engine, OrderCriteria(text=text))
        assert {r.id for r in rows} == {odd_names[k].id for k in found}, text
    assert counts(engine) == before


def test_search_text_of_nothing_but_control_characters_is_no_text_at_all(engine, odd_names):
    for text in ("\x00", "\x00\x00  \t", "   "):
        assert {r.id for r in search(engine, OrderCriteria(text=text))} == \
            {o.id for o in odd_names.values()}, repr(text)


def test_search_by_order_number_or_its_last_digits_is_exact(engine, odd_names):
    some = odd_names["quote"]
    assert [r.id for r in search(engine, OrderCriteria(text=some.number))] == [some.id]
    assert [r.id for r in search(engine, OrderCriteria(text=some.number.lower()))] == [some.id]
    digits = str(some.id)
    assert some.id in {r.id for r in search(engine, OrderCriteria(text=digits))}
    assert search(engine, OrderCriteria(text=some.number + "0")) == []


def test_an_unknown_status_in_a_search_is_refused(engine, odd_names):
    with pytest.raises(ValidationError):
        search(engine, OrderCriteria(statuses=("confirmed", "'; --")))
    assert search(engine, OrderCriteria(statuses=("cancelled",))) == []
