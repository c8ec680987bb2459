"""A small gas shop for the order and credit tests (not a test module itself).

Three products on the price list (LPG-20 at 900, LPG-50 at 2,180, a safety
inspection at 300; 5 % tax on all) and customers made through the services,
so every figure below is what a clerk would see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from core import checks
from core.db import unit_of_work
from core.models import CreditOverride, Customer, Order, OrderLine
from core.services import customers, orders, products
from core.services.customers import CustomerInput, CustomerView
from core.services.products import ProductInput, ProductView

LAST_YEAR = date.today() - timedelta(days=365)
LPG20_TOTAL = Decimal(945)  # one 20 kg cylinder at 900 plus 5 % tax
LPG50_TOTAL = Decimal(2289)  # one 50 kg cylinder at 2,180 plus 5 % tax


@dataclass(frozen=True)
class Shop:
    lpg20: ProductView
    lpg50: ProductView
    inspect: ProductView


def make_products(engine, manager) -> Shop:
    def product(sku, zh, en, unit, price):
        return products.save(engine, manager, ProductInput(
            sku=sku, name_zh=zh, name_en=en, unit=unit, price=Decimal(price),
            price_from=LAST_YEAR))

    return Shop(product("LPG-20", "液化石油氣 20公斤", "LPG cylinder 20 kg", "cylinder", 900),
                product("LPG-50", "液化石油氣 50公斤", "LPG cylinder 50 kg", "cylinder", 2180),
                product("SVC-INSPECT", "瓦斯安全檢查服務", "Gas safety inspection", "service", 300))


def make_customer(engine, manager, code: str, limit, name: str | None = None,
                  phone: str = "") -> CustomerView:
    return customers.save(engine, manager, CustomerInput(
        code=code, name=name or f"好味道小吃店 {code}", phone=phone,
        credit_limit=None if limit is None else Decimal(limit)))


def line(product: ProductView, quantity=1, price=None) -> orders.LineInput:
    return orders.LineInput(product.id, quantity, price)


def order_for(customer, *lines: orders.LineInput, **header) -> orders.OrderInput:
    return orders.OrderInput(customer_id=customer.id if hasattr(customer, "id") else customer,
                             lines=tuple(lines), **header)


def open_orders(engine, customer_id: int) -> Decimal:
    """The customer's open_orders column, as the credit check reads it."""
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(Customer.open_orders).where(Customer.id == customer_id))


def held_by_open_orders(engine, customer_id: int) -> Decimal:
    """What the customer's open orders on account add up to, from the orders themselves."""
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.coalesce(func.sum(Order.total), 0)).where(
            Order.customer_id == customer_id, Order.status.in_(orders.OPEN_STATES),
            Order.payment == "account")) or Decimal(0)


def counts(engine) -> tuple[int, int, int]:
    """How many orders, order lines and overrides the database holds."""
    with unit_of_work(engine, write=False) as s:
        return tuple(s.scalar(select(func.count()).select_from(t))
                     for t in (Order, OrderLine, CreditOverride))


def failed_checks(engine) -> dict[str, tuple[str, ...]]:
    """The db checks that fail, with what they name (empty: all hold)."""
    return {r.name: r.broken for r in checks.run(engine) if not r.ok}


def delivered(engine, seeded, shop: Shop, codes: list[str], *, day, quantity: int = 2,
              limit=1_000_000) -> list:
    """New customers ``codes``, each with an order of ``quantity`` LPG-20 delivered on
    ``day`` (on a new truck's confirmed route; on account, or, for a limit of 0, cash paid
    to the driver in full); returns their orders."""
    from core.services import deliveries, dispatch, fleet, settings

    manager, clerk, actor = (seeded[n].actor for n in ("manager", "clerk", "dispatcher"))
    if settings.get_company(engine).depot is None:
        settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16",
                                depot_lon="120.63")
    van = fleet.save_vehicle(engine, actor, plate=f"T-{codes[0]}", capacity=10_000)
    placed = [orders.place(engine, clerk, order_for(make_customer(engine, manager, code, limit),
                                                   line(shop.lpg20, quantity), delivery_date=day))
              for code in codes]
    route = dispatch.move(engine, actor, order_id=placed[0].id, route_id=None,
                          vehicle_id=van.id).routes
    route_id = next(r.id for r in route if r.vehicle_id == van.id)
    for o in placed[1:]:
        dispatch.move(engine, actor, order_id=o.id, route_id=route_id)
    dispatch.confirm(engine, actor, day=day)
    for o in placed:
        deliveries.confirm(engine, actor, deliveries.DeliveryInput(
            o.id, f"d-{o.id}", "delivered",
            cash_collected=o.total if o.payment == "cash" else 0))
    return placed
