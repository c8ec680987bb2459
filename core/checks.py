"""Invariants of a Roundsman database, checked by ``roundsman-admin db check``.

Each check returns the rows that break it (empty: it holds).  Later areas
(orders, deliveries, billing) add theirs to ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import Session

from core import schema
from core.db import unit_of_work
from core.models import (CreditOverride, Customer, CustomerGram, CylinderBalance,
                         CylinderMovement, Delivery, LedgerEntry, Order, Product, ProductPrice,
                         StandingOccurrence, User, UserRole)
from core.services import (billing, cash_sales, cashup, cylinders, deposits, einvoice,
                           inspections, payments, stock)
from core.services.customers import SEARCH_SOURCES, search_columns
from core.services.orders import OPEN_STATES
from core.workflow import DELIVERY_OUTCOMES as DONE_STATES  # an order's state = its delivery's


@dataclass(frozen=True)
class CheckResult:
    name: str
    broken: tuple[str, ...]
    noted: tuple[str, ...] = ()  # reported, breaking nothing (e.g. before a cut-over)

    @property
    def ok(self) -> bool:
        return not self.broken


def _schema_at_head(s: Session) -> list[str]:
    current = schema.current(s.get_bind())
    return [] if current == schema.head() else [f"schema {current} is not {schema.head()}"]


def _search_index_matches_customers(s: Session) -> list[str]:
    broken = []
    posted: dict[int, set[str]] = {}
    for gram, cid in s.execute(select(CustomerGram.gram, CustomerGram.customer_id)):
        posted.setdefault(cid, set()).add(gram)
    for c in s.scalars(select(Customer).execution_options(yield_per=2000)):
        columns, bigrams = search_columns({k: getattr(c, k) for k in SEARCH_SOURCES})
        if any(getattr(c, k) != v for k, v in columns.items()) or posted.get(c.id, set()) != bigrams:
            broken.append(f"customer {c.code} (id {c.id})")
    return broken


def _credit_limits_not_negative(s: Session) -> list[str]:
    return [f"customer {code}" for code in
            s.scalars(select(Customer.code).where(Customer.credit_limit < 0))]


def _codes_are_upper_case(s: Session) -> list[str]:
    bad = [f"customer {c}" for c in s.scalars(select(Customer.code)) if c != c.upper()]
    return bad + [f"product {c}" for c in s.scalars(select(Product.sku)) if c != c.upper()]


def _every_product_has_a_price(s: Session) -> list[str]:
    priced = select(ProductPrice.product_id)
    return [f"product {sku}" for sku in
            s.scalars(select(Product.sku).where(Product.id.not_in(priced)))]


def _every_user_has_a_role(s: Session) -> list[str]:
    with_role = select(UserRole.user_id)
    return [f"user {u}" for u in s.scalars(select(User.username).where(User.id.not_in(with_role)))]


def _an_active_admin_exists(s: Session) -> list[str]:
    if not s.scalar(select(func.count()).select_from(User)):
        return []  # a new database: the first start creates the administrator
    n = s.scalar(select(func.count()).select_from(User).join(UserRole).where(
        User.active.is_(True), UserRole.role == "admin"))
    return [] if n else ["no active user holds the admin role"]


def _open_orders_match_customers(s: Session) -> list[str]:
    """A customer's open_orders is the sum of its open orders on account, each holding its total."""
    held = dict(s.execute(select(Order.customer_id, func.sum(Order.exposure))
                          .where(Order.status.in_(OPEN_STATES), Order.payment == "account")
                          .group_by(Order.customer_id)).all())
    broken = [f"customer {code}: open_orders {amount} but its open orders hold {held.get(cid, 0)}"
              for cid, code, amount in s.execute(select(Customer.id, Customer.code,
                                                        Customer.open_orders))
              if amount != (held.get(cid) or Decimal(0))]
    wrong = s.execute(select(Order.number).where(or_(
        and_(Order.status.in_(OPEN_STATES), Order.payment == "account",
             Order.exposure != Order.total),
        and_(or_(Order.status.not_in(OPEN_STATES), Order.payment != "account"),
             Order.exposure != 0))))
    return broken + [f"order {number}: exposure is not its total while open on account, "
                     "or not 0 otherwise" for (number,) in wrong]


