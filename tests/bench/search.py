"""Benchmark: `demo --customers N`, then as-you-type customer search.

    python -m tests.bench.search --customers 100000 --backend sqlite
    python -m tests.bench.search --customers 100000 --backend postgresql

Prints one JSON line per measurement.  Targets (issue #2): demo of 100,000
customers <= 60 s; search p95 <= 30 ms for two-character Chinese substrings,
the last four phone digits and code prefixes, on SQLite and PostgreSQL; (issue #10)
two Chinese characters on PostgreSQL p95 <= 10 ms, SQLite no slower.
"""

from __future__ import annotations

import argparse
import json
import random
import time

from sqlalchemy import select

from core import demo
from core.db import make_engine, unit_of_work
from core.models import Customer
from core.queries.customers import search
from core.services.customers import national_digits
from tests.bench.common import database, summary, timed


def queries(engine, n: int, seed: int = 1) -> dict[str, list[str]]:
    with unit_of_work(engine, write=False) as s:
        sample = s.execute(select(Customer.code, Customer.name, Customer.phone)
                           .order_by(Customer.id)).all()
    rng = random.Random(seed)
    picked = rng.sample(sample, min(n, len(sample)))
    out: dict[str, list[str]] = {"chinese_2_chars": [], "phone_last_4": [], "code_prefix": []}
    for code, name, phone in picked:
        i = rng.randrange(max(1, len(name) - 1))
        out["chinese_2_chars"].append(name[i:i + 2])
        out["phone_last_4"].append(national_digits(phone)[-4:])
        out["code_prefix"].append(code[:rng.choice((3, 4, 5, 6))])
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--customers", type=int, default=100_000)
    p.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--queries", type=int, default=300)
    args = p.parse_args()
    with database(args.backend) as url:
        engine = make_engine(url)
        start = time.perf_counter()
        demo.generate(engine, customers_count=args.customers, days=0)
        print(json.dumps({"bench": "demo_days_0", "backend": args.backend, "customers": args.customers,
                          "seconds": round(time.perf_counter() - start, 1)}), flush=True)
        for kind, texts in queries(engine, args.queries).items():
            for text in texts[:20]:  # warm the caches as a working day would
                search(engine, text)
            ms = []
            for text in texts:
                elapsed, rows = timed(search, engine, text)
                assert rows, f"no result for {text!r}"
                ms.append(elapsed)
            print(json.dumps({"bench": "customer_search", "backend": args.backend,
                              "customers": args.customers, "query": kind, **summary(ms)}),
                  flush=True)
        engine.dispose()


if __name__ == "__main__":
    main()
