"""Drivers and vehicles, kept by the dispatchers: two lists, each with its form.

Choose a row to edit it (Up/Down in the list, the form follows); "New driver" /
"New vehicle" empty the form.  Enter in a form saves it, Esc goes back to its list.
A refused save keeps the form filled with the error under the field; a save over a
newer version asks whether to reload.  Nothing is deleted: a driver or vehicle that
is no longer used is made inactive (greyed in the list, not offered for planning).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont, QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import ValidationError
from core.services.customers import display_phone
from core.services.fleet import CAPACITY_UNITS, DriverView, VehicleView
from desktop import tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import RecordForm, save_failed
from desktop.widgets.rows import RIGHT, Column, RowsModel, fit_columns, make_table, select_row
from desktop.widgets.unsaved import Unsaved


def unit_name(unit: str) -> str:
    return QCoreApplication.translate("core", CAPACITY_UNITS.get(unit, unit))


class _Editor:
    """One list with its form: choosing a row shows it, unsaved input is asked about."""

    def __init__(self, window: FleetWindow, model: RowsModel, table: QTableView,
                 form: RecordForm, show: Callable[[object | None], None],
                 snapshot: Callable[[], tuple]) -> None:
        self.window, self.model, self.table, self.form = window, model, table, form
        self.show = show
        self.current = None  # the record in the form (None: a new one)
        self.unsaved = Unsaved(window, snapshot)  # the form as loaded or saved
        self.dirty = self.unsaved.dirty  # whether it holds input not saved
        self.selecting = False
        self.first_load = True
        table.selectionModel().currentRowChanged.connect(self.row_changed)
        form.leave_requested.connect(table.setFocus)

    def set_rows(self, rows: list) -> None:
        keep = self.current.id if self.current is not None else None
        self.selecting = True
        try:
            self.model.set_rows(rows)
            fit_columns(self.table)
            number = self.model.find(lambda r: r.id == keep)
            if number is None and self.first_load and rows:
                number = 0  # the window opens on the first record, not an empty form
            select_row(self.table, number)
        finally:
            self.selecting = False
        self.first_load = False
        if number is not None and not self.dirty():
            self.open(self.model.row(number))

    def open(self, record) -> None:
        self.current = record
        self.show(record)
        self.form.clear_errors()
        self.unsaved.clean()

    def row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.selecting or not current.isValid():
            return
        record = self.model.row(current.row())
        if self.current is not None and record.id == self.current.id:
            return
        if not self.unsaved.confirm():
            self.selecting = True
            try:
                self.table.setCurrentIndex(previous)
            finally:
                self.selecting = False
            return
        self.open(record)

    def new(self) -> bool:
        if not self.unsaved.confirm():
            return False
        self.selecting = True
        try:
            select_row(self.table, None)
        finally:
            self.selecting = False
        self.open(None)
        return True

    def saved(self, record) -> None:
        self.open(record)
        self.selecting = True
        try:
            number = self.model.find(lambda r: r.id == record.id)
            if number is None:
                number = len(self.model.rows)
                self.model.insert(number, record)
            else:
                self.model.replace(number, record)
            select_row(self.table, number)
        finally:
            self.selecting = False


class FleetWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Drivers and vehicles"))
        self.heading = QLabel(self.tr("Drivers and vehicles"), self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_drivers())
        splitter.addWidget(self._build_vehicles())
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([500, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)

        self.drivers = _Editor(self, self.driver_rows, self.driver_table, self.driver_form,
                               self._show_driver, self._driver_snapshot)
        self.vehicles = _Editor(self, self.vehicle_rows, self.vehicle_table, self.vehicle_form,
                                self._show_vehicle, self._vehicle_snapshot)
        self.drivers.open(None)
        self.vehicles.open(None)
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    # --- building ---
    def _build_drivers(self) -> QWidget:
        box = QGroupBox(self.tr("Drivers"), self)
        yes, no = self.tr("yes"), self.tr("no")
        self.driver_rows = RowsModel([
            Column(self.tr("Name"), lambda d: d.name),
            Column(self.tr("Phone"), lambda d: display_phone(d.phone)),
            Column(self.tr("Active"), lambda d: yes if d.active else no),
        ], self, muted=lambda d: not d.active)
        self.driver_table = make_table(self.driver_rows, box)
        form = self.driver_form = RecordForm()
        self.driver_name = form.add_field("name", self.tr("&Name: *"), QLineEdit())
        self.driver_name.setMaxLength(120)
        self.driver_phone = form.add_field("phone", self.tr("&Phone:"), QLineEdit())
        self.driver_phone.setPlaceholderText(self.tr("e.g. 0912 345 678"))
        self.driver_active = form.add_field("active", self.tr("Status:"),
                                            QCheckBox(self.tr("A&ctive: can drive routes")))
        form.save_requested.connect(self.save_driver)
        self.driver_title = QLabel(box)
        self.driver_status = MessageLabel(box)
        self.new_driver_button = QPushButton(self.tr("New dri&ver"), box)
        self.new_driver_button.clicked.connect(self.new_driver)
        self.save_driver_button = QPushButton(self.tr("&Save driver"), box)
        self.save_driver_button.setToolTip(self.tr("Save (Enter in the form)"))
        self.save_driver_button.clicked.connect(self.save_driver)
        return self._panel(box, self.driver_table, self.driver_title, form, self.driver_status,
                           self.new_driver_button, self.save_driver_button)

    def _build_vehicles(self) -> QWidget:
        box = QGroupBox(self.tr("Vehicles"), self)
        yes, no = self.tr("yes"), self.tr("no")
        self.vehicle_rows = RowsModel([
            Column(self.tr("Plate"), lambda v: v.plate),
            Column(self.tr("Capacity"), lambda v: f"{v.capacity:,} {unit_name(v.capacity_unit)}",
                   RIGHT, value=lambda v: v.capacity),
            Column(self.tr("Usual driver"), lambda v: v.driver_name or "—"),
            Column(self.tr("Active"), lambda v: yes if v.active else no),
        ], self, muted=lambda v: not v.active)
        self.vehicle_table = make_table(self.vehicle_rows, box)
        form = self.vehicle_form = RecordForm()
        self.plate = form.add_field("plate", self.tr("P&late: *"), QLineEdit())
        self.plate.setMaxLength(20)
        self.plate.setPlaceholderText(self.tr("e.g. ABC-1234"))
        self.capacity_unit = QComboBox()
        for unit in CAPACITY_UNITS:
            self.capacity_unit.addItem(unit_name(unit), unit)
        self.capacity = form.add_field("capacity", self.tr("Capacit&y: *"), QLineEdit(),
                                       beside=self.capacity_unit)
        self.capacity.setValidator(QIntValidator(0, 100_000, self.capacity))
        self.capacity.setMaximumWidth(120)
        self.capacity.setToolTip(self.tr("How much the vehicle carries: a number of cylinders "
                                         "(any size), or kg of gas"))
        self.capacity_unit.installEventFilter(form)  # Enter saves, Esc leaves, as in a field
        self.usual_driver = form.add_field("driver", self.tr("Usual &driver:"), QComboBox())
        self.vehicle_active = form.add_field("active", self.tr("Status:"),
                                             QCheckBox(self.tr("Ac&tive: can be planned")))
        form.save_requested.connect(self.save_vehicle)
        self.vehicle_title = QLabel(box)
        self.vehicle_status = MessageLabel(box)
        self.new_vehicle_button = QPushButton(self.tr("New v&ehicle"), box)
        self.new_vehicle_button.clicked.connect(self.new_vehicle)
        self.save_vehicle_button = QPushButton(self.tr("S&ave vehicle"), box)
        self.save_vehicle_button.setToolTip(self.tr("Save (Enter in the form)"))
        self.save_vehicle_button.clicked.connect(self.save_vehicle)
        return self._panel(box, self.vehicle_table, self.vehicle_title, form, self.vehicle_status,
                           self.new_vehicle_button, self.save_vehicle_button)

    @staticmethod
    def _panel(box: QGroupBox, table, title: QLabel, form, status, new, save) -> QGroupBox:
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(save)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(table, 1)
        layout.addWidget(title)
        layout.addWidget(form)
        layout.addWidget(status)
        layout.addLayout(buttons)
        return box

    # --- loading ---
    def refresh(self) -> None:
        api = self.ctx.api
        tasks.run(self, lambda: (api.fleet.drivers(), api.fleet.vehicles()),
                  on_success=self._loaded)

    def _loaded(self, result: tuple[list[DriverView], list[VehicleView]]) -> None:
        drivers, vehicles = result
        self.drivers.set_rows(drivers)
        self._fill_driver_choice()
        self.vehicles.set_rows(vehicles)

    def _on_changed(self, changes: Changes) -> None:
        """A save here or on another workstation: the lists again, a form with unsaved
        input kept as typed (``_Editor.set_rows``)."""
        if changes.touches("fleet"):
            self.refresh()

    def _fill_driver_choice(self) -> None:
        """The active drivers, and the vehicle's own even when inactive; "none" first."""
        chosen = self.usual_driver.currentData()
        own = self.vehicles.current.driver_id if self.vehicles.current else None
        self.usual_driver.blockSignals(True)
        self.usual_driver.clear()
        self.usual_driver.addItem(self.tr("(none)"), None)
        for d in self.driver_rows.rows:
            if d.active or d.id in (chosen, own):
                self.usual_driver.addItem(d.name if d.active else self.tr(
                    "{name} (inactive)").format(name=d.name), d.id)
        self.usual_driver.setCurrentIndex(max(0, self.usual_driver.findData(chosen)))
        self.usual_driver.blockSignals(False)

    # --- drivers ---
    def _driver_snapshot(self) -> tuple:
        return (self.driver_name.text().strip(), self.driver_phone.text().strip(),
                self.driver_active.isChecked())

    def _show_driver(self, d: DriverView | None) -> None:
        self.driver_name.setText(d.name if d else "")
        self.driver_phone.setText(display_phone(d.phone) if d else "")
        self.driver_active.setChecked(d.active if d else True)
        self.driver_title.setText(d.name if d else self.tr("New driver"))

    def new_driver(self) -> None:
        if self.drivers.new():
            self.driver_status.clear()
            self.driver_name.setFocus()

    def save_driver(self) -> None:
        if not self.save_driver_button.isEnabled():
            return
        current = self.drivers.current
        name, phone, active = self._driver_snapshot()
        api = self.ctx.api
        self.driver_form.clear_errors()
        self.driver_status.clear()
        tasks.run(self, lambda: api.fleet.save_driver(
            name=name, phone=phone, active=active,
            driver_id=current.id if current else None,
            version=current.version if current else None),
            on_success=self._driver_saved, on_error=self._driver_failed,
            disable=self.save_driver_button)

    def _driver_saved(self, d: DriverView) -> None:
        self.drivers.saved(d)
        self._fill_driver_choice()
        self.driver_status.show_ok(self.tr("Saved {name}.").format(name=d.name))

    def _driver_failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.driver_form, exc, details, reload=self._reload,
                    stale_question=self.tr(
                        "This driver was changed elsewhere. Reload the newer version? "
                        "(Your input stays in the form if you say No.)"))

    # --- vehicles ---
    def _vehicle_snapshot(self) -> tuple:
        return (self.plate.text().strip().upper(), self.capacity.text().strip(),
                self.capacity_unit.currentData(), self.usual_driver.currentData(),
                self.vehicle_active.isChecked())

    def _show_vehicle(self, v: VehicleView | None) -> None:
        self.plate.setText(v.plate if v else "")
        self.capacity.setText(str(v.capacity) if v else "")
        self.capacity_unit.setCurrentIndex(max(0, self.capacity_unit.findData(
            v.capacity_unit if v else "cylinders")))
        self._fill_driver_choice()
        self.usual_driver.setCurrentIndex(max(0, self.usual_driver.findData(
            v.driver_id if v else None)))
        self.vehicle_active.setChecked(v.active if v else True)
        self.vehicle_title.setText(v.plate if v else self.tr("New vehicle"))

    def new_vehicle(self) -> None:
        if self.vehicles.new():
            self.vehicle_status.clear()
            self.plate.setFocus()

    def save_vehicle(self) -> None:
        if not self.save_vehicle_button.isEnabled():
            return
        current = self.vehicles.current
        plate, capacity, unit, driver_id, active = self._vehicle_snapshot()
        api = self.ctx.api
        self.vehicle_form.clear_errors()
        self.vehicle_status.clear()
        tasks.run(self, lambda: api.fleet.save_vehicle(
            plate=plate, capacity=capacity, capacity_unit=unit,
            driver_id=driver_id, active=active, vehicle_id=current.id if current else None,
            version=current.version if current else None),
            on_success=self._vehicle_saved, on_error=self._vehicle_failed,
            disable=self.save_vehicle_button)

    def _vehicle_saved(self, v: VehicleView) -> None:
        self.vehicles.saved(v)
        self.vehicle_status.show_ok(self.tr("Saved {plate}.").format(plate=v.plate))

    def _vehicle_failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValidationError) and "capacity_unit" in exc.field_errors:
            moved = dict(exc.field_errors)  # the unit is chosen beside the capacity
            moved.setdefault("capacity", moved.pop("capacity_unit"))
            exc = ValidationError(moved)
        save_failed(self, self.vehicle_form, exc, details, reload=self._reload,
                    stale_question=self.tr(
                        "This vehicle was changed elsewhere. Reload the newer version? "
                        "(Your input stays in the form if you say No.)"))

    def _reload(self) -> None:
        """The user chose the newer version: what was typed gives way to it."""
        for editor in (self.drivers, self.vehicles):
            editor.unsaved.clean()
        self.refresh()
