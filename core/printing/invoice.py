"""The invoice as a PDF, statement style, in the customer's language (the invoice's).

An invoice shows what it bills (each delivered line with its date, order number,
product, quantity, unit price and amount; the cylinder rental), its tax and total,
and where the customer's account stands:

    previous balance          what the previous invoice said was due (0 before the first)
  − payments, refunds, credit notes   ledger movements the previous invoice did not know
  + this invoice              its total
  ± other adjustments         anything else the ledger moved in that time (rarely any)
  = amount due                what the customer owes on invoices at this one's issue

"Owes on invoices" is the ledger's sum as the invoice knew it (rows recorded by the
moment it was made, of a business day up to its date: ``known_by``), less
the deliveries in it that no invoice had billed yet (delivered after the period,
they go on the next invoice; the PDF says how much that is).  So each invoice's
previous balance is the previous invoice's amount due, the figures always add up,
and a reprint years later shows the same numbers.  The statement of account
(``core.printing.statement``) lists every movement.

Payment instructions name the company (and its tax id), the amount and the due
date, and the company's bank account when the setting has one.  A QR code holds
the invoice number, total, amount due and due date.  A void invoice is stamped
VOID on every page.  A4, or half-A4 (A5 landscape: A4's width, half its height).

When the company issues uniform invoices (統一發票), the invoice stays this statement and
names, under its own number, the uniform invoice the billing run issued for it (read for
a whole batch in one query).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    TableStyle,
)
from sqlalchemy import Engine, case, func, or_, select
from sqlalchemy.orm import Session

from core.db import make_engine, unit_of_work
from core.errors import DomainError, NotFound
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer, DeliveryLine, Invoice, InvoiceLine, LedgerEntry, Product
from core.money import quantize
from core.printing import base, qr
from core.printing.base import (
    ACCENT,
    INK,
    LABELS,
    MUTED,
    RULE,
    SHADE,
    Table,
    label,
)
from core.services import einvoice
from core.services.customers import display_phone

LABELS["zh_TW"].update({
    "inv.title": "請款單",
    "inv.number": "請款單號",
    "inv.uniform": "統一發票",
    "inv.issue_date": "開立日期",
    "inv.period": "計費期間",
    "inv.due_date": "繳款期限",
    "inv.customer_no": "客戶編號",
    "inv.bill_to": "客戶",
    "inv.contact": "聯絡人",
    "inv.date": "送貨日期",
    "inv.order": "訂單號碼",
    "inv.product": "品名",
    "inv.quantity": "數量",
    "inv.unit_price": "單價",
    "inv.amount": "金額",
    "inv.rental": "鋼瓶租金",
    "inv.rental_detail": "{start} 至 {end}，每桶每月 {price}",
    "inv.subtotal": "小計",
    "inv.tax": "營業稅",
    "inv.total": "本期請款合計",
    "inv.account": "帳戶摘要",
    "inv.previous": "上期結欠",
    "inv.previous_of": "上期結欠（{number}）",
    "inv.payments": "本期收款",
    "inv.refunds": "退款",
    "inv.credits": "折讓",
    "inv.adjustments": "其他調整",
    "inv.this_invoice": "本期請款",
    "inv.amount_due": "本期應繳金額",
    "inv.due_by": "請於 {day} 前繳款",
    "inv.nothing_due": "本期無應繳金額",
    "inv.credit_left": "貴戶尚有溢繳 {amount}，將於下期扣抵。",
    "inv.not_invoiced": "{day} 後已送貨尚未請款 {amount}，將列入下期請款單。",
    "inv.how_to_pay": "繳款方式",
    "inv.pay": "請於 {day} 前繳付 {amount}。",
    "inv.payee": "戶名：{name}",
    "inv.payee_tax_id": "戶名：{name}（統一編號 {tax_id}）",
    "inv.quote_number": "匯款時請註明請款單號 {number}，以利對帳。",
    "inv.qr": "單號與金額",
    "inv.void": "作廢",
    "inv.void_note": "本請款單已作廢，無須繳款。",
})
LABELS["en"].update({
    "inv.title": "INVOICE",
    "inv.number": "Invoice no.",
    "inv.uniform": "Uniform invoice",
    "inv.issue_date": "Issue date",
    "inv.period": "Period",
    "inv.due_date": "Due date",
    "inv.customer_no": "Customer no.",
    "inv.bill_to": "Bill to",
    "inv.contact": "Attn.",
    "inv.date": "Date",
    "inv.order": "Order no.",
    "inv.product": "Product",
    "inv.quantity": "Qty",
    "inv.unit_price": "Unit price",
    "inv.amount": "Amount",
    "inv.rental": "Cylinder rental",
    "inv.rental_detail": "{start} to {end}, {price} per cylinder and month",
    "inv.subtotal": "Subtotal",
    "inv.tax": "Tax",
    "inv.total": "Invoice total",
    "inv.account": "Your account",
    "inv.previous": "Previous balance",
    "inv.previous_of": "Previous balance ({number})",
    "inv.payments": "Payments received",
    "inv.refunds": "Refunds",
    "inv.credits": "Credit notes",
    "inv.adjustments": "Other adjustments",
    "inv.this_invoice": "This invoice",
    "inv.amount_due": "Amount due",
    "inv.due_by": "Please pay by {day}",
    "inv.nothing_due": "Nothing is due",
    "inv.credit_left": "Your credit of {amount} will be set against your next invoice.",
    "inv.not_invoiced": "Delivered after {day} and not invoiced yet: {amount}, on your next "
                        "invoice.",
    "inv.how_to_pay": "How to pay",
    "inv.pay": "Please pay {amount} by {day}.",
    "inv.payee": "Payee: {name}",
    "inv.payee_tax_id": "Payee: {name} (tax ID {tax_id})",
    "inv.quote_number": "Please quote invoice number {number} with your payment.",
    "inv.qr": "Number and amount",
    "inv.void": "VOID",
    "inv.void_note": "This invoice is void; nothing is to be paid on it.",
})

SIZES = ("A4", "A5")
VOID_RED = colors.HexColor("#b3261e")


@dataclass(frozen=True)
class Line:
    kind: str  # delivery | rental
    day: date
    order_number: str
    name: str  # in the document's language
    sku: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    amount: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Account:
    """Where the customer's account stands at the invoice's issue (see the module's text)."""

    previous_balance: Decimal
    previous_number: str | None  # the invoice whose amount due it is
    payments: Decimal  # as the ledger has them: payments and credits are negative
    refunds: Decimal
    credits: Decimal
    adjustments: Decimal
    this_invoice: Decimal
    amount_due: Decimal
    not_invoiced: Decimal  # delivered after the period, not on any invoice yet


@dataclass(frozen=True)
class InvoiceDoc:
    id: int
    number: str
    status: str
    language: str
    issue_date: date
    due_date: date
    period_start: date
    period_end: date
    customer_code: str
    customer_name: str
    address: str
    phone: str
    contact_person: str
    lines: tuple[Line, ...]
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    account: Account
    uniform_number: str = ""  # the uniform invoice issued for it (AB12345678), if any

    def qr_text(self, currency: str) -> str:
        """What the QR code holds: the number, the total, the amount due and the due date."""
        return (f"invoice={self.number};currency={currency};"
                f"total={quantize(self.total, currency)};"
                f"amount_due={quantize(self.account.amount_due, currency)};"
                f"due_date={self.due_date.isoformat()}")


@dataclass(frozen=True)
class Company:
    head: base.Letterhead  # with the bank account to pay into, when one is set


# --- reading ------------------------------------------------------------------------------

def known_by(at: datetime, day: date):
    """The ledger rows an invoice made at ``at`` and dated ``day`` knows: recorded by then
    and of a business day up to its date.  A payment received before the date but keyed
    in after the invoice was made is the next invoice's (and on the day it was received
    in statements): an invoice reprinted later shows the same figures."""
    return (LedgerEntry.at <= at) & (LedgerEntry.business_date <= day)


def owed_at(s: Session, customer_id: int, at: datetime, day: date) -> tuple[Decimal, Decimal]:
    """(owed on invoices, not invoiced yet) as the invoice made at ``at`` and dated ``day``
    sees them: the deliveries the invoices made by then billed and the other rows it knows
    (``known_by``: payments, refunds, credit notes, rental); and the deliveries recorded by
    then that no invoice had billed yet."""
    billed = (select(DeliveryLine.delivery_id)
              .join(InvoiceLine, InvoiceLine.delivery_line_id == DeliveryLine.id)
              .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
              .where(Invoice.customer_id == customer_id, Invoice.created_at <= at))
    on_invoices = LedgerEntry.delivery_id.in_(billed)
    delivery = LedgerEntry.delivery_id.is_not(None)
    owed, pending = s.execute(
        select(func.coalesce(func.sum(case(
                   (or_(on_invoices, ~delivery & known_by(at, day)), LedgerEntry.amount),
                   else_=0)), 0),
               func.coalesce(func.sum(case(
                   (delivery & ~on_invoices & (LedgerEntry.at <= at), LedgerEntry.amount),
                   else_=0)), 0))
        .where(LedgerEntry.customer_id == customer_id)).one()
    return _ledger_sum(owed), _ledger_sum(pending)


def _ledger_sum(value) -> Decimal:
    return Decimal(value or 0)


def account_in(s: Session, invoice: Invoice) -> Account:
    """The invoice's statement figures, read in the caller's transaction."""
    at, cid = invoice.created_at, invoice.customer_id
    previous = s.execute(
        select(Invoice.number, Invoice.created_at, Invoice.issue_date)
        .where(Invoice.customer_id == cid, Invoice.id != invoice.id,
               or_(Invoice.created_at < at, (Invoice.created_at == at) & (Invoice.id < invoice.id)))
        .order_by(Invoice.created_at.desc(), Invoice.id.desc()).limit(1)).first()
    due, pending = owed_at(s, cid, at, invoice.issue_date)
    previous_due = owed_at(s, cid, previous.created_at, previous.issue_date)[0] \
        if previous else Decimal(0)
    q = (select(LedgerEntry.kind, func.sum(LedgerEntry.amount))
         .where(LedgerEntry.customer_id == cid, known_by(at, invoice.issue_date),
                LedgerEntry.kind.in_(("payment", "refund", "credit_note")))
         .group_by(LedgerEntry.kind))
    if previous is not None:  # what the previous invoice did not know
        q = q.where(~known_by(previous.created_at, previous.issue_date))
    moved = {kind: _ledger_sum(amount) for kind, amount in s.execute(q)}
    payments, refunds, credits = (moved.get(k, Decimal(0))
                                  for k in ("payment", "refund", "credit_note"))
    adjustments = due - previous_due - invoice.total - payments - refunds - credits
    return Account(previous_due, previous.number if previous else None, payments, refunds,
                   credits, adjustments, invoice.total, due, pending)


def docs_in(s: Session, invoice_ids: Sequence[int]) -> list[InvoiceDoc]:
    """The invoices to print, in the order asked; NotFound for an id that is not one."""
    invoices = {i.id: i for i in s.scalars(select(Invoice).where(Invoice.id.in_(invoice_ids)))}
    missing = [i for i in invoice_ids if i not in invoices]
    if missing:
        raise NotFound()
    people = {c.id: c for c in s.scalars(select(Customer).where(
        Customer.id.in_({i.customer_id for i in invoices.values()})))}
    uniform = einvoice.numbers_of_invoices(s, list(invoices))
    product_ids = {x.product_id for i in invoices.values() for x in i.lines if x.product_id}
    products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(product_ids)))} \
        if product_ids else {}
    out = []
    for iid in invoice_ids:
        i = invoices[iid]
        c = people[i.customer_id]
        language = base.language_of(i.language)
        lines = []
        for x in i.lines:
            p = products.get(x.product_id) if x.product_id else None
            if x.kind == "rental":
                name = label(language, "inv.rental")
                unit = "cylinder"
            elif p is not None:
                name = (p.name_en or p.name_zh) if language == "en" else p.name_zh
                unit = p.unit
            else:
                name, unit = x.description, ""
            lines.append(Line(x.kind, x.day, x.order_number, name, p.sku if p else "", unit,
                              x.quantity, x.unit_price, x.tax_rate, x.amount, x.tax))
        out.append(InvoiceDoc(
            i.id, i.number, i.status, language, i.issue_date, i.due_date, i.period_start,
            i.period_end, c.code, c.name, c.address, display_phone(c.phone) if c.phone else "",
            c.contact_person, tuple(lines), i.subtotal, i.tax, i.total, account_in(s, i),
            uniform.get(i.id, "")))
    return out


