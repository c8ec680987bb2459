"""Payments, refunds, credit notes and voided invoices: every movement of money through
the customer's ledger.

Each action is one transaction that first locks the customer's row (``FOR NO KEY
UPDATE`` on PostgreSQL, the ``BEGIN IMMEDIATE`` write transaction on SQLite), so two
workstations paying, allocating, refunding or voiding for one customer take turns.
In that transaction the document is written, its ledger row added (ledger rows are
never changed or deleted: the database refuses it) and the customer's balance column
moved by the same amount, so the balance always equals the sum of the ledger:

* a payment (cash, bank transfer, cheque) is ledger kind ``payment``, negative;
* a refund pays back credit, ledger kind ``refund``, positive;
* a credit note (a dispute, or the voiding of an invoice) is ``credit_note``, negative.

Payments and credit notes are *allocated* to invoices: an invoice's open amount is its
total less its allocations.  What a payment or credit note has not allocated is the
customer's unallocated credit; it can be placed later (``allocate``,
``apply_credit``) or paid back (``refund``).  A customer who has paid more than they
owe has a negative balance: that is their credit.

Roles: a clerk records payments and allocates them; a credit note needs another
manager's approval with their own password (nobody approves their own request; a
wrong password counts towards that manager's lockout); refunds and voids are a
manager's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import chain, requests, rules, workflow
from core.db import unit_of_work
from core.errors import DomainError, NotFound, PermissionDenied, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Allocation, CreditNote, Customer, Invoice, LedgerEntry, Order, Payment,
                         Route, RouteStop)
from core.models.base import utcnow
from core.money import format_money, parse_amount
from core.queries import aging
from core.queries.aging import OpenInvoice
from core.services import audit, auth, billing, cashup, einvoice, settings
from core.services.actor import Actor
from core.text import multi_line, one_line

ZERO = Decimal(0)
METHODS = {
    "cash": QT_TRANSLATE_NOOP("core", "cash"),
    "transfer": QT_TRANSLATE_NOOP("core", "bank transfer"),
    "cheque": QT_TRANSLATE_NOOP("core", "cheque"),
}
KINDS = {
    "payment": QT_TRANSLATE_NOOP("core", "payment"),
    "refund": QT_TRANSLATE_NOOP("core", "refund"),
}


@dataclass(frozen=True)
class AllocationView:
    invoice_id: int
    invoice_number: str
    amount: Decimal


@dataclass(frozen=True)
class PaymentView:
    """A payment received (``kind`` payment) or paid back (``kind`` refund)."""

    id: int
    customer_id: int
    kind: str  # payment | refund
    method: str  # cash | transfer | cheque
    amount: Decimal  # positive
    received_on: date  # for a refund: the day it was paid back
    cheque_number: str
    cheque_bank: str
    cheque_date: date | None
    reference: str  # a refund's reason
    allocations: tuple[AllocationView, ...]
    created_by: str
    created_at: datetime
    balance: Decimal  # the customer's balance when this view was made (negative: credit)
    route_id: int | None = None  # taken or paid by the driver at a stop of this route

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)

    @property
    def unallocated(self) -> Decimal:
        """What is left as the customer's credit (0 for a refund)."""
        return self.amount - self.allocated if self.kind == "payment" else ZERO


@dataclass(frozen=True)
class CreditNoteView:
    id: int
    number: str  # CN-YYYY-NNNNNN
    customer_id: int
    invoice_id: int | None
    amount: Decimal  # positive: what is credited
    reason: str
    voids: bool  # the credit note that voided invoice ``invoice_id``
    requested_by: str
    approved_by: str
    created_at: datetime
    allocations: tuple[AllocationView, ...]
    balance: Decimal  # the customer's balance when this view was made

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)

    @property
    def unallocated(self) -> Decimal:
        return self.amount - self.allocated


@dataclass(frozen=True)
class LedgerRow:
    id: int
    at: datetime
    kind: str  # delivery | delivery_undone | invoice | payment | refund | credit_note
    amount: Decimal  # + owes more, - owes less
    running: Decimal  # the balance after this row
    note: str
    created_by: str
    order_id: int | None
    invoice_id: int | None
    payment_id: int | None
    credit_note_id: int | None


@dataclass(frozen=True)
class Approval:
    """What the approving manager types: their own user name and password.
    ``orders.OverrideRequest`` works as well (its reason is not used here)."""

    manager: str
    password: str


class _Approving(Protocol):
    manager: str
    password: str


# --- helpers ------------------------------------------------------------------------------

def _error(field: str, template: str, **params: object) -> ValidationError:
    return ValidationError({field: DomainError(template, **params)})


