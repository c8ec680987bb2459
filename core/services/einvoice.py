"""Uniform invoices (統一發票) when the company turns them on (Settings).

- **Number ranges.**  A manager enters the ranges the tax office allotted per two-month
  period (``add_range``).  A document takes its number in its own transaction
  (``_take``): one conditional UPDATE of the period's first range with numbers left,
  which holds the range's row until the commit, so numbers are given in order without a
  gap or a duplicate, and a rolled-back document gives its number back.  No number left
  refuses the document before anything is saved.  From 90 % used the ranges say so
  (``usage``).
- **Issue** (``issue_in``): a cash sale's uniform invoice at its delivery's confirmation;
  a monthly invoice's at the billing run, dated the billed month's last day and numbered
  from that date's period.  A buyer with a 統一編號 gets a B2B invoice (tax shown
  separately), a consumer a B2C one (tax included) with their carrier or donation code,
  or a printed proof.
- **Voids and allowances** (``cancel_in``): a sale undone or an invoice voided voids its
  uniform invoice up to the period's filing deadline (``uniform.void_until``); after it,
  or for part of it (a credit note), an allowance (折讓證明單) takes the amount off.  A
  business's allowance is reported once the buyer has confirmed it (``confirm_allowance``).
- **Reporting** (``export``): every document makes its Turnkey message in its own
  transaction (``einvoice_message``, due by the Ministry's deadline); ``export`` writes the
  ones not written yet, one XML file each, written aside and renamed into the upload
  folder, so a killed export leaves no half-written file and writes nothing twice.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, and_, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from core import uniform
from core.db import unit_of_work
from core.errors import DomainError, NotFound, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Allowance, CashSale, CashSaleLine, Customer, EInvoiceMessage, Invoice,
                         InvoiceLine, NumberRange, UniformInvoice)
from core.models.base import utcnow
from core.money import quantize
from core.services import audit, billing, settings
from core.services.actor import Actor

log = logging.getLogger(__name__)
ZERO = Decimal(0)
WARN_AT = Decimal("0.9")  # the share of a period's numbers used that warns


def enabled(company: settings.CompanySettings) -> bool:
    return company.uniform_invoices == "on"


def _error(template: str, **params) -> DomainError:
    return DomainError(template, **params)


# --- number ranges ----------------------------------------------------------------------

@dataclass(frozen=True)
class RangeView:
    id: int
    period: int
    period_label: str
    track: str
    first: int
    last: int
    next: int
    closed: bool

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    @property
    def used(self) -> int:
        return self.next - self.first

    @property
    def first_number(self) -> str:
        return uniform.number(self.track, self.first)

    @property
    def last_number(self) -> str:
        return uniform.number(self.track, self.last)


@dataclass(frozen=True)
class Usage:
    """A period's numbers: how many, how many used; ``warning`` from 90 % used."""

    period: int
    period_label: str
    total: int
    used: int

    @property
    def left(self) -> int:
        return self.total - self.used

    @property
    def warning(self) -> bool:
        return self.total > 0 and self.used >= self.total * WARN_AT


def _range_view(r: NumberRange) -> RangeView:
    return RangeView(r.id, r.period, uniform.period_label(r.period), r.track, r.first, r.last,
                     r.next, r.closed_at is not None)


def _serial(text: str | int, field: str) -> int:
    value = str(text).strip()
    if not (value.isdigit() and len(value) == 8):
        raise ValidationError({field: _error(QT_TRANSLATE_NOOP(
            "core", "A uniform invoice number has 8 digits, e.g. 10000000."))})
    return int(value)


