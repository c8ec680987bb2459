"""Customers: create, edit (versioned), deactivate — never delete."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal

import phonenumbers
from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import chain, changes, uniform
from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer, CustomerGram
from core.models.base import utcnow
from core.money import parse_amount
from core.search import grams, normalise
from core.text import multi_line, one_line
from core.services import audit, settings
from core.services.actor import Actor

LANGUAGES = ("zh_TW", "en")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")


@dataclass(frozen=True)
class CustomerInput:
    """What a form or an import row supplies; strings as typed, checked by the service."""

    name: str
    code: str = ""
    phone: str = ""
    area: str = ""
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    contact_person: str = ""
    payment_terms_days: int = 30
    credit_limit: Decimal | str | None = None  # None: leave as it is (0 for a new customer)
    language: str = "zh_TW"
    notes: str = ""
    active: bool = True
    delivery_from: str = ""  # "08:00": the hours the customer receives; blank: any time
    delivery_until: str = ""
    service_minutes: int | str = 5  # how long a stop there takes
    # Uniform invoices: a business's 統一編號 and invoice title; a consumer's carrier or
    # donation code (blank: a printed proof).
    tax_id: str = ""
    invoice_title: str = ""
    carrier: str = ""
    donation_code: str = ""


@dataclass(frozen=True)
class CustomerView:
    id: int
    code: str
    name: str
    phone: str  # E.164
    phone_display: str
    area: str
    address: str
    lat: float | None
    lon: float | None
    contact_person: str
    payment_terms_days: int
    credit_limit: Decimal
    language: str
    notes: str
    active: bool
    version: int
    updated_at: datetime
    window_start: int | None = None  # minutes after midnight
    window_end: int | None = None
    service_minutes: int = 5
    tax_id: str = ""
    invoice_title: str = ""
    carrier: str = ""
    donation_code: str = ""

    @property
    def delivery_from(self) -> str:
        """The delivery hours as typed ("08:00"); blank: any time."""
        return hhmm(self.window_start)

    @property
    def delivery_until(self) -> str:
        return hhmm(self.window_end)


def hhmm(minutes: int | None) -> str:
    return "" if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=8192)
def display_phone(e164: str) -> str:
    if not e164:
        return ""
    if e164.startswith("+8869") and len(e164) == 13:  # Taiwan mobile: 0912 345 678
        return f"0{e164[4:7]} {e164[7:10]} {e164[10:]}"
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 886
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, fmt)


def national_digits(e164: str) -> str:
    """0912345678 for +886912345678: the digits people say on the phone."""
    if e164.startswith("+886"):  # Taiwan: trunk prefix 0 + national number (the common case)
        return "0" + e164[4:]
    return re.sub(r"\D", "", display_phone(e164))


def normalise_phone(text: str, region: str = "TW") -> str:
    text = one_line(text)
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError({"phone": DomainError(QT_TRANSLATE_NOOP(
            "core", "“{phone}” is not a valid phone number (e.g. 0912 345 678 or 04 2345 6789)."),
            phone=text)})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def view(c: Customer) -> CustomerView:
    return CustomerView(c.id, c.code, c.name, c.phone, display_phone(c.phone), c.area, c.address,
                        c.lat, c.lon, c.contact_person, c.payment_terms_days, c.credit_limit,
                        c.language, c.notes, c.active, c.version, c.updated_at,
                        c.window_start, c.window_end, c.service_minutes, c.tax_id,
                        c.invoice_title, c.carrier, c.donation_code)


def _err(field: str, template: str, **params) -> dict[str, DomainError]:
    return {field: DomainError(template, **params)}


def check(data: CustomerInput, *, currency: str, region: str) -> dict:
    """Validate and normalise input; raises ValidationError listing every bad field."""
    errors: dict[str, DomainError] = {}
    values: dict = {}
    name = one_line(data.name)
    if not name:
        errors |= _err("name", QT_TRANSLATE_NOOP("core", "The customer's name is required."))
    elif len(name) > 120:
        errors |= _err("name", QT_TRANSLATE_NOOP("core", "The name is longer than 120 characters."))
    values["name"] = name
    code = one_line(data.code).upper()
    if code and not _CODE.match(code):
        errors |= _err("code", QT_TRANSLATE_NOOP(
            "core", "A code has up to 30 letters, digits, dots, dashes or underscores."))
    values["code"] = code
    try:
        values["phone"] = normalise_phone(data.phone, region)
    except ValidationError as exc:
        errors |= exc.field_errors
    for field, limit in (("area", 60), ("address", 250), ("contact_person", 120)):
        text = one_line(getattr(data, field))
        if len(text) > limit:
            errors |= _err(field, QT_TRANSLATE_NOOP(
                "core", "This field holds at most {n} characters."), n=limit)
        values[field] = text
    values["notes"] = multi_line(data.notes)
    for field, lo, hi in (("lat", -90, 90), ("lon", -180, 180)):
        value = getattr(data, field)
        if value in (None, ""):
            values[field] = None
            continue
        try:
            value = float(value)
        except (TypeError, ValueError):
            value = None
        if value is None or not lo <= value <= hi:
            errors |= _err(field, QT_TRANSLATE_NOOP(
                "core", "A coordinate must be a number from {lo} to {hi}."), lo=lo, hi=hi)
        values[field] = value
    try:
        terms = int(str(data.payment_terms_days).strip() or 30)
        if not 0 <= terms <= 365:
            raise ValueError
        values["payment_terms_days"] = terms
    except ValueError:
        errors |= _err("payment_terms_days", QT_TRANSLATE_NOOP(
            "core", "Payment terms are a number of days from 0 to 365."))
    if data.credit_limit is None or data.credit_limit == "":
        values["credit_limit"] = None
    else:
        try:
            values["credit_limit"] = parse_amount(data.credit_limit, currency, field="credit_limit")
        except ValidationError as exc:
            errors |= exc.field_errors
    language = one_line(data.language or "zh_TW").replace("-", "_")
    if language not in LANGUAGES:
        errors |= _err("language", QT_TRANSLATE_NOOP(
            "core", "The document language is zh_TW or en."))
    values["language"] = language
    values["active"] = bool(data.active)
    window, unreadable = [], False
    for field in ("delivery_from", "delivery_until"):
        text = one_line(getattr(data, field))
        minutes = settings.minutes_of(text) if text else None
        if text and minutes is None:
            unreadable = True
            errors |= _err(field, QT_TRANSLATE_NOOP(
                "core", "Enter a time of day as HH:MM, e.g. 08:00."))
        window.append(minutes)
    if not unreadable and (window[0] is None) != (window[1] is None):
        errors |= _err("delivery_until" if window[1] is None else "delivery_from",
                       QT_TRANSLATE_NOOP("core", "Give both ends of the delivery hours, or neither."))
    elif not unreadable and window[0] is not None and window[1] <= window[0]:
        errors |= _err("delivery_until", QT_TRANSLATE_NOOP(
            "core", "The delivery hours must end after they start."))
    values["window_start"], values["window_end"] = window
    try:
        service = int(str(data.service_minutes).strip() or 5)
        if not 0 <= service <= 240:
            raise ValueError
        values["service_minutes"] = service
    except ValueError:
        errors |= _err("service_minutes", QT_TRANSLATE_NOOP(
            "core", "A stop takes 0 to 240 minutes."))
    errors |= _buyer(data, values)
    if errors:
        raise ValidationError(errors)
    return values


def _buyer(data: CustomerInput, values: dict) -> dict[str, DomainError]:
    """The uniform invoice's buyer: a 統一編號 (its check digit right) and a title, or a
    consumer's carrier or donation code, never both."""
    errors: dict[str, DomainError] = {}
    tax_id = re.sub(r"[\s-]", "", one_line(data.tax_id))
    if tax_id:
        try:
            tax_id = uniform.tax_id(tax_id)
        except ValueError:
            errors |= _err("tax_id", QT_TRANSLATE_NOOP(
                "core", "“{value}” is not a 統一編號: 8 digits whose check digit is right."),
                value=tax_id)
    title = one_line(data.invoice_title)
    if len(title) > 120:
        errors |= _err("invoice_title", QT_TRANSLATE_NOOP(
            "core", "This field holds at most {n} characters."), n=120)
    carrier = one_line(data.carrier)
    if carrier:
        try:
            carrier = uniform.carrier(carrier)[1]
        except ValueError:
            errors |= _err("carrier", QT_TRANSLATE_NOOP(
                "core", "A carrier is a mobile barcode (/ and 7 letters, digits or . + -, e.g. "
                        "/ABC+123) or a citizen certificate (2 letters and 14 digits)."))
    donation = one_line(data.donation_code)
    if donation:
        try:
            donation = uniform.donation_code(donation)
        except ValueError:
            errors |= _err("donation_code", QT_TRANSLATE_NOOP(
                "core", "A donation code (愛心碼) has 3 to 7 digits."))
    if errors:  # each field's own format first
        return errors
    if tax_id and (carrier or donation):
        errors |= _err("carrier" if carrier else "donation_code", QT_TRANSLATE_NOOP(
            "core", "A business with a 統一編號 gets its invoice itself: clear the carrier and "
                    "the donation code."))
    elif carrier and donation:
        errors |= _err("donation_code", QT_TRANSLATE_NOOP(
            "core", "Give a carrier or a donation code, not both."))
    values.update(tax_id=tax_id, invoice_title=title, carrier=carrier, donation_code=donation)
    return errors


