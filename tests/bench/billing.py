"""Benchmark: the monthly billing run at a large distributor's size.

    python -m tests.bench.billing --backend sqlite
    python -m tests.bench.billing --backend postgresql --customers 20000 --lines 600000

The dataset: ``demo --customers N --days 0``, then a month (last month) of delivered
orders on account, one line each, spread evenly over the customers and the month,
written by bulk INSERTs (through the services they would take an hour; the billing
run reads only what a delivery leaves: the order, its line, the delivery and its
line, and the ledger row).  Then, each in a fresh process so that its peak memory
is its own: the preview of all customers, and the run.  Prints one JSON line per
measurement, then the db check.  Targets (issue #10): the run <= 20 s on SQLite and
<= 30 s on PostgreSQL, peak memory <= 500 MB; the preview <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock
from decimal import Decimal

from sqlalchemy import insert, select, text

from core import checks, demo
from core.db import make_engine, unit_of_work
from core.models import Customer, Delivery, DeliveryLine, LedgerEntry, Order, OrderLine, Product
from core.services.customers import copy_rows
from tests.bench.common import database


def last_month() -> tuple[str, date, date]:
    end = date.today().replace(day=1) - timedelta(days=1)
    return end.strftime("%Y-%m"), end.replace(day=1), end


def make_month(engine, lines: int, seed: int) -> None:
    rng = random.Random(seed)
    period, start, end = last_month()
    days = (end - start).days + 1
    with unit_of_work(engine, write=False) as s:
        people = s.scalars(select(Customer.id).order_by(Customer.id)).all()
        prices = {p.id: p.prices[-1].price for p in s.scalars(select(Product).where(
            Product.unit == "cylinder"))}
    at = datetime.combine(start, clock(9), tzinfo=timezone.utc)
    orders, order_lines, deliveries, delivery_lines = [], [], [], []
    owed: dict[int, Decimal] = {}
    for n in range(lines):
        oid = n + 1
        cid = people[n % len(people)]
        day = start + timedelta(days=(n // len(people)) % days)
        pid = rng.choice(list(prices))
        qty = Decimal(rng.randint(1, 3))
        amount = qty * prices[pid]
        tax = (amount * Decimal("0.05")).quantize(Decimal(1))
        orders.append({"id": oid, "number": f"SO-{day.year}-{oid:07d}", "customer_id": cid,
                       "status": "delivered", "payment": "account", "delivery_date": day,
                       "time_slot": "any", "notes": "", "subtotal": amount, "tax": tax,
                       "total": amount + tax, "exposure": Decimal(0), "cancel_reason": "",
                       "created_by": "bench", "created_at": at, "updated_at": at,
                       "confirmed_at": at, "version": 1})
        order_lines.append({"id": oid, "order_id": oid, "line_no": 1, "product_id": pid,
                            "quantity": qty, "list_price": prices[pid],
                            "unit_price": prices[pid], "tax_rate": Decimal("0.05"),
                            "amount": amount, "tax": tax})
        deliveries.append({"id": oid, "order_id": oid, "request_key": f"bench-{oid}",
                           "outcome": "delivered", "reason": "", "amount": amount + tax,
                           "cash_collected": Decimal(0), "confirmed_by": "bench",
                           "confirmed_at": at, "undo_reason": ""})
        delivery_lines.append({"id": oid, "delivery_id": oid, "order_line_id": oid,
                               "quantity": qty, "empties": int(qty), "amount": amount,
                               "tax": tax})
        owed[cid] = owed.get(cid, Decimal(0)) + amount + tax
    with unit_of_work(engine) as s:
        for model, rows in ((Order, orders), (OrderLine, order_lines), (Delivery, deliveries),
                            (DeliveryLine, delivery_lines)):
            for first in range(0, len(rows), 20_000):
                if engine.dialect.name == "postgresql":
                    copy_rows(s, model.__table__, rows[first:first + 20_000])
                else:
                    s.execute(insert(model.__table__), rows[first:first + 20_000])
        s.execute(insert(LedgerEntry.__table__), [
            {"customer_id": cid, "kind": "delivery", "amount": amount, "note": "bench month",
             "created_by": "bench", "at": at, "business_date": end}
            for cid, amount in owed.items()])
        table = Customer.__table__
        for cid, amount in owed.items():  # what they owe, on accounts that allow it
            s.execute(table.update().where(table.c.id == cid).values(
                balance=amount, credit_limit=table.c.credit_limit + amount))
        if engine.dialect.name == "postgresql":
            for table in ("sales_order", "order_line", "delivery", "delivery_line"):
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n)"),
                          {"n": lines})
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def peak_mb() -> int:
    """This process's peak resident memory (VmHWM; ru_maxrss would keep the parent's
    across the spawn's exec)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return 0


def _measure(url: str, what: str, results) -> None:
    from core.services import auth, billing

    engine = make_engine(url)
    period, _, _ = last_month()
    started = time.perf_counter()
    if what == "preview":
        rows = billing.preview(engine, period=period)
        out = {"customers": len(rows)}
    else:
        manager = auth.login(engine, "manager", "manager-demo")
        result = billing.run(engine, manager, period=period)
        out = {"invoices": result.invoices, "total": str(result.total)}
    out["seconds"] = round(time.perf_counter() - started, 2)
    out["peak_mb"] = peak_mb()
    engine.dispose()
    results.put(out)


def measure(url: str, what: str) -> dict:
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    p = ctx.Process(target=_measure, args=(url, what, results))
    p.start()
    out = results.get(timeout=3600)
    p.join(60)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--customers", type=int, default=20_000)
    p.add_argument("--lines", type=int, default=600_000)
    p.add_argument("--seed", type=int, default=9)
    args = p.parse_args()
    common = {"backend": args.backend, "customers": args.customers, "lines": args.lines}
    with database(args.backend) as url:
        engine = make_engine(url)
        started = time.perf_counter()
        demo.generate(engine, customers_count=args.customers, days=0)
        make_month(engine, args.lines, args.seed)
        print(json.dumps({"bench": "billing_dataset", **common,
                          "seconds": round(time.perf_counter() - started, 1)}), flush=True)
        preview = measure(url, "preview")
        print(json.dumps({"bench": "billing_preview", **common, **preview,
                          "target_seconds": 2, "met": preview["seconds"] <= 2}), flush=True)
        run = measure(url, "run")
        target = 20 if args.backend == "sqlite" else 30
        print(json.dumps({"bench": "billing_run", **common, **run, "target_seconds": target,
                          "target_peak_mb": 500,
                          "met": run["seconds"] <= target and run["peak_mb"] <= 500}),
              flush=True)
        again = measure(url, "run")
        print(json.dumps({"bench": "billing_run_again", **common, **again}), flush=True)
        failed = [r.name for r in checks.run(engine) if not r.ok]
        print(json.dumps({"bench": "db_check", **common, "failed": failed, "met": not failed}))
        engine.dispose()


if __name__ == "__main__":
    main()
