"""roundsman-admin import orders and customer show --json, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from core import cli
from core.queries.orders import recent_for_customer
from tests.integration.shop import LPG20_TOTAL, counts, failed_checks, make_customer, make_products

TOMORROW = (date.today() + timedelta(days=1)).isoformat()
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
HEADER = "customer_code,delivery_date,sku,quantity,unit_price,ref\n"


@pytest.fixture
def shop(engine, seeded):
    manager = seeded["manager"].actor
    made = make_products(engine, manager)
    make_customer(engine, manager, "C1", 50_000, name="好味道小吃店")
    make_customer(engine, manager, "C2", 2_000, name="阿嬤的麵店")  # fits two 20 kg cylinders
    return made


def run(capsys, db_url, *args) -> tuple[int, str, str]:
    code = cli.main(["--db", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def import_orders(capsys, db_url, tmp_path, body: str, name="orders.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return run(capsys, db_url, "import", "orders", str(path), "--as", "clerk")


def show(capsys, db_url, code: str) -> dict:
    status, out, _ = run(capsys, db_url, "customer", "show", code, "--json")
    assert status == 0
    return json.loads(out)


def test_a_file_with_bad_rows_lists_every_one_by_line_exits_2_and_imports_nothing(
        engine, db_url, shop, tmp_path, capsys):
    body = (f"C1,{TOMORROW},LPG-20,2,,PO-1\n"        # line 2: good
            f"C404,{TOMORROW},LPG-20,1,,\n"          # 3: unknown customer
            f"C1,{TOMORROW},LPG-99,1,,\n"            # 4: unknown product
            f"C1,{TOMORROW},LPG-20,0,,\n"            # 5: zero
            f"C1,{YESTERDAY},LPG-20,1,,\n"           # 6: in the past
            f"C1,{TOMORROW},LPG-20,1,900.5,\n"       # 7: more decimals than TWD has
            f"C1,{TOMORROW},LPG-20,1.5,,\n"          # 8: half a cylinder
            f"C1,next week,LPG-20,1,,\n"             # 9: not a date
            f",{TOMORROW},LPG-20,1,,\n")             # 10: no customer
    code, out, err = import_orders(capsys, db_url, tmp_path, body)
    assert code == 2
    assert out == ""
    listed = [line.split(":")[0] for line in err.splitlines() if line.startswith("line ")]
    assert sorted(set(listed), key=lambda x: int(x.split()[1])) == \
        [f"line {n}" for n in range(3, 11)]
    assert "line 3: customer_code: No active customer has the code “C404”." in err
    assert "line 4: sku: No active product has the SKU “LPG-99”." in err
    assert "line 5: quantity: The quantity must be more than 0" in err
    assert f"line 6: delivery_date: The delivery date {YESTERDAY} is in the past." in err
    assert "line 7: unit_price: TWD amounts are whole numbers." in err
    assert "line 8: quantity: This product is counted in whole units." in err
    assert "line 9: delivery_date:" in err and "line 10: customer_code:" in err
    assert err.strip().endswith("8 bad rows; nothing was imported")
    assert counts(engine) == (0, 0, 0)


def test_rows_with_one_ref_make_one_order_and_rows_without_make_one_each(
        engine, db_url, shop, tmp_path, capsys):
    body = (f"C1,{TOMORROW},LPG-20,2,,PO-1\n"
            f"C1,{TOMORROW},SVC-INSPECT,1,,PO-1\n"
            f"C1,{TOMORROW},LPG-50,1,2000,\n"
            f"C2,{TOMORROW},LPG-20,1,,PO-1\n")  # the same ref is another customer's own
    code, out, err = import_orders(capsys, db_url, tmp_path, body)
    assert (code, err) == (0, "")
    assert out.strip() == "orders: 3 placed, 0 already imported, 0 refused"
    c1 = {o.external_ref: o for o in recent_for_customer(engine, 1, limit=10)}
    assert [(x.sku, x.quantity) for x in c1["PO-1"].lines] == [("LPG-20", 2),
                                                               ("SVC-INSPECT", 1)]
    assert c1["PO-1"].delivery_date.isoformat() == TOMORROW
    assert c1["PO-1"].created_by == "clerk"
    assert c1[None].lines[0].unit_price == Decimal(2000)  # within the clerk's tolerance
    assert counts(engine)[:2] == (3, 4)
    assert failed_checks(engine) == {}


def test_importing_the_same_file_twice_creates_nothing_new(engine, db_url, shop, tmp_path,
                                                           capsys):
    body = (f"C1,{TOMORROW},LPG-20,2,,PO-1\n"
            f"C1,{TOMORROW},LPG-50,1,,PO-2\n"
            f"C2,{TOMORROW},LPG-20,1,,A-77\n")
    code, out, _ = import_orders(capsys, db_url, tmp_path, body)
    assert code == 0 and "3 placed" in out
    before = (counts(engine), show(capsys, db_url, "C1"), show(capsys, db_url, "C2"))
    code, out, err = import_orders(capsys, db_url, tmp_path, body)
    assert (code, err) == (0, "")
    assert out.strip() == "orders: 0 placed, 3 already imported, 0 refused"
    assert (counts(engine), show(capsys, db_url, "C1"), show(capsys, db_url, "C2")) == before


def test_a_credit_refusal_exits_3_listing_its_rows_and_the_other_orders_are_placed(
        engine, db_url, shop, tmp_path, capsys):
    body = (f"C1,{TOMORROW},LPG-20,1,,PO-1\n"
            f"C2,{TOMORROW},LPG-20,1,,B-1\n"
            f"C2,{TOMORROW},LPG-20,2,,B-1\n"   # 3 cylinders on B-1: 2,835 of a 2,000 limit
            f"C2,{TOMORROW},LPG-20,1,,B-2\n")  # one cylinder still fits
    code, out, err = import_orders(capsys, db_url, tmp_path, body)
    assert code == 3
    assert out.strip() == "orders: 2 placed, 0 already imported, 1 refused"
    (refusal,) = err.strip().splitlines()
    assert refusal.startswith("line 3,4: C2 ref B-1: refused: This order would take 阿嬤的麵店 "
                              "over the credit limit. Limit NT$2,000;")
    assert {o.external_ref for o in recent_for_customer(engine, 2)} == {"B-2"}
    assert show(capsys, db_url, "C2")["open_exposure"] == str(LPG20_TOTAL)
    code, out, _ = import_orders(capsys, db_url, tmp_path, body)  # again: only B-1 is left
    assert code == 3 and out.strip() == "orders: 0 placed, 2 already imported, 1 refused"


def test_importing_orders_needs_an_active_user_who_may_enter_them(
        engine, db_url, shop, tmp_path, capsys):
    path = tmp_path / "orders.csv"
    path.write_text(HEADER + f"C1,{TOMORROW},LPG-20,1,,PO-1\n", encoding="utf-8")
    for argv, message in ((["--as", "nobody"], "No active user is called nobody."),
                          ([], "Importing orders needs --as USER"),
                          (["--as", "dispatcher"], "needs the Clerk role")):
        code, _, err = run(capsys, db_url, "import", "orders", str(path), *argv)
        assert code == 2 and message in err, err
    assert counts(engine) == (0, 0, 0)


def test_customer_show_json_has_the_credit_figures(engine, db_url, shop, tmp_path, capsys):
    record = show(capsys, db_url, "C2")
    assert {k: record[k] for k in ("code", "name", "credit_limit", "balance", "open_exposure",
                                   "available", "blocked")} == {
        "code": "C2", "name": "阿嬤的麵店", "credit_limit": "2000", "balance": "0",
        "open_exposure": "0", "available": "2000", "blocked": False}
    import_orders(capsys, db_url, tmp_path, f"C2,{TOMORROW},LPG-20,1,,B-1\n")
    record = show(capsys, db_url, "C2")
    assert (record["open_exposure"], record["available"]) == ("945", "1055")
    code, _, err = run(capsys, db_url, "customer", "show", "C404", "--json")
    assert code == 1 and "no customer with code C404" in err
