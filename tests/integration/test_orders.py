"""Orders on SQLite and PostgreSQL: numbering, credit on place / modify / cancel, the
declared state machine, request keys and the price rules."""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from core.db import unit_of_work
from core.errors import DomainError, StaleRecord, ValidationError
from core.models import CustomerPrice, Order
from core.services import customers, orders, products
from core.services.customers import CustomerInput
from core.services.orders import (
    TRANSITIONS,
    IllegalTransition,
    OrderInput,
    OverrideRequest,
    check_transition,
)
from core.services.products import ProductInput
from tests.integration.shop import (
    LPG20_TOTAL,
    LPG50_TOTAL,
    counts,
    failed_checks,
    held_by_open_orders,
    line,
    make_customer,
    make_products,
    open_orders,
    order_for,
)

ALL_STATES = tuple(TRANSITIONS)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def clerk(seeded):
    return seeded["clerk"].actor


@pytest.fixture
def restaurant(engine, seeded):
    """A customer whose limit fits three 20 kg cylinders (2,835) but not four."""
    return make_customer(engine, seeded["manager"].actor, "C1", 3000)


def manager_approves(seeded, reason="老客戶，月底結清") -> OverrideRequest:
    return OverrideRequest("manager", seeded["manager"].password, reason)


def change(placed: orders.OrderView, *lines, **header) -> OrderInput:
    """The order form of ``placed`` with new lines (and header fields)."""
    data = {"delivery_date": placed.delivery_date, "time_slot": placed.time_slot,
            "notes": placed.notes, "payment": placed.payment} | header
    return OrderInput(customer_id=placed.customer_id, lines=tuple(lines), **data)


def set_status(engine, order_id: int, status: str) -> None:
    """What dispatch will do later (scheduling, delivery): straight in the database."""
    with unit_of_work(engine) as s:
        s.execute(text("UPDATE sales_order SET status = :status WHERE id = :id"),
                  {"status": status, "id": order_id})


# --- place, modify, cancel -----------------------------------------------------------------

def test_placing_an_order_numbers_it_and_takes_its_total_from_the_credit(
        engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 2)))
    assert re.fullmatch(r"SO-\d{4}-\d{6}", placed.number)
    assert placed.number == f"SO-{placed.created_at.year}-{placed.id:06d}"
    assert (placed.status, placed.payment, placed.version) == ("confirmed", "account", 1)
    assert (placed.subtotal, placed.tax, placed.total) == (Decimal(1800), Decimal(90),
                                                           Decimal(1890))
    assert placed.delivery_date > date.today()  # the next working day
    assert open_orders(engine, restaurant.id) == Decimal(1890)
    second = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    assert second.number != placed.number
    assert open_orders(engine, restaurant.id) == Decimal(1890) + LPG20_TOTAL
    assert orders.get(engine, placed.id) == placed
    assert failed_checks(engine) == {}


def test_an_order_over_the_limit_is_refused_with_the_figures_and_nothing_is_saved(
        engine, shop, clerk, restaurant):
    orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 3)))
    before = counts(engine)
    with pytest.raises(orders.CreditRefused) as exc:
        orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    f = exc.value.figures
    assert (f.limit, f.balance, f.open_orders, f.amount) == (
        Decimal(3000), Decimal(0), 3 * LPG20_TOTAL, LPG20_TOTAL)
    assert f.shortfall == 4 * LPG20_TOTAL - 3000 and not f.blocked
    assert "NT$3,000" in str(exc.value) and "NT$780" in str(exc.value)  # limit, shortfall
    assert counts(engine) == before
    assert open_orders(engine, restaurant.id) == 3 * LPG20_TOTAL


def test_modifying_an_order_up_takes_only_the_difference_from_the_credit(
        engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    changed = orders.modify(engine, clerk, order_id=placed.id, version=placed.version,
                            data=change(placed, line(shop.lpg20, 3)))
    assert changed.version == placed.version + 1
    assert changed.total == 3 * LPG20_TOTAL
    # 2,835 of 3,000 in use: a fourth cylinder would not fit, even though the change
    # alone (945) is less than what was free before it (2,055).
    assert open_orders(engine, restaurant.id) == 3 * LPG20_TOTAL
    assert failed_checks(engine) == {}


def test_modifying_an_order_up_beyond_the_limit_is_refused_and_the_order_is_unchanged(
        engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 2)))
    with pytest.raises(orders.CreditRefused) as exc:
        orders.modify(engine, clerk, order_id=placed.id, version=placed.version,
                      data=change(placed, line(shop.lpg20, 2), line(shop.lpg50)))
    assert exc.value.figures.amount == LPG50_TOTAL  # the difference, not the new total
    assert orders.get(engine, placed.id) == placed
    assert open_orders(engine, restaurant.id) == 2 * LPG20_TOTAL


