"""Serial-numbered cylinders: which are overdue for their periodic re-test, which are due
within 30 days, and all of them, where each stands.

A barcode scanner is a keyboard: scanning a serial into "Find serial" (or typing it and
Enter) selects that cylinder, on the tab that shows it.  "Where" narrows the lists to a
location, "Customer" (a code and Enter) to the serials one customer holds.  "Add
cylinder…" registers one (keyboard only: Enter saves; a refused save keeps the form, the
error under the field); "Correct…" edits the selected record; "Re-tested…" records that
the selected cylinder passed its re-test, and its next due date follows the rules.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import DomainError, ValidationError
from core.services.cylinders import (DUE_SOON_DAYS, MATERIAL_NAMES, CylinderImport,
                                     CylinderInput, CylinderView, normalise_serial, propose)
from core.services.imports import file_content
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import RecordForm, save_failed
from desktop.widgets.rows import Column, RowsModel, fit_columns, make_table, select_row

_DATE = re.compile(r"^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$")


def parse_day(text: str) -> date | None:
    """2026-10-01, 2026/10/01, 2026.10.01 or 20261001; None for blank; ValueError else."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if match is None:
        raise ValueError(text)
    return date(*(int(x) for x in match.groups()))


def material_name(material: str) -> str:
    return QCoreApplication.translate("core", MATERIAL_NAMES.get(material, material))


