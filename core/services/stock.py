"""The stock of full and empty cylinders: where each size stands (depots, trucks, the
customers, the filling plant, the inspection station) and the documents that move it.

A document (``stock_doc``) moves cylinders on a business day; its movements
(``stock_move``) are signed deltas per location and size, never changed: a manager's
correction is a new document naming the one it reverses, with the movements negated.
A location's stock at the end of a day is the sum of its movements up to that day.  At
the customers' location a customer's cylinders are in use and count as full.

The documents: the morning ``load`` of a route's truck from its depot (proposed from
the route's orders), deliveries (written by delivery confirmation), the evening
``return_`` (counted and reconciled: loaded - delivered + collected = returned, for full
and empty; a difference needs a reason and stays on the truck), empties ``to_plant``,
fulls back as a ``purchase`` (with the gas's cost per kg; the plant's empties are used
up first, more fulls than that are new cylinders), ``to_station`` / ``from_station``
for the periodic re-test, a ``transfer`` between depots and trucks, ``scrap``, a
depot's counted ``opening`` and a ``correction``.  Nothing takes more out of a depot,
truck, the plant or the station than it holds (at the end of the document's day and of
every later day).  Each document carries the request key of the dialog that submitted
it: the same request again returns the first, the key with other content is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import Engine, Select, bindparam, case, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from core import requests
from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Cylinder, CylinderBalance, Delivery, DeliveryLine, Order, OrderLine,
                         Product, Route, RouteStop, StockDoc, StockLocation, StockMove, Vehicle)
from core.models.base import utcnow
from core.models.stock import CHANGES_TOTAL
from core.money import quantize
from core.services import audit, cylinders, settings
from core.services.actor import Actor
from core.text import multi_line, one_line

KIND_NAMES = {
    "opening": QT_TRANSLATE_NOOP("core", "Opening balance"),
    "load": QT_TRANSLATE_NOOP("core", "Morning load"),
    "delivery": QT_TRANSLATE_NOOP("core", "Delivery at a stop"),
    "delivery_undone": QT_TRANSLATE_NOOP("core", "Delivery undone"),
    "return": QT_TRANSLATE_NOOP("core", "Evening return"),
    "to_plant": QT_TRANSLATE_NOOP("core", "Empties to the plant"),
    "purchase": QT_TRANSLATE_NOOP("core", "Purchase from the plant"),
    "to_station": QT_TRANSLATE_NOOP("core", "To the inspection station"),
    "from_station": QT_TRANSLATE_NOOP("core", "From the inspection station"),
    "transfer": QT_TRANSLATE_NOOP("core", "Transfer"),
    "scrap": QT_TRANSLATE_NOOP("core", "Scrap"),
    "correction": QT_TRANSLATE_NOOP("core", "Correction"),
}
LOCATION_KIND_NAMES = {
    "depot": QT_TRANSLATE_NOOP("core", "Depot"),
    "truck": QT_TRANSLATE_NOOP("core", "Truck"),
    "customers": QT_TRANSLATE_NOOP("core", "Customers"),
    "plant": QT_TRANSLATE_NOOP("core", "Filling plant"),
    "station": QT_TRANSLATE_NOOP("core", "Inspection station"),
}
# Where stock may never go below zero (the customers' stock is what they hold).
COUNTED = ("depot", "truck", "plant", "station")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")  # digits grouped by thousands
MAX_COUNT = 100_000
_ORDER = {"depot": 0, "truck": 1, "customers": 2, "plant": 3, "station": 4}


# --- views and inputs ---------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """One size of a document: how many full and empty cylinders (``cost_per_kg``: a
    purchase's price of the gas)."""

    product_id: int
    full: int | str = 0
    empty: int | str = 0
    cost_per_kg: Decimal | str | None = None


@dataclass(frozen=True)
class LocationView:
    id: int
    kind: str
    name: str
    address: str
    lat: float | None
    lon: float | None
    vehicle_id: int | None
    depot_id: int | None
    depot: str  # a truck's depot's name
    active: bool
    version: int


@dataclass(frozen=True)
class StockRow:
    """What one location holds of one size at the end of a day."""

    location_id: int
    location: str
    kind: str
    product_id: int
    sku: str
    full: int
    empty: int


@dataclass(frozen=True)
class MoveView:
    location_id: int
    location: str
    kind: str  # the location's
    customer_id: int | None
    product_id: int
    sku: str
    full: int
    empty: int
    cost_per_kg: Decimal | None
    cost: Decimal | None


@dataclass(frozen=True)
class DocView:
    id: int
    kind: str
    day: date
    route_id: int | None
    delivery_id: int | None
    corrects_id: int | None
    corrected_by: int | None  # the correction reversing this one
    reason: str
    created_by: str
    at: datetime
    moves: tuple[MoveView, ...]


@dataclass(frozen=True)
class TruckLine:
    """One size of a route's day on its truck.  Expected back: loaded - delivered (full),
    loaded + collected (empty); the difference is returned - expected."""

    product_id: int
    sku: str
    proposed: int  # what the route's orders ask for (the route sheet's "what to load")
    loaded_full: int
    loaded_empty: int
    delivered: int
    collected: int
    expected_full: int
    expected_empty: int
    returned_full: int
    returned_empty: int
    difference_full: int
    difference_empty: int


@dataclass(frozen=True)
class TruckDay:
    route_id: int
    day: date
    vehicle_id: int
    plate: str
    truck_id: int
    depot_id: int
    depot: str
    loaded: bool
    returned: bool
    reason: str  # the returns' reasons for their differences
    lines: tuple[TruckLine, ...]


@dataclass(frozen=True)
class MarginRow:
    """One size in a month: what the plant's fulls cost and what was sold."""

    product_id: int
    sku: str
    weight_kg: Decimal
    purchased: int  # full cylinders bought
    purchased_kg: Decimal
    cost: Decimal
    cost_per_kg: Decimal | None  # the month's average
    sold: Decimal  # cylinders delivered
    sold_kg: Decimal
    sales: Decimal  # their amount, without tax
    sales_per_kg: Decimal | None
    margin: Decimal | None  # sales - sold_kg x cost_per_kg


# --- helpers ------------------------------------------------------------------------------

def _error(field: str, template: str, **params: object) -> ValidationError:
    return ValidationError({field: DomainError(template, **params)})


def _require_desk(actor: Actor) -> None:
    """Loads, returns and the trips to the plant: a clerk or a dispatcher."""
    if not actor.can("dispatcher"):
        actor.require("clerk")


def _whole(value: int | str, sku: str, what: str) -> int:
    text = str(value).strip()
    # Digits only (any script's, as int() reads them): int() alone took "3_0" for 30.
    n = int(text) if text.isdecimal() else 0 if not text else -1
    if not 0 <= n <= MAX_COUNT:
        raise _error(f"{sku}.{what}", QT_TRANSLATE_NOOP(
            "core", "{sku}: the count of full cylinders is a whole number from 0 to 100,000.")
            if what == "full" else QT_TRANSLATE_NOOP(
            "core", "{sku}: the count of empty cylinders is a whole number from 0 to 100,000."),
            sku=sku)
    return n


def _products(s: Session) -> dict[int, Product]:
    return {p.id: p for p in s.scalars(select(Product).where(Product.unit == "cylinder"))}


def _counts(s: Session, lines: Iterable[Line], *, empty: bool = True, full: bool = True,
            required: bool = True) -> dict[int, tuple[int, int, Line]]:
    """The lines read: product -> (full, empty, line); zero lines dropped."""
    products = _products(s)
    out: dict[int, tuple[int, int, Line]] = {}
    for line in lines:
        p = products.get(line.product_id)
        if p is None:
            raise _error("lines", QT_TRANSLATE_NOOP(
                "core", "Choose a cylinder size from the list."))
        if line.product_id in out:
            raise _error("lines", QT_TRANSLATE_NOOP(
                "core", "{sku} is entered twice: enter each size once."), sku=p.sku)
        f = _whole(line.full, p.sku, "full") if full else 0
        e = _whole(line.empty, p.sku, "empty") if empty else 0
        if f or e:
            out[line.product_id] = (f, e, line)
    if not out and required:
        raise _error("lines", QT_TRANSLATE_NOOP("core", "Enter how many cylinders of a size."))
    return out


def _location(s: Session, location_id: int | None, kinds: tuple[str, ...],
              field: str) -> StockLocation:
    loc = s.get(StockLocation, location_id) if location_id is not None else None
    if loc is None or loc.kind not in kinds or not loc.active:
        raise _error(field, QT_TRANSLATE_NOOP("core", "Choose a place from the list."))
    return loc


def _fixed(s: Session, kind: str) -> StockLocation:
    """The one location of ``kind`` (customers, plant, station), or the first depot."""
    loc = s.scalars(select(StockLocation).where(StockLocation.kind == kind)
                    .order_by(StockLocation.id).limit(1)).first()
    if loc is None:
        loc = StockLocation(kind=kind, name=LOCATION_KIND_NAMES[kind], address="")
        s.add(loc)
        s.flush()
    return loc


def truck_in(s: Session, vehicle_id: int) -> StockLocation:
    """The vehicle's truck location, made (at the first depot) when it has none, and
    named after its plate."""
    plate = s.scalar(select(Vehicle.plate).where(Vehicle.id == vehicle_id))
    if plate is None:
        raise NotFound()
    truck = s.scalars(select(StockLocation).where(StockLocation.vehicle_id == vehicle_id)).first()
    if truck is None:
        truck = StockLocation(kind="truck", name=plate, address="", vehicle_id=vehicle_id,
                              depot_id=_fixed(s, "depot").id)
        s.add(truck)
        s.flush()
    elif truck.name != plate:
        truck.name = plate
        s.flush()
    return truck


def _lock(s: Session, location_ids: Iterable[int]) -> None:
    """PostgreSQL: hold the locations' rows, so two documents taking from one place
    queue (SQLite's write transaction runs one at a time already)."""
    ids = sorted(set(location_ids))
    if ids and s.get_bind().dialect.name == "postgresql":
        s.execute(select(StockLocation.id).where(StockLocation.id.in_(ids))
                  .order_by(StockLocation.id).with_for_update())


def _held(s: Session, location_id: int, day: date) -> dict[int, tuple[int, int]]:
    """What a location holds per size at the end of ``day``."""
    return {pid: (int(f or 0), int(e or 0)) for pid, f, e in s.execute(
        select(StockMove.product_id, func.sum(StockMove.full), func.sum(StockMove.empty))
        .where(StockMove.location_id == location_id, StockMove.day <= day)
        .group_by(StockMove.product_id))}


def _lowest(s: Session, location_id: int, day: date) -> dict[int, tuple[int, int]]:
    """The least a location holds per size (full, empty) at the end of ``day`` and of every
    later day with movements: what a document dated ``day`` may take out."""
    lowest = dict(_held(s, location_id, day))
    running = dict(lowest)
    for pid, f, e in s.execute(
            select(StockMove.product_id, func.sum(StockMove.full), func.sum(StockMove.empty))
            .where(StockMove.location_id == location_id, StockMove.day > day)
            .group_by(StockMove.day, StockMove.product_id).order_by(StockMove.day)):
        rf, re_ = running.get(pid, (0, 0))
        running[pid] = (rf + int(f or 0), re_ + int(e or 0))
        lf, le = lowest.get(pid, (0, 0))
        lowest[pid] = (min(lf, running[pid][0]), min(le, running[pid][1]))
    return lowest


@dataclass
class _Move:
    location: StockLocation
    product_id: int
    full: int = 0
    empty: int = 0
    customer_id: int | None = None
    cost_per_kg: Decimal | None = None
    cost: Decimal | None = None


def _refuse_below_zero(s: Session, day: date, moves: list[_Move],
                       skip: tuple[str, ...] = ()) -> None:
    """Refuse a document taking more out of a depot, truck, the plant or the station than it
    holds on ``day`` (or on a later day), naming the place, the size and the counts."""
    takes: dict[int, dict[int, list[int]]] = {}
    places = {}
    for m in moves:
        if m.location.kind in COUNTED and m.location.kind not in skip and (
                m.full < 0 or m.empty < 0):
            per = takes.setdefault(m.location.id, {}).setdefault(m.product_id, [0, 0])
            per[0] += m.full
            per[1] += m.empty
            places[m.location.id] = m.location
    if not takes:
        return
    _lock(s, takes)
    skus = dict(s.execute(select(Product.id, Product.sku)).all())
    for loc_id, per_size in takes.items():
        lowest = _lowest(s, loc_id, day)
        for pid, (f, e) in per_size.items():
            have_f, have_e = lowest.get(pid, (0, 0))
            if have_f + f < 0 or have_e + e < 0:
                raise _error(f"{skus[pid]}.{'full' if have_f + f < 0 else 'empty'}",
                             QT_TRANSLATE_NOOP(
                    "core", "{place} holds {full} full and {empty} empty {sku} on {day} (or "
                    "later): it cannot give {take_full} full and {take_empty} empty. Count "
                    "again, or record the load, return or purchase that brought them first."),
                    place=places[loc_id].name, sku=skus[pid], day=day.isoformat(),
                    full=have_f, empty=have_e, take_full=-f if f < 0 else 0,
                    take_empty=-e if e < 0 else 0)


def _write(s: Session, actor: Actor, kind: str, day: date, moves: list[_Move], *,
           request_key: str | None = None, request_hash: str | None = None,
           route_id: int | None = None, delivery_id: int | None = None,
           corrects_id: int | None = None, reason: str = "",
           at: datetime | None = None) -> StockDoc:
    doc = StockDoc(kind=kind, day=day, route_id=route_id, delivery_id=delivery_id,
                   corrects_id=corrects_id, request_key=request_key, request_hash=request_hash,
                   reason=reason, created_by=actor.username, at=at or utcnow())
    s.add(doc)
    s.flush()
    rows = [dict(doc_id=doc.id, day=day, location_id=m.location.id, customer_id=m.customer_id,
                 product_id=m.product_id, full=m.full, empty=m.empty,
                 cost_per_kg=m.cost_per_kg, cost=m.cost)
            for m in moves if m.full or m.empty or m.cost]
    if rows:
        s.execute(insert(StockMove), rows)
    s.expire(doc, ["moves"])
    return doc


def _scanned(serials: tuple[str, ...]) -> dict:
    """The serials in a request's fingerprint (none: as before serials were scanned)."""
    return {"serials": list(serials)} if serials else {}


def _scan(s: Session, actor: Actor, doc: StockDoc, serials: Iterable[str], to_id: int, *,
          full: bool, loading: bool) -> None:
    """Serial-numbered cylinders scanned into the document (``cylinders.scan_in``)."""
    serials = list(serials)
    if serials:
        cylinders.scan_in(s, actor, doc, serials, to_location_id=to_id, full=full,
                          loading=loading)


def _serial_sizes(s: Session, serials: Iterable[str],
                  counts: dict[int, tuple[int, int, Line]]) -> dict[int, list[str]]:
    """The scanned serials per size (normalised, each once), checked against what the
    document counts: a serial of a size it does not move, or more serials of a size than
    its count (full and empty together), is refused naming it, and so is an unknown serial.
    Fewer is fine: serials are optional."""
    wanted = list(dict.fromkeys(x for x in map(cylinders.normalise_serial, serials) if x))
    if not wanted:
        return {}
    found = dict(s.execute(select(Cylinder.serial, Cylinder.product_id)
                           .where(Cylinder.serial.in_(wanted))).all())
    skus = dict(s.execute(select(Product.id, Product.sku)).all())
    per_size: dict[int, list[str]] = {}
    for serial in wanted:
        pid = found.get(serial)
        if pid is None:
            raise _error("serials", QT_TRANSLATE_NOOP(
                "core", "No cylinder has the serial {serial}: check it, or register the "
                "cylinder first (Cylinders → Add cylinder)."), serial=serial)
        if pid not in counts:
            raise _error("serials", QT_TRANSLATE_NOOP(
                "core", "Cylinder {serial} is a {sku}, a size this document does not move: "
                "remove the serial, or enter the {sku} count."), serial=serial, sku=skus[pid])
        per_size.setdefault(pid, []).append(serial)
    for pid, scanned in per_size.items():
        f, e, _ = counts[pid]
        if len(scanned) > f + e:
            raise _error("serials", QT_TRANSLATE_NOOP(
                "core", "{n} {sku} serials are scanned ({serials}) but {count} {sku} counted: "
                "remove a serial, or correct the count."), n=len(scanned), sku=skus[pid],
                serials=", ".join(scanned), count=f + e)
    return {pid: per_size[pid] for pid in sorted(per_size)}


def _all(per_size: dict[int, list[str]]) -> list[str]:
    return [x for serials in per_size.values() for x in serials]


def _between(src: StockLocation, dst: StockLocation,
             counts: dict[int, tuple[int, int, Line]]) -> list[_Move]:
    return [m for pid, (f, e, _) in counts.items()
            for m in (_Move(src, pid, -f, -e), _Move(dst, pid, f, e))]


def _doc_view(s: Session, doc: StockDoc) -> DocView:
    return _doc_views(s, [doc])[0]


def _doc_views(s: Session, docs: list[StockDoc]) -> list[DocView]:
    if not docs:
        return []
    ids = [d.id for d in docs]
    names = {loc.id: loc for loc in s.scalars(select(StockLocation))}
    skus = dict(s.execute(select(Product.id, Product.sku)).all())
    moves: dict[int, list[MoveView]] = {}
    for chunk in range(0, len(ids), 500):
        for m in s.scalars(select(StockMove).where(StockMove.doc_id.in_(ids[chunk:chunk + 500]))
                           .order_by(StockMove.id)):
            loc = names[m.location_id]
            moves.setdefault(m.doc_id, []).append(MoveView(
                m.location_id, loc.name, loc.kind, m.customer_id, m.product_id, skus[m.product_id],
                m.full, m.empty, m.cost_per_kg, m.cost))
    corrected = {}
    for chunk in range(0, len(ids), 500):
        corrected.update(s.execute(select(StockDoc.corrects_id, StockDoc.id).where(
            StockDoc.corrects_id.in_(ids[chunk:chunk + 500]))).all())
    return [DocView(d.id, d.kind, d.day, d.route_id, d.delivery_id, d.corrects_id,
                    corrected.get(d.id), d.reason, d.created_by, d.at,
                    tuple(moves.get(d.id, ()))) for d in docs]


def _submit(engine: Engine, kind: str, request_key: str, content: dict,
            build: Callable[[Session, str], StockDoc]) -> DocView:
    """One document from one submitted dialog: the same request again returns the first;
    the key with other content is refused (``requests.KeyReused``)."""
    if not (request_key or "").strip() or len(request_key) > 64:  # the column's length
        raise _error("request_key", QT_TRANSLATE_NOOP(
            "core", "A stock document needs the request key of its dialog."))
    fingerprint = requests.fingerprint(f"stock {kind}", **content)
    try:
        with unit_of_work(engine) as s:
            done = requests.earlier(s, StockDoc, request_key, fingerprint)
            if done is not None:
                return _doc_view(s, done)
            return _doc_view(s, build(s, fingerprint))
    except IntegrityError:
        with unit_of_work(engine, write=False) as s:
            done = requests.earlier(s, StockDoc, request_key, fingerprint)
            if done is not None:
                return _doc_view(s, done)
        raise


# --- locations ----------------------------------------------------------------------------

def _location_view(loc: StockLocation, names: dict[int, str]) -> LocationView:
    return LocationView(loc.id, loc.kind, loc.name, loc.address, loc.lat, loc.lon,
                        loc.vehicle_id, loc.depot_id, names.get(loc.depot_id, ""), loc.active,
                        loc.version)


def locations(engine: Engine) -> list[LocationView]:
    """Every location: depots, trucks, the customers, the plant, the station."""
    with unit_of_work(engine, write=False) as s:
        rows = sorted(s.scalars(select(StockLocation)),
                      key=lambda x: (_ORDER.get(x.kind, 9), x.name, x.id))
        names = {x.id: x.name for x in rows}
        return [_location_view(x, names) for x in rows]


def save_depot(engine: Engine, actor: Actor, *, name: str, address: str = "",
               lat: float | None = None, lon: float | None = None, active: bool = True,
               depot_id: int | None = None, version: int | None = None) -> LocationView:
    """Add a depot, or change one (its name, address, coordinates; a depot still holding
    cylinders or starting a truck stays active)."""
    if not actor.can("dispatcher"):
        actor.require("manager")
    name, address = one_line(name), one_line(address)
    errors: dict[str, DomainError] = {}
    if not name or len(name) > 120:
        errors["name"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The depot's name is required (at most 120 characters)."))
    if len(address) > 250:
        errors["address"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The address is at most 250 characters."))
    if (lat is None) != (lon is None) or (lat is not None and not (
            -90 <= lat <= 90 and -180 <= lon <= 180)):
        errors["lat"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Give both coordinates (latitude -90 to 90, longitude -180 to 180), or "
            "neither."))
    if errors:
        raise ValidationError(errors)
    try:
        with unit_of_work(engine) as s:
            if depot_id is not None:
                loc = s.get(StockLocation, depot_id)
                if loc is None or loc.kind != "depot":
                    raise NotFound()
                if version is not None and loc.version != version:
                    raise StaleRecord()
            else:
                loc = StockLocation(kind="depot")
                s.add(loc)
            fields = ("name", "address", "lat", "lon", "active")
            before = {f: getattr(loc, f) for f in fields} if depot_id else {}
            if depot_id is not None and loc.active and not active:
                held = _held(s, loc.id, date.max)
                trucks = s.scalar(select(func.count()).select_from(StockLocation).where(
                    StockLocation.depot_id == loc.id, StockLocation.active.is_(True)))
                if any(f or e for f, e in held.values()) or trucks:
                    raise _error("active", QT_TRANSLATE_NOOP(
                        "core", "{name} still holds cylinders or starts trucks: move them "
                        "first."), name=loc.name)
            loc.name, loc.address, loc.lat, loc.lon, loc.active = name, address, lat, lon, active
            s.flush()
            changes = audit.diff(before, {f: getattr(loc, f) for f in fields})
            if changes:
                audit.record(s, actor, "stock_location", loc.id,
                             "updated" if depot_id else "created", changes, summary=loc.name)
            return _location_view(loc, {})
    except StaleDataError:
        raise StaleRecord() from None


def set_truck_depot(engine: Engine, actor: Actor, *, vehicle_id: int,
                    depot_id: int) -> LocationView:
    """The depot a vehicle's truck starts its route at (and returns to)."""
    if not actor.can("dispatcher"):
        actor.require("manager")
    with unit_of_work(engine) as s:
        depot = _location(s, depot_id, ("depot",), "depot")
        truck = truck_in(s, vehicle_id)
        if truck.depot_id != depot.id:
            audit.record(s, actor, "stock_location", truck.id, "updated",
                         {"depot": [s.get(StockLocation, truck.depot_id).name
                                    if truck.depot_id else None, depot.name]},
                         summary=truck.name)
            truck.depot_id = depot.id
            s.flush()
        return _location_view(truck, {depot.id: depot.name})


def _depot_of(s: Session, truck: StockLocation) -> StockLocation:
    depot = s.get(StockLocation, truck.depot_id) if truck.depot_id else None
    return depot if depot is not None and depot.active else _fixed(s, "depot")


# --- documents ----------------------------------------------------------------------------

def _route(s: Session, route_id: int) -> Route:
    route = s.get(Route, route_id)
    if route is None:
        raise NotFound()
    return route


def load(engine: Engine, actor: Actor, *, route_id: int, request_key: str,
         lines: tuple[Line, ...], reason: str = "", serials: tuple[str, ...] = ()) -> DocView:
    """The morning load of a route's truck from its depot, on the route's day: the counts
    proposed from its orders (``truck_day``), confirmed or corrected per size; ``serials``
    scanned go onto the truck full (an overdue one is refused, ``cylinders.scan_in``)."""
    _require_desk(actor)

    def build(s: Session, fingerprint: str) -> StockDoc:
        route = _route(s, route_id)
        truck = truck_in(s, route.vehicle_id)
        depot = _depot_of(s, truck)
        counts = _counts(s, lines)
        scanned = _serial_sizes(s, serials, counts)
        moves = _between(depot, truck, counts)
        _refuse_below_zero(s, route.day, moves)
        doc = _write(s, actor, "load", route.day, moves, request_key=request_key,
                     request_hash=fingerprint, route_id=route.id, reason=multi_line(reason))
        _scan(s, actor, doc, _all(scanned), truck.id, full=True, loading=True)
        return doc
    return _submit(engine, "load", request_key, dict(route=route_id, lines=lines,
                                                     reason=reason, **_scanned(serials)), build)


def return_(engine: Engine, actor: Actor, *, route_id: int, request_key: str,
            lines: tuple[Line, ...], reason: str = "", serials: tuple[str, ...] = ()
            ) -> DocView:
    """The evening return of a route's truck to its depot, counted per size (sizes not
    entered came back as none).  Reconciled against the day (``truck_day``): a difference
    from loaded - delivered + collected needs a ``reason``; what did not come back stays
    on the truck.  ``serials`` scanned go to the depot: empty, or full where the count of
    their size has no empties (no field per direction: a return is mostly empties)."""
    _require_desk(actor)

    def build(s: Session, fingerprint: str) -> StockDoc:
        route = _route(s, route_id)
        truck = truck_in(s, route.vehicle_id)
        depot = _depot_of(s, truck)
        _lock(s, [truck.id])  # a second return of the route reconciles after this one
        products = _products(s)
        counts = _counts(s, lines, required=False)
        day = _truck_day(s, route)
        expected = {x.product_id: (x.expected_full - x.returned_full,
                                   x.expected_empty - x.returned_empty) for x in day.lines}
        diffs = []
        for pid in sorted(set(expected) | set(counts), key=lambda p: products[p].sku):
            f, e = counts.get(pid, (0, 0, None))[:2]
            exp_f, exp_e = expected.get(pid, (0, 0))
            if f != exp_f or e != exp_e:
                diffs.append(DomainError(QT_TRANSLATE_NOOP(
                    "core", "{sku}: {full} full, {empty} empty"), sku=products[pid].sku,
                    full=f"{f - exp_f:+d}", empty=f"{e - exp_e:+d}"))
        text = multi_line(reason)
        if diffs and not text:
            raise _error("reason", QT_TRANSLATE_NOOP(
                "core", "The count differs from loaded - delivered + collected ({differences}): "
                "give the reason."), differences=DomainError(  # each difference translated
                    "; ".join(f"{{d{i}}}" for i in range(len(diffs))),
                    **{f"d{i}": d for i, d in enumerate(diffs)}))
        scanned = _serial_sizes(s, serials, counts)
        moves = _between(truck, depot, counts)
        _refuse_below_zero(s, route.day, moves)
        doc = _write(s, actor, "return", route.day, moves, request_key=request_key,
                     request_hash=fingerprint, route_id=route.id, reason=text)
        for full in (False, True):
            _scan(s, actor, doc, _all({pid: x for pid, x in scanned.items()
                                       if (counts[pid][1] == 0) == full}),
                  depot.id, full=full, loading=False)
        return doc
    return _submit(engine, "return", request_key, dict(route=route_id, lines=lines,
                                                       reason=reason, **_scanned(serials)),
                   build)


def _simple(engine: Engine, actor: Actor, kind: str, *, request_key: str, day: date,
            src: tuple[int | None, tuple[str, ...]], dst: tuple[int | None, tuple[str, ...]],
            lines: tuple[Line, ...], reason: str = "", full: bool = True,
            empty: bool = True, serials: tuple[str, ...] = ()) -> DocView:
    def build(s: Session, fingerprint: str) -> StockDoc:
        a = _location(s, src[0], src[1], "from") if src[0] is not None else _fixed(s, src[1][0])
        b = _location(s, dst[0], dst[1], "to") if dst[0] is not None else _fixed(s, dst[1][0])
        if a.id == b.id:
            raise _error("to", QT_TRANSLATE_NOOP("core", "Choose two different places."))
        counts = _counts(s, lines, full=full, empty=empty)
        scanned = _serial_sizes(s, serials, counts)
        moves = _between(a, b, counts)
        _refuse_below_zero(s, day, moves)
        doc = _write(s, actor, kind, day, moves, request_key=request_key,
                     request_hash=fingerprint, reason=multi_line(reason))
        _scan(s, actor, doc, _all(scanned), b.id, full=False, loading=False)  # empties
        return doc
    return _submit(engine, kind, request_key, dict(day=day, src=src[0], dst=dst[0],
                                                   lines=lines, reason=reason,
                                                   **_scanned(serials)), build)


def to_plant(engine: Engine, actor: Actor, *, request_key: str, day: date, depot_id: int,
             lines: tuple[Line, ...], reason: str = "", serials: tuple[str, ...] = ()
             ) -> DocView:
    """Empties from a depot to the filling plant."""
    _require_desk(actor)
    return _simple(engine, actor, "to_plant", request_key=request_key, day=day,
                   src=(depot_id, ("depot",)), dst=(None, ("plant",)), lines=lines,
                   reason=reason, full=False, serials=serials)


def to_station(engine: Engine, actor: Actor, *, request_key: str, day: date, depot_id: int,
               lines: tuple[Line, ...], reason: str = "", serials: tuple[str, ...] = ()
               ) -> DocView:
    """Cylinders from a depot to the inspection station for their periodic re-test."""
    _require_desk(actor)
    return _simple(engine, actor, "to_station", request_key=request_key, day=day,
                   src=(depot_id, ("depot",)), dst=(None, ("station",)), lines=lines,
                   reason=reason, serials=serials)


def from_station(engine: Engine, actor: Actor, *, request_key: str, day: date, depot_id: int,
                 lines: tuple[Line, ...], reason: str = "", serials: tuple[str, ...] = ()
               ) -> DocView:
    """Cylinders back from the inspection station to a depot."""
    _require_desk(actor)
    return _simple(engine, actor, "from_station", request_key=request_key, day=day,
                   src=(None, ("station",)), dst=(depot_id, ("depot",)), lines=lines,
                   reason=reason, serials=serials)


def transfer(engine: Engine, actor: Actor, *, request_key: str, day: date, from_id: int,
             to_id: int, lines: tuple[Line, ...], reason: str = "") -> DocView:
    """Cylinders between two depots, or between a truck and a depot."""
    _require_desk(actor)
    return _simple(engine, actor, "transfer", request_key=request_key, day=day,
                   src=(from_id, ("depot", "truck")), dst=(to_id, ("depot", "truck")),
                   lines=lines, reason=reason)


def purchase(engine: Engine, actor: Actor, *, request_key: str, day: date, depot_id: int,
             lines: tuple[Line, ...], reason: str = "", serials: tuple[str, ...] = ()
             ) -> DocView:
    """Full cylinders from the filling plant into a depot, each size with the gas's cost per
    kg (its cost: fulls x weight x cost per kg).  The plant's empties of that size are used
    up first; more fulls than that are cylinders new to the company."""
    _require_desk(actor)

    def build(s: Session, fingerprint: str) -> StockDoc:
        depot = _location(s, depot_id, ("depot",), "to")
        plant = _fixed(s, "plant")
        counts = _counts(s, lines, empty=False)
        scanned = _serial_sizes(s, serials, counts)
        products = _products(s)
        currency = settings.read(s).currency
        _lock(s, [plant.id])
        at_plant = _lowest(s, plant.id, day)
        moves = []
        for pid, (f, _e, line) in counts.items():
            p = products[pid]
            if not p.weight_kg:
                raise _error(f"{p.sku}.cost_per_kg", QT_TRANSLATE_NOOP(
                    "core", "{sku} has no weight: set its weight in kg in Products first."),
                    sku=p.sku)
            typed = str(line.cost_per_kg if line.cost_per_kg is not None else "").strip()
            try:
                # A comma only groups thousands ("1,024.5"): "24,5" is refused, not 245.
                cpk = Decimal(typed.replace(",", "")) if "," not in typed or \
                    _GROUPED.fullmatch(typed) else Decimal(-1)
            except InvalidOperation:
                cpk = Decimal(-1)
            if not cpk.is_finite() or cpk <= 0 or cpk > 100_000 or cpk != round(cpk, 4):
                raise _error(f"{p.sku}.cost_per_kg", QT_TRANSLATE_NOOP(
                    "core", "{sku}: the cost per kg is an amount more than 0 (at most 4 "
                    "decimals)."), sku=p.sku)
            used = min(f, max(at_plant.get(pid, (0, 0))[1], 0))
            moves.append(_Move(plant, pid, 0, -used))
            moves.append(_Move(depot, pid, f, 0, cost_per_kg=cpk.quantize(Decimal("0.0001")),
                               cost=quantize(f * p.weight_kg * cpk, currency)))
        doc = _write(s, actor, "purchase", day, moves, request_key=request_key,
                     request_hash=fingerprint, reason=multi_line(reason))
        _scan(s, actor, doc, _all(scanned), depot.id, full=True, loading=False)
        return doc
    return _submit(engine, "purchase", request_key, dict(day=day, depot=depot_id, lines=lines,
                                                         reason=reason, **_scanned(serials)),
                   build)


def scrap(engine: Engine, actor: Actor, *, request_key: str, day: date, location_id: int,
          lines: tuple[Line, ...], reason: str, serials: tuple[str, ...] = ()) -> DocView:
    """A manager takes cylinders out of service for good, with the reason."""
    actor.require("manager")

    def build(s: Session, fingerprint: str) -> StockDoc:
        text = multi_line(reason)
        if not text:
            raise _error("reason", QT_TRANSLATE_NOOP("core", "Give the reason for the scrap."))
        loc = _location(s, location_id, COUNTED, "from")
        counts = _counts(s, lines)
        scanned = _serial_sizes(s, serials, counts)
        moves = [_Move(loc, pid, -f, -e) for pid, (f, e, _) in counts.items()]
        _refuse_below_zero(s, day, moves)
        doc = _write(s, actor, "scrap", day, moves, request_key=request_key,
                     request_hash=fingerprint, reason=text)
        _scan(s, actor, doc, _all(scanned), loc.id, full=False, loading=False)
        audit.record(s, actor, "stock_doc", doc.id, "scrap", {
            "place": [None, loc.name], "reason": [None, text],
            "cylinders": [None, _summary(s, moves)]}, summary=loc.name)
        return doc
    return _submit(engine, "scrap", request_key, dict(day=day, location=location_id,
                                                      lines=lines, reason=reason,
                                                      **_scanned(serials)), build)


def opening(engine: Engine, actor: Actor, *, request_key: str, day: date, depot_id: int,
            lines: tuple[Line, ...], reason: str = "") -> DocView:
    """A manager's counted opening balance of a depot: after it the depot holds, at the end
    of ``day``, what was counted of each size entered (the movement is the difference)."""
    actor.require("manager")

    def build(s: Session, fingerprint: str) -> StockDoc:
        depot = _location(s, depot_id, ("depot",), "to")
        products = _products(s)
        counted = {}
        for x in lines:
            p = products.get(x.product_id)
            if p is None:
                raise _error("lines", QT_TRANSLATE_NOOP(
                    "core", "Choose a cylinder size from the list."))
            if x.product_id in counted:  # the last count silently won
                raise _error("lines", QT_TRANSLATE_NOOP(
                    "core", "{sku} is entered twice: enter each size once."), sku=p.sku)
            counted[x.product_id] = (_whole(x.full, p.sku, "full"),
                                     _whole(x.empty, p.sku, "empty"))
        if not counted:
            raise _error("lines", QT_TRANSLATE_NOOP("core", "Enter how many cylinders of a size."))
        _lock(s, [depot.id])
        held = _held(s, depot.id, day)
        moves = [_Move(depot, pid, f - held.get(pid, (0, 0))[0], e - held.get(pid, (0, 0))[1])
                 for pid, (f, e) in counted.items()]
        _refuse_below_zero(s, day, moves)
        doc = _write(s, actor, "opening", day, moves, request_key=request_key,
                     request_hash=fingerprint, reason=multi_line(reason))
        audit.record(s, actor, "stock_doc", doc.id, "opening", {
            "place": [None, depot.name], "counted": [None, {
                products[pid].sku: [f, e] for pid, (f, e) in counted.items()}]},
            summary=depot.name)
        return doc
    return _submit(engine, "opening", request_key, dict(day=day, depot=depot_id, lines=lines,
                                                        reason=reason), build)


def correction(engine: Engine, actor: Actor, *, request_key: str, doc_id: int,
               reason: str) -> DocView:
    """A manager reverses an earlier document, with the reason: a new document on its day
    with its movements negated (a delivery is undone in Deliveries instead)."""
    actor.require("manager")

    def build(s: Session, fingerprint: str) -> StockDoc:
        text = multi_line(reason)
        if not text:
            raise _error("reason", QT_TRANSLATE_NOOP(
                "core", "Give the reason for the correction."))
        doc = s.get(StockDoc, doc_id)
        if doc is None:
            raise NotFound()
        if doc.kind in ("delivery", "delivery_undone"):
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "A delivery's cylinders change by undoing the delivery (Deliveries), "
                "not by a correction."))
        if doc.kind == "correction":
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "A correction is not corrected: enter the document again instead."))
        places = {loc.id: loc for loc in s.scalars(select(StockLocation))}
        if any(places[m.location_id].kind == "customers" for m in doc.moves):
            # What customers hold is their cylinder balance too (the upgrade's opening):
            # reversing it here would part the two.
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "What customers hold changes by their deliveries (Deliveries), not "
                "by a correction."))
        _lock(s, {m.location_id for m in doc.moves})
        done = s.scalar(select(StockDoc.id).where(StockDoc.corrects_id == doc.id))
        if done is not None:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Document {id} was corrected already (by document {by})."),
                id=doc.id, by=done)
        moves = [_Move(places[m.location_id], m.product_id, -m.full, -m.empty, m.customer_id,
                       m.cost_per_kg, -m.cost if m.cost is not None else None)
                 for m in doc.moves]
        _refuse_below_zero(s, doc.day, moves, skip=("truck",))
        new = _write(s, actor, "correction", doc.day, moves, request_key=request_key,
                     request_hash=fingerprint, route_id=doc.route_id, corrects_id=doc.id,
                     reason=text)
        audit.record(s, actor, "stock_doc", doc.id, "corrected", {
            "correction": [None, new.id], "reason": [None, text]},
            summary=f"{doc.kind} {doc.day.isoformat()}")
        return new
    return _submit(engine, "correction", request_key, dict(doc=doc_id, reason=reason), build)


