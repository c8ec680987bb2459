"""State machines are enforced twice: every change of state goes through ``core.workflow``
(checked against its table, set, audited once), and every status or kind column refuses a
value the code does not declare (CHECK constraints of migration 0009, on SQLite and
PostgreSQL; also after upgrading a database that holds data)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import CheckConstraint, func, inspect, insert, select, text
from sqlalchemy.exc import IntegrityError

from core import schema, uniform, workflow
from core.db import unit_of_work
from core.models import (AuditEntry, Base, CashSale, Delivery, Invoice, Order, OrderLine,
                         Quote, Route, RouteStop, StandingOccurrence)
from core.roles import APPEND_ONLY
from core.services import (cashup, cylinders, deliveries, dispatch, einvoice, fleet, inspections,
                           payments, products, quotes, settings, standing)
from tests.integration.money import deliver, invoice, on_route
from tests.integration.shop import failed_checks, line, make_customer, make_products

DAY = date.today() + timedelta(days=1)


def _values(sql: str) -> frozenset[str]:
    """The quoted values of a check as SQLite keeps it (``status IN ('a', 'b')``) and as
    PostgreSQL answers it (``(status)::text = ANY (ARRAY['a'::character varying, ...])``)."""
    return frozenset(re.findall(r"'([A-Za-z0-9_]+)'", sql))


def _checks() -> list[tuple[str, str, str]]:
    """(table, column, constraint name) of every CHECK of a closed set of values the
    models declare (``column IN (...)``)."""
    out = []
    for table in Base.metadata.sorted_tables:
        for c in table.constraints:
            if isinstance(c, CheckConstraint) and " IN (" in str(c.sqltext):
                out.append((table.name, str(c.sqltext).split(" IN ")[0], c.name))
    return sorted(out)


CHECKED = _checks()


@pytest.fixture
def filled(engine, seeded):
    """A row in every table revision 0009 checks: a delivered order on a confirmed route,
    its invoice, a payment, a quote, a standing order and an occurrence of it."""
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    shop = make_products(engine, manager)
    c = make_customer(engine, manager, "C1", 100_000)
    placed = deliver(engine, seeded, shop.lpg20, [c.id], day=DAY)
    invoice(engine, seeded, c.id, today=DAY + timedelta(days=3))
    payments.record_payment(engine, clerk, customer_id=c.id, method="cash", amount=100,
                            received_on=date.today())
    q = quotes.create(engine, clerk, quotes.QuoteInput(lines=(line(shop.lpg20),),
                                                       customer_id=c.id))
    so = standing.create(engine, clerk, standing.StandingInput(
        customer_id=c.id, lines=(standing.StandingLineInput(shop.lpg20.id, 1),),
        schedule="every", interval_days=7, start_date=DAY))
    with unit_of_work(engine) as s:
        s.execute(insert(StandingOccurrence), [{"standing_order_id": so.id, "day": DAY,
                                                "outcome": "refused", "created_by": "t"}])
    return {"order": placed[0], "quote": q, "customer": c, "shop": shop}


@pytest.fixture
def filled_all(engine, seeded, filled):
    """``filled`` and a row in every later checked table: a cash sale and its route's
    cash-up (with a variance: a driver's account entry), a cash book float."""
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    sold = deliver(engine, seeded, filled["shop"].lpg20, [filled["customer"].id], day=DAY,
                   payment="cash")
    with unit_of_work(engine, write=False) as s:
        route_id = s.scalar(select(RouteStop.route_id).where(RouteStop.order_id == sold[0].id))
    _give_driver(engine, seeded, route_id)
    cashup.settle(engine, manager, cashup.Count(route_id, "count-1", cash=sold[0].total - 1,
                                                reason="short by one"))
    cashup.add_entry(engine, clerk, day=DAY, kind="float", amount=500)
    # uniform invoices: a range, a cash sale's invoice and its message, an allowance
    settings.update_company(engine, seeded["admin"].actor, tax_id="12345675",
                            uniform_invoices="on",
                            einvoice_aes_key="0123456789ABCDEF0123456789ABCDEF")
    einvoice.add_range(engine, manager, period=uniform.period_of(DAY), track="AB",
                       first="10000000", last="10000049")
    c2 = make_customer(engine, manager, "C2", 100_000)
    (sale,) = deliver(engine, seeded, filled["shop"].lpg20, [c2.id], day=DAY, payment="cash")
    with unit_of_work(engine) as s:
        sale_id = s.scalar(select(CashSale.id).where(CashSale.order_id == sale.id))
        einvoice.cancel_in(s, manager, amount=Decimal(1), reason="折讓", cash_sale_id=sale_id)
    # cylinders: a size with a deposit, kept by the customer (a deposit receipt), one serial,
    # and a failed safety inspection
    lpg16 = products.save(engine, manager, products.ProductInput(
        sku="LPG-16", name_zh="液化石油氣 16公斤", name_en="LPG 16 kg", unit="cylinder",
        price=Decimal(700), price_from=DAY - timedelta(days=400), deposit=Decimal(1500),
        weight_kg=Decimal(16)))
    (kept,), _route = on_route(engine, seeded, lpg16, [c2.id], day=DAY)
    with unit_of_work(engine, write=False) as s:
        line_id = s.scalar(select(OrderLine.id).where(OrderLine.order_id == kept.id))
    deliveries.confirm(engine, seeded["dispatcher"].actor, deliveries.DeliveryInput(
        kept.id, "kept-1", "delivered", (deliveries.LineResult(line_id, 1, 0),)))
    cylinders.register(engine, clerk, cylinders.CylinderInput(
        serial="TW16-000001", product_id=lpg16.id, manufactured=date(2020, 1, 1)))
    (visit,) = inspections.plan(engine, clerk, day=DAY, customer_ids=[c2.id],
                                request_key="visit-1").visits
    _on_a_route(engine, seeded, visit.order_id)
    inspections.record(engine, clerk, order_id=visit.order_id, result="fail",
                       items=[("hose", False)], remarks="瓦斯管龜裂", inspector="王大明",
                       request_key="inspection-1")
    return filled


def _on_a_route(engine, seeded, order_id: int) -> None:
    actor = seeded["dispatcher"].actor
    van = fleet.save_vehicle(engine, actor, plate="V-0099", capacity=60)
    dispatch.move(engine, actor, order_id=order_id, route_id=None, vehicle_id=van.id)
    dispatch.confirm(engine, actor, day=DAY)


def _give_driver(engine, seeded, route_id: int) -> None:
    actor = seeded["dispatcher"].actor
    driver = fleet.save_driver(engine, actor, name="Driver Wang")
    dispatch.set_driver(engine, actor, route_id=route_id, driver_id=driver.id)


def _audit_count(engine) -> int:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


# --- the database refuses what the code does not declare ----------------------------------

def test_a_number_range_never_gives_past_its_last_number_and_an_invoice_has_one_source(
        engine, filled_all):
    for statement, name in (
            ("UPDATE einvoice_range SET next = last + 2", "ck_einvoice_range_next_within"),
            ("UPDATE einvoice_range SET last = first - 1, next = first",
             "ck_einvoice_range_ordered"),
            ("UPDATE uniform_invoice SET invoice_id = (SELECT min(id) FROM invoice)",
             "ck_uniform_invoice_one_source")):
        with pytest.raises(IntegrityError, match=name), engine.begin() as conn:
            conn.execute(text(statement))


def test_every_status_and_kind_column_the_issue_names_is_checked():
    assert {(t, c) for t, c, _ in CHECKED} >= {
        ("sales_order", "status"), ("quote", "status"), ("invoice", "status"),
        ("route", "status"), ("delivery", "outcome"), ("payment", "kind"),
        ("payment", "method"), ("invoice_line", "kind"), ("ledger_entry", "kind"),
        ("sales_order", "payment"), ("sales_order", "time_slot")}
    assert all(name == f"ck_{t}_{c}" for t, c, name in CHECKED)


def test_the_database_has_exactly_the_checks_the_models_declare(engine):
    with engine.connect() as conn:
        found = {(t, ck["name"]): _values(ck["sqltext"])
                 for t in inspect(conn).get_table_names()
                 for ck in inspect(conn).get_check_constraints(t)}
    declared = {(c.table.name, c.name): _values(str(c.sqltext))
                for table in Base.metadata.sorted_tables for c in table.constraints
                if isinstance(c, CheckConstraint)}
    assert found == declared
    assert declared[("sales_order", "ck_sales_order_status")] == set(workflow.ORDER.stored)


@pytest.mark.parametrize(("table", "column", "name"), CHECKED,
                         ids=[f"{t}.{c}" for t, c, _ in CHECKED])
def test_a_column_refuses_a_value_the_code_does_not_declare(engine, filled_all, table, column,
                                                          name):
    if table in APPEND_ONLY:  # a new row, as every write of these tables is
        columns = [c.name for c in Base.metadata.tables[table].columns
                   if c.name not in ("id", "hmac", "request_key", "request_hash")]
        statement = (f"INSERT INTO {table} ({', '.join(columns)}) SELECT "
                     f"{', '.join(repr('bogus') if c == column else c for c in columns)} "
                     f"FROM {table}")
    else:
        statement = f"UPDATE {table} SET {column} = 'bogus'"
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() > 0
    with pytest.raises(IntegrityError, match=name), engine.begin() as conn:
        conn.execute(text(statement))


def test_no_order_can_be_a_draft(engine, filled):
    with pytest.raises(IntegrityError, match="ck_sales_order_status"), engine.begin() as conn:
        conn.execute(text("UPDATE sales_order SET status = 'draft'"))
    assert Order.__table__.c.status.default.arg == "confirmed"


# --- every change of state: checked, set, audited once ------------------------------------

def _move(engine, seeded, machine, model, record_id, target, **kw):
    with unit_of_work(engine) as s:
        record = s.get(model, record_id)
        workflow.move(s, seeded["manager"].actor, machine, record, target, **kw)
        return machine.state(record)


@pytest.mark.parametrize(("machine", "model", "key", "illegal", "legal"), [
    (workflow.ORDER, Order, "order", "confirmed", "scheduled"),
    (workflow.QUOTE, Quote, "quote", "accepted", "sent"),
    (workflow.INVOICE, Invoice, None, "posted", "void"),
    (workflow.ROUTE, Route, None, "planned", None),
    (workflow.DELIVERY, Delivery, None, "standing", "undone"),
], ids=["order", "quote", "invoice", "route", "delivery"])
def test_an_illegal_move_is_refused_and_a_legal_one_is_audited_once(
        engine, seeded, filled, machine, model, key, illegal, legal):
    with unit_of_work(engine, write=False) as s:
        record_id = filled[key].id if key else s.scalar(select(func.min(model.id)))
        before = machine.state(s.get(model, record_id))
    count = _audit_count(engine)
    with pytest.raises(workflow.IllegalTransition):
        _move(engine, seeded, machine, model, record_id, illegal)
    assert _audit_count(engine) == count
    with unit_of_work(engine, write=False) as s:
        assert machine.state(s.get(model, record_id)) == before
    if legal is None:  # a confirmed route is final
        assert machine.transitions[before] == frozenset()
        return
    assert _move(engine, seeded, machine, model, record_id, legal) == legal
    assert _audit_count(engine) == count + 1
    with unit_of_work(engine, write=False) as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.entity, entry.action) == (machine.entity, legal)


