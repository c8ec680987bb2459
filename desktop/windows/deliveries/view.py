"""Deliveries: what happened at each stop of a day's confirmed routes, entered when the
trucks come back (or by phone during the day).

Pick the day (today first); the routes are listed with how many of their stops are
confirmed, and the chosen route's stops in driving order with each one's state.  The
stop's details show what was ordered, the cylinders the customer holds and, once
confirmed, what happened.  Orders due that day that are on no confirmed route are
listed under "Not on a route", where they can be moved to another date.

Keys: Up/Down move between stops, Left/Right between routes; Enter opens the
confirmation (Delivered is chosen: Enter again saves); Ctrl+D confirms the stop
delivered as ordered at once; Ctrl+P previews the route sheet; F5 reloads.
A manager may undo a confirmation (with a reason); a failed or unplanned order can be
moved to another date (a credit refusal offers the manager's override).

Money at a stop of a confirmed route: "Collect payment…" records what the customer paid
the driver for open invoices (cash or a cheque, placed on the oldest invoices first) and
a manager's "Refund at the door…" what the driver paid back in cash; both are dated the
route's day and counted in its cash-up.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.printing.route_sheet import clock
from core.queries.customer_card import Account
from core.queries.delivery_day import DeliveryDay, Group
from core.services.customers import hhmm
from core.services.deliveries import DeliveryView
from core.services.dispatch import RouteView, StopView
from core.services.orders import STATUS_NAMES, OrderView
from core.services.payments import PaymentView
from desktop import dialogs, errors, tasks
from desktop.widgets.day_picker import DayPicker
from desktop.widgets.formkit import HEADING, TITLE, MessageLabel, bold_label
from desktop.widgets.print_preview import PrintPreviewDialog
from desktop.widgets.records import shortcut
from desktop.widgets.rows import RIGHT, Column, RowsModel, make_table, select_row, set_widths
from desktop.widgets.serials import scanning
from desktop.windows.deliveries.confirm import (DeliveryDialog, RescheduleDialog, SerialsDialog,
                                                as_ordered)
from desktop.windows.payments.dialogs import CollectDialog, RefundDialog

DONE = {"delivered": QColor("#e3f1e6"), "partially_delivered": QColor("#fbf0d9"),
        "failed": QColor("#f8e1df")}
CONFIRMED_STATES = frozenset(DONE)
MOVABLE_STATES = frozenset({"failed", "confirmed"})
RELOAD_ON = ("orders", "fleet", "customers", "products")  # and the day's routes


class DeliveriesWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DeliveryDay | None = None
        self._keep: tuple[int | None, int | None] = (None, None)  # route id, order id
        self.confirm_dialog: DeliveryDialog | None = None
        self.reschedule_dialog: RescheduleDialog | None = None
        self.collect_dialog: CollectDialog | None = None
        self.door_refund_dialog: RefundDialog | None = None
        self.serials_dialog: SerialsDialog | None = None
        self._left_out: dict[int, tuple] = {}  # order -> serials (out, in) not recorded
        self.setWindowTitle(self.tr("Deliveries"))

        self.heading = bold_label(self.tr("Deliveries"), self, HEADING)
        self.day_picker = DayPicker(self)  # Left/Right are the routes here
        self.day = self.day_picker.edit  # the date field
        self.summary = QLabel(self)
        top = self.day_picker.row(self.heading, self.summary)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_lists())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 420])
        splitter.setChildrenCollapsible(False)
        self.keys = QLabel(self.tr("↑↓ stops · ←→ routes · Enter: confirm · Ctrl+D: delivered as "
                                   "ordered · Ctrl+P: route sheet · F5: reload"), self)
        self.keys.setEnabled(False)
        self.status = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.keys)

        shortcut("Ctrl+D", self, self.deliver_as_ordered)
        shortcut(QKeySequence.StandardKey.Print, self, self.preview_route_sheet)
        shortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        shortcut("F5", self, self.refresh)
        self.day_picker.dateChanged.connect(lambda _d: self.refresh())
        self.routes_table.selectionModel().currentRowChanged.connect(self._route_chosen)
        self.stops_table.selectionModel().currentRowChanged.connect(self._stop_chosen)
        self.stops_table.activated.connect(lambda _i: self.confirm_stop())
        self.stops_table.installEventFilter(self)
        self.routes_table.installEventFilter(self)
        ctx.events.changed.connect(self._on_changed)
        self._show_stop(None)
        self.refresh()

    # --- building ---
    def _build_lists(self) -> QWidget:
        panel = QWidget(self)
        money = self.ctx.money
        self.routes = RowsModel([
            Column(self.tr("Vehicle"), lambda g: g.route.plate if g.route else
                   self.tr("Not on a route")),
            Column(self.tr("Driver"), lambda g: (g.route.driver_name or "—") if g.route else ""),
            Column(self.tr("Stops"), lambda g: str(len(g.stops)), RIGHT),
            Column(self.tr("Confirmed"), self._done_text, RIGHT),
            Column(self.tr("Cash collected"), lambda g: money(self._cash_of(g)), RIGHT),
        ], self, bold=lambda g: g.route is not None and self._open_of(g) > 0,
            muted=lambda g: g.route is None)
        self.routes_table = make_table(self.routes, panel)
        set_widths(self.routes_table, (11, 10, 6, 11))
        self.routes_table.setMaximumHeight(self.fontMetrics().height() * 9)
        routes_label = QLabel(self.tr("&Routes:"), panel)
        routes_label.setBuddy(self.routes_table)

        self.stops = RowsModel([
            Column(self.tr("#"), lambda s: str(s.position or ""), RIGHT),
            Column(self.tr("Arrival"), lambda s: clock(s.arrival_s)),
            Column(self.tr("Customer"), lambda s: f"{s.customer_code}  {s.customer_name}"),
            Column(self.tr("Products"), lambda s: s.summary),
            Column(self.tr("To collect"), self._collect_text, RIGHT),
            Column(self.tr("State"), self._state_text),
        ], self, tint=lambda s: DONE.get(s.status))
        self.stops_table = make_table(self.stops, panel)
        set_widths(self.stops_table, (3, 6, 18, 14, 10))
        self.stops_table.horizontalHeader().setSectionResizeMode(
            5, QHeaderView.ResizeMode.Stretch)
        stops_label = QLabel(self.tr("&Stops in driving order:"), panel)
        stops_label.setBuddy(self.stops_table)
        self.empty_note = QLabel(panel)
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(routes_label)
        layout.addWidget(self.routes_table)
        layout.addWidget(stops_label)
        layout.addWidget(self.stops_table, 1)
        layout.addWidget(self.empty_note)
        return panel

    def _build_detail(self) -> QWidget:
        panel = QWidget(self)
        self.stop_title = bold_label(parent=panel, scale=TITLE)
        self.stop_title.setWordWrap(True)
        self.stop_facts = QLabel(panel)
        self.stop_facts.setWordWrap(True)
        self.stop_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stop_lines = QLabel(panel)
        self.stop_lines.setWordWrap(True)
        self.cylinders = QLabel(panel)
        self.cylinders.setWordWrap(True)
        self.outcome = QLabel(panel)
        self.outcome.setWordWrap(True)

        self.confirm_button = QPushButton(self.tr("&Confirm delivery…"), panel)
        self.confirm_button.setToolTip(self.tr("Enter what happened at this stop (Enter)"))
        self.confirm_button.clicked.connect(self.confirm_stop)
        self.delivered_button = QPushButton(self.tr("D&elivered as ordered"), panel)
        self.delivered_button.setToolTip(self.tr(
            "Everything delivered, an empty back for each cylinder, a cash order paid (Ctrl+D)"))
        self.delivered_button.clicked.connect(self.deliver_as_ordered)
        self.undo_button = QPushButton(self.tr("&Undo confirmation…"), panel)
        self.undo_button.setToolTip(self.tr("Managers: take back a confirmation entered by "
                                            "mistake"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setVisible(self.ctx.actor.can("manager"))
        self.move_button = QPushButton(self.tr("&Move to another date…"), panel)
        self.move_button.setToolTip(self.tr("Deliver a failed or unplanned order another day"))
        self.move_button.clicked.connect(self.reschedule)
        self.sheet_button = QPushButton(self.tr("Route s&heet…"), panel)
        self.sheet_button.setToolTip(self.tr("Preview and print the chosen route's sheet "
                                             "(Ctrl+P)"))
        self.sheet_button.clicked.connect(self.preview_route_sheet)
        self.collect_button = QPushButton(self.tr("Co&llect payment…"), panel)
        self.collect_button.setToolTip(self.tr("Money the customer paid the driver at this stop "
                                               "for open invoices (cash or cheque)"))
        self.collect_button.clicked.connect(self.collect_payment)
        self.door_refund_button = QPushButton(self.tr("Re&fund at the door…"), panel)
        self.door_refund_button.setToolTip(self.tr("Managers: the driver pays back the "
                                                   "customer's credit in cash at this stop"))
        self.door_refund_button.clicked.connect(self.refund_at_door)
        self.door_refund_button.setVisible(self.ctx.actor.can("manager"))
        self.deposit_button = QPushButton(self.tr("&Deposit receipt…"), panel)
        self.deposit_button.setToolTip(self.tr("Preview and print the cylinder deposit receipt "
                                               "of this stop's delivery"))
        self.deposit_button.clicked.connect(self.preview_deposit_receipt)
        self.serials_button = QPushButton(self.tr("Ser&ials…"), panel)
        self.serials_button.setToolTip(self.tr("Record the serials of the cylinders handed "
                                               "over and collected at this delivery"))
        self.serials_button.clicked.connect(self.scan_serials)
        self.serials_button.setVisible(scanning(self.ctx.company))

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.stop_title, self.stop_facts, self.stop_lines, self.cylinders,
                       self.outcome):
            layout.addWidget(widget)
        layout.addStretch(1)
        first = QHBoxLayout()
        first.addWidget(self.confirm_button)
        first.addWidget(self.delivered_button)
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.move_button)
        second.addWidget(self.undo_button)
        second.addStretch(1)
        money = QHBoxLayout()
        money.addWidget(self.collect_button)
        money.addWidget(self.door_refund_button)
        money.addStretch(1)
        third = QHBoxLayout()
        third.addWidget(self.sheet_button)
        third.addWidget(self.deposit_button)
        third.addWidget(self.serials_button)
        third.addStretch(1)
        for row in (first, second, money, third):
            layout.addLayout(row)
        return panel

    # --- texts ---
    def _done_of(self, g: Group) -> int:
        return sum(1 for s in g.stops if s.status in CONFIRMED_STATES)

    def _open_of(self, g: Group) -> int:
        return sum(1 for s in g.stops if s.status == "scheduled")

    def _done_text(self, g: Group) -> str:
        return f"{self._done_of(g)} / {len(g.stops)}" if g.route else ""

    def _cash_of(self, g: Group):
        done = self.data.done if self.data else {}
        return sum((done[s.order_id].cash_collected for s in g.stops if s.order_id in done),
                   Decimal(0))

    def _collect_text(self, s: StopView) -> str:
        return self.ctx.money(s.total) if s.payment == "cash" else self.tr("on account")

    def _state_text(self, s: StopView) -> str:
        d = self.data.done.get(s.order_id) if self.data else None
        if s.status == "scheduled":
            return self.tr("to confirm")
        if s.status == "confirmed":
            return self.tr("not on a route")
        state = errors.translate_core(STATUS_NAMES.get(s.status, s.status))
        if d is None:
            return state
        if d.cash_collected:
            state = self.tr("{state} · cash {amount}").format(
                state=state, amount=self.ctx.money(d.cash_collected))
        if d.reason:
            state = self.tr("{state}: {reason}").format(state=state, reason=d.reason)
        return state

    # --- loading ---
    def refresh(self, keep: tuple[int | None, int | None] | None = None) -> None:
        """Load the day again; the current stop (or ``keep``: route id, order id) stays
        the current one.  While a load is on its way, what it is to keep stands (a change
        set arriving after a save must not undo the step to the next stop)."""
        group, stop = self.current_group(), self.current_stop()
        if keep is not None:
            self._keep = keep
        elif not tasks.busy(self, "day") and (group is not None or stop is not None):
            self._keep = (group.route.id if group and group.route else None,
                          stop.order_id if stop else None)
        api, day = self.ctx.api, self.day_picker.date()
        language = self.ctx.language
        tasks.run(self, lambda: api.deliveries.day(day=day, language=language), key="day",
                  on_success=self._loaded)  # an older day answering late is dropped

    def _loaded(self, data: DeliveryDay) -> None:
        same_day = self.data is not None and self.data.day == data.day
        self.data = data
        route_id, order_id = self._keep if same_day else (None, None)
        self.routes.set_rows(data.groups)
        number = self.routes.find(lambda g: (g.route.id if g.route else None) == route_id) \
            if route_id is not None or order_id is not None else None
        if number is None and data.groups:
            number = 0
        select_row(self.routes_table, number)
        self._show_group(order_id)
        routes = sum(1 for g in data.groups if g.route)
        stops = sum(len(g.stops) for g in data.groups if g.route)
        done = sum(self._done_of(g) for g in data.groups if g.route)
        self.summary.setText(self.tr("{routes} route(s) · {stops} stop(s) · {done} confirmed")
                             .format(routes=routes, stops=stops, done=done))
        if not data.groups:
            self.empty_note.setText(
                self.tr("No route is confirmed for this day yet ({n} planned); dispatch "
                        "confirms the routes in the Dispatch window.").format(
                    n=data.planned_routes) if data.planned_routes else
                self.tr("Nothing is to be delivered on this day."))
        self.empty_note.setVisible(not data.groups)
        if not self.stops_table.hasFocus() and self.isVisible() and self.stops.rowCount():
            self.stops_table.setFocus()

    def _on_changed(self, changes: Changes) -> None:
        """Another workstation's save (or this window's own): the day again, the current
        route and stop kept, an open dialog left as it is."""
        if changes.touches("routes", self.day_picker.date()) \
                or any(changes.touches(kind) for kind in RELOAD_ON):
            self.refresh()

    # --- choosing ---
    def current_group(self) -> Group | None:
        index = self.routes_table.currentIndex()
        return self.routes.row(index.row()) if index.isValid() else None

    def current_stop(self) -> StopView | None:
        index = self.stops_table.currentIndex()
        return self.stops.row(index.row()) if index.isValid() else None

    def _route_chosen(self, *_indexes) -> None:
        self._show_group(None)

    def _show_group(self, order_id: int | None) -> None:
        group = self.current_group()
        self.stops.set_rows(group.stops if group else [])
        number = self.stops.find(lambda s: s.order_id == order_id) if order_id else None
        if number is None and group is not None and group.stops:
            number = next((i for i, s in enumerate(group.stops) if s.status == "scheduled"), 0)
        select_row(self.stops_table, number)
        self._show_stop(self.current_stop())
        self.sheet_button.setEnabled(group is not None and group.route is not None)

    def _stop_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_stop(self.stops.row(current.row()) if current.isValid() else None)

    def _show_stop(self, s: StopView | None) -> None:
        d = self.data.done.get(s.order_id) if (s is not None and self.data) else None
        self.confirm_button.setEnabled(s is not None and s.status == "scheduled")
        self.delivered_button.setEnabled(s is not None and s.status == "scheduled")
        self.undo_button.setEnabled(d is not None)
        self.deposit_button.setEnabled(d is not None)
        self.serials_button.setEnabled(d is not None and d.outcome != "failed")
        self.move_button.setEnabled(s is not None and s.status in MOVABLE_STATES)
        at_stop = s is not None and s.route_id is not None and self._route_of(s) is not None
        self.collect_button.setEnabled(at_stop)
        self.door_refund_button.setEnabled(at_stop)
        if s is None:
            self.stop_title.setText(self.tr("No stop chosen"))
            for label in (self.stop_facts, self.stop_lines, self.cylinders, self.outcome):
                label.clear()
            return
        self.stop_title.setText(f"{s.customer_code}  {s.customer_name}")
        payment = self.tr("cash on delivery") if s.payment == "cash" else self.tr("on account")
        facts = [s.address, s.phone,
                 self.tr("Receives {start}–{end}").format(start=hhmm(s.window[0]),
                                                          end=hhmm(s.window[1]))
                 if s.window else "",
                 self.tr("{number} · {total} · {payment}").format(
                     number=s.number, total=self.ctx.money(s.total), payment=payment),
                 self.tr("Notes: {notes}").format(notes=s.notes) if s.notes else ""]
        self.stop_facts.setText("\n".join(x for x in facts if x))
        lines = self.data.lines.get(s.order_id, ()) if self.data else ()
        self.stop_lines.setText("\n".join(
            f"{x.sku}  {x.name(self.ctx.language)}  × {x.quantity.normalize():f}" for x in lines))
        self.outcome.setText(self._outcome_text(s, d))
        self.cylinders.setText(self.tr("Cylinders held: …"))
        api, customer_id = self.ctx.api, s.customer_id
        tasks.run(self, lambda: api.deliveries.cylinders_held(customer_id=customer_id),
                  key="cylinders", on_success=self._show_cylinders)

    def _outcome_text(self, s: StopView, d: DeliveryView | None) -> str:
        if d is None:
            return self.tr("Not confirmed yet.") if s.status == "scheduled" else \
                self.tr("This order is on no confirmed route.") if s.status == "confirmed" else ""
        state = errors.translate_core(STATUS_NAMES.get(d.outcome, d.outcome))
        lines = {x.order_line_id: x for x in (self.data.lines.get(s.order_id, ())
                                              if self.data else ())}
        parts = [self.tr("{state}, confirmed by {user} at {when}.").format(
            state=state, user=d.confirmed_by,
            when=d.confirmed_at.astimezone().strftime("%Y-%m-%d %H:%M"))]
        for line_id, delivered, empties in d.lines:
            x = lines.get(line_id)
            if x is not None:
                parts.append(self.tr("{sku}: {delivered} of {ordered} delivered, {empties} "
                                     "empties back").format(
                    sku=x.sku, delivered=f"{delivered.normalize():f}",
                    ordered=f"{x.quantity.normalize():f}", empties=empties))
        parts.append(self.tr("Delivered {amount} · cash collected {cash}").format(
            amount=self.ctx.money(d.amount), cash=self.ctx.money(d.cash_collected)))
        if d.reason:
            parts.append(self.tr("Reason: {reason}").format(reason=d.reason))
        return "\n".join(parts)

    def _show_cylinders(self, held: dict[int, int]) -> None:
        names = self.data.product_names if self.data else {}
        if not held:
            self.cylinders.setText(self.tr("Cylinders held: none"))
            return
        self.cylinders.setText(self.tr("Cylinders held: {list}").format(list=", ".join(
            f"{names.get(pid, pid)} × {n}" for pid, n in sorted(held.items(),
                                                                 key=lambda kv: str(names.get(kv[0]))))))

    # --- keys ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.stops_table,
                                                               self.routes_table) \
                and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not event.modifiers():
            current = self.routes_table.currentIndex().row()
            step = -1 if event.key() == Qt.Key.Key_Left else 1
            if 0 <= current + step < self.routes.rowCount():
                select_row(self.routes_table, current + step)
            return True
        return super().eventFilter(watched, event)

    # --- confirming ---
    def confirm_stop(self) -> None:
        s = self.current_stop()
        if s is None or not self.confirm_button.isEnabled() or self.data is None:
            return
        dialog = self.confirm_dialog = DeliveryDialog(self.ctx, s, self.data.lines.get(
            s.order_id, ()), parent=self)
        dialog.accepted.connect(lambda: self._confirmed(
            dialog.delivery, dialog.serials() if dialog.serials_left_out else None))
        dialogs.run_dialog(dialog)

    def deliver_as_ordered(self) -> None:
        s = self.current_stop()
        if s is None or not self.delivered_button.isEnabled() or self.data is None:
            return
        data = as_ordered(s, self.data.lines.get(s.order_id, ()), str(uuid.uuid4()),
                          self.ctx.company.currency, self.ctx.company.tax_rounding)
        api = self.ctx.api
        self.status.clear()
        tasks.run(self, lambda: api.deliveries.confirm(data=data),
                  on_success=self._confirmed, on_error=self.status.on_error,
                  disable=self.delivered_button)

    def _confirmed(self, d: DeliveryView | None, left_out: tuple | None = None) -> None:
        if d is None:
            return
        state = errors.translate_core(STATUS_NAMES.get(d.outcome, d.outcome))
        self.status.show_ok(self.tr("{number}: {state}.").format(number=d.order_number,
                                                                  state=state))
        if left_out is not None:  # the confirmation dialog closed with its serials refused
            self._left_out[d.order_id] = left_out
            self.status.show_error(self.tr(
                "{number}: {state}; its serials were not recorded: correct them with "
                "Serials… (they are kept).").format(number=d.order_number, state=state))
        self._advance_after(d.order_id)

    def _advance_after(self, order_id: int) -> None:
        """Reload; the next stop still to confirm becomes the current one."""
        group = self.current_group()
        following = None
        if group is not None:
            ids = [s.order_id for s in group.stops]
            if order_id in ids:
                rest = group.stops[ids.index(order_id) + 1:]
                following = next((s.order_id for s in rest if s.status == "scheduled"), None)
        self.refresh(keep=(group.route.id if group and group.route else None,
                           following or order_id))

    def undo(self) -> None:
        s = self.current_stop()
        d = self.data.done.get(s.order_id) if (s is not None and self.data) else None
        if d is None or not self.undo_button.isEnabled():
            return
        reason = dialogs.ask_text(self, self.tr("Undo confirmation"), self.tr(
            "Why is the confirmation of {number} ({customer}) taken back?").format(
            number=s.number, customer=s.customer_name))
        if reason is None:
            return
        api = self.ctx.api
        self.status.clear()
        tasks.run(self, lambda: api.deliveries.undo(delivery_id=d.id, reason=reason),
                  on_success=self._undone, on_error=self.status.on_error,
                  disable=self.undo_button)

    def _undone(self, order: OrderView) -> None:
        self.status.show_ok(self.tr("The confirmation of {number} was undone; it is to be "
                                    "confirmed again.").format(number=order.number))
        self.refresh()

    # --- another date ---
    def reschedule(self) -> None:
        s = self.current_stop()
        if s is None or not self.move_button.isEnabled():
            return
        dialog = self.reschedule_dialog = RescheduleDialog(self.ctx, s, parent=self)
        dialog.accepted.connect(lambda: self._rescheduled(dialog.record))
        dialogs.run_dialog(dialog)

    def _rescheduled(self, order: OrderView | None) -> None:
        if order is None:
            return
        self.status.show_ok(self.tr("{number} is moved to {day}.").format(
            number=order.number, day=order.delivery_date.isoformat()))
        self.refresh()

    # --- money at the stop ---
    def _route_of(self, s: StopView) -> RouteView | None:
        """The confirmed route ``s`` is a stop of (None: on no confirmed route)."""
        groups = self.data.groups if self.data else ()
        return next((g.route for g in groups if g.route is not None
                     and g.route.id == s.route_id), None)

    def collect_payment(self) -> None:
        """The customer pays the driver at the stop (cash or a cheque) for open invoices:
        a payment on the stop's route, counted in its cash-up."""
        s = self.current_stop()
        route = self._route_of(s) if s is not None else None
        if route is None or not self.collect_button.isEnabled():
            return
        dialog = self.collect_dialog = CollectDialog(self.ctx, s.customer_id, s.customer_name,
                                                     route_id=route.id, day=route.day,
                                                     parent=self)
        dialog.accepted.connect(lambda: self._collected(dialog.result_view, s.customer_name))
        dialogs.run_dialog(dialog)

    def _collected(self, view: PaymentView | None, customer: str) -> None:
        if view is None:
            return
        placed = ", ".join(f"{a.invoice_number} {self.ctx.money(a.amount)}"
                           for a in view.allocations)
        text = self.tr("{amount} taken from {customer} at the stop.").format(
            amount=self.ctx.money(view.amount), customer=customer)
        if placed:
            text += " " + self.tr("Placed on {invoices}.").format(invoices=placed)
        self.status.show_ok(text)

    def refund_at_door(self) -> None:
        """A manager: the driver pays back the customer's credit in cash at the stop (the
        customer's account is read first, for the credit the refund may take)."""
        s = self.current_stop()
        route = self._route_of(s) if s is not None else None
        if route is None or not self.door_refund_button.isEnabled():
            return
        api, customer_id = self.ctx.api, s.customer_id
        self.status.clear()
        tasks.run(self, lambda: api.payments.account(customer_id=customer_id),
                  on_success=lambda account: self._open_door_refund(s, route, account),
                  on_error=self.status.on_error, disable=self.door_refund_button)

    def _open_door_refund(self, s: StopView, route: RouteView, account: Account) -> None:
        credit = min(account.credit, -account.balance)
        if credit <= 0:
            self.status.show_error(self.tr("{customer} has no credit to pay back.").format(
                customer=s.customer_name))
            return
        dialog = self.door_refund_dialog = RefundDialog(
            self.ctx, s.customer_id, s.customer_name, credit, parent=self, route_id=route.id,
            day=route.day)
        dialog.accepted.connect(lambda: self._refunded(dialog.result_view, s.customer_name))
        dialogs.run_dialog(dialog)

    def _refunded(self, view: PaymentView | None, customer: str) -> None:
        if view is not None:
            self.status.show_ok(self.tr("{amount} paid back to {customer} at the door.").format(
                amount=self.ctx.money(view.amount), customer=customer))

    # --- serials ---
    def scan_serials(self) -> None:
        """The serials of the current stop's confirmed delivery (those a confirmation
        left out, to correct)."""
        s = self.current_stop()
        d = self.data.done.get(s.order_id) if (s is not None and self.data) else None
        if d is None or not self.serials_button.isEnabled() or not scanning(self.ctx.company):
            return
        dialog = self.serials_dialog = SerialsDialog(
            self.ctx, s, d, self._left_out.get(s.order_id, ((), ())), parent=self)
        dialog.accepted.connect(lambda: self._serials_saved(s, dialog.result_view))
        dialogs.run_dialog(dialog)

    def _serials_saved(self, s: StopView, scans) -> None:
        if scans is None:
            return
        self._left_out.pop(s.order_id, None)
        self.status.show_ok(self.tr("{number}: serials recorded ({out} handed over, {back} "
                                    "collected).").format(number=s.number,
                                                          out=len(scans.handed_over),
                                                          back=len(scans.collected)))

    # --- route sheet ---
    def preview_route_sheet(self) -> None:
        group = self.current_group()
        if group is None or group.route is None or not self.sheet_button.isEnabled():
            return
        route, api, language = group.route, self.ctx.api, self.ctx.language
        tasks.run(self, lambda: api.dispatch.route_sheets_pdf(day=route.day,
                                                              route_ids=[route.id],
                                                              language=language),
                  on_success=lambda pdf: self._show_sheet(route, pdf), disable=self.sheet_button)

    def _show_sheet(self, route: RouteView, pdf: bytes) -> None:
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Route sheet {plate} {day}").format(
                plate=route.plate, day=route.day.isoformat()),
            file_name=f"route-{route.day.isoformat()}-{route.plate}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    # --- deposit receipt ---
    def preview_deposit_receipt(self) -> None:
        s = self.current_stop()
        d = self.data.done.get(s.order_id) if (s is not None and self.data) else None
        if d is None or not self.deposit_button.isEnabled():
            return
        api = self.ctx.api

        def receipt():
            found = api.deposits.receipts(delivery_id=d.id)
            return (found[0], api.deposits.receipt_pdf(receipt_id=found[0].id)) if found \
                else None
        tasks.run(self, receipt, on_success=self._show_deposit_receipt,
                  disable=self.deposit_button)

    def _show_deposit_receipt(self, found) -> None:
        if found is None:
            self.status.show_ok(self.tr("This delivery charged or refunded no cylinder "
                                        "deposit."))
            return
        receipt, pdf = found
        self.preview_dialog = PrintPreviewDialog(
            self.ctx.local, pdf, title=self.tr("Deposit receipt {number}").format(
                number=receipt.number), file_name=f"{receipt.number}.pdf", parent=self)
        dialogs.run_dialog(self.preview_dialog)

    # --- screenshots ---
    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: the newest day with confirmed routes, if any."""
        api = self.ctx.api

        def newest() -> date | None:
            for back in range(15):
                day = date.today() - timedelta(days=back)
                if any(r.status == "confirmed" for r in api.dispatch.board(day=day).routes):
                    return day
            return None

        day = newest()
        if day is not None:
            self.day_picker.setDate(day)
