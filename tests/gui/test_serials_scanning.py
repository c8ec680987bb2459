"""Serials scanned (a barcode scanner types the serial and Enter) when the company scans
them: into the load dialog of the Cylinder stock window (two serials listed with their
sizes, a duplicate noted, one removed, Enter on the empty line saves); an overdue
cylinder refused at loading keeps the dialog filled with the serial marked; with the
setting off no serials box; the delivery confirmation's serials out and in recorded after
the confirmation, and a refused serial corrected in the dialog, which keeps the
confirmation saved, or left out by closing it and corrected with the window's
"Serials…" (which also takes those of a stop confirmed with Ctrl+D); with the setting
off, no serials in either window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from core.services import cylinders, deliveries, settings, stock
from core.services.cylinders import CylinderInput
from desktop.windows.deliveries.view import DeliveriesWindow
from desktop.windows.stock import CountDialog, StockWindow
from tests.gui.records import actor, context, drive, settle, show
from tests.gui.test_deliveries_window import go_to
from tests.integration.dispatch_day import make_day

DAY = date.today()


def scan_on(engine) -> None:
    settings.update_company(engine, actor("admin"), scan_serials="on")


def register(engine, serial: str, product_id: int, due: date | None = None, **where) -> None:
    cylinders.register(engine, actor("clerk"), CylinderInput(
        serial, product_id, date(2020, 1, 1), retest_due=due or DAY + timedelta(days=400),
        full=True, **where))


def scan(qtbot, box, serial: str) -> None:
    """What a barcode scanner does: the serial's characters, then Enter."""
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, serial)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)


@pytest.fixture
def loaded_route(sqlite_engine, sqlite_seeded):
    """Today's route with six LPG-20 to load; the depot holds 30 LPG-20 and serial
    cylinders TW-0001, TW-0002 (due next year) and TW-0099 (overdue)."""
    from core.services.stock import Line
    from tests.integration.money import on_route
    from tests.integration.shop import make_customer
    from tests.integration.test_stock import depot_of, sizes

    manager = sqlite_seeded["manager"].actor
    lpg20, lpg50 = sizes(sqlite_engine, manager)
    people = [make_customer(sqlite_engine, manager, f"S{n}", 1_000_000).id for n in range(3)]
    _, route_id = on_route(sqlite_engine, sqlite_seeded, lpg20, people, day=DAY, quantity=2)
    stock.opening(sqlite_engine, manager, request_key="open-1", day=DAY,
                  depot_id=depot_of(sqlite_engine).id,
                  lines=(Line(lpg20.id, 30), Line(lpg50.id, 10)))
    register(sqlite_engine, "TW-0001", lpg20.id)
    register(sqlite_engine, "TW-0002", lpg20.id)
    register(sqlite_engine, "TW-0099", lpg20.id, due=DAY - timedelta(days=2))
    return dict(lpg20=lpg20, route_id=route_id)


def open_stock(qtbot, engine) -> StockWindow:
    return show(qtbot, StockWindow(context(engine, "clerk")))


def test_two_serials_scanned_into_a_load_are_listed_with_their_sizes_and_saved(
        qtbot, sqlite_engine, loaded_route, monkeypatch):
    scan_on(sqlite_engine)
    window = open_stock(qtbot, sqlite_engine)

    def fill(dialog):
        assert isinstance(dialog, CountDialog) and dialog.serials is not None
        box = dialog.serials
        scan(qtbot, box, "tw-0001")
        scan(qtbot, box, "TW-0002")
        assert dialog.isVisible()  # Enter after a serial lists it, it does not save
        assert box.serials() == ("TW-0001", "TW-0002")
        scan(qtbot, box, "tw-0001")  # scanned twice
        assert box.serials() == ("TW-0001", "TW-0002")
        assert box.note.text() == "TW-0001 is in the list already."
        scan(qtbot, box, "TW-0099")
        settle(qtbot)
        assert box.describe("TW-0001") == "TW-0001  ·  LPG-20"
        assert box.describe("TW-0099").startswith("TW-0099  ·  LPG-20, re-test overdue")
        box.list.setCurrentRow(2)
        box.remove_button.click()
        assert box.serials() == ("TW-0001", "TW-0002") and box.count.text() == "Serials: 2"
        box.edit.setFocus()
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)  # Enter on the empty line saves
        settle(qtbot)

    shown = drive(qtbot, monkeypatch, fill)
    window.buttons["load"].click()
    settle(qtbot)
    (dialog,) = shown
    assert not dialog.isVisible() and dialog.result_view.kind == "load"
    plate = stock.truck_day(sqlite_engine, loaded_route["route_id"]).plate
    assert [cylinders.get(sqlite_engine, x).location_name for x in ("TW-0001", "TW-0002")] \
        == [plate, plate]
    assert cylinders.get(sqlite_engine, "TW-0099").location_kind == "depot"


