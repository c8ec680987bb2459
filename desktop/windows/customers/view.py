"""Customers: as-you-type search on the left, the chosen customer's form on the right.

Keys: type in the search box, Down/Up move in the results, Enter opens the
customer in the form; Enter (or Ctrl+S) in the form saves, Esc goes back to
the search box; Ctrl+N starts a new customer, Ctrl+F goes to the search box.

The form's "Uniform invoice" section says how the customer's uniform invoices (統一發票)
go: a business's 統一編號 and invoice title, or a consumer's carrier or donation code
(愛心碼); all blank, a consumer who takes a printed proof.

The Prices tab lists the customer's own prices (negotiated rates that order
entry uses instead of the price list) beside today's list price; a manager
sets one (Enter in the price field) or removes the chosen one, everybody
else reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import DomainError, ValidationError
from core.money import quantize
from core.queries.customer_card import OwnPrices
from core.queries.customers import CustomerRow
from core.services.audit import AuditRow
from core.services.customer_prices import CustomerPriceView
from core.services.customers import CustomerInput, CustomerView, display_phone, hhmm
from core.services.products import ProductView
from desktop import dialogs, tasks
from desktop.i18n import LANGUAGES
from desktop.widgets.customer_search import CustomerSearch
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import RecordForm, save_failed, shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths
from desktop.widgets.unsaved import Unsaved
from desktop.windows.customers.cylinders import CylindersPage

SEARCH_LIMIT = 50
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_WINDOW_FIELDS = {"window_start": "delivery_from", "window_end": "delivery_until"}


class CustomersWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: CustomerView | None = None  # the customer in the form (None: a new one)
        self.unsaved = Unsaved(self, self._input)  # the form as loaded or saved
        self.dirty = self.unsaved.dirty  # whether it holds input not saved
        self._history_of: str | None = None
        self._can_set_prices = ctx.actor.can("manager")
        self._prices_of: int | None = None  # the customer whose own prices the tab shows
        self._prices_loaded = False
        self._listing_prices = False  # the list is being refilled: keep what the user typed
        self._products: dict[int, ProductView] = {}  # for names and today's list prices
        self.setWindowTitle(self.tr("Customers"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_search())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 380])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        shortcut(QKeySequence.StandardKey.New, self, self.new_customer)
        shortcut(QKeySequence.StandardKey.Save, self, self.save)
        shortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

        self.customer_search = CustomerSearch(
            ctx, self.search_box, self, limit=SEARCH_LIMIT, delay_ms=150, when="changed",
            inactive=self.show_inactive.isChecked)
        self.customer_search.found.connect(self._show_results)
        self.show_inactive.toggled.connect(self._search)
        ctx.events.changed.connect(self._on_changed)

        self._clear_form()
        self.refresh()

    # --- building ---
    def _build_search(self) -> QWidget:
        panel = QWidget(self)
        self.search_box = QLineEdit(panel)
        self.search_box.setPlaceholderText(self.tr("Name, phone, code or address"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        label = QLabel(self.tr("&Search:"), panel)
        label.setBuddy(self.search_box)
        self.show_inactive = QCheckBox(self.tr("Show &inactive"), panel)
        money = self.ctx.money
        self.results = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name if r.active else
                   self.tr("{name} (inactive)").format(name=r.name)),
            Column(self.tr("Phone"), lambda r: r.phone),
            Column(self.tr("Area"), lambda r: r.area),
            Column(self.tr("Address"), lambda r: r.address),
            Column(self.tr("Credit limit"), lambda r: money(r.credit_limit), RIGHT),
        ], self, muted=lambda r: not r.active)
        self.table = make_table(self.results, panel)
        set_widths(self.table, (7, 8, 11, 5, 20, 9))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_index)
        self.table.clicked.connect(self._open_index)
        self.count = QLabel(panel)

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.show_inactive)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        return panel

    def _build_editor(self) -> QWidget:
        panel = QWidget(self)
        self.title = QLabel(panel)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel(panel)

        form = self.form = RecordForm()
        self.code = form.add_field("code", self.tr("C&ode:"), QLineEdit())
        self.code.setPlaceholderText(self.tr("automatic"))
        self.code.setMaxLength(30)
        self.name = form.add_field("name", self.tr("&Name: *"), QLineEdit())
        self.name.setMaxLength(120)
        self.phone = form.add_field("phone", self.tr("&Phone:"), QLineEdit())
        self.phone.setPlaceholderText(self.tr("e.g. 0912 345 678 or 04 2345 6789"))
        self.area = form.add_field("area", self.tr("&Area:"), QLineEdit())
        self.area.setMaxLength(60)
        self.address = form.add_field("address", self.tr("Add&ress:"), QLineEdit())
        self.address.setMaxLength(250)
        self.lat = form.add_field("lat", self.tr("Latitude:"), QLineEdit())
        self.lon = form.add_field("lon", self.tr("Longitude:"), QLineEdit())
        self.delivery_from = form.add_field("delivery_from", self.tr("Delivery hours, &from:"),
                                            QLineEdit())
        self.delivery_until = form.add_field("delivery_until",
                                             self.tr("Delivery hours, &until:"), QLineEdit())
        for field in (self.delivery_from, self.delivery_until):
            field.setPlaceholderText(self.tr("HH:MM, blank: any time"))
            field.setMaxLength(5)
        self.service_minutes = form.add_field("service_minutes", self.tr("Ser&vice time:"),
                                              QSpinBox())
        self.service_minutes.setRange(0, 240)
        self.service_minutes.setSuffix(self.tr(" min"))
        self.service_minutes.setToolTip(self.tr("How long a stop at this customer takes"))
        self.contact = form.add_field("contact_person", self.tr("Con&tact person:"), QLineEdit())
        self.contact.setMaxLength(120)
        self.terms = form.add_field("payment_terms_days", self.tr("Payment ter&ms:"), QSpinBox())
        self.terms.setRange(0, 365)
        self.terms.setSuffix(self.tr(" days"))
        self.credit_limit = form.add_field(
            "credit_limit", self.tr("Credit &limit:"), QLineEdit(),
            beside=QLabel(self.ctx.company.currency))
        if not self.ctx.actor.can("manager"):
            self.credit_limit.setEnabled(False)
            self.credit_limit.setToolTip(self.tr("Only a manager may set a credit limit."))
        self.language = form.add_field("language", self.tr("Document lan&guage:"), QComboBox())
        for code, native in LANGUAGES.items():
            self.language.addItem(native, code)
        self.notes = form.add_field("notes", self.tr("Not&es:"), QPlainTextEdit())
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        self._build_buyer(form)
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.focus_search)
        scroll = QScrollArea(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(form)
        column.addStretch(1)
        scroll.setWidget(page)

        self.history = RowsModel([
            Column(self.tr("When"), lambda e: e.at.astimezone().strftime("%Y-%m-%d %H:%M")),
            Column(self.tr("Who"), lambda e: e.actor),
            Column(self.tr("What"), lambda e: self._action_name(e.action)),
            Column(self.tr("Changes"), self._describe_changes),
        ], self)
        self.history_table = make_table(self.history, panel)
        self.history_table.setWordWrap(True)
        set_widths(self.history_table, (13, 8, 6))
        self.tabs = QTabWidget(panel)
        self.tabs.addTab(scroll, self.tr("&Details"))
        self.tabs.addTab(self.history_table, self.tr("&History"))
        self.prices_page = self._build_prices()
        self.tabs.addTab(self.prices_page, self.tr("Pri&ces"))
        self.cylinders_page = CylindersPage(self.ctx)
        self.tabs.addTab(self.cylinders_page, self.tr("C&ylinders"))
        self.tabs.currentChanged.connect(self._load_history)
        self.tabs.currentChanged.connect(self._load_prices)
        self.tabs.currentChanged.connect(self._show_save_button)

        self.new_button = QPushButton(self.tr("New"), panel)
        self.new_button.setToolTip(self.tr("Start a new customer (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_customer)
        self.save_button = QPushButton(self.tr("Save"), panel)
        self.save_button.setToolTip(self.tr("Save (Enter or Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.active_button = QPushButton(panel)
        self.active_button.clicked.connect(self.toggle_active)
        self.status = MessageLabel(panel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.active_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        return panel

    def _build_buyer(self, form: RecordForm) -> None:
        """The uniform invoice's buyer, a section of its own at the end of the form."""
        self.buyer_heading = QLabel(self.tr("Uniform invoice (統一發票)"), form)
        bold = QFont(self.buyer_heading.font())
        bold.setBold(True)
        self.buyer_heading.setFont(bold)
        self.buyer_heading.setContentsMargins(0, 8, 0, 0)
        self.buyer_hint = QLabel(self.tr(
            "A business gives its tax ID; a consumer a carrier or a donation code, or "
            "nothing for a printed proof."), form)
        self.buyer_hint.setWordWrap(True)
        self.buyer_hint.setEnabled(False)  # greyed: a hint, not content
        form.grid.addRow(self.buyer_heading)
        form.grid.addRow(self.buyer_hint)
        self.tax_id = form.add_field("tax_id", self.tr("Ta&x ID (統一編號):"), QLineEdit())
        self.tax_id.setPlaceholderText(self.tr("8 digits; blank: a consumer"))
        self.tax_id.setMaxLength(12)
        self.invoice_title = form.add_field("invoice_title", self.tr("Invoice title:"),
                                            QLineEdit())
        self.invoice_title.setPlaceholderText(self.tr("blank: the customer's name"))
        self.invoice_title.setMaxLength(120)
        self.carrier = form.add_field("carrier", self.tr("Carrier:"), QLineEdit())
        self.carrier.setPlaceholderText(self.tr("/ABC+123 or a citizen certificate"))
        self.carrier.setToolTip(self.tr(
            "A mobile barcode (/ and 7 letters, digits or . + -) or a citizen digital "
            "certificate (2 letters and 14 digits): the invoice goes to it, not on paper."))
        self.carrier.setMaxLength(20)
        self.donation_code = form.add_field("donation_code", self.tr("Donation code (愛心碼):"),
                                            QLineEdit())
        self.donation_code.setPlaceholderText(self.tr("3 to 7 digits"))
        self.donation_code.setToolTip(self.tr("The invoice is donated to this charity."))
        self.donation_code.setMaxLength(7)

    def _build_prices(self) -> QWidget:
        page = QWidget()
        money = self.ctx.money
        self.prices_note = QLabel(page)
        self.prices_note.setWordWrap(True)
        self.prices = RowsModel([
            Column(self.tr("SKU"), lambda v: v.sku),
            Column(self.tr("Product"), self._price_product_name),
            Column(self.tr("Own price"), lambda v: money(v.price), RIGHT),
            Column(self.tr("List price today"), lambda v: money(self._list_price(v.product_id))
                   or "—", RIGHT),
        ], self, muted=lambda v: v.product_id in self._products
            and not self._products[v.product_id].active)
        self.prices_table = make_table(self.prices, page)
        header = self.prices_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fit_price_columns()
        self.prices_table.selectionModel().currentRowChanged.connect(self._price_row_chosen)

        form = self.price_form = RecordForm()
        self.price_product = form.add_field("product", self.tr("Prod&uct:"), QComboBox())
        self.price_product.setPlaceholderText(self.tr("Choose a product"))
        self.price_product.currentIndexChanged.connect(self._show_list_price)
        self.list_price_hint = QLabel()
        beside = QWidget()
        line = QHBoxLayout(beside)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(self.ctx.company.currency))
        line.addSpacing(12)
        line.addWidget(self.list_price_hint)
        self.price_value = form.add_field("price", self.tr("O&wn price:"), QLineEdit(),
                                          beside=beside)
        self.price_value.setMaxLength(20)
        form.save_requested.connect(self.set_price)
        form.leave_requested.connect(self.focus_search)
        self.set_price_button = QPushButton(self.tr("Set price"), page)
        self.set_price_button.setToolTip(self.tr(
            "Orders for this customer use this price instead of the list price (Enter)"))
        self.set_price_button.clicked.connect(self.set_price)
        self.remove_price_button = QPushButton(self.tr("Remo&ve"), page)
        self.remove_price_button.setToolTip(self.tr(
            "Remove the chosen own price: orders use the list price again"))
        self.remove_price_button.clicked.connect(self.remove_price)
        self.price_status = MessageLabel(page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_price_button)
        buttons.addWidget(self.remove_price_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(page)
        layout.addWidget(self.prices_note)
        layout.addWidget(self.prices_table, 1)
        layout.addWidget(form)
        layout.addWidget(self.price_status)
        layout.addLayout(buttons)
        if not self._can_set_prices:
            for widget in (form, self.set_price_button, self.remove_price_button):
                widget.setEnabled(False)
                widget.hide()
        return page

    def _show_save_button(self) -> None:
        """The Prices tab sets prices with its own button; "Save" there would look like it."""
        self.save_button.setVisible(self.tabs.currentWidget() is not self.prices_page)

    # --- search ---
    def refresh(self) -> None:
        """Search again; reload the customer in the form unless it has unsaved input."""
        self._search()
        if self.current is not None and not self.dirty():
            self._reload()

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search(self) -> None:
        self.customer_search.search()

    def _show_results(self, rows: list[CustomerRow]) -> None:
        current = self.table.currentIndex()
        keep = self.results.row(current.row()).id if current.isValid() else None
        self.results.set_rows(rows)
        found = self.results.find(lambda r: r.id == keep)
        select_row(self.table, found if found is not None else (0 if rows else None))
        if len(rows) >= SEARCH_LIMIT:
            self.count.setText(self.tr("The first {n} matches; type more to narrow the search.")
                               .format(n=len(rows)))
        elif rows:
            self.count.setText(self.tr("Customers found: {n}").format(n=len(rows)))
        else:
            self.count.setText(self.tr("No customer matches."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            if event.key() in _MOVE_KEYS:
                self.table.keyPressEvent(event)  # the focus stays in the search box
                return True
            if event.key() in _ENTER_KEYS:
                self._open_index(self.table.currentIndex())
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)

    # --- the form ---
    def _open_index(self, index) -> None:
        if index.isValid():
            self.open_customer(self.results.row(index.row()).id)

    def open_customer(self, customer_id: int) -> None:
        """Show a customer in the form (asks first when typed input would be lost)."""
        if self.current is not None and self.current.id == customer_id:
            self.name.setFocus()
            return
        if not self.unsaved.confirm():
            self._select_current()
            return
        api = self.ctx.api

        def show(view: CustomerView) -> None:
            self._show(view)
            self.name.setFocus()

        tasks.run(self, lambda: api.customers.get(customer_id=customer_id), on_success=show)

    def new_customer(self) -> None:
        if self.unsaved.confirm():
            self._clear_form()
            self.tabs.setCurrentIndex(0)
            self.name.setFocus()

    def _money_text(self, amount) -> str:
        return format(quantize(amount, self.ctx.company.currency), "f")

    def _show(self, v: CustomerView | None) -> None:
        self.current = v
        self.code.setText(v.code if v else "")
        self.name.setText(v.name if v else "")
        self.phone.setText(v.phone_display if v else "")
        self.area.setText(v.area if v else "")
        self.address.setText(v.address if v else "")
        self.lat.setText("" if v is None or v.lat is None else str(v.lat))
        self.lon.setText("" if v is None or v.lon is None else str(v.lon))
        self.delivery_from.setText(v.delivery_from if v else "")
        self.delivery_until.setText(v.delivery_until if v else "")
        self.service_minutes.setValue(v.service_minutes if v else 5)
        self.contact.setText(v.contact_person if v else "")
        self.terms.setValue(v.payment_terms_days if v else 30)
        self.credit_limit.setText(self._money_text(v.credit_limit if v else Decimal(0)))
        self.language.setCurrentIndex(max(0, self.language.findData(v.language if v else "zh_TW")))
        self.notes.setPlainText(v.notes if v else "")
        self.tax_id.setText(v.tax_id if v else "")
        self.invoice_title.setText(v.invoice_title if v else "")
        self.carrier.setText(v.carrier if v else "")
        self.donation_code.setText(v.donation_code if v else "")
        self.unsaved.clean()
        self.form.clear_errors()
        if v is None:
            self.title.setText(self.tr("New customer"))
            self.state.setText(self.tr("Leave the code blank to get the next free one."))
        else:
            self.title.setText(f"{v.code}  {v.name}")
            self.state.setText(self.tr("Active") if v.active else
                               self.tr("Inactive: not offered in searches or orders"))
        self.active_button.setEnabled(v is not None)
        self._select_current()
        self.active_button.setText(self.tr("Activate") if v and not v.active
                                   else self.tr("Deactivate"))
        self._history_of = None
        self._load_history()
        self._show_prices_of(v)
        self.cylinders_page.show_customer(v.id if v is not None else None)

    def _select_current(self) -> None:
        """Show the form's customer as the current row, when the results list it."""
        number = self.results.find(lambda r: self.current is not None and r.id == self.current.id)
        if number is not None:
            select_row(self.table, number)

    def _clear_form(self) -> None:
        self._show(None)
        self.status.clear()

    def _input(self, active: bool | None = None) -> CustomerInput:
        if active is None:
            active = self.current.active if self.current is not None else True
        return CustomerInput(
            name=self.name.text(), code=self.code.text(), phone=self.phone.text(),
            area=self.area.text(), address=self.address.text(),
            lat=self.lat.text().strip() or None, lon=self.lon.text().strip() or None,
            delivery_from=self.delivery_from.text().strip(),
            delivery_until=self.delivery_until.text().strip(),
            service_minutes=self.service_minutes.value(),
            contact_person=self.contact.text(), payment_terms_days=self.terms.value(),
            credit_limit=self.credit_limit.text() if self.credit_limit.isEnabled() else None,
            language=self.language.currentData(), notes=self.notes.toPlainText(), active=active,
            tax_id=self.tax_id.text(), invoice_title=self.invoice_title.text(),
            carrier=self.carrier.text(), donation_code=self.donation_code.text())

    def save(self) -> None:
        if self.tabs.currentWidget() is self.prices_page and self._can_set_prices:
            self.set_price()  # Ctrl+S on the Prices tab does what that tab's button does
            return
        self._save()

    def _save(self, active: bool | None = None) -> None:
        """Save the form; ``active`` also activates or deactivates the customer."""
        if not self.save_button.isEnabled():
            return  # a save is already on its way
        data = self._input(active)
        customer_id = self.current.id if self.current is not None else None
        version = self.current.version if self.current is not None else None
        api = self.ctx.api
        self.form.clear_errors()
        self.status.clear()
        tasks.run(self, lambda: api.customers.save(data=data, customer_id=customer_id,
                                                   version=version),
                  on_success=self._saved, on_error=self._save_failed, disable=self.save_button)

    def _saved(self, view: CustomerView) -> None:
        self._show(view)
        row = CustomerRow(view.id, view.code, view.name, view.phone_display, view.area,
                          view.address, view.credit_limit, view.active)
        number = self.results.find(lambda r: r.id == view.id)
        if number is None:
            self.results.insert(0, row)
            number = 0
        else:
            self.results.replace(number, row)
        select_row(self.table, number)
        self.status.show_ok(self.tr("Saved {code} {name}.").format(code=view.code, name=view.name))

    def _save_failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.form, exc, details, reload=self._reload, stale_question=self.tr(
            "This customer was changed elsewhere. Reload the newer version? "
            "(Your input stays in the form if you say No.)"))

    def _reload(self) -> None:
        if self.current is not None:
            api, customer_id = self.ctx.api, self.current.id
            tasks.run(self, lambda: api.customers.get(customer_id=customer_id),
                      on_success=self._show)

    def toggle_active(self) -> None:
        if self.current is None:
            return
        if self.current.active and not dialogs.ask(
                self, self.tr("Deactivate customer"),
                self.tr("Deactivate {code} {name}? An inactive customer is not offered in "
                        "searches or orders; you can activate them again.")
                .format(code=self.current.code, name=self.current.name)):
            return
        self._save(active=not self.current.active)

    def _on_changed(self, changes: Changes) -> None:
        """Customers changed (here or on another workstation): the results again, the search
        as typed and the chosen row kept; the form's customer as saved now, unless the form
        holds unsaved input (a save of it is then told it is stale)."""
        if changes.touches("customers"):
            self._search()
            if self.current is not None and changes.touches("customers", self.current.id):
                self._customer_changed()
        if changes.touches("products"):  # names, list prices, products no longer sold
            self._prices_loaded = False
            self._load_prices()

    def _customer_changed(self) -> None:
        if self.dirty():
            self._reload_tabs()
            return
        api, customer_id = self.ctx.api, self.current.id

        def show(view: CustomerView) -> None:
            if self.current is None or self.current.id != view.id:
                return  # another customer is shown by now
            if self.dirty():
                self._reload_tabs()  # typed meanwhile: the form stays as typed
            else:
                self._show(view)

        tasks.run(self, lambda: api.customers.get(customer_id=customer_id), on_success=show)

    def _reload_tabs(self) -> None:
        """The history, the own prices and the cylinders again (now if their tab is open,
        else when it is)."""
        self._history_of = None
        self._load_history()
        self._prices_loaded = False
        self._load_prices()
        if self.current is not None:
            self.cylinders_page.show_customer(self.current.id)

    # --- history ---
    def _load_history(self) -> None:
        if self.tabs.currentWidget() is not self.history_table:
            return
        code = self.current.code if self.current is not None else None
        if code is None:
            self.history.set_rows([])
            return
        if code == self._history_of:
            return
        api = self.ctx.api

        def show(entries: list[AuditRow]) -> None:
            if self.current is not None and self.current.code == code:
                self._history_of = code
                self.history.set_rows(entries)
                self.history_table.resizeRowsToContents()

        tasks.run(self, lambda: api.audit.list(entity="customer", entity_id=code),
                  on_success=show)

    def _action_name(self, action: str) -> str:
        return {"created": self.tr("created"), "updated": self.tr("changed"),
                "activated": self.tr("activated"), "deactivated": self.tr("deactivated"),
                "price_set": self.tr("own price")}.get(action, action)

    def _own_price_change(self, sku: str, old: str | None, new: str | None) -> str:
        """ "LPG-20: NT$850 → NT$800"; a price set or removed comes from or goes to the list."""
        def price(value: str | None) -> str:
            return self.tr("list price") if value in (None, "") else self.ctx.money(Decimal(value))
        return f"{sku}: {price(old)} → {price(new)}"

    def _describe_changes(self, entry: AuditRow) -> str:
        """One line a field: "Phone: 0912 345 678 → 0912 000 111" (new records: the values)."""
        lines = []
        order = list(self.form.fields)
        for field, (old, new) in sorted(entry.changes.items(), key=lambda change: (
                order.index(change[0]) if change[0] in order else len(order))):
            if field.startswith("price "):  # a customer's own price: "price LPG-20"
                lines.append(self._own_price_change(field.removeprefix("price "), old, new))
                continue
            if field == "active" or (old in (None, "") and new in (None, "")):
                continue  # the action says it; an empty field on a new record says nothing
            if field in _WINDOW_FIELDS:  # the delivery hours are kept as minutes
                field = _WINDOW_FIELDS[field]
                old, new = (hhmm(x) if isinstance(x, int) else x for x in (old, new))
            caption = self.form.caption(field) if field in self.form.fields else field
            caption = caption.rstrip(" :*：")
            if field == "phone":
                old, new = display_phone(old or ""), display_phone(new or "")
            elif field == "language":
                old, new = LANGUAGES.get(old, old), LANGUAGES.get(new, new)
            if old in (None, ""):
                lines.append(f"{caption}: {new}")
            else:
                lines.append(f"{caption}: {old} → {'—' if new in (None, '') else new}")
        return "\n".join(lines)

    # --- own prices ---
    def _price_product_name(self, v: CustomerPriceView) -> str:
        name = v.name_en if self.ctx.language == "en" and v.name_en else v.name_zh
        product = self._products.get(v.product_id)
        if product is not None and not product.active:
            return self.tr("{name} (not sold now)").format(name=name)
        return name

    def _list_price(self, product_id: int | None) -> Decimal | None:
        product = self._products.get(product_id)
        return product.price if product is not None else None

    def _show_prices_of(self, v: CustomerView | None) -> None:
        """The form shows ``v``: its own prices are loaded (now, or when the tab is opened)."""
        customer_id = v.id if v is not None else None
        if customer_id != self._prices_of:  # another customer: nothing typed for this one
            self._prices_of = customer_id
            self.prices.set_rows([])
            self.price_product.setCurrentIndex(-1)
            self.price_value.clear()
            self.price_form.clear_errors()
            self.price_status.clear()
        self._prices_loaded = False
        self._update_price_controls()
        self._load_prices()

    def _load_prices(self) -> None:
        if self.tabs.currentWidget() is not self.prices_page or self._prices_loaded:
            return
        # Only the newest load or change of the own prices is shown (key "prices").
        customer_id, api = self._prices_of, self.ctx.api
        if customer_id is None:
            tasks.forget(self, "prices")
            self._prices_loaded = True
            return

        def listed(own: OwnPrices) -> None:
            self._prices_listed(customer_id, own.prices, own.products)

        tasks.run(self, lambda: api.customers.own_prices(customer_id=customer_id),
                  key="prices", on_success=listed)

    def _prices_listed(self, customer_id: int, rows: Sequence[CustomerPriceView],
                       catalog: Sequence[ProductView] | None = None) -> None:
        if customer_id != self._prices_of:
            return  # for the customer shown before
        if catalog is not None:
            self._products = {p.id: p for p in catalog}
            self._fill_product_choice()
        self._prices_loaded = True
        chosen = self.price_product.currentData()
        self._listing_prices = True
        try:
            self.prices.set_rows(rows)
            select_row(self.prices_table, self.prices.find(lambda v: v.product_id == chosen))
        finally:
            self._listing_prices = False
        self._fit_price_columns()
        self._update_price_controls()

    def _fit_price_columns(self) -> None:
        """The panel is narrow: SKU and prices as wide as they need, the name gets the rest."""
        air = self.prices_table.fontMetrics().averageCharWidth() * 2
        for column in (0, 2, 3):
            self.prices_table.resizeColumnToContents(column)
            self.prices_table.setColumnWidth(column, self.prices_table.columnWidth(column) + air)

    def _fill_product_choice(self) -> None:
        """Every product that can be ordered, the chosen one kept."""
        chosen = self.price_product.currentData()
        self.price_product.blockSignals(True)
        self.price_product.clear()
        for p in sorted(self._products.values(), key=lambda p: p.sku):
            if p.active:
                self.price_product.addItem(f"{p.sku}  {p.name(self.ctx.language)}", p.id)
        self.price_product.setCurrentIndex(self.price_product.findData(chosen)
                                           if chosen is not None else -1)
        self.price_product.blockSignals(False)
        self._show_list_price()

    def _show_list_price(self) -> None:
        product_id = self.price_product.currentData()
        if product_id is None:
            self.list_price_hint.clear()
            return
        price = self._list_price(product_id)
        self.list_price_hint.setText(
            self.tr("List price today: {price}").format(price=self.ctx.money(price))
            if price is not None else self.tr("No list price today"))

    def _update_price_controls(self) -> None:
        if self._prices_of is None:
            self.prices_note.setText(self.tr(
                "Save the new customer first; then a manager can give them their own prices."))
        elif self._can_set_prices:
            self.prices_note.setText(self.tr(
                "Orders for this customer use these prices instead of the price list. Choose a "
                "row to change its price, or a product to give it one."))
        else:
            self.prices_note.setText(self.tr(
                "Orders for this customer use these prices instead of the price list. Only a "
                "manager can change them."))
        if self._can_set_prices:
            self.price_form.setEnabled(self._prices_of is not None)
            self.set_price_button.setEnabled(self._prices_of is not None)
            self.remove_price_button.setEnabled(self._chosen_price() is not None)

    def _chosen_price(self) -> CustomerPriceView | None:
        index = self.prices_table.currentIndex()
        return self.prices.row(index.row()) if index.isValid() else None

    def _price_row_chosen(self, *_indexes) -> None:
        chosen = self._chosen_price()
        if chosen is not None and self._can_set_prices and not self._listing_prices:
            number = self.price_product.findData(chosen.product_id)
            if number >= 0:
                self.price_product.setCurrentIndex(number)
            self.price_value.setText(self._money_text(chosen.price))
            self.price_form.clear_errors()
        self._update_price_controls()

    def set_price(self) -> None:
        """Give the customer their own price for the chosen product (Enter in the field)."""
        if not (self._can_set_prices and self.set_price_button.isEnabled()):
            return
        product_id = self.price_product.currentData()
        text = self.price_value.text().strip()
        self.price_status.clear()
        if product_id is None:
            self.price_form.show_errors(ValidationError({"product": DomainError(
                self.tr("Choose the product that gets the customer's own price."))}))
            return
        if not text:  # set_price would remove it: that is what Remove is for
            self.price_form.show_errors(ValidationError({"price": DomainError(
                self.tr("Type the customer's price. To charge the list price again, choose "
                        "the row and click Remove."))}))
            return
        self._change_price(product_id, text)

    def remove_price(self) -> None:
        """Remove the chosen row's own price: orders use the list price again."""
        chosen = self._chosen_price()
        if not self._can_set_prices or chosen is None or not self.remove_price_button.isEnabled():
            return
        self.price_status.clear()
        self._change_price(chosen.product_id, None)

    def _change_price(self, product_id: int, price: str | None) -> None:
        customer_id, api = self._prices_of, self.ctx.api
        self.price_form.clear_errors()

        def done(rows: list[CustomerPriceView]) -> None:
            self._history_of = None  # the change is in the customer's history now
            if customer_id != self._prices_of:
                return  # another customer is shown by now
            tasks.forget(self, "prices")  # newer than any load still on its way
            self._prices_listed(customer_id, rows)
            self._price_changed(product_id, rows)

        tasks.run(self, lambda: api.customers.set_price(
            customer_id=customer_id, product_id=product_id, price=price),
            on_success=done, on_error=self._price_failed,
            disable=self.set_price_button if price is not None else self.remove_price_button)

    def _price_changed(self, product_id: int, rows: list[CustomerPriceView]) -> None:
        product = self._products.get(product_id)
        sku = product.sku if product is not None else ""
        own = next((v for v in rows if v.product_id == product_id), None)
        listed = self._list_price(product_id)
        if own is not None:
            select_row(self.prices_table, self.prices.find(lambda v: v.product_id == product_id))
            self.price_status.show_ok(self.tr("{sku}: own price {price} set.").format(
                sku=sku, price=self.ctx.money(own.price)))
        else:
            self.price_value.clear()
            self.price_status.show_ok(
                self.tr("{sku}: own price removed; orders use the list price ({price}).")
                .format(sku=sku, price=self.ctx.money(listed))
                if listed is not None else
                self.tr("{sku}: own price removed.").format(sku=sku))

    def _price_failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.price_form, exc, details, reload=self._reload, stale_question=self.tr(
            "This customer was changed elsewhere. Reload the newer version? "
            "(Your input stays in the form if you say No.)"))
