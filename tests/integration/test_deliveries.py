"""Delivery confirmation on SQLite and PostgreSQL: once per request and per order (also
from two processes at once), never for a cancelled order, with the ledger, the credit
hold and the cylinders on deposit following; a manager's undo."""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from core.errors import DomainError, PermissionDenied, ValidationError
from core.services import credit, deliveries, dispatch, fleet, orders, settings
from core.services.deliveries import DeliveryInput, LineResult
from tests.integration import racers
from tests.integration.shop import (LPG20_TOTAL, LPG50_TOTAL, failed_checks, line,
                                    make_customer, make_products, order_for)

DAY = date.today() + timedelta(days=1)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def scheduled(engine, seeded, shop):
    """A restaurant's order on account for 3 × LPG-20 and 1 × LPG-50, on a confirmed route;
    and a cash order of one LPG-20 on the same route."""
    manager, clerk, actor = (seeded[n].actor for n in ("manager", "clerk", "dispatcher"))
    settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16", depot_lon="120.63")
    van = fleet.save_vehicle(engine, actor, plate="ABC-1201", capacity=60)
    c = make_customer(engine, manager, "C1", 100_000)
    cash_customer = make_customer(engine, manager, "C2", None)
    account = orders.place(engine, clerk, order_for(c, line(shop.lpg20, 3), line(shop.lpg50, 1),
                                                     delivery_date=DAY))
    cash = orders.place(engine, clerk, order_for(cash_customer, line(shop.lpg20, 1),
                                                 delivery_date=DAY))
    board = dispatch.move(engine, actor, order_id=account.id, route_id=None, vehicle_id=van.id)
    dispatch.move(engine, actor, order_id=cash.id, route_id=board.routes[0].id)
    dispatch.confirm(engine, actor, day=DAY)
    return {"account": orders.get(engine, account.id), "cash": orders.get(engine, cash.id),
            "customer": c}


def line_ids(engine, order_id: int) -> list[int]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text(
            "SELECT id FROM order_line WHERE order_id = :o ORDER BY line_no"), {"o": order_id})]


def test_a_delivery_moves_the_credit_hold_into_the_balance_and_the_cylinders_out(
        engine, seeded, scheduled, shop):
    order, c = scheduled["account"], scheduled["customer"]
    ids = line_ids(engine, order.id)
    view = deliveries.confirm(engine, seeded["dispatcher"].actor, DeliveryInput(
        order.id, "req-1", "delivered", (LineResult(ids[0], 3, 2), LineResult(ids[1], 1, 1))))
    assert view.outcome == "delivered" and view.amount == 3 * LPG20_TOTAL + LPG50_TOTAL
    assert orders.get(engine, order.id).status == "delivered"
    figures = credit.summary(engine, c.id)
    assert (figures.open_orders, figures.balance) == (0, 3 * LPG20_TOTAL + LPG50_TOTAL)
    assert deliveries.cylinders_held(engine, c.id) == {shop.lpg20.id: 1}  # 3 out, 2 back
    assert failed_checks(engine) == {}


def test_a_partial_delivery_bills_only_what_was_delivered(engine, seeded, scheduled):
    order, c = scheduled["account"], scheduled["customer"]
    ids = line_ids(engine, order.id)
    with pytest.raises(ValidationError) as refused:  # the reason is required
        deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(
            order.id, "req-1", "partially_delivered", (LineResult(ids[0], 2), LineResult(ids[1], 0))))
    assert set(refused.value.field_errors) == {"reason"}
    view = deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(
        order.id, "req-1", "partially_delivered", (LineResult(ids[0], 2), LineResult(ids[1], 0)),
        reason="客戶只收兩桶"))
    assert view.amount == 2 * LPG20_TOTAL
    assert credit.summary(engine, c.id).balance == 2 * LPG20_TOTAL
    assert orders.get(engine, order.id).status == "partially_delivered"
    assert failed_checks(engine) == {}


def test_bad_quantities_are_refused_naming_each_line(engine, seeded, scheduled):
    order = scheduled["account"]
    ids = line_ids(engine, order.id)
    with pytest.raises(ValidationError) as refused:
        deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(
            order.id, "req-1", "delivered", (LineResult(ids[0], 4), LineResult(ids[1], "x", -1))))
    assert {"line1.quantity", "line2.quantity"} <= set(refused.value.field_errors)
    assert orders.get(engine, order.id).status == "scheduled"


def test_a_failed_delivery_needs_a_reason_and_releases_the_credit(engine, seeded, scheduled):
    order, c = scheduled["account"], scheduled["customer"]
    view = deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(
        order.id, "req-1", "failed", reason="家中無人"))
    assert view.amount == 0
    figures = credit.summary(engine, c.id)
    assert (figures.open_orders, figures.balance) == (0, 0)
    assert failed_checks(engine) == {}


