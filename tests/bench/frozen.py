"""Benchmark: the frozen build's size and its start to the log-in window.

    python -m tests.bench.frozen [--bundle dist/roundsman] [--runs 5]

Copies the bundle (``installer/build`` writes it) to a new folder, fills a demo database
there with the frozen ``roundsman-admin``, then starts the frozen ``roundsman`` (offscreen
Qt) until its log says the log-in window is shown: timed from the process's start.  The
first start after the copy is "cold" (when the machine lets this process drop the page
cache, it does so first, and says so); the next ``--runs`` are warm.  The same from the
source tree (``python -m desktop.app``) for comparison.  Prints one JSON line each.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.common import summary

ROOT = Path(__file__).resolve().parents[2]
SHOWN = "log-in window shown"


def size(folder: Path) -> tuple[int, int]:
    """Bytes and files of ``folder`` (a symbolic link counted once, as a link)."""
    files = [f for f in folder.rglob("*") if f.is_file() and not f.is_symlink()]
    return sum(f.stat().st_size for f in files), len(files)


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start_to_login(command: list[str], env: dict, log: Path) -> float:
    """Seconds from starting ``command`` until its log says the log-in window is shown."""
    before = log.read_text(encoding="utf-8").count(SHOWN) if log.exists() else 0
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        while True:
            if log.exists() and log.read_text(encoding="utf-8").count(SHOWN) > before:
                return time.perf_counter() - started
            if child.poll() is not None or time.perf_counter() - started > 120:
                raise RuntimeError(f"{command[0]} ended or hung before its log-in window")
            time.sleep(0.005)
    finally:
        child.kill()
        child.wait()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--bundle", type=Path, default=ROOT / "dist" / "roundsman")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    total, files = size(args.bundle)
    print(json.dumps({"bench": "frozen_bundle_size", "mib": round(total / 2**20, 1),
                      "files": files, "internal_mib": round(size(
                          args.bundle / "_internal")[0] / 2**20, 1)}))
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        installed = work / "Roundsman"
        shutil.copytree(args.bundle, installed, symlinks=True)
        env = {"PATH": "/nonexistent", "HOME": str(work), "LANG": "C.UTF-8",
               "QT_QPA_PLATFORM": "offscreen", "ROUNDSMAN_DATA_DIR": str(work / "data"),
               "ROUNDSMAN_CONFIG_DIR": str(work / "config")}
        subprocess.run([str(installed / "roundsman-admin"), "demo", "--customers", "200",
                        "--days", "30"], env=env, check=True, capture_output=True)
        log = work / "data" / "roundsman.log"
        frozen = [str(installed / "roundsman")]
        dropped = drop_caches()
        cold = start_to_login(frozen, env, log)
        warm = [start_to_login(frozen, env, log) * 1000 for _ in range(args.runs)]
        print(json.dumps({"bench": "frozen_start_to_login_window", "cold_ms": round(cold * 1000),
                          "page_cache_dropped": dropped, "warm": summary(warm)}))
        source_env = dict(os.environ, **{k: env[k] for k in (
            "QT_QPA_PLATFORM", "ROUNDSMAN_DATA_DIR", "ROUNDSMAN_CONFIG_DIR")})
        source = [sys.executable, "-m", "desktop.app"]
        ms = [start_to_login(source, source_env, log) * 1000 for _ in range(args.runs)]
        print(json.dumps({"bench": "source_start_to_login_window", "warm": summary(ms)}))


if __name__ == "__main__":
    main()
