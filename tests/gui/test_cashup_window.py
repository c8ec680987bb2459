"""The Cash-up window: each route of a day counted against what its driver should hand in,
a variance approved by a manager, a settlement reopened by one, and a count typed never
lost (a refused save, another route looked at, a change made elsewhere)."""

from __future__ import annotations

import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from core.db import unit_of_work
from core.models import Settlement
from core.services import cashup, deliveries, payments
from core.services.deliveries import DeliveryInput
from desktop.windows import registry
from desktop.windows.cashup.count import DENOMINATIONS
from desktop.windows.cashup.view import CashUpWindow
from tests.gui.billing_data import delivered_day
from tests.gui.cash_data import WAIT_MS, two_workstations
from tests.gui.records import actor, context, settle, show, texts
from tests.integration.dispatch_day import make_day
from tests.integration.shop import failed_checks

ABC_EXPECTED = Decimal(3780)  # C002's NT$945 and C004's NT$2,835, both cash


@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    """Today's two confirmed routes, every stop delivered: ABC-1234 with two cash sales,
    XYZ-5678 with one delivery on account."""
    return delivered_day(sqlite_engine, sqlite_seeded)


def open_window(qtbot, engine, *roles) -> CashUpWindow:
    return show(qtbot, CashUpWindow(context(engine, *roles)), 1280, 800)


def choose(window, qtbot, plate: str) -> None:
    number = window.routes.find(lambda r: r.plate == plate)
    window.routes_table.selectRow(number)
    settle(qtbot)


def settlements(engine) -> list[cashup.SettlementView]:
    """Every settlement stored, oldest first."""
    with unit_of_work(engine, write=False) as s:
        routes = s.scalars(select(Settlement.route_id).distinct()).all()
    return sorted((x for r in routes for x in cashup.settlements_of(engine, r)),
                  key=lambda x: x.id)


def driver_balance(engine, name: str) -> Decimal:
    account = next(a for a in cashup.driver_accounts(engine) if a.name == name)
    return account.balance


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_the_window_is_offered_to_clerks_after_deliveries():
    keys = [e.key for e in registry.visible(actor("clerk"))]
    assert keys.index("cashup") == keys.index("deliveries") + 1
    assert "cashup" in [e.key for e in registry.visible(actor("manager"))]
    assert "cashup" not in [e.key for e in registry.visible(actor("dispatcher"))]


