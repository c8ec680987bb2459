"""Payments (clerks): money received from a customer, placed on their open invoices.

Find the customer as you type (phone, name, code or address; Enter picks and goes to the
amount).  Their open invoices are listed oldest due first, with the open amount and the
days overdue, beside their balance and unallocated credit.  A payment is cash, a bank
transfer or a cheque (the cheque's number, bank and date appear only for a cheque), an
amount, the day it came in and a reference; it is placed on the oldest invoices first,
or by hand in the "Allocate" column.  Enter in the form (or Ctrl+S) records it; one
payment is sent with one request key, so saving it again after a lost answer records it
once, and a payment changed since (another customer, amount or allocation) gets a key of
its own.  What is not placed stays as the customer's credit.

Managers refund credit; a credit note (on the chosen invoice, or on the account) needs
another manager's user name and password in the same dialog.  The statement of account
for a date range opens in the print preview.

Keys: Ctrl+F finds a customer; Ctrl+S records the payment; Ctrl+P the statement.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import rules
from core.changes import Changes
from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.queries.aging import OpenInvoice
from core.queries.customer_card import Account
from core.queries.customers import CustomerRow
from core.services.payments import KINDS, METHODS, CreditNoteView, PaymentView
from desktop import dialogs, errors, tasks
from desktop.widgets.customer_picker import CustomerPicker
from desktop.widgets.formkit import ERROR_STYLE, MessageLabel
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.widgets.records import RecordForm, save_failed, shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths
from desktop.windows.payments.dialogs import CreditNoteDialog, RefundDialog, method_names
from desktop.windows.registry import module_available

STATEMENT_PRINTING = "core.printing.statement"
ALLOCATE = 5  # the "Allocate" column
OVERDUE = QColor("#f8e1df")


class AllocationModel(RowsModel):
    """The open invoices; the "Allocate" column is editable while allocating by hand."""

    edited = Signal()  # an amount was typed in the "Allocate" column

    def __init__(self, columns, parent=None, **kw) -> None:
        super().__init__(columns, parent, **kw)
        self.by_hand = False
        self.parts: dict[int, str] = {}  # invoice id -> what was typed

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.by_hand and index.isValid() and index.column() == ALLOCATE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == ALLOCATE:
            return self.parts.get(self.row(index.row()).id, "")
        return super().data(index, role)

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() \
                or index.column() != ALLOCATE:
            return False
        text = str(value).strip()
        invoice_id = self.row(index.row()).id
        if text:
            self.parts[invoice_id] = text
        else:
            self.parts.pop(invoice_id, None)
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def set_by_hand(self, on: bool) -> None:
        self.beginResetModel()
        self.by_hand = on
        if not on:
            self.parts.clear()
        self.endResetModel()

    def allocations(self) -> list[tuple[int, str]]:
        """(invoice id, amount typed) in the list's order."""
        return [(r.id, self.parts[r.id]) for r in self.rows if r.id in self.parts]


class PaymentsWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerRow | None = None
        self.account: Account | None = None
        self.request_key = str(uuid.uuid4())  # one per payment being entered
        self._request: tuple | None = None  # what was last sent with request_key
        self._sent: list[tuple[int, str]] = []
        self._amount_next = False
        self.credit_dialog: CreditNoteDialog | None = None
        self.refund_dialog: RefundDialog | None = None
        self.preview_dialog: PrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("Payments"))

        self.heading = QLabel(self.tr("Payments"), self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.picker = CustomerPicker(ctx, self)
        find = QLabel(self.tr("&Customer:"), self)
        find.setBuddy(self.picker.box)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(24)
        top.addWidget(find, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.picker, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_account())
        splitter.addWidget(self._build_form())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.keys = QLabel(self.tr("Ctrl+F: find a customer · Enter: next field / record · "
                                   "Ctrl+S: record the payment · Ctrl+P: statement"), self)
        self.keys.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.keys)

        shortcut(QKeySequence.StandardKey.Save, self, self.record)
        shortcut(QKeySequence.StandardKey.Find, self, self.picker.setFocus)
        shortcut(QKeySequence.StandardKey.Print, self, self.statement)
        self.picker.picked.connect(self._picked)
        self.picker.cleared.connect(lambda: self._show_account(None))
        self.picker.done.connect(self._focus_amount)
        ctx.events.changed.connect(self._on_changed)
        self._method_changed()
        self._show_account(None)
        self.picker.setFocus()

    # --- building ---
    def _build_account(self) -> QWidget:
        panel = QWidget(self)
        self.customer_title = QLabel(panel)
        bold = QFont(self.customer_title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.customer_title.setFont(bold)
        self.figures = QLabel(panel)
        self.figures.setWordWrap(True)
        money = self.ctx.money
        self.invoices = AllocationModel([
            Column(self.tr("Invoice"), lambda r: r.number),
            Column(self.tr("Due"), lambda r: r.due_date.isoformat(), value=lambda r: r.due_date),
            Column(self.tr("Total"), lambda r: money(r.total), RIGHT, value=lambda r: r.total),
            Column(self.tr("Open"), lambda r: money(r.open), RIGHT, value=lambda r: r.open),
            Column(self.tr("Days overdue"), lambda r: str(r.days_overdue()) if
                   r.days_overdue() else "", RIGHT, value=lambda r: r.days_overdue()),
            Column(self.tr("Allocate"), self._part_text, RIGHT),
        ], self, tint=lambda r: OVERDUE if r.days_overdue() > 0 else None)
        self.invoices_table = make_table(self.invoices, panel)
        set_widths(self.invoices_table, (16, 11, 11, 11, 7))
        self.invoices_label = QLabel(self.tr("Open &invoices (oldest due first):"), panel)
        self.invoices_label.setBuddy(self.invoices_table)
        self.recent = RowsModel([
            Column(self.tr("Received"), lambda p: p.received_on.isoformat()),
            Column(self.tr("Kind"), lambda p: errors.translate_core(KINDS.get(p.kind, p.kind))),
            Column(self.tr("Method"), lambda p: errors.translate_core(
                METHODS.get(p.method, p.method))),
            Column(self.tr("Amount"), lambda p: money(p.amount), RIGHT),
            Column(self.tr("Placed on"), lambda p: ", ".join(
                f"{a.invoice_number} {money(a.amount)}" for a in p.allocations)),
        ], self)
        self.recent_table = make_table(self.recent, panel)
        set_widths(self.recent_table, (10, 8, 10, 11))
        self.recent_table.setMaximumHeight(self.fontMetrics().height() * 9)
        recent_label = QLabel(self.tr("&Last payments:"), panel)
        recent_label.setBuddy(self.recent_table)

        self.credit_button = QPushButton(self.tr("Credit &note…"), panel)
        self.credit_button.setToolTip(self.tr("Credit the chosen invoice (or the account) for a "
                                              "dispute; another manager approves"))
        self.credit_button.clicked.connect(self.credit_note)
        self.refund_button = QPushButton(self.tr("Re&fund…"), panel)
        self.refund_button.setToolTip(self.tr("Managers: pay back the customer's credit"))
        self.refund_button.clicked.connect(self.refund)
        self.refund_button.setVisible(self.ctx.actor.can("manager"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.credit_button)
        buttons.addWidget(self.refund_button)
        buttons.addStretch(1)

        statements = module_available(STATEMENT_PRINTING)
        today = date.today()
        self.statement_from = QDateEdit(QDate(today.replace(day=1) - timedelta(days=90)), panel)
        self.statement_to = QDateEdit(QDate(today), panel)
        for edit in (self.statement_from, self.statement_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.statement_button = QPushButton(self.tr("&Statement…"), panel)
        self.statement_button.setToolTip(self.tr("The statement of account for these dates, "
                                                 "to preview and print (Ctrl+P)"))
        self.statement_button.clicked.connect(self.statement)
        statement_label = QLabel(self.tr("Statement fro&m:"), panel)
        statement_label.setBuddy(self.statement_from)
        through = QLabel(self.tr("through"), panel)
        statement_row = QHBoxLayout()
        for widget in (statement_label, self.statement_from, through, self.statement_to,
                       self.statement_button):
            statement_row.addWidget(widget)
            widget.setVisible(statements)
        statement_row.addStretch(1)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.customer_title)
        layout.addWidget(self.figures)
        layout.addWidget(self.invoices_label)
        layout.addWidget(self.invoices_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent_table)
        layout.addLayout(statement_row)
        return panel

    def _build_form(self) -> QWidget:
        panel = QWidget(self)
        title = QLabel(self.tr("Payment received"), panel)
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        form = self.form = RecordForm(panel)
        self.method = form.add_field("method", self.tr("&Method:"), QComboBox())
        for key, name in method_names():
            self.method.addItem(name, key)
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self.amount = form.add_field("amount", self.tr("&Amount: *"), QLineEdit())
        self.amount.textEdited.connect(lambda _t: self._show_plan())
        self.received_on = form.add_field("received_on", self.tr("&Received on:"), QDateEdit())
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.received_on.setDate(QDate(date.today()))
        self.cheque_number = form.add_field("cheque_number", self.tr("Cheque n&umber: *"),
                                            QLineEdit())
        self.cheque_number.setMaxLength(40)
        self.cheque_bank = form.add_field("cheque_bank", self.tr("&Bank: *"), QLineEdit())
        self.cheque_bank.setMaxLength(80)
        self.cheque_date = form.add_field("cheque_date", self.tr("Cheque &date: *"),
                                          QLineEdit())
        self.cheque_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.reference = form.add_field("reference", self.tr("Re&ference:"), QLineEdit())
        self.reference.setMaxLength(120)
        self.reference.setPlaceholderText(self.tr("e.g. the transfer's reference"))
        self.auto = QRadioButton(self.tr("Oldest invoices first"), panel)
        self.by_hand = QRadioButton(self.tr("By hand, in the Allocate column"), panel)
        self.auto.setChecked(True)
        group = QButtonGroup(panel)
        group.addButton(self.auto)
        group.addButton(self.by_hand)
        self.by_hand.toggled.connect(self._allocation_mode)
        choice = QWidget(panel)
        row = QVBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.auto)
        row.addWidget(self.by_hand)
        form.add_field("allocations", self.tr("Place it:"), choice)
        form.save_requested.connect(self.record)
        self.plan = QLabel(panel)
        self.plan.setWordWrap(True)
        self.plan.setEnabled(False)
        self.allocation_errors = QLabel(panel)
        self.allocation_errors.setStyleSheet(ERROR_STYLE)
        self.allocation_errors.setWordWrap(True)
        self.allocation_errors.hide()
        self.status = MessageLabel(panel)
        self.record_button = QPushButton(self.tr("&Record payment"), panel)
        self.record_button.setDefault(True)
        self.record_button.setToolTip(self.tr("Record the payment (Enter in the form, Ctrl+S)"))
        self.record_button.clicked.connect(self.record)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(form)
        layout.addWidget(self.plan)
        layout.addWidget(self.allocation_errors)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.invoices.edited.connect(self._show_plan)
        return panel

    # --- texts ---
    def _part_text(self, r: OpenInvoice) -> str:
        if self.invoices.by_hand:
            return self.invoices.parts.get(r.id, "")
        part = self._auto_plan().get(r.id)
        return self.ctx.money(part) if part else ""

    def _typed_amount(self) -> Decimal | None:
        try:
            value = Decimal(self.amount.text().strip().replace(",", ""))
        except InvalidOperation:
            return None
        return value if value.is_finite() and value > 0 else None

    def _auto_plan(self) -> dict[int, Decimal]:
        """What the core will place on each invoice: the oldest first (as the list is)."""
        return dict(rules.oldest_first(self._typed_amount() or Decimal(0),
                                       ((r.id, r.open) for r in self.invoices.rows)))

    def _show_plan(self) -> None:
        value = self._typed_amount()
        if self.account is None or value is None:
            self.plan.clear()
        else:
            placed = sum(self._auto_plan().values(), Decimal(0)) if not self.invoices.by_hand \
                else None
            if placed is not None:
                rest = value - placed
                self.plan.setText(self.tr("{placed} placed on the oldest invoices; {rest} stays "
                                          "as credit.").format(
                    placed=self.ctx.money(placed), rest=self.ctx.money(rest)) if rest > 0 else
                    self.tr("{placed} placed on the oldest invoices.").format(
                        placed=self.ctx.money(placed)))
            else:
                self.plan.setText(self.tr("What is not placed by hand stays as credit."))
        if not self.invoices.by_hand and self.invoices.rowCount():
            self.invoices.dataChanged.emit(self.invoices.index(0, ALLOCATE),
                                           self.invoices.index(self.invoices.rowCount() - 1,
                                                               ALLOCATE))

    # --- the customer ---
    def _picked(self, row: CustomerRow) -> None:
        self.customer = row
        self._amount_next = self.picker.box.hasFocus()  # the keyboard goes on to the amount
        self.load()

    def _focus_amount(self) -> None:
        if self.customer is not None:
            self.amount.setFocus()
            self.amount.selectAll()

    def choose(self, row: CustomerRow) -> None:
        """Show ``row``'s account (as if found in the field)."""
        self.picker.set_customer(row.id, row.code, row.name)
        self._picked(row)

    def load(self) -> None:
        if self.customer is None:
            return
        api, customer_id = self.ctx.api, self.customer.id
        tasks.run(self, lambda: api.payments.account(customer_id=customer_id), key="account",
                  on_success=self._loaded)  # only the newest load's account

    def _loaded(self, account: Account) -> None:
        if self.customer is None or account.customer_id != self.customer.id:
            return
        self._show_account(account)
        if self._amount_next:
            self._amount_next = False
            self._focus_amount()

    def _show_account(self, account: Account | None) -> None:
        """Show ``account``; the same customer's again (after a change) keeps what was typed
        in the Allocate column for an invoice still open, and the chosen invoice."""
        again = account is not None and self.account is not None \
            and account.customer_id == self.account.customer_id
        self.account = account
        if account is None:
            self.customer = None if self.picker.customer_id is None else self.customer
        if again:
            still_open = {r.id for r in account.invoices}
            self.invoices.parts = {k: v for k, v in self.invoices.parts.items()
                                   if k in still_open}
        else:
            self.invoices.parts.clear()
        self.invoices.set_rows(account.invoices if account else [])  # the chosen one kept
        self.recent.set_rows(account.recent if account else [])
        if not (again and self.invoices_table.currentIndex().isValid()):
            select_row(self.invoices_table, 0 if account and account.invoices else None)
        enabled = account is not None
        for widget in (self.form, self.record_button, self.credit_button,
                       self.statement_button):
            widget.setEnabled(enabled)
        self.refund_button.setEnabled(enabled and account.credit > 0 and account.balance < 0)
        if account is None:
            self.customer_title.setText(self.tr("Find the customer first."))
            self.figures.clear()
            self.plan.clear()
            return
        c = self.customer
        self.customer_title.setText(f"{c.code}  {c.name}")
        owed = sum((r.open for r in account.invoices), Decimal(0))
        overdue = sum((r.open for r in account.invoices if r.days_overdue() > 0), Decimal(0))
        parts = [self.tr("Balance: {balance}").format(balance=self.ctx.money(account.balance))
                 if account.balance >= 0 else
                 self.tr("Balance: {credit} in credit").format(
                     credit=self.ctx.money(-account.balance)),
                 self.tr("Open on invoices: {owed}").format(owed=self.ctx.money(owed))]
        if overdue:
            parts.append(self.tr("overdue: {amount}").format(amount=self.ctx.money(overdue)))
        if account.credit:
            parts.append(self.tr("unallocated credit: {credit}").format(
                credit=self.ctx.money(account.credit)))
        self.figures.setText(" · ".join(parts))
        self._show_plan()

    def _on_changed(self, changes: Changes) -> None:
        """The customer's account changed (a payment, an invoice, a credit note, a delivery,
        here or on another workstation): shown again, the form as typed."""
        if self.customer is not None and (changes.touches("customers", self.customer.id)
                                          or changes.touches("invoices")
                                          or changes.touches("payments")):
            self.load()

    # --- the form ---
    def _method_changed(self) -> None:
        cheque = self.method.currentData() == "cheque"
        for name in ("cheque_number", "cheque_bank", "cheque_date"):
            self.form.set_field_visible(name, cheque)

    def _allocation_mode(self, by_hand: bool) -> None:
        self.invoices.set_by_hand(by_hand)
        if by_hand and self.invoices.rowCount():
            self.invoices_table.setCurrentIndex(self.invoices.index(0, ALLOCATE))
        self._show_plan()

    def _cheque_date(self) -> date | None | str:
        text = self.cheque_date.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return "bad"

    def record(self) -> None:
        if self.customer is None or self.account is None or not self.record_button.isEnabled():
            if self.customer is None:
                self.status.show_error(self.tr("Find the customer first."))
                self.picker.setFocus()
            return
        self.form.clear_errors()
        self.allocation_errors.hide()
        self.status.clear()
        cheque = self.method.currentData() == "cheque"
        cheque_date = self._cheque_date() if cheque else None
        if cheque_date == "bad":
            self.form.show_errors(ValidationError({"cheque_date": DomainError(QT_TRANSLATE_NOOP(
                "core", "Enter the date on the cheque."))}))
            return
        allocations = self.invoices.allocations() if self.invoices.by_hand else None
        self._sent = allocations or []
        api, customer_id = self.ctx.api, self.customer.id
        data = {"method": self.method.currentData(), "amount": self.amount.text().strip(),
                "received_on": self.received_on.date().toPython(),
                "cheque_number": self.cheque_number.text() if cheque else "",
                "cheque_bank": self.cheque_bank.text() if cheque else "",
                "cheque_date": cheque_date, "reference": self.reference.text(),
                "allocations": allocations}
        # A key stands for one payment (the core refuses it with anything else): the same
        # payment sent again keeps it, a changed one is another payment with a new key.
        if (customer_id, data) != self._request:
            self._request, self.request_key = (customer_id, data), str(uuid.uuid4())
        key = self.request_key
        tasks.run(self, lambda: api.payments.record(customer_id=customer_id, request_key=key,
                                                    **data),
                  on_success=self._recorded, on_error=self._record_failed,
                  disable=self.record_button)

    def _record_failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError):
            notes = []
            for key, error in exc.field_errors.items():
                if key.startswith("allocation") and key != "allocations":
                    n = int(key[len("allocation"):]) - 1
                    number = next((r.number for r in self.invoices.rows
                                   if n < len(self._sent) and r.id == self._sent[n][0]), "")
                    notes.append(f"{number}: {errors.message(error)}" if number
                                 else errors.message(error))
                elif key == "allocations":
                    notes.append(errors.message(error))
            if notes:
                self.allocation_errors.setText("\n".join(notes))
                self.allocation_errors.show()
            rest = {k: v for k, v in exc.field_errors.items() if not k.startswith("allocation")}
            if rest:
                self.form.show_errors(ValidationError(rest))
            elif notes:
                self.invoices_table.setFocus()
            return
        save_failed(self, self.form, exc, details, reload=self.load, stale_question="")

    def _recorded(self, view: PaymentView) -> None:
        placed = ", ".join(f"{a.invoice_number} {self.ctx.money(a.amount)}"
                           for a in view.allocations)
        text = self.tr("{amount} received from {customer}.").format(
            amount=self.ctx.money(view.amount), customer=self.customer.name)
        if placed:
            text += " " + self.tr("Placed on {invoices}.").format(invoices=placed)
        self.status.show_ok(text)
        self.request_key, self._request = str(uuid.uuid4()), None  # the next is another one
        for field in (self.amount, self.reference, self.cheque_number, self.cheque_bank,
                      self.cheque_date):
            field.clear()
        self.auto.setChecked(True)
        self.picker.setFocus()  # the payment's change set shows the account as it is now

    # --- credit notes and refunds ---
    def current_invoice(self) -> OpenInvoice | None:
        index = self.invoices_table.currentIndex()
        return self.invoices.row(index.row()) if index.isValid() else None

    def credit_note(self) -> None:
        if self.customer is None or not self.credit_button.isEnabled():
            return
        dialog = self.credit_dialog = CreditNoteDialog(
            self.ctx, self.customer.id, self.customer.name, self.current_invoice(), parent=self)
        dialog.accepted.connect(lambda: self._credited(dialog.result_view))
        dialogs.run_dialog(dialog)

    def _credited(self, note: CreditNoteView | None) -> None:
        if note is None:
            return
        self.status.show_ok(self.tr("Credit note {number}: {amount}, approved by {manager}.")
                            .format(number=note.number, amount=self.ctx.money(note.amount),
                                    manager=note.approved_by))

    def refund(self) -> None:
        if self.account is None or not self.refund_button.isEnabled():
            return
        credit_ = min(self.account.credit, -self.account.balance)
        dialog = self.refund_dialog = RefundDialog(self.ctx, self.customer.id,
                                                   self.customer.name, credit_, parent=self)
        dialog.accepted.connect(lambda: self._refunded(dialog.result_view))
        dialogs.run_dialog(dialog)

    def _refunded(self, view: PaymentView | None) -> None:
        if view is None:
            return
        self.status.show_ok(self.tr("{amount} refunded to {customer}.").format(
            amount=self.ctx.money(view.amount), customer=self.customer.name))

    # --- statement ---
    def statement(self) -> None:
        if self.customer is None or not self.statement_button.isVisible() \
                or not self.statement_button.isEnabled():
            return
        start, end = self.statement_from.date().toPython(), self.statement_to.date().toPython()
        if end < start:
            self.status.show_error(self.tr("The last date comes before the first."))
            self.statement_to.setFocus()
            return
        api, customer = self.ctx.api, self.customer
        tasks.run(self, lambda: api.payments.statement_pdf(customer_id=customer.id, start=start,
                                                           end=end),
                  on_success=lambda pdf: self._show_statement(customer, start, end, pdf),
                  disable=self.statement_button)

    def _show_statement(self, customer: CustomerRow, start: date, end: date,
                        pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Statement of account {customer}, {start} – "
                                               "{end}").format(customer=customer.name,
                                                               start=start.isoformat(),
                                                               end=end.isoformat()),
            file_name=f"statement-{customer.code}-{end.isoformat()}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    # --- screenshots ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: a customer with open invoices, if there is one."""
        rows = self.ctx.api.reports.aging()
        if not rows:
            return
        match = [r for r in self.ctx.api.customers.search(query=rows[0].code, limit=5)
                 if r.id == rows[0].customer_id]
        if match:
            self.choose(match[0])
