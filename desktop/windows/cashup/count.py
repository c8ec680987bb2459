"""The count of one route's cash (as one amount or by denomination, and each cheque), and
the two dialogs of the Cash-up window: a manager's approval of a variance and reopening.

``CountForm`` holds what the clerk typed; ``draft()`` and ``load()`` keep it (with the
count's request key) while the clerk looks at another route, so nothing typed is lost.
What the count comes to is read by ``cashup.count_totals``, as the save reads it; a field
error from the core lands on its field (``cash``, ``notes{n}.*``, ``cheques{n}.*``,
``reason``) and what was typed stays.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import AuthenticationFailed, PermissionDenied, ValidationError
from core.services.cashup import Approval, ChequeCount, Count, RouteCash, count_totals
from desktop import errors
from desktop.widgets.action import ActionDialog
from desktop.widgets.formkit import ERROR_STYLE, OK_STYLE, add_row, password_field
from desktop.widgets.rows import RIGHT

# The notes and coins a till holds, by the company's currency (largest first).
DENOMINATIONS: dict[str, tuple[str, ...]] = {
    "TWD": ("2000", "1000", "500", "200", "100", "50", "10", "5", "1"),
    "USD": ("100", "50", "20", "10", "5", "1", "0.25", "0.10", "0.05", "0.01"),
    "INR": ("2000", "500", "200", "100", "50", "20", "10", "5", "2", "1"),
    "HKD": ("1000", "500", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10"),
    "SGD": ("1000", "100", "50", "10", "5", "2", "1", "0.50", "0.20", "0.10", "0.05"),
    "MYR": ("100", "50", "20", "10", "5", "1", "0.50", "0.20", "0.10", "0.05"),
    "EUR": ("500", "200", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10",
            "0.05", "0.02", "0.01"),
}
MOST_PIECES = 1_000_000  # the core's bound on a count of notes or coins
FIELD_ERROR_STYLE = "border: 1px solid #b3261e;"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class Draft:
    """What was typed for one route's count, kept while another route is looked at."""

    request_key: str = field(default_factory=lambda: uuid.uuid4().hex)
    by_notes: bool = False
    cash: str = ""
    notes: dict[str, int] = field(default_factory=dict)  # face value -> pieces
    cheques: list[tuple[str, str, date, str]] = field(default_factory=list)
    reason: str = ""


class ChequeRow:
    """One cheque's fields in the cheques grid."""

    def __init__(self, parent: QWidget, day: date) -> None:
        self.number = QLineEdit(parent)
        self.number.setMaxLength(40)
        self.bank = QLineEdit(parent)
        self.bank.setMaxLength(80)
        self.date = QDateEdit(parent)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate(day))
        self.amount = QLineEdit(parent)
        self.amount.setAlignment(RIGHT)
        self.remove = QToolButton(parent)
        self.remove.setText("✕")

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.number, self.bank, self.date, self.amount, self.remove)

    def fields(self) -> dict[str, QWidget]:
        return {"number": self.number, "bank": self.bank, "date": self.date,
                "amount": self.amount}

    def value(self) -> ChequeCount:
        return ChequeCount(self.number.text(), self.bank.text(), self.date.date().toPython(),
                           self.amount.text())


