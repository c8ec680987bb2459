"""The Payments window: a customer's open invoices, a payment typed with the keyboard and
placed on the oldest invoice first (or by hand), cheque details, credit notes approved by
another manager, refunds and the statement of account."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from core import changes
from core.services import credit, payments
from desktop import dialogs
from desktop.windows import registry
from desktop.windows.payments.dialogs import CreditNoteDialog
from desktop.windows.payments.view import ALLOCATE, PaymentsWindow
from tests.gui.billing_data import two_invoices
from tests.gui.records import actor, context, settle


@pytest.fixture
def data(sqlite_engine, sqlite_seeded):
    return two_invoices(sqlite_engine, sqlite_seeded)


def open_window(qtbot, engine, *roles, username: str | None = None) -> PaymentsWindow:
    ctx = context(engine, *roles)
    if username:
        ctx.actor = actor(*roles, username=username)
    window = PaymentsWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    settle(qtbot)
    return window


def find(window, qtbot, code: str) -> None:
    """Type the code in the customer field and pick with Enter (the focus moves on)."""
    window.picker.setFocus()
    qtbot.keyClicks(window.picker.box, code)
    settle(qtbot)
    qtbot.keyClick(window.picker.box, Qt.Key.Key_Return)
    settle(qtbot)


def texts(model, column: int) -> list[str]:
    return [model.data(model.index(n, column)) for n in range(model.rowCount())]


def intercept(monkeypatch, window, name: str, wrap) -> None:
    """The window's calls of the operation ``name`` go to ``wrap(call, **arguments)``, where
    ``call(**arguments)`` makes the real one."""
    api = window.ctx.api
    real = api.call

    def call(operation: str, /, **arguments):
        if operation != name:
            return real(operation, **arguments)
        return wrap(lambda **given: real(operation, **given), **arguments)

    monkeypatch.setattr(api, "call", call)


def test_payments_are_for_clerks(qtbot):
    assert "payments" in [e.key for e in registry.visible(actor("clerk"))]
    assert "payments" not in [e.key for e in registry.visible(actor("dispatcher"))]


def test_the_open_invoices_oldest_due_first_with_the_days_overdue(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert window.customer_title.text() == "Find the customer first."
    assert not window.record_button.isEnabled()
    find(window, qtbot, "C001")
    assert window.customer_title.text() == "C001  好味道小吃店"
    assert texts(window.invoices, 0) == [data.older.number, data.newer.number]
    assert texts(window.invoices, 4) == ["40", ""]
    assert texts(window.invoices, 3) == ["NT$4,179", "NT$945"]
    assert window.figures.text().startswith("Balance: NT$5,124 · Open on invoices: NT$5,124")
    assert "overdue: NT$4,179" in window.figures.text()


def test_a_payment_by_keyboard_clears_the_oldest_invoice_first(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    assert window.amount.hasFocus()  # Enter on the customer went on to the amount
    qtbot.keyClicks(window.amount, "4500")
    assert texts(window.invoices, ALLOCATE) == ["NT$4,179", "NT$321"]  # what will happen
    qtbot.keyClick(window.amount, Qt.Key.Key_Return)  # records (cash, today)
    settle(qtbot)
    assert window.status.text() == (f"NT$4,500 received from 好味道小吃店. Placed on "
                                    f"{data.older.number} NT$4,179, {data.newer.number} NT$321.")
    assert texts(window.invoices, 0) == [data.newer.number]  # the oldest is paid
    assert texts(window.invoices, 3) == ["NT$624"]
    (paid,) = payments.payments_of(sqlite_engine, data.older.customer_id)
    assert (paid.method, paid.amount, paid.received_on) == ("cash", Decimal(4500), date.today())
    assert credit.summary(sqlite_engine, data.older.customer_id).balance == Decimal(624)
    assert window.amount.text() == "" and window.picker.box.hasFocus()
    assert texts(window.recent, 3) == ["NT$4,500"]


def test_saving_the_same_payment_twice_records_it_once(qtbot, sqlite_engine, data,
                                                       monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    window.amount.setText("1000")
    keys = []

    def lost_answer(record, **kw):
        keys.append(kw["request_key"])
        view = record(**kw)
        if len(keys) == 1:  # stored, but the answer never came back
            raise OSError("connection reset")
        return view

    intercept(monkeypatch, window, "payments.record", lost_answer)
    window.record()
    settle(qtbot)
    assert dialogs.shown[-1][1] == "Something went wrong" and window.amount.text() == "1000"
    window.record()  # again
    settle(qtbot)
    assert keys[0] == keys[1]
    assert len(payments.payments_of(sqlite_engine, data.older.customer_id)) == 1
    assert window.request_key != keys[0]  # the next payment is another one


def lose_first_answer(monkeypatch, window) -> list[tuple[str, int, str]]:
    """The window's first payment is recorded but its answer never comes back; the list
    gets (request key, customer, amount) of every payment sent."""
    sent = []

    def lost_answer(record, **kw):
        sent.append((kw["request_key"], kw["customer_id"], kw["amount"]))
        view = record(**kw)
        if len(sent) == 1:
            raise OSError("connection reset")
        return view

    intercept(monkeypatch, window, "payments.record", lost_answer)
    return sent


def test_a_payment_changed_after_a_lost_answer_is_sent_with_a_new_key(
        qtbot, sqlite_engine, data, monkeypatch):
    """The first payment was recorded but its answer lost; the clerk changes the amount,
    then the allocation, then the customer: each is another payment with a key of its own
    (the core refuses a key sent with other content), and each is recorded."""
    customer_id = data.older.customer_id
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    sent = lose_first_answer(monkeypatch, window)
    window.amount.setText("1000")
    window.record()
    settle(qtbot)
    assert dialogs.shown[-1][1] == "Something went wrong"
    window.amount.setText("2000")  # another amount
    window.record()
    settle(qtbot)
    assert window.status.text().startswith("NT$2,000 received from")
    window.amount.setText("500")
    window.record()
    settle(qtbot)
    window.amount.setText("500")
    window.by_hand.setChecked(True)  # the same amount, placed by hand
    window.invoices.setData(window.invoices.index(1, ALLOCATE), "500")
    window.record()
    settle(qtbot)
    window.picker.box.clear()
    find(window, qtbot, "C003")  # the same amount for another customer
    assert window.customer_title.text().startswith("C003")
    window.amount.setText("500")
    window.record()
    settle(qtbot)
    keys = [key for key, *_ in sent]
    assert len(set(keys)) == len(keys) == 5, sent
    assert sorted(p.amount for p in payments.payments_of(sqlite_engine, customer_id)) == [
        500, 500, 1000, 2000]
    other = sent[-1][1]
    assert other != customer_id and [p.amount for p in payments.payments_of(
        sqlite_engine, other)] == [500]


def test_a_refused_payment_sent_again_keeps_its_key_and_corrected_gets_a_new_one(
        qtbot, sqlite_engine, data, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    keys = []

    def spy(record, **kw):
        keys.append(kw["request_key"])
        return record(**kw)

    intercept(monkeypatch, window, "payments.record", spy)
    window.amount.setText("1000")
    window.by_hand.setChecked(True)
    window.invoices.setData(window.invoices.index(1, ALLOCATE), "2000")  # more than open
    window.record()
    settle(qtbot)
    window.record()  # unchanged: the same request
    settle(qtbot)
    assert window.allocation_errors.text().endswith("has only NT$945 open.")
    window.invoices.setData(window.invoices.index(1, ALLOCATE), "945")
    window.record()
    settle(qtbot)
    assert keys[0] == keys[1] != keys[2]
    (paid,) = payments.payments_of(sqlite_engine, data.older.customer_id)
    assert [a.amount for a in paid.allocations] == [Decimal(945)]


def test_cheque_fields_show_only_for_a_cheque_and_are_required(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    assert not window.cheque_number.isVisible()
    window.method.setCurrentIndex(window.method.findData("cheque"))
    assert window.cheque_number.isVisible() and window.cheque_bank.isVisible()
    window.amount.setText("945")
    window.record()
    settle(qtbot)
    assert window.form.error_text("cheque_number") == "Enter the cheque's number."
    assert window.form.error_text("cheque_bank") == "Enter the bank the cheque is drawn on."
    assert window.form.error_text("cheque_date") == "Enter the date on the cheque."
    assert payments.payments_of(sqlite_engine, data.older.customer_id) == []
    window.cheque_number.setText("AB123456")
    window.cheque_bank.setText("台灣銀行")
    window.cheque_date.setText(date.today().isoformat())
    window.record()
    settle(qtbot)
    (paid,) = payments.payments_of(sqlite_engine, data.older.customer_id)
    assert (paid.method, paid.cheque_number, paid.cheque_bank, paid.cheque_date) == (
        "cheque", "AB123456", "台灣銀行", date.today())
    window.method.setCurrentIndex(window.method.findData("transfer"))
    assert not window.cheque_number.isVisible()


def test_a_payment_placed_by_hand_in_the_allocate_column(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    window.amount.setText("1000")
    window.by_hand.setChecked(True)
    newer = window.invoices.index(1, ALLOCATE)
    assert window.invoices.flags(newer) & Qt.ItemFlag.ItemIsEditable
    window.invoices.setData(newer, "2000")  # more than that invoice's open amount
    window.record()
    settle(qtbot)
    assert window.allocation_errors.text() == f"{data.newer.number}: Invoice " \
        f"{data.newer.number} has only NT$945 open."
    window.invoices.setData(newer, "945")
    window.record()
    settle(qtbot)
    (paid,) = payments.payments_of(sqlite_engine, data.older.customer_id)
    assert [(a.invoice_number, a.amount) for a in paid.allocations] == [
        (data.newer.number, Decimal(945))]
    assert texts(window.invoices, 0) == [data.older.number]  # the older one is still open
    assert "unallocated credit: NT$55" in window.figures.text()


def test_a_credit_note_needs_another_managers_password(qtbot, sqlite_engine, sqlite_seeded,
                                                       data, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk", username="clerk")
    find(window, qtbot, "C001")
    seen = []

    def run(dialog):
        seen.append(dialog)
        dialog.show()
        dialog.amount.setText("179")
        dialog.reason.setPlainText("one cylinder was half full")
        dialog.manager.setText("manager")
        dialog.password.setText("wrong")
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible() and dialog.message.text() and dialog.password.text() == ""
        dialog.password.setText(sqlite_seeded["manager"].password)
        dialog.submit()
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.credit_button.click()  # on the chosen invoice, the oldest
    settle(qtbot)
    (dialog,) = seen
    assert isinstance(dialog, CreditNoteDialog) and dialog.result() == QDialog.DialogCode.Accepted
    note = dialog.result_view
    assert (note.amount, note.requested_by, note.approved_by, note.invoice_id) == (
        Decimal(179), "clerk", "manager", data.older.id)
    assert window.status.text() == f"Credit note {note.number}: NT$179, approved by manager."
    assert texts(window.invoices, 3) == ["NT$4,000", "NT$945"]


def test_a_manager_may_not_approve_their_own_credit_note(qtbot, sqlite_engine, sqlite_seeded,
                                                         data, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager", username="manager")
    find(window, qtbot, "C001")

    def run(dialog):
        dialog.show()
        dialog.amount.setText("100")
        dialog.reason.setPlainText("goodwill")
        dialog.manager.setText("manager")
        dialog.password.setText(sqlite_seeded["manager"].password)
        dialog.submit()
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.credit_button.click()
    settle(qtbot)
    assert window.credit_dialog.result_view is None
    assert "Nobody approves their own request" in window.credit_dialog.message.text()
    assert payments.credit_notes_of(sqlite_engine, data.older.customer_id) == []


def test_a_manager_refunds_credit(qtbot, sqlite_engine, data, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    find(window, qtbot, "C001")
    window.amount.setText("6000")  # 876 more than owed
    window.record()
    settle(qtbot)
    assert window.refund_button.isEnabled()

    def run(dialog):
        dialog.show()
        assert dialog.amount.text() == "876"
        dialog.reason.setText("paid twice")
        dialog.submit()
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.refund_button.click()
    settle(qtbot)
    assert window.status.text() == "NT$876 refunded to 好味道小吃店."
    assert credit.summary(sqlite_engine, data.older.customer_id).balance == 0
    assert not window.refund_button.isEnabled()


def test_the_statement_of_account_opens_in_the_print_preview(qtbot, sqlite_engine, data,
                                                             monkeypatch):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    shown = []
    monkeypatch.setattr(dialogs, "run_dialog",
                        lambda dialog: shown.append(dialog) or QDialog.DialogCode.Rejected)
    qtbot.keyClick(window.amount, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    (preview,) = shown
    assert preview.page_count() > 0
    assert preview.windowTitle().startswith("Statement of account 好味道小吃店, ")
    text = pypdf.PdfReader(io.BytesIO(preview.pdf)).pages[0].extract_text()
    assert data.older.number in text


def test_another_workstations_payment_shows_while_the_payment_being_typed_is_kept(
        qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    window.amount.setText("500")  # half typed, placed by hand on the newer invoice
    window.by_hand.setChecked(True)
    window.invoices.setData(window.invoices.index(1, ALLOCATE), "500")
    window.invoices_table.setCurrentIndex(window.invoices.index(1, 0))
    other = context(sqlite_engine, "clerk")
    with changes.collect() as got:
        other.api.payments.record(customer_id=data.older.customer_id, method="cash",
                                  amount="179")  # on the oldest invoice
    settle(qtbot)
    assert texts(window.invoices, 3) == ["NT$4,179", "NT$945"]  # not before the change set

    window.ctx.events.changed.emit(got.value)
    qtbot.waitUntil(lambda: texts(window.invoices, 3) == ["NT$4,000", "NT$945"])
    settle(qtbot)
    assert texts(window.recent, 3) == ["NT$179"]
    assert window.figures.text().startswith("Balance: NT$4,945")
    assert window.amount.text() == "500" and window.by_hand.isChecked()
    assert texts(window.invoices, ALLOCATE) == ["", "500"]
    assert window.current_invoice().id == data.newer.id
    window.record()
    settle(qtbot)
    assert [(a.invoice_number, a.amount) for a in payments.payments_of(
        sqlite_engine, data.older.customer_id)[0].allocations] == [(data.newer.number, 500)]


def test_a_change_for_another_customer_does_not_reload_the_account(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    find(window, qtbot, "C001")
    loads, real_load = [], window.load
    window.load = lambda: loads.append(1) or real_load()
    window.ctx.events.changed.emit(changes.Changes.of(customers=[data.older.customer_id + 99]))
    window.ctx.events.changed.emit(changes.Changes.of(orders=[1], routes=True))
    settle(qtbot)
    assert loads == []
    window.ctx.events.changed.emit(changes.Changes.of(customers=[data.older.customer_id]))
    settle(qtbot)
    assert loads == [1]
