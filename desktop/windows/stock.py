"""Cylinder stock (clerks, dispatchers, managers): full and empty cylinders per size at
each place — depots, trucks, the customers, the filling plant, the inspection station —
at the end of a day (today first; any past day).

Beside the table: each route's truck that day (what its orders ask for, loaded,
delivered, collected, expected back, returned, the difference and its reason), and the
day's documents.  The buttons enter the documents: a route's morning load (proposed from
its orders, each size editable), its evening return (counted; the dialog shows the
difference from what should come back and asks for the reason), empties to the plant, a
purchase of fulls (with the cost per kg), to and from the inspection station, a
transfer; managers also scrap, count a depot's opening balance and correct (reverse) the
selected document.  Enter saves; a refused save keeps what was typed, with the reason
under the size it is about.  Each dialog sends one request key, so saving it twice
enters it once.  When the company scans serials, the load, return, plant, purchase,
station and scrap dialogs take the serials scanned (``desktop.widgets.serials``); a
refusal naming one marks it in the list.

Keys: Alt+Left/Right the day before/after; F5 reloads.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import DomainError, ValidationError
from core.services.stock import KIND_NAMES, LOCATION_KIND_NAMES, DocView, Line, TruckDay
from desktop import dialogs, errors, tasks
from desktop.i18n import local_time
from desktop.widgets.action import FormDialog
from desktop.widgets.day_picker import DayPicker
from desktop.widgets.formkit import ERROR_STYLE, HEADING, MessageLabel, bold_label
from desktop.widgets.records import shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, set_widths
from desktop.widgets.serials import SerialsBox, scanning

COUNT_WIDTH = 90  # a count's field and its title
RELOAD_ON = ("stock",)  # and the day's routes (a route planned is one more truck)
# The documents that take the serials scanned into them (the company scans serials).
SCANNED_DOCUMENTS = ("load", "return_", "to_plant", "purchase", "scrap", "to_station",
                     "from_station")


def kind_name(kind: str) -> str:
    return errors.translate_core(KIND_NAMES.get(kind, kind))


def place_kind(kind: str) -> str:
    return errors.translate_core(LOCATION_KIND_NAMES.get(kind, kind))


def place_name(name: str, kind: str) -> str:
    """The fixed places by their kind's name in the user's language; depots and trucks by
    their own."""
    return place_kind(kind) if kind in ("customers", "plant", "station") else name


@dataclass(frozen=True)
class Loaded:
    """What the window shows for one day."""

    day: date
    stock: list  # StockRow
    trucks: list[TruckDay]
    docs: list[DocView]
    places: list  # LocationView


@dataclass(frozen=True)
class TruckRow:
    day: TruckDay
    line: object  # TruckLine


def _doc_summary(doc: DocView) -> str:
    """"Depot → ABC-1234: LPG-20 10 full, 2 empty" (the places given, the places taken
    from)."""
    took = sorted({place_name(m.location, m.kind) for m in doc.moves if m.full < 0 or m.empty < 0})
    gave = sorted({place_name(m.location, m.kind) for m in doc.moves
                   if (m.full > 0 or m.empty > 0) and m.location not in took})
    sizes: dict[str, list[int]] = {}
    for m in doc.moves:
        if m.full > 0 or m.empty > 0 or not gave:
            per = sizes.setdefault(m.sku, [0, 0])
            per[0] += abs(m.full)
            per[1] += abs(m.empty)
    counts = ", ".join(
        QCoreApplication.translate("StockWindow", "{sku} {full} full, {empty} empty").format(
            sku=sku, full=f, empty=e) for sku, (f, e) in sorted(sizes.items()))
    return f"{', '.join(took) or '–'} → {', '.join(gave) or '–'}: {counts}"


class CountDialog(FormDialog):
    """One stock document of ``kind``: its place(s) (or route), a full and an empty count
    per size (a purchase: the cost per kg too), and a reason."""

    def __init__(self, ctx, kind: str, loaded: Loaded, parent: QWidget | None = None, *,
                 route_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.kind, self.loaded, self.day = kind, loaded, loaded.day
        self.request_key = uuid.uuid4().hex  # one per dialog: a second submit is the same
        self.setWindowTitle(kind_name(kind if kind != "return_" else "return"))
        self.form.leave_requested.connect(self.reject)
        sizes = {r.product_id: r.sku for r in loaded.stock}
        self.sizes = sorted(sizes.items(), key=lambda x: x[1])
        places = loaded.places
        depots = [p for p in places if p.kind == "depot" and p.active]
        self.route = self.src = self.dst = None
        if kind in ("load", "return_"):
            self.route = self.form.add_field("route", self.tr("&Route: *"), QComboBox())
            for t in loaded.trucks:
                self.route.addItem(self.tr("{plate} (from {depot})").format(
                    plate=t.plate, depot=t.depot), t.route_id)
            if route_id is not None and self.route.findData(route_id) >= 0:
                self.route.setCurrentIndex(self.route.findData(route_id))
            self.route.currentIndexChanged.connect(lambda _i: self._propose())
        elif kind in ("to_plant", "to_station", "purchase", "opening", "from_station"):
            label = self.tr("&Depot: *")
            self.src = self.form.add_field("depot", label, QComboBox())
            for p in depots:
                self.src.addItem(p.name, p.id)
        elif kind == "transfer":
            movable = [p for p in places if p.kind in ("depot", "truck") and p.active]
            self.src = self.form.add_field("from", self.tr("&From: *"), QComboBox())
            self.dst = self.form.add_field("to", self.tr("&To: *"), QComboBox())
            for p in movable:
                self.src.addItem(f"{p.name} ({place_kind(p.kind)})", p.id)
                self.dst.addItem(f"{p.name} ({place_kind(p.kind)})", p.id)
            if self.dst.count() > 1:
                self.dst.setCurrentIndex(1)
        elif kind == "scrap":
            self.src = self.form.add_field("from", self.tr("&From: *"), QComboBox())
            for p in places:
                if p.kind in ("depot", "truck", "plant", "station") and p.active:
                    self.src.addItem(place_name(p.name, p.kind), p.id)
        heading = QLabel(self.tr("{document} on {day}").format(
            document=self.windowTitle(), day=self.day.isoformat()), self)
        head = QWidget(self)
        titles = QHBoxLayout(head)
        titles.setContentsMargins(0, 0, 0, 0)
        self.counts: dict[int, tuple[QLineEdit, QLineEdit, QLineEdit | None]] = {}
        for text in (self.tr("Full"), self.tr("Empty"),
                     *((self.tr("Cost per kg"),) if kind == "purchase" else ())):
            title = QLabel(text, head)
            title.setFixedWidth(COUNT_WIDTH)
            title.setAlignment(RIGHT)
            titles.addWidget(title)
        titles.addStretch(1)
        self.form.add_field("lines", self.tr("Size:"), head)
        for pid, sku in self.sizes:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            full, empty = QLineEdit(row), QLineEdit(row)
            cost = QLineEdit(row) if kind == "purchase" else None
            for edit in (full, empty, cost):
                if edit is not None:
                    edit.setAlignment(RIGHT)
                    edit.setFixedWidth(COUNT_WIDTH)
                    edit.installEventFilter(self.form)  # Enter saves
                    line.addWidget(edit)
            if kind == "to_plant":
                full.setEnabled(False)
            if kind == "purchase":
                empty.setEnabled(False)
            line.addStretch(1)
            self.form.add_field(sku, f"{sku}:", row)
            self.counts[pid] = (full, empty, cost)
        self.expected = QLabel(self)
        self.expected.setWordWrap(True)
        self.reason = self.form.add_field(
            "reason", self.tr("&Reason: *") if kind == "scrap" else self.tr("&Reason:"),
            QPlainTextEdit())
        self.reason.setMaximumHeight(self.fontMetrics().height() * 4)
        self.serials: SerialsBox | None = None
        if kind in SCANNED_DOCUMENTS and scanning(ctx.company):
            self.serials = self.form.add_field("serials", self.tr("Seria&ls:"),
                                               SerialsBox(ctx.api))
        for full, empty, _ in self.counts.values():
            full.textChanged.connect(self._compare)
            empty.textChanged.connect(self._compare)
        self.save_button = self.add_submit_button(self.tr("Save"))
        self.lay_out(heading, self.form, self.expected, width=460)
        self._propose()
        first = next((e for f, m, _ in self.counts.values() for e in (f, m) if e.isEnabled()),
                     None)
        (self.route or self.src or first or self.reason).setFocus()

    def truck(self) -> TruckDay | None:
        if self.route is None:
            return None
        rid = self.route.currentData()
        return next((t for t in self.loaded.trucks if t.route_id == rid), None)

    def _propose(self) -> None:
        """A load: what the route's orders ask for; a return: what should come back."""
        truck = self.truck()
        if truck is None:
            return
        by_size = {x.product_id: x for x in truck.lines}
        for pid, (full, empty, _) in self.counts.items():
            x = by_size.get(pid)
            if self.kind == "load":
                full.setText(str(max(0, x.proposed - x.loaded_full)) if x else "")
                empty.setText("")
            else:
                full.setText(str(x.expected_full - x.returned_full) if x else "")
                empty.setText(str(x.expected_empty - x.returned_empty) if x else "")
        self._compare()

    def _compare(self) -> None:
        """A return: the difference from loaded - delivered + collected, as typed."""
        truck = self.truck()
        if self.kind != "return_" or truck is None:
            self.expected.clear()
            return
        by_size = {x.product_id: x for x in truck.lines}
        parts = []
        for pid, sku in self.sizes:
            x = by_size.get(pid)
            full, empty, _ = self.counts[pid]
            ef = (x.expected_full - x.returned_full) if x else 0
            ee = (x.expected_empty - x.returned_empty) if x else 0
            try:
                df, de = int(full.text() or 0) - ef, int(empty.text() or 0) - ee
            except ValueError:
                continue
            if df or de:
                parts.append(self.tr("{sku}: {full:+d} full, {empty:+d} empty").format(
                    sku=sku, full=df, empty=de))
        if parts:
            self.expected.setText(self.tr("Differs from what should come back: {parts}. Give "
                                          "the reason; the rest stays on the truck.")
                                  .format(parts="; ".join(parts)))
            self.expected.setStyleSheet(ERROR_STYLE)
        else:
            self.expected.setText(self.tr("As expected: loaded − delivered + collected."))
            self.expected.setStyleSheet("")

    def lines(self) -> tuple[Line, ...]:
        out = []
        for pid, (full, empty, cost) in self.counts.items():
            f, e = full.text().strip(), empty.text().strip()
            c = cost.text().strip() if cost is not None else ""
            if f or e or c:
                out.append(Line(pid, f or "0", e or "0", c or None))
        return tuple(out)

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return  # the first submit is on its way
        api, key, day = self.ctx.api, self.request_key, self.day
        lines, reason = self.lines(), self.reason.toPlainText()
        src = self.src.currentData() if self.src is not None else None
        kind = self.kind
        scanned = {"serials": self.serials.serials()} if self.serials is not None else {}
        if kind in ("load", "return_"):
            route = self.route.currentData()
            if route is None:
                self.form.show_errors(ValidationError({"route": DomainError(self.tr(
                    "Choose a route of {day}.").format(day=day.isoformat()))}))
                return
            name = "stock.load" if kind == "load" else "stock.return"

            def call():
                return api.call(name, route_id=route, request_key=key, lines=lines,
                                reason=reason, **scanned)
        elif kind == "transfer":
            dst = self.dst.currentData()

            def call():
                return api.stock.transfer(request_key=key, day=day, from_id=src, to_id=dst,
                                          lines=lines, reason=reason)
        elif kind == "scrap":
            def call():
                return api.stock.scrap(request_key=key, day=day, location_id=src, lines=lines,
                                       reason=reason, **scanned)
        else:
            def call():
                return api.call(f"stock.{kind}", request_key=key, day=day, depot_id=src,
                                lines=lines, reason=reason, **scanned)
        self._call(call, self.save_button)

    def failed(self, exc: BaseException, details: str) -> None:
        """A size's count, empty count or cost is refused under that size's row; a serial
        a refusal names is marked in the list (nothing listed is cleared)."""
        if self.serials is not None and isinstance(exc, DomainError):
            self.serials.mark(errors.message(exc))
        if isinstance(exc, ValidationError):
            exc = ValidationError({k.split(".")[0] if k.split(".")[0] in self.form.fields
                                   else k: v for k, v in exc.field_errors.items()})
        super().failed(exc, details)


