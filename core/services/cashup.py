"""The drivers' cash-up, their running accounts, and the office's cash book.

At the end of the day each route is cashed up: what its driver should hand in — the
cash received for its cash sales, the payments taken at its stops (cash and cheques),
the cylinder deposits collected at the door less those paid back (``deposits``), less
the refunds paid at the door — against what was counted (cash, optionally by
denomination, and each cheque).  A settlement with a variance needs a reason and a
manager's approval; the variance goes to the driver's running account (a shortfall is
owed by the driver, an excess owed to them), settled later by a payment from or to the
driver.  A settled route's deliveries and collections cannot change until a manager
reopens its settlement, which writes the reversing row in the driver's account (the
money handed in stays in the office: a recount books only what it adds or takes away).
The drivers' accounts and the cash book are only ever added to: triggers refuse an
UPDATE or DELETE, and each row carries an HMAC chained to the one before (``core.chain``),
so a row added around the server is found by ``db check --key``.

The cash book: per day, the opening (every earlier day's entries), the day's entries
(an opening float, each route's settlement, bank deposits, drivers' payments,
corrections) and the closing.  A manager closes a day once its routes are settled;
after that the day changes only by a manager's correcting entries.

Saving twice has one effect: a settlement, a driver's payment and a cash book entry
each carry the request key of the dialog that submitted them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Engine, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import chain, requests
from core.db import unit_of_work
from core.errors import DomainError, NotFound, PermissionDenied, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (CashBookDay, CashBookEntry, CashSale, Customer, Delivery,
                         DepositReceipt, Driver, DriverEntry, Order, Payment, Route, RouteStop,
                         Settlement, SettlementCheque, SettlementNote, Vehicle)
from core.models.base import utcnow
from core.money import MAX_AMOUNT, format_money, parse_amount
from core.services import audit, auth, cash_sales, settings
from core.services.actor import Actor
from core.text import multi_line, one_line

ZERO = Decimal(0)
# What a clerk may enter in the cash book; a correction is a manager's.
ENTRY_KINDS = {
    "float": QT_TRANSLATE_NOOP("core", "Opening float"),
    "deposit": QT_TRANSLATE_NOOP("core", "Bank deposit"),
    "correction": QT_TRANSLATE_NOOP("core", "Correction"),
}
BOOK_KIND_NAMES = {
    **ENTRY_KINDS,
    "settlement": QT_TRANSLATE_NOOP("core", "Route cash-up"),
    "driver": QT_TRANSLATE_NOOP("core", "Driver's payment"),
}
DRIVER_KIND_NAMES = {
    "variance": QT_TRANSLATE_NOOP("core", "Cash-up variance"),
    "variance_reopened": QT_TRANSLATE_NOOP("core", "Cash-up reopened"),
    "payment_from_driver": QT_TRANSLATE_NOOP("core", "Paid by the driver"),
    "payment_to_driver": QT_TRANSLATE_NOOP("core", "Paid to the driver"),
}
DIRECTIONS = ("from_driver", "to_driver")


# --- views and inputs ---------------------------------------------------------------------

@dataclass(frozen=True)
class CashItem:
    """One amount making up what a driver should hand in."""

    kind: str  # sale | payment | refund | deposit (+ collected, - paid back)
    document: str  # the cash sale's or deposit receipt's number, or the payment's reference
    order_number: str
    customer_code: str
    customer_name: str
    method: str  # cash | cheque
    amount: Decimal  # + to hand in, - paid out at the door


@dataclass(frozen=True)
class ChequeCount:
    number: str
    bank: str
    cheque_date: date | None
    amount: Decimal | str


@dataclass(frozen=True)
class Count:
    """What the clerk counted for one route.  With ``notes`` (face value, how many) the
    cash is their sum; without, ``cash`` as typed."""

    route_id: int
    request_key: str  # one per submitted cash-up
    cash: Decimal | str = "0"
    notes: tuple[tuple[Decimal | str, int | str], ...] = ()
    cheques: tuple[ChequeCount, ...] = ()
    reason: str = ""  # required with a variance


@dataclass(frozen=True)
class Approval:
    """The approving manager's own user name and password."""

    manager: str
    password: str


@dataclass(frozen=True)
class SettlementView:
    id: int
    route_id: int
    day: date
    driver_id: int | None
    driver_name: str
    expected: Decimal
    cash: Decimal
    cheques: Decimal
    counted: Decimal
    variance: Decimal  # counted - expected
    reason: str
    status: str  # settled | reopened
    settled_by: str
    approved_by: str | None
    settled_at: datetime
    reopened_by: str | None
    reopened_at: datetime | None
    reopen_reason: str
    notes: tuple[tuple[Decimal, int], ...]
    cheque_list: tuple[ChequeCount, ...]


@dataclass(frozen=True)
class RouteCash:
    """One route's side of the cash-up."""

    route_id: int
    day: date
    plate: str
    driver_id: int | None
    driver_name: str
    stops: int
    unconfirmed: int  # stops whose delivery is not confirmed yet
    sales: Decimal  # cash received for the route's cash sales
    collected: Decimal  # payments taken at its stops
    refunds: Decimal  # refunds paid at the door
    expected: Decimal
    items: tuple[CashItem, ...]
    settlement: SettlementView | None  # the standing one
    reopened: int = 0  # earlier settlements a manager reopened
    deposits: Decimal = ZERO  # cylinder deposits collected at the door less those paid back


