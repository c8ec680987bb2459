"""The Aging window: what each customer owes by how late it is, sortable with a totals
row and a bar chart, exported to Excel, and the accountant's export of a month."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from core import changes
from core.changes import Changes
from core.services import billing
from desktop import dialogs
from desktop.windows import registry
from desktop.windows.aging import AccountantDialog, AgingWindow
from tests.gui.billing_data import this_month, two_invoices
from tests.gui.records import actor, context, settle


@pytest.fixture
def data(sqlite_engine, sqlite_seeded):
    made = two_invoices(sqlite_engine, sqlite_seeded)
    billing.run(sqlite_engine, sqlite_seeded["manager"].actor, period=this_month())  # C003
    return made


def open_window(qtbot, engine) -> AgingWindow:
    window = AgingWindow(context(engine, "manager"))
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    settle(qtbot)
    return window


def texts(model, column: int) -> list[str]:
    return [model.data(model.index(n, column)) for n in range(model.rowCount())]


def test_aging_is_for_managers():
    assert "aging" in [e.key for e in registry.visible(actor("manager"))]
    assert "aging" not in [e.key for e in registry.visible(actor("clerk"))]


def test_each_customer_by_bucket_with_totals_and_a_chart(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine)
    assert [r.code for r in window.sorted_rows()] == ["C001", "C003"]
    assert texts(window.rows, 2) == ["NT$945", "NT$4,893"]  # current
    assert texts(window.rows, 4) == ["NT$4,179", ""]  # 40 days overdue: 31-60
    assert texts(window.rows, 7) == ["NT$5,124", "NT$4,893"]
    assert texts(window.total_row, 7) == ["NT$10,017"]
    assert texts(window.total_row, 1) == ["2 customer(s)"]
    assert list(window.bars.opts["height"]) == [5838.0, 0.0, 4179.0, 0.0, 0.0]
    assert window.summary.text() == "2 customer(s) owe NT$10,017, NT$4,179 of it overdue"
    # Sorted by the total, largest first.
    window.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)
    assert [r.code for r in window.sorted_rows()] == ["C001", "C003"]
    window.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)
    assert [r.code for r in window.sorted_rows()] == ["C003", "C001"]


def test_the_table_is_exported_to_excel_with_its_totals(qtbot, sqlite_engine, data,
                                                        monkeypatch, tmp_path):
    window = open_window(qtbot, sqlite_engine)
    target = tmp_path / "aging.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(target))
    window.export_button.click()
    settle(qtbot)
    sheet = openpyxl.load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Code", "Customer", "Current"]
    assert [v[0] for v in values[1:]] == ["C001", "C003", "Total"]
    assert values[-1][-1] == 10017


def test_the_accountants_export_writes_invoices_credit_notes_payments_and_cash_sales(
        qtbot, sqlite_engine, data, monkeypatch, tmp_path):
    window = open_window(qtbot, sqlite_engine)

    def run(dialog):
        assert isinstance(dialog, AccountantDialog)
        dialog.month.setDate(date.today())
        dialog.kind.setCurrentIndex(dialog.kind.findData("csv"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "run_dialog", run)
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(tmp_path / "books.csv"))
    window.accountant_button.click()
    settle(qtbot)
    assert window.status.text() == \
        "Written: books-invoices.csv, books-credit-notes.csv, books-payments.csv, " \
        "books-cash-sales.csv, books-deposits.csv, books-deposit-liability.csv"
    invoices = (tmp_path / "books-invoices.csv").read_text(encoding="utf-8-sig").splitlines()
    assert invoices[0].startswith("Invoice,Issued,Due")
    assert len(invoices) == 4  # the header and three invoices
    assert data.older.number in invoices[1]
    cash = (tmp_path / "books-cash-sales.csv").read_text(encoding="utf-8-sig").splitlines()
    assert cash[0].startswith("Cash sale,Date,Customer code")
    deposits = (tmp_path / "books-deposits.csv").read_text(encoding="utf-8-sig").splitlines()
    assert deposits[0].startswith("Deposit receipt,Date,Customer code")


def test_another_workstations_payment_shows_with_the_sort_and_the_choice_kept(
        qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine)
    window.table.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # by the total: C003, C001
    window.table.setCurrentIndex(window.proxy.index(1, 0))
    assert window.sorted_rows()[1].code == "C001"
    other = context(sqlite_engine, "clerk")
    with changes.collect() as got:
        other.api.payments.record(customer_id=data.older.customer_id, method="cash",
                                  amount="1000")
    settle(qtbot)
    assert texts(window.rows, 7)[0] == "NT$5,124"  # not before the change set arrives

    window.ctx.events.changed.emit(got.value)
    qtbot.waitUntil(lambda: texts(window.rows, 7)[0] == "NT$4,124")
    settle(qtbot)
    assert [r.code for r in window.sorted_rows()] == ["C001", "C003"]  # sorted by the total
    assert window.sorted_rows()[window.table.currentIndex().row()].code == "C001"
    assert window.summary.text() == "2 customer(s) owe NT$9,017, NT$3,179 of it overdue"


def test_a_change_for_no_customer_listed_does_not_reload(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine)
    loads, real = [], window.refresh
    window.refresh = lambda: loads.append(1) or real()
    listed = {r.customer_id for r in window.rows.rows}
    window.ctx.events.changed.emit(Changes.of(customers=[max(listed) + 1], orders=[1]))
    settle(qtbot)
    assert loads == []
    window.ctx.events.changed.emit(Changes.of(customers=[min(listed)]))
    settle(qtbot)
    assert loads == [1]
