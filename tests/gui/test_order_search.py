"""The order search window: text, status, dates, area, product and override filters, lazy
pages, the order's details, saved searches per user, and the Excel export."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from core import changes, demo
from core.queries import orders as order_queries
from core.queries.orders import OrderCriteria
from core.services import customers, orders, products
from core.services.customers import CustomerInput
from core.services.orders import LineInput, OrderInput, OverrideRequest
from desktop import dialogs
from desktop.windows.orders import search as search_module
from desktop.windows.orders.search import OrderSearchWindow
from tests.gui.records import context, settle, type_chinese

TODAY = date.today()
FORMULA = "=cmd|' /C calc'!A0"


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def book(sqlite_engine, sqlite_seeded):
    """The demo company (40 customers, a few orders for the next days), and ours:
    Z1 永福小吃店 orders 2 × LPG-20 on account for day +10, 1 × LPG-50 cash for day +20,
    and an order for day +30 that was cancelled; Z2 阿忠麵店 has an order over its limit
    that the manager approved (day +10); Z4's name is a formula."""
    engine = sqlite_engine
    demo.generate(engine, customers_count=40, days=3)
    manager, clerk = sqlite_seeded["manager"].actor, sqlite_seeded["clerk"].actor
    made = {}
    for code, name, phone, area, limit in (
            ("Z1", "永福小吃店", "0912-345-678", "西屯區", 10000),
            ("Z2", "阿忠麵店", "04-2345-6789", "北屯區", 1000),
            ("Z4", FORMULA, "0933-444-555", "南區", 0)):
        made[code] = customers.save(engine, manager, CustomerInput(
            code=code, name=name, phone=phone, area=area, address=f"台中市{area}中山路1號",
            credit_limit=Decimal(limit)))
    sku = {p.sku: p.id for p in products.list_products(engine)}
    made["products"] = sku

    def place(customer: str, when: int, lines, payment="account", **kw):
        return orders.place(engine, clerk, OrderInput(
            made[customer].id, tuple(LineInput(sku[s], q) for s, q in lines),
            delivery_date=day(when), payment=payment), **kw)

    made["o1"] = place("Z1", 10, [("LPG-20", 2)])
    made["o2"] = place("Z1", 20, [("LPG-50", 1)], payment="cash")
    o3 = place("Z1", 30, [("LPG-20", 1)])
    made["o3"] = orders.cancel(engine, clerk, order_id=o3.id, version=o3.version,
                               reason="客戶改訂其他日期")
    made["over"] = place("Z2", 10, [("LPG-20", 3)],
                         override=OverrideRequest("manager", "manager-pass-1", "開學旺季"))
    made["formula"] = place("Z4", 10, [("LPG-04", 1)], payment="cash")
    return made


def open_window(qtbot, ctx) -> OrderSearchWindow:
    window = OrderSearchWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot)
    return window


def wait_search(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window._search_timer.isActive())
    settle(qtbot)


def numbers(window) -> set[str]:
    return {r.number for r in window.model.rows}


def set_dates(window, first: date | None, last: date | None) -> None:
    for check, edit, value in ((window.from_check, window.date_from, first),
                               (window.to_check, window.date_to, last)):
        check.setChecked(value is not None)
        if value is not None:
            edit.setDate(QDate(value.year, value.month, value.day))


def test_typing_a_customer_name_finds_their_orders(qtbot, make_ctx, sqlite_seeded, book,
                                                    qtmodeltester):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    assert window.model.rowCount() > 5  # everything, newest first
    ids = [r.id for r in window.model.rows]
    assert ids == sorted(ids, reverse=True)
    type_chinese(window.search_box, "永福")
    wait_search(qtbot, window)
    assert numbers(window) == {book["o1"].number, book["o2"].number, book["o3"].number}
    first = window.model.rows[0]
    assert [window.model.index(0, n).data() for n in range(9)] == [
        first.number, "cancelled", "Z1", "永福小吃店", "0912 345 678", "西屯區",
        day(30).isoformat(), "NT$945", "on account"]
    assert window.count.text() == "Orders: 3"
    qtmodeltester.check(window.model)


def test_an_order_number_finds_that_order(qtbot, make_ctx, sqlite_seeded, book):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    window.search_box.setText(book["o2"].number)
    wait_search(qtbot, window)
    assert numbers(window) == {book["o2"].number}
    window.search_box.setText("nobody at all")
    wait_search(qtbot, window)
    assert window.model.rowCount() == 0 and window.count.text() == "No order matches."


