"""Safety inspections of customers' installations.

Each customer has a next inspection date (``customer.next_inspection``; none: never
inspected, which counts as due).  ``due`` lists the due and overdue ones; ``plan`` turns
the chosen ones into service visits on a day: an ordinary order each (through
``orders.place_in``, so dispatch plans it on that day's routes like any order) of one
"Safety inspection" service at no charge, paid cash so neither credit nor an overdue
invoice holds a safety visit back.  A customer with an open visit is not given another.

``record`` is the visit's confirmation: the result (pass or fail), the items checked,
remarks, the inspector and the next date (by default the visit's day plus the company's
``inspection_months``), and the visit's order confirmed delivered through
``deliveries.confirm_in`` in the same transaction.  A failed inspection stops the
customer's gas orders (``customer.gas_stop``): an order with a cylinder line is refused
(``orders._check`` calls ``refuse_gas``), a service visit still goes.  Only a manager
clears it (``clear``), with a reason, audited on the customer.

The service product is found by the stored setting ``inspection_product`` (its id, so a
manager may rename it), else by its SKU ``INSPECTION``; it is made on first use.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Engine, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import requests
from core.db import unit_of_work
from core.errors import DomainError, NotFound, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer, Inspection, Order, OrderLine, Product
from core.models.base import utcnow
from core.services import audit, deliveries, orders, products, settings
from core.services.actor import Actor
from core.services.customers import display_phone
from core.text import multi_line, one_line

PRODUCT_SKU = "INSPECTION"
PRODUCT_SETTING = "inspection_product"  # the stored setting naming the product's id
RESULTS = {
    "pass": QT_TRANSLATE_NOOP("core", "pass"),
    "fail": QT_TRANSLATE_NOOP("core", "fail"),
}
# The standard items an inspector checks, in the order of the form and the record.
ITEMS = {
    "hose": QT_TRANSLATE_NOOP("core", "Hose: no cracks, not aged, clamped at both ends"),
    "regulator": QT_TRANSLATE_NOOP("core", "Regulator"),
    "leak_test": QT_TRANSLATE_NOOP("core", "Leak test at the joints"),
    "valve": QT_TRANSLATE_NOOP("core", "Shut-off valve"),
    "placement": QT_TRANSLATE_NOOP("core", "Cylinder placement: upright, ventilated, away "
                                   "from heat"),
    "ventilation": QT_TRANSLATE_NOOP("core", "Ventilation of the room"),
    "water_heater": QT_TRANSLATE_NOOP("core", "Water heater: outdoors or flued"),
    "co_alarm": QT_TRANSLATE_NOOP("core", "CO alarm works"),
}


class GasStopped(DomainError):
    """An order with gas for a customer whose last inspection failed."""

    def __init__(self, customer: str, day: date | None, remarks: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "core", "Gas orders for {customer} are stopped: the safety inspection of {date} "
            "failed ({remarks}). A manager clears it in Inspections."),
            customer=customer, date=day.isoformat() if day else "—", remarks=remarks or "—")


@dataclass(frozen=True)
class DueRow:
    customer_id: int
    code: str
    name: str
    area: str
    address: str
    phone: str  # as shown
    next_inspection: date | None  # None: never inspected
    days_overdue: int  # past the next date on the list's day (0: not yet; never: 0)
    gas_stop: str  # non-empty: gas orders stopped
    visit_order_id: int | None  # an open visit planned already
    visit_day: date | None


@dataclass(frozen=True)
class VisitRow:
    order_id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    address: str
    day: date
    status: str  # the order's
    inspection_id: int | None  # recorded
    result: str  # pass | fail | "" (not recorded)
    next_date: date | None


@dataclass(frozen=True)
class Planned:
    visits: tuple[VisitRow, ...]  # made (or made before by the same request)
    already: tuple[VisitRow, ...]  # the open visits of customers who had one: none made


@dataclass(frozen=True)
class InspectionView:
    id: int
    order_id: int | None
    order_number: str
    customer_id: int
    customer_code: str
    customer_name: str
    address: str
    phone: str
    language: str  # the customer's (the record prints in it)
    day: date
    result: str
    items: tuple[tuple[str, bool], ...]  # (item key, OK)
    remarks: str
    inspector: str
    next_date: date | None
    recorded_by: str
    recorded_at: datetime
    cleared_by: str
    cleared_at: datetime | None
    clear_reason: str


@dataclass(frozen=True)
class GasStop:
    """Why a customer's gas orders are stopped: the failed inspection, when one is."""

    customer_id: int
    code: str
    name: str
    reason: str  # the customer's gas_stop
    inspection_id: int | None
    day: date | None
    remarks: str

    def refusal(self) -> GasStopped:
        return GasStopped(self.name, self.day, self.remarks or self.reason)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# --- the service product ------------------------------------------------------------------

