"""Import customers and products from .xlsx or .csv.

``preview`` reads and checks the whole file and lists every bad row with its
line number and reason; ``apply`` refuses a file that has any, and otherwise
imports every row in one transaction: all or nothing.  Rows are matched by
code (customers) or SKU (products), so importing the same file again changes
nothing.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm.exc import StaleDataError

from core.db import unit_of_work
from core.errors import DomainError, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer, Product
from core.services import customers, products, settings
from core.services.actor import Actor

KINDS = {
    "customers": {
        "required": ("code", "name", "phone", "address", "area", "credit_limit"),
        "optional": ("lat", "lon", "payment_terms_days", "language", "contact_person", "notes",
                     "delivery_from", "delivery_until", "service_minutes", "tax_id",
                     "invoice_title", "carrier", "donation_code"),
    },
    "products": {
        "required": ("sku", "name_zh", "name_en", "unit", "price"),
        "optional": ("deposit", "tax_rate", "weight_kg"),
    },
}
MAX_ROWS = 200_000


@dataclass(frozen=True)
class RowError:
    line: int  # as the user sees it in the file: the header is line 1
    column: str
    message: str  # English; ``error`` carries the translatable original
    error: DomainError


@dataclass(frozen=True)
class ImportRow:
    line: int
    key: str  # code or SKU
    values: dict[str, str]
    exists: bool


@dataclass(frozen=True)
class Preview:
    kind: str
    columns: tuple[str, ...]
    rows: tuple[ImportRow, ...]
    errors: tuple[RowError, ...]

    @property
    def bad_lines(self) -> int:
        return len({e.line for e in self.errors})

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def row_error(line_no: int, where: str, template: str, **params) -> RowError:
    error = DomainError(template, **params)
    return RowError(line_no, where, error.message(), error)


class Unsaved(str):
    """An .xlsx formula cell with no saved value (Excel never calculated it): its formula."""


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a cell formula in a sheet's XML


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of an .xlsx holds a formula (read in pieces, without parsing)."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with z.open(name) as f:
                    tail = b""
                    while chunk := f.read(1 << 20):
                        if _FORMULA.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    return False


def _sheet_rows(path: Path, *, formulas: bool) -> list[tuple]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=not formulas)
    try:
        return list(wb.worksheets[0].iter_rows(values_only=True))
    finally:
        wb.close()


def _read_xlsx(path: Path) -> list[list[str]]:
    """The first sheet's saved values as text; a formula without one is an ``Unsaved``."""
    try:
        rows = _sheet_rows(path, formulas=False)
        written = _sheet_rows(path, formulas=True) if _has_formulas(path) else rows
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - whatever a damaged or cut-off file makes openpyxl raise
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The file is not a readable .xlsx workbook (damaged, cut off or of "
            "another kind); open it in Excel and save it again.")) from None
    return [["" if v is None and f is None else Unsaved(f) if v is None else _cell_text(v)
             for v, f in zip(row, raw)] for row, raw in zip(rows, written)]


def _read_csv(text: str) -> list[list[str]]:
    """The rows of a CSV text; a quote never closed, or text after a closing quote, makes it
    a bad file (otherwise the rest of the file would become one cell)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table: list[list[str]] = []
    line = 1  # where the row being read starts
    try:
        for row in reader:
            table.append(row)
            line = reader.line_num + 1
    except csv.Error:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The file is not valid CSV: a quote in the row on line {line} is not closed "
            "where it should be (write a quote inside a value as two quotes)."),
            line=line) from None
    return table


def read_table(path: Path) -> list[list[str]]:
    """The file's cells as text, row by row (xlsx: the first sheet)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp950"):  # Excel in Taiwan saves CSV as Big5
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "The file is neither UTF-8 nor Big5 text; save it as CSV UTF-8."))
        return _read_csv(text)
    raise DomainError(QT_TRANSLATE_NOOP(
        "core", "Roundsman imports .xlsx and .csv files, not “{suffix}”."), suffix=suffix)


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cannot_read(reason: str) -> DomainError:
    return DomainError(QT_TRANSLATE_NOOP("core", "Cannot read the file: {reason}"),
                       reason=reason)


def file_content(path: Path | str) -> bytes:
    """A file's bytes, read where it was chosen to be sent for a preview; a file that
    cannot be read is said so as the preview says it."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise cannot_read(exc.strerror or str(exc)) from None


def read_file(path: Path, required: tuple[str, ...], optional: tuple[str, ...]
              ) -> tuple[tuple[str, ...], list[tuple[int, dict]], list[RowError]]:
    """The header, the non-empty data rows as (line, {column: text}), and the errors: the
    header's (then no rows), and those of rows that cannot be read (left out of the rows)."""
    try:
        table = read_table(path)
    except OSError as exc:
        raise cannot_read(exc.strerror or str(exc)) from None
    except (ValueError, KeyError, csv.Error) as exc:
        raise cannot_read(str(exc)) from None
    while table and not any(c.strip() for c in table[-1]):
        table.pop()
    if not table:
        return (), [], [row_error(1, "", QT_TRANSLATE_NOOP("core", "The file is empty."))]
    header = tuple(h.strip().lower() for h in table[0])
    errors: list[RowError] = []
    for column in (c for c in required if c not in header):
        errors.append(row_error(1, column, QT_TRANSLATE_NOOP(
            "core", "The column “{column}” is missing."), column=column))
    for column in (h for h in header if h and h not in required + optional):
        errors.append(row_error(1, column, QT_TRANSLATE_NOOP(
            "core", "Unknown column “{column}”. Known columns: {known}."), column=column,
            known=", ".join(required + optional)))
    if not errors and len(table) - 1 > MAX_ROWS:
        errors.append(row_error(1, "", QT_TRANSLATE_NOOP(
            "core", "The file has more than {n} rows; split it."), n=MAX_ROWS))
    if errors:
        return header, [], errors
    rows = []
    for index, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
        unsaved = [h for h, v in values.items() if isinstance(v, Unsaved)]
        errors += [row_error(index, h, QT_TRANSLATE_NOOP(
            "core", "A formula without a saved value ({formula}); save the file in Excel "
            "first."), formula=str(values[h])) for h in unsaved]
        if not unsaved:
            rows.append((index, {h: v.strip() for h, v in values.items()}))
    if not rows and not errors:
        errors.append(row_error(2, "", QT_TRANSLATE_NOOP("core", "The file has no data rows.")))
    return header, rows, errors


