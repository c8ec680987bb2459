"""Orders: place, modify and cancel, with the credit check in the same transaction.

The credit check is one conditional UPDATE of the customer's row::

    UPDATE customer SET open_orders = open_orders + :amount
     WHERE id = :id AND NOT blocked AND balance + open_orders + :amount <= credit_limit

On PostgreSQL the UPDATE locks that one customer's row, so two orders for the
same customer serialize while other customers' orders go on; READ COMMITTED
re-evaluates the condition on the newest row after the wait.  On SQLite the
write transaction began with BEGIN IMMEDIATE.  The order insert is in the same
transaction, so an order exists exactly when its credit was taken.

Order states and their transitions are declared once, in ``core.workflow.ORDER``
(``TRANSITIONS`` here), and every change of state goes through ``workflow.move``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import Engine, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import chain, requests, rules, workflow
from core.db import unit_of_work
from core.errors import DomainError, NotFound, PermissionDenied, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (CreditOverride, Customer, CustomerPrice, Order, OrderLine,
                         RouteStop)
from core.models.base import Money, utcnow
from core.money import MAX_AMOUNT, format_money, parse_amount, quantize, too_large
from core.queries import aging
from core.services import audit, auth, settings
from core.services.actor import Actor
from core.services.customers import hhmm
from core.services.products import ProductView, price_on
from core.services.products import catalog as products_catalog
from core.text import multi_line, one_line

# The states and their one table of allowed transitions: core.workflow.ORDER.
STATUS_NAMES = workflow.ORDER.names
TRANSITIONS = workflow.ORDER.transitions
OPEN_STATES = frozenset({"confirmed", "scheduled"})  # on account, these hold credit
EDITABLE_STATES = frozenset({"confirmed"})
TIME_SLOTS = {
    "any": QT_TRANSLATE_NOOP("core", "any time"),
    "morning": QT_TRANSLATE_NOOP("core", "morning (8–12)"),
    "afternoon": QT_TRANSLATE_NOOP("core", "afternoon (13–17)"),
    "evening": QT_TRANSLATE_NOOP("core", "evening (17–20)"),
}
SLOT_WINDOWS = {"morning": (8 * 60, 12 * 60), "afternoon": (13 * 60, 17 * 60),
                "evening": (17 * 60, 20 * 60)}  # minutes after midnight


def slot_error(customer: Customer, slot: str) -> DomainError | None:
    """Why the time slot cannot be met: it lies outside the customer's delivery hours."""
    if customer.window_start is None or customer.window_end is None or \
            slot not in SLOT_WINDOWS:
        return None
    start, end = SLOT_WINDOWS[slot]
    if max(start, customer.window_start) < min(end, customer.window_end):
        return None
    return DomainError(QT_TRANSLATE_NOOP(
        "core", "{customer} receives deliveries {start}–{end} only: choose a time slot "
        "within those hours, or any time."), customer=customer.name,
        start=hhmm(customer.window_start), end=hhmm(customer.window_end))


PAYMENTS = {
    "account": QT_TRANSLATE_NOOP("core", "on account"),
    "cash": QT_TRANSLATE_NOOP("core", "cash on delivery"),
}
MAX_QUANTITY = Decimal(100_000)
WHOLE_UNITS = frozenset({"cylinder", "bottle", "carton", "piece", "service"})


IllegalTransition = workflow.IllegalOrderTransition  # the order's own message


@dataclass(frozen=True)
class CreditFigures:
    customer: str
    limit: Decimal
    balance: Decimal
    open_orders: Decimal
    amount: Decimal  # what this order (or this change) adds
    blocked: bool
    blocked_reason: str

    @property
    def exposure(self) -> Decimal:
        return self.balance + self.open_orders

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.exposure + self.amount - self.limit)


class CreditRefused(DomainError):
    """The order does not fit the customer's credit; ``figures`` says by how much."""

    def __init__(self, figures: CreditFigures, currency: str) -> None:
        self.figures = figures

        def money(amount: Decimal) -> str:
            return format_money(amount, currency)

        if figures.blocked:
            super().__init__(QT_TRANSLATE_NOOP(
                "core", "{customer} is blocked ({reason}). A manager must unblock the customer "
                "before orders on account are accepted."),
                customer=figures.customer, reason=figures.blocked_reason or "—")
        else:
            super().__init__(QT_TRANSLATE_NOOP(
                "core", "This order would take {customer} over the credit limit.\n"
                "Limit {limit}; balance {balance}; open orders {open_orders}; this order "
                "{amount}: {shortfall} over the limit."),
                customer=figures.customer, limit=money(figures.limit),
                balance=money(figures.balance), open_orders=money(figures.open_orders),
                amount=money(figures.amount), shortfall=money(figures.shortfall))


