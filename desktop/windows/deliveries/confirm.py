"""The dialogs of the Deliveries window: what happened at a stop, and moving an order to
another date.

``DeliveryDialog`` takes one stop's outcome: delivered (as ordered: Enter saves at once),
partially delivered (the quantity actually delivered per line) or failed (a reason is
required), the empty cylinders collected per line (the customer exchanges one empty for
each full one, so they default to the cylinders delivered) and the cash collected
(for a cash order it defaults to what was delivered, with tax, as its cash sale totals
it; an order on account takes none); below the lines, what the stop charges or refunds
in cylinder deposits, computed as the confirmation will (``deposits.preview_of``) from
the customer's cylinders read when the dialog opens.  The dialog makes one request key
when it opens and
sends it with every submit, so saving twice (a second click, or again after an error that
reached the database) has one effect.  A refused
save keeps everything typed, with the reason under the field.

When the company scans serials, the dialog has "Serials out" (the full cylinders handed
over) and "Serials in" (the empties collected) boxes (``desktop.widgets.serials``).
After the confirmation is saved they are recorded (``cylinders.scan_delivery``, with a
request key per set of serials).  If they are refused, the confirmation stays saved and
locked, the dialog stays open with the serials and the refusal (the serial it names
marked); the clerk corrects them and saves again (only the serials go), or closes the
dialog to leave them out: the Deliveries window says so and keeps them for its
"Serials…" (``SerialsDialog``), which records the serials of any confirmed delivery
(one confirmed with Ctrl+D too).

``RescheduleDialog`` moves a failed or unplanned order to another date; a credit
refusal opens the manager's override dialog (``desktop.widgets.action``).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core import rules
from core.errors import DomainError, ValidationError
from core.money import quantize
from core.queries.deliveries import StopLine
from core.services import deposits
from core.services.deliveries import DeliveryInput, DeliveryView, LineResult
from core.services.dispatch import StopView
from core.services.orders import CreditRefused, OrderView, OverrideRequest
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import ERROR_STYLE, MessageLabel
from desktop.widgets.records import RecordForm
from desktop.widgets.rows import RIGHT
from desktop.widgets.serials import SerialsBox, scanning
from desktop.widgets.action import ActionDialog, FormDialog, OverrideDialog

OUTCOMES = ("delivered", "partially_delivered", "failed")


def quantity_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def as_ordered(stop: StopView, lines: tuple[StopLine, ...], request_key: str,
               currency: str, rounding: str) -> DeliveryInput:
    """Everything delivered as ordered, an empty back for each full cylinder, and the
    order's total collected when it is a cash order (its cash sale's total: the tax
    rounded as the company rounds it, ``rounding``)."""
    return DeliveryInput(
        order_id=stop.order_id, request_key=request_key, outcome="delivered",
        lines=tuple(LineResult(x.order_line_id, x.quantity, rules.default_empties(x.unit, x.quantity))
                    for x in lines),
        cash_collected=rules.cash_due(stop.payment, ((x.quantity, x.unit_price, x.tax_rate)
                                                     for x in lines), currency, rounding))


class _LineRow:
    """One order line in the dialog: what was ordered, delivered, and the empties."""

    def __init__(self, line: StopLine, parent: QWidget) -> None:
        self.line = line
        self.delivered = QLineEdit(quantity_text(line.quantity), parent)
        self.delivered.setAlignment(RIGHT)
        self.delivered.setMaximumWidth(90)
        self.empties = QSpinBox(parent)
        self.empties.setRange(0, 10_000)
        self.empties.setAlignment(RIGHT)
        self.empties.setEnabled(line.unit == "cylinder")
        self.auto_empties = self.default_empties(line.quantity)
        self.empties.setValue(self.auto_empties)

    def default_empties(self, delivered: Decimal | None) -> int:
        return rules.default_empties(self.line.unit, delivered)

    def quantity(self) -> Decimal | None:
        try:
            value = Decimal(self.delivered.text().strip().replace(",", "") or "0")
        except InvalidOperation:
            return None
        return value if value.is_finite() else None


class DeliveryDialog(QDialog):
    """What happened at one stop (see the module)."""

    def __init__(self, ctx, stop: StopView, lines: tuple[StopLine, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.stop, self.lines = ctx, stop, lines
        self.request_key = str(uuid.uuid4())  # one per dialog: a second submit is the same
        self.delivery: DeliveryView | None = None
        self.scans = None  # the serials recorded (cylinders.DeliveryScans)
        self.serials_left_out = False  # closed with its serials refused
        self._scan_keys: dict[tuple, str] = {}  # a request key per set of serials sent
        self.currency = ctx.company.currency
        self.rounding = ctx.company.tax_rounding  # the cash sale's tax, as the core rounds it
        self.setWindowTitle(self.tr("Confirm delivery — {number}").format(number=stop.number))

        title = QLabel(f"{stop.position or ''}  {stop.customer_code}  {stop.customer_name}", self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        title.setFont(font)
        payment = self.tr("cash on delivery") if stop.payment == "cash" else self.tr("on account")
        facts = QLabel(self.tr("{number} · {total} · {payment}").format(
            number=stop.number, total=ctx.money(stop.total), payment=payment) + "\n"
            + stop.address, self)
        facts.setWordWrap(True)

        self.outcome_group = QButtonGroup(self)
        self.outcome_buttons = {
            "delivered": QRadioButton(self.tr("&Delivered as ordered"), self),
            "partially_delivered": QRadioButton(self.tr("&Partially delivered"), self),
            "failed": QRadioButton(self.tr("&Failed (nothing delivered)"), self),
        }
        outcome_box = QWidget(self)
        outcome_row = QHBoxLayout(outcome_box)
        outcome_row.setContentsMargins(0, 0, 0, 0)
        self.outcome_buttons["delivered"].setChecked(True)
        for button in self.outcome_buttons.values():
            self.outcome_group.addButton(button)
            outcome_row.addWidget(button)
            button.toggled.connect(self._outcome_changed)
        outcome_row.addStretch(1)

        grid_box = QWidget(self)
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, caption in enumerate((self.tr("Product"), self.tr("Ordered"),
                                          self.tr("Delivered"), self.tr("Empties back"))):
            head = QLabel(caption, grid_box)
            head.setEnabled(False)
            grid.addWidget(head, 0, column, RIGHT if column else Qt.AlignmentFlag.AlignLeft)
        self.rows: list[_LineRow] = []
        for n, line in enumerate(lines, start=1):
            row = _LineRow(line, grid_box)
            grid.addWidget(QLabel(f"{line.sku}  {line.name(ctx.language)}", grid_box), n, 0)
            ordered = QLabel(quantity_text(line.quantity), grid_box)
            ordered.setAlignment(RIGHT)
            grid.addWidget(ordered, n, 1)
            grid.addWidget(row.delivered, n, 2)
            grid.addWidget(row.empties, n, 3)
            row.delivered.textEdited.connect(self._quantities_changed)
            row.empties.valueChanged.connect(self._show_deposits)
            self.rows.append(row)
        grid.setColumnStretch(0, 1)
        self.deposit_basis: tuple[deposits.SizeNow, ...] = ()
        self.deposit_text = QLabel(self)
        self.deposit_text.setWordWrap(True)
        self.deposit_text.hide()
        self.line_errors = QLabel(self)
        self.line_errors.setStyleSheet(ERROR_STYLE)
        self.line_errors.setWordWrap(True)
        self.line_errors.hide()

        form = self.form = RecordForm(self)
        form.add_field("outcome", self.tr("Outcome:"), outcome_box)
        form.add_field("lines", self.tr("Lines:"), grid_box)
        self.cash = form.add_field("cash_collected", self.tr("&Cash collected:"), QLineEdit(),
                                   beside=QLabel(self.currency))
        self.cash.setMaximumWidth(140)
        self.cash.setAlignment(RIGHT)
        # An order on account takes no cash at the stop (money for its invoices is a payment:
        # "Collect payment…" in the Deliveries window).
        self.cash.setEnabled(stop.payment == "cash")
        self.reason = form.add_field("reason", self.tr("&Reason:"), QLineEdit())
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(self.tr("Required when partial or failed, e.g. nobody "
                                               "at home"))
        self.serials_out = self.serials_in = None
        if scanning(ctx.company) and any(x.unit == "cylinder" for x in lines):
            self.serials_out = form.add_field("serials_out", self.tr("Serials &out:"),
                                              SerialsBox(ctx.api))
            self.serials_in = form.add_field("serials_in", self.tr("Serials i&n:"),
                                             SerialsBox(ctx.api))
            self.serials_out.setToolTip(self.tr("The full cylinders handed over"))
            self.serials_in.setToolTip(self.tr("The empty cylinders collected"))
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.reject)
        self.auto_cash = self._default_cash()
        self.cash.setText(self._money_text(self.auto_cash))

        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save what happened (Enter)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(facts)
        layout.addWidget(form)
        layout.addWidget(self.deposit_text)
        layout.addWidget(self.line_errors)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._outcome_changed(True)
        self.save_button.setFocus()
        sizes = tuple({x.product_id for x in lines if x.unit == "cylinder"})
        if sizes:  # the deposits preview: left out if it cannot be read
            api = ctx.api
            tasks.run(self, lambda: api.deposits.basis(customer_id=stop.customer_id,
                                                       product_ids=sizes),
                      key="deposits", on_success=self._got_deposit_basis,
                      on_error=lambda *_: None)

    def _got_deposit_basis(self, basis) -> None:
        self.deposit_basis = tuple(basis)
        self._show_deposits()

    def deposit_preview(self) -> deposits.Preview | None:
        if not self.deposit_basis:
            return None
        quantities = self._quantities()
        moves = tuple((r.line.product_id, int(quantities.get(r.line.order_line_id) or 0)
                       - r.empties.value()) for r in self.rows if r.line.unit == "cylinder")
        return deposits.preview_of(self.deposit_basis, moves, self.stop.payment)

    def _show_deposits(self) -> None:
        preview = self.deposit_preview()
        if preview is None or not preview.amount:
            self.deposit_text.hide()
            return
        amount = self.ctx.money(abs(preview.amount))
        cylinders = abs(sum(x.count for x in preview.lines))
        if preview.paid_by == "cash":
            text = self.tr("Cylinder deposits: collect {amount} in cash ({n} cylinders)") \
                if preview.amount > 0 else \
                self.tr("Cylinder deposits: pay back {amount} in cash ({n} cylinders)")
        else:
            text = self.tr("Cylinder deposits: {amount} charged on account ({n} cylinders)") \
                if preview.amount > 0 else \
                self.tr("Cylinder deposits: {amount} refunded on account ({n} cylinders)")
        self.deposit_text.setText(text.format(amount=amount, n=cylinders))
        self.deposit_text.show()

    # --- what is typed ---
    def outcome(self) -> str:
        return next(k for k, b in self.outcome_buttons.items() if b.isChecked())

    def choose(self, outcome: str) -> None:
        self.outcome_buttons[outcome].setChecked(True)

    def _money_text(self, amount: Decimal) -> str:
        return format(quantize(amount, self.currency), "f")

    def _quantities(self) -> dict[int, Decimal]:
        outcome = self.outcome()
        if outcome == "failed":
            return {}
        if outcome == "delivered":
            return {r.line.order_line_id: r.line.quantity for r in self.rows}
        return {r.line.order_line_id: q for r in self.rows if (q := r.quantity()) is not None}

    def _default_cash(self) -> Decimal:
        quantities = self._quantities()
        return rules.cash_due(self.stop.payment, (
            (quantities.get(x.order_line_id, Decimal(0)), x.unit_price, x.tax_rate)
            for x in self.lines), self.currency, self.rounding)

    def _outcome_changed(self, checked: bool) -> None:
        if not checked:
            return
        outcome = self.outcome()
        for box in (self.serials_out, self.serials_in):
            if box is not None:
                box.setEnabled(outcome != "failed")  # nothing changed hands
        for row in self.rows:
            row.delivered.setEnabled(outcome == "partially_delivered")
            if outcome != "partially_delivered":
                row.delivered.setText(quantity_text(row.line.quantity) if outcome == "delivered"
                                      else "0")
        self._quantities_changed()
        if outcome == "partially_delivered" and self.rows:
            self.rows[0].delivered.setFocus()
            self.rows[0].delivered.selectAll()
        elif outcome == "failed":
            self.reason.setFocus()

    def _quantities_changed(self) -> None:
        """Empties and cash follow the delivered quantities until the user changes them."""
        quantities = self._quantities()
        for row in self.rows:
            if row.empties.value() == row.auto_empties:
                row.auto_empties = row.default_empties(quantities.get(row.line.order_line_id))
                row.empties.setValue(row.auto_empties)
        if self.cash.text().strip() == self._money_text(self.auto_cash):
            self.auto_cash = self._default_cash()
            self.cash.setText(self._money_text(self.auto_cash))
        self._show_deposits()

    def input(self) -> DeliveryInput:
        outcome = self.outcome()
        lines = tuple(LineResult(r.line.order_line_id,
                                 r.delivered.text().strip() if outcome == "partially_delivered"
                                 else (r.line.quantity if outcome == "delivered" else 0),
                                 r.empties.value()) for r in self.rows)
        return DeliveryInput(order_id=self.stop.order_id, request_key=self.request_key,
                             outcome=outcome, lines=lines,
                             cash_collected=self.cash.text().strip() or "0",
                             reason=self.reason.text())

    # --- saving ---
    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # the first submit is on its way
        if self.delivery is not None:  # confirmed: only its serials are still to go
            self._scan()
            return
        data, api = self.input(), self.ctx.api
        self._clear_errors()
        tasks.run(self, lambda: api.deliveries.confirm(data=data),
                  on_success=self._saved, on_error=self._failed, disable=self.save_button)

    def _saved(self, view: DeliveryView) -> None:
        self.delivery = view
        if self.serials() != ((), ()) and view.outcome != "failed":
            self._scan()
        else:
            self.accept()

    # --- serials ---
    def serials(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The serials handed over and collected, as listed (none: not scanning)."""
        if self.serials_out is None or self.serials_in is None:
            return (), ()
        return self.serials_out.serials(), self.serials_in.serials()

    def _scan(self) -> None:
        out, back = self.serials()
        if not out and not back:  # all taken out after a refusal: nothing to record
            self.accept()
            return
        key = self._scan_keys.setdefault((out, back), str(uuid.uuid4()))
        api, delivery_id = self.ctx.api, self.delivery.id
        self._clear_errors()
        tasks.run(self, lambda: api.cylinders.scan_delivery(
            delivery_id=delivery_id, out_serials=list(out), in_serials=list(back),
            request_key=key), on_success=self._scanned, on_error=self._scan_failed,
            disable=self.save_button)

    def _scanned(self, scans) -> None:
        self.scans = scans
        self.accept()

    def _scan_failed(self, exc: BaseException, details: str) -> None:
        """The delivery is saved, its serials are not: the confirmation is locked, the
        serials stay to be corrected and saved again (or left out by closing)."""
        if not isinstance(exc, DomainError):
            self.message.on_error(exc, details)
            return
        text = errors.message(exc)
        for box in (self.serials_out, self.serials_in):
            box.mark(text)
        for button in self.outcome_buttons.values():
            button.setEnabled(False)
        for row in self.rows:
            row.delivered.setEnabled(False)
            row.empties.setEnabled(False)
        self.cash.setEnabled(False)
        self.reason.setEnabled(False)
        self.save_button.setText(self.tr("Save serials"))
        self.cancel_button.setText(self.tr("Close without serials"))
        self.message.show_error(self.tr(
            "The delivery is saved; its serials are not: {reason} Correct the serials and "
            "save them, or close to leave them out.").format(reason=text))

    def reject(self) -> None:
        """Closed after the confirmation was saved: it counts (its serials left out)."""
        if self.delivery is not None:
            self.serials_left_out = True
            self.accept()
            return
        super().reject()

    def _clear_errors(self) -> None:
        self.message.clear()
        self.form.clear_errors()
        self.line_errors.hide()
        for row in self.rows:
            row.delivered.setStyleSheet("")
            row.empties.setStyleSheet("")

    def _failed(self, exc: BaseException, details: str) -> None:
        if not (isinstance(exc, ValidationError) and exc.field_errors):
            self.message.on_error(exc, details)
            return
        own, line_messages = {}, []
        for key, error in exc.field_errors.items():
            if key.startswith("line") and "." in key:
                number, part = key[4:].split(".", 1)
                if number.isdigit() and 1 <= int(number) <= len(self.rows):
                    row = self.rows[int(number) - 1]
                    (row.delivered if part == "quantity" else row.empties).setStyleSheet(
                        ERROR_STYLE)
                line_messages.append(errors.message(error))
            elif key == "lines":
                line_messages.append(errors.message(error))
            else:
                own[key] = error
        if own:
            self.form.show_errors(ValidationError(own))
        self.line_errors.setText("\n".join(line_messages))
        self.line_errors.setVisible(bool(line_messages))


