"""Dispatch: the day's board (orders to deliver, vehicles, routes), planning routes with
the routing engine, arranging them by hand, and confirming the plan.

A route is "planned" while the dispatcher arranges it and "confirmed" once its
orders are scheduled (route sheets go out).  An order is on at most one route
(UNIQUE on ``route_stop.order_id``).  Planning a day re-plans its planned routes
around their locked stops (each keeps its vehicle and its place among the
locked ones); confirmed routes are left alone.  Writing a plan takes a per-day
lock (PostgreSQL advisory lock; SQLite's write transaction), so two dispatchers
planning one day at once cannot interleave their routes.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import workflow
from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Customer, Delivery, Driver, Order, Route, RouteStop, StockLocation,
                         Vehicle)
from core.models.base import utcnow
from core.routing import distances, solver
from core.services import audit, orders, settings
from core.services.actor import Actor
from core.services.customers import display_phone
from core.services.products import catalog as products_catalog

QUICK, THOROUGH = solver.QUICK_SECONDS, solver.THOROUGH_SECONDS
UNPLACED_REASONS = {
    "no_coordinates": QT_TRANSLATE_NOOP("core", "the customer has no coordinates"),
    "capacity": QT_TRANSLATE_NOOP("core", "too big for every vehicle"),
    "time_window": QT_TRANSLATE_NOOP("core", "cannot be reached within its delivery hours"),
    "no_vehicle": QT_TRANSLATE_NOOP("core", "no vehicle has room or time left"),
}
# On PostgreSQL a plan is written under this advisory lock (one per day).
_LOCK_SPACE = 7_261_934


@dataclass(frozen=True)
class StopView:
    order_id: int
    number: str
    version: int
    status: str
    customer_id: int
    customer_code: str
    customer_name: str
    address: str
    phone: str  # as shown, e.g. 0912 345 678
    lat: float | None
    lon: float | None
    summary: str  # "LPG-20 ×2, LPG-50 ×1"
    cylinders: int
    weight_kg: Decimal
    total: Decimal
    payment: str
    time_slot: str
    window: tuple[int, int] | None  # minutes after midnight
    service_minutes: int
    notes: str
    route_id: int | None = None
    position: int | None = None
    locked: bool = False
    arrival_s: int | None = None


@dataclass(frozen=True)
class RouteView:
    id: int
    day: date
    vehicle_id: int
    plate: str
    capacity: int
    capacity_unit: str
    driver_id: int | None
    driver_name: str
    status: str
    distance_m: int
    duration_s: int
    version: int
    stops: tuple[StopView, ...]

    @property
    def load(self) -> int:
        return sum(load_of(s, self.capacity_unit) for s in self.stops)


@dataclass(frozen=True)
class Board:
    day: date
    unplanned: tuple[StopView, ...]
    routes: tuple[RouteView, ...]
    free_vehicles: tuple[tuple[int, str, int, str], ...]  # id, plate, capacity, unit
    depot: tuple[float, float] | None


@dataclass(frozen=True)
class PlanResult:
    board: Board
    unplaced: tuple[tuple[int, str], ...]  # order id, reason code (UNPLACED_REASONS)
    seconds: float


@dataclass(frozen=True)
class _Truck:
    id: int
    capacity: int
    capacity_unit: str
    driver_id: int | None


def load_of(stop: StopView, unit: str) -> int:
    """What a stop puts on a truck counted in ``unit`` (whole cylinders or whole kg)."""
    return stop.cylinders if unit == "cylinders" else int(stop.weight_kg.to_integral_value())


def _window(customer: Customer, slot: str) -> tuple[int, int] | None:
    """The customer's delivery hours narrowed by the order's time slot."""
    window = None
    if customer.window_start is not None and customer.window_end is not None:
        window = (customer.window_start, customer.window_end)
    if slot in orders.SLOT_WINDOWS:
        start, end = orders.SLOT_WINDOWS[slot]
        window = (max(start, window[0]), min(end, window[1])) if window else (start, end)
    return window


def _stops(s: Session, order_rows: list[Order], placed: dict[int, RouteStop]) -> list[StopView]:
    products = products_catalog(s)
    people = {c.id: c for c in s.scalars(select(Customer).where(
        Customer.id.in_({o.customer_id for o in order_rows})))}
    out = []
    for o in order_rows:
        c = people[o.customer_id]
        cylinders = sum(int(x.quantity) for x in o.lines
                        if products[x.product_id].unit == "cylinder")
        weight = sum((x.quantity * (products[x.product_id].weight_kg or 0) for x in o.lines),
                     Decimal(0))
        stop = placed.get(o.id)
        out.append(StopView(
            o.id, o.number, o.version, o.status, c.id, c.code, c.name, c.address,
            display_phone(c.phone) if c.phone else "", c.lat, c.lon,
            ", ".join(f"{products[x.product_id].sku} ×{x.quantity.normalize():f}"
                      for x in o.lines),
            cylinders, weight, o.total, o.payment, o.time_slot, _window(c, o.time_slot),
            c.service_minutes, o.notes,
            stop.route_id if stop else None, stop.position if stop else None,
            stop.locked if stop else False, stop.arrival_s if stop else None))
    return out


def board_in(s: Session, day: date) -> Board:
    routes = s.scalars(select(Route).where(Route.day == day).order_by(Route.id)).all()
    placed = {stop.order_id: stop for r in routes for stop in r.stops}
    due = s.scalars(select(Order).where(Order.delivery_date == day,
                                        Order.status == "confirmed")).all()
    on_routes = s.scalars(select(Order).where(Order.id.in_(placed))).all() if placed else []
    views = {v.order_id: v for v in _stops(s, list({o.id: o for o in [*due, *on_routes]}
                                                    .values()), placed)}
    vehicles = {v.id: v for v in s.scalars(select(Vehicle))}
    drivers = dict(s.execute(select(Driver.id, Driver.name)).all())
    route_views = tuple(RouteView(
        r.id, r.day, r.vehicle_id, vehicles[r.vehicle_id].plate, vehicles[r.vehicle_id].capacity,
        vehicles[r.vehicle_id].capacity_unit, r.driver_id, drivers.get(r.driver_id, ""),
        r.status, r.distance_m, r.duration_s, r.version,
        tuple(views[x.order_id] for x in r.stops)) for r in routes)
    used = {r.vehicle_id for r in routes}
    free = tuple((v.id, v.plate, v.capacity, v.capacity_unit)
                 for v in sorted(vehicles.values(), key=lambda v: v.plate)
                 if v.active and v.id not in used)
    unplanned = tuple(sorted((v for v in views.values() if v.route_id is None),
                             key=lambda v: (v.customer_code, v.number)))
    return Board(day, unplanned, route_views, free, settings.read(s).depot)


def board(engine: Engine, day: date) -> Board:
    with unit_of_work(engine, write=False) as s:
        return board_in(s, day)


# --- planning -----------------------------------------------------------------------------

def _require_depot(company: settings.CompanySettings) -> tuple[float, float]:
    if company.depot is None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Set the depot's coordinates in Settings before planning routes."))
    return company.depot


def _depots(s: Session, company: settings.CompanySettings, vehicle_ids
            ) -> tuple[list[tuple[float, float]], dict[int, int]]:
    """Where each vehicle starts: the depot of its truck's location when that depot has
    coordinates, otherwise the company's depot (Settings).  Returns the distinct depots,
    the company's first, and each vehicle's index among them."""
    points = [_require_depot(company)]
    home = StockLocation.__table__.alias("home")
    index = {}
    for vid, lat, lon in s.execute(
            select(StockLocation.vehicle_id, home.c.lat, home.c.lon)
            .join(home, home.c.id == StockLocation.depot_id)
            .where(StockLocation.vehicle_id.in_(list(vehicle_ids)))):
        if lat is None or lon is None:
            continue
        if (lat, lon) not in points:
            points.append((lat, lon))
        index[vid] = points.index((lat, lon))
    return points, index


def _matrix(company: settings.CompanySettings, points: list[tuple[float, float]]):
    return distances.matrix_for([distances.Point(lat, lon) for lat, lon in points],
                                osrm_url=company.routing_url or None,
                                road_factor=float(company.road_factor),
                                speed_kmh=float(company.average_speed_kmh))


def plan(engine: Engine, actor: Actor, *, day: date, vehicle_ids: list[int] | None = None,
         seconds: float = QUICK, seed: int = 1,
         progress: Callable[[float], None] | None = None,
         should_stop: Callable[[], bool] | None = None,
         iterations: int | None = None) -> PlanResult:
    """Plan the day's routes: every confirmed order due that day on the chosen vehicles
    (default: every active vehicle without a confirmed route), around the locked stops.

    The solver runs outside any transaction; the plan is written in one, under the
    day's lock, and only for orders that are still confirmed by then.  ``iterations``
    caps the search besides ``seconds`` (the demo plans its history quickly).
    """
    actor.require("dispatcher")
    with unit_of_work(engine, write=False) as s:
        company = settings.read(s)
        _require_depot(company)
        current = board_in(s, day)
        vehicles = {v.id: _Truck(v.id, v.capacity, v.capacity_unit, v.driver_id)
                    for v in s.scalars(select(Vehicle).where(Vehicle.active.is_(True)))}
        depots, depot_of = _depots(s, company, vehicles)
    fixed = {r.vehicle_id for r in current.routes if r.status == "confirmed"}
    chosen = [vid for vid in (vehicle_ids if vehicle_ids is not None else sorted(vehicles))
              if vid in vehicles and vid not in fixed]
    if not chosen:
        raise ValidationError({"vehicles": DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose at least one vehicle that has no confirmed route that day."))})
    planned_routes = [r for r in current.routes if r.status == "planned"]
    candidates = [*current.unplanned, *(x for r in planned_routes for x in r.stops)]
    unplaced = [(x.order_id, "no_coordinates") for x in candidates if x.lat is None]
    stops = [x for x in candidates if x.lat is not None]
    locked = {r.vehicle_id: [x.order_id for x in r.stops if x.locked and x.lat is not None]
              for r in planned_routes if r.vehicle_id in chosen}
    units = {vehicles[v].capacity_unit for v in chosen}
    start_s, end_s = company.working_hours
    problem = solver.Problem(
        depot_window=(start_s, end_s),
        stops=[solver.Stop(x.order_id, tuple(load_of(x, u) for u in sorted(units)),
                           x.service_minutes * 60,
                           (x.window[0] * 60, x.window[1] * 60) if x.window else None)
               for x in stops],
        vehicles=[solver.VehicleSpec(v, tuple(vehicles[v].capacity if u == vehicles[v]
                                              .capacity_unit else solver.UNLIMITED
                                              for u in sorted(units)), start_s, end_s,
                                     depot_of.get(v, 0))
                  for v in chosen],
        matrix=_matrix(company, [*depots, *((x.lat, x.lon) for x in stops)]),
        locked={v: keys for v, keys in locked.items() if keys}, depots=len(depots))
    result = solver.solve(problem, seconds=seconds, seed=seed, progress=progress,
                          should_stop=should_stop, iterations=iterations)
    unplaced += [(key, reason) for key, reason in result.unplaced]
    with unit_of_work(engine) as s:
        _lock_day(s, day)
        still = set(s.scalars(select(Order.id).where(
            Order.id.in_([x.order_id for x in stops]), Order.status == "confirmed",
            Order.delivery_date == day)))
        was_locked = {x.order_id for r in planned_routes for x in r.stops if x.locked}
        old = s.scalars(select(Route).where(Route.day == day, Route.status == "planned")).all()
        drivers = {r.vehicle_id: r.driver_id for r in old}
        for r in old:
            s.delete(r)
        s.flush()
        for planned in result.routes:
            keys = [k for k in planned.stops if k in still]
            if not keys:
                continue
            v = vehicles[planned.vehicle_key]
            route = Route(day=day, vehicle_id=v.id,
                          driver_id=drivers.get(v.id, v.driver_id), status="planned",
                          distance_m=planned.distance_m, duration_s=planned.duration_s,
                          created_by=actor.username, updated_at=utcnow())
            arrivals = dict(zip(planned.stops, planned.arrivals_s))
            route.stops = [RouteStop(order_id=k, position=i, locked=k in was_locked,
                                     arrival_s=arrivals.get(k))
                           for i, k in enumerate(keys, start=1)]
            s.add(route)
        s.flush()
        audit.record(s, actor, "dispatch", day.isoformat(), "planned", {
            "routes": [None, len(result.routes)], "unplaced": [None, len(unplaced)]})
        return PlanResult(board_in(s, day), tuple(unplaced), result.seconds)


def _lock_day(s: Session, day: date) -> None:
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"),
                  {"space": _LOCK_SPACE, "key": zlib.crc32(day.isoformat().encode()) & 0x7FFFFFFF})


# --- arranging by hand --------------------------------------------------------------------

def _retime(s: Session, route: Route, company: settings.CompanySettings) -> None:
    """Arrival times, distance and duration of a route in its current order."""
    stops = sorted(route.stops, key=lambda x: x.position)
    if not stops:
        route.distance_m = route.duration_s = 0
        return
    ids = [x.order_id for x in stops]
    views = {v.order_id: v for v in _stops(s, s.scalars(select(Order).where(
        Order.id.in_(ids))).all(), {})}
    depots, depot_of = _depots(s, company, [route.vehicle_id])
    depot = depots[depot_of.get(route.vehicle_id, 0)]
    located = [x for x in stops if views[x.order_id].lat is not None]
    m = _matrix(company, [depot, *((views[x.order_id].lat, views[x.order_id].lon)
                                   for x in located)])
    clock, distance, at = company.working_hours[0], 0, 0
    for i, x in enumerate(located, start=1):
        view = views[x.order_id]
        distance += m.distance_m[at][i]
        clock += m.duration_s[at][i]
        if view.window:
            clock = max(clock, view.window[0] * 60)
        x.arrival_s = clock
        clock += view.service_minutes * 60
        at = i
    distance += m.distance_m[at][0]
    clock += m.duration_s[at][0]
    route.distance_m, route.duration_s = distance, clock - company.working_hours[0]


def _planned_route(s: Session, route_id: int) -> Route:
    route = s.get(Route, route_id)
    if route is None:
        raise NotFound()
    if route.status != "planned":
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "This route is confirmed; its stops can no longer be moved."))
    return route


def move(engine: Engine, actor: Actor, *, order_id: int, route_id: int | None,
         position: int = 0, vehicle_id: int | None = None) -> Board:
    """Put an order on a planned route at ``position`` (1 is first; 0 or past the end:
    last), on a new route for ``vehicle_id``, or back among the unplanned (neither)."""
    actor.require("dispatcher")
    with unit_of_work(engine) as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFound()
        company = settings.read(s)
        _lock_day(s, order.delivery_date)
        stop = s.scalars(select(RouteStop).where(RouteStop.order_id == order_id)).first()
        touched: set[int] = set()
        if stop is not None:
            old = _planned_route(s, stop.route_id)
            old.stops.remove(stop)
            s.flush()
            touched.add(old.id)
        elif order.status != "confirmed":  # only a confirmed order goes on a route
            raise workflow.ORDER.illegal(order.status, "scheduled")
        if route_id is None and vehicle_id is not None:
            vehicle = s.get(Vehicle, vehicle_id)
            if vehicle is None or not vehicle.active:
                raise NotFound()
            if s.scalar(select(Route.id).where(Route.day == order.delivery_date,
                                               Route.vehicle_id == vehicle_id)):
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "{plate} has a route that day already."), plate=vehicle.plate)
            new = Route(day=order.delivery_date, vehicle_id=vehicle_id,
                        driver_id=vehicle.driver_id, status="planned",
                        created_by=actor.username, updated_at=utcnow())
            s.add(new)
            s.flush()
            route_id = new.id
        if route_id is not None:
            route = _planned_route(s, route_id)
            if route.day != order.delivery_date:
                raise ValidationError({"route": DomainError(QT_TRANSLATE_NOOP(
                    "core", "The order is due on {day}, not on the route's day."),
                    day=order.delivery_date.isoformat())})
            ordered = sorted(route.stops, key=lambda x: x.position)
            at = position - 1 if 1 <= position <= len(ordered) else len(ordered)
            ordered.insert(at, RouteStop(order_id=order_id, position=0,
                                         locked=stop.locked if stop else False))
            for i, x in enumerate(ordered, start=1):
                x.position = i
            route.stops = ordered
            touched.add(route.id)
        for rid in touched:
            route = s.get(Route, rid)
            if not route.stops:  # its last stop left: the truck is free again
                s.delete(route)
                continue
            for i, x in enumerate(sorted(route.stops, key=lambda x: x.position), start=1):
                x.position = i
            _retime(s, route, company)
            route.updated_at = utcnow()
        audit.record(s, actor, "order", order.number, "moved",
                     {"route": [None, route_id]})
        return board_in(s, order.delivery_date)


def set_locked(engine: Engine, actor: Actor, *, order_id: int, locked: bool) -> Board:
    """Lock a stop to its route and place (re-planning keeps it), or free it."""
    actor.require("dispatcher")
    with unit_of_work(engine) as s:
        stop = s.scalars(select(RouteStop).where(RouteStop.order_id == order_id)).first()
        if stop is None:
            raise DomainError(QT_TRANSLATE_NOOP("core", "Only an order on a route can be locked."))
        route = _planned_route(s, stop.route_id)
        stop.locked = locked
        return board_in(s, route.day)


def set_driver(engine: Engine, actor: Actor, *, route_id: int, driver_id: int | None) -> Board:
    actor.require("dispatcher")
    with unit_of_work(engine) as s:
        route = s.get(Route, route_id)
        if route is None or (driver_id is not None and s.get(Driver, driver_id) is None):
            raise NotFound()
        route.driver_id = driver_id
        return board_in(s, route.day)


def confirm(engine: Engine, actor: Actor, *, day: date) -> Board:
    """Confirm the day's planned routes: their orders become scheduled."""
    actor.require("dispatcher")
    try:
        with unit_of_work(engine) as s:
            _lock_day(s, day)
            routes = s.scalars(select(Route).where(Route.day == day,
                                                   Route.status == "planned")).all()
            if not routes:
                raise DomainError(QT_TRANSLATE_NOOP("core", "There is no planned route to confirm."))
            for route in routes:
                if not route.stops:
                    s.delete(route)
                    continue
                vehicle = s.get(Vehicle, route.vehicle_id)
                name = f"{day} {vehicle.plate}"
                found = {o.id: (o, customer) for o, customer in s.execute(
                    select(Order, Customer.name).join(Customer, Customer.id == Order.customer_id)
                    .where(Order.id.in_([stop.order_id for stop in route.stops])))}
                workflow.move_many(s, actor, workflow.ORDER, [
                    (order, "scheduled", {"route": [None, name]}, customer)
                    for order, customer in (found[stop.order_id] for stop in route.stops)])
                workflow.move(s, actor, workflow.ROUTE, route, "confirmed", entity_id=name,
                              changes={"stops": [None, len(route.stops)]})
            return board_in(s, day)
    except StaleDataError:
        raise StaleRecord() from None


