"""What order entry loads at once, on SQLite and PostgreSQL: one operation through the wire
gives what the four (five) reads it replaces give, read in one transaction."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.queries import orders as order_queries
from core.queries.order_form import RECENT, CustomerForm, OrderForm
from core.services import credit, customers, orders
from tests.integration.reads import transactions
from tests.integration.shop import LPG20_TOTAL, line, make_customer, make_products, order_for
from tests.integration.test_api_calls import through_wire


DAY = date.today() + timedelta(days=3)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def test_a_customer_s_form_is_what_the_reads_it_replaces_give_in_one_transaction(
        engine, seeded, shop):
    clerk = seeded["clerk"].actor
    customer = make_customer(engine, seeded["manager"].actor, "A-001", 100_000)
    placed = [orders.place(engine, clerk, order_for(customer, line(shop.lpg20, n)))
              for n in range(1, RECENT + 3)]
    with transactions(engine) as began:
        form, changed = through_wire(engine, clerk, "orders.customer_form",
                                     customer_id=customer.id, day=DAY)
    assert len(began) == 1 and not changed
    assert form == CustomerForm(
        customers.get(engine, customer.id), credit.summary(engine, customer.id),
        order_queries.recent_for_customer(engine, customer.id, limit=RECENT),
        orders.price_list(engine, customer_id=customer.id, day=DAY))
    assert [o.id for o in form.recent] == [o.id for o in reversed(placed)][:RECENT]
    assert form.credit.open_orders == LPG20_TOTAL * sum(range(1, RECENT + 3))
    assert {o.sku for o in form.offers} == {"LPG-20", "LPG-50", "SVC-INSPECT"}
    assert isinstance(form.credit.credit_limit, Decimal)


def test_an_order_s_form_is_the_order_and_its_customer_on_its_delivery_day(engine, seeded, shop):
    clerk = seeded["clerk"].actor
    customer = make_customer(engine, seeded["manager"].actor, "A-002", 10_000)
    placed = orders.place(engine, clerk, order_for(customer, line(shop.lpg50, 1),
                                                   delivery_date=DAY, notes="後門"))
    with transactions(engine) as began:
        form, _ = through_wire(engine, clerk, "orders.order_form", order_id=placed.id)
    assert len(began) == 1
    assert form == OrderForm(orders.get(engine, placed.id), through_wire(
        engine, clerk, "orders.customer_form", customer_id=customer.id, day=DAY)[0])
    assert form.order.notes == "後門" and form.customer.recent[0].id == placed.id
