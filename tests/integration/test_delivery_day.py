"""A day's load for the Deliveries and the Dispatch windows, on SQLite and PostgreSQL: one
operation each, read in one transaction, with what the window shows, across the wire."""

from __future__ import annotations

from decimal import Decimal

from core.api.proxy import Local
from core.services import deliveries, dispatch, fleet
from core.services.deliveries import DeliveryInput
from tests.integration.dispatch_day import make_day
from tests.integration.reads import over_the_wire, transactions


def test_the_deliveries_day_is_one_read_with_routes_stops_lines_outcomes_and_names(
        engine, seeded):
    day = make_day(engine, seeded)
    c002 = day.orders["C002"]
    deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(
        order_id=c002.id, request_key="k", outcome="delivered", cash_collected=Decimal(945)))
    api = Local(engine, seeded["clerk"].actor)

    with transactions(engine) as begun:
        got = api.deliveries.day(day=day.day, language="en")
    assert begun == [1]

    assert got.day == day.day and got.planned_routes == 0
    assert [g.route.plate if g.route else None for g in got.groups] == \
        ["ABC-1234", "XYZ-5678", None]
    assert [[s.customer_code for s in g.stops] for g in got.groups] == \
        [["C001", "C002", "C004"], ["C003"], ["C005"]]
    assert next(s for s in got.groups[0].stops if s.order_id == c002.id).status == "delivered"
    assert [(x.sku, x.quantity) for x in got.lines[day.orders["C001"].id]] == \
        [("LPG-20", Decimal(2)), ("LPG-50", Decimal(1))]
    assert set(got.lines) == {o.id for o in day.orders.values()}
    assert set(got.done) == {c002.id}
    assert (got.done[c002.id].outcome, got.done[c002.id].cash_collected) == \
        ("delivered", Decimal(945))
    assert got.product_names[day.shop.lpg20.id] == "LPG-20 LPG cylinder 20 kg"
    assert over_the_wire("deliveries.day", got) == got


def test_a_day_planned_but_not_confirmed_lists_its_orders_as_on_no_route(engine, seeded):
    day = make_day(engine, seeded, confirm=False)
    got = Local(engine, seeded["clerk"].actor).deliveries.day(day=day.day, language="zh_TW")
    assert got.planned_routes == 2
    assert [g.route for g in got.groups] == [None]
    assert [s.customer_code for s in got.groups[0].stops] == ["C005"]
    assert got.done == {}


def test_the_dispatch_day_is_one_read_with_the_board_and_the_active_drivers(engine, seeded):
    day = make_day(engine, seeded, confirm=False)
    dispatcher = seeded["dispatcher"].actor
    gone = fleet.save_driver(engine, dispatcher, name="張退休", active=False)
    api = Local(engine, dispatcher)

    with transactions(engine) as begun:
        got = api.dispatch.day(day=day.day)
    assert begun == [1]

    assert got.board == dispatch.board(engine, day.day)
    assert [d.name for d in got.drivers] == [d.name for d in fleet.list_drivers(
        engine, include_inactive=False)]
    assert len(got.drivers) == 2 and gone.id not in {d.id for d in got.drivers}
    assert over_the_wire("dispatch.day", got) == got