@dataclass(frozen=True)
class DriverAccount:
    driver_id: int
    name: str
    balance: Decimal  # + the driver owes the company, - the company owes the driver
    active: bool


@dataclass(frozen=True)
class DriverEntryView:
    id: int
    kind: str
    amount: Decimal
    business_date: date
    note: str
    created_by: str
    at: datetime
    balance: Decimal  # after this entry


@dataclass(frozen=True)
class CashBookLine:
    id: int
    kind: str
    amount: Decimal  # + into the till, - out
    reference: str
    note: str
    created_by: str
    at: datetime


@dataclass(frozen=True)
class CashBookView:
    day: date
    opening: Decimal
    lines: tuple[CashBookLine, ...]
    closing: Decimal
    closed_by: str | None
    closed_at: datetime | None
    closing_when_closed: Decimal | None
    routes: int
    settled: int
    expected: Decimal  # of the settled routes
    counted: Decimal
    variance: Decimal


# --- helpers ------------------------------------------------------------------------------

def _error(field: str, template: str, **params: object) -> ValidationError:
    return ValidationError({field: DomainError(template, **params)})


def _amount(text, currency: str, field: str, *, positive: bool = True) -> Decimal:
    value = parse_amount(text if text is not None else "", currency, field=field)
    if positive and value <= 0:
        raise _error(field, QT_TRANSLATE_NOOP("core", "The amount must be more than zero."))
    if value < 0:
        raise _error(field, QT_TRANSLATE_NOOP("core", "The amount cannot be negative."))
    return value


def _lock_route(s: Session, route_id: int) -> Route:
    route = s.scalars(select(Route).where(Route.id == route_id).with_for_update()).first()
    if route is None:
        raise NotFound()
    return route


def standing_settlement(s: Session, route_id: int) -> Settlement | None:
    return s.scalars(select(Settlement).where(Settlement.route_id == route_id,
                                              Settlement.status == "settled")).first()


# Every confirmation of a stop asks, in one query built once (tests/bench/cashup.py).
_SETTLED = (select(Settlement.day, Vehicle.plate)
            .join(Route, Route.id == Settlement.route_id)
            .join(Vehicle, Vehicle.id == Route.vehicle_id)
            .where(Settlement.status == "settled"))
_SETTLED_ROUTE = _SETTLED.where(Settlement.route_id == bindparam("route_key"))
_SETTLED_STOP = _SETTLED.join(RouteStop, RouteStop.route_id == Settlement.route_id).where(
    RouteStop.order_id == bindparam("order_key"))


# The route's row, shared: a cash-up (which locks it for update) waits for the change to
# commit, and a change waits for a cash-up to commit and then sees it (PostgreSQL; SQLite
# runs one writer at a time).
_SHARE_ROUTE = select(Route.id).where(Route.id == bindparam("route_key")) \
    .with_for_update(read=True)
_SHARE_STOPS_ROUTE = select(Route.id).join(RouteStop, RouteStop.route_id == Route.id).where(
    RouteStop.order_id == bindparam("order_key")).with_for_update(read=True, of=Route)


def refuse_if_settled(s: Session, *, order_id: int | None = None,
                      route_id: int | None = None) -> None:
    """Refuse a change to a stop (``order_id``) or a collection on a route whose cash-up
    is settled: a manager reopens it first.  Holds the route's row until the change
    commits, so no cash-up is saved meanwhile without it."""
    if route_id is None:
        if s.execute(_SHARE_STOPS_ROUTE, {"order_key": order_id}).first() is None:
            return  # on no route: no cash-up
        settled = s.execute(_SETTLED_STOP, {"order_key": order_id}).first()
    else:
        s.execute(_SHARE_ROUTE, {"route_key": route_id})
        settled = s.execute(_SETTLED_ROUTE, {"route_key": route_id}).first()
    if settled is not None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The cash-up of route {plate} on {day} is settled: a manager reopens it "
            "in the Cash-up window before its deliveries or collections change."),
            plate=settled.plate, day=settled.day.isoformat())


def _book_open(s: Session, day: date) -> None:
    """Refuse an entry on ``day`` once the cash book is closed on it or a later day (a
    day's closing is every earlier day's entries and its own)."""
    closed = s.scalars(select(CashBookDay).where(CashBookDay.day >= day)
                       .order_by(CashBookDay.day.desc()).limit(1)).first()
    if closed is not None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The cash book is closed up to {closed} (by {user}): {day} changes only "
            "by a manager's correction now."),
            closed=closed.day.isoformat(), day=day.isoformat(), user=closed.closed_by)


def _till(s: Session, through: date) -> Decimal:
    """What the till holds at the end of ``through`` (every entry up to that day)."""
    return s.scalar(select(func.coalesce(func.sum(CashBookEntry.amount), 0))
                    .where(CashBookEntry.day <= through)) or ZERO


def _after_all_days(s: Session, day: date) -> Decimal:
    """The lowest the till stands at the end of ``day`` or any later day with entries
    (money taken out on ``day`` must not make a later day's closing negative)."""
    lowest = _till(s, day)
    running = lowest
    for amount in s.scalars(select(func.sum(CashBookEntry.amount))
                            .where(CashBookEntry.day > day)
                            .group_by(CashBookEntry.day).order_by(CashBookEntry.day)):
        running += amount
        lowest = min(lowest, running)
    return lowest


