"""roundsman-admin on SQLite and PostgreSQL: each command, its output and its exit code."""

import io
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from core import cli, schema
from core.db import make_engine
from core.services import cashup, customers, deliveries
from tests.integration.dispatch_day import make_day


def run(capsys, db_url, *args, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["--db", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_db_check_passes_every_invariant(db_url, capsys):
    code, out, _ = run(capsys, db_url, "demo", "--customers", "30", "--days", "10")
    assert code == 0 and "30 customers" in out
    code, out, _ = run(capsys, db_url, "db", "check")
    assert code == 0
    assert "ok    customer search index matches the customers" in out
    assert out.strip().endswith("checks, 0 failed")


def test_db_check_names_the_broken_rows_and_exits_1(db_url, engine, capsys):
    run(capsys, db_url, "demo", "--customers", "10", "--days", "5")
    with engine.begin() as conn:
        conn.execute(text("UPDATE customer SET search_text = 'tampered' WHERE code = 'C000003'"))
        conn.execute(text("UPDATE customer SET credit_limit = -100 WHERE code = 'C000007'"))
    code, out, _ = run(capsys, db_url, "db", "check")
    assert code == 1
    assert "FAIL  customer search index matches the customers" in out
    assert "customer C000003" in out and "customer C000007" in out
    assert "FAIL  credit limits are not negative\n        customer C000007\n" in out


def test_db_current_and_upgrade_report_the_revision(db_url, capsys):
    code, out, _ = run(capsys, db_url, "db", "current")
    assert code == 0 and out.startswith(schema.head())
    code, out, _ = run(capsys, db_url, "db", "upgrade")
    assert code == 0 and f"to {schema.head()}" in out


def test_db_upgrade_creates_the_schema_in_an_empty_sqlite_file(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    code, out, _ = run(capsys, url, "db", "upgrade")
    assert code == 0 and "from empty" in out
    assert schema.current(make_engine(url)) == schema.head()


def test_user_add_reads_the_password_from_stdin(db_url, capsys, monkeypatch):
    code, out, _ = run(capsys, db_url, "user", "add", "mei", "--role", "clerk", "--role",
                       "manager", stdin="a-good-password\n", monkeypatch=monkeypatch)
    assert code == 0 and "clerk, manager" in out
    from core.services import auth

    assert auth.login(make_engine(db_url), "mei", "a-good-password").roles == {"clerk", "manager"}


def test_user_add_with_a_short_password_exits_2_with_one_line(db_url, capsys, monkeypatch):
    code, out, err = run(capsys, db_url, "user", "add", "mei", "--role", "clerk",
                         stdin="short\n", monkeypatch=monkeypatch)
    assert code == 2 and err.count("\n") == 1 and "at least 8 characters" in err


CUSTOMERS = ("code,name,phone,address,area,credit_limit,lat,lon\n"
             "A001,王大明,0912345678,台中市西區民生路1號,西區,50000,24.14,120.67\n"
             "A002,好味道小吃店,04-2323-5678,台中市北區三民路2號,北區,0,,\n")


def test_import_customers_is_idempotent(db_url, tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    assert run(capsys, db_url, "import", "customers", str(path))[1].strip() == \
        "customers: 2 created, 0 updated, 0 unchanged"
    assert run(capsys, db_url, "import", "customers", str(path))[1].strip() == \
        "customers: 0 created, 0 updated, 2 unchanged"


def test_a_bad_import_lists_every_bad_line_exits_2_and_imports_nothing(db_url, tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS + "A003,,0912345679,x,y,0\nA004,陳,12,x,y,1.5\n", encoding="utf-8")
    code, out, err = run(capsys, db_url, "import", "customers", str(path))
    assert code == 2
    assert "line 4: name:" in err and "line 5: phone:" in err and "line 5: credit_limit:" in err
    assert "2 bad rows; nothing was imported" in err
    assert customers.get_by_code(make_engine(db_url), "A001") is None


def test_import_products_from_csv(db_url, tmp_path, capsys):
    path = tmp_path / "products.csv"
    path.write_text("sku,name_zh,name_en,unit,price,deposit\n"
                    "LPG-20,液化石油氣 20公斤,LPG 20 kg,cylinder,900,1800\n", encoding="utf-8")
    code, out, _ = run(capsys, db_url, "import", "products", str(path))
    assert (code, out.strip()) == (0, "products: 1 created, 0 updated, 0 unchanged")


def test_customer_show_prints_json_and_exits_1_for_an_unknown_code(db_url, tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    run(capsys, db_url, "import", "customers", str(path))
    code, out, _ = run(capsys, db_url, "customer", "show", "a001", "--json")
    record = json.loads(out)
    assert code == 0
    assert record["name"] == "王大明" and record["phone"] == "+886912345678"
    assert record["credit_limit"] == "50000"  # TWD: no decimals
    code, out, err = run(capsys, db_url, "customer", "show", "NOPE", "--json")
    assert (code, out) == (1, "") and "no customer with code NOPE" in err


def test_a_database_that_is_not_upgraded_is_refused(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    code, _, err = run(capsys, url, "customer", "show", "A1")
    assert code == 2 and "db upgrade" in err


def test_the_roundsman_admin_entry_point_runs(tmp_path):
    env = dict(os.environ, ROUNDSMAN_DATA_DIR=str(tmp_path), ROUNDSMAN_CONFIG_DIR=str(tmp_path))
    done = subprocess.run(["roundsman-admin", "db", "upgrade"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "roundsman.sqlite3").exists()


def test_billing_and_invoice_pdfs_refuse_a_period_that_is_not_yyyy_mm_with_one_line(
        db_url, tmp_path, capsys):
    run(capsys, db_url, "demo", "--customers", "5", "--days", "0")
    for bad in ("2026-012", "2026-1", "26-12", "2026-13", " 2026-12 "):
        for command in (("billing", "run"), ("invoices", "pdf", "--out", str(tmp_path / "pdf"))):
            code, out, err = run(capsys, db_url, *command, "--period", bad)
            assert (code, out) == (2, ""), command
            assert err == f"roundsman-admin: “{bad}” is not a month; write it as YYYY-MM, " \
                          "e.g. 2026-11.\n"
    assert not (tmp_path / "pdf").exists()
    code, out, _ = run(capsys, db_url, "invoices", "pdf", "--period", "2026-11", "--out",
                       str(tmp_path / "pdf"), "--json")
    assert code == 0 and json.loads(out)["invoices"] == 0


def test_billing_a_month_that_has_not_ended_needs_before_month_end_unless_one_customer(
        db_url, capsys):
    from datetime import date

    run(capsys, db_url, "demo", "--customers", "5", "--days", "0")
    month = date.today().strftime("%Y-%m")
    code, out, err = run(capsys, db_url, "billing", "run", "--period", month)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"roundsman-admin: {month} has not ended yet (its last day is ")
    assert err.rstrip().endswith("give --before-month-end.")
    code, out, _ = run(capsys, db_url, "billing", "run", "--period", month, "--customer",
                       "C000001")
    assert code == 0 and out.startswith(f"billing {month}: ")
    code, out, _ = run(capsys, db_url, "billing", "run", "--period", month,
                       "--before-month-end", "--json")
    assert code == 0 and "invoices" in json.loads(out)


def test_cash_book_prints_the_days_routes_count_variance_and_closing(db_url, engine, seeded,
                                                                     capsys):
    day = make_day(engine, seeded)
    manager, clerk = seeded["manager"].actor, seeded["clerk"].actor
    code, out, err = run(capsys, db_url, "cash-book", "--date", day.day.isoformat(), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"date": day.day.isoformat(), "routes": 2, "expected": "0",
                               "counted": "0", "variance": "0", "closing": "0"}
    # Two cash stops (945 and 2,835) on ABC-1234, counted 80 short; a float of 1,000.
    for code_ in ("C001", "C002", "C004"):
        o = day.orders[code_]
        deliveries.confirm(engine, clerk, deliveries.DeliveryInput(
            o.id, f"stop-{code_}", "delivered",
            cash_collected=o.total if o.payment == "cash" else 0))
    cashup.add_entry(engine, clerk, day=day.day, kind="float", amount="1000")
    cashup.settle(engine, manager, cashup.Count(day.route_of("ABC-1234").id, "count-1",
                                                cash="3700", reason="找零短少"))
    code, out, _ = run(capsys, db_url, "cash-book", "--date", day.day.isoformat(), "--json")
    assert out.count("\n") == 1
    assert json.loads(out) == {"date": day.day.isoformat(), "routes": 2, "expected": "3780",
                               "counted": "3700", "variance": "-80", "closing": "4700"}
    code, out, _ = run(capsys, db_url, "cash-book", "--date", day.day.isoformat())
    assert code == 0 and out == (
        f"cash book {day.day.isoformat()}: 2 routes, 1 settled; expected 3780, counted 3700, "
        "variance -80; opening 0, closing 4700 (not closed)\n")


def test_cash_book_refuses_a_date_that_is_not_one_with_one_line(db_url, capsys):
    run(capsys, db_url, "db", "upgrade")
    for bad in ("2026-13-01", "2026/12/01", "tomorrow", ""):
        code, out, err = run(capsys, db_url, "cash-book", "--date", bad, "--json")
        assert (code, out) == (2, ""), bad
        assert err == f"roundsman-admin: “{bad}” is not a date (YYYY-MM-DD).\n"
    with pytest.raises(SystemExit) as missing:
        run(capsys, db_url, "cash-book", "--json")
    out, err = capsys.readouterr()
    assert (missing.value.code, out) == (2, "") and err.count("\n") == 1 and "--date" in err
