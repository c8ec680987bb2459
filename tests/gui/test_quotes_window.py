"""The quotes window: a quote by keyboard, its life cycle, conversion through the credit
check, and print preview / print / save as PDF through the dialogs seam."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from core import changes, demo
from core.config import LocalSettings
from core.db import unit_of_work
from core.queries import customers as customer_queries
from core.queries import quotes as quote_queries
from core.services import credit, orders, quotes
from core.services.orders import LineInput
from core.services.quotes import QuoteInput
from desktop import dialogs
from desktop.widgets import print_preview
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.widgets.action import OverrideDialog
from desktop.windows.quotes.view import QuotesWindow
from tests.gui.records import context, settle, type_chinese


@pytest.fixture
def engine(sqlite_engine, sqlite_seeded):
    demo.generate(sqlite_engine, customers_count=12, days=0)
    return sqlite_engine


@pytest.fixture
def window(qtbot, engine, sqlite_seeded, make_ctx):
    w = QuotesWindow(make_ctx(sqlite_seeded["clerk"]))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    settle(qtbot)
    return w


def a_customer(engine):
    return customer_queries.search(engine, "", limit=1)[0]


def product_id(engine, sku: str) -> int:
    return next(o.product_id for o in orders.price_list(engine, customer_id=1, day=date.today())
                if o.sku == sku)


def focused(qapp, window):
    """The widget with the focus.  Offscreen, the product completer's popup (a window of
    its own) leaves the window inactive when it closes, so the application has no focus
    widget; the window still knows which of its widgets has the focus."""
    grid = window.lines_view
    return qapp.focusWidget() or window.focusWidget() or grid.indexWidget(grid.currentIndex())


def press(qtbot, qapp, window, keys: str) -> None:
    """Keys one by one to whatever has the focus (a grid cell's editor once it opens)."""
    for key in keys:
        qtbot.keyClicks(focused(qapp, window), key)


def enter(qtbot, qapp, window) -> None:
    qtbot.keyClick(focused(qapp, window), Qt.Key.Key_Return)
    settle(qtbot)


def accepted_quote(engine, clerk, customer_id: int, *lines: LineInput):
    q = quotes.create(engine, clerk, QuoteInput(customer_id=customer_id, lines=lines))
    q = quotes.send(engine, clerk, quote_id=q.id, version=q.version)
    return quotes.accept(engine, clerk, quote_id=q.id, version=q.version)


def test_a_quote_is_made_by_keyboard_and_saved_with_enter(qtbot, qapp, engine, window):
    customer = a_customer(engine)
    window.focus_search()
    qtbot.keyClicks(window.search_box, customer.code)
    settle(qtbot)
    enter(qtbot, qapp, window)  # picks the customer; the focus goes to the lines
    assert qapp.focusWidget() is window.lines_view
    press(qtbot, qapp, window, "LPG-20")
    enter(qtbot, qapp, window)  # the product: on to the quantity
    press(qtbot, qapp, window, "3")
    enter(qtbot, qapp, window)  # on to the price (the list price, kept)
    enter(qtbot, qapp, window)  # on to a new line
    enter(qtbot, qapp, window)  # an empty line: the lines are done, on to the validity date
    assert focused(qapp, window) is window.valid_until
    enter(qtbot, qapp, window)  # saves
    (row,) = quote_queries.list_quotes(engine)
    saved = quotes.get(engine, row.id)
    assert (saved.customer_id, saved.state) == (customer.id, "draft")
    assert [(x.sku, x.quantity) for x in saved.lines] == [("LPG-20", Decimal(3))]
    assert saved.valid_until == date.today() + timedelta(days=30)
    assert window.status.text().startswith(f"Saved {saved.number}")
    assert window.rows.rowCount() == 1 and window.rows.row(0).state == "draft"
    assert window.send_button.isEnabled() and not window.accept_button.isEnabled()


def test_a_refused_save_keeps_the_form_and_says_what_is_missing(qtbot, qapp, engine, window):
    window.prospect.setChecked(True)
    assert window.party_form.isVisible() and not window.search_box.isEnabled()
    window.lines.set_lines([window.lines.line_from(product_id(engine, "LPG-50"), "LPG-50",
                                                   "液化石油氣 50公斤", "", Decimal(2))])
    window.prospect_phone.setText("12")
    window.save_button.click()
    settle(qtbot)
    assert window.party_form.error_text("prospect_name")
    assert window.party_form.error_text("prospect_phone")
    assert window.lines.lines[0].quantity == "2" and window.prospect_phone.text() == "12"
    assert quote_queries.list_quotes(engine) == []
    # Fixed, the same form saves; the prospect's name is typed in Chinese by an input method.
    window.prospect_name.setFocus()
    type_chinese(window.prospect_name, "新開張火鍋店")
    window.prospect_phone.setText("0922 333 444")
    window.save_button.click()
    settle(qtbot)
    (row,) = quote_queries.list_quotes(engine)
    assert row.party == "新開張火鍋店" and row.customer_id is None


def test_send_accept_and_convert_make_the_order_once(qtbot, engine, window, sqlite_seeded):
    customer = a_customer(engine)
    q = quotes.create(engine, sqlite_seeded["clerk"].actor, QuoteInput(
        customer_id=customer.id, lines=(LineInput(product_id(engine, "LPG-20"), 1),)))
    credit.set_limit(engine, sqlite_seeded["manager"].actor, customer_id=customer.id,
                     limit="100000", reason="test")
    window.open_quote(q.id)
    settle(qtbot)
    window.send_button.click()
    settle(qtbot)
    assert window.state_label.text() == "sent"
    window.accept_button.click()
    settle(qtbot)
    assert window.convert_button.isEnabled()
    window.convert_button.click()
    settle(qtbot)
    after = quotes.get(engine, q.id)
    assert after.order_number and after.order_number in window.status.text()
    assert not window.convert_button.isEnabled() and not window.save_button.isEnabled()
    assert after.order_number in window.state_label.text()
    assert window.rows.row(window.rows.find(lambda r: r.id == q.id)).order_number \
        == after.order_number


def test_a_conversion_over_the_limit_goes_through_the_managers_override(
        qtbot, monkeypatch, engine, window, sqlite_seeded):
    customer = a_customer(engine)
    credit.set_limit(engine, sqlite_seeded["manager"].actor, customer_id=customer.id,
                     limit="1000", reason="test")
    q = accepted_quote(engine, sqlite_seeded["clerk"].actor, customer.id,
                       LineInput(product_id(engine, "LPG-50"), 3))
    seen = []

    def run(dialog):
        seen.append(dialog)
        dialog.manager.setText("manager")
        dialog.password.setText(sqlite_seeded["manager"].password)
        dialog.reason.setText("老客戶")
        dialog.request_override()
        settle(qtbot)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "run_dialog", run)
    window.open_quote(q.id)
    settle(qtbot)
    window.convert_button.click()
    settle(qtbot)
    assert len(seen) == 1 and isinstance(seen[0], OverrideDialog)
    order = orders.get(engine, quotes.get(engine, q.id).order_id)
    assert [(o.requested_by, o.approved_by) for o in order.overrides] == [("clerk", "manager")]
    assert order.number in window.status.text()


