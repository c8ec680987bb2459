"""A read-only table model over a list of frozen dataclasses, and a table view for it.

Every list in the desktop (search results, products, price history, audit
entries, import previews) shows rows that a service returned; each column is
a title and a function that turns a row into the text shown.  A column may
also give the row's raw value (``value``: a Decimal, a date; what an Excel
export writes and what a painting delegate reads as ``VALUE_ROLE``), the
key the database sorts it by (``sort``), and its own tooltip (``tip``).

The table (``RowsView``) keeps the highlighted row on the panel beside it:
when the rows are replaced (a reload, a sort in the database, a filter), the
row of the same record (``RowsModel.key``) stays current and highlighted, and
when that record is gone none is, and ``currentRowChanged`` says so, so a
detail panel never shows one record while another row is highlighted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QStyle, QTableView,
                               QWidget)

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
VALUE_ROLE = Qt.ItemDataRole.UserRole  # a column's raw value (``Column.value``)
WIDEST_AMOUNT = Decimal(999_999)  # the amount a list's money column is made wide enough for
NUMBER_SAMPLE = "INV-0000-000000"  # as wide as an invoice or order number (SO-2026-001460)


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    value: Callable[[Any], Any] | None = None  # the raw value; None: the text
    sort: str | None = None  # the query's sort key for this column; None: not sortable
    tip: Callable[[Any], str] | None = None  # the tooltip; None: the text

    def raw(self, row: Any) -> Any:
        return self.text(row) if self.value is None else self.value(row)


class RowsModel(QAbstractTableModel):
    """Rows shown as text; ``muted`` rows are greyed (inactive records), ``bold`` ones stand
    out, ``tint`` gives a row a background colour (None: the usual one)."""

    def __init__(self, columns: Sequence[Column], parent=None, *,
                 muted: Callable[[Any], bool] | None = None,
                 bold: Callable[[Any], bool] | None = None,
                 tint: Callable[[Any], QColor | None] | None = None,
                 key: Callable[[Any], Any] = lambda row: getattr(row, "id", None)) -> None:
        super().__init__(parent)
        self.key = key  # what identifies a row's record across reloads (None: nothing)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._muted = muted
        self._bold = bold
        self._tint = tint

    # --- Qt's model interface ---
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tip or column.text)(row)
        if role == VALUE_ROLE:
            return column.raw(row)
        if role == Qt.ItemDataRole.BackgroundRole and self._tint:
            return self._tint(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ForegroundRole and self._muted and self._muted(row):
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and self._bold and self._bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self._columns[section].align)
        return None

    # --- what the windows use ---
    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def row(self, number: int) -> Any:
        return self._rows[number]

    def set_rows(self, rows: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if columns is not None:
            self._columns = list(columns)
        self.endResetModel()

    def find(self, match: Callable[[Any], bool]) -> int | None:
        return next((i for i, r in enumerate(self._rows) if match(r)), None)

    def replace(self, number: int, row: Any) -> None:
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self._columns) - 1))

    def insert(self, number: int, row: Any) -> None:
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.insert(number, row)
        self.endInsertRows()


class RowsView(QTableView):
    """A table whose highlighted row is always its current row, and stays on its record
    when the model's rows are replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kept: Any = None

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        if isinstance(model, RowsModel):
            model.modelAboutToBeReset.connect(self._remember)
            # Connected after the selection model's own reset, which forgets the current
            # row without a signal.
            model.modelReset.connect(self._restore)

    def _remember(self) -> None:
        model, index = self.model(), self.currentIndex()
        self._kept = model.key(model.row(index.row())) \
            if isinstance(model, RowsModel) and index.isValid() else None

    def _restore(self) -> None:
        kept, self._kept = self._kept, None
        model = self.model()
        if kept is None or not isinstance(model, RowsModel):
            return
        number = model.find(lambda row: model.key(row) == kept)
        if number is not None:
            self.setCurrentIndex(model.index(number, 0))
        else:  # gone: tell the panel beside it that no row is chosen any more
            self.selectionModel().currentRowChanged.emit(QModelIndex(), QModelIndex())

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # noqa: N802
        # Qt makes the first row current unselected when a table gets the focus with no
        # current row: highlight the row that is current, whatever made it so.
        super().currentChanged(current, previous)
        selection = self.selectionModel()
        if current.isValid() and not selection.isRowSelected(current.row(), current.parent()):
            selection.select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect
                             | QItemSelectionModel.SelectionFlag.Rows)


def make_table(model: RowsModel, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table with compact rows and a stretching last column."""
    view = RowsView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table, as in every other field
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(LEFT)
    return view


def set_widths(view: QTableView, widths: Sequence[int | str]) -> None:
    """Column widths in average characters (CJK glyphs count as two), or as wide as a
    sample text (the widest amount a column shows, say); never narrower than the title."""
    metrics = view.fontMetrics()
    for column, width in enumerate(widths):
        wanted = metrics.horizontalAdvance(width) + 10 if isinstance(width, str) \
            else width * metrics.averageCharWidth() + 16  # a sample is exact, with the margins
        view.setColumnWidth(column, max(wanted, title_width(view, column)))


def title_width(view: QTableView, column: int) -> int:
    """How wide a column must be to show its whole title (with room for the sort arrow
    where a click on it sorts)."""
    header, model = view.horizontalHeader(), view.model()
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    title = model.headerData(column, Qt.Orientation.Horizontal) or ""
    width = header.fontMetrics().horizontalAdvance(title) + 2 * margin + 4
    sorts = view.isSortingEnabled() and (
        not isinstance(model, RowsModel) or model.columns[column].sort is not None)
    if sorts:
        width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    return width


def fit_columns(view: QTableView, most_chars: int = 40) -> None:
    """Size columns to their contents (the rows in view, margins included) and title, with a
    little air, but none wider than ``most_chars`` average characters."""
    header = view.horizontalHeader()
    stretched = header.stretchLastSection()
    header.setStretchLastSection(False)  # else the last column keeps its old width as a minimum
    most = view.fontMetrics().averageCharWidth() * most_chars
    for column in range(view.model().columnCount()):
        view.resizeColumnToContents(column)
        view.setColumnWidth(column, min(view.columnWidth(column) + 4, most))
    header.setStretchLastSection(stretched)


def select_record(view: QTableView, key: Any) -> None:
    """Make the row of the record ``key`` (``RowsModel.key``) current; none when it is not
    in the list (or ``key`` is None)."""
    model = view.model()
    select_row(view, None if key is None else model.find(lambda row: model.key(row) == key))


def select_row(view: QTableView, number: int | None) -> None:
    """Make ``number`` the current, selected row (None: clear the selection)."""
    if number is None:
        view.clearSelection()
        view.setCurrentIndex(QModelIndex())
        return
    index = view.model().index(number, 0)
    view.setCurrentIndex(index)
    view.scrollTo(index)
