"""Delivery confirmation: what happened at each stop, entered when the trucks return
(or by phone during the day).

Confirming an order delivered, partially delivered or failed, in one transaction:
the order takes that state (a cancelled order never can), its credit hold is
released, an order on account adds what was actually delivered to the customer's
ledger and balance, and cylinders move (full ones out, empties back) per customer
and size.  Confirming twice has one effect: each dialog submits a request key
(UNIQUE), and an order has one standing delivery (a partial UNIQUE index), so a
repeated or concurrent confirmation returns the first one or is refused.  A
manager may undo a confirmation: the row stays, marked undone, and reverse
ledger and cylinder rows are written (ledger rows are never changed).

A cash order delivered (in part or in full) is a sale: ``cash_sales.issue_in`` writes
its numbered document and ledger rows in the same transaction; the cash the driver
takes is at most the sale's total (money beyond it, or any money at a stop on account,
is a payment taken at the stop).  Undoing voids the sale.  A stop of a route whose
cash-up is settled changes only after a manager reopens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload

from core import chain, requests, rules, workflow
from core.db import unit_of_work
from core.errors import DomainError, NotFound, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Customer, CylinderBalance, CylinderMovement, Delivery, DeliveryLine,
                         Invoice, InvoiceLine, LedgerEntry, Order, Product)
from core.models.base import utcnow
from core.money import format_money, parse_amount
from core.services import audit, cash_sales, cashup, deposits, orders, settings, stock
from core.services.actor import Actor
from core.text import multi_line

OUTCOMES = workflow.DELIVERY_OUTCOMES


@dataclass(frozen=True)
class LineResult:
    order_line_id: int
    quantity: Decimal | str | int  # delivered
    empties: int | str = 0  # empty cylinders collected


@dataclass(frozen=True)
class DeliveryInput:
    order_id: int
    request_key: str  # one per submitted dialog
    outcome: str  # delivered | partially_delivered | failed
    lines: tuple[LineResult, ...] = ()  # none for "delivered": everything as ordered
    cash_collected: Decimal | str = Decimal(0)
    reason: str = ""  # required when failed or partial


@dataclass(frozen=True)
class DeliveryView:
    id: int
    order_id: int
    order_number: str
    outcome: str
    amount: Decimal
    cash_collected: Decimal
    reason: str
    confirmed_by: str
    confirmed_at: datetime
    undone: bool
    lines: tuple[tuple[int, Decimal, int], ...]  # order line id, delivered, empties


def _view(s: Session, d: Delivery) -> DeliveryView:
    number = s.scalar(select(Order.number).where(Order.id == d.order_id))
    return DeliveryView(d.id, d.order_id, number, d.outcome, d.amount, d.cash_collected,
                        d.reason, d.confirmed_by, d.confirmed_at, d.undone_at is not None,
                        tuple((x.order_line_id, x.quantity, x.empties) for x in d.lines))


def for_order(engine: Engine, order_id: int) -> DeliveryView | None:
    """The order's standing delivery, if it was confirmed."""
    with unit_of_work(engine, write=False) as s:
        d = s.scalars(select(Delivery).where(Delivery.order_id == order_id,
                                             Delivery.undone_at.is_(None))).first()
        return _view(s, d) if d else None


def _lock_order(s: Session, order_id: int) -> Order:
    order = s.scalars(select(Order).where(Order.id == order_id)
                      .with_for_update()).first()  # SQLite: BEGIN IMMEDIATE already
    if order is None:
        raise NotFound()
    return order


_HELD = CylinderBalance.__table__
_ADD_HELD = {  # the statement a confirmation runs per cylinder size, built once per dialect
    name: (lambda stmt: stmt.on_conflict_do_update(
        index_elements=["customer_id", "product_id"],
        set_={"held": _HELD.c.held + stmt.excluded.held}))(insert_(_HELD))
    for name, insert_ in (("postgresql", pg_insert), ("sqlite", sqlite_insert))}
_INSERT_MOVEMENT = insert(CylinderMovement.__table__)


def _products(s: Session, order: Order) -> dict[int, Product]:
    """The order's products, without their price history (a confirmation needs units)."""
    return {p.id: p for p in s.scalars(
        select(Product).options(lazyload(Product.prices))
        .where(Product.id.in_({x.product_id for x in order.lines})))}


def _ledger(s: Session, actor: Actor, customer_id: int, kind: str, amount: Decimal, *,
            delivery_id: int, order_id: int, business_date: date,
            at: datetime | None = None) -> None:
    s.execute(update(Customer).where(Customer.id == customer_id)
              .values(balance=Customer.balance + amount)
              .execution_options(synchronize_session=False))
    chain.ledger(s, [dict(customer_id=customer_id, kind=kind, amount=amount,
                          delivery_id=delivery_id, order_id=order_id, created_by=actor.username,
                          at=at or utcnow(), business_date=business_date)])


