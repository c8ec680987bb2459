"""A customer field that finds the customer as you type (phone, name, code or address).

The same search as order entry's: the query runs off the UI thread a moment
after the last key, the matches show in a short list under the field, Down/Up
move in it while the keys stay in the field, and Enter picks (the first match
when the search is still on its way: it is picked when it arrives).  Enter
once a customer is picked emits ``done`` (the form moves on); Esc closes the
list, and when it is closed goes to the form.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from core.queries.customers import CustomerRow
from desktop import tasks
from desktop.widgets.rows import Column, RowsModel, make_table, select_row, set_widths

SEARCH_DELAY_MS = 120
SEARCH_LIMIT = 20
VISIBLE_ROWS = 6
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CustomerPicker(QWidget):
    picked = Signal(object)  # the CustomerRow chosen
    cleared = Signal()  # the text no longer names the picked customer
    done = Signal()  # Enter on a picked customer

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self._seq = 0
        self._pick_when_found = False
        self._shown_text = ""  # what the field says about the picked customer

        self.box = QLineEdit(self)
        self.box.setPlaceholderText(self.tr("Phone, name, code or address"))
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.setFocusProxy(self.box)
        self.results = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Phone"), lambda r: r.phone),
            Column(self.tr("Address"), lambda r: r.address),
        ], self)
        self.table = make_table(self.results, self)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the field
        set_widths(self.table, (7, 12, 12))
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(rows * VISIBLE_ROWS + self.table.horizontalHeader()
                                  .sizeHint().height() + 4)
        self.table.activated.connect(self._pick)
        self.table.clicked.connect(self._pick)
        self.hint = QLabel(self)
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        self._show_list(False)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.box.textEdited.connect(self._typed)

    # --- what the form uses ---
    def set_customer(self, customer_id: int | None, code: str = "", name: str = "") -> None:
        """Show ``customer_id`` as picked (None: empty)."""
        self._timer.stop()
        self._pick_when_found = False
        self.customer_id = customer_id
        self._shown_text = f"{code}  {name}" if customer_id is not None else ""
        self.box.setText(self._shown_text)
        self._show_list(False)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        if not enabled:
            self._show_list(False)

    # --- searching ---
    def _typed(self, text: str) -> None:
        if self.customer_id is not None and text != self._shown_text:
            self.customer_id = None
            self.cleared.emit()
        self._show_list(True)
        self._timer.start()

    def search(self) -> None:
        self._timer.stop()
        self._seq += 1
        seq, query, api = self._seq, self.box.text(), self.ctx.api
        tasks.run(self, lambda: api.customers.search(query=query, limit=SEARCH_LIMIT),
                  on_success=lambda rows: self._found(seq, rows))

    def _found(self, seq: int, rows: list[CustomerRow]) -> None:
        if seq != self._seq:
            return  # an older query answered late: a newer one is on its way
        self.results.set_rows(rows)
        select_row(self.table, 0 if rows else None)
        self.hint.setText("" if rows else self.tr("No customer matches."))
        self.hint.setVisible(not rows and self.table.isVisible())
        if self._pick_when_found:
            self._pick_when_found = False
            self._pick(self.table.currentIndex())

    def _show_list(self, visible: bool) -> None:
        self.table.setVisible(visible)
        self.hint.setVisible(visible and bool(self.hint.text()))

    def _pick(self, index) -> None:
        if not index.isValid():
            return
        row: CustomerRow = self.results.row(index.row())
        self.set_customer(row.id, row.code, row.name)
        self.picked.emit(row)

    # --- keys ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in _MOVE_KEYS and (self.table.isVisible() or self.customer_id is None):
                if not self.table.isVisible():
                    self._show_list(True)
                    self.search()
                self.table.keyPressEvent(event)  # the focus stays in the field
                return True
            if key in _ENTER_KEYS and not event.modifiers():
                if self.table.isVisible() or self.customer_id is None:
                    if self._timer.isActive() or self.results.rowCount() == 0:
                        self._pick_when_found = True
                        self._show_list(True)
                        self.search()
                    else:
                        self._pick(self.table.currentIndex())
                else:
                    self.done.emit()
                return True
            if key == Qt.Key.Key_Escape and self.table.isVisible():
                self._show_list(False)
                return True
        return super().eventFilter(watched, event)