def test_statuses_and_a_delivery_date_range_narrow_the_search(qtbot, make_ctx, sqlite_seeded,
                                                              book):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    set_dates(window, day(9), day(21))
    window.statuses.set_ticked(["confirmed"])
    wait_search(qtbot, window)
    assert window.statuses.summary() == "confirmed"
    assert numbers(window) == {book["o1"].number, book["o2"].number, book["over"].number,
                               book["formula"].number}
    set_dates(window, day(25), None)
    window.statuses.set_ticked(["cancelled", "delivered"])
    wait_search(qtbot, window)
    assert window.statuses.summary() == "delivered, cancelled"
    assert numbers(window) == {book["o3"].number}
    window.statuses.set_ticked([])
    set_dates(window, None, None)
    wait_search(qtbot, window)
    assert window.statuses.summary() == "Any status"
    assert window.criteria() == OrderCriteria()


def test_area_product_and_override_filters(qtbot, make_ctx, sqlite_seeded, book):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    set_dates(window, day(9), day(31))
    window.with_override.setChecked(True)
    wait_search(qtbot, window)
    assert numbers(window) == {book["over"].number}
    window.with_override.setChecked(False)
    window.product.setCurrentIndex(window.product.findData(book["products"]["LPG-50"]))
    wait_search(qtbot, window)
    assert numbers(window) == {book["o2"].number}
    window.product.setCurrentIndex(0)
    type_chinese(window.area, "北屯區")
    wait_search(qtbot, window)
    assert numbers(window) == {book["over"].number}
    assert "北屯區" in window._area_names.stringList()  # offered as the user types


def test_ticking_statuses_in_the_popup_keeps_it_open(qtbot, make_ctx, sqlite_seeded, book):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    combo = window.statuses
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(combo.model().index(5, 0))  # cancelled
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(view.viewport(), QMouseEvent(
            kind, rect.center(), view.viewport().mapToGlobal(rect.center()),
            Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier))
    assert view.isVisible()
    assert combo.ticked() == ("cancelled",)
    combo.hidePopup()
    wait_search(qtbot, window)
    assert book["o3"].number in numbers(window)
    assert {r.status for r in window.model.rows} == {"cancelled"}


def test_results_load_the_next_page_when_scrolled(qtbot, make_ctx, sqlite_seeded, book,
                                                  qtmodeltester):
    ctx = make_ctx(sqlite_seeded["clerk"])
    engine, clerk = ctx.engine, ctx.actor
    for n in range(230):
        orders.place(engine, clerk, OrderInput(book["Z4"].id, (
            LineInput(book["products"]["LPG-04"], 1 + n % 3),), delivery_date=day(40),
            payment="cash"))
    total = len(order_queries.search(engine, OrderCriteria(), limit=100_000))
    window = open_window(qtbot, ctx)
    assert window.model.rowCount() == search_module.PAGE == 200
    assert window.count.text() == "The newest 200 orders; more load as you scroll."
    window.table.scrollToBottom()
    settle(qtbot)
    qtbot.waitUntil(lambda: window.model.rowCount() > 200)
    window.table.scrollToBottom()
    settle(qtbot)
    assert window.model.rowCount() == total
    ids = [r.id for r in window.model.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == total
    assert window.count.text() == f"Orders: {total}"
    qtmodeltester.check(window.model)


def test_enter_on_a_result_shows_the_order_with_its_lines_and_override(
        qtbot, make_ctx, sqlite_seeded, book):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    assert window.order is None
    window.search_box.setText(book["over"].number)
    wait_search(qtbot, window)
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.order is not None and window.order.id == book["over"].id
    assert window.title.text() == f"{book['over'].number}  Z2 阿忠麵店"
    assert window.facts["payment"].text() == "on account"
    assert window.facts["total"].text() == "NT$2,835 (tax NT$135)"
    assert [window.lines.index(0, n).data() for n in range(5)] == [
        "LPG-20  LPG cylinder 20 kg", "3 cylinder", "NT$900", "NT$2,700", "NT$135"]
    assert window.tabs.tabText(1) == "Credit overrides (1)"
    [override] = window.overrides.rows
    assert (override.requested_by, override.approved_by, override.reason) == (
        "clerk", "manager", "開學旺季")


def test_a_double_click_shows_a_cancelled_order_with_its_reason(qtbot, make_ctx,
                                                                sqlite_seeded, book):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    window.search_box.setText(book["o3"].number)
    wait_search(qtbot, window)
    rect = window.table.visualRect(window.model.index(0, 1))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot)
    assert window.order.id == book["o3"].id
    assert window.facts["status"].text() == "cancelled: 客戶改訂其他日期"