def _placed_within_the_limit_or_by_override(s: Session) -> list[str]:
    """No order on account was placed over the credit limit without a manager's override,
    judged by the limit and exposure it was placed against (a balance taken over the limit
    later — the company's rental, a manager lowering the limit — breaks nothing: it
    refuses the next order).  Orders placed before those figures were kept, still open,
    are judged as before: their customer, over the limit today, has an override on an
    order still open or delivered."""
    overridden = select(CreditOverride.order_id)
    broken = [f"order {number}: placed at {exposure} + {total} against a limit of {limit}, "
              "without an override" for number, exposure, total, limit in s.execute(
                  select(Order.number, Order.exposure_at_placing, Order.total,
                         Order.limit_at_placing)
                  .where(Order.payment == "account", Order.limit_at_placing.is_not(None),
                         Order.exposure_at_placing + Order.total > Order.limit_at_placing,
                         Order.id.not_in(overridden))
                  .order_by(Order.id))]
    before_figures = select(Order.customer_id).where(
        Order.payment == "account", Order.limit_at_placing.is_(None), Order.total > 0,
        Order.status.in_(OPEN_STATES))
    approved = select(Order.customer_id).join(CreditOverride, CreditOverride.order_id == Order.id) \
        .where(Order.status.in_((*OPEN_STATES, "delivered", "partially_delivered")))
    q = select(Customer.code).where(
        Customer.balance + Customer.open_orders > Customer.credit_limit,
        Customer.id.in_(before_figures), Customer.id.not_in(approved))
    return broken + [f"customer {code}" for code in s.scalars(q)]


def _standing_dates_generated_once(s: Session) -> list[str]:
    """No (standing order, date) has two orders or two occurrences, and every occurrence
    marked "ordered" points at an order of that standing order and date."""
    twice = [f"standing order {sid} on {day}: {n} orders" for sid, day, n in s.execute(
        select(Order.standing_order_id, Order.standing_date, func.count())
        .where(Order.standing_order_id.is_not(None))
        .group_by(Order.standing_order_id, Order.standing_date).having(func.count() > 1))]
    twice += [f"standing order {sid} on {day}: {n} occurrences" for sid, day, n in s.execute(
        select(StandingOccurrence.standing_order_id, StandingOccurrence.day, func.count())
        .group_by(StandingOccurrence.standing_order_id, StandingOccurrence.day)
        .having(func.count() > 1))]
    dangling = s.execute(
        select(StandingOccurrence.standing_order_id, StandingOccurrence.day)
        .outerjoin(Order, and_(Order.id == StandingOccurrence.order_id,
                               Order.standing_order_id == StandingOccurrence.standing_order_id,
                               Order.standing_date == StandingOccurrence.day))
        .where(StandingOccurrence.outcome == "ordered", Order.id.is_(None)))
    return twice + [f"standing order {sid} on {day}: marked ordered without its order"
                    for sid, day in dangling]


def _delivered_once(s: Session) -> list[str]:
    """An order has at most one standing delivery, and its state says what it was."""
    twice = [f"order {number}: {n} deliveries" for number, n in s.execute(
        select(Order.number, func.count()).join(Delivery, Delivery.order_id == Order.id)
        .where(Delivery.undone_at.is_(None)).group_by(Order.number).having(func.count() > 1))]
    standing = select(Delivery.order_id, Delivery.outcome).where(
        Delivery.undone_at.is_(None)).subquery()
    wrong = s.execute(select(Order.number, Order.status, standing.c.outcome)
                      .outerjoin(standing, standing.c.order_id == Order.id)
                      .where(or_(and_(Order.status.in_(DONE_STATES),
                                      or_(standing.c.outcome.is_(None),
                                          standing.c.outcome != Order.status)),
                                 and_(Order.status.not_in(DONE_STATES),
                                      standing.c.outcome.is_not(None)))))
    return twice + [f"order {number} is {status} but its delivery says {outcome}"
                    for number, status, outcome in wrong]


def _cancelled_never_delivered(s: Session) -> list[str]:
    return [f"order {number}" for number in s.scalars(
        select(Order.number).join(Delivery, Delivery.order_id == Order.id)
        .where(Order.status == "cancelled", Delivery.undone_at.is_(None),
               Delivery.outcome != "failed"))]


def _cylinders_match_movements(s: Session) -> list[str]:
    moved = {(c, p): int(n or 0) for c, p, n in s.execute(
        select(CylinderMovement.customer_id, CylinderMovement.product_id,
               func.sum(CylinderMovement.full_out - CylinderMovement.empty_in))
        .group_by(CylinderMovement.customer_id, CylinderMovement.product_id))}
    held = {(c, p): n for c, p, n in s.execute(select(
        CylinderBalance.customer_id, CylinderBalance.product_id, CylinderBalance.held))}
    return [f"customer {c} product {p}: holds {held.get((c, p), 0)}, movements say "
            f"{moved.get((c, p), 0)}" for c, p in sorted(set(moved) | set(held))
            if held.get((c, p), 0) != moved.get((c, p), 0)]