def _summary(s: Session, moves: list[_Move]) -> str:
    skus = dict(s.execute(select(Product.id, Product.sku)).all())
    return ", ".join(f"{skus[m.product_id]} {-m.full} full {-m.empty} empty" for m in moves)


# --- the delivery's movement --------------------------------------------------------------

_LOC = StockLocation.__table__
_DOC = StockDoc.__table__
# The places of a delivery, in one statement: the route and its truck (none when the order
# is on no route), the customers' location and the first depot.
_STOP = select(RouteStop.route_id).where(RouteStop.order_id == bindparam("order_id"))
_PLACES = select(
    _STOP.scalar_subquery(),
    select(_LOC.c.id).join(Route.__table__, Route.vehicle_id == _LOC.c.vehicle_id)
    .where(Route.id == _STOP.scalar_subquery()).scalar_subquery(),
    select(_LOC.c.id).where(_LOC.c.kind == "customers").order_by(_LOC.c.id).limit(1)
    .scalar_subquery(),
    select(_LOC.c.id).where(_LOC.c.kind == "depot").order_by(_LOC.c.id).limit(1)
    .scalar_subquery())
_INSERT_DOC = insert(_DOC).returning(_DOC.c.id)
_INSERT_MOVE = insert(StockMove.__table__)


def delivery_in(s: Session, actor: Actor, *, delivery_id: int, order_id: int, customer_id: int,
                day: date, moved: list[tuple[int, int, int]], undone: bool = False,
                at: datetime | None = None) -> None:
    """A delivery's cylinders (product, full delivered, empties collected): from the
    route's truck (on no route: the first depot) to the customers, on ``day``; ``undone``
    writes them back.  Three plain statements (tests/bench/cashup.py), none when nothing
    moved."""
    if not moved:
        return
    route_id, truck, customers, depot = s.execute(_PLACES, {"order_id": order_id}).one()
    if route_id is not None and truck is None:  # a vehicle added without its truck
        truck = truck_in(s, s.scalar(select(Route.vehicle_id).where(Route.id == route_id))).id
    if customers is None or depot is None:
        customers = customers or _fixed(s, "customers").id
        depot = depot or _fixed(s, "depot").id
    source = truck if truck is not None else depot
    sign = -1 if undone else 1
    doc = s.execute(_INSERT_DOC, dict(
        kind="delivery_undone" if undone else "delivery", day=day, route_id=route_id,
        delivery_id=delivery_id, reason="", created_by=actor.username,
        at=at or utcnow())).scalar_one()
    rows = []
    for pid, full, empties in moved:
        rows.append(dict(doc_id=doc, day=day, location_id=source, customer_id=None,
                         product_id=pid, full=-sign * full, empty=sign * empties))
        rows.append(dict(doc_id=doc, day=day, location_id=customers, customer_id=customer_id,
                         product_id=pid, full=sign * (full - empties), empty=0))
    s.execute(_INSERT_MOVE, rows)


