"""Real operations through the wire codec and the registry, on SQLite and PostgreSQL: what
arrives is what a direct call gives, and a refusal arrives as the same error."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core import changes
from core.api import codec, registry
from core.errors import DomainError, PermissionDenied, ValidationError
from core.queries import customers as customer_queries
from core.services import credit, imports, orders, payments, settings
from core.services.orders import CreditRefused
from tests.integration.shop import LPG20_TOTAL, line, make_customer, make_products, order_for


def through_wire(engine, actor, name, **arguments):
    """What a connected client gets: arguments encoded and decoded, the call, its result
    and change set (or its error) encoded and decoded."""
    op = registry.get(name)
    decoded = codec.decode_arguments(op, codec.encode_arguments(op, arguments))
    with changes.collect() as got:
        try:
            result = op.call(engine, actor, decoded)
        except DomainError as exc:
            raise codec.decode_error(codec.encode_error(exc)) from None
    return codec.decode_reply(op, codec.encode_reply(op, result, got.value))


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def test_an_order_placed_through_the_wire_is_the_order_a_direct_read_gives(engine, seeded, shop):
    clerk = seeded["clerk"].actor
    customer = make_customer(engine, seeded["manager"].actor, "A-001", 10_000)
    placed, changed = through_wire(
        engine, clerk, "orders.place", data=order_for(customer, line(shop.lpg20, "2"),
                                                      line(shop.inspect, 1)),
        request_key="k-1")
    assert placed == orders.get(engine, placed.id)
    assert placed.total == LPG20_TOTAL * 2 + Decimal(315)
    assert changed.touches("orders", placed.id) and changed.touches("customers", customer.id)
    again, _ = through_wire(engine, clerk, "orders.place",
                            data=order_for(customer, line(shop.lpg20, Decimal(2)),
                                           line(shop.inspect, 1)), request_key="k-1")
    assert again.id == placed.id  # the same request sent again: one order


def test_a_refusal_crosses_as_the_core_s_own_error(engine, seeded, shop):
    clerk = seeded["clerk"].actor
    customer = make_customer(engine, seeded["manager"].actor, "A-002", 1_000)
    with pytest.raises(CreditRefused) as refused:
        through_wire(engine, clerk, "orders.place",
                     data=order_for(customer, line(shop.lpg20, 2)))
    assert refused.value.figures.shortfall == LPG20_TOTAL * 2 - Decimal(1000)
    with pytest.raises(ValidationError) as bad:
        through_wire(engine, clerk, "orders.place",
                     data=order_for(customer, line(shop.lpg20, "2x")))
    assert any("quantity" in key for key in bad.value.field_errors)
    with pytest.raises(PermissionDenied):
        through_wire(engine, clerk, "credit.set_limit", customer_id=customer.id,
                     limit=Decimal(5000), reason="good payer")


def test_customer_search_through_the_wire_equals_the_direct_search(engine, seeded):
    manager = seeded["manager"].actor
    for n in range(3):
        make_customer(engine, manager, f"B-00{n}", 5_000, name=f"好味道小吃店 {n}")
    found, changed = through_wire(engine, seeded["clerk"].actor, "customers.search",
                                  query="好味道")
    assert found == customer_queries.search(engine, "好味道") and len(found) == 3
    assert not changed


def test_a_payment_recorded_through_the_wire_is_the_payment_a_direct_read_gives(
        engine, seeded, shop):
    clerk = seeded["clerk"].actor
    customer = make_customer(engine, seeded["manager"].actor, "C-001", 100_000)
    paid, changed = through_wire(engine, clerk, "payments.record", customer_id=customer.id,
                                 method="cheque", amount="1500", received_on=date.today(),
                                 cheque_number="AB123", cheque_bank="台灣銀行",
                                 cheque_date=date.today(), request_key="p-1")
    assert paid == payments.payments_of(engine, customer.id)[0]
    assert paid.amount == Decimal(1500) and paid.balance == Decimal(-1500)
    assert changed.touches("payments", paid.id)
    summary, _ = through_wire(engine, clerk, "credit.summary", customer_id=customer.id)
    assert summary == credit.summary(engine, customer.id)
    limit, _ = through_wire(engine, seeded["manager"].actor, "credit.set_limit",
                            customer_id=customer.id, limit=Decimal("120000.00"),
                            reason="a good payer")
    assert limit.credit_limit == Decimal(120000) == credit.summary(engine, customer.id).credit_limit


def test_company_settings_through_the_wire_keep_their_types(engine, seeded):
    admin = seeded["admin"].actor
    company, changed = through_wire(
        engine, admin, "settings.update_company",
        changes={"tax_rate": Decimal("0.0800"), "price_tolerance": Decimal("0.15"),
                 "cylinder_rental": "50", "road_factor": "1.4", "name": "大發瓦斯行"})
    assert company == settings.get_company(engine)
    assert (company.tax_rate, company.price_tolerance, company.cylinder_rental) == (
        Decimal("0.0800"), Decimal("0.15"), Decimal(50))
    assert changed.touches("settings")
    with pytest.raises(ValidationError) as bad:
        through_wire(engine, admin, "settings.update_company", changes={"cylinder_rental": "x"})
    assert set(bad.value.field_errors) == {"cylinder_rental"}


def test_a_file_to_import_travels_as_its_bytes(engine, seeded, tmp_path):
    text = ("code,name,phone,address,area,credit_limit\n"
            "D-001,好味道小吃店,02 2345 6789,台北市中山區南京東路一段1號,中山,5000\n"
            "D-002,,02 2345 6780,台北市,中山,x\n")
    path = tmp_path / "customers.csv"
    path.write_text(text, encoding="utf-8")
    preview, _ = through_wire(engine, seeded["manager"].actor, "imports.preview",
                              kind="customers", file_name="Customers.CSV",
                              content=text.encode("utf-8"))
    direct = imports.preview(engine, "customers", path)
    assert [(r.line, r.key, r.values) for r in preview.rows] == [
        (r.line, r.key, r.values) for r in direct.rows] and len(preview.rows) == 1
    assert [(e.line, e.column, e.message) for e in preview.errors] == [
        (e.line, e.column, e.message) for e in direct.errors] and preview.errors