def test_a_move_that_takes_another_records_state_along_checks_both_before_setting_either(
        engine, seeded, filled):
    """A delivery undone with its order: a delivery undone already refuses the whole move."""
    mine = Delivery.order_id == filled["order"].id
    with unit_of_work(engine) as s:
        d = s.scalars(select(Delivery).where(mine)).one()
        d.undone_at = func.now()
    count = _audit_count(engine)
    with pytest.raises(workflow.IllegalTransition), unit_of_work(engine) as s:
        order = s.get(Order, filled["order"].id)
        d = s.scalars(select(Delivery).where(mine)).one()
        workflow.move(s, seeded["manager"].actor, workflow.ORDER, order, "scheduled",
                      also=[workflow.Also(workflow.DELIVERY, d, "undone")])
    assert _audit_count(engine) == count
    with unit_of_work(engine, write=False) as s:
        assert s.get(Order, filled["order"].id).status == "delivered"


# --- upgrading a database that holds data -------------------------------------------------

def _downgrade(engine, revision: str) -> None:
    from alembic import command

    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def _rows(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                for t in ("sales_order", "order_line", "delivery", "delivery_line",
                          "invoice_line", "ledger_entry", "route_stop", "quote_line",
                          "standing_order_line", "audit_log")}


def test_upgrading_a_database_with_data_keeps_every_row_and_then_refuses_unknown_values(
        engine, filled):
    rows = _rows(engine)
    _downgrade(engine, "0008")
    with engine.connect() as conn:
        assert not any(inspect(conn).get_check_constraints(t) for t in ("sales_order", "quote"))
    with engine.begin() as conn:  # a draft order, as 0008 allowed (no release wrote one)
        conn.execute(text("UPDATE sales_order SET status = 'draft' WHERE id = :id"),
                     {"id": filled["order"].id})

    schema.upgrade(engine)

    assert schema.current(engine) == schema.head()
    assert _rows(engine) == rows  # no order's lines went with a rebuilt table
    with unit_of_work(engine, write=False) as s:
        assert s.get(Order, filled["order"].id).status == "confirmed"
        assert s.scalar(select(func.count()).select_from(OrderLine)) == rows["order_line"]
    with pytest.raises(IntegrityError, match="ck_sales_order_status"), engine.begin() as conn:
        conn.execute(text("UPDATE sales_order SET status = 'draft'"))
    with pytest.raises(Exception, match="never changed or deleted"), engine.begin() as conn:
        conn.execute(text("UPDATE ledger_entry SET amount = 0"))  # its triggers are kept
    with engine.begin() as conn:  # the order as it was, for db check
        conn.execute(text("UPDATE sales_order SET status = 'delivered' WHERE id = :id"),
                     {"id": filled["order"].id})
    assert failed_checks(engine) == {}


def test_an_upgrade_that_finds_unknown_values_changes_nothing_and_names_them(engine, filled):
    _downgrade(engine, "0008")
    with engine.begin() as conn:
        conn.execute(text("UPDATE payment SET method = 'bitcoin'"))
    with pytest.raises(RuntimeError, match=r"payment\.method: \['bitcoin'\]"):
        schema.upgrade(engine)
    assert schema.current(engine) == "0008"
    with engine.connect() as conn:
        assert not inspect(conn).get_check_constraints("payment")
