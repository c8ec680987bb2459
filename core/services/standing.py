"""Standing orders: a customer's repeating order, and the orders generated from it.

Generation turns each (standing order, scheduled date) into an ordinary order,
through the same credit check as an order typed by a clerk.  It happens exactly
once per pair: the pair is first claimed in ``standing_occurrence``, whose
UNIQUE(standing_order_id, day) makes "once" a database fact.  The claim is an
``INSERT ... ON CONFLICT DO NOTHING``: a second run, an overlapping range or a
second workstation generating at the same moment finds the pair taken (on
PostgreSQL it waits for the first claimer's commit) and moves on.  Every run
walks its pairs in the same order, so two runs cannot deadlock.

A refused order (credit, a blocked customer, a product no longer sold) is not
dropped: its occurrence is kept as "refused" with the reason, and appears in
the clerk's list until a clerk places it (``retry``, where a manager may
override the credit limit) or dismisses it.

Editing a standing order changes only dates not generated yet: a generated
order is an ordinary order with its own copy of the lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, bindparam, func, select
from sqlalchemy import update as sql_update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.db import unit_of_work
from core.errors import DomainError, NotFound, PermissionDenied, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer, Order, StandingOccurrence, StandingOrder, StandingOrderLine
from core.models import StandingSkip
from core.models.base import utcnow
from core.schedule import SCHEDULES, Rule
from core.search import contains_all, words
from core.services import audit, orders, settings
from core.services.actor import Actor
from core.services.products import catalog as products_catalog
from core.text import multi_line

DELIVERED = ("delivered", "partially_delivered")
BATCH = 500  # occurrences per transaction while generating
MAX_RANGE_DAYS = 366


@dataclass(frozen=True)
class StandingLineInput:
    product_id: int
    quantity: Decimal | str | int
    fixed_price: Decimal | str | None = None  # None or "": the price list's on the day


@dataclass(frozen=True)
class StandingInput:
    customer_id: int
    lines: tuple[StandingLineInput, ...]
    schedule: str
    start_date: date
    interval_days: int | None = None
    days: tuple[int, ...] = ()
    end_date: date | None = None
    time_slot: str = "any"
    notes: str = ""


@dataclass(frozen=True)
class StandingLineView:
    line_no: int
    product_id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    quantity: Decimal
    fixed_price: Decimal | None


@dataclass(frozen=True)
class StandingView:
    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    schedule: str
    interval_days: int | None
    days: tuple[int, ...]
    start_date: date
    end_date: date | None
    paused_from: date | None
    paused_until: date | None
    time_slot: str
    notes: str
    active: bool
    version: int
    lines: tuple[StandingLineView, ...]
    skips: tuple[date, ...]
    last_generated: date | None  # the latest date an order was made for
    last_delivery: date | None  # the latest of those orders delivered
    next_dates: tuple[date, ...]  # the coming dates not generated yet

    @property
    def rule(self) -> Rule:
        return Rule(self.schedule, self.start_date, self.interval_days, frozenset(self.days),
                    self.end_date, self.paused_from, self.paused_until, frozenset(self.skips))


@dataclass(frozen=True)
class CalendarEntry:
    day: date
    kind: str  # "standing": to be generated; "order": an order (one-time or generated)
    standing_id: int | None
    order_id: int | None
    number: str | None
    status: str | None
    summary: str  # the lines, e.g. "LPG-20 ×2"


@dataclass(frozen=True)
class GenerateResult:
    created: int
    refused: int
    already: int  # pairs generated before (or by another workstation meanwhile)
    cancelled: bool = False


@dataclass(frozen=True)
class RefusalView:
    occurrence_id: int
    standing_id: int
    customer_id: int
    customer_code: str
    customer_name: str
    day: date
    amount: Decimal | None
    reason: DomainError
    at: datetime


# --- the reason of a refusal, kept so that it is shown in the reader's language -----------

def error_to_json(error: DomainError) -> str:
    def plain(e: DomainError) -> dict:
        return {"template": e.template, "params": {
            k: plain(v) if isinstance(v, DomainError) else str(v) for k, v in e.params.items()}}
    return json.dumps(plain(error), ensure_ascii=False)


def error_from_json(text: str) -> DomainError:
    def build(d: dict) -> DomainError:
        return DomainError(d["template"], **{
            k: build(v) if isinstance(v, dict) else v for k, v in d["params"].items()})
    return build(json.loads(text))


# --- reading ------------------------------------------------------------------------------

def _rule(so: StandingOrder) -> Rule:
    return Rule(so.schedule, so.start_date, so.interval_days, frozenset(_days(so.days)),
                so.end_date, so.paused_from, so.paused_until, frozenset(x.day for x in so.skips))


def _days(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def _views(s: Session, rows: list[StandingOrder], today: date | None = None
           ) -> list[StandingView]:
    if not rows:
        return []
    today = today or date.today()
    ids = [so.id for so in rows]
    generated = dict(s.execute(
        select(StandingOccurrence.standing_order_id, func.max(StandingOccurrence.day))
        .where(StandingOccurrence.standing_order_id.in_(ids),
               StandingOccurrence.outcome == "ordered")
        .group_by(StandingOccurrence.standing_order_id)).all())
    delivered = dict(s.execute(
        select(Order.standing_order_id, func.max(Order.delivery_date))
        .where(Order.standing_order_id.in_(ids), Order.status.in_(DELIVERED))
        .group_by(Order.standing_order_id)).all())
    taken: dict[int, set[date]] = {}
    for sid, day in s.execute(select(StandingOccurrence.standing_order_id, StandingOccurrence.day)
                              .where(StandingOccurrence.standing_order_id.in_(ids),
                                     StandingOccurrence.day >= today)):
        taken.setdefault(sid, set()).add(day)
    customers = {c.id: c for c in s.execute(select(Customer.id, Customer.code, Customer.name)
                                            .where(Customer.id.in_({so.customer_id
                                                                    for so in rows})))}
    products = products_catalog(s)
    out = []
    for so in rows:
        done = taken.get(so.id, set())
        coming = [d for d in _rule(so).next_dates(today, 5 + len(done)) if d not in done][:5] \
            if so.active else []
        c = customers[so.customer_id]
        out.append(StandingView(
            so.id, so.customer_id, c.code, c.name, so.schedule, so.interval_days, _days(so.days),
            so.start_date, so.end_date, so.paused_from, so.paused_until, so.time_slot, so.notes,
            so.active, so.version,
            tuple(StandingLineView(x.line_no, x.product_id, products[x.product_id].sku,
                                   products[x.product_id].name_zh,
                                   products[x.product_id].name_en, products[x.product_id].unit,
                                   x.quantity, x.fixed_price) for x in so.lines),
            tuple(x.day for x in so.skips), generated.get(so.id), delivered.get(so.id),
            tuple(coming)))
    return out


def get(engine: Engine, standing_id: int) -> StandingView:
    with unit_of_work(engine, write=False) as s:
        so = s.get(StandingOrder, standing_id)
        if so is None:
            raise NotFound()
        return _views(s, [so])[0]


def list_standing(engine: Engine, *, customer_id: int | None = None, text: str = "",
                  include_inactive: bool = False, limit: int = 500) -> list[StandingView]:
    """Standing orders, newest customers' first; each word of ``text`` is in the customer's
    code or name (``words``)."""
    with unit_of_work(engine, write=False) as s:
        q = select(StandingOrder).join(Customer, Customer.id == StandingOrder.customer_id)
        if customer_id is not None:
            q = q.where(StandingOrder.customer_id == customer_id)
        if not include_inactive:
            q = q.where(StandingOrder.active.is_(True))
        terms = words(text)
        if terms:
            q = q.where(contains_all(terms, Customer.code, Customer.name))
        rows = s.scalars(q.order_by(Customer.code, StandingOrder.id).limit(limit)).all()
        return _views(s, list(rows))


def _summary(lines, products) -> str:
    return ", ".join(f"{products[x.product_id].sku} ×{x.quantity.normalize():f}" for x in lines)


def calendar(engine: Engine, *, customer_id: int, start: date, end: date) -> list[CalendarEntry]:
    """The customer's deliveries from ``start`` through ``end``: orders (one-time and
    generated, not cancelled) and the standing orders' dates not generated yet."""
    with unit_of_work(engine, write=False) as s:
        products = products_catalog(s)
        out = [CalendarEntry(o.delivery_date, "order", o.standing_order_id, o.id, o.number,
                             o.status, _summary(o.lines, products))
               for o in s.scalars(select(Order).where(
                   Order.customer_id == customer_id, Order.status != "cancelled",
                   Order.delivery_date.between(start, end)))]
        for so in s.scalars(select(StandingOrder).where(StandingOrder.customer_id == customer_id,
                                                        StandingOrder.active.is_(True))):
            done = set(s.scalars(select(StandingOccurrence.day).where(
                StandingOccurrence.standing_order_id == so.id,
                StandingOccurrence.day.between(start, end))))
            out.extend(CalendarEntry(d, "standing", so.id, None, None, None,
                                     _summary(so.lines, products))
                       for d in _rule(so).dates(start, end) if d not in done)
        return sorted(out, key=lambda e: (e.day, e.kind != "order", e.number or ""))