def _submitted_at_once(engine: Engine, model, request_key: str | None, fingerprint: str,
                       view):
    """After a UNIQUE request key refused an insert: ``view`` of the row the same request,
    submitted twice at once, wrote (re-raises the IntegrityError otherwise)."""
    if request_key:
        with unit_of_work(engine, write=False) as s:
            done = requests.earlier(s, model, request_key, fingerprint)
            if done is not None:
                return view(s, done)
    raise  # noqa: PLE0704 - called in the except block: the IntegrityError


def _approver(engine: Engine, actor: Actor, approval: Approval | None) -> Actor:
    """The manager approving a variance: the actor, when a manager; else the manager
    who typed their own password (a wrong one counts towards their lockout)."""
    if actor.can("manager") and approval is None:
        return actor
    if approval is None:
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "core", "A cash-up with a variance needs a manager's approval."))
    approver = auth.login(engine, approval.manager, approval.password)
    if not approver.can("manager"):
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "core", "{user} is not a manager and cannot approve a cash-up variance."),
            user=approver.username)
    return approver


# --- what a route should hand in ----------------------------------------------------------

def _items(s: Session, route_ids: list[int]) -> dict[int, list[CashItem]]:
    out: dict[int, list[CashItem]] = {r: [] for r in route_ids}
    for rid, number, order_number, code, name, amount in s.execute(
            select(RouteStop.route_id, CashSale.number, Order.number, Customer.code,
                   Customer.name, CashSale.cash_received)
            .join(CashSale, CashSale.order_id == RouteStop.order_id)
            .join(Order, Order.id == CashSale.order_id)
            .join(Customer, Customer.id == CashSale.customer_id)
            .where(RouteStop.route_id.in_(route_ids), CashSale.status == "posted",
                   CashSale.cash_received != 0)
            .order_by(RouteStop.position)):
        out[rid].append(CashItem("sale", number, order_number, code, name, "cash", amount))
    for rid, pid, kind, method, ref, cheque, code, name, amount in s.execute(
            select(Payment.route_id, Payment.id, Payment.kind, Payment.method,
                   Payment.reference, Payment.cheque_number, Customer.code, Customer.name,
                   Payment.amount)
            .join(Customer, Customer.id == Payment.customer_id)
            .where(Payment.route_id.in_(route_ids)).order_by(Payment.id)):
        document = " ".join(x for x in (cheque, ref) if x) or f"#{pid}"
        out[rid].append(CashItem(kind, document, "", code, name, method,
                                 -amount if kind == "refund" else amount))
    # Deposits paid in cash at the door (core.services.deposits); a receipt and the one
    # that reversed it in full (its delivery undone) cancel out and are left off.
    found = s.execute(
        select(DepositReceipt.id, DepositReceipt.route_id, DepositReceipt.number,
               DepositReceipt.reverses_id, Order.number, Customer.code, Customer.name,
               DepositReceipt.amount)
        .join(Customer, Customer.id == DepositReceipt.customer_id)
        .outerjoin(Delivery, Delivery.id == DepositReceipt.delivery_id)
        .outerjoin(Order, Order.id == Delivery.order_id)
        .where(DepositReceipt.route_id.in_(route_ids), DepositReceipt.paid_by == "cash")
        .order_by(DepositReceipt.id)).all()
    amounts = {x[0]: x[-1] for x in found}
    cancelled = {x[0] for x in found if x[3] is not None and amounts.get(x[3]) == -x[-1]}
    cancelled |= {x[3] for x in found if x[0] in cancelled}
    for rid_, route_id, number, _reverses, order_number, code, name, amount in found:
        if rid_ not in cancelled:
            out[route_id].append(CashItem("deposit", number, order_number or "", code, name,
                                          "cash", amount))
    return out


