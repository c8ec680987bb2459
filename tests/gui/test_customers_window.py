"""The customers window: as-you-type search, the form, conflicts, validation and roles."""

from __future__ import annotations

import threading
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core import changes
from core.changes import Changes
from core.db import make_engine
from core.queries import customers as customer_queries
from core.services import audit, customers
from core.services.actor import SYSTEM
from core.services.customers import CustomerInput
from desktop import dialogs
from desktop.windows.customers.view import CustomersWindow
from tests.gui.records import actor, context, settle, type_chinese

MANAGER = actor("manager")


@pytest.fixture
def people(sqlite_engine):
    """Four customers; two of them are called 志明, one is inactive."""
    made = {}
    for code, name, phone, area in (
            ("C1", "王志明", "0912-345-678", "西屯區"),
            ("C2", "李志明", "04-2345-6789", "北屯區"),
            ("C3", "陳大文", "0922-111-222", "西屯區"),
            ("C4", "林美玲", "0933-444-555", "南區")):
        made[code] = customers.save(sqlite_engine, MANAGER, CustomerInput(
            code=code, name=name, phone=phone, area=area, address=f"台中市{area}中山路1號",
            credit_limit=Decimal(5000)))
    return made


def open_window(qtbot, engine, *roles) -> CustomersWindow:
    window = CustomersWindow(context(engine, *roles))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def shown_names(window) -> list[str]:
    return sorted(r.name for r in window.results.rows)


def open_customer(qtbot, window, customer_id: int) -> None:
    window.open_customer(customer_id)
    settle(qtbot)
    assert window.current is not None and window.current.id == customer_id


def test_typing_a_chinese_name_shows_exactly_the_matching_customers(qtbot, sqlite_engine, people,
                                                                      qtmodeltester):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert len(window.results.rows) == 4
    type_chinese(window.search_box, "志明")
    assert window.search_box.text() == "志明"
    qtbot.waitUntil(lambda: shown_names(window) == ["李志明", "王志明"])
    settle(qtbot)
    assert shown_names(window) == ["李志明", "王志明"]
    assert window.table.model().rowCount() == 2
    qtmodeltester.check(window.results)


