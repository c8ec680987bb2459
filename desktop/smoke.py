"""``roundsman --smoke-test``: prove that this installation works, end to end, unattended.

In a temporary folder (never the user's own files) it makes a fresh database filled with a
small demo company, logs in as the demo administrator through the real log-in window,
opens every window the administrator may open, plans the next working day's routes (the
planner's spawned child process included), and prints an invoice to a PDF file through
the real print path.  It prints one line per step and exits 0; on the first failure it
prints ``FAILED <step>: <reason>`` and exits 1.  An error any window shows counts as a
failure.  The same lines go to the log file of the temporary folder, which is kept after a
failure (its path is printed).

The frozen build is checked with it (tests/frozen), and support can ask a clerk to run it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

DEMO_CUSTOMERS, DEMO_DAYS = 40, 40  # 40 days: last month is billed, so invoices exist
PLAN_SECONDS = 3
WAIT_SECONDS = 180


class Failure(Exception):
    pass


class Smoke:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.errors: list[str] = []

    def say(self, line: str, *, err: bool = False) -> None:
        import logging

        logging.getLogger("roundsman.smoke").info(line)
        stream = sys.stderr if err else sys.stdout
        if stream is not None:  # a windowed program on Windows has neither
            print(line, file=stream, flush=True)

    def wait(self, app, done, what: str, seconds: float = WAIT_SECONDS) -> None:
        """Process events until ``done()``, an error is shown, or ``seconds`` pass."""
        deadline = time.monotonic() + seconds
        while not done():
            self.check()
            if time.monotonic() > deadline:
                raise Failure(f"{what} did not finish in {seconds:.0f} s")
            app.processEvents()
            time.sleep(0.005)
        self.check()

    def settle(self, app) -> None:
        from desktop import tasks

        self.wait(app, lambda: not tasks.pending(), "loading")
        for _ in range(5):
            app.processEvents()
        self.check()

    def check(self) -> None:
        """Fail on the first error a window showed (the dialogs seam records them)."""
        from desktop import dialogs

        shown = [f"{title}: {text}" for kind, title, text in dialogs.shown
                 if kind in ("warn", "error")]
        if shown or self.errors:
            raise Failure("; ".join(shown + self.errors))


def run() -> int:
    work = Path(tempfile.mkdtemp(prefix="roundsman-smoke-"))
    os.environ["ROUNDSMAN_DATA_DIR"] = str(work / "data")  # never the user's own files
    os.environ["ROUNDSMAN_CONFIG_DIR"] = str(work / "config")
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                 or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    smoke = Smoke(work)
    step = "start"
    try:
        from PySide6.QtWidgets import QApplication

        from desktop import app as desktop_app
        from desktop import dialogs

        app = QApplication.instance() or QApplication(sys.argv[:1])
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":  # its one harmless warning
            from PySide6.QtCore import qInstallMessageHandler

            qInstallMessageHandler(lambda _mode, _context, text: None
                                   if "propagateSizeHints" in text else print(text,
                                                                              file=sys.stderr))
        desktop_app.setup_logging()
        sys.excepthook = lambda kind, value, tb: smoke.errors.append(
            "".join(traceback.format_exception(kind, value, tb)))
        dialogs.answers = [True] * 1000  # every question answered yes, nothing blocks
        started = time.monotonic()
        for step, fn in (("translations and font", _language),
                         ("database", _database), ("log-in", _log_in),
                         ("windows", _windows), ("routes", _routes),
                         ("print", _print)):
            t0 = time.monotonic()
            detail = fn(smoke, app)
            smoke.say(f"ok {step}: {detail} ({time.monotonic() - t0:.1f} s)")
    except Exception as exc:  # noqa: BLE001 - every failure is reported, with its reason
        reason = str(exc) if isinstance(exc, Failure) else traceback.format_exc()
        smoke.say(f"FAILED {step}: {reason}", err=True)
        smoke.say(f"the smoke test's files are kept in {work}", err=True)
        return 1
    smoke.say(f"smoke test passed in {time.monotonic() - started:.1f} s")
    _close(smoke)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _language(smoke: Smoke, app) -> str:
    from PySide6.QtCore import QCoreApplication

    from desktop import i18n

    family = i18n.register_font()
    if not family:
        raise Failure("the shipped CJK font could not be registered")
    i18n.install("zh_TW")
    if QCoreApplication.translate("Navigation", "Order entry") == "Order entry":
        raise Failure("the zh-TW translation did not load")
    return f"zh-TW, font {family}"


def _database(smoke: Smoke, app) -> str:
    from core import demo, schema
    from desktop import app as desktop_app

    url = f"sqlite:///{smoke.work / 'smoke.sqlite3'}"
    engine = desktop_app.open_database(url)  # the app's own path: upgraded from empty
    if engine is None:
        raise Failure("the database could not be opened")
    result = demo.generate(engine, customers_count=DEMO_CUSTOMERS, days=DEMO_DAYS)
    smoke.engine, smoke.url = engine, url
    return f"schema {schema.current(engine)}, {result.customers} customers, " \
           f"{result.orders} orders"


def _log_in(smoke: Smoke, app) -> str:
    from core.config import LocalSettings
    from core.services import auth
    from desktop.windows.first_run import DEMO_PASSWORD, DEMO_USER
    from desktop.windows.login import LoginDialog

    engine = smoke.engine
    local = LocalSettings(language="zh_TW", last_user=DEMO_USER)
    login = LoginDialog(lambda username, password: auth.login(engine, username, password),
                        local)
    login.show()
    login.password.setText(DEMO_PASSWORD)
    login.login_button.click()
    smoke.wait(app, lambda: login.actor is not None, "the log-in")
    login.close()
    smoke.local, smoke.actor = local, login.actor
    return f"{login.actor.username}"


def _windows(smoke: Smoke, app) -> str:
    from core import db
    from core.services import settings
    from desktop.context import AppContext
    from desktop.windows import registry
    from desktop.windows.main_window import MainWindow

    ctx = AppContext(engine=smoke.engine, actor=smoke.actor, local=smoke.local,
                     company=settings.get_company(smoke.engine),
                     database=db.describe(smoke.url))
    window = smoke.window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    opened = []
    for entry in registry.ENTRIES:
        if not entry.allowed(smoke.actor):
            continue
        if not entry.available():
            raise Failure(f"the window {entry.key} is missing ({entry.module})")
        if window.open(entry.key) is None:
            raise Failure(f"the window {entry.key} did not open")
        smoke.settle(app)
        opened.append(entry.key)
    return f"{len(opened)} windows"


def _routes(smoke: Smoke, app) -> str:
    page = smoke.window.open("dispatch")
    smoke.settle(app)
    if page.board is not None and not page.board.unplanned:
        # Before the office opens the demo has taken no orders for the day yet (they are
        # phoned in the working day before): the smoke test takes a few calls itself.
        _take_calls(smoke, page.board.day)
        page.reload()
        smoke.wait(app, lambda: page.board is not None and page.board.unplanned,
                   "the dispatch board's refresh")
        smoke.settle(app)
    if page.board is None or not page.board.unplanned:
        raise Failure("the demo left no orders to plan")
    orders = len(page.board.unplanned)
    page.plan_seconds["quick"] = PLAN_SECONDS
    page.plan("quick")
    if not page.runner.running:
        raise Failure("the planner did not start")
    smoke.wait(app, lambda: not page.runner.running, "the route planner")
    smoke.settle(app)
    placed = sum(len(r.stops) for r in page.board.routes)
    if not placed:
        raise Failure(f"none of {orders} orders was placed on a route")
    return f"{placed} of {orders} orders on {len(page.board.routes)} routes, " \
           f"{page.board.day.isoformat()}"


def _take_calls(smoke: Smoke, day, calls: int = 8) -> None:
    """Orders of a 20 kg cylinder for ``day`` from the first customers who may order, placed
    as a clerk places them."""
    from sqlalchemy import select

    from core.db import unit_of_work
    from core.errors import DomainError
    from core.models import Customer, Product
    from core.services import orders

    with unit_of_work(smoke.engine, write=False) as s:
        gas = s.scalar(select(Product.id).where(Product.sku == "LPG-20"))
        customers = s.scalars(select(Customer.id).where(Customer.active)
                              .order_by(Customer.id)).all()
    taken = 0
    for customer_id in customers:
        try:
            orders.place(smoke.engine, smoke.actor, orders.OrderInput(
                customer_id, (orders.LineInput(gas, 1),), delivery_date=day),
                request_key=f"smoke-{day.isoformat()}-{customer_id}")
        except DomainError:  # over the credit limit, gas stopped …: the next caller
            continue
        taken += 1
        if taken == calls:
            return


def _print(smoke: Smoke, app) -> str:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    from desktop import dialogs

    page = smoke.window.open("billing")
    smoke.settle(app)
    if page.invoices.rowCount() == 0:
        raise Failure(f"no invoice of {page.period()} to print")
    page.invoices_table.selectRow(0)
    target = smoke.work / "invoice.pdf"
    showing = dialogs.run_dialog

    def choose_pdf(dialog):  # the print dialog, answered "print to this PDF file"
        if isinstance(dialog, QPrintDialog):
            printer = dialog.printer()
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(target))
            return QDialog.DialogCode.Accepted
        return showing(dialog)

    dialogs.run_dialog = choose_pdf
    try:
        page.print_invoice()
        smoke.wait(app, lambda: target.exists() and target.stat().st_size > 0, "printing")
        smoke.settle(app)
    finally:
        dialogs.run_dialog = showing
    data = target.read_bytes()
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
        raise Failure(f"the printed invoice {target} is not a whole PDF")
    return f"{page.current_invoice().number}, {len(data)} bytes"


def _close(smoke: Smoke) -> None:
    window = getattr(smoke, "window", None)
    if window is not None:
        window.hide()
        window.deleteLater()
    engine = getattr(smoke, "engine", None)
    if engine is not None:
        engine.dispose()
