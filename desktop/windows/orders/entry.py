"""Order entry: the clerk's main screen, phone in hand.

Keys: focus starts in the customer search; type the caller's phone number (its
last digits will do), name, code or address; Down/Up move in the results, Enter
picks.  F2 (or Ctrl+R) repeats the customer's last order.  In the lines grid,
typing starts editing a cell, Enter moves to the next cell (on the last cell it
adds a line; on an empty new line it leaves the grid for the delivery date), Ins
adds a line and Ctrl+Del deletes one.  Enter in the fields below the grid, or
Ctrl+S / Ctrl+Enter anywhere, saves.  Esc clears the form (asking first when
something typed would be lost); Ctrl+F goes back to the search.

When the company issues uniform invoices (統一發票), the customer's line says how theirs
goes: to their 統一編號, a carrier, a donation code, or a printed proof.

Beside the form, today's orders: Enter (or a double click) opens one in the form
to change it; "Cancel order…" cancels the chosen one with a reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core import rules
from core.changes import Changes
from core.errors import ValidationError
from core.queries.customers import CustomerRow
from core.queries.order_form import CustomerForm, OrderForm
from core.queries.orders import OrderRow
from core.services.customers import CustomerView
from core.services.orders import (
    EDITABLE_STATES,
    PAYMENTS,
    STATUS_NAMES,
    TIME_SLOTS,
    TRANSITIONS,
    CreditRefused,
    OrderInput,
    OrderView,
)
from desktop import dialogs, errors, tasks
from desktop.widgets.action import ActionDialog, OverrideDialog
from desktop.widgets.customer_search import CustomerSearch
from desktop.widgets.formkit import ERROR_STYLE, MessageLabel, add_row
from desktop.widgets.lines import PRODUCT, QUANTITY, LinesEditor, plain
from desktop.widgets.records import RecordForm, save_failed, shortcut
from desktop.widgets.rows import (NUMBER_SAMPLE, RIGHT, WIDEST_AMOUNT, Column, RowsModel,
                                  make_table, select_record, set_widths)
from desktop.widgets.unsaved import Unsaved

_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class OrderEntryWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerForm | None = None
        self.order: OrderView | None = None  # the order being changed (None: a new one)
        self._opening: int | None = None  # the order being opened in the form
        self._opening_focus = True  # ... and whether the keyboard goes to its lines
        self.request_key = uuid.uuid4().hex  # one per form: a repeated submit places once
        self.unsaved = Unsaved(self, self._snapshot)  # the form as loaded or saved
        self.dirty = self.unsaved.dirty  # whether it holds input not saved
        self._focused_once = False
        self.setWindowTitle(self.tr("Order entry"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_form())
        splitter.addWidget(self._build_today())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 460])  # at 1280×800 today's orders show every column
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        shortcut(QKeySequence.StandardKey.Save, self, self.save)
        shortcut("Ctrl+Return", self, self.save)
        shortcut("Ctrl+Enter", self, self.save)
        shortcut("F2", self, self.repeat_last)
        shortcut("Ctrl+R", self, self.repeat_last)
        shortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

        self.search_box.textEdited.connect(lambda: self.customer_stack.setCurrentIndex(0))
        self.delivery_date.dateChanged.connect(self._load_offers)
        ctx.events.changed.connect(self._on_changed)

        self._clear()
        self.customer_search.search()
        self._load_today()

    # --- building ---
    def _build_form(self) -> QWidget:
        panel = QWidget(self)
        self.title = QLabel(panel)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)

        self.search_box = QLineEdit(panel)
        self.search_box.setPlaceholderText(self.tr("Phone (last digits will do), name, code or "
                                                   "address"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        search_label = QLabel(self.tr("&Customer:"), panel)
        search_label.setBuddy(self.search_box)
        self.customer_search = CustomerSearch(self.ctx, self.search_box, self)
        self.customer_search.picked.connect(self._pick)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_box, 1)

        self.customer_stack = QStackedWidget(panel)
        self.customer_stack.addWidget(self._build_results())
        self.customer_stack.addWidget(self._build_customer())
        self.customer_stack.setFixedHeight(self.fontMetrics().height() * 13)

        lines_label = QLabel(self.tr("&Lines:"), panel)
        self.editor = LinesEditor(self.ctx, self, panel, [
            self.tr("Product"), self.tr("Quantity"), self.tr("Unit price"), self.tr("Amount")],
            (30, 9, 11, 12), leave=lambda: self.delivery_date.setFocus(), escape=self._escape)
        self.lines, self.grid = self.editor.model, self.editor.grid
        self.lines_view = self.editor.view
        self.line_errors = self.editor.errors
        lines_label.setBuddy(self.lines_view)
        keys = QLabel(self.tr("Enter: next cell · Ins: new line · Ctrl+Del: delete line · "
                              "Ctrl+S: save"), panel)
        keys.setEnabled(False)  # greyed: a hint, not content

        form = self.form = RecordForm()
        self.delivery_date = form.add_field("delivery_date", self.tr("&Delivery date:"),
                                            QDateEdit())
        self.delivery_date.setCalendarPopup(True)
        self.delivery_date.setDisplayFormat("yyyy-MM-dd")
        self.time_slot = form.add_field("time_slot", self.tr("&Time:"), QComboBox())
        for key, name in TIME_SLOTS.items():
            self.time_slot.addItem(errors.translate_core(name), key)
        self.payment = form.add_field("payment", self.tr("&Payment:"), QComboBox())
        for key, name in PAYMENTS.items():
            self.payment.addItem(errors.translate_core(name), key)
        self.notes = form.add_field("notes", self.tr("N&otes:"), QLineEdit())
        self.notes.setMaxLength(500)
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.clear_form)

        totals = self.editor.totals_form(font)
        below = QHBoxLayout()
        below.addWidget(form, 1)
        below.addLayout(totals)

        self.status = MessageLabel(panel)
        self.save_button = QPushButton(self.tr("Save"), panel)
        self.save_button.setToolTip(self.tr("Save the order (Enter below the grid, Ctrl+S "
                                            "anywhere)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Clear"), panel)
        self.clear_button.setToolTip(self.tr("Clear the form for the next call (Esc)"))
        self.clear_button.clicked.connect(self.clear_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.customer_stack)
        layout.addWidget(lines_label)
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.line_errors)
        layout.addWidget(keys)
        layout.addLayout(below)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.search_box, self.lines_view)
        QWidget.setTabOrder(self.lines_view, self.delivery_date)
        return panel

    def _build_results(self) -> QWidget:
        page = QWidget(self)
        self.results_table = self.customer_search.build_list(page)
        self.results, self.results_hint = self.customer_search.results, self.customer_search.hint
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.results_table, 1)
        layout.addWidget(self.results_hint)
        return page

    def _build_customer(self) -> QWidget:
        page = QWidget(self)
        self.customer_name = QLabel(page)
        bold = QFont(self.customer_name.font())
        bold.setBold(True)
        self.customer_name.setFont(bold)
        self.customer_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.customer_details = QLabel(page)
        self.customer_details.setWordWrap(True)
        self.buyer = QLabel(page)  # how the customer's uniform invoice goes
        self.buyer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buyer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buyer.setToolTip(self.tr("How this customer's uniform invoice (統一發票) goes "
                                      "(the customer's record says)"))
        self.buyer.hide()
        self.blocked = QLabel(page)
        self.blocked.setStyleSheet("color: white; background: #b3261e; padding: 3px 6px;")
        self.blocked.setFont(bold)
        self.blocked.setWordWrap(True)
        self.gas_stop = QLabel(page)  # a failed safety inspection: gas orders are refused
        self.gas_stop.setStyleSheet(self.blocked.styleSheet())
        self.gas_stop.setFont(bold)
        self.gas_stop.setWordWrap(True)

        figures = QGridLayout()
        figures.setHorizontalSpacing(18)
        figures.setVerticalSpacing(0)
        self.credit_values: dict[str, QLabel] = {}
        for column, (key, caption) in enumerate((
                ("limit", self.tr("Credit limit")), ("balance", self.tr("Balance")),
                ("open_orders", self.tr("Open orders")), ("available", self.tr("Available")))):
            title = QLabel(caption, page)
            title.setEnabled(False)
            value = QLabel(page)
            value.setFont(bold)
            figures.addWidget(title, 0, column)
            figures.addWidget(value, 1, column)
            self.credit_values[key] = value
        figures.setColumnStretch(4, 1)
        self.overdue = QLabel(page)

        self.recent = RowsModel([
            Column(self.tr("Delivery"), lambda o: o.delivery_date.isoformat()),
            Column(self.tr("Order"), lambda o: o.number or ""),
            Column(self.tr("Total"), lambda o: self.ctx.money(o.total), RIGHT),
            Column(self.tr("Products"), lambda o: ", ".join(
                f"{x.sku} ×{plain(x.quantity)}" for x in o.lines)),
        ], self)
        self.recent_table = make_table(self.recent, page)
        self.recent_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_widths(self.recent_table, (10, 14, 10))
        self.repeat_button = QPushButton(self.tr("&Repeat last order (F2)"), page)
        self.repeat_button.setToolTip(self.tr("Fill the lines from the last order, at the prices "
                                              "for the delivery date (F2 or Ctrl+R)"))
        self.repeat_button.clicked.connect(self.repeat_last)
        recent_title = QHBoxLayout()
        recent_title.addWidget(QLabel(self.tr("Last orders:"), page))
        recent_title.addStretch(1)
        recent_title.addWidget(self.repeat_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        name_row = QHBoxLayout()
        name_row.addWidget(self.customer_name, 1)
        name_row.addWidget(self.buyer)
        layout.addLayout(name_row)
        layout.addWidget(self.customer_details)
        layout.addWidget(self.blocked)
        layout.addWidget(self.gas_stop)
        layout.addLayout(figures)
        layout.addWidget(self.overdue)
        layout.addLayout(recent_title)
        layout.addWidget(self.recent_table, 1)
        return page

    def _build_today(self) -> QWidget:
        panel = QWidget(self)
        title = QLabel(self.tr("Today's &orders:"), panel)
        self.today = RowsModel([
            Column(self.tr("Order"), lambda r: r.number or ""),
            Column(self.tr("Status"), lambda r: errors.translate_core(STATUS_NAMES[r.status])),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Total"), lambda r: self.ctx.money(r.total), RIGHT),
            Column(self.tr("Delivery"), lambda r: r.delivery_date.isoformat()),
        ], self, muted=lambda r: r.status == "cancelled")
        self.today_table = make_table(self.today, panel)
        title.setBuddy(self.today_table)
        set_widths(self.today_table, (NUMBER_SAMPLE, 7, 7, self.ctx.money(WIDEST_AMOUNT)))
        self.today_table.activated.connect(
            lambda index: self.open_order(self.today.row(index.row()).id))
        self.today_table.selectionModel().currentChanged.connect(self._today_current)
        # The highlighted order is the one in the form: choosing another row opens it.
        self.today_table.selectionModel().currentRowChanged.connect(self._today_chosen)
        self.today_sum = QLabel(panel)
        self.cancel_button = QPushButton(self.tr("&Cancel order…"), panel)
        self.cancel_button.setToolTip(self.tr("Cancel the chosen order, with a reason"))
        self.cancel_button.clicked.connect(self.cancel_order)
        self.cancel_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.today_sum, 1)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.today_table, 1)
        layout.addLayout(bottom)
        return panel

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._focused_once:  # the clerk's first key goes to the customer search
            self._focused_once = True
            self.focus_search()

    # --- the customer ---
    def focus_search(self) -> None:
        target = self.search_box if self.search_box.isEnabled() else self.lines_view
        target.setFocus()
        if target is self.search_box:
            self.search_box.selectAll()

    def _pick_current(self) -> None:
        """Enter in the search box: the chosen result (the first, when the search is still
        on its way: it is picked when it arrives)."""
        if self.customer_stack.currentIndex() == 1:
            self.grid.focus()
        else:
            self.customer_search.pick_current()

    def _pick(self, row: CustomerRow) -> None:
        api, customer_id, day = self.ctx.api, row.id, self._day()
        tasks.run(self, lambda: api.orders.customer_form(customer_id=customer_id, day=day),
                  on_success=self._picked)

    def _picked(self, data: CustomerForm) -> None:
        clean = not self.dirty()
        self._show_customer(data)
        self.payment.setCurrentIndex(self.payment.findData(
            rules.default_payment(data.credit.credit_limit)))
        if clean:
            self.unsaved.clean()
        self.grid.focus()

    def _show_customer(self, data: CustomerForm) -> None:
        self.customer = data
        c, summary, money = data.customer, data.credit, self.ctx.money
        self.customer_name.setText(f"{c.code}  {c.name}")
        self.customer_details.setText("  ·  ".join(x for x in (
            c.phone_display, c.address, c.notes.replace("\n", " ")) if x))
        self.buyer.setText(self._buyer_text(c))
        self.buyer.setVisible(self.ctx.company.uniform_invoices == "on")
        self.blocked.setText(self.tr("BLOCKED: {reason} — orders on account are refused.")
                             .format(reason=summary.blocked_reason or "—"))
        self.blocked.setVisible(summary.blocked)
        self.gas_stop.setText(errors.message(data.gas_stop.refusal()) if data.gas_stop else "")
        self.gas_stop.setVisible(data.gas_stop is not None)
        values = {"limit": summary.credit_limit, "balance": summary.balance,
                  "open_orders": summary.open_orders, "available": summary.available}
        for key, amount in values.items():
            self.credit_values[key].setText(money(amount))
        self.credit_values["available"].setStyleSheet(
            ERROR_STYLE if summary.available <= 0 else "")
        if summary.credit_limit == 0:
            self.credit_values["limit"].setText(self.tr("{amount} (cash only)")
                                                .format(amount=money(Decimal(0))))
        a, b, c_, d = (money(x) for x in summary.overdue)
        self.overdue.setText(self.tr("Overdue: 0–30 days {a} · 31–60 {b} · 61–90 {c} · over 90 "
                                     "{d}").format(a=a, b=b, c=c_, d=d))
        self.recent.set_rows(data.recent)
        self.repeat_button.setEnabled(bool(data.recent) and not self.lines.read_only)
        self.lines.set_offers(data.offers)
        self.customer_stack.setCurrentIndex(1)

    def _buyer_text(self, c: CustomerView) -> str:
        """How the customer's uniform invoice goes, in a few words."""
        if c.tax_id:
            return self.tr("統一編號 {tax_id} {title}").format(tax_id=c.tax_id,
                                                            title=c.invoice_title or c.name)
        if c.carrier:
            return self.tr("Carrier {carrier}").format(carrier=c.carrier)
        if c.donation_code:
            return self.tr("Donation {code}").format(code=c.donation_code)
        return self.tr("Printed proof")

    def _day(self) -> date:
        return self.delivery_date.date().toPython()

    def _load_offers(self) -> None:
        """A new delivery date: the prices of that day."""
        if self.customer is None:
            return
        api, day = self.ctx.api, self._day()
        customer_id = self.customer.customer.id
        self.editor.load_offers(  # only the newest date's prices, for the same customer
            lambda: api.orders.price_list(customer_id=customer_id, day=day),
            still=lambda: self.customer is not None and self.customer.customer.id == customer_id)

    def _refresh_customer(self) -> None:
        """Show the customer's credit, last orders and prices again (they changed); the
        lines as typed stay."""
        if self.customer is None:
            return
        api, customer_id, day = self.ctx.api, self.customer.customer.id, self._day()

        def show(data: CustomerForm) -> None:
            if self.customer is not None and self.customer.customer.id == customer_id:
                self._show_customer(data)

        tasks.run(self, lambda: api.orders.customer_form(customer_id=customer_id, day=day),
                  on_success=show)

    # --- the lines ---
    def repeat_last(self) -> None:
        """Fill the lines from the customer's last order, priced for the delivery date."""
        if self.lines.read_only:
            return
        if self.customer is None:
            self.status.show_error(self.tr("Find the customer first."))
            self.focus_search()
            return
        if not self.customer.recent:
            self.status.show_error(self.tr("{name} has no earlier order to repeat.")
                                   .format(name=self.customer.customer.name))
            return
        self.grid.close_editor(keep=False)
        last = self.customer.recent[0]
        self.lines.set_lines([self.lines.line_from(x.product_id, x.sku, x.name_zh, x.name_en,
                                                   x.quantity) for x in last.lines])
        self._clear_errors()
        self.status.show_ok(self.tr("The lines of {number} are filled in, at the prices for "
                                    "{day}.").format(number=last.number,
                                                     day=self._day().isoformat()))
        self.grid.focus(0, QUANTITY)

    # --- keys ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched is self.search_box:
            if event.key() in _MOVE_KEYS:
                self.customer_stack.setCurrentIndex(0)
                self.customer_search.move(event)  # the focus stays in the search
                return True
            if event.key() in _ENTER_KEYS and not event.modifiers():
                self._pick_current()
                return True
            if event.key() == Qt.Key.Key_Escape:
                return self._escape()
        return super().eventFilter(watched, event)

    def _escape(self) -> bool:
        self.clear_form()
        return True

    # --- the form as a whole ---
    def _snapshot(self) -> tuple:
        return (tuple((x.product_id, x.product, x.quantity, x.price) for x in self.lines.lines
                      if not x.is_empty()),
                self.delivery_date.date(), self.time_slot.currentData(),
                self.payment.currentData(), self.notes.text())

    def clear_form(self) -> None:
        """Esc: an empty form for the next call (asks first when input would be lost)."""
        if self.unsaved.confirm():
            self._clear()
            self.focus_search()

    def _clear(self) -> None:
        self.grid.close_editor(keep=False)
        self.customer = None
        self.order = None
        self._opening = None
        select_record(self.today_table, None)
        self.request_key = uuid.uuid4().hex
        self.lines.set_offers([])
        self.lines.set_lines([])
        self._set_read_only(False)
        self._clear_errors()
        self.delivery_date.setDate(QDate(self.ctx.company.next_working_day(date.today())))
        self.time_slot.setCurrentIndex(0)
        self.payment.setCurrentIndex(self.payment.findData("account"))
        self.notes.clear()
        self.search_box.setEnabled(True)
        if self.search_box.text():
            self.search_box.clear()
            self.customer_search.search()
        self.customer_stack.setCurrentIndex(0)
        self.title.setText(self.tr("New order"))
        self.unsaved.clean()

    def _set_read_only(self, read_only: bool) -> None:
        self.lines.set_read_only(read_only)
        self.form.set_read_only(read_only)
        self.save_button.setEnabled(not read_only)
        self.repeat_button.setEnabled(not read_only and bool(self.customer and
                                                             self.customer.recent))

    def _clear_errors(self) -> None:
        self.editor.clear_errors()
        self.form.clear_errors()

    # --- saving ---
    def _input(self) -> OrderInput:
        return OrderInput(customer_id=self.customer.customer.id, lines=self.editor.inputs(),
                          delivery_date=self._day(), time_slot=self.time_slot.currentData(),
                          notes=self.notes.text(), payment=self.payment.currentData())

    def _submitter(self, data: OrderInput) -> Callable[..., OrderView]:
        """The core call that saves ``data``; the override dialog calls it again with a
        manager's approval."""
        api = self.ctx.api
        if self.order is None:
            key = self.request_key
            return lambda override=None: api.orders.place(data=data, request_key=key,
                                                          override=override)
        order_id, version = self.order.id, self.order.version
        return lambda override=None: api.orders.modify(order_id=order_id, version=version,
                                                       data=data, override=override)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # read-only, or a save is already on its way
        self.grid.close_editor()
        if self.customer is None:
            self.status.show_error(self.tr("Find the customer first."))
            self.focus_search()
            return
        submit = self._submitter(self._input())
        self._clear_errors()
        self.status.clear()
        tasks.run(self, submit, on_success=self._saved,
                  on_error=lambda exc, details: self._save_failed(exc, details, submit),
                  disable=self.save_button)

    def _saved(self, view: OrderView) -> None:
        self._clear()
        self.status.show_ok(self.tr("Saved {number} — {total}")
                            .format(number=view.number, total=self.ctx.money(view.total)))
        self.focus_search()

    def _save_failed(self, exc: BaseException, details: str,
                     submit: Callable[..., OrderView]) -> None:
        if isinstance(exc, CreditRefused):
            dialog = OverrideDialog(self.ctx, exc, submit, change=self.order is not None, parent=self)
            dialogs.run_dialog(dialog)
            if dialog.record is not None:
                self._saved(dialog.record)
            else:
                self.lines_view.setFocus()
            return
        if isinstance(exc, ValidationError) and exc.field_errors:
            self._show_errors(exc)
            return
        save_failed(self, self.form, exc, details, reload=self._reload_order, stale_question=self.tr(
            "This order was changed elsewhere. Reload the newer version? "
            "(Your input stays in the form if you say No.)"))

    def _show_errors(self, exc: ValidationError) -> None:
        """Each line's message on its cell and under the grid, the rest under their fields."""
        cells, messages, rest = self.editor.show_errors(exc.field_errors)
        if rest:
            self.form.show_errors(ValidationError(rest))
        else:
            self.form.clear_errors()
        if cells or messages:
            self.grid.focus(*(min(cells) if cells else (0, PRODUCT)))

    # --- changing and cancelling today's orders ---
    def _today_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and (self.order is None
                                  or self.today.row(current.row()).id != self.order.id):
            self.open_order(self.today.row(current.row()).id, focus=False)

    def open_order(self, order_id: int, focus: bool | None = True) -> None:
        """Show an order in the form to change it (read-only once it cannot change);
        ``focus``: the keyboard goes on to its lines (False: it stays in today's list;
        None: where it is)."""
        if not self.unsaved.confirm():
            select_record(self.today_table, self.order.id if self.order else None)
            return
        self._opening, self._opening_focus = order_id, focus
        api = self.ctx.api
        tasks.run(self, lambda: api.orders.order_form(order_id=order_id),
                  on_success=self._order_loaded)

    def _order_loaded(self, loaded: OrderForm) -> None:
        view, data = loaded.order, loaded.customer
        if view.id != self._opening:
            return  # another order was chosen while this one loaded
        self._clear()
        self.order = view
        select_record(self.today_table, view.id)
        self.delivery_date.blockSignals(True)  # the offers of that day are in ``data``
        self.delivery_date.setDate(QDate(view.delivery_date))
        self.delivery_date.blockSignals(False)
        self._show_customer(data)
        self.lines.set_lines([self.lines.line_from(x.product_id, x.sku, x.name_zh, x.name_en,
                                                   x.quantity, x.unit_price) for x in view.lines])
        self.time_slot.setCurrentIndex(max(0, self.time_slot.findData(view.time_slot)))
        self.payment.setCurrentIndex(max(0, self.payment.findData(view.payment)))
        self.notes.setText(view.notes)
        self.search_box.setEnabled(False)  # an order's customer cannot change
        status = errors.translate_core(STATUS_NAMES[view.status])
        if view.status in EDITABLE_STATES:
            self.title.setText(self.tr("Changing {number} ({status})")
                               .format(number=view.number, status=status))
            self._set_read_only(False)
            if self._opening_focus:
                self.grid.focus(0, QUANTITY)
        else:
            self.title.setText(self.tr("{number} is {status}: it can no longer be changed")
                               .format(number=view.number, status=status))
            self._set_read_only(True)
            if self._opening_focus is not None:
                self.today_table.setFocus()
        self.unsaved.clean()

    def _reload_order(self) -> None:
        if self.order is not None:
            order_id = self.order.id
            self.unsaved.clean()  # the user chose the newer version
            self.open_order(order_id)

    def _load_today(self) -> None:
        api = self.ctx.api

        def show(rows: list[OrderRow]) -> None:
            self.today.set_rows(rows)
            select_record(self.today_table, self.order.id if self.order else None)
            taken = [r for r in rows if r.status != "cancelled"]
            self.today_sum.setText(self.tr("{n} orders · {total}").format(
                n=len(taken), total=self.ctx.money(sum((r.total for r in taken), Decimal(0)))))
            self._today_current()

        tasks.run(self, lambda: api.orders.taken_on(), on_success=show)

    def _today_current(self, *_args) -> None:
        row = self._today_row()
        self.cancel_button.setEnabled(
            row is not None and "cancelled" in TRANSITIONS[row.status])

    def _today_row(self) -> OrderRow | None:
        index = self.today_table.currentIndex()
        return self.today.row(index.row()) if index.isValid() else None

    def cancel_order(self) -> None:
        row = self._today_row()
        if row is None or not self.cancel_button.isEnabled():
            return
        dialog = CancelDialog(self.ctx, row, self)
        dialogs.run_dialog(dialog)
        if dialog.record is None:
            return
        self.status.show_ok(self.tr("Cancelled {number}.").format(number=row.number))
        if self.order is not None and self.order.id == row.id:
            self._clear()

    def _on_changed(self, changes: Changes) -> None:
        """Orders, customers or products changed (here or on another workstation): today's
        list and the customer's figures follow; the order in the form too, unless it holds
        unsaved input (its save then says it changed elsewhere)."""
        if changes.touches("orders"):
            self._load_today()
        if self.order is not None and changes.touches("orders", self.order.id) \
                and not self.dirty() and not self.grid.editing():
            self.open_order(self.order.id, focus=None)  # its customer with it
        elif self.customer is not None and (changes.touches("customers", self.customer.customer.id)
                                            or changes.touches("products")):
            self._refresh_customer()


class CancelDialog(ActionDialog):
    """Cancel one of today's orders; the reason is required and kept."""

    def __init__(self, ctx, row: OrderRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel order"))
        question = QLabel(self.tr("Cancel order {number} for {customer} ({total})? The credit it "
                                  "holds is released.").format(
            number=row.number, customer=row.customer_name, total=ctx.money(row.total)), self)
        question.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(250)
        form = QFormLayout()
        add_row(form, self.reason).setText(self.tr("&Reason: *"))
        self.cancel_button = self.add_button(self.tr("Cancel the order"),
                                             QDialogButtonBox.ButtonRole.AcceptRole, self.submit)
        self.cancel_button.setDefault(True)
        self.add_button(self.tr("Keep the order"),
                        QDialogButtonBox.ButtonRole.RejectRole).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        api = ctx.api
        self._cancel = lambda reason: api.orders.cancel(order_id=row.id, version=row.version,
                                                        reason=reason)

    def submit(self) -> None:
        reason, cancel = self.reason.text(), self._cancel
        self.run(lambda: cancel(reason), self.cancel_button)

    def failed(self, exc: BaseException, details: str) -> None:
        super().failed(exc, details)
        self.reason.setFocus()