def _lock_customer(s: Session, customer_id: int) -> Customer:
    """The customer's row, locked for this transaction (money moves for one customer
    take turns).  FOR NO KEY UPDATE: the documents' foreign keys take KEY SHARE."""
    c = s.scalars(select(Customer).where(Customer.id == customer_id)
                  .with_for_update(key_share=True)).first()
    if c is None:
        raise NotFound()
    return c


def _post(s: Session, actor: Actor, customer_id: int, kind: str, amount: Decimal, *,
          business_date: date, payment_id: int | None = None,
          credit_note_id: int | None = None, invoice_id: int | None = None,
          note: str = "") -> None:
    """A ledger row (on the day it belongs to) and the same change of the customer's
    balance column."""
    s.execute(update(Customer).where(Customer.id == customer_id)
              .values(balance=Customer.balance + amount)
              .execution_options(synchronize_session=False))
    chain.ledger(s, [dict(customer_id=customer_id, kind=kind, amount=amount,
                          payment_id=payment_id, credit_note_id=credit_note_id,
                          invoice_id=invoice_id, note=note[:500], created_by=actor.username,
                          at=utcnow(), business_date=business_date)])


def _sum(s: Session, column, *where) -> Decimal:
    value = s.scalar(select(func.coalesce(func.sum(column), 0)).where(*where))
    return value if isinstance(value, Decimal) else Decimal(value or 0)


def unallocated_in(s: Session, customer_id: int) -> Decimal:
    """The customer's payments and credit notes less what they allocated and what was
    refunded: the credit that can still be allocated or paid back."""
    paid = _sum(s, Payment.amount, Payment.customer_id == customer_id, Payment.kind == "payment")
    refunded = _sum(s, Payment.amount, Payment.customer_id == customer_id,
                    Payment.kind == "refund")
    credited = _sum(s, CreditNote.amount, CreditNote.customer_id == customer_id)
    placed = _sum(s, Allocation.amount, Allocation.invoice_id.in_(
        select(Invoice.id).where(Invoice.customer_id == customer_id)))
    return paid + credited - placed - refunded


def _remainder(s: Session, *, payment_id: int | None = None,
               credit_note_id: int | None = None) -> Decimal:
    if payment_id is not None:
        whole = s.scalar(select(Payment.amount).where(Payment.id == payment_id))
        return whole - _sum(s, Allocation.amount, Allocation.payment_id == payment_id)
    whole = s.scalar(select(CreditNote.amount).where(CreditNote.id == credit_note_id))
    return whole - _sum(s, Allocation.amount, Allocation.credit_note_id == credit_note_id)


def _place(s: Session, actor: Actor, invoice: OpenInvoice, amount: Decimal, *,
           payment_id: int | None = None, credit_note_id: int | None = None) -> AllocationView:
    s.add(Allocation(invoice_id=invoice.id, payment_id=payment_id, credit_note_id=credit_note_id,
                     amount=amount, created_by=actor.username, created_at=utcnow()))
    return AllocationView(invoice.id, invoice.number, amount)


def _auto(s: Session, actor: Actor, customer_id: int, amount: Decimal, *,
          payment_id: int | None = None, credit_note_id: int | None = None
          ) -> list[AllocationView]:
    """``amount`` onto the customer's oldest open invoices (by due date, then number)."""
    invoices = aging.open_in(s, customer_ids=[customer_id])
    out = [_place(s, actor, inv, part, payment_id=payment_id, credit_note_id=credit_note_id)
           for inv, part in rules.oldest_first(amount, ((inv, inv.open) for inv in invoices))]
    s.flush()
    return out


def _allocations(s: Session, *, payment_id: int | None = None,
                 credit_note_id: int | None = None) -> tuple[AllocationView, ...]:
    q = select(Allocation.invoice_id, Invoice.number, Allocation.amount).join(
        Invoice, Invoice.id == Allocation.invoice_id)
    q = q.where(Allocation.payment_id == payment_id) if payment_id is not None else \
        q.where(Allocation.credit_note_id == credit_note_id)
    return tuple(AllocationView(i, n, a) for i, n, a in s.execute(q.order_by(Allocation.id)))


def _balance(s: Session, customer_id: int) -> Decimal:
    return s.scalar(select(Customer.balance).where(Customer.id == customer_id))


def _payment_view(s: Session, p: Payment) -> PaymentView:
    return PaymentView(p.id, p.customer_id, p.kind, p.method, p.amount, p.received_on,
                       p.cheque_number, p.cheque_bank, p.cheque_date, p.reference,
                       _allocations(s, payment_id=p.id), p.created_by, p.created_at,
                       _balance(s, p.customer_id), p.route_id)


def _note_view(s: Session, n: CreditNote) -> CreditNoteView:
    return CreditNoteView(n.id, n.number, n.customer_id, n.invoice_id, n.amount, n.reason,
                          n.voids, n.requested_by, n.approved_by, n.created_at,
                          _allocations(s, credit_note_id=n.id), _balance(s, n.customer_id))


