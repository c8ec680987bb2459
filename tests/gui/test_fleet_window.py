"""The Drivers and vehicles window: two lists with their forms, saved through the core."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core import changes
from core.services import fleet
from desktop import dialogs
from desktop.windows import registry
from desktop.windows.fleet import FleetWindow
from tests.gui.records import actor, context, settle, type_chinese

DISPATCHER = actor("dispatcher")


def open_window(qtbot, engine, *roles) -> FleetWindow:
    window = FleetWindow(context(engine, *roles))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def test_a_dispatcher_adds_a_driver_with_enter_and_sees_it_listed(qtbot, sqlite_engine):
    window = open_window(qtbot, sqlite_engine, "dispatcher")
    window.new_driver()
    type_chinese(window.driver_name, "王大明")
    qtbot.keyClicks(window.driver_phone, "0912345678")
    qtbot.keyClick(window.driver_phone, Qt.Key.Key_Return)
    settle(qtbot)
    [saved] = fleet.list_drivers(sqlite_engine)
    assert (saved.name, saved.phone, saved.active) == ("王大明", "+886912345678", True)
    assert window.driver_rows.rows == [saved]
    assert window.driver_rows.data(window.driver_rows.index(0, 1)) == "0912 345 678"
    assert window.driver_status.text() == "Saved 王大明."
    # The new driver is offered as a vehicle's usual driver.
    assert window.usual_driver.findData(saved.id) > 0


def test_a_vehicle_with_its_usual_driver_and_capacity_in_kg(qtbot, sqlite_engine):
    driver = fleet.save_driver(sqlite_engine, DISPATCHER, name="李小華")
    window = open_window(qtbot, sqlite_engine, "dispatcher")
    window.new_vehicle()
    qtbot.keyClicks(window.plate, "abc-1234")
    qtbot.keyClicks(window.capacity, "1500")
    window.capacity_unit.setCurrentIndex(window.capacity_unit.findData("kg"))
    window.usual_driver.setCurrentIndex(window.usual_driver.findData(driver.id))
    qtbot.keyClick(window.capacity, Qt.Key.Key_Return)
    settle(qtbot)
    [v] = fleet.list_vehicles(sqlite_engine)
    assert (v.plate, v.capacity, v.capacity_unit, v.driver_id) == ("ABC-1234", 1500, "kg",
                                                                   driver.id)
    model = window.vehicle_rows
    assert [model.data(model.index(0, c)) for c in range(3)] == ["ABC-1234", "1,500 kg", "李小華"]


def test_a_refused_save_keeps_the_form_and_names_the_field(qtbot, sqlite_engine):
    fleet.save_vehicle(sqlite_engine, DISPATCHER, plate="ABC-1234", capacity=60)
    window = open_window(qtbot, sqlite_engine, "dispatcher")
    window.new_vehicle()
    qtbot.keyClicks(window.plate, "ABC-1234")
    qtbot.keyClicks(window.capacity, "0")
    window.save_vehicle()
    settle(qtbot)
    assert "whole number from 1" in window.vehicle_form.error_text("capacity")
    assert window.plate.text() == "ABC-1234" and window.capacity.text() == "0"
    window.capacity.setText("40")
    window.save_vehicle()
    settle(qtbot)
    assert "Another vehicle has the plate ABC-1234" in window.vehicle_form.error_text("plate")
    assert len(fleet.list_vehicles(sqlite_engine)) == 1
    window.new_driver()
    window.save_driver()
    settle(qtbot)
    assert "name is required" in window.driver_form.error_text("name")


def test_a_driver_changed_elsewhere_asks_to_reload_and_keeps_the_input_on_no(
        qtbot, sqlite_engine, answers):
    driver = fleet.save_driver(sqlite_engine, DISPATCHER, name="王大明")
    window = open_window(qtbot, sqlite_engine, "dispatcher")
    window.driver_table.selectRow(0)
    assert window.driver_name.text() == "王大明"
    fleet.save_driver(sqlite_engine, DISPATCHER, name="王小明", driver_id=driver.id,
                      version=driver.version)
    window.driver_name.setText("王大名")
    answers.append(False)
    window.save_driver()
    settle(qtbot)
    assert dialogs.shown[-1][2].startswith("This driver was changed elsewhere.")
    assert window.driver_name.text() == "王大名"
    assert fleet.list_drivers(sqlite_engine)[0].name == "王小明"
    answers.append(True)  # Yes: the newer version replaces the input
    window.save_driver()
    settle(qtbot)
    assert window.driver_name.text() == "王小明"


def test_an_inactive_driver_is_greyed_and_not_offered_for_vehicles(qtbot, sqlite_engine):
    fleet.save_driver(sqlite_engine, DISPATCHER, name="王大明", active=False)
    window = open_window(qtbot, sqlite_engine, "dispatcher")
    model = window.driver_rows
    assert model.data(model.index(0, 2)) == "no"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert window.usual_driver.count() == 1  # "(none)" only


def test_another_workstations_save_shows_here_keeping_the_chosen_row_and_the_typing(
        qtbot, sqlite_engine):
    driver = fleet.save_driver(sqlite_engine, DISPATCHER, name="王大明")
    fleet.save_driver(sqlite_engine, DISPATCHER, name="李小華")
    window = open_window(qtbot, sqlite_engine, "dispatcher")
    window.driver_table.selectRow(1)
    assert window.driver_name.text() == "王大明"
    window.driver_name.setText("王大")  # half typed
    other = context(sqlite_engine, "dispatcher")
    with changes.collect() as got:
        other.api.fleet.save_vehicle(plate="NEW-0004", capacity=8, driver_id=driver.id)
        other.api.fleet.save_driver(name="張三")
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert [v.plate for v in window.vehicle_rows.rows] == ["NEW-0004"]
    assert window.vehicle_rows.data(window.vehicle_rows.index(0, 2)) == "王大明"
    assert [d.name for d in window.driver_rows.rows] == ["張三", "李小華", "王大明"]
    assert window.drivers.current.id == driver.id
    assert window.driver_table.currentIndex().row() == 2  # the same driver, now third
    assert window.driver_name.text() == "王大"
    assert window.drivers.dirty()


def test_the_window_is_offered_to_dispatchers_only():
    keys = lambda *roles: {e.key for e in registry.visible(actor(*roles))}
    assert "fleet" in keys("dispatcher") and "fleet" not in keys("clerk")
    assert "fleet" in keys("admin")
