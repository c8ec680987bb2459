"""Quotes: offers to customers and prospects, numbered Q-YYYY-NNNNN.

A quote's states are declared once, in ``core.workflow.QUOTE`` (``TRANSITIONS``
here): draft → sent → accepted | rejected.  "Expired" is not stored: a quote that
is not yet rejected or converted is expired once its ``valid_until`` is before
today, and the table says what may still happen to it then (only a rejection).

A quote for a prospect (name, phone, address, no customer yet) makes the
prospect a customer when it is accepted, through ``core.services.customers``
with the customers window's own checks.  An accepted, unexpired quote
converts to an order through ``orders.place_in`` — the credit check included —
in one transaction that also sets ``sales_order.quote_id``.  That column is
UNIQUE, so "converts exactly once" is a fact the database keeps, whatever two
workstations do at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import workflow
from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer, Order, Quote, QuoteLine
from core.models.base import utcnow
from core.services import audit, customers, orders, settings
from core.services.actor import Actor
from core.services.customers import CustomerInput, display_phone, normalise_phone
from core.services.orders import LineInput, OrderInput, OrderView, OverrideRequest
from core.services.products import catalog as products_catalog
from core.text import multi_line, one_line

VALID_DAYS = 30  # a new quote is valid for this many days unless the clerk says otherwise

# The states and their one table of allowed transitions, by the state a user sees
# ("expired" is derived): core.workflow.QUOTE.
STATUS_NAMES = workflow.QUOTE.names
TRANSITIONS = workflow.QUOTE.transitions
EDITABLE_STATES = frozenset({"draft", "sent"})  # stored states; an expired one too (re-dated)
CAN_EXPIRE = frozenset({"draft", "sent", "accepted"})
# A prospect's fields as the customers service names them, and as the quote form does.
_PROSPECT_FIELDS = {"name": "prospect_name", "phone": "prospect_phone",
                    "address": "prospect_address", "language": "language"}


IllegalQuoteTransition = workflow.IllegalQuoteTransition


class AlreadyConverted(DomainError):
    default = QT_TRANSLATE_NOOP("core", "Quote {number} was already converted to order {order}.")


@dataclass(frozen=True)
class QuoteInput:
    """What the quote form supplies; strings as typed, checked by the service.

    ``customer_id`` None: a prospect, with at least a name.  ``language`` is the
    document's language for a prospect (a customer's quote is in the customer's)."""

    lines: tuple[LineInput, ...]
    customer_id: int | None = None
    prospect_name: str = ""
    prospect_phone: str = ""
    prospect_address: str = ""
    language: str = "zh_TW"
    quote_date: date | None = None  # None: today (a new quote) or as it was (a change)
    valid_until: date | None = None  # None: VALID_DAYS after the quote date
    notes: str = ""


@dataclass(frozen=True)
class QuoteLineView:
    line_no: int
    product_id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    amount: Decimal
    tax: Decimal

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_zh


@dataclass(frozen=True)
class QuoteView:
    id: int
    number: str
    customer_id: int | None
    customer_code: str  # '' for a prospect
    party: str  # the customer's name, or the prospect's
    phone: str  # as shown (0912 345 678)
    address: str
    prospect_name: str
    prospect_phone: str  # E.164
    prospect_address: str
    language: str  # of the document
    status: str  # as stored: draft, sent, accepted, rejected
    state: str  # as shown: the status, or "expired"
    quote_date: date
    valid_until: date
    notes: str
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    created_by: str
    created_at: datetime
    version: int
    order_id: int | None  # the order it converted to
    order_number: str | None
    lines: tuple[QuoteLineView, ...]

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATES

    @property
    def convertible(self) -> bool:
        return self.state == "accepted" and self.order_id is None


def state_of(status: str, valid_until: date, converted: bool, today: date | None = None) -> str:
    """The state a user sees: ``status``, or "expired" once the validity date has passed
    (for a quote not rejected and not converted)."""
    today = today or date.today()
    if status in CAN_EXPIRE and not converted and valid_until < today:
        return "expired"
    return status


# --- reading ------------------------------------------------------------------------------