def test_modifying_an_order_down_always_works_even_when_the_customer_is_over_the_limit(
        engine, shop, clerk, seeded, restaurant):
    first = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 3)))
    over = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg50, 2)),
                        override=manager_approves(seeded))
    assert open_orders(engine, restaurant.id) > 3000
    smaller = orders.modify(engine, clerk, order_id=over.id, version=over.version,
                            data=change(over, line(shop.lpg50)))
    assert smaller.total == LPG50_TOTAL
    assert open_orders(engine, restaurant.id) == first.total + LPG50_TOTAL  # still over
    fewer = orders.modify(engine, clerk, order_id=first.id, version=first.version,
                          data=change(first, line(shop.lpg20, 2)))
    assert open_orders(engine, restaurant.id) == fewer.total + LPG50_TOTAL
    assert failed_checks(engine) == {}


def test_modifying_replaces_the_lines_and_keeps_the_number(engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20),
                                                   line(shop.inspect)))
    later = date.today() + timedelta(days=5)
    changed = orders.modify(engine, clerk, order_id=placed.id, version=placed.version,
                            data=change(placed, line(shop.inspect), delivery_date=later,
                                        notes="後門送貨"))
    assert changed.number == placed.number
    assert [(x.line_no, x.sku, x.quantity) for x in changed.lines] == \
        [(1, "SVC-INSPECT", Decimal(1))]
    assert (changed.delivery_date, changed.notes, changed.total) == (later, "後門送貨",
                                                                     Decimal(315))
    assert orders.get(engine, placed.id) == changed
    assert counts(engine)[1] == 1  # the removed line is gone from the database
    assert open_orders(engine, restaurant.id) == Decimal(315)


def test_cancelling_needs_a_reason(engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    for blank in ("", "   ", "\x00\n"):
        with pytest.raises(ValidationError) as exc:
            orders.cancel(engine, clerk, order_id=placed.id, version=placed.version,
                          reason=blank)
        assert list(exc.value.field_errors) == ["reason"]
    assert orders.get(engine, placed.id).status == "confirmed"
    assert open_orders(engine, restaurant.id) == LPG20_TOTAL


def test_cancelling_releases_the_exposure_so_the_credit_is_free_again(
        engine, shop, clerk, restaurant):
    full = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 3)))
    with pytest.raises(orders.CreditRefused):
        orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    cancelled = orders.cancel(engine, clerk, order_id=full.id, version=full.version,
                              reason="客戶改訂其他日期")
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "客戶改訂其他日期")
    assert cancelled.version == full.version + 1
    assert open_orders(engine, restaurant.id) == 0
    orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 3)))
    assert failed_checks(engine) == {}


