"""The cylinder work attacked, on SQLite and PostgreSQL: request keys reused with other
content, counts, dates and costs typed another way or at a column's bound, sixteen clerks
racing for one depot, one customer's deposits, one inspection visit and one serial, a clerk
calling a manager's operations through core.api, the append-only tables changed around
the services, rows slipped in that ``db check`` must find, and a confirmation killed
half-way.  After each attack every db check holds."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from core.api import registry
from core.db import unit_of_work
from core.errors import DomainError, PermissionDenied, ValidationError
from core.models import (Delivery, DepositLine, DepositReceipt, DocumentCounter, LedgerEntry,
                         OrderLine, StockDoc, StockMove)
from core.money import MAX_AMOUNT
from core.requests import KeyReused
from core.services import (cylinders, deliveries, deposits, inspections, orders, products,
                           settings, stock)
from core.services.cylinders import CylinderInput, RetestRuleInput
from core.services.deliveries import DeliveryInput, LineResult
from core.services.products import ProductInput
from core.services.stock import Line
from tests.integration.money import on_route
from tests.integration.shop import LAST_YEAR, failed_checks, line, make_customer, order_for

TODAY = date.today()
DAY = TODAY + timedelta(days=1)
D20 = Decimal(1500)
BOUND = 2**31
ALL_OK = [(k, True) for k in inspections.ITEMS]


def key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def shop(engine, seeded):
    """LPG-20 (20 kg, deposit 1,500) and LPG-50 (50 kg, no deposit); the depot opened
    yesterday with 30 full LPG-20 and 10 full LPG-50."""
    manager = seeded["manager"].actor
    settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16",
                            depot_lon="120.63")

    def product(sku, kg, price, deposit):
        return products.save(engine, manager, ProductInput(
            sku=sku, name_zh=f"液化石油氣 {kg}公斤", name_en=f"LPG {kg} kg", unit="cylinder",
            price=Decimal(price), price_from=LAST_YEAR, weight_kg=kg, deposit=deposit))
    lpg20, lpg50 = product("LPG-20", 20, 900, D20), product("LPG-50", 50, 2180, 0)
    depots = [x for x in stock.locations(engine) if x.kind == "depot"]
    depot = depots[0] if depots else stock.save_depot(engine, manager, name="Depot")
    assert depot.name == "Depot"
    stock.opening(engine, manager, request_key=key(), day=TODAY - timedelta(days=1),
                  depot_id=depot.id, lines=(Line(lpg20.id, 30), Line(lpg50.id, 10)))
    return dict(lpg20=lpg20, lpg50=lpg50, depot=depot.id, manager=manager,
                clerk=seeded["clerk"].actor)


def held(engine, day=DAY) -> dict[tuple[str, str], tuple[int, int]]:
    return {(r.location, r.sku): (r.full, r.empty) for r in stock.stock_at(engine, day)
            if r.full or r.empty}


def ledger_kinds(engine, customer_id):
    with unit_of_work(engine, write=False) as s:
        return dict(s.execute(select(LedgerEntry.kind, func.sum(LedgerEntry.amount))
                              .where(LedgerEntry.customer_id == customer_id)
                              .group_by(LedgerEntry.kind)).all())


def line_ids(engine, order_id):
    with unit_of_work(engine, write=False) as s:
        return list(s.scalars(select(OrderLine.id).where(OrderLine.order_id == order_id)
                              .order_by(OrderLine.line_no)))


# --- request keys --------------------------------------------------------------------------

def test_every_stock_document_saves_its_request_once_and_refuses_its_key_with_other_content(
        engine, shop):
    clerk, manager, lpg20, depot = shop["clerk"], shop["manager"], shop["lpg20"], shop["depot"]
    other = stock.save_depot(engine, manager, name="Depot 2").id
    calls = {
        "to_plant": (stock.to_plant, clerk, dict(day=DAY, depot_id=depot,
                                                  lines=(Line(lpg20.id, 0, 0),))),
        "transfer": (stock.transfer, clerk, dict(day=DAY, from_id=depot, to_id=other,
                                                  lines=(Line(lpg20.id, 2),))),
        "to_station": (stock.to_station, clerk, dict(day=DAY, depot_id=depot,
                                                      lines=(Line(lpg20.id, 1),))),
        "purchase": (stock.purchase, clerk, dict(day=DAY, depot_id=depot,
                                                  lines=(Line(lpg20.id, 2, 0, "24.5"),))),
        "scrap": (stock.scrap, manager, dict(day=DAY, location_id=depot, reason="dented",
                                             lines=(Line(lpg20.id, 1),))),
        "opening": (stock.opening, manager, dict(day=DAY, depot_id=other,
                                                 lines=(Line(lpg20.id, 3),))),
    }
    # to_plant takes empties: give the depot some first.
    stock.opening(engine, manager, request_key=key(), day=TODAY, depot_id=depot,
                  lines=(Line(lpg20.id, 30, 5),))
    calls["to_plant"][2]["lines"] = (Line(lpg20.id, 0, 2),)
    for name, (fn, actor, args) in calls.items():
        k = key()
        first = fn(engine, actor, request_key=k, **args)
        assert fn(engine, actor, request_key=k, **args).id == first.id, name
        changed = {**args, "lines": tuple(Line(x.product_id, int(x.full) + 1 if x.full else 0,
                                               int(x.empty) + 1 if x.empty else 0,
                                               x.cost_per_kg) for x in args["lines"])}
        with pytest.raises(KeyReused):
            fn(engine, actor, request_key=k, **changed)
        # The key of one kind of document for another kind: refused too.
        with pytest.raises(KeyReused):
            stock.transfer(engine, clerk, request_key=k, day=DAY, from_id=depot, to_id=other,
                           lines=(Line(lpg20.id, 1),))
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(StockDoc)) == 2 + len(calls)
    assert failed_checks(engine) == {}


def test_an_inspection_plans_request_key_with_another_day_or_customers_is_refused(
        engine, shop, seeded):
    clerk = shop["clerk"]
    a, b = (make_customer(engine, shop["manager"], code, 100_000) for code in ("IA", "IB"))
    k = key()
    first = inspections.plan(engine, clerk, day=DAY, customer_ids=[a.id], request_key=k)
    assert inspections.plan(engine, clerk, day=DAY, customer_ids=[a.id],
                            request_key=k) == first
    with pytest.raises(KeyReused):
        inspections.plan(engine, clerk, day=DAY + timedelta(days=3), customer_ids=[a.id],
                         request_key=k)
    with pytest.raises(KeyReused):
        inspections.plan(engine, clerk, day=DAY, customer_ids=[a.id, b.id], request_key=k)
    assert [v.customer_code for v in inspections.visits(engine, TODAY, DAY + timedelta(9))] \
        == ["IA"]
    assert inspections.visits(engine, TODAY, DAY + timedelta(9))[0].day == DAY
    assert failed_checks(engine) == {}


def _visit(engine, seeded, customer) -> int:
    from tests.integration.test_inspections import on_route as visit_route

    visit = inspections.plan(engine, seeded["clerk"].actor, day=DAY, customer_ids=[customer.id],
                             request_key=key()).visits[0]
    visit_route(engine, seeded, [visit.order_id])
    return visit.order_id


def test_an_inspection_records_request_key_with_another_result_or_visit_is_refused(
        engine, shop, seeded):
    clerk = shop["clerk"]
    a, b = (make_customer(engine, shop["manager"], code, 100_000) for code in ("IA", "IB"))
    va, vb = _visit(engine, seeded, a), _visit(engine, seeded, b)
    k = key()
    first = inspections.record(engine, clerk, order_id=va, result="pass", items=ALL_OK,
                               inspector="王大明", request_key=k)
    again = inspections.record(engine, clerk, order_id=va, result="pass", items=ALL_OK,
                               inspector="王大明", request_key=k)
    assert again.id == first.id
    with pytest.raises(KeyReused):  # the key again, for a fail: never "passed" silently
        inspections.record(engine, clerk, order_id=va, result="fail",
                           items=[(k_, k_ != "hose") for k_ in inspections.ITEMS],
                           remarks="hose cracked", inspector="王大明", request_key=k)
    with pytest.raises(KeyReused):  # the key again, for another customer's visit
        inspections.record(engine, clerk, order_id=vb, result="pass", items=ALL_OK,
                           inspector="王大明", request_key=k)
    assert inspections.history(engine, b.id) == []
    assert orders.get(engine, vb).status == "scheduled"
    assert failed_checks(engine) == {}


# --- values typed another way --------------------------------------------------------------

@pytest.mark.parametrize("typed, read", [(" 3 ", 3), ("3", 3), ("1,000", None), ("3.0", None),
                                         ("-1", None), ("1e3", None), ("", None), ("١٢", 12),
                                         ("１２", 12), ("²", None),
                                         (str(BOUND), None), (BOUND, None), ("3_0", None)])
def test_counts_typed_another_way_are_read_exactly_or_refused_by_field(
        engine, shop, typed, read):
    clerk, lpg20, depot = shop["clerk"], shop["lpg20"], shop["depot"]
    other = stock.save_depot(engine, shop["manager"], name="Depot 2").id
    before = held(engine)
    if read is None:
        with pytest.raises(ValidationError) as refused:
            stock.transfer(engine, clerk, request_key=key(), day=DAY, from_id=depot,
                           to_id=other, lines=(Line(lpg20.id, typed),))
        assert set(refused.value.field_errors) <= {"LPG-20.full", "lines"}
        assert held(engine) == before
    else:
        stock.transfer(engine, clerk, request_key=key(), day=DAY, from_id=depot, to_id=other,
                       lines=(Line(lpg20.id, typed),))
        assert held(engine)[("Depot 2", "LPG-20")] == (read, 0)
    assert failed_checks(engine) == {}


def test_a_count_at_the_integer_columns_bound_is_refused_in_every_stock_document_field(
        engine, shop, seeded):
    clerk, manager, lpg20, depot = shop["clerk"], shop["manager"], shop["lpg20"], shop["depot"]
    c = make_customer(engine, manager, "B1", 1_000_000)
    [order], route_id = on_route(engine, seeded, lpg20, [c.id], day=DAY)
    other = stock.save_depot(engine, manager, name="Depot 2").id
    for big in (BOUND, str(BOUND), -BOUND, BOUND * BOUND):
        for f, e in ((big, 0), (0, big)):
            attempts = [
                lambda: stock.load(engine, clerk, route_id=route_id, request_key=key(),
                                   lines=(Line(lpg20.id, f, e),)),
                lambda: stock.return_(engine, clerk, route_id=route_id, request_key=key(),
                                      lines=(Line(lpg20.id, f, e),), reason="counted"),
                lambda: stock.to_plant(engine, clerk, request_key=key(), day=DAY,
                                       depot_id=depot, lines=(Line(lpg20.id, f, e),)),
                lambda: stock.to_station(engine, clerk, request_key=key(), day=DAY,
                                         depot_id=depot, lines=(Line(lpg20.id, f, e),)),
                lambda: stock.from_station(engine, clerk, request_key=key(), day=DAY,
                                           depot_id=depot, lines=(Line(lpg20.id, f, e),)),
                lambda: stock.transfer(engine, clerk, request_key=key(), day=DAY,
                                       from_id=depot, to_id=other,
                                       lines=(Line(lpg20.id, f, e),)),
                lambda: stock.scrap(engine, manager, request_key=key(), day=DAY,
                                    location_id=depot, reason="x",
                                    lines=(Line(lpg20.id, f, e),)),
                lambda: stock.opening(engine, manager, request_key=key(), day=DAY,
                                      depot_id=depot, lines=(Line(lpg20.id, f, e),)),
            ]
            if f:
                attempts.append(lambda: stock.purchase(
                    engine, clerk, request_key=key(), day=DAY, depot_id=depot,
                    lines=(Line(lpg20.id, f, 0, "24"),)))
            for attempt in attempts:
                with pytest.raises(ValidationError):
                    attempt()
        with pytest.raises(ValidationError):
            deposits.set_exemption(engine, manager, customer_id=c.id, product_id=lpg20.id,
                                   count=big, reason="contract 7")
        with pytest.raises(ValidationError):
            deliveries.confirm(engine, clerk, DeliveryInput(order.id, key(), "delivered", (
                LineResult(line_ids(engine, order.id)[0], 1, big),)))
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(StockDoc)) == 1  # the opening
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("empties", ["", "abc", " 2 ", "2.5", "-1", str(BOUND)])
def test_empties_collected_at_a_failed_stop_typed_another_way_are_read_or_refused(
        engine, shop, seeded, empties):
    c = make_customer(engine, shop["manager"], "F1", 1_000_000)
    [order], _ = on_route(engine, seeded, shop["lpg20"], [c.id], day=DAY)
    data = DeliveryInput(order.id, key(), "failed", (
        LineResult(line_ids(engine, order.id)[0], 0, empties),), reason="nobody home")
    if empties.strip() in ("", "2"):
        d = deliveries.confirm(engine, shop["clerk"], data)
        assert d.lines[0][2] == int(empties.strip() or 0)
    else:
        with pytest.raises(ValidationError) as refused:
            deliveries.confirm(engine, shop["clerk"], data)
        assert list(refused.value.field_errors) == ["line1.empties"]
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("typed, per_kg", [("24.5", Decimal("24.5")), (" 24.5 ", Decimal("24.5")),
                                           ("1,024.5", Decimal("1024.5")), ("24,5", None),
                                           ("2,45", None), ("1,0000", None), ("0", None),
                                           ("1e-9", None), ("NaN", None), ("-Infinity", None),
                                           ("24.12345", None), ("100001", None), ("", None)])
def test_a_purchases_cost_per_kg_typed_another_way_is_read_exactly_or_refused(
        engine, shop, typed, per_kg):
    clerk, lpg20, depot = shop["clerk"], shop["lpg20"], shop["depot"]
    buy = dict(request_key=key(), day=DAY, depot_id=depot, lines=(Line(lpg20.id, 3, 0, typed),))
    if per_kg is None:
        with pytest.raises(ValidationError) as refused:
            stock.purchase(engine, clerk, **buy)
        assert list(refused.value.field_errors) == ["LPG-20.cost_per_kg"]
    else:
        doc = stock.purchase(engine, clerk, **buy)
        [receiving] = [m for m in doc.moves if m.full]
        assert (receiving.cost_per_kg, receiving.cost) == (per_kg, 3 * 20 * per_kg)
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("month", ["2026-W49", "2026-012", "202612", "2026/12", "115-12", "9999-12",
                                   "2026-13", ""])
def test_the_margins_month_typed_another_way_is_refused(engine, shop, month):
    with pytest.raises(ValidationError):
        stock.margin(engine, month=month)


def test_the_largest_deposit_times_the_largest_count_is_charged_and_refunded_exactly(
        engine, shop, seeded):
    manager, clerk = shop["manager"], shop["clerk"]
    big = products.save(engine, manager, ProductInput(
        sku="LPG-BIG", name_zh="大瓶", name_en="Big", unit="cylinder", price=Decimal(1),
        price_from=LAST_YEAR, weight_kg=50, deposit=MAX_AMOUNT))
    count = int(orders.MAX_QUANTITY)
    cash = make_customer(engine, manager, "BIG1", None)
    account = make_customer(engine, manager, "BIG2", 10 * count)
    placed, route_id = on_route(engine, seeded, big, [cash.id, account.id], day=DAY,
                                quantity=count, payment=["cash", "account"])
    for o in placed:
        deliveries.confirm(engine, clerk, DeliveryInput(
            o.id, key(), "delivered", cash_collected=o.total if o.payment == "cash" else 0))
    charged = {r.customer_id: r.amount for r in deposits.receipts(engine)}
    assert charged == {cash.id: MAX_AMOUNT * count, account.id: MAX_AMOUNT * count}
    assert deposits.liability(engine).total == 2 * MAX_AMOUNT * count
    from core.services import cashup
    [route] = [r for r in cashup.routes_of_day(engine, DAY) if r.route_id == route_id]
    assert route.deposits == MAX_AMOUNT * count
    # 10,000 empties back with one more full, on account: 9,999 deposits refunded exactly.
    [back], _ = on_route(engine, seeded, big, [account.id], day=DAY, quantity=1,
                         payment="cash")  # its balance is far over any limit now
    deliveries.confirm(engine, clerk, DeliveryInput(back.id, key(), "delivered", (
        LineResult(line_ids(engine, back.id)[0], 1, 10_000),), cash_collected=back.total))
    [size] = deposits.held(engine, account.id)
    assert (size.held, size.on_deposit) == (count - 9_999, count - 9_999)
    assert size.deposits == MAX_AMOUNT * (count - 9_999)
    assert ledger_kinds(engine, account.id)["deposit"] == MAX_AMOUNT * count
    assert deposits.liability(engine).total == MAX_AMOUNT * (2 * count - 9_999)
    assert failed_checks(engine) == {}


# --- sixteen at once -----------------------------------------------------------------------

def _race(n, fn):
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(fn, range(n)))


def test_sixteen_loads_racing_for_a_depots_last_cylinders_take_what_it_holds(
        engine, shop, seeded):
    clerk, lpg20 = shop["clerk"], shop["lpg20"]
    people = [make_customer(engine, shop["manager"], f"R{n}", 1_000_000).id for n in range(16)]
    routes = [on_route(engine, seeded, lpg20, [cid], day=DAY)[1] for cid in people]

    def load(n):
        try:
            return stock.load(engine, clerk, route_id=routes[n], request_key=f"race-{n}",
                              lines=(Line(lpg20.id, 3),))
        except ValidationError as exc:
            assert "Depot holds" in exc.message(), exc.message()
            return None
    done = [x for x in _race(16, load) if x is not None]
    assert len(done) == 10  # 30 full: ten loads of 3
    assert ("Depot", "LPG-20") not in held(engine)  # none left, none below zero
    assert failed_checks(engine) == {}


def test_sixteen_confirmations_for_one_customer_charge_every_deposit_once_without_gaps(
        engine, shop, seeded):
    clerk, lpg20 = shop["clerk"], shop["lpg20"]
    c = make_customer(engine, shop["manager"], "R1", 10_000_000)
    cash = make_customer(engine, shop["manager"], "R2", None)
    placed, route_id = on_route(engine, seeded, lpg20, [c.id] * 8 + [cash.id] * 8, day=DAY,
                                quantity=2, payment=["account"] * 8 + ["cash"] * 8)

    def confirm(n):
        o = placed[n]
        try:
            return deliveries.confirm(engine, clerk, DeliveryInput(
                o.id, f"race-{n}", "delivered",
                cash_collected=o.total if o.payment == "cash" else 0))
        except Exception as exc:  # noqa: BLE001 - the test shows it
            return exc
    results = _race(16, confirm)
    assert [r for r in results if isinstance(r, Exception)] == []
    for who in (c, cash):
        assert deposits.held(engine, who.id)[0].on_deposit == 16
        assert deposits.held(engine, who.id)[0].deposits == 16 * D20
    numbers = sorted(r.number for r in deposits.receipts(engine))
    assert numbers == [f"DP-{DAY.year}-{n:06d}" for n in range(1, 17)]
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.sum(LedgerEntry.amount)).where(
            LedgerEntry.customer_id == c.id, LedgerEntry.kind == "deposit")) == 8 * 2 * D20
    assert failed_checks(engine) == {}


def test_sixteen_plans_of_one_customers_visit_make_one_visit(engine, shop):
    clerk = shop["clerk"]
    c = make_customer(engine, shop["manager"], "V1", 100_000)
    same = key()

    def plan(n):
        return inspections.plan(engine, clerk, day=DAY, customer_ids=[c.id],
                                request_key=same if n % 2 else f"visit-{n}")
    results = _race(16, plan)
    made = {v.order_id for r in results for v in r.visits}
    already = {v.order_id for r in results for v in r.already}
    assert len(made | already) == 1
    assert len(inspections.visits(engine, TODAY, DAY)) == 1
    assert failed_checks(engine) == {}


def test_sixteen_scans_of_one_serial_into_different_documents_leave_it_where_the_last_put_it(
        engine, shop):
    clerk, lpg20, depot = shop["clerk"], shop["lpg20"], shop["depot"]
    cylinders.register(engine, clerk, CylinderInput("TW-RACE-1", lpg20.id, date(2022, 1, 1),
                                                    full=True))

    def send(n):
        try:
            return stock.to_station(engine, clerk, request_key=f"scan-{n}", day=DAY,
                                    depot_id=depot, lines=(Line(lpg20.id, 1),),
                                    serials=("tw-race-1",))
        except DomainError as exc:
            return exc
    results = _race(16, send)
    assert not [r for r in results if not isinstance(r, (stock.DocView, DomainError))]
    assert cylinders.get(engine, "TW-RACE-1").location_kind == "station"
    assert failed_checks(engine) == {}


# --- roles ---------------------------------------------------------------------------------

def test_a_clerk_calling_a_managers_cylinder_operations_directly_is_refused_by_the_core(
        engine, shop, seeded):
    clerk, lpg20, depot = shop["clerk"], shop["lpg20"], shop["depot"]
    c = make_customer(engine, shop["manager"], "P1", 100_000)
    doc = stock.transfer(engine, clerk, request_key=key(), day=DAY, from_id=depot,
                         to_id=stock.save_depot(engine, shop["manager"], name="D2").id,
                         lines=(Line(lpg20.id, 1),))
    calls = {
        "stock.scrap": dict(request_key=key(), day=DAY, location_id=depot,
                            lines=(Line(lpg20.id, 1),), reason="x"),
        "stock.opening": dict(request_key=key(), day=DAY, depot_id=depot,
                              lines=(Line(lpg20.id, 99),)),
        "stock.correction": dict(request_key=key(), doc_id=doc.id, reason="x"),
        "deposits.set_exemption": dict(customer_id=c.id, product_id=lpg20.id, count=5,
                                       reason="contract"),
        "inspections.clear": dict(customer_id=c.id, reason="fixed"),
        "cylinders.set_retest_rules": dict(rows=[RetestRuleInput("steel", 0, 0, 1, 2)]),
    }
    services = {"stock.scrap": stock.scrap, "stock.opening": stock.opening,
                "stock.correction": stock.correction,
                "deposits.set_exemption": deposits.set_exemption,
                "inspections.clear": inspections.clear,
                "cylinders.set_retest_rules": cylinders.set_retest_rules}
    for who in ("clerk", "dispatcher"):
        actor = seeded[who].actor
        for name, args in calls.items():
            with pytest.raises(PermissionDenied):
                registry.get(name).call(engine, actor, dict(args))
            with pytest.raises(PermissionDenied):  # the function itself, not only the registry
                if name == "cylinders.set_retest_rules":
                    services[name](engine, actor, args["rows"])
                else:
                    services[name](engine, actor, **args)
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(StockDoc)) == 2
    assert cylinders.retest_rules(engine) != [cylinders.RetestRuleView("steel", 0, 0, 1, 2)]
    assert failed_checks(engine) == {}


def test_an_unknown_or_inactive_place_is_refused_by_field(engine, shop):
    clerk, manager, lpg20 = shop["clerk"], shop["manager"], shop["lpg20"]
    closed = stock.save_depot(engine, manager, name="Closed")
    stock.save_depot(engine, manager, name="Closed", depot_id=closed.id, active=False)
    for place in (closed.id, 999_999, -1):
        for attempt in (
                lambda: stock.to_plant(engine, clerk, request_key=key(), day=DAY,
                                       depot_id=place, lines=(Line(lpg20.id, 0, 1),)),
                lambda: stock.purchase(engine, clerk, request_key=key(), day=DAY,
                                       depot_id=place, lines=(Line(lpg20.id, 1, 0, "20"),)),
                lambda: stock.transfer(engine, clerk, request_key=key(), day=DAY,
                                       from_id=shop["depot"], to_id=place,
                                       lines=(Line(lpg20.id, 1),)),
                lambda: stock.opening(engine, manager, request_key=key(), day=DAY,
                                      depot_id=place, lines=(Line(lpg20.id, 1),)),
                lambda: stock.scrap(engine, manager, request_key=key(), day=DAY,
                                    location_id=place, lines=(Line(lpg20.id, 1),),
                                    reason="x")):
            with pytest.raises(ValidationError):
                attempt()
    with pytest.raises(ValidationError):  # from a place to itself
        stock.transfer(engine, clerk, request_key=key(), day=DAY, from_id=shop["depot"],
                       to_id=shop["depot"], lines=(Line(lpg20.id, 1),))
    assert failed_checks(engine) == {}


def test_serials_of_an_undone_delivery_are_refused(engine, shop, seeded):
    clerk, lpg20 = shop["clerk"], shop["lpg20"]
    c = make_customer(engine, shop["manager"], "S1", 1_000_000)
    [order], _ = on_route(engine, seeded, lpg20, [c.id], day=DAY)
    d = deliveries.confirm(engine, clerk, DeliveryInput(order.id, key(), "delivered"))
    cylinders.register(engine, clerk, CylinderInput("TW-S-1", lpg20.id, date(2022, 1, 1)))
    deliveries.undo(engine, seeded["manager"].actor, delivery_id=d.id, reason="wrong stop")
    with pytest.raises(DomainError):
        cylinders.scan_delivery(engine, clerk, d.id, ["TW-S-1"], [], key())
    with pytest.raises(DomainError):
        cylinders.scan_delivery(engine, clerk, 999_999, ["TW-S-1"], [], key())
    assert failed_checks(engine) == {}


# --- around the services -------------------------------------------------------------------

APPEND_ONLY = {
    "stock_doc": "UPDATE stock_doc SET reason = 'nothing' ",
    "stock_move": "UPDATE stock_move SET empty = empty + 1",
    "deposit_receipt": "UPDATE deposit_receipt SET amount = 0",
    "deposit_line": "UPDATE deposit_line SET count = 0",
    "deposit_exemption": "UPDATE deposit_exemption SET count = 99",
    "cylinder_scan": "UPDATE cylinder_scan SET location_id = location_id",
}


def _deposited(engine, shop, seeded):
    """A customer with a deposit receipt, an exemption and a scanned serial."""
    clerk, lpg20 = shop["clerk"], shop["lpg20"]
    c = make_customer(engine, shop["manager"], "T1", 1_000_000)
    [order], _ = on_route(engine, seeded, lpg20, [c.id], day=DAY, quantity=2)
    d = deliveries.confirm(engine, clerk, DeliveryInput(order.id, key(), "delivered"))
    deposits.set_exemption(engine, shop["manager"], customer_id=c.id, product_id=lpg20.id,
                           count=1, reason="contract 1")
    cylinders.register(engine, clerk, CylinderInput("TW-T-1", lpg20.id, date(2022, 1, 1)))
    cylinders.scan_delivery(engine, clerk, d.id, ["TW-T-1"], [], key())
    return c, d


def test_the_append_only_tables_refuse_update_and_delete_even_to_the_owner(
        engine, shop, seeded):
    _deposited(engine, shop, seeded)
    for table, update in APPEND_ONLY.items():
        for statement in (update, f"DELETE FROM {table}"):
            with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
                conn.execute(text(statement))
            assert f"{table} rows are never changed or deleted" in str(caught.value), statement
    assert failed_checks(engine) == {}


postgresql_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True)


@postgresql_only
def test_the_servers_database_role_cannot_update_or_delete_the_cylinder_history(
        engine, db_url, shop, seeded, pg_server):
    import psycopg

    from core import roles
    from core.db import make_engine
    from tests.integration.test_roles import app_url

    _deposited(engine, shop, seeded)
    name = f"rs_cyl_{os.getpid()}"
    roles.setup(engine, name, "app-role-password-1")
    app = make_engine(app_url(db_url, name).replace("app-role-password-1",
                                                    "app-role-password-1"))
    try:
        for table, update in APPEND_ONLY.items():
            for statement in (update, f"DELETE FROM {table}", f"TRUNCATE {table} CASCADE"):
                with pytest.raises(DBAPIError) as caught, app.begin() as conn:
                    conn.execute(text(statement))
                assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege), \
                    statement
        with app.begin() as conn:  # what the services do is allowed
            assert conn.scalar(text("SELECT count(*) FROM deposit_line")) >= 1
    finally:
        app.dispose()
        with engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {name}"))
        engine.dispose()
        pg_server.execute(f"DROP ROLE IF EXISTS {name}")


def test_db_check_finds_a_stock_move_slipped_in_beside_a_document(engine, shop, seeded):
    clerk, lpg20, depot = shop["clerk"], shop["lpg20"], shop["depot"]
    other = stock.save_depot(engine, shop["manager"], name="Depot 2").id
    doc = stock.transfer(engine, clerk, request_key=key(), day=DAY, from_id=depot,
                         to_id=other, lines=(Line(lpg20.id, 2),))
    with unit_of_work(engine) as s:
        s.execute(insert(StockMove), [dict(doc_id=doc.id, day=DAY, location_id=other,
                                           product_id=lpg20.id, full=5, empty=0)])
    assert "a size's stock changes in total only by openings, purchases, scrap and " \
        "corrections" in failed_checks(engine)


def test_db_check_finds_fulls_slipped_into_a_purchase(engine, shop, seeded):
    clerk, lpg20, depot = shop["clerk"], shop["lpg20"], shop["depot"]
    doc = stock.purchase(engine, clerk, request_key=key(), day=DAY, depot_id=depot,
                         lines=(Line(lpg20.id, 2, 0, "24"),))
    assert failed_checks(engine) == {}
    with unit_of_work(engine) as s:
        s.execute(insert(StockMove), [dict(doc_id=doc.id, day=DAY, location_id=depot,
                                           product_id=lpg20.id, full=50, empty=0)])
    assert any("purchase" in name for name in failed_checks(engine))


def test_db_check_finds_a_deposit_line_slipped_in_and_one_without_its_receipt_is_refused(
        engine, shop, seeded):
    c, d = _deposited(engine, shop, seeded)
    assert failed_checks(engine) == {}
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        s.execute(insert(DepositLine), [dict(receipt_id=999_999, customer_id=c.id,
                                             product_id=shop["lpg20"].id, count=1,
                                             unit_deposit=D20, amount=D20)])
    with unit_of_work(engine, write=False) as s:
        receipt_id = s.scalar(select(DepositReceipt.id))
    with unit_of_work(engine) as s:
        s.execute(insert(DepositLine), [dict(receipt_id=receipt_id, customer_id=c.id,
                                             product_id=shop["lpg20"].id, count=-1,
                                             unit_deposit=D20, amount=-D20)])
    failed = failed_checks(engine)
    assert "deposits held equal deposits charged less refunded, per customer and size" in failed
    assert any("deposit receipt" in name for name in failed)


# --- killed half-way -----------------------------------------------------------------------

KILLED = textwrap.dedent("""
    import os, sys, types
    from core.db import make_engine
    from core.services import deliveries, deposits
    from core.services.actor import SYSTEM

    def die(*args, **kwargs):
        os._exit(77)   # as kill -9: nothing committed, nothing cleaned up

    deposits.chain = types.SimpleNamespace(ledger=die)  # after the receipt's rows, before
    engine = make_engine(sys.argv[1])                   # the ledger's: half-way
    deliveries.confirm(engine, SYSTEM, deliveries.DeliveryInput(int(sys.argv[2]), "killed",
                                                                "delivered"))
    os._exit(0)
