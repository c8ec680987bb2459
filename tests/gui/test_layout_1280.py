"""At 1280×800, in English and in zh-TW, with the app's own font and the demo company,
nothing a clerk needs is cut: every column named here is in view, as wide as its title
and as every text it shows (an amount up to NT$999,999 included)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QTableView

from tests.gui.records import settle

LANGUAGES = ("en", "zh_TW")
WIDEST_AMOUNT = Decimal(999_999)


@pytest.fixture(scope="module")
def demo_url(sqlite_template, tmp_path_factory):
    """A demo company with some weeks of history (orders, quotes, standing orders,
    invoices overdue), made once for the module."""
    import shutil

    from core import demo
    from core.db import make_engine

    path = tmp_path_factory.mktemp("layout") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    demo.generate(engine, customers_count=40, days=70)
    take_an_order_today(engine)
    engine.dispose()
    return f"sqlite:///{path}"


def take_an_order_today(engine) -> None:
    """Whatever the hour, today's list beside order entry has an order with products."""
    from sqlalchemy import select

    from core.db import unit_of_work
    from core.models import Customer, Product
    from core.services import orders
    from core.services.orders import LineInput, OrderInput
    from tests.gui.records import actor

    with unit_of_work(engine, write=False) as s:
        customer = s.scalar(select(Customer.id).order_by(Customer.id))
        products = s.scalars(select(Product.id).order_by(Product.id).limit(3)).all()
    orders.place(engine, actor("clerk"), OrderInput(
        customer_id=customer, payment="cash",
        lines=tuple(LineInput(p, Decimal(12)) for p in products)))


@pytest.fixture
def app_font(qapp):
    """The font the app registers and uses (WenQuanYi Micro Hei), as at a real start."""
    from desktop import i18n

    before = qapp.font()
    i18n.register_font()
    yield
    qapp.setFont(before)


@pytest.fixture
def main_window(qtbot, demo_url, app_font):
    """The main window at 1280×800, logged in as an administrator, in ``language``."""
    from core.config import LocalSettings
    from core.db import make_engine
    from core.services import settings
    from desktop import i18n
    from desktop.context import AppContext
    from desktop.windows.main_window import MainWindow
    from tests.gui.records import actor

    engines = []

    def make(language: str) -> MainWindow:
        i18n.install(language)
        engine = make_engine(demo_url)
        engines.append(engine)
        ctx = AppContext(engine=engine, actor=actor("admin"),
                         local=LocalSettings(language=language),
                         company=settings.get_company(engine), database="test")
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        settle(qtbot)
        return window

    yield make
    for engine in engines:
        engine.dispose()


def open_page(qtbot, window, key: str):
    window.nav.setCurrentRow([e.key for e in window.entries].index(key))
    settle(qtbot)
    qtbot.wait(50)
    settle(qtbot)
    return window.pages[key]


def cut(view: QTableView, columns: list[int], money=None, samples=None) -> list[str]:
    """What of ``columns`` a user cannot read: a column (partly) out of view, a title or a
    cell text wider than its column; ``money``: amounts up to WIDEST_AMOUNT must fit;
    ``samples``: {column: a text it must show whole} besides the rows it has."""
    model, header = view.model(), view.horizontalHeader()
    metrics, header_metrics = QFontMetrics(view.font()), QFontMetrics(header.font())
    style = view.style()
    cell_air = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    title_air = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    problems = []
    for column in columns:
        title = model.headerData(column, Qt.Orientation.Horizontal)
        width = view.columnWidth(column)
        right = view.columnViewportPosition(column) + width
        if view.columnViewportPosition(column) < 0 or right > view.viewport().width():
            problems.append(f"{title!r} is out of view ({right} > {view.viewport().width()})")
        if header_metrics.horizontalAdvance(title) + title_air > width:
            problems.append(f"the title {title!r} is cut ({width} px)")
        texts = [model.index(row, column).data() or "" for row in range(model.rowCount())]
        if money is not None and any(t.startswith(money(Decimal(1))[:2]) for t in texts):
            texts.append(money(WIDEST_AMOUNT))
        texts += [(samples or {}).get(column, "")]
        for text in texts:
            if metrics.horizontalAdvance(text) + cell_air > width:
                problems.append(f"{title!r}: {text!r} is cut ({width} px)")
                break
    return problems


