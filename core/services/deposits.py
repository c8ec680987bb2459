"""Deposits on cylinders (押瓶費): what a customer paid for the cylinders they hold.

The rule (``change``): after a delivery moves a size's cylinders, the customer should
have a deposit on every cylinder of that size they hold beyond what a manager lets them
hold without one (an exemption, a rental contract): max(0, held − without deposit).
What differs from the deposits they have is charged (+) or refunded (−) at the
product's deposit, on one receipt per delivery (押瓶單, DP-YYYY-NNNNNN without gaps)
paid as the order is paid: a cash order's at the door (the driver collects or pays it,
counted in the route's cash-up), an account order's on the customer's ledger (kind
``deposit``) and balance.  A size whose product has no deposit is left alone.

Undoing a delivery puts its cylinders back and applies the same rule to the sizes it
moved: the reversing receipt (kind ``undone``, naming the delivery's receipt) pays back
what the delivery charged, or takes back what it refunded.

A manager's exemption takes effect at the size's next delivery (money changes hands
only at the door or on a delivery's account): until then the customer's deposits may
differ from the rule, and ``db check`` notes it rather than failing.  Deposits are not
sales: no tax, no uniform invoice; they are a liability, per customer and in total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import Engine, bindparam, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from core import chain
from core.db import unit_of_work
from core.errors import DomainError, NotFound, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (AuditEntry, Customer, CylinderBalance, CylinderMovement, Delivery,
                         DepositExemption, DepositLine, DepositReceipt, DocumentCounter,
                         LedgerEntry, Order,
                         Product, RouteStop)
from core.models.base import utcnow
from core.services import audit, billing
from core.services.actor import Actor
from core.text import multi_line

ZERO = Decimal(0)
MAX_EXEMPT = 100_000


def change(held: int, on_deposit: int, without_deposit: int) -> int:
    """How many cylinders' deposits to charge (+) or refund (−) so that the customer has
    a deposit on each cylinder they hold beyond the exemption.  No database."""
    return max(0, held - without_deposit) - on_deposit


# --- views ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class HeldSize:
    """One size a customer holds (or held, or has deposits or an exemption for)."""

    product_id: int
    sku: str
    name_zh: str
    name_en: str
    held: int
    on_deposit: int
    without_deposit: int
    unit_deposit: Decimal  # the product's deposit now
    deposits: Decimal  # the deposits the customer has on this size (charged − refunded)
    exemption_reason: str  # the standing exemption's, when there is one
    exemption_by: str


@dataclass(frozen=True)
class ReceiptLine:
    product_id: int
    sku: str
    name_zh: str
    name_en: str
    count: int  # + taken on deposit, − returned
    unit_deposit: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Receipt:
    id: int
    number: str
    kind: str  # delivery | undone
    paid_by: str  # cash | account
    customer_id: int
    customer_code: str
    customer_name: str
    address: str
    language: str
    order_number: str
    delivery_id: int | None
    route_id: int | None
    reverses: str  # the number of the receipt an undone one reverses
    amount: Decimal  # + charged, − refunded
    business_date: date
    created_by: str
    at: datetime
    lines: tuple[ReceiptLine, ...]


@dataclass(frozen=True)
class CustomerLiability:
    customer_id: int
    code: str
    name: str
    cylinders: int  # on deposit
    amount: Decimal


@dataclass(frozen=True)
class Liability:
    at: date | None  # None: now
    customers: tuple[CustomerLiability, ...]  # by code, those with deposits
    cylinders: int
    total: Decimal


@dataclass(frozen=True)
class SizeNow:
    """A size with a deposit as a customer holds it now (what a preview starts from)."""

    product_id: int
    held: int
    on_deposit: int
    without_deposit: int
    unit_deposit: Decimal


@dataclass(frozen=True)
class PreviewLine:
    product_id: int
    count: int
    unit_deposit: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Preview:
    """What a delivery would charge (+) or refund (−) in deposits."""

    lines: tuple[PreviewLine, ...]
    amount: Decimal
    paid_by: str  # cash | account


# --- at a delivery ----------------------------------------------------------------------------

_BAL = CylinderBalance.__table__
_BALANCES = select(_BAL.c.product_id, _BAL.c.held, _BAL.c.on_deposit, _BAL.c.without_deposit) \
    .where(_BAL.c.customer_id == bindparam("customer"),
           _BAL.c.product_id.in_(bindparam("sizes", expanding=True)))
_SET_ON_DEPOSIT = update(_BAL).where(
    _BAL.c.customer_id == bindparam("customer"), _BAL.c.product_id == bindparam("size")
).values(on_deposit=bindparam("value"))
_ROUTE_OF = select(RouteStop.route_id).where(RouteStop.order_id == bindparam("order"))
_INSERT_RECEIPT = insert(DepositReceipt.__table__)
_INSERT_LINE = insert(DepositLine.__table__)


def _sizes(products: dict[int, Product], moved) -> list[int]:
    return sorted({pid for pid in moved
                   if products[pid].unit == "cylinder" and products[pid].deposit > 0})


def on_delivery_in(s: Session, actor: Actor, *, order: Order, delivery: Delivery,
                   products: dict[int, Product], rows, at: datetime) -> str | None:
    """The deposits of a confirmed delivery, in its transaction, after its cylinders moved
    (``rows``: (order line, delivered, empties, ...)).  Returns the receipt's number (None:
    nothing to charge or refund)."""
    sizes = _sizes(products, [line.product_id for line, quantity, empties, *_ in rows
                              if quantity or empties])
    if not sizes:
        return None
    return _settle(s, actor, customer_id=order.customer_id, sizes=sizes, products=products,
                   paid_by="cash" if order.payment == "cash" else "account", kind="delivery",
                   delivery_id=delivery.id, order_id=order.id, day=order.delivery_date, at=at)


def undo_in(s: Session, actor: Actor, *, order: Order, delivery: Delivery,
            products: dict[int, Product]) -> str | None:
    """The deposits of an undone delivery, in its transaction, after its cylinders moved
    back: the receipt reversing the delivery's (its number; None: nothing to reverse)."""
    lines = {x.id: x.product_id for x in order.lines}
    sizes = _sizes(products, [lines[x.order_line_id] for x in delivery.lines
                              if x.quantity or x.empties])
    if not sizes:
        return None
    original = s.execute(select(DepositReceipt.id, DepositReceipt.paid_by,
                                DepositReceipt.route_id)
                         .where(DepositReceipt.delivery_id == delivery.id,
                                DepositReceipt.kind == "delivery")
                         .order_by(DepositReceipt.id.desc()).limit(1)).first()
    at = utcnow()
    # At the deposit each size was charged (or refunded) at, not the product's deposit now:
    # a price changed meanwhile paid back more than was paid (and off the driver's cash).
    units = dict(s.execute(select(DepositLine.product_id, DepositLine.unit_deposit)
                           .where(DepositLine.receipt_id == original.id)).all()) \
        if original else {}
    return _settle(s, actor, customer_id=order.customer_id, sizes=sizes, products=products,
                   paid_by=original.paid_by if original else
                   ("cash" if order.payment == "cash" else "account"),
                   kind="undone", delivery_id=delivery.id, order_id=order.id,
                   day=at.astimezone().date(), at=at,
                   reverses=original.id if original else None,
                   route_id=original.route_id if original else None, units=units)


