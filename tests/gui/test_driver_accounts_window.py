"""The Driver accounts window: a cash-up's variance is the driver's balance (a shortage
owed to the company), the driver's entries with the balance after each, and a payment
from (or to) the driver that settles it and goes into the day's cash book."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core import changes
from core.services import cashup
from desktop import dialogs
from desktop.windows import registry
from desktop.windows.driver_accounts import DriverAccountsWindow, DriverPaymentDialog
from tests.gui.billing_data import delivered_day
from tests.gui.cash_data import WAIT_MS, settle_short, two_workstations
from tests.gui.records import actor, context, drive, settle, show, texts


@pytest.fixture
def short(sqlite_engine, sqlite_seeded):
    """Today's routes delivered; ABC-1234 (王大明) should hand in 3,780 and handed in
    3,700: a shortage of 80, approved by the manager."""
    day = delivered_day(sqlite_engine, sqlite_seeded)
    return day, settle_short(sqlite_engine, day).driver_id


def open_window(qtbot, engine, *roles) -> DriverAccountsWindow:
    return show(qtbot, DriverAccountsWindow(context(engine, *roles)))


def test_a_cash_up_shortage_is_what_the_driver_owes(qtbot, sqlite_engine, short):
    _day, driver_id = short
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert texts(window.drivers, 0) == ["李小華", "王大明"]
    assert texts(window.drivers, 1) == ["NT$0", "NT$80"]
    assert texts(window.drivers, 2) == ["", "owes the company"]
    window.choose(driver_id)
    settle(qtbot)
    assert window.driver_title.text() == "王大明 owes NT$80"
    assert texts(window.entries, 1) == ["Cash-up variance"]
    assert texts(window.entries, 2) == ["a note missing"]
    assert texts(window.entries, 3) == ["NT$80"] and texts(window.entries, 4) == ["NT$80"]


def test_a_payment_from_the_driver_clears_the_balance_and_is_in_the_cash_book(
        qtbot, sqlite_engine, short, monkeypatch):
    day, driver_id = short
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.choose(driver_id)
    settle(qtbot)

    def fill(dialog):
        assert isinstance(dialog, DriverPaymentDialog) and dialog.direction == "from_driver"
        assert dialog.amount.text() == "80"  # what the driver owes
        dialog.amount.setText("eighty")
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible() and "not an amount" in dialog.form.error_text("amount")
        dialog.amount.setText("80")
        dialog.note.setPlainText("paid back in the morning")
        dialog.submit()

    shown = drive(qtbot, monkeypatch, fill)
    window.from_button.click()
    settle(qtbot)
    assert not shown[0].isVisible()
    assert texts(window.drivers, 1) == ["NT$0", "NT$0"]
    assert window.status.text() == "Saved; 王大明's balance is NT$0."
    assert texts(window.entries, 1) == ["Cash-up variance", "Paid by the driver"]
    assert texts(window.entries, 3) == ["NT$80", "-NT$80"]
    assert texts(window.entries, 4) == ["NT$80", "NT$0"]
    book = cashup.cash_book(sqlite_engine, day.day)
    assert [(x.kind, x.amount, x.reference) for x in book.lines][-1] == (
        "driver", Decimal(80), "王大明")


def test_a_payment_elsewhere_shows_here(qtbot, sqlite_engine, short):
    _day, driver_id = short
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.choose(driver_id)
    settle(qtbot)
    with changes.collect() as got:
        context(sqlite_engine, "clerk").api.cash.driver_payment(
            driver_id=driver_id, direction="from_driver", amount="30")
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert texts(window.drivers, 1)[1] == "NT$50"
    assert window.current_driver().driver_id == driver_id  # still the chosen one
    assert texts(window.entries, 4)[-1] == "NT$50"


def test_clerks_are_offered_the_window_after_the_cash_book():
    keys = [e.key for e in registry.visible(actor("clerk"))]
    assert keys.index("driver_accounts") == keys.index("cash_book") + 1


# --- connected: two workstations on an office server (SQLite and PostgreSQL) ---------------

def test_connected_a_payment_from_the_driver_at_the_counter_shows_in_the_office(
        qtbot, engine, seeded, workstation, monkeypatch):
    day = delivered_day(engine, seeded)
    route = settle_short(engine, day)
    counter, office = two_workstations(qtbot, workstation, DriverAccountsWindow)
    qtbot.waitUntil(lambda: texts(office.drivers, 1) == ["NT$0", "NT$80"], timeout=WAIT_MS)
    counter.choose(route.driver_id)
    qtbot.waitUntil(lambda: counter.entries.rowCount() == 1, timeout=WAIT_MS)

    def pay(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.submit()  # what the driver owes: 80
        qtbot.waitUntil(lambda: dialog.result_view is not None, timeout=WAIT_MS)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", pay)
    counter.from_button.click()
    qtbot.waitUntil(lambda: texts(office.drivers, 1) == ["NT$0", "NT$0"], timeout=WAIT_MS)
    assert cashup.cash_book(engine, day.day).lines[-1].kind == "driver"
