"""Import orders from .csv or .xlsx: columns customer_code, delivery_date, sku, quantity,
optional unit_price and ref.

Rows with the same ``ref`` form one order, and ``ref`` is kept as the order's
external reference, unique per customer: importing the same file again
creates nothing new.  A file with any bad row is refused whole, every bad row
listed.  Each valid order then goes through the same ``orders.place`` (credit
check included) as one typed by a clerk; a refusal is reported for its rows
and the other orders are placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer, Order, Product
from core.money import parse_amount
from core.services import orders, settings
from core.services.actor import Actor
from core.services.imports import RowError, read_file, required, row_error
from core.text import one_line

REQUIRED = ("customer_code", "delivery_date", "sku", "quantity")
OPTIONAL = ("unit_price", "ref")


@dataclass(frozen=True)
class PlannedOrder:
    lines_in_file: tuple[int, ...]
    ref: str | None
    customer_id: int
    customer_code: str
    delivery_date: date
    lines: tuple[orders.LineInput, ...]


@dataclass(frozen=True)
class OrderPreview:
    orders: tuple[PlannedOrder, ...]
    errors: tuple[RowError, ...]

    @property
    def bad_lines(self) -> int:
        return len({e.line for e in self.errors})


@dataclass(frozen=True)
class Refusal:
    lines_in_file: tuple[int, ...]
    ref: str | None
    customer_code: str
    message: str
    error: DomainError


@dataclass(frozen=True)
class OrderImportResult:
    placed: tuple[str, ...]  # order numbers
    already_imported: tuple[str, ...]  # refs found on an existing order
    refused: tuple[Refusal, ...]


_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def _day(text: str) -> date:
    """2026-11-23, 2026/11/23 (Excel in Taiwan) or 2026-11-23 00:00:00 (an .xlsx date)."""
    match = _DATE.match(text.strip())
    try:
        return date(*(int(part) for part in match.groups()))
    except (AttributeError, ValueError):
        raise ValidationError({"delivery_date": DomainError(QT_TRANSLATE_NOOP(
            "core", "“{value}” is not a date; write it as YYYY-MM-DD."), value=text)}) from None


def preview(engine: Engine, path: Path | str) -> OrderPreview:
    """Read and check a file: every bad row listed, or the orders it will place."""
    _header, rows, errors = read_file(Path(path), REQUIRED, OPTIONAL)
    if not rows:
        return OrderPreview((), tuple(errors))
    checked = check_rows(engine, rows)
    if not errors:
        return checked
    return OrderPreview((), tuple(sorted(errors + list(checked.errors), key=lambda e: e.line)))


def check_rows(engine: Engine, rows: list[tuple[int, dict[str, str]]]) -> OrderPreview:
    """Check rows ({column: text} with their line numbers) as ``preview`` checks a file's:
    the bulk order grid in the app calls this with its own rows."""
    errors: list[RowError] = []
    rows = [(n, {c: str(values.get(c) or "") for c in REQUIRED + OPTIONAL}) for n, values in rows]
    codes = sorted({one_line(values["customer_code"]).upper() for _, values in rows})
    with unit_of_work(engine, write=False) as s:
        company = settings.read(s)
        customers = {c.code: c for start in range(0, len(codes), 500) for c in s.execute(
            select(Customer.id, Customer.code, Customer.active)
            .where(Customer.code.in_(codes[start:start + 500])))}
        products = {p.sku: p for p in s.execute(select(Product.id, Product.sku, Product.unit,
                                                       Product.active))}
    today = date.today()
    groups: dict[str, list] = {}
    singles: list = []
    for line_no, values in rows:
        row_errors = {column: required(column) for column in REQUIRED
                      if not values[column].strip()}
        if row_errors:
            errors += [RowError(line_no, col, e.message(), e) for col, e in row_errors.items()]
            continue
        customer = customers.get(one_line(values["customer_code"]).upper())
        if customer is None or not customer.active:
            row_errors["customer_code"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "No active customer has the code “{code}”."),
                code=values["customer_code"])
        product = products.get(one_line(values["sku"]).upper())
        if product is None or not product.active:
            row_errors["sku"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "No active product has the SKU “{sku}”."), sku=values["sku"])
        day = None
        try:
            day = _day(values["delivery_date"])
            if day < today:
                row_errors["delivery_date"] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "The delivery date {day} is in the past."), day=day.isoformat())
        except ValidationError as exc:
            row_errors |= exc.field_errors
        if product is not None:
            try:
                quantity = orders.parse_quantity(values["quantity"], product.unit)
            except ValidationError as exc:
                row_errors |= exc.field_errors
        price = one_line(values.get("unit_price", "")) or None
        if price is not None:
            try:
                parse_amount(price, company.currency, field="unit_price")
            except ValidationError as exc:
                row_errors |= exc.field_errors
        ref = one_line(values.get("ref", "")) or None
        if ref is not None and len(ref) > 60:
            row_errors["ref"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "The reference holds at most 60 characters."))
        if row_errors:
            errors += [RowError(line_no, col, e.message(), e) for col, e in row_errors.items()]
            continue
        item = (line_no, customer, day, orders.LineInput(product.id, quantity, price))
        if ref is None:
            singles.append((None, [item]))
        else:  # a reference is the customer's own (their purchase order number)
            groups.setdefault((customer.code, ref), []).append(item)
    planned = []
    for ref, items in [*((ref, items) for (_, ref), items in groups.items()), *singles]:
        first_line, customer, day, _ = items[0]
        for n in [n for n, _c, d, _ in items[1:] if d != day]:
            errors.append(row_error(n, "ref", QT_TRANSLATE_NOOP(
                "core", "Rows with the reference “{ref}” must have one delivery date, as on "
                "line {line}."), ref=ref, line=first_line))
        planned.append(PlannedOrder(tuple(n for n, *_ in items), ref, customer.id, customer.code,
                                    day, tuple(line for *_, line in items)))
    errors.sort(key=lambda e: e.line)
    return OrderPreview(tuple(planned) if not errors else (), tuple(errors))


def apply(engine: Engine, actor: Actor, preview: OrderPreview) -> OrderImportResult:
    """Place every planned order through the credit check; report the refused ones."""
    actor.require("clerk")
    if preview.errors:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "{n} rows are bad; correct them and try again. Nothing was placed."),
            n=preview.bad_lines)
    placed, already, refused = [], [], []
    for plan in preview.orders:
        if plan.ref is not None:
            with unit_of_work(engine, write=False) as s:
                if s.scalar(select(Order.id).where(Order.customer_id == plan.customer_id,
                                                   Order.external_ref == plan.ref)):
                    already.append(plan.ref)
                    continue
        data = orders.OrderInput(customer_id=plan.customer_id, lines=plan.lines,
                                 delivery_date=plan.delivery_date, external_ref=plan.ref)
        try:
            placed.append(orders.place(engine, actor, data).number)
        except ValidationError as exc:
            if "external_ref" in exc.field_errors:  # placed meanwhile from elsewhere
                already.append(plan.ref)
            else:
                refused.append(Refusal(plan.lines_in_file, plan.ref, plan.customer_code,
                                       exc.message(), exc))
        except DomainError as exc:  # credit refused, or changed since the preview
            refused.append(Refusal(plan.lines_in_file, plan.ref, plan.customer_code,
                                   exc.message(), exc))
    return OrderImportResult(tuple(placed), tuple(already), tuple(refused))