def company_in(s: Session) -> Company:
    return Company(base.letterhead(s))


def invoice_pdf(engine: Engine, invoice_id: int, *, size: str = "A4") -> bytes:
    """One invoice's PDF, read in one transaction."""
    return invoices_pdf(engine, [invoice_id], size=size)


def invoices_pdf(engine: Engine, invoice_ids: Sequence[int], *, size: str = "A4") -> bytes:
    """The invoices in one document (for printing a batch), each on pages of its own with
    its own "page N of M"."""
    _check_size(size)
    if not invoice_ids:
        raise DomainError(QT_TRANSLATE_NOOP("core", "There is no invoice to print."))
    with unit_of_work(engine, write=False) as s:
        docs = docs_in(s, list(invoice_ids))
        company = company_in(s)
    return build(docs, company, size=size)


def _check_size(size: str) -> None:
    if size not in SIZES:
        raise DomainError(QT_TRANSLATE_NOOP("core", "Print on A4 or A5 (half A4), not {size}."),
                          size=size)


# --- writing files (roundsman-admin invoices pdf) -----------------------------------------

def file_name(number: str) -> str:
    return f"{number}.pdf"


def write_files(engine: Engine, invoice_ids: Sequence[int], out: Path, *, size: str = "A4",
                chunk: int = 40) -> int:
    """Write each invoice to ``out/<number>.pdf`` in this process; returns how many."""
    _check_size(size)
    out.mkdir(parents=True, exist_ok=True)
    company = None
    written = 0
    for k in range(0, len(invoice_ids), chunk):
        with unit_of_work(engine, write=False) as s:
            docs = docs_in(s, list(invoice_ids[k:k + chunk]))
            company = company or company_in(s)
        for doc in docs:
            target = out / file_name(doc.number)
            partial = target.with_suffix(".pdf.part")
            partial.write_bytes(build([doc], company, size=size))
            os.replace(partial, target)  # a file is complete or absent, never half-written
            written += 1
    return written


