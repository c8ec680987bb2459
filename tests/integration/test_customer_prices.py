"""A customer's own prices: set by managers, used by order entry instead of the price list."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import PermissionDenied, ValidationError
from core.services import audit, customer_prices, customers, orders, products
from core.services.actor import SYSTEM
from core.services.customer_prices import CustomerPriceView
from core.services.customers import CustomerInput
from core.services.products import ProductInput

LAST_YEAR = date.today() - timedelta(days=365)


@pytest.fixture
def shop(engine, seeded):
    """Two products on the price list (LPG-20 at 900, LPG-50 at 2180) and a restaurant."""
    manager = seeded["manager"].actor
    made = {sku: products.save(engine, manager, ProductInput(
        sku=sku, name_zh=zh, name_en=en, unit="cylinder", price=Decimal(price),
        price_from=LAST_YEAR))
        for sku, zh, en, price in (("LPG-20", "液化石油氣 20公斤", "LPG cylinder 20 kg", 900),
                                   ("LPG-50", "液化石油氣 50公斤", "LPG cylinder 50 kg", 2180))}
    made["customer"] = customers.save(engine, manager, CustomerInput(
        code="C1", name="好味道小吃店", phone="04-2345-6789"))
    return made


def set_price(engine, actor, shop, sku: str, price):
    return customer_prices.set_price(engine, actor, customer_id=shop["customer"].id,
                                     product_id=shop[sku].id, price=price)


def offer(engine, shop, sku: str) -> orders.PriceOffer:
    found = orders.price_list(engine, customer_id=shop["customer"].id, day=date.today())
    return next(o for o in found if o.sku == sku)


def order_line(engine, actor, shop, sku: str, unit_price=None) -> orders.LineView:
    placed = orders.place(engine, actor, orders.OrderInput(
        customer_id=shop["customer"].id,
        lines=(orders.LineInput(shop[sku].id, 2, unit_price),)))
    return placed.lines[0]


def test_a_manager_sets_a_customers_own_price(engine, seeded, shop):
    listed = set_price(engine, seeded["manager"].actor, shop, "LPG-20", "800")
    assert listed == [CustomerPriceView(shop["LPG-20"].id, "LPG-20", "液化石油氣 20公斤",
                                        "LPG cylinder 20 kg", Decimal(800))]
    assert customer_prices.list_for(engine, shop["customer"].id) == listed
    own = offer(engine, shop, "LPG-20")
    assert (own.price, own.customer_price) == (Decimal(800), True)
    other = offer(engine, shop, "LPG-50")
    assert (other.price, other.customer_price) == (Decimal(2180), False)


def test_a_manager_changes_an_own_price_and_the_list_keeps_one_row_a_product(
        engine, seeded, shop):
    manager = seeded["manager"].actor
    set_price(engine, manager, shop, "LPG-20", Decimal(800))
    set_price(engine, manager, shop, "LPG-50", "NT$2,000")
    listed = set_price(engine, manager, shop, "LPG-20", "780")
    assert [(v.sku, v.price) for v in listed] == [("LPG-20", Decimal(780)),
                                                   ("LPG-50", Decimal(2000))]
    assert offer(engine, shop, "LPG-20").price == Decimal(780)


@pytest.mark.parametrize("blank", [None, ""])
def test_removing_an_own_price_brings_back_the_list_price(engine, seeded, shop, blank):
    manager = seeded["manager"].actor
    set_price(engine, manager, shop, "LPG-20", "800")
    assert set_price(engine, manager, shop, "LPG-20", blank) == []
    assert customer_prices.list_for(engine, shop["customer"].id) == []
    back = offer(engine, shop, "LPG-20")
    assert (back.price, back.customer_price) == (Decimal(900), False)


def test_a_clerk_may_not_set_an_own_price(engine, seeded, shop):
    set_price(engine, seeded["manager"].actor, shop, "LPG-20", "800")
    for price in ("700", None):
        with pytest.raises(PermissionDenied):
            set_price(engine, seeded["clerk"].actor, shop, "LPG-20", price)
    assert [v.price for v in customer_prices.list_for(engine, shop["customer"].id)] == \
        [Decimal(800)]


@pytest.mark.parametrize("typed", ["800.5", Decimal("799.99")])
def test_a_price_with_more_decimals_than_the_currency_has_is_refused(
        engine, seeded, shop, typed):
    with pytest.raises(ValidationError) as exc:
        set_price(engine, seeded["manager"].actor, shop, "LPG-20", typed)
    assert list(exc.value.field_errors) == ["price"]
    assert "TWD amounts are whole numbers." in str(exc.value)
    assert customer_prices.list_for(engine, shop["customer"].id) == []


@pytest.mark.parametrize("typed", ["-1", "cheap"])
def test_a_negative_or_unreadable_price_is_refused(engine, seeded, shop, typed):
    with pytest.raises(ValidationError) as exc:
        set_price(engine, seeded["manager"].actor, shop, "LPG-20", typed)
    assert list(exc.value.field_errors) == ["price"]
    assert customer_prices.list_for(engine, shop["customer"].id) == []


def test_an_order_is_priced_at_the_customers_own_price(engine, seeded, shop):
    set_price(engine, seeded["manager"].actor, shop, "LPG-20", "800")
    line = order_line(engine, seeded["clerk"].actor, shop, "LPG-20")
    assert line.unit_price == Decimal(800)
    assert line.amount == Decimal(1600)
    other = order_line(engine, seeded["clerk"].actor, shop, "LPG-50")
    assert other.unit_price == Decimal(2180)


def test_a_clerks_price_tolerance_applies_around_the_customers_own_price(engine, seeded, shop):
    set_price(engine, seeded["manager"].actor, shop, "LPG-20", "800")
    clerk = seeded["clerk"].actor  # 10 % either way: 720 to 880, not the list's 810 to 990
    assert order_line(engine, clerk, shop, "LPG-20", "720").unit_price == Decimal(720)
    assert order_line(engine, clerk, shop, "LPG-20", "880").unit_price == Decimal(880)
    for too_far in ("719", "881", "950"):
        with pytest.raises(ValidationError) as exc:
            order_line(engine, clerk, shop, "LPG-20", too_far)
        assert list(exc.value.field_errors) == ["line1.price"]
        assert "from NT$720 to NT$880" in str(exc.value)
    assert order_line(engine, seeded["manager"].actor, shop, "LPG-20", "950").unit_price == \
        Decimal(950)


def test_every_change_of_an_own_price_is_in_the_customers_audit_trail(engine, seeded, shop):
    manager = seeded["manager"].actor
    set_price(engine, manager, shop, "LPG-20", "800")
    set_price(engine, manager, shop, "LPG-20", "780")
    set_price(engine, manager, shop, "LPG-20", "780")  # no change: nothing to record
    set_price(engine, manager, shop, "LPG-20", None)
    set_price(engine, manager, shop, "LPG-50", None)  # had none: nothing to record
    entries = [e for e in audit.list_entries(engine, SYSTEM, entity="customer", entity_id="C1")
               if e.action == "price_set"]
    assert [e.changes for e in entries] == [  # newest first
        {"price LPG-20": ["780", None]},
        {"price LPG-20": ["800", "780"]},
        {"price LPG-20": [None, "800"]},
    ]
    assert {(e.actor, e.summary) for e in entries} == {("manager", "好味道小吃店")}
