"""Imports given files that are not what they seem, on SQLite and PostgreSQL: a CSV with a
quote never closed, rows with required columns empty, an .xlsx formula that Excel never
calculated, a damaged or cut-off workbook.  A bad file is one clear line, a bad row is
listed with its line; nothing is imported until the file is clean."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from core import cli
from core.db import make_engine, unit_of_work
from core.models import Customer
from core.services import customers
from tests.integration.shop import counts, make_customer, make_products

HEADER = ["code", "name", "phone", "address", "area", "credit_limit"]
GOOD = ["A001", "王大明", "0912345678", "台中市西區民生路1號", "西區", "50000"]


def run(capsys, db_url, *args) -> tuple[int, str, str]:
    code = cli.main(["--db", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def workbook(path: Path, rows: list[list], saved: dict[str, str] | None = None) -> Path:
    """An .xlsx as openpyxl writes it (formulas without saved values); ``saved`` gives some
    formulas the value Excel would have saved with them."""
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    if saved:
        with zipfile.ZipFile(path) as z:
            members = {name: z.read(name) for name in z.namelist()}
        sheet = members["xl/worksheets/sheet1.xml"].decode()
        for formula, value in saved.items():  # <v /> or, openpyxl with lxml, <v></v>
            sheet = re.sub(rf"<f>{re.escape(formula)}</f>(<v ?/>|<v></v>)",
                           f"<f>{formula}</f><v>{value}</v>", sheet)
        members["xl/worksheets/sheet1.xml"] = sheet.encode()
        with zipfile.ZipFile(path, "w") as z:
            for name, data in members.items():
                z.writestr(name, data)
    return path


def imported(db_url) -> int:
    """How many customers the database holds."""
    engine = make_engine(db_url)
    try:
        with unit_of_work(engine, write=False) as s:
            return s.scalar(select(func.count()).select_from(Customer))
    finally:
        engine.dispose()


def test_a_csv_with_a_quote_never_closed_is_a_bad_file_and_nothing_is_imported(
        db_url, tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(GOOD) + "\n"
                    'A002,"好味道小吃店,04-2323-5678,台中市北區三民路2號,北區,0\n'
                    "A003,陳大同,0912000111,台中市南區,南區,0\n", encoding="utf-8")
    code, out, err = run(capsys, db_url, "import", "customers", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "not valid CSV" in err and "line 3" in err
    assert imported(db_url) == 0


def test_text_after_a_closing_quote_is_a_bad_file(db_url, tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(GOOD) + "\n"
                    'A002,"好味道"小吃店,0423235678,台中市北區,北區,0\n', encoding="utf-8")
    code, _, err = run(capsys, db_url, "import", "customers", str(path))
    assert code == 2 and "not valid CSV" in err and "line 3" in err
    assert imported(db_url) == 0


def test_a_row_with_required_columns_empty_is_a_bad_row_with_its_line(db_url, tmp_path, capsys):
    path = tmp_path / "customers.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(GOOD) + "\n"
                    "A002,好味道小吃店,,,,\n", encoding="utf-8")
    code, out, err = run(capsys, db_url, "import", "customers", str(path))
    assert (code, out) == (2, "")
    for column in ("phone", "address", "area", "credit_limit"):
        assert f"line 3: {column}: The {column} is required." in err
    assert "line 2" not in err and "1 bad rows; nothing was imported" in err
    assert imported(db_url) == 0


def test_a_formula_without_a_saved_value_is_refused_not_read_as_zero(db_url, tmp_path, capsys):
    path = workbook(tmp_path / "customers.xlsx", [
        HEADER, GOOD, ["A002", "好味道小吃店", "0423235678", "台中市北區三民路2號", "北區",
                       "=1000*1000"]])
    code, out, err = run(capsys, db_url, "import", "customers", str(path))
    assert (code, out) == (2, "")
    assert ("line 3: credit_limit: A formula without a saved value (=1000*1000); save the "
            "file in Excel first.") in err
    assert imported(db_url) == 0


def test_a_formula_with_its_saved_value_imports_that_value(db_url, tmp_path, capsys):
    path = workbook(tmp_path / "customers.xlsx", [
        HEADER, GOOD[:5] + ["=1000*50"]], saved={"1000*50": "50000"})
    code, out, err = run(capsys, db_url, "import", "customers", str(path))
    assert code == 0, err
    engine = make_engine(db_url)
    try:
        assert customers.get_by_code(engine, "A001").credit_limit == 50000
    finally:
        engine.dispose()


@pytest.mark.parametrize("damage", ["not a zip", "cut in half", "a sheet cut short"])
def test_a_damaged_or_cut_off_workbook_is_a_bad_file(db_url, tmp_path, capsys, damage):
    good = workbook(tmp_path / "good.xlsx", [HEADER, GOOD, ["A002", *GOOD[1:]]])
    path = tmp_path / "customers.xlsx"
    if damage == "not a zip":
        path.write_bytes(b"PK\x03\x04 this was never a workbook" * 10)
    elif damage == "cut in half":
        path.write_bytes(good.read_bytes()[:len(good.read_bytes()) // 2])
    else:
        with zipfile.ZipFile(good) as z, zipfile.ZipFile(path, "w") as out:
            for name in z.namelist():
                data = z.read(name)
                out.writestr(name, data[:len(data) * 2 // 3] if "worksheets" in name else data)
    code, out, err = run(capsys, db_url, "import", "customers", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "not a readable .xlsx workbook" in err
    assert imported(db_url) == 0


def test_an_order_file_with_a_formula_quantity_places_nothing(engine, db_url, seeded, tmp_path,
                                                                capsys):
    manager = seeded["manager"].actor
    make_products(engine, manager)
    make_customer(engine, manager, "C1", 50_000)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    path = workbook(tmp_path / "orders.xlsx", [
        ["customer_code", "delivery_date", "sku", "quantity"],
        ["C1", tomorrow, "LPG-20", 2],
        ["C1", tomorrow, "LPG-20", "=1+1"],
        ["C1", tomorrow, "", 1]])
    before = counts(engine)
    code, out, err = run(capsys, db_url, "import", "orders", str(path), "--as", "clerk")
    assert (code, out) == (2, "")
    assert "line 3: quantity: A formula without a saved value (=1+1)" in err
    assert "line 4: sku: The sku is required." in err
    assert "2 bad rows; nothing was imported" in err
    assert counts(engine) == before
