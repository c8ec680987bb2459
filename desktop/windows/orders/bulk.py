"""Bulk order entry: a grid for many orders at once, as ``roundsman-admin import orders``
does for a file.

Each row is one order line: customer code, delivery date (YYYY-MM-DD), SKU, quantity, and
optionally a unit price (blank: the customer's own price or the price list) and a
reference (rows with the same reference form one order; blank: the row is an order of its
own).  The row numbers are the line numbers the messages name.

Keys: typing starts editing a cell; Enter keeps it and moves to the next cell (from the end
of a row to the start of the next), Tab moves along the row; Ctrl+V pastes cells copied from
Excel at the current cell, Delete clears the chosen cells, Ctrl+Del removes their rows;
Ctrl+Enter checks, and after a clean check places the orders.

Check marks every bad cell red (its reason in the tooltip and in the list below the grid;
clicking a problem selects its cell), and nothing is placed while any row is bad.  Place
orders is possible only after a clean check of what the grid holds now.  Placed rows leave
the grid; refused ones (over the credit limit, mostly) stay, marked with the reason, so the
clerk can correct them or ask the manager.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.services.order_import import OPTIONAL, REQUIRED, OrderImportResult, OrderPreview
from core.text import one_line
from desktop import errors, tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, set_widths

COLUMNS = REQUIRED + OPTIONAL  # the grid's columns, in this order
MIN_ROWS = 20
BAD = QColor("#f9dedc")

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class Cells(QAbstractTableModel):
    """The grid's text, row by row, and the problems found in it ({(row, column): reason}).

    There are always at least ``MIN_ROWS`` rows and an empty last row to type into.
    """

    edited = Signal()  # the text changed

    def __init__(self, titles: list[str], tips: list[str], parent=None) -> None:
        super().__init__(parent)
        self.titles = titles
        self.tips = tips
        self.cells: list[list[str]] = [[""] * len(COLUMNS) for _ in range(MIN_ROWS)]
        self.problems: dict[tuple[int, int], str] = {}

    # --- Qt's model interface ---
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = (index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cells[cell[0]][cell[1]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.problems.get(cell)
        if role == Qt.ItemDataRole.BackgroundRole and cell in self.problems:
            return BAD
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[section]
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        self.write([(index.row(), index.column(), str(value or ""))])
        return True

    # --- what the window uses ---
    def write(self, changes: Iterable[tuple[int, int, str]]) -> None:
        """Set cells (row, column, text), growing the grid as needed; a cell that changes
        loses its problem."""
        changes = [(r, c, text.strip()) for r, c, text in changes
                   if r >= len(self.cells) or self.cells[r][c] != text.strip()]
        if not changes:
            return
        self._grow(max(r for r, _, _ in changes) + 1)
        for r, c, text in changes:
            self.cells[r][c] = text
            self.problems.pop((r, c), None)
        rows = [r for r, _, _ in changes]
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))
        self._grow(len(self.cells) + 1 if any(self.cells[-1]) else 0)
        self.edited.emit()

    def paste(self, row: int, column: int, text: str) -> None:
        """Tab-separated text (as Excel copies it) into the grid from (row, column) on; a
        first line that names the columns is left out."""
        lines = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n")
                 .rstrip("\n").split("\n")]
        names = {name.lower() for name in (*COLUMNS, *self.titles)}
        if lines and any(lines[0]) and all(c.strip().lower() in names for c in lines[0] if c):
            lines = lines[1:]
        self.write((row + i, column + j, value) for i, values in enumerate(lines)
                   for j, value in enumerate(values) if column + j < len(COLUMNS))

    def remove(self, rows: Iterable[int]) -> dict[int, int]:
        """Remove rows; returns where each remaining row went ({old row: new row})."""
        gone = set(rows)
        if not gone:
            return {r: r for r in range(len(self.cells))}
        moved = {old: new for new, old in enumerate(
            r for r in range(len(self.cells)) if r not in gone)}
        for r in sorted(gone, reverse=True):
            self.beginRemoveRows(_ROOT, r, r)
            del self.cells[r]
            self.endRemoveRows()
        self.problems = {(moved[r], c): p for (r, c), p in self.problems.items() if r in moved}
        self._grow(MIN_ROWS)
        if any(self.cells[-1]):
            self._grow(len(self.cells) + 1)
        self.edited.emit()
        return moved

    def set_problems(self, problems: dict[tuple[int, int], str]) -> None:
        self.problems = dict(problems)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.cells) - 1, len(COLUMNS) - 1))

    def rows_in_use(self) -> list[tuple[int, dict[str, str]]]:
        """The rows with any text, as ``order_import.check_rows`` takes them (line = row + 1)."""
        return [(r + 1, dict(zip(COLUMNS, values, strict=True)))
                for r, values in enumerate(self.cells) if any(values)]

    def _grow(self, rows: int) -> None:
        if rows > len(self.cells):
            self.beginInsertRows(_ROOT, len(self.cells), rows - 1)
            self.cells += [[""] * len(COLUMNS) for _ in range(rows - len(self.cells))]
            self.endInsertRows()


class Grid(QTableView):
    """Spreadsheet keys: Enter to the next cell, Ctrl+V pastes, Delete clears the chosen
    cells, Ctrl+Del removes their rows."""

    def __init__(self, model: Cells, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setStretchLastSection(True)

    def cells(self) -> Cells:
        return self.model()

    def go(self, row: int, column: int, select: bool = True) -> None:
        """Make the cell current and the only one chosen (``select`` False: none chosen, so
        that a red cell shows red)."""
        index = self.cells().index(row, column)
        flags = self.selectionModel().SelectionFlag
        self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect if select
                                              else flags.Clear)
        self.scrollTo(index)

    def move_next(self) -> None:
        index = self.currentIndex()
        if not index.isValid():
            return
        row, column = index.row(), index.column() + 1
        if column == len(COLUMNS):
            row, column = row + 1, 0
        if row < self.cells().rowCount():
            self.go(row, column)

    def commit_editor(self) -> None:
        """Keep what the open editor holds (before a check reads the grid)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def closeEditor(self, editor: QWidget, hint) -> None:
        enter = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache  # Enter in the editor
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if enter else hint)
        if enter:
            self.move_next()

    def keyPressEvent(self, event) -> None:
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        index = self.currentIndex()
        if event.matches(QKeySequence.StandardKey.Paste):
            if index.isValid():
                self.cells().paste(index.row(), index.column(), QApplication.clipboard().text())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.state() != QAbstractItemView.State.EditingState:  # else closeEditor moves
                self.move_next()
        elif key == Qt.Key.Key_Delete and ctrl:
            chosen = self.selectedIndexes() or [index]
            self.cells().remove(i.row() for i in chosen if i.isValid())
            if index.isValid():
                self.go(min(index.row(), self.cells().rowCount() - 1), index.column())
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.cells().write((i.row(), i.column(), "") for i in self.selectedIndexes())
        else:
            super().keyPressEvent(event)
            return
        event.accept()