def test_a_cancelled_order_can_be_neither_modified_nor_cancelled_again(
        engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    gone = orders.cancel(engine, clerk, order_id=placed.id, version=placed.version,
                         reason="重複下單")
    with pytest.raises(IllegalTransition):
        orders.cancel(engine, clerk, order_id=gone.id, version=gone.version, reason="again")
    with pytest.raises(DomainError) as exc:
        orders.modify(engine, clerk, order_id=gone.id, version=gone.version,
                      data=change(gone, line(shop.lpg20, 2)))
    assert "cancelled" in str(exc.value)
    assert orders.get(engine, placed.id) == gone
    assert open_orders(engine, restaurant.id) == 0  # released once, not twice


def test_a_stale_version_is_refused_by_modify_and_cancel(engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    orders.modify(engine, clerk, order_id=placed.id, version=placed.version,
                  data=change(placed, line(shop.lpg20, 2)))
    with pytest.raises(StaleRecord):
        orders.cancel(engine, clerk, order_id=placed.id, version=placed.version, reason="x")
    with pytest.raises(StaleRecord):
        orders.modify(engine, clerk, order_id=placed.id, version=placed.version,
                      data=change(placed, line(shop.lpg20, 3)))
    assert open_orders(engine, restaurant.id) == 2 * LPG20_TOTAL


# --- the declared state machine ------------------------------------------------------------

ILLEGAL = [(a, b) for a in ALL_STATES for b in ALL_STATES if b not in TRANSITIONS[a]]
LEGAL = [(a, b) for a in ALL_STATES for b in sorted(TRANSITIONS[a])]


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_transition_missing_from_the_table_raises(current, target):
    # Pure: no database involved, so not run per backend.
    with pytest.raises(IllegalTransition) as exc:
        check_transition(Order(status=current), target)
    assert str(exc.value) == (f"An order that is {orders.STATUS_NAMES[current]} cannot "
                              f"become {orders.STATUS_NAMES[target]}.")


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_every_transition_in_the_table_is_allowed(current, target):
    check_transition(Order(status=current), target)


def test_the_table_never_leaves_a_final_state_and_never_delivers_a_cancelled_order():
    assert TRANSITIONS["cancelled"] == frozenset()
    for done in ("delivered", "partially_delivered"):  # only a manager's undo, back to the route
        assert TRANSITIONS[done] == frozenset({"scheduled"})
    assert all("cancelled" in TRANSITIONS[s] for s in ("confirmed", "scheduled", "failed"))
    assert orders.OPEN_STATES <= set(TRANSITIONS)


@pytest.mark.parametrize("status", ["delivered", "partially_delivered"])
def test_a_delivered_order_cannot_be_cancelled_or_changed(engine, shop, clerk, restaurant,
                                                          status):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    set_status(engine, placed.id, status)
    with pytest.raises(IllegalTransition):
        orders.cancel(engine, clerk, order_id=placed.id, version=placed.version,
                      reason="too late")
    with pytest.raises(DomainError):
        orders.modify(engine, clerk, order_id=placed.id, version=placed.version,
                      data=change(placed, line(shop.lpg20, 2)))
    assert orders.get(engine, placed.id).status == status
    assert open_orders(engine, restaurant.id) == LPG20_TOTAL


def test_a_scheduled_order_can_be_cancelled_but_not_changed(engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    set_status(engine, placed.id, "scheduled")
    with pytest.raises(DomainError) as exc:
        orders.modify(engine, clerk, order_id=placed.id, version=placed.version,
                      data=change(placed, line(shop.lpg20, 2)))
    assert "can no longer be changed" in str(exc.value)
    orders.cancel(engine, clerk, order_id=placed.id, version=placed.version,
                  reason="truck broke down")
    assert open_orders(engine, restaurant.id) == 0
    assert failed_checks(engine) == {}


# --- request keys --------------------------------------------------------------------------

def test_submitting_one_form_twice_returns_the_first_order(engine, shop, clerk, restaurant):
    data = order_for(restaurant, line(shop.lpg20))
    first = orders.place(engine, clerk, data, request_key="form-7f3a")
    again = orders.place(engine, clerk, data, request_key="form-7f3a")
    assert again == first
    assert counts(engine)[0] == 1
    assert open_orders(engine, restaurant.id) == LPG20_TOTAL
    other = orders.place(engine, clerk, data, request_key="form-8b21")
    assert other.id != first.id


def test_two_threads_submitting_one_request_key_at_once_place_one_order(
        engine, shop, clerk, restaurant):
    data = order_for(restaurant, line(shop.lpg20))
    threads_n = 4
    barrier = threading.Barrier(threads_n)
    results: list = [None] * threads_n

    def submit(i: int) -> None:
        barrier.wait()
        try:
            results[i] = orders.place(engine, clerk, data, request_key="double-click")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[i] = exc

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(isinstance(r, orders.OrderView) for r in results), results
    assert len({r.id for r in results}) == 1
    assert counts(engine)[0] == 1
    assert open_orders(engine, restaurant.id) == LPG20_TOTAL
    assert failed_checks(engine) == {}


# --- prices and payment --------------------------------------------------------------------

def test_a_customers_own_price_wins_over_the_price_list(engine, shop, clerk, restaurant):
    with unit_of_work(engine) as s:
        s.add(CustomerPrice(customer_id=restaurant.id, product_id=shop.lpg20.id,
                            price=Decimal(820)))
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 2),
                                                   line(shop.inspect)))
    own, listed = placed.lines
    assert (own.list_price, own.unit_price, own.amount) == (Decimal(820), Decimal(820),
                                                            Decimal(1640))
    assert (listed.unit_price, listed.amount) == (Decimal(300), Decimal(300))
    assert placed.total == Decimal(2037)  # 1,940 + 5 % tax
    other = make_customer(engine, clerk, "C2", None)
    assert orders.place(engine, clerk, order_for(other, line(shop.lpg20))).lines[0] \
        .unit_price == Decimal(900)