def product_id(s: Session) -> int | None:
    """The inspection product's id, if it exists yet."""
    stored = settings.stored_value(s, PRODUCT_SETTING)
    if stored.isdigit() and s.get(Product, int(stored)) is not None:
        return int(stored)
    return s.scalar(select(Product.id).where(Product.sku == PRODUCT_SKU))


def _product(s: Session, actor: Actor) -> int:
    """The inspection product's id, made on first use (a service at no charge)."""
    pid = product_id(s)
    if pid is None:
        made = products.save_in(s, actor, products.ProductInput(
            sku=PRODUCT_SKU, name_zh="瓦斯安全檢查", name_en="Safety inspection",
            unit="service", price=Decimal(0), price_from=date(2000, 1, 1)))
        pid = made.id
    if settings.stored_value(s, PRODUCT_SETTING) != str(pid):
        settings.store_value(s, PRODUCT_SETTING, str(pid))
    p = s.get(Product, pid)
    if not p.active or p.unit != "service":
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The product {sku} that inspection visits use is inactive or not a "
            "service: a manager corrects it in Products."), sku=p.sku)
    return pid


def _visit_orders(pid: int | None):
    """The ids of the orders that are inspection visits (a line of the product)."""
    return select(OrderLine.order_id).where(OrderLine.product_id == (pid or -1))


# --- reading ------------------------------------------------------------------------------

def due(engine: Engine, on: date, within_days: int = 30, limit: int = 2000) -> list[DueRow]:
    """Active customers whose next inspection is on or before ``on`` + ``within_days``,
    the most overdue first; then those never inspected (no date), which count as due.
    Each with its open visit, when one is planned."""
    until = date.fromordinal(min(on.toordinal() + max(0, within_days),
                                 date.max.toordinal()))  # 10**9 days: no OverflowError
    with unit_of_work(engine, write=False) as s:
        pid = product_id(s)
        visit = (select(Order.customer_id, func.min(Order.id).label("order_id"),
                        func.min(Order.delivery_date).label("day"))
                 .where(Order.id.in_(_visit_orders(pid)), Order.status.in_(orders.OPEN_STATES))
                 .group_by(Order.customer_id).subquery())
        rows = s.execute(
            select(Customer.id, Customer.code, Customer.name, Customer.area, Customer.address,
                   Customer.phone, Customer.next_inspection, Customer.gas_stop,
                   visit.c.order_id, visit.c.day)
            .outerjoin(visit, visit.c.customer_id == Customer.id)
            .where(Customer.active.is_(True),
                   or_(Customer.next_inspection.is_(None), Customer.next_inspection <= until))
            .order_by(Customer.next_inspection.is_(None), Customer.next_inspection,
                      Customer.code)
            .limit(max(0, min(int(limit), 2**31 - 1)))).all()  # as PostgreSQL takes it
        return [DueRow(r.id, r.code, r.name, r.area, r.address, display_phone(r.phone),
                       r.next_inspection,
                       max(0, (on - r.next_inspection).days) if r.next_inspection else 0,
                       r.gas_stop, r.order_id, r.day) for r in rows]


def _visits_in(s: Session, where) -> list[VisitRow]:
    pid = product_id(s)
    rows = s.execute(
        select(Order.id, Order.number, Order.customer_id, Customer.code, Customer.name,
               Customer.address, Order.delivery_date, Order.status, Inspection.id.label("iid"),
               Inspection.result, Inspection.next_date)
        .join(Customer, Customer.id == Order.customer_id)
        .outerjoin(Inspection, Inspection.order_id == Order.id)
        .where(Order.id.in_(_visit_orders(pid)), *where)
        .order_by(Order.delivery_date, Order.id)).all()
    return [VisitRow(r.id, r.number or "", r.customer_id, r.code, r.name, r.address,
                     r.delivery_date, r.status, r.iid, r.result or "", r.next_date)
            for r in rows]


