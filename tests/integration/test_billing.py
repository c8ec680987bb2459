"""The billing run on SQLite and PostgreSQL: one invoice per customer and month with
gapless numbers, exactly once through crashes at random points, a second run, and two
workstations running at once."""

from __future__ import annotations

import multiprocessing
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core import changes
from core.db import unit_of_work
from core.errors import DomainError, PermissionDenied, ValidationError
from core.models import DeliveryLine, Invoice, InvoiceLine
from core.periods import Period
from core.services import billing, credit, deliveries, settings
from tests.integration import racers
from tests.integration.shop import LPG20_TOTAL, delivered, failed_checks, make_products

DAY = date.today() + timedelta(days=1)
PERIOD = DAY.strftime("%Y-%m")
CRASH_SEEDS = 50


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def invoices(engine) -> list[Invoice]:
    with unit_of_work(engine, write=False) as s:
        found = list(s.scalars(select(Invoice).order_by(Invoice.number)))
        s.expunge_all()  # loaded with their lines, kept as they are
        return found


def test_a_run_makes_one_invoice_per_customer_and_a_second_run_makes_none(engine, seeded, shop):
    delivered(engine, seeded, shop, ["C1", "C2"], day=DAY)
    rows = billing.preview(engine, period=PERIOD)
    assert [(r.code, r.lines, r.total) for r in rows] == [("C1", 1, 2 * LPG20_TOTAL),
                                                         ("C2", 1, 2 * LPG20_TOTAL)]
    result = billing.run(engine, seeded["manager"].actor, period=PERIOD)
    assert (result.invoices, result.total) == (2, 4 * LPG20_TOTAL)
    year = date.today().year
    made = invoices(engine)
    assert [i.number for i in made] == [f"INV-{year}-000001", f"INV-{year}-000002"]
    assert all(i.period == PERIOD and i.total == 2 * LPG20_TOTAL and len(i.lines) == 1
               and i.due_date == i.issue_date + timedelta(days=30) for i in made)  # 30 days
    assert billing.run(engine, seeded["manager"].actor, period=PERIOD).invoices == 0
    assert billing.preview(engine, period=PERIOD) == []
    # The balance held the deliveries already; the invoice adds nothing to it.
    assert credit.summary(engine, made[0].customer_id).balance == 2 * LPG20_TOTAL
    assert failed_checks(engine) == {}


def test_a_later_delivery_goes_on_the_next_months_invoice(engine, seeded, shop):
    delivered(engine, seeded, shop, ["C1"], day=DAY)
    nothing_yet = (date(DAY.year, DAY.month, 1) - timedelta(days=1)).strftime("%Y-%m")
    assert billing.run(engine, seeded["manager"].actor, period=nothing_yet).invoices == 0
    assert billing.run(engine, seeded["manager"].actor, period=PERIOD).invoices == 1


def test_only_managers_bill_and_a_period_is_a_month(engine, seeded):
    with pytest.raises(PermissionDenied):
        billing.run(engine, seeded["clerk"].actor, period=PERIOD)
    for bad in ("2026-13", "2026/11", "", "November"):
        with pytest.raises(ValidationError):
            billing.preview(engine, period=bad)


def test_a_month_has_one_spelling_so_it_is_never_billed_twice(engine, seeded, shop):
    settings.update_company(engine, seeded["manager"].actor, cylinder_rental="50")
    delivered(engine, seeded, shop, ["C1"], day=DAY)
    manager = seeded["manager"].actor
    year, month = PERIOD.split("-")
    for other in (f"{year}-0{month}", f"{year}-{int(month)}" if month < "10" else "2026-1",
                  f"{year[2:]}-{month}", f" {PERIOD} "):
        with pytest.raises(ValidationError, match="is not a month"):
            billing.run(engine, manager, period=other)
    assert invoices(engine) == []
    assert billing.run(engine, manager, period=PERIOD).invoices == 1
    assert billing.run(engine, manager, period=Period.parse(PERIOD)).invoices == 0
    assert [i.period for i in invoices(engine)] == [PERIOD]
    assert failed_checks(engine) == {}


