"""Generate orders from the standing orders for a date range.

The range defaults to tomorrow through the next working day (over a weekend:
Saturday through Monday).  Generation runs off the UI thread with a progress bar
and Cancel; it is idempotent, so running it again, or after a cancel, makes only
what is still missing.  It ends with "N orders created, M refused"; refusals go
to the clerks' list in the Standing orders window.

``GeneratePanel`` is the form; the Standing orders window shows it in a dialog,
and dispatchers (who plan tomorrow's trucks) get it as a window of its own.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.progress import TaskProgress


def default_range(company, today: date | None = None) -> tuple[date, date]:
    """Tomorrow through the next working day (tomorrow .. tomorrow on a working day)."""
    today = today or date.today()
    tomorrow = today + timedelta(days=1)
    return tomorrow, max(tomorrow, company.next_working_day(today))


class GeneratePanel(QWidget):
    started = Signal()
    finished = Signal(object)  # the GenerateResult (None when it failed)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result = None

        start, end = default_range(ctx.company)
        self.start = self._date_edit(start)
        self.end = self._date_edit(end)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("through"), self))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Delivery dates:"), dates)
        form.labelForField(dates).setBuddy(self.start)

        self.task = TaskProgress(
            self, cancel_text=self.tr("Cancel"),
            cancel_tip=self.tr("Stop after the order being made; the orders made so far stay"),
            steps=lambda done, total: self.tr("{done} of {total}").format(done=done,
                                                                          total=total))
        self.task.cancelling.connect(lambda: self.summary.setText(self.tr("Stopping…")))
        self.progress, self.cancel_button = self.task.bar, self.task.cancel_button
        self.summary = QLabel(self)
        font = QFont(self.summary.font())
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)
        self.message = MessageLabel(self)
        self.generate_button = QPushButton(self.tr("&Generate orders"), self)
        self.generate_button.setDefault(True)
        self.generate_button.setToolTip(self.tr("Make the orders of every standing order due "
                                                "on these dates (what is made already is not "
                                                "made again)"))
        self.generate_button.clicked.connect(self.generate)
        QWidget.setTabOrder(self.generate_button, self.cancel_button)
        buttons = self.button_row = QHBoxLayout()  # a dialog adds its Close here
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.generate_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def generate(self) -> None:
        if self.running:
            return
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if end < start:
            self.message.show_error(self.tr("The last date comes before the first."))
            self.end.setFocus()
            return
        self.result = None
        self.message.clear()
        self.summary.clear()
        progress = self.task.start()  # busy until the first count arrives
        for edit in (self.start, self.end):
            edit.setEnabled(False)
        api = self.ctx.api
        self.started.emit()
        tasks.run(self, lambda: api.standing.generate(start=start, end=end, **progress.hooks()),
                  on_success=self._done, on_error=self._failed, disable=self.generate_button)

    @property
    def running(self) -> bool:
        return self.task.running

    def cancel(self) -> None:
        """Stop after the order being made (what is made stays)."""
        self.task.cancel()

    def _stopped(self) -> None:
        for edit in (self.start, self.end):
            edit.setEnabled(True)

    def _done(self, result) -> None:
        self.task.finish(self.tr("done"))
        self._stopped()
        self.result = result
        created, refused, already = result.created, result.refused, result.already
        if created == 1:
            text = self.tr("{created} order created, {refused} refused")
        else:
            text = self.tr("{created} orders created, {refused} refused")
        text = text.format(created=created, refused=refused)
        if already:
            text += self.tr(" ({already} made before)").format(already=already)
        if result.cancelled:
            text = self.tr("Cancelled: {summary}").format(summary=text)
        if refused:
            text += "\n" + self.tr("The refused ones are in the list of refused orders in "
                                   "Standing orders.")
        self.summary.setText(text)
        self.finished.emit(result)

    def _failed(self, exc: BaseException, details: str) -> None:
        self.task.fail()
        self._stopped()
        self.summary.clear()
        self.message.on_error(exc, details)
        self.finished.emit(None)


class GenerateDialog(QDialog):
    """The panel in a dialog: Close while it runs cancels it first."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Generate orders"))
        self.panel = GeneratePanel(ctx, self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.panel.button_row.addWidget(self.close_button)
        intro = QLabel(self.tr("Makes an order for every standing order due on these dates, "
                               "each through the credit check. Running it again makes only "
                               "what is still missing."), self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel)
        self.setMinimumWidth(480)
        self.panel.start.setFocus()
        self._close_when_stopped = False
        self.panel.finished.connect(self._stopped)

    def reject(self) -> None:
        if self.panel.running:
            self._close_when_stopped = True
            self.panel.cancel()  # closes when the work has stopped
            return
        super().reject()

    def _stopped(self, _result) -> None:
        if self._close_when_stopped:
            super().reject()


class GenerateWindow(QWidget):
    """Generate orders as a window of its own (for dispatchers)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Generate orders"))
        title = QLabel(self.tr("Generate orders from standing orders"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr("Makes an order for every standing order due on these dates, "
                               "each through the credit check, so that the trucks can be "
                               "planned. Running it again makes only what is still missing; "
                               "a refused order goes to the clerks, who call the customer."),
                       self)
        intro.setWordWrap(True)
        self.panel = GeneratePanel(ctx, self)
        box = QWidget(self)
        box.setFixedWidth(self.fontMetrics().averageCharWidth() * 90)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(8)
        inner.addWidget(self.panel)
        inner.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
