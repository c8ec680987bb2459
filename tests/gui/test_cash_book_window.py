"""The Cash book window: a day's opening, entries and closing, and its cash-up; an
opening float and bank deposits entered by a clerk (a deposit beyond the till refused,
the form kept), a manager's corrections, and the day closed by a manager once every
route is cashed up (after which only a correction changes it)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core import changes
from core.services import cashup
from desktop import dialogs
from desktop.windows import registry
from desktop.windows.cash_book import CashBookWindow, EntryDialog
from tests.gui.billing_data import delivered_day
from tests.gui.cash_data import WAIT_MS, settle_route, two_workstations
from tests.gui.records import actor, context, drive, settle, show, texts


@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    """Today's routes delivered: ABC-1234's drivers took 945 and 2,835 in cash sales,
    XYZ-5678's nothing (an order on account)."""
    return delivered_day(sqlite_engine, sqlite_seeded)


def open_window(qtbot, engine, *roles) -> CashBookWindow:
    return show(qtbot, CashBookWindow(context(engine, *roles)))


def test_a_clerk_enters_the_opening_float(qtbot, sqlite_engine, day, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert window.state.text() == "Open" and window.lines.rowCount() == 0
    assert window.cashup.text() == "Routes: 2, cashed up: 0"
    assert window.opening.text() == "Opening: NT$0"
    assert not window.correction_button.isVisible() and not window.close_button.isVisible()

    def fill(dialog):
        assert isinstance(dialog, EntryDialog) and dialog.kind == "float"
        dialog.amount.setText("2000")
        dialog.note.setPlainText("from the safe")
        dialog.save_button.click()
        settle(qtbot)

    shown = drive(qtbot, monkeypatch, fill)
    window.float_button.click()
    settle(qtbot)
    (dialog,) = shown
    assert not dialog.isVisible()
    assert texts(window.lines, 1) == ["Opening float"]
    assert texts(window.lines, 3) == ["from the safe"]
    assert texts(window.lines, 4) == ["NT$2,000"] and texts(window.lines, 5) == [""]
    assert texts(window.lines, 6) == ["clerk"]
    assert window.closing.text() == "Closing: NT$2,000"
    assert window.status.text() == "Opening float entered; the till closes the day at NT$2,000."
    book = cashup.cash_book(sqlite_engine, day.day)
    assert [(x.kind, x.amount) for x in book.lines] == [("float", Decimal(2000))]


def test_a_deposit_beyond_the_till_is_refused_and_the_form_kept(
        qtbot, sqlite_engine, day, monkeypatch):
    cashup.add_entry(sqlite_engine, actor("clerk"), day=day.day, kind="float", amount="2000")
    window = open_window(qtbot, sqlite_engine, "clerk")
    keys = []

    def fill(dialog):
        assert dialog.kind == "deposit" and dialog.form.labels["reference"].text() == \
            "&Bank / slip reference:"
        dialog.amount.setText("5000")
        dialog.reference.setText("FCB slip 0042")
        dialog.submit()
        settle(qtbot)
        assert "The till does not hold NT$5,000" in dialog.form.error_text("amount")
        assert dialog.isVisible()
        assert (dialog.amount.text(), dialog.reference.text()) == ("5000", "FCB slip 0042")
        keys.append(dialog.request_key)
        dialog.amount.setText("1500")
        dialog.submit()
        settle(qtbot)
        keys.append(dialog.request_key)

    shown = drive(qtbot, monkeypatch, fill)
    window.deposit_button.click()
    settle(qtbot)
    (dialog,) = shown
    assert keys[0] == keys[1] and not dialog.isVisible()  # one key per dialog
    assert texts(window.lines, 1) == ["Opening float", "Bank deposit"]
    assert texts(window.lines, 2)[1] == "FCB slip 0042"
    assert texts(window.lines, 5) == ["", "NT$1,500"]
    assert window.closing.text() == "Closing: NT$500"


def test_a_manager_corrects_the_till_with_a_reason(qtbot, sqlite_engine, day, monkeypatch):
    cashup.add_entry(sqlite_engine, actor("clerk"), day=day.day, kind="float", amount="1000")
    window = open_window(qtbot, sqlite_engine, "manager")
    assert window.correction_button.isVisible()

    def fill(dialog):
        assert dialog.kind == "correction"
        assert dialog.form.labels["note"].text() == "&Reason: *"
        dialog.amount.setText("-100")
        dialog.submit()
        settle(qtbot)
        assert "reason" in dialog.form.error_text("note") and dialog.amount.text() == "-100"
        dialog.note.setPlainText("miscounted the float")
        dialog.submit()
        settle(qtbot)

    drive(qtbot, monkeypatch, fill)
    window.correction_button.click()
    settle(qtbot)
    assert texts(window.lines, 1) == ["Opening float", "Correction"]
    assert texts(window.lines, 5)[1] == "NT$100" and texts(window.lines, 6)[1] == "manager"
    assert window.closing.text() == "Closing: NT$900"


def test_the_day_closes_once_every_route_is_cashed_up_and_then_takes_only_corrections(
        qtbot, sqlite_engine, day, monkeypatch, answers):
    settle_route(sqlite_engine, day, "ABC-1234", "3780")
    window = open_window(qtbot, sqlite_engine, "manager")
    assert window.cashup.text() == ("Routes: 2, cashed up: 1 · to hand in NT$3,780 · "
                                    "counted NT$3,780 · variance NT$0")
    assert texts(window.lines, 1) == ["Route cash-up"]
    assert texts(window.lines, 2) == ["ABC-1234"] and texts(window.lines, 4) == ["NT$3,780"]

    answers.append(True)  # Close the cash book up to today?
    window.close_button.click()
    settle(qtbot)
    assert dialogs.shown[-1][0] == "ask" and "NT$3,780" in dialogs.shown[-1][2]
    assert "Cash up every route" in window.status.text() and "XYZ-5678" in window.status.text()
    assert window.state.text() == "Open" and window.close_button.isEnabled()

    settle_route(sqlite_engine, day, "XYZ-5678", "0")  # nothing to hand in
    settle(qtbot)
    answers.append(True)
    window.close_day()
    settle(qtbot)
    assert window.state.text().startswith("Closed by manager at ")
    assert window.status.text() == \
        f"The cash book is closed up to {day.day.isoformat()} at NT$3,780."
    assert not window.close_button.isEnabled()

    def refused(dialog):
        dialog.amount.setText("500")
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible() and "The cash book is closed up to" in dialog.message.text()
        assert dialog.amount.text() == "500"
        dialog.reject()

    drive(qtbot, monkeypatch, refused)
    window.float_button.click()
    settle(qtbot)
    assert window.lines.rowCount() == 1

    def corrected(dialog):
        dialog.amount.setText("20")
        dialog.note.setPlainText("a coin found under the till")
        dialog.submit()
        settle(qtbot)

    drive(qtbot, monkeypatch, corrected)
    window.correction_button.click()
    settle(qtbot)
    assert texts(window.lines, 1) == ["Route cash-up", "Correction"]
    assert window.closing.text() == "Closing: NT$3,800"


def test_a_change_on_another_workstation_shows_here(qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "clerk")
    other = context(sqlite_engine, "clerk")
    with changes.collect() as got:
        other.api.cash.add_entry(day=day.day, kind="float", amount="300")
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert texts(window.lines, 4) == ["NT$300"]


def test_clerks_are_offered_the_window_after_payments():
    keys = [e.key for e in registry.visible(actor("clerk"))]
    assert keys.index("cash_book") == keys.index("payments") + 1
    assert "cash_book" not in [e.key for e in registry.visible(actor("dispatcher"))]


# --- connected: two workstations on an office server (SQLite and PostgreSQL) ---------------

def test_connected_a_float_and_a_refused_deposit_at_the_counter_show_in_the_office(
        qtbot, engine, seeded, workstation, monkeypatch):
    delivered_day(engine, seeded)
    counter, office = two_workstations(qtbot, workstation, CashBookWindow)
    qtbot.waitUntil(lambda: office.book is not None and counter.book is not None,
                    timeout=WAIT_MS)
    assert counter.ctx.engine is None and office.cashup.text() == "Routes: 2, cashed up: 0"

    def deposit(dialog):
        dialog.amount.setText("1000")  # the till is empty
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.form.error_text("amount") != "", timeout=WAIT_MS)
        assert "The till does not hold NT$1,000" in dialog.form.error_text("amount")
        assert dialog.amount.text() == "1000"
        dialog.reject()

    def opening_float(dialog):
        dialog.amount.setText("2500")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.result_view is not None, timeout=WAIT_MS)

    for fill, button in ((deposit, counter.deposit_button),
                         (opening_float, counter.float_button)):
        drive(qtbot, monkeypatch, fill)
        button.click()
    qtbot.waitUntil(lambda: office.closing.text() == "Closing: NT$2,500", timeout=WAIT_MS)
    assert texts(office.lines, 1) == ["Opening float"] and texts(office.lines, 6) == ["clerk"]
