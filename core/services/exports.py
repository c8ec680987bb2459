"""Exports for the accountant: invoices, credit notes, payments and cash sales as rows, and
the two writers (Excel .xlsx and CSV) that every export of the app uses.

Cells are written by their type: Decimal as a number (money in the currency's
decimals), date and datetime as dates (datetimes in this machine's time), float as a
percentage in Excel; text a spreadsheet would run as a formula (beginning with
= + - @, a tab or a carriage return) is prefixed with ' so it stays text — also in CSV,
which Excel opens the same way.  CSV is UTF-8 with a byte order mark, so Excel reads
Chinese names correctly.  The header strings are English sources marked for
translation (context ``core``); a caller showing them translates them.

openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from core.db import unit_of_work
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Allocation, CashSale, CreditNote, Customer, Invoice, LedgerEntry,
                         Order, Payment)
from core.money import decimals
from core.periods import Period

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

INVOICE_HEADER = (
    QT_TRANSLATE_NOOP("core", "Invoice"), QT_TRANSLATE_NOOP("core", "Issued"),
    QT_TRANSLATE_NOOP("core", "Due"), QT_TRANSLATE_NOOP("core", "Customer code"),
    QT_TRANSLATE_NOOP("core", "Customer"), QT_TRANSLATE_NOOP("core", "Period"),
    QT_TRANSLATE_NOOP("core", "Subtotal"), QT_TRANSLATE_NOOP("core", "Tax"),
    QT_TRANSLATE_NOOP("core", "Total"), QT_TRANSLATE_NOOP("core", "Paid or credited"),
    QT_TRANSLATE_NOOP("core", "Open"), QT_TRANSLATE_NOOP("core", "Status"))
CREDIT_NOTE_HEADER = (
    QT_TRANSLATE_NOOP("core", "Credit note"), QT_TRANSLATE_NOOP("core", "Date"),
    QT_TRANSLATE_NOOP("core", "Customer code"), QT_TRANSLATE_NOOP("core", "Customer"),
    QT_TRANSLATE_NOOP("core", "Invoice"), QT_TRANSLATE_NOOP("core", "Amount"),
    QT_TRANSLATE_NOOP("core", "Voids the invoice"), QT_TRANSLATE_NOOP("core", "Reason"),
    QT_TRANSLATE_NOOP("core", "Approved by"))
PAYMENT_HEADER = (
    QT_TRANSLATE_NOOP("core", "Date"), QT_TRANSLATE_NOOP("core", "Customer code"),
    QT_TRANSLATE_NOOP("core", "Customer"), QT_TRANSLATE_NOOP("core", "Kind"),
    QT_TRANSLATE_NOOP("core", "Method"), QT_TRANSLATE_NOOP("core", "Amount"),
    QT_TRANSLATE_NOOP("core", "Cheque number"), QT_TRANSLATE_NOOP("core", "Cheque bank"),
    QT_TRANSLATE_NOOP("core", "Cheque date"), QT_TRANSLATE_NOOP("core", "Reference"),
    QT_TRANSLATE_NOOP("core", "Allocated to"), QT_TRANSLATE_NOOP("core", "Unallocated"),
    QT_TRANSLATE_NOOP("core", "Recorded by"))
CASH_SALE_HEADER = (
    QT_TRANSLATE_NOOP("core", "Cash sale"), QT_TRANSLATE_NOOP("core", "Date"),
    QT_TRANSLATE_NOOP("core", "Customer code"), QT_TRANSLATE_NOOP("core", "Customer"),
    QT_TRANSLATE_NOOP("core", "Order"), QT_TRANSLATE_NOOP("core", "Subtotal"),
    QT_TRANSLATE_NOOP("core", "Tax"), QT_TRANSLATE_NOOP("core", "Total"),
    QT_TRANSLATE_NOOP("core", "Cash received"), QT_TRANSLATE_NOOP("core", "Status"))
# One row of each export, column by column as its header.
InvoiceExportRow = tuple[str, date, date, str, str, str, Decimal, Decimal, Decimal, Decimal,
                         Decimal, str]
CreditNoteExportRow = tuple[str, date, str, str, str, Decimal, bool, str, str]
PaymentExportRow = tuple[date, str, str, str, str, Decimal, str, str, date | None, str, str,
                         Decimal, str]
CashSaleExportRow = tuple[str, date, str, str, str, Decimal, Decimal, Decimal, Decimal, str]
DEPOSIT_RECEIPT_HEADER = (
    QT_TRANSLATE_NOOP("core", "Deposit receipt"), QT_TRANSLATE_NOOP("core", "Date"),
    QT_TRANSLATE_NOOP("core", "Customer code"), QT_TRANSLATE_NOOP("core", "Customer"),
    QT_TRANSLATE_NOOP("core", "Order"), QT_TRANSLATE_NOOP("core", "Kind"),
    QT_TRANSLATE_NOOP("core", "Paid by"), QT_TRANSLATE_NOOP("core", "Cylinders"),
    QT_TRANSLATE_NOOP("core", "Amount"), QT_TRANSLATE_NOOP("core", "Reverses"))
DEPOSIT_LIABILITY_HEADER = (
    QT_TRANSLATE_NOOP("core", "Customer code"), QT_TRANSLATE_NOOP("core", "Customer"),
    QT_TRANSLATE_NOOP("core", "Cylinders on deposit"), QT_TRANSLATE_NOOP("core", "Deposits held"))
DepositReceiptExportRow = tuple[str, date, str, str, str, str, str, int, Decimal, str]
DepositLiabilityExportRow = tuple[str, str, int, Decimal]


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def text_width(text: str) -> int:
    """How many average characters ``text`` takes (CJK glyphs count as two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell_value(value: Any) -> Any:
    """A value as a spreadsheet cell takes it (text neutralised, datetimes local)."""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, bool):
        return str(value)
    return value


