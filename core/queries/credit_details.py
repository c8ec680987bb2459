"""The Credit window's chosen customer, read at one moment: their figures, the open orders
with the exposure they add up to, the manager's overrides, and the history of limit
changes and blocks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine

from core.db import one_read
from core.queries import credit as credit_queries
from core.queries import orders as order_queries
from core.queries.credit import OverrideRow
from core.queries.orders import OrderCriteria, OrderRow
from core import rules
from core.services import audit, credit
from core.services.actor import Actor
from core.services.audit import AuditRow
from core.services.credit import CreditSummary
from core.services.orders import OPEN_STATES

CREDIT_ACTIONS = ("limit_changed", "blocked", "unblocked")
_PAGE = 200


@dataclass(frozen=True)
class ExposureLine:
    """One line of the customer's exposure: the balance owed, then each open order."""
    order_id: int | None  # None: the balance line
    number: str
    delivery_date: date | None
    status: str
    payment: str
    amount: Decimal
    exposure: Decimal  # the running total: balance + open orders on account so far


@dataclass(frozen=True)
class CreditDetails:
    summary: CreditSummary
    lines: tuple[ExposureLine, ...]  # the balance line first
    overrides: tuple[OverrideRow, ...]
    history: tuple[AuditRow, ...]  # limit changes and blocks, the newest first


def open_orders(engine: Engine, customer_id: int) -> list[OrderRow]:
    """The customer's confirmed and scheduled orders, every page."""
    criteria = OrderCriteria(customer_id=customer_id, statuses=tuple(sorted(OPEN_STATES)))
    rows: list[OrderRow] = []
    while True:
        page = order_queries.search(engine, criteria,
                                    before_id=rows[-1].id if rows else None, limit=_PAGE)
        rows += page
        if len(page) < _PAGE:
            return rows


def exposure_lines(summary: CreditSummary, orders: list[OrderRow]) -> tuple[ExposureLine, ...]:
    orders = sorted(orders, key=lambda o: (o.delivery_date, o.id))
    running = rules.running_exposure(summary.balance, ((o.payment, o.total) for o in orders))
    return (ExposureLine(None, "", None, "", "", summary.balance, running[0]),
            *(ExposureLine(o.id, o.number or "", o.delivery_date, o.status, o.payment, o.total,
                           after) for o, after in zip(orders, running[1:])))


def is_credit_change(entry: AuditRow) -> bool:
    """A limit change or a block, from the Credit window or from the customer form."""
    return entry.action in CREDIT_ACTIONS or "credit_limit" in entry.changes


def details(engine: Engine, actor: Actor, customer_id: int) -> CreditDetails:
    """Everything the Credit window shows of one customer, in one read transaction."""
    actor.require("clerk")  # the customer's history is read by whoever may open them
    with one_read(engine):
        summary = credit.summary(engine, customer_id)
        history = tuple(e for e in audit.list_entries(engine, actor, entity="customer",
                                                      entity_id=summary.code)
                        if is_credit_change(e))
        return CreditDetails(summary,
                             exposure_lines(summary, open_orders(engine, customer_id)),
                             tuple(credit_queries.overrides(engine, customer_id)), history)
