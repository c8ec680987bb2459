"""The credit window: every customer's figures, filters, the manager's limit changes and
blocks, the chosen customer's open orders, overrides and history, and the Excel export."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from core import changes, demo
from core.errors import PermissionDenied
from core.queries import credit as credit_queries
from core.services import audit, credit, customers, orders, products
from core.services.actor import SYSTEM
from core.services.customers import CustomerInput
from core.services.orders import LineInput, OrderInput, OverrideRequest
from desktop import dialogs
from desktop.widgets import export
from desktop.windows.credit import view
from desktop.windows.credit.view import CreditWindow
from tests.gui import records
from tests.gui.records import settle, type_chinese

FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def shop(sqlite_engine, sqlite_seeded):
    """The demo company (40 customers), and four customers of our own:
    Z1 (limit 10,000, one order of 2 cylinders on account: NT$1,890),
    Z2 (limit 1,000, an order over it that the manager approved),
    Z3 (blocked), and Z4, whose name a spreadsheet would run as a formula."""
    engine = sqlite_engine
    demo.generate(engine, customers_count=40, days=0)
    manager, clerk = sqlite_seeded["manager"].actor, sqlite_seeded["clerk"].actor
    made = {}
    for code, name, limit in (("Z1", "永福小吃店", 10000), ("Z2", "阿忠麵店", 1000),
                              ("Z3", "大同餐廳", 5000), ("Z4", FORMULA, 2000)):
        made[code] = customers.save(engine, manager, CustomerInput(
            code=code, name=name, area="西屯區", address="台中市西屯區中山路1號",
            credit_limit=Decimal(limit)))
    gas = next(p for p in products.list_products(engine) if p.sku == "LPG-20")
    made["order"] = orders.place(engine, clerk, OrderInput(
        made["Z1"].id, (LineInput(gas.id, 2),), payment="account"))
    made["override"] = orders.place(engine, clerk, OrderInput(
        made["Z2"].id, (LineInput(gas.id, 3),), payment="account"),
        override=OverrideRequest("manager", "manager-pass-1", "開學旺季，先出貨"))
    credit.set_blocked(engine, manager, customer_id=made["Z3"].id, blocked=True,
                       reason="支票跳票")
    return made


def open_window(qtbot, ctx) -> CreditWindow:
    window = CreditWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot)
    return window


def search(qtbot, window, text: str) -> None:
    window.search_box.setText(text)
    qtbot.waitUntil(lambda: not window._search_timer.isActive())
    settle(qtbot)


def choose(qtbot, window, code: str) -> None:
    search(qtbot, window, code)
    number = window.model.find(lambda r: r.code == code)
    assert number is not None, f"{code} is not listed"
    window.table.setCurrentIndex(window.model.index(number, 0))
    qtbot.waitUntil(lambda: window.details is not None and window.details.summary.code == code)
    settle(qtbot)


def cell(window, row: int, title: str) -> str:
    column = [c.title for c in window.model.columns].index(title)
    return window.model.index(row, column).data()


def row_of(window, code: str) -> int:
    number = window.model.find(lambda r: r.code == code)
    assert number is not None
    return number


def test_the_list_shows_limit_balance_exposure_and_available_per_customer(
        qtbot, make_ctx, sqlite_seeded, shop, qtmodeltester):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    assert window.model.rowCount() == 44  # 40 demo customers and ours
    z1 = row_of(window, "Z1")
    assert cell(window, z1, "Name") == "永福小吃店"
    assert cell(window, z1, "Limit") == "NT$10,000"
    assert cell(window, z1, "Balance") == "NT$0"
    assert cell(window, z1, "Open orders") == "NT$1,890"
    assert cell(window, z1, "Exposure") == "NT$1,890"
    assert cell(window, z1, "Available") == "NT$8,110"
    assert cell(window, z1, "Used") == "19 %"
    assert cell(window, z1, "Blocked") == ""
    z2 = row_of(window, "Z2")
    assert cell(window, z2, "Available") == "-NT$1,835"
    assert cell(window, row_of(window, "Z3"), "Blocked") == "支票跳票"
    blocked = window.model.index(row_of(window, "Z3"), 0)
    assert blocked.data(Qt.ItemDataRole.BackgroundRole) == view.BLOCKED_TINT
    qtmodeltester.check(window.model)


def test_the_filter_shows_customers_over_the_limit_near_it_or_blocked(
        qtbot, make_ctx, sqlite_seeded, shop):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    window.show_filter.setCurrentIndex(window.show_filter.findData("over_limit"))
    settle(qtbot)
    codes = {r.code for r in window.model.rows}
    assert "Z2" in codes and "Z1" not in codes
    assert all(r.exposure > r.credit_limit for r in window.model.rows)
    window.show_filter.setCurrentIndex(window.show_filter.findData("near_limit"))
    settle(qtbot)
    assert all(r.exposure * 10 >= r.credit_limit * 9 > 0 for r in window.model.rows)
    window.show_filter.setCurrentIndex(window.show_filter.findData("blocked"))
    settle(qtbot)
    assert [r.code for r in window.model.rows] == ["Z3"]
    assert window.count.text() == "Customers: 1"


def test_typing_in_the_search_box_narrows_the_list(qtbot, make_ctx, sqlite_seeded, shop):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    type_chinese(window.search_box, "阿忠")
    qtbot.waitUntil(lambda: [r.code for r in window.model.rows] == ["Z2"])


def test_clicking_a_header_sorts_in_the_database(qtbot, make_ctx, sqlite_seeded, shop):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    header = window.table.horizontalHeader()
    exposure = [c.title for c in window.model.columns].index("Exposure")
    header.setSortIndicator(exposure, Qt.SortOrder.DescendingOrder)
    settle(qtbot)
    exposures = [r.exposure for r in window.model.rows]
    assert exposures == sorted(exposures, reverse=True)
    assert window.model.rows == credit_queries.customers(
        window.ctx.engine, sort="exposure", descending=True)
    balance = [c.title for c in window.model.columns].index("Balance")
    header.setSortIndicator(balance, Qt.SortOrder.AscendingOrder)  # not sortable
    settle(qtbot)
    assert header.sortIndicatorSection() == exposure
    assert [r.exposure for r in window.model.rows] == exposures


def test_the_list_loads_more_customers_as_it_scrolls(qtbot, make_ctx, sqlite_seeded, shop,
                                                     monkeypatch, qtmodeltester):
    monkeypatch.setattr(view, "PAGE", 30)  # more than the table shows at once
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    assert window.model.rowCount() == 30
    assert window.count.text() == "The first 30 customers; more load as you scroll."
    window.table.scrollToBottom()
    settle(qtbot)
    assert window.model.rowCount() == 44
    assert window.count.text() == "Customers: 44"
    codes = [r.code for r in window.model.rows]
    assert len(set(codes)) == 44 and codes == sorted(codes)
    qtmodeltester.check(window.model)


def test_the_chosen_customer_shows_open_orders_with_running_exposure_and_overrides(
        qtbot, make_ctx, sqlite_seeded, shop):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    choose(qtbot, window, "Z2")
    assert window.title.text() == "Z2  阿忠麵店"
    assert window.figures["exposure"].text() == "NT$2,835"
    lines = window.lines.rows
    assert [(x.number, x.exposure) for x in lines] == [
        ("", Decimal(0)), (shop["override"].number, Decimal("2835.00"))]
    assert window.lines.index(0, 0).data() == "Balance owed"
    assert window.tabs.tabText(0) == "Open orders (1)"
    [override] = window.overrides.rows
    assert (override.order_number, override.approved_by, override.requested_by,
            override.reason) == (shop["override"].number, "manager", "clerk", "開學旺季，先出貨")
    assert window.tabs.tabText(1) == "Overrides (1)"


def test_a_manager_changes_a_limit_with_a_reason_and_the_history_shows_it(
        qtbot, make_ctx, sqlite_seeded, shop, monkeypatch):
    ctx = make_ctx(sqlite_seeded["manager"])
    window = open_window(qtbot, ctx)
    choose(qtbot, window, "Z1")
    assert window.limit_button.isVisible() and window.block_button.isVisible()
    events = []
    ctx.events.changed.connect(events.append)

    def no_reason(dialog):
        qtbot.addWidget(dialog)
        dialog.amount.setText("15000")
        dialog.ok_button.click()
        settle(qtbot)
        assert dialog.message.text() == "Give the reason; it is kept in the audit log."
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", no_reason)
    window.limit_button.click()
    settle(qtbot)
    assert credit.summary(ctx.engine, shop["Z1"].id).credit_limit == Decimal(10000)
    assert events == []

    def with_reason(dialog):
        qtbot.addWidget(dialog)
        dialog.amount.setText("15000")
        dialog.reason.setPlainText("新開分店")
        dialog.ok_button.click()
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", with_reason)
    window.limit_button.click()
    settle(qtbot)
    assert credit.summary(ctx.engine, shop["Z1"].id).credit_limit == Decimal(15000)
    assert cell(window, row_of(window, "Z1"), "Limit") == "NT$15,000"
    assert window.status.text() == "The limit of Z1 is now NT$15,000."
    assert [e.touches("customers", shop["Z1"].id) for e in events] == [True]
    [entry] = [e for e in audit.list_entries(ctx.engine, SYSTEM, entity="customer", entity_id="Z1")
               if e.action == "limit_changed"]
    assert entry.actor == "manager" and entry.changes["reason"] == [None, "新開分店"]
    qtbot.waitUntil(lambda: window.details.summary.credit_limit == Decimal(15000))
    newest = window.history.index(0, 0)
    assert [window.history.index(0, n).data() for n in range(1, 5)] == [
        "manager", "limit changed", "NT$10,000 → NT$15,000", "新開分店"]
    assert newest.data()  # when


def test_a_clerk_sees_no_credit_buttons_and_the_core_refuses_a_clerk_anyway(
        qtbot, make_ctx, sqlite_seeded, shop):
    ctx = make_ctx(sqlite_seeded["clerk"])
    window = open_window(qtbot, ctx)
    choose(qtbot, window, "Z1")
    assert not window.limit_button.isVisible() and not window.block_button.isVisible()
    with pytest.raises(PermissionDenied):
        credit.set_limit(ctx.engine, ctx.actor, customer_id=shop["Z1"].id, limit="99999",
                         reason="I would like to")
    with pytest.raises(PermissionDenied):
        credit.set_blocked(ctx.engine, ctx.actor, customer_id=shop["Z1"].id, blocked=True,
                           reason="I would like to")
    # Even the dialog, were it opened for a clerk, only shows the core's refusal.
    from desktop.windows.credit.change import LIMIT, CreditChangeDialog

    dialog = CreditChangeDialog(ctx, window.details.summary, LIMIT, window)
    qtbot.addWidget(dialog)
    dialog.amount.setText("99999")
    dialog.reason.setPlainText("I would like to")
    dialog.ok_button.click()
    settle(qtbot)
    assert dialog.message.text() == "This needs the Manager role, which clerk does not have."
    assert dialog.summary is None
    assert credit.summary(ctx.engine, shop["Z1"].id).credit_limit == Decimal(10000)


def test_a_manager_blocks_and_unblocks_a_customer_with_reasons(
        qtbot, make_ctx, sqlite_seeded, shop, monkeypatch):
    ctx = make_ctx(sqlite_seeded["manager"])
    window = open_window(qtbot, ctx)
    choose(qtbot, window, "Z1")
    assert window.block_button.text() == "&Block…"
    reasons = iter(["三個月未付款", "已結清"])

    def fill(dialog):
        qtbot.addWidget(dialog)
        assert dialog.amount.isHidden()
        dialog.reason.setPlainText(next(reasons))
        dialog.ok_button.click()
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    window.block_button.click()
    settle(qtbot)
    qtbot.waitUntil(lambda: window.details.summary.blocked)
    assert cell(window, row_of(window, "Z1"), "Blocked") == "三個月未付款"
    assert window.blocked_line.text() == "Blocked: 三個月未付款"
    assert window.block_button.text() == "&Unblock…"
    window.block_button.click()
    settle(qtbot)
    qtbot.waitUntil(lambda: not window.details.summary.blocked)
    assert cell(window, row_of(window, "Z1"), "Blocked") == ""
    assert [window.history.index(n, 2).data() for n in range(2)] == ["unblocked", "blocked"]
    assert [window.history.index(n, 4).data() for n in range(2)] == ["已結清", "三個月未付款"]


def test_cancelling_the_dialog_changes_nothing(qtbot, make_ctx, sqlite_seeded, shop,
                                               monkeypatch):
    ctx = make_ctx(sqlite_seeded["manager"])
    window = open_window(qtbot, ctx)
    choose(qtbot, window, "Z1")
    monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: QDialog.DialogCode.Rejected)
    window.limit_button.click()
    settle(qtbot)
    assert not window.status.text()
    assert credit.summary(ctx.engine, shop["Z1"].id).credit_limit == Decimal(10000)


def test_export_writes_every_customer_of_the_filter_with_money_as_numbers(
        qtbot, make_ctx, sqlite_seeded, shop, monkeypatch, tmp_path):
    monkeypatch.setattr(view, "PAGE", 30)  # the list has 30; the export has them all
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    target = tmp_path / "credit"
    monkeypatch.setattr(dialogs, "save_file", lambda *args: str(target))
    window.export_button.click()
    settle(qtbot)
    assert window.model.rowCount() == 30
    assert dialogs.shown[-1] == ("inform", "Exported",
                                 f"44 rows were written to {target}.xlsx.")
    sheet = openpyxl.load_workbook(f"{target}.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:8] == ("Code", "Name", "Limit", "Balance", "Open orders", "Exposure",
                          "Available", "Used")
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert len(rows) == 45
    by_code = {r[0]: dict(zip(header, r)) for r in rows[1:]}
    z1 = by_code["Z1"]
    assert (z1["Limit"], z1["Open orders"], z1["Exposure"], z1["Available"]) == (
        10000, 1890, 1890, 8110)
    assert isinstance(z1["Limit"], (int, float)) and z1["Used"] == pytest.approx(0.189)
    assert by_code["Z3"]["Blocked"] == "支票跳票"
    assert by_code["Z4"]["Name"] == "'" + FORMULA
    limit_cell = next(c for c in sheet["C"] if c.value == 10000)
    assert limit_cell.number_format == "#,##0"
    assert sheet.column_dimensions["B"].width >= 8


def test_export_of_a_filter_has_only_its_customers(qtbot, make_ctx, sqlite_seeded, shop,
                                                   monkeypatch, tmp_path):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    window.show_filter.setCurrentIndex(window.show_filter.findData("blocked"))
    settle(qtbot)
    target = tmp_path / "blocked.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *args: str(target))
    window.export_button.click()
    settle(qtbot)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Z3"]


def test_no_file_chosen_means_no_export(qtbot, make_ctx, sqlite_seeded, shop, monkeypatch):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    monkeypatch.setattr(dialogs, "save_file", lambda *args: "")
    window.export_button.click()
    settle(qtbot)
    assert dialogs.shown == []


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ("+886 4 2323", "'+886 4 2323"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("王小明", "王小明"), ("", "")])
def test_text_that_a_spreadsheet_would_run_is_neutralised(text, safe):
    assert export.neutralise(text) == safe


def test_a_limit_changed_on_another_workstation_reloads_the_list(qtbot, make_ctx, sqlite_engine,
                                                                  sqlite_seeded, shop):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    other = records.context(sqlite_engine, "manager")
    with changes.collect() as got:
        other.api.credit.set_limit(customer_id=shop["Z1"].id, limit="12000", reason="elsewhere")
    assert cell(window, row_of(window, "Z1"), "Limit") == "NT$10,000"
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert cell(window, row_of(window, "Z1"), "Limit") == "NT$12,000"


def test_a_payment_recorded_in_the_payments_window_updates_the_balance(
        qtbot, make_ctx, sqlite_seeded, shop):
    """The Payments window on this workstation records through the same api: its change set
    reaches the Credit window with nobody announcing it."""
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    choose(qtbot, window, "Z1")
    window.ctx.api.payments.record(customer_id=shop["Z1"].id, method="cash", amount="500")
    qtbot.waitUntil(lambda: cell(window, row_of(window, "Z1"), "Balance") == "-NT$500")
    qtbot.waitUntil(lambda: window.figures["balance"].text() == "-NT$500")


def test_another_workstations_payments_show_while_the_search_and_the_choice_are_kept(
        qtbot, make_ctx, sqlite_engine, sqlite_seeded, shop, monkeypatch):
    monkeypatch.setattr(view, "PAGE", 30)  # the chosen customer is below the first page
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    window.table.scrollToBottom()
    settle(qtbot)
    assert window.model.rowCount() == 44
    window.table.setCurrentIndex(window.model.index(row_of(window, "Z4"), 0))
    qtbot.waitUntil(lambda: window.details is not None and window.details.summary.code == "Z4")
    assert row_of(window, "Z4") >= 30
    other = records.context(sqlite_engine, "clerk")

    def pay(amount: str) -> None:
        shown = window.figures["balance"].text()
        with changes.collect() as got:
            other.api.payments.record(customer_id=shop["Z4"].id, method="cash", amount=amount)
        settle(qtbot)
        assert window.figures["balance"].text() == shown  # not before the change set arrives
        window.ctx.events.changed.emit(got.value)

    pay("300")
    qtbot.waitUntil(lambda: window.figures["balance"].text() == "-NT$300")
    settle(qtbot)
    assert window.model.rowCount() == 44 and window.current().code == "Z4"
    assert cell(window, row_of(window, "Z4"), "Balance") == "-NT$300"

    window.search_box.setFocus()
    window.search_box.setText("Z")  # being typed: the search has not run yet
    window._search_timer.stop()
    pay("200")
    qtbot.waitUntil(lambda: window.figures["balance"].text() == "-NT$500")
    settle(qtbot)
    assert window.search_box.text() == "Z" and window.search_box.hasFocus()
    assert [r.code for r in window.model.rows] == ["Z1", "Z2", "Z3", "Z4"]
    assert window.current().code == "Z4" and window.details.summary.code == "Z4"
