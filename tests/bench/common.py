"""Shared pieces of the benchmarks: databases to measure on, and percentiles."""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from core import schema
from core.db import make_engine


@contextlib.contextmanager
def database(backend: str) -> Iterator[str]:
    """A fresh, migrated database URL: a temp SQLite file or a temp PostgreSQL server."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as d:
            url = f"sqlite:///{Path(d) / 'bench.sqlite3'}"
            schema.upgrade(make_engine(url))
            yield url
        return
    from tests.pgserver import PostgresServer, find_postgres_bin

    bindir = find_postgres_bin()
    if bindir is None:
        raise SystemExit("no PostgreSQL server binary (initdb) found")
    server = PostgresServer(bindir)
    try:
        server.start()
        server.create_database("bench")
        url = server.url("bench")
        schema.upgrade(make_engine(url))
        yield url
    finally:
        server.stop()


def timed(fn, *args, **kw) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kw)
    return (time.perf_counter() - start) * 1000, result


def summary(ms: list[float]) -> dict:
    ordered = sorted(ms)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return {"n": len(ms), "p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(p95, 2), "max_ms": round(ordered[-1], 2)}
