"""Request keys bound to what they were made for, on SQLite and PostgreSQL: the same key
with the same content returns the first record (also when submitted twice at once); the
same key with other content — another customer, order, amount, kind, allocation,
outcome or lines — is refused and writes nothing, never answered with someone else's
record.  Rows from before fingerprints (no hash) match on the key alone.  And what an
order's insert collides with is named for what it is."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from core import requests
from core.db import unit_of_work
from core.errors import ValidationError
from core.models import Delivery, Order, Payment
from core.requests import KeyReused, fingerprint
from core.services import deliveries, dispatch, fleet, orders, payments, settings
from core.services.deliveries import DeliveryInput, LineResult
from tests.integration.money import balance
from tests.integration.shop import (
    LPG20_TOTAL,
    counts,
    failed_checks,
    line,
    make_customer,
    make_products,
    open_orders,
    order_for,
)

DAY = date.today() + timedelta(days=1)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def two(engine, seeded):
    manager = seeded["manager"].actor
    return make_customer(engine, manager, "C1", 100_000), make_customer(engine, manager, "C2",
                                                                        100_000)


def rows(engine, model) -> int:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.count()).select_from(model))


def at_once(n: int, submit) -> list:
    """``submit(i)`` in ``n`` threads started together: each one's result or exception."""
    barrier, results = threading.Barrier(n), [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = submit(i)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


# --- the fingerprint ----------------------------------------------------------------------

def test_a_fingerprint_is_the_same_for_the_same_content_however_numbers_are_written():
    same = fingerprint("payment", customer=1, amount=Decimal("5000"), on=date(2026, 12, 1))
    assert same == fingerprint("payment", on=date(2026, 12, 1), amount=Decimal("5000.00"),
                               customer=1)
    assert same == fingerprint("payment", customer=1, amount="5000", on=date(2026, 12, 1))
    assert len(same) == 64 and int(same, 16) >= 0
    for other in (fingerprint("refund", customer=1, amount=5000, on=date(2026, 12, 1)),
                  fingerprint("payment", customer=2, amount=5000, on=date(2026, 12, 1)),
                  fingerprint("payment", customer=1, amount=5001, on=date(2026, 12, 1)),
                  fingerprint("payment", customer=1, amount=5000, on=date(2026, 12, 2)),
                  fingerprint("payment", customer=1, amount=5000, on=None)):
        assert other != same
    lines = orders.OrderInput(customer_id=1, lines=(orders.LineInput(7, 2),))
    assert fingerprint("order", order=lines) == fingerprint("order", order=orders.OrderInput(
        customer_id=1, lines=(orders.LineInput(7, Decimal("2.000")),)))
    assert fingerprint("order", order=lines) != fingerprint("order", order=orders.OrderInput(
        customer_id=1, lines=(orders.LineInput(7, 2), orders.LineInput(7, 2))))


def test_a_fingerprint_takes_only_plain_values():
    with pytest.raises(TypeError):
        fingerprint("payment", customer=object())


# --- orders -------------------------------------------------------------------------------

def test_an_order_key_sent_again_with_another_order_is_refused_and_places_nothing(
        engine, seeded, shop, two):
    clerk = seeded["clerk"].actor
    c1, c2 = two
    first = orders.place(engine, clerk, order_for(c1, line(shop.lpg20)), request_key="form-1")
    assert orders.place(engine, clerk, order_for(c1, line(shop.lpg20)),
                        request_key="form-1") == first
    before = counts(engine)
    for other in (order_for(c2, line(shop.lpg20)),  # another customer
                  order_for(c1, line(shop.lpg20, 2)),  # another quantity
                  order_for(c1, line(shop.lpg50)),  # another product
                  order_for(c1, line(shop.lpg20), payment="cash")):  # another payment
        with pytest.raises(KeyReused) as refused:
            orders.place(engine, clerk, other, request_key="form-1")
        assert "saved before with other content" in refused.value.message()
    assert counts(engine) == before
    assert open_orders(engine, c2.id) == 0 and open_orders(engine, c1.id) == LPG20_TOTAL
    assert failed_checks(engine) == {}


def test_two_threads_sending_one_order_key_with_different_orders_place_one(
        engine, seeded, shop, two):
    clerk = seeded["clerk"].actor
    forms = [order_for(two[i % 2], line(shop.lpg20)) for i in range(4)]
    results = at_once(4, lambda i: orders.place(engine, clerk, forms[i], request_key="k-1"))
    placed = [r for r in results if isinstance(r, orders.OrderView)]
    assert {r.id for r in placed} == {placed[0].id}, results
    winner = placed[0].customer_id
    for form, result in zip(forms, results):
        if form.customer_id == winner:
            assert result == placed[0]
        else:
            assert isinstance(result, KeyReused), result
    assert rows(engine, Order) == 1
    assert failed_checks(engine) == {}


def test_an_order_from_before_fingerprints_matches_its_key_alone(engine, seeded, shop, two):
    clerk = seeded["clerk"].actor
    first = orders.place(engine, clerk, order_for(two[0], line(shop.lpg20)), request_key="old")
    with engine.begin() as conn:
        conn.execute(text("UPDATE sales_order SET request_hash = NULL"))
    again = orders.place(engine, clerk, order_for(two[0], line(shop.lpg50)), request_key="old")
    assert again.id == first.id and rows(engine, Order) == 1


def test_a_placed_order_keeps_the_fingerprint_of_its_request(engine, seeded, shop, two):
    data = order_for(two[0], line(shop.lpg20))
    placed = orders.place(engine, seeded["clerk"].actor, data, request_key="form-9")
    unkeyed = orders.place(engine, seeded["clerk"].actor, data)
    with unit_of_work(engine, write=False) as s:
        assert s.get(Order, placed.id).request_hash == fingerprint("order", order=data)
        assert s.get(Order, unkeyed.id).request_hash is None


# --- what an order's insert collides with -------------------------------------------------

def test_a_collision_other_than_the_reference_is_not_reported_as_a_duplicate_reference(
        engine, seeded, shop, two):
    """The next order's number taken behind the services' back: that is no duplicate
    reference (the order has none); the database's own error goes on."""
    clerk = seeded["clerk"].actor
    first = orders.place(engine, clerk, order_for(two[0], line(shop.lpg20)))
    taken = f"SO-{date.today().year}-{first.id + 1:06d}"
    with engine.begin() as conn:
        conn.execute(text("UPDATE sales_order SET number = :n"), {"n": taken})
    with pytest.raises(IntegrityError):
        orders.place(engine, clerk, order_for(two[1], line(shop.lpg20)))
    assert rows(engine, Order) == 1 and open_orders(engine, two[1].id) == 0


def test_a_duplicate_reference_is_still_named_as_one(engine, seeded, shop, two):
    clerk = seeded["clerk"].actor
    orders.place(engine, clerk, order_for(two[0], line(shop.lpg20), external_ref="PO-7"))
    with pytest.raises(ValidationError) as refused:
        orders.place(engine, clerk, order_for(two[0], line(shop.lpg50), external_ref=" PO-7 "),
                     request_key="form-2")
    assert list(refused.value.field_errors) == ["external_ref"]
    assert "reference “PO-7”" in refused.value.message()


# --- payments and refunds -----------------------------------------------------------------

def test_a_payment_key_sent_again_for_another_customer_is_refused_and_records_nothing(
        engine, seeded, two):
    """The attack of issue 10: NT$5,000 for another customer, answered with the first
    customer's payment, was never recorded."""
    clerk = seeded["clerk"].actor
    c1, c2 = two
    first = payments.record_payment(engine, clerk, customer_id=c1.id, method="cash",
                                    amount="300", request_key="pay-1")
    assert payments.record_payment(engine, clerk, customer_id=c1.id, method="cash",
                                   amount="300", request_key="pay-1").id == first.id
    for other in ({"customer_id": c2.id, "amount": "5000"}, {"customer_id": c2.id,
                                                            "amount": "300"},
                  {"customer_id": c1.id, "amount": "5000"},
                  {"customer_id": c1.id, "amount": "300", "method": "transfer"},
                  {"customer_id": c1.id, "amount": "300", "allocations": []},
                  {"customer_id": c1.id, "amount": "300", "received_on": DAY}):
        with pytest.raises(KeyReused):
            payments.record_payment(engine, clerk, **({"method": "cash"} | other),
                                    request_key="pay-1")
    assert rows(engine, Payment) == 1
    assert balance(engine, c1.id) == -300 and balance(engine, c2.id) == 0
    assert failed_checks(engine) == {}


def test_two_threads_sending_one_payment_key_for_two_customers_record_one(
        engine, seeded, two):
    clerk = seeded["clerk"].actor
    results = at_once(4, lambda i: payments.record_payment(
        engine, clerk, customer_id=two[i % 2].id, method="cash", amount="5000",
        request_key="pay-dup"))
    recorded = [r for r in results if isinstance(r, payments.PaymentView)]
    assert recorded and {r.id for r in recorded} == {recorded[0].id}, results
    winner = recorded[0].customer_id
    for i, result in enumerate(results):
        assert (result == recorded[0]) if two[i % 2].id == winner \
            else isinstance(result, KeyReused), result
    assert rows(engine, Payment) == 1
    assert balance(engine, winner) == -5000
    assert failed_checks(engine) == {}


def test_a_refund_is_once_per_key_and_a_payments_key_cannot_refund(engine, seeded, two):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    c1 = two[0]
    payments.record_payment(engine, clerk, customer_id=c1.id, method="cash", amount="1000",
                            request_key="pay-1")
    with pytest.raises(KeyReused):
        payments.refund(engine, manager, customer_id=c1.id, amount="400", method="cash",
                        reason="overpaid", request_key="pay-1")
    first = payments.refund(engine, manager, customer_id=c1.id, amount="400", method="cash",
                            reason="overpaid", request_key="refund-1")
    again = payments.refund(engine, manager, customer_id=c1.id, amount="400", method="cash",
                            reason="overpaid", request_key="refund-1")
    assert again.id == first.id and again.kind == "refund"
    with pytest.raises(KeyReused):
        payments.refund(engine, manager, customer_id=c1.id, amount="500", method="cash",
                        reason="overpaid", request_key="refund-1")
    assert balance(engine, c1.id) == -600 and rows(engine, Payment) == 2
    assert failed_checks(engine) == {}


def test_a_payment_from_before_fingerprints_matches_its_key_alone(engine, seeded, two):
    clerk = seeded["clerk"].actor
    first = payments.record_payment(engine, clerk, customer_id=two[0].id, method="cash",
                                    amount="300", request_key="old")
    with engine.begin() as conn:
        conn.execute(text("UPDATE payment SET request_hash = NULL"))
    again = payments.record_payment(engine, clerk, customer_id=two[0].id, method="cash",
                                    amount="999", request_key="old")
    assert again.id == first.id and rows(engine, Payment) == 1


# --- deliveries ---------------------------------------------------------------------------

@pytest.fixture
def route(engine, seeded, shop, two):
    """Two orders of C1 and C2 on one confirmed route for tomorrow."""
    clerk, actor = seeded["clerk"].actor, seeded["dispatcher"].actor
    settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16", depot_lon="120.63")
    van = fleet.save_vehicle(engine, actor, plate="ABC-1201", capacity=60)
    placed = [orders.place(engine, clerk, order_for(c, line(shop.lpg20, 2), delivery_date=DAY))
              for c in two]
    board = dispatch.move(engine, actor, order_id=placed[0].id, route_id=None,
                          vehicle_id=van.id)
    dispatch.move(engine, actor, order_id=placed[1].id, route_id=board.routes[0].id)
    dispatch.confirm(engine, actor, day=DAY)
    return placed


def test_a_delivery_key_sent_again_for_another_order_or_outcome_is_refused(
        engine, seeded, route):
    clerk = seeded["clerk"].actor
    first, second = route
    done = deliveries.confirm(engine, clerk, DeliveryInput(first.id, "stop-1", "delivered"))
    assert deliveries.confirm(engine, clerk, DeliveryInput(first.id, "stop-1",
                                                           "delivered")).id == done.id
    with unit_of_work(engine, write=False) as s:
        line_id = s.get(Order, first.id).lines[0].id
    for other in (DeliveryInput(second.id, "stop-1", "delivered"),  # another order
                  DeliveryInput(first.id, "stop-1", "failed", reason="nobody home"),
                  DeliveryInput(first.id, "stop-1", "delivered", cash_collected="100"),
                  DeliveryInput(first.id, "stop-1", "partially_delivered",
                                lines=(LineResult(line_id, 1),), reason="one short")):
        with pytest.raises(KeyReused):
            deliveries.confirm(engine, clerk, other)
    assert deliveries.for_order(engine, second.id) is None
    assert rows(engine, Delivery) == 1
    assert balance(engine, first.customer_id) == 2 * LPG20_TOTAL
    assert balance(engine, second.customer_id) == 0
    assert failed_checks(engine) == {}


def test_a_delivery_from_before_fingerprints_matches_its_key_alone(engine, seeded, route):
    clerk = seeded["clerk"].actor
    first = deliveries.confirm(engine, clerk, DeliveryInput(route[0].id, "stop-1", "delivered"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE delivery SET request_hash = NULL"))
    again = deliveries.confirm(engine, clerk, DeliveryInput(route[1].id, "stop-1", "delivered"))
    assert again.id == first.id and rows(engine, Delivery) == 1


def test_earlier_refuses_only_a_different_fingerprint(engine, seeded, two):
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=two[0].id,
                            method="cash", amount="300", request_key="k")
    with unit_of_work(engine, write=False) as s:
        stored = s.scalar(select(Payment.request_hash))
        assert requests.earlier(s, Payment, "k", stored).request_key == "k"
        assert requests.earlier(s, Payment, "unknown", stored) is None
        with pytest.raises(KeyReused):
            requests.earlier(s, Payment, "k", "0" * 64)
