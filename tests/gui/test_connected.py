"""Two workstations connected to one office server (pytest-qt, SQLite and PostgreSQL):
what one does, the other's windows show at once; a workstation that loses the server says
so, keeps what is typed, and catches up when the server is back."""

from __future__ import annotations

from datetime import date

import pytest

from core.config import LocalSettings
from core.services import settings, users
from core.services.actor import SYSTEM
from desktop.context import AppContext
from desktop.live import Link
from desktop.windows.credit.view import CreditWindow
from desktop.windows.dispatch.view import DispatchWindow
from desktop.windows.main_window import MainWindow
from desktop.windows.orders.search import OrderSearchWindow
from tests.gui.records import settle
from tests.integration.shop import line, make_customer, make_products, order_for

WAIT_MS = 15_000


@pytest.fixture
def desktop(server, engine, seeded):
    """``desktop(user)``: a workstation logged in to the server as ``user``, live."""
    users.create_user(engine, SYSTEM, username="office", password="office-pass-1",
                      roles=["manager", "dispatcher", "clerk"], full_name="Office")
    links = []

    def make(user: str) -> tuple[AppContext, Link]:
        conn = server.connect(user)
        ctx = AppContext(api=conn, actor=conn.actor, local=LocalSettings(language="en"),
                         company=conn.settings.get_company(), database=server.url)
        link = Link(conn, ctx.events)
        link.start()
        links.append(link)
        return ctx, link
    yield make
    for link in links:
        link.stop()


def show(qtbot, window):
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot)
    return window


@pytest.fixture
def shop(engine, seeded):
    manager = seeded["manager"].actor
    return make_products(engine, manager), make_customer(engine, manager, "LIN", 100_000,
                                                          name="林記小吃")