def test_down_and_enter_in_the_search_box_open_the_chosen_customer(qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    type_chinese(window.search_box, "西屯")
    qtbot.waitUntil(lambda: shown_names(window) == ["王志明", "陳大文"])
    assert window.table.currentIndex().row() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 1
    second = window.results.row(1)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.current.id == second.id
    assert window.name.text() == second.name


def test_a_late_answer_to_an_older_query_is_ignored(qtbot, sqlite_engine, people, monkeypatch):
    release = threading.Event()
    window = open_window(qtbot, sqlite_engine, "clerk")
    real = window.ctx.api.call

    def call(name, /, **kw):
        if name == "customers.search" and kw["query"] == "陳":
            release.wait(5)  # the first query answers only after the second one
        return real(name, **kw)

    monkeypatch.setattr(window.ctx.api, "call", call)
    window.search_box.setText("陳")
    window._search()
    window.search_box.setText("志明")
    window._search()
    qtbot.waitUntil(lambda: shown_names(window) == ["李志明", "王志明"])
    release.set()
    settle(qtbot)
    assert shown_names(window) == ["李志明", "王志明"]


def test_show_inactive_lists_deactivated_customers(qtbot, sqlite_engine, people, answers):
    window = open_window(qtbot, sqlite_engine, "clerk")
    open_customer(qtbot, window, people["C4"].id)
    answers.append(True)  # yes, deactivate
    window.active_button.click()
    settle(qtbot)
    assert not customers.get(sqlite_engine, people["C4"].id).active
    assert window.active_button.text() == "Activate"
    window.refresh()
    settle(qtbot)
    assert "林美玲" not in shown_names(window)
    window.show_inactive.setChecked(True)
    settle(qtbot)
    assert "林美玲 (inactive)" in [window.results.data(window.results.index(i, 1))
                                for i in range(window.results.rowCount())]


def test_a_new_customer_is_saved_with_enter_and_gets_a_code(qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    events = []
    window.ctx.events.changed.connect(events.append)
    window.new_customer()
    type_chinese(window.name, "張家豪")
    qtbot.keyClicks(window.phone, "0955 123 456")
    qtbot.keyClick(window.phone, Qt.Key.Key_Return)
    settle(qtbot)
    saved = window.current
    assert saved is not None and saved.code and saved.name == "張家豪"
    assert saved.phone == "+886955123456"
    assert window.results.row(window.table.currentIndex().row()).id == saved.id
    assert [e.touches("customers", saved.id) for e in events] == [True]
    assert not window.dirty()


def test_the_second_of_two_sessions_to_save_is_told_and_keeps_its_input(
        qtbot, sqlite_url, people, answers):
    first_engine, second_engine = make_engine(sqlite_url), make_engine(sqlite_url)
    try:
        first = open_window(qtbot, first_engine, "clerk")
        second = open_window(qtbot, second_engine, "clerk")
        customer_id = people["C1"].id
        open_customer(qtbot, first, customer_id)
        open_customer(qtbot, second, customer_id)

        first.name.setText("王志明 (總店)")
        first.save()
        settle(qtbot)
        assert first.status.text().startswith("Saved")

        second.address.setText("台中市西屯區台灣大道三段99號")
        type_chinese(second.contact, "王先生")
        answers.append(False)  # do not reload: keep what I typed
        second.save()
        settle(qtbot)
        kind, _title, text = dialogs.shown[-1]
        assert kind == "ask"
        assert text.startswith("This customer was changed elsewhere.")
        assert second.address.text() == "台中市西屯區台灣大道三段99號"
        assert second.contact.text() == "王先生"
        assert second.name.text() == "王志明"
        stored = customers.get(first_engine, customer_id)
        assert stored.name == "王志明 (總店)"
        assert stored.address == people["C1"].address and stored.contact_person == ""

        answers.append(True)  # now reload the newer version
        second.save()
        settle(qtbot)
        assert second.name.text() == "王志明 (總店)"
        assert second.current.version == stored.version
        assert not answers
    finally:
        first_engine.dispose()
        second_engine.dispose()


def test_bad_input_is_shown_under_its_fields_and_nothing_is_saved(qtbot, sqlite_engine):
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.new_customer()
    qtbot.keyClicks(window.phone, "12345")
    qtbot.keyClicks(window.lat, "north")
    type_chinese(window.address, "台中市北區")
    qtbot.keyClick(window.address, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.form.error_text("name") == "The customer's name is required."
    assert "12345" in window.form.error_text("phone")
    assert window.form.error_text("lat").startswith("A coordinate must be a number")
    assert window.form.error_text("address") == ""
    assert window.form._errors["name"].isVisible()
    assert (window.phone.text(), window.lat.text(), window.address.text()) == \
        ("12345", "north", "台中市北區")
    assert customer_queries.search(sqlite_engine, "", include_inactive=True) == []
    assert window.current is None

    type_chinese(window.name, "黃小姐")
    window.phone.setText("0912 345 678")
    window.lat.clear()
    window.save()
    settle(qtbot)
    assert window.form.error_text("phone") == "" and not window.form._errors["phone"].isVisible()
    assert window.current is not None and window.current.address == "台中市北區"


def test_a_clerk_cannot_change_a_credit_limit_and_keeps_it_when_saving(
        qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    assert not window.credit_limit.isEnabled()
    open_customer(qtbot, window, people["C2"].id)
    assert window.credit_limit.text() == "5000"
    window.area.setText("北區")
    window.save()
    settle(qtbot)
    stored = customers.get(sqlite_engine, people["C2"].id)
    assert stored.area == "北區" and stored.credit_limit == Decimal(5000)


def test_a_manager_sets_a_credit_limit(qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "manager")
    assert window.credit_limit.isEnabled()
    open_customer(qtbot, window, people["C3"].id)
    window.credit_limit.setText("12000")
    window.save()
    settle(qtbot)
    assert customers.get(sqlite_engine, people["C3"].id).credit_limit == Decimal(12000)
    assert window.results.row(window.results.find(lambda r: r.code == "C3")).credit_limit == \
        Decimal(12000)


def test_opening_another_customer_asks_before_dropping_typed_input(
        qtbot, sqlite_engine, people, answers):
    window = open_window(qtbot, sqlite_engine, "clerk")
    open_customer(qtbot, window, people["C1"].id)
    window.notes.setPlainText("後門送貨")
    answers.append(False)  # keep my input
    window.table.clicked.emit(window.results.index(window.results.find(lambda r: r.code == "C2"), 0))
    settle(qtbot)
    assert window.current.id == people["C1"].id
    assert window.notes.toPlainText() == "後門送貨"
    assert window.results.row(window.table.currentIndex().row()).code == "C1"


def test_the_history_tab_lists_the_customers_audit_entries(qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "manager")
    open_customer(qtbot, window, people["C1"].id)
    window.phone.setText("0912 000 111")
    window.save()
    settle(qtbot)
    window.tabs.setCurrentWidget(window.history_table)
    settle(qtbot)
    entries = audit.list_entries(sqlite_engine, SYSTEM, entity="customer", entity_id="C1")
    assert [e.id for e in window.history.rows] == [e.id for e in entries]
    assert [e.action for e in window.history.rows] == ["updated", "created"]
    changes = window.history.data(window.history.index(0, 3))
    assert "Phone: 0912 345 678 → 0912 000 111" in changes.splitlines()


def test_the_keyboard_alone_finds_edits_and_saves_a_customer(qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    window.focus_search()
    qtbot.keyClicks(window.search_box, "0922")  # the caller's phone number
    qtbot.waitUntil(lambda: shown_names(window) == ["陳大文"])
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    settle(qtbot)
    assert QApplication.focusWidget() is window.name
    qtbot.keyClick(window.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.phone
    qtbot.keyClick(window.phone, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.area
    window.area.selectAll()
    qtbot.keyClicks(window.area, "Beitun")
    qtbot.keyClick(window.area, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert customers.get(sqlite_engine, people["C3"].id).area == "Beitun"
    qtbot.keyClick(window.area, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.search_box
    qtbot.keyClick(window.search_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current is None and QApplication.focusWidget() is window.name



def test_delivery_hours_and_service_time_are_saved_and_in_the_history(
        qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    open_customer(qtbot, window, people["C3"].id)
    assert (window.delivery_from.text(), window.delivery_until.text(),
            window.service_minutes.value()) == ("", "", 5)
    qtbot.keyClicks(window.delivery_from, "09:00")
    qtbot.keyClicks(window.delivery_until, "11:30")
    window.service_minutes.setValue(12)
    qtbot.keyClick(window.delivery_until, Qt.Key.Key_Return)
    settle(qtbot)
    saved = customers.get(sqlite_engine, people["C3"].id)
    assert (saved.delivery_from, saved.delivery_until, saved.service_minutes) == (
        "09:00", "11:30", 12)
    assert (saved.window_start, saved.window_end) == (540, 690) and not window.dirty()
    window.tabs.setCurrentWidget(window.history_table)
    settle(qtbot)
    changes = window.history.data(window.history.index(0, 3)).splitlines()
    assert "Delivery hours, from: 09:00" in changes
    assert "Delivery hours, until: 11:30" in changes
    assert "Service time: 5 → 12" in changes


def test_delivery_hours_with_one_end_or_backwards_are_refused_under_the_field(
        qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    open_customer(qtbot, window, people["C3"].id)
    window.delivery_from.setText("14:00")
    window.save()
    settle(qtbot)
    assert "both ends" in window.form.error_text("delivery_until")
    window.delivery_until.setText("9:00")
    window.save()
    settle(qtbot)
    assert "end after they start" in window.form.error_text("delivery_until")
    assert window.delivery_from.text() == "14:00" and window.dirty()
    assert customers.get(sqlite_engine, people["C3"].id).window_start is None


def edited(view: customers.CustomerView, **fields) -> CustomerInput:
    """``view`` as a form would send it back, with ``fields`` changed."""
    return replace(CustomerInput(
        name=view.name, code=view.code, phone=view.phone, area=view.area, address=view.address,
        contact_person=view.contact_person, payment_terms_days=view.payment_terms_days,
        language=view.language, notes=view.notes, active=view.active), **fields)


def saved_elsewhere(engine, customer_id: int, **fields) -> Changes:
    """Another workstation's clerk changes the customer: the change set its save made."""
    other = context(engine, "clerk")
    view = other.api.customers.get(customer_id=customer_id)
    with changes.collect() as got:
        other.api.customers.save(data=edited(view, **fields), customer_id=customer_id,
                                 version=view.version)
    return got.value


def test_another_workstations_change_shows_while_the_search_and_the_choice_are_kept(
        qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    type_chinese(window.search_box, "西屯")
    qtbot.waitUntil(lambda: shown_names(window) == ["王志明", "陳大文"])
    open_customer(qtbot, window, people["C3"].id)
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, " ")  # typing on
    got = saved_elsewhere(sqlite_engine, people["C3"].id, name="陳大文 (總店)")
    settle(qtbot)
    assert window.name.text() == "陳大文"  # not before the change set arrives

    window.ctx.events.changed.emit(got)
    qtbot.waitUntil(lambda: window.name.text() == "陳大文 (總店)")
    settle(qtbot)
    assert shown_names(window) == ["王志明", "陳大文 (總店)"]
    assert window.results.row(window.table.currentIndex().row()).code == "C3"
    assert window.search_box.text() == "西屯 " and window.search_box.hasFocus()
    assert window.current.version == customers.get(sqlite_engine, people["C3"].id).version


def test_a_form_with_unsaved_input_is_kept_when_another_workstation_saves_the_customer(
        qtbot, sqlite_engine, people, answers):
    window = open_window(qtbot, sqlite_engine, "clerk")
    open_customer(qtbot, window, people["C1"].id)
    type_chinese(window.notes, "後門送貨")  # half typed
    window.ctx.events.changed.emit(saved_elsewhere(sqlite_engine, people["C1"].id,
                                                   area="北屯區"))
    qtbot.waitUntil(lambda: window.results.row(window.results.find(
        lambda r: r.code == "C1")).area == "北屯區")
    settle(qtbot)
    assert window.notes.toPlainText() == "後門送貨" and window.area.text() == "西屯區"
    assert window.current.id == people["C1"].id and window.dirty()
    answers.append(False)  # the save is told, and keeps what was typed
    window.save()
    settle(qtbot)
    assert dialogs.shown[-1][2].startswith("This customer was changed elsewhere.")
    assert window.notes.toPlainText() == "後門送貨"


def test_a_tax_id_with_a_bad_check_digit_is_refused_under_its_field(
        qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    open_customer(qtbot, window, people["C3"].id)
    qtbot.keyClicks(window.tax_id, "04595258")  # 04595257's last digit wrong
    window.invoice_title.setText("陳大文有限公司")
    qtbot.keyClick(window.tax_id, Qt.Key.Key_Return)
    settle(qtbot)
    assert "is not a 統一編號" in window.form.error_text("tax_id")
    assert window.form._errors["tax_id"].isVisible() and window.tax_id.hasFocus()
    assert window.tax_id.text() == "04595258" and window.dirty()
    assert customers.get(sqlite_engine, people["C3"].id).tax_id == ""
    window.tax_id.setText("0459 5257")  # as printed on a business card
    window.save()
    settle(qtbot)
    saved = customers.get(sqlite_engine, people["C3"].id)
    assert (saved.tax_id, saved.invoice_title) == ("04595257", "陳大文有限公司")
    assert window.form.error_text("tax_id") == "" and window.tax_id.text() == "04595257"
    window.tabs.setCurrentWidget(window.history_table)
    settle(qtbot)
    changes = window.history.data(window.history.index(0, 3)).splitlines()
    assert "Tax ID (統一編號): 04595257" in changes


def test_a_consumers_carrier_is_kept_and_a_carrier_with_a_donation_code_refused(
        qtbot, sqlite_engine, people):
    window = open_window(qtbot, sqlite_engine, "clerk")
    open_customer(qtbot, window, people["C4"].id)
    window.carrier.setText("/abc+123")
    window.donation_code.setText("25885")
    window.save()
    settle(qtbot)
    assert "not both" in window.form.error_text("donation_code")
    window.carrier.setText("/ab+123")  # six characters after the slash
    window.donation_code.clear()
    window.save()
    settle(qtbot)
    assert "mobile barcode" in window.form.error_text("carrier")
    assert window.carrier.text() == "/ab+123"
    window.carrier.setText("/abc+123")
    window.save()
    settle(qtbot)
    assert customers.get(sqlite_engine, people["C4"].id).carrier == "/ABC+123"
    assert window.carrier.text() == "/ABC+123" and not window.dirty()