_worker_engine: Engine | None = None


def _worker_start(url: str) -> None:
    global _worker_engine
    base.register_font()  # once per process: reading the 5 MB font is the slow part
    _worker_engine = make_engine(url)


def _worker_write(ids: list[int], out: str, size: str) -> int:
    assert _worker_engine is not None
    return write_files(_worker_engine, ids, Path(out), size=size)


def write_files_parallel(url: str, invoice_ids: Sequence[int], out: Path, *, size: str = "A4",
                         processes: int | None = None, chunk: int = 40,
                         progress: Callable[[int, int], None] | None = None) -> int:
    """Write each invoice to ``out/<number>.pdf`` across ``processes`` worker processes
    (default: one per core), ``chunk`` invoices a task; each worker registers the font
    once and reads its own chunks.  Returns how many were written."""
    _check_size(size)
    out.mkdir(parents=True, exist_ok=True)
    ids = list(invoice_ids)
    processes = processes or os.cpu_count() or 1
    chunks = [ids[k:k + chunk] for k in range(0, len(ids), chunk)]
    if processes <= 1 or len(chunks) <= 1:
        engine = make_engine(url)
        try:
            return write_files(engine, ids, out, size=size)
        finally:
            engine.dispose()
    written = 0
    base.register_font()  # forked workers inherit it (spawned ones register it once each)
    with ProcessPoolExecutor(min(processes, len(chunks)), initializer=_worker_start,
                             initargs=(url,)) as pool:
        for n in pool.map(_worker_write, chunks, [str(out)] * len(chunks),
                          [size] * len(chunks)):
            written += n
            if progress is not None:
                progress(written, len(ids))
    return written


