"""The quotes window: the list of quotes beside the quote form.

Keys: Ctrl+N starts a new quote with the focus in the customer search: type the
phone number, name, code or address, Down/Up move in the matches, Enter picks
and goes to the lines (or tick "Prospect" with Alt+P and type the prospect's
name, phone and address).  The lines grid works as in order entry: Enter moves
to the next cell and on an empty line goes on to the validity date; Ins adds a
line, Ctrl+Del deletes one.  Enter in the fields below the grid, or Ctrl+S
anywhere, saves; a refused save keeps the form filled.  Ctrl+L goes to the list,
where Enter opens the chosen quote; Ctrl+P opens the print preview.  Esc clears
the form (asking first when something typed would be lost).

Send, Accept, Reject and "Convert to order" act on the saved quote as the core's
transition table allows; a conversion the credit check refuses offers the
manager's override dialog (``desktop.widgets.action``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import ValidationError
from core.queries.customers import CustomerRow
from core.queries.quotes import QuoteRow
from core.services.orders import CreditRefused, OrderView
from core.services.quotes import STATUS_NAMES, TRANSITIONS, VALID_DAYS, QuoteInput, QuoteView
from desktop import dialogs, errors, tasks
from desktop.i18n import LANGUAGES
from desktop.widgets.action import OverrideDialog
from desktop.widgets.customer_search import CustomerSearch
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.lines import QUANTITY, LinesEditor
from desktop.widgets.print_preview import PrintPreviewDialog, print_pdf, save_pdf
from desktop.widgets.records import RecordForm, save_failed, shortcut
from desktop.widgets.rows import (NUMBER_SAMPLE, RIGHT, WIDEST_AMOUNT, Column, RowsModel,
                                  make_table, select_record, set_widths)
from desktop.widgets.unsaved import Unsaved

SEARCH_DELAY_MS = 120
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_STATE_COLOURS = {"expired": "#8a5a00", "rejected": "#8c1d18", "accepted": "#1e7b34"}


class QuotesWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.quote: QuoteView | None = None  # the saved quote in the form (None: a new one)
        self.customer: tuple[int, str, str] | None = None  # (id, code, name) picked
        self._opening: int | None = None  # the quote being opened in the form
        self._opening_focus = True  # ... and whether the keyboard goes to its lines
        self.unsaved = Unsaved(self, self._snapshot)  # the form as loaded or saved
        self.dirty = self.unsaved.dirty  # whether it holds input not saved
        self._focused_once = False
        self.setWindowTitle(self.tr("Quotes"))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_form())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 480])  # at 1280×800 the list shows every column to the order
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        shortcut(QKeySequence.StandardKey.Save, self, self.save)
        shortcut("Ctrl+Return", self, self.save)
        shortcut("Ctrl+Enter", self, self.save)
        shortcut(QKeySequence.StandardKey.New, self, self.new_quote)
        shortcut(QKeySequence.StandardKey.Print, self, self.preview)
        shortcut("Ctrl+L", self, self.table.setFocus)
        shortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

        self.search_box.textEdited.connect(self._search_typed)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(SEARCH_DELAY_MS)
        self._filter_timer.timeout.connect(self.load_list)
        self.filter_text.textEdited.connect(lambda _t: self._filter_timer.start())
        self.filter_state.currentIndexChanged.connect(lambda _i: self.load_list())
        ctx.events.changed.connect(self._on_changed)

        self._clear()
        self.load_list()

    # --- building ---
    def _build_list(self) -> QWidget:
        panel = QWidget(self)
        self.filter_text = QLineEdit(panel)
        self.filter_text.setPlaceholderText(self.tr("Number, customer or prospect"))
        self.filter_text.setClearButtonEnabled(True)
        self.filter_state = QComboBox(panel)
        self.filter_state.addItem(self.tr("All states"), None)
        for key, name in STATUS_NAMES.items():
            self.filter_state.addItem(errors.translate_core(name), key)
        filters = QHBoxLayout()
        find = QLabel(self.tr("Fin&d:"), panel)
        find.setBuddy(self.filter_text)
        filters.addWidget(find)
        filters.addWidget(self.filter_text, 1)
        filters.addWidget(self.filter_state)

        money = self.ctx.money
        self.rows = RowsModel([
            Column(self.tr("Quote"), lambda r: r.number),
            Column(self.tr("Customer"), lambda r: r.party),
            Column(self.tr("Status"), lambda r: errors.translate_core(STATUS_NAMES[r.state])),
            Column(self.tr("Total"), lambda r: money(r.total), RIGHT, value=lambda r: r.total),
            Column(self.tr("Valid until"), lambda r: r.valid_until.isoformat()),
            Column(self.tr("Order"), lambda r: r.order_number or ""),
            Column(self.tr("Date"), lambda r: r.quote_date.isoformat()),
        ], self, muted=lambda r: r.state in ("rejected", "expired"))
        self.table = make_table(self.rows, panel)
        set_widths(self.table, ("Q-0000-00000", 14, 7, money(WIDEST_AMOUNT), "0000-00-00",
                                NUMBER_SAMPLE))
        self.table.activated.connect(lambda index: self.open_quote(self.rows.row(index.row()).id))
        # The highlighted quote is the one in the form: choosing another row opens it.
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.count = QLabel(panel)
        self.new_button = QPushButton(self.tr("&New quote"), panel)
        self.new_button.setToolTip(self.tr("Start a new quote (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_quote)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.new_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        return panel

    def _build_form(self) -> QWidget:
        panel = QWidget(self)
        self.title = QLabel(panel)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.state_label = QLabel(panel)
        self.state_label.setFont(font)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.state_label)

        # Who the quote is for: a customer found as you type, or a prospect.
        self.search_box = QLineEdit(panel)
        self.search_box.setPlaceholderText(self.tr("Phone (last digits will do), name, code or "
                                                   "address"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        search_label = QLabel(self.tr("&Customer:"), panel)
        search_label.setBuddy(self.search_box)
        self.prospect = QCheckBox(self.tr("&Prospect (not a customer yet)"), panel)
        self.prospect.toggled.connect(self._prospect_toggled)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.prospect)
        self.customer_search = CustomerSearch(self.ctx, self.search_box, self)
        self.customer_search.picked.connect(self._pick)
        self.results_table = self.customer_search.build_list(panel, hint=False)
        self.results = self.customer_search.results
        self.results_table.setFixedHeight(self.fontMetrics().height() * 8)
        self.customer_label = QLabel(panel)
        bold = QFont(self.customer_label.font())
        bold.setBold(True)
        self.customer_label.setFont(bold)
        self.customer_label.setWordWrap(True)

        self.party_form = RecordForm(panel)
        self.prospect_name = self.party_form.add_field("prospect_name", self.tr("&Name: *"),
                                                       QLineEdit())
        self.prospect_name.setMaxLength(120)
        self.prospect_phone = self.party_form.add_field("prospect_phone", self.tr("P&hone:"),
                                                        QLineEdit())
        self.prospect_phone.setMaxLength(30)
        self.prospect_address = self.party_form.add_field("prospect_address",
                                                          self.tr("&Address:"), QLineEdit())
        self.prospect_address.setMaxLength(250)
        self.language = self.party_form.add_field("language", self.tr("Document lan&guage:"),
                                                  QComboBox())
        for key, name in LANGUAGES.items():
            self.language.addItem(name, key)
        self.party_form.save_requested.connect(self.save)
        self.party_form.leave_requested.connect(self.clear_form)

        lines_label = QLabel(self.tr("&Lines:"), panel)
        self.editor = LinesEditor(self.ctx, self, panel, [
            self.tr("Product"), self.tr("Quantity"), self.tr("Unit price"), self.tr("Amount")],
            (30, 9, 11, 12), leave=lambda: self.valid_until.setFocus(), escape=self._escape)
        self.lines, self.grid = self.editor.model, self.editor.grid
        self.lines_view, self.line_errors = self.editor.view, self.editor.errors
        lines_label.setBuddy(self.lines_view)
        keys = QLabel(self.tr("Enter: next cell · Ins: new line · Ctrl+Del: delete line · "
                              "Ctrl+S: save"), panel)
        keys.setEnabled(False)

        form = self.form = RecordForm()
        self.quote_date = form.add_field("quote_date", self.tr("Quote date:"), QLineEdit())
        self.quote_date.setReadOnly(True)
        self.quote_date.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.valid_until = form.add_field("valid_until", self.tr("&Valid until:"), QDateEdit())
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd")
        self.notes = form.add_field("notes", self.tr("N&otes:"), QLineEdit())
        self.notes.setMaxLength(1000)
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.clear_form)

        totals = self.editor.totals_form(font)
        below = QHBoxLayout()
        below.addWidget(form, 1)
        below.addLayout(totals)

        self.status = MessageLabel(panel)
        self.save_button = QPushButton(self.tr("Save"), panel)
        self.save_button.setToolTip(self.tr("Save the quote (Enter below the grid, Ctrl+S "
                                            "anywhere)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Clear"), panel)
        self.clear_button.setToolTip(self.tr("Clear the form for a new quote (Esc)"))
        self.clear_button.clicked.connect(self.clear_form)
        self.send_button = QPushButton(self.tr("S&end"), panel)
        self.send_button.setToolTip(self.tr("Mark the quote as sent to the customer"))
        self.send_button.clicked.connect(lambda: self.mark("sent"))
        self.accept_button = QPushButton(self.tr("Acc&ept"), panel)
        self.accept_button.setToolTip(self.tr("The customer accepted the quote (a prospect "
                                              "becomes a customer)"))
        self.accept_button.clicked.connect(lambda: self.mark("accepted"))
        self.reject_button = QPushButton(self.tr("Re&ject"), panel)
        self.reject_button.setToolTip(self.tr("The customer declined the quote"))
        self.reject_button.clicked.connect(lambda: self.mark("rejected"))
        self.convert_button = QPushButton(self.tr("Con&vert to order"), panel)
        self.convert_button.setToolTip(self.tr("Place the order of the accepted quote, through "
                                               "the credit check"))
        self.convert_button.clicked.connect(self.convert)
        self.preview_button = QPushButton(self.tr("Print pre&view…"), panel)
        self.preview_button.setToolTip(self.tr("See the quote as printed (Ctrl+P)"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton(self.tr("Pr&int…"), panel)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), panel)
        self.pdf_button.clicked.connect(self.save_as_pdf)
        self.actions = (self.send_button, self.accept_button, self.reject_button,
                        self.convert_button, self.preview_button, self.print_button,
                        self.pdf_button)
        grid = QGridLayout()
        grid.addWidget(self.status, 0, 0, 1, 4)
        for column, button in enumerate((self.send_button, self.accept_button,
                                         self.reject_button, self.convert_button)):
            grid.addWidget(button, 1, column)
        for column, button in enumerate((self.preview_button, self.print_button,
                                         self.pdf_button)):
            grid.addWidget(button, 2, column)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.clear_button)
        save_row.addWidget(self.save_button)
        grid.addLayout(save_row, 2, 3)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(top)
        layout.addWidget(self.results_table)
        layout.addWidget(self.customer_label)
        layout.addWidget(self.party_form)
        layout.addWidget(lines_label)
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.line_errors)
        layout.addWidget(keys)
        layout.addLayout(below)
        layout.addLayout(grid)
        QWidget.setTabOrder(self.search_box, self.prospect)
        QWidget.setTabOrder(self.prospect, self.prospect_name)
        QWidget.setTabOrder(self.language, self.lines_view)
        QWidget.setTabOrder(self.lines_view, self.valid_until)
        return panel

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.focus_search()

    # --- the list ---
    def load_list(self) -> None:
        self._filter_timer.stop()
        api = self.ctx.api
        query, state = self.filter_text.text(), self.filter_state.currentData()

        def show(rows: list[QuoteRow]) -> None:
            self.rows.set_rows(rows)
            select_record(self.table, self.quote.id if self.quote else None)
            self.count.setText(self.tr("{n} quotes").format(n=len(rows)))

        tasks.run(self, lambda: api.quotes.list(query=query, state=state), key="list",
                  on_success=show)  # only the newest filter's rows

    def _on_changed(self, changes: Changes) -> None:
        """Quotes, customers (a name on a quote) and orders (a quote converted) fill the
        list, keeping its filters and the chosen quote; the quote in the form follows too
        unless it holds unsaved input; products change the prices offered."""
        if changes.touches("quotes") or changes.touches("customers") \
                or changes.touches("orders"):
            self.load_list()
        if self.quote is not None and changes.touches("quotes", self.quote.id) \
                and not self.dirty() and not self.grid.editing():
            self.open_quote(self.quote.id, focus=None)
        elif changes.touches("products"):
            self._load_offers()

    # --- the customer or prospect ---
    def focus_search(self) -> None:
        if self.prospect.isChecked():
            self.prospect_name.setFocus()
        elif self.search_box.isEnabled() and not self.search_box.isReadOnly():
            self.search_box.setFocus()
            self.search_box.selectAll()
        else:
            self.lines_view.setFocus()

    def _prospect_toggled(self, on: bool) -> None:
        self.party_form.setVisible(on)
        self.search_box.setEnabled(not on)
        self.results_table.setVisible(not on and self.customer is None)
        self.customer_label.setVisible(not on and self.customer is not None)
        if on:
            self.customer = None
            self.search_box.clear()
        self._load_offers()

    def _search_typed(self) -> None:
        if self.customer is not None:
            self.customer = None
            self.customer_label.hide()
            self._load_offers()
        self.results_table.show()

    def _pick_current(self) -> None:
        if self.customer is not None:
            self.grid.focus()
        else:
            self.customer_search.pick_current()

    def _pick(self, row: CustomerRow) -> None:
        self._show_customer(row.id, row.code, row.name, " · ".join(
            x for x in (row.phone, row.address) if x))
        self._load_offers()
        self.grid.focus()

    def _show_customer(self, customer_id: int, code: str, name: str, details: str) -> None:
        self.customer = (customer_id, code, name)
        self.search_box.setText(f"{code}  {name}")
        self.customer_label.setText(f"{code}  {name}" + (f"  ·  {details}" if details else ""))
        self.results_table.hide()
        self.customer_label.show()

    def _customer_id(self) -> int | None:
        return self.customer[0] if self.customer else None

    def _day(self) -> date:
        return self.quote.quote_date if self.quote else date.today()

    def _load_offers(self) -> None:
        """The prices on the quote's date for the customer (a prospect: the price list)."""
        api, day, customer_id = self.ctx.api, self._day(), self._customer_id()
        self.editor.load_offers(  # only the newest date's prices
            lambda: api.quotes.price_list(customer_id=customer_id, day=day))

    # --- keys ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and watched is self.search_box:
            if event.key() in _MOVE_KEYS:
                self.results_table.show()
                self.customer_search.move(event)
                return True
            if event.key() in _ENTER_KEYS and not event.modifiers():
                self._pick_current()
                return True
            if event.key() == Qt.Key.Key_Escape:
                return self._escape()
        return super().eventFilter(watched, event)

    def _escape(self) -> bool:
        self.clear_form()
        return True

    # --- the form as a whole ---
    def _snapshot(self) -> tuple:
        return (self._customer_id(), self.prospect.isChecked(), self.prospect_name.text(),
                self.prospect_phone.text(), self.prospect_address.text(),
                self.language.currentData(),
                tuple((x.product_id, x.product, x.quantity, x.price) for x in self.lines.lines
                      if not x.is_empty()),
                self.valid_until.date(), self.notes.text())

    def new_quote(self) -> None:
        self.clear_form()

    def clear_form(self) -> None:
        if self.unsaved.confirm():
            self._clear()
            self.focus_search()

    def _clear(self) -> None:
        self.grid.close_editor(keep=False)
        self.quote = None
        self._opening = None
        select_record(self.table, None)
        self.customer = None
        self.prospect.blockSignals(True)
        self.prospect.setChecked(False)
        self.prospect.blockSignals(False)
        self.party_form.hide()
        for field in (self.prospect_name, self.prospect_phone, self.prospect_address,
                      self.notes):
            field.clear()
        self.language.setCurrentIndex(0)
        self.search_box.setEnabled(True)
        self.search_box.clear()
        self.customer_label.hide()
        self.results_table.show()
        self.lines.set_lines([])
        self._set_read_only(False)
        self._clear_errors()
        self.quote_date.setText(date.today().isoformat())
        self.valid_until.setDate(QDate(date.today() + timedelta(days=VALID_DAYS)))
        self.title.setText(self.tr("New quote"))
        self.state_label.clear()
        self._update_actions()
        self.customer_search.search()
        self._load_offers()
        self.unsaved.clean()

    def _set_read_only(self, read_only: bool) -> None:
        self.lines.set_read_only(read_only)
        self.form.set_read_only(read_only)
        self.party_form.set_read_only(read_only)
        self.quote_date.setReadOnly(True)
        self.prospect.setEnabled(not read_only)
        self.search_box.setReadOnly(read_only)
        self.save_button.setEnabled(not read_only)

    def _clear_errors(self) -> None:
        self.editor.clear_errors()
        self.form.clear_errors()
        self.party_form.clear_errors()

    def _update_actions(self) -> None:
        q = self.quote
        allowed = TRANSITIONS[q.state] if q else frozenset()
        self.send_button.setEnabled("sent" in allowed)
        self.accept_button.setEnabled("accepted" in allowed)
        self.reject_button.setEnabled("rejected" in allowed)
        self.convert_button.setEnabled(bool(q and q.convertible))
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setEnabled(q is not None)

    # --- saving ---
    def _input(self) -> QuoteInput:
        prospect = self.prospect.isChecked()
        return QuoteInput(
            lines=self.editor.inputs(), customer_id=None if prospect else self._customer_id(),
            prospect_name=self.prospect_name.text() if prospect else "",
            prospect_phone=self.prospect_phone.text() if prospect else "",
            prospect_address=self.prospect_address.text() if prospect else "",
            language=self.language.currentData() if prospect else "zh_TW",
            valid_until=self.valid_until.date().toPython(), notes=self.notes.text())

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.grid.close_editor()
        if self.customer is None and not self.prospect.isChecked():
            self.status.show_error(self.tr("Find the customer first, or tick Prospect."))
            self.focus_search()
            return
        data, api = self._input(), self.ctx.api
        if self.quote is None:
            def call():
                return api.quotes.create(data=data)
        else:
            quote_id, version = self.quote.id, self.quote.version

            def call():
                return api.quotes.update(quote_id=quote_id, version=version, data=data)
        self._clear_errors()
        self.status.clear()
        tasks.run(self, call, on_success=self._saved, on_error=self._save_failed,
                  disable=self.save_button)

    def _saved(self, view: QuoteView) -> None:
        self._show_quote(view)
        self.status.show_ok(self.tr("Saved {number} — {total}").format(
            number=view.number, total=self.ctx.money(view.total)))

    def _save_failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError) and exc.field_errors:
            self._show_errors(exc)
            return
        save_failed(self, self.form, exc, details, reload=self._reload, stale_question=self.tr(
            "This quote was changed elsewhere. Reload the newer version? "
            "(Your input stays in the form if you say No.)"))

    def _show_errors(self, exc: ValidationError) -> None:
        cells, messages, others = self.editor.show_errors(
            exc.field_errors, under=lambda key: key in ("lines", "customer"))
        party = {k: e for k, e in others.items() if k in self.party_form.fields}
        rest = {k: e for k, e in others.items() if k not in party}
        if rest:
            self.form.show_errors(ValidationError(rest))
        if party:
            self.party_form.show_errors(ValidationError(party))  # its first field gets the focus
        elif cells:
            self.grid.focus(*min(cells))
        elif messages and not rest:
            self.grid.focus()

    # --- opening a quote ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: the newest quote open beside the list."""
        if self.rows.rowCount():
            self.table.selectRow(0)
            self.open_quote(self.rows.row(0).id)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and (self.quote is None
                                  or self.rows.row(current.row()).id != self.quote.id):
            self.open_quote(self.rows.row(current.row()).id, focus=False)

    def open_quote(self, quote_id: int, focus: bool | None = True) -> None:
        """Show a quote in the form; ``focus``: the keyboard goes on to its lines (False: it
        stays in the list; None: where it is)."""
        if not self.unsaved.confirm():
            select_record(self.table, self.quote.id if self.quote else None)  # stay on it
            return
        self._opening, self._opening_focus = quote_id, focus
        api = self.ctx.api
        tasks.run(self, lambda: api.quotes.get(quote_id=quote_id), on_success=self._opened)

    def _opened(self, view: QuoteView) -> None:
        if view.id != self._opening:
            return  # another quote was chosen while this one loaded
        self._show_quote(view)
        if view.editable and self._opening_focus:
            self.grid.focus(0, QUANTITY)
        elif self._opening_focus is not None:
            self.table.setFocus()

    def _show_quote(self, view: QuoteView) -> None:
        self.grid.close_editor(keep=False)
        self._clear_errors()
        self.quote = view
        self._opening = view.id
        select_record(self.table, view.id)
        prospect = view.customer_id is None
        self.prospect.blockSignals(True)
        self.prospect.setChecked(prospect)
        self.prospect.blockSignals(False)
        self.party_form.setVisible(prospect)
        self.search_box.setEnabled(not prospect)
        if prospect:
            self.customer = None
            self.search_box.clear()
            self.customer_label.hide()
            self.results_table.hide()
            self.prospect_name.setText(view.prospect_name)
            self.prospect_phone.setText(view.phone)
            self.prospect_address.setText(view.prospect_address)
            self.language.setCurrentIndex(max(0, self.language.findData(view.language)))
        else:
            self._show_customer(view.customer_id, view.customer_code, view.party, " · ".join(
                x for x in (view.phone, view.address) if x))
            for field in (self.prospect_name, self.prospect_phone, self.prospect_address):
                field.clear()
        self.lines.set_lines([self.lines.line_from(x.product_id, x.sku, x.name_zh, x.name_en,
                                                   x.quantity, x.unit_price) for x in view.lines])
        self.quote_date.setText(view.quote_date.isoformat())
        self.valid_until.setDate(QDate(view.valid_until))
        self.notes.setText(view.notes)
        state = errors.translate_core(STATUS_NAMES[view.state])
        self.title.setText(self.tr("{number} for {party}").format(number=view.number,
                                                                  party=view.party))
        if view.order_number:
            state = self.tr("{state} · order {order}").format(state=state,
                                                              order=view.order_number)
        self.state_label.setText(state)
        self.state_label.setStyleSheet(f"color: {_STATE_COLOURS[view.state]};"
                                       if view.state in _STATE_COLOURS else "")
        self._set_read_only(not view.editable)
        self._update_actions()
        self._load_offers()
        self.unsaved.clean()

    def _reload(self) -> None:
        if self.quote is not None:
            quote_id = self.quote.id
            self.unsaved.clean()  # the user chose the newer version
            self.open_quote(quote_id)

    # --- actions on the saved quote ---
    def _saved_quote(self) -> QuoteView | None:
        """The quote the actions act on; None (and a word why) while the form holds changes."""
        if self.quote is None:
            return None
        if self.dirty():
            self.status.show_error(self.tr("Save the changes first (Ctrl+S)."))
            return None
        return self.quote

    def mark(self, target: str) -> None:
        q = self._saved_quote()
        if q is None:
            return
        api = self.ctx.api
        button = {"sent": self.send_button, "accepted": self.accept_button,
                  "rejected": self.reject_button}[target]
        self.status.clear()
        tasks.run(self, lambda: api.quotes.mark(quote_id=q.id, version=q.version, target=target),
                  on_success=lambda view: self._marked(view, target),
                  on_error=self._save_failed, disable=button)

    def _marked(self, view: QuoteView, target: str) -> None:
        became_customer = target == "accepted" and self.quote is not None \
            and self.quote.customer_id is None
        self._show_quote(view)
        state = errors.translate_core(STATUS_NAMES[view.state])
        text = self.tr("{number} is {state}.").format(number=view.number, state=state)
        if became_customer:
            text += " " + self.tr("{name} is now customer {code}.").format(
                name=view.party, code=view.customer_code)
        self.status.show_ok(text)

    def convert(self) -> None:
        q = self._saved_quote()
        if q is None or not self.convert_button.isEnabled():
            return
        api, quote_id = self.ctx.api, q.id

        def submit(override=None) -> OrderView:
            return api.quotes.convert(quote_id=quote_id, override=override)

        self.status.clear()
        tasks.run(self, submit, on_success=self._converted,
                  on_error=lambda exc, details: self._convert_failed(exc, details, submit),
                  disable=self.convert_button)

    def _convert_failed(self, exc: BaseException, details: str,
                        submit: Callable[..., OrderView]) -> None:
        if isinstance(exc, CreditRefused):
            dialog = OverrideDialog(self.ctx, exc, submit, parent=self)
            dialogs.run_dialog(dialog)
            if dialog.record is not None:
                self._converted(dialog.record)
            return
        errors.show(self, exc, details)
        if self.quote is not None:
            self.open_quote(self.quote.id)  # what the quote is now (converted elsewhere?)

    def _converted(self, order: OrderView) -> None:
        quote_id = self.quote.id if self.quote else None

        def shown(view: QuoteView) -> None:
            self._show_quote(view)
            self.status.show_ok(self.tr("{number} is now order {order} — {total}, for delivery "
                                        "on {day}.").format(
                number=view.number, order=order.number, total=self.ctx.money(order.total),
                day=order.delivery_date.isoformat()))

        if quote_id is not None:
            api = self.ctx.api
            tasks.run(self, lambda: api.quotes.get(quote_id=quote_id), on_success=shown)

    # --- printing ---
    def _with_pdf(self, then: Callable[[QuoteView, bytes], None], button: QPushButton) -> None:
        q = self._saved_quote()
        if q is None:
            return
        api, quote_id = self.ctx.api, q.id
        tasks.run(self, lambda: api.quotes.pdf(quote_id=quote_id),
                  on_success=lambda pdf: then(q, pdf), disable=button)

    def preview(self) -> None:
        if self.preview_button.isEnabled():
            self._with_pdf(self._show_preview, self.preview_button)

    def _show_preview(self, q: QuoteView, pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Quote {number}").format(number=q.number),
            file_name=f"{q.number}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    def print_(self) -> None:
        self._with_pdf(lambda q, pdf: print_pdf(self, self.ctx.local, pdf), self.print_button)

    def save_as_pdf(self) -> None:
        self._with_pdf(lambda q, pdf: save_pdf(self, pdf, f"{q.number}.pdf", on_saved=lambda path:
                       self.status.show_ok(self.tr("Saved {path}").format(path=path))),
                       self.pdf_button)
