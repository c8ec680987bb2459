"""The order entry window: a phone order by keyboard, and credit that cannot be fooled."""

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from core import changes, demo
from core.queries import orders as order_queries
from core.services import credit, orders, users
from core.services.customers import get, national_digits
from core.services.orders import LineInput, OrderInput
from desktop import dialogs
from desktop.windows.orders.entry import OrderEntryWindow
from tests.gui.records import context, settle


@pytest.fixture
def engine(sqlite_engine, sqlite_seeded):
    demo.generate(sqlite_engine, customers_count=20, days=0)
    return sqlite_engine


@pytest.fixture
def window(qtbot, engine, sqlite_seeded, make_ctx):
    w = OrderEntryWindow(make_ctx(sqlite_seeded["clerk"]))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    settle(qtbot)
    return w


def product_id(engine, sku: str) -> int:
    return next(o.product_id for o in orders.price_list(engine, customer_id=1, day=_tomorrow())
                if o.sku == sku)


def _tomorrow():
    from datetime import date, timedelta

    return date.today() + timedelta(days=1)


def business(engine, *, limit: str, seeded) -> int:
    """A customer with a credit limit of ``limit`` (set by the manager)."""
    rows = [c for c in credit_rows(engine) if c.credit_limit > 0]
    chosen = rows[0].customer_id
    credit.set_limit(engine, seeded["manager"].actor, customer_id=chosen, limit=limit,
                     reason="test")
    return chosen


def credit_rows(engine):
    from core.queries import credit as credit_queries

    return credit_queries.customers(engine)


class Keys:
    """Sends keys to the focused widget and counts them."""

    def __init__(self, qtbot, app):
        self.qtbot, self.app, self.count = qtbot, app, 0

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.app.focusWidget(), text)
        self.count += len(text)

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.app.focusWidget(), key, modifier)
        self.count += 1


def test_a_repeat_order_for_a_known_phone_number_takes_at_most_12_keystrokes(
        qtbot, qapp, engine, window, sqlite_seeded):
    customer = business(engine, limit="100000", seeded=sqlite_seeded)
    first = orders.place(engine, sqlite_seeded["clerk"].actor, OrderInput(
        customer_id=customer, lines=(LineInput(product_id(engine, "LPG-20"), 2),
                                     LineInput(product_id(engine, "LPG-04"), 1))))
    digits = national_digits(get(engine, customer).phone)
    keys = Keys(qtbot, qapp)
    window.focus_search()
    keys.type(digits[-4:])  # the last four digits the caller reads out
    settle(qtbot)
    keys.press(Qt.Key.Key_Return)  # pick the first match
    settle(qtbot)
    keys.press(Qt.Key.Key_F2)  # repeat the last order
    settle(qtbot)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # save
    settle(qtbot)
    assert keys.count <= 12
    latest = order_queries.recent_for_customer(engine, customer, limit=1)[0]
    assert latest.id != first.id
    assert [(x.sku, x.quantity) for x in latest.lines] == \
        [(x.sku, x.quantity) for x in first.lines]
    assert window.status.text().startswith(f"Saved {latest.number}")


def refused_form(qtbot, engine, window, sqlite_seeded):
    """A customer with a small limit, and an order far over it, saved."""
    customer = business(engine, limit="1000", seeded=sqlite_seeded)
    order = OrderInput(customer_id=customer, lines=(LineInput(product_id(engine, "LPG-50"), 3),),
                       payment="account")
    before = credit.summary(engine, customer)
    return customer, order, before


def drive_override(qtbot, monkeypatch, *, manager: str, password: str, reason: str):
    """Replace the modal seam: fill the override dialog and press "Request override"."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        if dialog.request_button is not None:
            dialog.manager.setText(manager)
            dialog.password.setText(password)
            dialog.reason.setText(reason)
            dialog.request_override()
            settle(qtbot)
        return 0

    monkeypatch.setattr(dialogs, "run_dialog", run)
    return seen


def fill(qtbot, window, engine, order: OrderInput):
    """Put ``order`` into the form as the clerk would (through the window's own model)."""
    window.focus_search()
    code = next(c.code for c in credit_rows(engine) if c.customer_id == order.customer_id)
    qtbot.keyClicks(window.search_box, code)
    settle(qtbot)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    settle(qtbot)
    lines = [window.lines.line_from(o.product_id, o.sku, o.name_zh, o.name_en,
                                    Decimal(order.lines[0].quantity))
             for o in orders.price_list(engine, customer_id=order.customer_id, day=_tomorrow())
             if o.product_id == order.lines[0].product_id]
    window.lines.set_lines(lines)
    window.payment.setCurrentIndex(window.payment.findData("account"))


def test_a_refusal_shows_the_figures_and_keeps_the_form(qtbot, monkeypatch, engine, window,
                                                        sqlite_seeded):
    customer, order, before = refused_form(qtbot, engine, window, sqlite_seeded)
    seen = []
    monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: seen.append(dialog) or 0)
    fill(qtbot, window, engine, order)
    window.save()
    settle(qtbot)
    dialog = seen[0]
    assert dialog.figures["Credit limit"] == "NT$1,000"
    assert dialog.figures["This order"] == "NT$6,867"
    assert "over the credit limit" in dialog.reason_text.text()
    assert window.lines.rowCount() >= 1 and window.customer is not None  # the form is kept
    assert credit.summary(engine, customer).open_orders == before.open_orders


