"""Upgrading a database of revision 0009 that holds deliveries to 0010: the upgrade
records the cut-over; cash deliveries confirmed before it are reported as such by
``db check`` (not as errors), and every one confirmed after it is a cash sale."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from core import checks, schema
from core.services import cash_sales, deliveries
from tests.integration.money import deliver, on_route
from tests.integration.shop import failed_checks, make_customer, make_products
from tests.integration.test_upgrade_0006 import _downgrade

DAY = date.today()
RULE = "every delivered line from the cut-over is on exactly one invoice or one cash sale"


def _confirmed_as_0009_did(engine, order) -> None:
    """A cash order confirmed delivered by revision 0009: its delivery, the order's state,
    no document and no ledger row (cylinders left out: none moved for this test)."""
    with engine.begin() as conn:
        did = conn.execute(text(
            "INSERT INTO delivery (order_id, request_key, outcome, reason, amount, "
            "cash_collected, confirmed_by, confirmed_at, undo_reason) VALUES (:o, :k, "
            "'delivered', '', :a, :a, 'clerk', CURRENT_TIMESTAMP, '') RETURNING id"),
            {"o": order.id, "k": f"old-{order.id}", "a": int(order.total * 100)}).scalar()
        for line_id, quantity, amount, tax in conn.execute(text(
                "SELECT id, quantity, amount, tax FROM order_line WHERE order_id = :o"),
                {"o": order.id}):
            conn.execute(text(
                "INSERT INTO delivery_line (delivery_id, order_line_id, quantity, empties, "
                "amount, tax) VALUES (:d, :l, :q, 0, :a, :t)"),
                {"d": did, "l": line_id, "q": quantity, "a": amount, "t": tax})
        conn.execute(text("UPDATE sales_order SET status = 'delivered' WHERE id = :o"),
                     {"o": order.id})


def test_an_upgraded_database_starts_its_cash_sales_at_the_cut_over(engine, seeded):
    manager = seeded["manager"].actor
    shop = make_products(engine, manager)
    people = [make_customer(engine, manager, code, 100_000) for code in ("C1", "C2", "C3")]
    deliver(engine, seeded, shop.lpg20, [people[0].id], day=DAY)  # on account, before
    (old, new), _ = on_route(engine, seeded, shop.lpg20, [people[1].id, people[2].id],
                             day=DAY, payment="cash")
    _downgrade(engine, "0009")
    _confirmed_as_0009_did(engine, old)

    schema.upgrade(engine)

    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cash_cutover")).scalar() == 1
    result = next(r for r in checks.run(engine) if r.name == RULE)
    assert result.ok and len(result.noted) == 1 and "before the cut-over" in result.noted[0]
    d = deliveries.confirm(engine, seeded["clerk"].actor, deliveries.DeliveryInput(
        new.id, "after", "delivered", cash_collected=new.total))
    assert cash_sales.of_delivery(engine, d.id).number == f"CS-{DAY.year}-000001"
    assert failed_checks(engine) == {}


def test_a_new_database_has_no_cut_over_and_checks_every_delivery(engine, seeded):
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cash_cutover")).scalar() == 0
    manager = seeded["manager"].actor
    shop = make_products(engine, manager)
    c = make_customer(engine, manager, "C1", 100_000)
    (order,), _ = on_route(engine, seeded, shop.lpg20, [c.id], day=DAY, payment="cash")
    _confirmed_as_0009_did(engine, order)  # a cash delivery without its sale
    assert RULE in failed_checks(engine)
