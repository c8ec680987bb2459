"""Upgrading a database of revision 0011 whose customers hold cylinders to 0012: the
fixed locations are made, what each customer holds is its opening stock, held without a
deposit (never charged) with the reason, and every ``db check`` rule holds; downgrading
takes the cylinder tables away again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, text

from core import schema
from tests.integration.money import deliver
from tests.integration.shop import failed_checks, make_customer, make_products
from tests.integration.test_upgrade_0006 import _downgrade

DAY = date.today()


def test_what_customers_hold_is_their_opening_stock_held_without_deposit(engine, seeded):
    manager = seeded["manager"].actor
    shop = make_products(engine, manager)
    people = [make_customer(engine, manager, code, 100_000) for code in ("C1", "C2")]
    deliver(engine, seeded, shop.lpg20, [people[0].id, people[1].id], day=DAY, quantity=2)
    deliver(engine, seeded, shop.lpg50, [people[1].id], day=DAY)
    _downgrade(engine, "0011")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"stock_move", "stock_location", "deposit_receipt", "cylinder"}

    schema.upgrade(engine)

    with engine.connect() as conn:
        kinds = sorted(conn.execute(text("SELECT kind FROM stock_location")).scalars())
        assert kinds.count("truck") == 2 and {"customers", "depot", "plant", "station"} <= set(
            kinds)
        opening = conn.execute(text(
            "SELECT m.customer_id, p.sku, m.full, m.empty FROM stock_move m "
            "JOIN stock_doc d ON d.id = m.doc_id JOIN product p ON p.id = m.product_id "
            "WHERE d.kind = 'opening' ORDER BY m.customer_id, p.sku")).all()
        assert [tuple(r) for r in opening] == [
            (people[0].id, "LPG-20", 2, 0), (people[1].id, "LPG-20", 2, 0),
            (people[1].id, "LPG-50", 1, 0)]
        balances = conn.execute(text(
            "SELECT held, on_deposit, without_deposit FROM cylinder_balance "
            "ORDER BY customer_id, product_id")).all()
        assert [tuple(r) for r in balances] == [(2, 0, 2), (2, 0, 2), (1, 0, 1)]
        reasons = conn.execute(text("SELECT DISTINCT reason FROM deposit_exemption")).scalars()
        assert list(reasons) == ["Held before deposits were recorded"]
        rules = conn.execute(text("SELECT count(*) FROM retest_rule")).scalar()
        assert rules > 0
    assert failed_checks(engine) == {}


def test_stock_rows_are_never_changed_or_deleted(engine, seeded):
    manager = seeded["manager"].actor
    shop = make_products(engine, manager)
    person = make_customer(engine, manager, "C1", 100_000)
    deliver(engine, seeded, shop.lpg20, [person.id], day=DAY)
    _downgrade(engine, "0011")
    schema.upgrade(engine)
    for statement in ("UPDATE stock_move SET empty = empty + 1",
                      "DELETE FROM stock_doc", "DELETE FROM deposit_exemption"):
        try:
            with engine.begin() as conn:
                conn.execute(text(statement))
        except Exception as exc:  # noqa: BLE001 - either database's refusal
            assert "never changed or deleted" in str(exc)
        else:
            raise AssertionError(f"{statement} was allowed")