def test_a_manager_override_saves_the_order_with_its_record(qtbot, monkeypatch, engine, window,
                                                            sqlite_seeded):
    customer, order, _ = refused_form(qtbot, engine, window, sqlite_seeded)
    drive_override(qtbot, monkeypatch, manager="manager", password="manager-pass-1",
                   reason="老客戶，月底結清")
    fill(qtbot, window, engine, order)
    window.save()
    settle(qtbot)
    saved = order_queries.recent_for_customer(engine, customer, limit=1)[0]
    [override] = saved.overrides
    assert (override.requested_by, override.approved_by) == ("clerk", "manager")
    assert override.reason == "老客戶，月底結清" and override.amount_over == Decimal("5867")


def test_a_wrong_manager_password_is_refused_in_the_dialog_and_counted(
        qtbot, monkeypatch, engine, window, sqlite_seeded):
    customer, order, _ = refused_form(qtbot, engine, window, sqlite_seeded)
    seen = drive_override(qtbot, monkeypatch, manager="manager", password="wrong-password",
                          reason="test")
    fill(qtbot, window, engine, order)
    window.save()
    settle(qtbot)
    assert seen[0].message.text() == "Wrong user name or password."
    assert order_queries.recent_for_customer(engine, customer) == []
    manager = next(u for u in users.list_users(engine) if u.username == "manager")
    assert manager.failed_logins == 1


def test_a_clerk_cannot_approve_their_own_order(qtbot, monkeypatch, engine, window,
                                                sqlite_seeded):
    customer, order, _ = refused_form(qtbot, engine, window, sqlite_seeded)
    seen = drive_override(qtbot, monkeypatch, manager="clerk", password="clerk-pass-1",
                          reason="test")
    fill(qtbot, window, engine, order)
    window.save()
    settle(qtbot)
    assert "not a manager" in seen[0].message.text()
    assert order_queries.recent_for_customer(engine, customer) == []


def test_a_blocked_customer_is_refused_without_an_override(qtbot, monkeypatch, engine, window,
                                                           sqlite_seeded):
    customer, order, _ = refused_form(qtbot, engine, window, sqlite_seeded)
    credit.set_blocked(engine, sqlite_seeded["manager"].actor, customer_id=customer,
                       blocked=True, reason="支票跳票")
    seen = drive_override(qtbot, monkeypatch, manager="manager", password="manager-pass-1",
                          reason="test")
    fill(qtbot, window, engine, order)
    window.save()
    settle(qtbot)
    assert seen[0].request_button is None and "支票跳票" in seen[0].reason_text.text()
    assert order_queries.recent_for_customer(engine, customer) == []


def test_cancelling_an_order_from_todays_list_releases_its_credit(qtbot, monkeypatch, engine,
                                                                 window, sqlite_seeded):
    customer = business(engine, limit="100000", seeded=sqlite_seeded)
    before = credit.summary(engine, customer).open_orders
    other = context(engine, "clerk")  # another workstation
    with changes.collect() as got:
        placed = other.api.orders.place(data=OrderInput(
            customer_id=customer, lines=(LineInput(product_id(engine, "LPG-20"), 1),),
            payment="account"))
    window.ctx.events.changed.emit(got.value)  # what the server pushes to this one
    settle(qtbot)

    def cancel(dialog):
        dialog.reason.setText("客戶改訂其他日期")
        dialog.submit()
        settle(qtbot)
        return 0

    monkeypatch.setattr(dialogs, "run_dialog", cancel)
    row = window.today.find(lambda r: r.id == placed.id)
    window.today_table.setCurrentIndex(window.today.index(row, 0))
    window.cancel_order()
    settle(qtbot)
    assert orders.get(engine, placed.id).status == "cancelled"
    assert credit.summary(engine, customer).open_orders == before


