"""The Deliveries window: a day's confirmed routes, their stops in driving order, and
what happened at each stop entered once (delivered, partial, failed), undone by a
manager, or moved to another date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from core import changes
from core.db import unit_of_work
from core.models import Delivery
from core.services import (billing, cash_sales, cashup, customers, deliveries, dispatch, orders,
                           payments, settings)
from core.services.customers import CustomerInput
from desktop import dialogs
from desktop.windows import registry
from desktop.windows.deliveries.confirm import DeliveryDialog, RescheduleDialog
from desktop.windows.deliveries.view import DeliveriesWindow
from desktop.windows.payments.dialogs import CollectDialog, RefundDialog
from desktop.widgets.action import OverrideDialog
from tests.gui.records import actor, context, drive, settle, show, texts
from tests.integration.dispatch_day import make_day
from tests.integration.shop import line, order_for


@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    return make_day(sqlite_engine, sqlite_seeded)


def open_window(qtbot, engine, *roles) -> DeliveriesWindow:
    return show(qtbot, DeliveriesWindow(context(engine, *roles)))


def go_to(window, qtbot, code: str) -> None:
    """Make the stop of customer ``code`` the current one, as the arrow keys would."""
    for group in range(window.routes.rowCount()):
        window.routes_table.selectRow(group)
        number = window.stops.find(lambda s: s.customer_code == code)
        if number is not None:
            window.stops_table.selectRow(number)
            settle(qtbot)
            return
    raise AssertionError(code)


def count_deliveries(engine) -> int:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.count()).select_from(Delivery))


def test_the_days_routes_and_their_stops_in_driving_order(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert texts(window.routes, 0) == ["ABC-1234", "XYZ-5678", "Not on a route"]
    assert texts(window.routes, 1)[:2] == ["王大明", "李小華"]
    assert texts(window.routes, 3)[:2] == ["0 / 3", "0 / 1"]
    assert texts(window.stops, 2) == ["C001  好味道小吃店", "C002  陳記麵館", "C004  幸福早餐店"]
    assert texts(window.stops, 4) == ["on account", "NT$945", "NT$2,835"]
    assert set(texts(window.stops, 5)) == {"to confirm"}
    assert window.stop_title.text() == "C001  好味道小吃店"
    assert "Notes: 後門進出，請按電鈴" in window.stop_facts.text()
    assert window.cylinders.text() == "Cylinders held: none"
    # Right goes to the next route, Down to the next stop.
    qtbot.keyClick(window.stops_table, Qt.Key.Key_Right)
    assert texts(window.stops, 2) == ["C003  林家火鍋"]
    qtbot.keyClick(window.stops_table, Qt.Key.Key_Left)
    qtbot.keyClick(window.stops_table, Qt.Key.Key_Down)
    assert window.current_stop().customer_code == "C002"


def test_enter_twice_confirms_a_stop_delivered_with_its_empties_and_cash(
        qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    go_to(window, qtbot, "C002")
    qtbot.keyClick(window.stops_table, Qt.Key.Key_Return)  # opens the dialog
    dialog = window.confirm_dialog
    assert isinstance(dialog, DeliveryDialog) and dialog.outcome() == "delivered"
    assert dialog.cash.text() == "945"  # a cash order: its total
    assert [r.empties.value() for r in dialog.rows] == [1]
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)  # Enter saves
    settle(qtbot)
    d = deliveries.for_order(sqlite_engine, day.orders["C002"].id)
    assert (d.outcome, d.cash_collected, d.amount) == ("delivered", Decimal(945), Decimal(945))
    assert [e for _, _, e in d.lines] == [1]
    customer = day.people["C002"].id
    assert deliveries.cylinders_held(sqlite_engine, customer) == {}  # one out, one back
    assert window.status.text() == f"{d.order_number}: delivered."
    assert texts(window.routes, 3)[0] == "1 / 3"
    assert texts(window.stops, 5)[1] == "delivered · cash NT$945"
    # The next stop still to confirm is the current one.
    assert window.current_stop().customer_code == "C004"


def test_ctrl_d_confirms_the_current_stop_delivered_as_ordered(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "dispatcher")
    assert window.current_stop().customer_code == "C001"
    qtbot.keyClick(window.stops_table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    d = deliveries.for_order(sqlite_engine, day.orders["C001"].id)
    assert d.outcome == "delivered" and d.cash_collected == 0  # on account
    assert sorted(e for _, _, e in d.lines) == [1, 2]  # 2 × 20 kg and 1 × 50 kg exchanged
    assert "delivered" in texts(window.stops, 5)[0]


def test_a_partial_delivery_with_quantities_and_empties(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    go_to(window, qtbot, "C004")  # 3 × LPG-20, cash
    window.confirm_stop()
    dialog = window.confirm_dialog
    dialog.outcome_buttons["partially_delivered"].click()
    assert dialog.outcome() == "partially_delivered"
    row = dialog.rows[0]
    row.delivered.selectAll()
    qtbot.keyClicks(row.delivered, "2")
    assert dialog.cash.text() == "1890"  # two at 945: the cash follows what was delivered
    assert row.empties.value() == 2
    row.empties.setValue(1)  # one empty was not ready
    qtbot.keyClicks(dialog.reason, "only two needed today")
    dialog.save()
    settle(qtbot)
    d = deliveries.for_order(sqlite_engine, day.orders["C004"].id)
    assert (d.outcome, d.amount, d.cash_collected, d.reason) == (
        "partially_delivered", Decimal(1890), Decimal(1890), "only two needed today")
    assert [(q, e) for _, q, e in d.lines] == [(Decimal(2), 1)]
    assert deliveries.cylinders_held(sqlite_engine, day.people["C004"].id) == {
        day.shop.lpg20.id: 1}
    go_to(window, qtbot, "C004")
    assert "Cylinders held: LPG-20 LPG cylinder 20 kg × 1" in window.cylinders.text()
    assert "LPG-20: 2 of 3 delivered, 1 empties back" in window.outcome.text()
    assert texts(window.stops, 5)[2] == \
        "partially delivered · cash NT$1,890: only two needed today"


def test_a_failed_delivery_needs_a_reason_and_the_form_keeps_its_input(
        qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.confirm_stop()  # C001, on account
    dialog = window.confirm_dialog
    dialog.choose("failed")
    assert dialog.cash.text() == "0" and not dialog.rows[0].delivered.isEnabled()
    dialog.rows[0].empties.setValue(1)  # an empty handed back anyway
    dialog.save()
    settle(qtbot)
    assert "Give the reason" in dialog.form.error_text("reason")
    assert dialog.isVisible() and dialog.outcome() == "failed"
    assert dialog.rows[0].empties.value() == 1
    assert deliveries.for_order(sqlite_engine, day.orders["C001"].id) is None
    qtbot.keyClicks(dialog.reason, "nobody at home")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle(qtbot)
    d = deliveries.for_order(sqlite_engine, day.orders["C001"].id)
    assert (d.outcome, d.reason, d.amount) == ("failed", "nobody at home", Decimal(0))
    assert texts(window.stops, 5)[0] == "failed: nobody at home"
    go_to(window, qtbot, "C001")  # a failed stop may go to another date, not be confirmed again
    assert window.move_button.isEnabled() and not window.confirm_button.isEnabled()


def test_saving_the_same_dialog_twice_makes_one_delivery(qtbot, sqlite_engine, day,
                                                         monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    go_to(window, qtbot, "C002")
    window.confirm_stop()
    dialog = window.confirm_dialog
    real = window.ctx.api.call
    calls = []

    def lost_answer(name, **arguments):
        result = real(name, **arguments)
        if name == "deliveries.confirm":
            calls.append(arguments["data"].request_key)
            if len(calls) == 1:  # stored, but the answer never reached the workstation
                raise OSError("connection reset")
        return result

    monkeypatch.setattr(window.ctx.api, "call", lost_answer)
    dialog.save_button.click()
    dialog.save_button.click()  # a double click: the button is off while the first runs
    settle(qtbot)
    assert len(calls) == 1 and dialog.isVisible()
    assert dialogs.shown[-1][1] == "Something went wrong"
    dialog.save()  # again, after the error
    settle(qtbot)
    assert calls == [dialog.request_key] * 2
    assert count_deliveries(sqlite_engine) == 1
    assert not dialog.isVisible() and dialog.delivery is not None


def test_a_manager_undoes_a_confirmation_with_a_reason(qtbot, sqlite_engine, day,
                                                        monkeypatch):
    clerk = actor("clerk")
    o = day.orders["C002"]
    deliveries.confirm(sqlite_engine, clerk, deliveries.DeliveryInput(
        order_id=o.id, request_key="k1", outcome="delivered", cash_collected=Decimal(945)))
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert not window.undo_button.isVisible()
    window = open_window(qtbot, sqlite_engine, "manager")
    go_to(window, qtbot, "C002")
    assert window.undo_button.isEnabled() and not window.confirm_button.isEnabled()
    asked = []
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: asked.append(args) or "")
    window.undo()
    settle(qtbot)
    assert "reason" in window.status.text()  # a blank reason is refused
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: "wrong customer ticked")
    window.undo()
    settle(qtbot)
    assert deliveries.for_order(sqlite_engine, o.id) is None
    assert orders.get(sqlite_engine, o.id).status == "scheduled"
    assert "was undone" in window.status.text()
    assert window.current_stop().customer_code == "C002"
    assert texts(window.stops, 5)[1] == "to confirm" and window.confirm_button.isEnabled()


def test_an_unplanned_order_moves_to_another_date(qtbot, sqlite_engine, day, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.routes_table.selectRow(2)  # not on a route: C005
    settle(qtbot)
    assert texts(window.stops, 2) == ["C005  阿明便當"]
    assert window.move_button.isEnabled() and not window.confirm_button.isEnabled()
    later = date.today() + timedelta(days=3)

    def run(dialog):
        dialog.day.setDate(later)
        qtbot.keyClick(dialog.day, Qt.Key.Key_Return)  # Enter moves
        settle(qtbot)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.reschedule()
    settle(qtbot)
    o = orders.get(sqlite_engine, day.orders["C005"].id)
    assert o.delivery_date == later
    assert window.status.text() == f"{o.number} is moved to {later.isoformat()}."
    assert "Not on a route" not in texts(window.routes, 0)


def test_a_failed_order_refused_by_credit_moves_with_a_managers_override(
        qtbot, sqlite_engine, sqlite_seeded, day, monkeypatch):
    o = day.orders["C003"]  # on account (4,893), on XYZ-5678
    deliveries.confirm(sqlite_engine, actor("clerk"), deliveries.DeliveryInput(
        order_id=o.id, request_key="k2", outcome="failed", reason="closed"))
    c = customers.get(sqlite_engine, day.people["C003"].id)
    customers.save(sqlite_engine, sqlite_seeded["manager"].actor, CustomerInput(
        name=c.name, code=c.code, phone=c.phone, address=c.address, lat=c.lat, lon=c.lon,
        credit_limit=Decimal(1000)), customer_id=c.id, version=c.version)
    window = open_window(qtbot, sqlite_engine, "clerk")
    go_to(window, qtbot, "C003")
    assert window.move_button.isEnabled()
    later = date.today() + timedelta(days=2)
    shown = []

    def run(dialog):
        shown.append(dialog)
        if isinstance(dialog, RescheduleDialog):
            dialog.day.setDate(later)
            dialog.move()
            settle(qtbot)
        elif isinstance(dialog, OverrideDialog):
            dialog.manager.setText("manager")
            dialog.password.setText(sqlite_seeded["manager"].password)
            dialog.reason.setText("pays on Friday")
            dialog.request_override()
            settle(qtbot)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.reschedule()
    settle(qtbot)
    assert [type(d) for d in shown] == [RescheduleDialog, OverrideDialog]
    moved = orders.get(sqlite_engine, o.id)
    assert (moved.status, moved.delivery_date) == ("confirmed", later)
    assert [(x.requested_by, x.approved_by) for x in moved.overrides] == [("clerk", "manager")]
    assert o.id in {s.order_id for s in dispatch.board(sqlite_engine, later).unplanned}
    assert window.status.text() == f"{moved.number} is moved to {later.isoformat()}."


def test_the_route_sheet_preview_of_the_chosen_route(qtbot, sqlite_engine, day, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    shown = []
    monkeypatch.setattr(dialogs, "run_dialog", lambda d: shown.append(d) or 0)
    qtbot.keyClick(window.stops_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    (preview,) = shown
    assert preview.page_count() == 1
    assert preview.windowTitle() == f"Route sheet ABC-1234 {day.day.isoformat()}"


def test_a_day_without_confirmed_routes_says_so(qtbot, sqlite_engine, sqlite_seeded):
    make_day(sqlite_engine, sqlite_seeded, confirm=False)
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert texts(window.routes, 0) == ["Not on a route"]
    window.day.setDate(window.day.date().addDays(1))
    settle(qtbot)
    assert window.routes.rowCount() == 0
    assert window.empty_note.text() == "Nothing is to be delivered on this day."


def test_a_stop_confirmed_on_another_workstation_shows_here_keeping_the_stop_and_the_typing(
        qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    go_to(window, qtbot, "C004")
    window.confirm_stop()
    dialog = window.confirm_dialog
    dialog.choose("failed")
    qtbot.keyClicks(dialog.reason, "nobody at h")  # half typed
    other = context(sqlite_engine, "dispatcher")  # the driver's call, taken in the office
    with changes.collect() as got:
        other.api.deliveries.confirm(data=deliveries.DeliveryInput(
            order_id=day.orders["C002"].id, request_key="phone-1", outcome="delivered",
            cash_collected=Decimal(945)))
    assert got.value.touches("orders", day.orders["C002"].id)
    assert texts(window.stops, 5)[1] == "to confirm"  # nothing reaches it without the push

    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert texts(window.stops, 5)[1] == "delivered · cash NT$945"
    assert texts(window.routes, 3)[0] == "1 / 3"
    assert window.current_stop().customer_code == "C004"
    assert dialog.isVisible() and dialog.outcome() == "failed"
    assert dialog.reason.text() == "nobody at h"


def test_only_a_change_to_what_the_day_shows_reloads_it(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    loads = []
    real = window.ctx.api.call
    window.ctx.api.call = lambda name, **kw: loads.append(name) or real(name, **kw)
    window.ctx.events.changed.emit(changes.Changes.of(
        quotes=[1], settings=True, routes=[day.day + timedelta(days=1)]))
    settle(qtbot)
    assert "deliveries.day" not in loads
    window.ctx.events.changed.emit(changes.Changes.of(routes=[day.day]))
    settle(qtbot)
    assert loads.count("deliveries.day") == 1


def test_clerks_and_dispatchers_are_offered_the_window():
    for roles in (("clerk",), ("dispatcher",), ("manager",)):
        assert "deliveries" in {e.key for e in registry.visible(actor(*roles))}


# --- money at the stop ----------------------------------------------------------------------

def invoiced_c001(engine, day) -> None:
    """C001's stop delivered (on account) and invoiced at once: 4,179 open."""
    deliveries.confirm(engine, actor("clerk"), deliveries.DeliveryInput(
        order_id=day.orders["C001"].id, request_key="c001", outcome="delivered"))
    billing.invoice_now(engine, actor("manager"), customer_id=day.people["C001"].id)