class OverdueRefused(DomainError):
    """The company refuses orders on account while an invoice is too long overdue
    (setting ``block_overdue_days``).  A manager's credit override does not lift it:
    a payment, a credit note or the setting does."""

    def __init__(self, customer: str, invoice: aging.OpenInvoice, days: int, limit: int,
                 currency: str) -> None:
        self.invoice_number, self.days = invoice.number, days
        super().__init__(QT_TRANSLATE_NOOP(
            "core", "{customer} has invoice {invoice} {days} days past its due date "
            "({open} open). Orders on account are refused while an invoice is more than "
            "{limit} days overdue; a credit override does not lift this. Record the "
            "payment first, or take the order for cash."),
            customer=customer, invoice=invoice.number, days=days,
            open=format_money(invoice.open, currency), limit=limit)


def overdue_refusals(s: Session, company: settings.CompanySettings,
                     customers: dict[int, str], today: date) -> dict[int, OverdueRefused]:
    """Per customer (id -> name) whose oldest open invoice is more than the company's
    ``block_overdue_days`` past due: the refusal.  No query while the setting is 0."""
    limit = int(company.block_overdue_days or 0)
    if limit <= 0 or not customers:
        return {}
    return {cid: OverdueRefused(customers[cid], inv, inv.days_overdue(today), limit,
                                company.currency)
            for cid, inv in aging.oldest_overdue_in(s, list(customers), days=limit,
                                                    as_of=today).items()}


@dataclass(frozen=True)
class LineInput:
    product_id: int
    quantity: Decimal | str | int
    unit_price: Decimal | str | None = None  # None or "": the customer's or list price


@dataclass(frozen=True)
class OrderInput:
    customer_id: int
    lines: tuple[LineInput, ...]
    delivery_date: date | None = None  # None: the next working day
    time_slot: str = "any"
    notes: str = ""
    payment: str | None = None  # None: cash for a customer with no credit limit, else account
    external_ref: str | None = None


@dataclass(frozen=True)
class OverrideRequest:
    """What a manager types into the override dialog."""

    manager: str
    password: str
    reason: str


@dataclass(frozen=True)
class LineView:
    line_no: int
    product_id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    quantity: Decimal
    list_price: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    amount: Decimal
    tax: Decimal


@dataclass(frozen=True)
class OverrideView:
    requested_by: str
    approved_by: str
    credit_limit: Decimal
    exposure_before: Decimal
    order_amount: Decimal
    amount_over: Decimal
    reason: str
    at: datetime


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str | None
    customer_id: int
    customer_code: str
    customer_name: str
    status: str
    payment: str
    delivery_date: date
    time_slot: str
    notes: str
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    external_ref: str | None
    cancel_reason: str
    created_by: str
    created_at: datetime
    version: int
    lines: tuple[LineView, ...]
    overrides: tuple[OverrideView, ...] = field(default=())


@dataclass(frozen=True)
class PriceOffer:
    """A product as the order form offers it for one customer and delivery date."""

    product_id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    price: Decimal | None  # None: no price on that date
    customer_price: bool  # the customer's own price, not the list's
    tax_rate: Decimal

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_zh


# --- reading ------------------------------------------------------------------------------

def view_in(s: Session, order: Order, overrides: list[CreditOverride] | None = None,
            products: dict[int, ProductView] | None = None) -> OrderView:
    """The order as a frozen view; a caller that has its overrides passes them."""
    customer = s.get(Customer, order.customer_id)
    products = products or products_catalog(s)
    if overrides is None:
        overrides = s.scalars(select(CreditOverride).where(CreditOverride.order_id == order.id)
                              .order_by(CreditOverride.id)).all()
    return OrderView(
        order.id, order.number, order.customer_id, customer.code, customer.name, order.status,
        order.payment, order.delivery_date, order.time_slot, order.notes, order.subtotal,
        order.tax, order.total, order.external_ref, order.cancel_reason, order.created_by,
        order.created_at, order.version,
        tuple(LineView(line.line_no, line.product_id, products[line.product_id].sku,
                       products[line.product_id].name_zh, products[line.product_id].name_en,
                       products[line.product_id].unit, line.quantity, line.list_price,
                       line.unit_price, line.tax_rate, line.amount, line.tax)
              for line in order.lines),
        tuple(OverrideView(o.requested_by, o.approved_by, o.credit_limit, o.exposure_before,
                           o.order_amount, o.amount_over, o.reason, o.at) for o in overrides))


