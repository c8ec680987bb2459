"""Quotes on SQLite and PostgreSQL: numbering, the declared life cycle, expiry, prospects
who become customers, prices, and conversion to an order exactly once — also when two
workstations convert the same quote at the same moment."""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from core.db import make_engine, unit_of_work
from core.errors import DomainError, PermissionDenied, StaleRecord, ValidationError
from core.models import CustomerPrice, Order
from core.queries import quotes as quote_queries
from core.services import audit, customers, orders, products, quotes
from core.services.actor import SYSTEM
from core.services.orders import CreditRefused, OverrideRequest
from core.services.products import ProductInput
from core.services.quotes import (
    TRANSITIONS,
    AlreadyConverted,
    IllegalQuoteTransition,
    QuoteInput,
)
from tests.integration.shop import (
    LPG20_TOTAL,
    LPG50_TOTAL,
    failed_checks,
    line,
    make_customer,
    make_products,
    open_orders,
)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def clerk(seeded):
    return seeded["clerk"].actor


@pytest.fixture
def restaurant(engine, seeded):
    return make_customer(engine, seeded["manager"].actor, "C1", 100_000, name="好味道小吃店")


def quote_for(customer, *lines, **fields) -> QuoteInput:
    return QuoteInput(customer_id=customer.id, lines=tuple(lines), **fields)


def accepted(engine, clerk, quote):
    sent = quotes.send(engine, clerk, quote_id=quote.id, version=quote.version)
    return quotes.accept(engine, clerk, quote_id=sent.id, version=sent.version)


def set_valid_until(engine, quote_id: int, day: date) -> None:
    """Time passing: the quote's validity date moved into the past, straight in the database."""
    with unit_of_work(engine) as s:
        s.execute(text("UPDATE quote SET valid_until = :day WHERE id = :id"),
                  {"day": day, "id": quote_id})


def orders_of_quote(engine, quote_id: int) -> int:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.count()).select_from(Order).where(Order.quote_id == quote_id))


# --- create and change ---------------------------------------------------------------------

def test_a_new_quote_is_a_numbered_draft_valid_for_30_days_at_the_list_prices(
        engine, shop, clerk, restaurant):
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20, 2),
                                               line(shop.inspect), notes="  含安裝  "))
    assert re.fullmatch(rf"Q-{date.today().year}-\d{{5}}", q.number)
    assert q.number.endswith(f"{q.id:05d}")
    assert (q.status, q.state, q.version) == ("draft", "draft", 1)
    assert q.quote_date == date.today() and q.valid_until == date.today() + timedelta(days=30)
    assert [(x.sku, x.quantity, x.unit_price) for x in q.lines] == [
        ("LPG-20", Decimal(2), Decimal(900)), ("SVC-INSPECT", Decimal(1), Decimal(300))]
    assert (q.subtotal, q.tax, q.total) == (Decimal(2100), Decimal(105), Decimal(2205))
    assert (q.party, q.customer_code, q.notes) == ("好味道小吃店", "C1", "含安裝")
    assert q.order_id is None and not q.convertible
    assert [e.action for e in audit.list_entries(engine, SYSTEM, entity="quote")] == ["created"]


def test_quote_numbers_follow_one_another(engine, shop, clerk, restaurant):
    first = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    second = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1


def test_a_quote_offers_the_customers_own_price(engine, shop, clerk, restaurant):
    with unit_of_work(engine) as s:
        s.add(CustomerPrice(customer_id=restaurant.id, product_id=shop.lpg20.id,
                            price=Decimal(850)))
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    assert q.lines[0].unit_price == Decimal(850)


def test_a_clerk_may_move_a_quoted_price_only_within_the_tolerance(
        engine, shop, clerk, seeded, restaurant):
    ok = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20, 1, "820")))
    assert ok.lines[0].unit_price == Decimal(820)
    with pytest.raises(ValidationError) as refused:
        quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20, 1, "700")))
    assert set(refused.value.field_errors) == {"line1.price"}
    manager = quotes.create(engine, seeded["manager"].actor,
                            quote_for(restaurant, line(shop.lpg20, 1, "700")))
    assert manager.lines[0].unit_price == Decimal(700)


def test_a_quote_lists_every_bad_line_and_needs_one(engine, shop, clerk, restaurant):
    with pytest.raises(ValidationError) as bad:
        quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20, "two"),
                                               line(shop.lpg50, 0)))
    assert set(bad.value.field_errors) == {"line1.quantity", "line2.quantity"}
    with pytest.raises(ValidationError) as empty:
        quotes.create(engine, clerk, quote_for(restaurant))
    assert "lines" in empty.value.field_errors


