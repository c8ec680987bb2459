"""Billing: the monthly run (one invoice per customer and period), an invoice for one
customer at once, and gapless invoice numbers.

What is billed: every delivered line of an order on account, delivered on or before
the period's end and not billed yet — from standing and one-time orders alike —
and, in a run, the month's rental of the cylinders the customer holds (a company
setting).  Each invoice is written in a transaction of its own; UNIQUE(delivery
line) on invoice lines and UNIQUE(customer, period) on invoices make "exactly
once" a database fact, so a crash at any point and a restart, a second run, or two
workstations running at once bill each line once.  The invoice's number is taken
in the same transaction (``document_counter``, one UPDATE), so a rolled-back
invoice gives its number back and numbers have no gaps.

The balance already holds what was delivered (each delivery on account went into
the ledger); an invoice adds to the ledger only what it bills beyond the
deliveries: the rental, and the difference when the tax is rounded on the total.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    and_,
    bindparam,
    cast,
    func,
    insert,
    literal,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import chain, changes, rules, uniform
from core.changes import Changes
from core.db import unit_of_work
from core.errors import DomainError, NotFound, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (
    Customer,
    CylinderBalance,
    Delivery,
    DeliveryLine,
    DocumentCounter,
    Invoice,
    InvoiceLine,
    Order,
    OrderLine,
    Product,
)
from core.models.base import utcnow
from core.money import quantize
from core.periods import Period, is_canonical
from core.services import audit, einvoice, settings
from core.services.actor import SYSTEM, Actor

BILLED_OUTCOMES = ("delivered", "partially_delivered")
Fault = Callable[[str], None]  # crash tests stop the run at a named point


@dataclass(frozen=True)
class PreviewRow:
    customer_id: int
    code: str
    name: str
    area: str
    lines: int
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    rental: Decimal  # included in the subtotal


@dataclass(frozen=True)
class RunResult:
    invoices: int
    total: Decimal
    already: int  # customers invoiced for the period before (or meanwhile, elsewhere)
    cancelled: bool = False


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    number: str
    customer_id: int
    customer_code: str
    customer_name: str
    period: str | None
    issue_date: date
    due_date: date
    total: Decimal
    status: str


def period_bounds(period: Period | str) -> tuple[date, date]:
    """'2026-11' -> (2026-11-01, 2026-11-30); a ValidationError for anything else."""
    month = Period.parse(period)
    return month.start, month.end


def early(period: Period | str, *, customer_id: int | None = None,
          today: date | None = None) -> bool:
    """Whether a run would bill a whole month that has not ended yet: asked (the window)
    or refused (the command) first.  One customer's invoice now is never early."""
    return customer_id is None and not Period.parse(period).ended(today)


def _not_billed():
    """The conditions on a delivered line on account that is not billed yet."""
    billed = select(InvoiceLine.delivery_line_id).where(
        InvoiceLine.delivery_line_id == DeliveryLine.id).exists()
    return (Delivery.undone_at.is_(None), Delivery.outcome.in_(BILLED_OUTCOMES),
            Order.payment == "account", Order.delivery_date <= bindparam("end"),
            DeliveryLine.quantity > 0, ~billed)


def _cylinders_held(s: Session, customer_ids: list[int] | None) -> dict[int, int]:
    cylinders = select(Product.id).where(Product.unit == "cylinder")
    q = select(CylinderBalance.customer_id, func.sum(CylinderBalance.held)).where(
        CylinderBalance.product_id.in_(cylinders))
    if customer_ids is not None:
        q = q.where(CylinderBalance.customer_id.in_(customer_ids))
    return dict(s.execute(q.group_by(CylinderBalance.customer_id)).all())


def _totals(company: settings.CompanySettings, groups: list[tuple[Decimal, Decimal, Decimal]],
            held: int) -> tuple[Decimal, Decimal, Decimal]:
    """Subtotal, tax and rental of (tax rate, amount, tax) groups and the cylinders held."""
    currency = company.currency
    groups = list(groups)
    rental = Decimal(0)
    if held > 0 and company.cylinder_rental > 0:
        rental = quantize(company.cylinder_rental * held, currency)
        groups.append((company.tax_rate, rental, quantize(rental * company.tax_rate, currency)))
    priced = [rules.Priced(amount, tax, rate) for rate, amount, tax in groups]
    return (rules.totals(priced).subtotal, rules.invoice_tax(priced, company.tax_rounding, currency),
            rental)


