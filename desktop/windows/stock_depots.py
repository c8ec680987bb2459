"""Depots… (from the Cylinder stock window): the depots — name, address, coordinates,
active — and each active vehicle's truck with the depot it starts its route at.

Dispatchers and managers add and change depots in the form under the list (choose a row
to edit it; "New depot" empties the form; Enter saves) and move a truck to another depot
with the combo on its row.  Latitude and longitude are typed in degrees, as in the
Settings window's company depot: both or neither, a refused save keeps the form as typed
with the reason under the field.  Others see the lists read-only.  The lists follow
changes made here and on other workstations (stock and fleet); a form with unsaved input
keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.services.fleet import VehicleView
from core.services.stock import LocationView
from desktop import tasks
from desktop.widgets.formkit import HEADING, MessageLabel, bold_label
from desktop.widgets.records import RecordForm, save_failed
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths
from desktop.widgets.unsaved import Unsaved

RELOAD_ON = ("stock", "fleet")
# The Settings window's words for a coordinate (the core's, translated there already).
COORDINATE = QT_TRANSLATE_NOOP(
    "core", "Enter a coordinate in degrees from {low} to {high}, e.g. 24.1477.")


def coordinate(text: str, field: str, low: int, high: int,
               errors: dict[str, DomainError]) -> float | None:
    """The degrees typed ('' is none); a word or a number out of range goes to ``errors``."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:  # nan and inf fail the range too
        errors[field] = DomainError(COORDINATE, low=low, high=high)
        return None
    return value


def degrees(value: float | None) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class TruckRow:
    vehicle: VehicleView
    depot_id: int | None  # its truck's depot (None: no truck yet - the first depot's)


class DepotsDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor = ctx.actor.can("dispatcher") or ctx.actor.can("manager")
        self.current: LocationView | None = None  # the depot in the form (None: a new one)
        self.depots_list: list[LocationView] = []
        self.truck_rows: list[TruckRow] = []
        self.filling = False  # the truck combos are being filled, not chosen
        self.setWindowTitle(self.tr("Depots"))

        heading = bold_label(self.tr("Depots and trucks"), self, HEADING)
        yes, no = self.tr("yes"), self.tr("no")
        self.depots = RowsModel([
            Column(self.tr("Name"), lambda d: d.name),
            Column(self.tr("Address"), lambda d: d.address),
            Column(self.tr("Latitude"), lambda d: degrees(d.lat), RIGHT),
            Column(self.tr("Longitude"), lambda d: degrees(d.lon), RIGHT),
            Column(self.tr("Active"), lambda d: yes if d.active else no),
        ], self, muted=lambda d: not d.active)
        self.depot_table = make_table(self.depots, self)
        set_widths(self.depot_table, (16, 28, 10, 10, 6))
        depots_label = QLabel(self.tr("De&pots:"), self)
        depots_label.setBuddy(self.depot_table)
        self.depot_table.selectionModel().currentRowChanged.connect(self._row_changed)

        form = self.form = RecordForm(self)
        self.name = form.add_field("name", self.tr("&Name: *"), QLineEdit())
        self.name.setMaxLength(120)
        self.address = form.add_field("address", self.tr("A&ddress:"), QLineEdit())
        self.address.setMaxLength(250)
        self.lat = form.add_field("lat", self.tr("&Latitude:"), QLineEdit(), beside=QLabel("°"))
        self.lon = form.add_field("lon", self.tr("L&ongitude:"), QLineEdit(),
                                  beside=QLabel("°"))
        self.lat.setPlaceholderText(self.tr("e.g. 24.1477"))
        self.lon.setPlaceholderText(self.tr("e.g. 120.6736"))
        for field in (self.lat, self.lon):
            field.setMaximumWidth(140)
        self.active = form.add_field("active", self.tr("Status:"),
                                     QCheckBox(self.tr("A&ctive: holds stock, starts trucks")))
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.depot_table.setFocus)
        form.set_read_only(not self.editor)
        self.unsaved = Unsaved(self, self._snapshot)
        self.form_title = bold_label("", self)
        self.status = MessageLabel(self)
        self.new_button = QPushButton(self.tr("&New depot"), self)
        self.new_button.clicked.connect(self.new)
        self.save_button = QPushButton(self.tr("&Save depot"), self)
        self.save_button.setToolTip(self.tr("Save (Enter in the form)"))
        self.save_button.clicked.connect(self.save)
        for button in (self.new_button, self.save_button):
            button.setAutoDefault(False)
            button.setVisible(self.editor)

        self.trucks = QTableWidget(0, 2, self)
        self.trucks.setHorizontalHeaderLabels([self.tr("Truck"), self.tr("Starts at depot")])
        self.trucks.verticalHeader().setVisible(False)
        self.trucks.horizontalHeader().setStretchLastSection(True)
        self.trucks.setColumnWidth(0, self.fontMetrics().averageCharWidth() * 14)
        self.trucks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        trucks_label = QLabel(self.tr("&Trucks and their depot:"), self)
        trucks_label.setBuddy(self.trucks)
        self.trucks_status = MessageLabel(self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        left = QVBoxLayout()
        left.addWidget(depots_label)
        left.addWidget(self.depot_table, 1)
        left.addWidget(self.form_title)
        left.addWidget(form)
        left.addWidget(self.status)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(trucks_label)
        right.addWidget(self.trucks, 1)
        right.addWidget(self.trucks_status)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        self.resize(1000, 560)

        self._show_depot(None)
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    # --- loading ---
    def refresh(self) -> None:
        api = self.ctx.api
        tasks.run(self, lambda: (api.stock.locations(), api.fleet.vehicles()), key="depots",
                  on_success=self._loaded)

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    def _loaded(self, result: tuple[list[LocationView], list[VehicleView]]) -> None:
        places, vehicles = result
        depots = [p for p in places if p.kind == "depot"]
        self.depots_list = depots
        keep = self.current.id if self.current is not None else None
        self.filling = True
        try:
            self.depots.set_rows(depots)
            number = self.depots.find(lambda d: d.id == keep)
            select_row(self.depot_table, number)
        finally:
            self.filling = False
        if number is not None and not self.unsaved.dirty():
            self._show_depot(self.depots.row(number))  # its newer version
        trucks = {p.vehicle_id: p.depot_id for p in places if p.kind == "truck"}
        self.truck_rows = [TruckRow(v, trucks.get(v.id)) for v in vehicles if v.active]
        self._fill_trucks()

    def _first_depot(self) -> int | None:
        """Where a vehicle without a truck yet (or whose depot is closed) starts."""
        return min((d.id for d in self.depots_list), default=None)

    def _fill_trucks(self) -> None:
        active = [d for d in self.depots_list if d.active]
        self.filling = True
        try:
            self.trucks.setRowCount(len(self.truck_rows))
            for n, row in enumerate(self.truck_rows):
                plate = QTableWidgetItem(row.vehicle.plate)
                plate.setData(Qt.ItemDataRole.UserRole, row.vehicle.id)
                self.trucks.setItem(n, 0, plate)
                combo = QComboBox(self.trucks)
                for d in active:
                    combo.addItem(d.name, d.id)
                depot = row.depot_id if row.depot_id is not None else self._first_depot()
                if combo.findData(depot) < 0:  # a closed depot: the first one is used
                    closed = next((d for d in self.depots_list if d.id == depot), None)
                    if closed is not None:
                        combo.addItem(self.tr("{name} (inactive)").format(name=closed.name),
                                      closed.id)
                combo.setCurrentIndex(max(0, combo.findData(depot)))
                combo.setEnabled(self.editor)
                combo.currentIndexChanged.connect(
                    lambda _i, v=row.vehicle.id, c=combo: self._truck_chosen(v, c))
                self.trucks.setCellWidget(n, 1, combo)
        finally:
            self.filling = False

    def truck_combo(self, vehicle_id: int) -> QComboBox | None:
        for n, row in enumerate(self.truck_rows):
            if row.vehicle.id == vehicle_id:
                return self.trucks.cellWidget(n, 1)
        return None

    # --- the depot form ---
    def _snapshot(self) -> tuple:
        return (self.name.text().strip(), self.address.text().strip(), self.lat.text().strip(),
                self.lon.text().strip(), self.active.isChecked())

    def _show_depot(self, d: LocationView | None) -> None:
        self.current = d
        self.name.setText(d.name if d else "")
        self.address.setText(d.address if d else "")
        self.lat.setText(degrees(d.lat) if d else "")
        self.lon.setText(degrees(d.lon) if d else "")
        self.active.setChecked(d.active if d else True)
        self.form_title.setText(d.name if d else self.tr("New depot"))
        self.form.clear_errors()
        self.unsaved.clean()

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.filling or not current.isValid():
            return
        depot = self.depots.row(current.row())
        if self.current is not None and depot.id == self.current.id:
            return
        if not self.unsaved.confirm():
            self.filling = True
            try:
                self.depot_table.setCurrentIndex(previous)
            finally:
                self.filling = False
            return
        self.status.clear()
        self._show_depot(depot)

    def new(self) -> None:
        if not self.editor or not self.unsaved.confirm():
            return
        self.filling = True
        try:
            select_row(self.depot_table, None)
        finally:
            self.filling = False
        self.status.clear()
        self._show_depot(None)
        self.name.setFocus()

    def save(self) -> None:
        if not (self.editor and self.save_button.isEnabled()):
            return
        self.form.clear_errors()
        self.status.clear()
        errors: dict[str, DomainError] = {}
        lat = coordinate(self.lat.text(), "lat", -90, 90, errors)
        lon = coordinate(self.lon.text(), "lon", -180, 180, errors)
        if errors:
            self.form.show_errors(ValidationError(errors))
            return
        name, address, _, _, active = self._snapshot()
        current, api = self.current, self.ctx.api
        tasks.run(self, lambda: api.stock.save_depot(
            name=name, address=address, lat=lat, lon=lon, active=active,
            depot_id=current.id if current else None,
            version=current.version if current else None),
            on_success=self._saved, on_error=self._failed, disable=self.save_button)

    def _saved(self, depot: LocationView) -> None:
        self._show_depot(depot)
        self.status.show_ok(self.tr("Saved {name}.").format(name=depot.name))
        self.refresh()

    def _failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.form, exc, details, reload=self._reload, stale_question=self.tr(
            "This depot was changed elsewhere. Reload the newer version? (Your input stays "
            "in the form if you say No.)"))

    def _reload(self) -> None:
        self.unsaved.clean()  # the newer version replaces what was typed
        self.refresh()

    # --- the trucks ---
    def _truck_chosen(self, vehicle_id: int, combo: QComboBox) -> None:
        if self.filling or not self.editor:
            return
        depot_id, api = combo.currentData(), self.ctx.api
        self.trucks_status.clear()
        tasks.run(self, lambda: api.stock.set_truck_depot(vehicle_id=vehicle_id,
                                                          depot_id=depot_id),
                  on_success=self._truck_moved, on_error=self._truck_failed)

    def _truck_moved(self, truck: LocationView) -> None:
        self.trucks_status.show_ok(self.tr("{truck} starts at {depot}.").format(
            truck=truck.name, depot=truck.depot))
        self.refresh()

    def _truck_failed(self, exc: BaseException, details: str) -> None:
        self.trucks_status.on_error(exc, details)
        self.refresh()  # the combo back to the truck's depot
