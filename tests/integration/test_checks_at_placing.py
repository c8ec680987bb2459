"""Orders judged at placing, on SQLite and PostgreSQL: every order on account keeps the
credit limit and the exposure it was placed against (placed, changed, generated from a
standing order, converted from a quote, moved after a failed delivery), and ``db check``
judges it by those.  A balance taken over the limit later — the company's monthly
cylinder rental, a manager lowering the limit — breaks no check, and refuses the next
order on account as any excess does."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.db import unit_of_work
from core.models import Order
from core.services import (
    billing,
    credit,
    deliveries,
    dispatch,
    fleet,
    orders,
    quotes,
    settings,
    standing,
)
from core.services.orders import CreditRefused, OverrideRequest
from core.services.quotes import QuoteInput
from core.services.standing import StandingInput, StandingLineInput
from tests.integration.shop import (
    LPG20_TOTAL,
    LPG50_TOTAL,
    delivered,
    failed_checks,
    line,
    make_customer,
    make_products,
    order_for,
)

DAY = date.today() + timedelta(days=1)
PERIOD = DAY.strftime("%Y-%m")


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def at_placing(engine, order_id: int) -> tuple[Decimal | None, Decimal | None]:
    """The (limit, exposure without the order) the order was judged by."""
    with unit_of_work(engine, write=False) as s:
        o = s.get(Order, order_id)
        return o.limit_at_placing, o.exposure_at_placing


def approval(seeded) -> OverrideRequest:
    return OverrideRequest("manager", seeded["manager"].password, "月底結清")


# --- what is kept -------------------------------------------------------------------------

def test_an_order_keeps_the_limit_and_exposure_it_was_placed_and_changed_against(
        engine, seeded, shop):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    c = make_customer(engine, manager, "C1", 5_000)
    first = orders.place(engine, clerk, order_for(c, line(shop.lpg20)))
    assert at_placing(engine, first.id) == (5_000, 0)
    second = orders.place(engine, clerk, order_for(c, line(shop.lpg20, 2)))
    assert at_placing(engine, second.id) == (5_000, LPG20_TOTAL)
    credit.set_limit(engine, manager, customer_id=c.id, limit="6000", reason="旺季")
    # Raised: judged again, as it is now, without its own old total.
    raised = orders.modify(engine, clerk, order_id=first.id, version=first.version,
                           data=order_for(c, line(shop.lpg20, 3), delivery_date=DAY))
    assert at_placing(engine, first.id) == (6_000, 2 * LPG20_TOTAL)
    # Lowered: no credit check, so the figures it was judged by stay.
    orders.modify(engine, clerk, order_id=first.id, version=raised.version,
                  data=order_for(c, line(shop.lpg20, 1), delivery_date=DAY))
    assert at_placing(engine, first.id) == (6_000, 2 * LPG20_TOTAL)
    cash = orders.place(engine, clerk, order_for(c, line(shop.lpg20), payment="cash"))
    assert at_placing(engine, cash.id) == (None, None)
    over = orders.place(engine, clerk, order_for(c, line(shop.lpg50, 2)),
                        override=approval(seeded))
    assert at_placing(engine, over.id) == (6_000, 3 * LPG20_TOTAL)
    assert over.overrides[0].exposure_before == 3 * LPG20_TOTAL
    assert failed_checks(engine) == {}


def test_generated_and_converted_orders_keep_what_they_were_judged_by(engine, seeded, shop):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    c = make_customer(engine, manager, "C1", 10_000)
    standing.create(engine, clerk, StandingInput(
        customer_id=c.id, schedule="weekdays", days=(1, 2, 3, 4, 5, 6, 7),
        start_date=date.today(), lines=(StandingLineInput(shop.lpg20.id, 1),)))
    standing.generate(engine, clerk, start=DAY, end=DAY + timedelta(days=1))
    with unit_of_work(engine, write=False) as s:
        made = s.scalars(select(Order.id).where(Order.standing_order_id.is_not(None))
                         .order_by(Order.standing_date)).all()
    assert [at_placing(engine, i) for i in made] == [(10_000, 0), (10_000, LPG20_TOTAL)]
    q = quotes.create(engine, clerk, QuoteInput(customer_id=c.id,
                                                lines=(orders.LineInput(shop.lpg50.id, 1),)))
    sent = quotes.send(engine, clerk, quote_id=q.id, version=q.version)
    quotes.accept(engine, clerk, quote_id=q.id, version=sent.version)
    converted = quotes.convert(engine, clerk, q.id)
    assert at_placing(engine, converted.id) == (10_000, 2 * LPG20_TOTAL)
    assert failed_checks(engine) == {}


def test_a_failed_order_moved_to_another_day_is_judged_again(engine, seeded, shop):
    clerk, manager, actor = (seeded[n].actor for n in ("clerk", "manager", "dispatcher"))
    settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16", depot_lon="120.63")
    van = fleet.save_vehicle(engine, actor, plate="ABC-1201", capacity=60)
    c = make_customer(engine, manager, "C1", 5_000)
    placed = orders.place(engine, clerk, order_for(c, line(shop.lpg20), delivery_date=DAY))
    dispatch.move(engine, actor, order_id=placed.id, route_id=None, vehicle_id=van.id)
    dispatch.confirm(engine, actor, day=DAY)
    deliveries.confirm(engine, actor, deliveries.DeliveryInput(placed.id, "k1", "failed",
                                                               reason="家中無人"))
    orders.place(engine, clerk, order_for(c, line(shop.lpg50), delivery_date=DAY))
    credit.set_limit(engine, manager, customer_id=c.id, limit="4000", reason="調整")
    failed = orders.get(engine, placed.id)
    dispatch.reschedule(engine, clerk, order_id=failed.id, version=failed.version,
                        day=DAY + timedelta(days=2))
    assert at_placing(engine, placed.id) == (4_000, LPG50_TOTAL)
    assert failed_checks(engine) == {}


# --- charges the company makes, limits a manager lowers -----------------------------------

def test_the_monthly_rental_may_take_a_balance_over_the_limit_and_then_refuses_orders(
        engine, seeded, shop):
    """A cash customer (limit 0) owing the cylinder rental, and a customer on account whose
    rental takes them over their limit: db check passes; the next order on account is
    refused by the excess."""
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    settings.update_company(engine, manager, cylinder_rental="50")
    [cash] = delivered(engine, seeded, shop, ["C0"], day=DAY, limit=0)
    [account] = delivered(engine, seeded, shop, ["C1"], day=DAY, limit=2 * int(LPG20_TOTAL))
    assert cash.payment == "cash" and account.payment == "account"
    billing.run(engine, manager, period=PERIOD)
    rental = Decimal(105)  # two cylinders held at 50, and 5 % tax
    owed = credit.summary(engine, cash.customer_id)
    assert (owed.credit_limit, owed.balance) == (0, rental)
    full = credit.summary(engine, account.customer_id)
    assert full.balance == full.credit_limit + rental
    assert failed_checks(engine) == {}
    with pytest.raises(CreditRefused) as refused:
        orders.place(engine, clerk, order_for(account.customer_id, line(shop.lpg20)))
    assert refused.value.figures.shortfall == rental + LPG20_TOTAL
    with pytest.raises(CreditRefused):
        orders.place(engine, clerk, order_for(cash.customer_id, line(shop.lpg20),
                                              payment="account"))
    assert failed_checks(engine) == {}


def test_a_limit_lowered_below_the_exposure_breaks_no_check_and_refuses_the_next_order(
        engine, seeded, shop):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    c = make_customer(engine, manager, "C1", 10_000)
    orders.place(engine, clerk, order_for(c, line(shop.lpg50, 2)))
    credit.set_limit(engine, manager, customer_id=c.id, limit="0", reason="停止賒帳")
    assert failed_checks(engine) == {}
    with pytest.raises(CreditRefused) as refused:
        orders.place(engine, clerk, order_for(c, line(shop.lpg20), payment="account"))
    assert refused.value.figures.shortfall == 2 * LPG50_TOTAL + LPG20_TOTAL