# --- saving -------------------------------------------------------------------------------

def _require(actor: Actor) -> None:
    actor.require("clerk")


def _check(s: Session, actor: Actor, data: StandingInput) -> dict:
    """The checked columns and lines of a standing order; a ValidationError lists every
    bad field."""
    errors: dict[str, DomainError] = {}
    if s.get(Customer, data.customer_id) is None:
        raise ValidationError({"customer": DomainError(QT_TRANSLATE_NOOP(
            "core", "Find the customer first."))})
    customer = orders.active_customer(s, data.customer_id)
    if data.schedule not in SCHEDULES:
        errors["schedule"] = DomainError(QT_TRANSLATE_NOOP("core", "Choose a schedule."))
    days = tuple(sorted(set(data.days)))
    interval = None
    if data.schedule == "every":
        interval = data.interval_days
        if interval is None or not 1 <= interval <= 365:
            errors["interval_days"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Deliver every 1 to 365 days."))
        days = ()
    elif data.schedule == "weekdays" and (not days or not set(days) <= set(range(1, 8))):
        errors["days"] = DomainError(QT_TRANSLATE_NOOP("core", "Choose at least one weekday."))
    elif data.schedule == "monthdays" and (not days or not set(days) <= set(range(1, 32))):
        errors["days"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose at least one day of the month (1 to 31)."))
    if data.end_date is not None and data.end_date < data.start_date:
        errors["end_date"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The end date is before the start date."))
    if data.time_slot not in orders.TIME_SLOTS:
        errors["time_slot"] = DomainError(QT_TRANSLATE_NOOP("core", "Unknown time slot."))
    elif (outside := orders.slot_error(customer, data.time_slot)) is not None:
        errors["time_slot"] = outside
    lines = []
    try:
        # The lines are checked as an order's on the start date would be: products,
        # quantities, and a fixed price within the clerk's tolerance (managers: any).
        company = settings.read(s)
        order_lines = tuple(orders.LineInput(x.product_id, x.quantity, x.fixed_price)
                            for x in data.lines)
        checked, _ = orders.build_lines(
            s, actor, company, customer.id,
            orders.OrderInput(customer_id=customer.id, lines=order_lines),
            max(data.start_date, date.today()))
        lines = [StandingOrderLine(line_no=x["line_no"], product_id=x["product_id"],
                                   quantity=x["quantity"],
                                   fixed_price=x["unit_price"] if data.lines[i].fixed_price
                                   not in (None, "") else None)
                 for i, x in enumerate(checked)]
    except ValidationError as exc:
        errors.update(exc.field_errors or {"lines": exc})
    if errors:
        raise ValidationError(errors)
    return {"customer_id": customer.id, "schedule": data.schedule, "interval_days": interval,
            "days": ",".join(str(d) for d in days), "start_date": data.start_date,
            "end_date": data.end_date, "time_slot": data.time_slot,
            "notes": multi_line(data.notes), "lines": lines}


def _snapshot(so: StandingOrder) -> dict:
    return {"schedule": so.schedule, "interval_days": so.interval_days, "days": so.days,
            "start_date": so.start_date, "end_date": so.end_date,
            "paused_from": so.paused_from, "paused_until": so.paused_until,
            "time_slot": so.time_slot, "notes": so.notes, "active": so.active,
            "lines": [f"{x.product_id}×{x.quantity.normalize():f}"
                      + (f"@{x.fixed_price.normalize():f}" if x.fixed_price is not None else "")
                      for x in so.lines],
            "skips": [str(x.day) for x in so.skips]}


def _customer_name(s: Session, so: StandingOrder) -> str:
    return s.scalar(select(Customer.name).where(Customer.id == so.customer_id)) or ""


def create(engine: Engine, actor: Actor, data: StandingInput) -> StandingView:
    with unit_of_work(engine) as s:
        return _views(s, [create_in(s, actor, data)])[0]


def create_in(s: Session, actor: Actor, data: StandingInput) -> StandingOrder:
    """``create`` inside the caller's transaction (the demo makes many at once)."""
    _require(actor)
    values = _check(s, actor, data)
    now = utcnow()
    so = StandingOrder(**values, created_by=actor.username, created_at=now, updated_at=now)
    s.add(so)
    s.flush()
    audit.record(s, actor, "standing_order", so.id, "created",
                 audit.diff({}, _snapshot(so)), summary=_customer_name(s, so))
    return so


def _change(engine: Engine, actor: Actor, standing_id: int, version: int,
            apply: Callable[[Session, StandingOrder], None], action: str = "updated"
            ) -> StandingView:
    _require(actor)
    try:
        with unit_of_work(engine) as s:
            so = s.get(StandingOrder, standing_id)
            if so is None:
                raise NotFound()
            if so.version != version:
                raise StaleRecord()
            before = _snapshot(so)
            apply(s, so)
            so.updated_at = utcnow()
            s.flush()
            s.refresh(so, ["skips"])
            changes = audit.diff(before, _snapshot(so))
            if changes:
                audit.record(s, actor, "standing_order", so.id, action, changes,
                             summary=_customer_name(s, so))
            return _views(s, [so])[0]
    except StaleDataError:
        raise StaleRecord() from None


def update(engine: Engine, actor: Actor, *, standing_id: int, version: int,
           data: StandingInput) -> StandingView:
    """Change a standing order; orders already generated keep their own lines."""
    def apply(s: Session, so: StandingOrder) -> None:
        if not so.active:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "This standing order has ended and can no longer be changed."))
        values = _check(s, actor, data)
        if values["customer_id"] != so.customer_id:
            raise ValidationError({"customer": DomainError(QT_TRANSLATE_NOOP(
                "core", "A standing order's customer cannot change; end it and make a new one."
            ))})
        new_lines = values.pop("lines")
        for key, value in values.items():
            setattr(so, key, value)
        by_no = {x.line_no: x for x in so.lines}
        for line in new_lines:
            old = by_no.get(line.line_no)
            if old is None:
                so.lines.append(line)
            else:
                old.product_id, old.quantity, old.fixed_price = (
                    line.product_id, line.quantity, line.fixed_price)
        so.lines = [x for x in so.lines if x.line_no <= len(new_lines)]
    return _change(engine, actor, standing_id, version, apply)


def pause(engine: Engine, actor: Actor, *, standing_id: int, version: int, start: date,
          end: date | None = None) -> StandingView:
    """No deliveries from ``start`` through ``end`` (none: until resumed)."""
    if end is not None and end < start:
        raise ValidationError({"paused_until": DomainError(QT_TRANSLATE_NOOP(
            "core", "The pause ends before it starts."))})

    def apply(_s: Session, so: StandingOrder) -> None:
        so.paused_from, so.paused_until = start, end
    return _change(engine, actor, standing_id, version, apply, "paused")


def resume(engine: Engine, actor: Actor, *, standing_id: int, version: int) -> StandingView:
    def apply(_s: Session, so: StandingOrder) -> None:
        so.paused_from = so.paused_until = None
    return _change(engine, actor, standing_id, version, apply, "resumed")


def skip(engine: Engine, actor: Actor, *, standing_id: int, version: int, day: date
         ) -> StandingView:
    """Leave one scheduled date out."""
    def apply(s: Session, so: StandingOrder) -> None:
        if day not in _rule(so).dates(day, day):
            raise ValidationError({"day": DomainError(QT_TRANSLATE_NOOP(
                "core", "{day} is not a delivery date of this standing order."),
                day=day.isoformat())})
        if s.scalar(select(StandingOccurrence.id).where(
                StandingOccurrence.standing_order_id == so.id, StandingOccurrence.day == day)):
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "The order for {day} was generated already; cancel that order instead."),
                day=day.isoformat())
        so.skips.append(StandingSkip(day=day))
    return _change(engine, actor, standing_id, version, apply, "skipped")


