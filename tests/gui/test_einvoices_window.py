"""The Uniform invoices window: a period's uniform invoices with their buyers and proofs,
a proof printed (a consumer's second print asked first), the allowances a manager
confirms or voids, the number ranges with their warnings and a manager's new range, and
what waits to be reported; a banner while uniform invoices are off.  On real SQLite
through the real services (tests/gui/einvoice_data.py)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from core import changes, uniform
from core.services import einvoice, settings
from desktop import dialogs
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.windows import registry
from desktop.windows.einvoices import (ALLOWANCES, RANGES, AddRangeDialog, EInvoicesWindow,
                                       VoidAllowanceDialog, period_name)
from tests.gui.einvoice_data import KEY, PERIOD, invoiced, sell
from tests.gui.cash_data import WAIT_MS
from tests.gui.records import actor, context, drive, settle, show, texts

NUMBER, DATE, CUSTOMER, BUYER, UNTAXED, TAX, TOTAL, STATUS, PROOF, DOCUMENT, REPORTED = \
    range(11)


@pytest.fixture
def data(sqlite_engine, sqlite_seeded):
    return invoiced(sqlite_engine, sqlite_seeded)


def open_window(qtbot, engine, *roles) -> EInvoicesWindow:
    return show(qtbot, EInvoicesWindow(context(engine, *roles)), 1280, 760)


def choose(window, number: str) -> None:
    from desktop.widgets.rows import select_row

    select_row(window.invoices_table, window.invoices.find(lambda r: r.number == number))


def test_the_invoices_table_shows_the_periods_uniform_invoices_newest_first(
        qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert window.banner.isHidden()
    assert window.period_box.currentText() == period_name(PERIOD, "en")
    assert texts(window.invoices, NUMBER) == [f"AB-1000000{n}" for n in (4, 3, 2, 1, 0)]
    by_code = {r.customer_code: n for n, r in enumerate(window.invoices.rows)}
    buyer, proof = texts(window.invoices, BUYER), texts(window.invoices, PROOF)
    assert buyer[by_code["B1"]] == "Tax ID 04595257"
    assert buyer[by_code["P1"]] == "Carrier /ABC+123" and proof[by_code["P1"]] == "—"
    assert buyer[by_code["P2"]] == "Donation 25885" and proof[by_code["P2"]] == "—"
    assert buyer[by_code["P3"]] == "Printed proof" and proof[by_code["P3"]] == "Not printed"
    assert texts(window.invoices, CUSTOMER)[by_code["B1"]] == "B1 好味道小吃店有限公司"
    assert texts(window.invoices, DOCUMENT)[by_code["B2"]].startswith("INV-")
    assert texts(window.invoices, DOCUMENT)[by_code["P3"]].startswith("CS-")
    assert set(texts(window.invoices, STATUS)) == {"Issued"}
    assert set(texts(window.invoices, REPORTED)) == {"Waiting"}
    p3 = window.invoices.rows[by_code["P3"]]
    assert texts(window.invoices, TOTAL)[by_code["P3"]] == window.ctx.money(p3.total)
    assert window.invoice_summary.text().startswith("5 issued · 0 void · total NT$")
    assert window.usage_label.text() == f"{period_name(PERIOD, 'en')}: 5 of 50 numbers used"

    window.tabs.setCurrentIndex(RANGES)
    qtbot.keyClick(window.ranges_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0 and window.find.hasFocus()
    window.find.setText("ab-10000003")  # as printed, or as stored, or by customer
    assert texts(window.invoices, NUMBER) == ["AB-10000003"]
    window.find.setText("老張")
    assert texts(window.invoices, NUMBER) == ["AB-10000004"]
    assert window.invoice_summary.text().startswith("1 of 5 found")

    window.find.clear()
    oldest = window.period_box.itemData(window.period_box.count() - 1)
    assert oldest < PERIOD
    window.choose_period(oldest)
    settle(qtbot)
    assert window.invoices.rowCount() == 0  # two years ago: none


def test_print_proof_shows_the_proof_pdf_and_a_second_print_is_asked_first(
        qtbot, sqlite_engine, data, monkeypatch, answers):
    window = open_window(qtbot, sqlite_engine, "clerk")
    choose(window, data.numbers["P1"])
    assert not window.print_button.isEnabled()  # a carrier: no proof
    assert "no printed proof" in window.invoice_note.text()
    choose(window, data.numbers["P3"])
    assert window.print_button.isEnabled()

    def look(dialog):
        assert isinstance(dialog, PrintPreviewDialog)
        assert dialog.pdf.startswith(b"%PDF") and dialog.page_count() == 1
        assert dialog.windowTitle() == "Uniform invoice AB-10000003"
        dialog.reject()

    shown = drive(qtbot, monkeypatch, look)
    qtbot.keyClick(window.invoices_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert len(shown) == 1
    row = window.current_invoice()
    assert row.number == data.numbers["P3"] and row.printed == 1  # reloaded, still chosen
    assert texts(window.invoices, PROOF)[window.invoices_table.currentIndex().row()] == \
        "Printed"

    answers.append(False)  # the proof was printed: print a reprint? No.
    window.print_proof()
    settle(qtbot)
    assert dialogs.shown[-1][0] == "ask" and "reprint (補印)" in dialogs.shown[-1][2]
    assert len(shown) == 1

    answers.append(True)
    window.print_proof()
    settle(qtbot)
    assert len(shown) == 2 and window.current_invoice().printed == 2
    assert "Printed 2×" in texts(window.invoices, PROOF)


def test_a_business_proof_prints_on_a4_without_asking(
        qtbot, sqlite_engine, data, monkeypatch, answers):
    window = open_window(qtbot, sqlite_engine, "clerk")
    choose(window, data.numbers["B1"])
    assert window.invoice_note.text() == "A business's proof prints on A4."
    sizes = []
    shown = drive(qtbot, monkeypatch, lambda d: (sizes.append(
        d.document.pagePointSize(0).toSize().width()), d.reject()))
    window.print_proof()
    settle(qtbot)
    window.print_proof()  # a business's reprint is not asked
    settle(qtbot)
    assert len(shown) == 2 and sizes == [595, 595]  # A4


def test_a_manager_adds_a_range_and_a_bad_one_keeps_the_dialog_filled_with_the_field_error(
        qtbot, sqlite_engine, data, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    window.tabs.setCurrentIndex(RANGES)
    assert window.add_range_button.isVisible()
    assert texts(window.ranges, 0)[0] == period_name(PERIOD, "en")
    assert texts(window.ranges, 4)[:2] == ["5 / 50 (10 %)", "5 / 50 (10 %)"]
    assert texts(window.ranges, 2)[1] == "AB-10000000"

    def fill(dialog):
        assert isinstance(dialog, AddRangeDialog)
        assert dialog.period.text() == f"{PERIOD // 100}-{PERIOD % 100:02d}"
        dialog.track.setText("ab")
        dialog.first.setText("10000050")
        dialog.last.setText("1000009")  # 7 digits
        dialog.submit()
        settle(qtbot)
        assert dialog.isVisible()
        assert "8 digits" in dialog.form.error_text("last")
        assert dialog.form.error_text("first") == ""
        assert (dialog.track.text(), dialog.first.text(), dialog.last.text()) == (
            "ab", "10000050", "1000009")
        dialog.first.setText("10000000")  # overlaps the range entered
        dialog.last.setText("10000049")
        dialog.submit()
        settle(qtbot)
        assert "overlaps the range AB10000000–10000049" in dialog.form.error_text("first")
        dialog.first.setText("10000050")
        dialog.last.setText("10000099")
        dialog.submit()
        settle(qtbot)

    shown = drive(qtbot, monkeypatch, fill)
    window.add_range_button.click()
    settle(qtbot)
    (dialog,) = shown
    assert not dialog.isVisible()
    assert window.status.text() == \
        f"Range AB-10000050 – AB-10000099 added for {period_name(PERIOD, 'en')}."
    assert texts(window.ranges, 4)[0] == "5 / 100 (5 %)"
    assert texts(window.ranges, 2)[1:] == ["AB-10000000", "AB-10000050"]
    assert [r.first for r in einvoice.ranges(sqlite_engine)] == [10000000, 10000050]


def test_a_period_typed_in_the_roc_calendar_is_taken(qtbot, sqlite_engine, data, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")
    following = uniform.next_period(PERIOD)

    def fill(dialog):
        dialog.period.setText(f"{following // 100 - 1911}-{following % 100:02d}")
        dialog.track.setText("CD")
        dialog.first.setText("20000000")
        dialog.last.setText("20000249")
        dialog.period.setFocus()
        qtbot.keyClick(dialog.period, "\r")  # Enter in a field submits
        settle(qtbot)

    drive(qtbot, monkeypatch, fill)
    window.add_range()
    settle(qtbot)
    assert texts(window.ranges, 0)[0] == period_name(following, "en")
    assert texts(window.ranges, 6)[0] == "Next period"
    assert period_name(following, "en") in [window.period_box.itemText(n)
                                            for n in range(window.period_box.count())]


def test_the_ninety_percent_warning_shows(qtbot, sqlite_engine, sqlite_seeded, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert window.range_warning.text() == f"45 numbers left for {period_name(PERIOD, 'en')}."
    sell(sqlite_engine, sqlite_seeded, data, "P3", 40)  # 45 of 50
    window.refresh()
    settle(qtbot)
    assert window.range_warning.text().startswith(
        f"{period_name(PERIOD, 'en')}: 90 % of the numbers are used, 5 left.")
    assert "color: #b3261e" in window.range_warning.styleSheet()
    assert "color: #b3261e" in window.usage_label.styleSheet()
    assert window.usage_label.text() == f"{period_name(PERIOD, 'en')}: 45 of 50 numbers used"
    assert window.tabs.tabBar().tabTextColor(RANGES).name() == "#b3261e"


def test_no_range_for_the_current_period_is_a_warning_and_the_banner_shows_while_off(
        qtbot, sqlite_engine, sqlite_seeded):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert window.banner.isVisible()
    assert window.banner.text() == ("Uniform invoices are off: an administrator turns them on "
                                    "in Settings.")
    assert window.range_warning.text().startswith(
        f"No uniform invoice numbers for {period_name(PERIOD, 'en')}")
    assert window.invoices.rowCount() == 0

    with changes.collect() as got:  # turned on elsewhere: the window follows
        settings.update_company(sqlite_engine, sqlite_seeded["admin"].actor,
                                tax_id="12345675", uniform_invoices="on", einvoice_aes_key=KEY)
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert window.banner.isHidden()
    assert window.range_warning.text().startswith("No uniform invoice numbers for")


def test_a_manager_confirms_an_allowance(qtbot, sqlite_engine, data, answers):
    window = open_window(qtbot, sqlite_engine, "manager")
    window.tabs.setCurrentIndex(ALLOWANCES)
    assert window.tabs.tabText(ALLOWANCES) == "A&llowances (1 waiting)"
    assert texts(window.allowances, 0) == [data.allowance]
    assert texts(window.allowances, 2) == ["AB-10000004"]
    assert texts(window.allowances, 3) == ["Business"]
    assert texts(window.allowances, 6) == ["NT$105"]
    assert texts(window.allowances, 7) == ["Waiting for the buyer's confirmation"]
    assert window.confirm_button.isEnabled() and window.void_button.isEnabled()
    waiting = einvoice.backlog(sqlite_engine).waiting

    answers.append(True)  # Has the buyer signed it?
    window.confirm_button.click()
    settle(qtbot)
    assert "NT$105" in dialogs.shown[-1][2]
    assert texts(window.allowances, 7) == ["Confirmed"]
    assert window.status.text().startswith(f"Allowance {data.allowance} is confirmed")
    assert not window.confirm_button.isEnabled() and window.void_button.isEnabled()
    assert window.tabs.tabText(ALLOWANCES) == "A&llowances"
    assert window.waiting_value.text() == str(waiting + 1)  # its G0401


def test_a_manager_voids_an_allowance_and_an_empty_reason_keeps_the_dialog(
        qtbot, sqlite_engine, data, monkeypatch):
    window = open_window(qtbot, sqlite_engine, "manager")

    def fill(dialog):
        assert isinstance(dialog, VoidAllowanceDialog)
        assert "has not been reported" in dialog.heading.text()
        dialog.reason.setText("   ")
        qtbot.keyClick(dialog.reason, "\r")
        settle(qtbot)
        assert dialog.isVisible() and "Say why" in dialog.form.error_text("reason")
        dialog.reason.setText("買方退回")
        qtbot.keyClick(dialog.reason, "\r")
        settle(qtbot)

    shown = drive(qtbot, monkeypatch, fill)
    window.void_button.click()
    settle(qtbot)
    (dialog,) = shown
    assert not dialog.isVisible()
    assert texts(window.allowances, 7) == ["Void"]
    assert window.status.text() == f"Allowance {data.allowance} is void."
    assert not window.confirm_button.isEnabled() and not window.void_button.isEnabled()
    (row,) = einvoice.allowances(sqlite_engine)
    assert (row.status, row.reason) == ("void", "瓦斯不足")


def test_a_clerk_sees_no_manager_action(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    for button in (window.confirm_button, window.void_button, window.add_range_button):
        window.tabs.setCurrentIndex(ALLOWANCES if button is not window.add_range_button
                                    else RANGES)
        assert not button.isVisible()
    window.confirm_allowance()  # a key or a stale call does nothing either
    window.add_range()
    settle(qtbot)
    assert einvoice.allowances(sqlite_engine)[0].status == "issued"
    assert window.range_dialog is None


def test_the_reporting_tab_shows_what_waits_and_what_is_late(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    backlog = einvoice.backlog(sqlite_engine)
    assert backlog.waiting == 5 and backlog.late == 0
    assert window.waiting_value.text() == "5" and window.late_value.text() == "0"
    assert window.next_due_value.text().startswith(date.today().isoformat()[:4])
    assert window.folder_value.text() == "not set: nothing is written on a schedule"
    assert window.tabs.tabText(3) == "&Reporting"

    window._show_backlog(einvoice.Backlog(5, 2, backlog.next_due), window.overview.company)
    assert window.tabs.tabText(3) == "&Reporting (2 late)"
    assert "color: #b3261e" in window.late_value.styleSheet()


def test_a_sale_on_another_workstation_shows_here(qtbot, sqlite_engine, sqlite_seeded, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    with changes.collect() as got:
        sell(sqlite_engine, sqlite_seeded, data, "P3", 1)
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert texts(window.invoices, NUMBER)[0] == "AB-10000005"


def test_periods_are_named_as_each_language_writes_them():
    assert period_name(202611, "zh_TW") == "115年11-12月"
    assert period_name(202611, "en") == "Nov–Dec 2026"
    assert period_name(202601, "en") == "Jan–Feb 2026"


def test_the_window_is_offered_right_after_billing_and_to_clerks():
    keys = [e.key for e in registry.visible(actor("manager"))]
    assert keys.index("einvoices") == keys.index("billing") + 1
    assert "einvoices" in [e.key for e in registry.visible(actor("clerk"))]
    assert "einvoices" not in [e.key for e in registry.visible(actor("dispatcher"))]


def test_the_screenshot_pose_chooses_an_invoice_with_a_proof(qtbot, sqlite_engine, data):
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.screenshot_pose()
    row = window.current_invoice()
    assert row is not None and row.proof and window.print_button.isEnabled()


# --- connected: a workstation of an office server (SQLite and PostgreSQL) --------------------

def test_connected_the_window_loads_through_the_server_and_prints_a_proof(
        qtbot, engine, seeded, workstation, monkeypatch):
    data = invoiced(engine, seeded)
    window = show(qtbot, EInvoicesWindow(workstation("clerk")), 1280, 760, wait=False)
    qtbot.waitUntil(lambda: window.invoices.rowCount() == 5 and window.overview is not None,
                    timeout=WAIT_MS)
    assert window.ctx.engine is None and window.banner.isHidden()
    assert texts(window.allowances, 7) == ["Waiting for the buyer's confirmation"]
    assert window.waiting_value.text() == "5"
    choose(window, data.numbers["P3"])
    shown = drive(qtbot, monkeypatch, lambda d: d.reject())
    window.print_proof()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT_MS)
    assert shown[0].pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: "Printed" in texts(window.invoices, PROOF), timeout=WAIT_MS)