def test_what_one_workstation_does_the_other_shows_at_once(qtbot, desktop, engine, shop):
    products, lin = shop
    day = settings.get_company(engine).next_working_day(date.today())
    counter, _ = desktop("clerk")
    office, _ = desktop("office")
    assert counter.engine is None and office.engine is None  # no database on either
    search = show(qtbot, OrderSearchWindow(office))
    board = show(qtbot, DispatchWindow(office))
    credit = show(qtbot, CreditWindow(office))
    credit.search_box.setText("LIN")
    qtbot.waitUntil(lambda: credit.model.rowCount() == 1, timeout=WAIT_MS)
    credit.table.setCurrentIndex(credit.model.index(0, 0))
    qtbot.waitUntil(lambda: credit.details is not None, timeout=WAIT_MS)
    assert credit.figures["balance"].text() == "NT$0"
    try:
        placed = counter.api.orders.place(
            data=order_for(lin, line(products.lpg20, 2), delivery_date=day),
            request_key="counter-1")
        qtbot.waitUntil(lambda: placed.number in {r.number for r in search.model.rows},
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: placed.id in board.unplanned.orders(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: credit.figures["open"].text() == counter.money(placed.total),
                        timeout=WAIT_MS)

        counter.api.payments.record(customer_id=lin.id, method="cash", amount="500")
        qtbot.waitUntil(lambda: credit.figures["balance"].text() == "-NT$500",
                        timeout=WAIT_MS)
        assert credit.search_box.text() == "LIN"  # what the user typed stays
    finally:
        board.runner.shutdown()


def test_a_revoked_session_is_told_at_once_and_not_as_a_lost_server(
        qtbot, desktop, server, seeded):
    from desktop import dialogs

    clerk, link = desktop("clerk")
    window = MainWindow(clerk, link=link)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    reachable = []
    link.reachable.connect(reachable.append)
    server.connect("admin").call("users.reset_password", user_id=seeded["clerk"].id,
                                 new_password="clerk-pass-2")  # ends the clerk's sessions
    qtbot.waitUntil(lambda: any(title == "Log in again" for _, title, _ in dialogs.shown),
                    timeout=WAIT_MS)
    assert False not in reachable and window.status_link.isHidden()
    window.close()


def test_a_lost_server_is_said_and_the_windows_catch_up_when_it_is_back(
        qtbot, server, desktop, engine, shop):
    products, lin = shop
    office, link = desktop("office")
    window = MainWindow(office, link=link)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    credit = window.open("credit")
    credit.search_box.setText("林記")
    qtbot.waitUntil(lambda: credit.model.rowCount() == 1, timeout=WAIT_MS)
    assert window.status_link.isHidden()

    server.kill()
    qtbot.waitUntil(lambda: window.status_link.isVisible(), timeout=WAIT_MS * 3)
    assert window.status_link.text() == "Server unreachable — retrying"
    # Meanwhile a change the workstation cannot be told of: made on the database itself.
    make_customer(engine, SYSTEM, "LIN2", 5_000, name="林記二號店")
    server.start()
    qtbot.waitUntil(lambda: window.status_link.isHidden(), timeout=WAIT_MS * 3)
    qtbot.waitUntil(lambda: credit.model.rowCount() == 2, timeout=WAIT_MS)
    assert credit.search_box.text() == "林記"
    window.close()


def test_the_first_start_connected_shows_the_fingerprint_pins_it_and_logs_in(
        qtbot, server, desktop, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QDialog

    from core.server.client import Connection
    from core.server.tls import normalise_fingerprint
    from desktop import app, dialogs
    from desktop.windows.connect import ConnectDialog, grouped
    from desktop.windows.login import LoginDialog

    seen, started = [], []

    def run_dialog(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        seen.append(type(dialog).__name__)
        if isinstance(dialog, ConnectDialog):
            dialog.connect_button.click()
            qtbot.waitUntil(lambda: dialog.fingerprint != "", timeout=WAIT_MS)
            assert dialog.shown.text() == grouped(server.fingerprint)
            dialog.connect_button.click()  # compared: trusted
        else:
            assert isinstance(dialog, LoginDialog) and server.url in dialog.subtitle.text()
            dialog.username.setText("office")
            dialog.password.setText("office-pass-1")
            dialog.login_button.click()
            qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted
                            or dialog.message.isVisible(), timeout=WAIT_MS)
            assert dialog.message.isHidden(), dialog.message.text()
        return dialog.result()

    monkeypatch.setenv("ROUNDSMAN_CONFIG_DIR", str(tmp_path / "config"))
    LocalSettings(server_url="https://old-server:8443", server_fingerprint="AB" * 32).save()
    monkeypatch.setattr(dialogs, "run_dialog", run_dialog)
    monkeypatch.setattr(app, "run_main_window", lambda _app, ctx, link: started.append(
        (ctx, link)) or 0)
    assert app.main(["--server", server.url, "--language", "en"]) == 0
    assert seen == ["ConnectDialog", "LoginDialog"]
    [(ctx, link)] = started
    assert ctx.engine is None and isinstance(ctx.api, Connection)
    assert ctx.actor.username == "office" and ctx.api.token is None  # logged out at the end
    local = LocalSettings.load()
    assert (local.server_url, local.server_fingerprint) == (
        server.url, normalise_fingerprint(server.fingerprint))
    seen.clear()  # the next start knows the server: straight to the log-in
    assert app.main([]) == 0 and seen == ["LoginDialog"]


def test_a_workstation_that_opened_postgresql_is_asked_for_the_server(qtbot, monkeypatch,
                                                                        answers, tmp_path):
    from desktop import app, dialogs
    from desktop.windows.connect import ConnectDialog

    monkeypatch.setenv("ROUNDSMAN_CONFIG_DIR", str(tmp_path / "config"))
    LocalSettings(language="en", database_url="postgresql://office@dbserver/roundsman").save()
    offered = []
    monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: offered.append(
        type(dialog)) or 0)
    assert app.main([]) == 0
    assert offered == [ConnectDialog]
    assert "no longer opens the office's PostgreSQL database" in dialogs.shown[-1][2]


@pytest.fixture
def held_invoices(engine):
    """``hold()``: no invoice can be written until ``release()`` (a lock held by another
    transaction), so a billing run stays running as long as a test needs."""
    from sqlalchemy import text

    conn = engine.execution_options(roundsman_write=True).connect()

    class Hold:
        def hold(self) -> None:
            conn.begin()
            if engine.dialect.name == "postgresql":
                conn.execute(text("LOCK TABLE invoice IN EXCLUSIVE MODE"))

        def release(self) -> None:
            conn.rollback()
    yield Hold()
    conn.close()


def test_a_billing_run_still_going_is_found_by_a_window_opened_later(
        qtbot, server, desktop, engine, seeded, held_invoices):
    import threading

    from desktop.windows.billing.view import BillingWindow
    from tests.integration.invoicing import DAY, PERIOD, billable, next_month
    from tests.integration.shop import failed_checks

    billable(engine, seeded, 3)
    started, _ = desktop("manager")  # the workstation whose window was closed
    later, _ = desktop("manager")  # (logged in first: a log-in writes its session)
    held_invoices.hold()
    run = threading.Thread(target=lambda: started.api.billing.run(
        period=PERIOD, today=next_month(DAY), progress=lambda done, total: None))
    run.start()
    try:
        qtbot.waitUntil(lambda: started.api.running_job("billing.run") is not None,
                        timeout=WAIT_MS)
        window = BillingWindow(later)  # (not settled: the run it finds goes on)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.running, timeout=WAIT_MS)
        assert window.cancel_button.isVisible() and not window.month.isEnabled()
    finally:
        held_invoices.release()
    qtbot.waitUntil(lambda: not window.running, timeout=WAIT_MS * 2)
    assert window.run_summary.text().startswith("3 invoice(s) written")
    run.join()
    assert failed_checks(engine) == {}


def test_a_plan_still_running_on_the_server_is_found_by_a_dispatch_window_opened_later(
        qtbot, server, desktop, engine, seeded):
    import threading

    from tests.integration.dispatch_day import make_day

    day = settings.get_company(engine).next_working_day(date.today())
    make_day(engine, seeded, day, confirm=False)
    started, _ = desktop("dispatcher")
    later, _ = desktop("dispatcher")
    planned = []
    run = threading.Thread(target=lambda: planned.append(started.api.dispatch.plan(
        day=day, seconds=4, progress=lambda fraction: None)))
    run.start()
    qtbot.waitUntil(lambda: started.api.running_job("dispatch.plan") is not None,
                    timeout=WAIT_MS)
    window = DispatchWindow(later)  # (not settled: the plan it finds goes on)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.runner.running and window.stop_button.isVisible(),
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not window.runner.running, timeout=WAIT_MS * 2)
        run.join()
        settle(qtbot)
        assert window.progress.isHidden()
        assert {r.id for r in window.board.routes} == {r.id for r in planned[0].board.routes}
    finally:
        window.runner.shutdown()