def _billable(s: Session, end: date, customer_ids: list[int] | None):
    """Per customer and tax rate: how many delivered lines are not billed yet, and their
    amounts and taxes (one grouped query)."""
    q = (select(Order.customer_id, OrderLine.tax_rate, func.count(), func.sum(DeliveryLine.amount),
                func.sum(DeliveryLine.tax))
         .join(Delivery, Delivery.id == DeliveryLine.delivery_id)
         .join(Order, Order.id == Delivery.order_id)
         .join(OrderLine, OrderLine.id == DeliveryLine.order_line_id)
         .where(*_not_billed())
         .group_by(Order.customer_id, OrderLine.tax_rate))
    if customer_ids is not None:
        q = q.where(Order.customer_id.in_(customer_ids))
    out: dict[int, list] = {}
    for cid, rate, n, amount, tax in s.execute(q, {"end": end}):
        out.setdefault(cid, []).append((n, rate, amount, tax))
    return out


def preview(engine: Engine, *, period: Period | str, area: str | None = None,
            customer_id: int | None = None) -> list[PreviewRow]:
    """What a run for ``period`` would bill, per customer (by code)."""
    month = Period.parse(period)
    with unit_of_work(engine, write=False) as s:
        plan = _Run.read(s, SYSTEM, period=str(month), start=month.start, end=month.end,
                         today=date.today(), area=area, customer_id=customer_id)
    out = []
    for cid in plan.todo():
        mine = plan.groups.get(cid, [])
        subtotal, tax, rental = plan.totals(cid, mine)
        code, name, area_, *_ = plan.people[cid]
        out.append(PreviewRow(cid, code, name, area_, sum(n for n, *_ in mine), subtotal, tax,
                              subtotal + tax, rental))
    return out


