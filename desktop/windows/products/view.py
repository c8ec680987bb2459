"""Products: the price list on the left, the chosen product's form and price history on the right.

Managers edit; everybody else reads.  A new price takes effect from the date
given with it, so orders already taken keep the price of their day.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.money import quantize
from core.services.products import UNIT_NAMES, PriceView, ProductInput, ProductView
from desktop import tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import RecordForm, save_failed, shortcut
from desktop.widgets.rows import (
    RIGHT,
    Column,
    RowsModel,
    fit_columns,
    make_table,
    select_row,
    set_widths,
)
from desktop.widgets.unsaved import Unsaved


def unit_name(unit: str) -> str:
    return QCoreApplication.translate("core", UNIT_NAMES.get(unit, unit))


def percent_text(rate: Decimal) -> str:
    """Decimal('0.0500') -> '5'."""
    return format((rate * 100).normalize(), "f")


class ProductsWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: ProductView | None = None  # the product in the form (None: a new one)
        self._can_edit = ctx.actor.can("manager")
        # the form as loaded or saved (a user who cannot edit has nothing to lose)
        self.unsaved = Unsaved(self, lambda: self._input() if self._can_edit else None)
        self.dirty = self.unsaved.dirty  # whether it holds input not saved
        self._selecting = False  # the table's selection is being set by the window itself
        self._first_load = True
        self.setWindowTitle(self.tr("Products"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([790, 250])  # at 1280×800 the list shows every column
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        if self._can_edit:
            shortcut(QKeySequence.StandardKey.New, self, self.new_product)
            shortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        ctx.events.changed.connect(self._on_changed)
        self._show(None)
        self.refresh()

    # --- building ---
    def _build_list(self) -> QWidget:
        panel = QWidget(self)
        money = self.ctx.money
        self.model = RowsModel([
            Column(self.tr("SKU"), lambda p: p.sku),
            Column(self.tr("Chinese name"), lambda p: p.name_zh),
            Column(self.tr("English name"), lambda p: p.name_en),
            Column(self.tr("Unit"), lambda p: unit_name(p.unit)),
            Column(self.tr("Today's price"), lambda p: money(p.price), RIGHT),
            Column(self.tr("Deposit"), lambda p: money(p.deposit), RIGHT),
            Column(self.tr("Tax rate"), self._tax_text, RIGHT),
            Column(self.tr("Weight"), lambda p: self.tr("{kg} kg").format(
                kg=f"{p.weight_kg.normalize():f}") if p.weight_kg is not None else "", RIGHT),
            Column(self.tr("Active"), lambda p: self.tr("yes") if p.active else self.tr("no")),
        ], self, muted=lambda p: not p.active)
        self.table = make_table(self.model, panel)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        return panel

    def _build_editor(self) -> QWidget:
        panel = QWidget(self)
        self.title = QLabel(panel)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        currency = self.ctx.company.currency

        form = self.form = RecordForm()
        self.sku = form.add_field("sku", self.tr("&SKU: *"), QLineEdit())
        self.sku.setMaxLength(40)
        self.name_zh = form.add_field("name_zh", self.tr("&Chinese name: *"), QLineEdit())
        self.name_zh.setMaxLength(120)
        self.name_en = form.add_field("name_en", self.tr("&English name:"), QLineEdit())
        self.name_en.setMaxLength(120)
        self.unit = form.add_field("unit", self.tr("&Unit:"), QComboBox())
        for unit in UNIT_NAMES:
            self.unit.addItem(unit_name(unit), unit)
        self.price = form.add_field("price", self.tr("&Price: *"), QLineEdit(),
                                    beside=QLabel(currency))
        self.price_from = form.add_field("price_from", self.tr("Price e&ffective from:"),
                                         QDateEdit())
        self.price_from.setCalendarPopup(True)
        self.price_from.setDisplayFormat("yyyy-MM-dd")
        self.tax_rate = form.add_field("tax_rate", self.tr("&Tax rate:"), QLineEdit(),
                                       beside=QLabel("%"))
        self.tax_rate.setPlaceholderText(self.tr("{rate} (company rate)").format(
            rate=percent_text(self.ctx.company.tax_rate)))
        self.tax_rate.setToolTip(self.tr("Leave blank to use the company's tax rate."))
        self.deposit = form.add_field("deposit", self.tr("&Deposit:"), QLineEdit(),
                                      beside=QLabel(currency))
        self.weight = form.add_field("weight_kg", self.tr("&Weight:"), QLineEdit(),
                                     beside=QLabel(self.tr("kg")))
        self.weight.setToolTip(self.tr("What one unit weighs on a truck, e.g. 36 for a full "
                                       "20 kg cylinder; blank for a service."))
        self.active = form.add_field("active", self.tr("Status:"),
                                     QCheckBox(self.tr("&Active: can be ordered")))
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.table.setFocus)

        self.history = RowsModel([
            Column(self.tr("Effective from"), lambda p: p.effective_from.isoformat()),
            Column(self.tr("Price"), lambda p: self.ctx.money(p.price), RIGHT),
        ], self, bold=self._is_current_price)
        self.history_table = make_table(self.history, panel)
        set_widths(self.history_table, (14, 12))
        self.history_table.horizontalHeader().setStretchLastSection(False)
        history_label = QLabel(self.tr("Price &history (the current price in bold):"), panel)
        history_label.setBuddy(self.history_table)

        self.new_button = QPushButton(self.tr("New"), panel)
        self.new_button.setToolTip(self.tr("Start a new product (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_product)
        self.save_button = QPushButton(self.tr("Save"), panel)
        self.save_button.setToolTip(self.tr("Save (Enter or Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.status = MessageLabel(panel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.read_only_note = QLabel(self.tr("Only a manager can change products and prices."),
                                     panel)
        if self._can_edit:
            self.read_only_note.hide()
        else:
            form.set_read_only(True)
            form.set_field_visible("price_from", False)  # a date for a new price: not for readers
            for button in (self.new_button, self.save_button):
                button.setEnabled(False)
                button.hide()

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.read_only_note)
        layout.addWidget(form)
        layout.addWidget(history_label)
        layout.addWidget(self.history_table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        return panel

    def _tax_text(self, p: ProductView) -> str:
        if p.tax_rate is None:
            return self.tr("company rate")
        return f"{percent_text(p.tax_rate)} %"

    def _is_current_price(self, price: PriceView) -> bool:
        if self.current is None:
            return False
        today = date.today()
        return price.effective_from == max(
            (p.effective_from for p in self.current.prices if p.effective_from <= today),
            default=None)

    # --- the list ---
    def refresh(self) -> None:
        api = self.ctx.api
        tasks.run(self, lambda: api.products.list(), on_success=self._show_list)

    def _show_list(self, rows: list[ProductView]) -> None:
        keep = self.current.id if self.current is not None else None
        self._selecting = True
        try:
            self.model.set_rows(rows)
            fit_columns(self.table)
            number = self.model.find(lambda p: p.id == keep)
            if number is None and self._first_load and rows:
                number = 0
            select_row(self.table, number)
        finally:
            self._selecting = False
        self._first_load = False
        if number is not None and not self.dirty():
            self._show(self.model.row(number))

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        product = self.model.row(current.row())
        if self.current is not None and product.id == self.current.id:
            return
        if not self.unsaved.confirm():
            self._selecting = True
            try:
                self.table.setCurrentIndex(previous)
            finally:
                self._selecting = False
            return
        self._show(product)

    # --- the form ---
    def new_product(self) -> None:
        if self.unsaved.confirm():
            self._selecting = True
            try:
                select_row(self.table, None)
            finally:
                self._selecting = False
            self._show(None)
            self.status.clear()
            self.sku.setFocus()

    def _money_text(self, amount: Decimal | None) -> str:
        return "" if amount is None else format(quantize(amount, self.ctx.company.currency), "f")

    def _show(self, v: ProductView | None) -> None:
        self.current = v
        self.sku.setText(v.sku if v else "")
        self.name_zh.setText(v.name_zh if v else "")
        self.name_en.setText(v.name_en if v else "")
        self.unit.setCurrentIndex(max(0, self.unit.findData(v.unit if v else "cylinder")))
        self.price.setText(self._money_text(v.price) if v else "")
        self.price_from.setDate(QDate.currentDate())
        self.tax_rate.setText(percent_text(v.tax_rate) if v and v.tax_rate is not None else "")
        self.deposit.setText(self._money_text(v.deposit if v else Decimal(0)))
        self.weight.setText(f"{v.weight_kg.normalize():f}" if v and v.weight_kg is not None
                            else "")
        self.active.setChecked(v.active if v else True)
        self.unsaved.clean()
        self.form.clear_errors()
        self.title.setText(f"{v.sku}  {v.name(self.ctx.language)}" if v else self.tr("New product"))
        self.history.set_rows(sorted(v.prices, key=lambda p: p.effective_from, reverse=True)
                              if v else [])

    def _input(self) -> ProductInput:
        return ProductInput(
            sku=self.sku.text(), name_zh=self.name_zh.text(), name_en=self.name_en.text(),
            unit=self.unit.currentData(), price=self.price.text().strip() or None,
            price_from=self.price_from.date().toPython(), tax_rate=self.tax_rate.text().strip(),
            deposit=self.deposit.text().strip() or "0", active=self.active.isChecked(),
            weight_kg=self.weight.text().strip() or None)

    def save(self) -> None:
        if not (self._can_edit and self.save_button.isEnabled()):
            return
        data = self._input()
        product_id = self.current.id if self.current is not None else None
        version = self.current.version if self.current is not None else None
        api = self.ctx.api
        self.form.clear_errors()
        self.status.clear()
        tasks.run(self, lambda: api.products.save(data=data, product_id=product_id,
                                                  version=version),
                  on_success=self._saved, on_error=self._save_failed, disable=self.save_button)

    def _saved(self, view: ProductView) -> None:
        self._show(view)
        self._selecting = True
        try:
            number = self.model.find(lambda p: p.id == view.id)
            if number is None:
                number = len(self.model.rows)
                self.model.insert(number, view)
            else:
                self.model.replace(number, view)
            select_row(self.table, number)
        finally:
            self._selecting = False
        self.status.show_ok(self.tr("Saved {sku}.").format(sku=view.sku))

    def _save_failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.form, exc, details, reload=self._reload, stale_question=self.tr(
            "This product was changed elsewhere. Reload the newer version? "
            "(Your input stays in the form if you say No.)"))

    def _reload(self) -> None:
        if self.current is not None:
            api, product_id = self.ctx.api, self.current.id
            tasks.run(self, lambda: api.products.get(product_id=product_id),
                      on_success=self._show)

    def _on_changed(self, changes: Changes) -> None:
        """Products changed (here or on another workstation): the list again, the chosen
        row kept, the form too unless it holds unsaved input."""
        if changes.touches("products"):
            self.refresh()