def view_in(s: Session, q: Quote) -> QuoteView:
    products = products_catalog(s)
    customer = s.get(Customer, q.customer_id) if q.customer_id is not None else None
    order = s.execute(select(Order.id, Order.number).where(Order.quote_id == q.id)).first()
    if customer is not None:
        party, code = customer.name, customer.code
        phone, address, language = display_phone(customer.phone), customer.address, \
            customer.language
    else:
        party, code = q.prospect_name, ""
        phone, address, language = display_phone(q.prospect_phone), q.prospect_address, \
            q.language
    lines = []
    for x in q.lines:
        p = products[x.product_id]
        lines.append(QuoteLineView(x.line_no, x.product_id, p.sku, p.name_zh, p.name_en, p.unit,
                                   x.quantity, x.unit_price, x.tax_rate, x.amount, x.tax))
    return QuoteView(
        q.id, q.number, q.customer_id, code, party, phone, address, q.prospect_name,
        q.prospect_phone, q.prospect_address, language, q.status,
        state_of(q.status, q.valid_until, order is not None), q.quote_date, q.valid_until,
        q.notes, q.subtotal, q.tax, q.total, q.created_by, q.created_at, q.version,
        order.id if order else None, order.number if order else None, tuple(lines))


def get(engine: Engine, quote_id: int) -> QuoteView:
    with unit_of_work(engine, write=False) as s:
        return view_in(s, quote_row(s, quote_id))


def price_list(engine: Engine, *, customer_id: int | None, day: date) -> list[orders.PriceOffer]:
    """The products with the prices a quote offers on ``day``: the customer's own prices
    where they have them, else the price list (a prospect gets the price list)."""
    return orders.price_list(engine, customer_id=customer_id or 0, day=day)


def quote_row(s: Session, quote_id: int) -> Quote:
    """The quote's row; NotFound when it is gone."""
    q = s.get(Quote, quote_id)
    if q is None:
        raise NotFound()
    return q


def _load(s: Session, quote_id: int, version: int) -> Quote:
    q = quote_row(s, quote_id)
    if q.version != version:
        raise StaleRecord()
    return q


def _order_number(s: Session, quote_id: int) -> str | None:
    return s.scalar(select(Order.number).where(Order.quote_id == quote_id))


# --- checks -------------------------------------------------------------------------------

def _err(field: str, template: str, **params) -> ValidationError:
    return ValidationError({field: DomainError(template, **params)})