def remove_stop_in(s: Session, order_id: int) -> None:
    """Take an order off its route (it was cancelled or moved to another day)."""
    s.execute(delete(RouteStop).where(RouteStop.order_id == order_id))


def reschedule(engine: Engine, actor: Actor, *, order_id: int, version: int, day: date,
               override: orders.OverrideRequest | None = None) -> orders.OrderView:
    """Move a failed or unplanned order to another date; a failed order on account takes
    its credit again (through the credit check)."""
    if not actor.can("dispatcher"):
        actor.require("clerk")
    approval = orders.approve_override(engine, actor, override) if override else None
    if day <= utcnow().astimezone().date():  # today, or the day being recorded (demo)
        raise ValidationError({"day": DomainError(QT_TRANSLATE_NOOP(
            "core", "Move the order to tomorrow or later."))})
    try:
        with unit_of_work(engine) as s:
            order = orders.load(s, order_id, version)
            if order.status not in ("failed", "confirmed"):
                raise workflow.ORDER.illegal(order.status, "confirmed")
            if order.status == "confirmed" and s.scalar(select(RouteStop.id).join(Route).where(
                    RouteStop.order_id == order_id, Route.status == "confirmed")):
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "The order is on a confirmed route; confirm its delivery as failed "
                    "first."))
            remove_stop_in(s, order_id)
            moved = audit.diff({"delivery_date": order.delivery_date}, {"delivery_date": day})
            if order.status == "failed":
                # The failed attempt stays on record but no longer stands for the order.
                failed = s.scalars(select(Delivery).where(Delivery.order_id == order_id,
                                                          Delivery.undone_at.is_(None))).all()
                for d in failed:
                    d.undo_reason = f"rescheduled to {day.isoformat()}"
                if order.payment == "account":
                    orders.take_credit(s, actor, order, order.total, settings.read(s).currency,
                                       approval=approval)
                order.delivery_date = day
                workflow.move(s, actor, workflow.ORDER, order, "confirmed", action="rescheduled",
                              changes=moved, also=[workflow.Also(workflow.DELIVERY, d, "undone")
                                                   for d in failed])
            else:  # the same state, another day
                order.delivery_date, order.updated_at = day, utcnow()
                s.flush()
                audit.record(s, actor, "order", order.number, "rescheduled", moved)
            return orders.view_in(s, order)
    except StaleDataError:
        raise StaleRecord() from None
