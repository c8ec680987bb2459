"""Deliveries to bill, for the billing, payments and aging window tests (not a test module).

The delivery day of ``tests.integration.dispatch_day`` (today), every stop on its routes
confirmed delivered as ordered: C001 and C003 took theirs on account (they are what a run
bills), C002 and C004 paid cash, and C005's order is on no route.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from core.services import deliveries
from core.services.deliveries import DeliveryInput
from tests.integration.dispatch_day import Day, make_day


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