def next_number(s: Session | Connection, kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``, in the caller's transaction (which holds
    the counter's row until it ends: the numbers of committed documents have no gaps)."""
    dialect = (s.dialect if isinstance(s, Connection) else s.get_bind().dialect).name
    if dialect not in _TAKE_NUMBER:
        insert_ = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = insert_(DocumentCounter.__table__).values(
            kind=bindparam("kind"), year=bindparam("year"), last=1)
        _TAKE_NUMBER[dialect] = stmt.on_conflict_do_update(
            index_elements=["kind", "year"],
            set_={"last": DocumentCounter.__table__.c.last + 1}
        ).returning(DocumentCounter.__table__.c.last)
    return s.execute(_TAKE_NUMBER[dialect], {"kind": kind, "year": year}).scalar_one()


_TAKE_NUMBER: dict = {}  # per dialect, built once


@dataclass(frozen=True)
class _Run:
    """What every invoice of a run needs, read once: the customers (by id: code, name,
    area, payment terms, language), what each has to bill per tax rate (lines, amount,
    tax), and the cylinders they hold when there is a rental."""

    actor: Actor
    company: settings.CompanySettings
    people: dict[int, tuple]
    groups: dict[int, list[tuple[int, Decimal, Decimal, Decimal]]]
    held: dict[int, int]
    period: str | None
    start: date
    end: date
    today: date
    fault: Fault | None

    @classmethod
    def read(cls, s: Session | Connection, actor: Actor, *, period: str | None, start: date,
             end: date, today: date, area: str | None = None, customer_id: int | None = None,
             fault: Fault | None = None) -> _Run:
        company = settings.read(s)
        q = select(Customer.id, Customer.code, Customer.name, Customer.area,
                   Customer.payment_terms_days, Customer.language)
        if customer_id is not None:
            q = q.where(Customer.id == customer_id)
        if area:
            q = q.where(Customer.area == area)
        people = {r[0]: tuple(r[1:]) for r in s.execute(q)}
        if period:  # those invoiced for the period already are done
            for cid in s.scalars(select(Invoice.customer_id).where(Invoice.period == period)):
                people.pop(cid, None)
        narrow = list(people) if (area or customer_id is not None) else None
        held = _cylinders_held(s, narrow) if period and company.cylinder_rental > 0 else {}
        return cls(actor, company, people, _billable(s, end, narrow), held, period, start, end,
                   today, fault)

    def todo(self) -> list[int]:
        """The customers with something to bill, by code."""
        found = (set(self.groups) | {c for c, n in self.held.items() if n > 0}) & set(self.people)
        return sorted(found, key=lambda cid: self.people[cid][0])

    def totals(self, customer_id: int, groups: list) -> tuple[Decimal, Decimal, Decimal]:
        """Subtotal, tax and rental of the customer's ``groups`` (as ``groups`` holds them)."""
        return _totals(self.company, [(r, a, t) for _, r, a, t in groups],
                       self.held.get(customer_id, 0))

    def point(self, name: str) -> None:
        if self.fault:
            self.fault(name)


_INVOICE_COLUMNS = ("customer_id", "period", "period_start", "period_end", "issue_date",
                    "due_date", "language", "subtotal", "tax", "total", "status", "created_by",
                    "created_at")
_INSERT_INVOICE = insert(Invoice.__table__).returning(Invoice.__table__.c.id)
_INSERT_LINES = insert(InvoiceLine.__table__)
_LINE_COLUMNS = ["invoice_id", "line_no", "delivery_line_id", "kind", "day", "order_number",
                 "product_id", "description", "quantity", "unit_price", "tax_rate", "amount",
                 "tax"]


def _lines_of(invoice_id, made=None):
    """A customer's unbilled delivered lines as lines of ``invoice_id`` (of ``made``, the
    invoice just inserted, when given), numbered in date order (the scaled integers
    copied as they are: both sides keep the same scales)."""
    return (select(invoice_id, func.row_number().over(order_by=(
                       Order.delivery_date, Order.number, DeliveryLine.id)),
                   DeliveryLine.id, literal("delivery"), Order.delivery_date, Order.number,
                   OrderLine.product_id, Product.name_zh, DeliveryLine.quantity,
                   OrderLine.unit_price, OrderLine.tax_rate, DeliveryLine.amount, DeliveryLine.tax)
            .select_from(DeliveryLine.__table__ if made is None
                         else made.join(DeliveryLine.__table__, true()))
            .join(Delivery, Delivery.id == DeliveryLine.delivery_id)
            .join(Order, Order.id == Delivery.order_id)
            .join(OrderLine, OrderLine.id == DeliveryLine.order_line_id)
            .join(Product, Product.id == OrderLine.product_id)
            .where(Order.customer_id == bindparam("customer_id"), *_not_billed()))


_COPY_LINES = insert(InvoiceLine.__table__).from_select(
    _LINE_COLUMNS, _lines_of(bindparam("invoice", type_=Integer)))
# What was copied, per tax rate (summed by the database: cheaper than a row each).
_COPIED = (select(InvoiceLine.tax_rate, func.count(), func.sum(InvoiceLine.amount),
                  func.sum(InvoiceLine.tax))
           .where(InvoiceLine.invoice_id == bindparam("invoice"))
           .group_by(InvoiceLine.tax_rate))


def _invoice_statements():
    """PostgreSQL: an invoice in two statements (data-modifying WITH).  The first writes
    the invoice under a stand-in number ("~" and its id: unique, never committed) and
    copies its lines, answering them per tax rate; the second takes the number (the
    counter's row stays locked until the commit) and gives it to the invoice.  Invoices
    of two connections are written at once up to their numbers."""
    invoice, line = Invoice.__table__, InvoiceLine.__table__
    new_id = select(func.nextval(func.pg_get_serial_sequence("invoice", "id"))
                    .label("id")).cte("new_id")
    made = (insert(invoice).from_select(
        ["id", "number", *_INVOICE_COLUMNS],
        select(new_id.c.id, literal("~") + cast(new_id.c.id, String),
               *(bindparam(c, type_=invoice.c[c].type) for c in _INVOICE_COLUMNS)))
            .returning(invoice.c.id).cte("made"))
    lines = (insert(line).from_select(_LINE_COLUMNS, _lines_of(made.c.id, made))
             .returning(line.c.tax_rate, line.c.amount, line.c.tax).cte("lines"))
    copy = (select(made.c.id, lines.c.tax_rate, func.count(lines.c.amount),
                   func.sum(lines.c.amount), func.sum(lines.c.tax))
            .select_from(made.outerjoin(lines, true()))
            .group_by(made.c.id, lines.c.tax_rate))
    counter = DocumentCounter.__table__
    taken = (pg_insert(counter).values(kind="INV", year=bindparam("year"), last=1)
             .on_conflict_do_update(index_elements=["kind", "year"],
                                    set_={"last": counter.c.last + 1})
             .returning(counter.c.last).cte("taken"))
    named = (invoice.update().where(invoice.c.id == bindparam("invoice", type_=Integer))
             .values(number=bindparam("prefix", type_=String) + func.lpad(
                 cast(select(taken.c.last).scalar_subquery(), String), 6, "0"))
             .returning(invoice.c.number).cte("named"))
    return copy, select(named.c.number)


_COPY_PG, _NUMBER_PG = _invoice_statements()


class _NothingToBill(Exception):
    """Raised inside an invoice's transaction to roll it back (its number too)."""


class _Changed(Exception):
    """The lines copied are not those the invoice was made for (delivered or undone
    meanwhile): its transaction is rolled back and the invoice made again."""


def _by_rate(groups) -> dict[Decimal, tuple[int, Decimal, Decimal]]:
    return {rate: (n, amount, tax) for n, rate, amount, tax in groups}


def _invoice_customer(s: Connection, run: _Run, customer_id: int, groups: list) -> InvoiceRow:
    """Write one customer's invoice of ``groups`` (what it has to bill, per tax rate) in
    the caller's transaction.

    The totals are computed before the invoice is written, from ``groups``; the lines
    are copied by one INSERT ... SELECT whose RETURNING must add up to the same groups
    (else ``_Changed``), so the invoice's total is its lines'.  Plain statements, no ORM:
    a run writes thousands of invoices.
    """
    code, name, _area, terms, language = run.people[customer_id]
    actor, now, currency = run.actor, utcnow(), run.company.currency
    subtotal, tax, rental = run.totals(customer_id, groups)
    if not groups and not rental:
        raise _NothingToBill()
    total = subtotal + tax
    values = dict(customer_id=customer_id, period=run.period, period_start=run.start,
                  period_end=run.end, issue_date=run.today,
                  due_date=run.today + timedelta(days=terms), language=language,
                  subtotal=subtotal, tax=tax, total=total, status="posted",
                  created_by=actor.username, created_at=now)
    trail = audit.row(actor, "invoice", "", "posted", {
        "customer": [None, code], "total": [None, audit.plain(total)],
        **({"period": [None, run.period]} if run.period else {})}, summary=name, at=now)
    made = _made_pg if s.dialect.name == "postgresql" else _made
    invoice_id, number = made(s, run, values, _by_rate(groups))
    if rental:
        s.execute(_INSERT_LINES, {
            "invoice_id": invoice_id, "line_no": sum(n for n, *_ in groups) + 1,
            "delivery_line_id": None, "kind": "rental", "day": run.end, "order_number": "",
            "product_id": None, "description": "cylinder rental",
            "quantity": Decimal(run.held[customer_id]),
            "unit_price": run.company.cylinder_rental, "tax_rate": run.company.tax_rate,
            "amount": rental, "tax": quantize(rental * run.company.tax_rate, currency)})
    run.point("after_lines")
    einvoice.issue_in(s, actor, run.company, customer_id=customer_id, untaxed=subtotal, tax=tax,
                      invoice_date=run.end if run.period else run.today, at=now,
                      invoice_id=invoice_id)
    delivered = sum((a + t for _, _, a, t in groups), Decimal(0))
    beyond = total - delivered  # the rental, and total-rounding's difference
    if beyond:
        s.execute(Customer.__table__.update().where(Customer.__table__.c.id == customer_id)
                  .values(balance=Customer.__table__.c.balance + beyond))
        chain.ledger(s, [dict(
            customer_id=customer_id, kind="invoice", amount=beyond, invoice_id=invoice_id,
            note=number, created_by=actor.username, at=now, business_date=run.today)])
    # Last: the audit trail's head of invoices stays locked until the commit.
    chain.audit(s, [{**trail, "entity_id": number}])
    run.point("before_commit")
    return InvoiceRow(invoice_id, number, customer_id, code, name, run.period, run.today,
                      run.today + timedelta(days=terms), total, "posted")


def _made(s: Connection, run: _Run, values: dict, expected: dict) -> tuple[int, str]:
    """The invoice (id, number) with its lines, in plain statements: the
    number, the invoice, its lines (``_Changed`` unless they are ``expected``)."""
    run.point("before_number")
    number = f"INV-{run.today.year}-{next_number(s, 'INV', run.today.year):06d}"
    run.point("after_number")
    invoice_id = s.execute(_INSERT_INVOICE, {**values, "number": number}).scalar_one()
    s.execute(_COPY_LINES, {"invoice": invoice_id, "customer_id": values["customer_id"],
                            "end": run.end})
    copied = {rate: (n, amount, tax) for rate, n, amount, tax in s.execute(
        _COPIED, {"invoice": invoice_id})}
    if copied != expected:
        raise _Changed()
    return invoice_id, number


def _made_pg(s: Connection, run: _Run, values: dict, expected: dict) -> tuple[int, str]:
    """The same on PostgreSQL in two statements (``_invoice_statements``): the number is
    taken only once the lines are copied and found as expected."""
    copied = {}
    for invoice_id, rate, n, amount, line_tax in s.execute(_COPY_PG, {**values,
                                                                      "end": run.end}):
        if rate is not None:
            copied[rate] = (n, amount, line_tax)
    if copied != expected:
        raise _Changed()
    run.point("before_number")
    number = s.execute(_NUMBER_PG, {"invoice": invoice_id, "year": run.today.year,
                                    "prefix": f"INV-{run.today.year}-"}).scalar_one()
    run.point("after_number")
    return invoice_id, number


def _write_invoice(conn: Connection, run: _Run, customer_id: int) -> InvoiceRow:
    """The customer's invoice in a transaction of its own on ``conn``; made again from
    what there is to bill now when that changed since it was read."""
    groups = run.groups.get(customer_id, [])
    while True:
        try:
            with conn.begin():
                row = _invoice_customer(conn, run, customer_id, groups)
            # Committed by plain statements, which no session sees: said here.
            changes.publish(Changes.of(invoices=[row.id], customers=[customer_id]))
            return row
        except _Changed:
            with conn.begin():
                groups = _billable(conn, run.end, [customer_id]).get(customer_id, [])


def run(engine: Engine, actor: Actor, *, period: Period | str, area: str | None = None,
        customer_id: int | None = None, progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None, fault: Fault | None = None,
        today: date | None = None) -> RunResult:
    """Invoice every customer with something to bill for ``period``, each invoice in its
    own transaction.  ``cancelled`` is asked between invoices: what was written stays
    valid.  ``fault`` is the crash tests' hook; ``today`` the issue date (default today).
    """
    actor.require("manager")
    month = Period.parse(period)
    with unit_of_work(engine, write=False) as s:
        context = _Run.read(s, actor, period=str(month), start=month.start, end=month.end,
                            today=today or date.today(), area=area, customer_id=customer_id,
                            fault=fault)
    todo = context.todo()
    if todo and einvoice.enabled(context.company):
        with unit_of_work(engine, write=False) as s:
            einvoice.enough_numbers(s, uniform.period_of(month.end), len(todo))
    tally = _Tally(len(todo), progress, cancelled)
    writers = WRITERS.get(engine.dialect.name, 1) if len(todo) > 1 else 1
    if writers == 1:
        _write_some(engine, context, todo, tally)
    else:
        with ThreadPoolExecutor(writers) as pool:
            # Each writer in a copy of this context: its change sets reach the caller's.
            for done in [pool.submit(contextvars.copy_context().run, _write_some, engine,
                                     context, todo, tally) for _ in range(writers)]:
                done.result()
    if not tally.cancelled:
        context.point("end")
    return RunResult(tally.made, tally.total, tally.already, tally.cancelled)


# PostgreSQL: two connections write a run's invoices (each in its own transaction).  The
# document counter's row lock orders them, so one's statement waits for the other's
# commit: the database works on one invoice while Python prepares and checks the next.
# SQLite writes one transaction at a time anyway.
WRITERS = {"postgresql": 2}


class _Tally:
    """A run's progress, shared by its writers: the next customer to invoice, what was
    written, and whether to stop (cancelled, or a writer failed)."""

    def __init__(self, count: int, progress, cancelled) -> None:
        self.lock = threading.Lock()
        self.count, self.progress, self.asked = count, progress, cancelled
        self.taken = self.finished = self.made = self.already = 0
        self.total = Decimal(0)
        self.cancelled = self.failed = False

    def take(self) -> int | None:
        """The index of the next customer, None when there is none or the run stops."""
        with self.lock:
            if self.asked is not None and not self.failed and self.taken < self.count \
                    and self.asked():
                self.cancelled = True
            if self.cancelled or self.failed or self.taken == self.count:
                return None
            self.taken += 1
            return self.taken - 1

    def done(self, invoice: InvoiceRow | None = None, already: bool = False) -> None:
        with self.lock:
            if invoice is not None:
                self.made, self.total = self.made + 1, self.total + invoice.total
            self.already += already
            self.finished += 1
            if self.progress is not None:
                self.progress(self.finished, self.count)


def _write_some(engine: Engine, run: _Run, todo: list[int], tally: _Tally) -> None:
    """Invoice the customers ``tally`` hands out, on one connection, a transaction each
    (a write transaction: BEGIN IMMEDIATE on SQLite)."""
    try:
        with engine.execution_options(roundsman_write=True).connect() as conn:
            while (n := tally.take()) is not None:
                try:
                    tally.done(_write_invoice(conn, run, todo[n]))
                except _NothingToBill:  # undone meanwhile
                    tally.done()
                except IntegrityError:  # another workstation invoiced this customer meanwhile
                    tally.done(already=True)
    except BaseException:
        tally.failed = True
        raise


def invoice_now(engine: Engine, actor: Actor, *, customer_id: int,
                today: date | None = None) -> InvoiceRow:
    """Invoice one customer now (e.g. one who leaves): everything delivered and not billed."""
    actor.require("manager")
    today = today or date.today()
    with unit_of_work(engine, write=False) as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise NotFound()
        first = s.scalar(select(func.min(Order.delivery_date)).where(
            Order.customer_id == customer_id)) or today
        context = _Run.read(s, actor, period=None, start=first, end=today, today=today,
                            customer_id=customer_id)
        name = customer.name
    try:
        with engine.execution_options(roundsman_write=True).connect() as conn:
            return _write_invoice(conn, context, customer_id)
    except _NothingToBill:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "{customer} has nothing delivered that is not invoiced yet."),
            customer=name) from None


