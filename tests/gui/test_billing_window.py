"""The Billing window: the preview of a month, the run with its progress and Cancel, the
month's invoices with their printing, and one customer invoiced at once."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from core import changes
from core.queries.customers import CustomerRow
from core.services import billing
from desktop import dialogs
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.windows import registry
from desktop.windows.billing.now import InvoiceNowDialog
from desktop.widgets.rows import select_row
from core import rules
from desktop.windows.billing.view import BillingWindow
from tests.gui.billing_data import delivered_day, this_month
from tests.gui.records import actor, context, settle


@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    return delivered_day(sqlite_engine, sqlite_seeded)


def open_window(qtbot, engine, *roles) -> BillingWindow:
    window = BillingWindow(context(engine, *roles))
    qtbot.addWidget(window)
    window.resize(1200, 750)
    window.show()
    settle(qtbot)
    return window


def this_month_in(window, qtbot) -> None:
    """The deliveries are today's, so the tests bill this month."""
    window.month.setDate(QDate(date.today()))
    settle(qtbot)


def texts(model, column: int) -> list[str]:
    return [model.data(model.index(n, column)) for n in range(model.rowCount())]


def test_billing_is_for_managers_and_comes_after_deliveries():
    """The day's order: deliveries confirmed, the drivers' cash-up, then billing."""
    keys = [e.key for e in registry.visible(actor("manager", "clerk"))]
    assert keys.index("billing") == keys.index("cashup") + 1 == keys.index("deliveries") + 2
    assert "billing" not in [e.key for e in registry.visible(actor("clerk"))]


def test_the_month_is_last_month_by_default(qtbot, sqlite_engine, sqlite_seeded):
    window = open_window(qtbot, sqlite_engine, "manager")
    assert str(window.period()) == str(rules.billing_period())
    assert window.preview_rows.rowCount() == 0
    assert window.preview_summary.text() == f"Nothing is left to bill for {window.period()}."
    assert not window.run_button.isEnabled()


def test_the_preview_lists_each_customer_with_delivered_lines_on_account(
        qtbot, sqlite_engine, day):
    window = open_window(qtbot, sqlite_engine, "manager")
    this_month_in(window, qtbot)
    assert texts(window.preview_rows, 0) == ["C001", "C003"]  # C002 and C004 paid cash
    assert texts(window.preview_rows, 3) == ["2", "2"]
    c001 = window.preview_rows.row(0)
    assert (c001.subtotal, c001.tax, c001.total) == (Decimal(3980), Decimal(199), Decimal(4179))
    assert texts(window.preview_rows, 6) == ["NT$4,179", "NT$4,893"]
    assert window.preview_summary.text() == \
        "2 customer(s) · 4 line(s) · tax NT$432 · total NT$9,072"
    # One customer, found as you type.
    window.scope.setCurrentIndex(window.scope.findData("one"))
    settle(qtbot)
    assert window.preview_rows.rowCount() == 0 and window.picker.isVisible()
    qtbot.keyClicks(window.picker.box, "C003")
    settle(qtbot)
    qtbot.keyClick(window.picker.box, "\r")
    settle(qtbot)
    assert texts(window.preview_rows, 0) == ["C003"]


def test_the_run_asks_first_writes_the_invoices_and_lists_them(qtbot, sqlite_engine, day,
                                                               answers):
    window = open_window(qtbot, sqlite_engine, "manager")
    this_month_in(window, qtbot)
    answers.append(False)  # not now
    window.run_button.click()
    settle(qtbot)
    assert billing.list_invoices(sqlite_engine, period=this_month()) == []
    # This month has not ended: the question says so first.
    _, title, question = dialogs.shown[-1]
    assert title == "Run billing before the month ends"
    assert question.startswith(f"{this_month()} has not ended yet (its last day is ")
    assert f"Write the invoices of {this_month()} for 2 customer(s), NT$9,072 in all?" \
        in question
    answers.append(True)
    window.run_button.click()
    settle(qtbot)
    made = billing.list_invoices(sqlite_engine, period=this_month())
    assert len(made) == 2
    assert window.run_summary.text() == "2 invoice(s) written, NT$9,072 in all"
    assert texts(window.invoices, 1) == ["C001  好味道小吃店", "C003  林家火鍋"]
    assert texts(window.invoices, 2) == ["NT$4,179", "NT$4,893"]
    assert texts(window.invoices, 4) == ["open", "open"]
    assert texts(window.invoices, 0) == sorted(r.number for r in made)
    assert window.invoices.row(0).due_date == made[-1].due_date
    # Billed once: nothing is left to bill, and the run cannot start again.
    assert window.preview_rows.rowCount() == 0 and not window.run_button.isEnabled()
    assert "Invoices of" in window.invoices_label.text()