def unskip(engine: Engine, actor: Actor, *, standing_id: int, version: int, day: date
           ) -> StandingView:
    def apply(_s: Session, so: StandingOrder) -> None:
        so.skips = [x for x in so.skips if x.day != day]
    return _change(engine, actor, standing_id, version, apply, "unskipped")


def end(engine: Engine, actor: Actor, *, standing_id: int, version: int) -> StandingView:
    """End a standing order (it is kept, with the orders it made, but generates no more)."""
    def apply(_s: Session, so: StandingOrder) -> None:
        so.active = False
    return _change(engine, actor, standing_id, version, apply, "ended")


# --- generating ---------------------------------------------------------------------------

def _due(s: Session, start: date, end: date) -> tuple[list[tuple[date, int]], int]:
    """Every (date, standing order id) due in the range and not generated yet, in the one
    order every run walks them (by date, then standing order); and how many due pairs
    were generated before."""
    rows = s.scalars(select(StandingOrder).where(
        StandingOrder.active.is_(True), StandingOrder.start_date <= end,
        (StandingOrder.end_date.is_(None)) | (StandingOrder.end_date >= start))).all()
    done = {(sid, day) for sid, day in s.execute(
        select(StandingOccurrence.standing_order_id, StandingOccurrence.day)
        .where(StandingOccurrence.day.between(start, end)))}
    every = [(d, so.id) for so in rows for d in _rule(so).dates(start, end)]
    due = sorted(p for p in every if (p[1], p[0]) not in done)
    return due, len(every) - len(due)


