"""A picture of the day's routes in real coordinates, without a map tile server.

Points are projected equirectangularly around the depot (metres east and
north; at a city's scale the distortion is far below what the eye sees).  The
depot is a black square; each route is a coloured polyline from the depot
through its stops and back, with the stops numbered; unplanned orders are grey
dots.  Hovering a dot shows its customer and order; clicking one emits
``stop_clicked``; ``highlight`` rings the stop chosen in a list.  The wheel
zooms; the picture fits the window again when the board or the size changes.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from core.services.dispatch import Board, StopView
from desktop.windows.dispatch.stops import stop_tip

EARTH_M = 6_371_000
ORDER_KEY = 0  # QGraphicsItem.data key of a stop's order id
GREY = QColor("#9e9e9e")
DOT = 9  # pixels


def project(lat: float, lon: float, origin: tuple[float, float]) -> QPointF:
    """Metres east (x) and south (y, as the screen counts) of ``origin``."""
    lat0, lon0 = origin
    x = math.radians(lon - lon0) * math.cos(math.radians(lat0)) * EARTH_M
    y = -math.radians(lat - lat0) * EARTH_M
    return QPointF(x, y)


class RoutesPicture(QGraphicsView):
    stop_clicked = Signal(int)

    def __init__(self, money, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.money = money
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#f7f7f2"))
        self.setMinimumSize(200, 160)
        self.paths: dict[int, QGraphicsPathItem] = {}  # route id -> its polyline
        self.dots: dict[int, QGraphicsEllipseItem] = {}  # order id -> its dot
        self.depot_item: QGraphicsRectItem | None = None
        self._ring: QGraphicsEllipseItem | None = None
        self._ringed: int | None = None
        self._zoomed = False

    def show_board(self, board: Board, colours: dict[int, QColor]) -> None:
        scene = self.scene()
        scene.clear()
        self.paths, self.dots, self._ring, self._ringed = {}, {}, None, None
        self.depot_item = None
        located = [s for s in (*board.unplanned, *(x for r in board.routes for x in r.stops))
                   if s.lat is not None and s.lon is not None]
        origin = board.depot or ((sum(s.lat for s in located) / len(located),
                                  sum(s.lon for s in located) / len(located))
                                 if located else None)
        if origin is None:
            return
        for stop in board.unplanned:
            self._dot(stop, origin, GREY, None)
        for route in board.routes:
            colour = colours.get(route.id, GREY)
            points = [project(s.lat, s.lon, origin) for s in route.stops if s.lat is not None]
            if board.depot is not None and points:
                points = [QPointF(0, 0), *points, QPointF(0, 0)]
            path = QPainterPath()
            for n, point in enumerate(points):
                path.lineTo(point) if n else path.moveTo(point)
            pen = QPen(colour, 2.5)
            pen.setCosmetic(True)  # the same width at every zoom
            item = scene.addPath(path, pen)
            item.setZValue(1)
            item.setToolTip(f"{route.plate}  {route.driver_name}")
            self.paths[route.id] = item
            for number, stop in enumerate(route.stops, start=1):
                self._dot(stop, origin, colour, number)
        if board.depot is not None:
            depot = QGraphicsRectItem(-6, -6, 12, 12)
            depot.setBrush(QBrush(Qt.GlobalColor.black))
            depot.setPen(QPen(Qt.GlobalColor.white, 1))
            depot.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            depot.setZValue(4)
            depot.setToolTip(self.tr("Depot"))
            scene.addItem(depot)
            self.depot_item = depot
        self._zoomed = False
        self.fit()

    def _dot(self, stop: StopView, origin, colour: QColor, number: int | None) -> None:
        if stop.lat is None or stop.lon is None:
            return
        dot = QGraphicsEllipseItem(-DOT / 2, -DOT / 2, DOT, DOT)
        dot.setPos(project(stop.lat, stop.lon, origin))
        dot.setBrush(QBrush(colour))
        dot.setPen(QPen(Qt.GlobalColor.white, 1))
        dot.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        dot.setZValue(2 if number is None else 3)
        dot.setData(ORDER_KEY, stop.order_id)
        dot.setToolTip(stop_tip(stop, self.money))
        dot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.scene().addItem(dot)
        self.dots[stop.order_id] = dot
        if number is not None:
            label = QGraphicsSimpleTextItem(str(number), dot)
            font = QFont(label.font())
            font.setPointSizeF(max(6.5, font.pointSizeF() * 0.75))
            label.setFont(font)
            label.setBrush(QBrush(colour.darker(140)))
            label.setPos(DOT / 2, -DOT - 2)

    def highlight(self, order_id: int | None) -> None:
        """Ring the stop of ``order_id`` (None: no ring) and bring it into view."""
        if self._ring is not None:
            self.scene().removeItem(self._ring)
            self._ring = self._ringed = None
        dot = self.dots.get(order_id) if order_id is not None else None
        if dot is None:
            return
        ring = QGraphicsEllipseItem(-11, -11, 22, 22)
        pen = QPen(QColor("#ffb300"), 3)
        ring.setPen(pen)
        ring.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        ring.setPos(dot.pos())
        ring.setZValue(5)
        self.scene().addItem(ring)
        self._ring, self._ringed = ring, order_id
        self.ensureVisible(QRectF(dot.pos() - QPointF(1, 1), dot.pos() + QPointF(1, 1)))

    def highlighted(self) -> int | None:
        return self._ringed

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            rect = rect.adjusted(-500, -500, 500, 500)
        margin = max(rect.width(), rect.height()) * 0.06 + 50
        self.fitInView(rect.adjusted(-margin, -margin, margin, margin),
                       Qt.AspectRatioMode.KeepAspectRatio)

    # --- mouse and size ---
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._zoomed:
            self.fit()

    def wheelEvent(self, event) -> None:
        factor = 1.2 if event.angleDelta().y() > 0 else 1 / 1.2
        self.scale(factor, factor)
        self._zoomed = True

    def mouseDoubleClickEvent(self, event) -> None:
        self._zoomed = False
        self.fit()

    def mousePressEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and item.data(ORDER_KEY) is None:
            item = item.parentItem()
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.stop_clicked.emit(int(item.data(ORDER_KEY)))
            event.accept()
            return
        super().mousePressEvent(event)
