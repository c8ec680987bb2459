"""The lines grid of order entry, quotes and standing orders: product, quantity, unit
price and amount, typed from the keyboard.

``LinesModel`` holds the lines as typed and adds them up with the core's own rules
(``core.rules.price`` and ``totals``: the figure shown before saving is the figure the
core stores); ``LinesGrid`` builds the table on it, with ``LineDelegate``'s cell
editors (the product completes from the prices offered), and owns the keys: typing
starts editing a cell, Enter keeps it and moves to the next cell (on the last cell it
adds a line; on an empty line the lines are done and the grid calls ``leave``), Ins
adds a line, Ctrl+Del deletes one, and Esc outside a cell editor calls the window's
``escape``.

``LinesEditor`` is what order entry, quotes and standing orders embed: the grid, the
line errors under it, the totals, the core's errors on a line ("line2.quantity") put on
their cells, and the prices offered loaded by the runner's key (the newest request
wins).  Each window lays its pieces out itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QWidget,
)

from core import rules
from core.errors import DomainError
from core.money import quantize
from core.services.orders import LineInput, PriceOffer
from desktop import errors, tasks
from desktop.widgets.formkit import ERROR_STYLE
from desktop.widgets.rows import RIGHT, make_table, set_widths

PRODUCT, QUANTITY, PRICE, AMOUNT = range(4)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_LINE_KEY = re.compile(r"line(\d+)\.(\w+)")  # the core's key for an error on one line
_COLUMN_OF = {"product": PRODUCT, "product_id": PRODUCT, "quantity": QUANTITY,
              "price": PRICE, "fixed_price": PRICE}
_ERROR_BACKGROUND = QColor("#f9dedc")
_ROOT = QModelIndex()


def _decimal(text: str) -> Decimal | None:
    """A number as typed, for the amounts shown while typing (the core checks it on save)."""
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _label(sku: str, name_zh: str, name_en: str, language: str) -> str:
    return f"{sku}  {name_en if language == 'en' and name_en else name_zh}"


def plain(value: Decimal) -> str:
    """A quantity as a clerk types it: 2, 1.5 (no trailing zeros)."""
    return format(value.normalize(), "f")


def line_cell(key: str, sent_rows: list[int]) -> tuple[int, int] | None:
    """The grid cell of the core's error ``key`` ("line2.quantity": the quantity of the
    second line sent, whose row ``sent_rows`` holds); None when it names no line sent."""
    found = _LINE_KEY.fullmatch(key)
    if not found or int(found[1]) > len(sent_rows):
        return None
    return sent_rows[int(found[1]) - 1], _COLUMN_OF.get(found[2], PRODUCT)


@dataclass
class Line:
    product_id: int | None = None  # None: no product chosen; 0: typed text that names none
    product: str = ""  # as shown ("LPG-20  液化石油氣 20公斤"), or what was typed
    quantity: str = ""
    price: str = ""  # the unit price as typed or offered
    price_typed: bool = False  # typed (or kept from a saved order): sent as it is
    tax_rate: Decimal = Decimal(0)

    def is_empty(self) -> bool:
        return self.product_id is None and not self.product.strip() \
            and not self.quantity.strip()


class LinesModel(QAbstractTableModel):
    """The lines as typed; the amounts and totals follow what is typed."""

    def __init__(self, titles: list[str], ctx, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._money = ctx.money
        self._currency = ctx.company.currency
        self._language = ctx.language
        self.lines: list[Line] = [Line()]
        self.offers: dict[int, PriceOffer] = {}
        self.read_only = False
        self._errors: dict[tuple[int, int], str] = {}

    # --- Qt's model interface ---
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if orientation == Qt.Orientation.Horizontal and \
                role == Qt.ItemDataRole.TextAlignmentRole and section != PRODUCT:
            return int(RIGHT)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() != AMOUNT and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line, column = self.lines[index.row()], index.column()
        error = self._errors.get((index.row(), column))
        if role == Qt.ItemDataRole.EditRole:
            return (line.product, line.quantity, line.price, "")[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PRICE:
                price = _decimal(line.price)
                return line.price if price is None else self._money(price)
            if column == AMOUNT:
                return self._money(self.amount(line))
            return (line.product, line.quantity)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return error
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return _ERROR_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column != PRODUCT:
            return int(RIGHT)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line, text = self.lines[index.row()], str(value).strip()
        if index.column() == PRODUCT:
            offer = self.find_offer(text)
            if offer is not None:
                self._use(line, offer)
            else:
                line.product_id, line.product = (0 if text else None), text
                if not line.price_typed:
                    line.price = ""
        elif index.column() == QUANTITY:
            line.quantity = text
        elif index.column() == PRICE and text != line.price:
            line.price_typed = bool(text)
            offer = self.offers.get(line.product_id or 0)
            line.price = text or (self._plain_price(offer.price) if offer else "")
        self._errors = {k: v for k, v in self._errors.items() if k[0] != index.row()}
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), AMOUNT))
        return True

    # --- products and prices ---
    def labels(self) -> list[str]:
        """What the product completer offers."""
        return [self._offer_label(o) for o in self.offers.values()]

    def _offer_label(self, offer: PriceOffer) -> str:
        return _label(offer.sku, offer.name_zh, offer.name_en, self._language)

    def find_offer(self, text: str) -> PriceOffer | None:
        """The product ``text`` names: its SKU, its label, or a part only one product has."""
        wanted = text.strip().casefold()
        if not wanted:
            return None
        for offer in self.offers.values():
            if wanted in (offer.sku.casefold(), self._offer_label(offer).casefold()):
                return offer
        found = [o for o in self.offers.values()
                 if wanted in f"{o.sku} {o.name_zh} {o.name_en}".casefold()]
        return found[0] if len(found) == 1 else None

    def _plain_price(self, price: Decimal | None) -> str:
        return "" if price is None else format(quantize(price, self._currency), "f")

    def _use(self, line: Line, offer: PriceOffer) -> None:
        line.product_id, line.product, line.tax_rate = \
            offer.product_id, self._offer_label(offer), offer.tax_rate
        if not line.price_typed:
            line.price = self._plain_price(offer.price)
        if not line.quantity:
            line.quantity = "1"

    def set_offers(self, offers: list[PriceOffer]) -> None:
        """The prices for the customer and day; lines with no typed price follow."""
        self.offers = {o.product_id: o for o in offers}
        for line in self.lines:
            if line.product_id in self.offers:
                self._use(line, self.offers[line.product_id])
        self._changed_all()

    def line_from(self, product_id: int, sku: str, name_zh: str, name_en: str,
                  quantity: Decimal, price: Decimal | None = None) -> Line:
        """A line for a product of an earlier order; ``price`` None: today's offer."""
        line = Line(product_id, _label(sku, name_zh, name_en, self._language), plain(quantity))
        if price is not None:
            line.price, line.price_typed = self._plain_price(price), True
        if product_id in self.offers:
            self._use(line, self.offers[product_id])
        return line

    # --- lines ---
    def set_lines(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self.lines = lines or [Line()]
        self._errors = {}
        self.endResetModel()

    def add_line(self) -> int:
        """The row of a new empty line (the last line, when it is still empty)."""
        if self.lines[-1].is_empty():
            return len(self.lines) - 1
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(Line())
        self.endInsertRows()
        return len(self.lines) - 1

    def remove_line(self, row: int) -> None:
        if len(self.lines) == 1:
            self.set_lines([])
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row]
        self._errors = {(r - (r > row), c): m for (r, c), m in self._errors.items() if r != row}
        self.endRemoveRows()

    def inputs(self) -> tuple[list[int], tuple[LineInput, ...]]:
        """The rows that hold a line, and the lines as the core takes them."""
        rows = [n for n, line in enumerate(self.lines) if not line.is_empty()]
        return rows, tuple(LineInput(self.lines[n].product_id or 0, self.lines[n].quantity,
                                     self.lines[n].price if self.lines[n].price_typed else None)
                           for n in rows)

    def priced(self, line: Line) -> rules.Priced | None:
        """The line's amount and tax by the core's rule (None: not a number yet)."""
        quantity, price = _decimal(line.quantity), _decimal(line.price)
        if quantity is None or price is None:
            return None
        return rules.price(quantity, price, line.tax_rate, self._currency)

    def amount(self, line: Line) -> Decimal | None:
        priced = self.priced(line)
        return None if priced is None else priced.amount

    def totals(self) -> rules.Totals:
        """Subtotal and tax, rounded at each line as the core does (``rules.totals``)."""
        return rules.totals(p for line in self.lines if (p := self.priced(line)) is not None)

    def set_errors(self, cells: dict[tuple[int, int], str]) -> None:
        self._errors = cells
        self._changed_all()

    def error_at(self, row: int, column: int) -> str:
        return self._errors.get((row, column), "")

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._changed_all()

    def _changed_all(self) -> None:
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, AMOUNT))


