"""Serial cylinders and their re-test dates on SQLite and PostgreSQL: the rules' proposals
(steel 50, 20 and 4 kg, composite, at several ages; the end of service life), registering
(serials normalised and unique, sizes by the cylinder with a weight), scanning into stock
documents (an overdue cylinder is not loaded, naming it; unknown, scrapped and worn-out
ones refused), the lists, the rules editor, serials at a delivery, and ``db check``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from core import checks
from core.db import unit_of_work
from core.errors import DomainError, PermissionDenied, ValidationError
from core.models import StockDoc, StockLocation
from core.requests import KeyReused
from core.services import cylinders, deliveries, dispatch, fleet, orders, products, settings
from core.services.actor import Actor
from core.services.cylinders import CylinderInput, RetestRuleInput, propose
from core.services.deliveries import DeliveryInput
from core.services.products import ProductInput
from tests.integration.shop import LAST_YEAR, line, make_customer, order_for

TODAY = date.today()


def product(engine, manager, sku: str, kg, unit: str = "cylinder"):
    return products.save(engine, manager, ProductInput(
        sku=sku, name_zh=f"液化石油氣 {kg}公斤", name_en=f"LPG {kg} kg", unit=unit,
        price=Decimal(900), price_from=LAST_YEAR, weight_kg=None if kg is None else Decimal(kg)))


@pytest.fixture
def sizes(engine, seeded):
    manager = seeded["manager"].actor
    return {kg: product(engine, manager, f"LPG-{kg}", kg) for kg in (50, 20, 4)}


@pytest.fixture
def clerk(seeded):
    return seeded["clerk"].actor


def where(engine, kind: str) -> int:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(StockLocation.id).where(StockLocation.kind == kind))


def add(engine, actor, serial: str, size, manufactured: date, due: date | None = None,
        **more):
    return cylinders.register(engine, actor, CylinderInput(
        serial=serial, product_id=size.id, manufactured=manufactured, retest_due=due, **more))


def years_ago(years: int, days: int = 0) -> date:
    return cylinders.add_years(TODAY, -years) - timedelta(days=days)


# --- the rules ---

def test_steel_50_kg_is_retested_every_4_years_then_3_from_8_then_yearly_from_20(engine):
    rules = cylinders.retest_rules(engine)
    made = date(2010, 3, 15)
    new = propose(rules, "steel", 50, made)
    assert (new.due, new.end_of_life, new.interval_years) == (date(2014, 3, 15),
                                                              date(2040, 3, 15), 4)
    assert propose(rules, "steel", Decimal("50.000"), made, date(2017, 6, 1)).due == \
        date(2021, 6, 1)  # 7 years old at the test: still every 4
    assert propose(rules, "steel", 50, made, date(2018, 6, 1)).due == date(2021, 6, 1)
    assert propose(rules, "steel", 50, made, date(2031, 1, 10)).due == date(2032, 1, 10)
    # Near the end of its life: the next test is never after it.
    assert propose(rules, "steel", 50, made, date(2039, 12, 1)).due == date(2040, 3, 15)


def test_steel_20_kg_every_5_years_then_3_from_10_then_yearly_from_19(engine):
    rules = cylinders.retest_rules(engine)
    made = date(2012, 2, 29)
    assert propose(rules, "steel", 20, made).due == date(2017, 2, 28)
    assert propose(rules, "steel", 20, made, date(2022, 3, 1)).due == date(2025, 3, 1)
    assert propose(rules, "steel", 20, made, date(2031, 3, 1)).due == date(2032, 3, 1)
    assert propose(rules, "steel", 16, made).interval_years == 5  # 16 kg is in that class


def test_small_steel_every_6_years_then_yearly_from_18(engine):
    rules = cylinders.retest_rules(engine)
    made = date(2015, 7, 1)
    assert propose(rules, "steel", 4, made).due == date(2021, 7, 1)
    assert propose(rules, "steel", 4, made, date(2033, 7, 2)).due == date(2034, 7, 2)
    assert propose(rules, "steel", Decimal("2.5"), made).end_of_life == date(2045, 7, 1)


def test_composite_every_5_years_with_a_life_of_20(engine):
    rules = cylinders.retest_rules(engine)
    made = date(2020, 1, 1)
    for tested, due in ((None, date(2025, 1, 1)), (date(2025, 1, 3), date(2030, 1, 3)),
                        (date(2036, 5, 1), date(2040, 1, 1))):
        p = propose(rules, "composite", 20, made, tested)
        assert (p.due, p.end_of_life) == (due, date(2040, 1, 1))
    assert propose(rules, "composite", 50, made).interval_years == 5


def test_a_size_no_rule_covers_is_named(engine, seeded):
    only_big = [RetestRuleInput("steel", 0, 0, 6, 30)]
    cylinders.set_retest_rules(engine, seeded["admin"].actor, only_big)
    with pytest.raises(DomainError, match="No re-test rule covers a composite cylinder of 20"):
        propose(cylinders.retest_rules(engine), "composite", 20, date(2020, 1, 1))


# --- registering ---

def test_a_cylinder_is_registered_with_its_serial_normalised_and_its_due_date_proposed(
        engine, sizes, clerk):
    made = years_ago(3)
    c = add(engine, clerk, " ab 12-34 ", sizes[50], made, owner="大台中瓦斯行")
    assert (c.serial, c.product_sku, c.kg, c.material) == ("AB12-34", "LPG-50", "50", "steel")
    assert c.retest_due == cylinders.add_years(made, 4)
    assert c.end_of_life == cylinders.add_years(made, 30)
    assert (c.location_kind, c.status, c.full) == ("depot", "in_service", False)
    stamped = add(engine, clerk, "AB1235", sizes[50], made, TODAY + timedelta(days=3))
    assert stamped.retest_due == TODAY + timedelta(days=3)
    assert cylinders.get(engine, "ab1235") == stamped


def test_a_registration_is_refused_field_by_field_and_keeps_nothing(engine, seeded, sizes,
                                                                     clerk):
    add(engine, clerk, "AB1234", sizes[50], years_ago(3))
    service = product(engine, seeded["manager"].actor, "SVC-1", None, unit="service")
    light = product(engine, seeded["manager"].actor, "LPG-X", None)
    with pytest.raises(ValidationError) as refused:
        cylinders.register(engine, clerk, CylinderInput(
            serial="ab 1234", product_id=service.id, manufactured=TODAY + timedelta(days=1),
            material="aluminium"))
    errors = refused.value.field_errors
    assert set(errors) == {"serial", "product", "material", "manufactured"}
    assert errors["serial"].message() == "Cylinder AB1234 is registered already."
    with pytest.raises(ValidationError, match="Product LPG-X has no weight"):
        add(engine, clerk, "AB9", light, years_ago(1))
    with pytest.raises(ValidationError, match="end of its service life"):
        add(engine, clerk, "OLD1", sizes[50], years_ago(30, days=1))
    with pytest.raises(PermissionDenied):
        add(engine, Actor(None, "guest", frozenset()), "AB2", sizes[50], years_ago(1))
    assert [c.serial for c in cylinders.list_cylinders(engine)] == ["AB1234"]


def test_a_record_is_corrected_with_its_version(engine, sizes, clerk):
    c = add(engine, clerk, "AB1234", sizes[50], years_ago(3))
    fixed = cylinders.update(engine, clerk, cylinder_id=c.id, version=c.version,
                             data=CylinderInput(serial="AB1243", product_id=sizes[20].id,
                                                manufactured=c.manufactured,
                                                retest_due=TODAY + timedelta(days=9)))
    assert (fixed.serial, fixed.product_sku, fixed.retest_due) == (
        "AB1243", "LPG-20", TODAY + timedelta(days=9))
    with pytest.raises(DomainError, match="changed elsewhere"):
        cylinders.update(engine, clerk, cylinder_id=c.id, version=c.version, data=CylinderInput(
            serial="AB1243", product_id=sizes[20].id, manufactured=c.manufactured))


# --- scanning ---

def doc(s, kind: str, day: date = TODAY) -> StockDoc:
    d = StockDoc(kind=kind, day=day, created_by="test")
    s.add(d)
    s.flush()
    return d


def test_an_overdue_cylinder_is_not_loaded_and_the_refusal_names_it(engine, sizes, clerk):
    add(engine, clerk, "ABC123", sizes[50], years_ago(5), TODAY - timedelta(days=1))
    add(engine, clerk, "ABC124", sizes[50], years_ago(5), TODAY)  # due today: still loads
    truck = where(engine, "depot")  # any location will do as the truck here
    with pytest.raises(DomainError) as refused:
        with unit_of_work(engine) as s:
            cylinders.scan_in(s, clerk, doc(s, "load"), ["abc124", "ABC 123"],
                              to_location_id=truck, full=True, loading=True)
    due = (TODAY - timedelta(days=1)).isoformat()
    assert refused.value.message() == (
        f"Cylinder ABC123 was due for its re-test on {due}: it cannot be loaded; send it to "
        "the inspection station.")
    with unit_of_work(engine) as s:
        assert cylinders.scan_in(s, clerk, doc(s, "load"), ["abc124"], to_location_id=truck,
                                 full=True, loading=True) == ["ABC124"]
    # Not loading (to the station), the overdue one moves.
    station = where(engine, "station")
    with unit_of_work(engine) as s:
        cylinders.scan_in(s, clerk, doc(s, "to_station"), ["ABC123"], to_location_id=station,
                          full=False, loading=False)
    assert cylinders.get(engine, "ABC123").location_kind == "station"
    assert all(r.ok for r in checks.run(engine) if "cylinder" in r.name)


def test_unknown_scrapped_and_worn_out_serials_are_refused(engine, sizes, clerk):
    add(engine, clerk, "OLD1", sizes[50], years_ago(30, days=-5))  # 30 years in 5 days
    depot = where(engine, "depot")
    with pytest.raises(DomainError, match="No cylinder has the serial NOPE1"):
        with unit_of_work(engine) as s:
            cylinders.scan_in(s, clerk, doc(s, "return"), ["OLD1", "nope1"],
                              to_location_id=depot, full=False, loading=False)
    later = TODAY + timedelta(days=10)
    with pytest.raises(DomainError, match="OLD1 reached the end of its service life"):
        with unit_of_work(engine) as s:
            cylinders.scan_in(s, clerk, doc(s, "return", later), ["OLD1"],
                              to_location_id=depot, full=False, loading=False)
    with unit_of_work(engine) as s:
        cylinders.scan_in(s, clerk, doc(s, "scrap", later), ["OLD1"], to_location_id=depot,
                          full=False, loading=False)
    assert cylinders.get(engine, "OLD1").status == "scrapped"
    assert cylinders.list_cylinders(engine) == []
    with pytest.raises(DomainError, match="OLD1 was scrapped"):
        with unit_of_work(engine) as s:
            cylinders.scan_in(s, clerk, doc(s, "return"), ["OLD1"], to_location_id=depot,
                              full=False, loading=False)


def test_back_from_the_station_and_retested_the_due_date_follows_the_rules(engine, sizes,
                                                                            clerk):
    made = years_ago(9)  # 9 years old: a 50 kg steel cylinder is re-tested every 3 years
    add(engine, clerk, "S1", sizes[50], made, TODAY - timedelta(days=40))
    add(engine, clerk, "S2", sizes[20], made, TODAY - timedelta(days=40))
    with unit_of_work(engine) as s:
        cylinders.scan_in(s, clerk, doc(s, "from_station"), ["S1"],
                          to_location_id=where(engine, "depot"), full=False, loading=False)
    assert cylinders.get(engine, "S1").retest_due == cylinders.add_years(TODAY, 3)
    tested = TODAY - timedelta(days=2)
    [s2] = cylinders.retested(engine, clerk, serials=["s2"], tested_on=tested)
    assert s2.retest_due == cylinders.add_years(tested, 5)
    with pytest.raises(ValidationError, match="future"):
        cylinders.retested(engine, clerk, serials=["S2"], tested_on=TODAY + timedelta(days=1))


# --- the lists ---

def test_overdue_and_due_within_30_days_by_location_and_the_serials_a_customer_holds(
        engine, seeded, sizes, clerk):
    customer = make_customer(engine, seeded["manager"].actor, "C1", 10_000)
    at_customers = where(engine, "customers")
    station = where(engine, "station")
    add(engine, clerk, "A1", sizes[50], years_ago(6), TODAY - timedelta(days=10))
    add(engine, clerk, "A2", sizes[50], years_ago(6), TODAY + timedelta(days=5))
    add(engine, clerk, "A3", sizes[50], years_ago(6), TODAY + timedelta(days=30))
    add(engine, clerk, "A4", sizes[50], years_ago(6), TODAY + timedelta(days=31))
    add(engine, clerk, "A5", sizes[4], years_ago(2), TODAY - timedelta(days=400),
        location_id=at_customers, customer_id=customer.id, full=True)
    add(engine, clerk, "A6", sizes[20], years_ago(2), location_id=station)
    assert [c.serial for c in cylinders.overdue(engine)] == ["A5", "A1"]
    assert [c.serial for c in cylinders.due_soon(engine)] == ["A2", "A3"]
    assert [c.serial for c in cylinders.overdue(engine, location_id=at_customers)] == ["A5"]
    assert [c.serial for c in cylinders.due_soon(engine, location_id=station)] == []
    held = cylinders.list_cylinders(engine, customer_id=customer.id)
    assert [(c.serial, c.customer_code, c.full) for c in held] == [("A5", "C1", True)]
    assert [c.serial for c in cylinders.list_cylinders(engine, serial="a")] == [
        "A1", "A2", "A3", "A4", "A5", "A6"]
    assert cylinders.overdue(engine)[0].overdue(TODAY)
    kinds = [loc.kind for loc in cylinders.locations(engine)]
    assert kinds[0] == "depot" and {"customers", "station", "plant"} <= set(kinds)


# --- the rules editor ---

def test_an_administrator_edits_the_rules_and_bad_rows_are_refused_by_row(engine, seeded):
    admin = seeded["admin"].actor
    rows = [RetestRuleInput(r.material, r.min_kg, r.from_age, r.interval_years, r.life_years)
            for r in cylinders.retest_rules(engine)]
    with pytest.raises(PermissionDenied):
        cylinders.set_retest_rules(engine, seeded["manager"].actor, rows)
    bad = rows + [RetestRuleInput("wood", "1", "0", "5", "20"),
                  RetestRuleInput("steel", "x", "0", "0", "20"),
                  RetestRuleInput("steel", "40", "35", "1", "30")]
    with pytest.raises(ValidationError) as refused:
        cylinders.set_retest_rules(engine, admin, bad)
    n = len(rows)
    assert set(refused.value.field_errors) == {
        f"row{n + 1}.material", f"row{n + 2}.min_kg", f"row{n + 2}.interval_years",
        f"row{n + 3}.from_age"}
    with pytest.raises(ValidationError, match="Two rules are for steel cylinders from 40 kg"):
        cylinders.set_retest_rules(engine, admin, rows + [rows[0]])
    with pytest.raises(ValidationError, match="need one from age 0"):
        cylinders.set_retest_rules(engine, admin, [
            RetestRuleInput("steel", 0, 0, 6, 30), RetestRuleInput("steel", 40, 8, 3, 30)])
    with pytest.raises(ValidationError, match="size class from 0 kg"):
        cylinders.set_retest_rules(engine, admin, [RetestRuleInput("steel", 10, 0, 6, 30)])
    with pytest.raises(ValidationError, match="at least one"):
        cylinders.set_retest_rules(engine, admin, [])
    assert len(cylinders.retest_rules(engine)) == n  # nothing changed
    edited = cylinders.set_retest_rules(engine, admin, [
        RetestRuleInput(" Steel ", "0", "0", "5", "25"),
        RetestRuleInput("composite", 0, 0, 5, 15)])
    assert edited == [cylinders.RetestRuleView("steel", 0, 0, 5, 25),
                      cylinders.RetestRuleView("composite", 0, 0, 5, 15)]
    assert propose(edited, "steel", 50, date(2020, 1, 1)).end_of_life == date(2045, 1, 1)


# --- at a delivery, and db check ---

def test_serials_scanned_at_a_delivery_move_to_the_customer_and_the_truck_once(
        engine, seeded, sizes, clerk):
    dispatcher, manager = seeded["dispatcher"].actor, seeded["manager"].actor
    settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16",
                            depot_lon="120.63")
    day = TODAY + timedelta(days=1)
    van = fleet.save_vehicle(engine, dispatcher, plate="ABC-1201", capacity=60)
    customer = make_customer(engine, manager, "C1", 100_000)
    order = orders.place(engine, clerk, order_for(customer, line(sizes[50], 1),
                                                  delivery_date=day))
    dispatch.move(engine, dispatcher, order_id=order.id, route_id=None, vehicle_id=van.id)
    dispatch.confirm(engine, dispatcher, day=day)
    delivered = deliveries.confirm(engine, clerk, DeliveryInput(order.id, "d-1", "delivered"))
    add(engine, clerk, "F1", sizes[50], years_ago(2), full=True)
    add(engine, clerk, "E1", sizes[50], years_ago(2), location_id=where(engine, "customers"),
        customer_id=customer.id, full=True)
    got = cylinders.scan_delivery(engine, clerk, delivery_id=delivered.id, request_key="k1",
                                  out_serials=["f1"], in_serials=["E1"])
    assert (got.handed_over, got.collected) == (("F1",), ("E1",))
    assert cylinders.scan_delivery(engine, clerk, delivery_id=delivered.id, request_key="k1",
                                   out_serials=["F1"], in_serials=["e1"]) == got
    with pytest.raises(KeyReused):
        cylinders.scan_delivery(engine, clerk, delivery_id=delivered.id, request_key="k1",
                                out_serials=["E1"], in_serials=[])
    f1, e1 = cylinders.get(engine, "F1"), cylinders.get(engine, "E1")
    assert (f1.location_kind, f1.customer_id, f1.full) == ("customers", customer.id, True)
    assert (e1.location_kind, e1.customer_id, e1.full) != ("customers", customer.id, True)
    assert e1.customer_id is None and not e1.full
    assert [c.serial for c in cylinders.list_cylinders(engine, customer_id=customer.id)] == \
        ["F1"]
    [check] = [r for r in checks.run(engine) if "latest scan" in r.name]
    assert check.ok
    with engine.begin() as conn:  # tampered: the cylinder moved without a scan
        conn.execute(text("UPDATE cylinder SET customer_id = NULL WHERE serial = 'F1'"))
    [check] = [r for r in checks.run(engine) if "latest scan" in r.name]
    assert len(check.broken) == 1 and check.broken[0].startswith("cylinder F1:")


def test_a_registered_cylinder_found_past_its_life_is_listed_as_such_and_only_scrapped(
        engine, sizes, clerk):
    c = add(engine, clerk, "W1", sizes[20], years_ago(5), TODAY - timedelta(days=1))
    old = cylinders.update(engine, clerk, cylinder_id=c.id, version=c.version, data=CylinderInput(
        serial="W1", product_id=sizes[20].id, manufactured=years_ago(31),
        retest_due=TODAY - timedelta(days=1)))
    assert old.past_life(TODAY) and old.end_of_life == cylinders.add_years(years_ago(31), 30)
    assert [x.serial for x in cylinders.overdue(engine)] == ["W1"]
    with pytest.raises(DomainError, match="W1 reached the end of its service life"):
        with unit_of_work(engine) as s:
            cylinders.scan_in(s, clerk, doc(s, "to_station"), ["W1"],
                              to_location_id=where(engine, "station"), full=False,
                              loading=False)


# --- import ---

def test_a_file_of_cylinders_is_registered_all_or_nothing_and_once(engine, sizes, clerk):
    made = years_ago(3).isoformat()
    good = ("serial,sku,manufactured,retest_due,material,owner\n"
            f"ab 1,lpg-50,{made},,steel,大台中\n"
            f"AB2,LPG-20,{made.replace('-', '/')},2030-01-31,composite,\n").encode()
    bad = good + (f"AB3,LPG-9,{made},,,\nAB4,LPG-4,someday,,,\nab1,LPG-4,{made},,,\n"
                  ).encode()
    refused = cylinders.import_file(engine, clerk, file_name="c.csv", content=bad)
    assert refused.created == () and cylinders.list_cylinders(engine) == []
    assert [(e.line, e.column) for e in refused.errors] == [
        (4, "product"), (5, "manufactured"), (6, "serial")]
    done = cylinders.import_file(engine, clerk, file_name="c.csv", content=good)
    assert (done.created, done.existing, done.errors) == (("AB1", "AB2"), (), ())
    ab1, ab2 = cylinders.get(engine, "AB1"), cylinders.get(engine, "AB2")
    assert (ab1.owner, ab1.retest_due) == ("大台中", cylinders.add_years(years_ago(3), 4))
    assert (ab2.material, ab2.retest_due, ab2.location_kind) == ("composite",
                                                                date(2030, 1, 31), "depot")
    again = cylinders.import_file(engine, clerk, file_name="c.csv", content=good)
    assert (again.created, again.existing) == ((), ("AB1", "AB2"))
