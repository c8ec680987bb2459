"""The Safety inspections window: the due list, visits planned for the customers chosen,
a result recorded (a refused save keeps the form), the record printed, and a manager
clearing a gas stop; order entry shows the stop when the customer is picked."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import Qt

from core import changes
from core.services import customers, dispatch, fleet, inspections, orders, settings
from core.services.customers import CustomerInput
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.windows.inspections import (ClearDialog, InspectionsWindow, NextDateDialog,
                                         PlanDialog, RecordDialog)
from tests.gui.records import context, drive, settle, show, texts
from tests.integration.shop import make_products

TODAY = date.today()


def people(engine, seeded):
    settings.update_company(engine, seeded["admin"].actor, name="大台中瓦斯行",
                            depot_lat="24.16", depot_lon="120.63")
    make_products(engine, seeded["manager"].actor)
    return [customers.save(engine, seeded["manager"].actor, CustomerInput(
        code=code, name=name, phone="", credit_limit=None)) for code, name in
        (("C1", "好味道小吃店"), ("C2", "陳記麵館"))]


def test_plan_record_print_and_clear(qtbot, sqlite_engine, sqlite_seeded, monkeypatch):
    c1, c2 = people(sqlite_engine, sqlite_seeded)
    window = show(qtbot, InspectionsWindow(context(sqlite_engine, "clerk", "dispatcher")))
    settle(qtbot)
    assert texts(window.due, 0) == ["C1", "C2"]
    assert texts(window.due, 2) == ["never", "never"]
    assert window.clear_button.isHidden()  # a manager's

    # Plan both for the next working day.
    window.due_table.selectAll()
    day = settings.get_company(sqlite_engine).next_working_day(TODAY)

    def plan(dialog):
        assert isinstance(dialog, PlanDialog) and dialog.day.date().toPython() == day
        dialog.submit()

    drive(qtbot, monkeypatch, plan)
    window.plan_button.click()
    settle(qtbot)
    assert window.status.text() == "2 visits planned."
    assert texts(window.due, 4) == [day.isoformat()] * 2
    assert texts(window.visits, 2) == ["C1 好味道小吃店", "C2 陳記麵館"]

    # On a confirmed route, then recorded: a fail without remarks is refused, the form kept.
    dispatcher = sqlite_seeded["dispatcher"].actor
    van = fleet.save_vehicle(sqlite_engine, dispatcher, plate="V-1", capacity=60)
    ids = [v.order_id for v in inspections.visits(sqlite_engine, day, day)]
    board = dispatch.move(sqlite_engine, dispatcher, order_id=ids[0], route_id=None,
                          vehicle_id=van.id)
    dispatch.move(sqlite_engine, dispatcher, order_id=ids[1], route_id=board.routes[0].id)
    dispatch.confirm(sqlite_engine, dispatcher, day=day)
    settle(qtbot)
    window.tabs.setCurrentIndex(1)
    window.visits_table.setCurrentIndex(window.visits.index(0, 0))
    assert window.record_button.isEnabled() and not window.print_button.isEnabled()

    def record(dialog):
        assert isinstance(dialog, RecordDialog)
        assert dialog.next_date.date().toPython() == inspections.add_months(day, 24)
        dialog.items["hose"].setChecked(False)
        assert dialog.result_box.currentData() == "fail"
        dialog.inspector.setText("王大明")
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible() and "remarks" in dialog.form.error_text("remarks")
        assert dialog.inspector.text() == "王大明" and not dialog.items["hose"].isChecked()
        dialog.remarks.setPlainText("瓦斯管龜裂")
        dialog.submit()

    drive(qtbot, monkeypatch, record)
    window.record_button.click()
    settle(qtbot)
    assert window.status.text().startswith("好味道小吃店: fail; next inspection")
    assert texts(window.visits, 4)[0] == "fail"
    assert window.print_button.isEnabled() and not window.record_button.isEnabled()

    previews = []
    monkeypatch.setattr("desktop.dialogs.run_dialog", lambda d: previews.append(d) or 0)
    window.print_button.click()
    settle(qtbot)
    assert isinstance(previews[0], PrintPreviewDialog) and previews[0].page_count() == 1

    # Gas orders stopped: a clerk sees it, a manager clears it.
    window.tabs.setCurrentIndex(2)
    assert texts(window.stops, 1) == ["好味道小吃店"]
    # What another workstation commits reaches this one (the office server's push).
    unsubscribe = changes.subscribe(window.ctx.events.changed.emit)
    manager = show(qtbot, InspectionsWindow(context(sqlite_engine, "manager")))
    settle(qtbot)
    assert not manager.clear_button.isHidden()
    manager.stops_table.setCurrentIndex(manager.stops.index(0, 0))

    def clear(dialog):
        assert isinstance(dialog, ClearDialog)
        assert "瓦斯管龜裂" in dialog.why.text()
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible() and dialog.form.error_text("reason")
        dialog.reason.setText("已更換瓦斯管")
        dialog.submit()

    drive(qtbot, monkeypatch, clear)
    manager.clear_button.click()
    settle(qtbot)
    assert manager.status.text() == "Gas orders for 好味道小吃店 go again."
    assert texts(manager.stops, 1) == []
    settle(qtbot)
    assert texts(window.stops, 1) == []  # the clerk's window refreshed too
    unsubscribe()
    assert inspections.gas_stop(sqlite_engine, c1.id) is None
    assert orders.place(sqlite_engine, sqlite_seeded["clerk"].actor, orders.OrderInput(
        c1.id, (orders.LineInput(orders.price_list(sqlite_engine, customer_id=c1.id, day=day)[0]
                                 .product_id, 1),), delivery_date=day)).customer_id == c1.id

    # A next date set by hand (Enter saves).
    window.tabs.setCurrentIndex(0)
    settle(qtbot)
    assert texts(window.due, 0) == ["C2"]
    window.due_table.selectAll()
    soon = TODAY + timedelta(days=10)

    def set_next(dialog):
        assert isinstance(dialog, NextDateDialog)
        dialog.next_date.setDate(soon)
        qtbot.keyClick(dialog.next_date, Qt.Key.Key_Return)

    drive(qtbot, monkeypatch, set_next)
    window.next_button.click()
    settle(qtbot)
    assert window.status.text() == "The next inspection was set (1 changed)."
    assert texts(window.due, 2) == [soon.isoformat()] and c2.id == window.due.row(0).customer_id


def test_order_entry_shows_the_gas_stop_when_the_customer_is_picked(
        qtbot, sqlite_engine, sqlite_seeded):
    from desktop.windows.orders.entry import OrderEntryWindow

    c1, c2 = people(sqlite_engine, sqlite_seeded)
    clerk, dispatcher = sqlite_seeded["clerk"].actor, sqlite_seeded["dispatcher"].actor
    day = TODAY + timedelta(days=1)
    visit = inspections.plan(sqlite_engine, clerk, day=day, customer_ids=[c1.id],
                             request_key=uuid.uuid4().hex).visits[0]
    van = fleet.save_vehicle(sqlite_engine, dispatcher, plate="V-2", capacity=60)
    dispatch.move(sqlite_engine, dispatcher, order_id=visit.order_id, route_id=None,
                  vehicle_id=van.id)
    dispatch.confirm(sqlite_engine, dispatcher, day=day)
    inspections.record(sqlite_engine, clerk, order_id=visit.order_id, result="fail",
                       items=[("regulator", False)], remarks="調整器漏氣", inspector="王大明",
                       request_key=uuid.uuid4().hex)
    window = show(qtbot, OrderEntryWindow(context(sqlite_engine, "clerk")))
    api = window.ctx.api
    window._picked(api.orders.customer_form(customer_id=c1.id, day=day))
    assert window.gas_stop.isVisibleTo(window)
    assert "Gas orders for 好味道小吃店 are stopped" in window.gas_stop.text()
    assert "調整器漏氣" in window.gas_stop.text()
    window._picked(api.orders.customer_form(customer_id=c2.id, day=day))
    assert not window.gas_stop.isVisibleTo(window)