def _positive(text, currency: str, field: str = "amount") -> Decimal:
    value = parse_amount(text if text is not None else "", currency, field=field)
    if value <= 0:
        raise _error(field, QT_TRANSLATE_NOOP("core", "The amount must be more than zero."))
    return value


def _reason(text: str) -> str:
    reason = multi_line(text)
    if not reason:
        raise _error("reason", QT_TRANSLATE_NOOP("core", "Give the reason; it is kept with "
                                                          "the document and in the audit log."))
    return reason


def _at_stop(s: Session, route_id: int, customer_id: int, method: str, day: date | None,
             errors: dict[str, DomainError], methods: tuple[str, ...] = ("cash", "cheque")
             ) -> date:
    """Money taken or paid by a driver at a stop: the route is confirmed and not cashed
    up, the customer has a stop on it, the method is one a driver handles, and the day
    is the route's.  Returns the route's day."""
    route = s.get(Route, route_id)
    if route is None or route.status != "confirmed":
        raise _error("route", QT_TRANSLATE_NOOP(
            "core", "Money is taken at a stop of a confirmed route only."))
    cashup.refuse_if_settled(s, route_id=route_id)
    on_route = s.scalar(select(RouteStop.id).join(Order, Order.id == RouteStop.order_id)
                        .where(RouteStop.route_id == route_id,
                               Order.customer_id == customer_id).limit(1))
    if on_route is None:
        errors["route"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "This customer has no stop on that route."))
    if method not in methods:
        errors["method"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "A driver takes cash or a cheque at the stop (a refund at the door is "
            "paid in cash)."))
    if day is not None and day != route.day:
        errors["received_on"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Money taken at a stop is dated the route's day, {day}."),
            day=route.day.isoformat())
    return route.day


# --- payments -----------------------------------------------------------------------------

def record_payment(engine: Engine, actor: Actor, *, customer_id: int, method: str,
                   amount: Decimal | str, received_on: date | None = None,
                   cheque_number: str = "", cheque_bank: str = "",
                   cheque_date: date | None = None, reference: str = "",
                   allocations: list[tuple[int, Decimal | str]] | None = None,
                   request_key: str | None = None, route_id: int | None = None
                   ) -> PaymentView:
    """Record money received from a customer (clerk).

    ``method``: cash, transfer or cheque (a cheque needs its number, bank and date).
    ``amount`` is more than zero, in the currency's decimals.  ``allocations`` None
    places the payment on the customer's oldest open invoices (by due date, then
    number); a list of (invoice id, amount) places it by hand: each at most that
    invoice's open amount, together at most the payment.  What is not placed stays as
    the customer's credit.  ``request_key`` (one per submitted dialog, UNIQUE) makes a
    second submit return the first payment; the same key with another payment is refused
    (``requests.KeyReused``).  ``received_on`` defaults to today.  ``route_id``: taken by
    the driver at the customer's stop on that route (cash or cheque, on the route's day),
    counted in its cash-up.
    """
    actor.require("clerk")
    fingerprint = requests.fingerprint(
        "payment", customer=customer_id, method=method, amount=amount, received_on=received_on,
        cheque_number=cheque_number, cheque_bank=cheque_bank, cheque_date=cheque_date,
        reference=reference, allocations=allocations, route_id=route_id)
    try:
        with unit_of_work(engine) as s:
            if request_key:
                done = requests.earlier(s, Payment, request_key, fingerprint)
                if done is not None:
                    return _payment_view(s, done)
            currency = settings.read(s).currency
            errors: dict[str, DomainError] = {}
            if method not in METHODS:
                errors["method"] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "Choose cash, bank transfer or cheque."))
            try:
                value = _positive(amount, currency)
            except ValidationError as exc:
                errors.update(exc.field_errors)
                value = ZERO
            number, bank = one_line(cheque_number), one_line(cheque_bank)
            if method == "cheque":
                if not number:
                    errors["cheque_number"] = DomainError(QT_TRANSLATE_NOOP(
                        "core", "Enter the cheque's number."))
                if not bank:
                    errors["cheque_bank"] = DomainError(QT_TRANSLATE_NOOP(
                        "core", "Enter the bank the cheque is drawn on."))
                if cheque_date is None:
                    errors["cheque_date"] = DomainError(QT_TRANSLATE_NOOP(
                        "core", "Enter the date on the cheque."))
            elif number or bank or cheque_date is not None:
                errors["method"] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "Cheque details are only for a payment by cheque."))
            if len(number) > 40 or len(bank) > 80:
                errors["cheque_number" if len(number) > 40 else "cheque_bank"] = DomainError(
                    QT_TRANSLATE_NOOP("core", "This is too long."))
            ref = one_line(reference)
            if len(ref) > 120:
                errors["reference"] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "The reference is at most 120 characters."))
            customer = _lock_customer(s, customer_id)
            if route_id is not None:
                received_on = _at_stop(s, route_id, customer_id, method, received_on, errors)
            wanted: list[tuple[OpenInvoice, Decimal]] = []
            if allocations is not None and value > 0:
                wanted = _by_hand(s, customer_id, allocations, value, currency, errors)
            if errors:
                raise ValidationError(errors)
            p = Payment(customer_id=customer_id, kind="payment", method=method, amount=value,
                        received_on=received_on or date.today(), cheque_number=number,
                        cheque_bank=bank, cheque_date=cheque_date if method == "cheque" else None,
                        reference=ref, route_id=route_id, request_key=request_key or None,
                        request_hash=fingerprint if request_key else None,
                        created_by=actor.username, created_at=utcnow())
            s.add(p)
            s.flush()
            _post(s, actor, customer_id, "payment", -value, payment_id=p.id,
                  note=" ".join(x for x in (METHODS[method], number, bank, ref) if x),
                  business_date=p.received_on)
            if allocations is None:
                placed = _auto(s, actor, customer_id, value, payment_id=p.id)
            else:
                placed = [_place(s, actor, inv, part, payment_id=p.id) for inv, part in wanted]
                s.flush()
            audit.record(s, actor, "payment", p.id, "received", {
                "customer": [None, customer.code], "method": [None, method],
                "amount": [None, audit.plain(value)],
                **({"cheque": [None, f"{number} {bank} {cheque_date}"]} if number else {}),
                "allocated": [None, [f"{a.invoice_number} {audit.plain(a.amount)}"
                                     for a in placed]]}, summary=customer.name)
            return _payment_view(s, p)
    except IntegrityError:
        done = _submitted_at_once(engine, request_key, fingerprint)
        if done is None:
            raise
        return done


