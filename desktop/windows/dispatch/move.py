""""Move to…": the keyboard's way to put the chosen order on another route or place."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.services.dispatch import Board, StopView


class MoveDialog(QDialog):
    """Where to: the unplanned orders, a planned route at a position, or a free vehicle
    (a new route).  ``choice`` is ``(route_id, vehicle_id, position)`` once accepted."""

    def __init__(self, board: Board, stop: StopView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move order"))
        self.board, self.stop = board, stop
        self.choice: tuple[int | None, int | None, int] | None = None
        self.target = QComboBox(self)
        if stop.route_id is not None:
            self.target.addItem(self.tr("Unplanned (on no route)"), ("unplanned", None))
        for route in board.routes:
            if route.status != "planned":
                continue
            text = self.tr("{plate} · {driver} · {n} stops").format(
                plate=route.plate, driver=route.driver_name or self.tr("no driver"),
                n=len(route.stops))
            self.target.addItem(text, ("route", route.id))
        for vehicle_id, plate, _capacity, _unit in board.free_vehicles:
            self.target.addItem(self.tr("{plate} · a new route").format(plate=plate),
                                ("vehicle", vehicle_id))
        self.position = QSpinBox(self)
        self.position.setToolTip(self.tr("1 is the first stop"))
        form = QFormLayout()
        form.addRow(self.tr("&To:"), self.target)
        form.addRow(self.tr("&As stop number:"), self.position)
        form.labelForField(self.target).setBuddy(self.target)
        form.labelForField(self.position).setBuddy(self.position)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{stop.number}  {stop.customer_code}  {stop.customer_name}"
                                f"\n{stop.summary}", self))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.target.currentIndexChanged.connect(self._target_changed)
        current = next((i for i in range(self.target.count())
                        if self.target.itemData(i) == ("route", stop.route_id)), None)
        if current is not None and self.target.count() > 1:
            current = (current + 1) % self.target.count()  # somewhere else, by default
        self.target.setCurrentIndex(current or 0)
        self._target_changed()
        self.target.setFocus()

    def _target_changed(self, _index: int = 0) -> None:
        kind, key = self.target.currentData() or ("unplanned", None)
        route = next((r for r in self.board.routes if r.id == key), None) \
            if kind == "route" else None
        if route is None:
            self.position.setRange(1, 1)
            self.position.setEnabled(False)
            return
        count = len(route.stops) + (0 if route.id == self.stop.route_id else 1)
        self.position.setEnabled(True)
        self.position.setRange(1, max(count, 1))
        self.position.setValue(max(count, 1))  # last, by default

    def accept(self) -> None:
        kind, key = self.target.currentData() or ("unplanned", None)
        if kind == "route":
            self.choice = (key, None, self.position.value())
        elif kind == "vehicle":
            self.choice = (None, key, 0)
        else:
            self.choice = (None, None, 0)
        super().accept()
