"""Billing (managers): the monthly run, the period's invoices, and their printing.

Choose the month (last month by default) and the customers (all of them, an area, or one
customer found as you type).  The preview lists, per customer, what the run would bill:
the delivered lines, subtotal, tax, total and the cylinder rental; it is one query, so it
follows every change of the choice at once.  "Run billing…" asks first, then writes the
invoices off the UI thread with a progress bar; Cancel stops after the invoice being
written (every invoice written so far stays valid, and running again bills only the
rest).  Below, the month's invoices: print preview, print or save one as PDF, print all
of them in one document (in customer or area order, or in the order the customers are
driven to), and void one with a reason.  "Invoice one customer now…" bills one customer
at once, whatever the month.

When the company issues uniform invoices (統一發票), a note by the run button says what
that means for the month chosen: each invoice gets a uniform invoice dated the month's last
day, due on the e-invoice platform within 48 hours (consumers) or 7 days (businesses), and
a period's second month must be billed by then (its unused numbers are reported after).

Keys: F5 previews again; Ctrl+P previews the chosen invoice.
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core import rules, uniform
from core.changes import Changes
from core.periods import Period
from core.queries.customers import CustomerRow
from core.services import billing
from core.services.billing import InvoiceRow, PreviewRow, RunResult
from core.services.settings import CompanySettings
from desktop import dialogs, errors, tasks
from desktop.widgets.customer_picker import CustomerPicker
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.print_preview import PrintPreviewDialog, print_pdf, save_pdf
from desktop.widgets.progress import TaskProgress
from desktop.widgets.records import shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths
from desktop.windows.billing.now import InvoiceNowDialog

RELOAD_ON = ("invoices", "routes", "payments", "settings", "customers")
ALL, AREA, ONE = "all", "area", "one"
_STATUS_COLOURS = {"void": "#8c1d18"}

log = logging.getLogger("roundsman")


class BillingWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: RunResult | None = None
        self._areas: set[str] = set()
        self.preview_dialog: PrintPreviewDialog | None = None
        self.now_dialog: InvoiceNowDialog | None = None
        self.company: CompanySettings = ctx.company  # as last read (uniform invoices on?)
        self.setWindowTitle(self.tr("Billing"))

        self.heading = QLabel(self.tr("Billing"), self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.month = QDateEdit(self)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.month.setDate(QDate(rules.billing_period().start))
        month_label = QLabel(self.tr("&Month:"), self)
        month_label.setBuddy(self.month)
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("All customers"), ALL)
        self.scope.addItem(self.tr("An area"), AREA)
        self.scope.addItem(self.tr("One customer"), ONE)
        scope_label = QLabel(self.tr("C&ustomers:"), self)
        scope_label.setBuddy(self.scope)
        self.area = QComboBox(self)
        self.area.setEditable(True)
        self.area.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.area.lineEdit().setPlaceholderText(self.tr("Area"))
        self.picker = CustomerPicker(ctx, self)
        self.picker.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(24)
        top.addWidget(month_label)
        top.addWidget(self.month)
        top.addSpacing(16)
        top.addWidget(scope_label)
        top.addWidget(self.scope)
        top.addWidget(self.area)
        top.addStretch(1)
        picker_row = QHBoxLayout()
        picker_row.addStretch(1)
        picker_row.addWidget(self.picker)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_preview())
        splitter.addWidget(self._build_invoices())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.status = MessageLabel(self)
        self.keys = QLabel(self.tr("F5: preview again · Ctrl+P: print preview of the chosen "
                                   "invoice"), self)
        self.keys.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(picker_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)

        shortcut("F5", self, self.preview)
        shortcut(QKeySequence.StandardKey.Refresh, self, self.preview)
        shortcut(QKeySequence.StandardKey.Print, self, self.preview_invoice)
        self.month.dateChanged.connect(lambda _d: self._choice_changed())
        self.scope.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.area.activated.connect(lambda _i: self.preview())
        self.area.lineEdit().editingFinished.connect(self.preview)
        self.picker.picked.connect(lambda _row: self.preview())
        self.picker.cleared.connect(lambda: self.preview_rows.set_rows([]))
        self.invoices_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_actions())
        self.invoices_table.activated.connect(lambda _i: self.preview_invoice())
        ctx.events.changed.connect(self._on_changed)
        self._scope_changed(load=False)
        self._update_actions()
        self._choice_changed()
        self._find_run()

    # --- building ---
    def _build_preview(self) -> QWidget:
        panel = QWidget(self)
        money = self.ctx.money
        self.preview_rows = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Customer"), lambda r: r.name),
            Column(self.tr("Area"), lambda r: r.area),
            Column(self.tr("Lines"), lambda r: str(r.lines), RIGHT, value=lambda r: r.lines),
            Column(self.tr("Subtotal"), lambda r: money(r.subtotal), RIGHT,
                   value=lambda r: r.subtotal),
            Column(self.tr("Tax"), lambda r: money(r.tax), RIGHT, value=lambda r: r.tax),
            Column(self.tr("Total"), lambda r: money(r.total), RIGHT, value=lambda r: r.total),
            Column(self.tr("Cylinder rental"), lambda r: money(r.rental) if r.rental else "",
                   RIGHT, value=lambda r: r.rental),
        ], self)
        self.preview_table = make_table(self.preview_rows, panel)
        set_widths(self.preview_table, (8, 22, 8, 6, 12, 10, 12))
        label = QLabel(self.tr("&To bill:"), panel)
        label.setBuddy(self.preview_table)
        self.preview_summary = QLabel(panel)
        bold = QFont(self.preview_summary.font())
        bold.setBold(True)
        self.preview_summary.setFont(bold)

        self.preview_button = QPushButton(self.tr("&Preview"), panel)
        self.preview_button.setToolTip(self.tr("List what a run would bill (F5)"))
        self.preview_button.clicked.connect(self.preview)
        self.run_button = QPushButton(self.tr("&Run billing…"), panel)
        self.run_button.setToolTip(self.tr("Write the invoices of the month for the customers "
                                           "chosen (asks first)"))
        self.run_button.clicked.connect(self.run_billing)
        self.task = TaskProgress(
            panel, cancel_text=self.tr("Cancel"),
            cancel_tip=self.tr("Stop after the invoice being written; the invoices written "
                               "so far stay"),
            steps=lambda done, total: self.tr("{done} of {total} invoices").format(
                done=done, total=total))
        self.task.cancelling.connect(lambda: self.run_summary.setText(
            self.tr("Stopping after the invoice being written…")))
        self.cancel_button, self.progress = self.task.cancel_button, self.task.bar
        self.run_summary = QLabel(panel)
        self.run_summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.run_summary, 1)
        self.einvoice_note = QLabel(panel)  # what uniform invoices mean for this run
        self.einvoice_note.setWordWrap(True)
        self.einvoice_note.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.einvoice_note.setStyleSheet(
            "QLabel { background: palette(alternate-base); padding: 4px 6px; }")
        self.einvoice_note.hide()

        heading = QHBoxLayout()
        heading.addWidget(label)
        heading.addStretch(1)
        heading.addWidget(self.preview_summary)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.preview_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.einvoice_note)
        layout.addSpacing(4)
        return panel

    def _build_invoices(self) -> QWidget:
        panel = QWidget(self)
        money = self.ctx.money
        self.invoices = RowsModel([
            Column(self.tr("Invoice"), lambda r: r.number),
            Column(self.tr("Customer"), lambda r: f"{r.customer_code}  {r.customer_name}"),
            Column(self.tr("Total"), lambda r: money(r.total), RIGHT, value=lambda r: r.total),
            Column(self.tr("Due"), lambda r: r.due_date.isoformat(), value=lambda r: r.due_date),
            Column(self.tr("Status"), lambda r: self.status_name(r.status)),
        ], self, muted=lambda r: r.status == "void")
        self.invoices_table = make_table(self.invoices, panel)
        set_widths(self.invoices_table, (16, 28, 12, 11))
        self.invoices_label = QLabel(panel)
        self.invoices_label.setBuddy(self.invoices_table)

        self.invoice_preview_button = QPushButton(self.tr("Print pre&view…"), panel)
        self.invoice_preview_button.setToolTip(self.tr("See the chosen invoice as printed "
                                                       "(Ctrl+P)"))
        self.invoice_preview_button.clicked.connect(self.preview_invoice)
        self.print_button = QPushButton(self.tr("Pr&int…"), panel)
        self.print_button.clicked.connect(self.print_invoice)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), panel)
        self.pdf_button.clicked.connect(self.save_invoice_pdf)
        self.paper = QComboBox(panel)
        self.paper.addItem(self.tr("A4"), "A4")
        self.paper.addItem(self.tr("A5 (half A4)"), "A5")
        self.paper.setToolTip(self.tr("The paper the invoices are printed on"))
        self.order = QComboBox(panel)
        for key, name in billing.PRINT_ORDERS.items():
            self.order.addItem(errors.translate_core(name), key)
        self.order.setToolTip(self.tr("The order of the invoices in the printed pile"))
        self.print_all_button = QPushButton(self.tr("Print &all…"), panel)
        self.print_all_button.setToolTip(self.tr("All the month's invoices in one document, to "
                                                 "preview, print or save"))
        self.print_all_button.clicked.connect(self.print_all)
        self.void_button = QPushButton(self.tr("V&oid…"), panel)
        self.void_button.setToolTip(self.tr("Cancel the chosen invoice with a reason, by a "
                                            "credit note (its deliveries stay billed)"))
        self.void_button.clicked.connect(self.void_invoice)
        self.void_button.setVisible(self.ctx.actor.can("manager"))
        self.now_button = QPushButton(self.tr("Invoice one customer &now…"), panel)
        self.now_button.setToolTip(self.tr("Bill everything delivered to one customer and not "
                                           "invoiced yet, at once"))
        self.now_button.clicked.connect(self.invoice_now)
        buttons = QHBoxLayout()
        for widget in (self.invoice_preview_button, self.print_button, self.pdf_button,
                       self.paper):
            buttons.addWidget(widget)
        buttons.addSpacing(12)
        buttons.addWidget(self.print_all_button)
        buttons.addWidget(self.order)
        buttons.addSpacing(12)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        buttons.addWidget(self.now_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.invoices_label)
        layout.addWidget(self.invoices_table, 1)
        layout.addLayout(buttons)
        return panel

    # --- texts ---
    def status_name(self, status: str) -> str:
        names = {"posted": self.tr("open"), "void": self.tr("void")}
        return names.get(status, status)

    # --- the choice ---
    def period(self) -> Period:
        return Period.of(self.month.date().toPython())

    def choice(self) -> tuple[Period, str | None, int | None] | None:
        """(period, area, customer id) chosen; None while "one customer" has none yet."""
        scope = self.scope.currentData()
        if scope == ONE:
            if self.picker.customer_id is None:
                return None
            return self.period(), None, self.picker.customer_id
        if scope == AREA:
            area = self.area.currentText().strip()
            return (self.period(), area, None) if area else None
        return self.period(), None, None

    def choose_customer(self, customer: CustomerRow) -> None:
        """Bill only ``customer`` (as if found in the field)."""
        self.scope.setCurrentIndex(self.scope.findData(ONE))
        self.picker.set_customer(customer.id, customer.code, customer.name)
        self.preview()

    def _scope_changed(self, load: bool = True) -> None:
        scope = self.scope.currentData()
        self.area.setVisible(scope == AREA)
        self.picker.setVisible(scope == ONE)
        if scope == ONE and self.picker.customer_id is None:
            self.picker.setFocus()
        elif scope == AREA:
            self.area.setFocus()
        if load:
            self.preview()

    def _choice_changed(self) -> None:
        self._show_einvoice_note(self.company)
        self.preview()
        self.load_invoices()

    def _on_changed(self, changes: Changes) -> None:
        """What is billed follows deliveries, invoices, payments, customers and the settings
        (a run reloads both lists once it ends); the choice and the chosen invoice stay."""
        if changes.touches("settings"):  # uniform invoices turned on or off
            api = self.ctx.api
            tasks.run(self, api.settings.get_company, key="company",
                      on_success=self._show_einvoice_note)
        if not self.running and any(changes.touches(kind) for kind in RELOAD_ON):
            self.preview()
            self.load_invoices()

    def _show_einvoice_note(self, company: CompanySettings) -> None:
        """With uniform invoices on: the date the month's uniform invoices bear and when
        the platform must have them (統一發票使用辦法 第7條第4項); a period's second month
        must be billed by then."""
        self.company = company
        on = company.uniform_invoices == "on"
        self.einvoice_note.setVisible(on)
        if not on:
            self.einvoice_note.clear()
            return
        period = self.period()
        issued = datetime.combine(period.end, time(23, 59))
        b2c, b2b = (f"{uniform.upload_due(issued, b2b):%Y-%m-%d %H:%M}" for b2b in (False, True))
        text = self.tr(
            "Uniform invoices: each invoice of {month} gets a uniform invoice dated {end}. "
            "The e-invoice platform must have consumers' invoices within 48 hours, by {b2c}, "
            "and businesses' within 7 days, by {b2b} (統一發票使用辦法 第7條第4項).").format(
            month=period, end=period.end.isoformat(), b2c=b2c, b2b=b2b)
        if period.month % 2 == 0:
            label = uniform.period_label(uniform.period_of(period.end))
            text += "\n" + self.tr(
                "{month} ends the period {label}: run its billing before these deadlines; "
                "afterwards the period's unused numbers are reported and none is left for "
                "it.").format(month=period, label=label)
        self.einvoice_note.setText(text)

    # --- preview ---
    def preview(self) -> None:
        if self.running:
            return
        choice = self.choice()
        if choice is None:
            tasks.forget(self, "preview")  # an older choice's answer on its way is moot
            self.preview_rows.set_rows([])
            self.preview_summary.setText(self.tr("Find the customer, or choose the area."))
            self._update_actions()
            return
        api = self.ctx.api
        period, area, customer_id = choice
        tasks.run(self, lambda: api.billing.preview(period=str(period), area=area,
                                                    customer_id=customer_id),
                  key="preview", on_success=self._previewed, on_error=self._preview_failed)

    def _preview_failed(self, exc: BaseException, details: str) -> None:
        self.preview_rows.set_rows([])
        self._update_actions()
        self.status.on_error(exc, details)

    def _previewed(self, rows: list[PreviewRow]) -> None:
        self.preview_rows.set_rows(rows)
        if self.scope.currentData() == ALL:
            self._remember_areas(r.area for r in rows)
        if rows:
            total = sum((r.total for r in rows), Decimal(0))
            tax = sum((r.tax for r in rows), Decimal(0))
            lines = sum(r.lines for r in rows)
            text = self.tr("{n} customer(s) · {lines} line(s) · tax {tax} · total {total}")
            self.preview_summary.setText(text.format(
                n=len(rows), lines=lines, tax=self.ctx.money(tax),
                total=self.ctx.money(total)))
        else:
            self.preview_summary.setText(self.tr("Nothing is left to bill for {period}.")
                                         .format(period=self.period()))
        self._update_actions()

    def _remember_areas(self, areas) -> None:
        new = {a for a in areas if a} - self._areas
        if not new:
            return
        self._areas |= new
        typed = self.area.currentText()
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItems(sorted(self._areas))
        self.area.setEditText(typed)
        self.area.blockSignals(False)

    # --- the run ---
    def run_billing(self) -> None:
        choice = self.choice()
        if self.running or choice is None or not self.run_button.isEnabled():
            return
        period, area, customer_id = choice
        rows = self.preview_rows.rows
        total = sum((r.total for r in rows), Decimal(0))
        question = self.tr(
            "Write the invoices of {period} for {n} customer(s), {total} in all? Each invoice "
            "takes its number now; an invoice can later be voided, never deleted.").format(
            period=period, n=len(rows), total=self.ctx.money(total))
        title = self.tr("Run billing")
        if billing.early(period, customer_id=customer_id):
            title = self.tr("Run billing before the month ends")
            question = self.tr(
                "{period} has not ended yet (its last day is {end}): what is delivered after "
                "this run goes on next month's invoices.").format(
                period=period, end=period.end.isoformat()) + "\n\n" + question
        if not dialogs.ask(self, title, question):
            return
        api = self.ctx.api
        self._follow(lambda **hooks: api.billing.run(
            period=str(period), area=area, customer_id=customer_id, **hooks))

    def _find_run(self) -> None:
        """Connected, a run started before this window was opened (here, or on another
        workstation by the same user) is found and followed to its end."""
        api = self.ctx.api
        tasks.run(self, lambda: api.running_job("billing.run"), on_success=self._found_run,
                  on_error=lambda exc, details: log.info("looking for a running run: %s", exc))

    def _found_run(self, job: str | None) -> None:
        if job is not None and not self.running:
            api = self.ctx.api
            self._follow(lambda **hooks: api.follow("billing.run", job, **hooks))

    @property
    def running(self) -> bool:
        return self.task.running

    def _follow(self, run) -> None:
        """Show a run in progress, with Cancel, until ``run(progress=, cancelled=)`` ends."""
        self.result = None
        self.status.clear()
        self.run_summary.clear()
        progress = self.task.start()  # busy until the first invoice is written
        for widget in (self.month, self.scope, self.area, self.picker, self.preview_button,
                       self.now_button):
            widget.setEnabled(False)
        tasks.run(self, lambda: run(**progress.hooks()),
                  on_success=self._ran, on_error=self._run_failed, disable=self.run_button)

    def cancel(self) -> None:
        """Stop after the invoice being written (those written stay)."""
        self.task.cancel()

    def _stopped(self) -> None:
        for widget in (self.month, self.scope, self.area, self.picker, self.preview_button,
                       self.now_button):
            widget.setEnabled(True)

    def _ran(self, result: RunResult) -> None:
        self.task.finish(self.tr("done"))
        self._stopped()
        self.result = result
        text = self.tr("{n} invoice(s) written, {total} in all").format(
            n=result.invoices, total=self.ctx.money(result.total))
        if result.already:
            text += self.tr(" ({n} customer(s) were invoiced before)").format(n=result.already)
        if result.cancelled:
            text = self.tr("Cancelled: {summary}. Run again to bill the rest.").format(
                summary=text)
        self.run_summary.setText(text)
        self.preview()
        self.load_invoices()
        self.invoices_table.setFocus()  # what comes next: printing them

    def _run_failed(self, exc: BaseException, details: str) -> None:
        self.task.fail()
        self._stopped()
        self.run_summary.clear()
        self.status.on_error(exc, details)
        self.preview()  # what was written before it stopped
        self.load_invoices()

    # --- the month's invoices ---
    def load_invoices(self, select: int | None = None, first: InvoiceRow | None = None) -> None:
        """Load the month's invoices, keeping the chosen one (or choosing ``select``);
        ``first``: an invoice of no month, shown on its own at the top."""
        api, period = self.ctx.api, str(self.period())
        current = self.current_invoice()
        keep = select if select is not None else (current.id if current else None)
        tasks.run(self, lambda: api.billing.list_invoices(period=period), key="invoices",
                  on_success=lambda rows: self._invoices_loaded(rows, keep, first))

    def _invoices_loaded(self, rows: list[InvoiceRow], keep: int | None,
                         first: InvoiceRow | None = None) -> None:
        rows = sorted(rows, key=lambda r: r.number)
        self.invoices.set_rows(([first] if first else []) + rows)
        total = sum((r.total for r in rows if r.status != "void"), Decimal(0))
        self.invoices_label.setText(self.tr("&Invoices of {period}: {n}, {total}").format(
            period=self.period(), n=len(rows), total=self.ctx.money(total)))
        number = self.invoices.find(lambda r: r.id == keep) if keep is not None else None
        select_row(self.invoices_table, number if number is not None else (0 if rows else None))
        self._update_actions()

    def current_invoice(self) -> InvoiceRow | None:
        index = self.invoices_table.currentIndex()
        return self.invoices.row(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        invoice = self.current_invoice()
        self.run_button.setEnabled(not self.running and self.preview_rows.rowCount() > 0
                                   and self.ctx.actor.can("manager"))
        for button in (self.invoice_preview_button, self.print_button, self.pdf_button):
            button.setEnabled(invoice is not None)
        self.print_all_button.setEnabled(self.invoices.rowCount() > 0)
        self.void_button.setEnabled(invoice is not None and invoice.status != "void")

    # --- printing ---
    def _with_pdf(self, then, button: QPushButton) -> None:
        invoice = self.current_invoice()
        if invoice is None:
            return
        api, invoice_id, size = self.ctx.api, invoice.id, self.paper.currentData()
        tasks.run(self, lambda: api.billing.invoice_pdf(invoice_id=invoice_id, size=size),
                  on_success=lambda pdf: then(invoice, pdf), disable=button)

    def preview_invoice(self) -> None:
        if self.invoice_preview_button.isEnabled():
            self._with_pdf(self._show_preview, self.invoice_preview_button)

    def _show_preview(self, invoice: InvoiceRow, pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Invoice {number}").format(number=invoice.number),
            file_name=f"{invoice.number}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    def print_invoice(self) -> None:
        self._with_pdf(lambda _i, pdf: print_pdf(self, self.ctx.local, pdf), self.print_button)

    def save_invoice_pdf(self) -> None:
        self._with_pdf(lambda i, pdf: save_pdf(self, pdf, f"{i.number}.pdf", on_saved=lambda p:
                       self.status.show_ok(self.tr("Saved {path}").format(path=p))),
                       self.pdf_button)

    def ordered_invoices(self) -> list[InvoiceRow]:
        """The month's invoices (not the void ones) in the order chosen for printing."""
        rows = [r for r in self.invoices.rows if r.status != "void"]
        return sorted(rows, key=lambda r: (r.customer_code, r.number))

    def print_all(self) -> None:
        rows = self.ordered_invoices()
        if not rows:
            return
        api, ids, period = self.ctx.api, [r.id for r in rows], self.period()
        size, order = self.paper.currentData(), self.order.currentData()
        tasks.run(self, lambda: api.billing.invoices_pdf(
                      invoice_ids=api.billing.print_order(invoice_ids=ids, order=order),
                      size=size),
                  on_success=lambda pdf: self._show_all(period, len(ids), pdf),
                  disable=self.print_all_button)

    def _show_all(self, period: str, count: int, pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Invoices of {period} ({n})").format(
                period=period, n=count), file_name=f"invoices-{period}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    # --- one customer now ---
    def invoice_now(self) -> None:
        if not self.now_button.isEnabled():
            return
        customer = None
        if self.scope.currentData() == ONE and self.picker.customer_id is not None:
            row = self.preview_rows.rows[0] if self.preview_rows.rowCount() else None
            if row is not None:
                customer = CustomerRow(row.customer_id, row.code, row.name, "", row.area, "",
                                       Decimal(0), True)
        dialog = self.now_dialog = InvoiceNowDialog(self.ctx, self, customer=customer)
        dialog.accepted.connect(lambda: self._invoiced_now(dialog.invoice))
        dialogs.run_dialog(dialog)

    def _invoiced_now(self, invoice: InvoiceRow | None) -> None:
        if invoice is None:
            return
        self.status.show_ok(self.tr("{number} for {customer}: {total}, due {due}.").format(
            number=invoice.number, customer=invoice.customer_name,
            total=self.ctx.money(invoice.total), due=invoice.due_date.isoformat()))
        # The change set has reloaded the lists; this chooses the invoice, shown on its own
        # at the top when it is not a month's.
        self.load_invoices(select=invoice.id,
                           first=None if invoice.period == str(self.period()) else invoice)

    # --- void ---
    def void_invoice(self) -> None:
        invoice = self.current_invoice()
        if invoice is None or not self.void_button.isEnabled() or not self.void_button.isVisible():
            return
        reason = dialogs.ask_text(self, self.tr("Void invoice"), self.tr(
            "Why is {number} ({customer}, {total}) voided?").format(
            number=invoice.number, customer=invoice.customer_name,
            total=self.ctx.money(invoice.total)))
        if reason is None:
            return
        api = self.ctx.api
        self.status.clear()
        tasks.run(self, lambda: api.payments.void_invoice(invoice_id=invoice.id, reason=reason),
                  on_success=lambda _r: self._voided(invoice), on_error=self.status.on_error,
                  disable=self.void_button)

    def _voided(self, invoice: InvoiceRow) -> None:  # its change set reloads the lists
        self.status.show_ok(self.tr("{number} is void.").format(number=invoice.number))

    # --- screenshots ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: last month previewed (the demo has not run it)."""
        self.preview()
        if self.invoices.rowCount():
            select_row(self.invoices_table, 0)