def _claim(s: Session, pairs: list[tuple[date, int]], actor: Actor, now: datetime
           ) -> dict[tuple[date, int], int]:
    """Claim the (date, standing order) pairs not claimed before: their occurrence ids."""
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    claimed = s.execute(insert(StandingOccurrence).values([
        {"standing_order_id": sid, "day": day, "outcome": "ordered", "reason": "",
         "created_by": actor.username, "created_at": now} for day, sid in pairs])
        .on_conflict_do_nothing(index_elements=["standing_order_id", "day"])
        .returning(StandingOccurrence.id, StandingOccurrence.standing_order_id,
                   StandingOccurrence.day))
    return {(day, sid): oid for oid, sid, day in claimed}


def _order_input(so: StandingOrder, day: date) -> orders.OrderInput:
    return orders.OrderInput(
        customer_id=so.customer_id, delivery_date=day, time_slot=so.time_slot, notes=so.notes,
        lines=tuple(orders.LineInput(x.product_id, x.quantity, x.fixed_price) for x in so.lines))


def _generate_batch(s: Session, actor: Actor, pairs: list[tuple[date, int]],
                    at: datetime | None) -> dict[str, int]:
    """Claim and place one batch of (date, standing order) pairs, all of one date."""
    claimed = _claim(s, pairs, actor, utcnow())
    loaded = {so.id: so for so in s.scalars(select(StandingOrder).where(
        StandingOrder.id.in_({sid for _, sid in claimed})))}
    todo = [(day, sid) for day, sid in pairs if (day, sid) in claimed]
    outcomes = orders.place_many_in(
        s, actor, [(_order_input(loaded[sid], day), (sid, day)) for day, sid in todo], at=at)
    made = [{"oid": claimed[p], "order": r} for p, r in zip(todo, outcomes)
            if not isinstance(r, DomainError)]
    refused = [{"oid": claimed[p], "reason": error_to_json(r),
                "amount": r.figures.amount if isinstance(r, orders.CreditRefused) else None}
               for p, r in zip(todo, outcomes) if isinstance(r, DomainError)]
    table = StandingOccurrence.__table__
    if made:
        s.execute(sql_update(table).where(table.c.id == bindparam("oid"))
                  .values(order_id=bindparam("order")), made)
    if refused:
        s.execute(sql_update(table).where(table.c.id == bindparam("oid"))
                  .values(outcome="refused", reason=bindparam("reason"),
                          amount=bindparam("amount")), refused)
    return {"created": len(made), "refused": len(refused), "already": len(pairs) - len(todo)}


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise ValidationError({"end": DomainError(QT_TRANSLATE_NOOP(
            "core", "The range ends before it starts."))})
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ValidationError({"end": DomainError(QT_TRANSLATE_NOOP(
            "core", "Generate at most a year at a time."))})


