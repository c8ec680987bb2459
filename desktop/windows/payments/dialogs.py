"""The Payments window's dialogs: a credit note (approved by another manager in the same
dialog, as the order override is) and a refund of a customer's credit; and the money a
driver takes or pays at a stop, from the Deliveries window: a payment at the stop and a
refund at the door."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from core import rules
from core.errors import AuthenticationFailed, PermissionDenied, ValidationError
from core.money import parse_amount
from core.queries.aging import OpenInvoice
from core.queries.customer_card import Account
from core.services.payments import METHODS, Approval
from desktop import errors, tasks
from desktop.widgets.action import FormDialog
from desktop.widgets.formkit import password_field
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, set_widths

STOP_METHODS = ("cash", "cheque")  # what a driver takes at a stop


def method_names() -> list[tuple[str, str]]:
    return [(key, errors.translate_core(name)) for key, name in METHODS.items()]


class CreditNoteDialog(FormDialog):
    """A credit note for ``customer`` (on ``invoice`` when one is given): amount and reason,
    and another manager's user name and password, checked in the core."""

    def __init__(self, ctx, customer_id: int, customer_name: str,
                 invoice: OpenInvoice | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.customer_id = customer_id
        self.invoice = invoice
        self.setWindowTitle(self.tr("Credit note"))
        about = self.tr("A credit note for {customer}").format(customer=customer_name)
        if invoice is not None:
            about = self.tr("A credit note for {customer}, on invoice {number} ({open} open)"
                            ).format(customer=customer_name, number=invoice.number,
                                     open=ctx.money(invoice.open))
        heading = QLabel(about, self)
        heading.setWordWrap(True)
        self.amount = self.form.add_field("amount", self.tr("&Amount: *"), QLineEdit())
        self.reason = self.form.add_field("reason", self.tr("&Reason: *"), QPlainTextEdit())
        self.reason.setMaximumHeight(self.fontMetrics().height() * 4)
        hint = QLabel(self.tr("Another manager approves the credit note with their own user "
                              "name and password."), self)
        hint.setWordWrap(True)
        self.form.grid.addRow(hint)
        self.manager = self.form.add_field("manager", self.tr("&Manager:"), QLineEdit())
        self.password = self.form.add_field("password", self.tr("&Password:"), password_field())
        self.credit_button = self.add_submit_button(self.tr("Give credit note"))
        self.lay_out(heading, self.form, width=480)
        self.amount.setFocus()

    def submit(self) -> None:
        api, customer_id = self.ctx.api, self.customer_id
        amount, reason = self.amount.text(), self.reason.toPlainText()
        approval = Approval(self.manager.text().strip(), self.password.text())
        invoice_id = self.invoice.id if self.invoice is not None else None
        self._call(lambda: api.payments.credit_note(customer_id=customer_id, amount=amount,
                                                    reason=reason, approval=approval,
                                                    invoice_id=invoice_id),
                   self.credit_button)

    def failed(self, exc: BaseException, details: str) -> None:
        self.password.clear()
        super().failed(exc, details)
        if isinstance(exc, AuthenticationFailed):
            self.password.setFocus()
        elif isinstance(exc, PermissionDenied):
            self.manager.setFocus()
            self.manager.selectAll()


class RefundDialog(FormDialog):
    """Pay back (part of) a customer's credit: amount, method, the day and the reason.

    With ``route_id`` it is a refund at the door: the driver pays it in cash at the
    customer's stop on that route, on the route's ``day`` (counted in its cash-up).
    One request key per dialog: submitting it again after a lost answer refunds once."""

    def __init__(self, ctx, customer_id: int, customer_name: str, credit: Decimal,
                 parent: QWidget | None = None, *, route_id: int | None = None,
                 day: date | None = None) -> None:
        super().__init__(ctx, parent)
        self.customer_id = customer_id
        self.route_id = route_id
        self.request_key = uuid.uuid4().hex
        self.setWindowTitle(self.tr("Refund") if route_id is None
                            else self.tr("Refund at the door"))
        heading = QLabel(self.tr("{customer} has {credit} in credit.").format(
            customer=customer_name, credit=ctx.money(credit)), self)
        self.amount = self.form.add_field("amount", self.tr("&Amount: *"), QLineEdit())
        self.amount.setText(format(credit.normalize(), "f") if credit > 0 else "")
        self.method = self.form.add_field("method", self.tr("Paid &by:"), QComboBox())
        for key, name in method_names():
            if route_id is None or key == "cash":  # the driver pays cash at the door
                self.method.addItem(name, key)
        self.paid_on = self.form.add_field("paid_on", self.tr("&Date:"), QDateEdit())
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("yyyy-MM-dd")
        self.paid_on.setDate(QDate(day or date.today()))
        if route_id is not None:  # the route's day
            self.method.setEnabled(False)
            self.paid_on.setEnabled(False)
        self.reason = self.form.add_field("reason", self.tr("&Reason: *"), QLineEdit())
        self.reason.setMaxLength(120)
        self.refund_button = self.add_submit_button(self.tr("Refund"))
        self.lay_out(heading, self.form, width=420)
        self.amount.setFocus()
        self.amount.selectAll()

    def submit(self) -> None:
        api, customer_id = self.ctx.api, self.customer_id
        amount, method, reason = self.amount.text(), self.method.currentData(), self.reason.text()
        paid_on, route_id, key = self.paid_on.date().toPython(), self.route_id, self.request_key
        self._call(lambda: api.payments.refund(customer_id=customer_id, amount=amount,
                                               method=method, reason=reason, paid_on=paid_on,
                                               request_key=key, route_id=route_id),
                   self.refund_button)


class CollectDialog(FormDialog):
    """A payment the driver took at a customer's stop on a route (the Deliveries window):
    cash or a cheque (its number, bank and date), on the route's day.  The customer's open
    invoices are listed oldest due first with where the amount goes (``rules.oldest_first``,
    as the core places it); what is not placed stays as credit.  The payment is counted
    in the route's cash-up.  One request key per dialog."""

    def __init__(self, ctx, customer_id: int, customer_name: str, *, route_id: int,
                 day: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.customer_id, self.route_id, self.day = customer_id, route_id, day
        self.account: Account | None = None
        self.request_key = uuid.uuid4().hex
        self.setWindowTitle(self.tr("Payment at the stop"))
        heading = QLabel(self.tr("{customer} pays the driver at the stop on {day}.").format(
            customer=customer_name, day=day.isoformat()), self)
        heading.setWordWrap(True)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        money = ctx.money
        self.invoices = RowsModel([
            Column(self.tr("Invoice"), lambda r: r.number),
            Column(self.tr("Due"), lambda r: r.due_date.isoformat()),
            Column(self.tr("Open"), lambda r: money(r.open), RIGHT),
            Column(self.tr("Placed"), lambda r: money(self._plan().get(r.id)) if
                   self._plan().get(r.id) else "", RIGHT),
        ], self)
        self.invoices_table = make_table(self.invoices, self)
        set_widths(self.invoices_table, (16, 11, 11))
        self.invoices_table.setMaximumHeight(self.fontMetrics().height() * 9)
        self.method = self.form.add_field("method", self.tr("&Method:"), QComboBox())
        for key, name in method_names():
            if key in STOP_METHODS:
                self.method.addItem(name, key)
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self.amount = self.form.add_field("amount", self.tr("&Amount: *"), QLineEdit())
        self.amount.textEdited.connect(lambda _t: self._show_plan())
        self.cheque_number = self.form.add_field("cheque_number", self.tr("Cheque n&umber: *"),
                                                 QLineEdit())
        self.cheque_number.setMaxLength(40)
        self.cheque_bank = self.form.add_field("cheque_bank", self.tr("&Bank: *"), QLineEdit())
        self.cheque_bank.setMaxLength(80)
        self.cheque_date = self.form.add_field("cheque_date", self.tr("Cheque &date: *"),
                                               QDateEdit())
        self.cheque_date.setCalendarPopup(True)
        self.cheque_date.setDisplayFormat("yyyy-MM-dd")
        self.cheque_date.setDate(QDate(day))
        self.reference = self.form.add_field("reference", self.tr("Re&ference:"), QLineEdit())
        self.reference.setMaxLength(120)
        self.plan = QLabel(self)
        self.plan.setWordWrap(True)
        self.plan.setEnabled(False)
        self.record_button = self.add_submit_button(self.tr("Record payment"))
        invoices_label = QLabel(self.tr("Open invoices (oldest due first):"), self)
        self.lay_out(heading, self.figures, invoices_label, self.invoices_table, self.form,
                     self.plan, width=520)
        self._method_changed()
        self.amount.setFocus()
        api = ctx.api
        tasks.run(self, lambda: api.payments.account(customer_id=customer_id), key="account",
                  on_success=self._loaded)

    def _loaded(self, account: Account) -> None:
        self.account = account
        self.invoices.set_rows(account.invoices)
        owed = sum((r.open for r in account.invoices), Decimal(0))
        parts = [self.tr("Open on invoices: {owed}").format(owed=self.ctx.money(owed))]
        if account.credit:
            parts.append(self.tr("unallocated credit: {credit}").format(
                credit=self.ctx.money(account.credit)))
        self.figures.setText(" · ".join(parts))
        self._show_plan()

    def _method_changed(self) -> None:
        cheque = self.method.currentData() == "cheque"
        for name in ("cheque_number", "cheque_bank", "cheque_date"):
            self.form.set_field_visible(name, cheque)

    def _typed_amount(self) -> Decimal | None:
        try:
            value = parse_amount(self.amount.text().strip(), self.ctx.company.currency)
        except ValidationError:
            return None
        return value if value > 0 else None

    def _plan(self) -> dict[int, Decimal]:
        """What the core will place on each invoice: the oldest first (as listed)."""
        return dict(rules.oldest_first(self._typed_amount() or Decimal(0),
                                       ((r.id, r.open) for r in self.invoices.rows)))

    def _show_plan(self) -> None:
        value = self._typed_amount()
        if value is None or self.account is None:
            self.plan.clear()
        else:
            placed = sum(self._plan().values(), Decimal(0))
            rest = value - placed
            self.plan.setText(
                self.tr("{placed} placed on the oldest invoices; {rest} stays as credit.")
                .format(placed=self.ctx.money(placed), rest=self.ctx.money(rest)) if rest > 0
                else self.tr("{placed} placed on the oldest invoices.").format(
                    placed=self.ctx.money(placed)))
        if self.invoices.rowCount():
            self.invoices.dataChanged.emit(self.invoices.index(0, 3),
                                           self.invoices.index(self.invoices.rowCount() - 1, 3))

    def submit(self) -> None:
        cheque = self.method.currentData() == "cheque"
        api, key = self.ctx.api, self.request_key
        data = {"customer_id": self.customer_id, "method": self.method.currentData(),
                "amount": self.amount.text().strip(), "received_on": self.day,
                "cheque_number": self.cheque_number.text() if cheque else "",
                "cheque_bank": self.cheque_bank.text() if cheque else "",
                "cheque_date": self.cheque_date.date().toPython() if cheque else None,
                "reference": self.reference.text(), "route_id": self.route_id}
        self._call(lambda: api.payments.record(request_key=key, **data), self.record_button)
