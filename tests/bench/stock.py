"""Benchmark: the stock of cylinders at any date over 200,000 movements.

    python -m tests.bench.stock --backend sqlite
    python -m tests.bench.stock --backend postgresql [--movements 200000]

The dataset: ``demo --customers N --days 0`` (its products, trucks, customers), then
``--movements`` stock movements over ``--days`` days written straight into ``stock_doc``
and ``stock_move`` as the office makes them: each day every truck loaded from a depot,
its deliveries (truck -> customers, two rows each), its return, empties to the plant
and a purchase.  Then, measured ``--repeat`` times each at several dates (the first
week, the middle, the last day, and a date after it): ``stock.stock_at`` (the Stock
window's table) and the whole window's read (``stock_at``, the day's documents and the
routes' reconciliations).  p50/p95 ms; target p95 <= 300 ms.  Prints one JSON line per
measurement.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from core import demo
from core.db import make_engine, unit_of_work
from core.models import Customer, Product, StockDoc, StockLocation, StockMove, Vehicle
from core.models.base import utcnow
from core.services import fleet, stock
from core.services.actor import SYSTEM
from tests.bench.common import database, summary, timed

TARGET_MS = 300


def fill(engine, movements: int, days: int, seed: int) -> date:
    """Write about ``movements`` movements over ``days`` days ending today; returns the
    first day."""
    rng = random.Random(seed)
    if not fleet.list_vehicles(engine):
        for n in range(20):
            fleet.save_vehicle(engine, SYSTEM, plate=f"BEN-{n:04d}", capacity=120)
    with unit_of_work(engine) as s:
        sizes = list(s.scalars(select(Product.id).where(Product.unit == "cylinder")))
        people = list(s.scalars(select(Customer.id)))
        for vid in s.scalars(select(Vehicle.id)):
            stock.truck_in(s, vid)
        places = {x.kind: x.id for x in s.scalars(select(StockLocation))
                  if x.kind in ("customers", "plant", "depot")}
        trucks = list(s.scalars(select(StockLocation.id).where(StockLocation.kind == "truck")))
    per_day = movements // days
    first = date.today() - timedelta(days=days - 1)
    written = 0
    for n in range(days):
        day = first + timedelta(days=n)
        docs: list[tuple[str, list[tuple[int, int | None, int, int, int]]]] = []
        for size in sizes:  # the plant trip and the purchase
            docs.append(("to_plant", [(places["depot"], None, size, 0, -40),
                                      (places["plant"], None, size, 0, 40)]))
            docs.append(("purchase", [(places["plant"], None, size, 0, -40),
                                      (places["depot"], None, size, 60, 0)]))
        rows = sum(len(m) for _, m in docs)
        while rows < per_day:
            truck = rng.choice(trucks)
            size = rng.choice(sizes)
            docs.append(("load", [(places["depot"], None, size, -10, 0),
                                  (truck, None, size, 10, 0)]))
            for _ in range(4):
                f, e = rng.randint(1, 2), rng.randint(0, 2)
                docs.append(("delivery", [(truck, None, size, -f, e),
                                          (places["customers"], rng.choice(people), size,
                                           f - e, 0)]))
            docs.append(("return", [(truck, None, size, -4, -4),
                                    (places["depot"], None, size, 4, 4)]))
            rows += 12
        with unit_of_work(engine) as s:
            ids = s.execute(insert(StockDoc).returning(StockDoc.id), [
                dict(kind=kind, day=day, reason="", created_by="bench", at=utcnow())
                for kind, _ in docs]).scalars().all()
            batch = [dict(doc_id=doc, day=day, location_id=loc, customer_id=cid,
                          product_id=pid, full=f, empty=e)
                     for doc, (_, moves) in zip(ids, docs) for loc, cid, pid, f, e in moves]
            s.execute(insert(StockMove), batch)
            written += len(batch)
    return first


def window(engine, day: date) -> None:
    """What the Stock window reads for a date."""
    stock.stock_at(engine, day)
    stock.documents(engine, day=day)
    stock.truck_days(engine, day)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--customers", type=int, default=500)
    p.add_argument("--movements", type=int, default=200_000)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--seed", type=int, default=17)
    args = p.parse_args()
    with database(args.backend) as url:
        engine = make_engine(url)
        demo.generate(engine, customers_count=args.customers, days=0, seed=args.seed)
        start = time.perf_counter()
        first = fill(engine, args.movements, args.days, args.seed)
        with unit_of_work(engine, write=False) as s:
            total = s.scalar(select(func.count()).select_from(StockMove))
        print(json.dumps({"backend": args.backend, "bench": "fill", "movements": total,
                          "seconds": round(time.perf_counter() - start, 1)}), flush=True)
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        last = first + timedelta(days=args.days - 1)
        dates = {"first_week": first + timedelta(days=6),
                 "middle": first + timedelta(days=args.days // 2),
                 "last_day": last, "after": last + timedelta(days=30)}
        for label, day in dates.items():
            stock.stock_at(engine, day)  # warm
            ms = [timed(stock.stock_at, engine, day)[0] for _ in range(args.repeat)]
            res = summary(ms)
            print(json.dumps({"backend": args.backend, "bench": "stock_at", "date": label,
                              "movements": total, **res, "target_p95_ms": TARGET_MS,
                              "met": res["p95_ms"] <= TARGET_MS}), flush=True)
            ms = [timed(window, engine, day)[0] for _ in range(max(3, args.repeat // 4))]
            res = summary(ms)
            print(json.dumps({"backend": args.backend, "bench": "stock_window", "date": label,
                              "movements": total, **res, "target_p95_ms": TARGET_MS,
                              "met": res["p95_ms"] <= TARGET_MS}), flush=True)
        engine.dispose()


if __name__ == "__main__":
    main()
