"""Cash sales: a cash order delivered (in full or in part) is a sale on the books.

Delivery confirmation issues the sale in its own transaction: a document numbered
CS-YYYY-NNNNNN without gaps (``billing.next_number``: a rolled-back confirmation gives
its number back), with the lines as delivered, the tax as the company rounds it (per
line, or per rate on the total, as on a monthly invoice), and two ledger rows on the
delivery's business date — the sale (+ its total) and the cash the driver took for it
(-) — so the customer's statement and the accountant's export show it.  A failed stop
makes none.  A delivery undone by a manager voids its sale: the row stays, marked void,
and the reversing ledger rows are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Engine, Integer, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from core import chain, rules
from core.db import unit_of_work
from core.models import (CashCutover, CashSale, CashSaleLine, Customer, Delivery, DeliveryLine,
                         InvoiceLine, LedgerEntry, Order, Product)
from core.models.base import utcnow
from core.services import audit, billing, einvoice, settings
from core.services.actor import Actor

ZERO = Decimal(0)


@dataclass(frozen=True)
class CashSaleLineView:
    line_no: int
    product_id: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    amount: Decimal
    tax: Decimal


@dataclass(frozen=True)
class CashSaleView:
    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    order_id: int
    order_number: str
    delivery_id: int
    business_date: date
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    cash_received: Decimal
    status: str  # posted | void
    created_by: str
    created_at: datetime
    void_reason: str
    lines: tuple[CashSaleLineView, ...]


def _view(s: Session, sale: CashSale) -> CashSaleView:
    code, name = s.execute(select(Customer.code, Customer.name)
                           .where(Customer.id == sale.customer_id)).one()
    number = s.scalar(select(Order.number).where(Order.id == sale.order_id))
    return CashSaleView(
        sale.id, sale.number, sale.customer_id, code, name, sale.order_id, number,
        sale.delivery_id, sale.business_date, sale.subtotal, sale.tax, sale.total,
        sale.cash_received, sale.status, sale.created_by, sale.created_at, sale.void_reason,
        tuple(CashSaleLineView(x.line_no, x.product_id, x.description, x.quantity,
                               x.unit_price, x.tax_rate, x.amount, x.tax) for x in sale.lines))


@dataclass(frozen=True)
class IssuedSale:
    """What the confirmation that issued a sale needs of it."""

    id: int
    number: str
    customer_id: int
    order_id: int
    delivery_id: int
    total: Decimal
    cash_received: Decimal


# Every cash delivery's confirmation runs these: built once, written without the ORM's unit
# of work (each statement is part of the p95 of a confirmation; see tests/bench/cashup.py).
_CUSTOMERS = Customer.__table__
_BALANCE = (update(_CUSTOMERS).where(_CUSTOMERS.c.id == bindparam("customer_key"))
            .values(balance=_CUSTOMERS.c.balance + bindparam("delta")))
_INSERT_SALE = insert(CashSale.__table__)
_INSERT_LINE = insert(CashSaleLine.__table__)


def _post(s: Session, actor: Actor, sale: CashSale | IssuedSale,
          entries: list[tuple[str, Decimal]], *, business_date: date, at: datetime) -> None:
    """The sale's ledger rows (kind, amount) and the customer's balance, in one update of
    the balance and one append to the customer's chain."""
    s.execute(_BALANCE, {"customer_key": sale.customer_id,
                         "delta": sum((a for _, a in entries), ZERO)})
    chain.ledger(s, [dict(customer_id=sale.customer_id, kind=kind, amount=amount,
                          delivery_id=sale.delivery_id, order_id=sale.order_id,
                          note=sale.number, created_by=actor.username, at=at,
                          business_date=business_date) for kind, amount in entries])


