"""What a window shows of one customer at once, read at one moment (``db.one_read``): the
Payments window's account, the Customers window's own prices."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from core.db import one_read
from core.queries.aging import OpenInvoice
from core.services import credit, customer_prices, payments, products
from core.services.customer_prices import CustomerPriceView
from core.services.payments import PaymentView
from core.services.products import ProductView

RECENT_PAYMENTS = 10


@dataclass(frozen=True)
class Account:
    """A customer's account as the Payments window shows it."""
    customer_id: int
    balance: Decimal
    credit: Decimal  # unallocated
    invoices: tuple[OpenInvoice, ...]  # the oldest due first
    recent: tuple[PaymentView, ...]  # the newest first


def account(engine: Engine, customer_id: int) -> Account:
    """The customer's balance, unallocated credit, open invoices and last payments."""
    with one_read(engine):
        return Account(customer_id, credit.summary(engine, customer_id).balance,
                       payments.unallocated(engine, customer_id),
                       tuple(payments.open_invoices(engine, customer_id)),
                       tuple(payments.payments_of(engine, customer_id, limit=RECENT_PAYMENTS)))


@dataclass(frozen=True)
class OwnPrices:
    """A customer's own prices beside the products (their names, today's list prices)."""
    customer_id: int
    prices: tuple[CustomerPriceView, ...]  # by SKU
    products: tuple[ProductView, ...]  # every product, inactive ones too


def own_prices(engine: Engine, customer_id: int) -> OwnPrices:
    with one_read(engine):
        return OwnPrices(customer_id, tuple(customer_prices.list_for(engine, customer_id)),
                         tuple(products.list_products(engine)))
