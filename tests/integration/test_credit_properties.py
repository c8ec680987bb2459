"""Credit invariants under random sequences of orders (hypothesis, rule-based).

Clerks place, change and cancel orders (on account or cash, some with a manager's
override); managers move limits and block customers.  After every step each
customer's ``open_orders`` equals what their open orders on account hold, and an
order that did not fit when it was placed or raised has a manager's override (what
``core.checks`` verifies; a manager may lower a limit below what is held).  The model also predicts every refusal.  Each example gets
a fresh database: SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from core.db import make_engine, unit_of_work
from core.errors import DomainError
from core.models import Customer
from core.services import credit, orders
from core.services.orders import CreditRefused, OverrideRequest
from tests.conftest import seed_users
from tests.integration.shop import (
    LPG20_TOTAL,
    LPG50_TOTAL,
    failed_checks,
    held_by_open_orders,
    line,
    make_customer,
    make_products,
    order_for,
)

UNIT_TOTAL = {"lpg20": LPG20_TOTAL, "lpg50": LPG50_TOTAL}
LIMITS = (0, 1_000, 3_000, 5_000, 20_000)
_names = itertools.count(1)


@dataclass
class ModelOrder:
    customer: int  # index into the machine's customers
    total: Decimal
    payment: str
    status: str
    version: int
    overridden: bool = False


@dataclass
class ModelCustomer:
    id: int
    limit: Decimal
    blocked: bool = False


@pytest.fixture(params=[pytest.param("sqlite", id="sqlite"),
                        pytest.param("postgresql", id="postgresql",
                                     marks=pytest.mark.postgresql)])
def new_database(request, tmp_path):
    """A function that makes a fresh migrated database (one per hypothesis example) and
    returns a function that removes it again."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")

        def make():
            path = tmp_path / f"example-{next(_names)}.sqlite3"
            shutil.copy(template, path)
            return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
        return make
    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")

    def make():
        name = f"credit_example_{next(_names)}"
        server.create_database(name, template=template)
        return server.url(name), lambda: server.drop_database(name)
    return make