def add_range(engine: Engine, actor: Actor, *, period: str | int, track: str,
              first: str | int, last: str | int) -> RangeView:
    """Enter a range the tax office allotted (manager): a period, a track of two capital
    letters and its first and last number, in books of 50 (…00 or …50 to …49 or …99)."""
    actor.require("manager")
    errors: dict[str, DomainError] = {}
    try:
        month = uniform.parse_period(period)
    except ValueError:
        month = 0
        errors["period"] = _error(QT_TRANSLATE_NOOP(
            "core", "Enter the period as its year and first month, e.g. 2026-11 or 115-11."))
    track = str(track).strip().upper()
    if uniform.TRACK.fullmatch(track) is None:
        errors["track"] = _error(QT_TRANSLATE_NOOP(
            "core", "A track is two capital letters, e.g. AB."))
    try:
        low = _serial(first, "first")
    except ValidationError as exc:
        errors |= exc.field_errors
        low = None
    try:
        high = _serial(last, "last")
    except ValidationError as exc:
        errors |= exc.field_errors
        high = None
    if low is not None and high is not None:
        if high < low:
            errors["last"] = _error(QT_TRANSLATE_NOOP(
                "core", "The last number must not be below the first."))
        elif low % uniform.BLOCK or (high + 1) % uniform.BLOCK:
            errors["first" if low % uniform.BLOCK else "last"] = _error(QT_TRANSLATE_NOOP(
                "core", "Numbers are allotted in books of 50: a range starts at …00 or …50 "
                        "and ends at …49 or …99."))
    if errors:
        raise ValidationError(errors)
    with unit_of_work(engine) as s:
        if s.scalar(select(NumberRange.id).where(NumberRange.period == month,
                                                 NumberRange.closed_at.is_not(None))):
            raise _error(QT_TRANSLATE_NOOP(
                "core", "The unused numbers of {period} have been reported: the period is "
                        "closed."), period=uniform.period_label(month))
        clash = s.scalar(select(NumberRange).where(
            NumberRange.period == month, NumberRange.track == track,
            NumberRange.first <= high, NumberRange.last >= low))
        if clash is not None:
            raise ValidationError({"first": _error(QT_TRANSLATE_NOOP(
                "core", "{first}–{last} overlaps the range {other} entered already."),
                first=uniform.number(track, low), last=uniform.number(track, high),
                other=f"{uniform.number(track, clash.first)}–{clash.last:08d}")})
        r = NumberRange(period=month, track=track, first=low, last=high, next=low,
                        created_by=actor.username, created_at=utcnow())
        s.add(r)
        s.flush()
        audit.record(s, actor, "einvoice_range", f"{uniform.roc_period(month)} {track}",
                     "created", {"first": [None, f"{low:08d}"], "last": [None, f"{high:08d}"]},
                     summary=uniform.period_label(month))
        return _range_view(r)


def ranges(engine: Engine, *, period: int | None = None) -> list[RangeView]:
    """The ranges entered, newest period first."""
    with unit_of_work(engine, write=False) as s:
        q = select(NumberRange).order_by(NumberRange.period.desc(), NumberRange.track,
                                         NumberRange.first)
        if period is not None:
            q = q.where(NumberRange.period == period)
        return [_range_view(r) for r in s.scalars(q)]


def usage_in(s: Session, period: int) -> Usage:
    total, used = s.execute(select(
        func.coalesce(func.sum(NumberRange.last - NumberRange.first + 1), 0),
        func.coalesce(func.sum(NumberRange.next - NumberRange.first), 0))
        .where(NumberRange.period == period)).one()
    return Usage(period, uniform.period_label(period), int(total), int(used))


def usage(engine: Engine, day: date | None = None) -> Usage:
    """The numbers of the period ``day`` (today) is in."""
    with unit_of_work(engine, write=False) as s:
        return usage_in(s, uniform.period_of(day or date.today()))


_R = NumberRange.__table__
_OPEN_RANGE = (select(_R.c.id).where(_R.c.period == bindparam("in_period"),
                                    _R.c.closed_at.is_(None), _R.c.next <= _R.c.last)
               .order_by(_R.c.track, _R.c.first).limit(1).scalar_subquery())
_TAKE = (update(_R).where(_R.c.id == _OPEN_RANGE, _R.c.next <= _R.c.last)
         .values(next=_R.c.next + 1).returning(_R.c.id, _R.c.track, _R.c.next - 1))


def _take(s, period: int) -> tuple[int, str]:
    """The period's next number (range id, number), in the caller's transaction.  On
    PostgreSQL a range used up while this waited for its row updates nothing: the next
    statement (a new snapshot) finds the next range."""
    for _ in range(1000):
        row = s.execute(_TAKE, {"in_period": period}).first()
        if row is not None:
            return row[0], uniform.number(row[1], row[2])
        if not s.scalar(select(func.count()).select_from(_R).where(
                _R.c.period == period, _R.c.closed_at.is_(None), _R.c.next <= _R.c.last)):
            break
    raise _error(QT_TRANSLATE_NOOP(
        "core", "No uniform invoice numbers are left for {period}: a manager enters the next "
                "range the tax office allotted (Uniform invoices → Number ranges), then try "
                "again. Nothing was saved."), period=uniform.period_label(period))


def enough_numbers(s, period: int, needed: int) -> None:
    """Refuse work that needs ``needed`` numbers of ``period`` when fewer are left (a
    billing run, before it writes its first invoice)."""
    left = int(s.scalar(select(func.coalesce(func.sum(_R.c.last - _R.c.next + 1), 0)).where(
        _R.c.period == period, _R.c.closed_at.is_(None))))
    if left < needed:
        raise _error(QT_TRANSLATE_NOOP(
            "core", "This needs {needed} uniform invoice numbers of {period} and {left} are "
                    "left: a manager enters the next range the tax office allotted (Uniform "
                    "invoices → Number ranges) first. Nothing was saved."),
            needed=needed, left=left, period=uniform.period_label(period))


