"""The standing order form: customer, lines, schedule, dates, time slot, notes.

Keys: the customer is found as you type (Enter picks, and goes on to the
lines).  The lines grid works as order entry's: typing starts editing a cell,
Enter moves to the next cell, on the last cell it adds a line and on an empty
line it leaves the grid for the schedule; Ins adds a line, Ctrl+Del deletes
one.  A price typed on a line is fixed for every delivery; a grey price
follows the price list (or the customer's own price) on each delivery date.
Enter in any field below the grid (or Ctrl+S anywhere) saves; a refused save
keeps everything typed and shows each field's error under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import DomainError, ValidationError
from core.services.orders import TIME_SLOTS
from core.services.standing import StandingInput, StandingLineInput, StandingView
from desktop import errors, tasks
from desktop.widgets.customer_picker import CustomerPicker
from desktop.widgets.formkit import ERROR_STYLE, MessageLabel
from desktop.widgets.lines import (
    AMOUNT,
    PRICE,
    PRODUCT,
    QUANTITY,
    LinesEditor,
    LinesModel,
)
from desktop.widgets.records import RecordForm, save_failed
from desktop.widgets.unsaved import Unsaved
from desktop.windows.standing import words

_NUMBERS = re.compile(r"\d+")
SCHEDULES = ("every", "weekdays", "monthdays")


class StandingLinesModel(LinesModel):
    """Order entry's lines; a price that is not typed follows the price list, so it is grey."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == PRICE and index.row() < len(self.lines):
            line = self.lines[index.row()]
            if not line.price_typed and line.price:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                        QPalette.ColorRole.Text)
                if role == Qt.ItemDataRole.ToolTipRole and not self.error_at(index.row(), PRICE):
                    return QApplication.translate(
                        "StandingEditor", "The price list's (or the customer's own) price on "
                        "each delivery date; type a price to fix it")
        return super().data(index, role)


