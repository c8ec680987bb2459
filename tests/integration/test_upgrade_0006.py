"""Upgrading a database of revision 0005 (a ledger without business dates) to 0006: the
existing ledger rows get the day they belong to, and the ledger stays append-only."""

from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, select, text

from core import schema
from core.db import unit_of_work
from core.models import LedgerEntry
from core.services import payments
from tests.integration.money import deliver, invoice
from tests.integration.shop import failed_checks, make_customer, make_products

DAY = date.today() + timedelta(days=1)
PAID = date.today() - timedelta(days=3)


def _downgrade(engine, revision: str) -> None:
    from alembic import command

    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _ledger(engine) -> list[tuple[str, date]]:
    with unit_of_work(engine, write=False) as s:
        return [tuple(r) for r in s.execute(select(LedgerEntry.kind, LedgerEntry.business_date)
                                            .order_by(LedgerEntry.id))]


def test_an_upgraded_ledger_has_business_dates_and_still_refuses_changes(engine, seeded):
    shop = make_products(engine, seeded["manager"].actor)
    c = make_customer(engine, seeded["manager"].actor, "C1", 100_000)
    deliver(engine, seeded, shop.lpg20, [c.id], day=DAY)
    invoice(engine, seeded, c.id, today=DAY + timedelta(days=3))
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="cash",
                            amount=300, received_on=PAID)
    before = _ledger(engine)
    assert [k for k, _ in before] == ["delivery", "payment"]
    assert before == [("delivery", DAY), ("payment", PAID)]

    _downgrade(engine, "0005")
    with engine.connect() as conn:
        assert "business_date" not in {c["name"] for c in inspect(conn).get_columns(
            "ledger_entry")}
    schema.upgrade(engine)

    assert _ledger(engine) == before
    for statement in ("UPDATE ledger_entry SET amount = 0",
                      "UPDATE ledger_entry SET business_date = NULL",
                      "DELETE FROM ledger_entry"):
        with pytest.raises(Exception, match="never changed or deleted"), \
                engine.begin() as conn:
            conn.execute(text(statement))
    assert len(_ledger(engine)) == 2
    assert failed_checks(engine) == {}
