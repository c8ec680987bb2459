"""Driver accounts (clerks): what each driver owes the company, or is owed, from the
cash-ups.

The drivers are listed with their balance: more than zero, the driver owes the company
(a shortage at a cash-up); less than zero, the company owes the driver (an excess).
The chosen driver's entries follow, oldest first, each with the balance after it: the
cash-up variances (and their reversal when a cash-up is reopened) and the payments.
"Payment from driver…" takes cash into the till and lowers what the driver owes;
"Payment to driver…" pays it out.  Either is written in that day's cash book, which must
be open.  One request key per dialog: saving it twice pays once.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.services.cashup import DRIVER_KIND_NAMES, DriverAccount, DriverEntryView
from desktop import dialogs, errors, tasks
from desktop.i18n import local_time
from desktop.widgets.action import FormDialog
from desktop.widgets.formkit import HEADING, MessageLabel, bold_label
from desktop.widgets.rows import (RIGHT, WIDEST_AMOUNT, Column, RowsModel, make_table,
                                  select_record, select_row, set_widths)

RELOAD_ON = ("cash", "fleet")


def kind_name(kind: str) -> str:
    return errors.translate_core(DRIVER_KIND_NAMES.get(kind, kind))


class DriverPaymentDialog(FormDialog):
    """Cash from the driver (``from_driver``) or to the driver (``to_driver``): amount,
    the day (its cash book) and a note."""

    def __init__(self, ctx, account: DriverAccount, direction: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.account, self.direction = account, direction
        self.request_key = uuid.uuid4().hex  # one per dialog: a second submit is the same
        from_driver = direction == "from_driver"
        self.setWindowTitle(self.tr("Payment from the driver") if from_driver
                            else self.tr("Payment to the driver"))
        balance = account.balance
        state = self.tr("{driver} owes {amount}.") if balance > 0 else \
            self.tr("{driver} is owed {amount}.") if balance < 0 else \
            self.tr("{driver}'s account is settled.")
        heading = QLabel(state.format(driver=account.name, amount=ctx.money(abs(balance))),
                         self)
        heading.setWordWrap(True)
        self.amount = self.form.add_field("amount", self.tr("&Amount: *"), QLineEdit(),
                                          beside=QLabel(ctx.company.currency))
        self.amount.setAlignment(RIGHT)
        owed = balance if from_driver else -balance
        if owed > 0:
            self.amount.setText(format(owed.normalize(), "f"))
        self.day = self.form.add_field("day", self.tr("&Day:"), QDateEdit())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate(date.today()))
        self.note = self.form.add_field("note", self.tr("&Note:"), QPlainTextEdit())
        self.note.setMaximumHeight(self.fontMetrics().height() * 4)
        self.pay_button = self.add_submit_button(self.tr("Save"))
        self.lay_out(heading, self.form, width=420)
        self.amount.setFocus()
        self.amount.selectAll()

    def submit(self) -> None:
        if not self.pay_button.isEnabled():
            return  # the first submit is on its way
        api, key = self.ctx.api, self.request_key
        data = {"driver_id": self.account.driver_id, "direction": self.direction,
                "amount": self.amount.text().strip(), "day": self.day.date().toPython(),
                "note": self.note.toPlainText()}
        self._call(lambda: api.cash.driver_payment(request_key=key, **data), self.pay_button)


class DriverAccountsWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.payment_dialog: DriverPaymentDialog | None = None
        self.setWindowTitle(self.tr("Driver accounts"))

        self.heading = bold_label(self.tr("Driver accounts"), self, HEADING)
        legend = QLabel(self.tr("Balance: more than zero, the driver owes the company (a "
                                "shortage); less than zero, the company owes the driver."), self)
        legend.setWordWrap(True)
        legend.setEnabled(False)

        money = ctx.money
        widest = money(WIDEST_AMOUNT)
        self.drivers = RowsModel([
            Column(self.tr("Driver"), lambda a: a.name),
            Column(self.tr("Balance"), lambda a: money(a.balance), RIGHT,
                   value=lambda a: a.balance),
            Column(self.tr("State"), self._state_text),
        ], self, muted=lambda a: not a.active, bold=lambda a: a.balance != 0,
            key=lambda a: a.driver_id)
        self.drivers_table = make_table(self.drivers, self)
        set_widths(self.drivers_table, (14, widest))
        drivers_label = QLabel(self.tr("D&rivers:"), self)
        drivers_label.setBuddy(self.drivers_table)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(drivers_label)
        column.addWidget(self.drivers_table, 1)

        self.driver_title = bold_label(parent=self, scale=1.1)
        self.entries = RowsModel([
            Column(self.tr("Date"), lambda e: e.business_date.isoformat(),
                   value=lambda e: e.business_date),
            Column(self.tr("Entry"), lambda e: kind_name(e.kind)),
            Column(self.tr("Note"), lambda e: e.note.replace("\n", " ")),
            Column(self.tr("Amount"), lambda e: money(e.amount), RIGHT, value=lambda e: e.amount),
            Column(self.tr("Balance"), lambda e: money(e.balance), RIGHT,
                   value=lambda e: e.balance),
            Column(self.tr("By"), lambda e: e.created_by,
                   tip=lambda e: f"{e.created_by} {local_time(e.at)}"),
        ], self)
        self.entries_table = make_table(self.entries, self)
        set_widths(self.entries_table, ("0000-00-00", 20, 24, widest, widest))
        entries_label = QLabel(self.tr("&Entries:"), self)
        entries_label.setBuddy(self.entries_table)
        self.from_button = QPushButton(self.tr("Payment &from driver…"), self)
        self.from_button.setToolTip(self.tr("The driver pays cash into the till"))
        self.from_button.clicked.connect(lambda: self.pay("from_driver"))
        self.to_button = QPushButton(self.tr("Payment &to driver…"), self)
        self.to_button.setToolTip(self.tr("The till pays the driver what the company owes"))
        self.to_button.clicked.connect(lambda: self.pay("to_driver"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.from_button)
        buttons.addWidget(self.to_button)
        buttons.addStretch(1)
        right = QWidget(self)
        detail = QVBoxLayout(right)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(self.driver_title)
        detail.addWidget(entries_label)
        detail.addWidget(self.entries_table, 1)
        detail.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.status = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(legend)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.drivers_table.selectionModel().currentRowChanged.connect(self._driver_chosen)
        ctx.events.changed.connect(self._on_changed)
        self._show_driver(None)
        self.refresh()

    # --- texts ---
    def _state_text(self, a: DriverAccount) -> str:
        if a.balance > 0:
            return self.tr("owes the company")
        if a.balance < 0:
            return self.tr("is owed")
        return ""

    # --- loading ---
    def refresh(self) -> None:
        api = self.ctx.api
        tasks.run(self, lambda: api.cash.driver_accounts(), key="drivers",
                  on_success=self._loaded)

    def _loaded(self, accounts: list[DriverAccount]) -> None:
        first = self.drivers.rowCount() == 0
        self.drivers.set_rows(accounts)  # the chosen driver stays chosen
        if first and accounts:  # the driver whose account is furthest off first
            select_row(self.drivers_table, max(range(len(accounts)),
                                               key=lambda n: abs(accounts[n].balance)))
        self._show_driver(self.current_driver())

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    def current_driver(self) -> DriverAccount | None:
        index = self.drivers_table.currentIndex()
        return self.drivers.row(index.row()) if index.isValid() else None

    def choose(self, driver_id: int) -> None:
        select_record(self.drivers_table, driver_id)

    def _driver_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_driver(self.drivers.row(current.row()) if current.isValid() else None)

    def _show_driver(self, account: DriverAccount | None) -> None:
        for button in (self.from_button, self.to_button):
            button.setEnabled(account is not None)
        if account is None:
            tasks.forget(self, "entries")
            self.driver_title.setText(self.tr("No driver chosen"))
            self.entries.set_rows([])
            return
        balance = self.ctx.money(abs(account.balance))
        self.driver_title.setText(
            self.tr("{driver} owes {amount}").format(driver=account.name, amount=balance)
            if account.balance > 0 else
            self.tr("{driver} is owed {amount}").format(driver=account.name, amount=balance)
            if account.balance < 0 else account.name)
        api, driver_id = self.ctx.api, account.driver_id
        tasks.run(self, lambda: api.cash.driver_entries(driver_id=driver_id), key="entries",
                  on_success=lambda rows: self._show_entries(driver_id, rows))

    def _show_entries(self, driver_id: int, rows: list[DriverEntryView]) -> None:
        account = self.current_driver()
        if account is None or account.driver_id != driver_id:
            return
        self.entries.set_rows(rows)
        if rows:
            select_row(self.entries_table, len(rows) - 1)  # the newest, at the bottom

    # --- paying ---
    def pay(self, direction: str) -> None:
        account = self.current_driver()
        if account is None:
            return
        self.status.clear()
        dialog = self.payment_dialog = DriverPaymentDialog(self.ctx, account, direction, self)
        dialog.accepted.connect(lambda: self._paid(dialog))
        dialogs.run_dialog(dialog)

    def _paid(self, dialog: DriverPaymentDialog) -> None:
        account: DriverAccount | None = dialog.result_view
        if account is None:
            return
        self.status.show_ok(self.tr("Saved; {driver}'s balance is {amount}.").format(
            driver=account.name, amount=self.ctx.money(account.balance)))
        self.refresh()
