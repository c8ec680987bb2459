"""Depots… and Margin… from the Cylinder stock window, real widgets: a depot added by
keyboard (Enter saves); a bad latitude refused with the form kept; a truck moved to
another depot with the combo on its row; clerks see it all read-only; the lists follow a
change made elsewhere; the month's margin per size, last month by default, exported to
Excel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from core import changes
from core.services import fleet, stock
from core.services.stock import Line
from desktop import dialogs
from desktop.windows.stock import StockWindow
from desktop.windows.stock_depots import DepotsDialog
from desktop.windows.stock_margin import MarginDialog
from tests.gui.records import actor, answers, context, drive, settle, show, texts  # noqa: F401
from tests.integration.money import on_route
from tests.integration.shop import make_customer
from tests.integration.test_stock import deliver, depot_of, sizes

DAY = date.today()


def open_dialog(qtbot, monkeypatch, engine, role, button, fill):
    """The stock window as ``role``; its ``button`` opens the dialog ``fill`` drives."""
    window = show(qtbot, StockWindow(context(engine, role)))
    shown = drive(qtbot, monkeypatch, fill)
    window.buttons[button].click()
    settle(qtbot)
    return shown[0]


def depot_named(engine, name):
    return next((x for x in stock.locations(engine) if x.kind == "depot" and x.name == name),
                None)


def test_a_depot_added_by_keyboard(qtbot, monkeypatch, sqlite_engine, sqlite_seeded):
    def fill(dialog):
        assert isinstance(dialog, DepotsDialog)
        assert texts(dialog.depots, 0) == ["Depot"]
        dialog.new_button.click()
        assert dialog.form_title.text() == "New depot" and dialog.name.hasFocus()
        qtbot.keyClicks(dialog.name, "North depot")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.address, "12 Harbour Road")
        qtbot.keyClicks(dialog.lat, "24.1812")
        qtbot.keyClicks(dialog.lon, "120.6904")
        qtbot.keyClick(dialog.lon, Qt.Key.Key_Return)
        settle(qtbot)
        assert dialog.status.text() == "Saved North depot."
        assert texts(dialog.depots, 0) == ["Depot", "North depot"]
        n = texts(dialog.depots, 0).index("North depot")
        assert (texts(dialog.depots, 1)[n], texts(dialog.depots, 2)[n],
                texts(dialog.depots, 3)[n], texts(dialog.depots, 4)[n]) == (
            "12 Harbour Road", "24.1812", "120.6904", "yes")

    dialog = open_dialog(qtbot, monkeypatch, sqlite_engine, "dispatcher", "depots", fill)
    north = depot_named(sqlite_engine, "North depot")
    assert (north.address, north.lat, north.lon, north.active) == (
        "12 Harbour Road", 24.1812, 120.6904, True)
    assert dialog.current.id == north.id  # the form now edits what was saved


def test_a_bad_latitude_is_refused_and_the_form_kept(qtbot, monkeypatch, sqlite_engine,
                                                      sqlite_seeded):
    def fill(dialog):
        dialog.new()
        dialog.name.setText("南屯站")
        dialog.lat.setText("95")
        dialog.lon.setText("120.6")
        qtbot.keyClick(dialog.lon, Qt.Key.Key_Return)
        settle(qtbot)
        assert "from -90 to 90" in dialog.form.error_text("lat")
        assert dialog.form.error_text("lon") == ""
        assert (dialog.name.text(), dialog.lat.text(), dialog.lon.text()) == (
            "南屯站", "95", "120.6")
        dialog.lat.setText("北緯24")
        qtbot.keyClick(dialog.lat, Qt.Key.Key_Return)
        settle(qtbot)
        assert "from -90 to 90" in dialog.form.error_text("lat")
        dialog.lat.setText("24.13")
        dialog.lon.setText("")  # one coordinate alone: the core refuses it
        qtbot.keyClick(dialog.lat, Qt.Key.Key_Return)
        settle(qtbot)
        assert "Give both coordinates" in dialog.form.error_text("lat")
        assert (dialog.name.text(), dialog.lat.text()) == ("南屯站", "24.13")
        assert depot_named(sqlite_engine, "南屯站") is None
        dialog.lon.setText("120.62")
        qtbot.keyClick(dialog.lon, Qt.Key.Key_Return)
        settle(qtbot)
        assert dialog.form.error_text("lat") == ""

    open_dialog(qtbot, monkeypatch, sqlite_engine, "manager", "depots", fill)
    saved = depot_named(sqlite_engine, "南屯站")
    assert (saved.lat, saved.lon) == (24.13, 120.62)


def test_a_trucks_depot_is_set_with_the_combo_on_its_row(qtbot, monkeypatch, sqlite_engine,
                                                         sqlite_seeded):
    dispatcher = sqlite_seeded["dispatcher"].actor
    north = stock.save_depot(sqlite_engine, dispatcher, name="北屯站", lat=24.18, lon=120.69)
    van = fleet.save_vehicle(sqlite_engine, dispatcher, plate="KAA-1001", capacity=50)

    def fill(dialog):
        combo = dialog.truck_combo(van.id)
        assert combo.isEnabled() and combo.currentText() == "Depot"
        assert [combo.itemText(n) for n in range(combo.count())] == ["Depot", "北屯站"]
        combo.setCurrentIndex(combo.findData(north.id))
        settle(qtbot)
        assert dialog.trucks_status.text() == "KAA-1001 starts at 北屯站."
        assert dialog.truck_combo(van.id).currentText() == "北屯站"  # reloaded

    open_dialog(qtbot, monkeypatch, sqlite_engine, "dispatcher", "depots", fill)
    truck = next(x for x in stock.locations(sqlite_engine) if x.vehicle_id == van.id)
    assert (truck.depot_id, truck.depot) == (north.id, "北屯站")


def test_clerks_see_depots_and_trucks_read_only(qtbot, monkeypatch, sqlite_engine,
                                                sqlite_seeded):
    van = fleet.save_vehicle(sqlite_engine, sqlite_seeded["dispatcher"].actor,
                             plate="KAA-2002", capacity=50)

    def fill(dialog):
        assert texts(dialog.depots, 0) == ["Depot"]
        assert not dialog.save_button.isVisible() and not dialog.new_button.isVisible()
        assert dialog.name.isReadOnly()
        assert not dialog.truck_combo(van.id).isEnabled()
        dialog.save()  # Enter in a read-only form does nothing
        settle(qtbot)

    open_dialog(qtbot, monkeypatch, sqlite_engine, "clerk", "depots", fill)
    assert [x.name for x in stock.locations(sqlite_engine) if x.kind == "depot"] == ["Depot"]


def test_the_lists_follow_a_change_made_elsewhere_and_keep_what_is_typed(
        qtbot, sqlite_engine, sqlite_seeded):
    dispatcher = sqlite_seeded["dispatcher"].actor
    dialog = DepotsDialog(context(sqlite_engine, "dispatcher"))
    show(qtbot, dialog)
    dialog.new()
    dialog.name.setText("typed, not saved")
    with changes.collect() as got:
        stock.save_depot(sqlite_engine, dispatcher, name="Elsewhere")
        van = fleet.save_vehicle(sqlite_engine, dispatcher, plate="KAA-3003", capacity=50)
    dialog.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert texts(dialog.depots, 0) == ["Depot", "Elsewhere"]
    assert dialog.truck_combo(van.id) is not None
    assert dialog.name.text() == "typed, not saved" and dialog.current is None


# --- margin ---------------------------------------------------------------------------------

@pytest.fixture
def month_of_sales(sqlite_engine, sqlite_seeded):
    """This month: 8 LPG-20 bought at 31.5 per kg; three orders of 2 LPG-20 (900 each)
    delivered."""
    engine, manager = sqlite_engine, sqlite_seeded["manager"].actor
    clerk = sqlite_seeded["clerk"].actor
    lpg20, _ = sizes(engine, manager)
    people = [make_customer(engine, manager, f"M{n}", 1_000_000).id for n in range(3)]
    placed, route_id = on_route(engine, sqlite_seeded, lpg20, people, day=DAY, quantity=2)
    depot = depot_of(engine).id
    stock.opening(engine, manager, request_key="open-1", day=DAY, depot_id=depot,
                  lines=(Line(lpg20.id, 30),))
    stock.load(engine, clerk, route_id=route_id, request_key="l", lines=(Line(lpg20.id, 6),))
    for n, o in enumerate(placed):
        deliver(engine, clerk, o, f"d-{n}", empties=2)
    stock.purchase(engine, clerk, request_key="b", day=DAY, depot_id=depot,
                   lines=(Line(lpg20.id, 8, cost_per_kg="31.5"),))


def test_the_months_margin_per_size_and_its_export(qtbot, monkeypatch, sqlite_engine,
                                                   month_of_sales, tmp_path,
                                                   answers):  # noqa: F811
    import openpyxl

    target = tmp_path / "margin.xlsx"
    monkeypatch.setattr(dialogs, "save_file", lambda *a: str(target))

    def fill(dialog):
        assert isinstance(dialog, MarginDialog)
        first = date.today().replace(day=1)
        last = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
        assert dialog.period() == last.strftime("%Y-%m")  # last month by default
        assert dialog.rows.rowCount() == 0 and not dialog.export_button.isEnabled()
        assert "Nothing bought or delivered" in dialog.summary.text()
        dialog.month.setDate(QDate(DAY.year, DAY.month, 1))
        settle(qtbot)
        money = dialog.ctx.money
        assert [texts(dialog.rows, n)[0] for n in range(11)] == [
            "LPG-20", "8", "160", money(Decimal(5040)), "31.5", "6", "120",
            money(Decimal(5400)), "45", money(Decimal(1620)), "13.5"]
        assert money(Decimal(1620)) in dialog.summary.text()
        dialog.export_button.click()
        settle(qtbot)

    open_dialog(qtbot, monkeypatch, sqlite_engine, "manager", "margin", fill)
    sheet = openpyxl.load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["Size", "Bought", "Bought kg", "Cost"]
    assert values[1][:4] == ["LPG-20", 8, 160, 5040]
    assert values[1][9] == 1620 and values[1][4] == "31.5"


def test_a_months_margin_follows_a_purchase_made_elsewhere(qtbot, sqlite_engine,
                                                           month_of_sales, sqlite_seeded):
    dialog = MarginDialog(context(sqlite_engine, "clerk"))
    show(qtbot, dialog)
    dialog.month.setDate(QDate(DAY.year, DAY.month, 1))
    settle(qtbot)
    lpg20 = dialog.rows.rows[0].product_id
    with changes.collect() as got:
        stock.purchase(sqlite_engine, actor("clerk"), request_key="b2", day=DAY,
                       depot_id=depot_of(sqlite_engine).id,
                       lines=(Line(lpg20, 2, cost_per_kg="36.5"),))
    dialog.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert texts(dialog.rows, 1) == ["10"]
    assert texts(dialog.rows, 4) == ["32.5"]  # (5040 + 1460) / 200 kg
