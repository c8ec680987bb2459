"""Customer search as you type: the one way a window finds a customer from a search box.

``CustomerSearch`` watches a ``QLineEdit``: a moment after the last key it asks
``api.customers.search`` off the UI thread (``tasks.run(..., key="customer-search")``,
so an older query that answers late is dropped by the runner and only the newest
query's rows arrive) and emits ``found(rows)``.

Order entry, quotes and ``CustomerPicker`` also show the matches as a short pick
list (``build_list``): Down/Up move in it while the keys stay in the box (``move``),
Enter picks (``pick_current``: the chosen match, or, when the search is still on
its way, the first match of the answer when it arrives), a double click (or a click)
picks; a pick emits ``picked(row)``.  The customers window shows its own list and only
uses the searching.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QWidget

from core.queries.customers import CustomerRow
from desktop import tasks
from desktop.widgets.rows import Column, RowsModel, make_table, select_row, set_widths

KEY = "customer-search"  # the runner's key: a newer query supersedes an older one
SEARCH_DELAY_MS = 120
SEARCH_LIMIT = 20


class CustomerSearch(QObject):
    """Typing in ``box`` -> a pause -> the search, off the UI thread -> ``found``.

    ``owner`` is the window the work belongs to (its errors are shown over it).
    ``when``: "edited" searches on what the user types (a form that also sets the box's
    text itself); "changed" on any change of the text.  ``inactive()`` says whether
    inactive customers are wanted too.
    """

    found = Signal(object)  # list[CustomerRow]: the newest query's matches
    picked = Signal(object)  # the CustomerRow chosen in the pick list

    def __init__(self, ctx, box: QLineEdit, owner: QWidget, *, limit: int = SEARCH_LIMIT,
                 delay_ms: int = SEARCH_DELAY_MS, when: str = "edited",
                 inactive: Callable[[], bool] | None = None) -> None:
        super().__init__(owner)
        self.ctx, self.box, self.owner = ctx, box, owner
        self.limit, self.inactive = limit, inactive
        self.results: RowsModel | None = None  # the pick list, once built
        self.table: QTableView | None = None
        self.hint: QLabel | None = None
        self._pick_when_found = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.search)
        (box.textEdited if when == "edited" else box.textChanged).connect(self.timer.start)

    # --- searching ---
    def search(self) -> None:
        """Search now for what the box says."""
        self.timer.stop()
        api, query, limit = self.ctx.api, self.box.text(), self.limit
        wanted = {} if self.inactive is None else {"include_inactive": self.inactive()}
        tasks.run(self.owner, lambda: api.customers.search(query=query, limit=limit, **wanted),
                  key=KEY, on_success=self._found)

    def waiting(self) -> bool:
        """Whether an answer is still to come (being typed, or on its way)."""
        return self.timer.isActive() or tasks.busy(self.owner, KEY)

    def stop(self) -> None:
        """Forget what was being typed: no search runs, nothing is picked when it answers."""
        self.timer.stop()
        self._pick_when_found = False

    def _found(self, rows: list[CustomerRow]) -> None:
        if self.results is not None:
            self.results.set_rows(rows)
            select_row(self.table, 0 if rows else None)
            if self.hint is not None:
                self.hint.setText("" if rows else QCoreApplication.translate(
                    "CustomerPicker", "No customer matches."))
        self.found.emit(rows)
        if self._pick_when_found:
            self._pick_when_found = False
            self.pick(self.table.currentIndex())

    # --- the pick list ---
    def build_list(self, parent: QWidget, *, hint: bool = True,
                   single_click: bool = False) -> QTableView:
        """The matches under the box (Code, Name, Phone, Address); the keys stay in the
        box.  ``hint``: a label ``self.hint`` says when nothing matches (the caller lays it
        out); ``single_click``: a click picks (else a double click)."""
        # The pick list's words were the customer picker's first: its translations serve all.
        self.results = RowsModel([
            Column(QCoreApplication.translate("CustomerPicker", "Code"), lambda r: r.code),
            Column(QCoreApplication.translate("CustomerPicker", "Name"), lambda r: r.name),
            Column(QCoreApplication.translate("CustomerPicker", "Phone"), lambda r: r.phone),
            Column(QCoreApplication.translate("CustomerPicker", "Address"), lambda r: r.address),
        ], self)
        self.table = make_table(self.results, parent)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the box
        set_widths(self.table, (7, 12, 12))
        self.table.activated.connect(self.pick)
        (self.table.clicked if single_click else self.table.doubleClicked).connect(self.pick)
        if hint:
            self.hint = QLabel(parent)
        return self.table

    def move(self, event: QEvent) -> None:
        """Down/Up/PgDn/PgUp typed in the box move in the list."""
        self.table.keyPressEvent(event)

    def pick_current(self) -> None:
        """Enter: the chosen match; while the answer is on its way (or there is none yet),
        the first match of the newest answer, when it arrives."""
        if self.waiting() or self.results.rowCount() == 0:
            self._pick_when_found = True
            self.search()
        else:
            self.pick(self.table.currentIndex())

    def pick(self, index: QModelIndex) -> None:
        if index.isValid():
            self.picked.emit(self.results.row(index.row()))