def get(engine: Engine, order_id: int) -> OrderView:
    with unit_of_work(engine, write=False) as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFound()
        return view_in(s, order)


def price_list(engine: Engine, *, customer_id: int, day: date) -> list[PriceOffer]:
    """Every active product with the price this customer pays on ``day``."""
    with unit_of_work(engine, write=False) as s:
        company = settings.read(s)
        special = dict(s.execute(select(CustomerPrice.product_id, CustomerPrice.price)
                                 .where(CustomerPrice.customer_id == customer_id)).all())
        offers = []
        for p in sorted(products_catalog(s).values(), key=lambda p: p.sku):
            if not p.active:
                continue
            own = special.get(p.id)
            offers.append(PriceOffer(
                p.id, p.sku, p.name_zh, p.name_en, p.unit,
                own if own is not None else price_on(p.prices, day), own is not None,
                p.tax_rate if p.tax_rate is not None else company.tax_rate))
        return offers


# --- checks -------------------------------------------------------------------------------

def _line_error(errors: dict, n: int, part: str, template: str, **params) -> None:
    errors[f"line{n}.{part}"] = DomainError(template, line=n, **params)


def parse_quantity(text, unit: str) -> Decimal:
    """A quantity as typed; raises ValidationError (field "quantity") when it is not one."""
    try:
        q = text if isinstance(text, Decimal) else Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        q = None
    if q is None or not q.is_finite():
        error = DomainError(QT_TRANSLATE_NOOP("core", "“{value}” is not a quantity."), value=text)
    elif q <= 0 or q > MAX_QUANTITY:
        error = DomainError(QT_TRANSLATE_NOOP(
            "core", "The quantity must be more than 0 and at most {max}."), max=f"{MAX_QUANTITY:,}")
    elif (unit in WHOLE_UNITS and q != q.to_integral_value()) or q != q.quantize(Decimal("0.001")):
        error = DomainError(QT_TRANSLATE_NOOP("core", "This product is counted in whole units."))
    else:
        return q
    raise ValidationError({"quantity": error})


def _on_line(errors: dict, n: int, part: str, exc: ValidationError) -> None:
    reason = next(iter(exc.field_errors.values())) if exc.field_errors else exc
    _line_error(errors, n, part, QT_TRANSLATE_NOOP("core", "Line {line}: {reason}"),
                reason=reason)


def build_lines(s: Session, actor: Actor, company: settings.CompanySettings, customer_id: int,
                 data: OrderInput, day: date, *, agreed: bool = False,
                 special: dict[int, Decimal] | None = None
                 ) -> tuple[list[dict], dict[int, ProductView]]:
    """Checked, priced and taxed lines, and their products; a ValidationError lists every
    bad line.  ``agreed``: the typed prices were agreed already (an accepted quote's, held
    to the clerk's tolerance when the quote was made), so a price list that moved since
    does not refuse them.  ``special``: the customer's own prices, when the caller has
    read them already."""
    errors: dict[str, DomainError] = {}
    if not data.lines:
        raise ValidationError({"lines": DomainError(QT_TRANSLATE_NOOP(
            "core", "An order needs at least one line."))})
    ids = {line.product_id for line in data.lines}
    known = products_catalog(s)
    products = {i: known.get(i) for i in ids}
    if special is None:
        special = dict(s.execute(select(CustomerPrice.product_id, CustomerPrice.price).where(
            CustomerPrice.customer_id == customer_id, CustomerPrice.product_id.in_(ids))).all())
    currency, tolerance = company.currency, company.price_tolerance
    out = []
    for n, line in enumerate(data.lines, start=1):
        product = products.get(line.product_id)
        if product is None or not product.active:
            _line_error(errors, n, "product", QT_TRANSLATE_NOOP(
                "core", "Line {line}: unknown or inactive product."))
            continue
        try:
            quantity = parse_quantity(line.quantity, product.unit)
        except ValidationError as exc:
            _on_line(errors, n, "quantity", exc)
            quantity = None
        offered = special.get(product.id)
        if offered is None:
            offered = price_on(product.prices, day)
        if offered is None:
            _line_error(errors, n, "price", QT_TRANSLATE_NOOP(
                "core", "Line {line}: {sku} has no price on {day}."), sku=product.sku,
                day=day.isoformat())
            continue
        price = offered
        if line.unit_price not in (None, ""):
            try:
                price = parse_amount(line.unit_price, currency, field=f"line{n}.price")
            except ValidationError as exc:
                _on_line(errors, n, "price", exc)
                continue
            low = quantize(offered * (1 - tolerance), currency)
            high = quantize(offered * (1 + tolerance), currency)
            if not low <= price <= high and not agreed and not actor.can("manager"):
                _line_error(errors, n, "price", QT_TRANSLATE_NOOP(
                    "core", "Line {line}: a clerk may set a price from {low} to {high}; ask a "
                    "manager for {price}."), low=format_money(low, currency),
                    high=format_money(high, currency), price=format_money(price, currency))
                continue
        if quantity is None:
            continue
        rate = product.tax_rate if product.tax_rate is not None else company.tax_rate
        priced = rules.price(quantity, price, rate, currency)
        amount = priced.amount
        if too_large(amount):
            _line_error(errors, n, "price", QT_TRANSLATE_NOOP(
                "core", "Line {line}: the amount {amount} is too large: at most {max}."),
                amount=format_money(amount, currency), max=format_money(MAX_AMOUNT, currency))
            continue
        out.append({"line_no": n, "product_id": product.id, "quantity": quantity,
                    "list_price": offered, "unit_price": price, "tax_rate": rate,
                    "amount": amount, "tax": priced.tax})
    if errors:
        raise ValidationError(errors)
    total = line_totals(out).total
    if too_large(total):
        raise ValidationError({"lines": DomainError(QT_TRANSLATE_NOOP(
            "core", "The total {total} is too large: at most {max}."),
            total=format_money(total, currency), max=format_money(MAX_AMOUNT, currency))})
    return out, products