def test_an_overdue_cylinder_refused_at_loading_keeps_the_dialog_filled(
        qtbot, sqlite_engine, loaded_route, monkeypatch):
    scan_on(sqlite_engine)
    window = open_stock(qtbot, sqlite_engine)
    due = (DAY - timedelta(days=2)).isoformat()

    def fill(dialog):
        full, _, _ = dialog.counts[loaded_route["lpg20"].id]
        full.setText("5")
        dialog.reason.setPlainText("一瓶留在站內")
        scan(qtbot, dialog.serials, "TW-0001")
        scan(qtbot, dialog.serials, "TW-0099")
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible()
        assert dialog.message.text() == (
            f"Cylinder TW-0099 was due for its re-test on {due}: it cannot be loaded; send "
            "it to the inspection station.")
        assert full.text() == "5" and dialog.reason.toPlainText() == "一瓶留在站內"
        assert dialog.serials.serials() == ("TW-0001", "TW-0099")
        assert dialog.serials.marked() == ["TW-0099"]
        dialog.serials.remove_selected()  # the marked one is the current one
        dialog.submit()
        settle(qtbot)

    shown = drive(qtbot, monkeypatch, fill)
    window.buttons["load"].click()
    settle(qtbot)
    assert shown[0].result_view.kind == "load"
    assert cylinders.get(sqlite_engine, "TW-0001").location_kind == "truck"
    assert cylinders.get(sqlite_engine, "TW-0099").location_kind == "depot"


def test_a_serial_of_a_size_not_counted_is_refused_under_the_serials(
        qtbot, sqlite_engine, loaded_route, monkeypatch):
    scan_on(sqlite_engine)
    window = open_stock(qtbot, sqlite_engine)

    def fill(dialog):
        for full, empty, cost in dialog.counts.values():
            full.setText("")
        full, _, _ = dialog.counts[loaded_route["lpg20"].id]
        full.setText("1")
        scan(qtbot, dialog.serials, "TW-0001")
        scan(qtbot, dialog.serials, "TW-0002")
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible()
        assert dialog.form.error_text("serials") == (
            "2 LPG-20 serials are scanned (TW-0001, TW-0002) but 1 LPG-20 counted: remove a "
            "serial, or correct the count.")
        assert dialog.serials.marked() == ["TW-0001", "TW-0002"]
        dialog.reject()

    drive(qtbot, monkeypatch, fill)
    window.buttons["load"].click()
    settle(qtbot)
    assert not stock.documents(sqlite_engine, day=DAY, route_id=loaded_route["route_id"])


def test_with_the_setting_off_the_dialogs_have_no_serials(
        qtbot, sqlite_engine, loaded_route, monkeypatch):
    window = open_stock(qtbot, sqlite_engine)

    def look(dialog):
        assert dialog.serials is None and "serials" not in dialog.form.fields
        dialog.reject()

    for kind in ("load", "return_", "purchase", "to_plant", "to_station"):
        monkeypatch.undo()
        drive(qtbot, monkeypatch, look)
        window.enter(kind)
        settle(qtbot)


# --- the delivery confirmation ---

@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    made = make_day(sqlite_engine, sqlite_seeded)
    with sqlite_engine.begin() as conn:  # serial cylinders need their size's weight
        conn.execute(text("UPDATE product SET weight_kg = 20 WHERE sku = 'LPG-20'"))
    lpg20 = made.shop.lpg20.id
    register(sqlite_engine, "F-1", lpg20)
    register(sqlite_engine, "F-2", lpg20)
    customers_place = next(x.id for x in stock.locations(sqlite_engine)
                           if x.kind == "customers")
    register(sqlite_engine, "E-1", lpg20, location_id=customers_place,
             customer_id=made.people["C002"].id)
    return made


def open_deliveries(qtbot, engine) -> DeliveriesWindow:
    scan_on(engine)
    return show(qtbot, DeliveriesWindow(context(engine, "clerk")))


def test_the_delivery_dialog_records_the_serials_out_and_in(qtbot, sqlite_engine, day):
    window = open_deliveries(qtbot, sqlite_engine)
    go_to(window, qtbot, "C002")  # one LPG-20, cash
    window.confirm_stop()
    dialog = window.confirm_dialog
    scan(qtbot, dialog.serials_out, "f-1")
    scan(qtbot, dialog.serials_in, "E-1")
    assert dialog.isVisible()
    dialog.save()
    settle(qtbot)
    assert not dialog.isVisible()
    assert (dialog.scans.handed_over, dialog.scans.collected) == (("F-1",), ("E-1",))
    customer = day.people["C002"].id
    f1, e1 = cylinders.get(sqlite_engine, "F-1"), cylinders.get(sqlite_engine, "E-1")
    assert (f1.location_kind, f1.customer_id) == ("customers", customer)
    assert (e1.location_kind, e1.customer_id, e1.full) == ("truck", None, False)
    assert deliveries.for_order(sqlite_engine, day.orders["C002"].id).outcome == "delivered"
    assert window.status.text().endswith(": delivered.")


