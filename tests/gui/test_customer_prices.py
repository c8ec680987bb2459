"""The customers window's Prices tab: a manager sets and removes a customer's own prices,
everybody else reads them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from core import changes, demo
from core.services import customer_prices, customers, orders, products
from desktop.windows.customers.view import CustomersWindow
from tests.gui import records
from tests.gui.records import settle


@pytest.fixture
def company(sqlite_engine, sqlite_seeded):
    """The demo company with ten customers and its products (LPG-20 lists at NT$900)."""
    demo.generate(sqlite_engine, customers_count=10, days=0)
    return {p.sku: p for p in products.list_products(sqlite_engine)}


def open_window(qtbot, ctx) -> CustomersWindow:
    window = CustomersWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot)
    return window


def show_prices_of(qtbot, window, code: str):
    customer = customers.get_by_code(window.ctx.engine, code)
    window.open_customer(customer.id)
    settle(qtbot)
    window.tabs.setCurrentWidget(window.prices_page)
    settle(qtbot)
    return customer


def table(window) -> list[list[str]]:
    model = window.prices
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def history_lines(qtbot, window) -> list[str]:
    window.tabs.setCurrentWidget(window.history_table)
    settle(qtbot)
    return [window.history.data(window.history.index(r, 2)) + " | "
            + window.history.data(window.history.index(r, 3))
            for r in range(window.history.rowCount())]


def test_a_manager_sets_and_removes_a_customers_own_price(
        qtbot, sqlite_engine, sqlite_seeded, make_ctx, company, qtmodeltester):
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    events = []
    window.ctx.events.changed.connect(events.append)
    customer = show_prices_of(qtbot, window, "C000001")
    assert table(window) == []
    assert window.set_price_button.isVisible() and not window.save_button.isVisible()

    window.price_product.setCurrentIndex(window.price_product.findData(company["LPG-20"].id))
    assert window.list_price_hint.text() == "List price today: NT$900"
    qtbot.keyClicks(window.price_value, "800.5")
    qtbot.keyClick(window.price_value, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.price_form.error_text("price") == "TWD amounts are whole numbers."
    assert window.price_value.text() == "800.5"  # kept, to be corrected
    assert customer_prices.list_for(sqlite_engine, customer.id) == []
    assert events == []

    window.price_value.setText("800")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.price_value, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert window.price_form.error_text("price") == ""
    assert table(window) == [["LPG-20", "LPG cylinder 20 kg", "NT$800", "NT$900"]]
    assert window.price_status.text() == "LPG-20: own price NT$800 set."
    assert [e.touches("customers", customer.id) for e in events] == [True]
    qtmodeltester.check(window.prices)
    offered = {o.sku: o for o in orders.price_list(sqlite_engine, customer_id=customer.id,
                                                   day=date.today())}
    assert (offered["LPG-20"].price, offered["LPG-20"].customer_price) == (Decimal(800), True)

    # another customer has none; back to the first, its price is there again
    show_prices_of(qtbot, window, "C000002")
    assert table(window) == [] and window.price_value.text() == ""
    show_prices_of(qtbot, window, "C000001")
    assert [row[0] for row in table(window)] == ["LPG-20"]

    window.prices_table.selectRow(0)
    assert window.price_product.currentData() == company["LPG-20"].id
    assert window.price_value.text() == "800"
    window.remove_price_button.click()
    settle(qtbot)
    assert table(window) == []
    assert customer_prices.list_for(sqlite_engine, customer.id) == []
    assert window.price_status.text() == \
        "LPG-20: own price removed; orders use the list price (NT$900)."
    assert not window.remove_price_button.isEnabled()

    assert history_lines(qtbot, window)[:2] == [
        "own price | LPG-20: NT$800 → list price",
        "own price | LPG-20: list price → NT$800",
    ]


def test_an_empty_price_is_not_taken_for_a_removal(
        qtbot, sqlite_engine, sqlite_seeded, make_ctx, company):
    customer = customers.get_by_code(sqlite_engine, "C000003")
    customer_prices.set_price(sqlite_engine, sqlite_seeded["manager"].actor,
                              customer_id=customer.id, product_id=company["LPG-50"].id,
                              price="2000")
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    show_prices_of(qtbot, window, "C000003")
    window.prices_table.selectRow(0)
    assert window.price_value.text() == "2000"
    window.price_value.clear()
    qtbot.keyClick(window.price_value, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.price_form.error_text("price").startswith("Type the customer's price.")
    assert [v.price for v in customer_prices.list_for(sqlite_engine, customer.id)] == \
        [Decimal(2000)]


def test_a_clerk_sees_the_own_prices_but_cannot_change_them(
        qtbot, sqlite_engine, sqlite_seeded, make_ctx, company):
    customer = customers.get_by_code(sqlite_engine, "C000004")
    customer_prices.set_price(sqlite_engine, sqlite_seeded["manager"].actor,
                              customer_id=customer.id, product_id=company["LPG-20"].id,
                              price="850")
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    show_prices_of(qtbot, window, "C000004")
    assert table(window) == [["LPG-20", "LPG cylinder 20 kg", "NT$850", "NT$900"]]
    assert "Only a manager can change them." in window.prices_note.text()
    for widget in (window.price_form, window.set_price_button, window.remove_price_button):
        assert not widget.isVisible() and not widget.isEnabled()
    window.prices_table.selectRow(0)
    window.set_price()
    window.remove_price()
    settle(qtbot)
    assert [v.price for v in customer_prices.list_for(sqlite_engine, customer.id)] == \
        [Decimal(850)]


def test_an_own_price_set_on_another_workstation_shows_while_the_price_typed_is_kept(
        qtbot, sqlite_engine, sqlite_seeded, make_ctx, company):
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    customer = show_prices_of(qtbot, window, "C000001")
    window.price_product.setCurrentIndex(window.price_product.findData(company["LPG-20"].id))
    qtbot.keyClicks(window.price_value, "78")  # half typed
    other = records.context(sqlite_engine, "manager")
    with changes.collect() as got:
        other.api.customers.set_price(customer_id=customer.id,
                                      product_id=company["LPG-50"].id, price="2000")
    settle(qtbot)
    assert table(window) == []  # not before the change set arrives

    window.ctx.events.changed.emit(got.value)
    qtbot.waitUntil(lambda: [row[0] for row in table(window)] == ["LPG-50"])
    settle(qtbot)
    assert window.price_value.text() == "78"
    assert window.price_product.currentData() == company["LPG-20"].id
    assert window.current.id == customer.id and window.tabs.currentWidget() is window.prices_page
