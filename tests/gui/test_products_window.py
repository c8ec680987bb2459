"""The products window: the price list, prices from a date, and read-only for non-managers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from core import changes
from core.db import make_engine
from core.services import products
from core.services.products import ProductInput
from desktop import dialogs
from desktop.windows.products.view import ProductsWindow
from tests.gui.records import actor, context, settle, type_chinese

MANAGER = actor("manager")


@pytest.fixture
def gas(sqlite_engine):
    return products.save(sqlite_engine, MANAGER, ProductInput(
        sku="LPG-20", name_zh="液化石油氣 20公斤", name_en="LPG cylinder 20 kg", unit="cylinder",
        price=Decimal(850), price_from=date.today() - timedelta(days=30), deposit=Decimal(1800)))


def open_window(qtbot, engine, *roles) -> ProductsWindow:
    window = ProductsWindow(context(engine, *roles))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_the_list_shows_todays_price_deposit_and_the_company_rate(qtbot, sqlite_engine, gas,
                                                                  qtmodeltester):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert [cell(window.model, 0, c) for c in range(9)] == [
        "LPG-20", "液化石油氣 20公斤", "LPG cylinder 20 kg", "cylinder", "NT$850", "NT$1,800",
        "company rate", "", "yes"]
    assert window.current.id == gas.id  # the first product is shown
    assert window.price.text() == "850"
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.history)


def test_products_are_read_only_for_a_clerk(qtbot, sqlite_engine, gas):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert not window.save_button.isEnabled() and not window.new_button.isEnabled()
    assert window.read_only_note.isVisibleTo(window)
    assert window.sku.isReadOnly() and window.price.isReadOnly()
    assert window.price_from.isReadOnly()
    assert not window.unit.isEnabled() and not window.active.isEnabled()
    window.price.setText("999")
    window.save()
    settle(qtbot)
    assert products.get(sqlite_engine, gas.id).price == Decimal(850)


def test_a_manager_adds_a_price_from_a_later_date_and_sees_the_history(qtbot, sqlite_engine, gas):
    window = open_window(qtbot, sqlite_engine, "manager")
    window.price.setText("900")
    window.price_from.setDate(QDate.currentDate().addDays(7))
    qtbot.keyClick(window.price, Qt.Key.Key_Return)
    settle(qtbot)
    stored = products.get(sqlite_engine, gas.id)
    assert [(p.effective_from, p.price) for p in stored.prices] == [
        (date.today() - timedelta(days=30), Decimal(850)),
        (date.today() + timedelta(days=7), Decimal(900))]
    assert stored.price == Decimal(850)  # today's price is unchanged
    assert window.price.text() == "850"
    assert [cell(window.history, r, 1) for r in range(2)] == ["NT$900", "NT$850"]
    assert window.history.data(window.history.index(1, 0), Qt.ItemDataRole.FontRole).bold()


def test_a_new_product_with_bad_input_shows_each_problem_under_its_field(qtbot, sqlite_engine):
    window = open_window(qtbot, sqlite_engine, "manager")
    window.new_product()
    qtbot.keyClicks(window.sku, "LPG 16")
    qtbot.keyClicks(window.tax_rate, "150")
    window.save()
    settle(qtbot)
    assert window.form.error_text("sku").startswith("A SKU has 1 to 40 letters")
    assert window.form.error_text("name_zh") == "The Chinese product name is required."
    assert window.form.error_text("tax_rate").startswith("Enter a percentage")
    assert window.sku.text() == "LPG 16" and window.tax_rate.text() == "150"
    assert products.list_products(sqlite_engine) == []

    window.sku.setText("LPG-16")
    type_chinese(window.name_zh, "液化石油氣 16公斤")
    window.tax_rate.clear()
    window.save()
    settle(qtbot)
    assert window.form.error_text("price") == "A new product needs a price."
    window.price.setText("730")
    window.save()
    settle(qtbot)
    [saved] = products.list_products(sqlite_engine)
    assert (saved.sku, saved.price, saved.tax_rate) == ("LPG-16", Decimal(730), None)
    assert window.model.rows[0].id == saved.id


def test_a_stale_product_is_not_overwritten(qtbot, sqlite_url, gas, answers):
    engine = make_engine(sqlite_url)
    try:
        window = open_window(qtbot, engine, "manager")
        products.save(engine, MANAGER, ProductInput(
            sku="LPG-20", name_zh="液化石油氣 20公斤", name_en="LPG 20 kg", unit="cylinder",
            deposit=Decimal(1800)), product_id=gas.id, version=gas.version)
        window.deposit.setText("2000")
        answers.append(False)
        window.save()
        settle(qtbot)
        assert dialogs.shown[-1][2].startswith("This product was changed elsewhere.")
        assert window.deposit.text() == "2000"
        assert products.get(engine, gas.id).deposit == Decimal(1800)
    finally:
        engine.dispose()


def test_a_manager_gives_a_product_its_weight_on_the_truck(qtbot, sqlite_engine, gas):
    window = open_window(qtbot, sqlite_engine, "manager")
    assert window.weight.text() == ""
    qtbot.keyClicks(window.weight, "36.5")
    qtbot.keyClick(window.weight, Qt.Key.Key_Return)
    settle(qtbot)
    assert products.get(sqlite_engine, gas.id).weight_kg == Decimal("36.5")
    assert cell(window.model, 0, 7) == "36.5 kg" and window.weight.text() == "36.5"
    window.weight.setText("heavy")
    window.save()
    settle(qtbot)
    assert window.form.error_text("weight_kg") and window.weight.text() == "heavy"
    assert products.get(sqlite_engine, gas.id).weight_kg == Decimal("36.5")


def test_another_workstations_products_show_while_the_form_being_typed_is_kept(
        qtbot, sqlite_engine, gas):
    window = open_window(qtbot, sqlite_engine, "manager")
    other = context(sqlite_engine, "manager")
    current = other.api.products.get(product_id=gas.id)
    with changes.collect() as got:
        other.api.products.save(data=ProductInput(
            sku="LPG-20", name_zh=gas.name_zh, name_en=gas.name_en, unit="cylinder",
            deposit=Decimal(1900)), product_id=gas.id, version=current.version)
    window.ctx.events.changed.emit(got.value)
    qtbot.waitUntil(lambda: window.deposit.text() == "1900")  # nothing typed: shown as saved
    assert cell(window.model, 0, 5) == "NT$1,900"

    window.price.setText("9")  # half typed
    with changes.collect() as got:
        other.api.products.save(data=ProductInput(
            sku="LPG-50", name_zh="液化石油氣 50公斤", unit="cylinder", price=Decimal(2180),
            price_from=date.today()))
    window.ctx.events.changed.emit(got.value)
    qtbot.waitUntil(lambda: [p.sku for p in window.model.rows] == ["LPG-20", "LPG-50"])
    settle(qtbot)
    assert window.price.text() == "9" and window.deposit.text() == "1900" and window.dirty()
    assert window.current.id == gas.id and window.table.currentIndex().row() == 0