class LineDelegate(QStyledItemDelegate):
    """Cell editors for the grid: the product with completion, numbers right-aligned.

    Keys inside an editor go to the grid first (``LinesGrid.handle_key``)."""

    def __init__(self, grid: LinesGrid) -> None:
        super().__init__(grid)
        self.grid = grid

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        if index.column() == PRODUCT:
            completer = QCompleter(self.grid.model.labels(), editor)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setMaxVisibleItems(12)
            # Picking from the list is the product chosen: on to the quantity.
            completer.activated.connect(lambda _text: QTimer.singleShot(
                0, lambda: self.grid.editor_done(editor)))
            editor.setCompleter(completer)
        else:
            editor.setAlignment(RIGHT)
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and self.grid.handle_key(event, editor):
            return True
        return super().eventFilter(editor, event)

    def finish(self, editor: QWidget, keep: bool = True) -> None:
        """Close ``editor``, keeping what it holds unless ``keep`` is False."""
        if keep:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class LinesGrid(QObject):
    """The table (``view``) on ``model`` with its cell editors and keys (see the module).

    ``leave`` moves the focus on when Enter ends the lines on an empty line; ``escape``
    (when given) is Esc on the grid, True when it handled the key.  With
    ``enter_leaves`` Enter on an empty line's product cell leaves the grid also when no
    cell is being edited, and a read-only grid passes Enter on to the window."""

    changed = Signal()  # the lines, and so the totals, changed

    def __init__(self, model: LinesModel, parent: QWidget, widths: Sequence[int], *,
                 leave: Callable[[], object], escape: Callable[[], bool] | None = None,
                 enter_leaves: bool = False) -> None:
        super().__init__(parent)
        self.model = model
        self.leave = leave
        self.escape = escape
        self.enter_leaves = enter_leaves
        self.view = make_table(model, parent)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.delegate = LineDelegate(self)
        self.view.setItemDelegate(self.delegate)
        self.view.installEventFilter(self)
        set_widths(self.view, widths)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        for signal in (model.dataChanged, model.modelReset, model.rowsInserted,
                       model.rowsRemoved):
            signal.connect(lambda *_args: self.changed.emit())

    def focus(self, row: int = 0, column: int = PRODUCT) -> None:
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(row, column))

    def handle_key(self, event, editor: QWidget | None = None) -> bool:
        """The grid's own keys, in a cell editor or on the grid; True when handled."""
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        model, index = self.model, self.view.currentIndex()
        if key in _ENTER_KEYS and not ctrl:
            if editor is not None:
                self.editor_done(editor)
            elif self.enter_leaves and model.read_only:
                return False
            elif self.enter_leaves and index.isValid() and index.column() == PRODUCT \
                    and model.lines[index.row()].is_empty():
                self.leave()
            elif index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.view.edit(index)
            return True
        if model.read_only:
            return editor is None and key == Qt.Key.Key_Escape and self._escape()
        if key == Qt.Key.Key_Insert:
            self.close_editor()
            self.focus(model.add_line())
            self.view.edit(self.view.currentIndex())
            return True
        if key == Qt.Key.Key_Delete and ctrl:
            self.close_editor(keep=False)
            model.remove_line(index.row() if index.isValid() else 0)
            self.focus(min(max(index.row(), 0), model.rowCount() - 1))
            return True
        if key == Qt.Key.Key_Escape and editor is None:
            return self._escape()
        return False

    def _escape(self) -> bool:
        return self.escape is not None and self.escape()

    def editor_done(self, editor: QWidget) -> None:
        """Enter in a cell: keep it and go on to the next cell; on the last cell of the last
        line add a line; on an empty line the lines are done: ``leave``."""
        index = self.view.currentIndex()
        self.delegate.finish(editor)
        if not index.isValid():
            return
        row, column = index.row(), index.column()
        if column == PRODUCT and self.model.lines[row].is_empty():
            self.leave()
            return
        if column < PRICE:
            target = self.model.index(row, column + 1)
        else:
            next_row = row + 1 if row + 1 < self.model.rowCount() else self.model.add_line()
            target = self.model.index(next_row, PRODUCT)
        self.view.setCurrentIndex(target)
        self.view.edit(target)

    def close_editor(self, keep: bool = True) -> None:
        editor = self.view.indexWidget(self.view.currentIndex())
        if editor is not None:
            self.delegate.finish(editor, keep)

    def editing(self) -> bool:
        """Whether a cell is being typed in (what it holds is not in the model yet)."""
        return self.view.indexWidget(self.view.currentIndex()) is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched is self.view \
                and self.handle_key(event):
            return True
        return super().eventFilter(watched, event)