SEARCH_SOURCES = ("code", "name", "phone", "area", "address", "contact_person")


def search_columns(values: dict) -> tuple[dict, set[str]]:
    """What as-you-type search reads for a customer (columns by name), and its bigrams."""
    digits = national_digits(values["phone"])
    fields = (values["code"], values["name"], digits, values["area"], values["address"],
              values["contact_person"])
    return ({"search_text": normalise(" ".join(fields)), "phone_digits": digits,
             "phone_reversed": digits[::-1]}, grams(*fields))


def _write_search(s: Session, c: Customer) -> None:
    columns, bigrams = search_columns({k: getattr(c, k) for k in SEARCH_SOURCES})
    for key, value in columns.items():
        setattr(c, key, value)
    s.flush()
    s.execute(delete(CustomerGram).where(CustomerGram.customer_id == c.id))
    if bigrams:
        s.execute(insert(CustomerGram), [{"gram": g, "customer_id": c.id} for g in bigrams])


def _insert_grams(s: Session, pairs: list[tuple[str, int]]) -> None:
    """Straight to the driver: millions of rows in a large demo or import.  PostgreSQL
    takes them by COPY (in this transaction), SQLite by executemany."""
    if s.get_bind().dialect.name == "postgresql":
        with s.connection().connection.dbapi_connection.cursor() as cur:
            with cur.copy("COPY customer_gram (gram, customer_id) FROM STDIN") as copy:
                for pair in pairs:
                    copy.write_row(pair)
        return
    s.connection().exec_driver_sql(
        "INSERT INTO customer_gram (gram, customer_id) VALUES (?, ?)", pairs)