def test_a_cash_order_records_the_cash_and_adds_nothing_to_the_balance(engine, seeded, scheduled):
    order = scheduled["cash"]
    view = deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(
        order.id, "req-1", "delivered", cash_collected=str(LPG20_TOTAL)))
    assert view.cash_collected == LPG20_TOTAL
    assert credit.summary(engine, order.customer_id).balance == 0
    assert failed_checks(engine) == {}


def test_confirming_twice_has_one_effect(engine, seeded, scheduled):
    order, c = scheduled["account"], scheduled["customer"]
    data = DeliveryInput(order.id, "req-1", "delivered")
    first = deliveries.confirm(engine, seeded["clerk"].actor, data)
    again = deliveries.confirm(engine, seeded["clerk"].actor, data)  # the same dialog, again
    assert again.id == first.id
    with pytest.raises(DomainError, match="confirmed delivered already"):
        deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(order.id, "req-2",
                                                                        "delivered"))
    assert credit.summary(engine, c.id).balance == 3 * LPG20_TOTAL + LPG50_TOTAL


def test_a_cancelled_order_can_never_be_delivered(engine, seeded, scheduled):
    order = scheduled["account"]
    orders.cancel(engine, seeded["clerk"].actor, order_id=order.id, version=order.version,
                  reason="客戶取消")
    with pytest.raises(orders.IllegalTransition):
        deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(order.id, "req-1",
                                                                        "delivered"))
    assert deliveries.for_order(engine, order.id) is None


def test_an_order_not_on_a_confirmed_route_cannot_be_confirmed(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C9", 100_000)
    placed = orders.place(engine, seeded["clerk"].actor, order_for(c, line(shop.lpg20),
                                                                   delivery_date=DAY))
    with pytest.raises(orders.IllegalTransition):
        deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(placed.id, "r",
                                                                        "delivered"))


@pytest.mark.parametrize("same_key", [True, False], ids=["same request", "two requests"])
def test_two_processes_confirming_one_order_at_once_deliver_it_once(
        engine, db_url, seeded, scheduled, same_key):
    order, c = scheduled["account"], scheduled["customer"]
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    keys = ["req-1", "req-1"] if same_key else ["req-1", "req-2"]
    workers = [ctx.Process(target=racers.confirm_delivery, args=(
        db_url, seeded["clerk"].actor, order.id, key, barrier, results)) for key in keys]
    for w in workers:
        w.start()
    reports = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(30)
    assert all(r["unexpected"] is None for r in reports), reports
    confirmed = [r["delivery"] for r in reports if r["delivery"] is not None]
    refused = [r["refused"] for r in reports if r["refused"] is not None]
    if same_key:
        assert len(confirmed) == 2 and len(set(confirmed)) == 1
    else:
        assert len(confirmed) == 1 and len(refused) == 1
    assert credit.summary(engine, c.id).balance == 3 * LPG20_TOTAL + LPG50_TOTAL
    assert failed_checks(engine) == {}


def test_a_manager_undoes_a_confirmation_and_everything_goes_back(engine, seeded, scheduled, shop):
    order, c = scheduled["account"], scheduled["customer"]
    view = deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(order.id, "req-1",
                                                                           "delivered"))
    with pytest.raises(PermissionDenied):
        deliveries.undo(engine, seeded["clerk"].actor, delivery_id=view.id, reason="wrong stop")
    with pytest.raises(ValidationError):
        deliveries.undo(engine, seeded["manager"].actor, delivery_id=view.id, reason=" ")
    back = deliveries.undo(engine, seeded["manager"].actor, delivery_id=view.id,
                           reason="entered on the wrong stop")
    assert back.status == "scheduled"
    figures = credit.summary(engine, c.id)
    assert (figures.open_orders, figures.balance) == (order.total, 0)
    assert deliveries.cylinders_held(engine, c.id) == {}
    assert failed_checks(engine) == {}
    # Confirmed again, correctly this time.
    deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(order.id, "req-2", "failed",
                                                                    reason="店休"))
    assert failed_checks(engine) == {}


def test_db_check_names_a_cancelled_delivery_and_tampered_cylinders_and_balances(engine, seeded, scheduled,
                                                                 db_url):
    order = scheduled["account"]
    deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(order.id, "req-1",
                                                                    "delivered"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE cylinder_balance SET held = held + 5"))
        conn.execute(text("UPDATE sales_order SET status = 'cancelled' WHERE id = :o"),
                     {"o": order.id})
        conn.execute(text("UPDATE customer SET balance = balance + 100"))
    broken = failed_checks(engine)
    assert {"no cancelled order is delivered", "cylinder balances equal their movements",
            "each customer's balance equals the sum of its ledger",
            "no order is delivered twice, and each delivered order has its delivery"} \
        <= set(broken)