# --- issue --------------------------------------------------------------------------------

_C = Customer.__table__
_BUYER = select(_C.c.name, _C.c.tax_id, _C.c.invoice_title, _C.c.carrier,
                _C.c.donation_code).where(_C.c.id == bindparam("customer_id"))
_INSERT_UI = insert(UniformInvoice.__table__).returning(UniformInvoice.__table__.c.id)
_INSERT_MESSAGE = insert(EInvoiceMessage.__table__)


def _local(at: datetime) -> datetime:
    """A UTC moment as the office's wall clock (naive)."""
    return at.astimezone().replace(tzinfo=None)


def _utc(wall: datetime) -> datetime:
    return wall.astimezone(timezone.utc)


def _message(s, kind: str, document: str, due: datetime, at: datetime) -> None:
    s.execute(_INSERT_MESSAGE, dict(kind=kind, document=document, due_at=due, created_at=at,
                                    file_name=""))


def issue_in(s, actor: Actor, company: settings.CompanySettings, *, customer_id: int,
             untaxed: Decimal, tax: Decimal, invoice_date: date, at: datetime,
             cash_sale_id: int | None = None, invoice_id: int | None = None) -> str | None:
    """The uniform invoice of a cash sale or a monthly invoice, in its transaction (a
    Session or a Connection); its number (None when uniform invoices are off)."""
    if not enabled(company):
        return None
    # Plain statements on the transaction's connection (a cash delivery's confirmation is
    # timed); the invoice's own INSERT goes through ``s``, so its change set is recorded.
    conn = s.connection() if isinstance(s, Session) else s
    name, tax_id, title, carrier, donation = conn.execute(
        _BUYER, {"customer_id": customer_id}).one()
    period = uniform.period_of(invoice_date)
    range_id, number = _take(conn, period)
    carrier_type, carrier_id = uniform.carrier(carrier) if carrier and not tax_id else ("", "")
    wall = _local(at)
    issued = datetime.combine(invoice_date, wall.time().replace(microsecond=0))
    s.execute(_INSERT_UI, dict(
        number=number, range_id=range_id, period=period, invoice_date=invoice_date,
        invoice_time=issued.strftime("%H:%M:%S"), random_code=f"{secrets.randbelow(10000):04d}",
        customer_id=customer_id, buyer_tax_id=tax_id, buyer_name=(title or name)[:60],
        carrier_type=carrier_type, carrier_id=carrier_id,
        donation_code="" if tax_id else donation, untaxed=untaxed, tax=tax,
        total=untaxed + tax, cash_sale_id=cash_sale_id, invoice_id=invoice_id,
        status="issued", printed=0, created_by=actor.username, created_at=at, void_reason=""))
    _message(conn, "F0401", number, _utc(uniform.upload_due(issued, bool(tax_id))), at)
    return number


# --- voids and allowances ------------------------------------------------------------------

def _live_allowances(s: Session, ui_id: int) -> Decimal:
    """What the invoice's allowances not void take off it, with tax (each column summed as
    money: a sum of their sum would be the stored minor units)."""
    untaxed, tax = s.execute(select(func.sum(Allowance.untaxed), func.sum(Allowance.tax)).where(
        Allowance.uniform_invoice_id == ui_id, Allowance.status != "void")).one()
    return (untaxed or ZERO) + (tax or ZERO)


