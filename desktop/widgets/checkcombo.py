"""A combo box whose items are ticked on and off: pick several values from a short list.

The popup stays open while items are ticked (a click or Space ticks one); the
box shows the ticked items' names, or ``empty_text`` when none is ticked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

_DATA = Qt.ItemDataRole.UserRole
_TICK = Qt.ItemDataRole.CheckStateRole


class CheckCombo(QComboBox):
    changed = Signal()  # the ticked values changed

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self._items.itemChanged.connect(self._item_changed)
        self.view().viewport().installEventFilter(self)
        self.view().installEventFilter(self)

    def add_item(self, text: str, data: Any, ticked: bool = False) -> None:
        item = QStandardItem(text)
        item.setData(data, _DATA)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setData(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked, _TICK)
        self._items.appendRow(item)

    def ticked(self) -> tuple:
        """The ticked items' data, in list order."""
        return tuple(self._items.item(n).data(_DATA) for n in range(self._items.rowCount())
                     if self._is_ticked(n))

    def set_ticked(self, values: Iterable[Any]) -> None:
        wanted = set(values)
        self._items.blockSignals(True)
        for n in range(self._items.rowCount()):
            item = self._items.item(n)
            item.setData(Qt.CheckState.Checked if item.data(_DATA) in wanted
                         else Qt.CheckState.Unchecked, _TICK)
        self._items.blockSignals(False)
        self._item_changed()

    def summary(self) -> str:
        names = [self._items.item(n).text() for n in range(self._items.rowCount())
                 if self._is_ticked(n)]
        return ", ".join(names) if names else self.empty_text

    def _is_ticked(self, n: int) -> bool:
        return self._items.item(n).data(_TICK) in (Qt.CheckState.Checked,
                                                    Qt.CheckState.Checked.value)

    def _toggle(self, n: int) -> None:
        if 0 <= n < self._items.rowCount():
            self._items.item(n).setData(Qt.CheckState.Unchecked if self._is_ticked(n)
                                        else Qt.CheckState.Checked, _TICK)

    def _item_changed(self, *_args) -> None:
        self.setToolTip(self.summary())
        self.update()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view().viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            self._toggle(self.view().indexAt(event.position().toPoint()).row())
            return True  # the popup stays open for the next tick
        if watched is self.view() and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Space:
            self._toggle(self.view().currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def paintEvent(self, _event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width()
        option.currentText = self.fontMetrics().elidedText(self.summary(),
                                                           Qt.TextElideMode.ElideRight, room)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