def _row(i: Invoice, c: Customer) -> InvoiceRow:
    return InvoiceRow(i.id, i.number, c.id, c.code, c.name, i.period, i.issue_date,
                      i.due_date, i.total, i.status)


def list_invoices(engine: Engine, *, period: Period | str | None = None,
                  customer_id: int | None = None, limit: int = 5000) -> list[InvoiceRow]:
    with unit_of_work(engine, write=False) as s:
        q = select(Invoice, Customer).join(Customer, Customer.id == Invoice.customer_id)
        if period:
            q = q.where(Invoice.period == str(Period.parse(period)))
        if customer_id is not None:
            q = q.where(Invoice.customer_id == customer_id)
        return [_row(i, c) for i, c in s.execute(q.order_by(Invoice.number.desc()).limit(limit))]


def invoice_totals_match(s: Session) -> list[str]:
    """db check: every invoice's subtotal is the sum of its lines' amounts, its total is
    subtotal plus tax, and it has lines."""
    sums = dict(s.execute(select(InvoiceLine.invoice_id, func.sum(InvoiceLine.amount))
                          .group_by(InvoiceLine.invoice_id)).all())
    return [f"invoice {number}" for iid, number, subtotal, tax, total in s.execute(
        select(Invoice.id, Invoice.number, Invoice.subtotal, Invoice.tax, Invoice.total))
        if sums.get(iid) is None or sums[iid] != subtotal or subtotal + tax != total]