def _expected(items: Iterable[CashItem]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(sales, collected, refunds, expected): the sales and payments, less the refunds,
    plus the deposits collected less those paid back (``_deposits``)."""
    items = list(items)
    sales = sum((x.amount for x in items if x.kind == "sale"), ZERO)
    collected = sum((x.amount for x in items if x.kind == "payment"), ZERO)
    refunds = -sum((x.amount for x in items if x.kind == "refund"), ZERO)
    return sales, collected, refunds, sales + collected - refunds + _deposits(items)


def _deposits(items: Iterable[CashItem]) -> Decimal:
    return sum((x.amount for x in items if x.kind == "deposit"), ZERO)


def expected_in(s: Session, route_id: int) -> Decimal:
    return _expected(_items(s, [route_id])[route_id])[3]


def _settlement_view(s: Session, x: Settlement) -> SettlementView:
    name = s.scalar(select(Driver.name).where(Driver.id == x.driver_id)) if x.driver_id else ""
    return SettlementView(
        x.id, x.route_id, x.day, x.driver_id, name or "", x.expected, x.cash, x.cheques,
        x.counted, x.variance, x.reason, x.status, x.settled_by, x.approved_by, x.settled_at,
        x.reopened_by, x.reopened_at, x.reopen_reason,
        tuple((n.value, n.count) for n in x.notes),
        tuple(ChequeCount(c.number, c.bank, c.cheque_date, c.amount) for c in x.cheque_list))


def _route_cash(s: Session, routes: list[Route]) -> list[RouteCash]:
    ids = [r.id for r in routes]
    if not ids:
        return []
    items = _items(s, ids)
    plates = dict(s.execute(select(Vehicle.id, Vehicle.plate)).all())
    drivers = dict(s.execute(select(Driver.id, Driver.name)).all())
    stops = {rid: (n, 0) for rid, n in s.execute(
        select(RouteStop.route_id, func.count()).where(RouteStop.route_id.in_(ids))
        .group_by(RouteStop.route_id))}
    # NOT EXISTS on the standing delivery's index: NOT IN would read every delivery ever.
    confirmed = select(Delivery.id).where(Delivery.order_id == RouteStop.order_id,
                                          Delivery.undone_at.is_(None)).exists()
    for rid, n in s.execute(
            select(RouteStop.route_id, func.count())
            .join(Order, Order.id == RouteStop.order_id)
            .where(RouteStop.route_id.in_(ids), ~confirmed, Order.status != "cancelled")
            .group_by(RouteStop.route_id)):
        stops[rid] = (stops[rid][0], n)
    standing = {x.route_id: x for x in s.scalars(
        select(Settlement).where(Settlement.route_id.in_(ids), Settlement.status == "settled"))}
    reopened = dict(s.execute(
        select(Settlement.route_id, func.count())
        .where(Settlement.route_id.in_(ids), Settlement.status == "reopened")
        .group_by(Settlement.route_id)).all())
    out = []
    for r in routes:
        sales, collected, refunds, expected = _expected(items[r.id])
        n, unconfirmed = stops.get(r.id, (0, 0))
        settled = standing.get(r.id)
        out.append(RouteCash(r.id, r.day, plates.get(r.vehicle_id, ""), r.driver_id,
                             drivers.get(r.driver_id, "") if r.driver_id else "", n,
                             unconfirmed, sales, collected, refunds, expected,
                             tuple(items[r.id]),
                             _settlement_view(s, settled) if settled else None,
                             reopened.get(r.id, 0), _deposits(items[r.id])))
    return out


def routes_of_day(engine: Engine, day: date) -> list[RouteCash]:
    """The day's confirmed routes (by plate), each with what its driver should hand in
    and its standing settlement."""
    with unit_of_work(engine, write=False) as s:
        return routes_of_day_in(s, day)


def routes_of_day_in(s: Session, day: date) -> list[RouteCash]:
    routes = list(s.scalars(select(Route).join(Vehicle, Vehicle.id == Route.vehicle_id)
                            .where(Route.day == day, Route.status == "confirmed")
                            .order_by(Vehicle.plate)))
    return _route_cash(s, routes)


def route_cash(engine: Engine, route_id: int) -> RouteCash:
    with unit_of_work(engine, write=False) as s:
        route = s.get(Route, route_id)
        if route is None:
            raise NotFound()
        return _route_cash(s, [route])[0]


def settlements_of(engine: Engine, route_id: int) -> list[SettlementView]:
    """Every settlement of a route, the standing one and those reopened, newest first."""
    with unit_of_work(engine, write=False) as s:
        return [_settlement_view(s, x) for x in s.scalars(
            select(Settlement).where(Settlement.route_id == route_id)
            .order_by(Settlement.id.desc()))]


# --- settling and reopening ---------------------------------------------------------------

def _fingerprint(count: Count) -> str:
    return requests.fingerprint("settlement", route=count.route_id, cash=count.cash,
                                notes=count.notes, cheques=count.cheques, reason=count.reason)


def _read_count(count: Count, currency: str
                ) -> tuple[Decimal, list[tuple[Decimal, int]], list[SettlementCheque],
                           dict[str, DomainError]]:
    errors: dict[str, DomainError] = {}
    notes: dict[Decimal, int] = {}
    for n, (value, how_many) in enumerate(count.notes, start=1):
        try:
            face = _amount(value, currency, f"notes{n}.value")
            pieces = int(str(how_many).strip() or 0)
            if not 0 <= pieces <= 1_000_000:
                raise ValueError
        except ValidationError as exc:
            errors.update(exc.field_errors)
            continue
        except ValueError:
            errors[f"notes{n}.count"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Count the notes and coins as a whole number from 0."))
            continue
        if pieces:
            notes[face] = notes.get(face, 0) + pieces
    cash = ZERO
    if count.notes:
        cash = sum((v * c for v, c in notes.items()), ZERO)
    else:
        try:
            cash = _amount(count.cash or "0", currency, "cash", positive=False)
        except ValidationError as exc:
            errors.update(exc.field_errors)
    cheques = []
    for n, c in enumerate(count.cheques, start=1):
        number, bank = one_line(c.number), one_line(c.bank)
        if not number or len(number) > 40:
            errors[f"cheques{n}.number"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Cheque {line}: enter its number (at most 40 characters)."), line=n)
        if not bank or len(bank) > 80:
            errors[f"cheques{n}.bank"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Cheque {line}: enter its bank (at most 80 characters)."), line=n)
        if c.cheque_date is None:
            errors[f"cheques{n}.date"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Cheque {line}: enter the date on it."), line=n)
        try:
            amount = _amount(c.amount, currency, f"cheques{n}.amount")
        except ValidationError as exc:
            errors.update(exc.field_errors)
            continue
        cheques.append(SettlementCheque(number=number, bank=bank, cheque_date=c.cheque_date,
                                        amount=amount))
    if cash > MAX_AMOUNT:
        errors["cash"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "{value} is too large to be stored."), value=cash)
    return cash, sorted(notes.items(), reverse=True), cheques, errors


def count_totals(count: Count, currency: str) -> tuple[Decimal, Decimal]:
    """What ``count`` comes to, (cash, cheques), read as ``settle`` reads it (what the
    Cash-up window shows while the clerk counts); an amount that does not read counts as
    nothing here (``settle`` names it).  No database."""
    cash, _notes, cheques, _errors = _read_count(count, currency)
    return cash, sum((c.amount for c in cheques), ZERO)


def settle(engine: Engine, actor: Actor, count: Count,
           approval: Approval | None = None) -> SettlementView:
    """Save a route's cash-up (a clerk).  The route's stops must all be confirmed and its
    day's cash book open.  A variance needs a reason and a manager's approval (the
    manager's own, or ``approval``); it goes to the driver's account.  The same request
    twice returns the first settlement; the same key with another count is refused."""
    actor.require("clerk")
    fingerprint = _fingerprint(count)
    try:
        with unit_of_work(engine, write=False) as s:
            done = requests.earlier(s, Settlement, count.request_key, fingerprint)
            if done is not None:
                return _settlement_view(s, done)
            currency = settings.read(s).currency
            if s.get(Route, count.route_id) is None:
                raise NotFound()
            expected = expected_in(s, count.route_id)
        cash, notes, cheques, errors = _read_count(count, currency)
        counted = cash + sum((c.amount for c in cheques), ZERO)
        reason = multi_line(count.reason)
        if counted != expected and not reason:
            errors["reason"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "The count is {variance} off what the driver should hand in: give the "
                "reason."), variance=format_money(counted - expected, currency))
        if errors:
            raise ValidationError(errors)
        approver = _approver(engine, actor, approval) if counted != expected else None
        with unit_of_work(engine) as s:
            return _settle_in(s, actor, approver, count, fingerprint, route_id=count.route_id,
                              cash=cash, notes=notes, cheques=cheques, reason=reason,
                              currency=currency)
    except IntegrityError:
        with unit_of_work(engine, write=False) as s:
            done = requests.earlier(s, Settlement, count.request_key, fingerprint)
            if done is not None:
                return _settlement_view(s, done)
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "This route was cashed up already (on another workstation).")) from None


def _settle_in(s: Session, actor: Actor, approver: Actor | None, count: Count,
               fingerprint: str, *, route_id: int, cash: Decimal,
               notes: list[tuple[Decimal, int]], cheques: list[SettlementCheque], reason: str,
               currency: str) -> SettlementView:
    route = _lock_route(s, route_id)  # a second cash-up of the route waits here
    done = requests.earlier(s, Settlement, count.request_key, fingerprint)
    if done is not None:
        return _settlement_view(s, done)
    if route.status != "confirmed":
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "This route is still being planned; confirm it in Dispatch first."))
    if standing_settlement(s, route.id) is not None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "This route was cashed up already (on another workstation)."))
    _book_open(s, route.day)
    rc = _route_cash(s, [route])[0]
    if rc.unconfirmed:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "{count} stops of this route are not confirmed yet: confirm them in "
            "Deliveries before the cash-up."), count=rc.unconfirmed)
    counted = cash + sum((c.amount for c in cheques), ZERO)
    variance = counted - rc.expected
    if variance and approver is None:  # the expected amount moved since it was read
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "What the driver should hand in changed while you counted; look at it "
            "again."))
    if variance and route.driver_id is None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The route has no driver to hold the variance: give it its driver in "
            "Dispatch first."))
    at = utcnow()
    x = Settlement(route_id=route.id, day=route.day, driver_id=route.driver_id,
                   request_key=count.request_key, request_hash=fingerprint,
                   expected=rc.expected, cash=cash, cheques=counted - cash, counted=counted,
                   variance=variance, reason=reason, settled_by=actor.username,
                   approved_by=approver.username if approver else None, settled_at=at,
                   notes=[SettlementNote(value=v, count=c) for v, c in notes],
                   cheque_list=cheques)
    s.add(x)
    s.flush()
    if variance:
        chain.driver_entries(s, [dict(
            driver_id=route.driver_id, kind="variance", amount=-variance, settlement_id=x.id,
            business_date=route.day, note=reason, created_by=actor.username, at=at)])
    # The money handed in at an earlier (reopened) cash-up of the route is in the office
    # already: the cash book takes what this count adds to it (or, less, gives back).
    booked = s.scalar(select(func.coalesce(func.sum(CashBookEntry.amount), 0)).where(
        CashBookEntry.settlement_id.in_(select(Settlement.id).where(
            Settlement.route_id == route.id)))) or ZERO
    if counted != booked:
        if counted < booked and _after_all_days(s, route.day) + counted - booked < 0:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "This count is {less} less than the route's earlier cash-up, and the "
                "till does not hold that much any more (it was banked): a manager enters a "
                "correction."), less=format_money(booked - counted, currency))
        chain.cash_book(s, [dict(
            day=route.day, kind="settlement", amount=counted - booked, settlement_id=x.id,
            reference=rc.plate, note=rc.driver_name, created_by=actor.username, at=at)])
    audit.record(s, actor, "settlement", x.id, "settled", {
        "route": [None, f"{rc.plate} {route.day.isoformat()}"],
        "expected": [None, audit.plain(rc.expected)], "counted": [None, audit.plain(counted)],
        **({"variance": [None, audit.plain(variance)], "reason": [None, reason],
            "approved_by": [None, approver.username]} if variance else {})},
        summary=rc.driver_name)
    s.flush()
    return _settlement_view(s, x)


def reopen(engine: Engine, actor: Actor, *, settlement_id: int, reason: str) -> RouteCash:
    """A manager reopens a route's cash-up (its deliveries and collections may change
    again): the settlement stays, marked reopened, and its variance is reversed in the
    driver's account; the money it counted stays in the cash book until the route is
    counted again.  Refused once the day's cash book is closed."""
    actor.require("manager")
    reason = multi_line(reason)
    if not reason:
        raise _error("reason", QT_TRANSLATE_NOOP(
            "core", "Give the reason for reopening the cash-up."))
    with unit_of_work(engine) as s:
        x = s.get(Settlement, settlement_id)
        if x is None:
            raise NotFound()
        route = _lock_route(s, x.route_id)
        s.refresh(x)
        if x.status != "settled":
            raise DomainError(QT_TRANSLATE_NOOP("core", "This cash-up was reopened already."))
        _book_open(s, x.day)
        at = utcnow()
        x.status, x.reopened_by, x.reopened_at, x.reopen_reason = \
            "reopened", actor.username, at, reason
        if x.variance:
            chain.driver_entries(s, [dict(
                driver_id=x.driver_id, kind="variance_reopened", amount=x.variance,
                settlement_id=x.id, business_date=x.day, note=reason,
                created_by=actor.username, at=at)])
        audit.record(s, actor, "settlement", x.id, "reopened", {"reason": [None, reason]})
        s.flush()
        return _route_cash(s, [route])[0]


# --- drivers' accounts --------------------------------------------------------------------

def driver_accounts(engine: Engine) -> list[DriverAccount]:
    """Every driver with an account or still active, by name."""
    with unit_of_work(engine, write=False) as s:
        sums = dict(s.execute(select(DriverEntry.driver_id, func.sum(DriverEntry.amount))
                              .group_by(DriverEntry.driver_id)).all())
        return [DriverAccount(d.id, d.name, sums.get(d.id) or ZERO, d.active)
                for d in s.scalars(select(Driver).order_by(Driver.name))
                if d.active or d.id in sums]


def driver_entries(engine: Engine, driver_id: int, *, limit: int = 1000) -> list[DriverEntryView]:
    """A driver's account, oldest first, with the balance after each entry (the last
    ``limit`` entries)."""
    with unit_of_work(engine, write=False) as s:
        rows = list(s.scalars(select(DriverEntry).where(DriverEntry.driver_id == driver_id)
                              .order_by(DriverEntry.id.desc()).limit(limit)))[::-1]
        balance = (s.scalar(select(func.sum(DriverEntry.amount))
                            .where(DriverEntry.driver_id == driver_id)) or ZERO) \
            - sum((x.amount for x in rows), ZERO)
        out = []
        for x in rows:
            balance += x.amount
            out.append(DriverEntryView(x.id, x.kind, x.amount, x.business_date, x.note,
                                       x.created_by, x.at, balance))
        return out


def driver_payment(engine: Engine, actor: Actor, *, driver_id: int, direction: str,
                   amount: Decimal | str, day: date | None = None, note: str = "",
                   request_key: str | None = None) -> DriverAccount:
    """Settle (part of) a driver's account in cash (a clerk): ``from_driver`` takes money
    into the till and lowers what the driver owes, ``to_driver`` pays it out.  Written
    in ``day``'s cash book (today by default), which must be open."""
    actor.require("clerk")
    day = day or date.today()
    fingerprint = requests.fingerprint("driver payment", driver=driver_id, direction=direction,
                                       amount=amount, day=day, note=note)
    try:
        with unit_of_work(engine) as s:
            if request_key and (done := requests.earlier(s, DriverEntry, request_key,
                                                         fingerprint)) is not None:
                return _account(s, done.driver_id)
            currency = settings.read(s).currency
            if direction not in DIRECTIONS:
                raise _error("direction", QT_TRANSLATE_NOOP(
                    "core", "Choose whether the driver pays or is paid."))
            value = _amount(amount, currency, "amount")
            driver = s.get(Driver, driver_id)
            if driver is None:
                raise NotFound()
            _book_open(s, day)
            into_till = value if direction == "from_driver" else -value
            if into_till < 0 and _after_all_days(s, day) + into_till < 0:
                raise _error("amount", QT_TRANSLATE_NOOP(
                    "core", "The till does not hold {amount} on {day}."),
                    amount=format_money(value, currency), day=day.isoformat())
            text = multi_line(note)
            at = utcnow()
            entry_id, = chain.driver_entries(s, [dict(
                driver_id=driver_id, kind=f"payment_{direction}", amount=-into_till,
                business_date=day, note=text, request_key=request_key or None,
                request_hash=fingerprint if request_key else None,
                created_by=actor.username, at=at)])
            chain.cash_book(s, [dict(day=day, kind="driver", amount=into_till,
                                     driver_entry_id=entry_id, reference=driver.name,
                                     note=text, created_by=actor.username, at=at)])
            audit.record(s, actor, "driver", driver_id, f"paid {direction.replace('_', ' ')}",
                         {"amount": [None, audit.plain(value)], "day": [None, day.isoformat()]},
                         summary=driver.name)
            s.flush()
            return _account(s, driver_id)
    except IntegrityError:
        return _submitted_at_once(engine, DriverEntry, request_key, fingerprint,
                                  lambda s, done: _account(s, done.driver_id))


def _account(s: Session, driver_id: int) -> DriverAccount:
    d = s.get(Driver, driver_id)
    balance = s.scalar(select(func.sum(DriverEntry.amount))
                       .where(DriverEntry.driver_id == driver_id)) or ZERO
    return DriverAccount(d.id, d.name, balance, d.active)


# --- the cash book ------------------------------------------------------------------------

def cash_book(engine: Engine, day: date) -> CashBookView:
    """The day's cash book: opening, entries, closing, and its routes' cash-up."""
    with unit_of_work(engine, write=False) as s:
        return _book(s, day)


def cash_book_in(s: Session, day: date) -> CashBookView:
    return _book(s, day)


def _book(s: Session, day: date) -> CashBookView:
    opening = s.scalar(select(func.coalesce(func.sum(CashBookEntry.amount), 0))
                       .where(CashBookEntry.day < day)) or ZERO
    lines = tuple(CashBookLine(x.id, x.kind, x.amount, x.reference, x.note, x.created_by, x.at)
                  for x in s.scalars(select(CashBookEntry).where(CashBookEntry.day == day)
                                     .order_by(CashBookEntry.id)))
    closed = s.get(CashBookDay, day)
    routes = s.scalar(select(func.count()).select_from(Route).where(
        Route.day == day, Route.status == "confirmed")) or 0
    settled = s.execute(select(func.count(), func.coalesce(func.sum(Settlement.expected), 0),
                               func.coalesce(func.sum(Settlement.counted), 0))
                        .where(Settlement.day == day, Settlement.status == "settled")).one()
    expected = Decimal(settled[1]) if not isinstance(settled[1], Decimal) else settled[1]
    counted = Decimal(settled[2]) if not isinstance(settled[2], Decimal) else settled[2]
    return CashBookView(day, opening, lines, opening + sum((x.amount for x in lines), ZERO),
                        closed.closed_by if closed else None,
                        closed.closed_at if closed else None,
                        closed.closing if closed else None, routes, settled[0],
                        expected, counted, counted - expected)


def add_entry(engine: Engine, actor: Actor, *, day: date, kind: str, amount: Decimal | str,
              reference: str = "", note: str = "", request_key: str | None = None
              ) -> CashBookView:
    """Enter money into or out of the till: an opening ``float`` (in), a bank ``deposit``
    (out; at most what the till holds), or a manager's ``correction`` (``amount`` signed,
    with its reason in ``note``; the only entry a closed day takes)."""
    actor.require("clerk")
    fingerprint = requests.fingerprint("cash book", day=day, entry=kind, amount=amount,
                                       reference=reference, note=note)
    try:
        with unit_of_work(engine) as s:
            if request_key and (done := requests.earlier(s, CashBookEntry, request_key,
                                                         fingerprint)) is not None:
                return _book(s, done.day)
            currency = settings.read(s).currency
            if kind not in ENTRY_KINDS:
                raise _error("kind", QT_TRANSLATE_NOOP(
                    "core", "Choose an opening float, a bank deposit or a correction."))
            text, ref = multi_line(note), one_line(reference)
            if len(ref) > 120:
                raise _error("reference", QT_TRANSLATE_NOOP(
                    "core", "The reference is at most 120 characters."))
            if kind == "correction":
                actor.require("manager")
                value = parse_amount(amount if amount is not None else "", currency,
                                     field="amount", allow_negative=True)
                if not value:
                    raise _error("amount", QT_TRANSLATE_NOOP(
                        "core", "A correction is an amount other than zero (negative: less "
                        "in the till)."))
                if not text:
                    raise _error("note", QT_TRANSLATE_NOOP(
                        "core", "Give the reason for the correction."))
            else:
                _book_open(s, day)
                value = _amount(amount, currency, "amount")
                if kind == "deposit":
                    value = -value
            if value < 0 and _after_all_days(s, day) + value < 0:
                raise _error("amount", QT_TRANSLATE_NOOP(
                    "core", "The till does not hold {amount} on {day}."),
                    amount=format_money(-value, currency), day=day.isoformat())
            chain.cash_book(s, [dict(day=day, kind=kind, amount=value, reference=ref, note=text,
                                     request_key=request_key or None,
                                     request_hash=fingerprint if request_key else None,
                                     created_by=actor.username, at=utcnow())])
            audit.record(s, actor, "cash_book", day.isoformat(), kind, {
                "amount": [None, audit.plain(value)],
                **({"reference": [None, ref]} if ref else {}),
                **({"note": [None, text]} if text else {})})
            s.flush()
            return _book(s, day)
    except IntegrityError:
        return _submitted_at_once(engine, CashBookEntry, request_key, fingerprint,
                                  lambda s, done: _book(s, done.day))


def close_day(engine: Engine, actor: Actor, *, day: date) -> CashBookView:
    """A manager closes the cash book up to ``day`` once every route up to that day (from
    the cut-over on) is settled; the closing is recorded as it stands."""
    actor.require("manager")
    with unit_of_work(engine) as s:
        if day > date.today():
            raise _error("day", QT_TRANSLATE_NOOP("core", "A day is closed once it has come."))
        _book_open(s, day)
        # The days after the last closed one (and from the cut-over on) are to be closed.
        cutover = cash_sales.cutover(s)
        since = max(cutover.date() if cutover else date.min,
                    s.scalar(select(func.max(CashBookDay.day))) or date.min)
        unsettled = s.execute(
            select(Route.day, Vehicle.plate).join(Vehicle, Vehicle.id == Route.vehicle_id)
            .where(Route.day <= day, Route.status == "confirmed", Route.day >= since,
                   Route.id.not_in(select(Settlement.route_id)
                                   .where(Settlement.status == "settled")))
            .order_by(Route.day, Vehicle.plate).limit(20)).all()
        if unsettled:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Cash up every route up to {day} first; not settled: {routes}."),
                day=day.isoformat(),
                routes=", ".join(f"{plate} ({d.isoformat()})" for d, plate in unsettled))
        book = _book(s, day)
        s.add(CashBookDay(day=day, closing=book.closing, closed_by=actor.username,
                          closed_at=utcnow()))
        audit.record(s, actor, "cash_book", day.isoformat(), "closed",
                     {"closing": [None, audit.plain(book.closing)]})
        s.flush()
        return _book(s, day)