def _submitted_at_once(engine: Engine, request_key: str | None, fingerprint: str
                       ) -> PaymentView | None:
    """After a UNIQUE request key refused the insert: the payment or refund the same
    request, submitted twice at once, recorded (another request's key is refused)."""
    if not request_key:
        return None
    with unit_of_work(engine, write=False) as s:
        done = requests.earlier(s, Payment, request_key, fingerprint)
        return _payment_view(s, done) if done is not None else None


def _by_hand(s: Session, customer_id: int, allocations, value: Decimal, currency: str,
             errors: dict) -> list[tuple[OpenInvoice, Decimal]]:
    """The chosen allocations, checked: each invoice this customer's and open, each part
    more than zero and within the invoice's open amount, together within the payment."""
    ids = [invoice_id for invoice_id, _ in allocations]
    open_ = {inv.id: inv for inv in aging.open_in(s, customer_ids=[customer_id],
                                                  invoice_ids=ids)}
    numbers = dict(s.execute(select(Invoice.id, Invoice.number).where(Invoice.id.in_(ids))).all())
    out: list[tuple[OpenInvoice, Decimal]] = []
    used: dict[int, Decimal] = {}
    for n, (invoice_id, part) in enumerate(allocations, start=1):
        field = f"allocation{n}"
        try:
            part = _positive(part, currency, field=field)
        except ValidationError as exc:
            errors.update(exc.field_errors)
            continue
        inv = open_.get(invoice_id)
        if inv is None:
            errors[field] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Invoice {invoice} is not an open invoice of this customer."),
                invoice=numbers.get(invoice_id, invoice_id))
            continue
        used[invoice_id] = used.get(invoice_id, ZERO) + part
        if used[invoice_id] > inv.open:
            errors[field] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Invoice {invoice} has only {open} open."), invoice=inv.number,
                open=format_money(inv.open, currency))
            continue
        out.append((inv, part))
    total = sum((part for _, part in out), ZERO)
    if total > value:
        errors["allocations"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The allocations ({allocated}) are more than the payment ({amount})."),
            allocated=format_money(total, currency), amount=format_money(value, currency))
    return out