def test_a_clerk_may_move_the_price_only_within_the_tolerance_a_manager_anywhere(
        engine, shop, clerk, seeded, restaurant):
    # The default tolerance is 10 %: from 810 to 990 around the list's 900.
    for price in ("810", "990", Decimal(900)):
        placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 1, price)),
                              override=None)
        assert placed.lines[0].unit_price == Decimal(price)
        assert placed.lines[0].list_price == Decimal(900)
        orders.cancel(engine, clerk, order_id=placed.id, version=placed.version, reason="test")
    before = counts(engine)
    for price in ("809", "991", "0", "1500"):
        with pytest.raises(ValidationError) as exc:
            orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20, 1, price)))
        assert list(exc.value.field_errors) == ["line1.price"]
        assert "from NT$810 to NT$990" in str(exc.value)
    assert counts(engine) == before
    manager = seeded["manager"].actor
    for price in ("0", "1500"):
        placed = orders.place(engine, manager, order_for(restaurant,
                                                         line(shop.lpg20, 1, price)))
        assert placed.lines[0].unit_price == Decimal(price)


def test_the_price_is_the_one_in_effect_on_the_delivery_date(engine, shop, clerk, seeded,
                                                             restaurant):
    rise = date.today() + timedelta(days=10)
    p = products.get(engine, shop.lpg20.id)
    products.save(engine, seeded["manager"].actor, ProductInput(
        sku=p.sku, name_zh=p.name_zh, name_en=p.name_en, unit=p.unit, price=Decimal(950),
        price_from=rise), product_id=p.id, version=p.version)
    before = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20),
                                                   delivery_date=rise - timedelta(days=1)))
    on = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20),
                                               delivery_date=rise))
    assert before.lines[0].unit_price == Decimal(900)
    assert on.lines[0].unit_price == Decimal(950)
    moved = orders.modify(engine, clerk, order_id=before.id, version=before.version,
                          data=change(before, line(shop.lpg20), delivery_date=rise))
    assert moved.lines[0].unit_price == Decimal(950)  # moving the date re-prices the line
    assert moved.total == on.total == Decimal(998)  # 950 + 47.5 tax, rounded to whole NT$
    assert open_orders(engine, restaurant.id) == 2 * Decimal(998)


def test_a_customer_without_a_limit_pays_cash_by_default_and_takes_no_credit(
        engine, shop, clerk):
    walk_in = make_customer(engine, clerk, "C9", 0)
    placed = orders.place(engine, clerk, order_for(walk_in, line(shop.lpg20, 10)))
    assert placed.payment == "cash"
    assert open_orders(engine, walk_in.id) == 0
    assert held_by_open_orders(engine, walk_in.id) == 0
    assert failed_checks(engine) == {}


def test_a_customer_with_a_limit_orders_on_account_by_default(engine, shop, clerk, restaurant):
    placed = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg20)))
    assert placed.payment == "account"
    cash = orders.place(engine, clerk, order_for(restaurant, line(shop.lpg50, 5),
                                                 payment="cash"))
    assert cash.payment == "cash"  # cash is never refused for credit
    assert open_orders(engine, restaurant.id) == LPG20_TOTAL


def test_on_account_for_a_customer_without_a_limit_needs_a_managers_override(
        engine, shop, clerk, seeded):
    walk_in = make_customer(engine, clerk, "C9", 0)
    data = order_for(walk_in, line(shop.lpg20), payment="account")
    with pytest.raises(orders.CreditRefused) as exc:
        orders.place(engine, clerk, data)
    assert (exc.value.figures.limit, exc.value.figures.shortfall) == (0, LPG20_TOTAL)
    placed = orders.place(engine, clerk, data, override=manager_approves(seeded))
    assert placed.payment == "account"
    assert [(o.requested_by, o.approved_by, o.amount_over) for o in placed.overrides] == \
        [("clerk", "manager", LPG20_TOTAL)]
    assert open_orders(engine, walk_in.id) == LPG20_TOTAL
    assert failed_checks(engine) == {}


@pytest.mark.parametrize("slot, fits", [("morning", True), ("afternoon", False),
                                        ("evening", False), ("any", True)])
def test_a_time_slot_outside_the_customers_delivery_hours_is_refused_on_its_field(
        engine, seeded, slot, fits):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    shop = make_products(engine, manager)
    early = customers.save(engine, manager, CustomerInput(
        code="AM", name="早市麵店", delivery_from="09:00", delivery_until="11:30",
        credit_limit=Decimal(10_000)))
    order = order_for(early, line(shop.lpg20, 1), time_slot=slot)
    if fits:
        assert orders.place(engine, clerk, order).time_slot == slot
        return
    with pytest.raises(ValidationError) as refused:
        orders.place(engine, clerk, order)
    assert set(refused.value.field_errors) == {"time_slot"}
    assert "09:00–11:30" in refused.value.message()