def visits(engine: Engine, day_from: date, day_to: date) -> list[VisitRow]:
    """The inspection visits on the days from ``day_from`` to ``day_to`` (not cancelled),
    each with its result once recorded."""
    with unit_of_work(engine, write=False) as s:
        return _visits_in(s, (Order.delivery_date >= day_from, Order.delivery_date <= day_to,
                              Order.status != "cancelled"))


def view_in(s: Session, i: Inspection) -> InspectionView:
    c = s.get(Customer, i.customer_id)
    number = s.scalar(select(Order.number).where(Order.id == i.order_id)) if i.order_id else ""
    return InspectionView(
        i.id, i.order_id, number or "", c.id, c.code, c.name, c.address, display_phone(c.phone),
        c.language, i.day, i.result, tuple((str(k), bool(ok)) for k, ok in json.loads(i.items)),
        i.remarks, i.inspector, i.next_date, i.recorded_by, i.recorded_at, i.cleared_by or "",
        i.cleared_at, i.clear_reason)


def get(engine: Engine, inspection_id: int) -> InspectionView:
    with unit_of_work(engine, write=False) as s:
        i = s.get(Inspection, inspection_id)
        if i is None:
            raise NotFound()
        return view_in(s, i)


def history(engine: Engine, customer_id: int) -> list[InspectionView]:
    """The customer's inspections, newest first."""
    with unit_of_work(engine, write=False) as s:
        return [view_in(s, i) for i in s.scalars(
            select(Inspection).where(Inspection.customer_id == customer_id)
            .order_by(Inspection.day.desc(), Inspection.id.desc()))]


def _stop_in(s: Session, c: Customer) -> GasStop:
    failed = s.execute(
        select(Inspection.id, Inspection.day, Inspection.remarks)
        .where(Inspection.customer_id == c.id, Inspection.result == "fail",
               Inspection.cleared_at.is_(None))
        .order_by(Inspection.day.desc(), Inspection.id.desc()).limit(1)).first()
    return GasStop(c.id, c.code, c.name, c.gas_stop, failed.id if failed else None,
                   failed.day if failed else None, failed.remarks if failed else "")


def gas_stop(engine: Engine, customer_id: int) -> GasStop | None:
    """Why the customer's gas orders are stopped; None when they are not."""
    with unit_of_work(engine, write=False) as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound()
        return _stop_in(s, c) if c.gas_stop else None


def gas_stops(engine: Engine) -> list[GasStop]:
    """Every customer whose gas orders are stopped, by code."""
    with unit_of_work(engine, write=False) as s:
        return [_stop_in(s, c) for c in s.scalars(
            select(Customer).where(Customer.gas_stop != "").order_by(Customer.code))]


def refuse_gas(s: Session, customer: Customer, units: Iterable[str]) -> None:
    """Raise ``GasStopped`` when the customer's gas orders are stopped and ``units`` (of
    an order's lines) hold a cylinder; a service (an inspection visit) goes."""
    if customer.gas_stop and "cylinder" in set(units):
        raise _stop_in(s, customer).refusal()


# --- planning -----------------------------------------------------------------------------

def _key(request_key: str, part: object) -> str:
    """A key of its own for each row one request makes (64 characters)."""
    return hashlib.sha256(f"{request_key}\n{part}".encode()).hexdigest()


