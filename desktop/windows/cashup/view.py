"""Cash-up: at the end of the day each route's cash is counted against what its driver
should hand in.

Pick the day (today first); its confirmed routes are listed with what each driver should
hand in (the cash received for the route's cash sales, the payments taken at its stops,
less the refunds paid at the door), what was counted and the variance.  The chosen
route's items are listed under it and its count beside: the cash as one amount or by
denomination, each cheque, the total counted and the variance at once.  A count with a
variance needs a reason and a manager's approval (a clerk is asked for a manager's user
name and password).  A settled route shows its settlement; a manager may reopen it (with
a reason) so that its deliveries or collections can change.

What is typed for a route stays while another route or day is looked at and when the
list is read again (a change elsewhere); a refused save keeps it all.  Each count carries
one request key until it is saved, so Enter pressed twice settles once.

Keys: Alt+Left/Right (or PageUp/PageDown in the lists) the day before/after; Up/Down the
routes; Enter in the list goes to the count, Enter in the count saves (Ctrl+S too);
Ctrl+P the day's settlement sheet; F5 reloads.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import DomainError, PermissionDenied, ValidationError
from core.services.cashup import CashItem, Count, RouteCash, SettlementView, count_totals
from core.services.payments import METHODS
from desktop import dialogs, errors, tasks
from desktop.widgets.day_picker import DayPicker
from desktop.widgets.formkit import ERROR_STYLE, HEADING, TITLE, MessageLabel, bold_label
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.widgets.records import shortcut
from desktop.widgets.rows import (NUMBER_SAMPLE, RIGHT, WIDEST_AMOUNT, Column, RowsModel,
                                  make_table, select_row, set_widths)
from desktop.windows.cashup.count import ApprovalDialog, CountForm, Draft, ReopenDialog

RELOAD_ON = ("payments", "fleet")  # and the day's cash and routes
TINTS = {"settled": QColor("#e3f1e6"), "variance": QColor("#fbf0d9"),
         "reopened": QColor("#f8e1df")}


def state_of(rc: RouteCash) -> str:
    """not_counted | settled | variance | reopened"""
    if rc.settlement is not None:
        return "variance" if rc.settlement.variance else "settled"
    return "reopened" if rc.reopened else "not_counted"


class CashUpWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: list[RouteCash] | None = None
        self.loaded_day: date | None = None
        self.drafts: dict[int, Draft] = {}  # what was typed for the routes not shown
        self.shown_route: int | None = None  # the route whose count the form holds
        self._history_of: tuple[int, int] | None = None  # (route, reopened) shown
        self.approval_dialog: ApprovalDialog | None = None
        self.reopen_dialog: ReopenDialog | None = None
        self.preview_dialog: PrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("Cash-up"))

        self.heading = bold_label(self.tr("Cash-up"), self, HEADING)
        self.day_picker = DayPicker(self, keys=True)  # Alt+Left/Right
        self.day = self.day_picker.edit  # the date field
        self.summary = QLabel(self)
        self.sheet_button = QPushButton(self.tr("Settlement s&heet…"), self)
        self.sheet_button.setToolTip(self.tr("Print preview of the day's settlement sheet, "
                                             "with the drivers' and the clerk's signatures "
                                             "(Ctrl+P)"))
        self.sheet_button.clicked.connect(self.preview_sheet)
        top = self.day_picker.row(self.heading, self.summary, self.sheet_button)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_lists())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 520])
        splitter.setChildrenCollapsible(False)
        self.status = MessageLabel(self)
        self.keys = QLabel(self.tr("Alt+←→ day · ↑↓ routes · Enter: count · Enter in the count "
                                   "or Ctrl+S: save · Ctrl+P: settlement sheet · F5: reload"),
                           self)
        self.keys.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)

        shortcut(QKeySequence.StandardKey.Save, self, self.save)
        shortcut(QKeySequence.StandardKey.Print, self, self.preview_sheet)
        shortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        shortcut("F5", self, self.refresh)
        self.day_picker.dateChanged.connect(lambda _d: self.refresh())
        self.routes_table.selectionModel().currentRowChanged.connect(
            lambda *_i: self._show_route())
        self.routes_table.activated.connect(lambda _i: self._go_to_count())
        for table in (self.routes_table, self.items_table):
            table.installEventFilter(self)
        self.form.save_requested.connect(self.save)
        ctx.events.changed.connect(self._on_changed)
        self._show_route()
        self.refresh()

    # --- building ---
    def _build_lists(self) -> QWidget:
        panel = QWidget(self)
        money = self.ctx.money
        self.routes = RowsModel([
            Column(self.tr("Vehicle"), lambda r: r.plate),
            Column(self.tr("Driver"), lambda r: r.driver_name or "—"),
            Column(self.tr("Stops"), lambda r: str(r.stops), RIGHT),
            Column(self.tr("To confirm"), lambda r: str(r.unconfirmed) if r.unconfirmed else "",
                   RIGHT),
            Column(self.tr("Expected"), lambda r: money(r.expected), RIGHT,
                   value=lambda r: r.expected),
            Column(self.tr("Counted"), lambda r: money(r.settlement.counted)
                   if r.settlement else "", RIGHT,
                   value=lambda r: r.settlement.counted if r.settlement else None),
            Column(self.tr("Variance"), lambda r: money(r.settlement.variance)
                   if r.settlement else "", RIGHT,
                   value=lambda r: r.settlement.variance if r.settlement else None),
            Column(self.tr("Status"), self.status_text),
        ], self, tint=lambda r: TINTS.get(state_of(r)), bold=lambda r: r.settlement is None,
            key=lambda r: r.route_id)
        self.routes_table = make_table(self.routes, panel)
        set_widths(self.routes_table, (9, 8, 5, 7, "NT$999,999", "NT$999,999", "-NT$99,999"))
        routes_label = QLabel(self.tr("&Routes:"), panel)
        routes_label.setBuddy(self.routes_table)

        self.items = RowsModel([
            Column(self.tr("Kind"), self.kind_text),
            Column(self.tr("Document"), lambda x: x.document),
            Column(self.tr("Order"), lambda x: x.order_number),
            Column(self.tr("Customer"), lambda x: f"{x.customer_code}  {x.customer_name}"),
            Column(self.tr("Method"), lambda x: errors.translate_core(
                METHODS.get(x.method, x.method))),
            Column(self.tr("Amount"), lambda x: money(x.amount), RIGHT, value=lambda x: x.amount),
        ], self, key=lambda x: (x.kind, x.document))
        self.items_table = make_table(self.items, panel)
        set_widths(self.items_table, (9, NUMBER_SAMPLE + "  ", NUMBER_SAMPLE, 18, 7,
                                      self.ctx.money(WIDEST_AMOUNT)))
        header = self.items_table.horizontalHeader()  # the customer takes the room left
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.items_label = QLabel(self.tr("&What the driver should hand in:"), panel)
        self.items_label.setBuddy(self.items_table)
        self.empty_note = QLabel(panel)
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(routes_label)
        layout.addWidget(self.routes_table, 2)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.items_label)
        layout.addWidget(self.items_table, 3)
        return panel

    def _build_detail(self) -> QWidget:
        panel = QWidget(self)
        self.route_title = bold_label(parent=panel, scale=TITLE)
        self.route_title.setWordWrap(True)
        self.expected_text = QLabel(panel)
        self.expected_text.setWordWrap(True)
        self.history = QLabel(panel)
        self.history.setWordWrap(True)
        self.history.hide()
        self.cylinders = QLabel(panel)  # the truck's cylinders that day (read-only)
        self.cylinders.setWordWrap(True)

        self.form = CountForm(self.ctx, panel)
        self.settled = QWidget(panel)
        self.settled_text = QLabel(self.settled)
        self.settled_text.setWordWrap(True)
        self.settled_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.settled_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reopen_button = QPushButton(self.tr("Re&open…"), self.settled)
        self.reopen_button.setToolTip(self.tr("Managers: reopen the cash-up so that the route's "
                                              "deliveries or collections can change"))
        self.reopen_button.clicked.connect(self.reopen)
        manager = self.ctx.actor.can("manager")
        self.reopen_button.setVisible(manager)
        self.reopen_hint = QLabel(self.tr("A manager may reopen it."), self.settled)
        self.reopen_hint.setEnabled(False)
        self.reopen_hint.setVisible(not manager)
        settled_layout = QVBoxLayout(self.settled)
        settled_layout.setContentsMargins(0, 0, 0, 0)
        settled_layout.addWidget(self.settled_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.reopen_hint)
        buttons.addStretch(1)
        settled_layout.addLayout(buttons)
        settled_layout.addStretch(1)
        self.nothing = QLabel(self.tr("No route chosen."), panel)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget(panel)
        for page in (self.nothing, self.form, self.settled):
            self.stack.addWidget(page)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.route_title)
        column.addWidget(self.expected_text)
        column.addWidget(self.cylinders)
        column.addWidget(self.history)
        column.addSpacing(6)
        column.addWidget(self.stack)
        column.addStretch(1)
        scroll = QScrollArea(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        return panel

    # --- texts ---
    def status_text(self, rc: RouteCash) -> str:
        state = state_of(rc)
        if state == "settled":
            return self.tr("Settled")
        if state == "variance":
            return self.tr("Settled with variance")
        if state == "reopened":
            return self.tr("Reopened, to count again")
        return self.tr("Not counted")

    def kind_text(self, x: CashItem) -> str:
        return {"sale": self.tr("Cash sale"), "payment": self.tr("Payment"),
                "refund": self.tr("Refund"),
                "deposit": self.tr("Deposit taken") if x.amount > 0 else
                self.tr("Deposit paid back")}.get(x.kind, x.kind)

    def _variance_text(self, variance: Decimal) -> str:
        money = self.ctx.money
        if not variance:
            return self.tr("none")
        return (self.tr("{amount} short") if variance < 0 else
                self.tr("{amount} over")).format(amount=money(abs(variance)))

    def _settlement_text(self, x: SettlementView) -> str:
        money = self.ctx.money
        when = x.settled_at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines = [self.tr("Settled by {user} at {when}.").format(user=x.settled_by, when=when)]
        if x.approved_by:
            lines.append(self.tr("Variance approved by {user}.").format(user=x.approved_by))
        lines.append(self.tr("Expected {expected} · counted {counted} (cash {cash}, cheques "
                             "{cheques})").format(
            expected=money(x.expected), counted=money(x.counted), cash=money(x.cash),
            cheques=money(x.cheques)))
        lines.append(self.tr("Variance: {variance}").format(
            variance=self._variance_text(x.variance)))
        if x.reason:
            lines.append(self.tr("Reason: {reason}").format(reason=x.reason))
        if x.notes:
            lines.append(self.tr("Notes and coins: {list}").format(list=", ".join(
                f"{money(value)} × {count}" for value, count in x.notes)))
        if x.cheque_list:
            lines.append(self.tr("Cheques:"))
            for c in x.cheque_list:
                lines.append("    " + "  ".join(part for part in (
                    c.number, c.bank, c.cheque_date.isoformat() if c.cheque_date else "",
                    money(Decimal(c.amount))) if part))
        return "\n".join(lines)

    # --- loading ---
    def refresh(self) -> None:
        """Read the day again; the current route stays current and its count as typed."""
        api, day = self.ctx.api, self.day_picker.date()
        tasks.run(self, lambda: api.cash.routes_of_day(day=day), key="day",
                  on_success=lambda routes: self._loaded(day, routes))

    def _loaded(self, day: date, routes: list[RouteCash]) -> None:
        first = self.loaded_day is None
        same_day = self.loaded_day == day
        self.loaded_day = day
        self.data = routes
        self.routes.set_rows(routes)  # the current route stays current (by its id)
        if not self.routes_table.currentIndex().isValid() and routes:
            number = self.routes.find(lambda r: r.route_id == self.shown_route) \
                if same_day else None
            select_row(self.routes_table, number or 0)
        self._show_route()
        settled = [r.settlement for r in routes if r.settlement is not None]
        self.summary.setText(self.tr(
            "{routes} route(s) · {settled} settled · expected {expected} · counted "
            "{counted}").format(routes=len(routes), settled=len(settled),
                                expected=self.ctx.money(sum((r.expected for r in routes),
                                                            Decimal(0))),
                                counted=self.ctx.money(sum((x.counted for x in settled),
                                                           Decimal(0)))))
        self.empty_note.setText(self.tr("No route is confirmed for this day; dispatch "
                                        "confirms the routes in the Dispatch window."))
        self.empty_note.setVisible(not routes)
        self.sheet_button.setEnabled(bool(routes))
        if first and self.isVisible():
            self.routes_table.setFocus()  # ↑↓ the routes, Enter the count

    def _on_changed(self, changes: Changes) -> None:
        """A save here or elsewhere: the day again, the route and its count as typed kept."""
        day = self.day_picker.date()
        if changes.touches("cash", day) or changes.touches("routes", day) \
                or changes.touches("stock", day) \
                or any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    # --- choosing ---
    def current_route(self) -> RouteCash | None:
        index = self.routes_table.currentIndex()
        return self.routes.row(index.row()) if index.isValid() else None

    def _show_route(self) -> None:
        rc = self.current_route()
        if rc is None or rc.route_id != self.shown_route:
            if self.shown_route is not None:
                self.drafts[self.shown_route] = self.form.draft()
            self.shown_route = rc.route_id if rc is not None else None
            if rc is not None:
                self.form.load(self.drafts.pop(rc.route_id, None) or Draft(), day=rc.day)
        self._update_history(rc)
        self.items.set_rows(rc.items if rc is not None else [])
        if rc is None:
            self.route_title.setText(self.tr("No route chosen"))
            self.expected_text.clear()
            self.cylinders.clear()
            self.stack.setCurrentWidget(self.nothing)
            self.form.set_expected(None)
            return
        money = self.ctx.money
        self.route_title.setText(self.tr("{plate} · {driver} · {day}").format(
            plate=rc.plate, driver=rc.driver_name or self.tr("no driver"),
            day=rc.day.isoformat()))
        if rc.deposits:
            self.expected_text.setText(self.tr(
                "Cash sales {sales} + collected at stops {collected} − refunds {refunds} "
                "+ cylinder deposits {deposits} = to hand in {expected}").format(
                sales=money(rc.sales), collected=money(rc.collected),
                refunds=money(rc.refunds), deposits=money(rc.deposits),
                expected=money(rc.expected)))
        else:
            self.expected_text.setText(self.tr(
                "Cash sales {sales} + collected at stops {collected} − refunds {refunds} = "
                "to hand in {expected}").format(
                sales=money(rc.sales), collected=money(rc.collected), refunds=money(rc.refunds),
                expected=money(rc.expected)))
        self.form.set_expected(rc.expected)
        self._update_cylinders(rc.route_id)
        if rc.settlement is not None:
            self.settled_text.setText(self._settlement_text(rc.settlement))
            self.reopen_button.setEnabled(True)
            self.stack.setCurrentWidget(self.settled)
            self.form.new_request_key()  # a count typed here now is a new one
            return
        self.stack.setCurrentWidget(self.form)
        self._update_save()

    def _update_save(self) -> None:
        rc = self.current_route()
        why = ""
        if rc is not None and rc.unconfirmed:
            why = self.tr("{count} stop(s) of this route are not confirmed yet: confirm them "
                          "in Deliveries before the cash-up.").format(count=rc.unconfirmed)
        self.form.set_blocked(why)

    def _update_cylinders(self, route_id: int) -> None:
        """The route's truck that day, read-only (the Cylinder stock window enters its load
        and return): per size loaded − delivered + collected against what came back."""
        api = self.ctx.api
        tasks.run(self, lambda: api.stock.truck_day(route_id=route_id), key="cylinders",
                  on_success=lambda day: self._show_cylinders(route_id, day))

    def _show_cylinders(self, route_id: int, day) -> None:
        if route_id != self.shown_route:
            return
        if not day.lines:
            self.cylinders.setText(self.tr("Cylinders: none on this route."))
            self.cylinders.setStyleSheet("")
            return
        parts = [self.tr("{sku} loaded {loaded}, delivered {delivered}, collected {collected}; "
                         "back {full} full / {empty} empty of {expected_full} / "
                         "{expected_empty}").format(
            sku=x.sku, loaded=x.loaded_full, delivered=x.delivered, collected=x.collected,
            full=x.returned_full, empty=x.returned_empty, expected_full=x.expected_full,
            expected_empty=x.expected_empty) for x in day.lines]
        text = self.tr("Cylinders: {parts}").format(parts="; ".join(parts))
        off = day.returned and any(x.difference_full or x.difference_empty for x in day.lines)
        if not day.returned:
            text += " · " + self.tr("not returned yet")
        elif off:
            text += " · " + self.tr("difference: {reason}").format(reason=day.reason)
        self.cylinders.setText(text)
        self.cylinders.setStyleSheet(ERROR_STYLE if off else "")

    def _update_history(self, rc: RouteCash | None) -> None:
        """Under a route counted before and reopened: the newest reopening, and why."""
        wanted = (rc.route_id, rc.reopened) if rc is not None and rc.reopened \
            and rc.settlement is None else None
        if wanted == self._history_of:
            return
        self._history_of = wanted
        self.history.hide()
        if wanted is None:
            tasks.forget(self, "history")
            return
        api, route_id = self.ctx.api, rc.route_id
        tasks.run(self, lambda: api.cash.settlements_of(route_id=route_id), key="history",
                  on_success=lambda views: self._show_history(route_id, views))

    def _show_history(self, route_id: int, views: list[SettlementView]) -> None:
        if route_id != self.shown_route:
            return
        reopened = [x for x in views if x.status == "reopened"]
        if not reopened:
            self.history.hide()
            return
        x = reopened[0]  # the newest
        when = x.reopened_at.astimezone().strftime("%Y-%m-%d %H:%M") if x.reopened_at else ""
        self.history.setText(self.tr(
            "Counted {counted} before; reopened by {user} at {when}: {reason}").format(
            counted=self.ctx.money(x.counted), user=x.reopened_by or "", when=when,
            reason=x.reopen_reason))
        self.history.show()

    def _go_to_count(self) -> None:
        if self.stack.currentWidget() is self.form:
            field = self.form.first_field()
            field.setFocus()
            if hasattr(field, "selectAll"):
                field.selectAll()
        elif self.reopen_button.isVisible():
            self.reopen_button.setFocus()

    # --- keys ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.routes_table,
                                                               self.items_table) \
                and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) \
                and not event.modifiers():
            self.day_picker.step(-1 if event.key() == Qt.Key.Key_PageUp else 1)
            return True
        return super().eventFilter(watched, event)

    # --- saving ---
    def save(self) -> None:
        rc = self.current_route()
        if rc is None or rc.settlement is not None or rc.route_id != self.shown_route \
                or self.stack.currentWidget() is not self.form \
                or not self.form.save_button.isEnabled() or tasks.busy(self, "save"):
            return
        count = self.form.count(rc.route_id)
        self.form.clear_errors()
        self.status.clear()
        api = self.ctx.api
        # A clerk's count with a variance: the core says it needs a manager (after the
        # fields and the reason are right), and the manager is asked then.
        tasks.run(self, lambda: api.cash.settle(count=count, approval=None), key="save",
                  on_success=lambda view: self._settled(rc, view),
                  on_error=lambda exc, details: self._save_failed(rc, count, exc, details),
                  disable=self.form.save_button)

    def _save_failed(self, rc: RouteCash, count: Count, exc: BaseException,
                     details: str) -> None:
        self._update_save()
        if isinstance(exc, ValidationError) and exc.field_errors \
                and rc.route_id != self.shown_route:  # another route is shown meanwhile
            self.status.show_error(self.tr("Route {plate} is not settled: {errors}").format(
                plate=rc.plate, errors=" ".join(errors.message(e)
                                                for e in exc.field_errors.values())))
        elif isinstance(exc, ValidationError) and exc.field_errors:
            self._fields_failed(exc)
        elif isinstance(exc, PermissionDenied) and not self.ctx.actor.can("manager"):
            self._ask_approval(rc, count)
        elif isinstance(exc, DomainError):
            self.status.show_error(errors.message(exc))
            self.refresh()  # what is expected may have changed
        else:
            errors.show(self, exc, details)

    def _fields_failed(self, exc: ValidationError) -> None:
        rest = self.form.show_errors(exc)
        if rest:
            self.status.show_error("\n".join(rest))

    def _ask_approval(self, rc: RouteCash, count: Count) -> None:
        cash, cheques = count_totals(count, self.ctx.company.currency)
        api = self.ctx.api
        dialog = self.approval_dialog = ApprovalDialog(
            self.ctx, rc, cash + cheques, count.reason,
            lambda approval: api.cash.settle(count=count, approval=approval),
            self._fields_failed, parent=self)
        dialog.accepted.connect(lambda: self._settled(rc, dialog.record))
        dialogs.run_dialog(dialog)

    def _settled(self, rc: RouteCash, view: SettlementView | None) -> None:
        self._update_save()
        if view is None:
            return
        self.drafts.pop(rc.route_id, None)
        if self.shown_route == rc.route_id:
            self.form.load(Draft(), day=rc.day)
        self._replace(dataclasses.replace(rc, settlement=view))
        text = self.tr("Route {plate} is settled: counted {counted}.").format(
            plate=rc.plate, counted=self.ctx.money(view.counted))
        if view.variance:
            text = self.tr("Route {plate} is settled: counted {counted}, {variance}, approved "
                           "by {user}.").format(plate=rc.plate,
                                                counted=self.ctx.money(view.counted),
                                                variance=self._variance_text(view.variance),
                                                user=view.approved_by or "")
        self.status.show_ok(text)
        self.refresh()
        self.routes_table.setFocus()

    def _replace(self, rc: RouteCash) -> None:
        """Show ``rc`` at once (the reload that follows confirms it)."""
        number = self.routes.find(lambda r: r.route_id == rc.route_id)
        if number is not None:
            self.routes.replace(number, rc)
            if self.current_route() is not None \
                    and self.current_route().route_id == rc.route_id:
                self._show_route()

    # --- reopening ---
    def reopen(self) -> None:
        rc = self.current_route()
        if rc is None or rc.settlement is None or not self.ctx.actor.can("manager"):
            return
        api, settlement_id = self.ctx.api, rc.settlement.id
        dialog = self.reopen_dialog = ReopenDialog(
            rc, lambda reason: api.cash.reopen(settlement_id=settlement_id, reason=reason),
            parent=self)
        dialog.accepted.connect(lambda: self._reopened(dialog.record))
        dialogs.run_dialog(dialog)

    def _reopened(self, rc: RouteCash | None) -> None:
        if rc is None:
            return
        self._replace(rc)
        self.status.show_ok(self.tr("The cash-up of route {plate} is reopened; count it "
                                    "again when its stops are right.").format(plate=rc.plate))
        self.refresh()

    # --- the settlement sheet ---
    def preview_sheet(self) -> None:
        if not self.sheet_button.isEnabled():
            return
        api, day, language = self.ctx.api, self.day_picker.date(), self.ctx.language
        tasks.run(self, lambda: api.cash.settlement_sheet_pdf(day=day, language=language),
                  on_success=lambda pdf: self._show_sheet(day, pdf), disable=self.sheet_button)

    def _show_sheet(self, day: date, pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Settlement sheet {day}").format(
                day=day.isoformat()),
            file_name=f"settlement-{day.isoformat()}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    # --- screenshots ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: the newest day with routes, if any (today first)."""
        api = self.ctx.api
        for back in range(15):
            day = date.today() - timedelta(days=back)
            if api.cash.routes_of_day(day=day):
                self.day_picker.setDate(day)
                return
