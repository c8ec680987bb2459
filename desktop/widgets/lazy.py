"""A table model that loads its rows a page at a time, as the view scrolls.

The window gives ``reload`` a loader, ``load(offset, last_row, limit) -> rows``,
with the search's criteria (and sort) fixed inside it; each page is loaded off
the UI thread when the view asks for more (``canFetchMore``/``fetchMore``), so a
list of a million rows opens as fast as a list of ten.  A page shorter than
``page`` is the last one.  Offset-paged queries use ``offset``, keyset-paged
ones the last row shown; ``load_all`` pages through everything the loader
finds (an export), on the pool thread that calls it.

Clicking a header sorts in the database: columns with a ``sort`` key emit
``sort_changed(key, descending)`` and the window reloads; a click on another
column keeps the sort as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QTableView, QWidget

from desktop import errors, tasks
from desktop.widgets.rows import Column, RowsModel, make_table

Loader = Callable[[int, Any, int], Sequence[Any]]
_ROOT = QModelIndex()


def load_all(load: Loader, page: int = 5000) -> list[Any]:
    """Every row the loader finds, a page at a time (call it on a pool thread)."""
    rows: list[Any] = []
    while True:
        chunk = list(load(len(rows), rows[-1] if rows else None, page))
        rows += chunk
        if len(chunk) < page:
            return rows


class LazyRowsModel(RowsModel):
    loaded = Signal()  # a page arrived (or the list turned out empty)
    sort_changed = Signal(str, bool)  # a sortable header was clicked: key, descending

    def __init__(self, columns: Sequence[Column], parent=None, *, page: int = 200,
                 **styles) -> None:
        super().__init__(columns, parent, **styles)
        self.page = page
        self.load: Loader | None = None
        self._loading = False
        self._complete = True

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        """Every matching row is loaded."""
        return self._complete

    def reload(self, load: Loader) -> None:
        """Forget the rows and load the first page with ``load``."""
        tasks.forget(self, "page")  # a page still on its way is of the old criteria
        self.load = load
        self._loading = False
        self._complete = False
        self.set_rows([])
        self.fetchMore(_ROOT)

    # --- Qt's lazy loading ---
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and not self._complete and not self._loading \
            and self.load is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        load, limit = self.load, self.page
        offset, last = len(self._rows), (self._rows[-1] if self._rows else None)
        tasks.run(self, lambda: list(load(offset, last, limit)), key="page",
                  on_success=self._arrived, on_error=self._failed)

    def _arrived(self, rows: list[Any]) -> None:
        self._loading = False
        self._complete = len(rows) < self.page
        if rows:
            first = len(self._rows)
            self.beginInsertRows(_ROOT, first, first + len(rows) - 1)
            self._rows += rows
            self.endInsertRows()
        self.loaded.emit()

    def _failed(self, exc: BaseException, details: str) -> None:
        self._loading = False
        self._complete = True  # no retry loop; the next reload tries again
        self.loaded.emit()
        errors.show(None, exc, details)

    # --- sorting in the database ---
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self._columns) and self._columns[column].sort:
            self.sort_changed.emit(self._columns[column].sort,
                                   order == Qt.SortOrder.DescendingOrder)


def make_lazy_table(model: LazyRowsModel, parent: QWidget | None = None, *,
                    sort_key: str | None = None) -> QTableView:
    """``make_table`` with header sorting when some column has a sort key
    (``sort_key``: the one the list starts sorted by, ascending)."""
    view = make_table(model, parent)
    keys = [c.sort for c in model.columns]
    if not any(keys):
        return view
    header = view.horizontalHeader()
    header.setSortIndicator(keys.index(sort_key) if sort_key in keys else -1,
                            Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    shown = [header.sortIndicatorSection(), header.sortIndicatorOrder()]

    def clicked(section: int, order: Qt.SortOrder) -> None:
        if 0 <= section < len(keys) and keys[section]:
            shown[:] = [section, order]
            return
        header.blockSignals(True)  # the database cannot sort by this column: keep the old
        header.setSortIndicator(*shown)
        header.blockSignals(False)

    header.sortIndicatorChanged.connect(clicked)
    return view
