"""Benchmark: generating one day of standing orders, credit checks included.

    python -m tests.bench.standing --standing 20000 --backend sqlite

The dataset is ``demo --customers N --days 0`` and one standing order per customer
(made through ``standing.create_in``, a thousand per transaction), every one due on
the measured day.  Prints one JSON line per measurement.  Target (issue #4): one day
for 20,000 active standing orders <= 20 s on SQLite.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, timedelta

from sqlalchemy import func, select

from core import checks, demo
from core.db import make_engine, unit_of_work
from core.models import Customer, Order, Product
from core.services import standing, users
from core.services.actor import Actor
from tests.bench.common import database


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--standing", type=int, default=20_000)
    p.add_argument("--seed", type=int, default=5)
    args = p.parse_args()
    rng = random.Random(args.seed)
    with database(args.backend) as url:
        engine = make_engine(url)
        started = time.perf_counter()
        demo.generate(engine, customers_count=args.standing, days=0)
        u = {x.username: x for x in users.list_users(engine)}["clerk"]
        clerk = Actor(u.id, u.username, frozenset(u.roles))
        with unit_of_work(engine, write=False) as s:
            people = s.scalars(select(Customer.id).order_by(Customer.id)).all()
            skus = dict(s.execute(select(Product.sku, Product.id)).all())
        day = date.today() + timedelta(days=1)
        for first in range(0, len(people), 1000):
            with unit_of_work(engine) as s:
                for cid in people[first:first + 1000]:
                    standing.create_in(s, clerk, standing.StandingInput(
                        customer_id=cid, schedule="weekdays", days=(day.isoweekday(),),
                        start_date=date.today(),
                        lines=(standing.StandingLineInput(
                            skus[rng.choice(("LPG-20", "LPG-16", "LPG-50"))],
                            rng.randint(1, 3)),)))
        print(json.dumps({"bench": "standing_dataset", "backend": args.backend,
                          "standing_orders": len(people),
                          "seconds": round(time.perf_counter() - started, 1)}), flush=True)
        started = time.perf_counter()
        result = standing.generate(engine, clerk, start=day, end=day)
        elapsed = time.perf_counter() - started
        with unit_of_work(engine, write=False) as s:
            made = s.scalar(select(func.count()).select_from(Order))
        print(json.dumps({"bench": "standing_generate_one_day", "backend": args.backend,
                          "standing_orders": len(people), "created": result.created,
                          "refused_for_credit": result.refused, "orders_in_db": made,
                          "seconds": round(elapsed, 1),
                          "ms_per_order": round(elapsed * 1000 / max(1, len(people)), 2),
                          "target_seconds": 20, "met": elapsed <= 20}), flush=True)
        started = time.perf_counter()
        again = standing.generate(engine, clerk, start=day, end=day)
        print(json.dumps({"bench": "standing_generate_again", "backend": args.backend,
                          "created": again.created, "already": again.already,
                          "seconds": round(time.perf_counter() - started, 1)}), flush=True)
        failed = [r.name for r in checks.run(engine) if not r.ok]
        print(json.dumps({"bench": "db_check", "failed": failed, "met": not failed}))
        engine.dispose()


if __name__ == "__main__":
    main()
