"""Every sale on the books: a cash order delivered is a numbered cash sale with ledger
rows; each route's cash-up compares what the driver should hand in with what was
counted; variances go to the driver's account; the cash book holds the day's money.
On SQLite and PostgreSQL, through the services as a user's input goes."""

from __future__ import annotations

import multiprocessing
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from core.db import unit_of_work
from core.errors import DomainError, PermissionDenied, ValidationError
from core.models import CashSale, LedgerEntry
from core.requests import KeyReused
from core.services import cash_sales, cashup, deliveries, payments, settings
from core.services.deliveries import DeliveryInput, LineResult
from tests.integration import racers
from tests.integration.test_deliveries import line_ids
from tests.integration.money import balance, invoice, on_route
from tests.integration.shop import failed_checks, make_customer, make_products

DAY = date.today()


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def route(engine, seeded, shop):
    """Two cash customers and one on account on a confirmed route of today, with a driver."""
    manager = seeded["manager"].actor
    people = [make_customer(engine, manager, code, 100_000) for code in ("C1", "C2", "C3")]
    placed, route_id = on_route(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY,
                                quantity=2, payment=["cash", "cash", "account"],
                                driver="王大明")
    return {"route_id": route_id, "cash": placed[:2], "account": placed[2], "people": people}


def _confirm(engine, seeded, order, key=None, **kw):
    kw.setdefault("cash_collected", order.total if order.payment == "cash" else 0)
    return deliveries.confirm(engine, seeded["clerk"].actor, DeliveryInput(
        order.id, key or f"k-{order.id}", kw.pop("outcome", "delivered"), **kw))


def _ledger(engine, customer_id):
    with unit_of_work(engine, write=False) as s:
        return [(k, a, d) for k, a, d in s.execute(
            select(LedgerEntry.kind, LedgerEntry.amount, LedgerEntry.business_date)
            .where(LedgerEntry.customer_id == customer_id).order_by(LedgerEntry.id))]


# --- cash sales ---------------------------------------------------------------------------

def test_a_cash_delivery_is_a_numbered_sale_on_the_customers_ledger(engine, seeded, route):
    order, c = route["cash"][0], route["people"][0]
    d = _confirm(engine, seeded, order)
    sale = cash_sales.of_delivery(engine, d.id)
    assert sale.number == f"CS-{DAY.year}-000001"
    assert (sale.total, sale.cash_received, sale.status) == (order.total, order.total, "posted")
    assert sale.subtotal + sale.tax == sale.total and sale.tax > 0
    assert [(x.quantity, x.amount) for x in sale.lines] == [(Decimal(2), order.lines[0].amount)]
    assert _ledger(engine, c.id) == [("cash_sale", order.total, DAY),
                                     ("cash_received", -order.total, DAY)]
    assert balance(engine, c.id) == 0
    assert failed_checks(engine) == {}


def test_a_partial_cash_delivery_sells_what_was_delivered_and_a_short_payment_is_owed(
        engine, seeded, route):
    order, c = route["cash"][0], route["people"][0]
    d = _confirm(engine, seeded, order, outcome="partially_delivered", reason="只要一瓶",
                 lines=(LineResult(line_ids(engine, order.id)[0], 1),), cash_collected=0)
    sale = cash_sales.of_delivery(engine, d.id)
    assert [x.quantity for x in sale.lines] == [Decimal(1)]
    assert sale.total == order.total / 2 and sale.cash_received == 0
    assert balance(engine, c.id) == sale.total  # not paid: the customer owes it
    assert failed_checks(engine) == {}


def test_failed_stops_and_orders_on_account_make_no_sale(engine, seeded, route):
    failed = _confirm(engine, seeded, route["cash"][0], outcome="failed", reason="沒人在",
                      cash_collected=0)
    account = _confirm(engine, seeded, route["account"])
    assert cash_sales.of_delivery(engine, failed.id) is None
    assert cash_sales.of_delivery(engine, account.id) is None
    assert failed_checks(engine) == {}