def allocate(engine: Engine, actor: Actor, *, invoice_id: int, amount: Decimal | str,
             payment_id: int | None = None,
             credit_note_id: int | None = None) -> PaymentView | CreditNoteView:
    """Place part of a payment's (or a credit note's) unallocated credit on an invoice of
    the same customer (clerk).  At most the invoice's open amount, what the payment or
    credit note has left, and the customer's unallocated credit (refunds took some).
    Returns the payment or credit note as it is now."""
    actor.require("clerk")
    if (payment_id is None) == (credit_note_id is None):
        raise TypeError("give payment_id or credit_note_id")
    with unit_of_work(engine) as s:
        currency = settings.read(s).currency
        value = _positive(amount, currency)
        if payment_id is not None:
            source = s.execute(select(Payment.customer_id, Payment.kind)
                               .where(Payment.id == payment_id)).first()
            if source is None or source.kind != "payment":
                raise NotFound()
        else:
            source = s.execute(select(CreditNote.customer_id)
                               .where(CreditNote.id == credit_note_id)).first()
            if source is None:
                raise NotFound()
        customer_id = source.customer_id
        _lock_customer(s, customer_id)
        invoice = s.execute(select(Invoice.number, Invoice.customer_id)
                            .where(Invoice.id == invoice_id)).first()
        if invoice is None:
            raise NotFound()
        found = aging.open_in(s, customer_ids=[customer_id], invoice_ids=[invoice_id])
        if not found:
            raise _error("invoice", QT_TRANSLATE_NOOP(
                "core", "Invoice {invoice} is not an open invoice of this customer."),
                invoice=invoice.number)
        inv = found[0]
        left = min(_remainder(s, payment_id=payment_id, credit_note_id=credit_note_id),
                   unallocated_in(s, customer_id))
        if value > inv.open:
            raise _error("amount", QT_TRANSLATE_NOOP(
                "core", "Invoice {invoice} has only {open} open."), invoice=inv.number,
                open=format_money(inv.open, currency))
        if value > left:
            raise _error("amount", QT_TRANSLATE_NOOP(
                "core", "Only {left} of this payment or credit note is left to allocate."),
                left=format_money(max(left, ZERO), currency))
        placed = _place(s, actor, inv, value, payment_id=payment_id,
                        credit_note_id=credit_note_id)
        s.flush()
        audit.record(s, actor, "invoice", inv.number, "allocated", {
            "from": [None, f"payment {payment_id}" if payment_id else f"credit note "
                     f"{credit_note_id}"], "amount": [None, audit.plain(placed.amount)]})
        if payment_id is not None:
            return _payment_view(s, s.get(Payment, payment_id))
        return _note_view(s, s.get(CreditNote, credit_note_id))


def apply_credit(engine: Engine, actor: Actor, *, customer_id: int) -> list[AllocationView]:
    """Place the customer's unallocated payments and credit notes (oldest first) on their
    oldest open invoices, e.g. after a billing run for a customer who paid in advance
    (clerk).  Returns what was placed (nothing: no credit, or nothing open)."""
    actor.require("clerk")
    with unit_of_work(engine) as s:
        _lock_customer(s, customer_id)
        budget = unallocated_in(s, customer_id)
        invoices = aging.open_in(s, customer_ids=[customer_id])
        if budget <= 0 or not invoices:
            return []
        sources: list[tuple[datetime, str, int, Decimal]] = []
        for pid, at in s.execute(select(Payment.id, Payment.created_at).where(
                Payment.customer_id == customer_id, Payment.kind == "payment")):
            sources.append((at, "payment", pid, _remainder(s, payment_id=pid)))
        for nid, at in s.execute(select(CreditNote.id, CreditNote.created_at).where(
                CreditNote.customer_id == customer_id)):
            sources.append((at, "credit_note", nid, _remainder(s, credit_note_id=nid)))
        sources.sort(key=lambda x: (x[0], x[1], x[2]))
        placed: list[AllocationView] = []
        opens = [[inv, inv.open] for inv in invoices]
        for _, kind, sid, left in sources:
            left = min(left, budget)
            for slot in opens:
                if left <= 0:
                    break
                part = min(left, slot[1])
                if part <= 0:
                    continue
                placed.append(_place(s, actor, slot[0], part,
                                     payment_id=sid if kind == "payment" else None,
                                     credit_note_id=sid if kind == "credit_note" else None))
                slot[1] -= part
                left -= part
                budget -= part
        s.flush()
        if placed:
            audit.record(s, actor, "customer", customer_id, "credit_applied", {
                "allocated": [None, [f"{a.invoice_number} {audit.plain(a.amount)}"
                                     for a in placed]]})
        return placed