class CylindersWindow(QWidget):
    TABS = ("overdue", "due_soon", "all")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: int | None = None
        self.locations: list = []
        self.setWindowTitle(self.tr("Cylinders"))
        heading = QLabel(self.tr("Cylinders"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)

        self.find_box = QLineEdit(self)
        self.find_box.setPlaceholderText(self.tr("Scan or type a serial, then Enter"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMinimumWidth(240)
        self.find_box.returnPressed.connect(self.find)
        find_label = QLabel(self.tr("&Find serial:"), self)
        find_label.setBuddy(self.find_box)
        self.location = QComboBox(self)
        self.location.addItem(self.tr("All locations"), None)
        self.location.currentIndexChanged.connect(self.refresh)
        where_label = QLabel(self.tr("&Where:"), self)
        where_label.setBuddy(self.location)
        self.customer_box = QLineEdit(self)
        self.customer_box.setPlaceholderText(self.tr("Customer code, then Enter"))
        self.customer_box.setClearButtonEnabled(True)
        self.customer_box.setMinimumWidth(200)
        self.customer_box.returnPressed.connect(self.choose_customer)
        self.customer_box.textChanged.connect(self._customer_text_changed)
        customer_label = QLabel(self.tr("C&ustomer:"), self)
        customer_label.setBuddy(self.customer_box)
        top = QHBoxLayout()
        for w in (find_label, self.find_box, where_label, self.location, customer_label,
                  self.customer_box):
            top.addWidget(w)
        top.addStretch(1)

        self.tabs = QTabWidget(self)
        self.models: dict[str, RowsModel] = {}
        self.tables = {}
        titles = {"overdue": self.tr("Overdue"),
                  "due_soon": self.tr("Due within {days} days").format(days=DUE_SOON_DAYS),
                  "all": self.tr("All")}
        for key in self.TABS:
            model = RowsModel(self._columns(), self, bold=lambda c: c.overdue(date.today()),
                              muted=lambda c: c.status == "scrapped")
            table = make_table(model, self.tabs)
            table.doubleClicked.connect(lambda _index: self.correct())
            table.selectionModel().currentRowChanged.connect(
                lambda *_: self._update_buttons())
            self.models[key], self.tables[key] = model, table
            self.tabs.addTab(table, titles[key])
        self.tabs.currentChanged.connect(lambda _n: self._update_buttons())

        self.status = MessageLabel(self)
        self.add_button = QPushButton(self.tr("&Add cylinder…"), self)
        self.add_button.clicked.connect(self.add)
        self.correct_button = QPushButton(self.tr("&Correct…"), self)
        self.correct_button.clicked.connect(self.correct)
        self.retested_button = QPushButton(self.tr("&Re-tested…"), self)
        self.retested_button.setToolTip(self.tr(
            "The selected cylinder passed its periodic re-test: its next due date follows the "
            "re-test rules"))
        self.retested_button.clicked.connect(self.retested)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setToolTip(self.tr(
            "Register cylinders from an .xlsx or .csv file: columns serial, sku, manufactured; "
            "optional retest_due, last_test, material, owner"))
        self.import_button.clicked.connect(self.import_file)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.correct_button, self.retested_button,
                  self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        ctx.events.changed.connect(self._on_changed)
        self._update_buttons()
        self._load_locations()
        self.refresh()

    def _columns(self) -> list[Column]:
        def due_text(c: CylinderView) -> str:
            days = (c.retest_due - date.today()).days
            if c.status == "scrapped":
                return self.tr("scrapped")
            if c.past_life(date.today()):
                return self.tr("service life ended: scrap it")
            if days < 0:
                return self.tr("{days} days overdue").format(days=-days)
            return self.tr("in {days} days").format(days=days) if days else self.tr("today")

        def where(c: CylinderView) -> str:
            if c.customer_id is not None:
                return f"{c.customer_code} {c.customer_name}"
            return c.location_name

        full, empty = self.tr("full"), self.tr("empty")
        return [
            Column(self.tr("Serial"), lambda c: c.serial),
            Column(self.tr("Size"), lambda c: c.product_sku),
            Column(self.tr("Material"), lambda c: material_name(c.material)),
            Column(self.tr("Re-test due"), lambda c: c.retest_due.isoformat()),
            Column(self.tr("Status"), due_text),
            Column(self.tr("End of service"),
                   lambda c: c.end_of_life.isoformat() if c.end_of_life else "—"),
            Column(self.tr("Where"), where),
            Column(self.tr("Full"), lambda c: full if c.full else empty),
            Column(self.tr("Made"), lambda c: c.manufactured.isoformat()),
            Column(self.tr("Owner"), lambda c: c.owner),
        ]

    # --- loading ---
    def _load_locations(self) -> None:
        api = self.ctx.api
        tasks.run(self, api.cylinders.locations, on_success=self._locations_loaded)

    def _locations_loaded(self, locations: list) -> None:
        self.locations = locations
        chosen = self.location.currentData()
        self.location.blockSignals(True)
        self.location.clear()
        self.location.addItem(self.tr("All locations"), None)
        for loc in locations:
            self.location.addItem(loc.name, loc.id)
        self.location.setCurrentIndex(max(0, self.location.findData(chosen)))
        self.location.blockSignals(False)

    def refresh(self) -> None:
        api = self.ctx.api
        location_id, customer_id = self.location.currentData(), self.customer_id

        def work():
            return (api.cylinders.overdue(location_id=location_id),
                    api.cylinders.due_soon(location_id=location_id),
                    api.cylinders.list(location_id=location_id, customer_id=customer_id))
        tasks.run(self, work, key="load", on_success=self._loaded)

    def _loaded(self, result) -> None:
        overdue, soon, everything = result
        if self.customer_id is not None:
            overdue = [c for c in overdue if c.customer_id == self.customer_id]
            soon = [c for c in soon if c.customer_id == self.customer_id]
        for key, rows in zip(self.TABS, (overdue, soon, everything)):
            table = self.tables[key]
            keep = self.selected(key)
            self.models[key].set_rows(rows)
            fit_columns(table)
            if keep is not None:
                select_row(table, self.models[key].find(lambda c, k=keep: c.id == k.id))
        for n, key in enumerate(self.TABS):
            text = self.tabs.tabText(n).split(" (")[0]
            self.tabs.setTabText(n, f"{text} ({len(self.models[key].rows)})")
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("stock"):
            self.refresh()
            self._load_locations()

    # --- finding ---
    def selected(self, key: str | None = None) -> CylinderView | None:
        key = key or self.TABS[self.tabs.currentIndex()]
        index = self.tables[key].currentIndex()
        return self.models[key].row(index.row()) if index.isValid() else None

    def find(self) -> None:
        serial = normalise_serial(self.find_box.text())
        if not serial:
            return
        for n, key in enumerate(self.TABS):
            number = self.models[key].find(lambda c: c.serial == serial)
            if number is not None:
                self.tabs.setCurrentIndex(n)
                select_row(self.tables[key], number)
                self.status.show_ok(self.tr("Cylinder {serial}.").format(serial=serial))
                self.find_box.selectAll()
                return
        api = self.ctx.api
        tasks.run(self, lambda: api.cylinders.get(serial=serial),
                  on_success=lambda c: self._found(serial, c))

    def _found(self, serial: str, c: CylinderView | None) -> None:
        self.find_box.selectAll()
        if c is None:
            self.status.show_error(self.tr(
                "No cylinder has the serial {serial}. Add it with “Add cylinder…”.").format(
                serial=serial))
            return
        # Found, but not in the lists as narrowed: show it alone in "All".
        self.tabs.setCurrentIndex(self.TABS.index("all"))
        model = self.models["all"]
        model.set_rows([c])
        select_row(self.tables["all"], 0)
        self.status.show_ok(self.tr("Cylinder {serial}: {where}.").format(
            serial=c.serial, where=c.location_name))

    def choose_customer(self) -> None:
        code = self.customer_box.text().strip()
        if not code:
            self.customer_id = None
            self.refresh()
            return
        api = self.ctx.api
        tasks.run(self, lambda: api.customers.get_by_code(code=code),
                  on_success=lambda c: self._customer_found(code, c))

    def _customer_found(self, code: str, customer) -> None:
        if customer is None:
            self.status.show_error(self.tr("No customer has the code {code}.").format(
                code=code.upper()))
            return
        self.customer_id = customer.id
        self.status.show_ok(self.tr("The serials {name} holds.").format(name=customer.name))
        self.tabs.setCurrentIndex(self.TABS.index("all"))
        self.refresh()

    def _customer_text_changed(self, text: str) -> None:
        if not text.strip() and self.customer_id is not None:
            self.customer_id = None
            self.refresh()

    def _update_buttons(self) -> None:
        c = self.selected()
        self.correct_button.setEnabled(c is not None and c.status == "in_service")
        self.retested_button.setEnabled(c is not None and c.status == "in_service")

    # --- actions ---
    def add(self) -> None:
        self._edit(None)

    def correct(self) -> None:
        c = self.selected()
        if c is not None and c.status == "in_service":
            self._edit(c)

    def _edit(self, c: CylinderView | None) -> None:
        dialog = CylinderDialog(self.ctx, c, self.locations, self)
        if dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.saved:
            self.status.show_ok(self.tr("Saved cylinder {serial}.").format(
                serial=dialog.saved.serial))
            self.find_box.setText(dialog.saved.serial)
            self.refresh()

    def retested(self) -> None:
        c = self.selected()
        if c is None or c.status != "in_service":
            return
        dialog = RetestedDialog(self.ctx, c, self)
        if dialogs.run_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.saved:
            self.status.show_ok(self.tr("Cylinder {serial} is next due on {due}.").format(
                serial=c.serial, due=dialog.saved.retest_due.isoformat()))
            self.refresh()

    def import_file(self) -> None:
        path = dialogs.open_file(self, self.tr("Import cylinders"),
                                 self.tr("Spreadsheets (*.xlsx *.csv)"))
        if not path:
            return
        api, name = self.ctx.api, Path(path).name

        def work():
            return api.cylinders.import_file(file_name=name, content=file_content(path))
        self.status.clear()
        tasks.run(self, work, on_success=self._imported, disable=self.import_button)

    def _imported(self, result: CylinderImport) -> None:
        if result.errors:
            lines = [self.tr("Line {line}: {message}").format(
                line=e.line, message=errors.message(e.error)) for e in result.errors[:12]]
            more = len(result.errors) - len(lines)
            if more > 0:
                lines.append(self.tr("… and {n} more.").format(n=more))
            self.status.show_error("\n".join(
                [self.tr("Nothing was imported: correct these rows and import again.")]
                + lines))
            return
        self.status.show_ok(self.tr(
            "Cylinders registered: {created}; registered before (left as they were): "
            "{existing}.").format(
            created=len(result.created), existing=len(result.existing)))
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.find_box.setFocus()


class CylinderDialog(QDialog):
    """Register a cylinder, or correct the record of ``cylinder``.  Enter saves; Esc
    cancels; a refused save keeps everything typed, the error under its field."""

    def __init__(self, ctx, cylinder: CylinderView | None, locations: list,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.cylinder = ctx, cylinder
        self.saved: CylinderView | None = None
        self.rules: list = []
        self.sizes: dict[int, object] = {}
        self.setWindowTitle(self.tr("Add cylinder") if cylinder is None
                            else self.tr("Correct cylinder {serial}").format(
                                serial=cylinder.serial))
        form = self.form = RecordForm(self)
        self.serial = form.add_field("serial", self.tr("&Serial: *"), QLineEdit())
        self.serial.setMaxLength(40)
        self.serial.setPlaceholderText(self.tr("As stamped, or scan its barcode"))
        self.size = form.add_field("product", self.tr("Si&ze: *"), QComboBox())
        self.material = form.add_field("material", self.tr("&Material:"), QComboBox())
        for key in MATERIAL_NAMES:
            self.material.addItem(material_name(key), key)
        self.manufactured = form.add_field("manufactured", self.tr("Ma&nufactured: *"),
                                           QLineEdit())
        self.last_test = form.add_field("last_test", self.tr("&Last tested:"), QLineEdit())
        self.retest_due = form.add_field("retest_due", self.tr("&Re-test due:"), QLineEdit())
        for field in (self.manufactured, self.last_test, self.retest_due):
            field.setPlaceholderText(self.tr("YYYY-MM-DD"))
            field.textChanged.connect(self._propose)
        self.last_test.setToolTip(self.tr("Blank: never tested since it was made"))
        self.retest_due.setToolTip(self.tr("As stamped on the cylinder; blank: as proposed"))
        self.owner = form.add_field("owner", self.tr("&Owner:"), QLineEdit())
        self.owner.setMaxLength(120)
        self.where = form.add_field("location", self.tr("&Where:"), QComboBox())
        for loc in locations:
            self.where.addItem(loc.name, loc.id)
        self.customer = form.add_field("customer", self.tr("C&ustomer code:"), QLineEdit())
        self.full = form.add_field("full", self.tr("Gas:"), QCheckBox(self.tr("&Full")))
        self.kinds = {loc.id: loc.kind for loc in locations}
        self.where.currentIndexChanged.connect(self._where_changed)
        self.size.currentIndexChanged.connect(self._propose)
        self.material.currentIndexChanged.connect(self._propose)
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.reject)
        self.proposal = QLabel(self)
        self.proposal.setWordWrap(True)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.proposal)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        if cylinder is not None:
            self.serial.setText(cylinder.serial)
            self.material.setCurrentIndex(max(0, self.material.findData(cylinder.material)))
            self.manufactured.setText(cylinder.manufactured.isoformat())
            self.retest_due.setText(cylinder.retest_due.isoformat())
            self.owner.setText(cylinder.owner)
            for name in ("location", "customer", "full"):
                form.set_field_visible(name, False)  # where it is changes by scans only
        self._where_changed()
        api = ctx.api
        tasks.run(self, lambda: (api.products.list(include_inactive=False),
                                 api.cylinders.retest_rules()), on_success=self._loaded)

    def _loaded(self, result) -> None:
        items, self.rules = result
        self.size.clear()
        for p in items:
            if p.unit == "cylinder" or (self.cylinder and p.id == self.cylinder.product_id):
                self.sizes[p.id] = p
                self.size.addItem(f"{p.sku} {p.name(self.ctx.language)}", p.id)
        if self.cylinder is not None:
            self.size.setCurrentIndex(max(0, self.size.findData(self.cylinder.product_id)))
        self._propose()

    def _where_changed(self) -> None:
        at_customers = self.kinds.get(self.where.currentData()) == "customers"
        self.form.set_field_visible("customer", at_customers and self.cylinder is None)

    def _propose(self) -> None:
        """What the rules propose, as typed (the same function the core uses)."""
        p = self.sizes.get(self.size.currentData())
        try:
            made, tested = parse_day(self.manufactured.text()), parse_day(self.last_test.text())
        except ValueError:
            made = None
        if p is None or made is None or not p.weight_kg or not self.rules:
            self.proposal.clear()
            self.retest_due.setPlaceholderText(self.tr("YYYY-MM-DD"))
            return
        try:
            proposal = propose(self.rules, self.material.currentData(), p.weight_kg, made,
                               tested)
        except DomainError as exc:
            self.proposal.setText(errors.message(exc))
            return
        self.retest_due.setPlaceholderText(proposal.due.isoformat())
        self.proposal.setText(self.tr(
            "The rules propose: next re-test {due} (every {years} years), end of service "
            "life {end}.").format(due=proposal.due.isoformat(), years=proposal.interval_years,
                                  end=proposal.end_of_life.isoformat()))

    def _days(self) -> dict:
        bad: dict[str, DomainError] = {}
        days = {}
        for name, field in (("manufactured", self.manufactured), ("last_test", self.last_test),
                            ("retest_due", self.retest_due)):
            try:
                days[name] = parse_day(field.text())
            except ValueError:
                bad[name] = DomainError(self.tr("A date as YYYY-MM-DD, e.g. 2026-10-01."))
        if bad:
            raise ValidationError(bad)
        return days

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.form.clear_errors()
        self.message.clear()
        try:
            days = self._days()
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        data = CylinderInput(
            serial=self.serial.text(), product_id=self.size.currentData(),
            material=self.material.currentData(), owner=self.owner.text(),
            location_id=self.where.currentData(), full=self.full.isChecked(), **days)
        api, c, code = self.ctx.api, self.cylinder, self.customer.text().strip()
        at_customers = self.kinds.get(self.where.currentData()) == "customers"

        def work():
            if c is not None:
                return api.cylinders.update(cylinder_id=c.id, version=c.version, data=data)
            customer = api.customers.get_by_code(code=code) if at_customers and code else None
            return api.cylinders.register(data=dataclasses.replace(
                data, customer_id=customer.id if customer else None))
        tasks.run(self, work, on_success=self._saved, on_error=self._failed,
                  disable=self.save_button)

    def _saved(self, c: CylinderView) -> None:
        self.saved = c
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.form, exc, details, reload=self.reject, stale_question=self.tr(
            "This cylinder was changed elsewhere. Close this form to see the newer version? "
            "(Your input stays in the form if you say No.)"))


class RetestedDialog(QDialog):
    """The selected cylinder passed its re-test on a day (today unless typed)."""

    def __init__(self, ctx, cylinder: CylinderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.cylinder = ctx, cylinder
        self.saved: CylinderView | None = None
        self.setWindowTitle(self.tr("Cylinder {serial} re-tested").format(
            serial=cylinder.serial))
        form = self.form = RecordForm(self)
        self.tested_on = form.add_field("tested_on", self.tr("&Tested on: *"), QLineEdit())
        self.tested_on.setText(date.today().isoformat())
        self.tested_on.setPlaceholderText(self.tr("YYYY-MM-DD"))
        form.save_requested.connect(self.save)
        form.leave_requested.connect(self.reject)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(self.tr("{serial} passed its periodic re-test; it was due on {due}.")
                       .format(serial=cylinder.serial, due=cylinder.retest_due.isoformat()))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.form.clear_errors()
        try:
            day = parse_day(self.tested_on.text())
        except ValueError:
            day = None
        if day is None:
            self.form.show_errors(ValidationError({"tested_on": DomainError(self.tr(
                "A date as YYYY-MM-DD, e.g. 2026-10-01."))}))
            return
        api, serial = self.ctx.api, self.cylinder.serial
        tasks.run(self, lambda: api.cylinders.retested(serials=[serial], tested_on=day),
                  on_success=self._saved, on_error=self._failed, disable=self.save_button)

    def _saved(self, result: list[CylinderView]) -> None:
        self.saved = result[0]
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.form, exc, details, reload=self.reject, stale_question="")