# --- reading ------------------------------------------------------------------------------

def stock_at(engine: Engine, day: date) -> list[StockRow]:
    """Full and empty cylinders per location and size at the end of ``day``: every active
    location with every cylinder size, and any other that holds something."""
    with unit_of_work(engine, write=False) as s:
        return stock_at_in(s, day)


def stock_at_in(s: Session, day: date) -> list[StockRow]:
    # Summed per day first, in the index's order (day, location, product), then per place:
    # no sort of every movement (tests/bench/stock.py: 200,000 movements).
    per_day = select(StockMove.location_id, StockMove.product_id,
                     func.sum(StockMove.full).label("full"),
                     func.sum(StockMove.empty).label("empty")) \
        .where(StockMove.day <= day) \
        .group_by(StockMove.day, StockMove.location_id, StockMove.product_id).subquery()
    sums = {(loc, pid): (int(f or 0), int(e or 0)) for loc, pid, f, e in s.execute(
        select(per_day.c.location_id, per_day.c.product_id, func.sum(per_day.c.full),
               func.sum(per_day.c.empty))
        .group_by(per_day.c.location_id, per_day.c.product_id))}
    places = sorted(s.scalars(select(StockLocation)),
                    key=lambda x: (_ORDER.get(x.kind, 9), x.name, x.id))
    products = sorted(s.scalars(select(Product).where(Product.unit == "cylinder")),
                      key=lambda p: p.sku)
    out = []
    for loc in places:
        for p in products:
            f, e = sums.get((loc.id, p.id), (0, 0))
            if f or e or (loc.active and p.active):
                out.append(StockRow(loc.id, loc.name, loc.kind, p.id, p.sku, f, e))
    return out


