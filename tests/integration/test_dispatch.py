"""Dispatch on SQLite and PostgreSQL: planning a day's routes with the routing engine,
arranging them by hand, locks kept on re-planning, confirming, rescheduling."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import DomainError, PermissionDenied, ValidationError
from core.services import credit, deliveries, dispatch, fleet, orders, settings
from tests.integration.shop import (LPG20_TOTAL, failed_checks, line, make_customer,
                                    make_products, order_for)

DAY = date.today() + timedelta(days=1)
DEPOT = (24.1631, 120.6337)


@pytest.fixture
def depot(engine, seeded):
    settings.update_company(engine, seeded["admin"].actor, depot_lat=str(DEPOT[0]),
                            depot_lon=str(DEPOT[1]), day_start="08:00", day_end="18:00")


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def trucks(engine, seeded, *capacities: int) -> list[fleet.VehicleView]:
    actor = seeded["dispatcher"].actor
    driver = fleet.save_driver(engine, actor, name="陳志明", phone="0912 345 601")
    return [fleet.save_vehicle(engine, actor, plate=f"ABC-{i:04d}", capacity=c,
                               driver_id=driver.id) for i, c in enumerate(capacities, 1)]


def customers_with_orders(engine, seeded, shop, n: int, *, quantity: int = 2,
                          hours: tuple[str, str] = ("", "")) -> list[orders.OrderView]:
    from core.services import customers

    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    placed = []
    for i in range(n):
        c = customers.save(engine, manager, customers.CustomerInput(
            code=f"C{i:03d}", name=f"好味道小吃店 {i}", credit_limit=Decimal(1_000_000),
            lat=DEPOT[0] + 0.01 * ((i % 5) - 2), lon=DEPOT[1] + 0.01 * ((i // 5) - 2),
            delivery_from=hours[0], delivery_until=hours[1], service_minutes=5))
        placed.append(orders.place(engine, clerk, order_for(c, line(shop.lpg20, quantity),
                                                             delivery_date=DAY)))
    return placed


def test_planning_puts_every_order_on_a_truck_within_its_capacity(engine, seeded, shop, depot):
    vans = trucks(engine, seeded, 10, 10, 10)
    placed = customers_with_orders(engine, seeded, shop, 12)  # 24 cylinders
    result = dispatch.plan(engine, seeded["dispatcher"].actor, day=DAY, seconds=2, iterations=300)
    routes = result.board.routes
    assert result.unplaced == () and result.board.unplanned == ()
    assert sorted(s.order_id for r in routes for s in r.stops) == sorted(o.id for o in placed)
    assert all(r.load <= r.capacity and r.status == "planned" for r in routes)
    assert {r.vehicle_id for r in routes} <= {v.id for v in vans}
    assert all(r.distance_m > 0 and r.driver_name == "陳志明" for r in routes)
    assert all(s.arrival_s is not None and 8 * 3600 <= s.arrival_s <= 18 * 3600
               for r in routes for s in r.stops)
    assert failed_checks(engine) == {}


def test_an_order_no_truck_can_carry_comes_back_with_its_reason(engine, seeded, shop, depot):
    trucks(engine, seeded, 3)
    customers_with_orders(engine, seeded, shop, 1, quantity=4)
    result = dispatch.plan(engine, seeded["dispatcher"].actor, day=DAY, seconds=1, iterations=50)
    assert [reason for _, reason in result.unplaced] == ["capacity"]
    assert len(result.board.unplanned) == 1 and result.board.routes == ()


def test_delivery_hours_are_kept(engine, seeded, shop, depot):
    trucks(engine, seeded, 40)
    customers_with_orders(engine, seeded, shop, 4, hours=("14:00", "15:00"))
    result = dispatch.plan(engine, seeded["dispatcher"].actor, day=DAY, seconds=1, iterations=100)
    stops = [s for r in result.board.routes for s in r.stops]
    assert len(stops) == 4 and all(14 * 3600 <= s.arrival_s <= 15 * 3600 for s in stops)


def test_locked_stops_keep_their_truck_and_order_when_re_planned(engine, seeded, shop, depot):
    vans = trucks(engine, seeded, 20, 20)
    placed = customers_with_orders(engine, seeded, shop, 8)
    actor = seeded["dispatcher"].actor
    dispatch.plan(engine, actor, day=DAY, seconds=1, iterations=100)
    # By hand: two chosen orders on the second truck, in this order, locked.
    first, second = placed[5].id, placed[2].id
    board = dispatch.board(engine, DAY)
    if not any(r.vehicle_id == vans[1].id for r in board.routes):
        board = dispatch.move(engine, actor, order_id=first, route_id=None, vehicle_id=vans[1].id)
    target = next(r for r in board.routes if r.vehicle_id == vans[1].id)
    dispatch.move(engine, actor, order_id=first, route_id=target.id, position=1)
    dispatch.move(engine, actor, order_id=second, route_id=target.id, position=2)
    for order_id in (first, second):
        dispatch.set_locked(engine, actor, order_id=order_id, locked=True)
    before = next(r for r in dispatch.board(engine, DAY).routes if r.vehicle_id == vans[1].id)
    assert [s.order_id for s in before.stops][:2] == [first, second]
    board = dispatch.plan(engine, actor, day=DAY, seconds=1, iterations=200).board
    route = next(r for r in board.routes if r.vehicle_id == vans[1].id)
    ids = [s.order_id for s in route.stops]
    assert ids.index(first) < ids.index(second)
    assert all(s.locked == (s.order_id in (first, second)) for r in board.routes for s in r.stops)
    assert sum(len(r.stops) for r in board.routes) == 8


def test_moving_a_stop_by_hand_retimes_both_routes(engine, seeded, shop, depot):
    vans = trucks(engine, seeded, 20, 20)
    placed = customers_with_orders(engine, seeded, shop, 4)
    actor = seeded["dispatcher"].actor
    board = dispatch.move(engine, actor, order_id=placed[0].id, route_id=None,
                          vehicle_id=vans[0].id)
    route = board.routes[0]
    for o in placed[1:]:
        board = dispatch.move(engine, actor, order_id=o.id, route_id=route.id, position=1)
    route = board.routes[0]
    assert [s.order_id for s in route.stops] == [placed[3].id, placed[2].id, placed[1].id,
                                                 placed[0].id]
    assert [s.position for s in route.stops] == [1, 2, 3, 4]
    arrivals = [s.arrival_s for s in route.stops]
    assert arrivals == sorted(arrivals) and route.distance_m > 0
    board = dispatch.move(engine, actor, order_id=placed[0].id, route_id=None)
    assert [s.order_id for s in board.unplanned] == [placed[0].id]
    assert len(board.routes[0].stops) == 3 and board.routes[0].distance_m < route.distance_m
    for o in placed[1:]:  # the last stop off: the truck is free again
        board = dispatch.move(engine, actor, order_id=o.id, route_id=None)
    assert board.routes == () and vans[0].id in [v[0] for v in board.free_vehicles]


def test_confirming_schedules_the_orders_and_fixes_the_routes(engine, seeded, shop, depot):
    trucks(engine, seeded, 40)
    placed = customers_with_orders(engine, seeded, shop, 3)
    actor = seeded["dispatcher"].actor
    dispatch.plan(engine, actor, day=DAY, seconds=1, iterations=50)
    board = dispatch.confirm(engine, actor, day=DAY)
    assert [r.status for r in board.routes] == ["confirmed"]
    assert {orders.get(engine, o.id).status for o in placed} == {"scheduled"}
    with pytest.raises(DomainError, match="confirmed"):
        dispatch.move(engine, actor, order_id=placed[0].id, route_id=None)
    with pytest.raises(ValidationError):  # no vehicle left without a confirmed route
        dispatch.plan(engine, actor, day=DAY, seconds=1)
    # Scheduled orders still hold credit until delivered.
    assert credit.summary(engine, placed[0].customer_id).open_orders == 2 * LPG20_TOTAL
    assert failed_checks(engine) == {}


def test_a_cancelled_order_leaves_its_route(engine, seeded, shop, depot):
    trucks(engine, seeded, 40)
    placed = customers_with_orders(engine, seeded, shop, 2)
    actor = seeded["dispatcher"].actor
    dispatch.plan(engine, actor, day=DAY, seconds=1, iterations=50)
    dispatch.confirm(engine, actor, day=DAY)
    current = orders.get(engine, placed[0].id)
    orders.cancel(engine, seeded["clerk"].actor, order_id=current.id, version=current.version,
                  reason="客戶改訂其他日期")
    stops = [s.order_id for r in dispatch.board(engine, DAY).routes for s in r.stops]
    assert stops == [placed[1].id]


def test_planning_needs_a_depot_and_the_dispatcher_role(engine, seeded, shop):
    trucks(engine, seeded, 40)
    customers_with_orders(engine, seeded, shop, 1)
    with pytest.raises(DomainError, match="depot"):
        dispatch.plan(engine, seeded["dispatcher"].actor, day=DAY, seconds=1)
    with pytest.raises(PermissionDenied):
        dispatch.plan(engine, seeded["clerk"].actor, day=DAY, seconds=1)


def test_a_failed_order_is_rescheduled_through_the_credit_check(engine, seeded, shop, depot):
    manager, clerk, actor = (seeded[n].actor for n in ("manager", "clerk", "dispatcher"))
    trucks(engine, seeded, 40)
    c = make_customer(engine, manager, "C1", int(LPG20_TOTAL))
    placed = orders.place(engine, clerk, order_for(c, line(shop.lpg20), delivery_date=DAY))
    from core.services import customers
    customers.save(engine, manager, customers.CustomerInput(
        code="C1", name=c.name, lat=DEPOT[0] + 0.01, lon=DEPOT[1]), customer_id=c.id,
        version=customers.get(engine, c.id).version)
    dispatch.plan(engine, actor, day=DAY, seconds=1, iterations=20)
    dispatch.confirm(engine, actor, day=DAY)
    deliveries.confirm(engine, actor, deliveries.DeliveryInput(
        placed.id, "k1", "failed", reason="家中無人"))
    assert credit.summary(engine, c.id).open_orders == 0  # a failed order holds no credit
    # Meanwhile another order took the credit: moving the failed one needs an override.
    orders.place(engine, clerk, order_for(c, line(shop.lpg20), delivery_date=DAY))
    failed = orders.get(engine, placed.id)
    later = DAY + timedelta(days=2)
    with pytest.raises(orders.CreditRefused):
        dispatch.reschedule(engine, clerk, order_id=failed.id, version=failed.version, day=later)
    moved = dispatch.reschedule(engine, clerk, order_id=failed.id, version=failed.version,
                                day=later, override=orders.OverrideRequest(
                                    "manager", seeded["manager"].password, "pays Friday"))
    assert (moved.status, moved.delivery_date) == ("confirmed", later)
    assert failed_checks(engine) == {}


def test_a_truck_starts_its_route_at_its_own_depot(engine, seeded, shop, depot):
    from sqlalchemy import select

    from core.db import unit_of_work
    from core.models import StockLocation

    near, far = trucks(engine, seeded, 50, 50)
    placed = customers_with_orders(engine, seeded, shop, 4)  # within ~3 km of DEPOT
    with unit_of_work(engine) as s:  # a second depot 0.5° east (about 50 km)
        east = StockLocation(kind="depot", name="East depot", lat=DEPOT[0], lon=DEPOT[1] + 0.5)
        s.add(east)
        s.flush()
        for vid, home in ((near.id, None), (far.id, east.id)):
            truck = s.scalars(select(StockLocation).where(StockLocation.vehicle_id == vid)).first()
            if truck is None:
                s.add(StockLocation(kind="truck", name=str(vid), vehicle_id=vid, depot_id=home))
            else:
                truck.depot_id = home
    actor = seeded["dispatcher"].actor
    result = dispatch.plan(engine, actor, day=DAY, vehicle_ids=[far.id], seconds=1,
                           iterations=200)
    (route,) = result.board.routes
    assert len(route.stops) == len(placed) and route.distance_m > 90_000
    result = dispatch.plan(engine, actor, day=DAY, vehicle_ids=[near.id], seconds=1,
                           iterations=200)
    (route,) = result.board.routes
    assert route.vehicle_id == near.id and route.distance_m < 20_000