def generate(engine: Engine, actor: Actor, *, start: date, end: date,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> GenerateResult:
    """Make the orders of every standing order due from ``start`` through ``end``.

    Idempotent: a (standing order, date) already generated, here or on another
    workstation, is left alone.  ``cancelled`` is asked between transactions; what
    was written stays valid.
    """
    if not (actor.can("clerk") or actor.can("dispatcher")):
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "core", "Generating orders needs the clerk or dispatcher role."))
    _check_range(start, end)
    if start <= date.today():
        raise ValidationError({"start": DomainError(QT_TRANSLATE_NOOP(
            "core", "Orders are generated for tomorrow or later, not for {day}."),
            day=start.isoformat())})
    return generate_unchecked(engine, actor, start, end, progress=progress, cancelled=cancelled)


def generate_unchecked(engine: Engine, actor: Actor, start: date, end: date, *,
                       progress=None, cancelled=None,
                       taken_at: Callable[[date], datetime] | None = None) -> GenerateResult:
    """``generate`` without its checks; ``taken_at(day)`` backdates each order (the demo's
    history)."""
    with unit_of_work(engine, write=False) as s:
        ids, before = _due(s, start, end)
    counts = {"created": 0, "refused": 0, "already": before}
    batches = [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)]
    # A batch holds one date (the demo backdates each date's orders to its eve).
    batches = [[p for p in b if p[0] == day] for b in batches for day in sorted({p[0] for p in b})]
    stopped, done = False, 0
    for batch in batches:
        if cancelled is not None and cancelled():
            stopped = True
            break
        with unit_of_work(engine) as s:
            for key, n in _generate_batch(s, actor, batch,
                                          taken_at(batch[0][0]) if taken_at else None).items():
                counts[key] += n
        done += len(batch)
        if progress is not None:
            progress(done, len(ids))
    return GenerateResult(counts["created"], counts["refused"], counts["already"], stopped)