class CorrectionDialog(FormDialog):
    """A manager reverses the selected document, with the reason."""

    def __init__(self, ctx, doc: DocView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.doc = doc
        self.request_key = uuid.uuid4().hex
        self.setWindowTitle(self.tr("Correction"))
        self.form.leave_requested.connect(self.reject)
        about = QLabel(self.tr("Reverse document {id} ({document}, {day}): {summary}").format(
            id=doc.id, document=kind_name(doc.kind), day=doc.day.isoformat(),
            summary=_doc_summary(doc)), self)
        about.setWordWrap(True)
        self.reason = self.form.add_field("reason", self.tr("&Reason: *"), QLineEdit())
        self.save_button = self.add_submit_button(self.tr("Reverse"))
        self.lay_out(about, self.form, width=460)
        self.reason.setFocus()

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        api, key, doc_id, reason = self.ctx.api, self.request_key, self.doc.id, self.reason.text()
        self._call(lambda: api.stock.correction(request_key=key, doc_id=doc_id, reason=reason),
                   self.save_button)


class StockWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: Loaded | None = None
        self.dialog: FormDialog | None = None
        self.setWindowTitle(self.tr("Cylinder stock"))
        manager = ctx.actor.can("manager")

        self.heading = bold_label(self.tr("Cylinder stock"), self, HEADING)
        self.day_picker = DayPicker(self, keys=True)  # Alt+Left/Right
        self.summary = QLabel(self)
        top = self.day_picker.row(self.heading, self.summary)

        number = RIGHT
        self.stock = RowsModel([
            Column(self.tr("Place"), lambda r: place_name(r.location, r.kind)),
            Column(self.tr("Size"), lambda r: r.sku),
            Column(self.tr("Full"), lambda r: str(r.full), number, value=lambda r: r.full),
            Column(self.tr("Empty"), lambda r: str(r.empty), number, value=lambda r: r.empty),
        ], self)
        self.stock_table = make_table(self.stock, self)
        set_widths(self.stock_table, (12, 7, 5, 5))
        stock_label = QLabel(self.tr("&Stock at the end of the day:"), self)
        stock_label.setBuddy(self.stock_table)

        def diff(x) -> str:
            return "" if not (x.difference_full or x.difference_empty) else self.tr(
                "{full:+d} full, {empty:+d} empty").format(full=x.difference_full,
                                                          empty=x.difference_empty)
        self.trucks = RowsModel([
            Column(self.tr("Truck"), lambda r: r.day.plate),
            Column(self.tr("Size"), lambda r: r.line.sku),
            Column(self.tr("To load"), lambda r: str(r.line.proposed), number),
            Column(self.tr("Loaded"), lambda r: str(r.line.loaded_full), number),
            Column(self.tr("Delivered"), lambda r: str(r.line.delivered), number),
            Column(self.tr("Collected"), lambda r: str(r.line.collected), number),
            Column(self.tr("Back full"), lambda r: f"{r.line.returned_full} / "
                   f"{r.line.expected_full}" if r.day.returned else str(r.line.expected_full),
                   number),
            Column(self.tr("Back empty"), lambda r: f"{r.line.returned_empty} / "
                   f"{r.line.expected_empty}" if r.day.returned else str(r.line.expected_empty),
                   number),
            Column(self.tr("Difference"), lambda r: diff(r.line) if r.day.returned else ""),
            Column(self.tr("Reason"), lambda r: r.day.reason.replace("\n", " ")),
        ], self)
        self.truck_table = make_table(self.trucks, self)
        set_widths(self.truck_table, (9, 7, 4, 4, 4, 4, 6, 6, 14, 20))
        trucks_label = QLabel(self.tr("&Trucks (returned / expected back):"), self)
        trucks_label.setBuddy(self.truck_table)

        self.docs = RowsModel([
            Column(self.tr("Entered"), lambda d: local_time(d.at)),
            Column(self.tr("No."), lambda d: str(d.id), number, value=lambda d: d.id),
            Column(self.tr("Document"), lambda d: kind_name(d.kind)),
            Column(self.tr("Cylinders"), _doc_summary),
            Column(self.tr("Reason"), lambda d: d.reason.replace("\n", " ")),
            Column(self.tr("Corrected"), lambda d: str(d.corrected_by or "")),
            Column(self.tr("By"), lambda d: d.created_by),
        ], self)
        self.doc_table = make_table(self.docs, self)
        set_widths(self.doc_table, ("0000-00-00 00:00", 5, 14, 40, 16, 6, 10))
        docs_label = QLabel(self.tr("&Documents of the day:"), self)
        docs_label.setBuddy(self.doc_table)

        self.buttons: dict[str, QPushButton] = {}
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for kind, text, row, shown in (
                ("load", self.tr("&Load…"), row1, True),
                ("return_", self.tr("&Return…"), row1, True),
                ("to_plant", self.tr("Empties to &plant…"), row1, True),
                ("purchase", self.tr("P&urchase…"), row1, True),
                ("to_station", self.tr("To &station…"), row1, True),
                ("from_station", self.tr("From stat&ion…"), row1, True),
                ("transfer", self.tr("&Transfer…"), row2, True),
                ("scrap", self.tr("Scr&ap…"), row2, manager),
                ("opening", self.tr("&Opening…"), row2, manager),
                ("correction", self.tr("&Correction…"), row2, manager)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, k=kind: self.enter(k))
            button.setVisible(shown)
            row.addWidget(button)
            self.buttons[kind] = button
        for key, text, opener in (("depots", self.tr("D&epots…"), self.open_depots),
                                  ("margin", self.tr("&Margin…"), self.open_margin)):
            button = QPushButton(text, self)  # their own dialogs (stock_depots, stock_margin)
            button.clicked.connect(opener)
            row2.addWidget(button)
            self.buttons[key] = button
        row1.addStretch(1)
        row2.addStretch(1)
        self.buttons["correction"].setToolTip(self.tr(
            "Managers: reverse the selected document, with the reason"))
        self.status = MessageLabel(self)
        self.keys = QLabel(self.tr("Alt+←/→: the day before/after · F5: reload"), self)
        self.keys.setEnabled(False)

        left = QWidget(self)
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(stock_label)
        lay.addWidget(self.stock_table, 1)
        right = QWidget(self)
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(trucks_label)
        lay.addWidget(self.truck_table, 1)
        lay.addWidget(docs_label)
        lay.addWidget(self.doc_table, 1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([520, 780])  # the stock's five columns whole

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)

        shortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        shortcut("F5", self, self.refresh)
        self.day_picker.dateChanged.connect(lambda _d: self.refresh())
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    # --- loading ---
    def current_day(self) -> date:
        return self.day_picker.date()

    def refresh(self) -> None:
        api, day = self.ctx.api, self.current_day()

        def load() -> Loaded:
            return Loaded(day, api.stock.at(day=day), api.stock.truck_days(day=day),
                          api.stock.documents(day=day), api.stock.locations())
        tasks.run(self, load, key="stock", on_success=self._show)  # a late old day is dropped

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("routes", self.current_day()) \
                or any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        # Trucks, the plant and the station when they hold something; depots and the
        # customers always.
        self.stock.set_rows([r for r in loaded.stock
                             if r.full or r.empty or r.kind in ("depot", "customers")])
        self.trucks.set_rows([TruckRow(t, x) for t in loaded.trucks for x in t.lines])
        self.docs.set_rows(loaded.docs)
        full = sum(r.full for r in loaded.stock if r.kind != "customers")
        empty = sum(r.empty for r in loaded.stock)
        out = sum(r.full for r in loaded.stock if r.kind == "customers")
        off = sum(1 for t in loaded.trucks if t.returned and any(
            x.difference_full or x.difference_empty for x in t.lines))
        text = self.tr("In stock {full} full, {empty} empty · at customers {out}").format(
            full=full, empty=empty, out=out)
        if off:
            text += " · " + self.tr("{n} truck(s) came back with a difference").format(n=off)
        self.summary.setText(text)
        self.summary.setStyleSheet(ERROR_STYLE if off else "")

    def selected_doc(self) -> DocView | None:
        index = self.doc_table.currentIndex()
        return self.docs.row(index.row()) if index.isValid() else None

    def selected_route(self) -> int | None:
        index = self.truck_table.currentIndex()
        return self.trucks.row(index.row()).day.route_id if index.isValid() else None

    def open_depots(self) -> None:
        from desktop.windows.stock_depots import DepotsDialog
        self.depots_dialog = DepotsDialog(self.ctx, self)
        dialogs.run_dialog(self.depots_dialog)

    def open_margin(self) -> None:
        from desktop.windows.stock_margin import MarginDialog
        self.margin_dialog = MarginDialog(self.ctx, self)
        dialogs.run_dialog(self.margin_dialog)

    # --- entering ---
    def enter(self, kind: str) -> None:
        loaded = self.loaded
        if loaded is None or not self.buttons[kind].isVisible():
            return
        self.status.clear()
        if kind == "correction":
            doc = self.selected_doc()
            if doc is None:
                self.status.show_error(self.tr("Select the document to correct."))
                return
            dialog: FormDialog = CorrectionDialog(self.ctx, doc, self)
        else:
            if kind in ("load", "return_") and not loaded.trucks:
                self.status.show_error(self.tr("No route on {day}.").format(
                    day=loaded.day.isoformat()))
                return
            dialog = CountDialog(self.ctx, kind, loaded, self, route_id=self.selected_route())
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._entered(dialog))
        dialogs.run_dialog(dialog)

    def _entered(self, dialog: FormDialog) -> None:
        doc = dialog.result_view
        if doc is None:
            return
        self.status.show_ok(self.tr("{document} saved (no. {id}).").format(
            document=kind_name(doc.kind), id=doc.id))
        self.refresh()

    # --- screenshots ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: yesterday (a whole day's loads and returns)."""
        self.day_picker.setDate(date.today() - timedelta(days=1))
