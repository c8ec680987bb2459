"""`roundsman-admin stock margin --month YYYY-MM [--json]` on SQLite and PostgreSQL: one
JSON line per size with what ``stock.margin`` says (money in the currency's decimals, as
text), last month by default, a bad month refused; the same lines through the office
server; and ``stock --at DATE --json`` unchanged beside it."""

from __future__ import annotations

import json
from datetime import date, timedelta

from core import cli
from core.services import stock
from core.services.stock import Line
from tests.integration.test_stock import DAY, deliver, depot_of, route  # noqa: F401 - fixture

MONTH = DAY.strftime("%Y-%m")


def bought_and_sold(engine, seeded, route):  # noqa: F811 - the fixture's value
    """8 LPG-20 bought at 31.5 per kg; the route's 3 orders of 2 LPG-20 (900 each)
    delivered."""
    clerk, lpg20 = seeded["clerk"].actor, route["lpg20"]
    stock.load(engine, clerk, route_id=route["route_id"], request_key="load-1",
               lines=(Line(lpg20.id, 6),))
    for n, o in enumerate(route["orders"]):
        deliver(engine, clerk, o, f"d-{n}", empties=2)
    stock.purchase(engine, clerk, request_key="b-1", day=DAY, depot_id=depot_of(engine).id,
                   lines=(Line(lpg20.id, 8, cost_per_kg="31.5"),))


EXPECTED = {"month": MONTH, "sku": "LPG-20", "weight_kg": "20", "purchased": 8,
            "purchased_kg": "160", "cost": "5040", "cost_per_kg": "31.5000", "sold": "6",
            "sold_kg": "120", "sales": "5400", "sales_per_kg": "45.0000", "margin": "1620"}


def test_margin_json_prints_one_line_per_size(db_url, engine, seeded, route,  # noqa: F811
                                              capsys):
    bought_and_sold(engine, seeded, route)
    code = cli.main(["--db", db_url, "stock", "margin", "--month", MONTH, "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert [json.loads(x) for x in out.splitlines()] == [EXPECTED]
    row = stock.margin(engine, month=MONTH)[0]
    assert EXPECTED["margin"] == format(row.margin, "f")

    code = cli.main(["--db", db_url, "stock", "margin", "--month", MONTH])
    out, _ = capsys.readouterr()
    assert code == 0 and "LPG-20" in out and "5040" in out and "1620" in out

    code = cli.main(["--db", db_url, "stock", "margin", "--json"])  # last month: nothing
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "", "")

    code = cli.main(["--db", db_url, "stock", "margin", "--month", "2026-13"])
    _, err = capsys.readouterr()
    assert code == 2 and "is not a month (YYYY-MM)" in err

    # the stock itself, as before
    code = cli.main(["--db", db_url, "stock", "--at", DAY.isoformat(), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert {"location": "Depot", "kind": "depot", "sku": "LPG-20", "full": 24 + 8,
            "empty": 0} in [json.loads(x) for x in out.splitlines()]


def test_a_month_with_nothing_prints_nothing(db_url, engine, seeded, capsys):
    code = cli.main(["--db", db_url, "stock", "margin", "--month", "2020-02", "--json"])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "", "")


def test_margin_through_the_office_server_prints_the_same_lines(
        server, engine, seeded, route, tmp_path):  # noqa: F811
    from tests.integration.test_server import admin_cli

    bought_and_sold(engine, seeded, route)
    shown = admin_cli(server, "stock", "margin", "--month", MONTH, "--json",
                      config=tmp_path / "config")
    assert shown.returncode == 0, shown.stderr
    assert [json.loads(x) for x in shown.stdout.splitlines()] == [EXPECTED]
    refused = admin_cli(server, "stock", "margin", "--month", "May", config=tmp_path / "config")
    assert refused.returncode == 2 and "is not a month" in refused.stderr


def test_the_month_by_default_is_last_month():
    first = date.today().replace(day=1)
    assert cli._last_month() == (first - timedelta(days=1)).strftime("%Y-%m")
