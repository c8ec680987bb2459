"""The office server over HTTPS on loopback, on SQLite and PostgreSQL: sessions, roles,
pinning, races and change sets, through the same client the workstations use."""

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import msgspec
import pytest
from sqlalchemy import select

from core.api import registry
from core.db import unit_of_work
from core.errors import DomainError, NotFound, PermissionDenied, SessionEnded
from core.models import Invoice, Order
from core.services import cashup, users
from core.services.orders import CreditRefused
from tests.integration.invoicing import DAY, PERIOD, billable, next_month
from tests.integration.shop import (LPG20_TOTAL, failed_checks, line, make_customer,
                                    make_products, order_for)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def test_a_clerk_logs_in_calls_and_logs_out(server, engine, seeded, shop):
    clerk = server.connect("clerk")
    assert clerk.actor.roles == {"clerk"} and clerk.actor.user_id == seeded["clerk"].id
    lin = make_customer(engine, seeded["manager"].actor, "LIN", 100_000, name="林記小吃")
    assert [r.code for r in clerk.call("customers.search", query="林記")] == ["LIN"]
    placed, changed = clerk.call_with_changes(
        "orders.place", data=order_for(lin, line(shop.lpg20, 2)), request_key="k-1")
    assert placed.total == LPG20_TOTAL * 2 and changed.touches("orders", placed.id)
    assert clerk.call("credit.summary", customer_id=lin.id).open_orders == LPG20_TOTAL * 2
    clerk.logout()
    with pytest.raises(SessionEnded):
        clerk.call("customers.search", query="林記")


@pytest.mark.parametrize("token", ["forged", "", "Bearer", "a" * 43])
def test_a_forged_token_is_refused(server, seeded, token):
    conn = server.connect()
    conn.token = token or None
    with pytest.raises(SessionEnded):
        conn.call("customers.search", query="林")


def test_a_revoked_token_is_refused(server, engine, seeded):
    clerk = server.connect("clerk")
    users.reset_password(engine, seeded["admin"].actor, user_id=seeded["clerk"].id,
                         new_password="clerk-pass-2")
    with pytest.raises(SessionEnded):
        clerk.call("customers.search", query="林")


def test_a_clerks_token_is_refused_every_operation_above_a_clerk(server, seeded):
    clerk = server.connect("clerk")
    above = [op for op in registry.OPERATIONS if op.role and not clerk.actor.can(op.role)]
    assert len(above) >= 20
    for op in above:  # refused before its arguments are even read
        with pytest.raises(PermissionDenied):
            clerk._post(f"/api/call/{op.name}", b"{}")


def test_another_api_version_is_refused_at_login_naming_the_one_to_install(server, seeded,
                                                                           monkeypatch):
    monkeypatch.setattr(registry, "API_VERSION", "0-old")
    with pytest.raises(DomainError, match=registry.release()):
        server.connect("clerk")


def test_sixteen_parallel_wrong_passwords_check_at_most_five(server, engine, seeded):
    def guess(n):
        try:
            server.connect("clerk", f"wrong-{n}")
        except DomainError as exc:
            return type(exc).__name__
    with ThreadPoolExecutor(16) as pool:
        outcomes = list(pool.map(guess, range(16)))
    assert outcomes.count("AuthenticationFailed") <= 5
    assert set(outcomes) <= {"AuthenticationFailed", "AccountLocked"}
    with pytest.raises(DomainError, match="locked"):
        server.connect("clerk")  # the right password, now too late


def test_eight_clients_racing_orders_for_one_customer_never_pass_its_limit(server, engine,
                                                                           seeded, shop):
    lin = make_customer(engine, seeded["manager"].actor, "LIN", LPG20_TOTAL * 5)

    def client(n):
        conn = server.connect("clerk")
        out = []
        for k in range(3):
            try:
                conn.call("orders.place", data=order_for(lin, line(shop.lpg20, 1)),
                          request_key=f"race-{n}-{k}")
                out.append("placed")
            except CreditRefused as exc:
                assert "over" in exc.message() or "limit" in exc.message()
                out.append("refused")
        return out

    with ThreadPoolExecutor(8) as pool:
        results = [r for rs in pool.map(client, range(8)) for r in rs]
    assert results.count("placed") == 5 and results.count("refused") == 19
    assert failed_checks(engine) == {}


