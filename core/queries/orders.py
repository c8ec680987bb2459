"""Order lists: today's orders, a customer's last orders, and the order search.

The search pages by keyset (newest first, ``before_id`` of the last row shown),
so its first page costs the same with a thousand orders or ten million.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Engine, and_, delete, exists, or_, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import CreditOverride, Customer, Order, OrderLine, SavedSearch
from core.queries.customers import search_in as search_customers
from core.search import clean, normalise
from core.services.actor import Actor
from core.services.customers import display_phone
from core.services.orders import STATUS_NAMES, OrderView, view_in
from core.text import one_line


@dataclass(frozen=True)
class OrderRow:
    id: int
    number: str | None
    status: str
    customer_id: int
    customer_code: str
    customer_name: str
    customer_phone: str
    area: str
    delivery_date: date
    total: Decimal
    payment: str
    created_by: str
    created_at: datetime
    version: int


_COLUMNS = (Order.id, Order.number, Order.status, Order.customer_id, Customer.code,
            Customer.name, Customer.phone, Customer.area, Order.delivery_date, Order.total,
            Order.payment, Order.created_by, Order.created_at, Order.version)


def _row(r) -> OrderRow:
    return OrderRow(r.id, r.number, r.status, r.customer_id, r.code, r.name,
                    display_phone(r.phone), r.area, r.delivery_date, r.total, r.payment,
                    r.created_by, r.created_at, r.version)


def _base():
    return select(*_COLUMNS).join(Customer, Customer.id == Order.customer_id)


def local_day_start(day: date) -> datetime:
    """Midnight of ``day`` on this workstation's clock, as an aware datetime."""
    return datetime.combine(day, time()).astimezone()


def taken_on(engine: Engine, day: date | None = None, *, limit: int = 500) -> list[OrderRow]:
    """The orders taken on ``day`` (default today), newest first."""
    day = day or date.today()
    start, end = local_day_start(day), local_day_start(date.fromordinal(day.toordinal() + 1))
    with unit_of_work(engine, write=False) as s:
        q = (_base().where(Order.created_at >= start, Order.created_at < end)
             .order_by(Order.id.desc()).limit(limit))
        return [_row(r) for r in s.execute(q)]


def recent_for_customer(engine: Engine, customer_id: int, *, limit: int = 5) -> list[OrderView]:
    """The customer's last orders (not cancelled), newest first, with their lines."""
    with unit_of_work(engine, write=False) as s:
        found = s.scalars(select(Order).where(Order.customer_id == customer_id,
                                              Order.status != "cancelled")
                          .order_by(Order.id.desc()).limit(limit))
        return [view_in(s, order) for order in found]


@dataclass(frozen=True)
class OrderCriteria:
    text: str = ""  # order number, or customer name / phone / code / address
    statuses: tuple[str, ...] = ()
    date_from: date | None = None  # delivery date
    date_to: date | None = None
    area: str = ""
    product_id: int | None = None
    with_override: bool = False
    customer_id: int | None = None  # one customer's orders (the credit window's)

    def to_json(self) -> str:
        data = asdict(self)
        data["date_from"] = self.date_from and self.date_from.isoformat()
        data["date_to"] = self.date_to and self.date_to.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> OrderCriteria:
        data = json.loads(text)
        for key in ("date_from", "date_to"):
            data[key] = date.fromisoformat(data[key]) if data.get(key) else None
        data["statuses"] = tuple(data.get("statuses") or ())
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def search(engine: Engine, criteria: OrderCriteria, *, before_id: int | None = None,
           limit: int = 200) -> list[OrderRow]:
    """One page of matching orders, newest first; pass the last row's id for the next page."""
    with unit_of_work(engine, write=False) as s:
        return search_in(s, criteria, before_id=before_id, limit=limit)


def search_in(s: Session, criteria: OrderCriteria, *, before_id: int | None = None,
              limit: int = 200) -> list[OrderRow]:
    bad = [x for x in criteria.statuses if x not in STATUS_NAMES]
    if bad:
        raise ValidationError({"statuses": DomainError(QT_TRANSLATE_NOOP(
            "core", "Unknown order status “{status}”."), status=bad[0])})
    q = _base()
    text = normalise(criteria.text)  # what the search boxes' rules leave of it (core.search)
    if text:
        number = text.upper()
        customer_ids = [c.id for c in search_customers(s, text, limit=500,
                                                       include_inactive=True)]
        by_number = (Order.number == number) if number.startswith("SO-") else \
            Order.number.endswith(number, autoescape=True) if number.isdigit() else None
        conditions = [Order.customer_id.in_(customer_ids)] if customer_ids else []
        if by_number is not None:
            conditions.append(by_number)
        if not conditions:
            return []
        q = q.where(or_(*conditions))
    if criteria.customer_id is not None:
        q = q.where(Order.customer_id == criteria.customer_id)
    if criteria.statuses:
        q = q.where(Order.status.in_(criteria.statuses))
    if criteria.date_from:
        q = q.where(Order.delivery_date >= criteria.date_from)
    if criteria.date_to:
        q = q.where(Order.delivery_date <= criteria.date_to)
    area = one_line(clean(criteria.area))
    if area:
        q = q.where(Customer.area == area)
    if criteria.product_id is not None:
        q = q.where(exists().where(and_(OrderLine.order_id == Order.id,
                                        OrderLine.product_id == criteria.product_id)))
    if criteria.with_override:
        q = q.where(exists().where(CreditOverride.order_id == Order.id))
    if before_id is not None:
        q = q.where(Order.id < before_id)
    return [_row(r) for r in s.execute(q.order_by(Order.id.desc()).limit(limit))]


# --- saved searches -----------------------------------------------------------------------

@dataclass(frozen=True)
class SavedSearchView:
    id: int
    name: str
    criteria: OrderCriteria = field(default_factory=OrderCriteria)


def saved_searches(engine: Engine, actor: Actor) -> list[SavedSearchView]:
    with unit_of_work(engine, write=False) as s:
        rows = s.scalars(select(SavedSearch).where(SavedSearch.user_id == actor.user_id)
                         .order_by(SavedSearch.name))
        return [SavedSearchView(r.id, r.name, OrderCriteria.from_json(r.criteria)) for r in rows]


def save_search(engine: Engine, actor: Actor, *, name: str,
                criteria: OrderCriteria) -> SavedSearchView:
    """Save (or replace) the actor's search under ``name``."""
    name = one_line(name)
    if not name or len(name) > 80:
        raise ValidationError({"name": DomainError(QT_TRANSLATE_NOOP(
            "core", "Name the search (at most 80 characters)."))})
    with unit_of_work(engine) as s:
        row = s.scalars(select(SavedSearch).where(SavedSearch.user_id == actor.user_id,
                                                  SavedSearch.name == name)).first()
        if row is None:
            row = SavedSearch(user_id=actor.user_id, name=name)
            s.add(row)
        row.criteria = criteria.to_json()
        s.flush()
        return SavedSearchView(row.id, row.name, criteria)


def delete_search(engine: Engine, actor: Actor, search_id: int) -> None:
    with unit_of_work(engine) as s:
        s.execute(delete(SavedSearch).where(SavedSearch.id == search_id,
                                            SavedSearch.user_id == actor.user_id))