# --- laying out ---------------------------------------------------------------------------

@dataclass
class _State:
    doc: int = 0  # the invoice whose pages are being laid out
    starts: list[int] = field(default_factory=list)  # each invoice's first page


class _Next(Flowable):
    """Takes no room; the pages after it belong to the next invoice."""

    def __init__(self, state: _State, number: int) -> None:
        super().__init__()
        self.state, self.number = state, number
        self.width = self.height = 0

    def wrap(self, *_args):
        return 0, 0

    def draw(self) -> None:
        self.state.doc = self.number


class _Invoices(base.Document):
    """The house document, with the footer, "page N of M" and a void invoice's stamp
    per invoice."""

    def __init__(self, buffer, *, docs: Sequence[InvoiceDoc], state: _State, head, **kwargs):
        super().__init__(buffer, **kwargs)
        self._docs, self._state, self._head = docs, state, head

    def footer(self, c: Canvas, page: int, pages: int) -> None:
        starts = self._state.starts
        number = max((k for k, first in enumerate(starts) if first <= page), default=0)
        first = starts[number] if starts else 1
        last = starts[number + 1] - 1 if number + 1 < len(starts) else pages
        doc = self._docs[number]
        self._language = doc.language
        self._footer_text = "  ·  ".join(x for x in (
            self._head.name, doc.number, doc.customer_name) if x)
        if doc.status == "void":
            base.stamp(c, self.pagesize, label(doc.language, "inv.void"), VOID_RED)
        super().footer(c, page - first + 1, last - first + 1)