def totals_form(owner: QWidget, bold: QFont) -> tuple[QFormLayout, QLabel, QLabel, QLabel]:
    """The subtotal, tax and total under a lines grid (the total in ``bold``)."""
    totals = QFormLayout()
    totals.setLabelAlignment(RIGHT)
    subtotal, tax, total = QLabel(owner), QLabel(owner), QLabel(owner)
    for caption, label in ((QCoreApplication.translate("LinesGrid", "Subtotal:"), subtotal),
                           (QCoreApplication.translate("LinesGrid", "Tax:"), tax),
                           (QCoreApplication.translate("LinesGrid", "Total:"), total)):
        label.setAlignment(RIGHT)
        label.setMinimumWidth(owner.fontMetrics().averageCharWidth() * 14)
        totals.addRow(caption, label)
    total.setFont(bold)
    return totals, subtotal, tax, total


class LinesEditor(QObject):
    """The lines of a document as one piece: ``model`` (a ``LinesModel``), ``grid`` and its
    ``view``, ``errors`` (the line messages under the grid) and, once ``totals_form`` is
    asked for, the subtotal, tax and total labels.  The window lays them out.

    ``owner`` is the window: the prices offered load in its name (``load_offers``).
    """

    changed = Signal()  # the lines, and so the totals, changed (the labels already show it)

    def __init__(self, ctx, owner: QWidget, parent: QWidget, titles: list[str],
                 widths: Sequence[int], *, leave: Callable[[], object],
                 escape: Callable[[], bool] | None = None, enter_leaves: bool = False,
                 model: type[LinesModel] = LinesModel) -> None:
        super().__init__(owner)
        self.ctx, self.owner = ctx, owner
        self.model = model(titles, ctx, owner)
        self.grid = LinesGrid(self.model, parent, widths, leave=leave, escape=escape,
                              enter_leaves=enter_leaves)
        self.view = self.grid.view
        self.errors = QLabel(parent)
        self.errors.setStyleSheet(ERROR_STYLE)
        self.errors.setWordWrap(True)
        self.errors.hide()
        self.sent_rows: list[int] = []  # the grid row of each line the core was sent
        self.subtotal: QLabel | None = None
        self.tax: QLabel | None = None
        self.total: QLabel | None = None
        self.grid.changed.connect(self._changed)

    def totals_form(self, bold: QFont) -> QFormLayout:
        """The subtotal, tax and total labels (the total in ``bold``), kept up to date."""
        layout, self.subtotal, self.tax, self.total = totals_form(self.owner, bold)
        self._changed()
        return layout

    def totals(self) -> rules.Totals:
        return self.model.totals()

    def _changed(self) -> None:
        if self.total is not None:
            figures, money = self.model.totals(), self.ctx.money
            self.subtotal.setText(money(figures.subtotal))
            self.tax.setText(money(figures.tax))
            self.total.setText(money(figures.total))
        self.changed.emit()

    # --- to the core and back ---
    def inputs(self) -> tuple[LineInput, ...]:
        """The lines as the core takes them; remembers which row each came from."""
        self.sent_rows, lines = self.model.inputs()
        return lines

    def show_errors(self, field_errors: dict[str, DomainError],
                    under: Callable[[str], bool] = lambda key: key == "lines"
                    ) -> tuple[dict[tuple[int, int], str], list[str], dict[str, DomainError]]:
        """The core's errors on the lines: each on its cell ("line2.quantity": the second
        line sent) and under the grid, with those ``under`` says belong there ("lines");
        returns the cells, the messages and the errors that are not the lines'."""
        cells: dict[tuple[int, int], str] = {}
        messages: list[str] = []
        rest: dict[str, DomainError] = {}
        for key, error in field_errors.items():
            cell = line_cell(key, self.sent_rows)
            if cell is not None:
                cells[cell] = errors.message(error)
            elif not under(key):
                rest[key] = error
                continue
            messages.append(errors.message(error))
        self.model.set_errors(cells)
        self.errors.setText("\n".join(messages))
        self.errors.setVisible(bool(messages))
        return cells, messages, rest

    def clear_errors(self) -> None:
        self.model.set_errors({})
        self.errors.hide()

    def load_offers(self, fetch: Callable[[], list[PriceOffer]],
                    still: Callable[[], bool] | None = None) -> None:
        """Ask for the prices offered off the UI thread; only the newest request's answer
        is used (the runner's key), and only while ``still()`` holds (the same customer)."""
        def show(offers: list[PriceOffer]) -> None:
            if still is None or still():
                self.model.set_offers(offers)

        tasks.run(self.owner, fetch, key="offers", on_success=show)
