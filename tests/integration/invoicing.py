"""Invoices to print for the printing tests (not a test module itself): a gas shop with a
letterhead, customers, orders on account delivered on a day, and two months of
invoices with a payment between them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from core.db import unit_of_work
from core.models import Invoice
from core.services import (
    billing,
    customers,
    deliveries,
    dispatch,
    fleet,
    orders,
    payments,
    settings,
)
from core.services.customers import CustomerInput
from tests.integration.shop import line, make_products, order_for

DAY = date.today() + timedelta(days=1)
PERIOD = DAY.strftime("%Y-%m")


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def make_shop(engine, seeded):
    """The shop's products, and its letterhead and depot."""
    settings.update_company(engine, seeded["admin"].actor, name="大台中瓦斯行",
                            tax_id="12345675", address="台中市西屯區台灣大道三段 99 號",
                            phone="04 2345 6789", depot_lat="24.16", depot_lon="120.63")
    return make_products(engine, seeded["manager"].actor)


def new_customer(engine, seeded, code: str, *, name: str = "好味道小吃店", language="zh_TW"):
    return customers.save(engine, seeded["manager"].actor, CustomerInput(
        code=code, name=name, phone="0912 345 678", address="台中市北區三民路三段 129 號",
        credit_limit=Decimal(1_000_000), language=language))


def deliver(engine, seeded, customer, day: date, *lines) -> None:
    """An order on account for ``customer`` delivered on ``day`` (on a truck of its own)."""
    clerk, dispatcher = seeded["clerk"].actor, seeded["dispatcher"].actor
    o = orders.place(engine, clerk, order_for(customer, *lines, delivery_date=day))
    van = fleet.save_vehicle(engine, dispatcher, plate=f"V-{o.id}", capacity=1_000)
    dispatch.move(engine, dispatcher, order_id=o.id, route_id=None, vehicle_id=van.id)
    dispatch.confirm(engine, dispatcher, day=day)
    deliveries.confirm(engine, dispatcher, deliveries.DeliveryInput(o.id, f"d-{o.id}",
                                                                    "delivered"))


def billable(engine, seeded, count: int, prefix: str = "B") -> None:
    """The shop, and ``count`` customers with one 20 kg cylinder each delivered on ``DAY``
    (a month's billing run to make)."""
    shop = make_shop(engine, seeded)
    for n in range(count):
        deliver(engine, seeded, new_customer(engine, seeded, f"{prefix}{n:02d}"), DAY,
                line(shop.lpg20, 1))


def invoice_of(engine, customer_id: int, period: str) -> Invoice:
    with unit_of_work(engine, write=False) as s:
        found = s.query(Invoice).filter_by(customer_id=customer_id, period=period).one()
        s.expunge(found)
        return found


def make_two_months(engine, seeded, shop):
    """C1: 2 x LPG-20 delivered and invoiced (period 1), 1,000 paid by transfer; then
    1 x LPG-20 delivered in the next month and invoiced (period 2), and 1 x LPG-20
    delivered in the month after, before that invoice was made (so not on it)."""
    c = new_customer(engine, seeded, "C1")
    manager = seeded["manager"].actor
    deliver(engine, seeded, c, DAY, line(shop.lpg20, 2))
    billing.run(engine, manager, period=PERIOD)
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="transfer",
                            amount="1000", reference="ATM 00123")
    second = next_month(DAY)
    deliver(engine, seeded, c, second, line(shop.lpg20, 1))
    deliver(engine, seeded, c, next_month(second), line(shop.lpg20, 1))
    billing.run(engine, manager, period=second.strftime("%Y-%m"))
    return {"customer": c, "first": invoice_of(engine, c.id, PERIOD),
            "second": invoice_of(engine, c.id, second.strftime("%Y-%m"))}


