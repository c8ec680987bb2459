"""Standing orders on SQLite and PostgreSQL: saving, pausing and skipping, generating
ordinary orders through the credit check exactly once, and the clerk's refusals."""

from __future__ import annotations

import json
import multiprocessing
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select

from core.cli import main as admin
from core.db import unit_of_work
from core.errors import DomainError, PermissionDenied, StaleRecord, ValidationError
from core.models import AuditEntry, Order, StandingOccurrence
from core.services import credit, orders, standing
from core.services.standing import StandingInput, StandingLineInput
from tests.integration import racers
from tests.integration.shop import LPG20_TOTAL, failed_checks, make_customer, make_products

TODAY = date.today()
TOMORROW = TODAY + timedelta(days=1)


def weekly(customer, product, *, quantity=1, start=TODAY, **more) -> StandingInput:
    """Every day of the week: each date of a range is due (simple counting)."""
    return StandingInput(customer_id=customer.id, schedule="weekdays",
                         days=more.pop("days", (1, 2, 3, 4, 5, 6, 7)), start_date=start,
                         lines=(StandingLineInput(product.id, quantity),), **more)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def orders_of(engine, standing_id: int) -> list[orders.OrderView]:
    with unit_of_work(engine, write=False) as s:
        ids = s.scalars(select(Order.id).where(Order.standing_order_id == standing_id)
                        .order_by(Order.standing_date)).all()
    return [orders.get(engine, i) for i in ids]


def test_a_standing_order_lists_its_next_dates_and_is_audited(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 100_000)
    view = standing.create(engine, seeded["clerk"].actor, weekly(
        c, shop.lpg20, days=(1, 4), quantity=2, start=date(2027, 1, 1)))
    assert view.next_dates[:4] == (date(2027, 1, 4), date(2027, 1, 7), date(2027, 1, 11),
                                   date(2027, 1, 14))
    assert view.lines[0].sku == "LPG-20" and view.lines[0].quantity == 2
    assert view.last_generated is None and view.last_delivery is None
    with unit_of_work(engine, write=False) as s:
        actions = s.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "standing_order")).all()
    assert actions == ["created"]


def test_bad_input_names_every_bad_field_and_saves_nothing(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 100_000)
    with pytest.raises(ValidationError) as refused:
        standing.create(engine, seeded["clerk"].actor, StandingInput(
            customer_id=c.id, schedule="every", interval_days=0, start_date=TODAY,
            end_date=TODAY - timedelta(days=1), time_slot="midnight",
            lines=(StandingLineInput(shop.lpg20.id, "-1"),)))
    assert set(refused.value.field_errors) == {"interval_days", "end_date", "time_slot",
                                               "line1.quantity"}
    for kind in ("weekdays", "monthdays"):
        with pytest.raises(ValidationError) as refused:
            standing.create(engine, seeded["clerk"].actor, StandingInput(
                customer_id=c.id, schedule=kind, days=(), start_date=TODAY,
                lines=(StandingLineInput(shop.lpg20.id, 1),)))
        assert set(refused.value.field_errors) == {"days"}
    with pytest.raises(ValidationError) as refused:
        standing.create(engine, seeded["clerk"].actor, StandingInput(
            customer_id=0, schedule="every", interval_days=7, start_date=TODAY,
            lines=(StandingLineInput(shop.lpg20.id, 1),)))
    assert set(refused.value.field_errors) == {"customer"}
    assert standing.list_standing(engine) == []


def test_a_clerk_fixes_a_price_only_within_the_tolerance_and_a_manager_beyond(
        engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 100_000)
    far = StandingInput(customer_id=c.id, schedule="every", interval_days=7, start_date=TODAY,
                        lines=(StandingLineInput(shop.lpg20.id, 1, "700"),))
    with pytest.raises(ValidationError, match="a clerk may set a price"):
        standing.create(engine, seeded["clerk"].actor, far)
    view = standing.create(engine, seeded["manager"].actor, far)
    assert view.lines[0].fixed_price == Decimal(700)