class _QrFlowable(Flowable):
    def __init__(self, text: str, side: float) -> None:
        super().__init__()
        self.modules, self.side = qr.matrix(text), side

    def wrap(self, *_args):
        return self.side, self.side

    def draw(self) -> None:
        self.canv.setFillColor(colors.black)
        qr.draw(self.canv, self.modules, 0, 0, self.side)


def build(docs: Sequence[InvoiceDoc], company: Company, *, size: str = "A4") -> bytes:
    """The invoices as one PDF; each starts on a page of its own."""
    _check_size(size)
    head = company.head
    half = size == "A5"
    pagesize = landscape(A5) if half else A4
    margin = (8 if half else 16) * mm
    width, height = pagesize
    inner = width - 2 * margin
    font = base.register_font()
    state = _State()

    def first_page(c: Canvas, doc_template) -> None:
        state.starts.append(doc_template.page)
        doc = docs[state.doc]
        language = doc.language

        def L(key: str, **params) -> str:
            return label(language, key, **params)

        c.saveState()
        bottom = base.draw_letterhead(c, head, language, pagesize=pagesize, margin=margin)
        top = height - margin
        c.setFillColor(ACCENT)
        c.setFont(font, 16 if half else 20)
        c.drawRightString(width - margin, top - (13 if half else 15), L("inv.title"))
        rows = [(L("inv.number"), doc.number),
                (L("inv.issue_date"), base.day(doc.issue_date)),
                (L("inv.period"), f"{base.day(doc.period_start)} – {base.day(doc.period_end)}"),
                (L("inv.due_date"), base.day(doc.due_date)),
                (L("inv.customer_no"), doc.customer_code)]
        if doc.uniform_number:  # 統一發票 AB-12345678, as the proof prints it
            rows.insert(1, (L("inv.uniform"), f"{doc.uniform_number[:2]}-{doc.uniform_number[2:]}"))
        y = top - (21 if half else 31)
        for caption, value in rows:
            c.setFont(font, 7.5 if half else 8)
            c.setFillColor(MUTED)
            c.drawRightString(width - margin - 44 * mm, y, caption)
            c.setFillColor(INK)
            c.setFont(font, 8 if half else 8.5)
            c.drawRightString(width - margin, y, value)
            y -= 8 if half else 11.5
        line_y = min(bottom, y + 4) - 3
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2)
        c.line(margin, line_y, width - margin, line_y)
        c.restoreState()

    story: list = []
    for number, doc in enumerate(docs):
        if number:
            story += [_Next(state, number), NextPageTemplate("first"), PageBreak()]
        story += _story(doc, company, inner=inner, half=half)

    buffer = io.BytesIO()
    first = docs[0]
    title = (f"{label(first.language, 'inv.title')} {first.number}" if len(docs) == 1
             else f"{label(first.language, 'inv.title')} {first.number} – {docs[-1].number}")
    # A uniform invoice's number is a sixth line in the heading: half A4 needs room for it.
    top = 36 if not half else 25 if any(d.uniform_number for d in docs) else 23
    template = _Invoices(buffer, docs=docs, state=state, head=head, title=title,
                         author=head.name, top=top * mm,
                         footer_text=head.name, language=first.language,
                         first_page=first_page, pagesize=pagesize, margin=margin)
    template.render(story)
    return buffer.getvalue()


