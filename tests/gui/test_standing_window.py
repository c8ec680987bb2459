"""The Standing orders window: a weekly standing order by keyboard, refused saves, pause and
skip, order generation with its refusals, and placing a refusal with a manager's override."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core import changes, demo
from core.queries import credit as credit_queries
from core.queries import orders as order_queries
from core.services import credit, orders, standing
from core.services.standing import StandingInput, StandingLineInput
from desktop import dialogs
from desktop.windows.standing import words
from desktop.windows.standing.generate import GeneratePanel, default_range
from desktop.windows.standing.view import StandingOrdersWindow
from tests.gui.records import settle, type_chinese

TOMORROW = date.today() + timedelta(days=1)


@pytest.fixture
def engine(sqlite_engine, sqlite_seeded):
    demo.generate(sqlite_engine, customers_count=12, days=0)
    return sqlite_engine


@pytest.fixture
def window(qtbot, engine, sqlite_seeded, make_ctx):
    w = StandingOrdersWindow(make_ctx(sqlite_seeded["clerk"]))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    settle(qtbot)
    return w


def product_id(engine, sku: str) -> int:
    return next(o.product_id for o in orders.price_list(engine, customer_id=1, day=TOMORROW)
                if o.sku == sku)


def business(engine, seeded, *, limit: str, index: int = 0) -> int:
    """A customer on account whose limit the manager sets to ``limit``."""
    rows = [c for c in credit_queries.customers(engine) if c.credit_limit > 0 and not c.blocked]
    chosen = rows[index].customer_id
    credit.set_limit(engine, seeded["manager"].actor, customer_id=chosen, limit=limit,
                     reason="test")
    return chosen


def code_of(engine, customer_id: int) -> str:
    return next(c.code for c in credit_queries.customers(engine) if c.customer_id == customer_id)


def weekly(engine, seeded, customer_id: int, *, sku: str = "LPG-20", quantity: int = 1,
           weekday: int | None = None):
    """A standing order every week on ``weekday`` (default: tomorrow's), from tomorrow."""
    return standing.create(engine, seeded["clerk"].actor, StandingInput(
        customer_id=customer_id, lines=(StandingLineInput(product_id(engine, sku), quantity),),
        schedule="weekdays", days=(weekday or TOMORROW.isoweekday(),), start_date=TOMORROW))


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(qtbot, text: str) -> None:
    """Key by key into whatever has the focus (a grid cell's editor opens on the first)."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def choose(qtbot, window, standing_id: int) -> None:
    settle(qtbot)
    row = window.model.find(lambda v: v.id == standing_id)
    assert row is not None
    window.table.setCurrentIndex(window.model.index(row, 0))
    settle(qtbot)
    assert window.editor.current.id == standing_id


def drive(monkeypatch, qtbot, fill):
    """Replace the modal seam: ``fill(dialog)`` drives each dialog shown."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        fill(dialog)
        settle(qtbot)
        return 0

    monkeypatch.setattr(dialogs, "run_dialog", run)
    return seen


# --- words ----------------------------------------------------------------------------------

def test_schedules_read_as_a_clerk_says_them():
    assert words.schedule_text("every", 7, ()) == "every 7 days"
    assert words.schedule_text("every", 1, ()) == "every day"
    assert words.schedule_text("weekdays", None, (4, 1)) == "Mon, Thu"
    assert words.schedule_text("monthdays", None, (15, 1)) == "1st and 15th of the month"
    assert words.schedule_text("monthdays", None, (2, 3, 11, 22, 31)) == \
        "2nd, 3rd, 11th, 22nd and 31st of the month"


def test_schedules_read_in_chinese(qapp):
    from desktop import i18n

    i18n.install("zh_TW")
    assert words.schedule_text("every", 7, ()) == "每 7 天"
    assert words.schedule_text("weekdays", None, (1, 4)) == "週一、週四"
    assert words.schedule_text("monthdays", None, (1, 15)) == "每月 1 日和 15 日"


def test_generation_defaults_to_tomorrow_through_the_next_working_day(engine):
    from core.services import settings

    company = settings.get_company(engine)  # delivers Monday to Saturday
    saturday = date(2025, 3, 8)
    assert default_range(company, saturday) == (date(2025, 3, 9), date(2025, 3, 10))
    assert default_range(company, date(2025, 3, 4)) == (date(2025, 3, 5), date(2025, 3, 5))


# --- creating and changing --------------------------------------------------------------------

def test_a_weekly_standing_order_is_created_by_keyboard(qtbot, engine, window, sqlite_seeded):
    customer = business(engine, sqlite_seeded, limit="100000")
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a new standing order
    assert QApplication.focusWidget() is window.editor.customer.box
    type_text(qtbot, code_of(engine, customer))
    settle(qtbot)
    press(qtbot, Qt.Key.Key_Return)  # the customer: on to the lines
    settle(qtbot)
    assert window.editor.customer.customer_id == customer
    assert QApplication.focusWidget() is window.editor.lines_view
    type_text(qtbot, "LPG-20")
    press(qtbot, Qt.Key.Key_Return)  # the product; on to the quantity
    type_text(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)  # on to the price: left empty, the price list's
    press(qtbot, Qt.Key.Key_Return)  # a new line
    press(qtbot, Qt.Key.Key_Return)  # an empty line: the lines are done
    assert QApplication.focusWidget() is window.editor.schedule
    press(qtbot, Qt.Key.Key_Down)  # "on weekdays"
    assert window.editor.schedule.currentData() == "weekdays"
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.editor.weekdays.boxes[0]
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Wed
    press(qtbot, Qt.Key.Key_Return)  # save
    settle(qtbot)

    [saved] = standing.list_standing(engine, customer_id=customer)
    assert (saved.schedule, saved.days, saved.start_date) == ("weekdays", (3,), TOMORROW)
    assert [(x.sku, x.quantity, x.fixed_price) for x in saved.lines] == \
        [("LPG-20", Decimal(2), None)]
    assert all(d.isoweekday() == 3 for d in saved.next_dates)
    assert window.editor.status.text().startswith("Saved the standing order")
    row = window.model.find(lambda v: v.id == saved.id)
    assert window.model.index(row, 1).data() == "Wed"
    assert window.model.index(row, 2).data() == words.day_text(saved.next_dates[0])
    assert window.model.index(row, 4).data() == "active"
    assert window.model.index(row, 5).data() == "LPG-20 ×2"


def test_a_refused_save_keeps_the_form_and_shows_the_field_errors(qtbot, engine, window,
                                                                  sqlite_seeded):
    customer = business(engine, sqlite_seeded, limit="100000")
    editor = window.editor
    window.new_standing()
    type_chinese(editor.customer.box, code_of(engine, customer))
    settle(qtbot)
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    editor.lines.set_lines([editor.lines.line_from(product_id(engine, "LPG-20"), "LPG-20",
                                                   "", "", Decimal(1))])
    editor.lines.setData(editor.lines.index(0, 1), "0")  # no quantity
    editor.schedule.setCurrentIndex(editor.schedule.findData("monthdays"))
    editor.monthdays.text.setText("")  # no day of the month
    editor.has_end.setChecked(True)
    editor.end_date.setDate(editor.start_date.date().addDays(-1))  # ends before it starts
    editor.notes.setText("後門，請先打電話")
    editor.save()
    settle(qtbot)

    assert standing.list_standing(engine, customer_id=customer) == []
    assert "day of the month" in editor.error_text("monthdays")
    assert "before the start date" in editor.error_text("end_date")
    assert "quantity" in editor.error_text("lines")
    assert editor.lines.error_at(0, 1)  # on the quantity cell
    # everything typed is still there
    assert editor.customer.customer_id == customer
    assert editor.lines.lines[0].quantity == "0"
    assert editor.notes.text() == "後門，請先打電話"
    assert editor.schedule.currentData() == "monthdays"
    # correcting it saves it
    editor.lines.setData(editor.lines.index(0, 1), "3")
    editor.monthdays.text.setText("1, 15")
    editor.has_end.setChecked(False)
    editor.save()
    settle(qtbot)
    [saved] = standing.list_standing(engine, customer_id=customer)
    assert saved.days == (1, 15) and saved.lines[0].quantity == 3
    assert editor.error_text("monthdays") == ""
    row = window.model.find(lambda v: v.id == saved.id)
    assert window.model.index(row, 1).data() == "1st and 15th of the month"


def test_a_save_without_a_customer_says_find_the_customer(qtbot, engine, window):
    window.new_standing()
    window.editor.save()
    settle(qtbot)
    assert "Find the customer" in window.editor.error_text("customer_id")


def test_a_save_over_a_newer_version_asks_to_reload_and_keeps_the_input(
        qtbot, engine, window, sqlite_seeded, answers):
    customer = business(engine, sqlite_seeded, limit="100000")
    view = weekly(engine, sqlite_seeded, customer)
    window.reload()
    choose(qtbot, window, view.id)
    standing.update(engine, sqlite_seeded["clerk"].actor, standing_id=view.id,
                    version=view.version, data=StandingInput(
                        customer_id=customer, lines=(StandingLineInput(
                            product_id(engine, "LPG-20"), 5),),
                        schedule="every", interval_days=14, start_date=TOMORROW))
    window.editor.notes.setText("my note")
    answers.append(False)  # keep my input
    window.editor.save()
    settle(qtbot)
    assert dialogs.shown[-1][1] == "Changed elsewhere"
    assert window.editor.notes.text() == "my note"
    answers.append(True)  # now reload the newer version
    window.editor.save()
    settle(qtbot)
    assert window.editor.schedule.currentData() == "every"
    assert window.editor.interval.value() == 14


# --- pause, resume, skip, end -------------------------------------------------------------

def test_pausing_and_skipping_change_the_next_dates(qtbot, monkeypatch, engine, window,
                                                    sqlite_seeded):
    customer = business(engine, sqlite_seeded, limit="100000")
    view = weekly(engine, sqlite_seeded, customer)
    window.reload()
    choose(qtbot, window, view.id)
    first, second, third = view.next_dates[:3]

    def skip_first(dialog):
        dialog.day.setDate(first)
        dialog.submit()

    drive(monkeypatch, qtbot, skip_first)
    window.skip()
    settle(qtbot)
    skipped = standing.get(engine, view.id)
    assert skipped.skips == (first,) and skipped.next_dates[0] == second
    assert window.selected().next_dates[0] == second
    assert "Skipped: " + first.isoformat() in window.editor.next_dates.text()

    def pause_two_weeks(dialog):
        dialog.start.setDate(second)
        dialog.until_on.setChecked(True)
        dialog.until.setDate(third)
        dialog.submit()

    drive(monkeypatch, qtbot, pause_two_weeks)
    window.pause()
    settle(qtbot)
    paused = window.selected()
    assert (paused.paused_from, paused.paused_until) == (second, third)
    assert paused.next_dates[0] == third + timedelta(days=7)
    row = window.model.find(lambda v: v.id == view.id)
    assert window.model.index(row, 4).data() == "paused"
    assert window.model.index(row, 4).data(Qt.ItemDataRole.ToolTipRole) == \
        f"paused {second} – {third}"
    assert f"State: paused {second} – {third}" in window.editor.next_dates.text()
    assert window.resume_button.isEnabled()

    window.resume()
    settle(qtbot)
    assert window.selected().next_dates[0] == second
    assert not window.resume_button.isEnabled()

    def deliver_again(dialog):
        dialog.unskip()

    drive(monkeypatch, qtbot, deliver_again)
    window.skip()
    settle(qtbot)
    assert window.selected().next_dates[0] == first


def test_a_skip_on_a_day_without_delivery_is_refused_in_the_dialog(qtbot, monkeypatch, engine,
                                                                   window, sqlite_seeded):
    customer = business(engine, sqlite_seeded, limit="100000")
    view = weekly(engine, sqlite_seeded, customer)
    window.reload()
    choose(qtbot, window, view.id)

    def skip_wrong_day(dialog):
        dialog.day.setDate(view.next_dates[0] + timedelta(days=1))
        dialog.submit()

    seen = drive(monkeypatch, qtbot, skip_wrong_day)
    window.skip()
    settle(qtbot)
    assert "is not a delivery date" in seen[0].message.text()
    assert standing.get(engine, view.id).skips == ()


def test_ending_keeps_the_standing_order_under_show_ended(qtbot, engine, window, sqlite_seeded,
                                                          answers):
    customer = business(engine, sqlite_seeded, limit="100000")
    view = weekly(engine, sqlite_seeded, customer)
    window.reload()
    choose(qtbot, window, view.id)
    answers.append(True)
    window.end()
    settle(qtbot)
    assert not standing.get(engine, view.id).active
    assert window.model.find(lambda v: v.id == view.id) is None
    window.show_ended.setChecked(True)
    settle(qtbot)
    row = window.model.find(lambda v: v.id == view.id)
    assert window.model.index(row, 4).data() == "ended"


def test_the_search_finds_standing_orders_by_customer_code(qtbot, engine, window, sqlite_seeded):
    first = business(engine, sqlite_seeded, limit="100000", index=0)
    second = business(engine, sqlite_seeded, limit="100000", index=1)
    weekly(engine, sqlite_seeded, first)
    weekly(engine, sqlite_seeded, second)
    window.reload()
    settle(qtbot)
    assert window.model.rowCount() == 2
    qtbot.keyClicks(window.search_box, code_of(engine, second))
    settle(qtbot)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row(0).customer_id == second


def test_another_workstations_changes_show_here_keeping_the_chosen_row_and_the_form(
        qtbot, engine, window, sqlite_seeded, make_ctx):
    later = (TOMORROW + timedelta(days=2)).isoweekday()  # not generated for tomorrow
    mine = weekly(engine, sqlite_seeded, business(engine, sqlite_seeded, limit="100000"),
                  weekday=later)
    theirs = weekly(engine, sqlite_seeded, business(engine, sqlite_seeded, limit="100000",
                                                    index=1), weekday=later)
    short = business(engine, sqlite_seeded, limit="1000", index=2)
    weekly(engine, sqlite_seeded, short, sku="LPG-50", quantity=3)
    window.reload()
    choose(qtbot, window, mine.id)
    window.editor.notes.setText("ring tw")  # typed, not saved
    other = make_ctx(sqlite_seeded["clerk"])
    first = mine.next_dates[0]
    with changes.collect() as got:
        other.api.standing.pause(standing_id=theirs.id, version=theirs.version,
                                 start=theirs.next_dates[0])
        other.api.standing.skip(standing_id=mine.id, version=mine.version, day=first)
        other.api.standing.generate(start=TOMORROW, end=TOMORROW)  # short's is refused
    assert window.refusal_count() == 0

    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    row = window.model.find(lambda v: v.id == theirs.id)
    assert window.model.index(row, 4).data() == "paused"
    assert window.model.row(window.model.find(lambda v: v.id == mine.id)).skips == (first,)
    assert window.refusal_count() == 1
    assert window.selected().id == mine.id and window.editor.current.id == mine.id
    assert window.editor.notes.text() == "ring tw"
    assert window.editor.current.version == mine.version  # the form still holds what was open


# --- the calendar ---------------------------------------------------------------------------

def test_the_calendar_marks_standing_dates_and_orders_together(qtbot, engine, window,
                                                               sqlite_seeded):
    customer = business(engine, sqlite_seeded, limit="100000")
    view = weekly(engine, sqlite_seeded, customer)
    day = view.next_dates[1]
    one_time = orders.place(engine, sqlite_seeded["clerk"].actor, orders.OrderInput(
        customer_id=customer, lines=(orders.LineInput(product_id(engine, "LPG-04"), 1),),
        delivery_date=day + timedelta(days=2)))
    window.reload()
    choose(qtbot, window, view.id)
    calendar = window.calendar
    calendar.calendar.setCurrentPage(day.year, day.month)
    settle(qtbot)
    assert calendar.marked(day)
    assert not calendar.marked(day + timedelta(days=1))
    kinds = {(e.day, e.kind) for e in calendar.entries}
    assert (day, "standing") in kinds
    if one_time.delivery_date.month == day.month:
        assert (one_time.delivery_date, "order") in kinds
        assert calendar.marked(one_time.delivery_date)
        row = calendar.model.find(lambda e: e.kind == "order")
        assert calendar.model.index(row, 1).data() == one_time.number
    assert customer == calendar.customer_id


# --- generating, refusals and retry -----------------------------------------------------

def test_generating_creates_orders_and_lists_the_refusals(qtbot, monkeypatch, engine, window,
                                                          sqlite_seeded):
    good = business(engine, sqlite_seeded, limit="100000", index=0)
    short = business(engine, sqlite_seeded, limit="1000", index=1)
    weekly(engine, sqlite_seeded, good)
    weekly(engine, sqlite_seeded, short, sku="LPG-50", quantity=3)
    panels = []

    def generate_tomorrow(dialog):
        panel: GeneratePanel = dialog.panel
        panels.append(panel)
        assert panel.start.date().toPython() == TOMORROW
        panel.end.setDate(TOMORROW)
        panel.generate()
        settle(qtbot)

    drive(monkeypatch, qtbot, generate_tomorrow)
    window.generate()
    settle(qtbot)
    assert panels[0].summary.text().startswith("1 order created, 1 refused")
    assert [o.delivery_date for o in order_queries.recent_for_customer(engine, good)] == \
        [TOMORROW]
    assert order_queries.recent_for_customer(engine, short) == []
    assert window.refusal_count() == 1
    assert window.tabs.tabText(2) == "&Refused orders (1)"
    refusals = window.refusals
    assert refusals.model.rowCount() == 1
    assert refusals.model.index(0, 0).data().endswith(
        next(c.name for c in credit_queries.customers(engine) if c.customer_id == short))
    assert refusals.model.index(0, 1).data() == words.day_text(TOMORROW)
    assert refusals.model.index(0, 2).data() == "NT$6,867"
    assert "over the credit limit" in refusals.model.index(0, 3).data()
    # the next dates move on past the generated day
    assert all(d > TOMORROW for v in window.model.rows for d in v.next_dates)

    # generating again makes nothing new
    drive(monkeypatch, qtbot, generate_tomorrow)
    window.generate()
    settle(qtbot)
    assert panels[1].summary.text().startswith("0 orders created, 0 refused (2 made before)")


def test_a_refusal_is_placed_with_a_managers_override(qtbot, monkeypatch, engine, window,
                                                      sqlite_seeded):
    short = business(engine, sqlite_seeded, limit="1000")
    weekly(engine, sqlite_seeded, short, sku="LPG-50", quantity=3)
    standing.generate(engine, sqlite_seeded["clerk"].actor, start=TOMORROW, end=TOMORROW)
    window.refusals.reload()
    settle(qtbot)
    assert window.refusal_count() == 1
    window.tabs.setCurrentIndex(2)

    def wrong_then_right(dialog):
        dialog.manager.setText("manager")
        dialog.password.setText("wrong")
        dialog.reason.setText("月底結清")
        dialog.request_override()
        settle(qtbot)
        assert dialog.message.text() == "Wrong user name or password."
        assert dialog.figures["Over the limit by"] == "NT$5,867"
        dialog.password.setText("manager-pass-1")
        dialog.request_override()

    seen = drive(monkeypatch, qtbot, wrong_then_right)
    window.refusals.place()
    settle(qtbot)
    assert len(seen) == 1
    [order] = order_queries.recent_for_customer(engine, short)
    assert order.delivery_date == TOMORROW
    [override] = orders.get(engine, order.id).overrides
    assert (override.requested_by, override.approved_by) == ("clerk", "manager")
    assert window.refusals.status.text().startswith(f"Placed {order.number}")
    assert window.refusal_count() == 0
    assert window.tabs.tabText(2) == "&Refused orders"
    assert standing.refusals(engine) == []


def test_a_refusal_can_be_dismissed(qtbot, engine, window, sqlite_seeded, answers):
    short = business(engine, sqlite_seeded, limit="1000")
    weekly(engine, sqlite_seeded, short, sku="LPG-50", quantity=3)
    standing.generate(engine, sqlite_seeded["clerk"].actor, start=TOMORROW, end=TOMORROW)
    window.refusals.reload()
    settle(qtbot)
    answers.append(True)
    window.refusals.dismiss()
    settle(qtbot)
    assert standing.refusals(engine) == []
    assert window.refusal_count() == 0
    assert order_queries.recent_for_customer(engine, short) == []


def test_a_dispatcher_generates_orders_in_a_window_of_their_own(qtbot, engine, sqlite_seeded,
                                                                make_ctx):
    from desktop.windows import registry
    from desktop.windows.standing.generate import GenerateWindow

    good = business(engine, sqlite_seeded, limit="100000")
    weekly(engine, sqlite_seeded, good)
    dispatcher = sqlite_seeded["dispatcher"].actor
    keys = [e.key for e in registry.visible(dispatcher)]
    assert "standing_generate" in keys and "standing" not in keys
    w = GenerateWindow(make_ctx(sqlite_seeded["dispatcher"]))
    qtbot.addWidget(w)
    w.show()
    w.panel.end.setDate(TOMORROW)
    w.panel.generate()
    settle(qtbot)
    assert w.panel.summary.text().startswith("1 order created, 0 refused")
    assert [o.created_by for o in order_queries.recent_for_customer(engine, good)] == \
        ["dispatcher"]


def test_cancelling_generation_stops_before_the_next_batch_and_keeps_nothing_half_made(
        qtbot, monkeypatch, engine, sqlite_seeded, make_ctx):
    import threading

    good = business(engine, sqlite_seeded, limit="100000")
    weekly(engine, sqlite_seeded, good)
    gate, due = threading.Event(), standing._due

    def held(s, start, end):  # the worker waits here until the clerk has pressed Cancel
        gate.wait(5)
        return due(s, start, end)

    monkeypatch.setattr(standing, "_due", held)
    panel = GeneratePanel(make_ctx(sqlite_seeded["clerk"]))
    qtbot.addWidget(panel)
    panel.show()
    panel.end.setDate(TOMORROW)
    panel.generate()
    assert panel.cancel_button.isVisible() and not panel.generate_button.isEnabled()
    panel.cancel()
    gate.set()
    settle(qtbot)
    assert panel.summary.text().startswith("Cancelled: 0 orders created, 0 refused")
    assert order_queries.recent_for_customer(engine, good) == []
    assert not panel.cancel_button.isVisible() and panel.generate_button.isEnabled()
    panel.generate()  # again: now it runs to the end
    settle(qtbot)
    assert panel.summary.text().startswith("1 order created, 0 refused")
