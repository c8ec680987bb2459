"""The day a window shows, at the top of the Deliveries, Cash-up and Cash book windows:
"Day:", ◀ the day before, the day itself (yyyy-MM-dd and the weekday, a calendar on
its arrow), ▶ the day after and Today.

``DayPicker(window, keys=True)`` also puts Alt+Left/Right on ``window`` (anywhere in it)
for the day before/after and says so on the arrows.  ``dateChanged`` carries the new day
(a ``datetime.date``); ``edit`` is the date field itself.  ``row`` lays out the window's
top row: its heading, the picker, what the day holds.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.widgets.records import shortcut


class DayPicker(QWidget):
    dateChanged = Signal(object)  # the new day, a datetime.date

    def __init__(self, parent: QWidget, *, keys: bool = False) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd ddd")
        self.edit.setDate(QDate.currentDate())
        label = QLabel(self.tr("D&ay:"), self)
        label.setBuddy(self.edit)
        self.previous_button = QPushButton(self.tr("◀"), self)
        self.previous_button.setToolTip(self.tr("The day before (Alt+Left)") if keys
                                        else self.tr("The day before"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton(self.tr("▶"), self)
        self.next_button.setToolTip(self.tr("The day after (Alt+Right)") if keys
                                    else self.tr("The day after"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button = QPushButton(self.tr("&Today"), self)
        self.today_button.clicked.connect(lambda: self.setDate(QDate.currentDate()))
        for button in (self.previous_button, self.next_button):
            button.setMaximumWidth(self.fontMetrics().averageCharWidth() * 6)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (label, self.previous_button, self.edit, self.next_button,
                       self.today_button):
            layout.addWidget(widget)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(lambda day: self.dateChanged.emit(day.toPython()))
        if keys:
            shortcut("Alt+Left", parent, lambda: self.step(-1))
            shortcut("Alt+Right", parent, lambda: self.step(1))

    def date(self) -> datetime.date:
        return self.edit.date().toPython()

    def setDate(self, day: datetime.date | QDate) -> None:  # noqa: N802 - as QDateEdit's
        """Show ``day``; ``dateChanged`` only if it is another day."""
        self.edit.setDate(day if isinstance(day, QDate) else QDate(day))

    def row(self, heading: QWidget, summary: QWidget, *after: QWidget) -> QHBoxLayout:
        """A window's top row: ``heading``, this picker, ``summary`` (taking the room left)
        and ``after``."""
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(24)
        top.addWidget(self)
        top.addSpacing(16)
        top.addWidget(summary, 1)
        for widget in after:
            top.addWidget(widget)
        return top

    def step(self, days: int) -> None:
        """The day ``days`` after the one shown (before, if negative)."""
        self.edit.setDate(self.edit.date().addDays(days))
