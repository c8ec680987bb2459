"""A customer's own prices (a restaurant's negotiated rate), set by managers, audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, delete, select

from core.db import unit_of_work
from core.errors import NotFound
from core.models import Customer, CustomerPrice
from core.money import parse_amount
from core.services import audit, settings
from core.services.actor import Actor
from core.services.products import catalog


@dataclass(frozen=True)
class CustomerPriceView:
    product_id: int
    sku: str
    name_zh: str
    name_en: str
    price: Decimal


def list_for(engine: Engine, customer_id: int) -> list[CustomerPriceView]:
    with unit_of_work(engine, write=False) as s:
        products = catalog(s)
        rows = s.execute(select(CustomerPrice.product_id, CustomerPrice.price)
                         .where(CustomerPrice.customer_id == customer_id)).all()
        return sorted((CustomerPriceView(pid, products[pid].sku, products[pid].name_zh,
                                         products[pid].name_en, price) for pid, price in rows),
                      key=lambda v: v.sku)


def set_price(engine: Engine, actor: Actor, *, customer_id: int, product_id: int,
              price: Decimal | str | None) -> list[CustomerPriceView]:
    """Set the customer's own price for a product; None or "" removes it (list price again)."""
    actor.require("manager")
    with unit_of_work(engine) as s:
        # Locking the customer serializes two managers setting its first price at once.
        customer = s.execute(select(Customer).where(Customer.id == customer_id)
                             .with_for_update()).scalar_one_or_none()
        product = catalog(s).get(product_id)
        if customer is None or product is None:
            raise NotFound()
        value = None if price in (None, "") else parse_amount(
            price, settings.read(s).currency, field="price")
        row = s.get(CustomerPrice, (customer_id, product_id))
        old = row.price if row else None
        if value is None and row is not None:
            s.execute(delete(CustomerPrice).where(CustomerPrice.customer_id == customer_id,
                                                  CustomerPrice.product_id == product_id))
        elif value is not None and row is None:
            s.add(CustomerPrice(customer_id=customer_id, product_id=product_id, price=value))
        elif value is not None:
            row.price = value
        if old != value:
            audit.record(s, actor, "customer", customer.code, "price_set",
                         {f"price {product.sku}": [audit.plain(old), audit.plain(value)]},
                         summary=customer.name)
    return list_for(engine, customer_id)
