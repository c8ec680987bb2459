"""Bulk order entry: rows pasted from Excel, every bad row listed, then placed through the
credit check, refused orders kept in the grid with the reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from core import demo
from core.db import unit_of_work
from core.models import Customer, Order
from core.services import credit
from desktop.windows.orders.bulk import COLUMNS, BulkOrdersWindow
from tests.gui.records import settle

TOMORROW = (date.today() + timedelta(days=1)).isoformat()


@pytest.fixture
def demo_engine(sqlite_engine, sqlite_seeded):
    demo.generate(sqlite_engine, customers_count=20, days=0)
    return sqlite_engine


@pytest.fixture
def window(qtbot, demo_engine, sqlite_seeded, make_ctx):
    w = BulkOrdersWindow(make_ctx(sqlite_seeded["clerk"]))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


def codes_by_room(engine) -> list[str]:
    """Customers with a credit limit, the most credit still available first."""
    with unit_of_work(engine, write=False) as s:
        ids = s.scalars(select(Customer.id).where(Customer.credit_limit > 0)).all()
    summaries = sorted((credit.summary(engine, i) for i in ids), key=lambda c: -c.available)
    return [c.code for c in summaries]


def paste(qtbot, w: BulkOrdersWindow, rows: list[tuple[str, ...]], at: tuple[int, int] = (0, 0)):
    QApplication.clipboard().setText("\r\n".join("\t".join(r) for r in rows) + "\r\n")
    w.grid.go(*at)
    qtbot.keyClick(w.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def check(qtbot, w: BulkOrdersWindow) -> None:
    qtbot.keyClick(w.grid, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)


def place(qtbot, w: BulkOrdersWindow) -> None:
    assert w.place_button.isEnabled()
    qtbot.keyClick(w.grid, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)


def problems(w: BulkOrdersWindow) -> list[tuple[str, str, str]]:
    m = w.problems
    return [tuple(m.data(m.index(r, c)) for c in range(3)) for r in range(m.rowCount())]


def order_count(engine) -> int:
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.count()).select_from(Order))


def order_ids(engine) -> list[int]:
    with unit_of_work(engine, write=False) as s:
        return list(s.scalars(select(Order.id)))


def order_refs(engine) -> list[str | None]:
    with unit_of_work(engine, write=False) as s:
        return list(s.scalars(select(Order.external_ref).where(Order.external_ref.is_not(None))))


def test_pasted_rows_are_checked_then_placed_and_rows_sharing_a_ref_make_one_order(
        qtbot, window, demo_engine, qtmodeltester):
    a, b = codes_by_room(demo_engine)[:2]
    events = []
    window.ctx.events.changed.connect(events.append)
    paste(qtbot, window, [("customer_code", "delivery_date", "sku", "quantity", "unit_price",
                           "ref"),  # a header row copied along is left out
                          (a, TOMORROW, "LPG-20", "1", "", "PO-1"),
                          (a, TOMORROW, "LPG-16", "2", "700", "PO-1"),
                          (b, TOMORROW, "LPG-20", "1")])
    assert [line for line, _ in window.cells.rows_in_use()] == [1, 2, 3]
    assert window.cells.rows_in_use()[1][1] == dict(zip(
        COLUMNS, (a, TOMORROW, "LPG-16", "2", "700", "PO-1"), strict=True))
    qtmodeltester.check(window.cells)
    assert not window.place_button.isEnabled()

    check(qtbot, window)
    assert problems(window) == []
    assert window.place_button.isEnabled()
    assert "3 lines make 2 orders" in window.summary.text()

    before = set(order_ids(demo_engine))
    place(qtbot, window)
    assert order_refs(demo_engine) == ["PO-1"]
    assert window.summary.text().startswith("Orders placed: 2 (")
    assert window.cells.rows_in_use() == []
    assert not window.place_button.isEnabled()
    [placed] = events  # the check changed nothing; placing, the two orders
    assert placed.orders == set(order_ids(demo_engine)) - before and len(placed.orders) == 2


def test_every_bad_row_is_listed_with_its_line_and_nothing_is_placed(qtbot, window, demo_engine):
    a = codes_by_room(demo_engine)[0]
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    paste(qtbot, window, [(a, TOMORROW, "LPG-20", "1"),
                          ("NOBODY", TOMORROW, "LPG-20", "1"),
                          (a, yesterday, "LPG-20", "1"),
                          (a, TOMORROW, "LPG-20", "1.5")])
    check(qtbot, window)
    assert [(line, column) for line, column, _ in problems(window)] == [
        ("2", "Customer code"), ("3", "Delivery date"), ("4", "Quantity")]
    assert "NOBODY" in problems(window)[0][2]
    assert problems(window)[2][2] == "This product is counted in whole units."
    assert window.summary.text().startswith("Rows with problems: 3.")
    bad = window.cells.index(3, COLUMNS.index("quantity"))
    assert bad.data(Qt.ItemDataRole.ToolTipRole) == "This product is counted in whole units."
    assert bad.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not window.place_button.isEnabled()
    before = order_count(demo_engine)
    window.place()  # even if called, nothing is placed
    settle(qtbot)
    assert order_count(demo_engine) == before

    window.problems_table.clicked.emit(window.problems.index(1, 0))  # selects the cell
    assert window.grid.currentIndex() == window.cells.index(2, COLUMNS.index("delivery_date"))

    # Correcting a cell clears its mark; any edit needs a new check before placing.
    window.cells.setData(bad, "2")
    assert [line for line, _, _ in problems(window)] == ["2", "3"]
    window.grid.go(1, 0)
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    window.cells.setData(window.cells.index(1, COLUMNS.index("delivery_date")), TOMORROW)
    check(qtbot, window)
    assert problems(window) == []
    assert window.place_button.isEnabled()
    window.cells.setData(window.cells.index(0, COLUMNS.index("quantity")), "3")
    assert not window.place_button.isEnabled()


def test_an_order_over_the_credit_limit_is_refused_with_the_reason_and_the_others_placed(
        qtbot, window, demo_engine):
    a, *_, small = codes_by_room(demo_engine)
    paste(qtbot, window, [(a, TOMORROW, "LPG-20", "1", "", "R-1"),
                          (small, TOMORROW, "LPG-50", "100", "", "R-2"),
                          (a, TOMORROW, "LPG-10", "1", "", "R-3")])
    check(qtbot, window)
    place(qtbot, window)
    assert sorted(order_refs(demo_engine)) == ["R-1", "R-3"]
    assert window.summary.text().startswith("Orders placed: 2 (")
    assert "Orders refused: 1." in window.summary.text()
    # The refused row stays, now line 1, with the credit figures as the reason.
    assert [values["ref"] for _, values in window.cells.rows_in_use()] == ["R-2"]
    [(line, column, reason)] = problems(window)
    assert (line, column) == ("1", "Customer code")
    assert "over the credit limit" in reason and "Limit" in reason
    assert window.cells.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith(
        "This order would take")


def test_placing_the_same_refs_again_reports_them_as_already_imported(
        qtbot, window, demo_engine):
    a, b = codes_by_room(demo_engine)[:2]
    rows = [(a, TOMORROW, "LPG-20", "1", "", "X-1"), (b, TOMORROW, "LPG-20", "1", "", "X-2")]
    paste(qtbot, window, rows)
    check(qtbot, window)
    place(qtbot, window)
    paste(qtbot, window, rows)
    check(qtbot, window)
    place(qtbot, window)
    assert sorted(order_refs(demo_engine)) == ["X-1", "X-2"]
    assert window.summary.text() == "Already placed before, not placed again: X-1, X-2."
    assert [(line, column) for line, column, _ in problems(window)] == [
        ("1", "Reference"), ("2", "Reference")]
    assert len(window.cells.rows_in_use()) == 2


def test_the_grid_keys_move_paste_clear_remove_and_grow(qtbot, window):
    cells, grid = window.cells, window.grid
    assert cells.rowCount() == 20
    grid.go(0, 0)
    qtbot.keyClick(grid, "C")  # typing starts editing
    editor = grid.indexWidget(cells.index(0, 0))
    qtbot.keyClicks(editor, "000001")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.indexWidget(cells.index(0, 0)) is None)
    assert cells.cells[0][0] == "C000001"
    assert grid.currentIndex() == cells.index(0, 1)
    grid.go(0, len(COLUMNS) - 1)
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # at the end of a row: the next row's first cell
    assert grid.currentIndex() == cells.index(1, 0)

    paste(qtbot, window, [("A", "B"), ("C", "D")], at=(19, 4))  # the last row: grows
    assert cells.rowCount() == 22
    assert (cells.cells[19][4:], cells.cells[20][4:]) == (["A", "B"], ["C", "D"])
    grid.go(19, 4)
    grid.selectionModel().select(cells.index(20, 5), grid.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert (cells.cells[19][4:], cells.cells[20][4:]) == (["", "B"], ["C", ""])
    qtbot.keyClick(grid, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [line for line, _ in cells.rows_in_use()] == [1]
    assert cells.rowCount() == 20
    assert cells.headerData(0, Qt.Orientation.Vertical) == "1"


def test_an_empty_grid_asks_for_rows(qtbot, window):
    window.check()
    settle(qtbot)
    assert window.summary.text().startswith("There is nothing to check")
    assert not window.place_button.isEnabled()