def create_many(s: Session, actor: Actor, inputs: list[CustomerInput],
                company: settings.CompanySettings) -> int:
    """Create many new customers with given codes in the caller's transaction.

    The same checks, search index and audit as ``save_in``, written in bulk
    statements: the demo and the importer create tens of thousands this way.
    """
    actor.require("clerk")
    rows = []
    for data in inputs:
        values = check(data, currency=company.currency, region=company.default_country)
        if values["credit_limit"] not in (None, Decimal(0)):
            actor.require("manager")
        values["credit_limit"] = values["credit_limit"] or Decimal(0)
        if not values["code"]:
            raise ValidationError({"code": DomainError(QT_TRANSLATE_NOOP(
                "core", "The code is required in an import."))})
        rows.append(values)
    codes = [v["code"] for v in rows]
    taken = set(s.scalars(select(Customer.code).where(Customer.code.in_(codes))))
    taken |= {code for code, n in Counter(codes).items() if n > 1}
    if taken:
        code = sorted(taken)[0]
        raise ValidationError({"code": DomainError(QT_TRANSLATE_NOOP(
            "core", "The code “{code}” belongs to another customer."), code=code)})
    now = utcnow()
    for values in rows:
        columns, values["_grams"] = search_columns(values)
        values.update(columns)
        values["created_at"] = values["updated_at"] = now
    # Core inserts (not ORM bulk): the bigram rows alone are ~35 per customer.
    table = Customer.__table__
    customer_rows = [{k: v for k, v in values.items() if k != "_grams"} for values in rows]
    if s.get_bind().dialect.name == "postgresql":
        ids = s.scalars(text("SELECT nextval(pg_get_serial_sequence('customer', 'id')) "
                             "FROM generate_series(1, :n)"), {"n": len(rows)}).all()
        for cid, row in zip(ids, customer_rows):
            row["id"] = cid
        copy_rows(s, table, customer_rows)
    else:
        ids = s.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                        customer_rows).all()
    _insert_grams(s, [(g, cid) for cid, values in zip(ids, rows) for g in values["_grams"]])
    audit_rows = [audit.row(actor, "customer", values["code"], "created",
                            audit.diff({}, {k: values[k] for k in _AUDITED}),
                            summary=values["name"], at=now) for values in rows]
    chain.audit(s, audit_rows,
                copy=copy_rows if s.get_bind().dialect.name == "postgresql" else None)
    return len(ids)


