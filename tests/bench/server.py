"""Benchmark: the office server on loopback, as a workstation sees it.

    python -m tests.bench.server --backend sqlite
    python -m tests.bench.server --backend postgresql --customers 100000

The dataset is ``demo --customers N --days 0``; the server runs in its own process (on
PostgreSQL as an app role) and the clients talk to it over HTTPS with a pinned
certificate.  Prints one JSON line per measurement.  Targets (issue #12): an order
saved with its credit check p95 <= 10 ms; customer search as you type p95 <= 30 ms; a
change reaching another workstation p95 <= 300 ms (from the start of the saving call to
its arrival at the other client); 8 client processes placing orders on PostgreSQL,
orders per second and the CPU split reported.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import queue
import random
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.engine import make_url

from core import demo, roles
from core.db import make_engine, unit_of_work
from core.errors import DomainError
from core.models import Customer, Product
from core.services.orders import CreditRefused, LineInput, OrderInput
from tests.bench.common import database, summary
from tests.bench.search import queries
from tests.serverproc import Running

CLERK = ("clerk", "clerk-demo")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def place_for(seconds: float, url: str, fingerprint: str, customer_ids: list[int],
              product_id: int, seed: int, out) -> None:
    from core.server.client import Connection

    conn = Connection(url, fingerprint=fingerprint)
    conn.login(*CLERK)
    rng, placed, deadline = random.Random(seed), 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        conn.call("orders.place", data=OrderInput(rng.choice(customer_ids),
                                                  (LineInput(product_id, 1),), payment="cash"))
        placed += 1
    out.put(placed)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--customers", type=int, default=100_000)
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--seconds", type=float, default=10)
    args = p.parse_args()
    base = {"backend": args.backend, "customers": args.customers}
    with database(args.backend) as url, tempfile.TemporaryDirectory() as folder:
        engine = make_engine(url)
        demo.generate(engine, customers_count=args.customers, days=0)
        if engine.dialect.name == "postgresql":
            roles.setup(engine, "bench_app", "bench-app-password")
            url = make_url(url).set(username="bench_app").render_as_string(hide_password=False)
        with unit_of_work(engine, write=False) as s:
            people = s.scalars(select(Customer.id).order_by(Customer.id)).all()
            gas = s.scalar(select(Product.id).where(Product.sku == "LPG-20"))
        texts = queries(engine, args.n)["chinese_2_chars"]
        engine.dispose()
        server = Running(url, Path(folder))
        try:
            clerk, watcher = server.connect(*CLERK), server.connect("manager", "manager-demo")
            for text in texts[:20]:  # warm up as a working day would
                clerk.call("customers.search", query=text)
            ms = []
            for text in texts:
                start = time.perf_counter()
                clerk.call("customers.search", query=text)
                ms.append((time.perf_counter() - start) * 1000)
            print(json.dumps({"bench": "server_customer_search", **base, **summary(ms),
                              "target_p95_ms": 30}), flush=True)

            arrived: queue.Queue = queue.Queue()

            def watch() -> None:
                with contextlib.suppress(DomainError, httpx.HTTPError):  # the server stops
                    for change in watcher.events():
                        arrived.put((time.perf_counter(), change))

            threading.Thread(target=watch, daemon=True).start()
            time.sleep(1)
            rng, saves, reach = random.Random(3), [], []
            for n in range(args.n):
                start = time.perf_counter()
                try:
                    placed = clerk.call("orders.place", data=OrderInput(
                        rng.choice(people), (LineInput(gas, 1),), payment="account"),
                        request_key=f"bench-{n}")
                except CreditRefused:  # a refusal is an answer too, and nothing to publish
                    saves.append((time.perf_counter() - start) * 1000)
                    continue
                saves.append((time.perf_counter() - start) * 1000)
                while True:
                    at, change = arrived.get(timeout=10)
                    if change.touches("orders", placed.id):
                        reach.append((at - start) * 1000)
                        break
            print(json.dumps({"bench": "server_order_save", **base, **summary(saves),
                              "target_p95_ms": 10}), flush=True)
            print(json.dumps({"bench": "server_change_reaches_another_client", **base,
                              **summary(reach), "target_p95_ms": 300}), flush=True)

            out: multiprocessing.Queue = multiprocessing.Queue()
            before = cpu_seconds(server.process.pid)
            clients = [multiprocessing.Process(target=place_for, args=(
                args.seconds, server.url, server.fingerprint, people, gas, k, out))
                for k in range(8)]
            started = time.perf_counter()
            for c in clients:
                c.start()
            placed = sum(out.get(timeout=args.seconds + 120) for _ in clients)
            for c in clients:
                c.join()
            wall = time.perf_counter() - started
            server_cpu = cpu_seconds(server.process.pid) - before
            print(json.dumps({"bench": "server_8_clients_placing", **base, "orders": placed,
                              "orders_per_s": round(placed / wall, 1),
                              "server_cpu_ms_per_order": round(server_cpu * 1000 / placed, 2),
                              "wall_s": round(wall, 1)}), flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
