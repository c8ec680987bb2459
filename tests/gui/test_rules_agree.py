"""A window's preview and the service agree: for the same input, the figure a window shows
before saving is the figure the core stores (each computed by core/rules.py)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.queries import customers as customer_queries
from core.queries.delivery_day import delivery_day
from core.services import credit, deliveries, dispatch, orders, payments
from core.services.deliveries import DeliveryInput, LineResult
from desktop.windows.credit.view import CreditWindow
from desktop.windows.deliveries.confirm import DeliveryDialog
from desktop.windows.payments.view import PaymentsWindow
from tests.gui.billing_data import two_invoices
from tests.gui.records import context, settle
from tests.gui.test_credit_window import choose
from tests.integration.dispatch_day import make_day
from tests.integration.shop import line, order_for

EXAMPLES = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def cash_stop(sqlite_engine, sqlite_seeded):
    """A cash order of three lines at odd prices (set by a manager), on a confirmed route."""
    day = make_day(sqlite_engine, sqlite_seeded, confirm=False)
    manager, dispatcher = sqlite_seeded["manager"].actor, sqlite_seeded["dispatcher"].actor
    order = orders.place(sqlite_engine, manager, order_for(
        day.people["C004"], line(day.shop.lpg20, 7, "887"), line(day.shop.lpg50, 3, "2183"),
        line(day.shop.inspect, 2, "301"), delivery_date=day.day))
    route = next(r for r in day.board.routes if r.plate == "ABC-1234")
    dispatch.move(sqlite_engine, dispatcher, order_id=order.id, route_id=route.id)
    dispatch.confirm(sqlite_engine, dispatcher, day=day.day)
    return day, order


@EXAMPLES
@given(st.lists(st.integers(min_value=0, max_value=7), min_size=3, max_size=3))
def test_the_cash_a_delivery_dialog_expects_is_what_the_delivery_costs(
        qtbot, sqlite_engine, sqlite_seeded, cash_stop, delivered):
    day, order = cash_stop
    ordered = [int(x.quantity) for x in order.lines]
    delivered = [min(d, o) for d, o in zip(delivered, ordered)]
    assume(delivered != ordered and any(delivered))  # a partial delivery
    found = delivery_day(sqlite_engine, day=day.day, language="en")
    stop = next(s for g in found.groups for s in g.stops if s.order_id == order.id)
    lines = found.lines[order.id]
    dialog = DeliveryDialog(context(sqlite_engine, "clerk"), stop, lines)
    qtbot.addWidget(dialog)
    dialog.outcome_buttons["partially_delivered"].setChecked(True)
    for row, quantity in zip(dialog.rows, delivered):
        row.delivered.selectAll()
        qtbot.keyClicks(row.delivered, str(quantity))  # as typed: the defaults follow
    expected = Decimal(dialog.cash.text())
    empties = [row.empties.value() for row in dialog.rows]

    confirmed = deliveries.confirm(sqlite_engine, sqlite_seeded["clerk"].actor, DeliveryInput(
        order_id=order.id, request_key=uuid.uuid4().hex, outcome="partially_delivered",
        lines=tuple(LineResult(x.order_line_id, q, e)
                    for x, q, e in zip(lines, delivered, empties)),
        reason="only some", cash_collected=expected))
    deliveries.undo(sqlite_engine, sqlite_seeded["manager"].actor, delivery_id=confirmed.id,
                    reason="try another")  # the stop is to confirm again
    assert confirmed.amount == expected  # delivered, with tax, as the service prices it
    assert empties == [q if x.unit == "cylinder" else 0 for x, q in zip(lines, delivered)]


@pytest.fixture
def payments_window(qtbot, sqlite_engine, sqlite_seeded):
    data = two_invoices(sqlite_engine, sqlite_seeded)
    window = PaymentsWindow(context(sqlite_engine, "clerk"))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    row = next(r for r in customer_queries.search(sqlite_engine, "C001") if r.code == "C001")
    window.choose(row)
    settle(qtbot)
    return window, data


@EXAMPLES
@given(st.integers(min_value=1, max_value=6000))
def test_where_the_payments_window_says_a_payment_goes_is_where_the_service_puts_it(
        qtbot, sqlite_engine, sqlite_seeded, payments_window, amount):
    window, data = payments_window
    window.amount.setText(str(amount))
    shown = window._auto_plan()
    paid = payments.record_payment(sqlite_engine, sqlite_seeded["clerk"].actor,
                                   customer_id=data.older.customer_id, method="cash",
                                   amount=Decimal(amount))
    assert {a.invoice_id: a.amount for a in paid.allocations} == shown
    window.amount.clear()
    window.load()  # what the service placed is no longer open
    settle(qtbot)


@EXAMPLES
@given(st.lists(st.tuples(st.sampled_from(["account", "cash"]), st.integers(1, 9)),
                min_size=1, max_size=4))
def test_the_credit_windows_running_exposure_ends_at_the_services_exposure(
        qtbot, sqlite_engine, sqlite_seeded, cash_stop, placed):
    day, _ = cash_stop
    clerk = sqlite_seeded["clerk"].actor
    customer = day.people["C001"]
    credit.set_limit(sqlite_engine, sqlite_seeded["manager"].actor, customer_id=customer.id,
                     limit="9000000", reason="room for every example")
    for payment, quantity in placed:
        orders.place(sqlite_engine, clerk, order_for(customer, line(day.shop.lpg20, quantity),
                                                     delivery_date=day.day, payment=payment))
    window = CreditWindow(context(sqlite_engine, "manager"))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    choose(qtbot, window, customer.code)
    shown = window.details.lines
    assert shown[-1].exposure == credit.summary(sqlite_engine, customer.id).exposure
    window.close()