def an_order_number(engine) -> str:
    from sqlalchemy import func, select

    from core.db import unit_of_work
    from core.models import Order

    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.max(Order.number)))


def all_columns(view: QTableView) -> list[int]:
    return list(range(view.model().columnCount()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_credit_list_shows_every_column_the_overdue_buckets_included(
        qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "credit")
    assert page.model.rowCount() > 0
    assert cut(page.table, all_columns(page.table), page.ctx.money) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_quotes_list_shows_every_title_and_the_order_of_an_accepted_quote(
        qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "quotes")
    order = next(c for c in range(page.rows.columnCount())
                 if page.rows.columns[c].title == page.tr("Order"))
    assert cut(page.table, list(range(order + 1)), page.ctx.money,
               samples={order: an_order_number(page.ctx.engine)}) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_products_list_shows_whether_a_product_is_active(qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "products")
    # The list is as wide as the prices and deposits it shows (no room kept for a
    # NT$999,999 cylinder).
    assert cut(page.table, all_columns(page.table)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_payments_window_shows_the_days_overdue_of_a_customers_invoices(
        qtbot, main_window, language):
    from core.queries import aging, customers

    window = main_window(language)
    page = open_page(qtbot, window, "payments")
    owing = next(r for r in aging.aging(page.ctx.engine) if r.d0_30 or r.d31_60)
    page.choose(next(r for r in customers.search(page.ctx.engine, owing.code)
                     if r.id == owing.customer_id))
    settle(qtbot)
    assert page.invoices.rowCount() > 0
    assert cut(page.invoices_table, all_columns(page.invoices_table), page.ctx.money) == []
    assert cut(page.recent_table, all_columns(page.recent_table), page.ctx.money) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_standing_orders_list_shows_the_products(qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "standing")
    assert page.model.rowCount() > 0
    assert cut(page.table, all_columns(page.table)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_todays_orders_beside_order_entry_show_the_total_and_the_delivery_date(
        qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "order_entry")
    assert page.today.rowCount() > 0, "the demo takes orders today"
    assert cut(page.today_table, all_columns(page.today_table), page.ctx.money) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_audit_log_never_cuts_an_invoice_number(qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "audit")
    assert any(r.entity == "invoice" for r in page.model.rows)
    code = 3
    assert cut(page.table, list(range(code + 2))) == []


def test_a_column_wider_than_its_title_and_its_texts_passes_and_a_narrow_one_does_not(qtbot):
    """The measure itself can fail."""
    from desktop.widgets.rows import Column, RowsModel, make_table

    model = RowsModel([Column("Invoice", lambda r: r)])
    view = make_table(model)
    qtbot.addWidget(view)
    view.horizontalHeader().setStretchLastSection(False)
    view.resize(600, 200)
    view.show()
    model.set_rows(["INV-2026-000123"])
    view.setColumnWidth(0, 400)
    assert cut(view, [0]) == []
    view.setColumnWidth(0, 40)
    assert len(cut(view, [0])) == 2
    view.setColumnWidth(0, 700)
    assert "out of view" in cut(view, [0])[0]
    QApplication.processEvents()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_aging_table_shows_every_column_and_its_chart_ticks_do_not_collide(
        qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "aging")
    assert page.rows.rowCount() > 0
    assert cut(page.table, all_columns(page.table), page.ctx.money) == []
    axis = page.plot.getAxis("bottom")
    box = page.plot.getViewBox()
    step = box.mapViewToDevice(QPointF(1, 0)).x() - box.mapViewToDevice(QPointF(0, 0)).x()
    metrics = QFontMetrics(axis.style["tickFont"] or page.plot.font())
    assert max(metrics.horizontalAdvance(t) for t in page.chart_ticks()) + 6 < step


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_aging_chart_gives_amounts_as_money(qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "aging")
    axis = page.plot.getAxis("left")
    assert axis.tickStrings([0.0, 50000.0, 1250000.0], 1, 50000.0) == [
        "NT$0", "NT$50,000", "NT$1,250,000"]


# --- the highlighted row is the record the panel beside it shows --------------------------

def test_a_table_keeps_its_record_highlighted_when_the_rows_are_replaced(qtbot):
    from dataclasses import dataclass

    from desktop.widgets.rows import Column, RowsModel, make_table, select_row

    @dataclass(frozen=True)
    class Row:
        id: int
        name: str

    model = RowsModel([Column("Name", lambda r: r.name)])
    view = make_table(model)
    qtbot.addWidget(view)
    view.show()
    chosen = []
    view.selectionModel().currentRowChanged.connect(
        lambda current, _previous: chosen.append(model.row(current.row()).name
                                                 if current.isValid() else None))
    model.set_rows([Row(n, name) for n, name in enumerate("abcdef")])
    select_row(view, 3)
    model.set_rows([Row(n, name) for n, name in reversed(list(enumerate("abcdef")))])  # sorted
    assert view.selectionModel().selectedRows()[0].row() == view.currentIndex().row() == 2
    assert chosen[-1] == "d"
    model.set_rows([Row(0, "a")])  # filtered: "d" is gone, and the panel is told
    assert not view.currentIndex().isValid() and chosen[-1] is None
    view.setFocus()  # Qt makes the first row current when the table gets the focus
    qtbot.waitUntil(lambda: view.currentIndex().isValid())
    assert [i.row() for i in view.selectionModel().selectedRows()] == [0] and chosen[-1] == "a"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_credit_details_follow_the_highlighted_customer_through_a_sort_and_a_filter(
        qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "credit")

    def highlighted():
        rows = page.table.selectionModel().selectedRows()
        return page.model.row(rows[0].row()).code if rows else None

    def shown():
        qtbot.wait(200)  # the details wait for the keyboard to rest
        settle(qtbot)
        return page.details.summary.code if page.details else None

    page.table.setCurrentIndex(page.model.index(3, 0))
    chosen = highlighted()
    assert shown() == chosen
    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)  # by name
    settle(qtbot)
    assert highlighted() == chosen and shown() == chosen
    page.search_box.setText(page.model.row(0).code if page.model.row(0).code != chosen
                            else page.model.row(1).code)
    page.refresh()
    settle(qtbot)
    assert highlighted() != chosen and shown() == highlighted()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_highlighted_quote_is_the_one_in_the_form(qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "quotes")
    assert page.table.selectionModel().selectedRows() == [] and page.quote is None
    page.table.setCurrentIndex(page.rows.index(2, 0))  # a click or the arrow keys
    settle(qtbot)
    assert page.quote.id == page.rows.row(2).id
    chosen = page.quote.id
    page.filter_state.setCurrentIndex(page.filter_state.findData(page.quote.state))
    settle(qtbot)
    [row] = page.table.selectionModel().selectedRows()
    assert page.rows.row(row.row()).id == chosen == page.quote.id
    page.new_quote()
    assert page.table.selectionModel().selectedRows() == [] and page.quote is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_highlighted_order_of_today_is_the_one_in_the_form(qtbot, main_window, language):
    window = main_window(language)
    page = open_page(qtbot, window, "order_entry")
    assert page.today_table.selectionModel().selectedRows() == [] and page.order is None
    page.today_table.setCurrentIndex(page.today.index(0, 0))
    settle(qtbot)
    assert page.order.id == page.today.row(0).id
    from core.changes import Changes
    page.ctx.events.changed.emit(Changes.of(orders=True))  # an order placed: the list reloads
    settle(qtbot)
    [row] = page.today_table.selectionModel().selectedRows()
    assert page.today.row(row.row()).id == page.order.id
    page.clear_form()
    assert page.today_table.selectionModel().selectedRows() == [] and page.order is None
