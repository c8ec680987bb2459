"""The board's lists: the unplanned orders, and one column per vehicle with its stops.

Orders move between lists by drag and drop.  A drag carries ``MIME`` (JSON: the
order's id, the route it comes from and its row there); a list that receives
it emits ``dropped(order_id, route_id, vehicle_id, position)`` — what
``dispatch.move`` takes — and never changes itself: the window calls the core
and shows the board it returns.  ``drop(mime, row)`` is the part of a drop
that tests call directly.

A stop of a planned route has a check box: ticked, it is locked to its truck
and place, and re-planning keeps it there.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.services.dispatch import RouteView, StopView
from core.services.fleet import CAPACITY_UNITS
from desktop.errors import translate_core

MIME = "application/x-roundsman-order"
ORDER_ROLE = Qt.ItemDataRole.UserRole
COLUMN_WIDTH_CHARS = 36
COLOURS = tuple(QColor(c) for c in (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#bcbd22", "#393b79", "#637939", "#843c39"))
OVER = "#c62828"
REASON = 4  # the unplanned list's "Not placed because" column


# --- how times, distances and windows read ----------------------------------------------

def clock(seconds: int | None) -> str:
    """Seconds after midnight as 09:05 ('' when unknown)."""
    if seconds is None:
        return ""
    minutes = round(seconds / 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def window_text(window: tuple[int, int] | None) -> str:
    """Minutes after midnight as 08:00–12:00 ('' when the stop has none)."""
    if window is None:
        return ""
    return f"{clock(window[0] * 60)}–{clock(window[1] * 60)}"


def duration_text(seconds: int) -> str:
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("Dispatch", "{m} min").format(m=minutes)
    return QCoreApplication.translate("Dispatch", "{h} h {m} min").format(h=minutes // 60,
                                                                   m=minutes % 60)


def km_text(metres: int) -> str:
    return QCoreApplication.translate("Dispatch", "{km} km").format(km=f"{metres / 1000:.1f}")


def unit_name(unit: str) -> str:
    return translate_core(CAPACITY_UNITS.get(unit, unit))


def stop_tip(stop: StopView, money) -> str:
    lines = [f"{stop.customer_code}  {stop.customer_name}", stop.address, stop.phone,
             f"{stop.number}  {stop.summary}", money(stop.total)]
    if stop.window:
        lines.append(QCoreApplication.translate("Dispatch", "Delivery hours: {hours}").format(
            hours=window_text(stop.window)))
    if stop.arrival_s is not None:
        lines.append(QCoreApplication.translate("Dispatch", "Arrives at {time}").format(
            time=clock(stop.arrival_s)))
    if stop.notes:
        lines.append(stop.notes)
    return "\n".join(x for x in lines if x)


def order_mime(order_id: int, route_id: int | None, row: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME, QByteArray(json.dumps(
        {"order_id": order_id, "route_id": route_id, "row": row}).encode()))
    return mime


def read_mime(mime: QMimeData) -> dict | None:
    if not mime.hasFormat(MIME):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME).data()).decode())
        int(payload["order_id"])
    except (ValueError, KeyError, TypeError):
        return None
    return payload


class _Drops:
    """What both list kinds share: accept only our MIME type, copy (never let Qt remove the
    dragged row: the window shows the board the core returns)."""

    def _setup_drops(self) -> None:
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def dragEnterEvent(self, event) -> None:
        if self.accepting and event.mimeData().hasFormat(MIME):
            super().dragEnterEvent(event)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self.accepting and event.mimeData().hasFormat(MIME):
            super().dragMoveEvent(event)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        row = self._drop_row(event.position().toPoint())
        if self.accepting and self.drop(event.mimeData(), row):
            event.setDropAction(Qt.DropAction.CopyAction)  # the source keeps its row
            event.accept()
        else:
            event.ignore()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()


class StopList(_Drops, QListWidget):
    """The stops of one route in order (or a free vehicle's empty list)."""

    dropped = Signal(int, object, object, int)  # order, route id, vehicle id, position
    lock_toggled = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.route: RouteView | None = None
        self.vehicle_id: int | None = None
        self.accepting = True
        self._setup_drops()
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(1)
        self.setAlternatingRowColors(True)
        self.itemChanged.connect(self._item_changed)

    def show_stops(self, route: RouteView | None, vehicle_id: int, money) -> None:
        self.route, self.vehicle_id = route, vehicle_id
        planned = route is not None and route.status == "planned"
        self.accepting = route is None or planned
        self.setDragEnabled(planned)
        keep = self.current_order()
        self.blockSignals(True)
        self.clear()
        for number, stop in enumerate(route.stops if route else (), start=1):
            item = QListWidgetItem(self._text(number, stop))
            item.setData(ORDER_ROLE, stop.order_id)
            item.setToolTip(stop_tip(stop, money))
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if planned:
                flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsUserCheckable
                item.setCheckState(Qt.CheckState.Checked if stop.locked
                                   else Qt.CheckState.Unchecked)
            item.setFlags(flags)
            self.addItem(item)
            if stop.order_id == keep:
                self.setCurrentItem(item)
        self.blockSignals(False)

    @staticmethod
    def _text(number: int, stop: StopView) -> str:
        first = f"{number}.  {clock(stop.arrival_s) or '--:--'}   {stop.customer_name}"
        second = f"{stop.summary}  ·  {stop.address}"
        return f"{first}\n{second}"

    def current_order(self) -> int | None:
        item = self.currentItem()
        return item.data(ORDER_ROLE) if item is not None else None

    def select_order(self, order_id: int | None) -> bool:
        for row in range(self.count()):
            if self.item(row).data(ORDER_ROLE) == order_id:
                self.setCurrentRow(row)
                self.scrollToItem(self.item(row))
                return True
        return False

    def mimeData(self, items) -> QMimeData:
        item = items[0]
        return order_mime(item.data(ORDER_ROLE), self.route.id if self.route else None,
                          self.row(item))

    def _drop_row(self, pos) -> int:
        item = self.itemAt(pos)
        if item is None:
            return self.count()
        rect = self.visualItemRect(item)
        row = self.row(item)
        return row + 1 if pos.y() > rect.center().y() else row

    def drop(self, mime: QMimeData, row: int) -> bool:
        """An order dropped before ``row`` (``count()``: at the end); False when it changes
        nothing or cannot land here."""
        payload = read_mime(mime)
        if payload is None or not self.accepting:
            return False
        order_id, source = payload["order_id"], payload.get("route_id")
        from_row = payload.get("row")
        if self.route is None:  # a free vehicle: a new route
            self.dropped.emit(order_id, None, self.vehicle_id, 0)
            return True
        row = max(0, min(row, self.count()))
        if source == self.route.id and from_row is not None:
            if row in (from_row, from_row + 1):
                return False  # dropped where it is
            position = row if from_row < row else row + 1
        else:
            position = row + 1 if row < self.count() else 0
        self.dropped.emit(order_id, self.route.id, None, position)
        return True

    def _item_changed(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            self.lock_toggled.emit(item.data(ORDER_ROLE),
                                   item.checkState() == Qt.CheckState.Checked)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text))
            painter.drawText(self.viewport().rect().adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             self.tr("Drop orders here") if self.accepting else "")
            painter.end()