def test_db_check_reports_a_period_not_written_yyyy_mm_and_a_month_invoiced_twice(
        engine, seeded, shop):
    """As a database billed before revision 0006 may hold them (the upgrade rewrites a
    period only where that does not collide)."""
    manager = seeded["manager"].actor
    settings.update_company(engine, manager, cylinder_rental="50")
    delivered(engine, seeded, shop, ["C1"], day=DAY)

    def bill_and_call_it(period: str) -> None:
        billing.run(engine, manager, period=PERIOD)
        with engine.begin() as conn:
            conn.execute(Invoice.__table__.update().where(Invoice.__table__.c.period == PERIOD)
                         .values(period=period))

    bill_and_call_it("2027-1")  # as typed before the upgrade
    bill_and_call_it("2027-01")  # the rental of the cylinders C1 holds, billed again
    first, second = invoices(engine)
    assert failed_checks(engine) == {"every invoice's period is one month, written YYYY-MM": (
        f"invoice {first.number}: period “2027-1” is not YYYY-MM",
        f"invoices {first.number}, {second.number} bill one customer's 2027-01")}


def test_the_cylinder_rental_and_total_rounding_reach_the_ledger(engine, seeded, shop):
    settings.update_company(engine, seeded["manager"].actor, cylinder_rental="50",
                            tax_rounding="total")
    [order] = delivered(engine, seeded, shop, ["C1"], day=DAY, quantity=3)
    billing.run(engine, seeded["manager"].actor, period=PERIOD)
    [invoice] = invoices(engine)
    kinds = [(x.kind, x.quantity, x.amount) for x in invoice.lines]
    assert kinds == [("delivery", 3, Decimal(2700)), ("rental", 3, Decimal(150))]
    assert (invoice.subtotal, invoice.tax, invoice.total) == (2850, 143, 2993)
    # Delivered 3 x 945 = 2,835 went into the ledger at delivery; the invoice adds 158.
    assert credit.summary(engine, order.customer_id).balance == Decimal(2993)
    assert failed_checks(engine) == {}


def test_invoicing_one_customer_now_and_the_run_then_skips_what_it_billed(engine, seeded, shop):
    first, second = delivered(engine, seeded, shop, ["C1", "C2"], day=DAY)
    row = billing.invoice_now(engine, seeded["manager"].actor, customer_id=first.customer_id,
                              today=DAY)
    assert row.period is None and row.total == 2 * LPG20_TOTAL
    with pytest.raises(DomainError, match="nothing delivered"):
        billing.invoice_now(engine, seeded["manager"].actor, customer_id=first.customer_id)
    result = billing.run(engine, seeded["manager"].actor, period=PERIOD)
    assert result.invoices == 1
    assert {i.customer_id for i in invoices(engine)} == {first.customer_id, second.customer_id}
    assert failed_checks(engine) == {}


def test_a_run_and_an_invoice_now_say_what_they_changed(engine, seeded, shop):
    """Written by plain statements (on PostgreSQL by two writers), the invoices are still
    a change set: every workstation's Billing, Credit and Payments refresh."""
    first, *others = delivered(engine, seeded, shop, ["C1", "C2", "C3"], day=DAY)
    manager = seeded["manager"].actor
    with changes.collect() as got:
        row = billing.invoice_now(engine, manager, customer_id=first.customer_id, today=DAY)
    assert got.value.invoices == {row.id} and got.value.customers == {first.customer_id}
    with changes.collect() as got:
        assert billing.run(engine, manager, period=PERIOD).invoices == 2
    assert got.value.invoices == {i.id for i in invoices(engine)} - {row.id}
    assert got.value.customers == {o.customer_id for o in others}


def test_an_invoiced_delivery_cannot_be_undone(engine, seeded, shop):
    [order] = delivered(engine, seeded, shop, ["C1"], day=DAY)
    billing.run(engine, seeded["manager"].actor, period=PERIOD)
    d = deliveries.for_order(engine, order.id)
    with pytest.raises(DomainError, match="credit note"):
        deliveries.undo(engine, seeded["manager"].actor, delivery_id=d.id, reason="wrong")