def test_a_change_reaches_another_workstation_as_it_happens(server, engine, seeded, shop):
    lin = make_customer(engine, seeded["manager"].actor, "LIN", 100_000)
    watcher, clerk = server.connect("manager"), server.connect("clerk")
    got: queue.Queue = queue.Queue()

    def watch():
        for change in watcher.events():
            got.put(change)
            return

    threading.Thread(target=watch, daemon=True).start()
    time.sleep(0.5)  # the stream is open
    placed = clerk.call("orders.place", data=order_for(lin, line(shop.lpg20, 1)))
    change = got.get(timeout=10)
    assert change.touches("orders", placed.id) and change.touches("customers", lin.id)


def test_the_server_killed_in_a_burst_of_order_saves_loses_and_doubles_nothing(
        server, engine, seeded, shop):
    lin = make_customer(engine, seeded["manager"].actor, "LIN", 10_000_000)
    keys = [f"burst-{n}" for n in range(60)]

    def send(conn, key):
        return conn.call("orders.place", data=order_for(lin, line(shop.lpg20, 1)),
                         request_key=key)

    clerk = server.connect("clerk")
    sent: list[str] = []
    reached: list[bool] = []
    clerk.reachable = reached.append
    at_kill: list[int] = []

    def bounce() -> None:  # kill -9 mid-burst, back a second later
        server.kill()
        at_kill.append(len(sent))
        time.sleep(1.0)
        server.start()

    bouncer = threading.Thread(target=bounce)
    for key in keys:  # a request lost with the server is sent again, with its key
        if len(sent) == 20:
            bouncer.start()  # killed while the next saves are on their way
        send(clerk, key)
        sent.append(key)
    bouncer.join()
    assert 0 < at_kill[0] < len(keys) and reached == [False, True]
    with unit_of_work(engine, write=False) as s:
        numbers = s.scalars(select(Order.request_key).where(Order.customer_id == lin.id)).all()
    assert sorted(numbers) == sorted(keys)  # each once: nothing lost, nothing doubled
    assert failed_checks(engine) == {}


def admin_cli(server, *args, user="clerk", config=None, fingerprint=True, **kw):
    env = {**os.environ, "ROUNDSMAN_PASSWORD": f"{user}-pass-1"}
    if config:
        env["ROUNDSMAN_CONFIG_DIR"] = str(config)
    pin = ["--fingerprint", server.fingerprint.replace(":", "").lower()] if fingerprint else []
    return subprocess.run([sys.executable, "-m", "core.cli", "--server", server.url,
                           "--user", user, *pin, *args], env=env, capture_output=True,
                          text=True, timeout=120, **kw)


def test_roundsman_admin_runs_user_level_commands_through_the_server(server, engine, seeded,
                                                                     tmp_path):
    make_customer(engine, seeded["manager"].actor, "LIN", 5000, name="林記小吃")
    config = tmp_path / "config"
    unpinned = admin_cli(server, "customer", "show", "LIN", config=config, fingerprint=False)
    assert unpinned.returncode == 2 and server.fingerprint in unpinned.stderr
    shown = admin_cli(server, "customer", "show", "LIN", "--json", config=config)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["credit_limit"] == "5000"
    again = admin_cli(server, "customer", "show", "LIN", config=config, fingerprint=False)
    assert again.returncode == 0 and "林記小吃" in again.stdout  # the pin was remembered
    refused = admin_cli(server, "billing", "run", "--period", "2026-10", config=config)
    assert refused.returncode == 2 and "Manager" in refused.stderr  # the clerk's own roles
    assert admin_cli(server, "db", "check", config=config).returncode == 2
    as_other = admin_cli(server, "standing", "generate", "--through", "2026-12-31", "--as",
                         "manager", config=config)
    assert as_other.returncode == 2 and "--as" in as_other.stderr
    cashup.add_entry(engine, seeded["clerk"].actor, day=DAY, kind="float", amount="1500")
    book = admin_cli(server, "cash-book", "--date", DAY.isoformat(), "--json", config=config)
    assert book.returncode == 0, book.stderr
    assert json.loads(book.stdout) == {"date": DAY.isoformat(), "routes": 0, "expected": "0",
                                       "counted": "0", "variance": "0", "closing": "1500"}
    bad = admin_cli(server, "cash-book", "--date", "2026-02-30", config=config)
    assert (bad.returncode, bad.stdout) == (2, "") and bad.stderr.count("\n") == 1


