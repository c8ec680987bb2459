"""Cash book (clerks): the office's till, day by day.

Pick the day (today first): its opening (every earlier day's entries), each entry (an
opening float, each route's cash-up, drivers' payments, bank deposits, corrections) with
who entered it and when, and its closing; beside, the day's cash-up (how many routes, how
many settled, what their drivers should have handed in, what was counted, the variance).
A clerk enters an opening float and the bank deposits (the deposit slip's reference); a
manager enters corrections (a signed amount and the reason) and closes the day once all
its routes are cashed up.  A closed day ("Closed by … at …") changes only by a
correction.  Each dialog sends one request key, so saving it twice enters it once; a
refused entry keeps what was typed, with the reason under the field.

Keys: Alt+Left/Right the day before/after; F5 reloads.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.services.cashup import BOOK_KIND_NAMES, CashBookView
from desktop import dialogs, errors, tasks
from desktop.i18n import local_time
from desktop.widgets.action import FormDialog
from desktop.widgets.day_picker import DayPicker
from desktop.widgets.formkit import ERROR_STYLE, HEADING, MessageLabel, bold_label
from desktop.widgets.records import shortcut
from desktop.widgets.rows import RIGHT, WIDEST_AMOUNT, Column, RowsModel, make_table, set_widths

RELOAD_ON = ("cash",)  # and the day's routes (a route confirmed is one more to cash up)


def kind_name(kind: str) -> str:
    return errors.translate_core(BOOK_KIND_NAMES.get(kind, kind))


class EntryDialog(FormDialog):
    """One cash book entry on ``day``: an opening ``float`` or a bank ``deposit`` (a clerk),
    or a manager's ``correction`` (a signed amount and its reason)."""

    def __init__(self, ctx, day: date, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.day, self.kind = day, kind
        self.request_key = uuid.uuid4().hex  # one per dialog: a second submit is the same
        titles = {"float": self.tr("Opening float"), "deposit": self.tr("Bank deposit"),
                  "correction": self.tr("Correction")}
        self.setWindowTitle(titles[kind])
        about = {"float": self.tr("Cash put into the till on {day}."),
                 "deposit": self.tr("Cash taken from the till to the bank on {day}."),
                 "correction": self.tr("A correction of the cash book on {day}: more in the "
                                       "till, or less (a negative amount).")}
        heading = QLabel(about[kind].format(day=day.isoformat()), self)
        heading.setWordWrap(True)
        self.amount = self.form.add_field("amount", self.tr("&Amount: *"), QLineEdit(),
                                          beside=QLabel(ctx.company.currency))
        self.amount.setAlignment(RIGHT)
        self.reference = self.form.add_field(
            "reference", self.tr("&Bank / slip reference:") if kind == "deposit"
            else self.tr("Re&ference:"), QLineEdit())
        self.reference.setMaxLength(120)
        self.note = self.form.add_field(
            "note", self.tr("&Reason: *") if kind == "correction" else self.tr("&Note:"),
            QPlainTextEdit())
        self.note.setMaximumHeight(self.fontMetrics().height() * 4)
        self.save_button = self.add_submit_button(self.tr("Save"))
        self.lay_out(heading, self.form, width=440)
        self.amount.setFocus()

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return  # the first submit is on its way
        api, key = self.ctx.api, self.request_key
        data = {"day": self.day, "kind": self.kind, "amount": self.amount.text().strip(),
                "reference": self.reference.text(), "note": self.note.toPlainText()}
        self._call(lambda: api.cash.add_entry(request_key=key, **data), self.save_button)


class CashBookWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.book: CashBookView | None = None
        self.entry_dialog: EntryDialog | None = None
        self.setWindowTitle(self.tr("Cash book"))
        manager = ctx.actor.can("manager")

        self.heading = bold_label(self.tr("Cash book"), self, HEADING)
        self.day_picker = DayPicker(self, keys=True)  # Alt+Left/Right
        self.state = QLabel(self)
        top = self.day_picker.row(self.heading, self.state)

        self.cashup = QLabel(self)
        self.cashup.setWordWrap(True)
        self.opening = bold_label(parent=self)
        money = ctx.money
        self.lines = RowsModel([
            Column(self.tr("Entered"), lambda x: local_time(x.at)),
            Column(self.tr("Entry"), lambda x: kind_name(x.kind)),
            Column(self.tr("Reference"), lambda x: x.reference),
            Column(self.tr("Note"), lambda x: x.note.replace("\n", " ")),
            Column(self.tr("In"), lambda x: money(x.amount) if x.amount > 0 else "", RIGHT,
                   value=lambda x: max(x.amount, Decimal(0))),
            Column(self.tr("Out"), lambda x: money(-x.amount) if x.amount < 0 else "", RIGHT,
                   value=lambda x: max(-x.amount, Decimal(0))),
            Column(self.tr("By"), lambda x: x.created_by),
        ], self)
        self.table = make_table(self.lines, self)
        widest = money(WIDEST_AMOUNT)
        set_widths(self.table, ("0000-00-00 00:00", 16, 14, 24, widest, widest, 10))
        entries_label = QLabel(self.tr("&Entries:"), self)
        entries_label.setBuddy(self.table)
        self.closing = bold_label(parent=self)

        self.float_button = QPushButton(self.tr("Opening &float…"), self)
        self.float_button.setToolTip(self.tr("Cash put into the till for the day"))
        self.float_button.clicked.connect(lambda: self.enter("float"))
        self.deposit_button = QPushButton(self.tr("&Bank deposit…"), self)
        self.deposit_button.setToolTip(self.tr("Cash taken to the bank, with the deposit slip's "
                                               "reference"))
        self.deposit_button.clicked.connect(lambda: self.enter("deposit"))
        self.correction_button = QPushButton(self.tr("&Correction…"), self)
        self.correction_button.setToolTip(self.tr("Managers: correct the till (also on a closed "
                                                  "day), with the reason"))
        self.correction_button.clicked.connect(lambda: self.enter("correction"))
        self.correction_button.setVisible(manager)
        self.close_button = QPushButton(self.tr("C&lose day…"), self)
        self.close_button.setToolTip(self.tr("Managers: close the cash book up to this day once "
                                             "every route is cashed up"))
        self.close_button.clicked.connect(self.close_day)
        self.close_button.setVisible(manager)
        buttons = QHBoxLayout()
        for button in (self.float_button, self.deposit_button, self.correction_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.status = MessageLabel(self)
        self.keys = QLabel(self.tr("Alt+←/→: the day before/after · F5: reload"), self)
        self.keys.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.cashup)
        layout.addWidget(self.opening)
        layout.addWidget(entries_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.closing)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)

        shortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        shortcut("F5", self, self.refresh)
        self.day_picker.dateChanged.connect(lambda _d: self.refresh())
        ctx.events.changed.connect(self._on_changed)
        self._show(None)
        self.refresh()

    # --- loading ---
    def current_day(self) -> date:
        return self.day_picker.date()

    def refresh(self) -> None:
        api, day = self.ctx.api, self.current_day()
        tasks.run(self, lambda: api.cash.book(day=day), key="book",
                  on_success=self._show)  # an older day answering late is dropped

    def _on_changed(self, changes: Changes) -> None:
        """A day's closing is every day before it too: any change to the cash book (here
        or on another workstation) loads the day again; what a dialog holds stays."""
        if changes.touches("routes", self.current_day()) \
                or any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    def _show(self, book: CashBookView | None) -> None:
        self.book = book
        money = self.ctx.money
        self.lines.set_rows(book.lines if book else [])
        if book is None:
            for label in (self.state, self.cashup, self.opening, self.closing):
                label.clear()
            self.close_button.setEnabled(False)
            return
        if book.closed_by:
            self.state.setText(self.tr("Closed by {user} at {when}").format(
                user=book.closed_by, when=local_time(book.closed_at)))
            self.state.setStyleSheet(ERROR_STYLE)
        else:
            self.state.setText(self.tr("Open"))
            self.state.setStyleSheet("")
        self.close_button.setEnabled(book.closed_by is None)
        parts = [self.tr("Routes: {routes}, cashed up: {settled}").format(
            routes=book.routes, settled=book.settled)]
        if book.settled:
            parts.append(self.tr("to hand in {expected} · counted {counted} · variance "
                                 "{variance}").format(expected=money(book.expected),
                                                      counted=money(book.counted),
                                                      variance=money(book.variance)))
        self.cashup.setText(" · ".join(parts))
        self.cashup.setStyleSheet(ERROR_STYLE if book.variance else "")
        self.opening.setText(self.tr("Opening: {amount}").format(amount=money(book.opening)))
        self.closing.setText(self.tr("Closing: {amount}").format(amount=money(book.closing)))

    # --- entering ---
    def enter(self, kind: str) -> None:
        """The dialog of an opening float, a bank deposit or (a manager's) correction."""
        if kind == "correction" and not self.ctx.actor.can("manager"):
            return
        self.status.clear()
        dialog = self.entry_dialog = EntryDialog(self.ctx, self.current_day(), kind, self)
        dialog.accepted.connect(lambda: self._entered(dialog))
        dialogs.run_dialog(dialog)

    def _entered(self, dialog: EntryDialog) -> None:
        book = dialog.result_view
        if book is None:
            return
        self.status.show_ok(self.tr("{entry} entered; the till closes the day at {amount}.")
                            .format(entry=kind_name(dialog.kind),
                                    amount=self.ctx.money(book.closing)))
        self.refresh()

    def close_day(self) -> None:
        book = self.book
        if book is None or not self.close_button.isVisible() \
                or not self.close_button.isEnabled():
            return
        day = book.day
        if not dialogs.ask(self, self.tr("Close the day"), self.tr(
                "Close the cash book up to {day}? Its closing, {amount}, is recorded; after "
                "that only a manager's correction changes it.").format(
                day=day.isoformat(), amount=self.ctx.money(book.closing))):
            return
        api = self.ctx.api
        self.status.clear()
        tasks.run(self, lambda: api.cash.close_day(day=day), on_success=self._closed,
                  on_error=self.status.on_error, disable=self.close_button)

    def _closed(self, book: CashBookView) -> None:
        self.status.show_ok(self.tr("The cash book is closed up to {day} at {amount}.").format(
            day=book.day.isoformat(), amount=self.ctx.money(book.closing)))
        self.refresh()

    # --- screenshots ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: yesterday's book (a whole day of entries)."""
        self.day_picker.setDate(date.today() - timedelta(days=1))