def numbers_gapless(s: Session) -> list[str]:
    """db check: INV, CN, CS and AW numbers run 1..N within each year, and the counter
    says N."""
    from core.models import Allowance, CashSale, CreditNote

    broken = []
    counters = {(k, y): last for k, y, last in s.execute(
        select(DocumentCounter.kind, DocumentCounter.year, DocumentCounter.last))}
    for kind, model in (("INV", Invoice), ("CN", CreditNote), ("CS", CashSale),
                        ("AW", Allowance)):
        years: dict[int, list[int]] = {}
        for number in s.scalars(select(model.number)):
            _, year, n = number.split("-")
            years.setdefault(int(year), []).append(int(n))
        for year, numbers in years.items():
            if sorted(numbers) != list(range(1, len(numbers) + 1)) or \
                    counters.get((kind, year)) != len(numbers):
                broken.append(f"{kind} {year}: {len(numbers)} numbers, highest "
                              f"{max(numbers)}, counter {counters.get((kind, year))}")
    return broken


def periods_canonical(s: Session) -> list[str]:
    """db check: every invoice's period is written YYYY-MM (as the run stores it), and no
    customer has two invoices of one month (in two spellings, which UNIQUE cannot see)."""
    odd = [p for p in s.scalars(select(Invoice.period).distinct())
           if p is not None and not is_canonical(p)]
    if not odd:
        return []
    rows = s.execute(select(Invoice.number, Invoice.customer_id, Invoice.period)
                     .where(Invoice.period.in_(odd))).all()
    broken = [f"invoice {number}: period “{period}” is not YYYY-MM"
              for number, _, period in rows]
    months: dict[tuple[int, str], list[str]] = {}
    for number, cid, period in s.execute(
            select(Invoice.number, Invoice.customer_id, Invoice.period)
            .where(Invoice.customer_id.in_({cid for _, cid, _ in rows}),
                   Invoice.period.is_not(None))):
        month = _month_as_typed(period)
        if month is not None:
            months.setdefault((cid, month), []).append(number)
    return broken + [f"invoices {', '.join(sorted(numbers))} bill one customer's {month}"
                     for (_, month), numbers in months.items() if len(numbers) > 1]