def documents(engine: Engine, *, day: date | None = None, location_id: int | None = None,
              route_id: int | None = None, deliveries: bool = False,
              limit: int = 1000) -> list[DocView]:
    """Documents, newest first: of a day, a location, a route (deliveries only when
    asked for: a day has one per stop)."""
    with unit_of_work(engine, write=False) as s:
        q = select(StockDoc).order_by(StockDoc.id.desc()).limit(
            max(0, min(int(limit), 2**31 - 1)))  # as PostgreSQL takes it (not -1, 10**12)
        if day is not None:
            q = q.where(StockDoc.day == day)
        if route_id is not None:
            q = q.where(StockDoc.route_id == route_id)
        if location_id is not None:
            q = q.where(StockDoc.id.in_(select(StockMove.doc_id).where(
                StockMove.location_id == location_id)))
        if not deliveries:
            q = q.where(StockDoc.kind.not_in(("delivery", "delivery_undone")))
        return _doc_views(s, list(s.scalars(q)))


def _truck_day(s: Session, route: Route) -> TruckDay:
    truck = s.scalars(select(StockLocation).where(
        StockLocation.vehicle_id == route.vehicle_id)).first() or truck_in(s, route.vehicle_id)
    depot = _depot_of(s, truck)
    products = _products(s)
    corrected = aliased(StockDoc)
    kind = case((StockDoc.kind == "correction", corrected.kind), else_=StockDoc.kind)
    sums: dict[tuple[str, int], tuple[int, int]] = {}
    for k, pid, f, e in s.execute(
            select(kind, StockMove.product_id, func.sum(StockMove.full), func.sum(StockMove.empty))
            .select_from(StockDoc).join(StockMove, StockMove.doc_id == StockDoc.id)
            .outerjoin(corrected, corrected.id == StockDoc.corrects_id)
            .where(StockDoc.route_id == route.id, StockMove.location_id == truck.id)
            .group_by(kind, StockMove.product_id)):
        key = ("delivery" if k in ("delivery", "delivery_undone") else k, pid)
        f0, e0 = sums.get(key, (0, 0))
        sums[key] = (f0 + int(f or 0), e0 + int(e or 0))
    proposed = {pid: int(q or 0) for pid, q in s.execute(
        select(OrderLine.product_id, func.sum(OrderLine.quantity))
        .join(RouteStop, RouteStop.order_id == OrderLine.order_id)
        .where(RouteStop.route_id == route.id).group_by(OrderLine.product_id))
        if pid in products}
    lines = []
    for pid in sorted({pid for _, pid in sums} | set(proposed), key=lambda p: products[p].sku
                      if p in products else str(p)):
        if pid not in products:
            continue
        lf, le = sums.get(("load", pid), (0, 0))
        df, de = sums.get(("delivery", pid), (0, 0))
        rf, re_ = sums.get(("return", pid), (0, 0))
        ef, ee = lf + df, le + de
        lines.append(TruckLine(pid, products[pid].sku, proposed.get(pid, 0), lf, le, -df, de,
                               ef, ee, -rf, -re_, -rf - ef, -re_ - ee))
    kinds = {k for k, _ in sums}
    reasons = [r for r in s.scalars(select(StockDoc.reason).where(
        StockDoc.route_id == route.id, StockDoc.kind == "return").order_by(StockDoc.id)) if r]
    returned = bool(s.scalar(select(func.count()).select_from(StockDoc).where(
        StockDoc.route_id == route.id, StockDoc.kind == "return")))
    plate = s.scalar(select(Vehicle.plate).where(Vehicle.id == route.vehicle_id))
    return TruckDay(route.id, route.day, route.vehicle_id, plate, truck.id, depot.id, depot.name,
                    "load" in kinds, returned, "\n".join(reasons), tuple(lines))


