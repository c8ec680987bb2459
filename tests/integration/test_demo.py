"""The demo company's history, as an office would have made it, on SQLite and PostgreSQL."""

from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from core import demo
from core.db import unit_of_work
from core.models import AuditEntry, Delivery, Order
from core.models.dispatch import LedgerEntry
from core.services import settings

PAST = ("delivered", "partially_delivered", "failed", "cancelled")


def make(engine, days: int = 30) -> list[tuple[int, int, str]]:
    steps: list[tuple[int, int, str]] = []
    demo.generate(engine, customers_count=12, days=days,
                  progress=lambda done, total, step: steps.append((done, total, step)))
    return steps


def local(at: datetime) -> datetime:
    return at.astimezone()


def test_the_history_falls_on_working_days_and_nothing_is_later_than_now(engine):
    steps = make(engine)
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


def test_order_numbers_follow_the_times_the_orders_were_taken(engine):
    make(engine)
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


def test_audit_and_ledger_rows_carry_the_times_things_happened(engine):
    make(engine, days=62)  # a month billed a month ago: its payments are in
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
    assert all(local(at).date() >= day for _, at, day in ledger)
