"""One customer's coming deliveries: standing orders (not yet made into orders) and orders
(one-time or generated) together, on a month calendar and in a list for that month.

Days with a delivery are marked: blue for a standing order's coming date, green for
an order, both colours' border when a day has both.  Choosing a day in the calendar
selects its first delivery in the list.
"""

from __future__ import annotations

import calendar as month_calendar
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.services.orders import STATUS_NAMES
from desktop import errors, tasks
from desktop.widgets.rows import Column, RowsModel, make_table, select_row, set_widths
from desktop.windows.standing import words

STANDING_COLOUR = QColor("#d3e3fd")  # light blue
ORDER_COLOUR = QColor("#c4eed0")  # light green
BOTH_COLOUR = QColor("#ffe69c")  # light amber: a standing date and an order on one day


class DeliveriesCalendar(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.entries: list = []

        self.heading = QLabel(self)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)
        self.heading.setWordWrap(True)

        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setMinimumSize(self.fontMetrics().averageCharWidth() * 52,
                                     self.fontMetrics().height() * 17)
        self.calendar.currentPageChanged.connect(lambda *_: self.reload())
        self.calendar.selectionChanged.connect(self._day_chosen)

        legend = QHBoxLayout()
        for colour, text in ((STANDING_COLOUR, self.tr("standing order (coming)")),
                             (ORDER_COLOUR, self.tr("order")),
                             (BOTH_COLOUR, self.tr("both on one day"))):
            swatch = QLabel(self)
            swatch.setFixedSize(16, 16)
            swatch.setStyleSheet(f"background: {colour.name()}; border: 1px solid #888;")
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text, self))
            legend.addSpacing(10)
        legend.addStretch(1)

        self.model = RowsModel([
            Column(self.tr("Date"), lambda e: words.day_text(e.day)),
            Column(self.tr("What"), lambda e: self._kind(e)),
            Column(self.tr("Status"), lambda e: self._status(e)),
            Column(self.tr("Products"), lambda e: e.summary),
        ], self, bold=lambda e: e.day == date.today(),
            tint=lambda e: STANDING_COLOUR if e.kind == "standing" else None)
        self.table = make_table(self.model, self)
        set_widths(self.table, (14, 16, 14))
        self.table.selectionModel().currentChanged.connect(self._entry_chosen)
        self.month_sum = QLabel(self)

        left = QVBoxLayout()
        left.addWidget(self.calendar, 1)
        left.addLayout(legend)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.month_sum)
        row = QHBoxLayout()
        row.addLayout(left)
        row.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row, 1)
        self.set_customer(None)

    # --- texts ---
    def _kind(self, entry) -> str:
        if entry.kind == "standing":
            return self.tr("standing order")
        return entry.number or self.tr("order")

    def _status(self, entry) -> str:
        if entry.kind == "standing":
            return self.tr("to be made")
        name = STATUS_NAMES.get(entry.status)
        return errors.translate_core(name) if name else (entry.status or "")

    # --- loading ---
    def set_customer(self, customer_id: int | None, label: str = "") -> None:
        if customer_id == self.customer_id and customer_id is not None:
            return
        self.customer_id = customer_id
        if customer_id is None:
            self.heading.setText(self.tr("Choose a standing order to see its customer's "
                                         "deliveries."))
        else:
            self.heading.setText(self.tr("Deliveries of {customer}").format(customer=label))
        self.reload()

    def month(self) -> tuple[date, date]:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])

    def reload(self) -> None:
        if self.customer_id is None:
            tasks.forget(self, "month")  # another customer's month on its way is moot
            self._show([])
            return
        api, customer_id = self.ctx.api, self.customer_id
        start, end = self.month()
        tasks.run(self, lambda: api.standing.calendar(customer_id=customer_id, start=start,
                                                      end=end),
                  key="month", on_success=self._show)  # only the newest month's

    def _show(self, entries: list) -> None:
        self.entries = sorted(entries, key=lambda e: (e.day, e.kind != "order"))
        self.model.set_rows(self.entries)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every mark
        kinds: dict[date, set[str]] = {}
        for entry in self.entries:
            kinds.setdefault(entry.day, set()).add(entry.kind)
        for day, found in kinds.items():
            mark = QTextCharFormat()
            colour = BOTH_COLOUR if len(found) > 1 else (
                STANDING_COLOUR if "standing" in found else ORDER_COLOUR)
            mark.setBackground(QBrush(colour))
            mark.setFontWeight(QFont.Weight.Bold)
            self.calendar.setDateTextFormat(QDate(day), mark)
        standing_days = sum(1 for e in self.entries if e.kind == "standing")
        orders = len(self.entries) - standing_days
        self.month_sum.setText(self.tr("This month: {orders} orders, {standing} coming "
                                       "standing-order deliveries").format(
            orders=orders, standing=standing_days) if self.customer_id is not None else "")
        self._day_chosen()

    def marked(self, day: date) -> bool:
        """Whether ``day`` is marked as a delivery day (tests read it)."""
        return self.calendar.dateTextFormat(QDate(day)).background().style() \
            != Qt.BrushStyle.NoBrush

    def _day_chosen(self) -> None:
        chosen = self.calendar.selectedDate().toPython()
        found = self.model.find(lambda e: e.day == chosen)
        if found is not None:
            self.table.blockSignals(True)
            select_row(self.table, found)
            self.table.blockSignals(False)

    def _entry_chosen(self, current, _previous) -> None:
        if current.isValid():
            day = self.model.row(current.row()).day
            if self.calendar.selectedDate().toPython() != day:
                self.calendar.blockSignals(True)
                self.calendar.setSelectedDate(QDate(day))
                self.calendar.blockSignals(False)