def test_a_payment_collected_at_a_stop_is_on_its_route_and_in_its_cash_up(
        qtbot, sqlite_engine, day, monkeypatch):
    invoiced_c001(sqlite_engine, day)
    route = day.route_of("ABC-1234")
    window = open_window(qtbot, sqlite_engine, "clerk")
    go_to(window, qtbot, "C001")
    assert window.collect_button.isEnabled() and not window.door_refund_button.isVisible()

    def fill(dialog):
        assert isinstance(dialog, CollectDialog)
        assert [r.open for r in dialog.invoices.rows] == [Decimal(4179)]
        dialog.method.setCurrentIndex(dialog.method.findData("cheque"))
        qtbot.keyClicks(dialog.amount, "5000")
        assert texts(dialog.invoices, 3) == ["NT$4,179"]  # the oldest first, as the core
        assert dialog.plan.text() == \
            "NT$4,179 placed on the oldest invoices; NT$821 stays as credit."
        dialog.submit()  # the cheque's number and bank are missing
        settle(qtbot)
        assert dialog.isVisible() and "number" in dialog.form.error_text("cheque_number")
        assert dialog.amount.text() == "5000"  # kept
        qtbot.keyClicks(dialog.cheque_number, "AB123456")
        qtbot.keyClicks(dialog.cheque_bank, "Bank of Taiwan")
        key = dialog.request_key
        dialog.record_button.click()
        settle(qtbot)
        assert dialog.request_key == key and not dialog.isVisible()

    shown = drive(qtbot, monkeypatch, fill)
    window.collect_payment()
    settle(qtbot)
    (dialog,) = shown
    paid = dialog.result_view
    assert (paid.route_id, paid.method, paid.amount, paid.received_on) == (
        route.id, "cheque", Decimal(5000), day.day)
    assert [a.amount for a in paid.allocations] == [Decimal(4179)]
    cash = cashup.route_cash(sqlite_engine, route.id)
    assert cash.collected == Decimal(5000) and cash.expected == Decimal(5000)
    assert [(x.kind, x.method, x.amount) for x in cash.items] == [
        ("payment", "cheque", Decimal(5000))]
    assert window.status.text().startswith("NT$5,000 taken from 好味道小吃店 at the stop.")


