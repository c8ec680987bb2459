"""The ledger under random use, on SQLite and PostgreSQL: orders placed, delivered,
invoiced, paid (automatically or by hand), credited, voided and refunded in any order
keep every customer's balance equal to the sum of their ledger and every db check
holding; and the database itself refuses to change or delete a ledger row."""

from __future__ import annotations

import itertools
import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import text

from core.db import make_engine
from core.errors import DomainError
from core.services import billing, payments
from core.services.payments import Approval
from tests.conftest import seed_users
from tests.integration.money import balance, deliver, ledger_sum
from tests.integration.shop import LPG20_TOTAL, failed_checks, make_customer, make_products

DAY = date.today() + timedelta(days=1)
_names = itertools.count(1)


def test_the_database_refuses_to_change_or_delete_a_ledger_row(engine, seeded):
    c = make_customer(engine, seeded["manager"].actor, "C1", 10_000)
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="cash",
                            amount=100)
    for statement in ("UPDATE ledger_entry SET amount = 0",
                      "UPDATE ledger_entry SET note = 'changed'", "DELETE FROM ledger_entry"):
        with pytest.raises(Exception, match="never changed or deleted"), \
                engine.begin() as conn:
            conn.exec_driver_sql(statement)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM ledger_entry")).scalar_one() == 1


@pytest.fixture(params=[pytest.param("sqlite", id="sqlite"),
                        pytest.param("postgresql", id="postgresql",
                                     marks=pytest.mark.postgresql)])
def new_database(request, tmp_path):
    """A function that makes a fresh migrated database (one per hypothesis example) and
    returns its URL and a function that removes it again."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")

        def make():
            path = tmp_path / f"ledger-{next(_names)}.sqlite3"
            shutil.copy(template, path)
            return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
        return make
    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")

    def make():
        name = f"ledger_example_{next(_names)}"
        server.create_database(name, template=template)
        return server.url(name), lambda: server.drop_database(name)
    return make


def machine_for(new_database):
    class LedgerMachine(RuleBasedStateMachine):
        """Two customers; the model predicts what each owes (``owed``) and what is
        delivered and not invoiced yet (``unbilled``)."""

        def __init__(self) -> None:
            super().__init__()
            url, self.drop = new_database()
            self.engine = make_engine(url)
            self.users = seed_users(self.engine)
            self.clerk, self.manager = self.users["clerk"].actor, self.users["manager"].actor
            self.shop = make_products(self.engine, self.manager)
            self.customers = [make_customer(self.engine, self.manager, f"P{n}", 100_000).id
                              for n in range(2)]
            self.owed = [Decimal(0), Decimal(0)]
            self.unbilled = [Decimal(0), Decimal(0)]
            self.days = itertools.count()
            self.last_day = DAY
            self.invoices = 0

        @rule(who=st.integers(0, 1), quantity=st.integers(1, 3), then_bill=st.booleans())
        def deliver(self, who, quantity, then_bill):
            self.last_day = DAY + timedelta(days=next(self.days))
            deliver(self.engine, self.users, self.shop.lpg20, [self.customers[who]],
                    day=self.last_day, quantity=quantity)
            self.owed[who] += quantity * LPG20_TOTAL
            self.unbilled[who] += quantity * LPG20_TOTAL
            if then_bill:
                self.bill(who)

        @precondition(lambda self: any(self.unbilled))
        @rule(who=st.integers(0, 1))
        def bill(self, who):
            if not self.unbilled[who]:
                who = 1 - who
            made = billing.invoice_now(self.engine, self.manager,
                                       customer_id=self.customers[who], today=self.last_day)
            assert made.total == self.unbilled[who]  # no rental, tax on each line
            self.unbilled[who] = Decimal(0)
            self.invoices += 1

        @rule(who=st.integers(0, 1), amount=st.integers(1, 4000),
              place=st.sampled_from(["oldest", "by_hand", "later"]),
              method=st.sampled_from(["cash", "transfer", "cheque"]))
        def pay(self, who, amount, place, method):
            """Placed on the oldest invoices, by hand on the newest one, or kept as credit
            and then placed by ``apply_credit``."""
            cid = self.customers[who]
            allocations = None
            if place != "oldest":
                found = payments.open_invoices(self.engine, cid)
                allocations = [(found[-1].id, min(found[-1].open, Decimal(amount)))] \
                    if found and place == "by_hand" else []
            cheque = {"cheque_number": "A1", "cheque_bank": "台銀",
                      "cheque_date": DAY} if method == "cheque" else {}
            p = payments.record_payment(self.engine, self.clerk, customer_id=cid,
                                        method=method, amount=amount, received_on=DAY,
                                        allocations=allocations, **cheque)
            self.owed[who] -= amount
            assert p.balance == self.owed[who]
            if place == "later":
                payments.apply_credit(self.engine, self.clerk, customer_id=cid)

        @rule(who=st.integers(0, 1), amount=st.integers(1, 2000),
              kind=st.sampled_from(["note", "note_on_invoice", "void_oldest", "void_newest"]))
        def credit(self, who, amount, kind):
            """A credit note (on the oldest open invoice, or as credit), or a void."""
            cid = self.customers[who]
            found = payments.open_invoices(self.engine, cid) if kind != "note" else []
            if kind.startswith("void"):
                if not found:
                    return
                target = found[-1] if kind == "void_newest" else found[0]
                try:
                    cn = payments.void_invoice(self.engine, self.manager, invoice_id=target.id,
                                               reason="開錯")
                except DomainError as refused:
                    assert "payments allocated" in str(refused)
                    return
                assert cn.voids and cn.amount == target.open
                self.owed[who] -= cn.amount
                return
            cn = payments.credit_note(self.engine, self.clerk, customer_id=cid, amount=amount,
                                      reason="破損", invoice_id=found[0].id if found else None,
                                      approval=Approval("manager",
                                                        self.users["manager"].password))
            self.owed[who] -= amount
            assert cn.allocated == (min(found[0].open, amount) if found else 0)

        @rule(who=st.integers(0, 1), share=st.sampled_from([Decimal(1), Decimal("0.5")]))
        def refund(self, who, share):
            cid = self.customers[who]
            owed = min(-balance(self.engine, cid), payments.unallocated(self.engine, cid))
            if owed <= 0:
                return
            amount = max(Decimal(1), (owed * share).to_integral_value())
            payments.refund(self.engine, self.manager, customer_id=cid, amount=amount,
                            method="cash", reason="退款")
            self.owed[who] += amount

        @invariant()
        def balances_are_their_ledgers_and_the_model(self):
            for who, cid in enumerate(self.customers):
                assert balance(self.engine, cid) == ledger_sum(self.engine, cid) == \
                    self.owed[who]
                # What is owed: the open invoices and what is not invoiced yet, less the
                # credit not placed on an invoice.
                open_ = sum((i.open for i in payments.open_invoices(self.engine, cid)),
                            Decimal(0))
                assert self.owed[who] == open_ + self.unbilled[who] - payments.unallocated(
                    self.engine, cid)

        @invariant()
        def every_db_check_holds(self):
            assert failed_checks(self.engine) == {}

        def teardown(self):
            self.engine.dispose()
            self.drop()

    return LedgerMachine


def test_random_money_movements_keep_every_balance_its_ledger(new_database):
    run_state_machine_as_test(machine_for(new_database), settings=settings(
        max_examples=15, stateful_step_count=20, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))
