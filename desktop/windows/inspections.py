"""Safety inspections (clerks, dispatchers): the customers whose installation is due or
overdue for its inspection, the visits planned, and the customers whose gas is stopped.

"Due": every active customer whose next inspection falls on or before the date chosen
(never inspected counts as due), the most overdue first.  Choose some (Ctrl or Shift
for several, Ctrl+A for all) and "Plan inspections…" makes a service visit for each on a
day: an order the dispatcher plans on that day's routes like any other.
"Visits": the visits from a day on; "Record result…" enters what the inspector found
(the items as check boxes, pass or fail, remarks, the inspector, the next date) and
confirms the visit; "Print record…" prints the record for the customer to sign.
"Gas stopped": the customers whose last inspection failed; their gas orders are refused
until a manager clears the stop ("Clear gas stop…", with a reason).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.services.inspections import (ITEMS, RESULTS, DueRow, GasStop, InspectionView,
                                       Planned, VisitRow, add_months)
from core.services.orders import STATUS_NAMES
from desktop import dialogs, errors, tasks
from desktop.widgets.action import FormDialog
from desktop.widgets.formkit import HEADING, MessageLabel, bold_label
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, set_widths

RELOAD_ON = ("customers", "orders", "routes")
LOOK_BACK = 14  # the Visits tab starts this many days before today
LOOK_AHEAD = 90  # and shows this many days from its start


def core_text(text: str) -> str:
    return errors.translate_core(text)


def date_field(day: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd ddd")
    edit.setDate(QDate(day))
    return edit


class PlanDialog(FormDialog):
    """The day of the visits for the customers chosen."""

    def __init__(self, ctx, rows: list[DueRow], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows = rows
        self.request_key = uuid.uuid4().hex  # one per dialog: a second submit is the same
        self.setWindowTitle(self.tr("Plan inspections"))
        names = ", ".join(r.name for r in rows[:6]) + ("…" if len(rows) > 6 else "")
        heading = QLabel(self.tr("A safety inspection visit for {count} customers: {names}")
                         .format(count=len(rows), names=names), self)
        heading.setWordWrap(True)
        self.day = self.form.add_field(
            "day", self.tr("Visit &day:"), date_field(ctx.company.next_working_day(date.today())))
        hint = QLabel(self.tr("Each visit is an order the dispatcher plans on that day's "
                              "routes; a customer with a visit planned already gets none."), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.plan_button = self.add_submit_button(self.tr("Plan"))
        self.lay_out(heading, self.form, hint, width=440)
        self.day.setFocus()

    def submit(self) -> None:
        if not self.plan_button.isEnabled():
            return
        api, key = self.ctx.api, self.request_key
        day, ids = self.day.date().toPython(), [r.customer_id for r in self.rows]
        self._call(lambda: api.inspections.plan(day=day, customer_ids=ids, request_key=key),
                   self.plan_button)


class NextDateDialog(FormDialog):
    """The next inspection of the customers chosen, set by hand."""

    def __init__(self, ctx, rows: list[DueRow], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows = rows
        self.setWindowTitle(self.tr("Next inspection"))
        names = ", ".join(r.name for r in rows[:6]) + ("…" if len(rows) > 6 else "")
        heading = QLabel(self.tr("The next inspection of {count} customers: {names}")
                         .format(count=len(rows), names=names), self)
        heading.setWordWrap(True)
        first = rows[0].next_inspection or date.today()
        self.next_date = self.form.add_field("next_date", self.tr("&Next inspection:"),
                                             date_field(first))
        self.save_button = self.add_submit_button(self.tr("Save"))
        self.lay_out(heading, self.form, width=420)
        self.next_date.setFocus()

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        api, ids = self.ctx.api, [r.customer_id for r in self.rows]
        day = self.next_date.date().toPython()
        self._call(lambda: api.inspections.set_next(customer_ids=ids, next_date=day),
                   self.save_button)


class RecordDialog(FormDialog):
    """What the inspector found at the visit: the items (checked: OK), pass or fail,
    remarks, the inspector and the next inspection."""

    def __init__(self, ctx, visit: VisitRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.visit = visit
        self.request_key = uuid.uuid4().hex
        self.setWindowTitle(self.tr("Inspection result"))
        heading = bold_label(self.tr("{customer} · visit {number} on {day}").format(
            customer=visit.customer_name, number=visit.number, day=visit.day.isoformat()),
            self)
        heading.setWordWrap(True)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.items: dict[str, QCheckBox] = {}
        for key, text in ITEMS.items():
            check = QCheckBox(core_text(text), box)
            check.setChecked(True)
            check.toggled.connect(self._item_toggled)
            column.addWidget(check)
            self.items[key] = check
        self.form.add_field("items", self.tr("Items (checked: OK):"), box)
        self.result_box = QComboBox()
        for key, text in RESULTS.items():
            self.result_box.addItem(core_text(text), key)
        self.form.add_field("result", self.tr("&Result:"), self.result_box)
        self.remarks = self.form.add_field("remarks", self.tr("R&emarks:"), QPlainTextEdit())
        self.remarks.setMaximumHeight(self.fontMetrics().height() * 4)
        self.inspector = self.form.add_field("inspector", self.tr("&Inspector: *"), QLineEdit())
        self.inspector.setMaxLength(120)
        months = int(ctx.company.inspection_months or 24)
        self.next_date = self.form.add_field(
            "next_date", self.tr("&Next inspection:"), date_field(add_months(visit.day, months)))
        checks = list(self.items.values())
        for before, after in zip([*checks, self.result_box], [*checks[1:], self.result_box,
                                                          self.remarks]):
            QWidget.setTabOrder(before, after)
        self.save_button = self.add_submit_button(self.tr("Save"))
        self.lay_out(heading, self.form, width=520)
        checks[0].setFocus()

    def _item_toggled(self, _checked: bool) -> None:
        """An item not OK makes the result a fail (the user may still choose)."""
        if not all(c.isChecked() for c in self.items.values()):
            self.result_box.setCurrentIndex(self.result_box.findData("fail"))

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        api, key, order_id = self.ctx.api, self.request_key, self.visit.order_id
        data = {"result": self.result_box.currentData(),
                "items": [(k, c.isChecked()) for k, c in self.items.items()],
                "remarks": self.remarks.toPlainText(), "inspector": self.inspector.text(),
                "next_date": self.next_date.date().toPython()}
        self._call(lambda: api.inspections.record(order_id=order_id, request_key=key, **data),
                   self.save_button)


class ClearDialog(FormDialog):
    """A manager lets a customer's gas orders go again, with a reason."""

    def __init__(self, ctx, stop: GasStop, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stop = stop
        self.setWindowTitle(self.tr("Clear gas stop"))
        self.why = QLabel(errors.message(stop.refusal()), self)
        self.why.setWordWrap(True)
        self.reason = self.form.add_field("reason", self.tr("&Reason: *"), QLineEdit())
        self.reason.setMaxLength(250)
        self.clear_button = self.add_submit_button(self.tr("Clear gas stop"))
        self.lay_out(self.why, self.form, width=460)
        self.reason.setFocus()

    def submit(self) -> None:
        if not self.clear_button.isEnabled():
            return
        api, customer_id, reason = self.ctx.api, self.stop.customer_id, self.reason.text()
        self._call(lambda: api.inspections.clear(customer_id=customer_id, reason=reason),
                   self.clear_button)


class InspectionsWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: FormDialog | None = None
        self.preview_dialog: PrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("Safety inspections"))
        self.heading = bold_label(self.tr("Safety inspections"), self, HEADING)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_due(), self.tr("&Due"))
        self.tabs.addTab(self._build_visits(), self.tr("&Visits"))
        self.tabs.addTab(self._build_stops(), self.tr("&Gas stopped"))
        self.status = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    # --- building ---
    def _build_due(self) -> QWidget:
        page = QWidget(self)
        self.due_by = date_field(date.today() + timedelta(days=30))
        self.due_by.dateChanged.connect(lambda _day: self.refresh_due())
        by_label = QLabel(self.tr("Due &by:"), page)
        by_label.setBuddy(self.due_by)
        self.due_count = QLabel(page)
        top = QHBoxLayout()
        top.addWidget(by_label)
        top.addWidget(self.due_by)
        top.addWidget(self.due_count, 1)
        self.due = RowsModel([
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Customer"), lambda r: r.name),
            Column(self.tr("Next inspection"), lambda r: r.next_inspection.isoformat()
                   if r.next_inspection else self.tr("never")),
            Column(self.tr("Overdue"), lambda r: self.tr("{days} days").format(
                days=r.days_overdue) if r.days_overdue else "", RIGHT,
                value=lambda r: r.days_overdue),
            Column(self.tr("Visit planned"), lambda r: r.visit_day.isoformat()
                   if r.visit_day else ""),
            Column(self.tr("Gas"), lambda r: self.tr("stopped") if r.gas_stop else ""),
            Column(self.tr("Address"), lambda r: r.address),
        ], self, bold=lambda r: r.days_overdue > 0, muted=lambda r: r.visit_day is not None,
            key=lambda r: r.customer_id)
        self.due_table = make_table(self.due, page)
        self.due_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        set_widths(self.due_table, (8, 16, "0000-00-00 ", 9, "0000-00-00 ", 6))
        self.plan_button = QPushButton(self.tr("&Plan inspections…"), page)
        self.plan_button.setToolTip(self.tr("A visit on a day for each customer chosen"))
        self.plan_button.clicked.connect(self.plan)
        self.next_button = QPushButton(self.tr("Set &next date…"), page)
        self.next_button.setToolTip(self.tr("Set the next inspection of the customers chosen "
                                            "by hand (e.g. from an inspection on paper)"))
        self.next_button.clicked.connect(self.set_next)
        self.next_button.setVisible(self.ctx.actor.can("clerk"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.plan_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.due_table, 1)
        layout.addLayout(buttons)
        return page

    def _build_visits(self) -> QWidget:
        page = QWidget(self)
        self.visits_from = date_field(date.today() - timedelta(days=LOOK_BACK))
        self.visits_from.dateChanged.connect(lambda _day: self.refresh_visits())
        from_label = QLabel(self.tr("&From:"), page)
        from_label.setBuddy(self.visits_from)
        top = QHBoxLayout()
        top.addWidget(from_label)
        top.addWidget(self.visits_from)
        top.addStretch(1)
        self.visits = RowsModel([
            Column(self.tr("Day"), lambda v: v.day.isoformat()),
            Column(self.tr("Visit"), lambda v: v.number),
            Column(self.tr("Customer"), lambda v: f"{v.customer_code} {v.customer_name}"),
            Column(self.tr("Status"), lambda v: core_text(STATUS_NAMES.get(v.status, v.status))),
            Column(self.tr("Result"), lambda v: core_text(RESULTS[v.result])
                   if v.result else ""),
            Column(self.tr("Next"), lambda v: v.next_date.isoformat() if v.next_date else ""),
            Column(self.tr("Address"), lambda v: v.address),
        ], self, bold=lambda v: v.result == "fail", key=lambda v: v.order_id)
        self.visits_table = make_table(self.visits, page)
        set_widths(self.visits_table, ("0000-00-00 ", "SO-0000-000000 ", 18, 10, 6,
                                       "0000-00-00 "))
        self.visits_table.activated.connect(lambda _index: self.record())
        self.visits_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._visit_chosen())
        self.record_button = QPushButton(self.tr("&Record result…"), page)
        self.record_button.clicked.connect(self.record)
        self.print_button = QPushButton(self.tr("Print rec&ord…"), page)
        self.print_button.clicked.connect(self.print_record)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.visits_table, 1)
        layout.addLayout(buttons)
        self._visit_chosen()
        return page

    def _build_stops(self) -> QWidget:
        page = QWidget(self)
        self.stops = RowsModel([
            Column(self.tr("Code"), lambda g: g.code),
            Column(self.tr("Customer"), lambda g: g.name),
            Column(self.tr("Inspection"), lambda g: g.day.isoformat() if g.day else ""),
            Column(self.tr("Why"), lambda g: (g.remarks or g.reason).replace("\n", " ")),
        ], self, key=lambda g: g.customer_id)
        self.stops_table = make_table(self.stops, page)
        set_widths(self.stops_table, (8, 18, "0000-00-00 "))
        self.clear_button = QPushButton(self.tr("&Clear gas stop…"), page)
        self.clear_button.setToolTip(self.tr("A manager lets the customer's gas orders go "
                                             "again, with a reason"))
        self.clear_button.clicked.connect(self.clear_stop)
        self.clear_button.setVisible(self.ctx.actor.can("manager"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.stops_table, 1)
        layout.addLayout(buttons)
        return page

    # --- loading ---
    def refresh(self) -> None:
        self.refresh_due()
        self.refresh_visits()
        self.refresh_stops()

    def refresh_due(self) -> None:
        api, on = self.ctx.api, date.today()
        within = max(0, (self.due_by.date().toPython() - on).days)
        tasks.run(self, lambda: api.inspections.due(on=on, within_days=within), key="due",
                  on_success=self._due_loaded)

    def _due_loaded(self, rows: list[DueRow]) -> None:
        self.due.set_rows(rows)
        overdue = sum(1 for r in rows if r.days_overdue)
        self.due_count.setText(self.tr("{count} due, {overdue} of them overdue").format(
            count=len(rows), overdue=overdue))

    def refresh_visits(self) -> None:
        api, start = self.ctx.api, self.visits_from.date().toPython()
        end = start + timedelta(days=LOOK_AHEAD)
        tasks.run(self, lambda: api.inspections.visits(day_from=start, day_to=end),
                  key="visits", on_success=self._visits_loaded)

    def _visits_loaded(self, rows: list[VisitRow]) -> None:
        self.visits.set_rows(rows)
        self._visit_chosen()

    def refresh_stops(self) -> None:
        api = self.ctx.api
        tasks.run(self, lambda: api.inspections.gas_stops(), key="stops",
                  on_success=self.stops.set_rows)

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    # --- choosing ---
    def chosen_due(self) -> list[DueRow]:
        rows = sorted({i.row() for i in self.due_table.selectionModel().selectedRows()})
        return [self.due.row(n) for n in rows]

    def current_visit(self) -> VisitRow | None:
        index = self.visits_table.currentIndex()
        return self.visits.row(index.row()) if index.isValid() else None

    def current_stop(self) -> GasStop | None:
        index = self.stops_table.currentIndex()
        return self.stops.row(index.row()) if index.isValid() else None

    def _visit_chosen(self) -> None:
        visit = self.current_visit()
        self.record_button.setEnabled(visit is not None and visit.inspection_id is None
                                      and visit.status != "cancelled")
        self.print_button.setEnabled(visit is not None and visit.inspection_id is not None)

    # --- acting ---
    def _open(self, dialog: FormDialog, done) -> None:
        self.status.clear()
        self.dialog = dialog
        dialog.accepted.connect(lambda: done(dialog.result_view))
        dialogs.run_dialog(dialog)

    def plan(self) -> None:
        rows = self.chosen_due()
        if not rows:
            self.status.show_error(self.tr("Choose the customers to visit in the list "
                                           "(Ctrl or Shift for several, Ctrl+A for all)."))
            return
        self._open(PlanDialog(self.ctx, rows, self), self._planned)

    def _planned(self, planned: Planned | None) -> None:
        if planned is None:
            return
        text = self.tr("{count} visits planned.").format(count=len(planned.visits))
        if planned.already:
            text += " " + self.tr("Had a visit planned already: {names}.").format(
                names=", ".join(v.customer_name for v in planned.already))
        self.status.show_ok(text)
        self.refresh()

    def set_next(self) -> None:
        rows = self.chosen_due()
        if not rows:
            self.status.show_error(self.tr("Choose the customers in the list (Ctrl or Shift "
                                           "for several)."))
            return
        self._open(NextDateDialog(self.ctx, rows, self), self._next_set)

    def _next_set(self, count: int | None) -> None:
        if count is None:
            return
        self.status.show_ok(self.tr("The next inspection was set ({count} changed).")
                            .format(count=count))
        self.refresh()

    def record(self) -> None:
        visit = self.current_visit()
        if visit is None or not self.record_button.isEnabled():
            return
        self._open(RecordDialog(self.ctx, visit, self), self._recorded)

    def _recorded(self, view: InspectionView | None) -> None:
        if view is None:
            return
        self.status.show_ok(self.tr("{customer}: {result}; next inspection {day}.").format(
            customer=view.customer_name, result=core_text(RESULTS[view.result]),
            day=view.next_date.isoformat() if view.next_date else "—"))
        self.refresh()

    def print_record(self) -> None:
        visit = self.current_visit()
        if visit is None or visit.inspection_id is None:
            return
        api, inspection_id = self.ctx.api, visit.inspection_id
        tasks.run(self, lambda: api.inspections.pdf(inspection_id=inspection_id),
                  on_success=lambda pdf: self._preview(visit, pdf),
                  on_error=self.status.on_error, disable=self.print_button)

    def _preview(self, visit: VisitRow, pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Inspection record {number}").format(
                number=visit.number), file_name=f"{visit.number}-inspection.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    def clear_stop(self) -> None:
        stop = self.current_stop()
        if stop is None:
            self.status.show_error(self.tr("Choose the customer whose gas stop to clear."))
            return
        self._open(ClearDialog(self.ctx, stop, self), self._cleared)

    def _cleared(self, stop: GasStop | None) -> None:
        if stop is None:
            return
        self.status.show_ok(self.tr("Gas orders for {customer} go again.").format(
            customer=stop.name))
        self.refresh()