def cancel_in(s: Session, actor: Actor, *, amount: Decimal, reason: str,
              cash_sale_id: int | None = None, invoice_id: int | None = None,
              credit_note_id: int | None = None, today: date | None = None) -> str | None:
    """Take ``amount`` (with tax) off the uniform invoice of a cash sale or an invoice, in
    the caller's transaction: all of it up to the period's filing deadline voids it (F0501);
    otherwise an allowance is issued for it, up to what the invoice has left (G0401: at once
    for a consumer, once confirmed for a business).  Returns the number voided or the
    allowance's; None without a uniform invoice."""
    ui = s.scalars(select(UniformInvoice).where(
        UniformInvoice.cash_sale_id == cash_sale_id if cash_sale_id is not None
        else UniformInvoice.invoice_id == invoice_id, UniformInvoice.status == "issued")
        .with_for_update()).first()
    if ui is None or amount <= 0:
        return None
    at = utcnow()
    today = today or at.astimezone().date()
    allowed = _live_allowances(s, ui.id)
    b2b = bool(ui.buyer_tax_id)
    if amount == ui.total and not allowed and today <= uniform.void_until(ui.invoice_date):
        ui.status, ui.voided_by, ui.voided_at, ui.void_reason = "void", actor.username, at, reason
        _message(s, "F0501", ui.number, _utc(uniform.upload_due(_local(at), b2b)), at)
        audit.record(s, actor, "uniform_invoice", ui.number, "void", {"reason": [None, reason]})
        return ui.number
    amount = min(amount, ui.total - allowed)  # a credit beyond the invoice is credit only
    if amount <= 0:
        return None
    tax = quantize(amount * ui.tax / ui.total, "TWD") if ui.total else ZERO
    year = today.year
    number = f"AW-{year}-{billing.next_number(s, 'AW', year):06d}"
    allowance = Allowance(number=number, uniform_invoice_id=ui.id, credit_note_id=credit_note_id,
                          allowance_date=today, untaxed=amount - tax, tax=tax, reason=reason,
                          status="issued" if b2b else "confirmed", created_by=actor.username,
                          created_at=at, void_reason="")
    s.add(allowance)
    s.flush()
    if not b2b:
        _message(s, "G0401", number, _utc(uniform.upload_due(_local(at), False)), at)
    audit.record(s, actor, "einvoice_allowance", number, "created", {
        "uniform_invoice": [None, ui.number], "amount": [None, audit.plain(amount)],
        "reason": [None, reason]})
    return number


def _allowance(s: Session, number: str) -> Allowance:
    a = s.scalars(select(Allowance).where(Allowance.number == number).with_for_update()).first()
    if a is None:
        raise NotFound()
    return a


def confirm_allowance(engine: Engine, actor: Actor, *, number: str) -> None:
    """The business buyer has confirmed (signed) the allowance: it is reported (G0401)."""
    actor.require("manager")
    with unit_of_work(engine) as s:
        a = _allowance(s, number)
        if a.status != "issued":
            raise _error(QT_TRANSLATE_NOOP(
                "core", "Allowance {number} is {state}: only an issued allowance waits for the "
                        "buyer's confirmation."), number=number, state=a.status)
        at = utcnow()
        a.status, a.confirmed_by, a.confirmed_at = "confirmed", actor.username, at
        _message(s, "G0401", number, _utc(uniform.upload_due(_local(at), True)), at)
        audit.record(s, actor, "einvoice_allowance", number, "confirmed", {})


def void_allowance(engine: Engine, actor: Actor, *, number: str, reason: str) -> None:
    """Void an allowance the buyer refused or that was made in error (manager, with a
    reason); one already reported is voided on the platform too (G0501).  The customer's
    credit note stays: this corrects the tax document only."""
    actor.require("manager")
    reason = " ".join(str(reason).split())
    if not reason:
        raise ValidationError({"reason": _error(QT_TRANSLATE_NOOP(
            "core", "Say why the allowance is voided."))})
    with unit_of_work(engine) as s:
        a = _allowance(s, number)
        if a.status == "void":
            raise _error(QT_TRANSLATE_NOOP("core", "Allowance {number} is void already."),
                         number=number)
        at = utcnow()
        reported = a.status == "confirmed"
        a.status, a.voided_by, a.voided_at, a.void_reason = "void", actor.username, at, reason
        if reported:
            b2b = bool(s.scalar(select(UniformInvoice.buyer_tax_id).where(
                UniformInvoice.id == a.uniform_invoice_id)))
            _message(s, "G0501", number, _utc(uniform.upload_due(_local(at), b2b)), at)
        audit.record(s, actor, "einvoice_allowance", number, "void", {"reason": [None, reason]})


# --- reading --------------------------------------------------------------------------------

@dataclass(frozen=True)
class UniformInvoiceRow:
    id: int
    number: str
    period_label: str
    invoice_date: date
    invoice_time: str
    customer_id: int
    customer_code: str
    buyer_name: str
    buyer_tax_id: str
    carrier_id: str
    donation_code: str
    untaxed: Decimal
    tax: Decimal
    total: Decimal
    status: str
    source: str  # CS-… or INV-…
    printed: int
    reported: bool  # its F0401 is written

    @property
    def b2b(self) -> bool:
        return bool(self.buyer_tax_id)

    @property
    def proof(self) -> bool:
        """Takes a printed proof: a business, or a consumer without carrier or donation."""
        return self.b2b or not (self.carrier_id or self.donation_code)


@dataclass(frozen=True)
class AllowanceRow:
    id: int
    number: str
    uniform_invoice: str
    allowance_date: date
    untaxed: Decimal
    tax: Decimal
    status: str
    reason: str
    b2b: bool