def _header(data: OrderInput, company: settings.CompanySettings, customer: Customer,
            today: date) -> dict:
    errors: dict[str, DomainError] = {}
    day = data.delivery_date or company.next_working_day(today)
    if day < today:
        errors["delivery_date"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The delivery date {day} is in the past."), day=day.isoformat())
    if data.time_slot not in TIME_SLOTS:
        errors["time_slot"] = DomainError(QT_TRANSLATE_NOOP("core", "Unknown time slot."))
    elif (outside := slot_error(customer, data.time_slot)) is not None:
        errors["time_slot"] = outside
    payment = data.payment or rules.default_payment(customer.credit_limit)
    if payment not in PAYMENTS:
        errors["payment"] = DomainError(QT_TRANSLATE_NOOP("core", "Unknown payment method."))
    ref = one_line(data.external_ref) or None
    if ref is not None and len(ref) > 60:
        errors["external_ref"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The reference holds at most 60 characters."))
    if errors:
        raise ValidationError(errors)
    return {"delivery_date": day, "time_slot": data.time_slot, "payment": payment,
            "notes": multi_line(data.notes), "external_ref": ref}


def active_customer(s: Session, customer_id: int) -> Customer:
    """The customer an order is taken for: NotFound, or refused while inactive."""
    return _active(s.get(Customer, customer_id))


def _active(customer: Customer | None) -> Customer:
    if customer is None:
        raise NotFound()
    if not customer.active:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "{customer} is inactive; activate the customer before taking an order."),
            customer=customer.name)
    return customer


def check_transition(order: Order, target: str) -> None:
    """Refuse a move ``TRANSITIONS`` does not allow (``workflow.move`` makes it)."""
    workflow.ORDER.check(order.status, target)


# --- credit -------------------------------------------------------------------------------

def approve_override(engine: Engine, actor: Actor, request: OverrideRequest) -> tuple[Actor, str]:
    """Check the manager's own password (a wrong one counts towards their lockout)."""
    reason = multi_line(request.reason)
    if not reason:
        raise ValidationError({"reason": DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the reason for the override."))})
    approver = auth.login(engine, request.manager, request.password)
    if not approver.can("manager"):
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "core", "{user} is not a manager and cannot approve a credit override."),
            user=approver.username)
    if approver.username == actor.username:
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "core", "Nobody approves their own request: another manager must approve it."))
    return approver, reason


# Built once (Core statements on the table: the conditional UPDATE runs on every order).
# The amount is typed explicitly: in "balance + open_orders + :amount" SQLAlchemy would
# bind it as a plain integer, not in the columns' hundredths.
_customers = Customer.__table__
_amount = bindparam("amount", type_=Money())
_TAKE_IF_IT_FITS = (
    update(_customers)
    .where(_customers.c.id == bindparam("customer"), _customers.c.blocked.is_(False),
           _customers.c.balance + _customers.c.open_orders + _amount
           <= _customers.c.credit_limit)
    .values(open_orders=_customers.c.open_orders + _amount)
    .returning(_customers.c.credit_limit, _customers.c.balance, _customers.c.open_orders))
