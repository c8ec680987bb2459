"""The dialogs of a standing order's actions: pause for a date range, skip a date (or deliver
on a skipped date again).

Each is an ``ActionDialog`` (``desktop.widgets.action``): the main button calls the core off the UI thread,
a refusal is shown inside the dialog, which stays open; on success the dialog keeps the
standing order the core returned (``result``) and accepts.  They are shown through
``desktop.dialogs.run_dialog``, so tests drive them.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.services.standing import StandingView
from desktop.widgets.action import ActionDialog
from desktop.windows.standing import words


def date_edit(day: date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class _StandingDialog(ActionDialog):
    def __init__(self, ctx, view: StandingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.view = ctx, view
        self.about = QLabel(QCoreApplication.translate("StandingDialog",
                                                       "{code} {name} — {schedule}").format(
            code=view.customer_code, name=view.customer_name,
            schedule=words.schedule_text(view.schedule, view.interval_days, view.days)), self)
        self.about.setWordWrap(True)
        self.setMinimumWidth(440)

    @property
    def result(self) -> StandingView | None:
        """The standing order as saved (None: cancelled)."""
        return self.record


class PauseDialog(_StandingDialog):
    """Pause from a day, until a day or until resumed."""

    def __init__(self, ctx, view: StandingView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, view, parent)
        self.setWindowTitle(self.tr("Pause standing order"))
        tomorrow = date.today() + timedelta(days=1)
        first = view.next_dates[0] if view.next_dates else tomorrow
        self.start = date_edit(max(first, tomorrow), self)
        self.until_on = QCheckBox(self.tr("until"), self)
        self.until = date_edit(self.start.date().toPython() + timedelta(days=13), self)
        self.until.setEnabled(False)
        self.until_on.toggled.connect(self.until.setEnabled)
        self.until_on.setChecked(True)
        until_row = QHBoxLayout()
        until_row.addWidget(self.until_on)
        until_row.addWidget(self.until, 1)
        hint = QLabel(self.tr("Without an end the standing order stays paused until it is "
                              "resumed. Orders already made are not changed."), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.start)
        form.labelForField(self.start).setBuddy(self.start)
        form.addRow(self.tr("Pause:"), until_row)
        self.pause_button = self.add_button(self.tr("Pause"),
                                            QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.pause_button.setDefault(True)
        self.add_button(self.tr("Cancel"),
                        QDialogButtonBox.ButtonRole.RejectRole).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.start.setFocus()

    def submit(self) -> None:
        api, view = self.ctx.api, self.view
        start = self.start.date().toPython()
        end = self.until.date().toPython() if self.until_on.isChecked() else None
        self.run(lambda: api.standing.pause(standing_id=view.id, version=view.version,
                                            start=start, end=end),
                 self.pause_button)


class SkipDialog(_StandingDialog):
    """Leave out one delivery date; or deliver on a skipped date again."""

    def __init__(self, ctx, view: StandingView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, view, parent)
        self.setWindowTitle(self.tr("Skip a date"))
        tomorrow = date.today() + timedelta(days=1)
        self.day = date_edit(view.next_dates[0] if view.next_dates else tomorrow, self)
        coming = QLabel(self.tr("Next deliveries: {days}").format(
            days=words.comma().join(words.day_text(d) for d in view.next_dates) or "—"), self)
        coming.setWordWrap(True)
        coming.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("&Date to skip:"), self.day)
        form.labelForField(self.day).setBuddy(self.day)
        self.skip_button = self.add_button(self.tr("Skip"),
                                           QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.skip_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(coming)
        self.skipped = QComboBox(self)
        self.unskip_button = None
        if view.skips:
            for day in view.skips:
                self.skipped.addItem(words.day_text(day), day)
            self.unskip_button = self.add_button(self.tr("Deliver again"),
                                                 QDialogButtonBox.ButtonRole.ActionRole,
                                                 self.unskip)
            self.unskip_button.setAutoDefault(False)
            again = QFormLayout()
            again.addRow(self.tr("S&kipped:"), self.skipped)
            again.labelForField(self.skipped).setBuddy(self.skipped)
            layout.addLayout(again)
        else:
            self.skipped.hide()
        self.add_button(self.tr("Cancel"),
                        QDialogButtonBox.ButtonRole.RejectRole).setAutoDefault(False)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.day.setFocus()

    def submit(self) -> None:
        api, view, day = self.ctx.api, self.view, self.day.date().toPython()
        self.run(lambda: api.standing.skip(standing_id=view.id, version=view.version, day=day),
                 self.skip_button)

    def unskip(self) -> None:
        api, view, day = self.ctx.api, self.view, self.skipped.currentData()
        self.run(lambda: api.standing.unskip(standing_id=view.id, version=view.version,
                                             day=day), self.unskip_button)
