"""The action dialog every window's small dialogs share, and the credit refusal with a
manager's override.

``ActionDialog``: the main button runs a core call in a task; a ``DomainError`` it
raises is shown inside the dialog, which stays open; on success the dialog keeps what
the call returned (an order, a standing order, an invoice ...) in ``record`` and
accepts.  Every such dialog is shown through ``desktop.dialogs.run_dialog`` so that
tests can drive it.

``OverrideDialog``: why an order was refused for credit, its figures, and (unless the
customer is blocked) a manager's user name, password and reason to save it anyway.
Order entry, quotes, deliveries (a new date) and standing orders (refusals) show it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import AuthenticationFailed, ValidationError
from core.services.orders import CreditRefused, OrderView, OverrideRequest
from desktop import errors, tasks
from desktop.widgets.formkit import ERROR_STYLE, MessageLabel, add_row, password_field
from desktop.widgets.records import RecordForm
from desktop.widgets.rows import RIGHT


class ActionDialog(QDialog):
    """A dialog whose main button calls the core off the UI thread (see the module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: Any = None  # what the core call returned (None: not done)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.rejected.connect(self.reject)

    def add_button(self, text: str, role: QDialogButtonBox.ButtonRole,
                   slot: Callable[[], None] | None = None) -> QPushButton:
        button = self.buttons.addButton(text, role)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def lay_out(self, *parts: QWidget | QLayout, width: int) -> None:
        """``parts`` top to bottom (a form among them), then the message line and the
        buttons; at least ``width`` wide."""
        layout = QVBoxLayout(self)
        for part in (*parts, self.message, self.buttons):
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        self.setMinimumWidth(width)

    def run(self, call: Callable[[], Any], button: QPushButton) -> None:
        self.message.clear()
        tasks.run(self, call, on_success=self._succeeded, on_error=self.failed, disable=button)

    def _succeeded(self, record: Any) -> None:
        self.record = record
        self.accept()

    def failed(self, exc: BaseException, details: str) -> None:
        self.message.on_error(exc, details)


class FormDialog(ActionDialog):
    """An ActionDialog whose fields are a ``RecordForm``: a ``ValidationError`` naming a
    field puts its message under that field, and nothing typed is cleared.  What the
    call returned is in ``result_view``; each dialog defines ``submit`` (its core call),
    which Enter in a field calls; ``add_submit_button`` makes its button, which submits, and Cancel."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_view: Any = None  # what the core call returned
        self.form = RecordForm(self)
        self.form.save_requested.connect(lambda: self.submit())  # each dialog's own

    def add_submit_button(self, text: str) -> QPushButton:
        """The default button, ``text``, which calls ``submit``; and Cancel."""
        button = self.add_button(text, QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        button.setDefault(True)
        self.add_button(QCoreApplication.translate("FormDialog", "Cancel"),
                        QDialogButtonBox.ButtonRole.RejectRole)
        return button

    def _call(self, call: Callable[[], Any], button: QPushButton) -> None:
        self.form.clear_errors()
        self.message.clear()
        tasks.run(self, call, on_success=self._done, on_error=self.failed, disable=button)

    def _done(self, view: Any) -> None:
        self.result_view = view
        self.accept()

    def failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError) and set(exc.field_errors) & set(self.form.fields):
            self.form.show_errors(exc)
            return
        super().failed(exc, details)


class OverrideDialog(ActionDialog):
    """The refusal in the user's language, its figures, and (unless the customer is
    blocked) a manager's user name, password and reason to save the order anyway.

    ``submit(override)`` places (or changes) the order again with the same input.
    """

    def __init__(self, ctx, refusal: CreditRefused,
                 submit: Callable[[OverrideRequest], OrderView], *, change: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        figures = refusal.figures
        self.blocked = figures.blocked
        self.setWindowTitle(self.tr("Order refused"))
        # The message's first line says why; its figures are in the table below.
        self.reason_text = QLabel(errors.message(refusal).splitlines()[0], self)
        self.reason_text.setWordWrap(True)
        font = QFont(self.reason_text.font())
        font.setBold(True)
        self.reason_text.setFont(font)
        if self.blocked:
            self.reason_text.setStyleSheet(ERROR_STYLE)

        table = QGridLayout()
        table.setHorizontalSpacing(24)
        rows = ((self.tr("Credit limit"), figures.limit),
                (self.tr("Balance"), figures.balance),
                (self.tr("Open orders"), figures.open_orders),
                (self.tr("This change") if change else self.tr("This order"), figures.amount),
                (self.tr("Over the limit by"), figures.shortfall))
        self.figures: dict[str, str] = {}  # caption -> amount as shown
        for number, (caption, amount) in enumerate(rows):
            value = QLabel(ctx.money(amount), self)
            value.setAlignment(RIGHT)
            if number == len(rows) - 1 and amount > Decimal(0):
                value.setFont(font)
                value.setStyleSheet(ERROR_STYLE)
            table.addWidget(QLabel(caption, self), number, 0)
            table.addWidget(value, number, 1)
            self.figures[caption] = value.text()

        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_text)
        layout.addLayout(table)
        self.back_button = self.add_button(self.tr("Back to the order"),
                                           QDialogButtonBox.ButtonRole.RejectRole)
        self.request_button: QPushButton | None = None
        if not self.blocked:
            hint = QLabel(self.tr("A manager may approve the order with their own user name and "
                                  "password; the override is kept with the order."), self)
            hint.setWordWrap(True)
            form = QFormLayout()
            self.manager = QLineEdit(self)
            self.password = password_field(self)
            self.reason = QLineEdit(self)
            self.reason.setMaxLength(250)
            add_row(form, self.manager).setText(self.tr("&Manager:"))
            add_row(form, self.password).setText(self.tr("&Password:"))
            add_row(form, self.reason).setText(self.tr("&Reason: *"))
            layout.addWidget(hint)
            layout.addLayout(form)
            self.request_button = self.add_button(self.tr("Request override"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole,
                                                  self.request_override)
            self.request_button.setDefault(True)
            self.back_button.setAutoDefault(False)
            self.manager.setFocus()
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def request_override(self) -> None:
        request = OverrideRequest(self.manager.text().strip(), self.password.text(),
                                  self.reason.text())
        submit = self.submit
        self.run(lambda: submit(request), self.request_button)

    def failed(self, exc: BaseException, details: str) -> None:
        super().failed(exc, details)
        self.password.clear()
        if isinstance(exc, ValidationError) and "reason" in exc.field_errors:
            self.reason.setFocus()
        elif isinstance(exc, AuthenticationFailed):
            self.password.setFocus()
        else:
            self.manager.setFocus()
            self.manager.selectAll()