_ADD = (update(_customers).where(_customers.c.id == bindparam("customer"))
              .values(open_orders=_customers.c.open_orders + _amount))


def add_exposure(s: Session, customer_id: int, amount: Decimal) -> None:
    """Change the customer's open orders by ``amount`` without a credit check (giving
    credit back, or holding again what an undone delivery had released)."""
    s.execute(_ADD, {"customer": customer_id, "amount": amount})


@dataclass(frozen=True)
class CreditHold:
    """What the credit check judged a take of credit by: the customer's limit and exposure
    (balance + open orders) just before it, and the manager's override when it did not
    fit."""

    limit: Decimal
    exposure: Decimal
    override: CreditOverride | None = None


def hold_credit(s: Session, actor: Actor, customer_id: int, amount: Decimal, currency: str, *,
                approval: tuple[Actor, str] | None = None, order_id: int | None = None
                ) -> CreditHold | None:
    """Take ``amount`` of the customer's credit; zero or less gives it back, unchecked
    (returns None).

    Raises CreditRefused unless it fits or a manager's ``approval`` covers it.  Returns
    the figures it was judged by and the override, if one was needed: added to the
    session when ``order_id`` (an order in the database) is given, else the caller adds
    it once it has inserted the order.
    """
    if amount <= 0:
        add_exposure(s, customer_id, amount)
        return None
    took = s.execute(_TAKE_IF_IT_FITS, {"customer": customer_id, "amount": amount}).first()
    if took is not None:
        return CreditHold(took.credit_limit, took.balance + took.open_orders - amount)
    # It did not fit when the UPDATE looked.  Read the figures again under the row's lock
    # and decide and report from that one read: on PostgreSQL a release committed since
    # (a cancel, a delivery) may have made room, and then the order fits and is placed;
    # a refusal never reports figures it was not refused by ("NT$0 over the limit").
    # FOR NO KEY UPDATE, not FOR UPDATE: an order INSERT holds a FOR KEY SHARE lock on the
    # customer (its foreign key); FOR UPDATE conflicts with KEY SHARE, so two refused
    # orders deadlocked on PostgreSQL.
    c = s.execute(select(Customer.name, Customer.credit_limit, Customer.balance,
                         Customer.open_orders, Customer.blocked, Customer.blocked_reason)
                  .where(Customer.id == customer_id).with_for_update(key_share=True)).one()
    figures = CreditFigures(c.name, c.credit_limit, c.balance, c.open_orders, amount, c.blocked,
                            c.blocked_reason)
    fits = not figures.blocked and figures.shortfall == 0
    if not fits and (figures.blocked or approval is None):
        raise CreditRefused(figures, currency)
    add_exposure(s, customer_id, amount)
    if fits:
        return CreditHold(figures.limit, figures.exposure)
    approver, reason = approval
    override = CreditOverride(order_id=order_id, customer_id=customer_id,
                              requested_by=actor.username, approved_by=approver.username,
                              credit_limit=figures.limit, exposure_before=figures.exposure,
                              order_amount=amount, amount_over=figures.shortfall, reason=reason,
                              at=utcnow())
    if order_id is not None:
        s.add(override)
    return CreditHold(figures.limit, figures.exposure, override)


def take_credit(s: Session, actor: Actor, order: Order, exposure: Decimal, currency: str, *,
                approval: tuple[Actor, str] | None = None) -> CreditOverride | None:
    """From now on ``order`` (in the database) holds ``exposure`` of its customer's credit
    (its total while open on account, else 0): the difference goes through the credit
    check, and an order that takes more keeps the limit and the exposure without it that
    it was judged by (db check judges it by those).  Returns the override, if one was
    needed."""
    hold = hold_credit(s, actor, order.customer_id, exposure - order.exposure, currency,
                       approval=approval, order_id=order.id)
    if hold is not None:
        order.limit_at_placing = hold.limit
        order.exposure_at_placing = hold.exposure - order.exposure
    order.exposure = exposure
    return hold.override if hold else None


# --- placing, changing, cancelling --------------------------------------------------------

def line_totals(lines: list[dict]) -> rules.Totals:
    """The subtotal and tax of lines checked and priced by ``build_lines``."""
    return rules.totals(rules.Priced(x["amount"], x["tax"]) for x in lines)


