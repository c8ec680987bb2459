"""Credit control by managers: limits, blocking, and what a customer may still buy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.errors import DomainError, NotFound, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer
from core.money import parse_amount
from core.queries import aging
from core.services import audit, settings
from core.services.actor import Actor
from core.text import multi_line


@dataclass(frozen=True)
class CreditSummary:
    customer_id: int
    code: str
    name: str
    credit_limit: Decimal
    balance: Decimal  # what the customer owes: deliveries not yet invoiced, invoices, payments
    open_orders: Decimal  # confirmed orders on account not yet delivered
    blocked: bool
    blocked_reason: str
    # Open invoice amounts by days past their due date: 1-30 (the "0-30" bucket), 31-60,
    # 61-90, over 90 (core.queries.aging).
    overdue: tuple[Decimal, Decimal, Decimal, Decimal]

    @property
    def exposure(self) -> Decimal:
        return self.balance + self.open_orders

    @property
    def available(self) -> Decimal:
        return self.credit_limit - self.exposure

    @property
    def used(self) -> Decimal:
        """The share of the limit in use (1 = all of it); over 1 is over the limit."""
        if self.credit_limit > 0:
            return self.exposure / self.credit_limit
        return Decimal(1) if self.exposure > 0 else Decimal(0)


NO_OVERDUE = aging.NO_OVERDUE  # nothing past due


def summary_of(c: Customer, overdue: tuple[Decimal, Decimal, Decimal, Decimal] = NO_OVERDUE
               ) -> CreditSummary:
    return CreditSummary(c.id, c.code, c.name, c.credit_limit, c.balance, c.open_orders,
                         c.blocked, c.blocked_reason, overdue)


def summary_in(s: Session, c: Customer) -> CreditSummary:
    """The customer's summary with their overdue amounts as of today."""
    return summary_of(c, aging.overdue_in(s, [c.id]).get(c.id, NO_OVERDUE))


def summary(engine: Engine, customer_id: int) -> CreditSummary:
    with unit_of_work(engine, write=False) as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound()
        return summary_in(s, c)


def _reason(text: str) -> str:
    reason = multi_line(text)
    if not reason:
        raise ValidationError({"reason": DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the reason; it is kept in the audit log."))})
    return reason


def set_limit(engine: Engine, actor: Actor, *, customer_id: int, limit: Decimal | str,
              reason: str) -> CreditSummary:
    actor.require("manager")
    reason = _reason(reason)
    with unit_of_work(engine) as s:
        company = settings.read(s)
        value = parse_amount(limit, company.currency, field="credit_limit")
        c = s.execute(select(Customer).where(Customer.id == customer_id)
                      .with_for_update()).scalar_one_or_none()
        if c is None:
            raise NotFound()
        if value != c.credit_limit:
            audit.record(s, actor, "customer", c.code, "limit_changed",
                         {"credit_limit": [audit.plain(c.credit_limit), audit.plain(value)],
                          "reason": [None, reason]}, summary=c.name)
            c.credit_limit = value
        return summary_in(s, c)


def set_blocked(engine: Engine, actor: Actor, *, customer_id: int, blocked: bool,
                reason: str) -> CreditSummary:
    """Block (no new orders on account) or unblock a customer, with a reason."""
    actor.require("manager")
    reason = _reason(reason)
    with unit_of_work(engine) as s:
        c = s.get(Customer, customer_id)
        if c is None:
            raise NotFound()
        if c.blocked != blocked:
            audit.record(s, actor, "customer", c.code, "blocked" if blocked else "unblocked",
                         {"blocked": [c.blocked, blocked], "reason": [None, reason]},
                         summary=c.name)
            c.blocked, c.blocked_reason = blocked, reason if blocked else ""
        return summary_in(s, c)