def test_a_manager_refunds_credit_at_the_door_in_cash_on_the_route(
        qtbot, sqlite_engine, day, monkeypatch):
    route = day.route_of("ABC-1234")
    customer = day.people["C002"]
    payments.record_payment(sqlite_engine, actor("clerk"), customer_id=customer.id,
                            method="cash", amount="500")  # 500 in credit
    clerk_window = open_window(qtbot, sqlite_engine, "clerk")
    assert not clerk_window.door_refund_button.isVisible()
    window = open_window(qtbot, sqlite_engine, "manager")
    go_to(window, qtbot, "C002")

    def fill(dialog):
        assert isinstance(dialog, RefundDialog) and dialog.amount.text() == "500"
        assert not dialog.method.isEnabled() and dialog.method.currentData() == "cash"
        assert dialog.paid_on.date().toPython() == day.day
        dialog.amount.setText("800")
        qtbot.keyClicks(dialog.reason, "overpaid last month")
        dialog.submit()  # more than the credit: refused under the amount, the form kept
        settle(qtbot)
        assert "credit" in dialog.form.error_text("amount") and dialog.isVisible()
        assert dialog.reason.text() == "overpaid last month"
        dialog.amount.setText("300")
        dialog.submit()
        settle(qtbot)

    shown = drive(qtbot, monkeypatch, fill)
    window.refund_at_door()
    settle(qtbot)
    (dialog,) = shown
    refund = dialog.result_view
    assert (refund.kind, refund.method, refund.amount, refund.route_id) == (
        "refund", "cash", Decimal(300), route.id)
    cash = cashup.route_cash(sqlite_engine, route.id)
    assert (cash.refunds, cash.expected) == (Decimal(300), Decimal(-300))
    assert window.status.text() == "NT$300 paid back to 陳記麵館 at the door."


