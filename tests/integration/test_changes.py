"""Change sets: every committed unit of work says what it changed, typed, after commit."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from core import changes
from core.changes import Changes
from core.db import make_engine, unit_of_work
from core.models import Order, Setting
from core.services import fleet, payments
from core.services import orders
from tests.integration.shop import line, make_customer, make_products, order_for


@pytest.fixture
def published():
    got: list[Changes] = []
    stop = changes.subscribe(got.append)
    yield got
    stop()


def test_placing_an_order_names_the_order_and_its_customer(engine, seeded, published):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    shop = make_products(engine, manager)
    lin = make_customer(engine, manager, "LIN", 100_000)
    published.clear()
    with changes.collect() as got:
        placed = orders.place(engine, clerk, order_for(lin, line(shop.lpg20, 2)))
    assert got.value.orders == {placed.id}
    assert lin.id in got.value.customers
    assert got.value.kinds() >= {"orders", "customers"}
    assert published[-1] == got.value  # one unit of work, one change set


def test_a_payment_names_the_payment_and_the_customer(engine, seeded, published):
    manager = seeded["manager"].actor
    lin = make_customer(engine, manager, "LIN", 100_000)
    with changes.collect() as got:
        paid = payments.record_payment(engine, seeded["clerk"].actor, customer_id=lin.id,
                                       method="cash", amount=Decimal(500))
    assert paid.id in got.value.payments and got.value.touches("customers", lin.id)


def test_a_cash_delivery_names_its_customer_and_day_not_every_customer(engine, seeded,
                                                                        published):
    """Statements built once (the sale's balance update, the cylinders' upsert) still name
    the customer they change: the other customers' windows do not reload."""
    from core.services import deliveries
    from tests.integration.money import on_route

    shop = make_products(engine, seeded["manager"].actor)
    lin = make_customer(engine, seeded["manager"].actor, "LIN", 100_000)
    (order,), _ = on_route(engine, seeded, shop.lpg20, [lin.id], day=date.today(),
                           payment="cash")
    with changes.collect() as got:
        deliveries.confirm(engine, seeded["clerk"].actor, deliveries.DeliveryInput(
            order.id, "k", "delivered", cash_collected=order.total))
    assert "customers" not in got.value.whole and got.value.customers == {lin.id}
    assert got.value.cash == {date.today()}


def test_a_fleet_edit_is_a_fleet_change(engine, seeded, published):
    with changes.collect() as got:
        fleet.save_driver(engine, seeded["dispatcher"].actor, name="阿明")
    assert got.value.touches("fleet")
    assert got.value.kinds() == {"fleet"}


def test_a_block_collects_what_an_api_call_inside_it_committed(engine, seeded):
    from core.api.proxy import Local  # another workstation's call, collected by a test

    api = Local(engine, seeded["dispatcher"].actor)
    with changes.collect() as outer:
        with changes.collect() as inner:
            fleet.save_driver(engine, seeded["dispatcher"].actor, name="阿明")
        api.fleet.save_driver(name="阿華")
    assert inner.value.touches("fleet") and len(outer.parts) == 2


def test_nothing_is_published_for_a_rolled_back_unit_of_work(engine, seeded, published):
    manager = seeded["manager"].actor
    published.clear()
    with pytest.raises(RuntimeError):
        with unit_of_work(engine) as s:
            s.add(Setting(key="half_done", value="x"))
            s.flush()
            raise RuntimeError("the clerk's save failed half-way")
    with unit_of_work(engine, write=False) as s:
        s.execute(select(Order)).all()
    assert published == []
    make_customer(engine, manager, "WANG", 0)
    assert published and published[-1].kinds() >= {"customers"}


def test_a_change_set_is_published_after_its_commit(engine, db_url, seeded):
    """A subscriber reading through another connection sees what it is told about."""
    seen = []
    other = make_engine(db_url)

    def look(change: Changes) -> None:
        if change.customers:
            with unit_of_work(other, write=False) as s:
                from core.models import Customer
                seen.append(s.scalar(select(Customer.code).where(
                    Customer.id.in_(change.customers))))

    stop = changes.subscribe(look)
    try:
        make_customer(engine, seeded["manager"].actor, "CHEN", 0)
    finally:
        stop()
        other.dispose()
    assert "CHEN" in seen


def test_changes_combine_and_answer_what_they_touch():
    a = Changes.of(orders=[1, 2], customers=[7])
    b = Changes.of(routes=[date(2026, 12, 7)], fleet=True)
    both = a | b
    assert both.kinds() == {"orders", "customers", "routes", "fleet"}
    assert both.touches("orders", 2) and not both.touches("orders", 3)
    assert both.touches("fleet", 99) and both.touches("routes", date(2026, 12, 7))
    assert not Changes() and both
