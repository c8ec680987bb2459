"""Upgrading a database of revision 0010 to 0011 keeps its customers (their new buyer
columns blank: printed proofs until someone types a tax id or carrier) and downgrading
takes the uniform invoices' tables away again."""

from __future__ import annotations

from sqlalchemy import inspect, text

from core import schema
from core.services import customers
from tests.integration.shop import failed_checks, make_customer
from tests.integration.test_upgrade_0006 import _downgrade


def test_customers_come_through_the_upgrade_with_blank_buyer_details(engine, seeded):
    made = make_customer(engine, seeded["manager"].actor, "C1", 5000, name="林記小吃")
    _downgrade(engine, "0010")
    assert "uniform_invoice" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert "tax_id" not in {c["name"] for c in inspect(conn).get_columns("customer")}

    schema.upgrade(engine)

    c = customers.get(engine, made.id)
    assert (c.name, c.credit_limit, c.tax_id, c.carrier, c.donation_code) == (
        "林記小吃", 5000, "", "", "")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM einvoice_range")).scalar() == 0
    assert failed_checks(engine) == {}