def _party(s: Session, data: QuoteInput, company: settings.CompanySettings) -> dict:
    """Who the quote is for: a known, active customer, or a prospect's checked fields."""
    if data.customer_id is not None:
        customer = s.get(Customer, data.customer_id)
        if customer is None:
            raise NotFound()
        if not customer.active:
            raise _err("customer", QT_TRANSLATE_NOOP(
                "core", "{customer} is inactive; activate the customer before quoting."),
                customer=customer.name)
        return {"customer_id": customer.id, "prospect_name": "", "prospect_phone": "",
                "prospect_address": "", "language": customer.language}
    errors: dict[str, DomainError] = {}
    name, address = one_line(data.prospect_name), one_line(data.prospect_address)
    if not name:
        errors["prospect_name"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Pick a customer, or give the prospect's name."))
    elif len(name) > 120:
        errors["prospect_name"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The name is longer than 120 characters."))
    if len(address) > 250:
        errors["prospect_address"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "This field holds at most {n} characters."), n=250)
    phone = ""
    try:
        phone = normalise_phone(data.prospect_phone, company.default_country)
    except ValidationError as exc:
        errors["prospect_phone"] = exc.field_errors["phone"]
    language = one_line(data.language or "zh_TW").replace("-", "_")
    if language not in customers.LANGUAGES:
        errors["language"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The document language is zh_TW or en."))
    if errors:
        raise ValidationError(errors)
    return {"customer_id": None, "prospect_name": name, "prospect_phone": phone,
            "prospect_address": address, "language": language}


def _dates(data: QuoteInput, quote_date: date, today: date) -> dict:
    valid_until = data.valid_until or quote_date + timedelta(days=VALID_DAYS)
    if quote_date > today:
        raise _err("quote_date", QT_TRANSLATE_NOOP(
            "core", "The quote date {day} is in the future."), day=quote_date.isoformat())
    if valid_until < today or valid_until < quote_date:
        raise _err("valid_until", QT_TRANSLATE_NOOP(
            "core", "The quote must be valid until today or later (not {day})."),
            day=valid_until.isoformat())
    return {"quote_date": quote_date, "valid_until": valid_until}


def _lines(s: Session, actor: Actor, company: settings.CompanySettings,
           customer_id: int | None, data: QuoteInput, day: date) -> list[dict]:
    """The order's own line rules (products, quantities, prices on ``day``, the clerk's
    price tolerance, tax) applied to the quote's lines."""
    if not data.lines:
        raise _err("lines", QT_TRANSLATE_NOOP("core", "A quote needs at least one line."))
    lines, _products = orders.build_lines(s, actor, company, customer_id or 0, data, day)
    return [{k: v for k, v in line.items() if k != "list_price"} for line in lines]


def _snapshot(q: Quote) -> dict:
    return {"customer_id": q.customer_id, "prospect_name": q.prospect_name,
            "prospect_phone": q.prospect_phone, "prospect_address": q.prospect_address,
            "language": q.language, "quote_date": q.quote_date, "valid_until": q.valid_until,
            "notes": q.notes, "total": q.total,
            "lines": [f"{x.product_id}×{x.quantity.normalize():f}@{x.unit_price.normalize():f}"
                      for x in sorted(q.lines, key=lambda x: x.line_no)]}


def _party_name(s: Session, q: Quote) -> str:
    if q.customer_id is not None:
        return s.scalar(select(Customer.name).where(Customer.id == q.customer_id)) or ""
    return q.prospect_name


# --- create and change --------------------------------------------------------------------

def create(engine: Engine, actor: Actor, data: QuoteInput) -> QuoteView:
    """A new draft quote, priced on its date."""
    actor.require("clerk")
    with unit_of_work(engine) as s:
        company = settings.read(s)
        today = date.today()
        party = _party(s, data, company)
        dates = _dates(data, data.quote_date or today, today)
        lines = _lines(s, actor, company, party["customer_id"], data, dates["quote_date"])
        totals = orders.line_totals(lines)
        subtotal, tax = totals.subtotal, totals.tax
        now = utcnow()
        quote_id = _next_id(s)
        q = Quote(id=quote_id, number=f"Q-{now.year}-{quote_id:05d}", status="draft",
                  notes=multi_line(data.notes), subtotal=subtotal, tax=tax, total=subtotal + tax,
                  created_by=actor.username, created_at=now, updated_at=now, **party, **dates,
                  lines=[QuoteLine(**line) for line in lines])
        s.add(q)
        s.flush()
        audit.record(s, actor, "quote", q.number, "created", audit.diff({}, _snapshot(q)),
                     summary=_party_name(s, q))
        return view_in(s, q)


def _next_id(s: Session) -> int:
    """The new quote's id, known before the INSERT so its number goes in the same statement."""
    if s.get_bind().dialect.name == "postgresql":
        return s.scalar(text("SELECT nextval(pg_get_serial_sequence('quote', 'id'))"))
    # SQLite: this write transaction began with BEGIN IMMEDIATE, so nobody else inserts now.
    return (s.scalar(select(func.max(Quote.id))) or 0) + 1


def update(engine: Engine, actor: Actor, *, quote_id: int, version: int,
           data: QuoteInput) -> QuoteView:
    """Change a draft or sent quote (an expired one too: a new validity date revives it);
    ``version`` must be the one read."""
    actor.require("clerk")
    try:
        with unit_of_work(engine) as s:
            q = _load(s, quote_id, version)
            if q.status not in EDITABLE_STATES:
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "Quote {number} is {status} and can no longer be changed."),
                    number=q.number, status=STATUS_NAMES[q.status])
            company = settings.read(s)
            today = date.today()
            party = _party(s, data, company)
            dates = _dates(data, data.quote_date or q.quote_date, today)
            lines = _lines(s, actor, company, party["customer_id"], data, dates["quote_date"])
            totals = orders.line_totals(lines)
            subtotal, tax = totals.subtotal, totals.tax
            before = _snapshot(q)
            for key, value in (party | dates).items():
                setattr(q, key, value)
            q.notes = multi_line(data.notes)
            by_no = {x.line_no: x for x in q.lines}
            for line in lines:
                if line["line_no"] in by_no:
                    for key, value in line.items():
                        setattr(by_no[line["line_no"]], key, value)
                else:
                    q.lines.append(QuoteLine(**line))
            q.lines = [x for x in q.lines if x.line_no <= len(lines)]
            q.subtotal, q.tax, q.total = subtotal, tax, subtotal + tax
            changes = audit.diff(before, _snapshot(q))
            if changes:
                q.updated_at = utcnow()
                s.flush()
                audit.record(s, actor, "quote", q.number, "updated", changes,
                             summary=_party_name(s, q))
            return view_in(s, q)
    except StaleDataError:
        raise StaleRecord() from None