def _ensure_trucks(engine: Engine, routes: Select) -> None:
    """The truck locations of the routes' vehicles, made where a vehicle has none yet (a
    write only then: reading a day stays a read)."""
    with unit_of_work(engine, write=False) as s:
        missing = list(s.scalars(select(Route.vehicle_id).where(
            Route.id.in_(routes), Route.vehicle_id.not_in(
                select(StockLocation.vehicle_id).where(StockLocation.vehicle_id.is_not(None))))))
    if missing:
        with unit_of_work(engine) as s:
            for vehicle_id in missing:
                truck_in(s, vehicle_id)


def truck_day(engine: Engine, route_id: int) -> TruckDay:
    """A route's day on its truck: per size what its orders ask for, loaded, delivered,
    collected, expected back, returned and the difference, with the return's reason."""
    _ensure_trucks(engine, select(Route.id).where(Route.id == route_id))
    with unit_of_work(engine, write=False) as s:
        return _truck_day(s, _route(s, route_id))


def truck_days(engine: Engine, day: date) -> list[TruckDay]:
    """Every route's ``truck_day`` on ``day``."""
    _ensure_trucks(engine, select(Route.id).where(Route.day == day))
    with unit_of_work(engine, write=False) as s:
        return [_truck_day(s, r) for r in s.scalars(
            select(Route).where(Route.day == day).order_by(Route.id))]


