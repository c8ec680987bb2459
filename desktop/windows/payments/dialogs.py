"""The Payments window's dialogs: a credit note (approved by another manager in the same
dialog, as the order override is) and a refund of a customer's credit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import AuthenticationFailed, PermissionDenied, ValidationError
from core.queries.aging import OpenInvoice
from core.services.payments import METHODS, Approval
from desktop import errors, tasks
from desktop.widgets.formkit import password_field
from desktop.widgets.records import RecordForm
from desktop.widgets.action import ActionDialog


def method_names() -> list[tuple[str, str]]:
    return [(key, errors.translate_core(name)) for key, name in METHODS.items()]


class _FormDialog(ActionDialog):
    """An ActionDialog whose fields are a RecordForm (errors under each field)."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_view = None  # what the core call returned
        self.form = RecordForm(self)
        self.form.save_requested.connect(lambda: self.submit())  # each dialog's own

    def _call(self, call, button) -> None:
        self.form.clear_errors()
        self.message.clear()
        tasks.run(self, call, on_success=self._done, on_error=self.failed, disable=button)

    def _done(self, view) -> None:
        self.result_view = view
        self.accept()

    def failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError) and set(exc.field_errors) & set(self.form.fields):
            self.form.show_errors(exc)
            return
        super().failed(exc, details)


class CreditNoteDialog(_FormDialog):
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
        self.credit_button = self.add_button(self.tr("Give credit note"),
                                             QDialogButtonBox.ButtonRole.AcceptRole,
                                             self.submit)
        self.credit_button.setDefault(True)
        self.add_button(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
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


class RefundDialog(_FormDialog):
    """Pay back (part of) a customer's credit: amount, method, the day and the reason."""

    def __init__(self, ctx, customer_id: int, customer_name: str, credit: Decimal,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Refund"))
        heading = QLabel(self.tr("{customer} has {credit} in credit.").format(
            customer=customer_name, credit=ctx.money(credit)), self)
        self.amount = self.form.add_field("amount", self.tr("&Amount: *"), QLineEdit())
        self.amount.setText(format(credit.normalize(), "f") if credit > 0 else "")
        self.method = self.form.add_field("method", self.tr("Paid &by:"), QComboBox())
        for key, name in method_names():
            self.method.addItem(name, key)
        self.paid_on = self.form.add_field("paid_on", self.tr("&Date:"), QDateEdit())
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("yyyy-MM-dd")
        self.paid_on.setDate(QDate(date.today()))
        self.reason = self.form.add_field("reason", self.tr("&Reason: *"), QLineEdit())
        self.reason.setMaxLength(120)
        self.refund_button = self.add_button(self.tr("Refund"),
                                             QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.refund_button.setDefault(True)
        self.add_button(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.amount.setFocus()
        self.amount.selectAll()

    def submit(self) -> None:
        api, customer_id = self.ctx.api, self.customer_id
        amount, method, reason = self.amount.text(), self.method.currentData(), self.reason.text()
        paid_on = self.paid_on.date().toPython()
        self._call(lambda: api.payments.refund(customer_id=customer_id, amount=amount,
                                               method=method, reason=reason, paid_on=paid_on),
                   self.refund_button)