class CountForm(QWidget):
    """Cash (one amount, or notes and coins by denomination), cheques, the total counted
    against what is expected, the reason for a variance, and Save."""

    changed = Signal()  # anything typed
    save_requested = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.currency = ctx.company.currency
        self.faces = DENOMINATIONS.get(self.currency, ())
        self.expected: Decimal | None = None
        self.day = date.today()
        self.request_key = uuid.uuid4().hex
        self.cheque_rows: list[ChequeRow] = []
        self._loading = False

        self.by_notes = QCheckBox(self.tr("Count by &denomination"), self)
        self.by_notes.setVisible(bool(self.faces))
        self.by_notes.toggled.connect(self._mode_changed)

        self.cash_row = QWidget(self)
        self.cash = QLineEdit(self.cash_row)
        self.cash.setAlignment(RIGHT)
        self.cash.setPlaceholderText("0")
        self.cash_error = self._error_label(self.cash_row)
        cash_form = QFormLayout(self.cash_row)
        cash_form.setContentsMargins(0, 0, 0, 0)
        add_row(cash_form, self.cash).setText(self.tr("&Cash counted:"))
        cash_form.addRow("", self.cash_error)
        self.cash.textChanged.connect(self._edited)

        self.notes_box = QWidget(self)
        notes_grid = QGridLayout(self.notes_box)
        notes_grid.setContentsMargins(0, 0, 0, 0)
        notes_grid.setHorizontalSpacing(8)
        notes_grid.setVerticalSpacing(2)
        self.note_spins: list[QSpinBox] = []
        self.note_totals: list[QLabel] = []
        half = (len(self.faces) + 1) // 2
        for number, face in enumerate(self.faces):
            row, column = number % half, (number // half) * 5
            caption = QLabel(ctx.money(Decimal(face)), self.notes_box)
            caption.setAlignment(RIGHT)
            spin = QSpinBox(self.notes_box)
            spin.setRange(0, MOST_PIECES)
            spin.setAlignment(RIGHT)
            spin.setAccelerated(True)
            spin.setToolTip(self.tr("How many of {face}").format(face=caption.text()))
            caption.setBuddy(spin)
            spin.valueChanged.connect(self._edited)
            total = QLabel(self.notes_box)
            total.setAlignment(RIGHT)
            total.setMinimumWidth(self.fontMetrics().horizontalAdvance(
                ctx.money(Decimal(999_999))) + 8)
            notes_grid.addWidget(caption, row, column)
            notes_grid.addWidget(QLabel("×", self.notes_box), row, column + 1)
            notes_grid.addWidget(spin, row, column + 2)
            notes_grid.addWidget(total, row, column + 3)
            self.note_spins.append(spin)
            self.note_totals.append(total)
        notes_grid.setColumnMinimumWidth(4, 24)  # between the two columns of notes
        notes_grid.setColumnStretch(9, 1)
        self.notes_error = self._error_label(self)

        cheques_label = QLabel(self.tr("Cheques:"), self)
        self.cheques_box = QWidget(self)
        self.cheques_grid = QGridLayout(self.cheques_box)
        self.cheques_grid.setContentsMargins(0, 0, 0, 0)
        self.cheques_grid.setHorizontalSpacing(6)
        self.cheques_grid.setVerticalSpacing(2)
        for column, title in enumerate((self.tr("Number"), self.tr("Bank"), self.tr("Date"),
                                        self.tr("Amount"))):
            header = QLabel(title, self.cheques_box)
            header.setEnabled(False)
            self.cheques_grid.addWidget(header, 0, column)
        self.cheques_grid.setColumnStretch(0, 2)
        self.cheques_grid.setColumnStretch(1, 3)
        self.cheques_grid.setColumnStretch(3, 2)
        self.no_cheques = QLabel(self.tr("No cheques."), self.cheques_box)
        self.no_cheques.setEnabled(False)
        self.cheques_grid.addWidget(self.no_cheques, 1, 0, 1, 4)
        self.add_cheque_button = QPushButton(self.tr("Add c&heque"), self)
        self.add_cheque_button.setToolTip(self.tr("A cheque the driver brought back"))
        self.add_cheque_button.clicked.connect(lambda: self.add_cheque(focus=True))
        self.cheques_error = self._error_label(self)

        self.counted_label = QLabel(self)
        self.variance_label = QLabel(self)
        font = QFont(self.variance_label.font())
        font.setBold(True)
        self.variance_label.setFont(font)

        self.reason = QLineEdit(self)
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("Required when the count is off"))
        self.reason.textChanged.connect(self._edited)
        self.reason_error = self._error_label(self)
        reason_form = QFormLayout()
        reason_form.setContentsMargins(0, 0, 0, 0)
        self.reason_label = add_row(reason_form, self.reason)
        self.reason_label.setText(self.tr("&Reason:"))
        reason_form.addRow("", self.reason_error)

        self.save_button = QPushButton(self.tr("&Save cash-up"), self)
        self.save_button.setToolTip(self.tr("Settle the route with this count (Enter, Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        self.blocked = QLabel(self)  # why Save is off
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet(ERROR_STYLE)
        self.blocked.hide()

        add_row_layout = QHBoxLayout()
        add_row_layout.addWidget(self.add_cheque_button)
        add_row_layout.addStretch(1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.by_notes)
        layout.addWidget(self.cash_row)
        layout.addWidget(self.notes_box)
        layout.addWidget(self.notes_error)
        layout.addSpacing(6)
        layout.addWidget(cheques_label)
        layout.addWidget(self.cheques_box)
        layout.addLayout(add_row_layout)
        layout.addWidget(self.cheques_error)
        layout.addSpacing(6)
        layout.addWidget(self.counted_label)
        layout.addWidget(self.variance_label)
        layout.addLayout(reason_form)
        layout.addWidget(self.blocked)
        layout.addLayout(save_row)

        for widget in (self.cash, self.reason, *self.note_spins):
            widget.installEventFilter(self)
        self._mode_changed(False)
        self._chain()

    def _error_label(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    # --- what was typed ---
    def count(self, route_id: int) -> Count:
        by_notes = self.by_notes.isChecked() and bool(self.faces)
        return Count(
            route_id=route_id, request_key=self.request_key,
            cash="0" if by_notes else (self.cash.text().strip() or "0"),
            notes=tuple((face, spin.value()) for face, spin in zip(self.faces, self.note_spins))
            if by_notes else (),
            cheques=tuple(row.value() for row in self.cheque_rows),
            reason=self.reason.text())

    def draft(self) -> Draft:
        return Draft(self.request_key, self.by_notes.isChecked(), self.cash.text(),
                     {face: spin.value() for face, spin in zip(self.faces, self.note_spins)
                      if spin.value()},
                     [(r.number.text(), r.bank.text(), r.date.date().toPython(),
                       r.amount.text()) for r in self.cheque_rows],
                     self.reason.text())

    def load(self, draft: Draft, *, day: date) -> None:
        """Show ``draft`` (a fresh one: an empty count with a new request key)."""
        self._loading = True
        try:
            self.day = day
            self.request_key = draft.request_key
            self.by_notes.setChecked(draft.by_notes and bool(self.faces))
            self.cash.setText(draft.cash)
            for face, spin in zip(self.faces, self.note_spins):
                spin.setValue(draft.notes.get(face, 0))
            while self.cheque_rows:
                self._drop_cheque(self.cheque_rows[-1])
            for number, bank, cheque_date, amount in draft.cheques:
                row = self.add_cheque()
                row.number.setText(number)
                row.bank.setText(bank)
                row.date.setDate(QDate(cheque_date))
                row.amount.setText(amount)
            self.reason.setText(draft.reason)
        finally:
            self._loading = False
        self.clear_errors()
        self.update_totals()

    def is_empty(self) -> bool:
        draft = self.draft()
        return not (draft.cash.strip() or draft.notes or draft.cheques or draft.reason.strip())

    def new_request_key(self) -> None:
        self.request_key = uuid.uuid4().hex

    def first_field(self) -> QWidget:
        if self.by_notes.isChecked() and self.note_spins:
            return self.note_spins[0]
        return self.cash

    # --- cheques ---
    def add_cheque(self, *, focus: bool = False) -> ChequeRow:
        row = ChequeRow(self.cheques_box, self.day)
        line = len(self.cheque_rows) + 1
        for column, widget in enumerate(row.widgets()):
            self.cheques_grid.addWidget(widget, line, column)
            widget.installEventFilter(self)
            widget.show()  # now, not when the layout gets round to it: it takes the focus
        row.remove.setToolTip(self.tr("Remove this cheque"))
        row.remove.clicked.connect(lambda: self.remove_cheque(row))
        for edit in (row.number, row.bank, row.amount):
            edit.textChanged.connect(self._edited)
        row.date.dateChanged.connect(self._edited)
        self.cheque_rows.append(row)
        self.no_cheques.hide()
        self._chain()
        self._edited()
        if focus:
            row.number.setFocus()
        return row

    def remove_cheque(self, row: ChequeRow) -> None:
        at = self.cheque_rows.index(row)
        self._drop_cheque(row)
        # the rows below move up a line in the grid
        for line, other in enumerate(self.cheque_rows[at:], start=at + 1):
            for column, widget in enumerate(other.widgets()):
                self.cheques_grid.addWidget(widget, line, column)
        self._chain()
        self._edited()
        if self.cheque_rows:
            self.cheque_rows[min(at, len(self.cheque_rows) - 1)].number.setFocus()
        else:
            self.add_cheque_button.setFocus()

    def _drop_cheque(self, row: ChequeRow) -> None:
        self.cheque_rows.remove(row)
        for widget in row.widgets():
            self.cheques_grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.no_cheques.setVisible(not self.cheque_rows)

    # --- totals ---
    def set_expected(self, expected: Decimal | None) -> None:
        self.expected = expected
        self.update_totals()

    def totals(self) -> tuple[Decimal, Decimal]:
        """(cash, cheques) as the save will read them."""
        return count_totals(self.count(0), self.currency)

    def variance(self) -> Decimal | None:
        if self.expected is None:
            return None
        cash, cheques = self.totals()
        return cash + cheques - self.expected

    def update_totals(self) -> None:
        money = self.ctx.money
        for face, spin, label in zip(self.faces, self.note_spins, self.note_totals):
            label.setText(money(Decimal(face) * spin.value()) if spin.value() else "")
        cash, cheques = self.totals()
        self.counted_label.setText(self.tr("Counted: {total} (cash {cash} + cheques {cheques})")
                                   .format(total=money(cash + cheques), cash=money(cash),
                                           cheques=money(cheques)))
        variance = self.variance()
        if variance is None:
            self.variance_label.clear()
        elif variance == 0:
            self.variance_label.setText(self.tr("Variance: none — the count matches"))
            self.variance_label.setStyleSheet(OK_STYLE)
        else:
            self.variance_label.setText(
                (self.tr("Variance: {amount} short") if variance < 0 else
                 self.tr("Variance: {amount} over")).format(amount=money(abs(variance))))
            self.variance_label.setStyleSheet(ERROR_STYLE)
        off = bool(variance)
        self.reason_label.setText(self.tr("&Reason: *") if off else self.tr("&Reason:"))

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self.update_totals()
        self.changed.emit()

    def _mode_changed(self, by_notes: bool) -> None:
        self.cash_row.setVisible(not by_notes)
        self.notes_box.setVisible(by_notes)
        if not by_notes:
            self.notes_error.hide()
        self._chain()
        self._edited()

    # --- errors ---
    def show_errors(self, exc: ValidationError) -> list[str]:
        """Each message at its field (the field outlined in red); returns the messages that
        belong to no field here."""
        self.clear_errors()
        rest: list[str] = []
        notes: list[str] = []
        cheques: list[str] = []
        first: QWidget | None = None
        for key, error in exc.field_errors.items():
            text = errors.message(error)
            widget = self._widget_of(key)
            if key == "cash":
                self.cash_error.setText(text)
                self.cash_error.show()
            elif key == "reason":
                self.reason_error.setText(text)
                self.reason_error.show()
            elif key.startswith("notes") and widget is not None:
                notes.append(text)
            elif key.startswith("cheques") and widget is not None:
                cheques.append(text)
            else:
                rest.append(text)
                continue
            if widget is not None:
                if key not in ("cash", "reason"):
                    widget.setStyleSheet(FIELD_ERROR_STYLE)
                widget.setToolTip(text)
                first = first or widget
        for label, texts in ((self.notes_error, notes), (self.cheques_error, cheques)):
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
        order = [self.cash, *self.note_spins,
                 *(w for r in self.cheque_rows for w in r.fields().values()), self.reason]
        marked = [w for w in order if w.toolTip() and w.isVisible()]
        if marked:
            marked[0].setFocus()
        elif first is not None:
            first.setFocus()
        return rest

    def _widget_of(self, key: str) -> QWidget | None:
        if key == "cash":
            return self.cash
        if key == "reason":
            return self.reason
        head, _, part = key.partition(".")
        for prefix, rows in (("notes", self.note_spins), ("cheques", self.cheque_rows)):
            if head.startswith(prefix) and head[len(prefix):].isdigit():
                number = int(head[len(prefix):]) - 1
                if not 0 <= number < len(rows):
                    return None
                if prefix == "notes":
                    return rows[number]
                return rows[number].fields().get(part)
        return None

    def error_text(self, key: str) -> str:
        """The message shown for the field ``key`` ('' when none)."""
        if key == "cash":
            return self.cash_error.text() if self.cash_error.isVisibleTo(self) else ""
        if key == "reason":
            return self.reason_error.text() if self.reason_error.isVisibleTo(self) else ""
        widget = self._widget_of(key)
        return widget.toolTip() if widget is not None else ""

    def clear_errors(self) -> None:
        for label in (self.cash_error, self.reason_error, self.notes_error,
                      self.cheques_error):
            label.clear()
            label.hide()
        for widget in (self.cash, self.reason, *self.note_spins,
                       *(w for r in self.cheque_rows for w in r.fields().values())):
            widget.setStyleSheet("")
            widget.setToolTip("")
        for face, spin in zip(self.faces, self.note_spins):
            spin.setToolTip(self.tr("How many of {face}").format(
                face=self.ctx.money(Decimal(face))))

    # --- Save on or off ---
    def set_blocked(self, why: str) -> None:
        """Save off, and why (''; Save on)."""
        self.blocked.setText(why)
        self.blocked.setVisible(bool(why))
        self.save_button.setEnabled(not why)
        self.save_button.setToolTip(why or self.tr("Settle the route with this count "
                                                   "(Enter, Ctrl+S)"))

    # --- keys ---
    def _chain(self) -> None:
        """Tab goes down the form: the mode, the cash or the notes, each cheque's fields,
        Add cheque, the reason, Save."""
        chain: list[QWidget] = [self.by_notes]
        chain += self.note_spins if self.by_notes.isChecked() else [self.cash]
        for row in self.cheque_rows:
            chain += row.widgets()
        chain += [self.add_cheque_button, self.reason, self.save_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in _ENTER \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
                and not isinstance(watched, (QToolButton, QPushButton)):
            self.save_requested.emit()
            return True
        return super().eventFilter(watched, event)


class ApprovalDialog(ActionDialog):
    """A variance approved by a manager with their own user name and password; ``submit``
    saves the count with the approval.  A field error of the count closes the dialog
    (``on_fields`` shows it on the form); a wrong password or a user who is not a manager
    is said here, and the dialog stays."""

    def __init__(self, ctx, route: RouteCash, counted: Decimal, reason: str,
                 submit: Callable[[Approval], object],
                 on_fields: Callable[[ValidationError], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.on_fields = on_fields
        self.setWindowTitle(self.tr("Manager's approval"))
        variance = counted - route.expected
        heading = QLabel(self.tr("Route {plate} ({driver}): counted {counted}, the driver "
                                 "should hand in {expected}.").format(
            plate=route.plate, driver=route.driver_name or "—", counted=ctx.money(counted),
            expected=ctx.money(route.expected)), self)
        heading.setWordWrap(True)
        self.variance = QLabel((self.tr("{amount} short") if variance < 0 else
                                self.tr("{amount} over")).format(
            amount=ctx.money(abs(variance))), self)
        font = QFont(self.variance.font())
        font.setBold(True)
        self.variance.setFont(font)
        self.variance.setStyleSheet(ERROR_STYLE)
        why = QLabel(self.tr("Reason: {reason}").format(reason=reason.strip()), self)
        why.setWordWrap(True)
        hint = QLabel(self.tr("A manager approves the variance with their own user name and "
                              "password; it goes to the driver's account."), self)
        hint.setWordWrap(True)
        form = QFormLayout()
        self.manager = QLineEdit(self)
        self.password = password_field(self)
        add_row(form, self.manager).setText(self.tr("&Manager:"))
        add_row(form, self.password).setText(self.tr("&Password:"))
        self.approve_button = self.add_button(self.tr("Approve and save"),
                                              QDialogButtonBox.ButtonRole.AcceptRole,
                                              self.approve)
        self.approve_button.setDefault(True)
        back = self.add_button(self.tr("Back to the count"),
                               QDialogButtonBox.ButtonRole.RejectRole)
        back.setAutoDefault(False)
        self.lay_out(heading, self.variance, why, hint, form, width=440)
        self.manager.setFocus()

    def approve(self) -> None:
        approval = Approval(self.manager.text().strip(), self.password.text())
        submit = self.submit
        self.run(lambda: submit(approval), self.approve_button)

    def failed(self, exc: BaseException, details: str) -> None:
        self.password.clear()
        if isinstance(exc, ValidationError) and exc.field_errors:
            self.reject()
            self.on_fields(exc)
            return
        super().failed(exc, details)
        if isinstance(exc, AuthenticationFailed):
            self.password.setFocus()
        elif isinstance(exc, PermissionDenied):
            self.manager.setFocus()
            self.manager.selectAll()


class ReopenDialog(ActionDialog):
    """A manager reopens a route's cash-up, with the reason (``submit(reason)``)."""

    def __init__(self, route: RouteCash, submit: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setWindowTitle(self.tr("Reopen the cash-up"))
        text = QLabel(self.tr("Reopen the cash-up of route {plate} on {day}? Its deliveries "
                              "and collections may change again until it is counted again; "
                              "the settlement stays in the history, its variance reversed in "
                              "the driver's account; the money counted stays in the cash book "
                              "and a recount books only the difference.").format(
            plate=route.plate, day=route.day.isoformat()), self)
        text.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().height() * 4)
        form = QFormLayout()
        add_row(form, self.reason).setText(self.tr("&Reason: *"))
        self.reopen_button = self.add_button(self.tr("Reopen"),
                                             QDialogButtonBox.ButtonRole.AcceptRole,
                                             self.reopen)
        self.reopen_button.setDefault(True)
        self.add_button(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.lay_out(text, form, width=440)
        self.reason.setFocus()

    def reopen(self) -> None:
        reason, submit = self.reason.toPlainText(), self.submit
        self.run(lambda: submit(reason), self.reopen_button)

    def failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError) and exc.field_errors:
            self.message.show_error("\n".join(errors.message(e)
                                              for e in exc.field_errors.values()))
            self.reason.setFocus()
            return
        super().failed(exc, details)