class SerialsDialog(FormDialog):
    """The serials handed over and collected at a confirmed delivery, recorded on their
    own (``cylinders.scan_delivery``; a request key per set of serials sent).  A refusal
    keeps the dialog open with the serial it names marked."""

    def __init__(self, ctx, stop: StopView, delivery: DeliveryView,
                 serials: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stop, self.delivery = stop, delivery
        self._keys: dict[tuple, str] = {}
        self.setWindowTitle(self.tr("Serials — {number}").format(number=stop.number))
        self.form.leave_requested.connect(self.reject)
        about = QLabel(self.tr("The cylinders handed over to {customer} and collected "
                               "there.").format(customer=stop.customer_name), self)
        about.setWordWrap(True)
        self.serials_out = self.form.add_field("serials_out", self.tr("Serials &out:"),
                                               SerialsBox(ctx.api))
        self.serials_in = self.form.add_field("serials_in", self.tr("Serials i&n:"),
                                              SerialsBox(ctx.api))
        self.serials_out.set_serials(serials[0])
        self.serials_in.set_serials(serials[1])
        self.save_button = self.add_submit_button(self.tr("Save"))
        self.lay_out(about, self.form, width=460)
        self.serials_out.setFocus()

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        out, back = self.serials_out.serials(), self.serials_in.serials()
        key = self._keys.setdefault((out, back), str(uuid.uuid4()))
        api, delivery_id = self.ctx.api, self.delivery.id
        self._call(lambda: api.cylinders.scan_delivery(
            delivery_id=delivery_id, out_serials=list(out), in_serials=list(back),
            request_key=key), self.save_button)

    def failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, DomainError):
            for box in (self.serials_out, self.serials_in):
                box.mark(errors.message(exc))
        super().failed(exc, details)