def test_only_clerks_keep_standing_orders_and_dispatchers_may_generate(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 100_000)
    with pytest.raises(PermissionDenied):
        standing.create(engine, seeded["dispatcher"].actor, weekly(c, shop.lpg20))
    standing.create(engine, seeded["clerk"].actor, weekly(c, shop.lpg20))
    result = standing.generate(engine, seeded["dispatcher"].actor, start=TOMORROW,
                               end=TOMORROW)
    assert result.created == 1


def test_generated_orders_are_ordinary_confirmed_orders_that_hold_credit(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 100_000)
    view = standing.create(engine, seeded["clerk"].actor, weekly(c, shop.lpg20, quantity=2,
                                                                 time_slot="morning"))
    result = standing.generate(engine, seeded["clerk"].actor, start=TOMORROW,
                               end=TOMORROW + timedelta(days=2))
    assert (result.created, result.refused, result.already) == (3, 0, 0)
    made = orders_of(engine, view.id)
    assert [o.delivery_date for o in made] == [TOMORROW + timedelta(days=i) for i in range(3)]
    assert all(o.status == "confirmed" and o.number.startswith("SO-") and
               o.time_slot == "morning" and o.total == 2 * LPG20_TOTAL for o in made)
    assert credit.summary(engine, c.id).open_orders == 6 * LPG20_TOTAL
    assert standing.get(engine, view.id).last_generated == TOMORROW + timedelta(days=2)
    assert failed_checks(engine) == {}


def test_generating_twice_or_over_overlapping_ranges_makes_each_date_once(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 1_000_000)
    view = standing.create(engine, seeded["clerk"].actor, weekly(c, shop.lpg20))
    clerk = seeded["clerk"].actor
    first = standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW + timedelta(days=6))
    again = standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW + timedelta(days=6))
    overlap = standing.generate(engine, clerk, start=TOMORROW + timedelta(days=3),
                                end=TOMORROW + timedelta(days=9))
    assert (first.created, again.created, again.already) == (7, 0, 7)
    assert (overlap.created, overlap.already) == (3, 4)
    assert len(orders_of(engine, view.id)) == 10
    assert failed_checks(engine) == {}


def test_the_database_refuses_a_second_occurrence_of_a_standing_order_date(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 1_000_000)
    view = standing.create(engine, seeded["clerk"].actor, weekly(c, shop.lpg20))
    standing.generate(engine, seeded["clerk"].actor, start=TOMORROW, end=TOMORROW)
    with pytest.raises(Exception, match="(?i)unique"):
        with unit_of_work(engine) as s:
            s.execute(insert(StandingOccurrence).values(
                standing_order_id=view.id, day=TOMORROW, outcome="ordered", reason="",
                created_by="x", created_at=orders.utcnow()))


def test_two_processes_generating_the_same_range_at_once_make_each_order_once(
        engine, db_url, seeded, shop):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    views = [standing.create(engine, clerk, weekly(
        make_customer(engine, manager, f"C{i}", 1_000_000), shop.lpg20)) for i in range(15)]
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    end = TOMORROW + timedelta(days=13)
    workers = [ctx.Process(target=racers.generate_standing,
                           args=(db_url, clerk, TOMORROW, end, barrier, results))
               for _ in range(2)]
    for w in workers:
        w.start()
    reports = [results.get(timeout=240) for _ in workers]
    for w in workers:
        w.join(30)
    assert [r["error"] for r in reports] == [None, None]
    assert sum(r["created"] for r in reports) == 15 * 14
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 15 * 14
    assert all(len(orders_of(engine, v.id)) == 14 for v in views)
    assert failed_checks(engine) == {}


