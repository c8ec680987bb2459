"""The quotes list: newest first, by state (expired included) and free text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, and_, or_, select

from core.db import unit_of_work
from core.models import Customer, Order, Quote
from core.search import contains_all, words
from core.services.quotes import CAN_EXPIRE, state_of


@dataclass(frozen=True)
class QuoteRow:
    id: int
    number: str
    customer_id: int | None
    customer_code: str  # '' for a prospect
    party: str  # the customer's or the prospect's name
    quote_date: date
    valid_until: date
    status: str  # as stored
    state: str  # as shown ("expired" derived)
    total: Decimal
    order_number: str | None
    version: int


def _state_filter(state: str, today: date):
    converted = Order.id.is_not(None)
    current = Quote.valid_until >= today
    if state == "expired":
        return and_(Quote.status.in_(CAN_EXPIRE), Quote.valid_until < today, Order.id.is_(None))
    if state in ("draft", "sent"):
        return and_(Quote.status == state, current)
    if state == "accepted":
        return and_(Quote.status == state, or_(current, converted))
    return Quote.status == state


def list_quotes(engine: Engine, *, query: str = "", state: str | None = None,
                limit: int = 500) -> list[QuoteRow]:
    """Quotes whose number, customer code or name, or prospect's name contains each word
    of ``query`` (``words``)."""
    today = date.today()
    q = (select(Quote.id, Quote.number, Quote.customer_id, Customer.code, Customer.name,
                Quote.prospect_name, Quote.quote_date, Quote.valid_until, Quote.status,
                Quote.total, Order.number.label("order_number"), Quote.version)
         .outerjoin(Customer, Customer.id == Quote.customer_id)
         .outerjoin(Order, Order.quote_id == Quote.id)
         .order_by(Quote.id.desc()).limit(limit))
    if state:
        q = q.where(_state_filter(state, today))
    terms = words(query)
    if terms:
        q = q.where(contains_all(terms, Quote.number, Customer.code, Customer.name,
                                 Quote.prospect_name))
    with unit_of_work(engine, write=False) as s:
        return [QuoteRow(r.id, r.number, r.customer_id, r.code or "", r.name or r.prospect_name,
                         r.quote_date, r.valid_until, r.status,
                         state_of(r.status, r.valid_until, r.order_number is not None, today),
                         r.total, r.order_number, r.version)
                for r in s.execute(q)]
