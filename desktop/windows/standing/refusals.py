"""The standing orders whose generated order was refused: the clerk's call list.

Each row says the customer, the delivery date, the amount and why (the core's
message in the user's language).  "Place order" tries again, through the credit
check; a credit refusal opens order entry's override dialog, where a manager may
approve it with their own password.  "Dismiss" lets the date go (no order).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.errors import DomainError
from core.services.orders import CreditRefused, OrderView
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths
from desktop.widgets.action import OverrideDialog
from desktop.windows.standing import words


def reason_text(reason) -> str:
    """The refusal's first line (its figures are in the override dialog), translated."""
    text = errors.message(reason) if isinstance(reason, DomainError) else str(reason)
    return text.splitlines()[0] if text else ""


class RefusalsPanel(QWidget):
    counted = Signal(int)  # how many refusals wait (the window's badge)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        intro = QLabel(self.tr("These standing-order deliveries were not made into orders. "
                               "Call the customer, then place the order (a manager may "
                               "approve going over the limit) or dismiss the date. A date "
                               "that has passed is placed for the next working day."), self)
        intro.setWordWrap(True)
        self.model = RowsModel([
            Column(self.tr("Customer"), lambda r: f"{r.customer_code}  {r.customer_name}"),
            Column(self.tr("Delivery"), lambda r: words.day_text(r.day)),
            Column(self.tr("Amount"), lambda r: "" if r.amount is None else
                   self.ctx.money(r.amount), RIGHT),
            Column(self.tr("Why"), lambda r: reason_text(r.reason),
                   tip=lambda r: errors.message(r.reason)
                   if isinstance(r.reason, DomainError) else str(r.reason)),
        ], self)
        self.table = make_table(self.model, self)
        set_widths(self.table, (22, 14, 10))
        self.table.activated.connect(lambda _index: self.place())
        self.table.selectionModel().currentChanged.connect(self._current)
        self.status = MessageLabel(self)
        self.place_button = QPushButton(self.tr("&Place order"), self)
        self.place_button.setToolTip(self.tr("Make the order now, through the credit check "
                                             "(Enter on the row)"))
        self.place_button.clicked.connect(self.place)
        self.dismiss_button = QPushButton(self.tr("&Dismiss"), self)
        self.dismiss_button.setToolTip(self.tr("No order for this date; the row leaves the "
                                               "list"))
        self.dismiss_button.clicked.connect(self.dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.place_button)
        self.empty = QLabel(self.tr("No refused orders."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self._current()

    def reload(self, select: int | None = None) -> None:
        api = self.ctx.api
        current = self.selected()
        keep = select if select is not None else (current.occurrence_id if current else None)

        def show(rows) -> None:
            self.model.set_rows(rows)
            found = self.model.find(lambda r: r.occurrence_id == keep)
            select_row(self.table, found if found is not None else (0 if rows else None))
            self.empty.setVisible(not rows)
            self._current()
            self.counted.emit(len(rows))

        tasks.run(self, lambda: api.standing.refusals(), key="list",
                  on_success=show)  # only the newest load's rows

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _current(self, *_args) -> None:
        chosen = self.selected() is not None
        self.place_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    # --- actions ---
    def place(self) -> None:
        row = self.selected()
        if row is None or not self.place_button.isEnabled():
            return
        api, occurrence_id = self.ctx.api, row.occurrence_id

        def submit(override=None) -> OrderView:
            return api.standing.retry(occurrence_id=occurrence_id, override=override)

        self.status.clear()
        tasks.run(self, submit, on_success=self._placed,
                  on_error=lambda exc, details: self._place_failed(exc, details, submit),
                  disable=self.place_button)

    def _place_failed(self, exc: BaseException, details: str, submit) -> None:
        if isinstance(exc, CreditRefused):  # as order entry: a manager may approve
            dialog = OverrideDialog(self.ctx, exc, submit, parent=self)
            dialogs.run_dialog(dialog)
            if dialog.record is not None:
                self._placed(dialog.record)
            return
        self.status.on_error(exc, details)
        if isinstance(exc, DomainError):
            self.reload()  # it may have been placed or dismissed elsewhere

    def _placed(self, order: OrderView) -> None:
        self.status.show_ok(self.tr("Placed {number} for {customer} — {total}").format(
            number=order.number or "", customer=order.customer_name,
            total=self.ctx.money(order.total)))
        self.reload()

    def dismiss(self) -> None:
        row = self.selected()
        if row is None or not self.dismiss_button.isEnabled():
            return
        if not dialogs.ask(self, self.tr("Dismiss"), self.tr(
                "No order for {customer} on {day}? The row leaves the list.").format(
                customer=row.customer_name, day=row.day.isoformat())):
            return
        api, occurrence_id = self.ctx.api, row.occurrence_id

        def done(_result) -> None:
            self.status.show_ok(self.tr("Dismissed {day} for {customer}.").format(
                day=row.day.isoformat(), customer=row.customer_name))
            self.reload()

        tasks.run(self, lambda: api.standing.dismiss(occurrence_id=occurrence_id),
                  on_success=done, on_error=self.status.on_error, disable=self.dismiss_button)
