"""Aging (managers): what every customer owes on open invoices, by how late it is.

The table has one row per customer with an open invoice: not yet due ("current"), 0–30,
31–60, 61–90 and over 90 days past the due date, and the total; click a column's header
to sort by it.  The totals row stays under the table, and the bar chart beside it shows
the five buckets.  "Export to Excel…" writes the table; "Export for the accountant…"
writes a month's invoices, credit notes and payments as Excel workbooks or CSV files.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import rules
from core.changes import Changes
from core.periods import Period
from core.queries.aging import AgingRow
from core.services.exports import (CASH_SALE_HEADER, CREDIT_NOTE_HEADER,
                                   DEPOSIT_LIABILITY_HEADER, DEPOSIT_RECEIPT_HEADER,
                                   INVOICE_HEADER, PAYMENT_HEADER, write_csv, write_xlsx)
from desktop import dialogs, errors, tasks
from desktop.widgets.export import export
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.rows import (RIGHT, VALUE_ROLE, WIDEST_AMOUNT, Column, RowsModel, make_table,
                                  set_widths)

RELOAD_ON = ("invoices", "payments")  # and the customers listed (their names, their invoices)
BUCKET_COLOURS = ("#6a9f6a", "#d9b44a", "#e08a3c", "#cf5a36", "#a32020")


def totals(rows: list[AgingRow]) -> AgingRow:
    def add(name: str) -> Decimal:
        return sum((getattr(r, name) for r in rows), Decimal(0))

    return AgingRow(0, "", "", add("current"), add("d0_30"), add("d31_60"), add("d61_90"),
                    add("d90_plus"), add("total"))


class _ByValue(QSortFilterProxyModel):
    """Sorts by each column's raw value (Decimal amounts, texts), not by the text shown."""

    def lessThan(self, left, right) -> bool:
        a, b = left.data(VALUE_ROLE), right.data(VALUE_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


class AccountantDialog(QDialog):
    """A month, and Excel or CSV: the invoices, credit notes and payments of that month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export for the accountant"))
        self.month = QDateEdit(QDate(rules.billing_period().start), self)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Excel workbooks (.xlsx)"), "xlsx")
        self.kind.addItem(self.tr("CSV files (.csv)"), "csv")
        form = QFormLayout()
        form.addRow(self.tr("&Month:"), self.month)
        form.addRow(self.tr("&Format:"), self.kind)
        hint = QLabel(self.tr("Four files are written side by side: the month's invoices, "
                              "credit notes, payments and cash sales."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def period(self) -> str:
        return str(Period.of(self.month.date().toPython()))


def write_accountant_files(api, period: str, kind: str, path: str, currency: str,
                           translate) -> list[str]:
    """The month's invoices, credit notes, payments, cash sales, cylinder deposit receipts
    and the deposits customers hold at the month's end next to ``path`` (its name plus
    "-invoices", "-credit-notes", "-payments", "-cash-sales", "-deposits",
    "-deposit-liability"), written on this workstation from the rows the api reads;
    returns the files written."""
    base = Path(path)
    stem = base.with_suffix("") if base.suffix.lower() == f".{kind}" else base
    month = Period.parse(period)
    parts = (("invoices", INVOICE_HEADER, api.reports.invoices_rows(period=period)),
             ("credit-notes", CREDIT_NOTE_HEADER, api.reports.credit_notes_rows(period=period)),
             ("payments", PAYMENT_HEADER,
              api.reports.payments_rows(start=month.start, end=month.end)),
             ("cash-sales", CASH_SALE_HEADER, api.reports.cash_sales_rows(period=period)),
             ("deposits", DEPOSIT_RECEIPT_HEADER,
              api.reports.deposit_receipts_rows(period=period)),
             ("deposit-liability", DEPOSIT_LIABILITY_HEADER,
              api.reports.deposit_liability_rows(at=month.end)))
    written = []
    for name, header, rows in parts:
        target = f"{stem}-{name}.{kind}"
        titles = [translate(h) for h in header]
        if kind == "xlsx":
            write_xlsx(target, titles, rows, title=f"{name} {period}", currency=currency)
        else:
            write_csv(target, titles, rows)
        written.append(target)
    return written


def money_axis(money):
    """A chart's axis of amounts as the company writes them: NT$450,000, not 450000."""
    import pyqtgraph as pg

    class MoneyAxis(pg.AxisItem):
        def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
            return [money(Decimal(round(v * scale))) for v in values]

    return MoneyAxis("left")


class AgingWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.accountant_dialog: AccountantDialog | None = None
        self.setWindowTitle(self.tr("Aging"))

        self.heading = QLabel(self.tr("Aging"), self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.as_of = QDateEdit(QDate(date.today()), self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        as_of_label = QLabel(self.tr("&As of:"), self)
        as_of_label.setBuddy(self.as_of)
        self.summary = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(24)
        top.addWidget(as_of_label)
        top.addWidget(self.as_of)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)

        money = self.ctx.money
        self.bucket_titles = (self.tr("Current"), self.tr("0–30 days"), self.tr("31–60 days"),
                              self.tr("61–90 days"), self.tr("90+ days"))
        columns = [
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Customer"), lambda r: r.name),
            *(self._bucket_column(title, name) for title, name in zip(
                self.bucket_titles, ("current", "d0_30", "d31_60", "d61_90", "d90_plus"))),
            Column(self.tr("Total"), lambda r: money(r.total), RIGHT, value=lambda r: r.total),
        ]
        self.rows = RowsModel(columns, self)
        self.proxy = _ByValue(self)
        self.proxy.setSourceModel(self.rows)
        self.table = make_table(self.rows, self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        widths = (6, 9, *[money(WIDEST_AMOUNT)] * 6)  # every column in view beside the chart
        set_widths(self.table, widths)
        self.total_row = RowsModel([Column(c.title, c.text, c.align) for c in columns], self,
                                   bold=lambda _r: True)
        self.totals_table = QTableView(self)
        self.totals_table.setModel(self.total_row)
        self.totals_table.horizontalHeader().hide()
        self.totals_table.verticalHeader().hide()
        self.totals_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.horizontalHeader().setStretchLastSection(True)
        row_height = self.table.verticalHeader().defaultSectionSize()
        self.totals_table.verticalHeader().setDefaultSectionSize(row_height)
        self.totals_table.setFixedHeight(row_height + 4)
        set_widths(self.totals_table, widths)
        self.table.horizontalHeader().sectionResized.connect(
            lambda n, _old, new: self.totals_table.setColumnWidth(n, new))

        self.chart = self._build_chart()
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.totals_table)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.status = MessageLabel(self)
        self.export_button = QPushButton(self.tr("Export to &Excel…"), self)
        self.export_button.clicked.connect(self.export_table)
        self.accountant_button = QPushButton(self.tr("Export for the a&ccountant…"), self)
        self.accountant_button.setToolTip(self.tr("A month's invoices, credit notes and "
                                                  "payments, as Excel or CSV"))
        self.accountant_button.clicked.connect(self.export_for_accountant)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.accountant_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    def _bucket_column(self, title: str, name: str) -> Column:
        def text(r: AgingRow) -> str:
            amount = getattr(r, name)
            return self.ctx.money(amount) if amount else ""

        return Column(title, text, RIGHT, value=lambda r: getattr(r, name))

    def _build_chart(self) -> QWidget:
        import pyqtgraph as pg

        plot = pg.PlotWidget(self, axisItems={"left": money_axis(self.ctx.money)})
        plot.setBackground(None)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(y=True, alpha=0.25)
        # Short ticks under the bars (the long titles collide in a narrow chart); the days
        # are said once, under the axis.
        axis = plot.getAxis("bottom")
        axis.setTicks([list(enumerate(self.chart_ticks()))])
        axis.setLabel(self.tr("days overdue"))
        self.bars = pg.BarGraphItem(x=list(range(5)), height=[0] * 5, width=0.6,
                                    brushes=[pg.mkBrush(c) for c in BUCKET_COLOURS],
                                    pens=[pg.mkPen(c) for c in BUCKET_COLOURS])
        plot.addItem(self.bars)
        plot.setXRange(-0.6, 4.6, padding=0)
        plot.setMinimumWidth(360)
        self.plot = plot
        return plot

    def chart_ticks(self) -> tuple[str, ...]:
        return (self.tr("current"), "0–30", "31–60", "61–90", "90+")

    # --- loading ---
    def refresh(self) -> None:
        api, as_of = self.ctx.api, self.as_of.date().toPython()
        tasks.run(self, lambda: api.reports.aging(as_of=as_of), key="aging",
                  on_success=self._loaded)

    def _loaded(self, rows: list[AgingRow]) -> None:
        chosen = self._chosen()
        self.rows.set_rows(rows)
        number = self.rows.find(lambda r: r.customer_id == chosen)
        if number is not None:  # the customer chosen before, in the order shown
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.rows.index(number, 0)))
        total = totals(rows)
        self.total_row.set_rows([AgingRow(0, self.tr("Total"), self.tr("{n} customer(s)")
                                          .format(n=len(rows)), *self.bucket_values(total),
                                          total.total)])
        heights = [float(v) for v in self.bucket_values(total)]
        self.bars.setOpts(height=heights)
        self.plot.setYRange(0, max(heights + [1.0]) * 1.1, padding=0)
        overdue = sum(self.bucket_values(total)[1:], Decimal(0))
        self.summary.setText(self.tr("{n} customer(s) owe {total}, {overdue} of it overdue")
                             .format(n=len(rows), total=self.ctx.money(total.total),
                                     overdue=self.ctx.money(overdue)))
        self.export_button.setEnabled(bool(rows))

    @staticmethod
    def bucket_values(row: AgingRow) -> tuple[Decimal, ...]:
        return row.current, row.d0_30, row.d31_60, row.d61_90, row.d90_plus

    def sorted_rows(self) -> list[AgingRow]:
        """The rows in the order the table shows them."""
        return [self.rows.row(self.proxy.mapToSource(self.proxy.index(n, 0)).row())
                for n in range(self.proxy.rowCount())]

    def _chosen(self) -> int | None:
        """The customer of the table's current row."""
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.rows.row(index.row()).customer_id if index.isValid() else None

    def _on_changed(self, changes: Changes) -> None:
        """Invoices, credit notes and payments (here or on another workstation), or a
        customer listed: the report again, its sort and the chosen customer kept."""
        if any(changes.touches(kind) for kind in RELOAD_ON) or any(
                changes.touches("customers", r.customer_id) for r in self.rows.rows):
            self.refresh()

    # --- exports ---
    def export_table(self) -> None:
        as_of = self.as_of.date().toPython()
        rows = self.sorted_rows()
        total = replace(totals(rows), code=self.tr("Total"))
        export(self, title=self.tr("Aging {day}").format(day=as_of.isoformat()),
               file_name=f"aging-{as_of.isoformat()}.xlsx", columns=self.rows.columns,
               fetch=lambda: [*rows, total], currency=self.ctx.company.currency,
               button=self.export_button)

    def export_for_accountant(self) -> None:
        dialog = self.accountant_dialog = AccountantDialog(self)
        if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        period, kind = dialog.period(), dialog.kind.currentData()
        name_filter = self.tr("Excel workbook (*.xlsx)") if kind == "xlsx" else \
            self.tr("CSV file (*.csv)")
        path = dialogs.save_file(self, self.tr("Export for the accountant"),
                                 f"accounts-{period}.{kind}", name_filter)
        if not path:
            return
        api, currency = self.ctx.api, self.ctx.company.currency
        self.status.clear()
        tasks.run(self, lambda: write_accountant_files(api, period, kind, path, currency,
                                                       errors.translate_core),
                  on_success=self._exported, on_error=self.status.on_error,
                  disable=self.accountant_button)

    def _exported(self, files: list[str]) -> None:
        self.status.show_ok(self.tr("Written: {files}").format(
            files=", ".join(Path(f).name for f in files)))