def _settle(s: Session, actor: Actor, *, customer_id: int, sizes: list[int],
            products: dict[int, Product], paid_by: str, kind: str, delivery_id: int,
            order_id: int, day: date, at: datetime, reverses: int | None = None,
            route_id: int | None = None, units: dict[int, Decimal] | None = None
            ) -> str | None:
    moves = [(pid, change(held, on, without), max(0, held - without))
             for pid, held, on, without in s.execute(_BALANCES, {"customer": customer_id,
                                                                 "sizes": sizes})]
    moves = [(pid, n, target) for pid, n, target in moves if n]
    if not moves:
        return None
    unit = {pid: (units or {}).get(pid, products[pid].deposit) for pid, _n, _t in moves}
    lines = [(pid, n, unit[pid], n * unit[pid]) for pid, n, _ in moves]
    amount = sum((a for *_, a in lines), ZERO)
    if route_id is None:  # the route whose cash-up counts it (an undone one: the delivery's)
        route_id = s.execute(_ROUTE_OF, {"order": order_id}).scalar()
    number = f"DP-{day.year}-{billing.next_number(s, 'DP', day.year):06d}"
    receipt_id = s.execute(_INSERT_RECEIPT, dict(
        number=number, kind=kind, paid_by=paid_by, customer_id=customer_id,
        delivery_id=delivery_id, route_id=route_id, reverses_id=reverses, amount=amount,
        business_date=day, created_by=actor.username, at=at)).inserted_primary_key[0]
    s.execute(_INSERT_LINE, [dict(receipt_id=receipt_id, customer_id=customer_id,
                                  product_id=pid, count=n, unit_deposit=unit, amount=a)
                             for pid, n, unit, a in lines])
    s.execute(_SET_ON_DEPOSIT, [{"customer": customer_id, "size": pid, "value": target}
                                for pid, _n, target in moves])
    if paid_by == "account" and amount:
        s.execute(update(Customer).where(Customer.id == customer_id)
                  .values(balance=Customer.balance + amount)
                  .execution_options(synchronize_session=False))
        chain.ledger(s, [dict(customer_id=customer_id, amount=amount, note=number,
                              kind="deposit" if kind == "delivery" else "deposit_undone",
                              deposit_receipt_id=receipt_id, created_by=actor.username,
                              at=at, business_date=day)])
    return number


