"""Deliveries to bill, for the billing, payments and aging window tests (not a test module).

The delivery day of ``tests.integration.dispatch_day`` (today), every stop on its routes
confirmed delivered as ordered: C001 and C003 took theirs on account (they are what a run
bills), C002 and C004 paid cash, and C005's order is on no route.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import text

from core.db import unit_of_work
from core.services import billing, deliveries, dispatch, orders
from core.services.billing import InvoiceRow
from core.services.deliveries import DeliveryInput
from tests.integration.dispatch_day import Day, make_day
from tests.integration.shop import line, order_for


def this_month() -> str:
    today = date.today()
    return f"{today.year:04d}-{today.month:02d}"


def delivered_day(engine, users) -> Day:
    day = make_day(engine, users)
    clerk = users["clerk"].actor
    for route in day.board.routes:
        for stop in route.stops:
            deliveries.confirm(engine, clerk, DeliveryInput(
                order_id=stop.order_id, request_key=uuid.uuid4().hex, outcome="delivered",
                cash_collected=stop.total if stop.payment == "cash" else Decimal(0)))
    return day


@dataclass(frozen=True)
class TwoInvoices:
    day: Day
    older: InvoiceRow  # C001's first, made overdue by 40 days
    newer: InvoiceRow  # C001's second, not due yet


def two_invoices(engine, users) -> TwoInvoices:
    """C001 with two invoices: each of two orders delivered and invoiced at once, the first
    one's due date 40 days ago.  Everything else on the day is delivered (not invoiced)."""
    day = make_day(engine, users, confirm=False)
    clerk, dispatcher, manager = (users[n].actor for n in ("clerk", "dispatcher", "manager"))
    extra = orders.place(engine, clerk, order_for(day.people["C001"], line(day.shop.lpg20, 1),
                                                  delivery_date=day.day))
    route = next(r for r in day.board.routes if r.plate == "XYZ-5678")
    dispatch.move(engine, dispatcher, order_id=extra.id, route_id=route.id)
    board = dispatch.confirm(engine, dispatcher, day=day.day)
    stops = {s.order_id: s for r in board.routes for s in r.stops}

    def deliver(order_id: int) -> None:
        stop = stops[order_id]
        deliveries.confirm(engine, clerk, DeliveryInput(
            order_id=order_id, request_key=uuid.uuid4().hex, outcome="delivered",
            cash_collected=stop.total if stop.payment == "cash" else Decimal(0)))

    deliver(day.orders["C001"].id)
    older = billing.invoice_now(engine, manager, customer_id=day.people["C001"].id)
    with unit_of_work(engine) as s:
        s.execute(text("UPDATE invoice SET due_date = :day WHERE id = :id"),
                  {"day": date.today() - timedelta(days=40), "id": older.id})
    deliver(extra.id)
    newer = billing.invoice_now(engine, manager, customer_id=day.people["C001"].id)
    for order_id in stops:
        if order_id not in (day.orders["C001"].id, extra.id):
            deliver(order_id)
    older = next(r for r in billing.list_invoices(engine, customer_id=older.customer_id)
                 if r.id == older.id)
    return TwoInvoices(day, older, newer)