def margin(engine: Engine, *, month: str) -> list[MarginRow]:
    """Per size in ``month`` (YYYY-MM): the fulls bought from the plant, their cost and
    average cost per kg, against the cylinders delivered that month (by delivery date)
    and their amount without tax."""
    try:
        first = date.fromisoformat(f"{month}-01")
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)  # 9999-12: no
    except ValueError:
        raise _error("month", QT_TRANSLATE_NOOP(
            "core", "“{value}” is not a month (YYYY-MM)."), value=month) from None
    with unit_of_work(engine, write=False) as s:
        currency = settings.read(s).currency
        products = _products(s)
        bought = {pid: (int(f or 0), c or Decimal(0)) for pid, f, c in s.execute(
            select(StockMove.product_id, func.sum(StockMove.full), func.sum(StockMove.cost))
            .join(StockDoc, StockDoc.id == StockMove.doc_id)
            .where(StockMove.day >= first, StockMove.day < after, StockMove.cost.is_not(None),
                   StockDoc.kind.in_(("purchase", "correction")))
            .group_by(StockMove.product_id))}
        sold = {pid: (q or Decimal(0), a or Decimal(0)) for pid, q, a in s.execute(
            select(OrderLine.product_id, func.sum(DeliveryLine.quantity),
                   func.sum(DeliveryLine.amount))
            .join(OrderLine, OrderLine.id == DeliveryLine.order_line_id)
            .join(Delivery, Delivery.id == DeliveryLine.delivery_id)
            .join(Order, Order.id == Delivery.order_id)
            .where(Delivery.undone_at.is_(None), Order.delivery_date >= first,
                   Order.delivery_date < after)
            .group_by(OrderLine.product_id))}
        out = []
        for pid in sorted(set(bought) | set(sold), key=lambda p: products[p].sku
                          if p in products else ""):
            if pid not in products:
                continue
            p = products[pid]
            kg = p.weight_kg or Decimal(0)
            n, cost = bought.get(pid, (0, Decimal(0)))
            q, amount = sold.get(pid, (Decimal(0), Decimal(0)))
            cpk = (cost / (n * kg)).quantize(Decimal("0.0001")) if n and kg else None
            spk = (amount / (q * kg)).quantize(Decimal("0.0001")) if q and kg else None
            out.append(MarginRow(pid, p.sku, kg, n, n * kg, cost, cpk, q, q * kg, amount, spk,
                                 quantize(amount - q * kg * cpk, currency)
                                 if cpk is not None else None))
        return out


