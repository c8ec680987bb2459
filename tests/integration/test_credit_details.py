"""The Credit window's chosen customer, on SQLite and PostgreSQL: one operation, read in one
transaction, with what the window shows, across the wire."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.api import codec, registry
from core.api.proxy import Local
from core.changes import Changes
from core.errors import PermissionDenied
from core.services import credit, customers, orders
from core.services.customers import CustomerInput
from core.services.orders import OverrideRequest
from tests.integration.reads import transactions
from tests.integration.shop import LPG20_TOTAL, line, make_customer, make_products, order_for


def test_the_credit_details_are_one_read_with_open_orders_overrides_and_history(
        engine, seeded):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    shop = make_products(engine, manager)
    z1 = make_customer(engine, manager, "Z1", 1000)
    make_customer(engine, manager, "Z2", 1000)  # another customer's orders are not listed
    cash = orders.place(engine, clerk, order_for(z1, line(shop.lpg20), payment="cash"))
    first = orders.place(engine, clerk, order_for(z1, line(shop.lpg20), payment="account"))
    over = orders.place(engine, clerk, order_for(z1, line(shop.lpg20, 2), payment="account"),
                        override=OverrideRequest("manager", seeded["manager"].password,
                                                 "開學旺季，先出貨"))
    credit.set_limit(engine, manager, customer_id=z1.id, limit="3000", reason="新開分店")
    credit.set_blocked(engine, manager, customer_id=z1.id, blocked=True, reason="支票跳票")
    customers.save(engine, manager, CustomerInput(code="Z1", name=z1.name, area="北屯區"),
                   customer_id=z1.id, version=customers.get(engine, z1.id).version)
    api = Local(engine, clerk)

    with transactions(engine) as begun:
        got = api.credit.details(customer_id=z1.id)
    assert begun == [1]

    assert got.summary == credit.summary(engine, z1.id)
    assert (got.summary.credit_limit, got.summary.open_orders, got.summary.blocked) == (
        Decimal(3000), LPG20_TOTAL * 3, True)
    assert [(x.order_id, x.payment, x.amount, x.exposure) for x in got.lines] == [
        (None, "", Decimal(0), Decimal(0)),
        (cash.id, "cash", LPG20_TOTAL, Decimal(0)),  # cash on delivery holds no credit
        (first.id, "account", LPG20_TOTAL, LPG20_TOTAL),
        (over.id, "account", LPG20_TOTAL * 2, LPG20_TOTAL * 3)]
    [override] = got.overrides
    assert (override.order_number, override.approved_by, override.requested_by,
            override.reason) == (over.number, "manager", "clerk", "開學旺季，先出貨")
    # the limit changes and the block, newest first; the change of area is not one
    assert [e.action for e in got.history] == ["blocked", "limit_changed", "created"]
    assert registry.get("credit.details").role == "clerk"
    operation = registry.get("credit.details")
    back = codec.decode_reply(operation, codec.encode_reply(operation, got, Changes()))[0]
    assert back == got


def test_the_credit_details_are_a_clerks(engine, seeded):
    customer = make_customer(engine, seeded["manager"].actor, "Z1", 1000)
    with pytest.raises(PermissionDenied):
        Local(engine, seeded["dispatcher"].actor).credit.details(customer_id=customer.id)