def basis(engine: Engine, *, customer_id: int, product_ids: tuple[int, ...]
          ) -> tuple[SizeNow, ...]:
    """What a preview of a delivery of ``product_ids`` to the customer starts from: each of
    those sizes with a deposit, as the customer holds it now."""
    with unit_of_work(engine, write=False) as s:
        products = {p.id: p for p in s.scalars(select(Product).where(
            Product.id.in_(set(product_ids))))}
        sizes = _sizes(products, list(products))
        now = {pid: (held, on, without) for pid, held, on, without in s.execute(
            _BALANCES, {"customer": customer_id, "sizes": sizes})} if sizes else {}
        return tuple(SizeNow(pid, *now.get(pid, (0, 0, 0)), products[pid].deposit)
                     for pid in sizes)


def preview_of(sizes: tuple[SizeNow, ...], moves: tuple[tuple[int, int], ...],
               payment: str) -> Preview:
    """What a delivery moving ``moves`` (size, delivered − empties collected) would charge
    or refund, from ``sizes`` (``basis``), by the rule a confirmation applies.  No
    database: the confirmation dialog computes it as the user types."""
    net: dict[int, int] = {}
    for pid, n in moves:
        net[pid] = net.get(pid, 0) + int(n)
    lines = []
    for x in sizes:
        if x.product_id in net:
            n = change(x.held + net[x.product_id], x.on_deposit, x.without_deposit)
            if n:
                lines.append(PreviewLine(x.product_id, n, x.unit_deposit, n * x.unit_deposit))
    return Preview(tuple(lines), sum((x.amount for x in lines), ZERO),
                   "cash" if payment == "cash" else "account")


def preview(engine: Engine, *, customer_id: int, payment: str,
            moves: tuple[tuple[int, int], ...]) -> Preview:
    """``preview_of`` the customer's sizes now (another delivery saved meanwhile may
    change what the confirmation charges)."""
    return preview_of(basis(engine, customer_id=customer_id,
                            product_ids=tuple(pid for pid, _ in moves)), moves, payment)


# --- exemptions -----------------------------------------------------------------------------

