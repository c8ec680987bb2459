"""The stock of full and empty cylinders on SQLite and PostgreSQL: a route's truck loaded,
delivered from and returned (reconciled), empties to the plant and fulls bought back,
transfers, scrap, openings and corrections; refusals; one request saved once; the CLI's
JSON; and a random sequence of all of it keeping every db check."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, \
    run_state_machine_as_test
from sqlalchemy import func, select, update

from core import cli
from core.db import make_engine, unit_of_work
from core.errors import DomainError, PermissionDenied, ValidationError
from core.models import AuditEntry, Order, OrderLine, StockDoc, StockLocation
from core.requests import KeyReused
from core.services import deliveries, fleet, orders, products, stock
from core.services.products import ProductInput
from core.services.stock import Line
from tests.conftest import seed_users
from tests.integration.money import on_route
from tests.integration.shop import LAST_YEAR, failed_checks, line, make_customer, order_for
from tests.integration.test_ledger_properties import new_database  # noqa: F401 - a fixture

DAY = date.today()


def sizes(engine, manager):
    def product(sku, kg, price):
        return products.save(engine, manager, ProductInput(
            sku=sku, name_zh=f"液化石油氣 {kg}公斤", name_en=f"LPG {kg} kg", unit="cylinder",
            price=Decimal(price), price_from=LAST_YEAR, weight_kg=kg))
    return product("LPG-20", 20, 900), product("LPG-50", 50, 2180)


def depot_of(engine, name="Depot"):
    return next(x for x in stock.locations(engine) if x.kind == "depot" and x.name == name)


def held(engine, day=DAY) -> dict[tuple[str, str], tuple[int, int]]:
    """(location, sku) -> (full, empty), without the zeros."""
    return {(r.location, r.sku): (r.full, r.empty) for r in stock.stock_at(engine, day)
            if r.full or r.empty}


@pytest.fixture
def route(engine, seeded):
    """Three customers with two LPG-20 each on a truck's confirmed route today; the depot
    opened with 30 full LPG-20 and 10 full LPG-50."""
    manager = seeded["manager"].actor
    lpg20, lpg50 = sizes(engine, manager)
    people = [make_customer(engine, manager, f"S{n}", 1_000_000).id for n in range(3)]
    placed, route_id = on_route(engine, seeded, lpg20, people, day=DAY, quantity=2)
    stock.opening(engine, manager, request_key="open-1", day=DAY - timedelta(days=1),
                  depot_id=depot_of(engine).id,
                  lines=(Line(lpg20.id, 30), Line(lpg50.id, 10)))
    return dict(lpg20=lpg20, lpg50=lpg50, orders=placed, route_id=route_id, people=people)


def deliver(engine, clerk, order, key, *, empties=0, quantity=None):
    with unit_of_work(engine, write=False) as s:
        line_id = s.scalar(select(OrderLine.id).where(OrderLine.order_id == order.id))
    lines = () if quantity is None and not empties else (deliveries.LineResult(
        line_id, quantity if quantity is not None else order.lines[0].quantity, empties),)
    return deliveries.confirm(engine, clerk, deliveries.DeliveryInput(
        order.id, key, "delivered", lines))


def test_a_route_loaded_delivered_and_returned_reconciles_and_keeps_every_check(
        engine, seeded, route):
    clerk = seeded["clerk"].actor
    lpg20 = route["lpg20"]
    day = stock.truck_day(engine, route["route_id"])
    assert [(x.sku, x.proposed, x.loaded_full) for x in day.lines] == [("LPG-20", 6, 0)]
    assert not day.loaded and not day.returned and day.depot == "Depot"
    stock.load(engine, clerk, route_id=route["route_id"], request_key="load-1",
               lines=(Line(lpg20.id, 6),))
    plate = day.plate
    assert held(engine)[(plate, "LPG-20")] == (6, 0)
    a, b, _c = route["orders"]
    deliver(engine, clerk, a, "d-a", empties=2)
    deliver(engine, clerk, b, "d-b", empties=1)
    x = stock.truck_day(engine, route["route_id"]).lines[0]
    assert (x.loaded_full, x.delivered, x.collected, x.expected_full, x.expected_empty) == \
        (6, 4, 3, 2, 3)
    stock.return_(engine, clerk, route_id=route["route_id"], request_key="ret-1",
                  lines=(Line(lpg20.id, 2, 3),))
    x = stock.truck_day(engine, route["route_id"]).lines[0]
    assert (x.returned_full, x.returned_empty, x.difference_full, x.difference_empty) == \
        (2, 3, 0, 0)
    now = held(engine)
    assert now[("Depot", "LPG-20")] == (26, 3)
    assert (plate, "LPG-20") not in now  # the truck is empty
    assert now[("Customers", "LPG-20")] == (1, 0)  # 2 - 2 and 2 - 1
    assert failed_checks(engine) == {}
    # Yesterday: only the opening.
    assert held(engine, DAY - timedelta(days=1)) == {("Depot", "LPG-20"): (30, 0),
                                                     ("Depot", "LPG-50"): (10, 0)}


def test_a_return_that_differs_needs_a_reason_and_the_rest_stays_on_the_truck(
        engine, seeded, route):
    clerk = seeded["clerk"].actor
    lpg20, rid = route["lpg20"], route["route_id"]
    stock.load(engine, clerk, route_id=rid, request_key="load-1", lines=(Line(lpg20.id, 6),))
    deliver(engine, clerk, route["orders"][0], "d-a", empties=2)
    with pytest.raises(ValidationError) as refused:
        stock.return_(engine, clerk, route_id=rid, request_key="ret-1",
                      lines=(Line(lpg20.id, 3, 2),))
    assert "reason" in refused.value.field_errors
    assert "LPG-20: -1 full, +0 empty" in refused.value.message()
    stock.return_(engine, clerk, route_id=rid, request_key="ret-1",
                  lines=(Line(lpg20.id, 3, 2),), reason="一瓶留在車上")
    day = stock.truck_day(engine, rid)
    assert day.returned and day.reason == "一瓶留在車上"
    assert (day.lines[0].difference_full, day.lines[0].difference_empty) == (-1, 0)
    assert held(engine)[(day.plate, "LPG-20")] == (1, 0)
    assert failed_checks(engine) == {}


def test_the_same_request_twice_saves_once_and_its_key_with_other_counts_is_refused(
        engine, seeded, route):
    clerk = seeded["clerk"].actor
    lpg20, rid = route["lpg20"], route["route_id"]
    first = stock.load(engine, clerk, route_id=rid, request_key="load-1",
                       lines=(Line(lpg20.id, 6),))
    again = stock.load(engine, clerk, route_id=rid, request_key="load-1",
                       lines=(Line(lpg20.id, "6"),))
    assert again.id == first.id
    with pytest.raises(KeyReused):
        stock.load(engine, clerk, route_id=rid, request_key="load-1",
                   lines=(Line(lpg20.id, 5),))
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(StockDoc)
                        .where(StockDoc.kind == "load")) == 1


def test_nothing_takes_more_from_a_place_than_it_holds(engine, seeded, route):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    lpg20, lpg50 = route["lpg20"], route["lpg50"]
    depot = depot_of(engine)
    with pytest.raises(ValidationError) as refused:
        stock.load(engine, clerk, route_id=route["route_id"], request_key="load-1",
                   lines=(Line(lpg20.id, 31),))
    assert refused.value.message().startswith(
        f"Depot holds 30 full and 0 empty LPG-20 on {DAY.isoformat()} (or later): it cannot "
        "give 31 full and 0 empty.")
    with pytest.raises(ValidationError, match="0 empty LPG-50"):
        stock.to_plant(engine, clerk, request_key="p-1", day=DAY, depot_id=depot.id,
                       lines=(Line(lpg50.id, 0, 1),))
    # Taken out yesterday, what was there was gone by today? A later day counts too.
    stock.transfer(engine, clerk, request_key="t-1", day=DAY, from_id=depot.id,
                   to_id=stock.save_depot(engine, manager, name="北屯站").id,
                   lines=(Line(lpg20.id, 25),))
    with pytest.raises(ValidationError, match="5 full"):
        stock.scrap(engine, manager, request_key="s-1", day=DAY - timedelta(days=1),
                    location_id=depot.id, lines=(Line(lpg20.id, 6),), reason="凹陷")
    for bad in (Line(lpg20.id, -1), Line(lpg20.id, "x"), Line(lpg20.id, 0)):
        with pytest.raises(ValidationError):
            stock.to_station(engine, clerk, request_key="st-1", day=DAY, depot_id=depot.id,
                             lines=(bad,))
    assert failed_checks(engine) == {}


def test_empties_to_the_plant_and_a_purchase_with_its_cost_and_the_months_margin(
        engine, seeded, route):
    clerk = seeded["clerk"].actor
    lpg20, rid = route["lpg20"], route["route_id"]
    depot = depot_of(engine)
    stock.load(engine, clerk, route_id=rid, request_key="load-1", lines=(Line(lpg20.id, 6),))
    for n, o in enumerate(route["orders"]):
        deliver(engine, clerk, o, f"d-{n}", empties=2)
    stock.return_(engine, clerk, route_id=rid, request_key="ret-1",
                  lines=(Line(lpg20.id, 0, 6),))
    stock.to_plant(engine, clerk, request_key="p-1", day=DAY, depot_id=depot.id,
                   lines=(Line(lpg20.id, 0, 6),))
    assert held(engine)[("Filling plant", "LPG-20")] == (0, 6)
    doc = stock.purchase(engine, clerk, request_key="b-1", day=DAY, depot_id=depot.id,
                         lines=(Line(lpg20.id, 8, cost_per_kg="31.5"),))
    received = next(m for m in doc.moves if m.location == "Depot")
    assert (received.full, received.cost_per_kg, received.cost) == (
        8, Decimal("31.5"), Decimal(5040))  # 8 x 20 kg x 31.5
    now = held(engine)
    assert ("Filling plant", "LPG-20") not in now  # its 6 empties used up, 2 cylinders new
    assert now[("Depot", "LPG-20")] == (24 + 8, 0)
    with pytest.raises(ValidationError, match="cost per kg"):
        stock.purchase(engine, clerk, request_key="b-2", day=DAY, depot_id=depot.id,
                       lines=(Line(lpg20.id, 1, cost_per_kg="0"),))
    row = next(r for r in stock.margin(engine, month=DAY.strftime("%Y-%m"))
               if r.sku == "LPG-20")
    assert (row.purchased, row.purchased_kg, row.cost, row.cost_per_kg) == (
        8, Decimal(160), Decimal(5040), Decimal("31.5"))
    assert (row.sold, row.sold_kg, row.sales) == (6, 120, Decimal(5400))
    assert row.sales_per_kg == Decimal(45) and row.margin == Decimal(5400 - 120 * 31.5)
    assert failed_checks(engine) == {}


def test_a_managers_correction_reverses_a_document_once_and_is_audited(engine, seeded, route):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    lpg20, rid = route["lpg20"], route["route_id"]
    load = stock.load(engine, clerk, route_id=rid, request_key="load-1",
                      lines=(Line(lpg20.id, 7),))
    with pytest.raises(PermissionDenied):
        stock.correction(engine, clerk, request_key="c-1", doc_id=load.id, reason="多算")
    with pytest.raises(ValidationError):
        stock.correction(engine, manager, request_key="c-1", doc_id=load.id, reason=" ")
    fixed = stock.correction(engine, manager, request_key="c-1", doc_id=load.id, reason="多算")
    assert fixed.corrects_id == load.id and fixed.route_id == rid
    assert sorted((m.location, m.full) for m in fixed.moves) == sorted(
        (m.location, -m.full) for m in load.moves)
    assert stock.documents(engine, day=DAY, route_id=rid)[1].corrected_by == fixed.id
    with pytest.raises(DomainError, match="corrected already"):
        stock.correction(engine, manager, request_key="c-2", doc_id=load.id, reason="again")
    assert not stock.truck_day(engine, rid).lines[0].loaded_full
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(AuditEntry.action).where(
            AuditEntry.entity == "stock_doc", AuditEntry.entity_id == str(load.id))) == \
            "corrected"
    d = deliver(engine, clerk, route["orders"][0], "d-a")
    delivery_doc = stock.documents(engine, day=DAY, deliveries=True)[0]
    assert delivery_doc.kind == "delivery" and delivery_doc.delivery_id == d.id
    with pytest.raises(DomainError, match="undoing the delivery"):
        stock.correction(engine, manager, request_key="c-3", doc_id=delivery_doc.id,
                         reason="x")
    for refused in (lambda: stock.scrap(engine, clerk, request_key="s", day=DAY,
                                        location_id=depot_of(engine).id,
                                        lines=(Line(lpg20.id, 1),), reason="破"),
                    lambda: stock.opening(engine, clerk, request_key="o", day=DAY,
                                          depot_id=depot_of(engine).id,
                                          lines=(Line(lpg20.id, 1),))):
        with pytest.raises(PermissionDenied):
            refused()
    failed = failed_checks(engine)
    assert failed == {}


def test_an_undone_delivery_takes_its_cylinders_back_to_the_truck(engine, seeded, route):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    lpg20, rid = route["lpg20"], route["route_id"]
    stock.load(engine, clerk, route_id=rid, request_key="load-1", lines=(Line(lpg20.id, 6),))
    d = deliver(engine, clerk, route["orders"][0], "d-a", empties=1)
    plate = stock.truck_day(engine, rid).plate
    assert held(engine)[(plate, "LPG-20")] == (4, 1)
    deliveries.undo(engine, manager, delivery_id=d.id, reason="送錯")
    assert held(engine)[(plate, "LPG-20")] == (6, 0)
    assert ("Customers", "LPG-20") not in held(engine)
    assert [x.kind for x in stock.documents(engine, day=DAY, deliveries=True)][:2] == [
        "delivery_undone", "delivery"]
    assert failed_checks(engine) == {}


def test_an_order_on_no_route_comes_from_the_first_depot(engine, seeded, route):
    clerk = seeded["clerk"].actor
    o = orders.place(engine, clerk, order_for(route["people"][0], line(route["lpg50"], 2),
                                              delivery_date=DAY))
    with unit_of_work(engine) as s:  # scheduled, then its route's stop removed
        s.execute(update(Order).where(Order.id == o.id).values(status="scheduled"))
    deliver(engine, clerk, o, "walk-in")
    assert held(engine)[("Depot", "LPG-50")] == (8, 0)
    assert held(engine)[("Customers", "LPG-50")] == (2, 0)
    assert failed_checks(engine) == {}


def test_deliveries_beyond_the_load_leave_the_truck_below_zero_noted_not_broken(
        engine, seeded, route):
    from core import checks
    clerk = seeded["clerk"].actor
    deliver(engine, clerk, route["orders"][0], "d-a")
    result = {r.name: r for r in checks.run(engine)}
    below = next(r for n, r in result.items() if "below zero" in n)
    assert below.ok and len(below.noted) == 1 and "-2 full LPG-20" in below.noted[0]
    assert failed_checks(engine) == {}


def test_depots_trucks_and_a_new_vehicles_truck(engine, seeded):
    dispatcher, clerk = seeded["dispatcher"].actor, seeded["clerk"].actor
    north = stock.save_depot(engine, dispatcher, name="北屯站", address="台中市北屯區",
                             lat=24.18, lon=120.69)
    with pytest.raises(PermissionDenied):
        stock.save_depot(engine, clerk, name="x")
    with pytest.raises(ValidationError):
        stock.save_depot(engine, dispatcher, name="y", lat=24.1)
    van = fleet.save_vehicle(engine, dispatcher, plate="kaa-1001", capacity=50)
    truck = next(x for x in stock.locations(engine) if x.vehicle_id == van.id)
    assert (truck.kind, truck.name, truck.depot) == ("truck", "KAA-1001", "Depot")
    moved = stock.set_truck_depot(engine, dispatcher, vehicle_id=van.id, depot_id=north.id)
    assert moved.depot_id == north.id
    fleet.save_vehicle(engine, dispatcher, plate="KAA-1002", capacity=50, vehicle_id=van.id)
    assert next(x for x in stock.locations(engine) if x.vehicle_id == van.id).name == "KAA-1002"
    renamed = stock.save_depot(engine, dispatcher, name="北屯二站", depot_id=north.id,
                               version=north.version)
    assert renamed.name == "北屯二站" and renamed.lat is None
    with unit_of_work(engine, write=False) as s:
        kinds = sorted(s.scalars(select(StockLocation.kind)))
    assert kinds == ["customers", "depot", "depot", "plant", "station", "truck"]


def test_stock_json_prints_one_line_per_location_and_size(db_url, engine, seeded, route,
                                                           capsys):
    clerk = seeded["clerk"].actor
    stock.load(engine, clerk, route_id=route["route_id"], request_key="load-1",
               lines=(Line(route["lpg20"].id, 6),))
    code = cli.main(["--db", db_url, "stock", "--at", DAY.isoformat(), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    rows = [json.loads(x) for x in out.splitlines()]
    plate = stock.truck_day(engine, route["route_id"]).plate
    assert {"location": "Depot", "kind": "depot", "sku": "LPG-20", "full": 24,
            "empty": 0} in rows
    assert {"location": plate, "kind": "truck", "sku": "LPG-20", "full": 6, "empty": 0} in rows
    assert len(rows) == 2 * 5  # depot, truck, customers, plant, station x two sizes
    code = cli.main(["--db", db_url, "stock", "--at", (DAY - timedelta(days=1)).isoformat()])
    out, _ = capsys.readouterr()
    assert code == 0 and "Depot" in out and " 30 " in out
    code = cli.main(["--db", db_url, "stock", "--at", "yesterday"])
    _, err = capsys.readouterr()
    assert code == 2 and "is not a date" in err


# --- a random day's work -------------------------------------------------------------------

def machine_for(new_database):  # noqa: F811 - the fixture's value
    class StockMachine(RuleBasedStateMachine):
        """One route of four stops of two LPG-20: loads, deliveries (some undone), returns,
        empties to the plant, purchases and scrap in any order; the model: what the depot
        should hold."""

        def __init__(self) -> None:
            super().__init__()
            url, self.drop = new_database()
            self.engine = make_engine(url)
            users = seed_users(self.engine)
            self.clerk, self.manager = users["clerk"].actor, users["manager"].actor
            self.lpg20, _ = sizes(self.engine, self.manager)
            people = [make_customer(self.engine, self.manager, f"P{n}", 1_000_000).id
                      for n in range(4)]
            self.orders, self.route = on_route(self.engine, users, self.lpg20, people,
                                               day=DAY, quantity=2)
            self.depot = depot_of(self.engine).id
            stock.opening(self.engine, self.manager, request_key="open", day=DAY,
                          depot_id=self.depot, lines=(Line(self.lpg20.id, 12, 4),))
            self.model = [12, 4]  # the depot's full, empty
            self.done: dict[int, int] = {}
            self.keys = iter(range(1, 10_000))

        def key(self) -> str:
            return f"k{next(self.keys)}"

        def _try(self, write, change=None):
            """Save twice (one effect); a refusal changes nothing."""
            key = self.key()
            try:
                first = write(key)
            except ValidationError:
                return
            assert write(key).id == first.id
            if change:
                change()

        @rule(n=st.integers(1, 8))
        def load(self, n):
            def change():
                self.model[0] -= n
            self._try(lambda k: stock.load(self.engine, self.clerk, route_id=self.route,
                                           request_key=k, lines=(Line(self.lpg20.id, n),)),
                      change)

        @precondition(lambda self: len(self.done) < 4)
        @rule(stop=st.integers(0, 3), empties=st.integers(0, 3))
        def deliver(self, stop, empties):
            stop = next(i for i in [stop, 0, 1, 2, 3] if i not in self.done)
            self.done[stop] = deliver(self.engine, self.clerk, self.orders[stop], self.key(),
                                      empties=empties).id

        @precondition(lambda self: self.done)
        @rule(stop=st.integers(0, 3))
        def undo(self, stop):
            stop = next(i for i in [stop, *self.done] if i in self.done)
            deliveries.undo(self.engine, self.manager, delivery_id=self.done.pop(stop),
                            reason="送錯")

        @rule(full=st.integers(0, 4), empty=st.integers(0, 4), off=st.booleans())
        def give_back(self, full, empty, off):
            def change():
                self.model[0] += full
                self.model[1] += empty
            self._try(lambda k: stock.return_(
                self.engine, self.clerk, route_id=self.route, request_key=k,
                lines=(Line(self.lpg20.id, full, empty),), reason="點錯" if off else ""),
                change)

        @rule(n=st.integers(1, 5))
        def to_plant(self, n):
            def change():
                self.model[1] -= n
            self._try(lambda k: stock.to_plant(self.engine, self.clerk, request_key=k, day=DAY,
                                               depot_id=self.depot,
                                               lines=(Line(self.lpg20.id, 0, n),)), change)

        @rule(n=st.integers(1, 6))
        def purchase(self, n):
            def change():
                self.model[0] += n
            self._try(lambda k: stock.purchase(self.engine, self.clerk, request_key=k, day=DAY,
                                               depot_id=self.depot,
                                               lines=(Line(self.lpg20.id, n,
                                                           cost_per_kg="30"),)), change)

        @rule(n=st.integers(1, 2))
        def scrap(self, n):
            def change():
                self.model[1] -= n
            self._try(lambda k: stock.scrap(self.engine, self.manager, request_key=k, day=DAY,
                                            location_id=self.depot,
                                            lines=(Line(self.lpg20.id, 0, n),), reason="破"),
                      change)

        @invariant()
        def the_depot_is_the_model(self):
            assert held(self.engine).get(("Depot", "LPG-20"), (0, 0)) == tuple(self.model)
            assert min(self.model) >= 0

        @invariant()
        def every_db_check_holds(self):
            assert failed_checks(self.engine) == {}

        def teardown(self):
            self.engine.dispose()
            self.drop()

    return StockMachine


def test_random_loads_deliveries_returns_plant_trips_and_scrap_keep_every_check(
        new_database):  # noqa: F811
    run_state_machine_as_test(machine_for(new_database), settings=settings(
        max_examples=8, stateful_step_count=20, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))


def test_serials_scanned_into_a_load_go_onto_the_truck_and_an_overdue_one_is_refused(
        engine, seeded, route):
    from core.services import cylinders
    from core.services.cylinders import CylinderInput

    clerk, lpg20, rid = seeded["clerk"].actor, route["lpg20"], route["route_id"]
    for serial, due in (("TW-0001", DAY + timedelta(days=200)), ("TW-0002", DAY - timedelta(1))):
        cylinders.register(engine, clerk, CylinderInput(
            serial, lpg20.id, date(2020, 1, 1), retest_due=due, full=True))
    with pytest.raises(DomainError, match="TW-0002"):
        stock.load(engine, clerk, route_id=rid, request_key="load-1",
                   lines=(Line(lpg20.id, 2),), serials=("TW-0001", "TW-0002"))
    assert not stock.documents(engine, day=DAY, route_id=rid)  # nothing saved
    stock.load(engine, clerk, route_id=rid, request_key="load-2", lines=(Line(lpg20.id, 2),),
               serials=("TW-0001",))
    assert cylinders.get(engine, "TW-0001").location_name == stock.truck_day(engine, rid).plate


def test_stock_through_the_office_server_prints_the_same_lines(server, engine, seeded, route,
                                                               tmp_path):
    from tests.integration.test_server import admin_cli

    shown = admin_cli(server, "stock", "--at", DAY.isoformat(), "--json",
                      config=tmp_path / "config")
    assert shown.returncode == 0, shown.stderr
    assert [json.loads(x) for x in shown.stdout.splitlines()] == [
        {"location": r.location, "kind": r.kind, "sku": r.sku, "full": r.full, "empty": r.empty}
        for r in stock.stock_at(engine, DAY)]
    assert {"location": "Depot", "kind": "depot", "sku": "LPG-20", "full": 30,
            "empty": 0} in [json.loads(x) for x in shown.stdout.splitlines()]


def test_loads_racing_for_one_depot_never_take_more_than_it_holds(engine, seeded, route):
    from concurrent.futures import ThreadPoolExecutor

    clerk, lpg20, rid = seeded["clerk"].actor, route["lpg20"], route["route_id"]

    def load(n):
        try:
            return stock.load(engine, clerk, route_id=rid, request_key=f"race-{n}",
                              lines=(Line(lpg20.id, 4),))
        except ValidationError:
            return None
    with ThreadPoolExecutor(8) as pool:
        done = [x for x in pool.map(load, range(10)) if x is not None]
    assert len(done) == 7  # 30 full: seven loads of 4, the rest refused
    assert held(engine)[("Depot", "LPG-20")] == (2, 0)
    assert failed_checks(engine) == {}
