"""Benchmark: from starting `roundsman` to the login window on screen.

    python -m tests.bench.startup [--runs 5]

Each run is a new Python process (offscreen Qt) on a demo database that
already exists, timed from process start until the login dialog is shown.
Target (issue #2): <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from core import demo, schema
from core.db import make_engine
from tests.bench.common import summary

CHILD = """
import sys
from PySide6.QtWidgets import QApplication
from desktop import app, dialogs

def shown(dialog):
    dialog.show()
    QApplication.processEvents()
    print("LOGIN-SHOWN", flush=True)
    return 0

dialogs.run_dialog = shown
sys.exit(app.main(["--db", sys.argv[1]]))
"""


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        url = f"sqlite:///{Path(d) / 'demo.sqlite3'}"
        engine = make_engine(url)
        schema.upgrade(engine)
        demo.generate(engine, customers_count=2000)
        engine.dispose()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ROUNDSMAN_DATA_DIR=d,
                   ROUNDSMAN_CONFIG_DIR=d)
        ms = []
        for _ in range(args.runs):
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", CHILD, url], env=env,
                                     stdout=subprocess.PIPE, text=True)
            for line in child.stdout:
                if line.startswith("LOGIN-SHOWN"):
                    ms.append((time.perf_counter() - start) * 1000)
                    break
            child.wait(timeout=60)
        print(json.dumps({"bench": "start_to_login_window", **summary(ms)}))


if __name__ == "__main__":
    main()