def set_exemption(engine: Engine, actor: Actor, *, customer_id: int, product_id: int,
                  count: int | str, reason: str) -> tuple[HeldSize, ...]:
    """A manager lets the customer hold ``count`` cylinders of a size without deposit (a
    rental contract; 0 ends it), with the reason.  It takes effect at the size's next
    delivery.  Returns the customer's sizes (``held``)."""
    actor.require("manager")
    reason = multi_line(reason)
    errors: dict[str, DomainError] = {}
    try:
        text = str(count).strip()
        if not text.isdecimal():  # int() took "1_0" for 10
            raise ValueError
        n = int(text)
        if not 0 <= n <= MAX_EXEMPT:
            raise ValueError
    except ValueError:
        n = 0
        errors["count"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The cylinders held without deposit are a whole number from 0 to {most}."),
            most=MAX_EXEMPT)
    if not reason:
        errors["reason"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the reason (e.g. the rental contract's number)."))
    if errors:
        raise ValidationError(errors)
    with unit_of_work(engine) as s:
        c = s.get(Customer, customer_id)
        p = s.get(Product, product_id)
        if c is None or p is None:
            raise NotFound()
        if p.unit != "cylinder":
            raise ValidationError({"product": DomainError(QT_TRANSLATE_NOOP(
                "core", "{sku} is not sold in cylinders: choose a cylinder size."),
                sku=p.sku)})
        insert_ = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        stmt = insert_(_BAL).values(customer_id=customer_id, product_id=product_id, held=0,
                                    on_deposit=0, without_deposit=n)
        before = s.scalar(select(_BAL.c.without_deposit).where(
            _BAL.c.customer_id == customer_id, _BAL.c.product_id == product_id)
            .with_for_update())
        s.execute(stmt.on_conflict_do_update(index_elements=["customer_id", "product_id"],
                                             set_={"without_deposit": n}))
        s.add(DepositExemption(customer_id=customer_id, product_id=product_id, count=n,
                               reason=reason, created_by=actor.username, at=utcnow()))
        s.flush()
        audit.record(s, actor, "customer", c.code, "deposit exemption", {
            "product": [None, p.sku], "without_deposit": [before or 0, n],
            "reason": [None, reason]}, summary=c.name)
        return _held(s, customer_id)


# --- reading --------------------------------------------------------------------------------

def held(engine: Engine, customer_id: int) -> tuple[HeldSize, ...]:
    """Per size, the cylinders the customer holds, how many on deposit and without, and
    the deposits they have on it (by SKU)."""
    with unit_of_work(engine, write=False) as s:
        return _held(s, customer_id)


def _held(s: Session, customer_id: int) -> tuple[HeldSize, ...]:
    deposits = dict(s.execute(select(DepositLine.product_id, func.sum(DepositLine.amount))
                              .where(DepositLine.customer_id == customer_id)
                              .group_by(DepositLine.product_id)).all())
    newest = select(func.max(DepositExemption.id)).where(
        DepositExemption.customer_id == customer_id).group_by(DepositExemption.product_id)
    reasons = {pid: (reason, by) for pid, reason, by in s.execute(
        select(DepositExemption.product_id, DepositExemption.reason,
               DepositExemption.created_by).where(DepositExemption.id.in_(newest)))}
    out = []
    for b, p in s.execute(select(CylinderBalance, Product)
                          .join(Product, Product.id == CylinderBalance.product_id)
                          .where(CylinderBalance.customer_id == customer_id)
                          .order_by(Product.sku)):
        amount = _money(deposits.get(p.id))
        if not (b.held or b.on_deposit or b.without_deposit or amount):
            continue
        reason, by = reasons.get(p.id, ("", "")) if b.without_deposit else ("", "")
        out.append(HeldSize(p.id, p.sku, p.name_zh, p.name_en, b.held, b.on_deposit,
                            b.without_deposit, p.deposit, amount, reason, by))
    return tuple(out)


def _money(value) -> Decimal:
    """A sum of a Money column: its Decimal, or raw minor units where the type was lost."""
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(int(value)).scaleb(-2)


def liability(engine: Engine, at: date | None = None) -> Liability:
    """The deposits customers have (charged less refunded), per customer and in total, at
    the end of ``at`` (by the receipts' business dates; None: now)."""
    with unit_of_work(engine, write=False) as s:
        return liability_in(s, at)


def liability_in(s: Session, at: date | None = None) -> Liability:
    q = (select(DepositLine.customer_id, func.sum(DepositLine.count),
                func.sum(DepositLine.amount))
         .join(DepositReceipt, DepositReceipt.id == DepositLine.receipt_id)
         .group_by(DepositLine.customer_id))
    if at is not None:
        q = q.where(DepositReceipt.business_date <= at)
    sums = {cid: (int(n or 0), _money(a)) for cid, n, a in s.execute(q)}
    sums = {cid: v for cid, v in sums.items() if v != (0, ZERO)}
    people = {cid: (code, name) for cid, code, name in s.execute(
        select(Customer.id, Customer.code, Customer.name)
        .where(Customer.id.in_(list(sums))))} if sums else {}
    rows = tuple(sorted((CustomerLiability(cid, *people[cid], n, a)
                         for cid, (n, a) in sums.items()), key=lambda x: x.code))
    return Liability(at, rows, sum(x.cylinders for x in rows),
                     sum((x.amount for x in rows), ZERO))


def receipts(engine: Engine, customer_id: int | None = None, day: date | None = None,
             route_id: int | None = None, delivery_id: int | None = None
             ) -> tuple[Receipt, ...]:
    """Deposit receipts, newest first (at most 500): a customer's, a day's (by business
    date), a route's, a delivery's."""
    with unit_of_work(engine, write=False) as s:
        q = select(DepositReceipt).order_by(DepositReceipt.id.desc()).limit(500)
        if customer_id is not None:
            q = q.where(DepositReceipt.customer_id == customer_id)
        if day is not None:
            q = q.where(DepositReceipt.business_date == day)
        if route_id is not None:
            q = q.where(DepositReceipt.route_id == route_id)
        if delivery_id is not None:
            q = q.where(DepositReceipt.delivery_id == delivery_id)
        return tuple(_views(s, list(s.scalars(q))))


def receipt(engine: Engine, receipt_id: int) -> Receipt:
    with unit_of_work(engine, write=False) as s:
        return receipt_in(s, receipt_id)


def receipt_in(s: Session, receipt_id: int) -> Receipt:
    x = s.get(DepositReceipt, receipt_id)
    if x is None:
        raise NotFound()
    return _views(s, [x])[0]


def _views(s: Session, found: list[DepositReceipt]) -> list[Receipt]:
    if not found:
        return []
    people = {c.id: c for c in s.scalars(select(Customer).where(
        Customer.id.in_({x.customer_id for x in found})))}
    sizes = {p.id: p for p in s.scalars(select(Product).where(
        Product.id.in_({line.product_id for x in found for line in x.lines})))}
    orders = dict(s.execute(select(Delivery.id, Order.number)
                            .join(Order, Order.id == Delivery.order_id)
                            .where(Delivery.id.in_({x.delivery_id for x in found
                                                    if x.delivery_id}))).all())
    reversed_ = dict(s.execute(select(DepositReceipt.id, DepositReceipt.number).where(
        DepositReceipt.id.in_({x.reverses_id for x in found if x.reverses_id}))).all())
    out = []
    for x in found:
        c = people[x.customer_id]
        out.append(Receipt(
            x.id, x.number, x.kind, x.paid_by, c.id, c.code, c.name, c.address, c.language,
            orders.get(x.delivery_id, ""), x.delivery_id, x.route_id,
            reversed_.get(x.reverses_id, ""), x.amount, x.business_date, x.created_by, x.at,
            tuple(ReceiptLine(line.product_id, sizes[line.product_id].sku,
                              sizes[line.product_id].name_zh, sizes[line.product_id].name_en,
                              line.count, line.unit_deposit, line.amount)
                  for line in x.lines)))
    return out


# --- db check -------------------------------------------------------------------------------

class Findings(list):
    """A check's broken rows, and ``noted`` rows that are reported but break nothing."""

    def __init__(self, broken=(), noted=()) -> None:
        super().__init__(broken)
        self.noted = list(noted)


def deposits_match_receipts(s: Session) -> list[str]:
    """db check: per customer and size, the cylinders on deposit are the receipts' counts
    (charged less refunded), never below zero."""
    lines = {(cid, pid): int(n or 0) for cid, pid, n in s.execute(
        select(DepositLine.customer_id, DepositLine.product_id, func.sum(DepositLine.count))
        .group_by(DepositLine.customer_id, DepositLine.product_id))}
    broken = []
    for cid, pid, on in s.execute(select(_BAL.c.customer_id, _BAL.c.product_id,
                                         _BAL.c.on_deposit)):
        n = lines.pop((cid, pid), 0)
        if on != n or on < 0:
            broken.append(f"customer {cid}, product {pid}: {on} on deposit, receipts {n}")
    return broken + [f"customer {cid}, product {pid}: receipts {n}, no balance"
                     for (cid, pid), n in lines.items() if n]


def deposit_receipts_hold(s: Session) -> list[str]:
    """db check: each deposit receipt's amount is its lines' (count × deposit each); the
    numbers run 1..N within each year and the counter says N; one on account is in its
    customer's ledger once, for its amount (none when that is 0); one in cash is not; an
    undone receipt names a delivery receipt of the same delivery."""
    sums = {rid: (_money(a), n) for rid, a, n in s.execute(
        select(DepositLine.receipt_id, func.sum(DepositLine.amount), func.count())
        .group_by(DepositLine.receipt_id))}
    odd = set(s.scalars(select(DepositLine.receipt_id).where(
        DepositLine.amount != DepositLine.count * DepositLine.unit_deposit)))
    ledger = {rid: (_money(a), n) for rid, a, n in s.execute(
        select(LedgerEntry.deposit_receipt_id, func.sum(LedgerEntry.amount), func.count())
        .where(LedgerEntry.deposit_receipt_id.is_not(None))
        .group_by(LedgerEntry.deposit_receipt_id))}
    kinds = {rid: (kind, delivery) for rid, kind, delivery in s.execute(
        select(DepositReceipt.id, DepositReceipt.kind, DepositReceipt.delivery_id))}
    broken = []
    for x in s.execute(select(DepositReceipt.id, DepositReceipt.number, DepositReceipt.kind,
                              DepositReceipt.paid_by, DepositReceipt.amount,
                              DepositReceipt.delivery_id, DepositReceipt.reverses_id)):
        total, n = sums.get(x.id, (ZERO, 0))
        if not n or total != x.amount or x.id in odd:
            broken.append(f"receipt {x.number}: {x.amount}, its lines {total}")
        # One whose charge and refund cancel out (amount 0) moves no money: no ledger row.
        if x.paid_by == "account" and ledger.pop(x.id, None) not in (
                (x.amount, 1), None if x.amount == 0 else (x.amount, 1)):
            broken.append(f"receipt {x.number}: not in the ledger once for {x.amount}")
        if x.paid_by == "cash" and ledger.pop(x.id, None) is not None:
            broken.append(f"receipt {x.number}: paid in cash, yet in the ledger")
        if x.reverses_id is not None and (x.kind != "undone" or kinds.get(x.reverses_id) !=
                                          ("delivery", x.delivery_id)):
            broken.append(f"receipt {x.number}: reverses receipt {x.reverses_id} of "
                          "another delivery or kind")
    years: dict[int, list[int]] = {}
    for number in s.scalars(select(DepositReceipt.number)):
        _, year, n = number.split("-")
        years.setdefault(int(year), []).append(int(n))
    counters = dict(s.execute(select(DocumentCounter.year, DocumentCounter.last)
                              .where(DocumentCounter.kind == "DP")).all())
    for year, numbers in years.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)) or \
                counters.get(year) != len(numbers):
            broken.append(f"DP {year}: {len(numbers)} numbers, highest {max(numbers)}, "
                          f"counter {counters.get(year)}")
    return broken + [f"ledger rows of deposit receipt {rid} without it" for rid in ledger]