def test_one_customer_is_billed_before_the_month_ends_without_that_question(
        qtbot, sqlite_engine, day, answers):
    window = open_window(qtbot, sqlite_engine, "manager")
    this_month_in(window, qtbot)
    window.choose_customer(CustomerRow(window.preview_rows.row(0).customer_id, "C001",
                                       "好味道小吃店", "", "", "", Decimal(0), True))
    settle(qtbot)
    answers.append(True)
    window.run_button.click()
    settle(qtbot)
    _, title, question = dialogs.shown[-1]
    assert (title, question.split("?")[0]) == (
        "Run billing", f"Write the invoices of {this_month()} for 1 customer(s), NT$4,179 in all")
    assert len(billing.list_invoices(sqlite_engine, period=this_month())) == 1


def test_cancel_stops_after_the_invoice_being_written(qtbot, sqlite_engine, day, answers,
                                                      monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    this_month_in(window, qtbot)
    api = window.ctx.api
    real = api.call

    def slow(name, /, **kw):
        if name != "billing.run":
            return real(name, **kw)
        progress = kw["progress"]  # the window's progress reaches the run through the api

        def step(done, total):
            progress(done, total)
            window.task.progress.wait(5)  # the manager presses Cancel while one is written

        return real(name, **{**kw, "progress": step})

    monkeypatch.setattr(api, "call", slow)
    answers.append(True)
    window.run_button.click()
    qtbot.waitUntil(lambda: window.progress.value() == 1 and window.progress.maximum() == 2)
    assert window.progress.text() == "1 of 2 invoices" and window.cancel_button.isVisible()
    assert not window.month.isEnabled()
    window.cancel_button.click()
    assert window.run_summary.text() == "Stopping after the invoice being written…"
    settle(qtbot)
    assert window.result.cancelled and window.result.invoices == 1
    assert window.run_summary.text() == \
        "Cancelled: 1 invoice(s) written, NT$4,179 in all. Run again to bill the rest."
    assert len(billing.list_invoices(sqlite_engine, period=this_month())) == 1
    assert texts(window.preview_rows, 0) == ["C003"]  # what is left
    assert not window.cancel_button.isVisible() and window.month.isEnabled()
    monkeypatch.setattr(api, "call", real)
    answers.append(True)
    window.run_button.click()  # again: only the rest
    settle(qtbot)
    assert len(billing.list_invoices(sqlite_engine, period=this_month())) == 2
    assert window.run_summary.text() == "1 invoice(s) written, NT$4,893 in all"


def test_invoice_one_customer_now(qtbot, sqlite_engine, day, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    seen = []

    def run(dialog):
        seen.append(dialog)
        dialog.show()
        dialog.invoice_now()  # nobody found yet
        assert dialog.message.text() == "Find the customer first."
        qtbot.keyClicks(dialog.picker.box, "C001")
        settle(qtbot)
        qtbot.keyClick(dialog.picker.box, "\r")  # picks
        settle(qtbot)
        qtbot.keyClick(dialog.picker.box, "\r")  # and invoices
        settle(qtbot)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.now_button.click()
    settle(qtbot)
    (dialog,) = seen
    assert isinstance(dialog, InvoiceNowDialog) and dialog.result() == QDialog.DialogCode.Accepted
    invoice = dialog.invoice
    assert invoice.customer_code == "C001" and invoice.total == Decimal(4179)
    assert window.status.text() == \
        f"{invoice.number} for 好味道小吃店: NT$4,179, due {invoice.due_date.isoformat()}."
    assert window.invoices.row(0).number == invoice.number
    this_month_in(window, qtbot)
    assert texts(window.preview_rows, 0) == ["C003"]  # C001 is billed


def test_a_customer_with_nothing_to_bill_is_told_so_in_the_dialog(qtbot, sqlite_engine, day,
                                                                  monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")

    def run(dialog):
        dialog.show()
        qtbot.keyClicks(dialog.picker.box, "C002")  # paid cash
        settle(qtbot)
        qtbot.keyClick(dialog.picker.box, "\r")
        settle(qtbot)
        dialog.invoice_now()
        settle(qtbot)
        assert dialog.message.text() == \
            "陳記麵館 has nothing delivered that is not invoiced yet."
        return dialog.result()

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.now_button.click()
    settle(qtbot)
    assert window.now_dialog.invoice is None and window.invoices.rowCount() == 0


def run_this_month(window, qtbot, answers) -> None:
    this_month_in(window, qtbot)
    answers.append(True)
    window.run_button.click()
    settle(qtbot)


def test_print_preview_of_an_invoice_has_its_pages_and_prints_them(
        qtbot, sqlite_engine, day, answers, monkeypatch, tmp_path):
    window = open_window(qtbot, sqlite_engine, "manager")
    run_this_month(window, qtbot, answers)
    out = tmp_path / "printed.pdf"
    shown = []

    def run(dialog):
        shown.append(dialog)
        if isinstance(dialog, QPrintDialog):  # the user picks a printer (here: a PDF file)
            dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            dialog.printer().setOutputFileName(str(out))
            return QDialog.DialogCode.Accepted
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(dialogs, "run_dialog", run)
    first = window.invoices.row(0)
    qtbot.keyClick(window.invoices_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    (preview,) = shown
    assert isinstance(preview, PrintPreviewDialog)
    assert preview.page_count() > 0 and preview.windowTitle() == f"Invoice {first.number}"
    assert first.number in pypdf.PdfReader(io.BytesIO(preview.pdf)).pages[0].extract_text()
    preview.print_button.click()
    assert isinstance(shown[-1], QPrintDialog) and preview.printed
    assert len(pypdf.PdfReader(out).pages) == preview.page_count()


def test_print_all_puts_the_months_invoices_in_one_document(
        qtbot, sqlite_engine, day, answers, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    run_this_month(window, qtbot, answers)
    shown = []
    monkeypatch.setattr(dialogs, "run_dialog",
                        lambda dialog: shown.append(dialog) or QDialog.DialogCode.Rejected)
    window.paper.setCurrentIndex(window.paper.findData("A5"))
    window.print_all_button.click()
    settle(qtbot)
    (preview,) = shown
    assert preview.windowTitle() == f"Invoices of {this_month()} (2)"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(preview.pdf)).pages)
    numbers = [r.number for r in window.ordered_invoices()]
    assert [r.customer_code for r in window.ordered_invoices()] == ["C001", "C003"]
    assert text.index(numbers[0]) < text.index(numbers[1])
    page = pypdf.PdfReader(io.BytesIO(preview.pdf)).pages[0]
    assert float(page.mediabox.height) < float(page.mediabox.width)  # half A4, landscape


def test_a_manager_voids_an_invoice_with_a_reason(qtbot, sqlite_engine, day, answers,
                                                  monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    run_this_month(window, qtbot, answers)
    first = window.invoices.row(0)
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: None)  # thought better of it
    window.void_button.click()
    settle(qtbot)
    assert window.invoices.row(0).status == "posted"
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "billed the wrong customer")
    window.void_button.click()
    settle(qtbot)
    assert window.status.text() == f"{first.number} is void."
    assert window.invoices.row(0).status == "void"
    assert texts(window.invoices, 4)[0] == "void" and not window.void_button.isEnabled()
    assert [r.customer_code for r in window.ordered_invoices()] == ["C003"]  # not printed


def test_a_manager_sets_the_billing_settings_in_the_settings_window(
        qtbot, make_ctx, sqlite_seeded):
    from core.services import settings
    from desktop.windows.settings import SettingsWindow

    window = SettingsWindow(make_ctx(sqlite_seeded["manager"]))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    assert window.save_billing.isVisible() and window.tax_rounding.currentData() == "line"
    window.cylinder_rental.setText("fifty")
    window.save_billing.click()
    settle(qtbot)
    assert window.billing_form.error_text("cylinder_rental") == \
        "The rental is an amount from 0, e.g. 50."
    window.tax_rounding.setCurrentIndex(window.tax_rounding.findData("total"))
    window.cylinder_rental.setText("50")
    window.block_overdue.setText("60")
    qtbot.keyClick(window.block_overdue, Qt.Key.Key_Return)
    settle(qtbot)
    company = settings.get_company(window.ctx.engine)
    assert (company.tax_rounding, company.cylinder_rental, company.block_overdue_days) == (
        "total", Decimal(50), "60")
    assert window.billing_message.text() == "The billing settings are saved."
    assert window.billing_form.error_text("cylinder_rental") == ""


def test_a_clerk_sees_the_billing_settings_but_cannot_change_them(
        qtbot, make_ctx, sqlite_seeded):
    from desktop.windows.settings import SettingsWindow

    window = SettingsWindow(make_ctx(sqlite_seeded["clerk"]))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    assert not window.save_billing.isVisible() and window.cylinder_rental.isReadOnly()
    assert not window.tax_rounding.isEnabled() and window.block_overdue.text() == "0"


def test_another_workstations_void_shows_at_once_keeping_the_choice_and_the_typing(
        qtbot, sqlite_engine, day, answers):
    window = open_window(qtbot, sqlite_engine, "manager")
    run_this_month(window, qtbot, answers)
    select_row(window.invoices_table, 1)
    chosen = window.current_invoice()
    window.scope.setCurrentIndex(window.scope.findData("one"))
    settle(qtbot)
    qtbot.keyClicks(window.picker.box, "C00")  # half typed: nobody found yet
    settle(qtbot)
    first = window.invoices.row(0)
    other = context(sqlite_engine, "manager")  # another workstation
    with changes.collect() as got:
        other.api.payments.void_invoice(invoice_id=first.id, reason="billed the wrong customer")
    assert texts(window.invoices, 4) == ["open", "open"]  # not yet told
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert texts(window.invoices, 4) == ["void", "open"]
    assert window.current_invoice().id == chosen.id
    assert window.picker.box.text() == "C00" and window.scope.currentData() == "one"
    assert str(window.period()) == this_month()


def uniform_invoices_on(engine, users) -> changes.Changes:
    """The administrator turns uniform invoices on (no number range entered yet)."""
    from core.services import settings

    with changes.collect() as got:
        settings.update_company(engine, users["admin"].actor, tax_id="12345675",
                                uniform_invoices="on",
                                einvoice_aes_key="0123456789ABCDEF0123456789ABCDEF")
    return got.value


def test_the_uniform_invoice_note_shows_only_when_they_are_on_with_the_months_deadlines(
        qtbot, sqlite_engine, sqlite_seeded):
    window = open_window(qtbot, sqlite_engine, "manager")
    assert window.einvoice_note.isHidden() and window.einvoice_note.text() == ""
    window.ctx.events.changed.emit(uniform_invoices_on(sqlite_engine, sqlite_seeded))
    settle(qtbot)
    window.month.setDate(QDate(2026, 11, 1))  # the first month of Nov–Dec
    settle(qtbot)
    note = window.einvoice_note.text()
    assert window.einvoice_note.isVisible()
    assert "dated 2026-11-30" in note
    assert "consumers' invoices within 48 hours, by 2026-12-02 23:59" in note
    assert "businesses' within 7 days, by 2026-12-07 23:59" in note
    assert "ends the period" not in note
    window.month.setDate(QDate(2026, 12, 1))  # the period's second month
    settle(qtbot)
    note = window.einvoice_note.text()
    assert "dated 2026-12-31" in note and "by 2027-01-02 23:59" in note
    assert "by 2027-01-07 23:59" in note
    assert "2026-12 ends the period 115年11-12月: run its billing before these deadlines" in note
    # Turned off again (on another workstation): the note goes.
    from core.services import settings

    with changes.collect() as got:
        settings.update_company(sqlite_engine, sqlite_seeded["admin"].actor,
                                uniform_invoices="")
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert window.einvoice_note.isHidden()


def test_a_run_without_enough_uniform_invoice_numbers_is_refused_like_any_refusal(
        qtbot, sqlite_engine, sqlite_seeded, day, answers):
    uniform_invoices_on(sqlite_engine, sqlite_seeded)
    window = open_window(qtbot, sqlite_engine, "manager")
    this_month_in(window, qtbot)
    assert window.einvoice_note.isVisible()
    answers.append(True)
    window.run_button.click()
    settle(qtbot)
    assert window.status.text().startswith(
        "This needs 2 uniform invoice numbers of ") and window.status.isVisible()
    assert billing.list_invoices(sqlite_engine, period=this_month()) == []
    assert window.run_button.isEnabled() and window.preview_rows.rowCount() == 2