def list_uniform_invoices(engine: Engine, *, period: int | None = None,
                          customer_id: int | None = None, limit: int = 2000
                          ) -> list[UniformInvoiceRow]:
    """Uniform invoices, newest first."""
    with unit_of_work(engine, write=False) as s:
        u = UniformInvoice
        q = (select(u, Customer.code, CashSale.number, Invoice.number,
                    EInvoiceMessage.written_at)
             .join(Customer, Customer.id == u.customer_id)
             .outerjoin(CashSale, CashSale.id == u.cash_sale_id)
             .outerjoin(Invoice, Invoice.id == u.invoice_id)
             .outerjoin(EInvoiceMessage, and_(EInvoiceMessage.kind == "F0401",
                                              EInvoiceMessage.document == u.number))
             .order_by(u.id.desc()).limit(limit))
        if period is not None:
            q = q.where(u.period == period)
        if customer_id is not None:
            q = q.where(u.customer_id == customer_id)
        return [UniformInvoiceRow(
            r.id, r.number, uniform.period_label(r.period), r.invoice_date, r.invoice_time,
            r.customer_id, code, r.buyer_name, r.buyer_tax_id, r.carrier_id, r.donation_code,
            r.untaxed, r.tax, r.total, r.status, cs or inv or "", r.printed, written is not None)
            for r, code, cs, inv, written in s.execute(q)]


def allowances(engine: Engine, *, limit: int = 2000) -> list[AllowanceRow]:
    with unit_of_work(engine, write=False) as s:
        q = (select(Allowance, UniformInvoice.number, UniformInvoice.buyer_tax_id)
             .join(UniformInvoice, UniformInvoice.id == Allowance.uniform_invoice_id)
             .order_by(Allowance.id.desc()).limit(limit))
        return [AllowanceRow(a.id, a.number, n, a.allowance_date, a.untaxed, a.tax, a.status,
                             a.reason, bool(b)) for a, n, b in s.execute(q)]


def numbers_of_invoices(s: Session, invoice_ids: list[int]) -> dict[int, str]:
    """The uniform invoice number of each monthly invoice that has one."""
    if not invoice_ids:
        return {}
    return dict(s.execute(select(UniformInvoice.invoice_id, UniformInvoice.number).where(
        UniformInvoice.invoice_id.in_(invoice_ids))).all())


# --- the documents as the Ministry's messages and the proof state them ------------------------

def _seller(company: settings.CompanySettings) -> uniform.Party:
    return uniform.Party(company.tax_id, company.name, company.address)


def _items(s, ui_rows: list[UniformInvoice]) -> dict[int, list]:
    """Each uniform invoice's lines (description, quantity, unit price, amount, tax, rate)."""
    by_sale = {u.cash_sale_id: u.id for u in ui_rows if u.cash_sale_id is not None}
    by_invoice = {u.invoice_id: u.id for u in ui_rows if u.invoice_id is not None}
    out: dict[int, list] = {u.id: [] for u in ui_rows}
    for model, key, ids in ((CashSaleLine, CashSaleLine.cash_sale_id, by_sale),
                            (InvoiceLine, InvoiceLine.invoice_id, by_invoice)):
        if not ids:
            continue
        for row in s.execute(select(key, model.description, model.quantity, model.unit_price,
                                    model.amount, model.tax, model.tax_rate)
                             .where(key.in_(list(ids))).order_by(key, model.line_no)):
            out[ids[row[0]]].append(row[1:])
    return out


def _doc(u: UniformInvoice, lines: list, seller: uniform.Party) -> uniform.InvoiceDoc:
    b2b = bool(u.buyer_tax_id)
    items = []
    for description, quantity, unit_price, amount, tax, rate in lines:
        if b2b:
            price, value = unit_price, amount
        else:  # a consumer's invoice states prices with tax
            value = amount + tax
            price = (value / quantity).quantize(Decimal("0.0001")).normalize() if quantity \
                else value
        items.append(uniform.Item(description or "-", quantity.normalize(), price, value,
                                  uniform.tax_type({rate})))
    rates = {r[5] for r in lines} or {Decimal("0.05")}
    kind = uniform.tax_type(rates)
    rate = max(rates) if kind != uniform.EXEMPT else Decimal(0)  # mixed: the taxable rate
    h, m, sec = (int(x) for x in u.invoice_time.split(":"))
    return uniform.InvoiceDoc(
        number=u.number, invoice_date=u.invoice_date, invoice_time=time(h, m, sec),
        seller=seller,
        buyer=uniform.Party(u.buyer_tax_id, u.buyer_name) if b2b
        else uniform.Party(uniform.B2C_BUYER, u.buyer_name),
        random_code=u.random_code, items=tuple(items),
        sales_amount=u.untaxed if b2b else u.total, tax_amount=u.tax if b2b else ZERO,
        total_amount=u.total, untaxed_amount=u.untaxed, tax_type=kind, tax_rate=rate,
        carrier_type=u.carrier_type, carrier_id=u.carrier_id, donation_code=u.donation_code,
        print_mark=not (u.carrier_id or u.donation_code))