def issue_in(s: Session, actor: Actor, *, delivery: Delivery, order: Order,
             products: dict[int, Product], rounding: str, currency: str,
             at: datetime) -> IssuedSale:
    """The sale of a cash order's confirmed delivery, in the confirmation's transaction
    (the order's row is locked; its delivery and lines are flushed)."""
    lines = {x.id: x for x in order.lines}
    delivered = [(dl, lines[dl.order_line_id]) for dl in delivery.lines if dl.quantity > 0]
    priced = [rules.Priced(dl.amount, dl.tax, line.tax_rate) for dl, line in delivered]
    subtotal = rules.totals(priced).subtotal
    tax = rules.invoice_tax(priced, rounding, currency)
    day = order.delivery_date
    number = f"CS-{day.year}-{billing.next_number(s, 'CS', day.year):06d}"
    sale_id = s.execute(_INSERT_SALE, dict(
        number=number, customer_id=order.customer_id, order_id=order.id,
        delivery_id=delivery.id, business_date=day, subtotal=subtotal, tax=tax,
        total=subtotal + tax, cash_received=delivery.cash_collected,
        created_by=actor.username, created_at=at)).inserted_primary_key[0]
    if delivered:
        s.execute(_INSERT_LINE, [
            dict(cash_sale_id=sale_id, line_no=n, delivery_line_id=dl.id,
                 product_id=line.product_id, description=products[line.product_id].name_zh,
                 quantity=dl.quantity, unit_price=line.unit_price, tax_rate=line.tax_rate,
                 amount=dl.amount, tax=dl.tax)
            for n, (dl, line) in enumerate(delivered, start=1)])
    einvoice.issue_in(s, actor, settings.read(s), customer_id=order.customer_id,
                      untaxed=subtotal, tax=tax, invoice_date=day, at=at, cash_sale_id=sale_id)
    sale = IssuedSale(sale_id, number, order.customer_id, order.id, delivery.id,
                      subtotal + tax, delivery.cash_collected)
    _post(s, actor, sale, [("cash_sale", sale.total)] +
          ([("cash_received", -sale.cash_received)] if sale.cash_received else []),
          business_date=day, at=at)
    return sale


def void_in(s: Session, actor: Actor, delivery: Delivery, reason: str) -> str | None:
    """Void the sale of ``delivery`` (being undone), writing the reversing ledger rows
    today; returns its number (None: the delivery made no sale)."""
    sale = s.scalars(select(CashSale).where(CashSale.delivery_id == delivery.id,
                                            CashSale.status == "posted")).first()
    if sale is None:
        return None
    at = utcnow()
    today = at.astimezone().date()  # the office's day (the demo's recorded one)
    sale.status, sale.voided_by, sale.voided_at, sale.void_reason = \
        "void", actor.username, at, reason
    _post(s, actor, sale, [("cash_sale_void", -sale.total)] +
          ([("cash_received_void", sale.cash_received)] if sale.cash_received else []),
          business_date=today, at=at)
    audit.record(s, actor, "cash_sale", sale.number, "void", {"reason": [None, reason]})
    einvoice.cancel_in(s, actor, amount=sale.total, reason=reason, cash_sale_id=sale.id,
                       today=today)
    return sale.number


# --- reading ------------------------------------------------------------------------------

def of_delivery(engine: Engine, delivery_id: int) -> CashSaleView | None:
    """The sale a confirmed delivery made (posted or void), if any."""
    with unit_of_work(engine, write=False) as s:
        sale = s.scalars(select(CashSale).where(CashSale.delivery_id == delivery_id)).first()
        return _view(s, sale) if sale else None


def cutover(s: Session) -> datetime | None:
    """When cash sales started (revision 0010 on a database with deliveries); None: from
    the start."""
    return s.scalar(select(CashCutover.at))


# --- db check -----------------------------------------------------------------------------

class Findings(list):
    """A check's broken rows, and ``noted`` rows that are reported but break nothing."""

    def __init__(self, broken=(), noted=()) -> None:
        super().__init__(broken)
        self.noted = list(noted)


