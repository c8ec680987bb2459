"""A customer field that finds the customer as you type (phone, name, code or address).

The same search as order entry's (``desktop.widgets.customer_search``): the query
runs off the UI thread a moment after the last key, the matches show in a short list
under the field, Down/Up move in it while the keys stay in the field, and Enter picks
(the first match when the search is still on its way: it is picked when it arrives).  Enter
once a customer is picked emits ``done`` (the form moves on); Esc closes the
list, and when it is closed goes to the form.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from core.queries.customers import CustomerRow
from desktop.widgets.customer_search import CustomerSearch

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
        self._shown_text = ""  # what the field says about the picked customer

        self.box = QLineEdit(self)
        self.box.setPlaceholderText(self.tr("Phone, name, code or address"))
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.setFocusProxy(self.box)
        self.customer_search = CustomerSearch(ctx, self.box, self)
        self.table = self.customer_search.build_list(self, single_click=True)
        self.results, self.hint = self.customer_search.results, self.customer_search.hint
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(rows * VISIBLE_ROWS + self.table.horizontalHeader()
                                  .sizeHint().height() + 4)
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        self._show_list(False)
        self.box.textEdited.connect(self._typed)
        self.customer_search.found.connect(
            lambda rows: self.hint.setVisible(not rows and self.table.isVisible()))
        self.customer_search.picked.connect(self._pick)

    # --- what the form uses ---
    def set_customer(self, customer_id: int | None, code: str = "", name: str = "") -> None:
        """Show ``customer_id`` as picked (None: empty)."""
        self.customer_search.stop()
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

    def _show_list(self, visible: bool) -> None:
        self.table.setVisible(visible)
        self.hint.setVisible(visible and bool(self.hint.text()))

    def _pick(self, row: CustomerRow) -> None:
        self.set_customer(row.id, row.code, row.name)
        self.picked.emit(row)

    # --- keys ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in _MOVE_KEYS and (self.table.isVisible() or self.customer_id is None):
                if not self.table.isVisible():
                    self._show_list(True)
                    self.customer_search.search()
                self.customer_search.move(event)  # the focus stays in the field
                return True
            if key in _ENTER_KEYS and not event.modifiers():
                if self.table.isVisible() or self.customer_id is None:
                    self._show_list(True)
                    self.customer_search.pick_current()
                else:
                    self.done.emit()
                return True
            if key == Qt.Key.Key_Escape and self.table.isVisible():
                self._show_list(False)
                return True
        return super().eventFilter(watched, event)