# --- the clerk's list of refusals ---------------------------------------------------------

def refusals(engine: Engine, *, limit: int = 1000) -> list[RefusalView]:
    """Generated orders that were refused and not yet placed or dismissed, oldest first."""
    with unit_of_work(engine, write=False) as s:
        rows = s.execute(
            select(StandingOccurrence, StandingOrder.customer_id, Customer.code, Customer.name)
            .join(StandingOrder, StandingOrder.id == StandingOccurrence.standing_order_id)
            .join(Customer, Customer.id == StandingOrder.customer_id)
            .where(StandingOccurrence.outcome == "refused")
            .order_by(StandingOccurrence.day, StandingOccurrence.id).limit(limit)).all()
        return [RefusalView(o.id, o.standing_order_id, cid, code, name, o.day, o.amount,
                            error_from_json(o.reason), o.created_at)
                for o, cid, code, name in rows]


def _refused(s: Session, occurrence_id: int) -> StandingOccurrence:
    o = s.get(StandingOccurrence, occurrence_id)
    if o is None:
        raise NotFound()
    if o.outcome != "refused":
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "This refusal was dealt with already (placed or dismissed)."))
    return o


def retry(engine: Engine, actor: Actor, *, occurrence_id: int,
          override: orders.OverrideRequest | None = None, payment: str | None = None,
          delivery_date: date | None = None) -> orders.OrderView:
    """Place a refused standing order's order now, through the credit check again.

    ``override``: a manager's approval over the limit; ``payment="cash"``: take it as
    cash on delivery instead; ``delivery_date``: another date (default: the scheduled
    one, or the next working day if that has passed).
    """
    approval = orders.approve_override(engine, actor, override) if override else None
    with unit_of_work(engine) as s:
        return retry_in(s, actor, occurrence_id=occurrence_id, approval=approval,
                        payment=payment, delivery_date=delivery_date)