def test_refused_serials_keep_the_confirmation_saved_and_are_corrected_in_the_dialog(
        qtbot, sqlite_engine, day):
    window = open_deliveries(qtbot, sqlite_engine)
    go_to(window, qtbot, "C002")
    window.confirm_stop()
    dialog = window.confirm_dialog
    scan(qtbot, dialog.serials_out, "NOPE-9")
    scan(qtbot, dialog.serials_in, "E-1")
    dialog.save()
    settle(qtbot)
    assert dialog.isVisible() and dialog.delivery is not None  # confirmed, the serials not
    assert dialog.message.text().startswith(
        "The delivery is saved; its serials are not: No cylinder has the serial NOPE-9")
    assert dialog.serials_out.marked() == ["NOPE-9"]
    assert not dialog.cash.isEnabled() and dialog.save_button.text() == "Save serials"
    assert cylinders.get(sqlite_engine, "E-1").location_kind == "customers"
    dialog.serials_out.remove_selected()
    scan(qtbot, dialog.serials_out, "F-1")
    dialog.save()
    settle(qtbot)
    assert not dialog.isVisible() and dialog.scans.handed_over == ("F-1",)
    assert cylinders.get(sqlite_engine, "E-1").location_kind == "truck"
    assert deliveries.for_order(sqlite_engine, day.orders["C002"].id).outcome == "delivered"
    assert window.status.text().endswith(": delivered.")


def test_closing_with_refused_serials_leaves_them_out_and_the_window_says_so(
        qtbot, sqlite_engine, day):
    window = open_deliveries(qtbot, sqlite_engine)
    go_to(window, qtbot, "C002")
    window.confirm_stop()
    dialog = window.confirm_dialog
    scan(qtbot, dialog.serials_out, "NOPE-9")
    dialog.save()
    settle(qtbot)
    assert dialog.isVisible()
    dialog.cancel_button.click()
    settle(qtbot)
    assert not dialog.isVisible() and dialog.serials_left_out
    assert "its serials were not recorded: correct them with Serials…" in window.status.text()
    assert deliveries.for_order(sqlite_engine, day.orders["C002"].id).outcome == "delivered"
    # The window kept them: "Serials…" on the confirmed stop opens them to correct.
    go_to(window, qtbot, "C002")
    assert window.serials_button.isVisible() and window.serials_button.isEnabled()
    window.serials_button.click()
    settle(qtbot)
    serials = window.serials_dialog
    assert serials.serials_out.serials() == ("NOPE-9",)
    serials.serials_out.remove_selected()
    scan(qtbot, serials.serials_out, "F-1")
    serials.serials_out.edit.setFocus()
    qtbot.keyClick(serials.serials_out.edit, Qt.Key.Key_Return)  # Enter on the empty line
    settle(qtbot)
    assert not serials.isVisible() and serials.result_view.handed_over == ("F-1",)
    assert window.status.text().endswith("serials recorded (1 handed over, 0 collected).")
    assert cylinders.get(sqlite_engine, "F-1").customer_id == day.people["C002"].id


def test_serials_of_a_stop_confirmed_with_ctrl_d_and_a_refusal_kept_in_the_dialog(
        qtbot, sqlite_engine, day):
    window = open_deliveries(qtbot, sqlite_engine)
    go_to(window, qtbot, "C002")
    assert not window.serials_button.isEnabled()  # not confirmed yet
    qtbot.keyClick(window.stops_table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    go_to(window, qtbot, "C002")
    window.scan_serials()
    settle(qtbot)
    serials = window.serials_dialog
    scan(qtbot, serials.serials_in, "F-2")  # in the depot: not collected here, but known
    scan(qtbot, serials.serials_in, "E-1")
    scan(qtbot, serials.serials_out, "E-1")
    serials.submit()
    settle(qtbot)
    assert serials.isVisible()
    assert "Cylinder E-1 is both handed over and collected: scan it once." in \
        serials.message.text()
    assert serials.serials_out.marked() == ["E-1"] and serials.serials_in.marked() == ["E-1"]
    serials.serials_out.remove_selected()
    serials.submit()
    settle(qtbot)
    assert not serials.isVisible() and serials.result_view.collected == ("F-2", "E-1")


def test_with_the_setting_off_the_deliveries_have_no_serials(qtbot, sqlite_engine, day):
    window = show(qtbot, DeliveriesWindow(context(sqlite_engine, "clerk")))
    assert not window.serials_button.isVisible()
    go_to(window, qtbot, "C002")
    window.confirm_stop()
    dialog = window.confirm_dialog
    assert dialog.serials_out is None and "serials_out" not in dialog.form.fields
    dialog.save()
    settle(qtbot)
    assert not dialog.isVisible() and dialog.scans is None
