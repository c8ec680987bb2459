"""The deposit rule, without a database: a deposit on each cylinder held beyond those held
without deposit; what differs from the deposits paid is charged or refunded."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core.services.deposits import SizeNow, change, preview_of


def test_more_cylinders_charge_and_fewer_refund_beyond_the_exemption():
    assert change(held=3, on_deposit=0, without_deposit=0) == 3
    assert change(held=1, on_deposit=3, without_deposit=0) == -2
    assert change(held=3, on_deposit=0, without_deposit=2) == 1
    assert change(held=1, on_deposit=0, without_deposit=2) == 0  # within the exemption
    assert change(held=-1, on_deposit=1, without_deposit=0) == -1  # more empties than held


@given(st.integers(-50, 50), st.integers(0, 50), st.integers(0, 50))
def test_after_the_change_the_deposits_follow_the_rule(held, on_deposit, without):
    after = on_deposit + change(held, on_deposit, without)
    assert after == max(0, held - without) >= 0


def test_the_preview_prices_each_size_at_its_deposit_and_leaves_sizes_without_one():
    sizes = (SizeNow(1, 2, 2, 0, Decimal(1500)), SizeNow(2, 1, 0, 1, Decimal(2500)))
    p = preview_of(sizes, ((1, 1), (2, 2), (3, 4)), "account")
    assert [(x.product_id, x.count, x.amount) for x in p.lines] == [
        (1, 1, Decimal(1500)), (2, 2, Decimal(5000))]
    assert (p.amount, p.paid_by) == (Decimal(6500), "account")
    back = preview_of(sizes, ((1, -2),), "cash")
    assert (back.amount, back.paid_by) == (Decimal(-3000), "cash")
