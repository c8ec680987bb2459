"""Money by the day it belongs to (the ledger row's business date: received on, delivered
on, the invoice's date), not the moment it was keyed in: statements, the invoice's
account figures and aging, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.db import unit_of_work
from core.printing import invoice as invoice_printing
from core.printing import statement as statement_printing
from core.queries import aging
from core.services import billing, credit, payments
from tests.integration.invoicing import (
    DAY,
    PERIOD,
    deliver,
    invoice_of,
    make_shop,
    new_customer,
    next_month,
)
from tests.integration.shop import line

TODAY = date.today()
LAST_MONTH_END = TODAY.replace(day=1) - timedelta(days=1)


@pytest.fixture
def shop(engine, seeded):
    return make_shop(engine, seeded)


def statement(engine, customer_id, start, end):
    with unit_of_work(engine, write=False) as s:
        st = statement_printing.statement_in(s, customer_id, start=start, end=end)
    return st.opening, [(m.day, m.amount, m.balance) for m in st.movements], st.closing


def account(engine, invoice_id):
    with unit_of_work(engine, write=False) as s:
        from core.models import Invoice

        a = invoice_printing.account_in(s, s.get(Invoice, invoice_id))
    return a.previous_balance, a.payments, a.this_invoice, a.amount_due


def test_a_payment_keyed_in_after_its_month_ended_is_in_the_month_it_was_received(
        engine, seeded, shop):
    c = new_customer(engine, seeded, "C1")
    deliver(engine, seeded, c, DAY, line(shop.lpg20, 2))  # 1,890 on account
    # Received on the last day of last month, keyed in today (after that month ended).
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="cash",
                            amount="1000", received_on=LAST_MONTH_END)
    assert statement(engine, c.id, LAST_MONTH_END.replace(day=1), LAST_MONTH_END) == (
        0, [(LAST_MONTH_END, -1000, -1000)], -1000)
    assert statement(engine, c.id, TODAY.replace(day=1), DAY) == (
        -1000, [(DAY, 1890, 890)], 890)
    assert credit.summary(engine, c.id).balance == 890
    # A range over both: the payment first (its day is earlier), the running balance right.
    assert statement(engine, c.id, LAST_MONTH_END, DAY)[1] == [(LAST_MONTH_END, -1000, -1000),
                                                               (DAY, 1890, 890)]


def test_an_invoice_counts_the_payments_of_days_up_to_its_date_and_a_reprint_is_the_same(
        engine, seeded, shop):
    c = new_customer(engine, seeded, "C1")
    manager = seeded["manager"].actor
    deliver(engine, seeded, c, DAY, line(shop.lpg20, 2))
    # Keyed in now, received tomorrow: not on an invoice dated today.
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="transfer",
                            amount="1000", received_on=DAY)
    billing.run(engine, manager, period=PERIOD, today=TODAY)
    first = invoice_of(engine, c.id, PERIOD)
    assert account(engine, first.id) == (0, 0, 1890, 1890)
    second_day = next_month(DAY)
    deliver(engine, seeded, c, second_day, line(shop.lpg20, 1))
    # Received today, keyed in after the first invoice was made: the first one's figures
    # stay as printed, the second invoice shows it among the payments since.
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="cash",
                            amount="100", received_on=TODAY)
    assert account(engine, first.id) == (0, 0, 1890, 1890)
    second_period = second_day.strftime("%Y-%m")
    billing.run(engine, manager, period=second_period, today=second_day)
    second = invoice_of(engine, c.id, second_period)
    assert account(engine, second.id) == (1890, -1100, 945, 1735)


def test_aging_as_of_a_day_leaves_out_payments_received_after_it(engine, seeded, shop):
    c = new_customer(engine, seeded, "C1")
    deliver(engine, seeded, c, DAY, line(shop.lpg20, 2))
    billing.run(engine, seeded["manager"].actor, period=PERIOD, today=TODAY)
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="cash",
                            amount="1000", received_on=DAY)  # placed on the invoice
    [today] = aging.aging(engine, as_of=TODAY)
    [tomorrow] = aging.aging(engine, as_of=DAY)
    assert (today.total, tomorrow.total) == (Decimal(1890), Decimal(890))
    assert aging.aging(engine, as_of=TODAY - timedelta(days=1)) == []  # not issued yet