def copy_rows(s: Session, table, rows: list[dict]) -> None:
    """PostgreSQL: rows into ``table`` by COPY, in the session's transaction; each value
    goes through its column's type (hundredths for money, UTC for times) as an INSERT's
    would.  Many times faster than a multi-row INSERT for tens of thousands of rows."""
    changes.note_rows(s, table.name, rows)  # COPY is not a statement the session sees
    dialect = s.get_bind().dialect
    names = list(rows[0])
    defaults = {}  # the columns' Python-side defaults, which an INSERT would have applied
    for c in table.columns:
        if c.name not in names and c.default is not None:
            defaults[c.name] = c.default.arg(None) if c.default.is_callable else c.default.arg
    if defaults:
        rows = [{**defaults, **row} for row in rows]
        names += list(defaults)
    procs = [table.c[n].type._cached_bind_processor(dialect) for n in names]
    with s.connection().connection.dbapi_connection.cursor() as cur:
        columns = ", ".join(f'"{n}"' for n in names)
        with cur.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([p(row[n]) if p else row[n] for n, p in zip(names, procs)])


# What the audit trail records of a customer: the input's fields, the delivery hours as
# the columns hold them.
_AUDITED = tuple(f.name for f in fields(CustomerInput) if hasattr(Customer, f.name)) + (
    "window_start", "window_end")


def _snapshot(c: Customer) -> dict:
    return {name: getattr(c, name) for name in _AUDITED}


def _next_code(s: Session) -> str:
    n = (s.scalar(select(func.max(Customer.id))) or 0) + 1
    while True:
        code = f"C{n:06d}"
        if s.scalar(select(Customer.id).where(Customer.code == code)) is None:
            return code
        n += 1


def save(engine: Engine, actor: Actor, data: CustomerInput, *, customer_id: int | None = None,
         version: int | None = None) -> CustomerView:
    """Create (customer_id None) or update a customer; the version must be the one read."""
    actor.require("clerk")
    for attempt in range(3):
        try:
            with unit_of_work(engine) as s:
                return save_in(s, actor, data, customer_id=customer_id, version=version)
        except StaleDataError:
            raise StaleRecord() from None
        except IntegrityError:
            # Another workstation took the same code between our check and our insert.
            if data.code.strip() or attempt == 2:
                raise ValidationError({"code": DomainError(QT_TRANSLATE_NOOP(
                    "core", "The code “{code}” belongs to another customer."),
                    code=data.code.strip().upper())}) from None
    raise AssertionError("unreachable")


def save_in(s: Session, actor: Actor, data: CustomerInput, *, customer_id: int | None = None,
            version: int | None = None, company: settings.CompanySettings | None = None
            ) -> CustomerView:
    """``save`` inside the caller's transaction (the importer saves many in one)."""
    company = company or settings.read(s)
    values = check(data, currency=company.currency, region=company.default_country)
    limit = values.pop("credit_limit")
    if customer_id is None:
        c = Customer(credit_limit=Decimal(0))  # added once filled in: queries autoflush
        old: dict = {}
    else:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound()
        if version is not None and c.version != version:
            raise StaleRecord()
        old = _snapshot(c)
    if limit is not None and limit != c.credit_limit:
        if not actor.can("manager"):
            raise ValidationError({"credit_limit": DomainError(QT_TRANSLATE_NOOP(
                "core", "Only a manager may set a credit limit."))})
        c.credit_limit = limit
    if not values["code"]:
        values["code"] = c.code or _next_code(s)
    if values["code"] != c.code:
        clash = s.scalar(select(Customer.id).where(Customer.code == values["code"]))
        if clash is not None and clash != c.id:
            raise ValidationError({"code": DomainError(QT_TRANSLATE_NOOP(
                "core", "The code “{code}” belongs to another customer."), code=values["code"])})
    for key, value in values.items():
        setattr(c, key, value)
    new = _snapshot(c)
    changes = audit.diff(old, new)
    if customer_id is not None and not changes:
        return view(c)
    c.updated_at = utcnow()
    s.add(c)
    _write_search(s, c)
    action = "created" if customer_id is None else "updated"
    if old and "active" in changes:
        action = "activated" if c.active else "deactivated"
    audit.record(s, actor, "customer", c.code, action, changes,
                 summary=c.name)
    return view(c)


def get(engine: Engine, customer_id: int) -> CustomerView:
    with unit_of_work(engine, write=False) as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound()
        return view(c)


def get_by_code(engine: Engine, code: str) -> CustomerView | None:
    with unit_of_work(engine, write=False) as s:
        c = s.scalars(select(Customer).where(Customer.code == code.strip().upper())).first()
        return view(c) if c else None


def set_active(engine: Engine, actor: Actor, *, customer_id: int, version: int,
               active: bool) -> CustomerView:
    current = get(engine, customer_id)
    data = CustomerInput(**{k: getattr(current, k) for k in CustomerInput.__dataclass_fields__}
                         | {"active": active, "credit_limit": None})
    return save(engine, actor, data, customer_id=customer_id, version=version)