class RescheduleDialog(ActionDialog):
    """Move a failed or unplanned order to another date (see the module)."""

    def __init__(self, ctx, stop: StopView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.stop = ctx, stop
        self.setWindowTitle(self.tr("Move to another date — {number}").format(number=stop.number))
        text = QLabel(self.tr("Deliver {number} for {customer} on another date. A failed order on "
                              "account takes its credit again.").format(
            number=stop.number, customer=stop.customer_name), self)
        text.setWordWrap(True)
        self.form = RecordForm(self)
        self.day = self.form.add_field("day", self.tr("&New delivery date:"), QDateEdit())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        tomorrow = date.today() + timedelta(days=1)
        self.day.setMinimumDate(QDate(tomorrow))
        self.day.setDate(QDate(ctx.company.next_working_day(date.today())))
        self.form.save_requested.connect(self.move)
        self.form.leave_requested.connect(self.reject)
        self.move_button = self.add_button(self.tr("&Move"), QDialogButtonBox.ButtonRole.AcceptRole,
                                           self.move)
        self.move_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.day.setFocus()

    def _submit(self, override: OverrideRequest | None = None) -> OrderView:
        return self.ctx.api.dispatch.reschedule(order_id=self.stop.order_id,
                                                version=self.stop.version,
                                                day=self.day.date().toPython(),
                                                override=override)

    def move(self) -> None:
        if self.move_button.isEnabled():
            self.form.clear_errors()
            self.run(self._submit, self.move_button)

    def failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, CreditRefused):
            override = OverrideDialog(self.ctx, exc, self._submit, parent=self)
            override.accepted.connect(lambda: self._succeeded(override.record))
            self.override_dialog = override
            dialogs.run_dialog(override)
            return
        if isinstance(exc, ValidationError) and "day" in exc.field_errors:
            self.form.show_errors(exc)
            return
        super().failed(exc, details)
