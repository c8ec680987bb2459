"""Uniform invoices (clerks): the 統一發票 issued, their allowances, the number ranges and
what waits to be reported to the Ministry's platform.

- **Invoices**: a two-month period's uniform invoices (the current period first), found
  by number, customer or document as you type; "Print proof…" (Ctrl+P) previews and
  prints the printed proof of the chosen one (none for a carrier or a donation; a
  consumer's second print is a reprint, 補印, and is asked first).
- **Allowances** (折讓證明單): a business's allowance waits for the buyer's signed
  confirmation before it is reported; a manager records it ("Buyer confirmed") or voids
  an allowance with a reason.
- **Number ranges**: the ranges the tax office allotted, per period, with how much of each
  is used; a red line when the current period has no range or is 90 % used; a manager
  adds a range.
- **Reporting**: the messages not yet written into the Turnkey's folder, how many are past
  their deadline, and the next deadline.

While uniform invoices are off in Settings a banner says so (the menu lists the window
for every clerk: it cannot depend on a setting).  Keys: Ctrl+F finds an invoice, Ctrl+P
prints its proof, F5 reloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import uniform
from core.changes import Changes
from core.services.einvoice import (AllowanceRow, Backlog, RangeView, UniformInvoiceRow,
                                    Usage)
from core.services.settings import CompanySettings
from desktop import dialogs, tasks
from desktop.i18n import local_time
from desktop.widgets.action import FormDialog
from desktop.widgets.formkit import ERROR_STYLE, HEADING, MessageLabel, bold_label
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.widgets.records import shortcut
from desktop.widgets.rows import (RIGHT, WIDEST_AMOUNT, Column, RowsModel, make_table,
                                  select_row, set_widths)
from desktop.widgets.usebar import UsedBarDelegate

RELOAD_ON = ("einvoices", "settings")
LIMIT = 5000  # the invoices of a period listed at most (a busy distributor's two months)
INVOICES, ALLOWANCES, RANGES, REPORTING = range(4)
PERIODS_BACK = 12  # the periods offered before the current one (two years)
AHEAD_DAYS = 20  # from this many days before a period ends, its successor needs a range
BANNER_STYLE = ("background: #fff4ce; color: #4d3b00; border: 1px solid #e3c65a;"
                " border-radius: 4px; padding: 8px 12px; font-weight: bold;")
WARNING_STYLE = ERROR_STYLE + " font-weight: bold;"
AMBER_STYLE = "color: #8a5a00; font-weight: bold;"
_ALERT = QColor("#b3261e")


def previous_period(period: int) -> int:
    return uniform.period_of(uniform.period_start(period) - timedelta(days=1))


def period_name(period: int, language: str) -> str:
    """115年11-12月 in Chinese, "Nov–Dec 2026" in English."""
    if language.startswith("zh"):
        return uniform.period_label(period)
    year, month = divmod(period, 100)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    first, second = (english.monthName(m, QLocale.FormatType.ShortFormat)
                     for m in (month, month + 1))
    return f"{first}–{second} {year}"


def typed_period(period: int, language: str) -> str:
    """A period as a manager types it: 115-11 (ROC) in Chinese, 2026-11 in English."""
    year, month = divmod(period, 100)
    return f"{year - 1911}-{month:02d}" if language.startswith("zh") else f"{year}-{month:02d}"


def shown_number(number: str) -> str:
    """AB12345678 as printed: AB-12345678."""
    return f"{number[:2]}-{number[2:]}" if len(number) == 10 else number


def percent(used: int, total: int) -> int:
    return used * 100 // total if total else 0


@dataclass(frozen=True)
class PeriodRow:
    """A period's line above its ranges in the ranges table: all its ranges together."""

    period: int
    total: int
    used: int

    @property
    def id(self) -> str:  # the key that keeps it chosen across reloads
        return f"period-{self.period}"


@dataclass(frozen=True)
class Overview:
    """What the window shows besides the period's invoices, loaded together."""

    company: CompanySettings
    ranges: list[RangeView]
    current: Usage
    following: Usage  # the next period's (a range entered ahead of time)
    allowances: list[AllowanceRow]
    backlog: Backlog


