"""Order search: find orders by number or customer, status, delivery dates, area, product.

The results load 200 at a time as they scroll, newest first (keyset pages in
the core), so a million orders open at once.  Enter or a double click on a
result shows the order below: its lines and any credit override.  Each user
keeps their own saved searches.

Keys: Ctrl+F goes to the search box; Up/Down in the search box move in the
results, Enter there shows the chosen order.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QStringListModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
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
from core.queries.orders import OrderCriteria, OrderRow, SavedSearchView
from core.services.orders import PAYMENTS, STATUS_NAMES, TIME_SLOTS, OrderView
from core.services.products import UNIT_NAMES, ProductView
from desktop import dialogs, i18n, tasks
from desktop.widgets import export
from desktop.widgets.checkcombo import CheckCombo
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.lazy import LazyRowsModel, load_all, make_lazy_table
from desktop.widgets.records import shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths

PAGE = 200
SEARCH_DELAY_MS = 250
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def core_text(text: str) -> str:
    return QCoreApplication.translate("core", text)


def quantity_text(q: Decimal) -> str:
    return f"{q.normalize():f}"


class OrderSearchWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order: OrderView | None = None  # the order shown below the results
        self.saved: list[SavedSearchView] = []
        self._products: list[ProductView] = []
        self._areas: set[str] = set()
        self._applying = False  # filters being set from a saved search
        self._pending_product: int | None = None  # a saved search's product, before the list
        self._outdated = False
        self.setWindowTitle(self.tr("Order search"))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_results())
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 300])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        layout.addWidget(splitter, 1)

        shortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS,
                                    timeout=self.refresh)
        self.search_box.textChanged.connect(self._filters_changed)
        self.search_box.returnPressed.connect(self.refresh)
        self.statuses.changed.connect(self._filters_changed)
        self.area.textChanged.connect(self._filters_changed)
        self.product.currentIndexChanged.connect(self._filters_changed)
        self.with_override.toggled.connect(self._filters_changed)
        for check, edit in ((self.from_check, self.date_from), (self.to_check, self.date_to)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filters_changed)
            edit.dateChanged.connect(self._filters_changed)
        self.saved_box.activated.connect(self._saved_chosen)
        self.model.loaded.connect(self._page_loaded)
        ctx.events.changed.connect(self._on_changed)

        self._show_order(None)
        self._load_lists()
        self.refresh()

    # --- building ---
    def _build_filters(self) -> QVBoxLayout:
        heading = QLabel(self.tr("Order search"), self)
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Order number, customer name, phone or code"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.statuses = CheckCombo(self.tr("Any status"), self)
        for key, name in STATUS_NAMES.items():
            self.statuses.add_item(core_text(name), key)
        self.area = QLineEdit(self)
        self.area.setPlaceholderText(self.tr("Any area"))
        self.area.setClearButtonEnabled(True)
        self._area_names = QStringListModel(self)
        completer = QCompleter(self._area_names, self.area)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.area.setCompleter(completer)
        self.area.setToolTip(self.tr("The customer's area, exactly as on the customer"))
        self.product = QComboBox(self)
        self.product.addItem(self.tr("Any product"), None)
        self.product.setMinimumContentsLength(12)
        self.product.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        today = QDate.currentDate()
        self.from_check = QCheckBox(self.tr("Delivery &from"), self)
        self.date_from = QDateEdit(today.addDays(-7), self)
        self.to_check = QCheckBox(self.tr("&to"), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.with_override = QCheckBox(self.tr("With a credit &override"), self)

        self.saved_box = QComboBox(self)
        self.saved_box.setPlaceholderText(self.tr("Saved searches"))
        self.saved_box.setMinimumContentsLength(14)
        self.save_button = QPushButton(self.tr("&Save search…"), self)
        self.save_button.clicked.connect(self.save_search)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the chosen saved search"))
        self.delete_button.clicked.connect(self.delete_search)
        self.delete_button.setEnabled(False)
        self.saved_box.currentIndexChanged.connect(
            lambda n: self.delete_button.setEnabled(n >= 0))
        self.export_button = QPushButton(self.tr("E&xport to Excel…"), self)
        self.export_button.setToolTip(self.tr("Every matching order, all pages"))
        self.export_button.clicked.connect(self.export)

        def label(text: str, buddy: QWidget) -> QLabel:
            caption = QLabel(text, self)
            caption.setBuddy(buddy)
            return caption

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        for caption, widget, stretch in ((self.tr("Sea&rch:"), self.search_box, 3),
                                         (self.tr("Stat&us:"), self.statuses, 1),
                                         (self.tr("&Area:"), self.area, 1),
                                         (self.tr("&Product:"), self.product, 1)):
            top.addWidget(label(caption, widget))
            top.addWidget(widget, stretch)
            top.addSpacing(8)
        second = QHBoxLayout()
        for widget in (self.from_check, self.date_from, self.to_check, self.date_to):
            second.addWidget(widget)
        second.addSpacing(16)
        second.addWidget(self.with_override)
        second.addStretch(1)
        second.addWidget(self.saved_box)
        second.addWidget(self.save_button)
        second.addWidget(self.delete_button)
        second.addSpacing(12)
        second.addWidget(self.export_button)
        rows = QVBoxLayout()
        rows.addLayout(top)
        rows.addLayout(second)
        return rows

    def _build_results(self) -> QWidget:
        panel = QWidget(self)
        money = self.ctx.money
        self.model = LazyRowsModel([
            Column(self.tr("Number"), lambda r: r.number or ""),
            Column(self.tr("Status"), lambda r: core_text(STATUS_NAMES[r.status])),
            Column(self.tr("Code"), lambda r: r.customer_code),
            Column(self.tr("Customer"), lambda r: r.customer_name),
            Column(self.tr("Phone"), lambda r: r.customer_phone),
            Column(self.tr("Area"), lambda r: r.area),
            Column(self.tr("Delivery"), lambda r: r.delivery_date.isoformat(),
                   value=lambda r: r.delivery_date),
            Column(self.tr("Total"), lambda r: money(r.total), RIGHT, value=lambda r: r.total),
            Column(self.tr("Payment"), lambda r: core_text(PAYMENTS.get(r.payment, r.payment))),
            Column(self.tr("Taken by"), lambda r: r.created_by),
            Column(self.tr("Taken at"), lambda r: i18n.local_time(r.created_at),
                   value=lambda r: r.created_at),
        ], self, page=PAGE, muted=lambda r: r.status == "cancelled")
        self.table = make_lazy_table(self.model, panel)
        set_widths(self.table, (11, 9, 7, 9, 10, 6, 9, 8, 11, 6))
        self.table.activated.connect(self.open_order)
        self.count = QLabel(panel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        return panel

    def _build_details(self) -> QWidget:
        panel = QWidget(self)
        self.title = QLabel(panel)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.facts: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, caption in (("status", self.tr("Status:")),
                             ("delivery", self.tr("Delivery:")),
                             ("payment", self.tr("Payment:")),
                             ("total", self.tr("Total:")),
                             ("taken", self.tr("Taken:")),
                             ("notes", self.tr("Notes:"))):
            value = QLabel(panel)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption, value)
            self.facts[key] = value
        self.message = MessageLabel(panel)
        left = QWidget(panel)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addStretch(1)
        left.setMinimumWidth(320)
        left.setMaximumWidth(460)

        money, language = self.ctx.money, self.ctx.language
        self.lines = RowsModel([
            Column(self.tr("Product"), lambda x: f"{x.sku}  "
                   f"{x.name_en if language == 'en' and x.name_en else x.name_zh}"),
            Column(self.tr("Quantity"), lambda x: f"{quantity_text(x.quantity)} "
                   f"{core_text(UNIT_NAMES.get(x.unit, x.unit))}", RIGHT),
            Column(self.tr("Unit price"), lambda x: money(x.unit_price), RIGHT),
            Column(self.tr("Amount"), lambda x: money(x.amount), RIGHT),
            Column(self.tr("Tax"), lambda x: money(x.tax), RIGHT),
        ], self)
        self.lines_table = make_table(self.lines, panel)
        set_widths(self.lines_table, (26, 11, 11, 11))
        self.overrides = RowsModel([
            Column(self.tr("When"), lambda o: i18n.local_time(o.at)),
            Column(self.tr("Asked by"), lambda o: o.requested_by),
            Column(self.tr("Approved by"), lambda o: o.approved_by),
            Column(self.tr("Limit"), lambda o: money(o.credit_limit), RIGHT),
            Column(self.tr("Over the limit by"), lambda o: money(o.amount_over), RIGHT),
            Column(self.tr("Reason"), lambda o: o.reason),
        ], self)
        self.overrides_table = make_table(self.overrides, panel)
        set_widths(self.overrides_table, (15, 9, 9, 10, 13))
        self.tabs = QTabWidget(panel)
        self.tabs.addTab(self.lines_table, "")
        self.tabs.addTab(self.overrides_table, "")

        layout = QHBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left)
        layout.addWidget(self.tabs, 1)
        return panel

    # --- the lists the filters offer ---
    def _load_lists(self) -> None:
        api = self.ctx.api
        self._load_products()
        tasks.run(self, lambda: api.orders.saved_searches(), on_success=self._saved_loaded)

    def _load_products(self) -> None:
        api = self.ctx.api
        tasks.run(self, lambda: api.products.list(), on_success=self._products_loaded)

    def _products_loaded(self, found: list[ProductView]) -> None:
        self._products = found
        wanted = self._pending_product if self._pending_product is not None \
            else self.product.currentData()
        self._applying = True
        self.product.clear()
        self.product.addItem(self.tr("Any product"), None)
        for p in found:
            self.product.addItem(f"{p.sku}  {p.name(self.ctx.language)}", p.id)
        self.product.setCurrentIndex(max(0, self.product.findData(wanted)))
        self._applying = False
        self._pending_product = None

    def _saved_loaded(self, found: list[SavedSearchView], choose: str | None = None) -> None:
        chosen = choose if choose is not None else self.saved_box.currentText() \
            if self.saved_box.currentIndex() >= 0 else None
        self.saved = found
        self.saved_box.clear()
        for s in found:
            self.saved_box.addItem(s.name, s.id)
        self.saved_box.setCurrentIndex(self.saved_box.findText(chosen) if chosen else -1)

    # --- searching ---
    def criteria(self) -> OrderCriteria:
        """The search as the filters show it."""
        return OrderCriteria(
            text=self.search_box.text().strip(), statuses=self.statuses.ticked(),
            date_from=self.date_from.date().toPython() if self.from_check.isChecked() else None,
            date_to=self.date_to.date().toPython() if self.to_check.isChecked() else None,
            area=self.area.text().strip(),
            product_id=self._pending_product if self._pending_product is not None
            else self.product.currentData(),
            with_override=self.with_override.isChecked())

    def apply(self, criteria: OrderCriteria) -> None:
        """Show ``criteria`` in the filters and search with them."""
        self._applying = True
        try:
            self.search_box.setText(criteria.text)
            self.statuses.set_ticked(criteria.statuses)
            for check, edit, day in ((self.from_check, self.date_from, criteria.date_from),
                                     (self.to_check, self.date_to, criteria.date_to)):
                check.setChecked(day is not None)
                if day is not None:
                    edit.setDate(QDate(day.year, day.month, day.day))
            self.area.setText(criteria.area)
            found = self.product.findData(criteria.product_id)
            if found < 0 and criteria.product_id is not None:
                self._pending_product = criteria.product_id  # the product list is on its way
            self.product.setCurrentIndex(max(0, found))
            self.with_override.setChecked(criteria.with_override)
        finally:
            self._applying = False
        self.refresh()

    def _filters_changed(self, *_args) -> None:
        if self._applying:
            return
        self.saved_box.setCurrentIndex(-1)  # the filters no longer show that saved search
        self._search_timer.start()

    def refresh(self) -> None:
        """Search again with the filters shown: the first page, newest first."""
        self._search_timer.stop()
        self._outdated = False
        api, criteria = self.ctx.api, self.criteria()

        def load(_offset: int, last: OrderRow | None, limit: int) -> list[OrderRow]:
            return api.orders.search(criteria=criteria,
                                     before_id=last.id if last is not None else None, limit=limit)

        self.model.reload(load)

    def _page_loaded(self) -> None:
        rows = self.model.rows
        if rows and not self.table.currentIndex().isValid():
            # The first page: the order shown below stays the chosen row (else the newest).
            shown = self.model.find(lambda r: r.id == self.order.id) if self.order else None
            select_row(self.table, shown or 0)
        new_areas = {r.area for r in rows if r.area} - self._areas
        if new_areas:
            self._areas |= new_areas
            self._area_names.setStringList(sorted(self._areas))
        if not rows:
            self.count.setText(self.tr("No order matches."))
        elif self.model.complete:
            self.count.setText(self.tr("Orders: {n}").format(n=len(rows)))
        else:
            self.count.setText(self.tr("The newest {n} orders; more load as you scroll.")
                               .format(n=len(rows)))

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            if event.key() in _MOVE_KEYS:
                self.table.keyPressEvent(event)  # the focus stays in the search box
                return True
            if event.key() in _ENTER_KEYS and not self._search_timer.isActive():
                self.open_order(self.table.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def export(self) -> None:
        load = self.model.load
        if load is None:
            return
        export.export(self, title=self.tr("Orders"),
                      file_name=self.tr("orders-{day}.xlsx").format(day=date.today()),
                      columns=self.model.columns, fetch=lambda: load_all(load),
                      currency=self.ctx.company.currency, button=self.export_button)

    # --- saved searches ---
    def _saved_chosen(self, number: int) -> None:
        if 0 <= number < len(self.saved):
            self.apply(self.saved[number].criteria)
            self.saved_box.setCurrentIndex(number)

    def save_search(self) -> None:
        current = self.saved_box.currentText() if self.saved_box.currentIndex() >= 0 else ""
        name = dialogs.ask_text(self, self.tr("Save search"),
                                self.tr("Name of the search (saving under an existing name "
                                        "replaces it):"), current)
        if name is None or not name.strip():
            return
        api, criteria = self.ctx.api, self.criteria()

        def work() -> tuple[list[SavedSearchView], SavedSearchView]:
            view = api.orders.save_search(name=name, criteria=criteria)
            return api.orders.saved_searches(), view

        tasks.run(self, work, disable=self.save_button,
                  on_success=lambda result: self._saved_loaded(result[0], choose=result[1].name))

    def delete_search(self) -> None:
        number = self.saved_box.currentIndex()
        if not 0 <= number < len(self.saved):
            return
        chosen = self.saved[number]
        if not dialogs.ask(self, self.tr("Delete saved search"),
                           self.tr("Delete the saved search “{name}”?").format(name=chosen.name)):
            return
        api = self.ctx.api

        def work() -> list[SavedSearchView]:
            api.orders.delete_search(search_id=chosen.id)
            return api.orders.saved_searches()

        tasks.run(self, work, disable=self.delete_button,
                  on_success=lambda found: self._saved_loaded(found, choose=""))

    # --- the order shown ---
    def open_order(self, index: QModelIndex) -> None:
        """Show the order in ``index``'s row below the results."""
        if not index.isValid():
            return
        if index.row() != self.table.currentIndex().row():
            self.table.setCurrentIndex(index)
        self._load_order(self.model.row(index.row()).id)

    def _load_order(self, order_id: int) -> None:
        api = self.ctx.api
        self.message.clear()
        tasks.run(self, lambda: api.orders.get(order_id=order_id), key="order",
                  on_success=self._show_order, on_error=self.message.on_error)

    def _show_order(self, o: OrderView | None) -> None:
        self.order = o
        money = self.ctx.money
        self.title.setText(f"{o.number or ''}  {o.customer_code} {o.customer_name}" if o
                           else self.tr("Press Enter or double-click an order to see it here."))
        status = core_text(STATUS_NAMES[o.status]) if o else ""
        if o and o.cancel_reason:
            status = self.tr("{status}: {reason}").format(status=status, reason=o.cancel_reason)
        reference = self.tr("Reference:")
        facts = {
            "status": status,
            "delivery": f"{o.delivery_date.isoformat()}, "
                        f"{core_text(TIME_SLOTS.get(o.time_slot, o.time_slot))}" if o else "",
            "payment": core_text(PAYMENTS.get(o.payment, o.payment)) if o else "",
            "total": self.tr("{total} (tax {tax})").format(total=money(o.total), tax=money(o.tax))
            if o else "",
            "taken": f"{i18n.local_time(o.created_at)}, {o.created_by}" if o else "",
            "notes": (o.notes + (f"\n{reference} {o.external_ref}"
                                 if o.external_ref else "")) if o else "",
        }
        for key, label in self.facts.items():
            label.setText(facts[key])
        self.lines.set_rows(o.lines if o else [])
        self.overrides.set_rows(o.overrides if o else [])
        self.tabs.setTabText(0, self.tr("Lines ({n})").format(n=len(o.lines) if o else 0))
        self.tabs.setTabText(1, self.tr("Credit overrides ({n})").format(
            n=len(o.overrides) if o else 0))

    # --- change events ---
    def _on_changed(self, changes: Changes) -> None:
        """Products fill the product filter; orders and customers (a name, a phone) the
        results, reloaded when shown, keeping the filters as typed and the chosen order."""
        if changes.touches("products"):
            self._load_products()
        if changes.touches("orders") or changes.touches("customers"):
            self._outdated = True
            if self.isVisible():
                self.refresh()
                if self.order is not None:
                    self._load_order(self.order.id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._outdated:
            self.refresh()
            if self.order is not None:
                self._load_order(self.order.id)
