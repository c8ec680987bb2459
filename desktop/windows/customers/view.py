"""Customers: as-you-type search on the left, the chosen customer's form on the right.

Keys: type in the search box, Down/Up move in the results, Enter opens the
customer in the form; Enter (or Ctrl+S) in the form saves, Esc goes back to
the search box; Ctrl+N starts a new customer, Ctrl+F goes to the search box.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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

from core.money import quantize
from core.queries import customers as customer_queries
from core.queries.customers import CustomerRow
from core.services import audit, customers
from core.services.customers import CustomerInput, CustomerView
from desktop import dialogs, tasks
from desktop.i18n import LANGUAGES
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import RecordForm, confirm_discard, save_failed, shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 50
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CustomersWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: CustomerView | None = None  # the customer in the form (None: a new one)
        self._loaded: CustomerInput | None = None  # the form as loaded: what "unchanged" means
        self._search_seq = 0
        self._history_of: str | None = None
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

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        self.search_box.textChanged.connect(self._search_timer.start)
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
        self.tabs.currentChanged.connect(self._load_history)

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
        self._search_timer.stop()
        self._search_seq += 1
        seq, query = self._search_seq, self.search_box.text()
        engine, inactive = self.ctx.engine, self.show_inactive.isChecked()
        tasks.run(self, lambda: customer_queries.search(
            engine, query, limit=SEARCH_LIMIT, include_inactive=inactive),
            on_success=lambda rows: self._show_results(seq, rows))

    def _show_results(self, seq: int, rows: list[CustomerRow]) -> None:
        if seq != self._search_seq:
            return  # an older query answered late: a newer one is on its way
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
        if not confirm_discard(self, self.dirty()):
            self._select_current()
            return
        engine = self.ctx.engine

        def show(view: CustomerView) -> None:
            self._show(view)
            self.name.setFocus()

        tasks.run(self, lambda: customers.get(engine, customer_id), on_success=show)

    def new_customer(self) -> None:
        if confirm_discard(self, self.dirty()):
            self._clear_form()
            self.tabs.setCurrentIndex(0)
            self.name.setFocus()

    def dirty(self) -> bool:
        """Whether the form holds input that is not saved."""
        return self._input() != self._loaded

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
        self.contact.setText(v.contact_person if v else "")
        self.terms.setValue(v.payment_terms_days if v else 30)
        self.credit_limit.setText(self._money_text(v.credit_limit if v else Decimal(0)))
        self.language.setCurrentIndex(max(0, self.language.findData(v.language if v else "zh_TW")))
        self.notes.setPlainText(v.notes if v else "")
        self._loaded = self._input()
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
            contact_person=self.contact.text(), payment_terms_days=self.terms.value(),
            credit_limit=self.credit_limit.text() if self.credit_limit.isEnabled() else None,
            language=self.language.currentData(), notes=self.notes.toPlainText(), active=active)

    def save(self) -> None:
        self._save()

    def _save(self, active: bool | None = None) -> None:
        """Save the form; ``active`` also activates or deactivates the customer."""
        if not self.save_button.isEnabled():
            return  # a save is already on its way
        data = self._input(active)
        customer_id = self.current.id if self.current is not None else None
        version = self.current.version if self.current is not None else None
        engine, actor = self.ctx.engine, self.ctx.actor
        self.form.clear_errors()
        self.status.clear()
        tasks.run(self, lambda: customers.save(engine, actor, data, customer_id=customer_id,
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
        self.ctx.changed("customer", source=self)

    def _save_failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.form, exc, details, reload=self._reload, stale_question=self.tr(
            "This customer was changed elsewhere. Reload the newer version? "
            "(Your input stays in the form if you say No.)"))

    def _reload(self) -> None:
        if self.current is not None:
            engine, customer_id = self.ctx.engine, self.current.id
            tasks.run(self, lambda: customers.get(engine, customer_id), on_success=self._show)

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

    def _on_changed(self, what: set, source=None) -> None:
        if "customer" in what and source is not self:
            self.refresh()

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
        engine = self.ctx.engine

        def show(entries: list[audit.AuditRow]) -> None:
            if self.current is not None and self.current.code == code:
                self._history_of = code
                self.history.set_rows(entries)
                self.history_table.resizeRowsToContents()

        tasks.run(self, lambda: audit.list_entries(engine, entity="customer", entity_id=code),
                  on_success=show)

    def _action_name(self, action: str) -> str:
        return {"created": self.tr("created"), "updated": self.tr("changed"),
                "activated": self.tr("activated"),
                "deactivated": self.tr("deactivated")}.get(action, action)

    def _describe_changes(self, entry: audit.AuditRow) -> str:
        """One line a field: "Phone: 0912 345 678 → 0912 000 111" (new records: the values)."""
        lines = []
        order = list(self.form.fields)
        for field, (old, new) in sorted(entry.changes.items(), key=lambda change: (
                order.index(change[0]) if change[0] in order else len(order))):
            if field == "active" or (old in (None, "") and new in (None, "")):
                continue  # the action says it; an empty field on a new record says nothing
            caption = self.form.caption(field) if field in self.form.fields else field
            caption = caption.rstrip(" :*：")
            if field == "phone":
                old, new = customers.display_phone(old or ""), customers.display_phone(new or "")
            elif field == "language":
                old, new = LANGUAGES.get(old, old), LANGUAGES.get(new, new)
            if old in (None, ""):
                lines.append(f"{caption}: {new}")
            else:
                lines.append(f"{caption}: {old} → {'—' if new in (None, '') else new}")
        return "\n".join(lines)