def test_a_quote_cannot_be_valid_until_a_day_in_the_past(engine, shop, clerk, restaurant):
    with pytest.raises(ValidationError) as bad:
        quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20),
                                               valid_until=date.today() - timedelta(days=1)))
    assert set(bad.value.field_errors) == {"valid_until"}


def test_changing_a_quote_reprices_it_moves_its_version_and_is_audited(
        engine, shop, clerk, restaurant):
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    later = date.today() + timedelta(days=10)
    changed = quotes.update(engine, clerk, quote_id=q.id, version=q.version, data=quote_for(
        restaurant, line(shop.lpg50, 2), line(shop.lpg20), valid_until=later))
    assert changed.version == 2 and changed.valid_until == later
    assert [(x.sku, x.quantity) for x in changed.lines] == [("LPG-50", 2), ("LPG-20", 1)]
    assert changed.total == 2 * LPG50_TOTAL + LPG20_TOTAL
    shorter = quotes.update(engine, clerk, quote_id=q.id, version=changed.version,
                            data=quote_for(restaurant, line(shop.inspect)))
    assert [x.sku for x in shorter.lines] == ["SVC-INSPECT"]
    assert quotes.get(engine, q.id) == shorter
    assert [e.action for e in audit.list_entries(engine, SYSTEM, entity="quote")] == [
        "updated", "updated", "created"]


def test_saving_over_a_newer_version_is_refused_as_stale(engine, shop, clerk, restaurant):
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    quotes.update(engine, clerk, quote_id=q.id, version=q.version,
                  data=quote_for(restaurant, line(shop.lpg20, 2)))
    with pytest.raises(StaleRecord):
        quotes.update(engine, clerk, quote_id=q.id, version=q.version,
                      data=quote_for(restaurant, line(shop.lpg20, 3)))
    with pytest.raises(StaleRecord):
        quotes.send(engine, clerk, quote_id=q.id, version=q.version)
    assert quotes.get(engine, q.id).lines[0].quantity == 2


def test_clerks_make_quotes_and_dispatchers_do_not(engine, shop, seeded, restaurant):
    data = quote_for(restaurant, line(shop.lpg20))
    with pytest.raises(PermissionDenied):
        quotes.create(engine, seeded["dispatcher"].actor, data)
    q = quotes.create(engine, seeded["clerk"].actor, data)
    for call in (lambda a: quotes.send(engine, a, quote_id=q.id, version=q.version),
                 lambda a: quotes.update(engine, a, quote_id=q.id, version=q.version, data=data),
                 lambda a: quotes.convert(engine, a, q.id)):
        with pytest.raises(PermissionDenied):
            call(seeded["dispatcher"].actor)
    assert quotes.get(engine, q.id).version == 1


# --- the life cycle ------------------------------------------------------------------------

def test_a_quote_goes_draft_sent_accepted_and_each_step_is_audited(
        engine, shop, clerk, restaurant):
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    sent = quotes.send(engine, clerk, quote_id=q.id, version=q.version)
    assert (sent.status, sent.version) == ("sent", 2)
    done = quotes.accept(engine, clerk, quote_id=sent.id, version=sent.version)
    assert done.state == "accepted" and done.convertible
    assert [e.action for e in audit.list_entries(engine, SYSTEM, entity="quote")] == [
        "accepted", "sent", "created"]


@pytest.mark.parametrize("state", sorted(TRANSITIONS))
def test_every_transition_the_table_does_not_allow_is_refused(state):
    for target in ("sent", "accepted", "rejected"):
        if target in TRANSITIONS[state]:
            quotes.check_transition("Q-1", state, target)
        else:
            with pytest.raises(IllegalQuoteTransition):
                quotes.check_transition("Q-1", state, target)


def test_a_draft_cannot_be_accepted_before_it_is_sent_nor_a_rejected_quote_sent(
        engine, shop, clerk, restaurant):
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    with pytest.raises(IllegalQuoteTransition) as early:
        quotes.accept(engine, clerk, quote_id=q.id, version=q.version)
    assert "draft" in str(early.value) and "accepted" in str(early.value)
    sent = quotes.send(engine, clerk, quote_id=q.id, version=q.version)
    rejected = quotes.reject(engine, clerk, quote_id=q.id, version=sent.version)
    assert rejected.state == "rejected"
    with pytest.raises(IllegalQuoteTransition):
        quotes.send(engine, clerk, quote_id=q.id, version=rejected.version)
    with pytest.raises(DomainError, match="can no longer be changed"):
        quotes.update(engine, clerk, quote_id=q.id, version=rejected.version,
                      data=quote_for(restaurant, line(shop.lpg20)))
    with pytest.raises(DomainError, match="only an accepted quote"):
        quotes.convert(engine, clerk, q.id)