def document(engine: Engine, number: str) -> uniform.InvoiceDoc:
    """A uniform invoice as its messages and its proof state it."""
    with unit_of_work(engine, write=False) as s:
        u = s.scalars(select(UniformInvoice).where(UniformInvoice.number == number)).first()
        if u is None:
            raise NotFound()
        return _doc(u, _items(s, [u])[u.id], _seller(settings.read(s)))


def proof_pdf(engine: Engine, actor: Actor, *, number: str, language: str = "zh_TW") -> bytes:
    """The printed proof of a uniform invoice (57 mm for a consumer, A4 for a business);
    a second print says 補印 (reprint)."""
    from core.printing import proof

    actor.require("clerk")
    with unit_of_work(engine) as s:
        u = s.scalars(select(UniformInvoice).where(UniformInvoice.number == number)
                      .with_for_update()).first()
        if u is None:
            raise NotFound()
        company = settings.read(s)
        doc = _doc(u, _items(s, [u])[u.id], _seller(company))
        if not u.buyer_tax_id and (u.carrier_id or u.donation_code):
            raise _error(QT_TRANSLATE_NOOP(
                "core", "Uniform invoice {number} went to a carrier or a donation: it has no "
                        "printed proof."), number=number)
        reprint = u.printed > 0
        u.printed += 1
        if doc.b2b:
            return proof.proof_a4_pdf(doc, aes_key=company.einvoice_aes_key,
                                      company_name=company.name,
                                      company_address=company.address, language=language)
        return proof.proof_pdf(doc, aes_key=company.einvoice_aes_key, company_name=company.name,
                               language=language, reprint=reprint)


# --- reporting --------------------------------------------------------------------------------

def _close_periods(engine: Engine, now: datetime) -> None:
    """From the 8th of a period's following month (``uniform.blank_from``) its ranges are
    closed and their unused numbers made into E0402 messages, a track each."""
    today = _local(now).date()
    with unit_of_work(engine) as s:
        rows = s.scalars(select(NumberRange).where(NumberRange.closed_at.is_(None))
                         .with_for_update()).all()
        due: dict[tuple[int, str], bool] = {}
        for r in rows:
            if today < uniform.blank_from(r.period):
                continue
            r.closed_at = now
            if r.next <= r.last:  # a track used up has nothing to report
                due[(r.period, r.track)] = True
        for period, track in due:
            _message(s, "E0402", f"{uniform.roc_period(period)}{track}",
                     _utc(datetime.combine(uniform.blank_due(period), time(23, 59, 59))), now)


def _build(s, company, rows: list[EInvoiceMessage]) -> list[tuple[EInvoiceMessage, bytes]]:
    """Each message's XML, from what the database holds now."""
    from core import mig  # lxml: loaded by the first export, not by every start
    seller = _seller(company)
    numbers = {m.document for m in rows if m.kind in ("F0401", "F0501")}
    uis = {u.number: u for u in s.scalars(select(UniformInvoice).where(
        UniformInvoice.number.in_(numbers)))} if numbers else {}
    lines = _items(s, [uis[m.document] for m in rows if m.kind == "F0401"])
    anumbers = {m.document for m in rows if m.kind in ("G0401", "G0501")}
    alls = {a.number: (a, u) for a, u in s.execute(
        select(Allowance, UniformInvoice).join(
            UniformInvoice, UniformInvoice.id == Allowance.uniform_invoice_id)
        .where(Allowance.number.in_(anumbers)))} if anumbers else {}
    out = []
    for m in rows:
        if m.kind == "F0401":
            data = mig.invoice(_doc(uis[m.document], lines[uis[m.document].id], seller))
        elif m.kind in ("F0501", "G0501"):
            if m.kind == "F0501":
                u = uis[m.document]
                number, issued, at, reason, write = (
                    u.number, u.invoice_date, u.voided_at, u.void_reason, mig.void)
            else:
                a, u = alls[m.document]
                number, issued, at, reason, write = (
                    a.number, a.allowance_date, a.voided_at, a.void_reason, mig.allowance_void)
            at = _local(at)
            data = write(uniform.CancelDoc(
                number, issued, seller.identifier, u.buyer_tax_id or uniform.B2C_BUYER,
                at.date(), at.time().replace(microsecond=0), (reason or "-")[:20]))
        elif m.kind == "G0401":
            a, u = alls[m.document]
            buyer = uniform.Party(u.buyer_tax_id or uniform.B2C_BUYER, u.buyer_name)
            data = mig.allowance(uniform.AllowanceDoc(
                a.number, a.allowance_date, seller, buyer, (uniform.AllowanceItem(
                    u.invoice_date, u.number, (a.reason or "折讓")[:256], Decimal(1), a.untaxed,
                    a.untaxed, a.tax, 1),), a.tax, a.untaxed))
        else:  # E0402: the track's unused numbers of the period
            period = uniform.parse_period(m.document[:5])
            track = m.document[5:]
            blocks = tuple((r.next, r.last) for r in s.scalars(
                select(NumberRange).where(NumberRange.period == period,
                                          NumberRange.track == track,
                                          NumberRange.next <= NumberRange.last)
                .order_by(NumberRange.first)))
            data = mig.blank(uniform.BlankDoc(seller.identifier, period, track, blocks))
        mig.validate(m.kind, data)
        out.append((m, data))
    return out


