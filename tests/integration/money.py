"""Helpers for the payment and ledger tests (not a test module itself): deliveries on
account for existing customers, invoices with chosen due dates, and the ledger's sums."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, update

from core.db import unit_of_work
from core.models import Customer, Invoice, LedgerEntry
from core.services import billing, deliveries, dispatch, fleet, orders, settings
from tests.integration.shop import line, order_for

_plates = itertools.count(1)


def deliver(engine, seeded, product, customer_ids: list[int], *, day: date,
            quantity: int = 1, payment: str = "account") -> list[orders.OrderView]:
    """An order on account (or ``payment`` cash, paid in full to the driver) of
    ``quantity`` × ``product`` for each customer, delivered on ``day`` as ordered (on a
    new truck's confirmed route)."""
    placed, _route_id = on_route(engine, seeded, product, customer_ids, day=day,
                                 quantity=quantity, payment=payment)
    for o in placed:
        deliveries.confirm(engine, seeded["dispatcher"].actor, deliveries.DeliveryInput(
            o.id, f"d-{o.id}", "delivered",
            cash_collected=o.total if payment == "cash" else Decimal(0)))
    return placed


def on_route(engine, seeded, product, customer_ids: list[int], *, day: date,
             quantity: int = 1, payment: str | list[str] = "account",
             driver: str | None = None) -> tuple[list[orders.OrderView], int]:
    """An order of ``quantity`` × ``product`` for each customer (paid as ``payment``, or
    as each of a list), on a new truck's route of ``day`` (with ``driver``, when named),
    confirmed; returns the orders and the route."""
    paid = [payment] * len(customer_ids) if isinstance(payment, str) else payment
    clerk, actor = seeded["clerk"].actor, seeded["dispatcher"].actor
    if settings.get_company(engine).depot is None:
        settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16",
                                depot_lon="120.63")
    van = fleet.save_vehicle(engine, actor, plate=f"M-{next(_plates):04d}", capacity=10_000)
    placed = [orders.place(engine, clerk, order_for(cid, line(product, quantity),
                                                    delivery_date=day, payment=how))
              for cid, how in zip(customer_ids, paid)]
    board = dispatch.move(engine, actor, order_id=placed[0].id, route_id=None,
                          vehicle_id=van.id)
    route_id = next(r.id for r in board.routes if r.vehicle_id == van.id)
    for o in placed[1:]:
        dispatch.move(engine, actor, order_id=o.id, route_id=route_id)
    if driver:
        d = fleet.save_driver(engine, actor, name=driver)
        dispatch.set_driver(engine, actor, route_id=route_id, driver_id=d.id)
    dispatch.confirm(engine, actor, day=day)
    return placed, route_id


def invoice(engine, seeded, customer_id: int, *, today: date,
            due: date | None = None) -> billing.InvoiceRow:
    """Invoice the customer now (as of ``today``); ``due`` moves the due date (a test's
    way of making an invoice old)."""
    row = billing.invoice_now(engine, seeded["manager"].actor, customer_id=customer_id,
                              today=today)
    if due is not None:
        with unit_of_work(engine) as s:
            s.execute(update(Invoice).where(Invoice.id == row.id).values(due_date=due))
    return row


def balance(engine, customer_id: int) -> Decimal:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(Customer.balance).where(Customer.id == customer_id))


def ledger_sum(engine, customer_id: int) -> Decimal:
    with unit_of_work(engine, write=False) as s:
        value = s.scalar(select(func.coalesce(func.sum(LedgerEntry.amount), 0))
                         .where(LedgerEntry.customer_id == customer_id))
        return value if isinstance(value, Decimal) else Decimal(value or 0)