def test_an_expired_quote_shows_as_expired_and_may_only_be_rejected(
        qtbot, engine, window, sqlite_seeded):
    q = quotes.create(engine, sqlite_seeded["clerk"].actor, QuoteInput(
        customer_id=a_customer(engine).id, lines=(LineInput(product_id(engine, "LPG-20"), 1),)))
    with unit_of_work(engine) as s:
        s.execute(text("UPDATE quote SET valid_until = :day WHERE id = :id"),
                  {"day": date.today() - timedelta(days=1), "id": q.id})
    window.load_list()
    settle(qtbot)
    assert window.rows.row(0).state == "expired"
    window.filter_state.setCurrentIndex(window.filter_state.findData("expired"))
    settle(qtbot)
    assert [r.id for r in window.rows.rows] == [q.id]
    window.open_quote(q.id)
    settle(qtbot)
    assert window.state_label.text() == "expired"
    assert [b.isEnabled() for b in (window.send_button, window.accept_button,
                                    window.reject_button, window.convert_button)] == [
        False, False, True, False]


def test_print_preview_shows_the_pages_and_prints_them(
        qtbot, monkeypatch, engine, window, sqlite_seeded, tmp_path):
    q = quotes.create(engine, sqlite_seeded["clerk"].actor, QuoteInput(
        customer_id=a_customer(engine).id, lines=(LineInput(product_id(engine, "LPG-20"), 2),)))
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
    window.open_quote(q.id)
    settle(qtbot)
    window.preview_button.click()
    settle(qtbot)
    (preview,) = shown
    assert isinstance(preview, PrintPreviewDialog)
    assert preview.page_count() > 0 and preview.view.document() is preview.document
    assert preview.windowTitle() == f"Quote {q.number}"
    preview.print_button.click()
    assert isinstance(shown[-1], QPrintDialog) and preview.printed
    assert len(pypdf.PdfReader(out).pages) == preview.page_count()