def refund(engine: Engine, actor: Actor, *, customer_id: int, amount: Decimal | str,
           method: str, reason: str, paid_on: date | None = None,
           request_key: str | None = None, route_id: int | None = None) -> PaymentView:
    """Pay back a customer's credit (manager): at most what they are owed (their negative
    balance) and their unallocated credit.  Ledger kind ``refund``, positive.
    ``request_key`` as for ``record_payment``; ``route_id``: paid by the driver at the
    customer's stop on that route (in cash), counted in its cash-up."""
    actor.require("manager")
    fingerprint = requests.fingerprint("refund", customer=customer_id, amount=amount,
                                       method=method, reason=reason, paid_on=paid_on,
                                       route_id=route_id)
    reason = _reason(reason)
    if method not in METHODS:
        raise _error("method", QT_TRANSLATE_NOOP("core", "Choose cash, bank transfer or cheque."))
    if len(reason) > 120:
        raise _error("reason", QT_TRANSLATE_NOOP("core", "The reason is at most 120 characters."))
    try:
        with unit_of_work(engine) as s:
            currency = settings.read(s).currency
            value = _positive(amount, currency)
            customer = _lock_customer(s, customer_id)  # a second submit waits for the first
            if request_key:
                done = requests.earlier(s, Payment, request_key, fingerprint)
                if done is not None:
                    return _payment_view(s, done)
            if route_id is not None:
                errors: dict[str, DomainError] = {}
                paid_on = _at_stop(s, route_id, customer_id, method, paid_on, errors,
                                   methods=("cash",))
                if errors:
                    raise ValidationError(errors)
            owed = max(ZERO, min(-customer.balance, unallocated_in(s, customer_id)))
            if value > owed:
                raise _error("amount", QT_TRANSLATE_NOOP(
                    "core", "{customer} has {credit} in credit; a refund cannot be more."),
                    customer=customer.name, credit=format_money(owed, currency))
            p = Payment(customer_id=customer_id, kind="refund", method=method, amount=value,
                        received_on=paid_on or date.today(), reference=reason,
                        route_id=route_id,
                        request_key=request_key or None,
                        request_hash=fingerprint if request_key else None,
                        created_by=actor.username, created_at=utcnow())
            s.add(p)
            s.flush()
            _post(s, actor, customer_id, "refund", value, payment_id=p.id, note=reason,
                  business_date=p.received_on)
            audit.record(s, actor, "payment", p.id, "refunded", {
                "customer": [None, customer.code], "method": [None, method],
                "amount": [None, audit.plain(value)], "reason": [None, reason]},
                summary=customer.name)
            return _payment_view(s, p)
    except IntegrityError:
        done = _submitted_at_once(engine, request_key, fingerprint)
        if done is None:
            raise
        return done


# --- credit notes and voids ---------------------------------------------------------------

def approve(engine: Engine, actor: Actor, approval: _Approving) -> Actor:
    """The approving manager, by their own password (a wrong one counts towards their
    lockout: ``auth.login`` commits the failure); never the requester."""
    approver = auth.login(engine, approval.manager, approval.password)
    if not approver.can("manager"):
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "core", "{user} is not a manager and cannot approve a credit note."),
            user=approver.username)
    if approver.username == actor.username:
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "core", "Nobody approves their own request: another manager must approve it."))
    return approver


def _new_note(s: Session, actor: Actor, approver: Actor, customer_id: int, amount: Decimal,
              reason: str, *, invoice_id: int | None, voids: bool) -> CreditNote:
    today = utcnow().astimezone().date()  # the office's day (the demo's recorded one)
    year = today.year
    number = f"CN-{year}-{billing.next_number(s, 'CN', year):06d}"
    note = CreditNote(number=number, customer_id=customer_id, invoice_id=invoice_id,
                      amount=amount, reason=reason, voids=voids, requested_by=actor.username,
                      approved_by=approver.username, created_at=utcnow())
    s.add(note)
    s.flush()
    _post(s, actor, customer_id, "credit_note", -amount, credit_note_id=note.id,
          invoice_id=invoice_id, note=f"{number} {reason}", business_date=today)
    return note


def credit_note(engine: Engine, actor: Actor, *, customer_id: int, amount: Decimal | str,
                reason: str, approval: _Approving, invoice_id: int | None = None
                ) -> CreditNoteView:
    """A credit note for a dispute (clerk or manager asks; another manager approves with
    their own user name and password).  Numbered CN-YYYY-NNNNNN without gaps, in the
    same transaction.  With ``invoice_id`` it is allocated to that invoice up to its
    open amount; the rest (or all of it, without an invoice) stays as credit.
    Amount and reason are checked before the password is."""
    actor.require("clerk")
    reason = _reason(reason)
    currency = settings.get_company(engine).currency
    value = _positive(amount, currency)
    approver = approve(engine, actor, approval)
    with unit_of_work(engine) as s:
        customer = _lock_customer(s, customer_id)
        target = None
        if invoice_id is not None:
            number = s.scalar(select(Invoice.number).where(Invoice.id == invoice_id,
                                                           Invoice.customer_id == customer_id,
                                                           Invoice.status == "posted"))
            if number is None:
                raise _error("invoice", QT_TRANSLATE_NOOP(
                    "core", "That invoice is not a posted invoice of {customer}."),
                    customer=customer.name)
            found = aging.open_in(s, invoice_ids=[invoice_id])
            target = found[0] if found else None
        note = _new_note(s, actor, approver, customer_id, value, reason, invoice_id=invoice_id,
                         voids=False)
        if invoice_id is not None:
            einvoice.cancel_in(s, actor, amount=value, reason=reason, invoice_id=invoice_id,
                               credit_note_id=note.id)
        placed = []
        if target is not None:
            placed.append(_place(s, actor, target, min(value, target.open),
                                 credit_note_id=note.id))
            s.flush()
        audit.record(s, actor, "credit_note", note.number, "created", {
            "customer": [None, customer.code], "amount": [None, audit.plain(value)],
            "reason": [None, reason], "approved_by": [None, approver.username],
            **({"allocated": [None, [f"{a.invoice_number} {audit.plain(a.amount)}"
                                     for a in placed]]} if placed else {})},
            summary=customer.name)
        return _note_view(s, note)