def test_pause_skip_and_end_leave_their_dates_out(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 1_000_000)
    clerk = seeded["clerk"].actor
    view = standing.create(engine, clerk, weekly(c, shop.lpg20))
    d = [TOMORROW + timedelta(days=i) for i in range(10)]
    view = standing.pause(engine, clerk, standing_id=view.id, version=view.version,
                          start=d[2], end=d[4])
    view = standing.skip(engine, clerk, standing_id=view.id, version=view.version, day=d[6])
    assert d[2] not in view.next_dates and d[6] not in view.next_dates
    standing.generate(engine, clerk, start=d[0], end=d[9])
    assert [o.delivery_date for o in orders_of(engine, view.id)] == [
        d[0], d[1], d[5], d[7], d[8], d[9]]
    view = standing.get(engine, view.id)
    with pytest.raises(DomainError, match="generated already"):
        standing.skip(engine, clerk, standing_id=view.id, version=view.version, day=d[7])
    view = standing.resume(engine, clerk, standing_id=view.id, version=view.version)
    view = standing.end(engine, clerk, standing_id=view.id, version=view.version)
    assert view.active is False and view.next_dates == ()
    assert standing.generate(engine, clerk, start=d[0], end=d[9] + timedelta(days=5)).created == 0
    assert standing.list_standing(engine) == []
    assert [v.id for v in standing.list_standing(engine, include_inactive=True)] == [view.id]


def test_editing_changes_only_dates_not_generated_yet(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 1_000_000)
    clerk = seeded["clerk"].actor
    view = standing.create(engine, clerk, weekly(c, shop.lpg20))
    standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW)
    view = standing.get(engine, view.id)
    standing.update(engine, clerk, standing_id=view.id, version=view.version,
                    data=weekly(c, shop.lpg50, quantity=3))
    standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW + timedelta(days=1))
    first, second = orders_of(engine, view.id)
    assert [(x.product_id, x.quantity) for x in first.lines] == [(shop.lpg20.id, 1)]
    assert [(x.product_id, x.quantity) for x in second.lines] == [(shop.lpg50.id, 3)]


def test_saving_over_a_newer_version_is_refused_and_keeps_the_newer(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 1_000_000)
    clerk = seeded["clerk"].actor
    view = standing.create(engine, clerk, weekly(c, shop.lpg20))
    standing.update(engine, clerk, standing_id=view.id, version=view.version,
                    data=weekly(c, shop.lpg20, quantity=2))
    with pytest.raises(StaleRecord):
        standing.update(engine, clerk, standing_id=view.id, version=view.version,
                        data=weekly(c, shop.lpg20, quantity=5))
    assert standing.get(engine, view.id).lines[0].quantity == 2


def test_a_refused_date_waits_in_the_clerks_list_until_placed_with_an_override(
        engine, seeded, shop):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    c = make_customer(engine, manager, "C1", int(LPG20_TOTAL) * 2)
    standing.create(engine, clerk, weekly(c, shop.lpg20))
    result = standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW + timedelta(days=2))
    assert (result.created, result.refused) == (2, 1)
    again = standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW + timedelta(days=2))
    assert (again.created, again.refused) == (0, 0)  # not retried behind the clerk's back
    [refusal] = standing.refusals(engine)
    assert refusal.day == TOMORROW + timedelta(days=2) and refusal.amount == LPG20_TOTAL
    assert "credit limit" in refusal.reason.message() and "NT$945" in refusal.reason.message()
    with pytest.raises(orders.CreditRefused):
        standing.retry(engine, clerk, occurrence_id=refusal.occurrence_id)
    with pytest.raises(PermissionDenied):  # nobody approves their own request
        standing.retry(engine, manager, occurrence_id=refusal.occurrence_id,
                       override=orders.OverrideRequest("manager", seeded["manager"].password,
                                                       "pays Friday"))
    placed = standing.retry(engine, clerk, occurrence_id=refusal.occurrence_id,
                            override=orders.OverrideRequest(
                                "manager", seeded["manager"].password, "pays Friday"))
    assert placed.overrides[0].approved_by == "manager"
    assert placed.delivery_date == refusal.day
    assert standing.refusals(engine) == []
    with pytest.raises(DomainError, match="dealt with already"):
        standing.dismiss(engine, clerk, occurrence_id=refusal.occurrence_id)
    assert failed_checks(engine) == {}


