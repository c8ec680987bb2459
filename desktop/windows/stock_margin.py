"""Margin… (from the Cylinder stock window): per size in a month (last month unless
chosen), the full cylinders bought from the filling plant and their cost per kg against
the cylinders delivered and their amount without tax (``core.services.stock.margin``),
the margin and the margin per kg; Export to Excel writes the table as shown.  The table
follows stock changes (purchases, deliveries) made here or elsewhere.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core import rules
from core.changes import Changes
from core.money import format_number
from core.services.stock import MarginRow
from desktop import tasks
from desktop.widgets.export import export
from desktop.widgets.formkit import HEADING, MessageLabel, bold_label
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, set_widths

RELOAD_ON = ("stock",)  # purchases and deliveries both write stock documents


def per_kg_margin(r: MarginRow) -> Decimal | None:
    if r.sales_per_kg is None or r.cost_per_kg is None:
        return None
    return r.sales_per_kg - r.cost_per_kg


def whole_or_text(value: Decimal, text: str) -> int | str:
    """A count or weight for the workbook: a number when whole, else the digits shown
    (a Decimal would take the money format's decimals)."""
    return int(value) if value == value.to_integral_value() else text


class MarginDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Margin per size"))
        heading = bold_label(self.tr("Margin per size"), self, HEADING)
        self.month = QDateEdit(QDate(rules.billing_period().start), self)  # last month
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        month_label = QLabel(self.tr("&Month:"), self)
        month_label.setBuddy(self.month)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(month_label)
        top.addWidget(self.month)

        def number(value: Decimal | int | None) -> str:
            return "" if value is None else format_number(value, ctx.language)

        def money(value: Decimal | None) -> str:
            return "—" if value is None else ctx.money(value)

        def kg(value: Decimal) -> str:
            return number(value.normalize()) if value else "0"

        self.rows = RowsModel([
            Column(self.tr("Size"), lambda r: r.sku),
            Column(self.tr("Bought"), lambda r: number(r.purchased), RIGHT,
                   value=lambda r: r.purchased),
            Column(self.tr("Bought kg"), lambda r: kg(r.purchased_kg), RIGHT,
                   value=lambda r: whole_or_text(r.purchased_kg, kg(r.purchased_kg))),
            Column(self.tr("Cost"), lambda r: money(r.cost), RIGHT, value=lambda r: r.cost),
            Column(self.tr("Cost per kg"), lambda r: number(r.cost_per_kg), RIGHT),
            Column(self.tr("Sold"), lambda r: number(r.sold.normalize()), RIGHT,
                   value=lambda r: whole_or_text(r.sold, number(r.sold.normalize()))),
            Column(self.tr("Sold kg"), lambda r: kg(r.sold_kg), RIGHT,
                   value=lambda r: whole_or_text(r.sold_kg, kg(r.sold_kg))),
            Column(self.tr("Sales"), lambda r: money(r.sales), RIGHT, value=lambda r: r.sales),
            Column(self.tr("Sales per kg"), lambda r: number(r.sales_per_kg), RIGHT),
            Column(self.tr("Margin"), lambda r: money(r.margin), RIGHT,
                   value=lambda r: r.margin),
            Column(self.tr("Margin per kg"), lambda r: number(per_kg_margin(r)), RIGHT),
        ], self, key=lambda r: r.product_id)
        self.table = make_table(self.rows, self)
        set_widths(self.table, (10, 7, 9, 12, 9, 7, 9, 12, 9, 12, 9))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        note = QLabel(self.tr("Cost: the month's purchases from the filling plant. Sales: the "
                              "cylinders delivered that month, without tax. Margin: sales − "
                              "kg sold × the month's cost per kg (none without a purchase)."),
                      self)
        note.setWordWrap(True)
        note.setEnabled(False)
        self.status = MessageLabel(self)
        self.export_button = QPushButton(self.tr("Export to &Excel…"), self)
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export_table)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(note)
        layout.addLayout(bottom)
        self.resize(1100, 420)

        self.month.dateChanged.connect(lambda _d: self.refresh())
        ctx.events.changed.connect(self._on_changed)
        self.refresh()
        self.month.setFocus()

    def period(self) -> str:
        return self.month.date().toPython().strftime("%Y-%m")

    def refresh(self) -> None:
        api, month = self.ctx.api, self.period()
        self.status.clear()
        tasks.run(self, lambda: api.stock.margin(month=month), key="margin",
                  on_success=self._loaded, on_error=lambda exc, details: self.status.on_error(
                      exc, details))

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    def _loaded(self, rows: list[MarginRow]) -> None:
        self.rows.set_rows(rows)
        self.export_button.setEnabled(bool(rows))
        if not rows:
            self.summary.setText(self.tr("Nothing bought or delivered in {month}.").format(
                month=self.period()))
            return
        cost = sum((r.cost for r in rows), Decimal(0))
        sales = sum((r.sales for r in rows), Decimal(0))
        margin = sum((r.margin for r in rows if r.margin is not None), Decimal(0))
        self.summary.setText(self.tr("{month}: bought for {cost}, sold for {sales}, margin "
                                     "{margin}").format(month=self.period(),
                                                        cost=self.ctx.money(cost),
                                                        sales=self.ctx.money(sales),
                                                        margin=self.ctx.money(margin)))

    def export_table(self) -> None:
        month, rows = self.period(), list(self.rows.rows)
        export(self, title=self.tr("Margin {month}").format(month=month),
               file_name=f"margin-{month}.xlsx", columns=self.rows.columns,
               fetch=lambda: rows, currency=self.ctx.company.currency,
               button=self.export_button)