# --- db check -----------------------------------------------------------------------------

def settlements_hold(s: Session) -> list[str]:
    """db check: a settlement's counted is its cash and cheques (its cash its notes, when
    counted so), its variance counted less expected; a standing settlement's expected is
    what its route should hand in now; at most one stands per route."""
    broken = []
    cheques = dict(s.execute(select(SettlementCheque.settlement_id,
                                    func.sum(SettlementCheque.amount))
                             .group_by(SettlementCheque.settlement_id)).all())
    notes: dict[int, Decimal] = {}
    for sid, value, n in s.execute(select(SettlementNote.settlement_id, SettlementNote.value,
                                          SettlementNote.count)):
        notes[sid] = notes.get(sid, ZERO) + value * n
    standing: dict[int, int] = {}
    for x in s.scalars(select(Settlement).order_by(Settlement.id)):
        name = f"settlement {x.id} (route {x.route_id} on {x.day})"
        if x.cheques != (cheques.get(x.id) or ZERO) or x.counted != x.cash + x.cheques or \
                (x.id in notes and notes[x.id] != x.cash) or x.variance != x.counted - x.expected:
            broken.append(f"{name}: its count does not add up")
        if x.status == "settled":
            standing[x.route_id] = standing.get(x.route_id, 0) + 1
            now = expected_in(s, x.route_id)
            if now != x.expected:
                broken.append(f"{name}: settled at {x.expected}, its route's cash now {now}")
    return broken + [f"route {rid}: {n} standing settlements" for rid, n in standing.items()
                     if n > 1]