def _csv_text(value: Any) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_xlsx(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *,
               title: str = "Sheet1", currency: str = "TWD",
               widths: Sequence[int] | None = None) -> None:
    """Write a bold ``header`` and ``rows`` to an .xlsx file, columns sized to their text
    (``widths`` in characters, when the caller knows better)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    places = decimals(currency)
    money_format = "#,##0" + ("." + "0" * places if places else "")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_SHEET_FORBIDDEN.sub(" ", title)[:31] or "Sheet1")
    table = [[cell_value(v) for v in row] for row in rows]
    if widths is None:
        widths = [max([text_width(str(h))] + [text_width(_csv_text(row[n])) for row in rows[:2000]])
                  for n, h in enumerate(header)]
    for n, longest in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = min(max(longest + 2, 8), 60)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for title_text in header:
        cell = WriteOnlyCell(sheet, value=neutralise(str(title_text)))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for values in table:
        line = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, Decimal):
                cell.number_format = money_format
            elif isinstance(value, float):
                cell.number_format = "0%"
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            line.append(cell)
        sheet.append(line)
    book.save(str(path))


def write_csv(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Write ``header`` and ``rows`` as CSV: UTF-8 with a byte order mark (for Excel),
    amounts as plain numbers, dates as YYYY-MM-DD, text neutralised."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow([neutralise(str(h)) for h in header])
        for row in rows:
            out.writerow([_csv_text(v) for v in row])


# --- the accountant's rows ----------------------------------------------------------------

def _placed(s, column, ids) -> dict[int, Decimal]:
    if not ids:
        return {}
    return dict(s.execute(select(column, func.sum(Allocation.amount))
                          .where(column.in_(ids)).group_by(column)).all())


def invoices_rows(engine: Engine, period: Period | str) -> list[InvoiceExportRow]:
    """The invoices issued in ``period`` (YYYY-MM), by number, as INVOICE_HEADER."""
    month = Period.parse(period)
    with unit_of_work(engine, write=False) as s:
        found = s.execute(select(Invoice, Customer.code, Customer.name)
                          .join(Customer, Customer.id == Invoice.customer_id)
                          .where(Invoice.issue_date >= month.start,
                                 Invoice.issue_date <= month.end)
                          .order_by(Invoice.number)).all()
        paid = _placed(s, Allocation.invoice_id, [i.id for i, *_ in found])
        return [(i.number, i.issue_date, i.due_date, code, name, i.period or "", i.subtotal,
                 i.tax, i.total, paid.get(i.id) or Decimal(0),
                 i.total - (paid.get(i.id) or Decimal(0)), i.status)
                for i, code, name in found]


def credit_notes_rows(engine: Engine, period: Period | str) -> list[CreditNoteExportRow]:
    """The credit notes of ``period`` (YYYY-MM, by the business date of their ledger row),
    by number, as CREDIT_NOTE_HEADER."""
    month = Period.parse(period)
    with unit_of_work(engine, write=False) as s:
        notes = s.execute(select(CreditNote, LedgerEntry.business_date, Customer.code,
                                 Customer.name, Invoice.number)
                          .join(LedgerEntry, LedgerEntry.credit_note_id == CreditNote.id)
                          .join(Customer, Customer.id == CreditNote.customer_id)
                          .outerjoin(Invoice, Invoice.id == CreditNote.invoice_id)
                          .where(LedgerEntry.business_date >= month.start,
                                 LedgerEntry.business_date <= month.end)
                          .order_by(CreditNote.number)).all()
        return [(n.number, day, code, name, invoice or "", n.amount, n.voids, n.reason,
                 n.approved_by) for n, day, code, name, invoice in notes]


def payments_rows(engine: Engine, start: date, end: date) -> list[PaymentExportRow]:
    """Payments and refunds received or paid from ``start`` through ``end``, by date, as
    PAYMENT_HEADER (refunds with a negative amount)."""
    with unit_of_work(engine, write=False) as s:
        found = s.execute(select(Payment, Customer.code, Customer.name)
                          .join(Customer, Customer.id == Payment.customer_id)
                          .where(Payment.received_on >= start, Payment.received_on <= end)
                          .order_by(Payment.received_on, Payment.id)).all()
        ids = [p.id for p, *_ in found]
        placed: dict[int, list[str]] = {}
        used: dict[int, Decimal] = {}
        if ids:
            for pid, number, amount in s.execute(
                    select(Allocation.payment_id, Invoice.number, Allocation.amount)
                    .join(Invoice, Invoice.id == Allocation.invoice_id)
                    .where(Allocation.payment_id.in_(ids)).order_by(Allocation.id)):
                placed.setdefault(pid, []).append(f"{number} {amount:f}")
                used[pid] = used.get(pid, Decimal(0)) + amount
        return [(p.received_on, code, name, p.kind, p.method,
                 -p.amount if p.kind == "refund" else p.amount, p.cheque_number,
                 p.cheque_bank, p.cheque_date, p.reference, "; ".join(placed.get(p.id, [])),
                 p.amount - used.get(p.id, Decimal(0)) if p.kind == "payment" else Decimal(0),
                 p.created_by)
                for p, code, name in found]


def cash_sales_rows(engine: Engine, *, period: Period | str) -> list[CashSaleExportRow]:
    """The cash sales of ``period`` (YYYY-MM, by the day delivered), by number, as
    CASH_SALE_HEADER; a sale voided since stays, with its status ``void``."""
    month = Period.parse(period)
    with unit_of_work(engine, write=False) as s:
        return [(x.number, x.business_date, code, name, order, x.subtotal, x.tax, x.total,
                 x.cash_received, x.status)
                for x, code, name, order in s.execute(
                    select(CashSale, Customer.code, Customer.name, Order.number)
                    .join(Customer, Customer.id == CashSale.customer_id)
                    .join(Order, Order.id == CashSale.order_id)
                    .where(CashSale.business_date >= month.start,
                           CashSale.business_date <= month.end)
                    .order_by(CashSale.number))]


def deposit_receipts_rows(engine: Engine, *, period: Period | str) -> list[DepositReceiptExportRow]:
    """The deposit receipts of ``period`` (YYYY-MM, by business date), by number, as
    DEPOSIT_RECEIPT_HEADER: kind delivery or undone, paid by cash or account, the
    cylinders (+ taken on deposit, − returned) and the amount (+ charged, − refunded)."""
    from core.models import DepositLine, DepositReceipt, Delivery

    month = Period.parse(period)
    with unit_of_work(engine, write=False) as s:
        counts = dict(s.execute(
            select(DepositLine.receipt_id, func.sum(DepositLine.count))
            .join(DepositReceipt, DepositReceipt.id == DepositLine.receipt_id)
            .where(DepositReceipt.business_date >= month.start,
                   DepositReceipt.business_date <= month.end)
            .group_by(DepositLine.receipt_id)).all())
        reversed_ = aliased(DepositReceipt)
        return [(x.number, x.business_date, code, name, order or "", x.kind, x.paid_by,
                 int(counts.get(x.id) or 0), x.amount, reverses or "")
                for x, code, name, order, reverses in s.execute(
                    select(DepositReceipt, Customer.code, Customer.name, Order.number,
                           reversed_.number)
                    .join(Customer, Customer.id == DepositReceipt.customer_id)
                    .outerjoin(reversed_, reversed_.id == DepositReceipt.reverses_id)
                    .outerjoin(Delivery, Delivery.id == DepositReceipt.delivery_id)
                    .outerjoin(Order, Order.id == Delivery.order_id)
                    .where(DepositReceipt.business_date >= month.start,
                           DepositReceipt.business_date <= month.end)
                    .order_by(DepositReceipt.number))]


def deposit_liability_rows(engine: Engine, *, at: date) -> list[DepositLiabilityExportRow]:
    """The deposits each customer has at the end of ``at`` (the liability), by code, as
    DEPOSIT_LIABILITY_HEADER (their sum is the total liability)."""
    from core.services import deposits

    return [(x.code, x.name, x.cylinders, x.amount)
            for x in deposits.liability(engine, at).customers]