def retry_in(s: Session, actor: Actor, *, occurrence_id: int,
             approval: tuple[Actor, str] | None = None, payment: str | None = None,
             delivery_date: date | None = None, at: datetime | None = None
             ) -> orders.OrderView:
    """``retry`` inside the caller's transaction; ``at`` backdates it (the demo's history)."""
    actor.require("clerk")
    o = _refused(s, occurrence_id)
    so = s.get(StandingOrder, o.standing_order_id)
    today = (at or utcnow()).astimezone().date()
    day = delivery_date or (o.day if o.day > today
                            else settings.read(s).next_working_day(today))
    data = replace(_order_input(so, day), payment=payment)
    view = orders.place_in(s, actor, data, approval=approval, standing=(so.id, o.day), at=at)
    o.outcome, o.order_id = "ordered", view.id
    o.resolved_by, o.resolved_at = actor.username, at or utcnow()
    audit.record(s, actor, "standing_order", so.id, "placed",
                 {"day": [None, str(o.day)], "order": [None, view.number]},
                 summary=view.customer_name)
    return view


def dismiss(engine: Engine, actor: Actor, *, occurrence_id: int) -> None:
    """Let a refused standing order's date go without an order."""
    actor.require("clerk")
    with unit_of_work(engine) as s:
        o = _refused(s, occurrence_id)
        o.outcome, o.resolved_by, o.resolved_at = "dismissed", actor.username, utcnow()
        audit.record(s, actor, "standing_order", o.standing_order_id, "dismissed",
                     {"day": [None, str(o.day)]})


def next_generation_range(engine: Engine) -> tuple[date, date]:
    """The dispatcher's usual range: tomorrow through the next working day."""
    with unit_of_work(engine, write=False) as s:
        company = settings.read(s)
    tomorrow = date.today() + timedelta(days=1)
    return tomorrow, max(tomorrow, company.next_working_day(date.today()))