""")


def test_a_confirmation_with_deposits_killed_half_way_leaves_nothing_written(
        engine, db_url, shop, seeded):
    c = make_customer(engine, shop["manager"], "K1", 1_000_000)
    [order], route_id = on_route(engine, seeded, shop["lpg20"], [c.id], day=DAY, quantity=2)
    before = held(engine)
    done = subprocess.run([sys.executable, "-c", KILLED, db_url, str(order.id)],
                          capture_output=True, text=True, timeout=120,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert done.returncode == 77, done.stderr
    with unit_of_work(engine, write=False) as s:
        for model in (Delivery, DepositReceipt, DepositLine, LedgerEntry):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model
        assert s.scalar(select(func.count()).select_from(StockDoc)) == 1  # the opening
        assert s.scalar(select(DocumentCounter.last).where(DocumentCounter.kind == "DP")) \
            in (None, 0)
    assert held(engine) == before and orders.get(engine, order.id).status == "scheduled"
    assert failed_checks(engine) == {}
    d = deliveries.confirm(engine, shop["clerk"], DeliveryInput(order.id, "killed",
                                                                "delivered"))
    assert [r.number for r in deposits.receipts(engine, delivery_id=d.id)] == [
        f"DP-{DAY.year}-000001"]
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("typed, read", [(" 3 ", 3), ("١٢", 12), ("1_0", None), ("²", None),
                                         ("3.0", None), ("-1", None), ("", None),
                                         (BOUND, None)])
def test_an_exemptions_count_typed_another_way_is_read_exactly_or_refused(
        engine, shop, typed, read):
    c = make_customer(engine, shop["manager"], "E1", 100_000)
    exempt = dict(customer_id=c.id, product_id=shop["lpg20"].id, count=typed,
                  reason="contract 7")
    if read is None:
        with pytest.raises(ValidationError) as refused:
            deposits.set_exemption(engine, shop["manager"], **exempt)
        assert list(refused.value.field_errors) == ["count"]
    else:
        [size] = deposits.set_exemption(engine, shop["manager"], **exempt)
        assert size.without_deposit == read
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("typed", ["²", "1_0", "+1", " ", "4.0"])
def test_a_retest_rule_typed_another_way_is_refused_by_row(engine, seeded, typed):
    with pytest.raises(ValidationError) as refused:
        cylinders.set_retest_rules(engine, seeded["admin"].actor, [
            RetestRuleInput("steel", 0, 0, typed, 20)])
    assert list(refused.value.field_errors) == ["row1.interval_years"]


def test_a_correction_of_what_customers_held_at_the_upgrade_is_refused(engine, seeded):
    from core import schema
    from tests.integration.money import deliver
    from tests.integration.shop import make_products
    from tests.integration.test_upgrade_0006 import _downgrade

    manager = seeded["manager"].actor
    shop = make_products(engine, manager)
    c = make_customer(engine, manager, "U1", 100_000)
    deliver(engine, seeded, shop.lpg20, [c.id], day=TODAY, quantity=2)
    _downgrade(engine, "0011")
    schema.upgrade(engine)
    [opening] = [d for d in stock.documents(engine) if d.kind == "opening"]
    assert {m.kind for m in opening.moves} == {"customers"}
    with pytest.raises(DomainError, match="Deliveries"):
        stock.correction(engine, manager, request_key=key(), doc_id=opening.id,
                         reason="looks wrong")
    assert [d.kind for d in stock.documents(engine)] == ["opening"]
    assert failed_checks(engine) == {}


def test_an_undone_delivery_pays_back_the_deposit_it_charged_after_the_price_changed(
        engine, shop, seeded):
    from core.services import cashup

    manager, clerk, lpg20 = shop["manager"], shop["clerk"], shop["lpg20"]
    c = make_customer(engine, manager, "Q1", None)
    [order], route_id = on_route(engine, seeded, lpg20, [c.id], day=DAY, quantity=2,
                                 payment="cash")
    d = deliveries.confirm(engine, clerk, DeliveryInput(order.id, key(), "delivered",
                                                        cash_collected=order.total))
    products.save(engine, manager, ProductInput(
        sku="LPG-20", name_zh="液化石油氣 20公斤", name_en="LPG 20 kg", unit="cylinder",
        price=Decimal(900), price_from=LAST_YEAR, weight_kg=20, deposit=Decimal(2000)),
        product_id=lpg20.id, version=products.get(engine, lpg20.id).version)
    deliveries.undo(engine, manager, delivery_id=d.id, reason="wrong customer")
    amounts = sorted(r.amount for r in deposits.receipts(engine, customer_id=c.id))
    assert amounts == [-2 * D20, 2 * D20]  # paid back what was paid, not 2 × 2,000
    assert deposits.held(engine, c.id) == () or deposits.held(engine, c.id)[0].deposits == 0
    [route] = [r for r in cashup.routes_of_day(engine, DAY) if r.route_id == route_id]
    assert route.deposits == 0  # the driver owes nothing for the deposits
    assert failed_checks(engine) == {}


def test_a_request_key_longer_than_its_column_is_refused_by_field(engine, shop, seeded):
    clerk, lpg20, depot = shop["clerk"], shop["lpg20"], shop["depot"]
    other = stock.save_depot(engine, shop["manager"], name="Depot 2").id
    c = make_customer(engine, shop["manager"], "L1", 1_000_000)
    [order], _ = on_route(engine, seeded, lpg20, [c.id], day=DAY)
    d = deliveries.confirm(engine, clerk, DeliveryInput(order.id, key(), "delivered"))
    cylinders.register(engine, clerk, CylinderInput("TW-L-1", lpg20.id, date(2022, 1, 1)))
    visit = _visit(engine, seeded, c)
    long = "k" * 65
    for attempt in (
            lambda: stock.transfer(engine, clerk, request_key=long, day=DAY, from_id=depot,
                                   to_id=other, lines=(Line(lpg20.id, 1),)),
            lambda: cylinders.scan_delivery(engine, clerk, d.id, ["TW-L-1"], [], long),
            lambda: inspections.record(engine, clerk, order_id=visit, result="pass",
                                       items=ALL_OK, inspector="王大明", request_key=long)):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert list(refused.value.field_errors) == ["request_key"]
    assert orders.get(engine, visit).status == "scheduled"
    assert failed_checks(engine) == {}


def test_a_size_entered_twice_is_refused_in_every_stock_document(engine, shop):
    clerk, manager, lpg20, depot = shop["clerk"], shop["manager"], shop["lpg20"], shop["depot"]
    twice = (Line(lpg20.id, 5), Line(lpg20.id, 7))
    for attempt in (
            lambda: stock.opening(engine, manager, request_key=key(), day=DAY, depot_id=depot,
                                  lines=twice),
            lambda: stock.to_station(engine, clerk, request_key=key(), day=DAY,
                                     depot_id=depot, lines=twice),
            lambda: stock.scrap(engine, manager, request_key=key(), day=DAY,
                                location_id=depot, lines=twice, reason="x")):
        with pytest.raises(ValidationError, match="twice"):
            attempt()
    assert held(engine)[("Depot", "LPG-20")] == (30, 0)
    assert failed_checks(engine) == {}


def test_a_stop_whose_charge_and_refund_cancel_out_on_account_keeps_every_check(
        engine, shop, seeded):
    manager, clerk, lpg20 = shop["manager"], shop["clerk"], shop["lpg20"]
    lpg16 = products.save(engine, manager, ProductInput(
        sku="LPG-16", name_zh="液化石油氣 16公斤", name_en="LPG 16 kg", unit="cylinder",
        price=Decimal(700), price_from=LAST_YEAR, weight_kg=16, deposit=D20))
    c = make_customer(engine, manager, "Z1", 1_000_000)
    [first], _ = on_route(engine, seeded, lpg16, [c.id], day=DAY)
    deliveries.confirm(engine, clerk, DeliveryInput(first.id, key(), "delivered"))
    # One 20 kg more, the 16 kg exchanged and one 16 kg empty more back: +1 500 − 1 500.
    order = orders.place(engine, clerk, order_for(
        c, line(lpg20, 1), line(lpg16, 1), delivery_date=DAY))
    from tests.integration.test_inspections import on_route as stops_route
    stops_route(engine, seeded, [order.id])
    ids = line_ids(engine, order.id)
    deliveries.confirm(engine, clerk, DeliveryInput(order.id, key(), "delivered", (
        LineResult(ids[0], 1, 0), LineResult(ids[1], 1, 2))))
    last = deposits.receipts(engine, customer_id=c.id)[0]
    assert (last.amount, sorted(x.count for x in last.lines)) == (0, [-1, 1])
    assert failed_checks(engine) == {}


def test_db_check_finds_an_exemption_slipped_in_or_changed_around_the_service(
        engine, shop, seeded):
    from sqlalchemy import update

    from core.models import CylinderBalance, DepositExemption

    c, _d = _deposited(engine, shop, seeded)
    name = "every customer's cylinders held without deposit are their newest exemption's"
    assert failed_checks(engine) == {}
    with unit_of_work(engine) as s:  # a rental contract nobody approved
        s.execute(insert(DepositExemption), [dict(
            customer_id=c.id, product_id=shop["lpg20"].id, count=50, reason="forged",
            created_by="manager")])
    assert name in failed_checks(engine)
    with unit_of_work(engine) as s:
        s.execute(update(CylinderBalance).where(CylinderBalance.customer_id == c.id)
                  .values(without_deposit=50))
    assert name not in failed_checks(engine)  # as if the service wrote both
    with unit_of_work(engine) as s:  # the balance alone changed
        s.execute(update(CylinderBalance).where(CylinderBalance.customer_id == c.id)
                  .values(without_deposit=7))
    assert name in failed_checks(engine)


def test_a_serial_moves_only_with_a_document_that_moves_its_size(engine, shop, seeded):
    clerk, lpg20, lpg50, depot = shop["clerk"], shop["lpg20"], shop["lpg50"], shop["depot"]
    for serial, size in (("TW-50-1", lpg50), ("TW-20-1", lpg20), ("TW-20-2", lpg20)):
        cylinders.register(engine, clerk, CylinderInput(serial, size.id, date(2022, 1, 1)))
    with pytest.raises(DomainError, match="TW-50-1"):  # a 50 kg one with 20 kg counts
        stock.to_station(engine, clerk, request_key=key(), day=DAY, depot_id=depot,
                         lines=(Line(lpg20.id, 1),), serials=("TW-50-1",))
    with pytest.raises(DomainError, match="TW-20"):  # two scanned, one moved
        stock.to_station(engine, clerk, request_key=key(), day=DAY, depot_id=depot,
                         lines=(Line(lpg20.id, 1),), serials=("TW-20-1", "TW-20-2"))
    assert {cylinders.get(engine, x).location_kind for x in ("TW-50-1", "TW-20-1")} == {"depot"}
    stock.to_station(engine, clerk, request_key=key(), day=DAY, depot_id=depot,
                     lines=(Line(lpg20.id, 2), Line(lpg50.id, 1)),
                     serials=("TW-20-1", "tw-20-2", "TW-50-1"))
    assert {cylinders.get(engine, x).location_kind for x in ("TW-50-1", "TW-20-2")} == {
        "station"}
    assert failed_checks(engine) == {}


def test_sixteen_managers_correcting_one_document_correct_it_once(engine, shop):
    manager, lpg20, depot = shop["manager"], shop["lpg20"], shop["depot"]
    other = stock.save_depot(engine, manager, name="Depot 2").id
    doc = stock.transfer(engine, shop["clerk"], request_key=key(), day=DAY, from_id=depot,
                         to_id=other, lines=(Line(lpg20.id, 4),))

    def correct(n):
        try:
            return stock.correction(engine, manager, request_key=f"fix-{n}", doc_id=doc.id,
                                    reason=f"counted again {n}")
        except DomainError as exc:
            return exc
    results = _race(16, correct)
    assert len([r for r in results if isinstance(r, stock.DocView)]) == 1
    assert all(isinstance(r, (stock.DocView, DomainError)) for r in results)
    assert held(engine)[("Depot", "LPG-20")] == (30, 0)
    assert failed_checks(engine) == {}


def test_sixteen_exemptions_set_at_once_leave_the_newest_standing(engine, shop):
    manager, lpg20 = shop["manager"], shop["lpg20"]
    c = make_customer(engine, manager, "X1", 100_000)

    def exempt(n):
        return deposits.set_exemption(engine, manager, customer_id=c.id,
                                      product_id=lpg20.id, count=n, reason=f"contract {n}")
    _race(16, exempt)
    [size] = deposits.held(engine, c.id)
    assert size.exemption_reason == f"contract {size.without_deposit}"
    assert failed_checks(engine) == {}


def test_sixteen_deliveries_scanning_one_serial_leave_it_with_the_last(engine, shop, seeded):
    clerk, lpg20 = shop["clerk"], shop["lpg20"]
    people = [make_customer(engine, shop["manager"], f"W{n}", 1_000_000).id for n in range(16)]
    placed, _ = on_route(engine, seeded, lpg20, people, day=DAY)
    done = [deliveries.confirm(engine, clerk, DeliveryInput(o.id, key(), "delivered"))
            for o in placed]
    cylinders.register(engine, clerk, CylinderInput("TW-W-1", lpg20.id, date(2022, 1, 1),
                                                    full=True))

    def scan(n):
        try:
            return cylinders.scan_delivery(engine, clerk, done[n].id, ["TW-W-1"], [],
                                           f"scan-{n}")
        except DomainError as exc:
            return exc
    results = _race(16, scan)
    assert all(isinstance(r, (cylinders.DeliveryScans, DomainError)) for r in results)
    assert cylinders.get(engine, "TW-W-1").customer_id in people
    assert failed_checks(engine) == {}


def test_a_file_of_cylinders_with_dates_typed_another_way_registers_none(engine, shop):
    clerk = shop["clerk"]
    rows = [("TW-D-1", "2020/12/06"), ("TW-D-2", "2026-012"), ("TW-D-3", "115/12/06"),
            ("TW-D-4", "2020-02-30"), ("TW-D-5", "12/06/2020"), ("TW-D-6", "2020-12-06x")]
    content = ("serial,sku,manufactured\n" + "".join(
        f"{serial},LPG-20,{made}\n" for serial, made in rows)).encode()
    refused = cylinders.import_file(engine, clerk, file_name="c.csv", content=content)
    assert refused.created == () and cylinders.list_cylinders(engine) == []
    assert [(e.line, e.column) for e in refused.errors] == [
        (n, "manufactured") for n in range(3, 8)]
    done = cylinders.import_file(engine, clerk, file_name="c.csv",
                                 content=b"serial,sku,manufactured\nTW-D-1,LPG-20,2020/12/06\n")
    assert done.created == ("TW-D-1",)
    assert cylinders.get(engine, "TW-D-1").manufactured == date(2020, 12, 6)
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("day", ["2026-012", "2026/12/06", "115/12/06", "2026-12-6", "",
                                 "2026-12-06T00:00"])
def test_a_date_typed_another_way_is_refused_at_the_wire_before_any_service(engine, shop,
                                                                            day):
    from core.api import codec

    calls = {
        "stock.transfer": dict(request_key=key(), day=day, from_id=shop["depot"], to_id=1,
                               lines=[dict(product_id=shop["lpg20"].id, full=1, empty=0,
                                           cost_per_kg=None)]),
        "stock.at": dict(day=day),
        "inspections.plan": dict(day=day, customer_ids=[1], request_key=key()),
        "stock.purchase": dict(request_key=key(), day=day, depot_id=shop["depot"],
                               lines=[dict(product_id=shop["lpg20"].id, full=1, empty=0,
                                           cost_per_kg="24.5")]),
    }
    for name, arguments in calls.items():
        op = registry.get(name)
        with pytest.raises(codec.BadRequest):
            codec.decode_arguments(op, codec.encode_arguments(op, arguments))
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("at", ["2026-012", "2026/12/06", "115/12/06", "yesterday"])
def test_the_stock_command_refuses_a_date_typed_another_way_in_one_line(
        db_url, engine, shop, capsys, at):
    from core import cli

    code = cli.main(["--db", db_url, "stock", "--at", at, "--json"])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert f"“{at}” is not a date (YYYY-MM-DD)." in err and len(err.strip().splitlines()) == 1


def test_reading_with_hostile_sizes_and_spans_answers_or_refuses_never_crashes(engine, shop):
    from core.api import codec

    reads = {
        "cylinders.due_soon": [dict(days=10**9), dict(days=-10**9)],
        "cylinders.list": [dict(limit=-1), dict(limit=10**12)],
        "inspections.due": [dict(on=TODAY, within_days=10**9), dict(on=TODAY, limit=-1)],
        "stock.documents": [dict(limit=-1), dict(limit=10**12)],
        "stock.at": [dict(day=date.max), dict(day=date.min)],
    }
    for name, attempts in reads.items():
        op = registry.get(name)
        for arguments in attempts:
            decoded = codec.decode_arguments(op, codec.encode_arguments(op, arguments))
            try:
                op.call(engine, shop["clerk"], decoded)
            except ValidationError:
                pass


def test_an_id_beyond_the_integer_column_through_core_api_is_not_found(engine, shop, seeded):
    from core.api import codec
    from core.errors import NotFound

    clerk, manager, lpg20, depot = shop["clerk"], shop["manager"], shop["lpg20"], shop["depot"]
    c = make_customer(engine, manager, "N1", 100_000)
    one = [dict(product_id=lpg20.id, full=1, empty=0, cost_per_kg=None)]
    for big in (BOUND, -BOUND - 1, 2**63, -2**70):
        calls = [
            (clerk, "stock.load", dict(route_id=big, request_key=key(), lines=one)),
            (clerk, "stock.to_plant", dict(request_key=key(), day=DAY, depot_id=big,
                                           lines=one)),
            (clerk, "stock.transfer", dict(request_key=key(), day=DAY, from_id=depot,
                                           to_id=big, lines=one)),
            (clerk, "stock.transfer", dict(request_key=key(), day=DAY, from_id=depot,
                                           to_id=depot, lines=[{**one[0], "product_id": big}])),
            (manager, "stock.correction", dict(request_key=key(), doc_id=big, reason="x")),
            (clerk, "stock.truck_day", dict(route_id=big)),
            (manager, "deposits.set_exemption", dict(customer_id=big, product_id=lpg20.id,
                                                     count=1, reason="x")),
            (manager, "deposits.set_exemption", dict(customer_id=c.id, product_id=big,
                                                     count=1, reason="x")),
            (clerk, "deposits.receipts", dict(delivery_id=big)),
            (clerk, "deposits.receipt_pdf", dict(receipt_id=big)),
            (clerk, "cylinders.scan_delivery", dict(delivery_id=big, out_serials=["TW-1"],
                                                    in_serials=[], request_key=key())),
            (clerk, "inspections.plan", dict(day=DAY, customer_ids=[c.id, big],
                                             request_key=key())),
            (clerk, "inspections.record", dict(order_id=big, result="pass", items=ALL_OK,
                                               inspector="王", request_key=key())),
            (manager, "inspections.clear", dict(customer_id=big, reason="x")),
            (clerk, "inspections.gas_stop", dict(customer_id=big)),
            (clerk, "inspections.pdf", dict(inspection_id=big)),
        ]
        for actor, name, arguments in calls:
            op = registry.get(name)
            try:
                decoded = codec.decode_arguments(op, codec.encode_arguments(op, arguments))
            except codec.BadRequest:
                continue  # refused at the wire already (beyond 64 bits)
            with pytest.raises(NotFound):
                op.call(engine, actor, decoded)
    # A count is no id: beyond the column it is the field's refusal, as before.
    op = registry.get("stock.transfer")
    with pytest.raises(ValidationError):
        op.call(engine, clerk, dict(request_key=key(), day=DAY, from_id=depot,
                                    to_id=stock.save_depot(engine, manager, name="D2").id,
                                    lines=(Line(lpg20.id, BOUND),)))
    assert failed_checks(engine) == {}


def test_db_check_finds_a_gas_stop_lifted_or_an_inspection_cleared_around_the_service(
        engine, shop, seeded):
    from sqlalchemy import update

    from core.models import Customer, Inspection
    from core.models.base import utcnow

    name = "gas orders are stopped exactly for customers with a failed inspection not cleared"
    c = make_customer(engine, shop["manager"], "G1", 100_000)
    inspections.record(engine, shop["clerk"], order_id=_visit(engine, seeded, c),
                       result="fail", items=[(k, k != "hose") for k in inspections.ITEMS],
                       remarks="hose cracked", inspector="王大明", request_key=key())
    assert failed_checks(engine) == {}
    with unit_of_work(engine) as s:  # the stop lifted by hand, no manager's clear
        s.execute(update(Customer).where(Customer.id == c.id).values(gas_stop=""))
    assert name in failed_checks(engine)
    with unit_of_work(engine) as s:  # and the inspection marked cleared, by nobody
        s.execute(update(Inspection).values(cleared_at=utcnow()))
    [inspection] = inspections.history(engine, c.id)
    assert list(failed_checks(engine)[name]) == [
        f"inspection {inspection.id}: cleared without who or why"]

