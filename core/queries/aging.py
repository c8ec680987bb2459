"""Open invoices and their age: what is still owed on each invoice, and the aging report.

An invoice's open amount is its total less its allocations (payments and credit notes
set against it); a void invoice is fully allocated to its voiding credit note, so it
is never open.  Its age is counted from its due date (issue date + the customer's
payment terms): on or before the due date it is *current* (not yet due); 1–30 days
after it falls in the first overdue bucket (the product's "0–30 days"), then 31–60,
61–90 and over 90.

A credit summary's open amounts are today's.  The aging report is as of a day (today
unless told), by business date: the invoices issued by then, less what payments
received and credit notes made by then paid of them — a payment received on the 30th
and keyed in on the 2nd is in the report as of the 30th.  That is what a report "as of
the month's end" printed a few days later needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.orm import Session, aliased

from core.db import unit_of_work
from core.models import Allocation, Customer, Invoice, LedgerEntry, Payment

ZERO = Decimal(0)
NO_OVERDUE = (ZERO, ZERO, ZERO, ZERO)  # 0-30, 31-60, 61-90, 90+ days past due


@dataclass(frozen=True)
class OpenInvoice:
    id: int
    number: str
    customer_id: int
    issue_date: date
    due_date: date
    total: Decimal
    allocated: Decimal  # paid or credited so far
    open: Decimal  # total - allocated, > 0

    def days_overdue(self, as_of: date | None = None) -> int:
        """Days past the due date (0 while not yet due)."""
        return max(0, ((as_of or date.today()) - self.due_date).days)


@dataclass(frozen=True)
class AgingRow:
    customer_id: int
    code: str
    name: str
    current: Decimal  # not yet due
    d0_30: Decimal  # 1-30 days past the due date
    d31_60: Decimal
    d61_90: Decimal
    d90_plus: Decimal
    total: Decimal  # everything open (current + overdue)

    @property
    def overdue(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        return self.d0_30, self.d31_60, self.d61_90, self.d90_plus


def bucket(days_past_due: int) -> int:
    """0 current, 1 for 1-30 days past due, 2 for 31-60, 3 for 61-90, 4 for over 90."""
    if days_past_due <= 0:
        return 0
    if days_past_due <= 30:
        return 1
    if days_past_due <= 60:
        return 2
    return 3 if days_past_due <= 90 else 4


def allocations_by(day: date):
    """The ids of the allocations whose payment was received, or credit note made, by
    ``day`` (their business date): what had been set against invoices on that day."""
    note = aliased(LedgerEntry)
    return (select(Allocation.id)
            .outerjoin(Payment, Payment.id == Allocation.payment_id)
            .outerjoin(note, note.credit_note_id == Allocation.credit_note_id)
            .where(func.coalesce(Payment.received_on, note.business_date) <= day))


def open_in(s: Session, *, customer_ids: Iterable[int] | None = None,
            invoice_ids: Iterable[int] | None = None, due_before: date | None = None,
            issued_by: date | None = None) -> list[OpenInvoice]:
    """The posted invoices with something still open, oldest due first (then by number):
    one grouped query (the invoice's allocations summed).  With ``issued_by``, as of that
    day: the invoices issued and the allocations made by then (``allocations_by``)."""
    allocated = func.coalesce(func.sum(Allocation.amount), 0)
    joined = Allocation.invoice_id == Invoice.id
    if issued_by is not None:
        joined = and_(joined, Allocation.id.in_(allocations_by(issued_by)))
    q = (select(Invoice.id, Invoice.number, Invoice.customer_id, Invoice.issue_date,
                Invoice.due_date, Invoice.total, allocated.label("allocated"))
         .outerjoin(Allocation, joined)
         .where(Invoice.status == "posted"))
    if customer_ids is not None:
        q = q.where(Invoice.customer_id.in_(list(customer_ids)))
    if invoice_ids is not None:
        q = q.where(Invoice.id.in_(list(invoice_ids)))
    if due_before is not None:
        q = q.where(Invoice.due_date < due_before)
    if issued_by is not None:
        q = q.where(Invoice.issue_date <= issued_by)
    q = (q.group_by(Invoice.id).having(Invoice.total > allocated)
         .order_by(Invoice.due_date, Invoice.number))
    out = []
    for r in s.execute(q):
        paid = r.allocated if isinstance(r.allocated, Decimal) else Decimal(r.allocated or 0)
        out.append(OpenInvoice(r.id, r.number, r.customer_id, r.issue_date, r.due_date,
                               r.total, paid, r.total - paid))
    return out


def buckets_in(s: Session, customer_ids: Iterable[int], as_of: date | None = None
               ) -> dict[int, tuple[Decimal, Decimal, Decimal, Decimal, Decimal]]:
    """Per customer: (current, 0-30, 31-60, 61-90, 90+) of their open invoices (all of
    them: a credit summary's figures are today's)."""
    as_of = as_of or date.today()
    out: dict[int, list[Decimal]] = {}
    for inv in open_in(s, customer_ids=customer_ids):
        row = out.setdefault(inv.customer_id, [ZERO] * 5)
        row[bucket((as_of - inv.due_date).days)] += inv.open
    return {cid: tuple(v) for cid, v in out.items()}  # type: ignore[misc]


def overdue_in(s: Session, customer_ids: Iterable[int], as_of: date | None = None
               ) -> dict[int, tuple[Decimal, Decimal, Decimal, Decimal]]:
    """Per customer (only those with something overdue): the four overdue buckets."""
    return {cid: b[1:] for cid, b in buckets_in(s, customer_ids, as_of).items()
            if any(b[1:])}  # type: ignore[misc]


def oldest_overdue_in(s: Session, customer_ids: Iterable[int], *, days: int,
                      as_of: date | None = None) -> dict[int, OpenInvoice]:
    """Per customer: their oldest open invoice more than ``days`` days past due."""
    as_of = as_of or date.today()
    out: dict[int, OpenInvoice] = {}
    for inv in open_in(s, customer_ids=customer_ids,
                       due_before=date.fromordinal(as_of.toordinal() - days)):
        out.setdefault(inv.customer_id, inv)
    return out


def aging(engine: Engine, *, as_of: date | None = None,
          customer_id: int | None = None) -> list[AgingRow]:
    """The aging report: every customer with an open invoice, by code."""
    as_of = as_of or date.today()
    with unit_of_work(engine, write=False) as s:
        by_customer: dict[int, list[Decimal]] = {}
        for inv in open_in(s, customer_ids=None if customer_id is None else [customer_id],
                           issued_by=as_of):
            row = by_customer.setdefault(inv.customer_id, [ZERO] * 5)
            row[bucket((as_of - inv.due_date).days)] += inv.open
        if not by_customer:
            return []
        owing = [customer_id] if customer_id is not None else \
            select(Invoice.customer_id).where(Invoice.status == "posted")
        people = s.execute(select(Customer.id, Customer.code, Customer.name)
                           .where(Customer.id.in_(owing)).order_by(Customer.code))
        return [AgingRow(cid, code, name, *by_customer[cid], sum(by_customer[cid], ZERO))
                for cid, code, name in people if cid in by_customer]