def void_invoice(engine: Engine, actor: Actor, *, invoice_id: int, reason: str
                 ) -> CreditNoteView:
    """Void an invoice (manager, with a reason): never deleted, but credited in full by a
    credit note (``voids``) for its open amount — its whole total, less what earlier
    credit notes already credited — allocated to it, and marked ``void``.

    Refused while payments are allocated to it (taking an allocation back is not
    possible yet).  The voided invoice's delivery lines stay billed (UNIQUE per
    delivery line): they will not appear on another invoice.
    """
    actor.require("manager")
    reason = _reason(reason)
    with unit_of_work(engine) as s:
        customer_id = s.scalar(select(Invoice.customer_id).where(Invoice.id == invoice_id))
        if customer_id is None:
            raise NotFound()
        customer = _lock_customer(s, customer_id)
        inv = s.get(Invoice, invoice_id)
        if inv.status == "void":
            raise DomainError(QT_TRANSLATE_NOOP("core", "Invoice {invoice} is void already."),
                              invoice=inv.number)
        paid = _sum(s, Allocation.amount, Allocation.invoice_id == invoice_id,
                    Allocation.payment_id.is_not(None))
        currency = settings.read(s).currency
        if paid:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Invoice {invoice} has {paid} of payments allocated to it and cannot "
                "be voided. Give a credit note for what is disputed instead."),
                invoice=inv.number, paid=format_money(paid, currency))
        found = aging.open_in(s, invoice_ids=[invoice_id])
        if not found:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Invoice {invoice} is credited in full already; there is nothing "
                "left to void."), invoice=inv.number)
        target = found[0]
        note = _new_note(s, actor, actor, customer_id, target.open, reason,
                         invoice_id=invoice_id, voids=True)
        _place(s, actor, target, target.open, credit_note_id=note.id)
        einvoice.cancel_in(s, actor, amount=target.open, reason=reason, invoice_id=invoice_id,
                           credit_note_id=note.id)
        workflow.move(s, actor, workflow.INVOICE, inv, "void", action="voided", changes={
            "credit_note": [None, note.number], "amount": [None, audit.plain(target.open)],
            "reason": [None, reason]}, summary=customer.name)
        return _note_view(s, note)


# --- reading ------------------------------------------------------------------------------

def open_invoices(engine: Engine, customer_id: int) -> list[OpenInvoice]:
    """The customer's open invoices, oldest due first (the order payments are placed in)."""
    with unit_of_work(engine, write=False) as s:
        return aging.open_in(s, customer_ids=[customer_id])


def unallocated(engine: Engine, customer_id: int) -> Decimal:
    """The customer's credit not placed on an invoice yet (less refunds)."""
    with unit_of_work(engine, write=False) as s:
        return unallocated_in(s, customer_id)


def payments_of(engine: Engine, customer_id: int, *, limit: int = 500) -> list[PaymentView]:
    """The customer's payments and refunds, newest first."""
    with unit_of_work(engine, write=False) as s:
        return [_payment_view(s, p) for p in s.scalars(
            select(Payment).where(Payment.customer_id == customer_id)
            .order_by(Payment.id.desc()).limit(limit))]


def credit_notes_of(engine: Engine, customer_id: int, *, limit: int = 500
                    ) -> list[CreditNoteView]:
    """The customer's credit notes, newest first."""
    with unit_of_work(engine, write=False) as s:
        return [_note_view(s, n) for n in s.scalars(
            select(CreditNote).where(CreditNote.customer_id == customer_id)
            .order_by(CreditNote.id.desc()).limit(limit))]


def get_payment(engine: Engine, payment_id: int) -> PaymentView:
    with unit_of_work(engine, write=False) as s:
        p = s.get(Payment, payment_id)
        if p is None:
            raise NotFound()
        return _payment_view(s, p)


def get_credit_note(engine: Engine, credit_note_id: int) -> CreditNoteView:
    with unit_of_work(engine, write=False) as s:
        n = s.get(CreditNote, credit_note_id)
        if n is None:
            raise NotFound()
        return _note_view(s, n)