def driver_accounts_hold(s: Session) -> list[str]:
    """db check: a settlement's entries in its driver's account sum to its shortfall
    (-variance) while it stands and to nothing once reopened; every driver's payment is
    in the cash book once, for the same money."""
    sums = dict(s.execute(select(DriverEntry.settlement_id, func.sum(DriverEntry.amount))
                          .where(DriverEntry.settlement_id.is_not(None))
                          .group_by(DriverEntry.settlement_id)).all())
    broken = [f"settlement {sid}: the driver's account holds {sums.get(sid) or 0}, not "
              f"{-variance if status == 'settled' else 0}"
              for sid, status, variance in s.execute(
                  select(Settlement.id, Settlement.status, Settlement.variance))
              if (sums.get(sid) or ZERO) != (-variance if status == "settled" else ZERO)]
    book = {eid: (amount, n) for eid, amount, n in s.execute(
        select(CashBookEntry.driver_entry_id, func.sum(CashBookEntry.amount), func.count())
        .where(CashBookEntry.driver_entry_id.is_not(None))
        .group_by(CashBookEntry.driver_entry_id))}
    for eid, amount in s.execute(select(DriverEntry.id, DriverEntry.amount)
                                 .where(DriverEntry.settlement_id.is_(None))):
        if book.pop(eid, None) != (-amount, 1):
            broken.append(f"driver entry {eid}: not in the cash book once for {-amount}")
    return broken + [f"cash book rows of driver entry {eid} without it" for eid in book]


