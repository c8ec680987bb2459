"""The shared widgets of desktop/widgets: the unsaved-changes guard, customer search as you
type, the lines editor and the day picker, on real widgets and a real database."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from core import demo, rules
from core.errors import ValidationError
from core.services.orders import OrderInput
from desktop import dialogs
from desktop.widgets.customer_search import CustomerSearch
from desktop.widgets.day_picker import DayPicker
from desktop.widgets.lines import PRICE, PRODUCT, QUANTITY, Line, LinesEditor
from desktop.widgets.unsaved import Unsaved
from desktop.windows.orders.entry import OrderEntryWindow
from tests.gui.records import settle


@pytest.fixture
def engine(sqlite_engine, sqlite_seeded):
    demo.generate(sqlite_engine, customers_count=20, days=0)
    return sqlite_engine


@pytest.fixture
def ctx(engine, sqlite_seeded, make_ctx):
    return make_ctx(sqlite_seeded["clerk"])


@pytest.fixture
def order_entry(qtbot, ctx):
    window = OrderEntryWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot)
    return window


# --- the unsaved-changes guard --------------------------------------------------------------

def test_the_guard_asks_before_typed_input_is_lost_and_no_keeps_it(qtbot, answers):
    form = QWidget()
    qtbot.addWidget(form)
    field = QLineEdit(form)
    field.setText("as loaded")
    guard = Unsaved(form, field.text)
    guard.clean()
    assert not guard.dirty() and guard.confirm() and dialogs.shown == []  # nothing to lose

    field.setText("typed")
    answers.append(False)
    assert guard.dirty() and not guard.confirm()
    assert dialogs.shown[-1][:2] == ("ask", "Discard changes?")
    assert field.text() == "typed" and guard.dirty()  # kept, and still unsaved
    answers.append(True)
    assert guard.confirm()


def test_order_entry_asks_before_esc_clears_what_was_typed_and_no_keeps_the_form(
        qtbot, order_entry, answers):
    window = order_entry
    assert not window.dirty()
    window.notes.setText("back door")
    assert window.dirty()
    answers.append(False)
    window.clear_form()  # Esc
    assert [kind for kind, *_ in dialogs.shown] == ["ask"]
    assert window.notes.text() == "back door" and window.dirty()
    answers.append(True)
    window.clear_form()
    assert window.notes.text() == "" and not window.dirty()


# --- customer search as you type ----------------------------------------------------------

def test_typing_fast_shows_only_the_newest_query_s_customers(qtbot, ctx):
    everyone = ctx.api.customers.search(query="", limit=20)
    first, second = everyone[0], everyone[1]
    assert first.code not in second.code and second.code not in first.code
    release = threading.Event()
    real_call = ctx.api.call

    def call(name, /, **arguments):  # the first query answers late
        if name == "customers.search" and arguments.get("query") == first.code:
            release.wait(5)
        return real_call(name, **arguments)

    ctx.api.call = call
    box = QLineEdit()
    qtbot.addWidget(box)
    search = CustomerSearch(ctx, box, box)
    search.build_list(box)
    found: list[list] = []
    search.found.connect(found.append)

    box.setText(first.code)
    search.search()  # on its way, slowly
    box.setText(second.code)
    search.search()  # typed on: the newer question
    qtbot.waitUntil(lambda: bool(found))
    release.set()  # the older answer arrives now, too late
    settle(qtbot)

    assert len(found) == 1 and [r.id for r in found[0]] == [second.id]
    assert [r.id for r in search.results.rows] == [second.id]


def test_enter_while_the_search_is_on_its_way_picks_the_first_customer_of_the_answer(
        qtbot, order_entry, ctx):
    window = order_entry
    wanted = ctx.api.customers.search(query="", limit=20)[3]
    window.search_box.setFocus()
    qtbot.keyClicks(window.search_box, wanted.code)
    qtbot.keyClick(window.search_box, "\r")  # before the pause is over
    settle(qtbot)
    assert window.customer is not None and window.customer.customer.id == wanted.id
    assert window.payment.currentData() == rules.default_payment(
        window.customer.credit.credit_limit)


# --- the lines editor ---------------------------------------------------------------------

@pytest.fixture
def editor(qtbot, ctx):
    window = QWidget()
    qtbot.addWidget(window)
    lines = LinesEditor(ctx, window, window, ["Product", "Quantity", "Unit price", "Amount"],
                        (30, 9, 11, 12), leave=lambda: None)
    totals = lines.totals_form(window.font())
    return lines, totals


def _offers(ctx, customer_id):
    day = date.today() + timedelta(days=1)
    return day, ctx.api.orders.price_list(customer_id=customer_id, day=day)


def test_the_lines_editor_puts_the_core_s_error_on_the_cell_of_the_line_it_names(
        qtbot, ctx, editor):
    lines, _totals = editor
    customer = ctx.api.customers.search(query="", limit=1)[0]
    day, offers = _offers(ctx, customer.id)
    lines.load_offers(lambda: offers)
    settle(qtbot)
    model = lines.model
    a, b = offers[0], offers[1]
    model.set_lines([model.line_from(a.product_id, a.sku, a.name_zh, a.name_en, Decimal(2)),
                     Line(),  # an empty row between: not sent
                     model.line_from(b.product_id, b.sku, b.name_zh, b.name_en, Decimal(1))])
    model.setData(model.index(2, QUANTITY), "0")  # the second line sent, on the third row
    data = OrderInput(customer_id=customer.id, lines=lines.inputs(), delivery_date=day,
                      payment="cash")
    with pytest.raises(ValidationError) as refused:
        ctx.api.orders.place(data=data, request_key="shared-widgets-1")
    assert "line2.quantity" in refused.value.field_errors

    cells, messages, rest = lines.show_errors(refused.value.field_errors)
    assert set(cells) == {(2, QUANTITY)} and rest == {}
    assert model.error_at(2, QUANTITY) and not model.error_at(0, QUANTITY)
    assert not lines.errors.isHidden() and lines.errors.text() == "\n".join(messages)
    model.setData(model.index(2, QUANTITY), "3")  # corrected: the cell's error goes
    assert not model.error_at(2, QUANTITY)
    lines.clear_errors()
    assert lines.errors.isHidden()


def test_the_lines_editor_s_totals_are_the_core_rules_and_the_order_the_core_stores(
        qtbot, ctx, editor):
    lines, _totals = editor
    customer = ctx.api.customers.search(query="", limit=1)[0]
    day, offers = _offers(ctx, customer.id)
    lines.model.set_offers(offers)
    model = lines.model
    typed = [(offers[0], "3"), (offers[1], "7"), (offers[0], "1")]
    model.set_lines([model.line_from(o.product_id, o.sku, o.name_zh, o.name_en, Decimal(q))
                     for o, q in typed])
    currency = ctx.company.currency
    expected = rules.totals(rules.price(Decimal(q), o.price, o.tax_rate, currency)
                            for o, q in typed)
    shown = lines.totals()
    assert (shown.subtotal, shown.tax, shown.total) == \
        (expected.subtotal, expected.tax, expected.total)
    assert lines.total.text() == ctx.money(expected.total)
    assert lines.subtotal.text() == ctx.money(expected.subtotal)
    assert model.data(model.index(1, 3)) == ctx.money(
        rules.price(Decimal(7), offers[1].price, offers[1].tax_rate, currency).amount)
    assert model.data(model.index(0, PRICE)) and model.data(model.index(0, PRODUCT))

    placed = ctx.api.orders.place(data=OrderInput(
        customer_id=customer.id, lines=lines.inputs(), delivery_date=day, payment="cash"),
        request_key="shared-widgets-2")
    assert (placed.subtotal, placed.tax, placed.total) == \
        (shown.subtotal, shown.tax, shown.total)


def test_the_day_picker_steps_and_says_the_new_day(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    picker = DayPicker(window, keys=True)
    plain = DayPicker(QWidget(window))
    field = QLineEdit(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    days = []
    picker.dateChanged.connect(days.append)
    assert picker.date() == date.today()
    picker.previous_button.click()
    picker.step(-2)
    picker.next_button.click()
    assert days == [date.today() - timedelta(days=n) for n in (1, 3, 2)]
    picker.setDate(date(2025, 1, 31))
    picker.setDate(date(2025, 1, 31))  # the same day: said once
    assert picker.edit.text().startswith("2025-01-31 ") and days[-1] == date(2025, 1, 31)
    assert len(days) == 4
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert picker.date() == date(2025, 2, 1)  # Alt+Right anywhere in the window
    assert plain.date() == date.today()  # no keys asked for
    picker.today_button.click()
    assert picker.date() == date.today()
    assert picker.previous_button.toolTip() == "The day before (Alt+Left)"
    assert plain.previous_button.toolTip() == "The day before"