# --- db check -----------------------------------------------------------------------------

def customers_match_balances(s: Session) -> list[str]:
    """The customers' stock, per customer and size, is what cylinder_balance says each
    holds."""
    customers = select(StockLocation.id).where(StockLocation.kind == "customers")
    moved = {(c, p): int(n or 0) for c, p, n in s.execute(
        select(StockMove.customer_id, StockMove.product_id, func.sum(StockMove.full))
        .where(StockMove.location_id.in_(customers))
        .group_by(StockMove.customer_id, StockMove.product_id))}
    held = {(c, p): n for c, p, n in s.execute(
        select(CylinderBalance.customer_id, CylinderBalance.product_id, CylinderBalance.held)
        .join(Product, Product.id == CylinderBalance.product_id)
        .where(Product.unit == "cylinder"))}
    return [f"customer {c} product {p}: holds {held.get((c, p), 0)}, the customers' stock "
            f"says {moved.get((c, p), 0)}" for c, p in sorted(
                set(moved) | set(held), key=lambda k: (k[0] or 0, k[1]))
            if held.get((c, p), 0) != moved.get((c, p), 0)]


def totals_change_only_by_purchases(s: Session) -> list[str]:
    """Every document of a kind that moves cylinders from place to place (all but opening,
    purchase, scrap and correction) leaves each size's total as it was."""
    return [f"stock document {doc} ({kind}): product {pid} total changes by {n}"
            for doc, kind, pid, n in s.execute(
                select(StockDoc.id, StockDoc.kind, StockMove.product_id,
                       func.sum(StockMove.full + StockMove.empty))
                .join(StockMove, StockMove.doc_id == StockDoc.id)
                .where(StockDoc.kind.not_in(CHANGES_TOTAL))
                .group_by(StockDoc.id, StockDoc.kind, StockMove.product_id)
                .having(func.sum(StockMove.full + StockMove.empty) != 0)
                .order_by(StockDoc.id))]


