"""What order entry loads at once, each in one read transaction: the customer an order is
taken for (their credit, last orders and the prices of the delivery day), or an order
opened to change with its customer, so the form never shows figures from different
moments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from core.db import one_read
from core.queries import orders as order_queries
from core.services import credit, customers, inspections, orders
from core.services.credit import CreditSummary
from core.services.customers import CustomerView
from core.services.inspections import GasStop
from core.services.orders import OrderView, PriceOffer

RECENT = 5  # the customer's last orders shown (the newest is the one F2 repeats)


@dataclass(frozen=True)
class CustomerForm:
    """What the order form shows of the customer it takes the order for."""

    customer: CustomerView
    credit: CreditSummary
    recent: list[OrderView]  # not cancelled, newest first
    offers: list[PriceOffer]  # every active product at this customer's price on the day
    gas_stop: GasStop | None = None  # gas orders stopped by a failed safety inspection


@dataclass(frozen=True)
class OrderForm:
    """An order opened to change, and its customer as of the same moment (the offers of
    its delivery day)."""

    order: OrderView
    customer: CustomerForm


def customer_form(engine: Engine, customer_id: int, day: date) -> CustomerForm:
    """The customer ``customer_id`` as the order form shows them, with the prices of ``day``."""
    with one_read(engine):
        return CustomerForm(customers.get(engine, customer_id),
                            credit.summary(engine, customer_id),
                            order_queries.recent_for_customer(engine, customer_id, limit=RECENT),
                            orders.price_list(engine, customer_id=customer_id, day=day),
                            inspections.gas_stop(engine, customer_id))


def order_form(engine: Engine, order_id: int) -> OrderForm:
    """The order ``order_id`` and its customer, for the form that changes it."""
    with one_read(engine):
        order = orders.get(engine, order_id)
        return OrderForm(order, customer_form(engine, order.customer_id, order.delivery_date))