def plan(engine: Engine, actor: Actor, *, day: date, customer_ids: list[int],
         request_key: str) -> Planned:
    """A service visit (an order of one "Safety inspection") on ``day`` for each customer,
    unless the customer has an open visit already (returned in ``already``).  The same
    request again returns the visits it made."""
    if not actor.can("dispatcher"):
        actor.require("clerk")
    wanted = list(dict.fromkeys(customer_ids))
    if not wanted:
        raise ValidationError({"customers": DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose the customers to visit."))})
    if day < utcnow().astimezone().date():  # today, or the day being recorded (demo)
        raise ValidationError({"day": DomainError(QT_TRANSLATE_NOOP(
            "core", "The visits' day {day} is in the past."), day=day.isoformat())})
    for attempt in (1, 2):
        try:
            with unit_of_work(engine) as s:
                return plan_in(s, actor, day, wanted, request_key)
        except IntegrityError:
            if attempt == 2:  # the same request at once elsewhere, or the product made
                raise
    raise AssertionError("unreachable")


def plan_in(s: Session, actor: Actor, day: date, wanted: list[int], request_key: str, *,
            at: datetime | None = None) -> Planned:
    """``plan`` inside the caller's transaction; ``at`` backdates the orders (the demo's
    history: a visit on a past day)."""
    pid = _product(s, actor)
    # One planner per customer at a time (SQLite: BEGIN IMMEDIATE already).
    people = {c.id: c for c in s.scalars(select(Customer).where(Customer.id.in_(wanted))
                                         .with_for_update(key_share=True))}
    missing = [cid for cid in wanted if cid not in people]
    if missing:
        raise NotFound()
    inactive = [people[cid].name for cid in wanted if not people[cid].active]
    if inactive:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "{customers}: inactive; activate them or leave them out of the plan."),
            customers=", ".join(inactive))
    made: list[int] = []
    already: list[int] = []
    # The whole request's fingerprint on each visit it makes: the key again with another
    # day or other customers is refused (``requests.KeyReused``), never answered with the
    # visits of the first.
    fingerprint = requests.fingerprint("inspection visits", day=day,
                                       customers=sorted(set(wanted)))
    for cid in wanted:
        key = _key(request_key, cid)
        earlier = requests.earlier(s, Order, key, fingerprint)
        if earlier is not None:
            made.append(earlier.id)
            continue
        open_visit = s.scalar(select(func.min(Order.id)).where(
            Order.customer_id == cid, Order.id.in_(_visit_orders(pid)),
            Order.status.in_(orders.OPEN_STATES)))
        if open_visit is not None:
            already.append(open_visit)
            continue
        view = orders.place_in(s, actor, orders.OrderInput(
            customer_id=cid, lines=(orders.LineInput(pid, 1),), delivery_date=day,
            payment="cash"), request_key=key, at=at)
        s.execute(update(Order).where(Order.id == view.id).values(request_hash=fingerprint)
                  .execution_options(synchronize_session=False))
        made.append(view.id)
    s.flush()
    found = {v.order_id: v for v in _visits_in(s, (Order.id.in_(made + already),))}
    return Planned(tuple(found[i] for i in made), tuple(found[i] for i in already))


# --- recording ----------------------------------------------------------------------------

def record(engine: Engine, actor: Actor, *, order_id: int, result: str,
           items: list[tuple[str, bool]], remarks: str = "", inspector: str = "",
           next_date: date | None = None, request_key: str) -> InspectionView:
    """The result of the visit ``order_id``: recorded, the visit confirmed delivered, the
    customer's next inspection set (default: the visit's day + ``inspection_months``) and,
    on a fail, their gas orders stopped.  The same request again returns the first."""
    if not actor.can("dispatcher"):
        actor.require("clerk")
    if not (request_key or "").strip() or len(request_key) > 64:  # the column's length
        raise ValidationError({"request_key": DomainError(QT_TRANSLATE_NOOP(
            "core", "An inspection needs the request key of its dialog."))})
    try:
        with unit_of_work(engine) as s:
            return record_in(s, actor, order_id, result, items, remarks, inspector,
                              next_date, request_key)
    except IntegrityError:
        with unit_of_work(engine, write=False) as s:
            done = _recorded(s, request_key, order_id, result, items, remarks, inspector,
                             next_date)
            if done is not None:
                return view_in(s, done)
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "This inspection was recorded already (on another workstation).")) from None