def machine_for(new_database):
    class CreditMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            url, self.drop = new_database()
            self.engine = make_engine(url)
            self.users = seed_users(self.engine)
            self.manager = self.users["manager"].actor
            self.clerk = self.users["clerk"].actor
            self.shop = make_products(self.engine, self.manager)
            self.customers: list[ModelCustomer] = []
            self.orders: dict[int, ModelOrder] = {}
            self.refusals = 0

        @initialize(limits=st.lists(st.sampled_from(LIMITS), min_size=3, max_size=3))
        def customers_with_limits(self, limits):
            for i, limit in enumerate(limits, start=1):
                c = make_customer(self.engine, self.manager, f"C{i}", limit)
                self.customers.append(ModelCustomer(c.id, Decimal(limit)))

        # --- the model ---------------------------------------------------------------------
        def held(self, index: int) -> Decimal:
            return sum((o.total for o in self.orders.values() if o.customer == index
                        and o.status == "confirmed" and o.payment == "account"), Decimal(0))

        def approval(self, asked: bool) -> OverrideRequest | None:
            return OverrideRequest("manager", self.users["manager"].password,
                                   "老闆同意") if asked else None

        def expect(self, index: int, amount: Decimal, override: bool) -> str:
            """What taking ``amount`` of the customer's credit must do: fit, override,
            or refuse."""
            c = self.customers[index]
            if amount <= 0:
                return "fit"
            if c.blocked:
                return "refuse"
            if self.held(index) + amount <= c.limit:
                return "fit"
            return "override" if override else "refuse"

        # --- rules -------------------------------------------------------------------------
        @rule(customer=st.integers(0, 2), product=st.sampled_from(sorted(UNIT_TOTAL)),
              quantity=st.integers(1, 3), payment=st.sampled_from([None, "account", "cash"]),
              override=st.booleans())
        def place(self, customer, product, quantity, payment, override):
            c = self.customers[customer]
            paid = payment or ("account" if c.limit > 0 else "cash")
            total = UNIT_TOTAL[product] * quantity
            outcome = self.expect(customer, total, override) if paid == "account" else "fit"
            data = order_for(c.id, line(getattr(self.shop, product), quantity), payment=payment)
            try:
                placed = orders.place(self.engine, self.clerk, data,
                                      override=self.approval(override))
            except CreditRefused as exc:
                assert outcome == "refuse", (outcome, exc)
                assert exc.figures.blocked == c.blocked
                self.refusals += 1
                return
            assert outcome != "refuse", "placed although it did not fit"
            assert (placed.payment, placed.total) == (paid, total)
            assert bool(placed.overrides) == (outcome == "override")
            self.orders[placed.id] = ModelOrder(customer, total, paid, "confirmed",
                                                placed.version, outcome == "override")

        # The same rule once more: hypothesis picks rules evenly, and orders are the point.
        place_another = place

        @precondition(lambda self: self.orders)
        @rule(data=st.data(), product=st.sampled_from(sorted(UNIT_TOTAL)),
              quantity=st.integers(1, 4), override=st.booleans())
        def modify(self, data, product, quantity, override):
            order_id = data.draw(st.sampled_from(sorted(self.orders)), label="order")
            o = self.orders[order_id]
            total = UNIT_TOTAL[product] * quantity
            change = (total - o.total) if o.payment == "account" else Decimal(0)
            outcome = self.expect(o.customer, change, override)
            current = orders.get(self.engine, order_id)
            assert current.version == o.version
            form = order_for(current.customer_id, line(getattr(self.shop, product), quantity),
                             payment=o.payment, delivery_date=current.delivery_date)
            try:
                changed = orders.modify(self.engine, self.clerk, order_id=order_id,
                                        version=o.version, data=form,
                                        override=self.approval(override))
            except CreditRefused:
                assert o.status == "confirmed" and outcome == "refuse"
                self.refusals += 1
                return
            except DomainError as exc:
                assert o.status == "cancelled", exc
                return
            assert o.status == "confirmed" and outcome != "refuse"
            assert changed.total == total
            o.total, o.version = total, changed.version
            o.overridden = o.overridden or outcome == "override"
            assert len(changed.overrides) >= o.overridden

        @precondition(lambda self: self.orders)
        @rule(data=st.data())
        def cancel(self, data):
            order_id = data.draw(st.sampled_from(sorted(self.orders)), label="order")
            o = self.orders[order_id]
            try:
                gone = orders.cancel(self.engine, self.clerk, order_id=order_id,
                                     version=o.version, reason="客戶取消")
            except orders.IllegalTransition:
                assert o.status == "cancelled"
                return
            assert o.status == "confirmed"
            o.status, o.version = gone.status, gone.version

        @rule(customer=st.integers(0, 2), limit=st.sampled_from(LIMITS))
        def set_limit(self, customer, limit):
            c = self.customers[customer]
            figures = credit.set_limit(self.engine, self.manager, customer_id=c.id,
                                       limit=Decimal(limit), reason="調整額度")
            assert figures.credit_limit == limit
            c.limit = Decimal(limit)

        @rule(customer=st.integers(0, 2), blocked=st.booleans())
        def set_blocked(self, customer, blocked):
            c = self.customers[customer]
            figures = credit.set_blocked(self.engine, self.manager, customer_id=c.id,
                                         blocked=blocked, reason="支票跳票" if blocked else "已付清")
            assert figures.blocked == blocked
            c.blocked = blocked

        # --- after every step --------------------------------------------------------------
        @invariant()
        def open_orders_equal_what_the_open_orders_hold(self):
            with unit_of_work(self.engine, write=False) as s:
                stored = dict(s.execute(select(Customer.id, Customer.open_orders)).all())
            for index, c in enumerate(self.customers):
                assert stored[c.id] == self.held(index) == held_by_open_orders(self.engine,
                                                                               c.id)

        def teardown(self):
            try:
                if self.customers:
                    assert failed_checks(self.engine) == {}
            finally:
                self.engine.dispose()
                self.drop()

    return CreditMachine


def test_random_orders_overrides_and_limits_keep_the_credit_invariants(new_database):
    run_state_machine_as_test(machine_for(new_database), settings=settings(
        max_examples=8, stateful_step_count=30, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))


def test_lowering_a_limit_below_the_exposure_breaks_no_check_and_refuses_the_next_order(
        engine, seeded):
    """A manager may lower a limit below what the customer already holds: every order was
    placed within the limit of its day, so ``db check`` passes; the excess refuses the
    next order on account until it is paid or cancelled."""
    shop = make_products(engine, seeded["manager"].actor)
    customer = make_customer(engine, seeded["manager"].actor, "C1", 5_000)
    orders.place(engine, seeded["clerk"].actor, order_for(customer, line(shop.lpg20, 3)))
    credit.set_limit(engine, seeded["manager"].actor, customer_id=customer.id, limit="1000",
                     reason="風險客戶")
    assert failed_checks(engine) == {}
    with pytest.raises(CreditRefused) as refused:
        orders.place(engine, seeded["clerk"].actor, order_for(customer, line(shop.lpg20)))
    assert refused.value.figures.shortfall == 3 * LPG20_TOTAL + LPG20_TOTAL - 1000