def ledger(engine: Engine, customer_id: int, *, limit: int = 1000) -> list[LedgerRow]:
    """The customer's newest ledger rows, newest first, each with the balance after it."""
    with unit_of_work(engine, write=False) as s:
        rows = list(s.scalars(select(LedgerEntry).where(LedgerEntry.customer_id == customer_id)
                              .order_by(LedgerEntry.id.desc()).limit(limit)))
        running = _balance(s, customer_id)
        if running is None:
            raise NotFound()
        out = []
        for e in rows:
            out.append(LedgerRow(e.id, e.at, e.kind, e.amount, running, e.note, e.created_by,
                                 e.order_id, e.invoice_id, e.payment_id, e.credit_note_id))
            running -= e.amount
        return out


# --- db check -----------------------------------------------------------------------------

def open_amounts_hold(s: Session) -> list[str]:
    """db check: no invoice is allocated more than its total; a void invoice is allocated
    exactly its total and has its voiding credit note."""
    placed = dict(s.execute(select(Allocation.invoice_id, func.sum(Allocation.amount))
                            .group_by(Allocation.invoice_id)).all())
    voiding = set(s.scalars(select(CreditNote.invoice_id).where(CreditNote.voids.is_(True))))
    broken = []
    for iid, number, total, status in s.execute(select(Invoice.id, Invoice.number,
                                                       Invoice.total, Invoice.status)):
        got = placed.get(iid) or ZERO
        if got > total:
            broken.append(f"invoice {number}: allocated {got} of {total}")
        elif status == "void" and (got != total or iid not in voiding):
            broken.append(f"invoice {number}: void but allocated {got} of {total}")
        elif status == "posted" and iid in voiding:
            broken.append(f"invoice {number}: has a voiding credit note but is not void")
    return broken


def allocations_within_sources(s: Session) -> list[str]:
    """db check: each allocation is positive, from one payment (not a refund) or one credit
    note of the invoice's customer; no payment or credit note allocates more than its
    amount; no customer's allocations and refunds exceed their payments and credit notes."""
    broken = [f"allocation {aid}" for (aid,) in s.execute(
        select(Allocation.id).join(Invoice, Invoice.id == Allocation.invoice_id)
        .outerjoin(Payment, Payment.id == Allocation.payment_id)
        .outerjoin(CreditNote, CreditNote.id == Allocation.credit_note_id)
        .where((Allocation.amount <= 0)
               | (Allocation.payment_id.is_(None) == Allocation.credit_note_id.is_(None))
               | ((Payment.id.is_not(None))
                  & ((Payment.kind != "payment") | (Payment.customer_id != Invoice.customer_id)))
               | ((CreditNote.id.is_not(None))
                  & (CreditNote.customer_id != Invoice.customer_id))))]
    for model, column in ((Payment, Allocation.payment_id),
                          (CreditNote, Allocation.credit_note_id)):
        used = dict(s.execute(select(column, func.sum(Allocation.amount))
                              .where(column.is_not(None)).group_by(column)).all())
        if not used:
            continue
        name = "payment" if model is Payment else "credit note"
        for sid, amount in s.execute(select(model.id, model.amount).where(
                model.id.in_(list(used)))):
            if used[sid] > amount:
                broken.append(f"{name} {sid}: allocated {used[sid]} of {amount}")
    for cid, code in s.execute(select(Customer.id, Customer.code).where(Customer.id.in_(
            select(Payment.customer_id).where(Payment.kind == "refund")))):
        if unallocated_in(s, cid) < 0:
            broken.append(f"customer {code}: refunds and allocations exceed the credit")
    return broken


def documents_in_ledger(s: Session) -> list[str]:
    """db check: every payment, refund and credit note has one ledger row of its customer
    for its amount (payments and credit notes negative, refunds positive)."""
    broken = []
    rows = {}
    for pid, nid, cid, amount, n in s.execute(
            select(LedgerEntry.payment_id, LedgerEntry.credit_note_id, LedgerEntry.customer_id,
                   func.sum(LedgerEntry.amount), func.count())
            .where(LedgerEntry.kind.in_(("payment", "refund", "credit_note")))
            .group_by(LedgerEntry.payment_id, LedgerEntry.credit_note_id,
                      LedgerEntry.customer_id)):
        rows[("p", pid) if pid is not None else ("n", nid)] = (cid, amount, n)
    for pid, cid, kind, amount in s.execute(select(Payment.id, Payment.customer_id,
                                                   Payment.kind, Payment.amount)):
        want = (cid, amount if kind == "refund" else -amount, 1)
        if rows.pop(("p", pid), None) != want:
            broken.append(f"{kind} {pid}")
    for nid, number, cid, amount in s.execute(select(CreditNote.id, CreditNote.number,
                                                     CreditNote.customer_id, CreditNote.amount)):
        if rows.pop(("n", nid), None) != (cid, -amount, 1):
            broken.append(f"credit note {number}")
    return broken + [f"ledger rows of {kind} {sid} without their document"
                     for kind, sid in rows]