def test_the_days_routes_with_what_each_driver_should_hand_in(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert texts(window.routes, 0) == ["ABC-1234", "XYZ-5678"]
    assert texts(window.routes, 1) == ["王大明", "李小華"]
    assert texts(window.routes, 4) == ["NT$3,780", "NT$0"]
    assert texts(window.routes, 7) == ["Not counted", "Not counted"]
    assert window.current_route().plate == "ABC-1234"
    assert texts(window.items, 0) == ["Cash sale", "Cash sale"]
    assert [t.split()[0] for t in texts(window.items, 3)] == ["C002", "C004"]
    assert texts(window.items, 5) == ["NT$945", "NT$2,835"]
    assert all(t.startswith(f"CS-{day.day.year}-") for t in texts(window.items, 1))
    assert "to hand in NT$3,780" in window.expected_text.text()
    assert window.stack.currentWidget() is window.form
    assert window.form.save_button.isEnabled()
    assert "2 route(s) · 0 settled" in window.summary.text()


def test_an_exact_count_settles_the_route(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert window.routes_table.hasFocus()
    qtbot.keyClick(window.routes_table, Qt.Key.Key_Return)  # Enter: to the count
    assert window.form.cash.hasFocus()
    qtbot.keyClicks(window.form.cash, "3780")
    assert window.form.variance_label.text() == "Variance: none — the count matches"
    qtbot.keyClick(window.form.cash, Qt.Key.Key_Return)  # Enter saves
    settle(qtbot)
    [x] = settlements(sqlite_engine)
    assert (x.expected, x.counted, x.variance, x.settled_by, x.approved_by) == (
        ABC_EXPECTED, ABC_EXPECTED, 0, "clerk", None)
    assert texts(window.routes, 7)[0] == "Settled"
    assert texts(window.routes, 5)[0] == "NT$3,780"
    assert window.stack.currentWidget() is window.settled
    assert "Settled by clerk" in window.settled_text.text()
    assert window.status.text() == "Route ABC-1234 is settled: counted NT$3,780."
    assert not window.reopen_button.isVisible()  # a clerk's window: a manager reopens
    assert failed_checks(sqlite_engine) == {}
    # The route on account hands in nothing: an empty count settles it.
    choose(window, qtbot, "XYZ-5678")
    assert window.form.cash.text() == ""
    window.form.save_button.click()
    settle(qtbot)
    assert texts(window.routes, 7) == ["Settled", "Settled"]
    assert failed_checks(sqlite_engine) == {}


def test_a_clerks_count_with_a_variance_needs_a_reason_and_a_manager(
        qtbot, sqlite_engine, sqlite_seeded, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    form = window.form
    type_into(qtbot, form.cash, "3700")
    assert form.variance_label.text() == "Variance: NT$80 short"
    assert form.reason_label.text() == "&Reason: *"
    form.save_button.click()
    settle(qtbot)
    assert "give the reason" in form.error_text("reason")
    assert window.approval_dialog is None and settlements(sqlite_engine) == []
    assert form.cash.text() == "3700"
    type_into(qtbot, form.reason, "NT$80 short: a customer paid less")
    qtbot.keyClick(form.reason, Qt.Key.Key_Return)
    settle(qtbot)
    dialog = window.approval_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.variance.text() == "NT$80 short"
    # A wrong password is refused; the dialog and the count stay.
    dialog.manager.setText("manager")
    dialog.password.setText("wrong-password")
    dialog.approve_button.click()
    settle(qtbot)
    assert dialog.isVisible() and dialog.message.text() == "Wrong user name or password."
    assert dialog.password.text() == "" and settlements(sqlite_engine) == []
    assert (form.cash.text(), form.reason.text()) == ("3700",
                                                      "NT$80 short: a customer paid less")
    # A clerk cannot approve.
    dialog.manager.setText("clerk")
    dialog.password.setText(sqlite_seeded["clerk"].password)
    dialog.approve_button.click()
    settle(qtbot)
    assert dialog.isVisible() and "not a manager" in dialog.message.text()
    dialog.manager.setText("manager")
    dialog.password.setText(sqlite_seeded["manager"].password)
    dialog.approve_button.click()
    settle(qtbot)
    assert not dialog.isVisible()
    [x] = settlements(sqlite_engine)
    assert (x.counted, x.variance, x.settled_by, x.approved_by, x.reason) == (
        Decimal(3700), Decimal(-80), "clerk", "manager", "NT$80 short: a customer paid less")
    assert texts(window.routes, 7)[0] == "Settled with variance"
    assert texts(window.routes, 6)[0] == "-NT$80"
    assert "Variance approved by manager." in window.settled_text.text()
    assert "Reason: NT$80 short: a customer paid less" in window.settled_text.text()
    assert driver_balance(sqlite_engine, "王大明") == Decimal(80)  # the driver owes it
    assert failed_checks(sqlite_engine) == {}


def test_a_manager_approves_their_own_count_with_a_variance(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "manager")
    type_into(qtbot, window.form.cash, "3800")
    type_into(qtbot, window.form.reason, "a tip left in the bag")
    window.save()
    settle(qtbot)
    assert window.approval_dialog is None
    [x] = settlements(sqlite_engine)
    assert (x.variance, x.approved_by) == (Decimal(20), "manager")
    assert window.status.text() == ("Route ABC-1234 is settled: counted NT$3,800, NT$20 over, "
                                    "approved by manager.")


def test_counting_by_denomination_sums_the_notes_and_coins(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    form = window.form
    assert form.faces == DENOMINATIONS["TWD"]
    form.cash.setText("999")  # typed before choosing to count the notes: not counted now
    form.by_notes.click()
    assert form.notes_box.isVisible() and not form.cash.isVisible()
    pieces = {"2000": 1, "1000": 1, "500": 1, "100": 2, "50": 1, "10": 2, "5": 1, "1": 5}
    for face, spin in zip(form.faces, form.note_spins):
        spin.setValue(pieces.get(face, 0))
    assert form.counted_label.text().startswith("Counted: NT$3,780")
    assert form.variance_label.text() == "Variance: none — the count matches"
    assert form.note_totals[form.faces.index("100")].text() == "NT$200"
    qtbot.keyClick(form.note_spins[0], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    [x] = settlements(sqlite_engine)
    assert x.cash == ABC_EXPECTED and x.variance == 0
    assert sorted(x.notes) == sorted(
        (Decimal(face), n) for face, n in pieces.items())
    assert "NT$2,000 × 1" in window.settled_text.text()


def test_cheques_count_with_the_cash_and_a_cheque_without_its_bank_is_refused(
        qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    form = window.form
    type_into(qtbot, form.cash, "2780")
    form.add_cheque_button.click()
    row = form.cheque_rows[0]
    assert row.number.hasFocus()
    qtbot.keyClicks(row.number, "AB123456")
    qtbot.keyClicks(row.amount, "1000")
    assert form.counted_label.text() == "Counted: NT$3,780 (cash NT$2,780 + cheques NT$1,000)"
    qtbot.keyClick(row.amount, Qt.Key.Key_Return)
    settle(qtbot)
    assert "enter its bank" in form.error_text("cheques1.bank")
    assert row.bank.hasFocus() and settlements(sqlite_engine) == []
    assert (row.number.text(), row.amount.text(), form.cash.text()) == (
        "AB123456", "1000", "2780")
    # A second cheque added and removed again leaves the first as it was.
    form.add_cheque()
    form.remove_cheque(form.cheque_rows[1])
    assert len(form.cheque_rows) == 1
    type_into(qtbot, row.bank, "Bank of Taiwan")
    window.save()
    settle(qtbot)
    [x] = settlements(sqlite_engine)
    assert (x.cash, x.cheques, x.variance) == (Decimal(2780), Decimal(1000), 0)
    [c] = x.cheque_list
    assert (c.number, c.bank, c.cheque_date, c.amount) == (
        "AB123456", "Bank of Taiwan", day.day, Decimal(1000))
    assert "AB123456  Bank of Taiwan" in window.settled_text.text()
    assert failed_checks(sqlite_engine) == {}


def test_a_bad_amount_lands_on_its_field_and_nothing_typed_is_lost(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    form = window.form
    type_into(qtbot, form.cash, "37.5")
    form.add_cheque()
    form.cheque_rows[0].amount.setText("abc")
    form.reason.setText("why not")
    window.save()
    settle(qtbot)
    assert "whole numbers" in form.error_text("cash")
    assert "not an amount" in form.error_text("cheques1.amount")
    assert (form.cash.text(), form.cheque_rows[0].amount.text(), form.reason.text()) == (
        "37.5", "abc", "why not")
    assert settlements(sqlite_engine) == []


def test_saving_twice_makes_one_settlement(qtbot, sqlite_engine, day, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    api = window.ctx.api
    api.changed = None  # no change set comes back: only the request key can tell
    real = api.call
    keys = []

    def lost_answer(name, **arguments):
        result = real(name, **arguments)
        if name == "cash.settle":
            keys.append(arguments["count"].request_key)
            if len(keys) == 1:  # stored, but the answer never reached the workstation
                raise OSError("connection reset")
        return result

    monkeypatch.setattr(api, "call", lost_answer)
    type_into(qtbot, window.form.cash, "3780")
    qtbot.keyClick(window.form.cash, Qt.Key.Key_Return)
    qtbot.keyClick(window.form.cash, Qt.Key.Key_Return)  # the second Enter while it runs
    settle(qtbot)
    assert len(keys) == 1 and len(settlements(sqlite_engine)) == 1
    assert window.form.cash.text() == "3780"  # the error kept the count
    window.save()  # again, after the error
    settle(qtbot)
    assert len(keys) == 2 and keys[0] == keys[1]
    assert len(settlements(sqlite_engine)) == 1
    assert texts(window.routes, 7)[0] == "Settled"
    assert failed_checks(sqlite_engine) == {}


def test_a_manager_reopens_a_settlement_with_a_reason(qtbot, sqlite_engine, sqlite_seeded,
                                                       day):
    cashup.settle(sqlite_engine, sqlite_seeded["clerk"].actor, cashup.Count(
        route_id=day.route_of("ABC-1234").id, request_key=uuid.uuid4().hex, cash="3780"))
    window = open_window(qtbot, sqlite_engine, "manager")
    assert window.stack.currentWidget() is window.settled
    assert window.reopen_button.isVisible() and window.reopen_button.isEnabled()
    window.reopen_button.click()
    dialog = window.reopen_dialog
    dialog.reopen_button.click()  # no reason
    settle(qtbot)
    assert dialog.isVisible() and "reason" in dialog.message.text()
    dialog.reason.setPlainText("C004 paid by transfer after all")
    dialog.reopen_button.click()
    settle(qtbot)
    assert not dialog.isVisible()
    [x] = settlements(sqlite_engine)
    assert (x.status, x.reopened_by, x.reopen_reason) == (
        "reopened", "manager", "C004 paid by transfer after all")
    assert texts(window.routes, 7)[0] == "Reopened, to count again"
    assert window.stack.currentWidget() is window.form
    assert window.form.cash.text() == ""
    assert "reopened by manager" in window.history.text()
    assert "C004 paid by transfer after all" in window.history.text()
    assert failed_checks(sqlite_engine) == {}
    # Counted again, it is settled again.
    type_into(qtbot, window.form.cash, "3780")
    window.save()
    settle(qtbot)
    assert texts(window.routes, 7)[0] == "Settled"
    assert [x.status for x in settlements(sqlite_engine)] == ["reopened", "settled"]
    assert failed_checks(sqlite_engine) == {}


def test_an_unconfirmed_stop_blocks_the_save(qtbot, sqlite_engine, sqlite_seeded):
    day = make_day(sqlite_engine, sqlite_seeded)
    clerk = sqlite_seeded["clerk"].actor
    route = day.route_of("ABC-1234")
    first = route.stops[1]  # C002, cash
    deliveries.confirm(sqlite_engine, clerk, DeliveryInput(
        order_id=first.order_id, request_key=uuid.uuid4().hex, outcome="delivered",
        cash_collected=first.total))
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert texts(window.routes, 3) == ["2", "1"]
    assert texts(window.routes, 4)[0] == "NT$945"
    form = window.form
    assert not form.save_button.isEnabled()
    assert form.blocked.text() == ("2 stop(s) of this route are not confirmed yet: confirm "
                                   "them in Deliveries before the cash-up.")
    type_into(qtbot, form.cash, "945")
    qtbot.keyClick(form.cash, Qt.Key.Key_Return)
    settle(qtbot)
    assert settlements(sqlite_engine) == [] and form.cash.text() == "945"
    # The other stops confirmed in the Deliveries window: the count typed stays, Save is on.
    for stop in route.stops:
        if stop.order_id != first.order_id:
            window.ctx.api.deliveries.confirm(data=DeliveryInput(
                order_id=stop.order_id, request_key=uuid.uuid4().hex, outcome="delivered",
                cash_collected=stop.total if stop.payment == "cash" else Decimal(0)))
    settle(qtbot)
    assert texts(window.routes, 3)[0] == "" and texts(window.routes, 4)[0] == "NT$3,780"
    assert form.save_button.isEnabled() and form.blocked.isHidden()
    assert form.cash.text() == "945"
    assert form.variance_label.text() == "Variance: NT$2,835 short"


def test_a_change_elsewhere_keeps_the_route_and_the_count_being_typed(
        qtbot, sqlite_engine, sqlite_seeded, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    type_into(qtbot, window.form.cash, "1000")
    window.form.add_cheque()
    window.form.cheque_rows[0].number.setText("CHQ-1")
    # A payment taken at a stop of the route, entered on another workstation.
    c004 = day.people["C004"]
    window.ctx.api.payments.record(customer_id=c004.id, method="cash", amount="500",
                                   route_id=day.route_of("ABC-1234").id)
    settle(qtbot)
    assert window.current_route().plate == "ABC-1234"
    assert texts(window.routes, 4)[0] == "NT$4,280"
    assert texts(window.items, 0) == ["Cash sale", "Cash sale", "Payment"]
    assert window.form.cash.text() == "1000"
    assert window.form.cheque_rows[0].number.text() == "CHQ-1"
    assert window.form.variance_label.text() == "Variance: NT$3,280 short"
    # Another route looked at and back: the count is still there.
    choose(window, qtbot, "XYZ-5678")
    assert window.form.cash.text() == "" and window.form.cheque_rows == []
    choose(window, qtbot, "ABC-1234")
    assert window.form.cash.text() == "1000"
    assert window.form.cheque_rows[0].number.text() == "CHQ-1"
    # The other route settled elsewhere: shown settled here, the count kept.
    window.ctx.api.cash.settle(count=cashup.Count(
        route_id=day.route_of("XYZ-5678").id, request_key=uuid.uuid4().hex))
    settle(qtbot)
    assert texts(window.routes, 7) == ["Not counted", "Settled"]
    assert window.current_route().plate == "ABC-1234"
    assert window.form.cash.text() == "1000"
    assert payments.payments_of(sqlite_engine, c004.id)[0].route_id == \
        day.route_of("ABC-1234").id


def test_the_day_keys_go_to_the_day_before_and_after(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.form.cash.setText("3000")
    window.routes_table.setFocus()
    qtbot.keyClick(window.routes_table, Qt.Key.Key_PageUp)
    settle(qtbot)
    assert window.day.date().toPython() == date.fromordinal(day.day.toordinal() - 1)
    assert window.routes.rowCount() == 0 and window.empty_note.isVisible()
    assert window.stack.currentWidget() is window.nothing
    qtbot.keyClick(window.routes_table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    settle(qtbot)
    assert window.day.date().toPython() == day.day
    assert window.current_route().plate == "ABC-1234"
    assert window.form.cash.text() == "3000"  # what was typed for the route is back


def test_the_days_settlement_sheet_in_print_preview(qtbot, sqlite_engine, sqlite_seeded, day):
    cashup.settle(sqlite_engine, sqlite_seeded["clerk"].actor, cashup.Count(
        route_id=day.route_of("ABC-1234").id, request_key=uuid.uuid4().hex, cash="3780"))
    window = open_window(qtbot, sqlite_engine, "clerk")
    qtbot.keyClick(window.routes_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    dialog = window.preview_dialog
    assert dialog is not None and dialog.page_count() >= 1
    assert dialog.windowTitle() == f"Settlement sheet {day.day.isoformat()}"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(dialog.pdf)).pages)
    assert "ABC-1234" in text and "XYZ-5678" in text
    dialog.close()


# --- connected: two workstations on an office server (SQLite and PostgreSQL) ---------------

def test_connected_a_clerks_variance_approved_and_reopened_shows_on_the_other_workstation(
        qtbot, engine, seeded, workstation):
    delivered_day(engine, seeded)
    counter, office = two_workstations(qtbot, workstation, CashUpWindow, 1280, 800)
    qtbot.waitUntil(lambda: counter.routes.rowCount() == 2 and office.routes.rowCount() == 2,
                    timeout=WAIT_MS)
    assert counter.ctx.engine is None
    form = counter.form
    form.by_notes.click()
    form.note_spins[form.faces.index("1000")].setValue(3)
    form.add_cheque()
    row = form.cheque_rows[0]
    row.number.setText("AB123456")
    row.bank.setText("台灣銀行")
    row.amount.setText("700")
    form.reason.setText("NT$80 short")
    assert form.variance_label.text() == "Variance: NT$80 short"
    counter.save()
    qtbot.waitUntil(lambda: counter.approval_dialog is not None, timeout=WAIT_MS)
    dialog = counter.approval_dialog
    dialog.manager.setText("manager")
    dialog.password.setText("wrong-password")
    dialog.approve_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT_MS)
    assert dialog.message.text() == "Wrong user name or password."
    dialog.password.setText(seeded["manager"].password)
    dialog.approve_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: texts(office.routes, 7)[0] == "Settled with variance",
                    timeout=WAIT_MS)
    [x] = settlements(engine)
    assert (x.cash, x.cheques, x.variance, x.approved_by) == (
        Decimal(3000), Decimal(700), Decimal(-80), "manager")
    assert x.notes == ((Decimal(1000), 3),) and x.cheque_list[0].bank == "台灣銀行"

    office.reopen_button.click()
    reopen = office.reopen_dialog
    reopen.reason.setPlainText("counted again tomorrow")
    reopen.reopen_button.click()
    qtbot.waitUntil(lambda: texts(counter.routes, 7)[0] == "Reopened, to count again",
                    timeout=WAIT_MS)
    assert counter.stack.currentWidget() is counter.form
    qtbot.waitUntil(lambda: "counted again tomorrow" in counter.history.text(),
                    timeout=WAIT_MS)
    assert failed_checks(engine) == {}
