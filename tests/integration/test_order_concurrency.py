"""Races: many processes taking orders for one customer at once, and two clerks changing
one order.  On SQLite and PostgreSQL, each process with its own engine, as workstations."""

from __future__ import annotations

import multiprocessing
import threading
import time
from decimal import Decimal

import pytest

from core.errors import StaleRecord
from core.services import credit, orders
from core.services.orders import OrderInput
from tests.integration import racers
from tests.integration.shop import (
    LPG20_TOTAL,
    failed_checks,
    held_by_open_orders,
    line,
    make_customer,
    make_products,
    open_orders,
    order_for,
)

PROCESSES = 8
ORDERS_EACH = 200
FITS = 100  # the limit fits this many one-cylinder orders, with 500 to spare
LIMIT = FITS * LPG20_TOTAL + 500


def test_processes_racing_for_one_customers_credit_never_take_it_over_the_limit(
        engine, db_url, seeded):
    shop = make_products(engine, seeded["manager"].actor)
    customer = make_customer(engine, seeded["manager"].actor, "C1", LIMIT)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    workers = [ctx.Process(target=racers.place_orders, args=(
        db_url, seeded["clerk"].actor, customer.id, shop.lpg20.id, ORDERS_EACH, barrier,
        results)) for _ in range(PROCESSES)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    reports = [results.get(timeout=240) for _ in workers]
    for w in workers:
        w.join(30)
    elapsed = time.perf_counter() - started

    errors = [e for r in reports for e in r["errors"]]
    assert errors == [], "\n".join(errors[:5])
    assert all(w.exitcode == 0 for w in workers)
    placed = sum(r["placed"] for r in reports)
    refused = sum(r["refused"] for r in reports)
    assert placed + refused == PROCESSES * ORDERS_EACH
    assert set().union(*(r["totals"] for r in reports)) <= {LPG20_TOTAL}
    # Every order is the same size, so exactly as many fit as the limit allows.
    assert placed == FITS and refused == PROCESSES * ORDERS_EACH - FITS
    figures = credit.summary(engine, customer.id)
    assert figures.exposure <= figures.credit_limit == LIMIT
    assert figures.open_orders == placed * LPG20_TOTAL == held_by_open_orders(engine,
                                                                              customer.id)
    assert failed_checks(engine) == {}
    assert elapsed < 120, f"{elapsed:.0f} s for {PROCESSES * ORDERS_EACH} orders"


def test_a_refusal_racing_releases_of_credit_is_never_for_nothing_over_the_limit(
        engine, db_url, seeded):
    """Clerks keep ordering for a customer whose limit is full while another workstation
    cancels orders, each freeing room for one.  A refusal reports the figures it was
    refused by: never a shortfall of NT$0 (on PostgreSQL the figures used to be read again
    after the refusing UPDATE, and a cancel committed in between made the order fit)."""
    shop = make_products(engine, seeded["manager"].actor)
    customer = make_customer(engine, seeded["manager"].actor, "C1", LIMIT)
    clerk = seeded["clerk"].actor
    full = [orders.place(engine, clerk, order_for(customer, line(shop.lpg20))).id
            for _ in range(FITS)]
    placers, tries = 4, 150
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(placers + 1), ctx.Queue()
    workers = [ctx.Process(target=racers.place_orders, args=(
        db_url, clerk, customer.id, shop.lpg20.id, tries, barrier, results))
        for _ in range(placers)]
    workers.append(ctx.Process(target=racers.cancel_orders, args=(
        db_url, seeded["manager"].actor, full, barrier, results)))
    for w in workers:
        w.start()
    reports = [results.get(timeout=240) for _ in workers]
    for w in workers:
        w.join(30)

    errors = [e for r in reports for e in r["errors"]]  # "refused although it fitted" too
    assert errors == [], "\n".join(errors[:5])
    cancelled = sum(r.get("cancelled", 0) for r in reports)
    placed = sum(r.get("placed", 0) for r in reports)
    assert cancelled == FITS and placed + sum(r.get("refused", 0) for r in reports) \
        == placers * tries
    assert placed <= cancelled  # each cancel frees room for one order, no more
    figures = credit.summary(engine, customer.id)
    assert figures.exposure == placed * LPG20_TOTAL <= figures.credit_limit
    assert failed_checks(engine) == {}


# --- two clerks, one order -----------------------------------------------------------------

@pytest.fixture
def placed(engine, seeded):
    shop = make_products(engine, seeded["manager"].actor)
    customer = make_customer(engine, seeded["manager"].actor, "C1", 10_000)
    order = orders.place(engine, seeded["clerk"].actor, order_for(customer, line(shop.lpg20)))
    return shop, customer, order


def form(order: orders.OrderView, product, quantity: int, notes: str) -> OrderInput:
    return OrderInput(customer_id=order.customer_id, lines=(orders.LineInput(product.id,
                                                                             quantity),),
                      delivery_date=order.delivery_date, notes=notes)


def test_the_second_of_two_clerks_saving_one_order_gets_stale_record_and_loses_nothing(
        engine, seeded, placed):
    shop, customer, _ = placed
    clerk = seeded["clerk"].actor
    first_window = orders.get(engine, placed[2].id)  # both windows show version 1
    second_window = orders.get(engine, placed[2].id)
    assert first_window.version == second_window.version == 1
    saved = orders.modify(engine, clerk, order_id=first_window.id, version=first_window.version,
                          data=form(first_window, shop.lpg20, 2, "先到"))
    with pytest.raises(StaleRecord):
        orders.modify(engine, seeded["manager"].actor, order_id=second_window.id,
                      version=second_window.version,
                      data=form(second_window, shop.lpg50, 3, "後到"))
    with pytest.raises(StaleRecord):
        orders.cancel(engine, clerk, order_id=second_window.id, version=second_window.version,
                      reason="後到")
    now = orders.get(engine, first_window.id)
    assert now == saved
    assert (now.notes, now.total, now.version) == ("先到", 2 * LPG20_TOTAL, 2)
    assert open_orders(engine, customer.id) == 2 * LPG20_TOTAL
    assert failed_checks(engine) == {}


def test_two_modifies_that_both_read_version_1_at_once_let_exactly_one_win(
        engine, seeded, placed, monkeypatch):
    """Both transactions have loaded version 1 before either writes (on PostgreSQL; on
    SQLite the second cannot even begin before the first commits, so it reads version 2)."""
    shop, customer, order = placed
    both_loaded = threading.Barrier(2)
    real_load = orders.load

    def load_then_wait(s, order_id, version):
        found = real_load(s, order_id, version)
        try:
            both_loaded.wait(timeout=1.0)
        except threading.BrokenBarrierError:
            pass  # SQLite: the other one waits for our write lock
        return found

    monkeypatch.setattr(orders, "load", load_then_wait)
    outcome: dict[str, object] = {}

    def save(who: str, quantity: int) -> None:
        try:
            outcome[who] = orders.modify(engine, seeded["clerk"].actor, order_id=order.id,
                                         version=order.version,
                                         data=form(order, shop.lpg20, quantity, who))
        except Exception as exc:  # noqa: BLE001 - checked below
            outcome[who] = exc

    threads = [threading.Thread(target=save, args=(who, q)) for who, q in (("甲", 2), ("乙", 5))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    winners = [v for v in outcome.values() if isinstance(v, orders.OrderView)]
    losers = [v for v in outcome.values() if not isinstance(v, orders.OrderView)]
    assert len(winners) == 1 and len(losers) == 1, outcome
    assert isinstance(losers[0], StaleRecord), repr(losers[0])
    assert orders.get(engine, order.id) == winners[0]
    assert winners[0].version == 2
    assert open_orders(engine, customer.id) == winners[0].total  # the loser took no credit
    assert failed_checks(engine) == {}


def test_modify_and_cancel_at_once_leave_the_credit_matching_the_order(engine, seeded, placed):
    shop, customer, order = placed
    start = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def run(who, fn, **kw):
        start.wait(10)
        try:
            outcome[who] = fn(engine, seeded["clerk"].actor, order_id=order.id,
                              version=order.version, **kw)
        except Exception as exc:  # noqa: BLE001 - checked below
            outcome[who] = exc

    threads = [threading.Thread(target=run, args=("modify", orders.modify),
                                kwargs={"data": form(order, shop.lpg20, 4, "多")}),
               threading.Thread(target=run, args=("cancel", orders.cancel),
                                kwargs={"reason": "客戶取消"})]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    kinds = sorted(type(v).__name__ for v in outcome.values())
    assert kinds == ["OrderView", "StaleRecord"], outcome
    final = orders.get(engine, order.id)
    expected = final.total if final.status == "confirmed" else Decimal(0)
    assert open_orders(engine, customer.id) == expected
    assert failed_checks(engine) == {}