def cash_book_holds(s: Session) -> list[str]:
    """db check: the cash book holds each route's money as its latest cash-up counted it
    (the money handed in stays in the office when a cash-up is reopened; a recount books
    the difference); no day ends with the till below zero; a closed day's closing is what
    was recorded when it closed plus the corrections entered after."""
    booked = dict(s.execute(
        select(Settlement.route_id, func.sum(CashBookEntry.amount))
        .join(Settlement, Settlement.id == CashBookEntry.settlement_id)
        .group_by(Settlement.route_id)).all())
    latest = select(Settlement.route_id, func.max(Settlement.id).label("id")) \
        .group_by(Settlement.route_id).subquery()
    broken = [f"route {rid}: the cash book holds {booked.get(rid) or 0}, its latest cash-up "
              f"counted {counted}"
              for rid, counted in s.execute(select(Settlement.route_id, Settlement.counted)
                                            .join(latest, latest.c.id == Settlement.id))
              if (booked.get(rid) or ZERO) != counted]
    running = ZERO
    closings: dict[date, Decimal] = {}
    for day, amount in s.execute(select(CashBookEntry.day, func.sum(CashBookEntry.amount))
                                 .group_by(CashBookEntry.day).order_by(CashBookEntry.day)):
        running += amount
        closings[day] = running
        if running < 0:
            broken.append(f"cash book {day}: the till ends at {running}")
    for closed in s.scalars(select(CashBookDay)):
        later = s.scalar(select(func.coalesce(func.sum(CashBookEntry.amount), 0)).where(
            CashBookEntry.day <= closed.day, CashBookEntry.at > closed.closed_at,
            CashBookEntry.kind == "correction")) or ZERO
        other = s.scalar(select(func.count()).select_from(CashBookEntry).where(
            CashBookEntry.day <= closed.day, CashBookEntry.at > closed.closed_at,
            CashBookEntry.kind != "correction"))
        now = closings.get(max((d for d in closings if d <= closed.day), default=closed.day),
                           ZERO)
        if other or closed.closing + later != now:
            broken.append(f"cash book {closed.day}: closed at {closed.closing}, now {now}")
    return broken
