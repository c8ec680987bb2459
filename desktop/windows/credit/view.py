"""Credit summary: every customer's limit, what they owe, what is on order, what is left.

The list loads 500 customers at a time as it scrolls, filtered and sorted in
the database (click a header: code, name, limit, exposure, available), so
100,000 customers open at once.  Below it, the chosen customer: their figures,
the open orders with the exposure they add up to, the manager's overrides,
and the history of limit changes and blocks.  Managers change limits and
block or unblock here, each with a reason.

Keys: Ctrl+F goes to the search box; Up/Down in the search box move in the list.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.queries.credit_details import CreditDetails
from core.services.audit import AuditRow
from core.services.credit import CreditSummary
from core.services.orders import PAYMENTS, STATUS_NAMES
from desktop import dialogs, i18n, tasks
from desktop.widgets import export
from desktop.widgets.formkit import ERROR_STYLE, MessageLabel
from desktop.widgets.lazy import LazyRowsModel, load_all, make_lazy_table
from desktop.widgets.records import shortcut
from desktop.widgets.rows import (RIGHT, WIDEST_AMOUNT, Column, RowsModel, make_table, select_row,
                                  set_widths)
from desktop.widgets.usebar import UsedBarDelegate
from desktop.windows.credit.change import BLOCK, LIMIT, UNBLOCK, CreditChangeDialog

PAGE = 500
SEARCH_DELAY_MS = 250
DETAILS_DELAY_MS = 120
BLOCKED_TINT = QColor("#fbe3e1")
RELOAD_ON = ("customers", "orders", "invoices", "payments")
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def core_text(text: str) -> str:
    return QCoreApplication.translate("core", text)


class CreditWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.details: CreditDetails | None = None
        self._sort, self._descending = "code", False
        self._keep: int | None = None  # the customer to choose again after a reload
        self._outdated = False
        self.setWindowTitle(self.tr("Credit"))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([430, 330])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_bar())
        layout.addWidget(splitter, 1)

        shortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS,
                                    timeout=self.refresh)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.show_filter.currentIndexChanged.connect(self.refresh)
        self._details_timer = QTimer(self, singleShot=True, interval=DETAILS_DELAY_MS,
                                     timeout=self._load_details)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self._details_timer.start())
        self.model.loaded.connect(self._page_loaded)
        self.model.sort_changed.connect(self._sort_by)
        ctx.events.changed.connect(self._on_changed)
        self._show_details(None)
        self.refresh()

    # --- building ---
    def _build_bar(self) -> QHBoxLayout:
        heading = QLabel(self.tr("Credit"), self)
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Name, phone, code or address"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_box)
        self.show_filter = QComboBox(self)
        for text, key in ((self.tr("All customers"), "all"),
                          (self.tr("Over the limit"), "over_limit"),
                          (self.tr("90 % of the limit or more"), "near_limit"),
                          (self.tr("Blocked"), "blocked")):
            self.show_filter.addItem(text, key)
        show_label = QLabel(self.tr("S&how:"), self)
        show_label.setBuddy(self.show_filter)
        self.export_button = QPushButton(self.tr("E&xport to Excel…"), self)
        self.export_button.setToolTip(self.tr("Every customer in the list, all pages"))
        self.export_button.clicked.connect(self.export)
        bar = QHBoxLayout()
        bar.addWidget(heading)
        bar.addSpacing(24)
        bar.addWidget(search_label)
        bar.addWidget(self.search_box, 1)
        bar.addSpacing(12)
        bar.addWidget(show_label)
        bar.addWidget(self.show_filter)
        bar.addSpacing(12)
        bar.addWidget(self.export_button)
        return bar

    def _build_list(self) -> QWidget:
        panel = QWidget(self)
        self.model = LazyRowsModel(self._columns(), self, page=PAGE,
                                   tint=lambda r: BLOCKED_TINT if r.blocked else None,
                                   key=lambda r: r.customer_id)
        self.table = make_lazy_table(self.model, panel, sort_key=self._sort)
        self.table.setItemDelegateForColumn(7, UsedBarDelegate(self.table))
        amount = self.ctx.money(WIDEST_AMOUNT)  # nine columns of amounts, all in view at 1280×800
        set_widths(self.table, (6, 8, *[amount] * 5, 8, 6, *[amount] * 4))
        self.count = QLabel(panel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        return panel

    def _columns(self) -> list[Column]:
        money = self.ctx.money

        def overdue(n: int) -> Column:
            titles = (self.tr("Overdue 0–30"), self.tr("31–60"), self.tr("61–90"),
                      self.tr("90+ days"))
            return Column(titles[n], lambda r: money(r.overdue[n]) if r.overdue[n] else "",
                          RIGHT, value=lambda r: r.overdue[n])

        return [
            Column(self.tr("Code"), lambda r: r.code, sort="code"),
            Column(self.tr("Name"), lambda r: r.name, sort="name"),
            Column(self.tr("Limit"), lambda r: money(r.credit_limit), RIGHT,
                   value=lambda r: r.credit_limit, sort="limit"),
            Column(self.tr("Balance"), lambda r: money(r.balance), RIGHT,
                   value=lambda r: r.balance,
                   tip=lambda r: self.tr("Owed: deliveries not yet invoiced and invoices")),
            Column(self.tr("Open orders"), lambda r: money(r.open_orders), RIGHT,
                   value=lambda r: r.open_orders,
                   tip=lambda r: self.tr("Confirmed orders on account, not yet delivered")),
            Column(self.tr("Exposure"), lambda r: money(r.exposure), RIGHT,
                   value=lambda r: r.exposure, sort="exposure",
                   tip=lambda r: self.tr("Balance + open orders")),
            Column(self.tr("Available"), lambda r: money(r.available), RIGHT,
                   value=lambda r: r.available, sort="available"),
            Column(self.tr("Used"), self._used_text, value=self._used_share,
                   tip=self._used_tip),
            Column(self.tr("Blocked"), lambda r: (r.blocked_reason or self.tr("blocked"))
                   if r.blocked else ""),
            *(overdue(n) for n in range(4)),
        ]

    def _used_text(self, r: CreditSummary) -> str:
        if r.credit_limit > 0:
            return f"{r.used * 100:.0f} %"
        return self.tr("cash only")

    @staticmethod
    def _used_share(r: CreditSummary) -> float | None:
        """The share of the limit in use, for the bar (a display ratio, not money)."""
        if r.credit_limit > 0:
            return float(r.used)
        return 1.0 if r.exposure > 0 else None

    def _used_tip(self, r: CreditSummary) -> str:
        if r.credit_limit > 0:
            return self.tr("{used} of the limit in use").format(used=self._used_text(r))
        return self.tr("No credit: every order on account needs a manager's override.")

    def _build_details(self) -> QWidget:
        panel = QWidget(self)
        self.title = QLabel(panel)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.figures: dict[str, QLabel] = {}
        grid = QFormLayout()
        grid.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, caption in (("limit", self.tr("Credit limit:")),
                             ("balance", self.tr("Balance owed:")),
                             ("open", self.tr("Open orders:")),
                             ("exposure", self.tr("Exposure:")),
                             ("available", self.tr("Available:")),
                             ("overdue", self.tr("Overdue:"))):
            value = QLabel(panel)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addRow(caption, value)
            self.figures[key] = value
        self.blocked_line = QLabel(panel)
        self.blocked_line.setWordWrap(True)
        self.blocked_line.setStyleSheet(ERROR_STYLE + " font-weight: bold;")

        self.limit_button = QPushButton(self.tr("Change &limit…"), panel)
        self.limit_button.clicked.connect(self.change_limit)
        self.block_button = QPushButton(panel)
        self.block_button.clicked.connect(self.toggle_block)
        manager = self.ctx.actor.can("manager")
        self.limit_button.setVisible(manager)
        self.block_button.setVisible(manager)
        self.status = MessageLabel(panel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.limit_button)
        buttons.addWidget(self.block_button)
        buttons.addStretch(1)

        left = QWidget(panel)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addLayout(grid)
        column.addWidget(self.blocked_line)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addStretch(1)
        left.setMinimumWidth(300)

        money = self.ctx.money
        self.lines = RowsModel([
            Column(self.tr("Order"), lambda x: x.number if x.order_id else self.tr("Balance owed")),
            Column(self.tr("Delivery"), lambda x: x.delivery_date.isoformat()
                   if x.delivery_date else ""),
            Column(self.tr("Status"), lambda x: core_text(STATUS_NAMES[x.status])
                   if x.status else ""),
            Column(self.tr("Payment"), lambda x: core_text(PAYMENTS.get(x.payment, x.payment))
                   if x.payment else ""),
            Column(self.tr("Amount"), lambda x: money(x.amount), RIGHT),
            Column(self.tr("Exposure"), lambda x: money(x.exposure), RIGHT),
        ], self, muted=lambda x: x.payment == "cash", bold=lambda x: x.order_id is None)
        self.lines_table = make_table(self.lines, panel)
        set_widths(self.lines_table, (16, 11, 10, 13, 11))
        self.overrides = RowsModel([
            Column(self.tr("When"), lambda o: i18n.local_time(o.at)),
            Column(self.tr("Order"), lambda o: o.order_number),
            Column(self.tr("Asked by"), lambda o: o.requested_by),
            Column(self.tr("Approved by"), lambda o: o.approved_by),
            Column(self.tr("Over the limit by"), lambda o: money(o.amount_over), RIGHT),
            Column(self.tr("Reason"), lambda o: o.reason),
        ], self)
        self.overrides_table = make_table(self.overrides, panel)
        set_widths(self.overrides_table, (15, 16, 9, 9, 13))
        self.history = RowsModel([
            Column(self.tr("When"), lambda e: i18n.local_time(e.at)),
            Column(self.tr("Who"), lambda e: e.actor),
            Column(self.tr("What"), self._action_text),
            Column(self.tr("Change"), self._change_text),
            Column(self.tr("Reason"), lambda e: self._reason(e)),
        ], self)
        self.history_table = make_table(self.history, panel)
        set_widths(self.history_table, (15, 9, 13, 22))
        self.tabs = QTabWidget(panel)
        self.tabs.addTab(self.lines_table, "")
        self.tabs.addTab(self.overrides_table, "")
        self.tabs.addTab(self.history_table, "")

        layout = QGridLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left, 0, 0)
        layout.addWidget(self.tabs, 0, 1)
        layout.setColumnStretch(1, 1)
        return panel

    # --- the list ---
    def refresh(self) -> None:
        """Load the list again (the first page) with the search, filter and sort shown."""
        self._reload()

    def _reload(self, rows: int = 0) -> None:
        """``refresh``, the first page at least ``rows`` long: after a change, as many rows
        as were loaded, so the chosen customer is chosen again however far down it was."""
        self._search_timer.stop()
        self._outdated = False
        current = self.current()
        if current is not None:
            self._keep = current.customer_id
        api, text, show = self.ctx.api, self.search_box.text(), self.show_filter.currentData()
        sort, descending = self._sort, self._descending

        def load(offset: int, _last, limit: int) -> list[CreditSummary]:
            return api.credit.customers(text=text, show=show, sort=sort, descending=descending,
                                        offset=offset,
                                        limit=max(limit, rows) if offset == 0 else limit)

        self.model.reload(load)

    def _sort_by(self, key: str, descending: bool) -> None:
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.refresh()

    def _page_loaded(self) -> None:
        rows = self.model.rows
        if self._keep is not None or not self.table.currentIndex().isValid():
            found = self.model.find(lambda r: r.customer_id == self._keep)
            self._keep = None
            select_row(self.table, found if found is not None else (0 if rows else None))
            if not rows:
                self._show_details(None)
        if not rows:
            self.count.setText(self.tr("No customer matches."))
        elif self.model.complete:
            self.count.setText(self.tr("Customers: {n}").format(n=len(rows)))
        else:
            self.count.setText(self.tr("The first {n} customers; more load as you scroll.")
                               .format(n=len(rows)))

    def current(self) -> CreditSummary | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress \
                and event.key() in _MOVE_KEYS:
            self.table.keyPressEvent(event)  # the focus stays in the search box
            return True
        return super().eventFilter(watched, event)

    def export(self) -> None:
        load = self.model.load
        if load is None:
            return
        export.export(self, title=self.tr("Credit"),
                      file_name=self.tr("credit-{day}.xlsx").format(day=date.today()),
                      columns=self.model.columns, fetch=lambda: load_all(load),
                      currency=self.ctx.company.currency, button=self.export_button)

    # --- the chosen customer ---
    def _load_details(self) -> None:
        customer = self.current()
        if customer is None and self._keep is not None:
            return  # the list is reloading: its first page chooses the customer again
        if customer is None:
            tasks.forget(self, "details")  # a customer's details on their way are moot
            self._show_details(None)
            return
        api, customer_id = self.ctx.api, customer.customer_id
        tasks.run(self, lambda: api.credit.details(customer_id=customer_id), key="details",
                  on_success=self._details_loaded)

    def _details_loaded(self, details: CreditDetails) -> None:
        self._show_details(details)
        self._update_row(details.summary)

    def _show_details(self, details: CreditDetails | None) -> None:
        self.details = details
        s = details.summary if details else None
        money = self.ctx.money
        self.title.setText(f"{s.code}  {s.name}" if s else self.tr("No customer chosen"))
        values = {
            "limit": money(s.credit_limit) + ("  " + self.tr("(cash only)")
                                              if s.credit_limit == 0 else "") if s else "",
            "balance": money(s.balance) if s else "",
            "open": money(s.open_orders) if s else "",
            "exposure": money(s.exposure) if s else "",
            "available": money(s.available) if s else "",
            "overdue": (self.tr("nothing overdue") if not any(s.overdue) else " / ".join(
                money(x) for x in s.overdue)) if s else "",
        }
        for key, label in self.figures.items():
            label.setText(values[key])
        self.figures["available"].setStyleSheet(ERROR_STYLE if s and s.available < 0 else "")
        self.blocked_line.setText(self.tr("Blocked: {reason}").format(reason=s.blocked_reason)
                                  if s and s.blocked else "")
        self.blocked_line.setVisible(bool(s and s.blocked))
        self.limit_button.setEnabled(s is not None)
        self.block_button.setEnabled(s is not None)
        self.block_button.setText(self.tr("&Unblock…") if s and s.blocked else self.tr("&Block…"))
        self.lines.set_rows(details.lines if details else [])
        self.overrides.set_rows(details.overrides if details else [])
        self.history.set_rows(details.history if details else [])
        orders = len(details.lines) - 1 if details else 0
        self.tabs.setTabText(0, self.tr("Open orders ({n})").format(n=orders))
        self.tabs.setTabText(1, self.tr("Overrides ({n})").format(
            n=len(details.overrides) if details else 0))
        self.tabs.setTabText(2, self.tr("Limit and block history ({n})").format(
            n=len(details.history) if details else 0))

    def _update_row(self, summary: CreditSummary) -> None:
        number = self.model.find(lambda r: r.customer_id == summary.customer_id)
        if number is not None and self.model.row(number) != summary:
            self.model.replace(number, summary)

    def _action_text(self, e: AuditRow) -> str:
        return {"limit_changed": self.tr("limit changed"), "blocked": self.tr("blocked"),
                "unblocked": self.tr("unblocked"),
                "created": self.tr("new customer")}.get(
            e.action, self.tr("limit changed in the customer form"))

    def _change_text(self, e: AuditRow) -> str:
        if "credit_limit" not in e.changes:
            return ""
        old, new = e.changes["credit_limit"][:2]
        money = self.ctx.money
        new_text = money(Decimal(str(new))) if new is not None else "—"
        return new_text if old is None else f"{money(Decimal(str(old)))} → {new_text}"

    @staticmethod
    def _reason(e: AuditRow) -> str:
        reason = e.changes.get("reason")
        return (reason[-1] if isinstance(reason, list) else reason) or ""

    # --- manager's actions ---
    def change_limit(self) -> None:
        self._change(LIMIT)

    def toggle_block(self) -> None:
        if self.details is not None:
            self._change(UNBLOCK if self.details.summary.blocked else BLOCK)

    def _change(self, action: str) -> None:
        if self.details is None:
            return
        dialog = CreditChangeDialog(self.ctx, self.details.summary, action, self)
        if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted or dialog.summary is None:
            return
        summary = dialog.summary
        self._update_row(summary)
        self.status.show_ok({
            LIMIT: self.tr("The limit of {code} is now {limit}."),
            BLOCK: self.tr("{code} is blocked."),
            UNBLOCK: self.tr("{code} is no longer blocked."),
        }[action].format(code=summary.code, limit=self.ctx.money(summary.credit_limit)))
        # The change set of the change reloads the list and the customer's details.

    # --- change events ---
    def _on_changed(self, changes: Changes) -> None:
        """Limits, blocks, balances (deliveries, invoices, payments) and open orders: the
        list and the chosen customer are loaded again, the search, filter, sort and choice
        kept; when the window is hidden, as it is shown next."""
        if not any(changes.touches(kind) for kind in RELOAD_ON):
            return
        self._outdated = True
        if self.isVisible():
            self._reload(self.model.rowCount())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._outdated:
            self._reload(self.model.rowCount())