def confirm(engine: Engine, actor: Actor, data: DeliveryInput) -> DeliveryView:
    """Record what happened at the stop; returns the delivery (the first one, when the
    same request is submitted again; the same key with another confirmation is refused,
    ``requests.KeyReused``)."""
    if not actor.can("dispatcher"):
        actor.require("clerk")
    try:
        with unit_of_work(engine) as s:
            return confirm_in(s, actor, data)
    except IntegrityError:
        with unit_of_work(engine, write=False) as s:
            d = requests.earlier(s, Delivery, data.request_key, _fingerprint(data))
            if d is not None:
                return _view(s, d)
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "This delivery was confirmed already (on another workstation)."))


def _fingerprint(data: DeliveryInput) -> str:
    return requests.fingerprint("delivery", order=data.order_id, outcome=data.outcome,
                                lines=data.lines, cash_collected=data.cash_collected,
                                reason=data.reason)


def confirm_in(s: Session, actor: Actor, data: DeliveryInput, *, at: datetime | None = None
               ) -> DeliveryView:
    """``confirm`` inside the caller's transaction; ``at`` backdates it (the demo's history)."""
    at = at or utcnow()
    order = _lock_order(s, data.order_id)  # a second confirmation waits here for the first
    fingerprint = _fingerprint(data)
    done = requests.earlier(s, Delivery, data.request_key, fingerprint)
    if done is not None:
        return _view(s, done)
    cashup.refuse_if_settled(s, order_id=order.id)
    if data.outcome not in OUTCOMES:
        raise ValidationError({"outcome": DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose delivered, partially delivered or failed."))})
    if order.status in OUTCOMES:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Order {number} was confirmed {status} already; a manager can undo that."),
            number=order.number, status=orders.STATUS_NAMES[order.status])
    orders.check_transition(order, data.outcome)
    company = settings.read(s)
    currency = company.currency
    reason = multi_line(data.reason)
    given = {x.order_line_id: x for x in data.lines}
    errors: dict[str, DomainError] = {}
    unknown = set(given) - {x.id for x in order.lines}
    if unknown:
        errors["lines"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "A line does not belong to order {number}."), number=order.number)
    products = _products(s, order)
    rows = []
    for n, line in enumerate(order.lines, start=1):
        result = given.get(line.id)
        if data.outcome == "failed":
            quantity, empties = Decimal(0), _empties(result.empties) if result else 0
        elif result is None:
            quantity, empties = line.quantity, 0
        else:
            try:
                quantity = orders.parse_quantity(result.quantity, products[line.product_id].unit) \
                    if str(result.quantity).strip() not in ("0", "0.0", "") else Decimal(0)
            except ValidationError as exc:
                errors[f"line{n}.quantity"] = next(iter(exc.field_errors.values()))
                continue
            empties = _empties(result.empties)
            if quantity > line.quantity:
                errors[f"line{n}.quantity"] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "Line {line}: more was delivered than ordered ({ordered})."),
                    line=n, ordered=f"{line.quantity.normalize():f}")
        if empties < 0 or empties > 10_000:
            errors[f"line{n}.empties"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Line {line}: the empties are a whole number from 0."), line=n)
        priced = rules.price(quantity, line.unit_price, line.tax_rate, currency)
        rows.append((line, quantity, empties, priced.amount, priced.tax))
    short = any(q < line.quantity for line, q, *_ in rows)
    if data.outcome == "delivered" and short:
        errors["outcome"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Less than ordered was delivered: choose partially delivered."))
    if data.outcome == "partially_delivered" and (not short or all(q == 0 for _, q, *_ in rows)):
        errors["outcome"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "A partial delivery delivers some, but not all, of the order."))
    if data.outcome != "delivered" and not reason:
        errors["reason"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the reason (e.g. nobody at home, customer refused)."))
    try:
        cash = parse_amount(data.cash_collected or 0, currency, field="cash_collected")
    except ValidationError as exc:
        errors.update(exc.field_errors)
        cash = Decimal(0)
    due = rules.sale_total((rules.Priced(a, t, line.tax_rate) for line, _q, _e, a, t in rows),
                           company.tax_rounding, currency)
    if cash and order.payment != "cash":
        errors["cash_collected"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Order {number} is on account: take money at the stop as a payment "
            "(Collect payment), not as the delivery's cash."), number=order.number)
    elif cash > due:
        errors["cash_collected"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The sale comes to {due}: more cash than that is a payment at the stop "
            "(Collect payment)."), due=format_money(due, currency))
    if errors:
        raise ValidationError(errors)
    total = rules.totals(rules.Priced(a, t) for *_, a, t in rows).total
    d = Delivery(order_id=order.id, request_key=data.request_key, request_hash=fingerprint,
                 outcome=data.outcome, reason=reason, amount=total, cash_collected=cash,
                 confirmed_by=actor.username, confirmed_at=at,
                 lines=[DeliveryLine(order_line_id=line.id, quantity=q, empties=e, amount=a,
                                     tax=t) for line, q, e, a, t in rows])
    s.add(d)
    s.flush()
    orders.hold_credit(s, actor, order.customer_id, -order.exposure, currency)
    if order.payment == "account" and total:
        _ledger(s, actor, order.customer_id, "delivery", total, delivery_id=d.id,
                order_id=order.id, business_date=order.delivery_date, at=at)
    _move_cylinders(s, actor, order, d, products, rows, sign=1, at=at)
    deposits.on_delivery_in(s, actor, order=order, delivery=d, products=products, rows=rows,
                            at=at)
    sale = None
    if order.payment == "cash" and total:
        sale = cash_sales.issue_in(s, actor, delivery=d, order=order, products=products,
                                   rounding=company.tax_rounding, currency=currency, at=at)
    order.exposure = Decimal(0)
    workflow.move(s, actor, workflow.ORDER, order, data.outcome, at=at, changes={
        "delivered": [None, audit.plain(total)],
        **({"cash": [None, audit.plain(cash)]} if cash else {}),
        **({"cash_sale": [None, sale.number]} if sale else {}),
        **({"reason": [None, reason]} if reason else {})},
        summary=lambda: s.scalar(select(Customer.name).where(Customer.id == order.customer_id)))
    return _view(s, d)