def test_save_as_pdf_writes_the_quote(qtbot, monkeypatch, engine, window, sqlite_seeded,
                                      tmp_path):
    q = quotes.create(engine, sqlite_seeded["clerk"].actor, QuoteInput(
        customer_id=a_customer(engine).id, lines=(LineInput(product_id(engine, "LPG-20"), 2),)))
    target = tmp_path / "quote"
    asked = []
    monkeypatch.setattr(dialogs, "save_file",
                        lambda parent, title, suggested, name_filter: asked.append(suggested)
                        or str(target))
    window.open_quote(q.id)
    settle(qtbot)
    window.pdf_button.click()
    settle(qtbot)
    assert asked == [f"{q.number}.pdf"]
    written = tmp_path / "quote.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert q.number in pypdf.PdfReader(written).pages[0].extract_text()


class _Printer:
    """What print dialogs leave in a QPrinter: a chosen printer's name and format."""

    def __init__(self, name: str, native: bool = True) -> None:
        self.name, self.native, self.set_to = name, native, None

    def printerName(self) -> str:  # noqa: N802 - Qt's name
        return self.name

    def outputFormat(self):  # noqa: N802
        return QPrinter.OutputFormat.NativeFormat if self.native \
            else QPrinter.OutputFormat.PdfFormat

    def setPrinterName(self, name: str) -> None:  # noqa: N802
        self.set_to = name


def test_the_printer_chosen_is_remembered_and_preselected_next_time(monkeypatch):
    local = LocalSettings(language="en")
    print_preview.remember(_Printer("Office laser"), local)
    assert LocalSettings.load().printer == "Office laser"
    print_preview.remember(_Printer("", native=False), local)  # printing to a file
    assert LocalSettings.load().printer == "Office laser"
    monkeypatch.setattr(print_preview.QPrinterInfo, "availablePrinterNames",
                        staticmethod(lambda: ["Office laser", "Front desk"]))
    printer = _Printer("")
    print_preview.preselect(printer, LocalSettings.load())
    assert printer.set_to == "Office laser"
    monkeypatch.setattr(print_preview.QPrinterInfo, "availablePrinterNames",
                        staticmethod(lambda: ["Front desk"]))
    gone = _Printer("")
    print_preview.preselect(gone, LocalSettings.load())
    assert gone.set_to is None  # that printer is gone: Qt's default stays


def chosen_quote(window) -> int:
    [row] = window.table.selectionModel().selectedRows()
    return window.rows.row(row.row()).id


def test_another_workstation_s_quotes_show_live_keeping_what_is_typed_and_chosen(
        qtbot, engine, window):
    customer = a_customer(engine)
    other = context(engine, "clerk")  # another workstation, its changes pushed to this one
    made = QuoteInput(customer_id=customer.id, lines=(LineInput(product_id(engine, "LPG-20"), 1),))
    with changes.collect() as got:
        first = other.api.quotes.create(data=made)
    window.ctx.events.changed.emit(got.value)
    qtbot.keyClicks(window.filter_text, customer.code)  # the list filtered as typed
    settle(qtbot)
    window.table.setCurrentIndex(window.rows.index(
        window.rows.find(lambda r: r.id == first.id), 0))  # opens it in the form
    settle(qtbot)
    assert window.quote.id == first.id and window.state_label.text() == "draft"

    # Sent elsewhere while the form is as loaded: the form shows it sent.
    with changes.collect() as got:
        other.api.quotes.mark(quote_id=first.id, version=first.version, target="sent")
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert window.state_label.text() == "sent" and chosen_quote(window) == first.id

    # Half-way through a change here, that quote changed again and another one for the
    # customer: the list follows, what is typed and chosen stays.
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, "call befo")
    with changes.collect() as got:
        other.api.quotes.update(quote_id=first.id, version=window.quote.version,
                                data=QuoteInput(customer_id=customer.id, lines=made.lines,
                                                notes="後門"))
        second = other.api.quotes.create(data=made)
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert window.rows.find(lambda r: r.id == second.id) is not None
    assert window.filter_text.text() == customer.code
    assert chosen_quote(window) == first.id == window.quote.id
    assert window.notes.text() == "call befo" and window.dirty()
    assert dialogs.shown == []  # nobody was asked to discard anything
