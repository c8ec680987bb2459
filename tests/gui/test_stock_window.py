"""The Cylinder stock window: full and empty per place and size at the end of a day; a
route's load proposed from its orders and saved with Enter; a return that differs
refused without a reason (the form kept), saved with one and shown beside the truck; a
load beyond the depot refused under its size; a manager's correction of the selected
document; the window following changes made elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from core.services import stock
from core.services.stock import Line
from desktop.windows import registry
from desktop.windows.stock import CorrectionDialog, CountDialog, StockWindow
from tests.gui.records import actor, context, drive, settle, show, texts
from tests.integration.money import on_route
from tests.integration.shop import make_customer
from tests.integration.test_stock import depot_of, sizes

DAY = date.today()


@pytest.fixture
def route(sqlite_engine, sqlite_seeded):
    """Three customers with two LPG-20 each on today's route; the depot holds 30 full
    LPG-20 and 10 full LPG-50."""
    manager = sqlite_seeded["manager"].actor
    lpg20, lpg50 = sizes(sqlite_engine, manager)
    people = [make_customer(sqlite_engine, manager, f"S{n}", 1_000_000).id for n in range(3)]
    _, route_id = on_route(sqlite_engine, sqlite_seeded, lpg20, people, day=DAY, quantity=2)
    stock.opening(sqlite_engine, manager, request_key="open-1", day=DAY,
                  depot_id=depot_of(sqlite_engine).id,
                  lines=(Line(lpg20.id, 30), Line(lpg50.id, 10)))
    return dict(lpg20=lpg20, lpg50=lpg50, route_id=route_id)


def open_window(qtbot, engine, *roles) -> StockWindow:
    return show(qtbot, StockWindow(context(engine, *roles)))


def row_of(window, place: str, sku: str) -> tuple[str, str]:
    n = next(i for i, r in enumerate(window.stock.rows)
             if r.location == place and r.sku == sku)
    return texts(window.stock, 2)[n], texts(window.stock, 3)[n]


def test_the_window_is_offered_to_clerks_dispatchers_and_managers():
    entry = next(e for e in registry.ENTRIES if e.key == "stock")
    assert all(entry.allowed(actor(r)) for r in ("clerk", "dispatcher", "manager"))
    assert entry.available()


def test_a_load_is_proposed_from_the_route_and_saved_with_enter(
        qtbot, sqlite_engine, route, monkeypatch, qtmodeltester):
    window = open_window(qtbot, sqlite_engine, "clerk")
    qtmodeltester.check(window.stock)
    assert row_of(window, "Depot", "LPG-20") == ("30", "0")
    assert texts(window.trucks, 2) == ["6"] and texts(window.trucks, 3) == ["0"]
    assert not window.buttons["scrap"].isVisible()

    def fill(dialog):
        assert isinstance(dialog, CountDialog) and dialog.kind == "load"
        full, empty, _ = dialog.counts[route["lpg20"].id]
        assert (full.text(), empty.text()) == ("6", "")
        full.setText("7")
        full.setFocus()
        qtbot.keyClick(full, Qt.Key.Key_Return)
        settle(qtbot)

    shown = drive(qtbot, monkeypatch, fill)
    window.buttons["load"].click()
    settle(qtbot)
    (dialog,) = shown
    assert not dialog.isVisible() and dialog.result_view.kind == "load"
    assert window.status.text().startswith("Morning load saved")
    assert row_of(window, "Depot", "LPG-20") == ("23", "0")
    assert texts(window.trucks, 3) == ["7"]
    assert texts(window.docs, 2)[0] == "Morning load"


def test_a_return_that_differs_needs_the_reason_and_keeps_the_form(
        qtbot, sqlite_engine, route, monkeypatch):
    clerk = actor("clerk")
    stock.load(sqlite_engine, clerk, route_id=route["route_id"], request_key="l",
               lines=(Line(route["lpg20"].id, 6),))
    window = open_window(qtbot, sqlite_engine, "clerk")
    keys = []

    def fill(dialog):
        full, empty, _ = dialog.counts[route["lpg20"].id]
        assert (full.text(), empty.text()) == ("6", "0")  # nothing delivered yet
        full.setText("5")
        assert "LPG-20: -1 full, +0 empty" in dialog.expected.text()
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible() and full.text() == "5"
        assert "give the reason" in dialog.form.error_text("reason")
        keys.append(dialog.request_key)
        dialog.reason.setPlainText("一瓶漏氣留在車上")
        dialog.submit()
        settle(qtbot)

    drive(qtbot, monkeypatch, fill)
    window.buttons["return_"].click()
    settle(qtbot)
    assert texts(window.trucks, 6) == ["5 / 6"]
    assert texts(window.trucks, 8) == ["-1 full, +0 empty"]
    assert texts(window.trucks, 9) == ["一瓶漏氣留在車上"]
    assert "1 truck(s) came back with a difference" in window.summary.text()
    assert row_of(window, "Depot", "LPG-20") == ("29", "0")


def test_a_load_beyond_the_depot_is_refused_under_its_size(
        qtbot, sqlite_engine, route, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "dispatcher")

    def fill(dialog):
        full, _, _ = dialog.counts[route["lpg20"].id]
        full.setText("31")
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible() and full.text() == "31"
        assert "Depot holds 30 full and 0 empty LPG-20" in dialog.form.error_text("LPG-20")
        dialog.reject()

    drive(qtbot, monkeypatch, fill)
    window.buttons["load"].click()
    settle(qtbot)
    assert row_of(window, "Depot", "LPG-20") == ("30", "0")


def test_a_purchase_and_a_managers_correction_of_the_selected_document(
        qtbot, sqlite_engine, route, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    assert window.buttons["correction"].isVisible()

    def buy(dialog):
        full, empty, cost = dialog.counts[route["lpg50"].id]
        assert not empty.isEnabled()
        full.setText("4")
        cost.setText("30.5")
        dialog.submit()
        settle(qtbot)

    drive(qtbot, monkeypatch, buy)
    window.buttons["purchase"].click()
    settle(qtbot)
    assert row_of(window, "Depot", "LPG-50") == ("14", "0")
    window.doc_table.setCurrentIndex(window.docs.index(0, 0))

    def reverse(dialog):
        assert isinstance(dialog, CorrectionDialog) and dialog.doc.kind == "purchase"
        dialog.reason.setText("重複輸入")
        dialog.submit()
        settle(qtbot)

    monkeypatch.undo()
    drive(qtbot, monkeypatch, reverse)
    window.buttons["correction"].click()
    settle(qtbot)
    assert row_of(window, "Depot", "LPG-50") == ("10", "0")
    assert texts(window.docs, 2)[:2] == ["Correction", "Purchase from the plant"]


def test_the_window_follows_a_change_made_elsewhere(qtbot, sqlite_engine, route):
    from core import changes

    window = open_window(qtbot, sqlite_engine, "clerk")
    with changes.collect() as got:
        stock.transfer(sqlite_engine, actor("clerk"), request_key="t", day=DAY,
                       from_id=depot_of(sqlite_engine).id,
                       to_id=stock.save_depot(sqlite_engine, actor("manager"), name="北屯站").id,
                       lines=(Line(route["lpg20"].id, 5),))
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert row_of(window, "Depot", "LPG-20") == ("25", "0")
    assert row_of(window, "北屯站", "LPG-20") == ("5", "0")


def test_the_cash_up_shows_the_selected_routes_truck(qtbot, sqlite_engine, route):
    from desktop.windows.cashup.view import CashUpWindow

    stock.load(sqlite_engine, actor("clerk"), route_id=route["route_id"], request_key="l",
               lines=(Line(route["lpg20"].id, 6),))
    window = show(qtbot, CashUpWindow(context(sqlite_engine, "clerk")))
    window.routes_table.setCurrentIndex(window.routes.index(0, 0))
    settle(qtbot)
    assert window.cylinders.text() == (
        "Cylinders: LPG-20 loaded 6, delivered 0, collected 0; back 0 full / 0 empty of 6 / 0"
        " · not returned yet")
