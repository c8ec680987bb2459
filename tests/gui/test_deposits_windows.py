"""Cylinder deposits in the windows: the delivery dialog shows what the stop charges, the
Deliveries window prints the deposit receipt, the customer card's Cylinders tab shows
what the customer holds and lets a manager hold cylinders without deposit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from core.db import unit_of_work
from core.models import Product
from core.services import deposits
from desktop import dialogs
from desktop.windows.customers.cylinders import ExemptionDialog
from desktop.windows.customers.view import CustomersWindow
from desktop.windows.deliveries.view import DeliveriesWindow
from tests.gui.records import context, drive, settle, show, texts
from tests.integration.dispatch_day import make_day


@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    made = make_day(sqlite_engine, sqlite_seeded)
    with unit_of_work(sqlite_engine) as s:
        s.scalars(select(Product).where(Product.sku == "LPG-20")).one().deposit = Decimal(1500)
    return made


def go_to(window, qtbot, code: str) -> None:
    for group in range(window.routes.rowCount()):
        window.routes_table.selectRow(group)
        number = window.stops.find(lambda s: s.customer_code == code)
        if number is not None:
            window.stops_table.selectRow(number)
            settle(qtbot)
            return
    raise AssertionError(code)


def test_the_delivery_dialog_shows_the_deposits_and_the_receipt_prints(
        qtbot, sqlite_engine, day, monkeypatch):
    window = show(qtbot, DeliveriesWindow(context(sqlite_engine, "clerk")))
    go_to(window, qtbot, "C004")  # 3 × LPG-20, cash
    assert not window.deposit_button.isEnabled()
    window.confirm_stop()
    dialog = window.confirm_dialog
    settle(qtbot)
    assert dialog.deposit_text.isHidden()  # an empty back for each full: no deposit
    dialog.rows[0].empties.setValue(1)
    assert dialog.deposit_text.text() == \
        "Cylinder deposits: collect NT$3,000 in cash (2 cylinders)"
    dialog.save()
    settle(qtbot)
    customer = day.people["C004"].id
    [r] = deposits.receipts(sqlite_engine, customer_id=customer)
    assert (r.amount, r.paid_by) == (Decimal(3000), "cash")

    shown = []
    monkeypatch.setattr(dialogs, "run_dialog", lambda d: shown.append(d) or 0)
    go_to(window, qtbot, "C004")
    assert window.deposit_button.isEnabled()
    window.deposit_button.click()
    settle(qtbot)
    (preview,) = shown
    assert preview.windowTitle() == f"Deposit receipt {r.number}"


def test_the_cylinders_tab_and_a_managers_exemption(qtbot, sqlite_engine, day, monkeypatch):
    from core.services import deliveries

    customer = day.people["C004"]
    order = day.orders["C004"]
    lines = deliveries.DeliveryInput(order.id, "gui-d", "delivered")
    deliveries.confirm(sqlite_engine, context(sqlite_engine, "clerk").actor, lines)
    window = show(qtbot, CustomersWindow(context(sqlite_engine, "manager")))
    window.open_customer(customer.id)
    settle(qtbot)
    window.tabs.setCurrentWidget(window.cylinders_page)
    settle(qtbot)
    page = window.cylinders_page
    assert texts(page.model, 1) == ["3"] and texts(page.model, 2) == ["3"]
    assert texts(page.model, 4) == ["NT$4,500"]

    def fill(dialog):
        assert isinstance(dialog, ExemptionDialog)
        dialog.size.setCurrentIndex(dialog.size.findData(day.shop.lpg20.id))
        dialog.count.setValue(2)
        dialog.save()  # no reason: refused, the count kept
        settle(qtbot)
        assert dialog.count.value() == 2 and dialog.saved_rows is None
        dialog.reason.setText("租賃合約 R-9")
        dialog.save()

    opened = drive(qtbot, monkeypatch, fill)
    page.exempt_button.click()
    settle(qtbot)
    assert len(opened) == 1
    assert texts(page.model, 3) == ["2"] and texts(page.model, 6) == ["租賃合約 R-9"]
    assert page.status.text() == "Saved; it takes effect at the size's next delivery."


def test_a_clerk_sees_the_cylinders_but_cannot_exempt(qtbot, sqlite_engine, day):
    window = show(qtbot, CustomersWindow(context(sqlite_engine, "clerk")))
    assert window.cylinders_page.exempt_button.isHidden()
