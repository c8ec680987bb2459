"""Invoice one customer now: a customer found as you type, everything delivered to them and
not invoiced yet on one invoice (a customer who leaves, a customer who asks)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.queries.customers import CustomerRow
from core.services.billing import InvoiceRow
from desktop import tasks
from desktop.widgets.customer_picker import CustomerPicker
from desktop.widgets.action import ActionDialog


class InvoiceNowDialog(ActionDialog):
    """``invoice`` holds the InvoiceRow written once the dialog is accepted."""

    def __init__(self, ctx, parent: QWidget | None = None, *,
                 customer: CustomerRow | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.invoice: InvoiceRow | None = None
        self.setWindowTitle(self.tr("Invoice one customer now"))
        hint = QLabel(self.tr("Everything delivered to the customer on account and not "
                              "invoiced yet goes on one invoice, numbered now."), self)
        hint.setWordWrap(True)
        label = QLabel(self.tr("&Customer:"), self)
        self.picker = CustomerPicker(ctx, self)
        label.setBuddy(self.picker.box)
        if customer is not None:
            self.picker.set_customer(customer.id, customer.code, customer.name)
        self.invoice_button = self.add_button(self.tr("&Invoice now"),
                                              QDialogButtonBox.ButtonRole.AcceptRole,
                                              self.invoice_now)
        self.invoice_button.setDefault(True)
        self.add_button(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.picker.done.connect(self.invoice_now)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.picker.setFocus()

    def invoice_now(self) -> None:
        customer_id = self.picker.customer_id
        if customer_id is None:
            self.message.show_error(self.tr("Find the customer first."))
            self.picker.setFocus()
            return
        api = self.ctx.api
        self.message.clear()
        tasks.run(self, lambda: api.billing.invoice_now(customer_id=customer_id),
                  on_success=self._invoiced, on_error=self.failed, disable=self.invoice_button)

    def _invoiced(self, row: InvoiceRow) -> None:
        self.invoice = row
        self.accept()