class UnplannedList(_Drops, QTreeWidget):
    """The day's confirmed orders on no route, with why the planner left each out."""

    dropped = Signal(int, object, object, int)

    def __init__(self, money, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.money = money
        self.accepting = True
        self._setup_drops()
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setHeaderLabels([self.tr("Customer"), self.tr("Cyl."), self.tr("Hours"),
                              self.tr("Products"), self.tr("Not placed because"),
                              self.tr("Address"), self.tr("Total")])
        unit = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((20, 4, 11, 16, 26, 24, 9)):
            self.setColumnWidth(column, chars * unit + 12)
        self.setColumnHidden(REASON, True)
        self.header().setStretchLastSection(False)

    def show_orders(self, stops, reasons: dict[int, str]) -> None:
        """The orders in the order given; the reason column shows when a plan left some out."""
        keep = self.current_order()
        self.clear()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for stop in stops:
            item = QTreeWidgetItem([
                f"{stop.customer_code}  {stop.customer_name}", str(stop.cylinders),
                window_text(stop.window), stop.summary, reasons.get(stop.order_id, ""),
                stop.address, self.money(stop.total)])
            item.setData(0, ORDER_ROLE, stop.order_id)
            item.setTextAlignment(1, right)
            item.setTextAlignment(6, right)
            tip = stop_tip(stop, self.money)
            for column in range(7):
                item.setToolTip(column, tip)
            if stop.order_id in reasons:
                item.setForeground(REASON, QColor(OVER))
                item.setToolTip(REASON, reasons[stop.order_id])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsDragEnabled)
            self.addTopLevelItem(item)
            if stop.order_id == keep:
                self.setCurrentItem(item)
        self.setColumnHidden(REASON, not any(s.order_id in reasons for s in stops))

    def current_order(self) -> int | None:
        item = self.currentItem()
        return item.data(0, ORDER_ROLE) if item is not None else None

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.topLevelItemCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorGroup.Disabled,
                                                QPalette.ColorRole.Text))
            painter.drawText(self.viewport().rect().adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             self.tr("Every order of the day is on a route."))
            painter.end()

    def orders(self) -> list[int]:
        return [self.topLevelItem(i).data(0, ORDER_ROLE) for i in range(self.topLevelItemCount())]

    def select_order(self, order_id: int | None) -> bool:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, ORDER_ROLE) == order_id:
                self.setCurrentItem(item)
                self.scrollToItem(item)
                return True
        return False

    def mimeData(self, items) -> QMimeData:
        return order_mime(items[0].data(0, ORDER_ROLE), None, -1)

    def _drop_row(self, pos) -> int:
        return 0

    def drop(self, mime: QMimeData, row: int = 0) -> bool:
        """An order dropped here leaves its route."""
        payload = read_mime(mime)
        if payload is None or payload.get("route_id") is None:
            return False  # unplanned already
        self.dropped.emit(payload["order_id"], None, None, 0)
        return True