def test_the_database_refuses_billing_a_delivery_line_twice(engine, seeded, shop):
    delivered(engine, seeded, shop, ["C1"], day=DAY)
    billing.run(engine, seeded["manager"].actor, period=PERIOD)
    [invoice] = invoices(engine)
    with pytest.raises(Exception, match="(?i)unique"):
        with unit_of_work(engine) as s:
            line = invoice.lines[0]
            s.add(InvoiceLine(invoice_id=invoice.id, line_no=9,
                              delivery_line_id=line.delivery_line_id, kind="delivery",
                              day=line.day, quantity=line.quantity, unit_price=line.unit_price,
                              tax_rate=line.tax_rate, amount=line.amount, tax=line.tax))


def all_billed_once(engine) -> None:
    """Every delivered line on account is on exactly one invoice; no invoice is empty."""
    with unit_of_work(engine, write=False) as s:
        delivered_lines = s.scalar(select(func.count()).select_from(DeliveryLine)
                                   .where(DeliveryLine.quantity > 0))
        billed = s.scalar(select(func.count(InvoiceLine.delivery_line_id.distinct())))
        empty = s.scalar(select(func.count()).select_from(Invoice).where(
            ~select(InvoiceLine.id).where(InvoiceLine.invoice_id == Invoice.id).exists()))
    assert (billed, empty) == (delivered_lines, 0)


def test_a_run_killed_at_random_points_and_restarted_bills_everything_exactly_once(
        engine, db_url, seeded, shop):
    ctx = multiprocessing.get_context("fork")
    manager = seeded["manager"].actor
    for seed in range(CRASH_SEEDS):
        delivered(engine, seeded, shop, [f"S{seed:02d}-{i}" for i in range(4)], day=DAY)
        # Four fault points an invoice (before and after its number, after its lines, before
        # its commit) and one at the end: 17 for four invoices; the process dies at one.
        kill_at = random.Random(seed).randint(1, 4 * 4 + 1)
        worker = ctx.Process(target=racers.bill_until_killed, args=(db_url, manager, PERIOD,
                                                                    kill_at))
        worker.start()
        worker.join(120)
        assert worker.exitcode == 77, f"seed {seed}: exit {worker.exitcode}, not killed"
        billing.run(engine, manager, period=PERIOD)  # the restart
        assert billing.run(engine, manager, period=PERIOD).invoices == 0
        all_billed_once(engine)
        assert failed_checks(engine) == {}, f"seed {seed}"


def test_two_workstations_running_the_same_period_at_once_bill_once(engine, db_url, seeded,
                                                                     shop):
    delivered(engine, seeded, shop, [f"C{i:02d}" for i in range(12)], day=DAY)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=racers.bill_period, args=(
        db_url, seeded["manager"].actor, PERIOD, barrier, results)) for _ in range(2)]
    for w in workers:
        w.start()
    reports = [results.get(timeout=240) for _ in workers]
    for w in workers:
        w.join(30)
    assert [r["error"] for r in reports] == [None, None]
    assert sum(r["invoices"] for r in reports) == 12
    all_billed_once(engine)
    assert len(invoices(engine)) == 12
    assert failed_checks(engine) == {}


def test_invoices_print_in_customer_area_or_route_order(engine, seeded, shop):
    delivered(engine, seeded, shop, ["C3", "C1", "C2"], day=DAY)  # stops in this order
    billing.run(engine, seeded["manager"].actor, period=PERIOD)
    by_code = {i.customer_id: i for i in invoices(engine)}
    codes = {row.customer_id: row.customer_code for row in billing.list_invoices(engine)}
    ids = [i.id for i in by_code.values()]

    def named(order):
        return [codes[next(i.customer_id for i in by_code.values() if i.id == x)]
                for x in billing.print_order(engine, ids, order)]

    assert named("customer") == ["C1", "C2", "C3"]
    assert named("route") == ["C3", "C1", "C2"]
    assert named("area") == ["C1", "C2", "C3"]  # no areas: by code