def selected_today(window) -> int:
    [row] = window.today_table.selectionModel().selectedRows()
    return window.today.row(row.row()).id


def test_another_workstation_s_orders_show_live_keeping_what_is_typed_and_chosen(
        qtbot, engine, window, sqlite_seeded):
    customer = business(engine, limit="100000", seeded=sqlite_seeded)
    other = context(engine, "clerk")  # another workstation, its changes pushed to this one
    taken = OrderInput(customer_id=customer, lines=(LineInput(product_id(engine, "LPG-20"), 1),),
                       payment="account", notes="後門")
    with changes.collect() as got:
        first = other.api.orders.place(data=taken)
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    window.today_table.setCurrentIndex(window.today.index(
        window.today.find(lambda r: r.id == first.id), 0))  # opens it in the form
    settle(qtbot)
    assert window.order.id == first.id and window.notes.text() == "後門"

    # Changed elsewhere while the form is as loaded: the form shows the new version.
    with changes.collect() as got:
        other.api.orders.modify(order_id=first.id, version=first.version,
                                data=replace(taken, notes="前門"))
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert window.notes.text() == "前門" and window.order.version > first.version
    assert selected_today(window) == first.id and not window.dirty()

    # Half-way through a change here, that order changed again and another order for the
    # customer: the lists and the customer's figures follow, what is typed and chosen stays
    # (saving it says it changed elsewhere).
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, " ring fir")
    open_before = window.credit_values["open_orders"].text()
    with changes.collect() as got:
        other.api.orders.modify(order_id=first.id, version=window.order.version,
                                data=replace(taken, notes="側門"))
        second = other.api.orders.place(data=replace(taken, notes=""))
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert window.today.find(lambda r: r.id == second.id) is not None
    assert selected_today(window) == first.id == window.order.id
    assert window.notes.text() == "前門 ring fir" and window.dirty()
    assert dialogs.shown == []  # nobody was asked to discard anything
    assert window.recent.rows[0].id == second.id
    assert window.credit_values["open_orders"].text() == window.ctx.money(
        credit.summary(engine, customer).open_orders) != open_before


def pick_by_code(qtbot, window, code: str) -> None:
    """Find the customer by their code and pick them, by keyboard."""
    window.clear_form()
    window.focus_search()
    qtbot.keyClicks(window.search_box, code)
    settle(qtbot)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.customer is not None and window.customer.customer.code == code


def buyers(engine, seeded) -> None:
    """A business with its 統一編號, a consumer with a carrier, one with a donation code,
    and one who takes a printed proof."""
    from core.services import customers
    from core.services.customers import CustomerInput

    for code, buyer in (("UB1", {"tax_id": "04595257", "invoice_title": "好味道小吃店有限公司"}),
                        ("UC1", {"carrier": "/abc+123"}), ("UD1", {"donation_code": "25885"}),
                        ("UP1", {})):
        customers.save(engine, seeded["manager"].actor, CustomerInput(
            code=code, name="好味道小吃店", credit_limit=Decimal(50_000), **buyer))


def test_with_uniform_invoices_on_the_customer_line_says_how_their_invoice_goes(
        qtbot, engine, sqlite_seeded, make_ctx):
    from core.services import settings

    settings.update_company(engine, sqlite_seeded["admin"].actor, tax_id="12345675",
                            uniform_invoices="on",
                            einvoice_aes_key="0123456789ABCDEF0123456789ABCDEF")
    buyers(engine, sqlite_seeded)
    window = OrderEntryWindow(make_ctx(sqlite_seeded["clerk"]))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot)
    for code, expected in (("UB1", "統一編號 04595257 好味道小吃店有限公司"),
                           ("UC1", "Carrier /ABC+123"), ("UD1", "Donation 25885"),
                           ("UP1", "Printed proof")):
        pick_by_code(qtbot, window, code)
        assert window.buyer.isVisible() and window.buyer.text() == expected, code
        assert window.lines_view.hasFocus()  # the keyboard goes on to the lines


def test_with_uniform_invoices_off_no_buyer_line_is_shown(qtbot, engine, window, sqlite_seeded):
    buyers(engine, sqlite_seeded)
    pick_by_code(qtbot, window, "UB1")
    assert not window.buyer.isVisible()
