"""The import dialog: every bad row listed before anything is imported, then all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from core.queries import customers as customer_queries
from core.services import customers, products
from desktop import dialogs
from desktop.windows.imports.dialog import ImportDialog
from tests.gui.records import context, settle

HEADER = "code,name,phone,address,area,credit_limit\n"
GOOD = ("C100,王志明,0912-345-678,台中市西屯區中山路1號,西屯區,5000\n"
        "C101,志明麵店,04-2345-6789,台中市北區三民路2號,北區,20000\n")


def write_csv(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def open_dialog(qtbot, engine, kind: str, *roles: str) -> ImportDialog:
    ctx = context(engine, *roles)
    dialog = ImportDialog(ctx, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def load(qtbot, dialog: ImportDialog, path) -> None:
    dialog.load(path)
    settle(qtbot)
    assert dialog.preview is not None


def test_bad_rows_are_all_listed_with_their_lines_and_nothing_is_imported(
        qtbot, sqlite_engine, tmp_path, qtmodeltester, monkeypatch):
    path = write_csv(tmp_path / "customers.csv", HEADER
                     + "C100,王志明,0912-345-678,台中市西屯區中山路1號,西屯區,5000\n"
                     + "C101,李志明,12345,台中市北區三民路2號,北區,0\n"           # line 3: phone
                     + "C102,陳大文,0922-111-222,台中市南區復興路3號,南區,0\n"
                     + "C103,,0933-444-555,台中市東區建國路4號,東區,0\n")         # line 5: no name
    dialog = open_dialog(qtbot, sqlite_engine, "customers", "admin")
    monkeypatch.setattr(dialogs, "open_file", lambda parent, title, name_filter: str(path))
    dialog.choose_button.click()
    settle(qtbot)
    assert dialog.path.text() == str(path)
    problems = dialog.errors_model.rows
    assert [(e.line, e.column) for e in problems] == [(3, "phone"), (5, "name")]
    shown = [[dialog.errors_model.data(dialog.errors_model.index(r, c)) for c in range(3)]
             for r in range(2)]
    assert shown[0][:2] == ["3", "phone"] and "12345" in shown[0][2]
    assert shown[1] == ["5", "name", "The customer's name is required."]
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text().startswith("Rows with problems: 2.")
    assert dialog.tabs.currentWidget() is dialog.errors_table
    assert [r.line for r in dialog.rows_model.rows] == [2, 4]
    qtmodeltester.check(dialog.errors_model)
    qtmodeltester.check(dialog.rows_model)
    dialog.import_file()  # even if called, a bad file imports nothing
    settle(qtbot)
    assert customer_queries.search(sqlite_engine, "", include_inactive=True) == []


def test_a_clean_file_imports_and_importing_it_again_changes_nothing(
        qtbot, sqlite_engine, tmp_path):
    path = write_csv(tmp_path / "customers.csv", HEADER + GOOD)
    dialog = open_dialog(qtbot, sqlite_engine, "customers", "admin")
    events = []
    dialog.ctx.events.changed.connect(events.append)
    load(qtbot, dialog, path)
    assert dialog.errors_model.rows == []
    assert [dialog.rows_model.data(dialog.rows_model.index(r, 2)) for r in range(2)] == \
        ["new", "new"]
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    settle(qtbot)
    assert dialogs.shown[-1][2] == "Imported: 2 new, 0 updated, 0 unchanged."
    assert [c.kinds() for c in events] == [{"customers"}]  # routed by the api
    assert not dialog.import_button.isEnabled()
    assert customers.get_by_code(sqlite_engine, "C101").credit_limit == Decimal(20000)

    load(qtbot, dialog, path)
    assert [dialog.rows_model.data(dialog.rows_model.index(r, 2)) for r in range(2)] == \
        ["update", "update"]
    dialog.import_button.click()
    settle(qtbot)
    assert dialogs.shown[-1][2] == "Imported: 0 new, 0 updated, 2 unchanged."
    assert len(customer_queries.search(sqlite_engine, "", include_inactive=True)) == 2


def test_products_import_from_an_xlsx_file(qtbot, sqlite_engine, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["sku", "name_zh", "name_en", "unit", "price", "deposit"])
    sheet.append(["LPG-20", "液化石油氣 20公斤", "LPG cylinder 20 kg", "cylinder", 850, 1800])
    sheet.append(["SVC-INSPECT", "瓦斯安全檢查服務", "Gas safety inspection", "service", 300, None])
    path = tmp_path / "products.xlsx"
    book.save(path)
    dialog = open_dialog(qtbot, sqlite_engine, "products", "manager")
    load(qtbot, dialog, path)
    assert dialog.preview.ok and [r.key for r in dialog.rows_model.rows] == ["LPG-20", "SVC-INSPECT"]
    dialog.import_button.click()
    settle(qtbot)
    assert dialogs.shown[-1][2] == "Imported: 2 new, 0 updated, 0 unchanged."
    listed = {p.sku: (p.price, p.deposit) for p in products.list_products(sqlite_engine)}
    assert listed == {"LPG-20": (Decimal(850), Decimal(1800)), "SVC-INSPECT": (Decimal(300), 0)}


def test_a_file_with_a_missing_column_is_refused_on_the_header_line(qtbot, sqlite_engine, tmp_path):
    path = write_csv(tmp_path / "customers.csv", "code,name,phone\nC1,王志明,0912345678\n")
    dialog = open_dialog(qtbot, sqlite_engine, "customers", "admin")
    load(qtbot, dialog, path)
    assert {(e.line, e.column) for e in dialog.errors_model.rows} == {
        (1, "address"), (1, "area"), (1, "credit_limit")}
    assert not dialog.import_button.isEnabled()


@pytest.mark.parametrize("name", ["customers.txt.pdf", "missing.csv"])
def test_an_unreadable_file_is_explained_in_the_dialog(qtbot, sqlite_engine, tmp_path, name):
    dialog = open_dialog(qtbot, sqlite_engine, "customers", "admin")
    if name.endswith(".pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    dialog.load(tmp_path / name)
    settle(qtbot)
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert dialog.summary.text()


def test_a_clerk_may_preview_but_not_import_customers(qtbot, sqlite_engine, tmp_path):
    path = write_csv(tmp_path / "customers.csv", HEADER + GOOD)
    dialog = open_dialog(qtbot, sqlite_engine, "customers", "clerk")
    load(qtbot, dialog, path)
    dialog.import_button.click()
    settle(qtbot)
    assert dialog.summary.text() == \
        "This needs the Manager role, which clerk does not have."  # the api's role first
    manager = open_dialog(qtbot, sqlite_engine, "customers", "manager")
    load(qtbot, manager, path)
    manager.import_button.click()
    settle(qtbot)
    assert manager.summary.text() == \
        "This needs the Administrator role, which manager does not have."
    assert customer_queries.search(sqlite_engine, "", include_inactive=True) == []
