"""The demo company's history, as an office would have made it, on SQLite and PostgreSQL."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from stdnum.tw import ubn

from core import checks, demo, mig, uniform
from core.db import make_engine, unit_of_work
from core.models import (AuditEntry, CashBookDay, CashBookEntry, CashSale, Delivery, DriverEntry,
                         EInvoiceMessage, Invoice, NumberRange, Order, Payment, Route,
                         Settlement, SettlementNote, UniformInvoice)
from core.models.dispatch import LedgerEntry
from core.services import einvoice, settings
from tests.conftest import DATABASES, fresh_database

PAST = ("delivered", "partially_delivered", "failed", "cancelled")


def make(engine, days: int = 30) -> list[tuple[int, int, str]]:
    steps: list[tuple[int, int, str]] = []
    demo.generate(engine, customers_count=12, days=days,
                  progress=lambda done, total, step: steps.append((done, total, step)))
    return steps


def local(at: datetime) -> datetime:
    return at.astimezone()


@pytest.fixture(scope="module", params=DATABASES)
def company(request, tmp_path_factory):
    """One demo company of 62 days per database (a month billed a month ago: its payments
    are in), made once for the tests that only read it: ``(engine, progress steps)``."""
    with fresh_database(request, request.param, tmp_path_factory.mktemp("demo")) as url:
        engine = make_engine(url)
        steps = make(engine, days=62)
        yield engine, steps
        engine.dispose()


def test_the_history_falls_on_working_days_and_nothing_is_later_than_now(company):
    engine, steps = company
    now = datetime.now().astimezone()
    works = settings.get_company(engine).working_days
    with unit_of_work(engine, write=False) as s:
        placed = s.execute(select(Order.delivery_date, Order.created_at)).all()
        delivered = s.scalars(select(Order.delivery_date).join(
            Delivery, Delivery.order_id == Order.id)).all()
        audited = s.scalars(select(AuditEntry.at)).all()
        booked = s.scalars(select(LedgerEntry.at)).all()
    assert placed and delivered and audited and booked
    assert all(str(day.isoweekday()) in works for day, _ in placed), "delivery on a day off"
    assert all(str(local(at).isoweekday()) in works for _, at in placed), "taken on a day off"
    assert all(str(day.isoweekday()) in works for day in delivered)
    assert max(at for _, at in placed) <= now
    assert max(audited) <= now and max(booked) <= now
    assert min(audited) < now - timedelta(days=30), "the office opened before the history"
    # The progress ran through to its end, step by step.
    assert [done for done, _, _ in steps] == list(range(1, len(steps) + 1))
    assert {total for _, total, _ in steps} == {len(steps)}
    assert [step for _, _, step in steps][-1] == demo.STEPS[-1]


def test_order_numbers_follow_the_times_the_orders_were_taken(company):
    engine, _ = company
    with unit_of_work(engine, write=False) as s:
        rows = s.execute(select(Order.number, Order.created_at)).all()
    by_number = [at for _, at in sorted(rows)]
    assert len(rows) > 20 and by_number == sorted(by_number)
    assert all(number.startswith(f"SO-{local(at).year}-") for number, at in rows)


def test_every_order_of_a_past_day_was_delivered_failed_or_cancelled(engine, monkeypatch):
    # One small van: some days' orders do not fit and go to the next working day.
    monkeypatch.setattr(demo, "VEHICLES", (("ABC-1201", 5, "cylinders"),))
    make(engine)
    with unit_of_work(engine, write=False) as s:
        past = s.execute(select(Order.number, Order.status)
                         .where(Order.delivery_date < date.today())).all()
        moved = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "order", AuditEntry.action == "rescheduled"))
    assert [(n, status) for n, status in past if status not in PAST] == []
    assert len(past) > 20 and moved > 0
    assert {status for _, status in past} >= {"delivered", "cancelled"}


def test_audit_and_ledger_rows_carry_the_times_things_happened(company):
    engine, _ = company
    with unit_of_work(engine, write=False) as s:
        taken = dict(s.execute(select(Order.number, Order.created_at)).all())
        audited = s.execute(select(AuditEntry.entity_id, AuditEntry.at).where(
            AuditEntry.entity == "order", AuditEntry.action == "created")).all()
        ledger = s.execute(select(LedgerEntry.kind, LedgerEntry.at,
                                  LedgerEntry.business_date)).all()
        every = s.scalars(select(AuditEntry.at)).all()
    assert audited and all(at == taken[number] for number, at in audited)
    assert len({local(at).date() for at in every}) > 30, "the audit is spread over the history"
    deliveries = [(local(at), day) for kind, at, day in ledger if kind == "delivery"]
    payments = [(local(at).date() - day).days for kind, at, day in ledger if kind == "payment"]
    assert deliveries and all(at.date() == day and at.hour >= 17 for at, day in deliveries), \
        "a delivery is entered the evening of its day"
    assert payments and all(0 <= late <= 4 for late in payments), \
        "a payment is keyed in on the day received or a working day or two later"
    assert any(late > 0 for late in payments)
    assert all(local(at).date() >= day for kind, at, day in ledger)


def test_every_past_working_day_is_cashed_up_banked_and_closed(engine, monkeypatch):
    """Each past working day's routes are settled (by denomination, the cheques taken at
    stops counted as cheques; a few a little off, with a reason and the manager's
    approval), most of the takings banked the next morning, every day's cash book closed
    by the manager, and db check holds."""
    monkeypatch.setattr(demo, "PAY_AT_STOP", 1.0)  # every customer met who owes pays
    make(engine, days=62)  # a month billed: open invoices to pay at the stops
    today = date.today()
    works = settings.get_company(engine).working_days
    with unit_of_work(engine, write=False) as s:
        routes = s.execute(select(Route.id, Route.day).where(Route.status == "confirmed")).all()
        settled = s.execute(select(Settlement.route_id, Settlement.variance, Settlement.reason,
                                   Settlement.approved_by, Settlement.cheques,
                                   Settlement.settled_at)
                            .where(Settlement.status == "settled")).all()
        notes = s.scalar(select(func.count()).select_from(SettlementNote))
        at_stops = s.execute(select(Payment.route_id, Payment.method, Payment.amount)
                             .where(Payment.route_id.is_not(None))).all()
        book = s.execute(select(CashBookEntry.kind, CashBookEntry.day, CashBookEntry.amount,
                                CashBookEntry.at)).all()
        closed = s.execute(select(CashBookDay.day, CashBookDay.closed_by)).all()
        owed = s.execute(select(DriverEntry.kind, DriverEntry.amount)).all()
    past = {rid for rid, day in routes if day < today}
    assert past and {rid for rid, *_ in settled} == past, "every past route, and only those"
    off = [(variance, reason, approver) for _, variance, reason, approver, *_ in settled
           if variance]
    assert 0 < len(off) <= len(settled) / 5, "most counts are exact, a few a little off"
    assert all(reason and approver == "manager" and abs(v) <= 500 for v, reason, approver in off)
    assert notes > 0, "counted by denomination"
    assert all(local(at).hour >= 19 for *_, at in settled), "cashed up when the trucks are back"
    # The cheques taken at the stops are handed in as cheques.
    cheques = {rid: amount for rid, _, _, _, amount, _ in settled}
    assert at_stops and any(method == "cheque" for _, method, _ in at_stops)
    for rid in {rid for rid, *_ in at_stops}:
        assert cheques[rid] == sum(a for r, m, a in at_stops if r == rid and m == "cheque")
    # The cash book: a float on the first day, deposits, every past working day closed.
    first = min(day for _, day, _, _ in book)
    assert [kind for kind, day, *_ in book if day == first][0] == "float"
    days = {first + timedelta(days=n) for n in range((today - first).days)}
    assert {day for day, _ in closed} == {d for d in days if str(d.isoweekday()) in works}
    assert {who for _, who in closed} == {"manager"}
    banked = -sum(amount for kind, _, amount, _ in book if kind == "deposit")
    taken = sum(amount for kind, _, amount, _ in book if kind == "settlement")
    assert banked >= taken * Decimal("0.6"), "most of the takings go to the bank"
    assert any(kind == "payment_from_driver" for kind, _ in owed), "a shortage paid back"
    assert all(local(at) <= datetime.now().astimezone() for *_, at in book)
    assert [r.name for r in checks.run(engine) if not r.ok] == []


def test_the_company_issues_uniform_invoices_from_its_first_sale(company, tmp_path):
    """Turned on before the first sale, with the ranges of every period the history covers
    (the last with a second track): each cash sale and monthly invoice has its uniform
    invoice, B2B to the businesses with a 統一編號, B2C to consumers with a carrier, a
    donation code or a printed proof; the cash deliveries undone voided theirs; credit
    notes on business invoices are allowances, one confirmed, one waiting for the buyer;
    each number is taken once from its range, and every message exports and validates."""
    engine, _ = company
    today = date.today()
    firm = settings.get_company(engine)
    assert einvoice.enabled(firm) and ubn.is_valid(firm.tax_id)
    with unit_of_work(engine, write=False) as s:
        ranges = s.execute(select(NumberRange.period, NumberRange.track)).all()
        issued = s.execute(select(UniformInvoice.number, UniformInvoice.status,
                                  UniformInvoice.buyer_tax_id, UniformInvoice.carrier_type,
                                  UniformInvoice.carrier_id, UniformInvoice.donation_code,
                                  UniformInvoice.cash_sale_id, UniformInvoice.invoice_id,
                                  UniformInvoice.invoice_date)).all()
        sales = dict(s.execute(select(CashSale.id, CashSale.status)).all())
        invoices = set(s.scalars(select(Invoice.id)))
        messages = s.execute(select(EInvoiceMessage.kind, EInvoiceMessage.document)).all()
    periods, period = {p for p, _ in ranges}, uniform.period_of(min(d for *_, d in issued))
    while period <= uniform.period_of(today):  # every period with a sale, through today's
        assert period in periods
        period = uniform.next_period(period)
    assert len(ranges) == len(periods) + 1, "one range a period, two in the last"
    assert len([p for p, _ in ranges if p == uniform.period_of(today)]) == 2
    # Every sale and every invoice has its uniform invoice, each number once.
    assert {sale for *_, sale, _, _ in issued if sale} == set(sales)
    assert {inv for *_, inv, _ in issued if inv} == invoices and invoices
    assert len({number for number, *_ in issued}) == len(issued)
    b2b = [row for row in issued if row.buyer_tax_id]
    b2c = [row for row in issued if not row.buyer_tax_id]
    assert b2b and all(ubn.is_valid(row.buyer_tax_id) for row in b2b)
    assert any(row.invoice_id for row in b2b), "a business's monthly invoice is B2B"
    carriers = [row for row in b2c if row.carrier_id]
    assert carriers and all(row.carrier_type == "3J0002" and uniform.carrier(row.carrier_id)
                            for row in carriers)
    assert any(row.donation_code for row in b2c)
    assert any(not (row.carrier_id or row.donation_code) for row in b2c), "printed proofs"
    # The undone cash deliveries voided their sales' uniform invoices (F0501).
    voids = [row for row in issued if row.status == "void"]
    assert len(voids) >= 2
    assert all(sales[row.cash_sale_id] == "void" and ("F0501", row.number) in messages
               for row in voids)
    assert set(sales.values()) == {"posted", "void"}
    # Allowances on business invoices: one confirmed (reported, G0401), one waiting.
    allowances = {a.status: a for a in einvoice.allowances(engine)}
    assert set(allowances) == {"confirmed", "issued"}
    assert all(a.b2b and a.allowance_date == today for a in allowances.values())
    assert ("G0401", allowances["confirmed"].number) in messages
    assert ("G0401", allowances["issued"].number) not in messages
    assert [r.name for r in checks.run(engine) if not r.ok] == []
    # Each evening's messages were written as the office server writes them: none is late,
    # what waits is today's; those build and validate.
    waiting = einvoice.backlog(engine)
    assert waiting.late == 0 and waiting.waiting < len(messages) / 2
    assert einvoice.export(engine, tmp_path) >= waiting.waiting
    assert einvoice.backlog(engine).waiting == 0
    for path in tmp_path.rglob("*.xml"):
        mig.validate(path.parent.name, path.read_bytes())