def place(engine: Engine, actor: Actor, data: OrderInput, *, request_key: str | None = None,
          override: OverrideRequest | None = None) -> OrderView:
    """Place a confirmed order: numbered, priced, and credit taken in one transaction.

    ``request_key`` (one per submitted form) makes a repeated submit return the
    order the first one placed; the same key with another order is refused
    (``requests.KeyReused``).  ``override`` is a manager's approval for an
    order that does not fit the credit limit.
    """
    actor.require("clerk")
    approval = approve_override(engine, actor, override) if override else None
    try:
        with unit_of_work(engine) as s:
            return place_in(s, actor, data, request_key=request_key, approval=approval)
    except IntegrityError:
        # Something was inserted since place_in looked: name what this order collides
        # with, and let anything else be the error it is.
        with unit_of_work(engine, write=False) as s:
            if request_key:  # the same form, submitted twice at once
                existing = requests.earlier(s, Order, request_key, _fingerprint(data))
                if existing is not None:
                    return view_in(s, existing)
            ref = one_line(data.external_ref) or None
            if ref is not None and s.scalar(select(Order.id).where(
                    Order.customer_id == data.customer_id, Order.external_ref == ref)):
                raise ValidationError({"external_ref": DomainError(QT_TRANSLATE_NOOP(
                    "core", "This customer already has an order with the reference “{ref}”."),
                    ref=ref)}) from None
        raise


def _fingerprint(data: OrderInput) -> str:
    return requests.fingerprint("order", order=data)


def place_in(s: Session, actor: Actor, data: OrderInput, *, request_key: str | None = None,
             approval: tuple[Actor, str] | None = None, at: datetime | None = None,
             view: bool = True, standing: tuple[int, date] | None = None,
             quote_id: int | None = None) -> OrderView | None:
    """``place`` inside the caller's transaction.

    ``approval`` is a manager's approval already checked (``approve_override``);
    ``at`` is when the order is taken (the demo's history; default now).
    ``standing`` is the (standing order, scheduled date) that made this order and
    ``quote_id`` the quote it converts; both are UNIQUE on the order, and the prices of
    either were agreed when the quote or standing order was made.
    """
    fingerprint = _fingerprint(data) if request_key else None
    if request_key:
        existing = requests.earlier(s, Order, request_key, fingerprint)
        if existing is not None:
            return view_in(s, existing)
    company = settings.read(s)
    customer = active_customer(s, data.customer_id)
    now = at or utcnow()
    checked = _check(s, actor, company, customer, data, now,
                     agreed=quote_id is not None or standing is not None, approval=approval)
    order_id = _next_order_id(s)
    columns = _columns(checked, actor, customer, now, order_id, standing)
    order = Order(**columns, quote_id=quote_id, request_key=request_key, request_hash=fingerprint,
                  lines=[OrderLine(**line) for line in checked.lines])
    s.add(order)
    s.flush()
    override = checked.hold.override if checked.hold else None
    if override is not None:  # inserted after its order (no relationship orders the two)
        override.order_id = order.id
        s.add(override)
    audit.record(s, actor, "order", order.number, "created",
                 _created(columns, customer, override), summary=customer.name)
    return view_in(s, order, [override] if override else [], checked.products) if view else None