class AddRangeDialog(FormDialog):
    """A range the tax office allotted (a manager): the period, the track and its first and
    last number; a refused field keeps what was typed, with the reason under it."""

    def __init__(self, ctx, period: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Add a number range"))
        heading = QLabel(self.tr(
            "The numbers the tax office allotted for a two-month period (字軌號碼), in books "
            "of 50: a range starts at …00 or …50 and ends at …49 or …99."), self)
        heading.setWordWrap(True)
        self.period = self.form.add_field("period", self.tr("&Period: *"), QLineEdit())
        self.period.setText(typed_period(period, ctx.language))
        self.period.setPlaceholderText(self.tr("e.g. 115-11 or 2026-11"))
        self.period.setMaxLength(10)
        self.track = self.form.add_field("track", self.tr("&Track: *"), QLineEdit())
        self.track.setPlaceholderText(self.tr("two capital letters, e.g. AB"))
        self.track.setMaxLength(2)
        self.first = self.form.add_field("first", self.tr("&First number: *"), QLineEdit())
        self.first.setPlaceholderText(self.tr("8 digits, e.g. 10000000"))
        self.last = self.form.add_field("last", self.tr("&Last number: *"), QLineEdit())
        self.last.setPlaceholderText(self.tr("8 digits, e.g. 10000049"))
        for field in (self.first, self.last):
            field.setMaxLength(8)
        self.save_button = self.add_submit_button(self.tr("Add range"))
        self.lay_out(heading, self.form, width=460)
        self.period.setFocus()
        self.period.selectAll()

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return  # the first submit is on its way
        api = self.ctx.api
        data = {"period": self.period.text().strip(), "track": self.track.text().strip(),
                "first": self.first.text().strip(), "last": self.last.text().strip()}
        self._call(lambda: api.einvoice.add_range(**data), self.save_button)


class VoidAllowanceDialog(FormDialog):
    """Void an allowance (a manager), with the reason; Enter submits."""

    def __init__(self, ctx, allowance: AllowanceRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.allowance = allowance
        self.setWindowTitle(self.tr("Void allowance {number}").format(number=allowance.number))
        reported = allowance.status == "confirmed"
        heading = self.heading = QLabel((self.tr(
            "Allowance {number} ({amount}, uniform invoice {invoice}) has been reported: the "
            "platform is told it is void.") if reported else self.tr(
            "Allowance {number} ({amount}, uniform invoice {invoice}) has not been reported; "
            "it is voided here only.")).format(
            number=allowance.number, amount=ctx.money(allowance.untaxed + allowance.tax),
            invoice=shown_number(allowance.uniform_invoice))
            + " " + self.tr("The customer's credit note stays as it is."), self)
        heading.setWordWrap(True)
        self.reason = self.form.add_field("reason", self.tr("&Reason: *"), QLineEdit())
        self.reason.setMaxLength(200)
        self.void_button = self.add_submit_button(self.tr("Void allowance"))
        self.lay_out(heading, self.form, width=460)
        self.reason.setFocus()

    def submit(self) -> None:
        if not self.void_button.isEnabled():
            return  # the first submit is on its way
        api, number, reason = self.ctx.api, self.allowance.number, self.reason.text()
        self._call(lambda: api.einvoice.void_allowance(number=number, reason=reason),
                   self.void_button)


class EInvoicesWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: Overview | None = None
        self.all_invoices: list[UniformInvoiceRow] = []
        self.range_dialog: AddRangeDialog | None = None
        self.void_dialog: VoidAllowanceDialog | None = None
        self.preview_dialog: PrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("Uniform invoices"))
        manager = ctx.actor.can("manager")

        self.heading = bold_label(self.tr("Uniform invoices"), self, HEADING)
        self.usage_label = QLabel(self)  # the current period's numbers, on every tab
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.usage_label)
        self.banner = QLabel(self.tr("Uniform invoices are off: an administrator turns them "
                                     "on in Settings."), self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._invoices_tab(), self.tr("&Invoices"))
        self.tabs.addTab(self._allowances_tab(manager), self.tr("A&llowances"))
        self.tabs.addTab(self._ranges_tab(manager), self.tr("&Number ranges"))
        self.tabs.addTab(self._reporting_tab(), self.tr("&Reporting"))
        self.status = MessageLabel(self)
        self.keys = QLabel(self.tr("Ctrl+F: find an invoice · Ctrl+P: print its proof · "
                                   "F5: reload"), self)
        self.keys.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)

        shortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        shortcut("F5", self, self.refresh)
        shortcut(QKeySequence.StandardKey.Print, self, self._print_key)
        shortcut(QKeySequence.StandardKey.Find, self, self._find_key)
        ctx.events.changed.connect(self._on_changed)
        self._fill_periods([])
        self._invoice_chosen()
        self._allowance_chosen()
        self.refresh()

    # --- building ---
    def _invoices_tab(self) -> QWidget:
        page = QWidget(self)
        self.period_box = QComboBox(page)
        self.period_box.setMinimumContentsLength(12)
        period_label = QLabel(self.tr("P&eriod:"), page)
        period_label.setBuddy(self.period_box)
        self.find = QLineEdit(page)
        self.find.setPlaceholderText(self.tr("number, customer, buyer or document"))
        self.find.setClearButtonEnabled(True)
        self.find.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
        find_label = QLabel(self.tr("Fin&d:"), page)
        find_label.setBuddy(self.find)
        self.invoice_summary = QLabel(page)
        row = QHBoxLayout()
        row.addWidget(period_label)
        row.addWidget(self.period_box)
        row.addSpacing(12)
        row.addWidget(find_label)
        row.addWidget(self.find)
        row.addStretch(1)
        row.addWidget(self.invoice_summary)

        money = self.ctx.money
        self.invoices = RowsModel([
            Column(self.tr("Number"), lambda r: shown_number(r.number)),
            Column(self.tr("Date"), lambda r: f"{r.invoice_date.isoformat()} "
                                              f"{r.invoice_time[:5]}",
                   value=lambda r: r.invoice_date),
            Column(self.tr("Customer"), lambda r: f"{r.customer_code} {r.buyer_name}".strip()),
            Column(self.tr("Buyer"), self._buyer_text, tip=self._buyer_tip),
            Column(self.tr("Untaxed"), lambda r: money(r.untaxed), RIGHT,
                   value=lambda r: r.untaxed),
            Column(self.tr("Tax"), lambda r: money(r.tax), RIGHT, value=lambda r: r.tax),
            Column(self.tr("Total"), lambda r: money(r.total), RIGHT, value=lambda r: r.total),
            Column(self.tr("Status"), lambda r: self.tr("Void") if r.status == "void"
                   else self.tr("Issued")),
            Column(self.tr("Proof"), self._proof_text),
            Column(self.tr("Document"), lambda r: r.source),
            Column(self.tr("Reported"), lambda r: self.tr("Yes") if r.reported
                   else self.tr("Waiting")),
        ], self, muted=lambda r: r.status == "void")
        self.invoices_table = make_table(self.invoices, page)
        widest = money(WIDEST_AMOUNT)
        set_widths(self.invoices_table, (
            "AB-00000000", "0000-00-00 00:00", 13,
            self.tr("Carrier {carrier}").format(carrier="/ABC+123"), widest,
            money(Decimal(99_999)), widest, self.tr("Issued"), self.tr("Not printed"),
            "INV-0000-000000", self.tr("Waiting")))

        self.print_button = QPushButton(self.tr("&Print proof…"), page)
        self.print_button.clicked.connect(self.print_proof)
        self.invoice_note = QLabel(page)
        self.invoice_note.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.invoice_note, 1)

        column = QVBoxLayout(page)
        column.addLayout(row)
        column.addWidget(self.invoices_table, 1)
        column.addLayout(buttons)
        self.period_box.currentIndexChanged.connect(lambda _n: self.load_invoices())
        self.find.textChanged.connect(lambda _t: self._show_invoices())
        self.invoices_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._invoice_chosen())
        return page

    def _allowances_tab(self, manager: bool) -> QWidget:
        page = QWidget(self)
        legend = QLabel(self.tr(
            "An allowance (折讓證明單) takes an amount off a uniform invoice after its filing "
            "deadline, or for part of it. A business's allowance is reported once the buyer "
            "has signed it; a consumer's at once."), page)
        legend.setWordWrap(True)
        legend.setEnabled(False)
        money = self.ctx.money
        widest = money(WIDEST_AMOUNT)
        self.allowances = RowsModel([
            Column(self.tr("Allowance"), lambda a: a.number),
            Column(self.tr("Date"), lambda a: a.allowance_date.isoformat(),
                   value=lambda a: a.allowance_date),
            Column(self.tr("Uniform invoice"), lambda a: shown_number(a.uniform_invoice)),
            Column(self.tr("Buyer"), lambda a: self.tr("Business") if a.b2b
                   else self.tr("Consumer")),
            Column(self.tr("Untaxed"), lambda a: money(a.untaxed), RIGHT,
                   value=lambda a: a.untaxed),
            Column(self.tr("Tax"), lambda a: money(a.tax), RIGHT, value=lambda a: a.tax),
            Column(self.tr("Total"), lambda a: money(a.untaxed + a.tax), RIGHT,
                   value=lambda a: a.untaxed + a.tax),
            Column(self.tr("Status"), self._allowance_state),
            Column(self.tr("Reason"), lambda a: a.reason.replace("\n", " ")),
        ], self, muted=lambda a: a.status == "void", bold=lambda a: a.status == "issued")
        self.allowances_table = make_table(self.allowances, page)
        set_widths(self.allowances_table, ("AW-0000-000000", "0000-00-00", "AB-00000000", 8,
                                           widest, money(Decimal(99_999)), widest, 26))
        self.confirm_button = QPushButton(self.tr("Buyer &confirmed"), page)
        self.confirm_button.setToolTip(self.tr("Managers: the business buyer has signed the "
                                               "allowance; it is reported"))
        self.confirm_button.clicked.connect(self.confirm_allowance)
        self.void_button = QPushButton(self.tr("&Void allowance…"), page)
        self.void_button.setToolTip(self.tr("Managers: void an allowance the buyer refused or "
                                            "that was made in error"))
        self.void_button.clicked.connect(self.void_allowance)
        for button in (self.confirm_button, self.void_button):
            button.setVisible(manager)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.addWidget(legend)
        column.addWidget(self.allowances_table, 1)
        column.addLayout(buttons)
        self.allowances_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._allowance_chosen())
        return page

    def _ranges_tab(self, manager: bool) -> QWidget:
        page = QWidget(self)
        self.range_warning = QLabel(page)
        self.range_warning.setWordWrap(True)
        self.ranges = RowsModel([
            Column(self.tr("Period"), self._range_period),
            Column(self.tr("Track"), lambda r: "" if isinstance(r, PeriodRow) else r.track),
            Column(self.tr("First number"), lambda r: "" if isinstance(r, PeriodRow)
                   else shown_number(r.first_number)),
            Column(self.tr("Last number"), lambda r: "" if isinstance(r, PeriodRow)
                   else shown_number(r.last_number)),
            # The bar on the period's line: one range used up is as it should be.
            Column(self.tr("Used"), self._used_text,
                   value=lambda r: r.used / r.total if isinstance(r, PeriodRow) and r.total
                   else None),
            Column(self.tr("Left"), lambda r: str((r.total if isinstance(r, PeriodRow)
                                                   else r.size) - r.used), RIGHT),
            Column(self.tr("State"), self._range_state),
        ], self, bold=lambda r: isinstance(r, PeriodRow),
            muted=lambda r: isinstance(r, RangeView) and r.closed)
        self.ranges_table = make_table(self.ranges, page)
        self.ranges_table.setItemDelegateForColumn(4, UsedBarDelegate(self.ranges_table))
        set_widths(self.ranges_table, (16, 6, "AB-00000000", "AB-00000000",
                                       "00000 / 00000 (100 %)", "00000"))
        self.ranges_table.setColumnWidth(4, self.ranges_table.columnWidth(4)
                                         + UsedBarDelegate.BAR_WIDTH + 6)
        self.add_range_button = QPushButton(self.tr("A&dd range…"), page)
        self.add_range_button.setToolTip(self.tr("Managers: enter the numbers the tax office "
                                                 "allotted for a period"))
        self.add_range_button.clicked.connect(self.add_range)
        self.add_range_button.setVisible(manager)
        who = QLabel(self.tr("A manager enters the ranges the tax office allots."), page)
        who.setEnabled(False)
        who.setVisible(not manager)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_range_button)
        buttons.addWidget(who)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.addWidget(self.range_warning)
        column.addWidget(self.ranges_table, 1)
        column.addLayout(buttons)
        return page

    def _reporting_tab(self) -> QWidget:
        page = QWidget(self)
        self.waiting_value = bold_label(parent=page)
        self.late_value = bold_label(parent=page)
        self.next_due_value = bold_label(parent=page)
        self.folder_value = QLabel(page)
        self.folder_value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for row, (caption, value) in enumerate((
                (self.tr("Messages waiting to be written:"), self.waiting_value),
                (self.tr("Past their deadline:"), self.late_value),
                (self.tr("Next deadline:"), self.next_due_value),
                (self.tr("Turnkey folder:"), self.folder_value))):
            grid.addWidget(QLabel(caption, page), row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(2, 1)
        note = QLabel(self.tr(
            "Every uniform invoice, void and allowance makes a message for the Ministry of "
            "Finance's platform, due within 48 hours for a consumer and 7 days for a "
            "business. Every 10 minutes the office server (or, on one workstation, Roundsman "
            "while it runs) writes the waiting messages into the Turnkey folder set in "
            "Settings, from where the Turnkey uploads them. To write them by hand:"), page)
        note.setWordWrap(True)
        command = QLabel("roundsman-admin einvoice export --out DIR", page)
        command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        command.setStyleSheet("font-family: monospace;")
        column = QVBoxLayout(page)
        column.addLayout(grid)
        column.addSpacing(12)
        column.addWidget(note)
        column.addWidget(command)
        column.addStretch(1)
        return page

    # --- texts ---
    def _buyer_text(self, r: UniformInvoiceRow) -> str:
        if r.b2b:
            return self.tr("Tax ID {tax_id}").format(tax_id=r.buyer_tax_id)
        if r.carrier_id:
            return self.tr("Carrier {carrier}").format(carrier=r.carrier_id)
        if r.donation_code:
            return self.tr("Donation {code}").format(code=r.donation_code)
        return self.tr("Printed proof")

    def _buyer_tip(self, r: UniformInvoiceRow) -> str:
        if r.b2b:
            return self.tr("A business (統一編號 {tax_id}): tax shown apart, an A4 proof").format(
                tax_id=r.buyer_tax_id)
        return self.tr("A consumer: {buyer}").format(buyer=self._buyer_text(r))

    def _proof_text(self, r: UniformInvoiceRow) -> str:
        if not r.proof:
            return "—"
        if r.printed == 0:
            return self.tr("Not printed")
        if r.printed == 1:
            return self.tr("Printed")
        return self.tr("Printed {n}×").format(n=r.printed)

    def _allowance_state(self, a: AllowanceRow) -> str:
        if a.status == "issued":
            return self.tr("Waiting for the buyer's confirmation")
        if a.status == "confirmed":
            return self.tr("Confirmed")
        return self.tr("Void")

    def _range_period(self, r: PeriodRow | RangeView) -> str:
        if isinstance(r, PeriodRow):
            return period_name(r.period, self.ctx.language)
        return ""

    def _used_text(self, r: PeriodRow | RangeView) -> str:
        total = r.total if isinstance(r, PeriodRow) else r.size
        return self.tr("{used} / {total} ({percent} %)").format(
            used=r.used, total=total, percent=percent(r.used, total))

    def _range_state(self, r: PeriodRow | RangeView) -> str:
        if isinstance(r, PeriodRow):
            current = uniform.period_of(date.today())
            if r.period == current:
                return self.tr("Current period")
            return self.tr("Next period") if r.period > current else ""
        if r.closed:
            return self.tr("Closed: unused numbers reported")
        return self.tr("Used up") if r.used >= r.size else self.tr("Open")

    # --- loading ---
    def refresh(self) -> None:
        self.load_overview()
        self.load_invoices()

    def load_overview(self) -> None:
        api = self.ctx.api
        following = uniform.period_start(uniform.next_period(uniform.period_of(date.today())))

        def load() -> Overview:
            return Overview(api.settings.get_company(), api.einvoice.ranges(),
                            api.einvoice.usage(), api.einvoice.usage(day=following),
                            api.einvoice.allowances(), api.einvoice.backlog())
        tasks.run(self, load, key="overview", on_success=self._show_overview)

    def load_invoices(self) -> None:
        period = self.current_period()
        if period is None:
            return
        api = self.ctx.api
        tasks.run(self, lambda: api.einvoice.list(period=period, limit=LIMIT), key="invoices",
                  on_success=lambda rows: self._invoices_loaded(period, rows))

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    def _show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.banner.setVisible(overview.company.uniform_invoices != "on")
        self._fill_periods([r.period for r in overview.ranges])
        self._show_ranges(overview)
        self._show_allowances(overview.allowances)
        self._show_backlog(overview.backlog, overview.company)

    def _fill_periods(self, extra: list[int]) -> None:
        """The current period and the ones before it, and any a range was entered for;
        the chosen one stays chosen."""
        current = uniform.period_of(date.today())
        periods = {current, *extra}
        p = current
        for _ in range(PERIODS_BACK):
            p = previous_period(p)
            periods.add(p)
        chosen = self.current_period() or current
        box = self.period_box
        box.blockSignals(True)
        box.clear()
        for period in sorted(periods, reverse=True):
            box.addItem(period_name(period, self.ctx.language), period)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)

    def current_period(self) -> int | None:
        return self.period_box.currentData()

    def choose_period(self, period: int) -> None:
        index = self.period_box.findData(period)
        if index >= 0:
            self.period_box.setCurrentIndex(index)

    # --- invoices ---
    def _invoices_loaded(self, period: int, rows: list[UniformInvoiceRow]) -> None:
        if period != self.current_period():
            return
        self.all_invoices = rows
        self._show_invoices()

    def _show_invoices(self) -> None:
        words = self.find.text().casefold().split()
        rows = [r for r in self.all_invoices if all(w in self._haystack(r) for w in words)]
        first = self.invoices.rowCount() == 0
        self.invoices.set_rows(rows)
        if first and rows:
            select_row(self.invoices_table, 0)
        issued = [r for r in self.all_invoices if r.status == "issued"]
        money = self.ctx.money
        text = self.tr("{n} issued · {void} void · total {total} (tax {tax})").format(
            n=len(issued), void=len(self.all_invoices) - len(issued),
            total=money(sum((r.total for r in issued), Decimal(0))),
            tax=money(sum((r.tax for r in issued), Decimal(0))))
        if len(self.all_invoices) >= LIMIT:
            text = self.tr("The newest {n} shown").format(n=LIMIT) + " · " + text
        if words:
            text = self.tr("{found} of {n} found").format(
                found=len(rows), n=len(self.all_invoices)) + " · " + text
        self.invoice_summary.setText(text)
        self._invoice_chosen()

    @staticmethod
    def _haystack(r: UniformInvoiceRow) -> str:
        return " ".join((r.number, shown_number(r.number), r.customer_code, r.buyer_name,
                         r.buyer_tax_id, r.carrier_id, r.donation_code, r.source)).casefold()

    def current_invoice(self) -> UniformInvoiceRow | None:
        index = self.invoices_table.currentIndex()
        return self.invoices.row(index.row()) if index.isValid() else None

    def _invoice_chosen(self) -> None:
        row = self.current_invoice()
        can = row is not None and row.proof and row.status == "issued"
        self.print_button.setEnabled(can)
        if row is None:
            self.invoice_note.setText("")
        elif row.status == "void":
            self.invoice_note.setText(self.tr("A void uniform invoice has no proof to print."))
        elif not row.proof:
            self.invoice_note.setText(self.tr(
                "Went to the buyer's carrier or donation code: there is no printed proof."))
        elif row.b2b:
            self.invoice_note.setText(self.tr("A business's proof prints on A4."))
        else:
            self.invoice_note.setText(self.tr("A consumer's proof prints on 57 mm receipt paper."))

    def _find_key(self) -> None:
        self.tabs.setCurrentIndex(INVOICES)
        self.find.setFocus()
        self.find.selectAll()

    def _print_key(self) -> None:
        if self.tabs.currentIndex() == INVOICES:
            self.print_proof()

    def print_proof(self) -> None:
        row = self.current_invoice()
        if row is None or not self.print_button.isEnabled():
            return
        if row.printed and not row.b2b and not dialogs.ask(
                self, self.tr("Print the proof again"), self.tr(
                    "The proof of uniform invoice {number} was printed already. Print it again, "
                    "marked as a reprint (補印)?").format(number=shown_number(row.number))):
            return
        self.status.clear()
        api, number, language = self.ctx.api, row.number, self.ctx.language
        tasks.run(self, lambda: api.einvoice.proof_pdf(number=number, language=language),
                  on_success=lambda pdf: self._show_proof(number, pdf),
                  on_error=self.status.on_error, disable=self.print_button)

    def _show_proof(self, number: str, pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Uniform invoice {number}").format(
                number=shown_number(number)),
            file_name=f"{number}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    # --- allowances ---
    def _show_allowances(self, rows: list[AllowanceRow]) -> None:
        first = self.allowances.rowCount() == 0
        self.allowances.set_rows(rows)
        if first and rows:
            waiting = self.allowances.find(lambda a: a.status == "issued")
            select_row(self.allowances_table, waiting or 0)
        waiting = sum(a.status == "issued" for a in rows)
        self.tabs.setTabText(ALLOWANCES, self.tr("A&llowances ({n} waiting)").format(n=waiting)
                             if waiting else self.tr("A&llowances"))
        self._allowance_chosen()

    def current_allowance(self) -> AllowanceRow | None:
        index = self.allowances_table.currentIndex()
        return self.allowances.row(index.row()) if index.isValid() else None

    def _allowance_chosen(self) -> None:
        a = self.current_allowance()
        self.confirm_button.setEnabled(a is not None and a.status == "issued")
        self.void_button.setEnabled(a is not None and a.status != "void")

    def confirm_allowance(self) -> None:
        a = self.current_allowance()
        if a is None or not self.ctx.actor.can("manager") or not self.confirm_button.isEnabled():
            return
        if not dialogs.ask(self, self.tr("Buyer confirmed"), self.tr(
                "Has the buyer signed allowance {number} ({amount}, uniform invoice {invoice})? "
                "It is then reported to the platform.").format(
                number=a.number, amount=self.ctx.money(a.untaxed + a.tax),
                invoice=shown_number(a.uniform_invoice))):
            return
        self.status.clear()
        api, number = self.ctx.api, a.number
        tasks.run(self, lambda: api.einvoice.confirm_allowance(number=number),
                  on_success=lambda _r: self._allowance_done(
                      self.tr("Allowance {number} is confirmed; it is reported with the next "
                              "messages.").format(number=number)),
                  on_error=self.status.on_error, disable=self.confirm_button)

    def void_allowance(self) -> None:
        a = self.current_allowance()
        if a is None or not self.ctx.actor.can("manager") or not self.void_button.isEnabled():
            return
        self.status.clear()
        dialog = self.void_dialog = VoidAllowanceDialog(self.ctx, a, self)
        dialog.accepted.connect(lambda: self._allowance_done(
            self.tr("Allowance {number} is void.").format(number=a.number)))
        dialogs.run_dialog(dialog)

    def _allowance_done(self, text: str) -> None:
        self.status.show_ok(text)
        self.load_overview()

    # --- number ranges ---
    def _show_ranges(self, overview: Overview) -> None:
        rows: list[PeriodRow | RangeView] = []
        by_period: dict[int, list[RangeView]] = {}
        for r in overview.ranges:
            by_period.setdefault(r.period, []).append(r)
        for period in sorted(by_period, reverse=True):
            ranges = by_period[period]
            rows.append(PeriodRow(period, sum(r.size for r in ranges),
                                  sum(r.used for r in ranges)))
            rows.extend(ranges)
        self.ranges.set_rows(rows)

        language, current, following = self.ctx.language, overview.current, overview.following
        name = period_name(current.period, language)
        style, text = "", ""
        if current.total == 0:
            style = WARNING_STYLE
            text = self.tr("No uniform invoice numbers for {period}: cash sales and billing runs "
                           "are refused until a manager adds the range the tax office "
                           "allotted.").format(period=name)
            summary = self.tr("{period}: no number range").format(period=name)
        else:
            summary = self.tr("{period}: {used} of {total} numbers used").format(
                period=name, used=current.used, total=current.total)
            if current.warning:
                style = WARNING_STYLE
                text = self.tr("{period}: {percent} % of the numbers are used, {left} left. A "
                               "manager adds the next range the tax office allotted before "
                               "they run out.").format(
                    period=name, percent=percent(current.used, current.total),
                    left=current.left)
            elif following.total == 0 and uniform.period_end(current.period) - date.today() \
                    < timedelta(days=AHEAD_DAYS):
                style = AMBER_STYLE
                text = self.tr("No range for {period} yet: a manager enters it before "
                               "{day}.").format(period=period_name(following.period, language),
                                                day=uniform.period_start(
                                                    following.period).isoformat())
            else:
                text = self.tr("{left} numbers left for {period}.").format(
                    left=current.left, period=name)
        self.range_warning.setText(text)
        self.range_warning.setStyleSheet(style)
        self.usage_label.setText(summary)
        self.usage_label.setStyleSheet(WARNING_STYLE if style == WARNING_STYLE else "")
        alert = style == WARNING_STYLE
        self.tabs.tabBar().setTabTextColor(RANGES, _ALERT if alert else QColor())

    def _range_period_default(self) -> int:
        overview = self.overview
        current = uniform.period_of(date.today())
        if overview is None or overview.current.total == 0 or overview.current.warning:
            return current
        if overview.following.total == 0 and \
                uniform.period_end(current) - date.today() < timedelta(days=AHEAD_DAYS):
            return overview.following.period
        return current

    def add_range(self) -> None:
        if not self.ctx.actor.can("manager"):
            return
        self.status.clear()
        dialog = self.range_dialog = AddRangeDialog(self.ctx, self._range_period_default(), self)
        dialog.accepted.connect(lambda: self._range_added(dialog))
        dialogs.run_dialog(dialog)

    def _range_added(self, dialog: AddRangeDialog) -> None:
        r: RangeView | None = dialog.result_view
        if r is None:
            return
        self.status.show_ok(self.tr("Range {first} – {last} added for {period}.").format(
            first=shown_number(r.first_number), last=shown_number(r.last_number),
            period=period_name(r.period, self.ctx.language)))
        self.load_overview()

    # --- reporting ---
    def _show_backlog(self, backlog: Backlog, company: CompanySettings) -> None:
        self.waiting_value.setText(str(backlog.waiting))
        self.late_value.setText(str(backlog.late))
        self.late_value.setStyleSheet(ERROR_STYLE if backlog.late else "")
        due = backlog.next_due
        self.next_due_value.setText(local_time(due) if due is not None else "—")
        self.next_due_value.setStyleSheet(
            ERROR_STYLE if due is not None and due < datetime.now(timezone.utc) else "")
        self.folder_value.setText(company.turnkey_folder or self.tr(
            "not set: nothing is written on a schedule"))
        self.folder_value.setStyleSheet("" if company.turnkey_folder or not backlog.waiting
                                        else ERROR_STYLE)
        self.tabs.setTabText(REPORTING, self.tr("&Reporting ({n} late)").format(n=backlog.late)
                             if backlog.late else self.tr("&Reporting"))
        self.tabs.tabBar().setTabTextColor(REPORTING, _ALERT if backlog.late else QColor())

    # --- screenshots ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: the period's newest invoice with a printed proof
        chosen (else the newest)."""
        number = self.invoices.find(lambda r: r.proof and r.status == "issued")
        if self.invoices.rowCount():
            select_row(self.invoices_table, number or 0)
        self.invoices_table.setFocus()
