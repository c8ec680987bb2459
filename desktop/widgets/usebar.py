"""A small bar in a table cell: how much of a credit limit is in use.

The cell's raw value (``VALUE_ROLE``) is the share used (0.85 = 85 %; over 1 is
over the limit; None: no bar); its text is written beside the bar.  Green under
70 %, amber from 70 % to 90 %, red from 90 % and over the limit.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.widgets.rows import VALUE_ROLE

GREEN, AMBER, RED = QColor("#2e7d32"), QColor("#f0a000"), QColor("#c62828")


def colour(share: float) -> QColor:
    return GREEN if share < 0.7 else AMBER if share < 0.9 else RED


class UsedBarDelegate(QStyledItemDelegate):
    BAR_WIDTH = 44

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:  # the cell's background and selection, without its text
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        share = index.data(VALUE_ROLE)
        rect = opt.rect.adjusted(4, 0, -4, 0)
        painter.save()
        if share is not None:
            bar = QRect(rect.left(), rect.center().y() - 5, self.BAR_WIDTH, 10)
            painter.setPen(opt.palette.color(QPalette.ColorRole.Mid))
            painter.setBrush(opt.palette.color(QPalette.ColorRole.Base))
            painter.drawRect(bar)
            filled = QRect(bar)
            filled.setWidth(round(self.BAR_WIDTH * max(0.0, min(float(share), 1.0))))
            painter.fillRect(filled.adjusted(1, 1, 0, 0), colour(float(share)))
            rect.setLeft(bar.right() + 6)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected
                                         else QPalette.ColorRole.Text))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + self.BAR_WIDTH + 6, size.height())