def place_many_in(s: Session, actor: Actor, items: list[tuple[OrderInput, tuple[int, date]]],
                  *, at: datetime | None = None) -> list[int | DomainError]:
    """Many generated orders in the caller's transaction: each order's id, or why it was
    refused.  The same checks as ``place_in`` (``_check``; no manager approvals: a refused
    order goes to the clerk), in few statements: one conditional credit UPDATE per order
    on account, in the given order, then one INSERT each for the orders, lines and audit."""
    company = settings.read(s)
    now = at or utcnow()
    wanted = {data.customer_id for data, _ in items}
    people = {c.id: c for c in s.scalars(select(Customer).where(Customer.id.in_(wanted)))}
    special: dict[int, dict[int, Decimal]] = {cid: {} for cid in wanted}
    for cid, pid, price in s.execute(select(CustomerPrice.customer_id, CustomerPrice.product_id,
                                            CustomerPrice.price)
                                     .where(CustomerPrice.customer_id.in_(wanted))):
        special[cid][pid] = price
    overdue = overdue_refusals(s, company, {c.id: c.name for c in people.values()},
                               now.astimezone().date())
    results: list[int | DomainError] = []
    checked_of: list[tuple[_Checked, Customer, tuple[int, date]]] = []
    for data, standing in items:
        try:
            customer = _active(people.get(data.customer_id))
            checked = _check(s, actor, company, customer, data, now, agreed=True,
                             special=special[customer.id], overdue=overdue)
        except DomainError as refused:
            results.append(refused)
            continue
        results.append(len(checked_of))
        checked_of.append((checked, customer, standing))
    if not checked_of:
        return results
    if s.get_bind().dialect.name == "postgresql":
        ids = s.scalars(text("SELECT nextval(pg_get_serial_sequence('sales_order', 'id')) "
                             "FROM generate_series(1, :n)"), {"n": len(checked_of)}).all()
    else:  # SQLite: this write transaction began with BEGIN IMMEDIATE
        first = (s.scalar(select(func.max(Order.id))) or 0) + 1
        ids = list(range(first, first + len(checked_of)))
    rows = [{"cancel_reason": "", "version": 1, **_columns(checked, actor, customer, now, order_id, standing)}
            for order_id, (checked, customer, standing) in zip(ids, checked_of)]
    s.execute(insert(Order.__table__), rows)
    s.execute(insert(OrderLine.__table__), [{**line, "order_id": row["id"]}
                                            for row, (checked, _, _) in zip(rows, checked_of)
                                            for line in checked.lines])
    chain.audit(s, [audit.row(actor, "order", row["number"], "created",
                              _created(row, customer, None),
                              summary=customer.name, at=now)
                    for row, (_, customer, _) in zip(rows, checked_of)])
    return [r if isinstance(r, DomainError) else ids[r] for r in results]


@dataclass(frozen=True)
class _Checked:
    """An order judged placeable: its header, priced lines, totals and the credit held."""

    header: dict
    lines: list[dict]
    products: dict[int, ProductView]
    totals: rules.Totals
    hold: CreditHold | None


def _check(s: Session, actor: Actor, company: settings.CompanySettings, customer: Customer,
           data: OrderInput, now: datetime, *, agreed: bool,
           special: dict[int, Decimal] | None = None,
           overdue: dict[int, OverdueRefused] | None = None,
           approval: tuple[Actor, str] | None = None) -> _Checked:
    """Every check a new order passes, one way for one order and for many: the header,
    the lines, overdue invoices and the credit limit (holding the credit it takes).
    ``overdue``: the refusals of the customers in a batch, read once for all."""
    today = now.astimezone().date()
    header = _header(data, company, customer, today)
    lines, products = build_lines(s, actor, company, customer.id, data, header["delivery_date"],
                                  agreed=agreed, special=special)
    _refuse_gas(s, customer, lines, products)
    totals = line_totals(lines)
    hold = None
    if header["payment"] == "account":
        if overdue is None:
            overdue = overdue_refusals(s, company, {customer.id: customer.name}, today)
        if customer.id in overdue:
            raise overdue[customer.id]
        # The credit first, so the order keeps the figures it was judged by.
        hold = hold_credit(s, actor, customer.id, totals.total, company.currency,
                           approval=approval)
    return _Checked(header, lines, products, totals, hold)


def _refuse_gas(s: Session, customer: Customer, lines: list[dict],
                products: dict[int, ProductView]) -> None:
    """A customer whose safety inspection failed gets no gas (a cylinder line) until a
    manager clears it; a service visit goes (``inspections.refuse_gas``)."""
    if customer.gas_stop:
        from core.services import inspections  # it places its visits through this module

        inspections.refuse_gas(s, customer, (products[x["product_id"]].unit for x in lines))


def _columns(checked: _Checked, actor: Actor, customer: Customer, now: datetime, order_id: int,
             standing: tuple[int, date] | None) -> dict:
    """A new order's columns (without its lines), confirmed as it is placed."""
    totals, hold = checked.totals, checked.hold
    on_account = checked.header["payment"] == "account"
    return {**checked.header, "id": order_id, "number": f"SO-{now.year}-{order_id:06d}",
            "customer_id": customer.id, "status": "confirmed", "subtotal": totals.subtotal,
            "tax": totals.tax, "total": totals.total,
            "exposure": totals.total if on_account else Decimal(0),
            "limit_at_placing": hold.limit if hold else None,
            "exposure_at_placing": hold.exposure if hold else None,
            "created_by": actor.username, "created_at": now, "updated_at": now,
            "confirmed_at": now, "standing_order_id": standing[0] if standing else None,
            "standing_date": standing[1] if standing else None}


def _created(columns: dict, customer: Customer, override: CreditOverride | None) -> dict:
    """What the audit log says of a new order (``columns``: from ``_columns``)."""
    return {"customer": [None, customer.code], "total": [None, audit.plain(columns["total"])],
            "delivery_date": [None, str(columns["delivery_date"])],
            "payment": [None, columns["payment"]],
            **({"override": [None, override.approved_by]} if override else {})}