def test_a_quote_past_its_date_shows_as_expired_and_can_only_be_rejected_or_redated(
        engine, shop, clerk, restaurant):
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    sent = quotes.send(engine, clerk, quote_id=q.id, version=q.version)
    fresh = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg50)))
    set_valid_until(engine, q.id, date.today() - timedelta(days=1))
    expired = quotes.get(engine, q.id)
    assert (expired.status, expired.state) == ("sent", "expired")
    assert [r.id for r in quote_queries.list_quotes(engine, state="expired")] == [q.id]
    assert [r.id for r in quote_queries.list_quotes(engine, state="sent")] == []
    assert [r.id for r in quote_queries.list_quotes(engine, state="draft")] == [fresh.id]
    assert {r.id: r.state for r in quote_queries.list_quotes(engine)} == {
        q.id: "expired", fresh.id: "draft"}
    with pytest.raises(IllegalQuoteTransition, match="expired"):
        quotes.accept(engine, clerk, quote_id=q.id, version=sent.version)
    # A new validity date revives it; without one, it can still be rejected.
    redated = quotes.update(engine, clerk, quote_id=q.id, version=sent.version, data=quote_for(
        restaurant, line(shop.lpg20), valid_until=date.today() + timedelta(days=7)))
    assert redated.state == "sent"
    set_valid_until(engine, q.id, date.today() - timedelta(days=1))
    assert quotes.reject(engine, clerk, quote_id=q.id, version=redated.version).state \
        == "rejected"


def test_a_quote_is_still_valid_on_its_last_day(engine, shop, clerk, restaurant):
    q = quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20),
                                               valid_until=date.today()))
    assert quotes.get(engine, q.id).state == "draft"


def test_an_accepted_quote_that_expired_before_conversion_does_not_convert(
        engine, shop, clerk, restaurant):
    q = accepted(engine, clerk, quotes.create(engine, clerk,
                                              quote_for(restaurant, line(shop.lpg20))))
    set_valid_until(engine, q.id, date.today() - timedelta(days=3))
    assert quotes.get(engine, q.id).state == "expired"
    with pytest.raises(DomainError, match="expired on"):
        quotes.convert(engine, clerk, q.id)
    assert orders_of_quote(engine, q.id) == 0


# --- prospects -----------------------------------------------------------------------------

def test_a_prospects_quote_makes_the_prospect_a_customer_on_acceptance(engine, shop, clerk):
    q = quotes.create(engine, clerk, QuoteInput(
        prospect_name="  新開張火鍋店 ", prospect_phone="0922 333 444",
        prospect_address="台中市南屯區公益路二段 51 號", language="en",
        lines=(line(shop.lpg50, 2),)))
    assert (q.customer_id, q.party, q.prospect_phone, q.phone) == (
        None, "新開張火鍋店", "+886922333444", "0922 333 444")
    assert q.language == "en"
    done = accepted(engine, clerk, q)
    assert done.customer_id is not None and done.customer_code
    customer = customers.get(engine, done.customer_id)
    assert (customer.name, customer.phone, customer.address, customer.language,
            customer.credit_limit) == ("新開張火鍋店", "+886922333444",
                                       "台中市南屯區公益路二段 51 號", "en", Decimal(0))
    assert [e.action for e in audit.list_entries(engine, SYSTEM, entity="customer")] == ["created"]
    order = quotes.convert(engine, clerk, q.id)
    assert (order.customer_id, order.payment) == (customer.id, "cash")  # no limit: cash
    assert quotes.get(engine, q.id).order_number == order.number


def test_a_prospect_needs_a_name_and_a_real_phone_number(engine, shop, clerk):
    with pytest.raises(ValidationError) as bad:
        quotes.create(engine, clerk, QuoteInput(prospect_name=" ", prospect_phone="12",
                                                lines=(line(shop.lpg20),)))
    assert set(bad.value.field_errors) == {"prospect_name", "prospect_phone"}


# --- conversion ----------------------------------------------------------------------------