def exemptions_match_balances(s: Session) -> list[str]:
    """db check: per customer and size, the cylinders held without deposit are the count of
    the newest exemption (none: 0) — a balance changed, or an exemption added, around
    ``set_exemption`` shows here."""
    newest = select(func.max(DepositExemption.id)).group_by(DepositExemption.customer_id,
                                                            DepositExemption.product_id)
    exempt = {(cid, pid): n for cid, pid, n in s.execute(
        select(DepositExemption.customer_id, DepositExemption.product_id,
               DepositExemption.count).where(DepositExemption.id.in_(newest)))}
    broken = []
    cylinders = set(s.scalars(select(Product.id).where(Product.unit == "cylinder")))
    for cid, pid, without in s.execute(select(_BAL.c.customer_id, _BAL.c.product_id,
                                              _BAL.c.without_deposit)):
        n = exempt.pop((cid, pid), 0)
        if pid not in cylinders:  # the upgrade set without_deposit on any size held
            continue
        if without != n:
            broken.append(f"customer {cid}, product {pid}: {without} without deposit, its "
                          f"newest exemption {n}")
    return broken + [f"customer {cid}, product {pid}: exemption {n}, no balance"
                     for (cid, pid), n in exempt.items() if n]


def deposits_follow_the_rule(s: Session) -> Findings:
    """db check: per customer and size of a product with a deposit, the cylinders on
    deposit are max(0, held − held without deposit) — broken when the size moved after
    its exemption and the product's deposit last changed; noted otherwise (a manager's
    change settles at the size's next delivery)."""
    deposits = dict(s.execute(select(Product.id, Product.sku).where(Product.deposit > 0)).all())
    if not deposits:
        return Findings()
    off = [(cid, pid, held, on, without) for cid, pid, held, on, without in s.execute(
        select(_BAL.c.customer_id, _BAL.c.product_id, _BAL.c.held, _BAL.c.on_deposit,
               _BAL.c.without_deposit).where(_BAL.c.product_id.in_(list(deposits))))
           if change(held, on, without)]
    if not off:
        return Findings()
    customers = {cid for cid, *_ in off}
    moved = {(cid, pid): at for cid, pid, at in s.execute(
        select(CylinderMovement.customer_id, CylinderMovement.product_id,
               func.max(CylinderMovement.at))
        .where(CylinderMovement.customer_id.in_(customers))
        .group_by(CylinderMovement.customer_id, CylinderMovement.product_id))}
    exempted = {(cid, pid): at for cid, pid, at in s.execute(
        select(DepositExemption.customer_id, DepositExemption.product_id,
               func.max(DepositExemption.at))
        .where(DepositExemption.customer_id.in_(customers))
        .group_by(DepositExemption.customer_id, DepositExemption.product_id))}
    priced = dict(s.execute(select(AuditEntry.entity_id, func.max(AuditEntry.at)).where(
        AuditEntry.entity == "product", AuditEntry.entity_id.in_(list(deposits.values())),
        AuditEntry.changes.like('%"deposit"%')).group_by(AuditEntry.entity_id)).all())
    broken, noted = [], []
    for cid, pid, held, on, without in off:
        text = (f"customer {cid}, {deposits[pid]}: holds {held}, {without} without deposit, "
                f"{on} on deposit")
        last = moved.get((cid, pid))
        since = [t for t in (exempted.get((cid, pid)), priced.get(deposits[pid])) if t]
        if last is not None and all(_aware(last) > _aware(t) for t in since):
            broken.append(text)
        else:
            noted.append(text + " (settled at its next delivery)")
    return Findings(broken, noted)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)