class WeekdaysBox(QWidget):
    """Mon .. Sun check boxes (ISO weekdays 1 .. 7)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.boxes: list[QCheckBox] = []
        for day in range(1, 8):
            box = QCheckBox(words.weekday_short(day), self)
            row.addWidget(box)
            self.boxes.append(box)
        row.addStretch(1)
        self.setFocusProxy(self.boxes[0])

    def days(self) -> tuple[int, ...]:
        return tuple(n + 1 for n, box in enumerate(self.boxes) if box.isChecked())

    def set_days(self, days) -> None:
        for n, box in enumerate(self.boxes):
            box.setChecked(n + 1 in days)


class MonthDaysBox(QWidget):
    """Days of the month: typed ("1, 15") or clicked on a month-like grid of 1 .. 31; the
    two always agree."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit(self)
        self.text.setValidator(QRegularExpressionValidator(r"[0-9 ,、，]*", self.text))
        self.text.setPlaceholderText(self.tr("e.g. 1, 15"))
        self.text.setMaxLength(100)
        self.setFocusProxy(self.text)
        grid = QGridLayout()
        grid.setSpacing(2)
        self.setStyleSheet("QToolButton:checked { background: palette(highlight); "
                           "color: palette(highlighted-text); font-weight: bold; }")
        self.buttons: list[QToolButton] = []
        width = self.fontMetrics().horizontalAdvance("31") + 14
        for day in range(1, 32):
            button = QToolButton(self)
            button.setText(str(day))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types the days
            button.setFixedWidth(width)
            button.toggled.connect(self._clicked)
            grid.addWidget(button, (day - 1) // 7, (day - 1) % 7)
            self.buttons.append(button)
        self.hint = QLabel(self.tr("A day a month lacks (the 31st in April) falls on its last "
                                   "day."), self)
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addLayout(grid)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self._syncing = False
        self.text.textEdited.connect(self._typed)

    def days(self) -> tuple[int, ...]:
        return tuple(sorted({int(n) for n in _NUMBERS.findall(self.text.text())}))

    def set_days(self, days) -> None:
        self.text.setText(", ".join(str(d) for d in sorted(days)))
        self._typed()

    def _typed(self, *_args) -> None:
        chosen = set(self.days())
        self._syncing = True
        for day, button in enumerate(self.buttons, start=1):
            button.setChecked(day in chosen)
        self._syncing = False

    def _clicked(self, _checked: bool) -> None:
        if self._syncing:
            return
        typed = [d for d in self.days() if not 1 <= d <= 31]  # kept, for the core to refuse
        chosen = [day for day, b in enumerate(self.buttons, start=1) if b.isChecked()]
        self.text.setText(", ".join(str(d) for d in sorted(chosen + typed)))


class StandingEditor(QWidget):
    """A new standing order, or the chosen one to change (see the module)."""

    saved = Signal(object)  # the StandingView saved

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: StandingView | None = None  # None: a new standing order
        self.unsaved = Unsaved(self, self._snapshot)  # the form as loaded or saved
        self.dirty = self.unsaved.dirty  # whether it holds input not saved
        self.confirm_leave = self.unsaved.confirm  # True: the form may show another

        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        form = self.form = RecordForm(self)
        self.customer = form.add_field("customer_id", self.tr("&Customer:"), CustomerPicker(ctx))
        self.customer.picked.connect(self._customer_picked)
        self.customer.cleared.connect(lambda: self.lines.set_offers([]))
        self.customer.done.connect(lambda: self.grid.focus())

        grid = QWidget(self)
        self.editor = LinesEditor(
            ctx, self, grid, [self.tr("Product"), self.tr("Quantity"), self.tr("Price"),
                              self.tr("Amount")], (20, 6, 8),
            leave=lambda: self.schedule.setFocus(), enter_leaves=True, model=StandingLinesModel)
        self.lines, self.grid = self.editor.model, self.editor.grid
        self.lines_view, self.line_errors = self.editor.view, self.editor.errors
        # A delivery's amount depends on that day's prices: the total under the grid says
        # what the first delivery comes to.
        self.lines_view.setColumnHidden(AMOUNT, True)
        rows = self.lines_view.verticalHeader().defaultSectionSize()
        self.lines_view.setMinimumHeight(
            rows * 4 + self.lines_view.horizontalHeader().sizeHint().height() + 4)
        keys = QLabel(self.tr("Enter: next cell · Ins: new line · Ctrl+Del: delete line · "
                              "a typed price is fixed, a grey one follows the price list"), grid)
        keys.setEnabled(False)  # greyed: a hint, not content
        keys.setWordWrap(True)
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(2)
        self.per_delivery = QLabel(grid)
        self.per_delivery.setWordWrap(True)
        grid_layout.addWidget(self.lines_view, 1)
        grid_layout.addWidget(self.line_errors)
        grid_layout.addWidget(self.per_delivery)
        grid_layout.addWidget(keys)
        self.editor.changed.connect(self._show_total)
        form.add_field("lines", self.tr("&Lines:"), grid)
        form.labels["lines"].setBuddy(self.lines_view)

        self.schedule = form.add_field("schedule", self.tr("&Repeat:"), QComboBox())
        for key, name in ((SCHEDULES[0], self.tr("every so many days")),
                          (SCHEDULES[1], self.tr("on weekdays")),
                          (SCHEDULES[2], self.tr("on days of the month"))):
            self.schedule.addItem(name, key)
        self.interval = QSpinBox()
        self.interval.setRange(1, 365)
        self.interval.setValue(7)
        self.interval.setSuffix(self.tr(" days"))
        self.interval.setPrefix(self.tr("every "))
        form.add_field("interval_days", self.tr("&Interval:"), self.interval)
        self.weekdays = form.add_field("days", self.tr("&Days:"), WeekdaysBox())
        self.monthdays = form.add_field("monthdays", self.tr("D&ays:"), MonthDaysBox())
        self.schedule.currentIndexChanged.connect(self._schedule_kind)

        self.start_date = form.add_field("start_date", self.tr("&Starts:"), self._date_edit())
        self.start_date.dateChanged.connect(self._load_offers)
        end = QWidget()
        end_row = QHBoxLayout(end)
        end_row.setContentsMargins(0, 0, 0, 0)
        self.has_end = QCheckBox(self.tr("on"), end)
        self.end_date = self._date_edit()
        self.end_date.setParent(end)
        self.end_date.setEnabled(False)
        self.has_end.toggled.connect(self.end_date.setEnabled)
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end_date, 1)
        end.setFocusProxy(self.has_end)
        form.add_field("end_date", self.tr("&Ends:"), end)
        form.labels["end_date"].setBuddy(self.has_end)
        self.end_date.installEventFilter(form)
        self.time_slot = form.add_field("time_slot", self.tr("&Time:"), QComboBox())
        for key, name in TIME_SLOTS.items():
            self.time_slot.addItem(errors.translate_core(name), key)
        self.notes = form.add_field("notes", self.tr("N&otes:"), QLineEdit())
        self.notes.setMaxLength(500)
        form.save_requested.connect(self.save)

        self.next_dates = QLabel(self)
        self.next_dates.setWordWrap(True)
        self.next_dates.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = MessageLabel(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save the standing order (Enter in a field, Ctrl+S)"))
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(form, 1)
        layout.addWidget(self.next_dates)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.customer.box, self.lines_view)
        QWidget.setTabOrder(self.lines_view, self.schedule)
        self.clear()

    def _show_total(self, *_args) -> None:
        total = self.editor.totals().total
        self.per_delivery.setText(self.tr("One delivery at the prices of {day}: {total} (tax "
                                          "included)").format(
            day=self._offer_day().isoformat(), total=self.ctx.money(total)) if total else "")
        self.per_delivery.setVisible(bool(total))

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # --- the form as a whole ---
    def _snapshot(self) -> tuple:
        return (self.customer.customer_id,
                tuple((x.product_id, x.product, x.quantity, x.price if x.price_typed else "")
                      for x in self.lines.lines if not x.is_empty()),
                self.schedule.currentData(), self.interval.value(), self.weekdays.days(),
                self.monthdays.text.text(), self.start_date.date(), self.has_end.isChecked(),
                self.end_date.date(), self.time_slot.currentData(), self.notes.text())

    def clear(self) -> None:
        """An empty form for a new standing order."""
        self.grid.close_editor(keep=False)
        self.current = None
        self.customer.setEnabled(True)
        self.customer.set_customer(None)
        self.lines.set_offers([])
        self.lines.set_lines([])
        self._clear_errors()
        self.status.clear()
        tomorrow = date.today() + timedelta(days=1)
        self.schedule.setCurrentIndex(0)
        self.interval.setValue(7)
        self.weekdays.set_days(())
        self.monthdays.set_days(())
        self.start_date.blockSignals(True)
        self.start_date.setDate(QDate(tomorrow))
        self.start_date.blockSignals(False)
        self.has_end.setChecked(False)
        self.end_date.setDate(QDate(tomorrow + timedelta(days=90)))
        self.time_slot.setCurrentIndex(0)
        self.notes.clear()
        self.next_dates.clear()
        self.title.setText(self.tr("New standing order"))
        self._schedule_kind()
        self.unsaved.clean()

    def show_view(self, view: StandingView) -> None:
        """Show a saved standing order to change it (read-only once it has ended)."""
        self.grid.close_editor(keep=False)
        self.current = view
        self._clear_errors()
        self.status.clear()
        self.customer.set_customer(view.customer_id, view.customer_code, view.customer_name)
        self.customer.setEnabled(False)  # a standing order's customer does not change
        self.lines.set_lines([self.lines.line_from(x.product_id, x.sku, x.name_zh, x.name_en,
                                                   x.quantity, x.fixed_price)
                              for x in view.lines])
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(view.schedule)))
        self.interval.setValue(view.interval_days or 7)
        self.weekdays.set_days(view.days if view.schedule == "weekdays" else ())
        self.monthdays.set_days(view.days if view.schedule == "monthdays" else ())
        self.start_date.blockSignals(True)
        self.start_date.setDate(QDate(view.start_date))
        self.start_date.blockSignals(False)
        self.has_end.setChecked(view.end_date is not None)
        self.end_date.setDate(QDate(view.end_date or view.start_date + timedelta(days=90)))
        self.time_slot.setCurrentIndex(max(0, self.time_slot.findData(view.time_slot)))
        self.notes.setText(view.notes)
        self._schedule_kind()
        self.title.setText(self.tr("{code} {name} — {schedule}").format(
            code=view.customer_code, name=view.customer_name,
            schedule=words.schedule_text(view.schedule, view.interval_days, view.days)))
        self._show_dates(view)
        self.form.set_read_only(not view.active)
        self.lines.set_read_only(not view.active)
        self.save_button.setEnabled(view.active)
        self.unsaved.clean()
        self._load_offers()

    def _show_dates(self, view: StandingView) -> None:
        parts = []
        if view.next_dates:
            parts.append(self.tr("Next deliveries: {days}").format(
                days=words.comma().join(words.day_text(d) for d in view.next_dates)))
        elif view.active:
            parts.append(self.tr("No coming delivery."))
        if view.skips:
            parts.append(self.tr("Skipped: {days}").format(
                days=words.comma().join(d.isoformat() for d in view.skips)))
        if words.state(view, date.today()) != "active":
            parts.append(self.tr("State: {state}").format(
                state=words.state_text(view, date.today())))
        self.next_dates.setText("\n".join(parts))

    def focus_start(self) -> None:
        """Where the clerk begins: the customer of a new one, the lines of a saved one."""
        if self.current is None:
            self.customer.setFocus()
            self.customer.box.selectAll()
        else:
            self.grid.focus(0, QUANTITY)

    def _schedule_kind(self, *_args) -> None:
        kind = self.schedule.currentData()
        self.form.set_field_visible("interval_days", kind == "every")
        self.form.set_field_visible("days", kind == "weekdays")
        self.form.set_field_visible("monthdays", kind == "monthdays")

    # --- the customer and the prices ---
    def _customer_picked(self, _row) -> None:
        self._load_offers()
        self.grid.focus()

    def _offer_day(self) -> date:
        start = self.start_date.date().toPython()
        if self.current is not None and self.current.next_dates:
            return self.current.next_dates[0]
        return max(start, date.today() + timedelta(days=1))

    def _load_offers(self, *_args) -> None:
        """The prices of the customer on the first delivery: what the grey prices show."""
        customer_id = self.customer.customer_id
        if customer_id is None:
            return
        api, day = self.ctx.api, self._offer_day()
        self.editor.load_offers(  # only the newest date's prices, for the same customer
            lambda: api.orders.price_list(customer_id=customer_id, day=day),
            still=lambda: self.customer.customer_id == customer_id)

    # --- saving ---
    def _input(self) -> StandingInput:
        lines = self.editor.inputs()
        kind = self.schedule.currentData()
        days = {"weekdays": self.weekdays.days(), "monthdays": self.monthdays.days()}.get(kind, ())
        return StandingInput(
            customer_id=self.customer.customer_id or 0,
            lines=tuple(StandingLineInput(x.product_id, x.quantity, x.unit_price or None)
                        for x in lines),
            schedule=kind, start_date=self.start_date.date().toPython(),
            interval_days=self.interval.value() if kind == "every" else None, days=days,
            end_date=self.end_date.date().toPython() if self.has_end.isChecked() else None,
            time_slot=self.time_slot.currentData(), notes=self.notes.text())

    def _submitter(self, data: StandingInput) -> Callable[[], StandingView]:
        api = self.ctx.api
        if self.current is None:
            return lambda: api.standing.create(data=data)
        standing_id, version = self.current.id, self.current.version
        return lambda: api.standing.update(standing_id=standing_id, version=version, data=data)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # ended, or a save is already on its way
        self.grid.close_editor()
        self._clear_errors()
        self.status.clear()
        if self.customer.customer_id is None:
            self.form.show_errors(ValidationError({"customer_id": DomainError(self.tr(
                "Find the customer first: type a phone number, name or code, then Enter."))}))
            self.customer.setFocus()
            return
        submit = self._submitter(self._input())
        tasks.run(self, submit, on_success=self._saved, on_error=self._save_failed,
                  disable=self.save_button)

    def _saved(self, view: StandingView) -> None:
        self.show_view(view)
        self.status.show_ok(self.tr("Saved the standing order of {name}.")
                            .format(name=view.customer_name))
        self.saved.emit(view)

    def _save_failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError) and exc.field_errors:
            self._show_errors(exc)
            return
        save_failed(self, self.form, exc, details, reload=self._reload, stale_question=self.tr(
            "This standing order was changed elsewhere. Reload the newer version? "
            "(Your input stays in the form if you say No.)"))

    def _reload(self) -> None:
        if self.current is None:
            return
        api, standing_id = self.ctx.api, self.current.id

        def show(view: StandingView) -> None:
            self.unsaved.clean()
            self.show_view(view)
            self.saved.emit(view)  # the list shows the newer version too

        tasks.run(self, lambda: api.standing.get(standing_id=standing_id), on_success=show)

    def _show_errors(self, exc: ValidationError) -> None:
        """Each line's message on its cell and under the grid, the rest under their fields."""
        cells, messages, others = self.editor.show_errors(exc.field_errors)
        names = {"customer": "customer_id"}
        if self.schedule.currentData() == "monthdays":
            names["days"] = "monthdays"
        rest = {names.get(key, key): error for key, error in others.items()}
        self.form.show_errors(ValidationError(rest))
        if messages:
            self.form.labels["lines"].setStyleSheet(ERROR_STYLE)
        if (cells or messages) and not any(k in rest for k in ("customer_id",)):
            self.grid.focus(*(min(cells) if cells else (0, PRODUCT)))

    def _clear_errors(self) -> None:
        self.editor.clear_errors()
        self.form.clear_errors()

    def error_text(self, name: str) -> str:
        """The message under a field ("lines": under the grid)."""
        if name == "lines":
            return self.line_errors.text() if self.line_errors.isVisibleTo(self) else ""
        return self.form.error_text(name)