class LoadBar(QProgressBar):
    """A truck's load against its capacity, "32 / 40 cylinders"; red when over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextVisible(True)
        self.setMaximumHeight(self.fontMetrics().height() + 6)
        self.over = False

    def set_load(self, load: int, capacity: int, unit: str) -> None:
        self.over = load > capacity
        self.setRange(0, max(capacity, 1))
        self.setValue(min(load, capacity))
        self.setFormat(f"{load} / {capacity} {unit_name(unit)}")
        self.setStyleSheet(
            "QProgressBar { border: 1px solid #999; border-radius: 3px; text-align: center;"
            f" background: {'#fde0dc' if self.over else 'white'};"
            f" color: {'#8e0000' if self.over else 'black'}; }}"
            f" QProgressBar::chunk {{ background: {OVER if self.over else '#a5d6a7'}; }}")
        if self.over:
            tip = self.tr("Over capacity by {n} {unit}").format(n=load - capacity,
                                                                 unit=unit_name(unit))
        else:
            tip = self.tr("{free} {unit} free").format(free=capacity - load, unit=unit_name(unit))
        self.setToolTip(tip)


class RouteColumn(QFrame):
    """One vehicle: plate, driver, load, distance and time, and its stops."""

    driver_chosen = Signal(int, object)  # route id, driver id (None: no driver)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * COLUMN_WIDTH_CHARS + 24)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.route: RouteView | None = None
        self.vehicle_id: int | None = None
        self.swatch = QLabel(self)
        self.swatch.setFixedSize(QSize(14, 14))
        self.plate = QLabel(self)
        font = QFont(self.plate.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.plate.setFont(font)
        self.state = QLabel(self)
        self.state.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.swatch)
        top.addWidget(self.plate)
        top.addStretch(1)
        top.addWidget(self.state)
        self.driver = QComboBox(self)
        self.driver.setToolTip(self.tr("Who drives this route"))
        self.driver.activated.connect(self._driver_activated)
        self.load = LoadBar(self)
        self.figures = QLabel(self)
        self.stops = StopList(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.driver)
        layout.addWidget(self.load)
        layout.addWidget(self.figures)
        layout.addWidget(self.stops, 1)

    def show_route(self, route: RouteView, colour: QColor, drivers, money) -> None:
        self.route, self.vehicle_id = route, route.vehicle_id
        self.swatch.setStyleSheet(f"background: {colour.name()}; border-radius: 3px;")
        self.swatch.show()
        self.plate.setText(route.plate)
        self.state.setText(self.tr("confirmed") if route.status == "confirmed"
                           else self.tr("planned"))
        self._drivers(drivers, route.driver_id, route.driver_name)
        self.driver.setEnabled(True)
        self.load.set_load(route.load, route.capacity, route.capacity_unit)
        self.figures.setText(self.tr("{stops} stops · {km} · {time}").format(
            stops=len(route.stops), km=km_text(route.distance_m),
            time=duration_text(route.duration_s)))
        self.stops.show_stops(route, route.vehicle_id, money)

    def show_free(self, vehicle: tuple[int, str, int, str], money) -> None:
        vehicle_id, plate, capacity, unit = vehicle
        self.route, self.vehicle_id = None, vehicle_id
        self.swatch.hide()
        self.plate.setText(plate)
        self.state.setText(self.tr("free"))
        self.driver.clear()
        self.driver.addItem(self.tr("(no route yet)"), None)
        self.driver.setEnabled(False)
        self.load.set_load(0, capacity, unit)
        self.figures.setText(self.tr("No route on this day"))
        self.stops.show_stops(None, vehicle_id, money)

    def _drivers(self, drivers, chosen: int | None, chosen_name: str) -> None:
        self.driver.blockSignals(True)
        self.driver.clear()
        self.driver.addItem(self.tr("(no driver)"), None)
        for d in drivers:
            self.driver.addItem(d.name, d.id)
        index = self.driver.findData(chosen) if chosen is not None else 0
        if index < 0:  # an inactive driver still on this route
            self.driver.addItem(chosen_name, chosen)
            index = self.driver.count() - 1
        self.driver.setCurrentIndex(index)
        self.driver.blockSignals(False)

    def _driver_activated(self, index: int) -> None:
        if self.route is not None and self.driver.itemData(index) != self.route.driver_id:
            self.driver_chosen.emit(self.route.id, self.driver.itemData(index))
