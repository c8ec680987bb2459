"""What a window loads of one customer at once, on SQLite and PostgreSQL: the Payments
window's account and the Customers window's own prices, each one operation read in one
transaction, with what the window shows, across the wire."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.api.proxy import Local
from core.services import billing, customer_prices, payments, products
from tests.integration.invoicing import deliver, make_shop, new_customer
from tests.integration.reads import over_the_wire, transactions
from tests.integration.shop import LPG20_TOTAL, line


TODAY = date.today()


def test_the_payments_account_is_one_read_with_balance_credit_invoices_and_payments(
        engine, seeded):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    shop = make_shop(engine, seeded)
    customer = new_customer(engine, seeded, "C001")
    other = new_customer(engine, seeded, "C002")
    deliver(engine, seeded, customer, TODAY, line(shop.lpg20, 2))
    first = billing.invoice_now(engine, manager, customer_id=customer.id)
    deliver(engine, seeded, customer, TODAY, line(shop.lpg20, 1))
    second = billing.invoice_now(engine, manager, customer_id=customer.id)
    deliver(engine, seeded, other, TODAY, line(shop.lpg20, 1))
    billing.invoice_now(engine, manager, customer_id=other.id)
    paid = payments.record_payment(engine, clerk, customer_id=customer.id, method="cash",
                                   amount="2000")  # the oldest first: 1,890, then 110
    kept = payments.record_payment(engine, clerk, customer_id=customer.id, method="cash",
                                   amount="100", allocations=[])  # stays as credit
    api = Local(engine, clerk)

    with transactions(engine) as begun:
        got = api.payments.account(customer_id=customer.id)
    assert begun == [1]

    assert got.customer_id == customer.id
    assert (got.balance, got.credit) == (LPG20_TOTAL * 3 - 2100, Decimal(100))
    assert [(r.id, r.open) for r in got.invoices] == [(second.id, LPG20_TOTAL - 110)]
    assert first.id not in {r.id for r in got.invoices}  # paid in full
    assert [p.id for p in got.recent] == [kept.id, paid.id]
    assert got.invoices == tuple(payments.open_invoices(engine, customer.id))
    assert over_the_wire("payments.account", got) == got


def test_the_own_prices_are_one_read_with_every_product(engine, seeded):
    manager = seeded["manager"].actor
    shop = make_shop(engine, seeded)
    customer = new_customer(engine, seeded, "C001")
    customer_prices.set_price(engine, manager, customer_id=customer.id,
                              product_id=shop.lpg50.id, price="2000")
    api = Local(engine, seeded["clerk"].actor)

    with transactions(engine) as begun:
        got = api.customers.own_prices(customer_id=customer.id)
    assert begun == [1]

    assert [(v.sku, v.price) for v in got.prices] == [("LPG-50", Decimal(2000))]
    assert got.products == tuple(products.list_products(engine))
    assert len(got.products) == 3
    assert over_the_wire("customers.own_prices", got) == got