def test_saved_searches_round_trip_per_user(qtbot, make_ctx, sqlite_seeded, book, monkeypatch,
                                            answers):
    clerk = make_ctx(sqlite_seeded["clerk"])
    window = open_window(qtbot, clerk)
    type_chinese(window.search_box, "永福")
    window.statuses.set_ticked(["confirmed", "scheduled"])
    set_dates(window, day(1), day(25))
    window.with_override.setChecked(False)
    wait_search(qtbot, window)
    wanted = window.criteria()
    found = numbers(window)
    assert found == {book["o1"].number, book["o2"].number}
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, text="": "永福 open")
    window.save_button.click()
    settle(qtbot)
    assert window.saved_box.currentText() == "永福 open"
    [saved] = order_queries.saved_searches(clerk.engine, clerk.actor)
    assert (saved.name, saved.criteria) == ("永福 open", wanted)

    again = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    assert again.saved_box.currentIndex() == -1 and again.criteria() == OrderCriteria()
    assert [again.saved_box.itemText(n) for n in range(again.saved_box.count())] == ["永福 open"]
    again.saved_box.setCurrentIndex(0)
    again.saved_box.activated.emit(0)
    wait_search(qtbot, again)
    assert again.criteria() == wanted
    assert numbers(again) == found
    assert again.saved_box.currentText() == "永福 open"
    again.search_box.setText("阿忠")  # changing a filter leaves the saved search
    assert again.saved_box.currentIndex() == -1
    wait_search(qtbot, again)

    manager = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    assert manager.saved_box.count() == 0

    again.saved_box.setCurrentIndex(0)
    answers.append(True)
    again.delete_button.click()
    settle(qtbot)
    assert answers == [] and again.saved_box.count() == 0
    assert order_queries.saved_searches(clerk.engine, clerk.actor) == []


def test_export_writes_every_matching_order_with_numbers_dates_and_safe_text(
        qtbot, make_ctx, sqlite_seeded, book, monkeypatch, tmp_path):
    monkeypatch.setattr(search_module, "PAGE", 2)  # the list has 2; the export has them all
    window = OrderSearchWindow(make_ctx(sqlite_seeded["clerk"]))  # hidden: no view fetches more
    qtbot.addWidget(window)
    set_dates(window, day(9), day(31))
    wait_search(qtbot, window)
    assert window.model.rowCount() == 2 and not window.model.complete
    target = tmp_path / "orders.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *args: str(target))
    window.export_button.click()
    settle(qtbot)
    assert dialogs.shown[-1] == ("inform", "Exported", f"5 rows were written to {target}.")
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Number", "Status", "Code", "Customer", "Phone", "Area", "Delivery",
                       "Total", "Payment", "Taken by", "Taken at")
    assert sheet["A1"].font.bold
    by_number = {r[0]: r for r in rows[1:]}
    assert set(by_number) == {book[k].number for k in ("o1", "o2", "o3", "over", "formula")}
    o1 = by_number[book["o1"].number]
    assert o1[1:6] == ("confirmed", "Z1", "永福小吃店", "0912 345 678", "西屯區")
    assert o1[6].date() == day(10) and o1[7] == 1890 and o1[8] == "on account"
    assert o1[9] == "clerk" and o1[10].date() == date.today()
    assert by_number[book["formula"].number][3] == "'" + FORMULA


def test_another_workstation_s_orders_show_live_keeping_the_filters_and_the_chosen_order(
        qtbot, make_ctx, sqlite_seeded, sqlite_engine, book):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    type_chinese(window.search_box, "永福")
    wait_search(qtbot, window)
    chosen = window.model.index(window.model.find(lambda r: r.id == book["o1"].id), 0)
    window.table.setCurrentIndex(chosen)
    window.open_order(chosen)  # Enter: o1, not the newest, shown below
    settle(qtbot)
    assert window.order.id == book["o1"].id and chosen.row() > 0

    other = context(sqlite_engine, "clerk")  # another workstation, its changes pushed here
    lpg20 = book["products"]["LPG-20"]
    with changes.collect() as got:
        other.api.orders.modify(order_id=book["o1"].id, version=book["o1"].version, data=OrderInput(
            book["Z1"].id, (LineInput(lpg20, 2),), delivery_date=day(10), payment="account",
            notes="側門進出"))
        added = other.api.orders.place(data=OrderInput(
            book["Z1"].id, (LineInput(lpg20, 1),), delivery_date=day(12), payment="account"))
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert numbers(window) == {book["o1"].number, book["o2"].number, book["o3"].number,
                               added.number}
    assert window.search_box.text() == "永福" and window.count.text() == "Orders: 4"
    assert window.model.row(window.table.currentIndex().row()).id == book["o1"].id
    assert window.order.id == book["o1"].id and window.facts["notes"].text() == "側門進出"
