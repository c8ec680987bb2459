"""Manager's credit actions: change a limit, block or unblock, each with its reason.

The core refuses anyone but a manager; the reason is kept in the audit log.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.money import quantize
from core.services.credit import CreditSummary
from desktop import tasks
from desktop.widgets.formkit import MessageLabel

LIMIT, BLOCK, UNBLOCK = "limit", "block", "unblock"


class CreditChangeDialog(QDialog):
    """``action`` is LIMIT, BLOCK or UNBLOCK; after OK, ``summary`` holds the customer's
    credit as saved."""

    def __init__(self, ctx, customer: CreditSummary, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = customer
        self.action = action
        self.summary: CreditSummary | None = None
        money = ctx.money
        who = f"{customer.code}  {customer.name}"
        self.setWindowTitle({LIMIT: self.tr("Change credit limit"),
                             BLOCK: self.tr("Block customer"),
                             UNBLOCK: self.tr("Unblock customer")}[action])
        intro = QLabel({
            LIMIT: self.tr("{customer}\nLimit now {limit}; owed and on order {exposure}.").format(
                customer=who, limit=money(customer.credit_limit),
                exposure=money(customer.exposure)),
            BLOCK: self.tr("{customer}\nA blocked customer cannot order on account until "
                           "a manager unblocks them.").format(customer=who),
            UNBLOCK: self.tr("{customer}\nBlocked because: {reason}").format(
                customer=who, reason=customer.blocked_reason),
        }[action])
        intro.setWordWrap(True)

        form = QFormLayout()
        self.amount = QLineEdit(self)
        if action == LIMIT:
            self.amount.setText(format(quantize(customer.credit_limit,
                                                ctx.company.currency), "f"))
            self.amount.selectAll()
            line = QHBoxLayout()
            line.addWidget(self.amount, 1)
            line.addWidget(QLabel(ctx.company.currency, self))
            caption = QLabel(self.tr("New &limit:"), self)
            caption.setBuddy(self.amount)
            form.addRow(caption, line)
            self.amount.setToolTip(self.tr("0 means cash only: every order on account "
                                           "then needs a manager's override."))
        else:
            self.amount.hide()
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 14)
        self.reason.setPlaceholderText(self.tr("Required; kept in the audit log"))
        caption = QLabel(self.tr("&Reason:"), self)
        caption.setBuddy(self.reason)
        form.addRow(caption, self.reason)

        self.message = MessageLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText({LIMIT: self.tr("Change limit"), BLOCK: self.tr("Block"),
                                UNBLOCK: self.tr("Unblock")}[action])
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        (self.amount if action == LIMIT else self.reason).setFocus()

    def _save(self) -> None:
        if not self.ok_button.isEnabled():
            return
        api, customer_id = self.ctx.api, self.customer.customer_id
        reason, amount = self.reason.toPlainText(), self.amount.text()
        if self.action == LIMIT:
            def work() -> CreditSummary:
                return api.credit.set_limit(customer_id=customer_id, limit=amount, reason=reason)
        else:
            blocked = self.action == BLOCK

            def work() -> CreditSummary:
                return api.credit.set_blocked(customer_id=customer_id, blocked=blocked,
                                              reason=reason)
        self.message.clear()
        tasks.run(self, work, on_success=self._saved, on_error=self.message.on_error,
                  disable=self.ok_button)

    def _saved(self, summary: CreditSummary) -> None:
        self.summary = summary
        self.accept()
