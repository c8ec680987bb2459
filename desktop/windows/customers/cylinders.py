"""The customer card's Cylinders tab: per size the cylinders the customer holds, how many on
deposit and how many a manager lets them hold without one (with the reason), the deposit
each and the deposits they have; and, for a manager, "Hold without deposit…" (a count and
a reason, effective at the size's next delivery).  Loaded when the tab is shown."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from core.errors import ValidationError
from core.services.deposits import MAX_EXEMPT
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import RecordForm
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, set_widths


class CylindersPage(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.loaded = False
        money = ctx.money
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.model = RowsModel([
            Column(self.tr("Size"), lambda x: x.sku),
            Column(self.tr("Held"), lambda x: str(x.held), RIGHT),
            Column(self.tr("On deposit"), lambda x: str(x.on_deposit), RIGHT),
            Column(self.tr("No deposit"), lambda x: str(x.without_deposit), RIGHT),
            Column(self.tr("Deposits"), lambda x: money(x.deposits), RIGHT),
            Column(self.tr("Each"), lambda x: money(x.unit_deposit), RIGHT),
            Column(self.tr("Why no deposit"), lambda x: x.exemption_reason),
        ], self)
        self.table = make_table(self.model, self)
        self.table.setToolTip(self.tr("Held: the cylinders the customer has. No deposit: how "
                                      "many a manager lets them hold without one. Deposits: "
                                      "what they paid, refunded when the cylinders come back."))
        set_widths(self.table, (7, 4, 6, 7, 9, 9))
        self.total = QLabel(self)
        self.exempt_button = QPushButton(self.tr("&Hold without deposit…"), self)
        self.exempt_button.setToolTip(self.tr(
            "Managers: let this customer hold cylinders of a size without deposit (a rental "
            "contract), with the reason"))
        self.exempt_button.clicked.connect(self.hold_without_deposit)
        self.exempt_button.setVisible(ctx.actor.can("manager"))
        self.status = MessageLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exempt_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.show_customer(None)

    def show_customer(self, customer_id: int | None) -> None:
        """The form shows this customer (None: a new one): loaded now if the tab is shown."""
        if customer_id != self.customer_id:
            self.customer_id = customer_id
            self.model.set_rows([])
            self.total.clear()
            self.status.clear()
        self.loaded = False
        self.exempt_button.setEnabled(customer_id is not None)
        self.note.setText(self.tr("Save the new customer first.") if customer_id is None else
                          self.tr("A delivery charges the deposit of each cylinder the customer "
                                  "holds beyond those held without deposit, and refunds it "
                                  "when empties come back."))
        self.load()

    def load(self) -> None:
        if self.loaded or not self.isVisible() or self.customer_id is None:
            return
        self.loaded = True
        customer_id, api = self.customer_id, self.ctx.api
        tasks.run(self, lambda: api.deposits.held(customer_id=customer_id), key="held",
                  on_success=lambda rows: self._listed(customer_id, rows))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.load()

    def _listed(self, customer_id: int, rows) -> None:
        if customer_id != self.customer_id:
            return
        self.model.set_rows(list(rows))
        self.total.setText(self.tr("{held} cylinders held, {on} on deposit; deposits held "
                                   "{amount}").format(
            held=sum(x.held for x in rows), on=sum(x.on_deposit for x in rows),
            amount=self.ctx.money(sum((x.deposits for x in rows), Decimal(0)))))

    def hold_without_deposit(self) -> None:
        if self.customer_id is None or not self.exempt_button.isEnabled():
            return
        customer_id, api = self.customer_id, self.ctx.api
        tasks.run(self, lambda: [p for p in api.products.list(include_inactive=False)
                                 if p.unit == "cylinder"],
                  on_success=lambda sizes: self._ask(customer_id, sizes),
                  disable=self.exempt_button)

    def _ask(self, customer_id: int, sizes) -> None:
        if customer_id != self.customer_id:
            return
        current = {x.product_id: x.without_deposit for x in self.model.rows}
        self.dialog = ExemptionDialog(self.ctx, customer_id, sizes, current, self)
        self.dialog.accepted.connect(lambda: self._exempted(customer_id, self.dialog.saved_rows))
        dialogs.run_dialog(self.dialog)

    def _exempted(self, customer_id: int, rows) -> None:
        if rows is None:
            return
        self._listed(customer_id, rows)
        self.status.show_ok(self.tr("Saved; it takes effect at the size's next delivery."))


class ExemptionDialog(QDialog):
    """A manager lets the customer hold N cylinders of a size without deposit, with the
    reason; a refused save keeps what was typed."""

    def __init__(self, ctx, customer_id: int, sizes, current: dict[int, int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.customer_id, self.current = ctx, customer_id, current
        self.saved_rows = None
        self.setWindowTitle(self.tr("Hold without deposit"))
        form = self.form = RecordForm(self)
        self.size = form.add_field("product", self.tr("&Size:"), QComboBox())
        for p in sizes:
            self.size.addItem(f"{p.sku}  {p.name(ctx.language)}", p.id)
        self.size.currentIndexChanged.connect(self._size_chosen)
        self.count = form.add_field("count", self.tr("&Cylinders without deposit:"), QSpinBox())
        self.count.setRange(0, MAX_EXEMPT)
        self.reason = form.add_field("reason", self.tr("&Reason:"), QLineEdit())
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("e.g. rental contract R-2024-07"))
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.reject)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.save)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(
            self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.buttons)
        self._size_chosen()

    def _size_chosen(self, *_args) -> None:
        self.count.setValue(self.current.get(self.size.currentData(), 0))

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        api, customer_id = self.ctx.api, self.customer_id
        product_id, count, reason = self.size.currentData(), self.count.value(), \
            self.reason.text()
        self.form.clear_errors()
        if product_id is None:
            return
        tasks.run(self, lambda: api.deposits.set_exemption(
            customer_id=customer_id, product_id=product_id, count=count, reason=reason),
            on_success=self._saved, on_error=self._failed, disable=self.save_button)

    def _saved(self, rows) -> None:
        self.saved_rows = rows
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError) and exc.field_errors:
            self.form.show_errors(exc)
            return
        errors.show(self, exc, details)