def required(column: str) -> DomainError:
    return DomainError(QT_TRANSLATE_NOOP("core", "The {column} is required."), column=column)


def preview(engine: Engine, kind: str, path: Path | str) -> Preview:
    spec = KINDS[kind]
    header, data_rows, errors = read_file(Path(path), spec["required"], spec["optional"])
    if not data_rows:
        return Preview(kind, header, (), tuple(errors))
    with unit_of_work(engine, write=False) as s:
        company = settings.read(s)
        key_col = Customer.code if kind == "customers" else Product.sku
        existing = set(s.scalars(select(key_col)))
    rows: list[ImportRow] = []
    seen: dict[str, int] = {}
    for index, values in data_rows:
        bad: dict[str, DomainError] = {}
        try:
            key = _check_row(kind, values, company)
        except ValidationError as exc:
            bad = dict(exc.field_errors)
        bad |= {c: required(c) for c in spec["required"] if not values.get(c) and c not in bad}
        if bad:  # a row with a required column empty is bad, whatever else it holds
            errors += [RowError(index, column, e.message(), e) for column, e in bad.items()]
            continue
        if key in seen:
            errors.append(row_error(index, spec["required"][0], QT_TRANSLATE_NOOP(
                "core", "“{key}” appears again; it was already on line {line}."),
                key=key, line=seen[key]))
            continue
        seen[key] = index
        rows.append(ImportRow(index, key, values, key in existing))
    errors.sort(key=lambda e: e.line)
    return Preview(kind, tuple(header), tuple(rows), tuple(errors))


def _customer_input(values: dict) -> customers.CustomerInput:
    fields = customers.CustomerInput.__dataclass_fields__
    data = {k: v for k, v in values.items() if k in fields and k != "active"}
    if data.get("payment_terms_days", None) == "":
        data.pop("payment_terms_days")
    if data.get("language", None) == "":
        data.pop("language")
    if data.get("service_minutes", None) == "":
        data.pop("service_minutes")
    return customers.CustomerInput(**data)


def _product_input(values: dict) -> products.ProductInput:
    fields = products.ProductInput.__dataclass_fields__
    return products.ProductInput(**{k: v for k, v in values.items() if k in fields})


def _check_row(kind: str, values: dict, company) -> str:
    if kind == "customers":
        if not values.get("code"):
            raise ValidationError({"code": DomainError(QT_TRANSLATE_NOOP(
                "core", "The code is required in an import."))})
        checked = customers.check(_customer_input(values), currency=company.currency,
                                  region=company.default_country)
        return checked["code"]
    checked = products.check(_product_input(values), currency=company.currency)
    if checked["price"] is None:
        raise ValidationError({"price": DomainError(QT_TRANSLATE_NOOP(
            "core", "A new product needs a price."))})
    return checked["sku"]


def apply(engine: Engine, actor: Actor, preview: Preview) -> ImportResult:
    """Import a clean preview, all rows in one transaction."""
    actor.require("manager" if preview.kind == "products" else "admin")
    if not preview.ok:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The file has {n} bad rows; correct them and import again. "
            "Nothing was imported."), n=preview.bad_lines)
    created = updated = unchanged = 0
    customers_kind = preview.kind == "customers"
    model, key_col = (Customer, Customer.code) if customers_kind else (Product, Product.sku)
    try:
        with unit_of_work(engine) as s:
            company = settings.read(s)
            keys = [r.key for r in preview.rows]
            current = {getattr(m, key_col.key): m for start in range(0, len(keys), 500)
                       for m in s.scalars(select(model).where(key_col.in_(keys[start:start + 500])))}
            new_customers = []
            for row in preview.rows:
                data = (_customer_input if customers_kind else _product_input)(row.values)
                existing = current.get(row.key)
                if existing is None and customers_kind:
                    new_customers.append(data)  # created in bulk below
                    continue
                if existing is not None:  # an import never reactivates or deactivates
                    data = replace(data, active=existing.active)
                before = existing.version if existing is not None else None
                try:
                    if customers_kind:
                        result = customers.save_in(s, actor, data, customer_id=existing.id,
                                                   company=company)
                    else:
                        result = products.save_in(s, actor, data, company=company,
                                                  product_id=existing and existing.id)
                except ValidationError as exc:
                    raise ValidationError(exc.field_errors, QT_TRANSLATE_NOOP(
                        "core", "Line {line}: {reason}"), line=row.line, reason=exc) from None
                if before is None:
                    created += 1
                elif result.version != before:
                    updated += 1
                else:
                    unchanged += 1
            for start in range(0, len(new_customers), 1000):
                created += customers.create_many(s, actor, new_customers[start:start + 1000],
                                                 company)
    except StaleDataError:
        raise StaleRecord() from None
    return ImportResult(created, updated, unchanged)
