"""A customer's statement of account for a date range, as a PDF.

Every movement of the customer's ledger in the range, oldest first, with the running
balance: the opening balance (the ledger's sum before the first day), deliveries on
account (and their undoing), cash sales and the cash the driver took for them (and
their voiding when a delivery is undone), what invoices billed beyond the deliveries
(the cylinder rental, total rounding), payments, refunds and credit notes; then the
closing balance (the ledger's sum at the end of the last day — the customer's balance
when the range ends today).  Below it the invoices still open at the end of the range:
total less what was allocated to them by then, with the due date and the days past
it.  Movements go by their business date (the day a payment was received, a delivery
made, an invoice dated), not the time they were keyed in.  Last, the cylinders the
customer holds at the end of the range per size, how many on deposit, and the deposits
held (a liability: refunded when the cylinders come back; deposits on account are in the
ledger above as movements of their own).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.errors import DomainError, NotFound
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Allocation, CreditNote, Customer, CylinderMovement, DepositLine,
                         DepositReceipt, Invoice, LedgerEntry, Order, Payment, Product)
from core.printing import base
from core.printing.base import (
    ACCENT,
    INK,
    LABELS,
    MARGIN,
    MUTED,
    PAGE,
    RULE,
    SHADE,
    Table,
    esc,
    label,
    style,
)
from core.queries.aging import allocations_by
from core.services.customers import display_phone

LABELS["zh_TW"].update({
    "st.title": "對帳單",
    "st.range": "對帳期間",
    "st.printed": "列印日期",
    "st.customer_no": "客戶編號",
    "st.customer": "客戶",
    "st.date": "日期",
    "st.document": "單據號碼",
    "st.description": "摘要",
    "st.debit": "應收",
    "st.credit": "收款／扣抵",
    "st.balance": "餘額",
    "st.opening": "期初餘額",
    "st.closing": "期末餘額",
    "st.kind.delivery": "送貨",
    "st.kind.delivery_undone": "撤銷送貨",
    "st.kind.invoice": "請款單：鋼瓶租金及尾差",
    "st.kind.payment": "收款",
    "st.kind.refund": "退款",
    "st.kind.credit_note": "折讓",
    "st.kind.void": "作廢請款單 {invoice}",
    "st.kind.cash_sale": "現金銷貨",
    "st.kind.cash_received": "現金收款",
    "st.kind.cash_sale_void": "現金銷貨作廢",
    "st.kind.cash_received_void": "現金收款沖回",
    "st.kind.deposit": "鋼瓶押金",
    "st.kind.deposit_undone": "撤銷送貨：押金沖回",
    "st.cylinders": "鋼瓶及押金（截至 {day}）",
    "st.size": "鋼瓶規格",
    "st.held": "持有（桶）",
    "st.on_deposit": "已付押金（桶）",
    "st.deposits": "押金",
    "st.deposits_total": "押金合計",
    "st.deposit_note": "押金於鋼瓶歸還時退還，不屬銷貨。",
    "st.method.cash": "現金",
    "st.method.transfer": "匯款",
    "st.method.cheque": "支票",
    "st.cheque": "支票 {number}",
    "st.totals": "本期合計",
    "st.open": "未結請款單",
    "st.invoice": "請款單號",
    "st.issued": "開立日期",
    "st.due": "繳款期限",
    "st.amount": "金額",
    "st.open_amount": "未付金額",
    "st.overdue": "逾期天數",
    "st.open_total": "未付合計",
    "st.none_open": "截至 {day} 沒有未結的請款單。",
    "st.balance_note": "期末餘額含已送貨而尚未開立請款單的金額。",
    "st.how_to_pay": "繳款方式",
})
LABELS["en"].update({
    "st.title": "STATEMENT OF ACCOUNT",
    "st.range": "Period",
    "st.printed": "Printed",
    "st.customer_no": "Customer no.",
    "st.customer": "Statement for",
    "st.date": "Date",
    "st.document": "Document",
    "st.description": "Description",
    "st.debit": "Charges",
    "st.credit": "Payments / credits",
    "st.balance": "Balance",
    "st.opening": "Opening balance",
    "st.closing": "Closing balance",
    "st.kind.delivery": "Delivery",
    "st.kind.delivery_undone": "Delivery undone",
    "st.kind.invoice": "Invoice: cylinder rental and rounding",
    "st.kind.payment": "Payment",
    "st.kind.refund": "Refund",
    "st.kind.credit_note": "Credit note",
    "st.kind.void": "Invoice {invoice} voided",
    "st.kind.cash_sale": "Cash sale",
    "st.kind.cash_received": "Cash received",
    "st.kind.cash_sale_void": "Cash sale void",
    "st.kind.cash_received_void": "Cash returned (void)",
    "st.kind.deposit": "Cylinder deposit",
    "st.kind.deposit_undone": "Delivery undone: deposit reversed",
    "st.cylinders": "Cylinders and deposits on {day}",
    "st.size": "Cylinder size",
    "st.held": "Held",
    "st.on_deposit": "On deposit",
    "st.deposits": "Deposits",
    "st.deposits_total": "Deposits held",
    "st.deposit_note": "Deposits are refunded when the cylinders come back; they are not "
                       "a sale.",
    "st.method.cash": "cash",
    "st.method.transfer": "bank transfer",
    "st.method.cheque": "cheque",
    "st.cheque": "cheque {number}",
    "st.totals": "Totals for the period",
    "st.open": "Open invoices",
    "st.invoice": "Invoice",
    "st.issued": "Issued",
    "st.due": "Due",
    "st.amount": "Amount",
    "st.open_amount": "Open",
    "st.overdue": "Days overdue",
    "st.open_total": "Total open",
    "st.none_open": "No invoice was open on {day}.",
    "st.balance_note": "The closing balance includes deliveries not invoiced yet.",
    "st.how_to_pay": "How to pay",
})


@dataclass(frozen=True)
class Movement:
    day: date
    document: str
    description: str
    amount: Decimal  # + owes more, - owes less
    balance: Decimal  # after it


@dataclass(frozen=True)
class OpenItem:
    number: str
    issue_date: date
    due_date: date
    total: Decimal
    open: Decimal
    days_overdue: int


@dataclass(frozen=True)
class CylinderLine:
    sku: str
    name_zh: str
    name_en: str
    held: int
    on_deposit: int
    deposits: Decimal


@dataclass(frozen=True)
class Statement:
    customer_code: str
    customer_name: str
    address: str
    phone: str
    language: str
    start: date
    end: date
    opening: Decimal
    movements: tuple[Movement, ...]
    closing: Decimal
    open_invoices: tuple[OpenItem, ...]
    cylinders: tuple[CylinderLine, ...] = ()  # per size at the end of the range


def statement_in(s: Session, customer_id: int, *, start: date, end: date,
                 language: str | None = None) -> Statement:
    if end < start:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The statement's last day ({end}) is before its first ({start})."),
            start=start.isoformat(), end=end.isoformat())
    c = s.get(Customer, customer_id)
    if c is None:
        raise NotFound()
    language = base.language_of(language or c.language)
    # By the business date (received on, delivered on, the invoice's date), not the time
    # the row was recorded: a payment keyed in after the month's end belongs to its month.
    opening = s.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
        LedgerEntry.customer_id == customer_id, LedgerEntry.business_date < start))
    opening = Decimal(opening or 0)
    rows = s.execute(
        select(LedgerEntry, Order.number, Invoice.number, Payment, CreditNote)
        .outerjoin(Order, Order.id == LedgerEntry.order_id)
        .outerjoin(Invoice, Invoice.id == LedgerEntry.invoice_id)
        .outerjoin(Payment, Payment.id == LedgerEntry.payment_id)
        .outerjoin(CreditNote, CreditNote.id == LedgerEntry.credit_note_id)
        .where(LedgerEntry.customer_id == customer_id, LedgerEntry.business_date >= start,
               LedgerEntry.business_date <= end)
        .order_by(LedgerEntry.business_date, LedgerEntry.id)).all()
    balance = opening
    movements = []
    for entry, order_number, invoice_number, payment, note in rows:
        balance += entry.amount
        document, description = _describe(language, entry, order_number, invoice_number,
                                          payment, note)
        movements.append(Movement(entry.business_date, document, description,
                                  entry.amount, balance))
    # The invoices open at the end of the range: issued by then, less what was allocated
    # to them from payments received and credit notes made by then.
    allocated = (select(Allocation.invoice_id, func.sum(Allocation.amount).label("amount"))
                 .where(Allocation.id.in_(allocations_by(end)))
                 .group_by(Allocation.invoice_id).subquery())
    open_items = []
    for number, issued, due, total, paid in s.execute(
            select(Invoice.number, Invoice.issue_date, Invoice.due_date, Invoice.total,
                   allocated.c.amount)
            .outerjoin(allocated, allocated.c.invoice_id == Invoice.id)
            .where(Invoice.customer_id == customer_id, Invoice.issue_date <= end,
                   Invoice.status != "void")
            .order_by(Invoice.due_date, Invoice.number)):
        remaining = total - _money(paid)
        if remaining > 0:
            open_items.append(OpenItem(number, issued, due, total, remaining,
                                       max(0, (end - due).days)))
    return Statement(c.code, c.name, c.address, display_phone(c.phone) if c.phone else "",
                     language, start, end, opening, tuple(movements), balance,
                     tuple(open_items), _cylinders(s, customer_id, end))


def _cylinders(s: Session, customer_id: int, end: date) -> tuple[CylinderLine, ...]:
    """Per size, the cylinders held at the end of ``end`` (the movements recorded by then,
    in this machine's time) and the deposits on them (the receipts dated by then)."""
    until = datetime.combine(end + timedelta(days=1), time()).astimezone()
    held = dict(s.execute(
        select(CylinderMovement.product_id,
               func.sum(CylinderMovement.full_out - CylinderMovement.empty_in))
        .where(CylinderMovement.customer_id == customer_id, CylinderMovement.at < until)
        .group_by(CylinderMovement.product_id)).all())
    deposits = {pid: (n, amount) for pid, n, amount in s.execute(
        select(DepositLine.product_id, func.sum(DepositLine.count), func.sum(DepositLine.amount))
        .join(DepositReceipt, DepositReceipt.id == DepositLine.receipt_id)
        .where(DepositLine.customer_id == customer_id, DepositReceipt.business_date <= end)
        .group_by(DepositLine.product_id))}
    sizes = {pid for pid, n in held.items() if n} | {
        pid for pid, (n, a) in deposits.items() if n or _money(a)}
    if not sizes:
        return ()
    return tuple(CylinderLine(p.sku, p.name_zh, p.name_en, int(held.get(p.id) or 0),
                              int(deposits.get(p.id, (0, 0))[0] or 0),
                              _money(deposits.get(p.id, (0, None))[1]))
                 for p in s.scalars(select(Product).where(Product.id.in_(sizes))
                                    .order_by(Product.sku)))


def _money(value) -> Decimal:
    """An allocation sum: the Money column's Decimal, or raw hundredths where the type
    was lost in the subquery."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    return Decimal(int(value)).scaleb(-2)


def _describe(language: str, entry: LedgerEntry, order_number, invoice_number, payment,
              note) -> tuple[str, str]:
    def L(key: str, **params) -> str:
        return label(language, key, **params)

    kind = entry.kind
    if kind in ("delivery", "delivery_undone"):
        return order_number or "", L(f"st.kind.{kind}")
    if kind in ("deposit", "deposit_undone"):  # the deposit receipt's number is the note
        return entry.note, L(f"st.kind.{kind}")
    if kind == "invoice":
        return invoice_number or entry.note, L("st.kind.invoice")
    if kind in ("cash_sale", "cash_received", "cash_sale_void", "cash_received_void"):
        # The sale's number is the row's note (the order's, when a row has none).
        return entry.note or order_number or "", L(f"st.kind.{kind}")
    if kind in ("payment", "refund") and payment is not None:
        method = f"st.method.{payment.method}"
        how = L(method) if method in LABELS[language] else payment.method
        document = payment.reference
        if payment.method == "cheque" and payment.cheque_number:
            how = L("st.cheque", number=payment.cheque_number)
            document = document or payment.cheque_number
        return document, f"{L(f'st.kind.{kind}')}（{how}）" if language == "zh_TW" \
            else f"{L(f'st.kind.{kind}')} ({how})"
    if kind == "credit_note" and note is not None:
        if note.voids and invoice_number:
            return note.number, L("st.kind.void", invoice=invoice_number)
        return note.number, f"{L('st.kind.credit_note')}: {note.reason}" if note.reason \
            else L("st.kind.credit_note")
    key = f"st.kind.{kind}"
    return "", L(key) if key in LABELS[language] else (entry.note or kind)


def statement_pdf(engine: Engine, customer_id: int, *, start: date, end: date,
                  language: str | None = None) -> bytes:
    """The statement's PDF (``language`` None: the customer's), read in one transaction."""
    with unit_of_work(engine, write=False) as s:
        statement = statement_in(s, customer_id, start=start, end=end, language=language)
        head = base.letterhead(s)
    return build(statement, head)


def _cylinder_table(st: Statement, language: str, font: str, inner: float, money,
                    style_) -> list:
    def L(key: str, **params) -> str:  # noqa: N802 - reads like a label
        return label(language, key, **params)

    rows: list[list] = [[L("st.size"), L("st.held"), L("st.on_deposit"), L("st.deposits")]]
    for x in st.cylinders:
        rows.append([x.name_zh if language == "zh_TW" else (x.name_en or x.name_zh),
                     str(x.held), str(x.on_deposit), money(x.deposits)])
    rows.append(["", "", L("st.deposits_total"),
                 money(sum((x.deposits for x in st.cylinders), Decimal(0)))])
    widths = [None, 24 * mm, 30 * mm, 32 * mm]
    widths[0] = inner - sum(w for w in widths if w)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5), ("FONT", (0, -1), (-1, -1), font, 9.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED), ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK), ("LINEBELOW", (0, 1), (-1, -2), 0.4, RULE),
        ("LINEABOVE", (2, -1), (-1, -1), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    return [Paragraph(esc(L("st.cylinders", day=base.day(st.end))), style_(10.5, color=ACCENT)),
            Spacer(1, 1.5 * mm), table, Spacer(1, 1.5 * mm),
            Paragraph(esc(L("st.deposit_note")), style_(8, color=MUTED))]


def build(st: Statement, head: base.Letterhead, *, printed: date | None = None) -> bytes:
    language = st.language
    font = base.register_font()
    width, height = PAGE
    inner = width - 2 * MARGIN
    printed = printed or date.today()

    def L(key: str, **params) -> str:
        return label(language, key, **params)

    def money(amount: Decimal) -> str:
        return base.money(amount, head, language)

    def first_page(c: Canvas, _doc) -> None:
        c.saveState()
        bottom = base.draw_letterhead(c, head, language)
        top = height - MARGIN
        c.setFillColor(ACCENT)
        c.setFont(font, 18 if language == "en" else 20)
        c.drawRightString(width - MARGIN, top - 16, L("st.title"))
        rows = ((L("st.range"), f"{base.day(st.start)} – {base.day(st.end)}"),
                (L("st.customer_no"), st.customer_code),
                (L("st.printed"), base.day(printed)))
        y = top - 32
        for caption, value in rows:
            c.setFont(font, 8)
            c.setFillColor(MUTED)
            c.drawRightString(width - MARGIN - 46 * mm, y, caption)
            c.setFillColor(INK)
            c.setFont(font, 8.5)
            c.drawRightString(width - MARGIN, y, value)
            y -= 12
        line_y = min(bottom, y + 4) - 4
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2)
        c.line(MARGIN, line_y, width - MARGIN, line_y)
        c.restoreState()

    def style_(size: float, **kw):
        return style(size, language=language, **kw)

    small = style_(8, color=MUTED)
    body = style_(9)

    story: list = []
    # Plain wrapped text (``base.Text``): an address or a document number never breaks
    # inside a number.
    party = [[base.Text(L("st.customer"), 8, color=MUTED)],
             [base.Text(st.customer_name, 14, leading=18)]]
    for text in filter(None, (st.address, f"{label(language, 'phone')} {st.phone}"
                              if st.phone else "")):
        party.append([base.Text(text, 9)])
    to = Table(party, colWidths=[inner * 0.55])
    to.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    box = Table([[L("st.opening"), money(st.opening)],
                 [L("st.debit"), money(sum((m.amount for m in st.movements if m.amount > 0),
                                           Decimal(0)))],
                 [L("st.credit"), money(-sum((m.amount for m in st.movements if m.amount < 0),
                                             Decimal(0)))],
                 [L("st.closing"), money(st.closing)]], colWidths=[38 * mm, 30 * mm])
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5), ("FONT", (0, -1), (-1, -1), font, 11),
        ("TEXTCOLOR", (0, 0), (-1, -2), INK), ("TEXTCOLOR", (0, -1), (-1, -1), colors.white),
        ("BACKGROUND", (0, 0), (-1, -2), SHADE), ("BACKGROUND", (0, -1), (-1, -1), ACCENT),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, -1), (-1, -1), 4), ("BOTTOMPADDING", (0, -1), (-1, -1), 5.5)]))
    top = Table([[to, box]], colWidths=[inner - 68 * mm, 68 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             *[(k, (0, 0), (-1, -1), 0) for k in (
                                 "LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                 "BOTTOMPADDING")]]))
    story += [top, Spacer(1, 6 * mm)]

    widths = [20 * mm, 31 * mm, None, 25 * mm, 27 * mm, 27 * mm]
    widths[2] = inner - sum(w for w in widths if w)
    rows: list[list] = [[L("st.date"), L("st.document"), L("st.description"), L("st.debit"),
                         L("st.credit"), L("st.balance")],
                        [base.day(st.start), "", L("st.opening"), "", "", money(st.opening)]]
    for m in st.movements:
        text = base.Text(m.description, 8.5, leading=10.5) \
            if base.text_width(m.description, 8.5) > widths[2] - 12 else m.description
        rows.append([base.day(m.day), m.document, text,
                     money(m.amount) if m.amount > 0 else "",
                     money(-m.amount) if m.amount < 0 else "", money(m.balance)])
    debit = sum((m.amount for m in st.movements if m.amount > 0), Decimal(0))
    credit = -sum((m.amount for m in st.movements if m.amount < 0), Decimal(0))
    rows.append([base.day(st.end), "", L("st.closing"), money(debit), money(credit),
                 money(st.closing)])
    lines = Table(rows, colWidths=widths, repeatRows=1)
    lines.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("FONT", (0, 0), (-1, 0), font, 8),
        ("FONT", (0, -1), (-1, -1), font, 9.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 1), (-1, -2), 0.4, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ("BACKGROUND", (0, 1), (-1, 1), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
    ]))
    story += [lines, Spacer(1, 7 * mm)]

    opened = [Paragraph(esc(L("st.open")), style_(10.5, color=ACCENT)), Spacer(1, 1.5 * mm)]
    if st.open_invoices:
        orows: list[list] = [[L("st.invoice"), L("st.issued"), L("st.due"), L("st.amount"),
                              L("st.open_amount"), L("st.overdue")]]
        for x in st.open_invoices:
            orows.append([x.number, base.day(x.issue_date), base.day(x.due_date),
                          money(x.total), money(x.open), str(x.days_overdue) if x.days_overdue
                          else "—"])
        orows.append(["", "", "", L("st.open_total"),
                      money(sum((x.open for x in st.open_invoices), Decimal(0))), ""])
        ow = [34 * mm, 24 * mm, 24 * mm, 30 * mm, 30 * mm, None]
        ow[-1] = inner - sum(w for w in ow if w)
        table = Table(orows, colWidths=ow, repeatRows=1)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 8.5),
            ("FONT", (0, -1), (-1, -1), font, 9.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            *[("TEXTCOLOR", (5, n), (5, n), colors.HexColor("#b3261e"))
              for n, x in enumerate(st.open_invoices, 1) if x.days_overdue],
            ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -2), 0.4, RULE),
            ("LINEABOVE", (3, -1), (-1, -1), 0.8, INK),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
        ]))
        opened.append(table)
        open_total = sum((x.open for x in st.open_invoices), Decimal(0))
    else:
        opened.append(Paragraph(esc(L("st.none_open", day=base.day(st.end))), body))
        open_total = Decimal(0)
    if st.closing > open_total:
        opened += [Spacer(1, 2 * mm), Paragraph(esc(L("st.balance_note")), small)]
    bank = base.bank_lines(head, language)  # where to pay, when the company has an account
    if bank:
        opened += [Spacer(1, 5 * mm), base.Text(L("st.how_to_pay"), 10.5, color=ACCENT,
                                                leading=14),
                   *[base.Text(line, 9) for line in bank]]
    story.append(KeepTogether(opened))
    if st.cylinders:
        story += [Spacer(1, 7 * mm), KeepTogether(_cylinder_table(st, language, font, inner,
                                                                  money, style_))]

    buffer = io.BytesIO()
    doc = base.Document(buffer, title=f"{L('st.title')} {st.customer_code}", author=head.name,
                        top=36 * mm, footer_text="  ·  ".join(
                            (head.name, L("st.title"), st.customer_name,
                             f"{base.day(st.start)} – {base.day(st.end)}")),
                        language=language, first_page=first_page)
    doc.render(story)
    return buffer.getvalue()