def _month_as_typed(period: str) -> str | None:
    """The month a period stored before revision 0006 meant ("2026-012" -> "2026-12")."""
    try:
        year, month = (int(x) for x in period.split("-"))
        return str(Period(year, month))
    except (ValueError, ValidationError):
        return None


def delivered_lines_billed_once(s: Session) -> list[str]:
    """db check (the UNIQUE holds it; this says so): no delivery line on two invoices,
    and no invoice line billing an undone or failed delivery."""
    twice = [f"delivery line {dl}" for (dl,) in s.execute(
        select(InvoiceLine.delivery_line_id).where(InvoiceLine.delivery_line_id.is_not(None))
        .group_by(InvoiceLine.delivery_line_id).having(func.count() > 1))]
    wrong = [f"invoice line {il}" for (il,) in s.execute(
        select(InvoiceLine.id).join(DeliveryLine, DeliveryLine.id == InvoiceLine.delivery_line_id)
        .join(Delivery, Delivery.id == DeliveryLine.delivery_id)
        .where(and_(Delivery.undone_at.is_not(None) | Delivery.outcome.not_in(BILLED_OUTCOMES))))]
    return twice + wrong


PRINT_ORDERS = {
    "customer": QT_TRANSLATE_NOOP("core", "in customer order"),
    "area": QT_TRANSLATE_NOOP("core", "in area order"),
    "route": QT_TRANSLATE_NOOP("core", "in route order"),
}