def test_a_blocked_customers_dates_are_refused_and_can_be_dismissed(engine, seeded, shop):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    c = make_customer(engine, manager, "C1", 100_000)
    standing.create(engine, clerk, weekly(c, shop.lpg20))
    credit.set_blocked(engine, manager, customer_id=c.id, blocked=True, reason="bounced cheque")
    assert standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW).refused == 1
    [refusal] = standing.refusals(engine)
    assert "bounced cheque" in refusal.reason.message()
    standing.dismiss(engine, clerk, occurrence_id=refusal.occurrence_id)
    assert standing.refusals(engine) == []
    assert orders_of(engine, refusal.standing_id) == []


def test_generation_is_for_coming_days_and_at_most_a_year(engine, seeded):
    clerk = seeded["clerk"].actor
    with pytest.raises(ValidationError):
        standing.generate(engine, clerk, start=TODAY, end=TOMORROW)
    with pytest.raises(ValidationError):
        standing.generate(engine, clerk, start=TOMORROW, end=TODAY)
    with pytest.raises(ValidationError):
        standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW + timedelta(days=400))


def test_the_calendar_shows_orders_and_coming_standing_dates_together(engine, seeded, shop):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    c = make_customer(engine, manager, "C1", 1_000_000)
    view = standing.create(engine, clerk, weekly(c, shop.lpg20))
    standing.generate(engine, clerk, start=TOMORROW, end=TOMORROW)
    one_time = orders.place(engine, clerk, orders.OrderInput(
        customer_id=c.id, delivery_date=TOMORROW, lines=(orders.LineInput(shop.lpg50.id, 1),)))
    entries = standing.calendar(engine, customer_id=c.id, start=TOMORROW,
                                end=TOMORROW + timedelta(days=1))
    kinds = [(e.day, e.kind, e.standing_id) for e in entries]
    assert (TOMORROW, "order", view.id) in kinds and (TOMORROW, "order", None) in kinds
    assert (TOMORROW + timedelta(days=1), "standing", view.id) in kinds
    assert len(entries) == 3 and one_time.number in {e.number for e in entries}


def test_the_admin_command_generates_and_prints_one_json_line(engine, db_url, seeded, shop,
                                                              capsys):
    c = make_customer(engine, seeded["manager"].actor, "C1", int(LPG20_TOTAL))
    standing.create(engine, seeded["clerk"].actor, weekly(c, shop.lpg20))
    through = (TOMORROW + timedelta(days=2)).isoformat()
    assert admin(["--db", db_url, "standing", "generate", "--through", through, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"created": 1, "refused": 2}
    assert admin(["--db", db_url, "standing", "generate", "--through", through, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"created": 0, "refused": 0}
    assert admin(["--db", db_url, "standing", "generate", "--through", "2027-02-30"]) == 2
    assert "not a date" in capsys.readouterr().err


def test_db_check_names_a_date_generated_twice(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 1_000_000)
    view = standing.create(engine, seeded["clerk"].actor, weekly(c, shop.lpg20))
    standing.generate(engine, seeded["clerk"].actor, start=TOMORROW, end=TOMORROW)
    with unit_of_work(engine) as s:  # an occurrence that lost its order
        s.execute(StandingOccurrence.__table__.update().values(order_id=None))
    broken = failed_checks(engine)
    assert list(broken) == ["no standing order date is generated twice"]
    assert broken["no standing order date is generated twice"] == (
        f"standing order {view.id} on {TOMORROW}: marked ordered without its order",)
