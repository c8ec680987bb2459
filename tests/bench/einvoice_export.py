"""Benchmark: a month's uniform invoices exported for the Turnkey.

    python -m tests.bench.einvoice_export --backend sqlite
    python -m tests.bench.einvoice_export --backend postgresql [--invoices 60000] [--profile]

The dataset is made through the services, as the office makes a month's uniform invoices:
``demo --customers N --days 0`` (its customers carry their buyers' details: one business
in eight or so a 統一編號, consumers a mobile barcode, a donation code or neither); uniform
invoices turned on (``settings.update_company``) and last month's period given a range of
N numbers (``einvoice.add_range``, by the manager); a month of delivered orders on account,
one a customer (``tests.bench.billing.make_month``: bulk INSERTs of what a delivery
leaves); then the billing run (``billing.run``), which writes each customer's monthly
invoice with its uniform invoice (B2B or B2C, its lines being the invoice's) and its F0401
message, in the invoice's transaction.  So the rows exported are exactly what the services
write; all come from monthly invoices (a cash sale's differ only in where their lines are
read from, ``cash_sale_line`` for ``invoice_line``).

Measured, in a fresh process: ``einvoice.export`` into an empty folder (in ``--out``, by
default the system's temporary folder; its file system is reported, as syncing each file
costs what it costs there, and the Turnkey's upload folder is on a disk): every message
built, checked against its schema, written and synced, marked written and renamed into
place.  Then the files are counted, a sample is checked again, and the db check runs.
Prints one JSON line per measurement: the setup's steps (seconds), the export (wall and
CPU seconds, messages per second, peak memory).  Target: 60,000 uniform invoices exported
in <= 60 s, on SQLite and on PostgreSQL.  ``--profile`` prints the functions taking the
most time in the export to stderr (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from core import checks, demo, mig, uniform
from core.db import make_engine, unit_of_work
from core.models import EInvoiceMessage, UniformInvoice
from tests.bench.billing import last_month, make_month, peak_mb
from tests.bench.common import database

FIRST_SERIAL = 10_000_000
SAMPLE = 200  # files read back and checked again after the export


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def make_dataset(url: str, invoices: int, seed: int) -> dict:
    """The month's uniform invoices through the services; the seconds of each step."""
    from core.services import auth, billing, einvoice, settings

    engine = make_engine(url)
    seconds = {}
    started = time.perf_counter()
    demo.generate(engine, customers_count=invoices, days=0)
    seconds["demo_seconds"] = round(time.perf_counter() - started, 1)
    admin = auth.login(engine, "admin", "admin-demo")
    manager = auth.login(engine, "manager", "manager-demo")
    settings.update_company(engine, admin, uniform_invoices="on",
                            einvoice_aes_key=demo.EINVOICE["einvoice_aes_key"])
    period, _, end = last_month()
    size = -(-invoices // uniform.BLOCK) * uniform.BLOCK
    einvoice.add_range(engine, manager, period=uniform.period_of(end), track="AB",
                       first=f"{FIRST_SERIAL:08d}", last=f"{FIRST_SERIAL + size - 1:08d}")
    started = time.perf_counter()
    make_month(engine, invoices, seed)
    seconds["month_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    run = billing.run(engine, manager, period=period)
    seconds["billing_run_seconds"] = round(time.perf_counter() - started, 1)
    with unit_of_work(engine, write=False) as s:
        u = UniformInvoice
        b2b, carriers, donations, total = s.execute(select(
            func.count().filter(u.buyer_tax_id != ""), func.count().filter(u.carrier_id != ""),
            func.count().filter(u.donation_code != ""), func.count())).one()
    engine.dispose()
    return {"monthly_invoices": run.invoices, "uniform_invoices": total, "b2b": b2b,
            "carriers": carriers, "donations": donations, **seconds}


def _export(url: str, out: str, profile: bool, results) -> None:
    from core.services import einvoice

    engine = make_engine(url)
    mig.schema("F0401")  # lxml and the schemas: loaded once a process, as the server does
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    written = einvoice.export(engine, out)
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler:
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
        print(f"--- profile: einvoice.export ---\n{text.getvalue()}", file=sys.stderr,
              flush=True)
    engine.dispose()
    results.put({"messages": written, "seconds": round(seconds, 1),
                 "cpu_seconds": round(cpu, 1), "peak_mb": peak_mb()})


def export(url: str, out: Path, profile: bool) -> dict:
    """``einvoice.export`` in a fresh process, so that its time and peak memory are its own."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    p = ctx.Process(target=_export, args=(url, str(out), profile, results))
    p.start()
    got = results.get(timeout=3600)
    p.join(60)
    return got


def files_hold(engine, out: Path, seed: int) -> dict:
    """The files in place, one per message, none left aside; a sample checked again."""
    files = [p for p in out.rglob("*.xml") if p.parent.name != ".pending"]
    with unit_of_work(engine, write=False) as s:
        messages, waiting = s.execute(select(
            func.count(), func.count().filter(EInvoiceMessage.written_at.is_(None)))).one()
    for path in random.Random(seed).sample(files, min(SAMPLE, len(files))):
        mig.validate(path.parent.name, path.read_bytes())
    kinds: dict[str, int] = {}
    for path in files:
        kinds[path.parent.name] = kinds.get(path.parent.name, 0) + 1
    return {"files": len(files), "by_kind": kinds, "messages": messages, "waiting": waiting,
            "left_aside": len(list((out / ".pending").glob("*.xml"))),
            "met": len(files) == messages and not waiting}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--invoices", type=int, default=60_000, help="customers, one invoice each")
    p.add_argument("--out", help="the folder to export in (into a temporary folder made and "
                   "removed inside it); default the system's temporary folder")
    p.add_argument("--seed", type=int, default=21)
    p.add_argument("--profile", action="store_true")
    args = p.parse_args()
    common = {"backend": args.backend, "invoices": args.invoices}
    with database(args.backend) as url, tempfile.TemporaryDirectory(dir=args.out) as folder:
        started = time.perf_counter()
        dataset = make_dataset(url, args.invoices, args.seed)
        emit(bench="einvoice_dataset", **common, **dataset,
             seconds=round(time.perf_counter() - started, 1))
        out = Path(folder) / "turnkey"
        done = export(url, out, args.profile)
        emit(bench="einvoice_export", **common, **done,
             messages_per_second=round(done["messages"] / max(done["seconds"], 0.001)),
             folder_fs=_filesystem(out), target_seconds=60, met=done["seconds"] <= 60)
        engine = make_engine(url)
        emit(bench="einvoice_files", **common, **files_hold(engine, out, args.seed))
        started = time.perf_counter()
        failed = [r.name for r in checks.run(engine) if not r.ok]
        emit(bench="db_check", **common, seconds=round(time.perf_counter() - started, 1),
             failed=failed, met=not failed)
        engine.dispose()
        shutil.rmtree(out, ignore_errors=True)


def _filesystem(path: Path) -> str:
    """The type of the file system ``path`` is on (syncing a file costs what it costs)."""
    best, kind = "", "?"
    try:
        with open("/proc/mounts") as mounts:
            for line in mounts:
                _, point, fs, *_ = line.split()
                if str(path.resolve()).startswith(point) and len(point) > len(best):
                    best, kind = point, fs
    except OSError:
        pass
    return kind


if __name__ == "__main__":
    main()