def print_order(engine: Engine, invoice_ids: list[int], order: str = "customer") -> list[int]:
    """The invoices in the order of the printed pile: by customer code, by area (then
    code), or by route — where each customer stands on the last confirmed route that
    delivered to it (truck by truck, stop by stop; customers never on a route last)."""
    from core.models import Route, RouteStop, Vehicle

    with unit_of_work(engine, write=False) as s:
        rows = s.execute(select(Invoice.id, Invoice.customer_id, Customer.code, Customer.area)
                         .join(Customer, Customer.id == Invoice.customer_id)
                         .where(Invoice.id.in_(invoice_ids))).all()
        place: dict[int, tuple] = {}
        if order == "route":
            for cid, day, plate, position in s.execute(
                    select(Order.customer_id, Route.day, Vehicle.plate, RouteStop.position)
                    .join(RouteStop, RouteStop.order_id == Order.id)
                    .join(Route, Route.id == RouteStop.route_id)
                    .join(Vehicle, Vehicle.id == Route.vehicle_id)
                    .where(Route.status == "confirmed",
                           Order.customer_id.in_({r.customer_id for r in rows}))
                    .order_by(Route.day)):
                place[cid] = (plate, position)  # the last day's wins

    def key(r) -> tuple:
        if order == "route":
            return (r.customer_id not in place, place.get(r.customer_id, ("", 0)), r.code)
        return (r.area, r.code) if order == "area" else (r.code,)
    return [r.id for r in sorted(rows, key=key)]