def _checked(result: str, items: list[tuple[str, bool]], remarks: str, inspector: str
             ) -> tuple[list[list], str, str]:
    errors: dict[str, DomainError] = {}
    if result not in RESULTS:
        errors["result"] = DomainError(QT_TRANSLATE_NOOP("core", "Choose pass or fail."))
    checked: dict[str, bool] = {}
    for item, ok in items:
        if item not in ITEMS:
            errors["items"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "“{item}” is not an inspection item."), item=item)
        checked[item] = bool(ok)
    remarks, inspector = multi_line(remarks), one_line(inspector)
    failed = [ITEMS[k] for k, ok in checked.items() if not ok and k in ITEMS]
    if result == "pass" and failed:
        errors["result"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "An item is not OK ({item}): record a fail, or correct the item."),
            item=DomainError(failed[0]))
    if result == "fail" and not remarks:
        errors["remarks"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Say in the remarks what failed and what must be fixed."))
    if not inspector:
        errors["inspector"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the inspector's name."))
    elif len(inspector) > 120:
        errors["inspector"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The inspector's name holds at most 120 characters."))
    if errors:
        raise ValidationError(errors)
    ordered = [[k, checked[k]] for k in ITEMS if k in checked]
    return ordered, remarks, inspector


def _recorded(s: Session, request_key: str, order_id: int, result: str,
              items: list[tuple[str, bool]], remarks: str, inspector: str,
              next_date: date | None) -> Inspection | None:
    """The inspection this request recorded before, if it asked for the same (the visit,
    result, items, remarks, inspector and, when given, the next date); raises
    ``requests.KeyReused`` if the key recorded something else."""
    done = s.scalars(select(Inspection).where(Inspection.request_key == request_key)).first()
    if done is None:
        return None
    try:
        ordered, remarks, inspector = _checked(result, items, remarks, inspector)
    except ValidationError:
        raise requests.KeyReused() from None
    if (done.order_id, done.result, json.loads(done.items), done.remarks, done.inspector) != (
            order_id, result, ordered, remarks, inspector) or (
            next_date is not None and next_date != done.next_date):
        raise requests.KeyReused()
    return done


def record_in(s: Session, actor: Actor, order_id: int, result: str,
              items: list[tuple[str, bool]], remarks: str, inspector: str,
              next_date: date | None, request_key: str, *,
              at: datetime | None = None) -> InspectionView:
    """``record`` inside the caller's transaction; ``at`` backdates it (the demo's history)."""
    done = _recorded(s, request_key, order_id, result, items, remarks, inspector, next_date)
    if done is not None:
        return view_in(s, done)
    ordered, remarks, inspector = _checked(result, items, remarks, inspector)
    order = s.scalars(select(Order).where(Order.id == order_id).with_for_update()).first()
    if order is None:
        raise NotFound()
    if s.scalar(_visit_orders(product_id(s)).where(OrderLine.order_id == order_id)) is None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Order {number} is not an inspection visit."), number=order.number)
    earlier = s.scalars(select(Inspection).where(Inspection.order_id == order_id)).first()
    if earlier is not None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The inspection of visit {number} was recorded already ({result}, {day})."),
            number=order.number, result=DomainError(RESULTS[earlier.result]),
            day=earlier.day.isoformat())
    day = order.delivery_date
    company = settings.read(s)
    next_date = next_date or add_months(day, int(company.inspection_months or 24))
    if next_date <= day:
        raise ValidationError({"next_date": DomainError(QT_TRANSLATE_NOOP(
            "core", "The next inspection comes after this one ({day})."),
            day=day.isoformat())})
    if order.status == "confirmed":
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Visit {number} is not on a confirmed route yet: plan it in Dispatch, then "
            "record its result."), number=order.number)
    if order.status in orders.OPEN_STATES:
        deliveries.confirm_in(s, actor, deliveries.DeliveryInput(
            order.id, _key(request_key, "delivery"), "delivered"), at=at)
    elif order.status != "delivered":  # confirmed delivered in Deliveries: recorded only
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Visit {number} is {status}: plan a new visit for this customer."),
            number=order.number, status=DomainError(orders.STATUS_NAMES[order.status]))
    customer = s.get(Customer, order.customer_id)
    i = Inspection(customer_id=customer.id, order_id=order.id, request_key=request_key,
                   day=day, result=result, items=json.dumps(ordered, ensure_ascii=False),
                   remarks=remarks, inspector=inspector, next_date=next_date,
                   recorded_by=actor.username, recorded_at=at or utcnow(), clear_reason="")
    s.add(i)
    s.flush()
    values: dict = {"next_inspection": next_date}
    changes = {"inspection": [None, f"{order.number} {day} {result}"],
               "next_inspection": [audit.plain(customer.next_inspection), str(next_date)]}
    if result == "fail":
        stop = f"#{i.id} {day}: {remarks}"[:1000]
        values["gas_stop"] = stop
        changes["gas_stop"] = [customer.gas_stop or None, stop]
    s.execute(update(Customer).where(Customer.id == customer.id).values(**values)
              .execution_options(synchronize_session=False))
    audit.record(s, actor, "customer", customer.code,
                 "inspection_failed" if result == "fail" else "inspection_passed", changes,
                 summary=customer.name)
    s.expire(customer)
    return view_in(s, i)