def purchases_carry_their_cost(s: Session) -> list[str]:
    """A purchase brings each size's fulls into one place on one row with their cost per kg
    and cost; its other rows only use up the plant's empties (a row slipped in beside the
    service's, adding cylinders without cost, shows here)."""
    plant = select(StockLocation.id).where(StockLocation.kind == "plant")
    rows = s.execute(
        select(StockMove.doc_id, StockMove.product_id, StockMove.location_id.in_(plant),
               StockMove.full, StockMove.empty, StockMove.cost_per_kg, StockMove.cost)
        .join(StockDoc, StockDoc.id == StockMove.doc_id)
        .where(StockDoc.kind == "purchase").order_by(StockMove.id))
    broken, receiving = [], set()
    for doc, pid, at_plant, full, empty, cpk, cost in rows:
        if full or not at_plant:
            if full <= 0 or empty or cpk is None or cpk <= 0 or cost is None or cost <= 0 \
                    or (doc, pid) in receiving:
                broken.append(f"stock document {doc} (purchase): product {pid} brings {full} "
                              f"full, {empty} empty at {cpk} per kg, cost {cost}")
            receiving.add((doc, pid))
        elif empty > 0 or cpk is not None or cost is not None:
            broken.append(f"stock document {doc} (purchase): product {pid} at the plant "
                          f"{full} full, {empty} empty")
    return broken


class _Findings(list):
    def __init__(self, broken=(), noted=()) -> None:
        super().__init__(broken)
        self.noted = list(noted)


def never_below_zero(s: Session) -> list[str]:
    """No depot, truck, the plant or the station falls below zero at the end of a day by
    the documents entered here (they refuse it).  One that falls below zero on a day of
    deliveries (confirmed beyond what was loaded or counted) or of a manager's correction
    is noted, breaking nothing."""
    places = {loc.id: loc for loc in s.scalars(select(StockLocation).where(
        StockLocation.kind.in_(COUNTED)))}
    skus = dict(s.execute(select(Product.id, Product.sku)).all())
    excused = func.max(case((StockDoc.kind.in_(("delivery", "delivery_undone", "correction")),
                             1), else_=0))
    running: dict[tuple[int, int], list[int]] = {}
    broken, noted = [], []
    seen: set[tuple[int, int, str, bool]] = set()
    for day, loc, pid, f, e, excuse in s.execute(
            select(StockMove.day, StockMove.location_id, StockMove.product_id,
                   func.sum(StockMove.full), func.sum(StockMove.empty), excused)
            .join(StockDoc, StockDoc.id == StockMove.doc_id)
            .where(StockMove.location_id.in_(list(places)))
            .group_by(StockMove.day, StockMove.location_id, StockMove.product_id)
            .order_by(StockMove.day)):
        held = running.setdefault((loc, pid), [0, 0])
        for i, (delta, what) in enumerate(((int(f or 0), "full"), (int(e or 0), "empty"))):
            held[i] += delta
            key = (loc, pid, what, bool(excuse))
            if held[i] < 0 and delta < 0 and key not in seen:
                seen.add(key)
                place = places[loc]
                (noted if excuse else broken).append(
                    f"{place.kind} {place.name}: {held[i]} {what} {skus[pid]} at the end of "
                    f"{day.isoformat()}")
    return _Findings(broken, noted)
