"""Clerks in other processes, for the race tests (spawned: this module must stay light to
import and must not import pytest fixtures)."""

from __future__ import annotations

import traceback

from core.db import make_engine
from core.services import orders


def place_orders(url: str, actor, customer_id: int, product_id: int, n: int, barrier,
                 results) -> None:
    """Place ``n`` one-cylinder orders on account as fast as possible; put one report
    (placed, refused, the unexpected errors) on ``results``."""
    report = {"placed": 0, "refused": 0, "errors": [], "totals": set()}
    engine = make_engine(url)
    try:
        barrier.wait(120)  # every process has imported and connected: start together
        data = orders.OrderInput(customer_id=customer_id,
                                 lines=(orders.LineInput(product_id, 1),), payment="account")
        for _ in range(n):
            try:
                placed = orders.place(engine, actor, data)
            except orders.CreditRefused as exc:
                f = exc.figures
                if f.blocked or f.exposure + f.amount <= f.limit:
                    report["errors"].append(f"refused although it fitted: {f}")
                report["refused"] += 1
            except Exception:  # noqa: BLE001 - every other failure is what the test looks for
                report["errors"].append(traceback.format_exc(limit=3))
                if len(report["errors"]) > 20:
                    break
            else:
                report["placed"] += 1
                report["totals"].add(placed.total)
    except Exception:  # noqa: BLE001
        report["errors"].append(traceback.format_exc(limit=3))
    finally:
        engine.dispose()
        results.put(report)


def cancel_orders(url: str, actor, order_ids: list[int], barrier, results) -> None:
    """Cancel the orders (version 1) one after another, each releasing its credit; put
    one report (cancelled, the unexpected errors) on ``results``."""
    report = {"cancelled": 0, "errors": []}
    engine = make_engine(url)
    try:
        barrier.wait(120)
        for order_id in order_ids:
            orders.cancel(engine, actor, order_id=order_id, version=1, reason="released")
            report["cancelled"] += 1
    except Exception:  # noqa: BLE001 - the test looks for it
        report["errors"].append(traceback.format_exc(limit=3))
    finally:
        engine.dispose()
        results.put(report)


def generate_standing(url: str, actor, start, end, barrier, results) -> None:
    """Generate the standing orders' orders from ``start`` through ``end``; put one report
    (the result, or the unexpected error) on ``results``."""
    from core.services import standing

    engine = make_engine(url)
    try:
        barrier.wait(120)
        result = standing.generate(engine, actor, start=start, end=end)
        results.put({"created": result.created, "refused": result.refused,
                     "already": result.already, "error": None})
    except Exception:  # noqa: BLE001 - the test looks for it
        results.put({"error": traceback.format_exc(limit=5)})
    finally:
        engine.dispose()


def confirm_delivery(url: str, actor, order_id: int, request_key: str, barrier,
                     results) -> None:
    """Confirm the order delivered; report the delivery id, a clean refusal, or the
    unexpected error."""
    from core.errors import DomainError
    from core.services import deliveries

    report = {"delivery": None, "refused": None, "unexpected": None}
    engine = make_engine(url)
    try:
        barrier.wait(120)
        report["delivery"] = deliveries.confirm(engine, actor, deliveries.DeliveryInput(
            order_id, request_key, "delivered")).id
    except DomainError as exc:
        report["refused"] = exc.message()
    except Exception:  # noqa: BLE001 - the test looks for it
        report["unexpected"] = traceback.format_exc(limit=5)
    finally:
        engine.dispose()
        results.put(report)


def bill_until_killed(url: str, actor, period: str, kill_at: int) -> None:
    """Run the billing and die (os._exit, as a killed process: nothing is cleaned up) at the
    ``kill_at``-th fault point; exit 0 if the run ended first."""
    import os

    from core.services import billing

    calls = [0]

    def fault(_point: str) -> None:
        calls[0] += 1
        if calls[0] == kill_at:
            os._exit(77)

    engine = make_engine(url)
    billing.run(engine, actor, period=period, fault=fault)
    os._exit(0)


def bill_period(url: str, actor, period: str, barrier, results) -> None:
    from core.services import billing

    engine = make_engine(url)
    try:
        barrier.wait(120)
        result = billing.run(engine, actor, period=period)
        results.put({"invoices": result.invoices, "error": None})
    except Exception:  # noqa: BLE001 - the test looks for it
        results.put({"invoices": 0, "error": traceback.format_exc(limit=5)})
    finally:
        engine.dispose()


def race_cash_confirmations(url: str, actor, orders, processes: int = 8) -> list[dict]:
    """The cash ``orders`` confirmed delivered by ``processes`` clerks at once, each
    taking every n-th; their reports (confirmed, errors)."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    workers = [ctx.Process(target=confirm_cash_deliveries, args=(
        url, actor, [(o.id, o.total) for o in orders[i::processes]], barrier, results))
        for i in range(processes)]
    for w in workers:
        w.start()
    reports = [results.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(30)
    return reports


def confirm_cash_deliveries(url: str, actor, orders_and_totals, barrier, results) -> None:
    """Confirm each cash order delivered, its total paid to the driver; report how many
    were confirmed and the unexpected errors."""
    from core.services import deliveries

    report = {"confirmed": 0, "errors": []}
    engine = make_engine(url)
    try:
        barrier.wait(120)
        for order_id, total in orders_and_totals:
            deliveries.confirm(engine, actor, deliveries.DeliveryInput(
                order_id, f"race-{order_id}", "delivered", cash_collected=total))
            report["confirmed"] += 1
    except Exception:  # noqa: BLE001 - the test looks for it
        report["errors"].append(traceback.format_exc(limit=5))
    finally:
        engine.dispose()
        results.put(report)


def settle_route(url: str, actor, route_id: int, cash, key: str, barrier, results) -> None:
    """Save the route's cash-up; report the settlement id, a clean refusal, or the
    unexpected error."""
    from core.errors import DomainError
    from core.services import cashup

    report = {"settlement": None, "refused": None, "unexpected": None}
    engine = make_engine(url)
    try:
        barrier.wait(120)
        report["settlement"] = cashup.settle(engine, actor, cashup.Count(
            route_id, key, cash=cash)).id
    except DomainError as exc:
        report["refused"] = exc.message()
    except Exception:  # noqa: BLE001 - the test looks for it
        report["unexpected"] = traceback.format_exc(limit=5)
    finally:
        engine.dispose()
        results.put(report)
