"""Benchmark: invoice PDFs with the embedded CJK font written to files.

    python -m tests.bench.invoice_pdfs --invoices 500

The dataset is ``demo --customers N --days D`` (delivered history through last month)
and the billing run for last month; the first ``--invoices`` of its invoices (by
number) are written to a temporary folder, as ``roundsman-admin invoices pdf`` writes
them: once in this process alone, once across one worker process per core.  A third
measurement puts them all in one document (the desktop's "print all").  Prints one
JSON line per measurement, with the CPU time per PDF (what the wall time means on a
machine shared with other work).  Target (issue #10): >= 150 PDFs per second to files
across the processes, on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from core import demo
from core.db import make_engine
from core.printing import base, invoice
from core.services import billing
from core.services.actor import SYSTEM
from tests.bench.common import database


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--invoices", type=int, default=500)
    p.add_argument("--customers", type=int, default=800,
                   help="demo customers (about 60 %% of them have something to invoice)")
    p.add_argument("--size", choices=invoice.SIZES, default="A4")
    args = p.parse_args()
    today = date.today()
    period = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    with database(args.backend) as url:
        engine = make_engine(url)
        started = time.perf_counter()
        demo.generate(engine, customers_count=args.customers, days=35 + today.day)
        run = billing.run(engine, SYSTEM, period=period)
        print(json.dumps({"setup": "demo and billing run", "customers": args.customers,
                          "period": period, "invoices": run.invoices,
                          "seconds": round(time.perf_counter() - started, 1)}), flush=True)
        ids = invoice.ids_of_period(engine, period)[:args.invoices]
        lines = sum(len(d.lines) for d in _docs(engine, ids))
        base.register_font()  # once per process, as the CLI's workers do
        with tempfile.TemporaryDirectory() as out:
            cpu = _cpu()
            started = time.perf_counter()
            written = invoice.write_files(engine, ids, Path(out), size=args.size)
            seconds = time.perf_counter() - started
            cpu = _cpu() - cpu
            size = sum(f.stat().st_size for f in Path(out).iterdir())
            print(json.dumps({"measure": "invoice PDFs to files, one process", "pdfs": written,
                              "lines": lines, "size": args.size, "seconds": round(seconds, 2),
                              "pdfs_per_s": round(written / seconds, 1),
                              "cpu_ms_per_pdf": round(cpu / written * 1000, 1),
                              "kb_per_pdf": round(size / written / 1024, 1),
                              "load": round(os.getloadavg()[0], 1)}), flush=True)
        processes = os.cpu_count() or 1
        with tempfile.TemporaryDirectory() as out:
            cpu = _cpu()
            started = time.perf_counter()
            written = invoice.write_files_parallel(url, ids, Path(out), size=args.size,
                                                   processes=processes)
            seconds = time.perf_counter() - started
            cpu = _cpu() - cpu
            print(json.dumps({"measure": "invoice PDFs to files, roundsman-admin invoices pdf",
                              "processes": processes, "pdfs": written, "size": args.size,
                              "seconds": round(seconds, 2),
                              "pdfs_per_s": round(written / seconds, 1),
                              "cpu_ms_per_pdf": round(cpu / written * 1000, 1),
                              "target_pdfs_per_s": 150,
                              "load": round(os.getloadavg()[0], 1)}), flush=True)
        started = time.perf_counter()
        pdf = invoice.invoices_pdf(engine, ids, size=args.size)
        seconds = time.perf_counter() - started
        print(json.dumps({"measure": "all in one document (print all)", "invoices": len(ids),
                          "seconds": round(seconds, 2), "mb": round(len(pdf) / 2 ** 20, 1),
                          "invoices_per_s": round(len(ids) / seconds, 1)}), flush=True)


def _cpu() -> float:
    """CPU seconds of this process and its finished children: on a machine shared with
    other work the wall time says less than what the PDFs cost."""
    me, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _docs(engine, ids):
    from core.db import unit_of_work

    with unit_of_work(engine, write=False) as s:
        return invoice.docs_in(s, ids)


if __name__ == "__main__":
    main()