def set_next(engine: Engine, actor: Actor, *, customer_ids: list[int],
             next_date: date | None) -> int:
    """Set the customers' next inspection by hand (dates from an earlier inspection on
    paper, or an inspection moved); None: never inspected.  Audited on each customer;
    returns how many changed."""
    actor.require("clerk")
    wanted = list(dict.fromkeys(customer_ids))
    if not wanted:
        raise ValidationError({"customers": DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose the customers."))})
    with unit_of_work(engine) as s:
        rows = s.execute(select(Customer.id, Customer.code, Customer.name,
                                Customer.next_inspection)
                         .where(Customer.id.in_(wanted))).all()
        if len(rows) != len(wanted):
            raise NotFound()
        changed = [r for r in rows if r.next_inspection != next_date]
        for r in changed:
            s.execute(update(Customer).where(Customer.id == r.id)
                      .values(next_inspection=next_date)
                      .execution_options(synchronize_session=False))
            audit.record(s, actor, "customer", r.code, "updated",
                         {"next_inspection": [audit.plain(r.next_inspection),
                                              audit.plain(next_date)]}, summary=r.name)
        return len(changed)


def clear(engine: Engine, actor: Actor, *, customer_id: int, reason: str) -> GasStop:
    """A manager lets the customer's gas orders go again, with a reason (kept on the failed
    inspection and in the customer's audit history).  Returns the stop as it was."""
    actor.require("manager")
    reason = multi_line(reason)
    if not reason:
        raise ValidationError({"reason": DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the reason for clearing the gas stop (e.g. the hose was replaced "
            "and checked)."))})
    with unit_of_work(engine) as s:
        c = s.scalars(select(Customer).where(Customer.id == customer_id)
                      .with_for_update(key_share=True)).first()
        if c is None:
            raise NotFound()
        if not c.gas_stop:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Gas orders for {customer} are not stopped (cleared already?)."),
                customer=c.name)
        stop = _stop_in(s, c)
        now = utcnow()
        s.execute(update(Inspection).where(Inspection.customer_id == c.id,
                                           Inspection.result == "fail",
                                           Inspection.cleared_at.is_(None))
                  .values(cleared_by=actor.username, cleared_at=now, clear_reason=reason,
                          version=Inspection.version + 1)
                  .execution_options(synchronize_session=False))
        s.execute(update(Customer).where(Customer.id == c.id).values(gas_stop="")
                  .execution_options(synchronize_session=False))
        audit.record(s, actor, "customer", c.code, "gas_stop_cleared",
                     {"gas_stop": [c.gas_stop, None], "reason": [None, reason]},
                     summary=c.name)
        return stop


# --- db check -----------------------------------------------------------------------------

def gas_stops_match_inspections(s: Session) -> list[str]:
    """db check: a customer's gas orders are stopped exactly when they have a failed
    inspection not cleared, and a cleared one says who cleared it and why — a stop lifted,
    or an inspection cleared, around ``clear`` shows here."""
    failed = set(s.scalars(select(Inspection.customer_id).where(
        Inspection.result == "fail", Inspection.cleared_at.is_(None))))
    broken = [f"customer {code}: gas orders {'stopped' if stop else 'not stopped'}, "
              f"{'a' if cid in failed else 'no'} failed inspection not cleared"
              for cid, code, stop in s.execute(select(Customer.id, Customer.code,
                                                      Customer.gas_stop))
              if bool(stop) != (cid in failed)]
    return broken + [f"inspection {i}: cleared without who or why" for i in s.scalars(
        select(Inspection.id).where(Inspection.cleared_at.is_not(None), or_(
            Inspection.cleared_by.is_(None), Inspection.clear_reason == ""))
        .order_by(Inspection.id))]