def delivered_lines_on_one_document(s: Session) -> Findings:
    """db check: every line delivered (of a standing delivery) from the cut-over on is on
    exactly one document: a cash order's on one posted cash sale and on no invoice; an
    order on account's on no cash sale and on at most one invoice (the month's run bills
    it); a line on an undone delivery on no posted sale.  Deliveries confirmed before the
    cut-over are noted, not broken."""
    since = cutover(s)
    on_sale = (select(func.count()).select_from(CashSaleLine)
               .join(CashSale, CashSale.id == CashSaleLine.cash_sale_id)
               .where(CashSaleLine.delivery_line_id == DeliveryLine.id,
                      CashSale.status == "posted").scalar_subquery())
    on_invoice = (select(func.count()).select_from(InvoiceLine)
                  .where(InvoiceLine.delivery_line_id == DeliveryLine.id).scalar_subquery())
    rows = s.execute(
        select(Order.number, Order.payment, DeliveryLine.id, Delivery.confirmed_at,
               Delivery.undone_at.is_not(None), on_sale, on_invoice)
        .join(Delivery, Delivery.id == DeliveryLine.delivery_id)
        .join(Order, Order.id == Delivery.order_id)
        .where(DeliveryLine.quantity > 0, or_(
            and_(Delivery.undone_at.is_(None), or_(
                # A cash delivery of no amount (a free service visit) makes no sale.
                and_(Order.payment == "cash", on_sale != (Delivery.amount != 0).cast(Integer)),
                on_sale + on_invoice > 1,
                and_(Order.payment == "account", on_sale > 0))),
            and_(Delivery.undone_at.is_not(None), on_sale > 0)))
        .order_by(DeliveryLine.id))
    broken, before = [], {}
    for number, payment, line, confirmed, undone, sales, invoices in rows:
        if since is not None and confirmed < since and not undone and sales == 0 \
                and payment == "cash":
            before[number] = confirmed
            continue
        broken.append(f"order {number} ({payment}) delivery line {line}: on {sales} cash "
                      f"sales and {invoices} invoices{' (delivery undone)' if undone else ''}")
    noted = [f"{len(before)} cash deliveries confirmed before the cut-over "
             f"({since:%Y-%m-%d %H:%M} UTC) have no cash sale"] if before else []
    return Findings(broken, noted)


def sales_match(s: Session) -> list[str]:
    """db check: a cash sale's subtotal is its lines', its total subtotal plus tax; a
    posted sale's delivery stands and a void one's was undone; the ledger holds the sale
    and the cash received once (and their reversal once, when void)."""
    sums = dict(s.execute(select(CashSaleLine.cash_sale_id, func.sum(CashSaleLine.amount))
                          .group_by(CashSaleLine.cash_sale_id)).all())
    ledger: dict[tuple[int, str], tuple[Decimal, int]] = {
        (did, kind): (amount, n) for did, kind, amount, n in s.execute(
            select(LedgerEntry.delivery_id, LedgerEntry.kind, func.sum(LedgerEntry.amount),
                   func.count())
            .where(LedgerEntry.kind.in_(("cash_sale", "cash_sale_void", "cash_received",
                                         "cash_received_void")))
            .group_by(LedgerEntry.delivery_id, LedgerEntry.kind))}
    broken = []
    for sale, undone in s.execute(select(CashSale, Delivery.undone_at.is_not(None))
                                  .join(Delivery, Delivery.id == CashSale.delivery_id)):
        if sums.get(sale.id) is None or sums[sale.id] != sale.subtotal or \
                sale.subtotal + sale.tax != sale.total:
            broken.append(f"cash sale {sale.number}: its total is not its lines'")
        if (sale.status == "void") != bool(undone):
            broken.append(f"cash sale {sale.number} is {sale.status} but its delivery "
                          f"{'was undone' if undone else 'stands'}")
        void = sale.status == "void"
        want = {"cash_sale": (sale.total, 1),
                "cash_received": (-sale.cash_received, 1) if sale.cash_received else None,
                "cash_sale_void": (-sale.total, 1) if void else None,
                "cash_received_void": (sale.cash_received, 1)
                if void and sale.cash_received else None}
        for kind, expected in want.items():
            if ledger.pop((sale.delivery_id, kind), None) != expected:
                broken.append(f"cash sale {sale.number}: its {kind} ledger row")
    return broken + [f"{kind} ledger rows of delivery {did} without their cash sale"
                     for did, kind in ledger]