def test_watch_prints_each_change_set_as_a_json_line(server, engine, seeded, shop, tmp_path):
    lin = make_customer(engine, seeded["manager"].actor, "LIN", 100_000)
    env = {**os.environ, "ROUNDSMAN_PASSWORD": "manager-pass-1",
           "ROUNDSMAN_CONFIG_DIR": str(tmp_path / "config")}
    watch = subprocess.Popen([sys.executable, "-m", "core.cli", "--server", server.url,
                              "--user", "manager", "--fingerprint", server.fingerprint,
                              "watch", "--json"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(3)  # logged in and listening
        placed = server.connect("clerk").call("orders.place",
                                              data=order_for(lin, line(shop.lpg20, 1)))
        while not (change := json.loads(watch.stdout.readline()))["orders"]:
            pass  # a log-in's change (the user's row) comes first
        assert change["orders"] == [placed.id] and lin.id in change["customers"]
    finally:
        watch.kill()
        watch.wait()


def test_a_billing_run_is_a_job_whose_progress_and_cancel_cross_to_the_workstation(
        server, engine, seeded):
    billable(engine, seeded, 40)
    manager = server.connect("manager")
    steps: list[tuple[int, int]] = []
    stopped = manager.call("billing.run", period=PERIOD, today=next_month(DAY),
                           cancelled=lambda: True)  # Cancel at once: sent as it starts
    assert stopped.cancelled and stopped.invoices < 40
    rest = manager.call("billing.run", period=PERIOD, today=next_month(DAY),
                        progress=lambda done, total: steps.append((done, total)))
    assert steps[-1] == (rest.invoices, rest.invoices)  # the steps as the server made them
    assert not rest.cancelled
    assert stopped.invoices + rest.invoices == 40  # none twice, none left out
    assert failed_checks(engine) == {}


def test_the_server_killed_in_a_billing_run_restarts_and_bills_each_customer_once(
        server, engine, seeded):
    billable(engine, seeded, 60)
    manager = server.connect("manager")
    killed: list[int] = []

    def kill_midway(done: int, total: int) -> None:
        if done >= 5 and not killed:
            server.kill()
            killed.append(done)
            threading.Timer(1.0, server.start).start()

    with pytest.raises(NotFound):  # the job died with the server: the workstation is told
        manager.call("billing.run", period=PERIOD, today=next_month(DAY),
                     progress=kill_midway)
    assert killed
    manager.call("billing.run", period=PERIOD, today=next_month(DAY),
                 progress=lambda done, total: None)  # run again, as the message says
    with unit_of_work(engine, write=False) as s:
        billed = s.scalars(select(Invoice.customer_id).where(Invoice.period == PERIOD)).all()
    assert len(billed) == len(set(billed)) == 60  # each customer once: none lost, none twice
    assert failed_checks(engine) == {}


def test_a_job_is_its_starters_alone(server, seeded):
    manager, other = server.connect("manager"), server.connect("admin")
    job = msgspec.json.decode(manager._post("/api/jobs/standing.generate", msgspec.json.encode(
        {"start": "2026-12-07", "end": "2026-12-07"})).content)
    with pytest.raises(NotFound):
        other._post(f"/api/jobs/{job['job']}/wait", b'{"after": 0}')
    with pytest.raises(NotFound):  # an operation that is no job
        manager._post("/api/jobs/customers.search", b'{"query": "x"}')
    with pytest.raises(PermissionDenied):  # a job is refused as its call is
        server.connect("clerk")._post("/api/jobs/billing.run", b'{"period": "2026-11"}')


def test_a_session_that_ends_ends_its_event_stream(server, seeded):
    clerk = server.connect("clerk")
    opened, ended = threading.Event(), threading.Event()

    def listen() -> None:
        for _change in clerk.events(opened.set):
            pass
        ended.set()  # the server closed the stream

    threading.Thread(target=listen, daemon=True).start()
    assert opened.wait(10)
    server.connect("admin").call("users.reset_password", user_id=seeded["clerk"].id,
                                 new_password="clerk-pass-2")  # revokes the clerk's sessions
    assert ended.wait(40)  # at once: the revocation changed users (else at a heartbeat)
    with pytest.raises(SessionEnded):
        next(clerk.events())


def test_a_stopping_server_ends_its_event_streams_and_drops_idle_connections(server):
    manager = server.connect("manager")  # logged in, its connection kept idle
    clerk = server.connect("clerk")
    opened, ended = threading.Event(), threading.Event()

    def listen() -> None:
        with contextlib.suppress(Exception):
            for _change in clerk.events(opened.set):
                pass
        ended.set()

    threading.Thread(target=listen, daemon=True).start()
    assert opened.wait(10)
    server.process.terminate()  # the workstation still connected
    server.process.wait(30)
    assert "graceful shutdown exceeded" not in server.process.stdout.read()
    assert ended.wait(10) and manager.token