_NO_PADDING = [(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                                  "BOTTOMPADDING")]


def _story(doc: InvoiceDoc, company: Company, *, inner: float, half: bool) -> list:
    """The invoice's flowables: who is billed beside the amount due, then the lines, and
    their totals, the account and how to pay kept with the last lines (``WithTail``)."""
    head = company.head
    language = doc.language
    account = doc.account
    Text = base.Text  # noqa: N806 - a flowable class

    def L(key: str, **params) -> str:
        return label(language, key, **params)

    def money(amount: Decimal) -> str:
        return base.money(amount, head, language)

    def signed(amount: Decimal) -> str:
        return ("−" if amount < 0 else "+" if amount > 0 else "") + money(abs(amount))

    fs = 8.5 if half else 9
    body = 8 if half else 9

    # Who is billed, and the amount due beside it.
    party = [Text(L("inv.bill_to"), 8, color=MUTED),
             Text(doc.customer_name, 12 if half else 14, leading=16 if half else 18)]
    party += [Text(text, body) for text in filter(None, (
        doc.address,
        "  ·  ".join(x for x in (
            f"{label(language, 'phone')} {doc.phone}" if doc.phone else "",
            f"{L('inv.contact')} {doc.contact_person}" if doc.contact_person else "")
            if x)))]
    void = doc.status == "void"
    due = account.amount_due
    white = colors.white
    due_box = Table([
        [Text(L("inv.amount_due"), 8.5, color=white)],
        [Text(money(due) if not void else L("inv.void"), 16 if half else 19,
              leading=19 if half else 23, color=white, align="right")],
        [Text(L("inv.due_by", day=base.day(doc.due_date)) if due > 0 and not void
              else L("inv.nothing_due"), 8, color=white, align="right")],
    ], colWidths=[62 * mm])
    due_box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), VOID_RED if void else ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, 0), 5 if half else 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 5 if half else 7),
        ("TOPPADDING", (0, 1), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -2), 1)]))
    top = Table([[party, due_box]], colWidths=[inner - 62 * mm, 62 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING,
                             ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm)]))
    story: list = [top, Spacer(1, (2.5 if half else 6) * mm)]

    # The lines: plain strings where nothing wraps, a wrapped text for the product.
    widths = [21 * mm, 30 * mm, None, 22 * mm, 24 * mm, 27 * mm]
    widths[2] = inner - sum(w for w in widths if w)
    rows: list[list] = [[L("inv.date"), L("inv.order"), L("inv.product"), L("inv.quantity"),
                         L("inv.unit_price"), L("inv.amount")]]
    for x in doc.lines:
        if x.kind == "rental":
            detail = L("inv.rental_detail", start=base.day(doc.period_start),
                       end=base.day(doc.period_end), price=money(x.unit_price))
            product = [Text(x.name, fs, leading=fs + 2), Text(detail, 7, color=MUTED)]
        else:
            product = Text(x.name, fs, leading=fs + 2.5) \
                if base.text_width(x.name, fs) > widths[2] - 12 else x.name
        rows.append([base.day(x.day), x.order_number, product,
                     base.quantity_of(language, x.quantity, x.unit), money(x.unit_price),
                     money(x.amount)])
    lines = Table(rows, colWidths=widths, repeatRows=1)
    lines.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), base.FONT, fs),
        ("FONT", (0, 0), (-1, 0), base.FONT, 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2 if half else 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 if half else 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        *[("BACKGROUND", (0, n), (-1, n), SHADE) for n in range(2, len(rows), 2)],
    ]))

    # Subtotal, tax and total, under the amounts.
    rates = sorted({x.tax_rate for x in doc.lines})
    tax_caption = L("inv.tax") + (f" {(rates[0] * 100).normalize():f}%" if len(rates) == 1
                                  else "")
    totals = Table([[L("inv.subtotal"), money(doc.subtotal)],
                    [tax_caption, money(doc.tax)],
                    [L("inv.total"), money(doc.total)]],
                   colWidths=[25 * mm, 25 * mm] if half else [44 * mm, 30 * mm],
                   hAlign="RIGHT")
    totals.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), base.FONT, fs),
        ("FONT", (0, 2), (-1, 2), base.FONT, 10 if half else 10.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("LINEABOVE", (0, 2), (-1, 2), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 1 if half else 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 if half else 2.5),
        ("RIGHTPADDING", (1, 0), (1, -1), 6),
    ]))

    # The account (statement style), how to pay and the QR code, side by side.
    summary_rows = [[L("inv.account"), ""],
                    [L("inv.previous_of", number=account.previous_number)
                     if account.previous_number else L("inv.previous"),
                     money(account.previous_balance)]]
    for key, amount in (("inv.payments", account.payments), ("inv.refunds", account.refunds),
                        ("inv.credits", account.credits)):
        if amount or key == "inv.payments":
            summary_rows.append([L(key), signed(amount)])
    summary_rows.append([L("inv.this_invoice"), signed(account.this_invoice)])
    if account.adjustments:
        summary_rows.append([L("inv.adjustments"), signed(account.adjustments)])
    summary_rows.append([L("inv.amount_due"), money(account.amount_due)])
    summary = Table(summary_rows, colWidths=[40 * mm, 22 * mm] if half else [46 * mm, 26 * mm])
    summary.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), base.FONT, 8 if half else 8.5),
        ("FONT", (0, 0), (-1, 0), base.FONT, 9 if half else 9.5),
        ("FONT", (0, -1), (-1, -1), base.FONT, 10 if half else 10.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 1 if half else 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 if half else 2.5),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
    ]))
    notes = []
    if account.not_invoiced:
        notes.append(L("inv.not_invoiced", day=base.day(doc.period_end),
                       amount=money(account.not_invoiced)))
    if account.amount_due < 0:
        notes.append(L("inv.credit_left", amount=money(-account.amount_due)))
    left = [summary, *[Text(note, 7.5, color=MUTED) for note in notes]]

    pay = [Text(L("inv.how_to_pay"), 9, color=ACCENT, leading=12)]
    if void:
        pay.append(Text(L("inv.void_note"), 8.5, color=VOID_RED))
    else:
        if due > 0:
            pay.append(Text(L("inv.pay", amount=money(due), day=base.day(doc.due_date)), body))
        pay += [Text(text, body) for text in base.bank_lines(head, language)
                or [L("inv.payee_tax_id", name=head.name, tax_id=head.tax_id)
                    if head.tax_id else L("inv.payee", name=head.name)]]
        pay.append(Text(L("inv.quote_number", number=doc.number), 7 if half else 7.5,
                        color=MUTED))
    side = (17 if half else 26) * mm
    code = [_QrFlowable(doc.qr_text(head.currency), side),
            Text(L("inv.qr"), 6.5, color=MUTED, align="centre")]
    # A4: the totals under the lines, then the account, how to pay and the code.  Half
    # A4 has not the height for that: the totals are the fourth column of that row.
    columns = [left, pay, code] + ([totals] if half else [])
    widths = [(66 if half else 76) * mm, None, side + 4 * mm] + ([50 * mm] if half else [])
    widths[1] = inner - sum(w for w in widths if w)
    bottom = Table([columns], colWidths=widths)
    bottom.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING,
        ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
        ("RIGHTPADDING", (1, 0), (1, 0), 3 * mm),
        ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
        ("LINEBEFORE", (1, 0), (1, 0), 0.5, RULE),
        ("LEFTPADDING", (2, 0), (2, 0), 4 * mm),
    ]))
    tail = [Spacer(1, 2 * mm), bottom] if half else \
        [Spacer(1, 2 * mm), totals, Spacer(1, 6 * mm), bottom]
    story.append(base.WithTail(lines, tail))
    return story


def ids_of_period(engine: Engine, period: str) -> list[int]:
    """The period's invoices, by number."""
    with unit_of_work(engine, write=False) as s:
        return list(s.scalars(select(Invoice.id).where(Invoice.period == period)
                              .order_by(Invoice.number)))


def numbers_of(engine: Engine, invoice_ids: Iterable[int]) -> dict[int, str]:
    with unit_of_work(engine, write=False) as s:
        return dict(s.execute(select(Invoice.id, Invoice.number)
                              .where(Invoice.id.in_(list(invoice_ids)))).all())
