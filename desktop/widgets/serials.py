"""The serials box: cylinders' serials scanned into a stock document or a delivery.

A barcode scanner is a keyboard: it types the serial and presses Enter.  The box's line
takes the serial and Enter adds it (as stamped: upper case, no spaces) to the list
below; Enter on an empty line goes on to the form (it saves), so scanning never saves a
dialog by accident.  A serial in the list already is not added twice (a short note
says so).  Each serial's size is looked up once it is listed (``cylinders.get``): its
SKU, "not registered", scrapped, or its re-test overdue.  Remove (or Delete in the list)
takes the selected serial out.  ``mark`` highlights the serials a refusal names, so the
clerk sees which one to take out; nothing listed is cleared by a refusal.

Shown only when the company scans serials (``scanning``: the setting "Scan serials" in
Settings → Cylinders).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.services.cylinders import normalise_serial
from desktop import tasks

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MARKED = QColor("#b3261e")
_SERIAL_ROLE = Qt.ItemDataRole.UserRole


def scanning(company) -> bool:
    """Whether the company scans serials at loading, delivery and return."""
    return getattr(company, "scan_serials", "") == "on"


class SerialsBox(QWidget):
    """A scanned serial + Enter adds it to the list (see the module)."""

    changed = Signal()

    def __init__(self, api=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api  # for the sizes (None: none looked up)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Scan a serial (or type it, then Enter)"))
        self.edit.setMaxLength(40)
        self.edit.installEventFilter(self)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add(self.edit.text()))
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.list.installEventFilter(self)
        self.remove_button = QPushButton(self.tr("Re&move"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.count = QLabel(self)
        self.note = QLabel(self)
        self.note.setEnabled(False)  # muted: a hint, not an error
        self.note.setWordWrap(True)
        self.note.hide()

        top = QHBoxLayout()
        top.addWidget(self.edit, 1)
        top.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addLayout(bottom)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)
        self._update()

    # --- what is listed ---
    def serials(self) -> tuple[str, ...]:
        """The serials listed, in the order scanned."""
        return tuple(self.list.item(n).data(_SERIAL_ROLE) for n in range(self.list.count()))

    def add(self, text: str) -> bool:
        """List a serial typed or scanned; False for a blank or one listed already."""
        serial = normalise_serial(text)
        self.edit.clear()
        if not serial:
            return False
        if serial in self.serials():
            self.note.setText(self.tr("{serial} is in the list already.").format(serial=serial))
            self.note.show()
            return False
        self.note.hide()
        item = QListWidgetItem(serial, self.list)
        item.setData(_SERIAL_ROLE, serial)
        self.list.setCurrentItem(item)
        self.list.scrollToItem(item)
        self._look_up(serial)
        self._update()
        self.changed.emit()
        return True

    def set_serials(self, serials) -> None:
        self.list.clear()
        for serial in serials:
            self.add(serial)
        self._update()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self.note.hide()
        self._update()
        self.changed.emit()
        (self.list if self.list.count() else self.edit).setFocus()

    def describe(self, serial: str) -> str:
        """The line the list shows for ``serial``."""
        item = self._item(serial)
        return item.text() if item is not None else ""

    # --- a refusal ---
    def mark(self, message: str) -> list[str]:
        """Highlight the serials ``message`` names (the first one becomes current);
        returns them."""
        named = []
        for n in range(self.list.count()):
            item = self.list.item(n)
            hit = bool(message) and item.data(_SERIAL_ROLE) in message
            item.setForeground(QBrush(_MARKED) if hit else QBrush())
            if hit:
                if not named:
                    self.list.setCurrentItem(item)
                named.append(item.data(_SERIAL_ROLE))
        return named

    def marked(self) -> list[str]:
        return [self.list.item(n).data(_SERIAL_ROLE) for n in range(self.list.count())
                if self.list.item(n).foreground().color() == _MARKED]

    # --- inside ---
    def _item(self, serial: str) -> QListWidgetItem | None:
        return next((self.list.item(n) for n in range(self.list.count())
                     if self.list.item(n).data(_SERIAL_ROLE) == serial), None)

    def _update(self) -> None:
        n = self.list.count()
        self.count.setText(self.tr("Serials: {count}").format(count=n) if n
                           else self.tr("No serials"))
        self.remove_button.setEnabled(n > 0)

    def _look_up(self, serial: str) -> None:
        if self.api is None:
            return
        api = self.api
        tasks.run(self, lambda: api.cylinders.get(serial=serial), key=("serial", serial),
                  on_success=lambda view: self._show_size(serial, view),
                  on_error=lambda *_: None)  # the save says what is wrong with it

    def _show_size(self, serial: str, view) -> None:
        item = self._item(serial)
        if item is None:
            return
        if view is None:
            about = self.tr("not registered")
        elif view.status == "scrapped":
            about = self.tr("{sku}, scrapped").format(sku=view.product_sku)
        elif view.retest_due < date.today():
            about = self.tr("{sku}, re-test overdue since {due}").format(
                sku=view.product_sku, due=view.retest_due.isoformat())
        else:
            about = view.product_sku
        item.setText(f"{serial}  ·  {about}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            if watched is self.edit and event.key() in _ENTER and self.edit.text().strip():
                self.add(self.edit.text())
                return True  # Enter after a serial lists it; it does not save the form
            if watched is self.list and event.key() in (Qt.Key.Key_Delete,
                                                        Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)