def _next_order_id(s: Session) -> int:
    """The new order's id, known before the INSERT so its number goes in the same statement."""
    if s.get_bind().dialect.name == "postgresql":
        return s.scalar(text("SELECT nextval(pg_get_serial_sequence('sales_order', 'id'))"))
    # SQLite: this write transaction began with BEGIN IMMEDIATE, so nobody else inserts now.
    return (s.scalar(select(func.max(Order.id))) or 0) + 1


def load(s: Session, order_id: int, version: int) -> Order:
    """The order to change: NotFound, or StaleRecord when ``version`` is not its own."""
    order = s.get(Order, order_id)
    if order is None:
        raise NotFound()
    if order.version != version:
        raise StaleRecord()
    return order


def modify(engine: Engine, actor: Actor, *, order_id: int, version: int, data: OrderInput,
           override: OverrideRequest | None = None) -> OrderView:
    """Change an order's lines, date, slot, payment or notes; credit is checked on the difference."""
    actor.require("clerk")
    approval = approve_override(engine, actor, override) if override else None
    try:
        with unit_of_work(engine) as s:
            order = load(s, order_id, version)
            if order.status not in EDITABLE_STATES:
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "Order {number} is {status} and can no longer be changed."),
                    number=order.number, status=STATUS_NAMES[order.status])
            if data.customer_id != order.customer_id:
                raise ValidationError({"customer": DomainError(QT_TRANSLATE_NOOP(
                    "core", "An order's customer cannot change; cancel it and take a new one."))})
            company = settings.read(s)
            customer = active_customer(s, order.customer_id)
            header = _header(data, company, customer, date.today())
            lines, products = build_lines(s, actor, company, customer.id, data,
                                           header["delivery_date"])
            _refuse_gas(s, customer, lines, products)
            totals = line_totals(lines)
            subtotal, tax = totals.subtotal, totals.tax
            before = {"total": order.total, "delivery_date": order.delivery_date,
                      "time_slot": order.time_slot, "payment": order.payment,
                      "notes": order.notes, "lines": _line_summary(order.lines)}
            take_credit(s, actor, order, subtotal + tax if header["payment"] == "account"
                        else Decimal(0), company.currency, approval=approval)
            for key, value in header.items():
                setattr(order, key, value)
            by_no = {line.line_no: line for line in order.lines}
            for line in lines:
                if line["line_no"] in by_no:
                    for key, value in line.items():
                        setattr(by_no[line["line_no"]], key, value)
                else:
                    order.lines.append(OrderLine(**line))
            order.lines = [x for x in order.lines if x.line_no <= len(lines)]
            order.subtotal, order.tax, order.total = subtotal, tax, subtotal + tax
            order.updated_at = utcnow()
            after = {"total": order.total, "delivery_date": order.delivery_date,
                     "time_slot": order.time_slot, "payment": order.payment,
                     "notes": order.notes, "lines": _line_summary(order.lines)}
            changes = audit.diff(before, after)
            if changes:
                s.flush()
                audit.record(s, actor, "order", order.number, "updated", changes,
                             summary=customer.name)
            return view_in(s, order, products=products)
    except StaleDataError:
        raise StaleRecord() from None


def _line_summary(lines) -> list[str]:
    return [f"{x.product_id}×{x.quantity.normalize():f}@{x.unit_price.normalize():f}"
            for x in sorted(lines, key=lambda x: x.line_no)]


def cancel(engine: Engine, actor: Actor, *, order_id: int, version: int, reason: str) -> OrderView:
    """Cancel an order before delivery; its credit is released."""
    actor.require("clerk")
    reason = multi_line(reason)
    if not reason:
        raise ValidationError({"reason": DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the reason for cancelling."))})
    try:
        with unit_of_work(engine) as s:
            order = load(s, order_id, version)
            check_transition(order, "cancelled")
            company = settings.read(s)
            hold_credit(s, actor, order.customer_id, -order.exposure, company.currency)
            s.execute(delete(RouteStop).where(RouteStop.order_id == order.id))  # off its route
            order.cancel_reason, order.exposure = reason, Decimal(0)
            workflow.move(s, actor, workflow.ORDER, order, "cancelled",
                          changes={"reason": [None, reason]},
                          summary=lambda: s.get(Customer, order.customer_id).name)
            return view_in(s, order)
    except StaleDataError:
        raise StaleRecord() from None