def _empties(typed: int | str) -> int:
    """The empties collected as typed: digits only ("" is none); -1 (refused) otherwise —
    a failed stop's "abc" raised ValueError, and int() took "1_0" for 10."""
    text = str(typed).strip()
    return int(text) if text.isdecimal() else 0 if not text else -1


def _move_cylinders(s: Session, actor: Actor, order: Order, d: Delivery, products, rows, *,
                    sign: int, at: datetime | None = None) -> None:
    """The customer's cylinders (``cylinder_movement``, ``cylinder_balance``) and the stock's
    (``stock.delivery_in``: from the route's truck to the customers on the delivery date)."""
    moved = [(line.product_id, int(quantity), empties) for line, quantity, empties, *_ in rows
             if products[line.product_id].unit == "cylinder" and (quantity or empties)]
    if not moved:
        return
    at = at or utcnow()
    customer_id = order.customer_id
    stock.delivery_in(s, actor, delivery_id=d.id, order_id=order.id, customer_id=customer_id,
                      day=order.delivery_date, moved=moved, undone=sign < 0, at=at)
    s.execute(_INSERT_MOVEMENT, [dict(customer_id=customer_id, product_id=pid, delivery_id=d.id,
                                      full_out=sign * full, empty_in=sign * empties, at=at)
                                 for pid, full, empties in moved])
    add = _ADD_HELD[s.get_bind().dialect.name]
    for pid, full, empties in moved:
        s.execute(add, {"customer_id": customer_id, "product_id": pid,
                        "held": sign * (full - empties)})


def undo(engine: Engine, actor: Actor, *, delivery_id: int, reason: str) -> orders.OrderView:
    """A manager takes back a confirmation: the order is scheduled again, its credit
    held again, and reverse ledger and cylinder rows are written."""
    actor.require("manager")
    reason = multi_line(reason)
    if not reason:
        raise ValidationError({"reason": DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the reason for undoing the confirmation."))})
    with unit_of_work(engine) as s:
        d = s.get(Delivery, delivery_id)
        if d is None:
            raise NotFound()
        order = _lock_order(s, d.order_id)
        if d.undone_at is not None:
            raise DomainError(QT_TRANSLATE_NOOP("core", "This confirmation was undone already."))
        invoiced = s.scalar(select(Invoice.number).join(InvoiceLine).join(
            DeliveryLine, DeliveryLine.id == InvoiceLine.delivery_line_id).where(
            DeliveryLine.delivery_id == d.id).limit(1))
        if invoiced:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "This delivery is billed on invoice {number}; correct it with a credit "
                "note instead."), number=invoiced)
        orders.check_transition(order, "scheduled")
        cashup.refuse_if_settled(s, order_id=order.id)
        d.undo_reason = reason
        voided = cash_sales.void_in(s, actor, d, reason)
        if order.payment == "account":
            orders.add_exposure(s, order.customer_id, order.total)
            order.exposure = order.total
            if d.amount:
                _ledger(s, actor, order.customer_id, "delivery_undone", -d.amount,
                        delivery_id=d.id, order_id=order.id, business_date=date.today())
        lines = {x.id: x for x in order.lines}
        products = _products(s, order)
        _move_cylinders(s, actor, order, d, products,
                        [(lines[x.order_line_id], x.quantity, x.empties) for x in d.lines],
                        sign=-1)
        deposits.undo_in(s, actor, order=order, delivery=d, products=products)
        workflow.move(s, actor, workflow.ORDER, order, "scheduled", action="delivery undone",
                      changes={"reason": [None, reason],
                               **({"cash_sale_void": [None, voided]} if voided else {})},
                      also=[workflow.Also(workflow.DELIVERY, d, "undone")])
        return orders.view_in(s, order)


def cylinders_held(engine: Engine, customer_id: int) -> dict[int, int]:
    """Cylinders the customer holds, per product (size)."""
    with unit_of_work(engine, write=False) as s:
        return dict(s.execute(select(CylinderBalance.product_id, CylinderBalance.held)
                              .where(CylinderBalance.customer_id == customer_id,
                                     CylinderBalance.held != 0)).all())


def ledger_sum(s: Session, customer_id: int) -> Decimal:
    return s.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0))
                    .where(LedgerEntry.customer_id == customer_id)) or Decimal(0)