# --- the life cycle -----------------------------------------------------------------------

def check_transition(number: str, state: str, target: str) -> None:
    """Refuse a move ``TRANSITIONS`` does not allow from the state a user sees."""
    workflow.QUOTE.check(state, target, number=number)


def mark(engine: Engine, actor: Actor, *, quote_id: int, version: int,
         target: str) -> QuoteView:
    """Move a quote to ``target`` (sent, accepted, rejected) as ``TRANSITIONS`` allows.

    Accepting a prospect's quote makes the prospect a customer (the customers
    window's checks: a bad phone number refuses the acceptance)."""
    actor.require("clerk")
    if target not in STATUS_NAMES or target == "expired":
        raise ValueError(f"not a quote state one can set: {target}")
    try:
        with unit_of_work(engine) as s:
            q = _load(s, quote_id, version)
            state = state_of(q.status, q.valid_until, _order_number(s, q.id) is not None)
            check_transition(q.number, state, target)
            changes: dict = {}
            if target == "accepted" and q.customer_id is None:
                customer = _make_customer(s, actor, q)
                q.customer_id = customer.id
                changes["customer"] = [None, customer.code]
            workflow.move(s, actor, workflow.QUOTE, q, target, current=state, changes=changes,
                          summary=lambda: _party_name(s, q))
            return view_in(s, q)
    except StaleDataError:
        raise StaleRecord() from None


def send(engine: Engine, actor: Actor, *, quote_id: int, version: int) -> QuoteView:
    return mark(engine, actor, quote_id=quote_id, version=version, target="sent")


def accept(engine: Engine, actor: Actor, *, quote_id: int, version: int) -> QuoteView:
    return mark(engine, actor, quote_id=quote_id, version=version, target="accepted")


def reject(engine: Engine, actor: Actor, *, quote_id: int, version: int) -> QuoteView:
    return mark(engine, actor, quote_id=quote_id, version=version, target="rejected")


def _make_customer(s: Session, actor: Actor, q: Quote) -> customers.CustomerView:
    data = CustomerInput(name=q.prospect_name, phone=q.prospect_phone,
                         address=q.prospect_address, language=q.language)
    try:
        return customers.save_in(s, actor, data)
    except ValidationError as exc:
        raise ValidationError({_PROSPECT_FIELDS.get(k, k): e
                               for k, e in exc.field_errors.items()}) from None


# --- converting ---------------------------------------------------------------------------

def convert(engine: Engine, actor: Actor, quote_id: int, override: OverrideRequest | None = None,
            *, delivery_date: date | None = None) -> OrderView:
    """The order of an accepted, unexpired quote, at the quote's prices, through the credit
    check (``orders.CreditRefused`` unless a manager's ``override`` covers it).

    A quote converts once: a second conversion — also one racing from another
    workstation — raises ``AlreadyConverted`` naming the order."""
    actor.require("clerk")
    approval = orders.approve_override(engine, actor, override) if override else None
    try:
        with unit_of_work(engine) as s:
            q = quote_row(s, quote_id)
            existing = _order_number(s, q.id)
            if existing is not None:
                raise AlreadyConverted(number=q.number, order=existing)
            state = state_of(q.status, q.valid_until, False)
            if state == "expired":
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "Quote {number} expired on {day}; it can no longer become an "
                    "order."), number=q.number, day=q.valid_until.isoformat())
            if state != "accepted" or q.customer_id is None:
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "Quote {number} is {status}: only an accepted quote becomes an "
                    "order."), number=q.number, status=STATUS_NAMES[state])
            data = OrderInput(customer_id=q.customer_id, delivery_date=delivery_date,
                              lines=tuple(LineInput(x.product_id, x.quantity, x.unit_price)
                                          for x in q.lines))
            order = orders.place_in(s, actor, data, approval=approval, quote_id=q.id)
            audit.record(s, actor, "quote", q.number, "converted",
                         {"order": [None, order.number]}, summary=order.customer_name)
            return order
    except IntegrityError:
        # Another workstation converted it between our look and our insert.
        with unit_of_work(engine, write=False) as s:
            number, existing = quote_row(s, quote_id).number, _order_number(s, quote_id)
        if existing is None:
            raise
        raise AlreadyConverted(number=number, order=existing) from None
