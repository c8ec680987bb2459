"""The state machines' tables (core.workflow), without a database: what each allows, the
error each raises, and that the models' CHECK constraints and the services' named value
sets are built from the same declarations."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import CheckConstraint

from core import schedule, workflow
from core.models import Invoice, Order, Payment, Quote, Route, StandingOrder
from core.models import billing as billing_models
from core.models import dispatch as dispatch_models
from core.models import orders as order_models
from core.services import deliveries, orders, payments, quotes

MACHINES = {"order": workflow.ORDER, "quote": workflow.QUOTE, "invoice": workflow.INVOICE,
            "route": workflow.ROUTE, "delivery": workflow.DELIVERY}


def _allowed(model, column: str) -> set[str]:
    for c in model.__table__.constraints:
        if isinstance(c, CheckConstraint) and c.name == f"ck_{model.__tablename__}_{column}":
            return set(re.findall(r"'([a-z_]+)'", str(c.sqltext)))
    raise AssertionError(f"{model.__tablename__}.{column} has no check")


@pytest.mark.parametrize("machine", MACHINES.values(), ids=MACHINES.keys())
def test_every_state_in_a_table_has_a_name_and_every_stored_state_a_row(machine):
    targets = {t for ts in machine.transitions.values() for t in ts}
    assert set(machine.transitions) | targets <= set(machine.names)
    assert set(machine.stored) <= set(machine.transitions)
    assert not set(machine.stored) & machine.derived


@pytest.mark.parametrize("machine", MACHINES.values(), ids=MACHINES.keys())
def test_every_move_missing_from_a_table_raises_its_machines_error(machine):
    for current in machine.transitions:
        for target in machine.names:
            if machine.allows(current, target):
                machine.check(current, target)
                continue
            with pytest.raises(machine.error) as exc:
                machine.check(current, target, number="X-1")
            assert isinstance(exc.value, workflow.IllegalTransition)
            assert machine.names[target] in str(exc.value)


def test_the_orders_and_quotes_errors_keep_their_classes_and_messages():
    assert orders.IllegalTransition is workflow.IllegalOrderTransition
    assert quotes.IllegalQuoteTransition is workflow.IllegalQuoteTransition
    assert str(workflow.ORDER.illegal("cancelled", "scheduled")) == (
        "An order that is cancelled cannot become scheduled.")
    assert str(workflow.QUOTE.illegal("expired", "accepted", number="Q-1")) == (
        "Quote Q-1 is expired and cannot become accepted.")


def test_the_services_tables_are_the_workflow_tables():
    assert orders.TRANSITIONS is workflow.ORDER.transitions
    assert orders.STATUS_NAMES is workflow.ORDER.names
    assert quotes.TRANSITIONS is workflow.QUOTE.transitions
    assert deliveries.OUTCOMES == workflow.DELIVERY_OUTCOMES


def test_no_order_is_a_draft_and_no_invoice_is_paid():
    assert "draft" not in workflow.ORDER.names
    assert set(workflow.INVOICE.stored) == {"posted", "void"}
    assert Order.__table__.c.status.default.arg == "confirmed"
    assert orders.EDITABLE_STATES <= set(workflow.ORDER.stored)
    assert orders.OPEN_STATES <= set(workflow.ORDER.stored)


def test_a_quote_is_expired_only_as_shown():
    assert "expired" in workflow.QUOTE.transitions
    assert "expired" not in workflow.QUOTE.stored
    assert quotes.CAN_EXPIRE <= set(workflow.QUOTE.stored)


@pytest.mark.parametrize(("model", "column", "values"), [
    (Order, "status", set(workflow.ORDER.stored)),
    (Quote, "status", set(workflow.QUOTE.stored)),
    (Invoice, "status", set(workflow.INVOICE.stored)),
    (Route, "status", set(workflow.ROUTE.stored)),
    (dispatch_models.Delivery, "outcome", set(workflow.DELIVERY_OUTCOMES)),
    (Order, "payment", set(orders.PAYMENTS)),
    (Order, "time_slot", set(orders.TIME_SLOTS)),
    (StandingOrder, "time_slot", set(orders.TIME_SLOTS)),
    (StandingOrder, "schedule", set(schedule.SCHEDULES)),
    (Payment, "kind", set(payments.KINDS)),
    (Payment, "method", set(payments.METHODS)),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_models_check_allows_exactly_what_the_code_declares(model, column, values):
    assert _allowed(model, column) == values


def test_the_model_value_sets_are_the_services_named_ones():
    assert set(order_models.PAYMENTS) == set(orders.PAYMENTS)
    assert set(order_models.TIME_SLOTS) == set(orders.TIME_SLOTS)
    assert set(billing_models.PAYMENT_KINDS) == set(payments.KINDS)
    assert set(billing_models.PAYMENT_METHODS) == set(payments.METHODS)