def _balances_match_ledgers(s: Session) -> list[str]:
    ledger = dict(s.execute(select(LedgerEntry.customer_id, func.sum(LedgerEntry.amount))
                            .group_by(LedgerEntry.customer_id)).all())
    return [f"customer {code}: balance {balance}, ledger {ledger.get(cid) or 0}"
            for cid, code, balance in s.execute(select(Customer.id, Customer.code,
                                                       Customer.balance))
            if balance != (ledger.get(cid) or Decimal(0))]


CHECKS: list[tuple[str, Callable[[Session], list[str]]]] = [
    ("schema is at the newest revision", _schema_at_head),
    ("customer search index matches the customers", _search_index_matches_customers),
    ("credit limits are not negative", _credit_limits_not_negative),
    ("codes and SKUs are upper case", _codes_are_upper_case),
    ("every product has a price", _every_product_has_a_price),
    ("every user has a role", _every_user_has_a_role),
    ("an active administrator exists", _an_active_admin_exists),
    ("open orders on account equal each customer's exposure", _open_orders_match_customers),
    ("no order was placed over the credit limit without an override",
     _placed_within_the_limit_or_by_override),
    ("no standing order date is generated twice", _standing_dates_generated_once),
    ("no order is delivered twice, and each delivered order has its delivery", _delivered_once),
    ("no cancelled order is delivered", _cancelled_never_delivered),
    ("cylinder balances equal their movements", _cylinders_match_movements),
    ("the customers' stock equals the cylinders each customer holds",
     stock.customers_match_balances),
    ("a size's stock changes in total only by openings, purchases, scrap and corrections",
     stock.totals_change_only_by_purchases),
    ("no depot, truck, plant or station stock falls below zero by a stock document",
     stock.never_below_zero),
    ("every stock purchase brings its fulls on one row per size with their cost, and takes "
     "only the plant's empties", stock.purchases_carry_their_cost),
    ("every serial cylinder stands where its latest scan put it",
     cylinders.cylinders_where_scanned),
    ("gas orders are stopped exactly for customers with a failed inspection not cleared",
     inspections.gas_stops_match_inspections),
    ("each customer's balance equals the sum of its ledger", _balances_match_ledgers),
    ("every invoice's total equals its lines", billing.invoice_totals_match),
    ("every delivered line is billed at most once", billing.delivered_lines_billed_once),
    ("invoice, credit note, cash sale and allowance numbers have no gaps", billing.numbers_gapless),
    ("every invoice's period is one month, written YYYY-MM", billing.periods_canonical),
    ("an invoice's open amount is its total minus its allocations and never below zero",
     payments.open_amounts_hold),
    ("allocations never exceed their payment or credit note", payments.allocations_within_sources),
    ("every payment, refund and credit note is in its customer's ledger once",
     payments.documents_in_ledger),
    ("every delivered line from the cut-over is on exactly one invoice or one cash sale",
     cash_sales.delivered_lines_on_one_document),
    ("every cash sale's total equals its lines, and the ledger holds it once",
     cash_sales.sales_match),
    ("every cash-up adds up, and a settled route's cash is as it was settled",
     cashup.settlements_hold),
    ("every driver's account holds each standing cash-up's variance and each payment once",
     cashup.driver_accounts_hold),
    ("the cash book holds each route's latest cash-up, never below zero, closed days as "
     "closed", cashup.cash_book_holds),
    ("every uniform invoice number is taken once, in order, from its range",
     einvoice.numbers_hold),
    ("every uniform invoice, void and reported allowance has its Turnkey message",
     einvoice.messages_hold),
    ("deposits held equal deposits charged less refunded, per customer and size",
     deposits.deposits_match_receipts),
    ("every deposit receipt's amount equals its lines, numbered without gaps, and one on "
     "account is in the ledger once", deposits.deposit_receipts_hold),
    ("every customer's cylinders held without deposit are their newest exemption's",
     deposits.exemptions_match_balances),
    ("deposits held follow the cylinders held beyond the exemptions (a changed exemption "
     "settles at the next delivery)", deposits.deposits_follow_the_rule),
]


def run(engine: Engine) -> list[CheckResult]:
    results = []
    with unit_of_work(engine, write=False) as s:
        for name, check in CHECKS:
            found = check(s)
            results.append(CheckResult(name, tuple(found), tuple(getattr(found, "noted", ()))))
    return results
