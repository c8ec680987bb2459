"""roundsman-admin db check finds credit figures that do not match the orders, on SQLite
and PostgreSQL: each broken invariant names the customer or the order."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core import cli
from core.services import orders
from core.services.orders import OverrideRequest
from tests.integration.shop import line, make_customer, make_products, order_for

OPEN_ORDERS_CHECK = "open orders on account equal each customer's exposure"
OVER_LIMIT_CHECK = "no order was placed over the credit limit without an override"


@pytest.fixture
def book(engine, seeded):
    """C1 with two open orders and a cancelled one, C2 over its limit by an override,
    C3 paying cash."""
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    shop = make_products(engine, manager)
    c1 = make_customer(engine, manager, "C1", 10_000)
    c2 = make_customer(engine, manager, "C2", 1_000)
    c3 = make_customer(engine, manager, "C3", 0)
    placed = {
        "first": orders.place(engine, clerk, order_for(c1, line(shop.lpg20, 2))),
        "second": orders.place(engine, clerk, order_for(c1, line(shop.lpg50))),
        "over": orders.place(engine, clerk, order_for(c2, line(shop.lpg50)),
                             override=OverrideRequest("manager", seeded["manager"].password,
                                                      "旺季先出貨")),
        "cash": orders.place(engine, clerk, order_for(c3, line(shop.lpg20))),
    }
    gone = orders.place(engine, clerk, order_for(c1, line(shop.lpg20)))
    orders.cancel(engine, clerk, order_id=gone.id, version=gone.version, reason="重複下單")
    return placed


def db_check(capsys, db_url) -> tuple[int, str]:
    code = cli.main(["--db", db_url, "db", "check"])
    return code, capsys.readouterr().out


def tamper(engine, sql: str, **params) -> None:
    """Raw SQL behind the services' back (money columns hold hundredths: 100 is NT$1)."""
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def failing(out: str) -> list[str]:
    return [line[6:] for line in out.splitlines() if line.startswith("FAIL  ")]


def test_orders_placed_changed_cancelled_and_overridden_pass_the_check(db_url, book, capsys):
    code, out = db_check(capsys, db_url)
    assert code == 0, out
    assert f"ok    {OPEN_ORDERS_CHECK}" in out and f"ok    {OVER_LIMIT_CHECK}" in out


def test_a_customers_open_orders_changed_behind_the_services_back_is_named(
        engine, db_url, book, capsys):
    tamper(engine, "UPDATE customer SET open_orders = open_orders + 10000 WHERE code = 'C1'")
    code, out = db_check(capsys, db_url)
    assert code == 1
    assert failing(out) == [OPEN_ORDERS_CHECK]
    held = book["first"].total + book["second"].total
    assert f"customer C1: open_orders {held + 100:.2f} but its open orders hold {held:.2f}" \
        in out
    assert "customer C2" not in out and out.strip().endswith("1 failed")


def test_an_orders_exposure_changed_behind_the_services_back_is_named(
        engine, db_url, book, capsys):
    tamper(engine, "UPDATE sales_order SET exposure = 0 WHERE id = :id", id=book["second"].id)
    tamper(engine, "UPDATE sales_order SET exposure = 5 WHERE id = :id", id=book["cash"].id)
    code, out = db_check(capsys, db_url)
    assert code == 1
    assert failing(out) == [OPEN_ORDERS_CHECK]
    assert f"order {book['second'].number}: exposure is not its total" in out
    assert f"order {book['cash'].number}: exposure is not its total" in out
    assert f"order {book['first'].number}" not in out
    assert "customer C1: open_orders" in out
    assert "customer C3" not in out  # a cash order holds no credit, whatever it says


def test_an_order_placed_over_the_limit_whose_override_is_gone_is_named(
        engine, db_url, book, capsys):
    """Judged by the figures at placing: C2's order went over its limit of 1,000 (with an
    override, deleted here); C1, over its limit only because the limit was lowered later,
    broke nothing."""
    tamper(engine, "UPDATE customer SET credit_limit = 100000 WHERE code = 'C1'")
    tamper(engine, "DELETE FROM credit_override")
    code, out = db_check(capsys, db_url)
    assert code == 1
    assert failing(out) == [OVER_LIMIT_CHECK]
    broken = out.split(f"FAIL  {OVER_LIMIT_CHECK}")[1].splitlines()[1:]
    assert broken[0].strip() == (f"order {book['over'].number}: placed at 0.00 + 2289.00 "
                                 "against a limit of 1000.00, without an override")
    assert "C1" not in out and f"order {book['first'].number}" not in out


def test_an_order_whose_figures_at_placing_were_changed_is_named(engine, db_url, book,
                                                                   capsys):
    tamper(engine, "UPDATE sales_order SET exposure_at_placing = 900000 WHERE id = :id",
           id=book["second"].id)
    code, out = db_check(capsys, db_url)
    assert code == 1 and failing(out) == [OVER_LIMIT_CHECK]
    assert f"order {book['second'].number}: placed at 9000.00 + 2289.00 against a limit of " \
        "10000.00" in out


def test_open_orders_from_before_the_upgrade_are_judged_by_todays_rule(
        engine, db_url, seeded, book, capsys):
    """Orders without figures at placing (placed before revision 0006), still open: their
    customer over the limit today needs an override on an order still open or
    delivered; an override on a cancelled order excuses nothing."""
    clerk, c1 = seeded["clerk"].actor, book["first"].customer_id
    big = orders.place(engine, clerk, order_for(c1, orders.LineInput(
        book["second"].lines[0].product_id, 3)), override=OverrideRequest(
        "manager", seeded["manager"].password, "旺季先出貨"))
    orders.cancel(engine, clerk, order_id=big.id, version=big.version, reason="客戶取消")
    tamper(engine, "UPDATE sales_order SET limit_at_placing = NULL, exposure_at_placing = NULL")
    code, out = db_check(capsys, db_url)
    assert code == 0, out  # C2 is over its limit by the override on its open order
    tamper(engine, "UPDATE customer SET credit_limit = 100000 WHERE code = 'C1'")
    code, out = db_check(capsys, db_url)
    assert code == 1 and failing(out) == [OVER_LIMIT_CHECK]
    assert f"FAIL  {OVER_LIMIT_CHECK}\n        customer C1\n" in out
    assert "customer C2" not in out