PENDING = ".pending"  # the folder beside the kinds' folders where files are written first
BATCH = 500


def _final(out: Path, name: str) -> Path:
    return out / name.split("_", 1)[0] / name


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """One export at a time into a folder (a lock the system drops when the process dies)."""
    handle = open(folder / ".lock", "a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        handle.close()


@dataclass(frozen=True)
class MessageFile:
    """A message ready to be written: its row, its file's name and its XML."""

    id: int
    name: str
    data: bytes


def pending_messages(engine: Engine, *, limit: int = BATCH) -> list[MessageFile]:
    """The first ``limit`` messages not written yet, built and checked against their
    schema (the periods due to report their unused numbers are closed first)."""
    now = utcnow()
    _close_periods(engine, now)
    with unit_of_work(engine, write=False) as s:
        rows = s.scalars(select(EInvoiceMessage).where(EInvoiceMessage.written_at.is_(None))
                         .order_by(EInvoiceMessage.id).limit(limit)).all()
        return [MessageFile(m.id, f"{m.kind}_{m.document}.xml", data)
                for m, data in _build(s, settings.read(s), rows)]


_M = EInvoiceMessage.__table__
_MARK = (update(_M).where(_M.c.id == bindparam("message_id"))
         .values(written_at=bindparam("at"), file_name=bindparam("name")))


def mark_written(engine: Engine, *, ids: list[int], names: list[str]) -> list[int]:
    """Mark the messages written (as the files ``names``); the ids this call marked (one
    another exporter marked first is not: its file is not kept).  One statement for the
    batch: the still unwritten among them, held until the commit, then updated."""
    by_id = dict(zip(ids, names, strict=True))
    now = utcnow()
    with unit_of_work(engine) as s:
        marked = sorted(s.scalars(select(_M.c.id).where(
            _M.c.id.in_(ids), _M.c.written_at.is_(None)).with_for_update()))
        if marked:
            s.connection().execute(_MARK, [{"message_id": i, "at": now, "name": by_id[i]}
                                           for i in marked])
    return marked


def written_names(engine: Engine, *, names: list[str]) -> list[str]:
    """Which of the files ``names`` are marked written."""
    with unit_of_work(engine, write=False) as s:
        return list(s.scalars(select(EInvoiceMessage.file_name).where(
            EInvoiceMessage.file_name.in_(names))))


@dataclass(frozen=True)
class Outbox:
    """Where an export takes its messages from: this database, or the office server (the
    same three operations through the API)."""

    pending: Callable[[], list[MessageFile]]
    mark: Callable[[list[int], list[str]], list[int]]
    written: Callable[[list[str]], list[str]]

    @classmethod
    def of(cls, engine: Engine) -> Outbox:
        return cls(lambda: pending_messages(engine),
                   lambda ids, names: mark_written(engine, ids=ids, names=names),
                   lambda names: written_names(engine, names=names))


def _recover(outbox: Outbox, out: Path, pending: Path) -> None:
    """Finish what a killed export left: a file whose message is marked written is moved
    into place; any other is removed (its message is written again)."""
    names = sorted(p.name for p in pending.iterdir() if p.suffix == ".xml")
    if not names:
        return
    written = set(outbox.written(names))
    for name in names:
        if name in written:
            target = _final(out, name)
            target.parent.mkdir(exist_ok=True)
            os.replace(pending / name, target)
        else:
            (pending / name).unlink()


def export(source: Engine | Outbox, out_dir: str | Path, *, fault=None) -> int:
    """Write every message not written yet into ``out_dir`` (``<kind>/<kind>_<number>.xml``,
    the Turnkey's upload folders), and return how many.  Each file is written and synced
    in ``out_dir/.pending`` first; its message is then marked written in the database;
    then it is renamed into place.  ``fault`` is the kill tests' hook."""
    outbox = source if isinstance(source, Outbox) else Outbox.of(source)
    out = Path(out_dir)
    pending = out / PENDING
    pending.mkdir(parents=True, exist_ok=True)
    written = 0
    with _exclusive(pending):
        _recover(outbox, out, pending)
        while batch := outbox.pending():
            for m in batch:
                with open(pending / m.name, "wb") as f:
                    f.write(m.data)
                    f.flush()
                    os.fsync(f.fileno())
                if fault:
                    fault("file")
            if fault:
                fault("before_commit")
            marked = set(outbox.mark([m.id for m in batch], [m.name for m in batch]))
            if fault:
                fault("after_commit")
            for m in batch:
                if m.id in marked:
                    target = _final(out, m.name)
                    target.parent.mkdir(exist_ok=True)
                    os.replace(pending / m.name, target)
                else:  # another export wrote it first
                    (pending / m.name).unlink()
            written += len(marked)
    return written


def scheduled_export(engine: Engine) -> int | None:
    """The office server's (and the one workstation's) export into the Turnkey folder of
    Settings, every few minutes: how many messages it wrote; None when uniform invoices
    are off, no folder is set, or it failed (logged: the Uniform invoices window shows what
    waits and what is late)."""
    try:
        company = settings.get_company(engine)
        if not (enabled(company) and company.turnkey_folder):
            return None
        written = export(engine, company.turnkey_folder)
    except Exception:  # noqa: BLE001 - the caller goes on serving; the log says why
        log.exception("the uniform invoices' export into the Turnkey folder failed")
        return None
    if written:
        log.info("uniform invoices: %d Turnkey messages written", written)
    return written


@dataclass(frozen=True)
class Backlog:
    """Messages not written yet, and those of them past their deadline."""

    waiting: int
    late: int
    next_due: datetime | None


def backlog(engine: Engine, now: datetime | None = None) -> Backlog:
    now = now or utcnow()
    with unit_of_work(engine, write=False) as s:
        waiting, late, first = s.execute(select(
            func.count(), func.count().filter(EInvoiceMessage.due_at < now),
            func.min(EInvoiceMessage.due_at)).where(EInvoiceMessage.written_at.is_(None))).one()
        return Backlog(waiting, late, first)


# --- db check -----------------------------------------------------------------------------------

def numbers_hold(s: Session) -> list[str]:
    """Each range gave exactly the numbers first … next-1, each to one uniform invoice."""
    out = []
    counts = dict(s.execute(select(UniformInvoice.range_id, func.count())
                            .group_by(UniformInvoice.range_id)).all())
    for r in s.scalars(select(NumberRange).order_by(NumberRange.id)):
        given = counts.get(r.id, 0)
        if given != r.next - r.first:
            out.append(f"range {uniform.roc_period(r.period)} {r.track} {r.first:08d}-"
                       f"{r.last:08d}: {r.next - r.first} numbers taken, {given} invoices")
            continue
        low, high = s.execute(select(func.min(UniformInvoice.number),
                                     func.max(UniformInvoice.number))
                              .where(UniformInvoice.range_id == r.id)).one()
        if given and (low != uniform.number(r.track, r.first)
                      or high != uniform.number(r.track, r.next - 1)):
            out.append(f"range {r.track} {r.first:08d}: invoices {low}–{high} are not its "
                       f"first {given} numbers")
    return out


def messages_hold(s: Session) -> list[str]:
    """Each uniform invoice has its F0401, each void its F0501, each reported allowance its
    G0401 and each voided reported allowance its G0501."""
    out = []
    have = set(s.execute(select(EInvoiceMessage.kind, EInvoiceMessage.document)).all())
    for number, status in s.execute(select(UniformInvoice.number, UniformInvoice.status)):
        if ("F0401", number) not in have:
            out.append(f"uniform invoice {number}: no F0401 message")
        if status == "void" and ("F0501", number) not in have:
            out.append(f"uniform invoice {number}: void without an F0501 message")
    for number, confirmed, status in s.execute(select(Allowance.number, Allowance.confirmed_at,
                                                      Allowance.status)):
        if (status == "confirmed" or confirmed is not None) and ("G0401", number) not in have:
            out.append(f"allowance {number}: no G0401 message")
    return out