def test_an_accepted_quote_converts_once_at_its_prices_and_a_second_time_is_refused(
        engine, shop, clerk, restaurant):
    q = accepted(engine, clerk, quotes.create(engine, clerk, quote_for(
        restaurant, line(shop.lpg20, 2, "880"), line(shop.inspect))))
    order = quotes.convert(engine, clerk, q.id)
    assert order.status == "confirmed" and order.number.startswith("SO-")
    assert [(x.sku, x.quantity, x.unit_price) for x in order.lines] == [
        ("LPG-20", 2, Decimal(880)), ("SVC-INSPECT", 1, Decimal(300))]
    assert order.total == q.total
    assert open_orders(engine, restaurant.id) == q.total
    after = quotes.get(engine, q.id)
    assert (after.order_id, after.order_number, after.state, after.convertible) == (
        order.id, order.number, "accepted", False)
    with pytest.raises(AlreadyConverted) as twice:
        quotes.convert(engine, clerk, q.id)
    assert order.number in str(twice.value) and q.number in str(twice.value)
    assert orders_of_quote(engine, q.id) == 1
    assert [r.order_number for r in quote_queries.list_quotes(engine)] == [order.number]
    actions = [(e.entity, e.action) for e in audit.list_entries(engine, SYSTEM)
               if e.entity in ("quote", "order")][:2]
    assert actions == [("quote", "converted"), ("order", "created")]
    assert failed_checks(engine) == {}


def test_a_converted_quote_keeps_its_prices_after_the_price_list_moved(
        engine, shop, clerk, seeded, restaurant):
    q = accepted(engine, clerk, quotes.create(engine, clerk, quote_for(restaurant,
                                                                       line(shop.lpg20, 1))))
    products.save(engine, seeded["manager"].actor, ProductInput(
        sku="LPG-20", name_zh=shop.lpg20.name_zh, name_en=shop.lpg20.name_en, unit="cylinder",
        price=Decimal(1200), price_from=date.today() - timedelta(days=1)),
        product_id=shop.lpg20.id, version=shop.lpg20.version)
    order = quotes.convert(engine, clerk, q.id)  # a clerk's tolerance is about new prices
    assert (order.lines[0].unit_price, order.lines[0].list_price) == (Decimal(900),
                                                                      Decimal(1200))


def test_a_conversion_over_the_credit_limit_is_refused_until_a_manager_overrides(
        engine, shop, clerk, seeded):
    small = make_customer(engine, seeded["manager"].actor, "C2", 1000)
    q = accepted(engine, clerk, quotes.create(engine, clerk, quote_for(small,
                                                                       line(shop.lpg50, 2))))
    with pytest.raises(CreditRefused) as refused:
        quotes.convert(engine, clerk, q.id)
    assert refused.value.figures.amount == 2 * LPG50_TOTAL
    assert orders_of_quote(engine, q.id) == 0 and quotes.get(engine, q.id).convertible
    with pytest.raises(PermissionDenied):  # nobody approves their own request
        quotes.convert(engine, seeded["manager"].actor, q.id,
                       OverrideRequest("manager", seeded["manager"].password, "老客戶"))
    order = quotes.convert(engine, clerk, q.id,
                           OverrideRequest("manager", seeded["manager"].password, "老客戶"))
    assert [(o.requested_by, o.approved_by) for o in order.overrides] == [("clerk", "manager")]
    assert open_orders(engine, small.id) == 2 * LPG50_TOTAL
    assert failed_checks(engine) == {}


def test_a_quote_for_an_inactive_customer_is_refused(engine, shop, clerk, seeded, restaurant):
    customers.set_active(engine, seeded["manager"].actor, customer_id=restaurant.id,
                         version=restaurant.version, active=False)
    with pytest.raises(ValidationError) as bad:
        quotes.create(engine, clerk, quote_for(restaurant, line(shop.lpg20)))
    assert set(bad.value.field_errors) == {"customer"}


ROUNDS = 4


def test_two_workstations_converting_one_quote_at_once_make_exactly_one_order(
        engine, db_url, shop, clerk, restaurant):
    """Each "workstation" is a thread with its own engine (own connections and sessions);
    both start converting the same quote at the same moment, a few rounds over."""
    engines = [make_engine(db_url) for _ in range(2)]
    try:
        for _ in range(ROUNDS):
            q = accepted(engine, clerk, quotes.create(engine, clerk,
                                                      quote_for(restaurant, line(shop.lpg20))))
            barrier = threading.Barrier(2)
            results: list = []

            def convert(own_engine, quote_id=q.id, barrier=barrier, results=results):
                barrier.wait(30)
                try:
                    results.append(quotes.convert(own_engine, clerk, quote_id))
                except Exception as exc:  # noqa: BLE001 - what the test looks at
                    results.append(exc)

            threads = [threading.Thread(target=convert, args=(e,)) for e in engines]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            placed = [r for r in results if isinstance(r, orders.OrderView)]
            refused = [r for r in results if isinstance(r, AlreadyConverted)]
            assert (len(placed), len(refused)) == (1, 1), results
            assert placed[0].number in str(refused[0])
            assert orders_of_quote(engine, q.id) == 1
        assert open_orders(engine, restaurant.id) == ROUNDS * LPG20_TOTAL
        assert failed_checks(engine) == {}
    finally:
        for e in engines:
            e.dispose()