def test_cash_on_account_and_cash_beyond_the_sale_are_refused_and_nothing_is_written(
        engine, seeded, route):
    with pytest.raises(ValidationError) as exc:
        _confirm(engine, seeded, route["account"], cash_collected="100")
    assert list(exc.value.field_errors) == ["cash_collected"]
    order = route["cash"][0]
    with pytest.raises(ValidationError) as exc:
        _confirm(engine, seeded, order, cash_collected=order.total + 1)
    assert list(exc.value.field_errors) == ["cash_collected"]
    assert deliveries.for_order(engine, order.id) is None
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(CashSale)) == 0


def test_undoing_voids_the_sale_with_reversing_rows_and_numbers_stay_gapless(
        engine, seeded, route):
    order, c = route["cash"][0], route["people"][0]
    first = _confirm(engine, seeded, order)
    deliveries.undo(engine, seeded["manager"].actor, delivery_id=first.id, reason="wrong stop")
    void = cash_sales.of_delivery(engine, first.id)
    assert (void.status, void.void_reason) == ("void", "wrong stop")
    assert [k for k, *_ in _ledger(engine, c.id)] == [
        "cash_sale", "cash_received", "cash_sale_void", "cash_received_void"]
    assert balance(engine, c.id) == 0
    again = _confirm(engine, seeded, order, key="second")
    other = _confirm(engine, seeded, route["cash"][1])
    numbers = [cash_sales.of_delivery(engine, d.id).number for d in (again, other)]
    assert numbers == [f"CS-{DAY.year}-000002", f"CS-{DAY.year}-000003"]
    assert failed_checks(engine) == {}


def test_the_sale_rounds_its_tax_as_the_company_does_and_the_default_cash_matches(
        engine, seeded, shop):
    settings.update_company(engine, seeded["manager"].actor, tax_rounding="total")
    c = make_customer(engine, seeded["manager"].actor, "C7", 100_000)
    placed, _ = on_route(engine, seeded, shop.lpg20, [c.id], day=DAY, quantity=3,
                         payment="cash")
    order = placed[0]
    company = settings.get_company(engine)
    due = cash_sales.rules.cash_due("cash", [(x.quantity, x.unit_price, x.tax_rate)
                                             for x in order.lines], company.currency,
                                    company.tax_rounding)
    d = _confirm(engine, seeded, order, cash_collected=due)
    sale = cash_sales.of_delivery(engine, d.id)
    assert sale.total == due == sale.cash_received
    assert balance(engine, c.id) == 0


def test_db_check_finds_a_cash_delivery_without_its_sale_and_a_sale_off_its_ledger(
        engine, seeded, route):
    d = _confirm(engine, seeded, route["cash"][0])
    with engine.begin() as conn:
        conn.execute(text("UPDATE cash_sale SET status = 'void' WHERE delivery_id = :d"),
                     {"d": d.id})
    broken = failed_checks(engine)
    assert any("order" in row for row in broken[
        "every delivered line from the cut-over is on exactly one invoice or one cash sale"])
    assert broken["every cash sale's total equals its lines, and the ledger holds it once"]


def test_eight_processes_confirming_cash_deliveries_take_numbers_without_gaps(
        engine, db_url, seeded, shop):
    manager = seeded["manager"].actor
    people = [make_customer(engine, manager, f"R{i:02d}", None) for i in range(40)]
    placed, _ = on_route(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY,
                         payment="cash")
    reports = racers.race_cash_confirmations(db_url, seeded["clerk"].actor, placed)
    assert [r["errors"] for r in reports] == [[]] * 8
    assert sum(r["confirmed"] for r in reports) == 40
    with unit_of_work(engine, write=False) as s:
        numbers = sorted(s.scalars(select(CashSale.number)))
    assert numbers == [f"CS-{DAY.year}-{n:06d}" for n in range(1, 41)]
    assert failed_checks(engine) == {}


# --- the cash-up --------------------------------------------------------------------------

