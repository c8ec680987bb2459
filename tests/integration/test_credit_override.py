"""Credit overrides and credit permissions, enforced in the core on SQLite and PostgreSQL:
a manager's own password, nobody approving their own request, a full record of each
override, and blocked customers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from core.errors import AccountLocked, AuthenticationFailed, PermissionDenied, ValidationError
from core.queries.orders import recent_for_customer
from core.services import auth, credit, orders, users
from core.services.orders import CreditRefused, OverrideRequest
from tests.integration.shop import (
    LPG20_TOTAL,
    LPG50_TOTAL,
    counts,
    failed_checks,
    line,
    make_customer,
    make_products,
    open_orders,
    order_for,
)

REASON = "長期客戶，月底結清"


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def full(engine, seeded, shop):
    """A customer with a 3,000 limit already holding 2,835 (three 20 kg cylinders)."""
    customer = make_customer(engine, seeded["manager"].actor, "C1", 3000)
    orders.place(engine, seeded["clerk"].actor, order_for(customer, line(shop.lpg20, 3)))
    return customer


def over(full, shop):
    return order_for(full, line(shop.lpg50))  # 2,289 more: 2,124 over the limit


def approval(seeded, who="manager", password=None, reason=REASON) -> OverrideRequest:
    return OverrideRequest(who, seeded[who].password if password is None else password, reason)


def failed_logins(engine, username: str) -> int:
    return next(u.failed_logins for u in users.list_users(engine) if u.username == username)


def test_a_clerk_asking_a_manager_gets_the_order_over_the_limit_placed(
        engine, seeded, shop, full):
    placed = orders.place(engine, seeded["clerk"].actor, over(full, shop),
                          override=approval(seeded))
    assert placed.status == "confirmed" and placed.payment == "account"
    assert open_orders(engine, full.id) == 3 * LPG20_TOTAL + LPG50_TOTAL
    assert failed_checks(engine) == {}  # over the limit, but by a manager's override


def test_the_override_records_who_asked_who_approved_the_figures_the_reason_and_when(
        engine, seeded, shop, full):
    before = datetime.now(UTC)
    placed = orders.place(engine, seeded["clerk"].actor, over(full, shop),
                          override=approval(seeded, reason="  老闆口頭同意\n下週付款  "))
    (o,) = orders.get(engine, placed.id).overrides
    assert o == placed.overrides[0]
    assert (o.requested_by, o.approved_by) == ("clerk", "manager")
    assert o.credit_limit == Decimal(3000)
    assert o.exposure_before == 3 * LPG20_TOTAL
    assert o.order_amount == LPG50_TOTAL
    assert o.amount_over == 3 * LPG20_TOTAL + LPG50_TOTAL - 3000
    assert o.reason == "老闆口頭同意\n下週付款"
    assert before - timedelta(seconds=5) <= o.at <= datetime.now(UTC)
    assert o.at.tzinfo is not None


def test_a_manager_cannot_approve_their_own_order(engine, seeded, shop, full):
    before = counts(engine)
    with pytest.raises(PermissionDenied) as exc:
        orders.place(engine, seeded["manager"].actor, over(full, shop),
                     override=approval(seeded, "manager"))
    assert "Nobody approves their own request" in str(exc.value)
    assert counts(engine) == before
    assert open_orders(engine, full.id) == 3 * LPG20_TOTAL
    # Another manager (the administrator holds every role) may approve it.
    placed = orders.place(engine, seeded["manager"].actor, over(full, shop),
                          override=approval(seeded, "admin"))
    assert [(o.requested_by, o.approved_by) for o in placed.overrides] == [("manager", "admin")]


def test_the_approver_is_matched_by_the_user_name_they_type_in_any_case(
        engine, seeded, shop, full):
    with pytest.raises(PermissionDenied):
        orders.place(engine, seeded["manager"].actor, over(full, shop),
                     override=OverrideRequest(" MANAGER ", seeded["manager"].password, REASON))


@pytest.mark.parametrize("who", ["clerk", "dispatcher"])
def test_someone_who_is_not_a_manager_cannot_approve(engine, seeded, shop, full, who):
    before = counts(engine)
    with pytest.raises(PermissionDenied) as exc:
        orders.place(engine, seeded["clerk"].actor, over(full, shop),
                     override=approval(seeded, who))
    assert f"{who} is not a manager" in str(exc.value)
    assert counts(engine) == before


def test_an_unknown_approver_is_refused_like_a_wrong_password(engine, seeded, shop, full):
    with pytest.raises(AuthenticationFailed):
        orders.place(engine, seeded["clerk"].actor, over(full, shop),
                     override=OverrideRequest("boss", "whatever-1", REASON))


def test_a_wrong_manager_password_is_refused_and_counts_towards_the_lockout(
        engine, seeded, shop, full):
    clerk = seeded["clerk"].actor
    before = counts(engine)
    for n in range(1, auth.MAX_FAILURES + 1):
        with pytest.raises(AuthenticationFailed):
            orders.place(engine, clerk, over(full, shop), override=approval(seeded,
                                                                            password="guess"))
        assert failed_logins(engine, "manager") == n
    with pytest.raises(AccountLocked):  # the right password, too late
        orders.place(engine, clerk, over(full, shop), override=approval(seeded))
    with pytest.raises(AccountLocked):  # and the manager's own log-in is locked as well
        auth.login(engine, "manager", seeded["manager"].password)
    assert counts(engine) == before
    assert open_orders(engine, full.id) == 3 * LPG20_TOTAL


def test_a_right_password_after_a_wrong_one_resets_the_count(engine, seeded, shop, full):
    with pytest.raises(AuthenticationFailed):
        orders.place(engine, seeded["clerk"].actor, over(full, shop),
                     override=approval(seeded, password="guess"))
    orders.place(engine, seeded["clerk"].actor, over(full, shop), override=approval(seeded))
    assert failed_logins(engine, "manager") == 0


def test_an_override_needs_a_reason(engine, seeded, shop, full):
    for blank in ("", "  \n "):
        with pytest.raises(ValidationError) as exc:
            orders.place(engine, seeded["clerk"].actor, over(full, shop),
                         override=approval(seeded, reason=blank))
        assert list(exc.value.field_errors) == ["reason"]


def test_an_approval_for_an_order_that_fits_records_no_override(engine, seeded, shop):
    roomy = make_customer(engine, seeded["manager"].actor, "C2", 50_000)
    placed = orders.place(engine, seeded["clerk"].actor, order_for(roomy, line(shop.lpg50)),
                          override=approval(seeded))
    assert placed.overrides == ()
    assert counts(engine)[2] == 0


def test_raising_an_order_over_the_limit_records_an_override_for_the_difference(
        engine, seeded, shop, full):
    (first,) = recent_for_customer(engine, full.id)
    data = order_for(full, line(shop.lpg20, 5), delivery_date=first.delivery_date)
    with pytest.raises(CreditRefused):
        orders.modify(engine, seeded["clerk"].actor, order_id=first.id, version=first.version,
                      data=data)
    changed = orders.modify(engine, seeded["clerk"].actor, order_id=first.id,
                            version=first.version, data=data, override=approval(seeded))
    (o,) = changed.overrides
    assert (o.exposure_before, o.order_amount) == (3 * LPG20_TOTAL, 2 * LPG20_TOTAL)
    assert o.amount_over == 5 * LPG20_TOTAL - 3000
    assert open_orders(engine, full.id) == 5 * LPG20_TOTAL
    assert failed_checks(engine) == {}


# --- permissions live in the core ----------------------------------------------------------

def test_a_clerk_may_neither_set_a_limit_nor_block_a_customer(engine, seeded, shop, full):
    clerk = seeded["clerk"].actor
    with pytest.raises(PermissionDenied):
        credit.set_limit(engine, clerk, customer_id=full.id, limit="100000", reason="熟客")
    with pytest.raises(PermissionDenied):
        credit.set_blocked(engine, clerk, customer_id=full.id, blocked=True, reason="欠款")
    with pytest.raises(PermissionDenied):
        credit.set_limit(engine, seeded["dispatcher"].actor, customer_id=full.id, limit="0",
                         reason="x")
    figures = credit.summary(engine, full.id)
    assert (figures.credit_limit, figures.blocked) == (Decimal(3000), False)


def test_a_manager_sets_a_limit_and_the_next_order_is_checked_against_it(
        engine, seeded, shop, full):
    manager = seeded["manager"].actor
    with pytest.raises(ValidationError):
        credit.set_limit(engine, manager, customer_id=full.id, limit="6000", reason="")
    raised = credit.set_limit(engine, manager, customer_id=full.id, limit="6000",
                              reason="生意變好")
    assert (raised.credit_limit, raised.available) == (Decimal(6000), 6000 - 3 * LPG20_TOTAL)
    orders.place(engine, seeded["clerk"].actor, over(full, shop))  # fits now
    with pytest.raises(CreditRefused):
        orders.place(engine, seeded["clerk"].actor, over(full, shop))


def test_a_blocked_customers_order_on_account_is_refused_even_with_an_override(
        engine, seeded, shop, full):
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    credit.set_limit(engine, manager, customer_id=full.id, limit="4000", reason="room for one")
    blocked = credit.set_blocked(engine, manager, customer_id=full.id, blocked=True,
                                 reason="支票跳票")
    assert (blocked.blocked, blocked.blocked_reason) == (True, "支票跳票")
    before = counts(engine)
    small = order_for(full, line(shop.inspect))  # 315: would fit the limit
    for data in (small, over(full, shop)):
        for override in (None, approval(seeded)):
            with pytest.raises(CreditRefused) as exc:
                orders.place(engine, clerk, data, override=override)
            assert exc.value.figures.blocked
            assert "支票跳票" in str(exc.value)
    assert counts(engine) == before
    cash = orders.place(engine, clerk, order_for(full, line(shop.lpg20), payment="cash"))
    assert cash.payment == "cash"  # cash on delivery is still taken
    credit.set_blocked(engine, manager, customer_id=full.id, blocked=False, reason="已付清")
    assert orders.place(engine, clerk, small).payment == "account"
    assert failed_checks(engine) == {}
