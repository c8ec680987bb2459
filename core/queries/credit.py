"""The credit summary list: every customer's limit, balance, open orders and what is left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Engine, Integer, literal, select

from core.db import unit_of_work
from core.models import CreditOverride, Customer, Order
from core.queries.aging import overdue_in
from core.queries.customers import search_in as search_customers
from core.search import normalise
from core.services.credit import NO_OVERDUE, CreditSummary, summary_of

FILTERS = ("all", "over_limit", "near_limit", "blocked")
SORTS = {
    "code": Customer.code,
    "name": Customer.name,
    "limit": Customer.credit_limit,
    "exposure": Customer.balance + Customer.open_orders,
    "available": Customer.credit_limit - Customer.balance - Customer.open_orders,
}


def customers(engine: Engine, *, text: str = "", show: str = "all", sort: str = "code",
              descending: bool = False, offset: int = 0, limit: int = 500) -> list[CreditSummary]:
    """One page of active customers' credit, filtered and sorted in the database."""
    exposure = Customer.balance + Customer.open_orders
    with unit_of_work(engine, write=False) as s:
        q = select(Customer).where(Customer.active.is_(True))
        if normalise(text):  # words to search (core.search), not just NUL or spaces
            ids = [c.id for c in search_customers(s, text, limit=500)]
            q = q.where(Customer.id.in_(ids))
        if show == "over_limit":
            q = q.where(exposure > Customer.credit_limit)
        elif show == "near_limit":  # 90 % of the limit or more
            ten, nine = literal(10, Integer()), literal(9, Integer())  # not money: no scaling
            q = q.where(Customer.credit_limit > 0, exposure * ten >= Customer.credit_limit * nine)
        elif show == "blocked":
            q = q.where(Customer.blocked.is_(True))
        key = SORTS[sort]
        q = q.order_by(key.desc() if descending else key, Customer.id).offset(offset).limit(limit)
        page = list(s.scalars(q))
        overdue = overdue_in(s, [c.id for c in page]) if page else {}  # one grouped query
        return [summary_of(c, overdue.get(c.id, NO_OVERDUE)) for c in page]


@dataclass(frozen=True)
class OverrideRow:
    order_number: str
    approved_by: str
    requested_by: str
    amount_over: Decimal
    reason: str
    at: datetime


def overrides(engine: Engine, customer_id: int) -> list[OverrideRow]:
    with unit_of_work(engine, write=False) as s:
        q = (select(CreditOverride, Order.number).join(Order, Order.id == CreditOverride.order_id)
             .where(CreditOverride.customer_id == customer_id)
             .order_by(CreditOverride.id.desc()))
        return [OverrideRow(number, o.approved_by, o.requested_by, o.amount_over, o.reason, o.at)
                for o, number in s.execute(q)]