def _all_delivered(engine, seeded, route):
    for order in route["cash"]:
        _confirm(engine, seeded, order)
    _confirm(engine, seeded, route["account"])
    return sum((o.total for o in route["cash"]), Decimal(0))


def test_an_exact_count_settles_the_route_into_the_cash_book(engine, seeded, route):
    expected = _all_delivered(engine, seeded, route)
    rc = cashup.route_cash(engine, route["route_id"])
    assert (rc.sales, rc.expected, rc.unconfirmed, len(rc.items)) == (expected, expected, 0, 2)
    x = cashup.settle(engine, seeded["clerk"].actor, cashup.Count(
        route["route_id"], "count-1", notes=((1000, int(expected // 1000)),
                                            (1, int(expected % 1000)))))
    assert (x.counted, x.variance, x.approved_by) == (expected, 0, None)
    book = cashup.cash_book(engine, DAY)
    assert (book.closing, book.settled, book.variance) == (expected, 1, 0)
    assert [a.balance for a in cashup.driver_accounts(engine) if a.name == "王大明"] == [0]
    assert failed_checks(engine) == {}


def test_a_variance_needs_a_reason_and_a_manager_and_goes_to_the_drivers_account(
        engine, seeded, route):
    expected = _all_delivered(engine, seeded, route)
    clerk = seeded["clerk"].actor
    short = cashup.Count(route["route_id"], "count-1", cash=expected - 100)
    with pytest.raises(ValidationError) as exc:
        cashup.settle(engine, clerk, short)
    assert list(exc.value.field_errors) == ["reason"]
    short = cashup.Count(route["route_id"], "count-2", cash=expected - 100, reason="找錯錢")
    with pytest.raises(PermissionDenied):
        cashup.settle(engine, clerk, short)
    with pytest.raises(DomainError):
        cashup.settle(engine, clerk, short, cashup.Approval("manager", "wrong"))
    with pytest.raises(PermissionDenied):
        cashup.settle(engine, clerk, short, cashup.Approval("clerk", seeded["clerk"].password))
    x = cashup.settle(engine, clerk, short,
                      cashup.Approval("manager", seeded["manager"].password))
    assert (x.variance, x.approved_by, x.reason) == (-100, "manager", "找錯錢")
    account = next(a for a in cashup.driver_accounts(engine) if a.name == "王大明")
    assert account.balance == 100  # the driver owes the shortfall
    assert cashup.cash_book(engine, DAY).closing == expected - 100
    assert failed_checks(engine) == {}


def test_a_settlement_saved_twice_has_one_effect_and_a_reused_key_is_refused(
        engine, seeded, route):
    expected = _all_delivered(engine, seeded, route)
    count = cashup.Count(route["route_id"], "count-1", cash=expected)
    first = cashup.settle(engine, seeded["clerk"].actor, count)
    assert cashup.settle(engine, seeded["clerk"].actor, count).id == first.id
    with pytest.raises(KeyReused):
        cashup.settle(engine, seeded["clerk"].actor,
                      cashup.Count(route["route_id"], "count-1", cash=expected + 5))
    with pytest.raises(DomainError, match="cashed up already"):
        cashup.settle(engine, seeded["clerk"].actor,
                      cashup.Count(route["route_id"], "count-2", cash=expected))
    assert cashup.cash_book(engine, DAY).closing == expected


@pytest.mark.parametrize("same_key", [True, False], ids=["one request", "eight requests"])
def test_eight_workstations_cashing_up_one_route_at_once_settle_it_once(
        engine, db_url, seeded, route, same_key):
    expected = _all_delivered(engine, seeded, route)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(8), ctx.Queue()
    workers = [ctx.Process(target=racers.settle_route, args=(
        db_url, seeded["clerk"].actor, route["route_id"], expected,
        "count" if same_key else f"count-{n}", barrier, results)) for n in range(8)]
    for w in workers:
        w.start()
    reports = [results.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(30)
    assert [r["unexpected"] for r in reports] == [None] * 8
    settled = {r["settlement"] for r in reports if r["settlement"] is not None}
    assert len(settled) == 1
    assert sum(r["refused"] is not None for r in reports) == (0 if same_key else 7)
    assert cashup.cash_book(engine, DAY).closing == expected
    assert failed_checks(engine) == {}


def test_unconfirmed_stops_block_the_cash_up(engine, seeded, route):
    _confirm(engine, seeded, route["cash"][0])
    with pytest.raises(DomainError, match="not confirmed"):
        cashup.settle(engine, seeded["clerk"].actor,
                      cashup.Count(route["route_id"], "c", cash=route["cash"][0].total))


def test_a_settled_route_is_frozen_until_a_manager_reopens_it(engine, seeded, route):
    expected = _all_delivered(engine, seeded, route)
    x = cashup.settle(engine, seeded["manager"].actor, cashup.Count(
        route["route_id"], "count-1", cash=expected - 50, reason="short"))
    done = deliveries.for_order(engine, route["cash"][0].id)
    with pytest.raises(DomainError, match="settled"):
        deliveries.undo(engine, seeded["manager"].actor, delivery_id=done.id, reason="wrong")
    with pytest.raises(PermissionDenied):
        cashup.reopen(engine, seeded["clerk"].actor, settlement_id=x.id, reason="recount")
    rc = cashup.reopen(engine, seeded["manager"].actor, settlement_id=x.id, reason="recount")
    assert rc.settlement is None
    assert cashup.cash_book(engine, DAY).closing == expected - 50  # handed in, still here
    assert next(a for a in cashup.driver_accounts(engine) if a.name == "王大明").balance == 0
    deliveries.undo(engine, seeded["manager"].actor, delivery_id=done.id, reason="wrong")
    _confirm(engine, seeded, route["cash"][0], key="again", outcome="failed", reason="沒人在",
             cash_collected=0)
    again = cashup.settle(engine, seeded["clerk"].actor, cashup.Count(
        route["route_id"], "count-2", cash=route["cash"][1].total))
    assert again.expected == route["cash"][1].total
    book = cashup.cash_book(engine, DAY)  # the recount gave back what it no longer counts
    assert (book.closing, [x.amount for x in book.lines]) == (
        route["cash"][1].total, [expected - 50, route["cash"][1].total - expected + 50])
    assert failed_checks(engine) == {}


def test_money_taken_and_paid_at_stops_counts_in_the_cash_up(engine, seeded, shop, route):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    owing = route["people"][2]
    expected = _all_delivered(engine, seeded, route)
    invoice(engine, seeded, owing.id, today=DAY)  # its delivery on account, billed
    p = payments.record_payment(engine, clerk, customer_id=owing.id, method="cheque",
                                amount="500", cheque_number="AB123", cheque_bank="台灣銀行",
                                cheque_date=DAY, route_id=route["route_id"])
    assert (p.route_id, p.received_on, p.allocated) == (route["route_id"], DAY, Decimal(500))
    with pytest.raises(ValidationError) as exc:
        payments.record_payment(engine, clerk, customer_id=owing.id, method="transfer",
                                amount="5", route_id=route["route_id"])
    assert "method" in exc.value.field_errors
    stranger = make_customer(engine, manager, "C9", 1000)
    with pytest.raises(ValidationError) as exc:
        payments.record_payment(engine, clerk, customer_id=stranger.id, method="cash",
                                amount="5", route_id=route["route_id"])
    assert "route" in exc.value.field_errors
    payments.record_payment(engine, clerk, customer_id=owing.id, method="cash", amount="1500",
                            route_id=route["route_id"])  # beyond the invoice: credit
    payments.refund(engine, manager, customer_id=owing.id, amount="100", method="cash",
                    reason="多收", route_id=route["route_id"])
    rc = cashup.route_cash(engine, route["route_id"])
    assert (rc.collected, rc.refunds) == (Decimal(2000), Decimal(100))
    assert rc.expected == expected + 2000 - 100
    x = cashup.settle(engine, clerk, cashup.Count(
        route["route_id"], "count-1", cash=rc.expected - 500,
        cheques=(cashup.ChequeCount("AB123", "台灣銀行", DAY, "500"),)))
    assert (x.cheques, x.variance) == (Decimal(500), 0)
    with pytest.raises(DomainError, match="settled"):
        payments.record_payment(engine, clerk, customer_id=owing.id, method="cash",
                                amount="5", route_id=route["route_id"])
    assert failed_checks(engine) == {}


# --- the cash book and the drivers' accounts ----------------------------------------------

def test_the_cash_book_closes_once_its_routes_are_settled_and_then_takes_corrections_only(
        engine, seeded, route):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    expected = _all_delivered(engine, seeded, route)
    cashup.add_entry(engine, clerk, day=DAY, kind="float", amount="2000", request_key="f")
    cashup.add_entry(engine, clerk, day=DAY, kind="float", amount="2000", request_key="f")
    with pytest.raises(ValidationError):  # more than the till holds
        cashup.add_entry(engine, clerk, day=DAY, kind="deposit", amount="2001")
    with pytest.raises(DomainError, match="not settled"):
        cashup.close_day(engine, manager, day=DAY)
    cashup.settle(engine, clerk, cashup.Count(route["route_id"], "c", cash=expected))
    cashup.add_entry(engine, clerk, day=DAY, kind="deposit", amount=expected,
                     reference="台灣銀行 存款單 0012")
    with pytest.raises(PermissionDenied):
        cashup.close_day(engine, clerk, day=DAY)
    book = cashup.close_day(engine, manager, day=DAY)
    assert (book.opening, book.closing, book.closed_by) == (0, Decimal(2000), "manager")
    with pytest.raises(DomainError, match="closed"):
        cashup.add_entry(engine, clerk, day=DAY, kind="deposit", amount="10")
    settled = cashup.route_cash(engine, route["route_id"]).settlement
    with pytest.raises(DomainError, match="closed"):
        cashup.reopen(engine, manager, settlement_id=settled.id, reason="recount")
    with pytest.raises(PermissionDenied):
        cashup.add_entry(engine, clerk, day=DAY, kind="correction", amount="-10", note="x")
    book = cashup.add_entry(engine, manager, day=DAY, kind="correction", amount="-10",
                            note="一張假鈔")
    assert book.closing == Decimal(1990)
    assert failed_checks(engine) == {}


def test_a_driver_pays_back_a_shortfall_into_the_till(engine, seeded, route):
    expected = _all_delivered(engine, seeded, route)
    cashup.settle(engine, seeded["manager"].actor, cashup.Count(
        route["route_id"], "c", cash=expected - 300, reason="short"))
    account = next(a for a in cashup.driver_accounts(engine) if a.name == "王大明")
    after = cashup.driver_payment(engine, seeded["clerk"].actor, driver_id=account.driver_id,
                                  direction="from_driver", amount="300", request_key="dp")
    again = cashup.driver_payment(engine, seeded["clerk"].actor, driver_id=account.driver_id,
                                  direction="from_driver", amount="300", request_key="dp")
    assert after.balance == again.balance == 0
    entries = cashup.driver_entries(engine, account.driver_id)
    assert [(e.kind, e.balance) for e in entries] == [("variance", 300),
                                                      ("payment_from_driver", 0)]
    assert cashup.cash_book(engine, DAY).closing == expected
    assert failed_checks(engine) == {}


def test_the_drivers_accounts_and_cash_book_refuse_changes_in_the_database(
        engine, seeded, route):
    expected = _all_delivered(engine, seeded, route)
    cashup.settle(engine, seeded["manager"].actor, cashup.Count(
        route["route_id"], "c", cash=expected - 1, reason="short"))
    for statement in ("UPDATE driver_entry SET amount = 0", "DELETE FROM driver_entry",
                      "UPDATE cash_book_entry SET amount = 0", "DELETE FROM cash_book_entry"):
        with pytest.raises(DBAPIError, match="never changed"), engine.begin() as conn:
            conn.execute(text(statement))