@dataclass(frozen=True)
class Problem:
    row: int
    column: int
    text: str


class BulkOrdersWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: OrderPreview | None = None  # a clean check of what the grid holds now
        self.setWindowTitle(self.tr("Bulk orders"))

        explanation = QLabel(self.tr(
            "One row per order line. Rows with the same reference form one order; a row "
            "without a reference is an order of its own. A blank unit price takes the "
            "customer's price or the price list. Row numbers are the line numbers in the "
            "messages.\nEnter: next cell · Tab: along the row · Ctrl+V: paste from Excel · "
            "Delete: clear cells · Ctrl+Del: remove rows · Ctrl+Enter: check, then place"), self)
        explanation.setWordWrap(True)

        self.cells = Cells(
            [self.tr("Customer code"), self.tr("Delivery date"), self.tr("SKU"),
             self.tr("Quantity"), self.tr("Unit price"), self.tr("Reference")],
            [self.tr("The customer's code, e.g. C000123"),
             self.tr("YYYY-MM-DD, today or later"),
             self.tr("The product's SKU, e.g. LPG-20"),
             self.tr("How many; cylinders are counted whole"),
             self.tr("Blank: the customer's price or the price list"),
             self.tr("Rows with the same reference form one order; blank: the row is an "
                     "order of its own")], self)
        self.cells.edited.connect(self._edited)
        self.grid = Grid(self.cells, self)
        set_widths(self.grid, (16, 14, 14, 10, 12))

        self.problems_label = QLabel(self)
        self.problems = RowsModel([
            Column(self.tr("Line"), lambda p: str(p.row + 1), RIGHT),
            Column(self.tr("Column"), lambda p: self.cells.titles[p.column]),
            Column(self.tr("Problem"), lambda p: one_line(p.text), tip=lambda p: p.text),
        ], self)
        self.problems_table = make_table(self.problems, self)
        set_widths(self.problems_table, (6, 16))
        self.problems_table.clicked.connect(self._select_problem)
        self.problems_table.activated.connect(self._select_problem)
        self.problems_box = QWidget(self)
        box = QVBoxLayout(self.problems_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.problems_label)
        box.addWidget(self.problems_table)
        self.problems_box.hide()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.grid)
        splitter.addWidget(self.problems_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.summary = MessageLabel(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy_label = QLabel(self)
        self.check_button = QPushButton(self.tr("&Check"), self)
        self.check_button.setToolTip(self.tr("Check every row (Ctrl+Enter)"))
        self.check_button.clicked.connect(self.check)
        self.place_button = QPushButton(self.tr("&Place orders"), self)
        self.place_button.setToolTip(self.tr("Place the checked orders (Ctrl+Enter)"))
        self.place_button.setEnabled(False)
        self.place_button.clicked.connect(self.place)
        self._set_busy("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addWidget(self.busy_label)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.place_button)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(keys, self, self.check_or_place)
        self.grid.go(0, 0)
        self.setFocusProxy(self.grid)

    # --- actions ---
    def check_or_place(self) -> None:
        self.grid.commit_editor()
        if self.preview is not None:
            self.place()
        else:
            self.check()

    def check(self) -> None:
        """Check the rows in the background; mark every bad cell, or allow placing."""
        self.grid.commit_editor()
        if not self.busy.isHidden():
            return
        rows = self.cells.rows_in_use()
        if not rows:
            self.summary.show_error(self.tr(
                "There is nothing to check: type or paste order lines into the grid."))
            return
        api = self.ctx.api
        self._set_busy(self.tr("Checking…"))
        # An edit meanwhile forgets this check: it is of old text (see _edited).
        tasks.run(self, lambda: api.orders.import_check_rows(rows=rows), key="check",
                  on_success=self._checked, on_error=self.summary.on_error,
                  on_end=lambda: self._set_busy(""), disable=self.check_button)

    def place(self) -> None:
        """Place the checked orders in the background (the grid waits meanwhile)."""
        preview = self.preview
        if preview is None or not self.busy.isHidden():
            return
        self.preview = None
        self.place_button.setEnabled(False)
        api = self.ctx.api
        self._set_busy(self.tr("Placing {n} orders…").format(n=len(preview.orders)))
        tasks.run(self, lambda: api.orders.import_apply(preview=preview),
                  on_success=lambda result: self._placed(preview, result),
                  on_error=self._failed, disable=self.grid)

    # --- results ---
    def _checked(self, preview: OrderPreview) -> None:
        column = {name: i for i, name in enumerate(COLUMNS)}
        self._show_problems({(e.line - 1, column.get(e.column, 0)): errors.message(e.error)
                             for e in preview.errors})
        if preview.errors:
            self.summary.show_error(self.tr(
                "Rows with problems: {n}. Correct the red cells (the list below says why); "
                "nothing is placed until every row is right.").format(n=preview.bad_lines))
            self.grid.go(*min(self.cells.problems), select=False)
            self.grid.setFocus()
            return
        self.preview = preview
        self.place_button.setEnabled(True)
        self.summary.show_ok(self.tr(
            "Every row is right: {lines} lines make {orders} orders. Press Place orders "
            "(or Ctrl+Enter) to place them.").format(
                lines=sum(len(o.lines) for o in preview.orders), orders=len(preview.orders)))

    def _placed(self, preview: OrderPreview, result: OrderImportResult) -> None:
        self._set_busy("")
        by_ref = {plan.ref: plan for plan in preview.orders if plan.ref is not None}
        already = [by_ref[ref] for ref in result.already_imported]
        kept = {n for plan in already for n in plan.lines_in_file} | \
            {n for refusal in result.refused for n in refusal.lines_in_file}
        moved = self.cells.remove(n - 1 for plan in preview.orders
                                  for n in plan.lines_in_file if n not in kept)
        problems = {}
        for refusal in result.refused:
            for n in refusal.lines_in_file:
                problems[moved[n - 1], COLUMNS.index("customer_code")] = \
                    errors.message(refusal.error)
        for plan in already:
            for n in plan.lines_in_file:
                problems[moved[n - 1], COLUMNS.index("ref")] = self.tr(
                    "{customer} already has an order with the reference “{ref}”; it was not "
                    "placed again. Remove the row if it is that order, or change the "
                    "reference.").format(customer=plan.customer_code, ref=plan.ref)
        self._show_problems(problems)
        self.grid.setFocus()
        parts = []
        if result.placed:
            parts.append(self.tr("Orders placed: {n} ({numbers}).").format(
                n=len(result.placed), numbers=", ".join(result.placed)))
        if result.already_imported:
            parts.append(self.tr("Already placed before, not placed again: {refs}.").format(
                refs=", ".join(result.already_imported)))
        if result.refused:
            parts.append(self.tr(
                "Orders refused: {n}. Their rows stay in the grid, in red; the list below "
                "says why.").format(n=len(result.refused)))
        text = " ".join(parts)
        if result.refused or result.already_imported:
            self.summary.show_error(text)
        else:
            self.summary.show_ok(text)

    def _failed(self, exc: BaseException, details: str) -> None:
        self._set_busy("")
        self.summary.on_error(exc, details)

    # --- helpers ---
    def _edited(self) -> None:
        """Any change to the text: a check done before (or on its way) no longer holds."""
        tasks.forget(self, "check")
        if self.preview is not None:
            self.preview = None
            self.summary.clear()
        self.place_button.setEnabled(False)
        self._show_problems(self.cells.problems)

    def _show_problems(self, problems: dict[tuple[int, int], str]) -> None:
        if problems is not self.cells.problems:
            self.cells.set_problems(problems)
        self.problems.set_rows([Problem(r, c, text) for (r, c), text in sorted(problems.items())])
        self.problems_label.setText(self.tr("Problems ({n}):").format(n=len(problems)))
        self.problems_box.setVisible(bool(problems))

    def _select_problem(self, index: QModelIndex) -> None:
        problem = self.problems.row(index.row())
        self.grid.go(problem.row, problem.column)
        self.grid.setFocus()

    def _set_busy(self, text: str) -> None:
        self.busy.setVisible(bool(text))
        self.busy_label.setText(text)