def test_no_money_is_taken_at_a_stop_on_no_confirmed_route(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "manager")
    window.routes_table.selectRow(2)  # not on a route: C005
    settle(qtbot)
    assert not window.collect_button.isEnabled() and not window.door_refund_button.isEnabled()


def test_the_cash_on_an_order_on_account_is_off_and_a_cash_order_defaults_to_its_sales_total(
        qtbot, sqlite_engine, sqlite_seeded, monkeypatch):
    day = make_day(sqlite_engine, sqlite_seeded, confirm=False)
    settings.update_company(sqlite_engine, actor("manager"), tax_rounding="total")
    # 910 and 2,190 (+5 %): the line taxes 45.5 and 109.5 round to 156, the total's to 155.
    odd = orders.place(sqlite_engine, actor("clerk"), order_for(
        day.people["C004"], line(day.shop.lpg20, 1, Decimal(910)),
        line(day.shop.lpg50, 1, Decimal(2190)), delivery_date=day.day))
    assert odd.payment == "cash" and odd.total == Decimal(3256)
    dispatcher = actor("dispatcher")
    dispatch.move(sqlite_engine, dispatcher, order_id=odd.id,
                  route_id=day.route_of("XYZ-5678").id)
    dispatch.confirm(sqlite_engine, dispatcher, day=day.day)
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.confirm_stop()  # C001, on account
    assert not window.confirm_dialog.cash.isEnabled() and window.confirm_dialog.cash.text() == "0"
    window.confirm_dialog.reject()
    window.routes_table.selectRow(1)
    settle(qtbot)
    window.stops_table.selectRow(window.stops.find(lambda s: s.order_id == odd.id))
    window.confirm_stop()
    dialog = window.confirm_dialog
    assert dialog.cash.isEnabled() and dialog.cash.text() == "3255"
    dialog.save()
    settle(qtbot)
    d = deliveries.for_order(sqlite_engine, odd.id)
    assert d.cash_collected == Decimal(3255)
    assert cash_sales.of_delivery(sqlite_engine, d.id).total == Decimal(3255)


def test_connected_a_payment_collected_at_a_stop_goes_through_the_server(
        qtbot, engine, seeded, server, monkeypatch):
    from core.config import LocalSettings
    from desktop.context import AppContext

    day = make_day(engine, seeded)
    invoiced_c001(engine, day)
    conn = server.connect("clerk")
    ctx = AppContext(api=conn, actor=conn.actor, local=LocalSettings(language="en"),
                     company=conn.settings.get_company(), database=server.url)
    window = DeliveriesWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, timeout=15_000)
    go_to(window, qtbot, "C001")

    def fill(dialog):
        qtbot.waitUntil(lambda: dialog.invoices.rowCount() == 1, timeout=15_000)
        qtbot.keyClicks(dialog.amount, "1000")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result_view is not None, timeout=15_000)

    drive(qtbot, monkeypatch, fill)
    window.collect_payment()
    settle(qtbot, timeout=15_000)
    route = day.route_of("ABC-1234")
    assert cashup.route_cash(engine, route.id).collected == Decimal(1000)
    assert window.status.text().startswith("NT$1,000 taken from 好味道小吃店 at the stop.")
