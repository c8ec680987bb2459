"""The Dispatch window: plan a delivery day's trucks, adjust by hand, confirm, print.

For the chosen date (the next working day by default) it shows the confirmed
orders on no route, one column per vehicle with its route (driver, load
against capacity, distance and time, the stops in order with their arrival
times), the vehicles still free, and a picture of the routes.

"Plan routes" (10 s) and "Plan thoroughly" (60 s) run the planner in a child
process (``planner.PlanRunner``), with a progress bar and Stop (which keeps
the best plan found so far).  Orders move by drag and drop between the lists,
or with the keyboard: Ctrl+M "Move to…", Delete takes an order off its route,
Alt+Up/Alt+Down move a stop within its route, Space ticks the lock of a stop
(re-planning keeps a locked stop on its truck and in its place).  "Confirm
plan…" makes the orders of the planned routes scheduled; "Route sheets…" then
opens the print preview of the day's sheets.
"""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import DomainError
from core.queries.delivery_day import DispatchDay
from core.services import dispatch, geocoding
from core.services.dispatch import Board, StopView
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import shortcut
from desktop.windows.dispatch.move import MoveDialog
from desktop.windows.dispatch.picture import RoutesPicture
from desktop.windows.dispatch.planner import PlanRunner
from desktop.windows.dispatch.stops import (
    COLOURS,
    RouteColumn,
    UnplannedList,
    duration_text,
    km_text,
    order_mime,
)
from desktop.windows.registry import module_available

ROUTE_SHEETS = "core.printing.route_sheet"
log = logging.getLogger("roundsman")
RELOAD_ON = ("orders", "fleet", "customers", "products", "settings")  # and the day's routes


class DispatchWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.board: Board | None = None
        self.drivers: list = []
        self.reasons: dict[int, str] = {}  # order id -> why the last plan left it out
        self.columns: list[RouteColumn] = []
        self.colours: dict = {}
        # What the two plan buttons give the planner (tests make them short).
        self.plan_seconds = {"quick": dispatch.QUICK, "thorough": dispatch.THOROUGH}
        self._missed = False  # a change came while planning: reload when it ends
        self._plan_seconds = 0.0
        self._plan_started = 0.0
        self.setWindowTitle(self.tr("Dispatch"))

        self.runner = PlanRunner(self)
        self.runner.progressed.connect(self._progressed)
        self.runner.finished.connect(self._planned)
        self.runner.failed.connect(self._plan_failed)

        self._build()
        shortcut("Ctrl+M", self, self.move_selected)
        shortcut(QKeySequence.StandardKey.Delete, self, self.unplan_selected)
        shortcut("Alt+Up", self, lambda: self.shift_selected(-1))
        shortcut("Alt+Down", self, lambda: self.shift_selected(1))
        shortcut(QKeySequence.StandardKey.Refresh, self, self.reload)
        shortcut(QKeySequence.StandardKey.Print, self, self.route_sheets)
        ctx.events.changed.connect(self._on_changed)
        self.reload()
        self._find_plan()

    # --- building ---
    def _build(self) -> None:
        self.date_edit = QDateEdit(QDate(self.ctx.company.next_working_day(date.today())), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd ddd")
        self.date_edit.dateChanged.connect(self._day_changed)
        date_label = QLabel(self.tr("&Delivery date:"), self)
        date_label.setBuddy(self.date_edit)
        self.plan_button = QPushButton(self.tr("&Plan routes"), self)
        self.plan_button.setToolTip(self.tr("Plan the day's routes in about 10 seconds; locked "
                                            "stops stay on their truck and in their place"))
        self.plan_button.clicked.connect(lambda: self.plan("quick"))
        self.thorough_button = QPushButton(self.tr("Plan &thoroughly"), self)
        self.thorough_button.setToolTip(self.tr("Search for a minute for shorter routes"))
        self.thorough_button.clicked.connect(lambda: self.plan("thorough"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setMinimumWidth(220)
        self.progress.hide()
        self.stop_button = QPushButton(self.tr("&Stop"), self)
        self.stop_button.setToolTip(self.tr("Stop searching and keep the best plan found so far"))
        self.stop_button.clicked.connect(self.stop_planning)
        self.stop_button.hide()
        self.confirm_button = QPushButton(self.tr("&Confirm plan…"), self)
        self.confirm_button.setToolTip(self.tr("The orders on the planned routes become "
                                               "scheduled; the route sheets can be printed"))
        self.confirm_button.clicked.connect(self.confirm)
        self.sheets_button = QPushButton(self.tr("&Route sheets…"), self)
        self.sheets_button.setToolTip(self.tr("Print preview of the confirmed routes' sheets "
                                              "(Ctrl+P)"))
        self.sheets_button.clicked.connect(self.route_sheets)
        self.sheets_button.setVisible(module_available(ROUTE_SHEETS))
        top = QHBoxLayout()
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        top.addSpacing(12)
        top.addWidget(self.plan_button)
        top.addWidget(self.thorough_button)
        top.addWidget(self.progress)
        top.addWidget(self.stop_button)
        top.addStretch(1)
        top.addWidget(self.confirm_button)
        top.addWidget(self.sheets_button)

        self.summary = QLabel(self)
        font = QFont(self.summary.font())
        font.setBold(True)
        self.summary.setFont(font)
        self.status = MessageLabel(self)

        money = self.ctx.money
        self.unplanned_title = QLabel(self)
        self.unplanned = UnplannedList(money, self)
        self.unplanned.dropped.connect(self.move_order)
        self.unplanned.currentItemChanged.connect(
            lambda item, _old: self._chosen(self.unplanned, self.unplanned.current_order()))
        unplanned_box = QWidget(self)
        box = QVBoxLayout(unplanned_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.geocode_button = QPushButton(self.tr("&Look up missing coordinates"), self)
        self.geocode_button.setToolTip(self.tr(
            "Ask the routing service for the coordinates of every customer who has an address "
            "but none; orders without coordinates cannot be planned"))
        self.geocode_button.clicked.connect(self.geocode_missing)
        title_row = QHBoxLayout()
        title_row.addWidget(self.unplanned_title, 1)
        title_row.addWidget(self.geocode_button)
        box.addLayout(title_row)
        box.addWidget(self.unplanned, 1)
        self.picture = RoutesPicture(money, self)
        self.picture.stop_clicked.connect(self.select_order)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(unplanned_box)
        left.addWidget(self.picture)
        left.setSizes([300, 360])
        left.setChildrenCollapsible(False)

        self.routes_box = QWidget(self)
        self.routes_row = QHBoxLayout(self.routes_box)
        self.routes_row.setContentsMargins(0, 0, 0, 0)
        self.routes_row.addStretch(1)
        self.routes_area = QScrollArea(self)
        self.routes_area.setWidgetResizable(True)
        self.routes_area.setWidget(self.routes_box)
        self.routes_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.routes_area)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([520, 740])
        self.splitter.setChildrenCollapsible(False)

        hint = QLabel(self.tr("Drag orders between the lists, or Ctrl+M to move the chosen one. "
                              "Tick a stop to lock it: re-planning keeps it on its truck and "
                              "in its place."), self)
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(hint)

    def _column(self, number: int) -> RouteColumn:
        while len(self.columns) <= number:
            column = RouteColumn(self.routes_box)
            column.stops.dropped.connect(self.move_order)
            column.stops.lock_toggled.connect(self.set_locked)
            column.driver_chosen.connect(self.set_driver)
            stops = column.stops
            stops.currentItemChanged.connect(
                lambda item, _old, stops=stops: self._chosen(stops, stops.current_order()))
            self.routes_row.insertWidget(len(self.columns), column)
            self.columns.append(column)
        return self.columns[number]

    # --- the board ---
    def day(self) -> date:
        return self.date_edit.date().toPython()

    def _day_changed(self, _qdate) -> None:
        self.reasons = {}
        self.status.clear()
        self.reload()

    def reload(self) -> None:
        api, day = self.ctx.api, self.day()

        def show(loaded: DispatchDay) -> None:
            if not self.runner.running:
                self.drivers = loaded.drivers
                self.show_board(loaded.board)

        tasks.run(self, lambda: api.dispatch.day(day=day), key="day",
                  on_success=show)  # only the newest day's board

    def show_board(self, board: Board) -> None:
        if board.day != self.day():
            return  # an answer for a day no longer shown
        chosen = self.selected_order()
        self.board = board
        self.reasons = {k: v for k, v in self.reasons.items()
                        if any(s.order_id == k for s in board.unplanned)}
        self.colours = {r.id: COLOURS[i % len(COLOURS)] for i, r in enumerate(board.routes)}
        self.unplanned.blockSignals(True)
        self.unplanned.show_orders(board.unplanned, self.reasons)
        self.unplanned.blockSignals(False)
        self.unplanned_title.setText(self.tr("Orders on no route: {n}").format(
            n=len(board.unplanned)))
        money = self.ctx.money
        for n, route in enumerate(board.routes):
            self._column(n).show_route(route, self.colours[route.id], self.drivers, money)
        for n, vehicle in enumerate(board.free_vehicles, start=len(board.routes)):
            self._column(n).show_free(vehicle, money)
        used = len(board.routes) + len(board.free_vehicles)
        for n, column in enumerate(self.columns):
            column.setVisible(n < used)
        self.picture.show_board(board, self.colours)
        self._summarise()
        if chosen is not None:
            self.select_order(chosen)
        self._update_actions()

    def _summarise(self) -> None:
        board = self.board
        stops = sum(len(r.stops) for r in board.routes)
        if not board.routes:
            text = self.tr("No routes yet · orders to deliver: {n} · vehicles free: {v}").format(
                n=len(board.unplanned), v=len(board.free_vehicles))
        else:
            text = self.tr("Routes: {routes} · stops: {stops} · {km}, {time} · orders on no "
                           "route: {n}").format(
                routes=len(board.routes), stops=stops,
                km=km_text(sum(r.distance_m for r in board.routes)),
                time=duration_text(sum(r.duration_s for r in board.routes)),
                n=len(board.unplanned))
            over = [r.plate for r in board.routes if r.load > r.capacity]
            if over:
                text += self.tr(" — over capacity: {plates}").format(plates=", ".join(over))
        if board.depot is None:
            text += "\n" + self.tr("The depot has no coordinates yet: an administrator sets "
                                   "them in Settings before routes can be planned.")
        self.summary.setText(text)

    def _update_actions(self) -> None:
        board, busy = self.board, self.runner.running
        planned = bool(board) and any(r.status == "planned" for r in board.routes)
        can_plan = bool(board) and board.depot is not None and not busy and (
            planned or bool(board.free_vehicles and board.unplanned))
        self.plan_button.setText(self.tr("Re-&plan routes") if planned
                                 else self.tr("&Plan routes"))
        self.plan_button.setEnabled(can_plan)
        self.thorough_button.setEnabled(can_plan)
        self.confirm_button.setEnabled(planned and not busy)
        self.sheets_button.setEnabled(bool(board) and not busy and any(
            r.status == "confirmed" for r in board.routes))
        self.date_edit.setEnabled(not busy)
        self.geocode_button.setVisible(bool(board) and bool(self.ctx.company.routing_url) and any(
            x.lat is None for x in board.unplanned))
        for widget in (self.unplanned, self.routes_area):
            widget.setEnabled(not busy)

    # --- what is chosen ---
    def _lists(self):
        return [self.unplanned, *(c.stops for c in self.columns if c.isVisible())]

    def _chosen(self, source, order_id: int | None) -> None:
        if order_id is None:
            return
        for other in self._lists():
            if other is not source:
                other.blockSignals(True)
                other.clearSelection()
                other.setCurrentItem(None)
                other.blockSignals(False)
        self.picture.highlight(order_id)

    def selected_order(self) -> int | None:
        for widget in self._lists():
            if widget.currentItem() is not None:
                return widget.current_order()
        return None

    def select_order(self, order_id: int) -> None:
        """Choose ``order_id`` in whichever list holds it, and ring it on the picture."""
        for widget in self._lists():
            widget.blockSignals(True)
            found = widget.select_order(order_id)
            widget.blockSignals(False)
            if found:
                self._chosen(widget, order_id)
                widget.setFocus()
                return

    def stop_view(self, order_id: int | None) -> StopView | None:
        if self.board is None or order_id is None:
            return None
        return next((s for s in (*self.board.unplanned,
                                 *(x for r in self.board.routes for x in r.stops))
                     if s.order_id == order_id), None)

    def list_of_route(self, route_id: int):
        return next(c.stops for c in self.columns if c.isVisible() and c.route is not None
                    and c.route.id == route_id)

    def list_of_vehicle(self, vehicle_id: int):
        return next(c.stops for c in self.columns if c.isVisible()
                    and c.vehicle_id == vehicle_id)

    # --- arranging by hand ---
    def _failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, DomainError):
            self.status.show_error(errors.message(exc))
        else:
            errors.show(self, exc, details)
        self.reload()

    def _call(self, fn) -> None:
        if self.runner.running:
            return
        self.status.clear()
        tasks.run(self, fn, on_success=self.show_board, on_error=self._failed)

    def move_order(self, order_id: int, route_id: int | None, vehicle_id: int | None,
                   position: int) -> None:
        """What a drop and "Move to…" do: ``dispatch.move``, then the board it returns."""
        api = self.ctx.api
        self._call(lambda: api.dispatch.move(order_id=order_id, route_id=route_id,
                                             position=position, vehicle_id=vehicle_id))

    def set_locked(self, order_id: int, locked: bool) -> None:
        api = self.ctx.api
        self._call(lambda: api.dispatch.set_locked(order_id=order_id, locked=locked))

    def set_driver(self, route_id: int, driver_id: int | None) -> None:
        api = self.ctx.api
        self._call(lambda: api.dispatch.set_driver(route_id=route_id, driver_id=driver_id))

    def move_selected(self) -> None:
        """Ctrl+M: ask where the chosen order goes."""
        stop = self.stop_view(self.selected_order())
        if stop is None or self.runner.running or not self.unplanned.isEnabled():
            return
        if stop.route_id is not None and not self._planned_route(stop.route_id):
            return
        dialog = MoveDialog(self.board, stop, self)
        self.move_dialog = dialog
        dialogs.run_dialog(dialog)
        if dialog.choice is not None:
            route_id, vehicle_id, position = dialog.choice
            if (route_id, vehicle_id) != (None, None) or stop.route_id is not None:
                self.move_order(stop.order_id, route_id, vehicle_id, position)

    def unplan_selected(self) -> None:
        """Delete: take the chosen stop off its route."""
        stop = self.stop_view(self.selected_order())
        if stop is not None and stop.route_id is not None and self._planned_route(stop.route_id):
            self.move_order(stop.order_id, None, None, 0)

    def shift_selected(self, by: int) -> None:
        """Alt+Up / Alt+Down: one place earlier or later on its route."""
        stop = self.stop_view(self.selected_order())
        route = self._planned_route(stop.route_id) if stop is not None and stop.route_id else None
        if route is None:
            return
        at = next(i for i, s in enumerate(route.stops) if s.order_id == stop.order_id)
        if 0 <= at + by < len(route.stops):
            self.move_order(stop.order_id, route.id, None, at + by + 1)

    def _planned_route(self, route_id: int):
        return next((r for r in self.board.routes if r.id == route_id
                     and r.status == "planned"), None)

    def drop_on(self, target, order_id: int, row: int | None = None) -> bool:
        """Drop ``order_id`` on ``target`` (a list of this window) before ``row`` (None: at
        the end), as a mouse drag from its current list would (the tests' way in)."""
        if row is None:
            row = target.count() if hasattr(target, "count") else 0
        stop = self.stop_view(order_id)
        source_row = -1
        if stop is not None and stop.route_id is not None:
            route = next(r for r in self.board.routes if r.id == stop.route_id)
            source_row = next(i for i, s in enumerate(route.stops) if s.order_id == order_id)
        return target.drop(order_mime(order_id, stop.route_id if stop else None, source_row),
                           row)

    # --- planning ---
    def plan(self, kind: str = "quick") -> None:
        board = self.board
        if board is None or self.runner.running or not self.plan_button.isEnabled():
            return
        free_stops = [s for r in board.routes if r.status == "planned" for s in r.stops
                      if not s.locked]
        if free_stops and not dialogs.ask(self, self.tr("Re-plan routes"), self.tr(
                "Plan {day} again? Stops that are not locked may move to another truck or "
                "place; locked stops stay where they are.").format(day=board.day.isoformat())):
            return
        self.status.clear()
        self._plan_seconds = float(self.plan_seconds[kind])
        self._plan_started = time.monotonic()
        self.runner.start(self.ctx.api, day=board.day, seconds=self._plan_seconds)
        self._show_planning()

    def _find_plan(self) -> None:
        """Connected, a plan still running on the server (started before this window was
        opened, here or on another workstation of the same user) is followed to its end."""
        api = self.ctx.api
        tasks.run(self, lambda: api.running_job("dispatch.plan"), on_success=self._found_plan,
                  on_error=lambda exc, _details: log.info("looking for a running plan: %s", exc))

    def _found_plan(self, job: str | None) -> None:
        if job is not None and not self.runner.running:
            self._plan_seconds = 0.0  # not known here: the progress shows as a share
            self.runner.start(self.ctx.api, job=job)
            self._show_planning()

    def _show_planning(self) -> None:
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Starting the planner…"))
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self._update_actions()

    def stop_planning(self) -> None:
        if self.runner.running:
            self.runner.stop()
            self.stop_button.setEnabled(False)
            self.progress.setFormat(self.tr("Stopping…"))

    def _progressed(self, fraction: float) -> None:
        if self.runner.stopping:
            return
        self.progress.setValue(round(fraction * 1000))
        self.progress.setFormat(self.tr("Planning… {elapsed} of {total} s").format(
            elapsed=round(fraction * self._plan_seconds), total=round(self._plan_seconds))
            if self._plan_seconds else self.tr("Planning…"))

    def _plan_ended(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        if self._missed:  # what changed meanwhile (the plan's own change set marks it too)
            self._missed = False
            self.reload()

    def _planned(self, result: dispatch.PlanResult) -> None:
        self._plan_ended()
        self.reasons = {order_id: errors.translate_core(dispatch.UNPLACED_REASONS.get(code, code))
                        for order_id, code in result.unplaced}
        if result.board.day == self.day():
            self.show_board(result.board)
        board = result.board
        placed = sum(len(r.stops) for r in board.routes)
        text = self.tr("Planned in {s} s: {placed} orders on {routes} route(s).").format(
            s=round(result.seconds), routes=len(board.routes), placed=placed)
        if result.unplaced:
            self.status.show_error(text + " " + self.tr(
                "{n} could not be placed; the list of orders on no route says why.").format(
                n=len(result.unplaced)))
        else:
            self.status.show_ok(text)
        self._update_actions()

    def _plan_failed(self, exc: BaseException, details: str) -> None:
        self._plan_ended()
        if isinstance(exc, DomainError):
            self.status.show_error(errors.message(exc))
        else:
            errors.show(self, exc, details)
        self._update_actions()
        self.reload()

    # --- confirming and printing ---
    def geocode_missing(self) -> None:
        api = self.ctx.api

        def done(result: geocoding.GeocodeResult) -> None:
            text = self.tr("Coordinates found for {n} customers.").format(n=result.found)
            if result.not_found:
                text += " " + self.tr("The routing service does not know the address of: "
                                      "{codes}; type their coordinates in Customers.").format(
                    codes=", ".join(result.not_found))
            (self.status.show_error if result.not_found else self.status.show_ok)(text)

        tasks.run(self, lambda: api.dispatch.geocode_missing(), on_success=done,
                  on_error=self._failed, disable=self.geocode_button)

    def confirm(self) -> None:
        board = self.board
        if board is None or not self.confirm_button.isEnabled():
            return
        planned = [r for r in board.routes if r.status == "planned"]
        question = self.tr("Confirm the plan for {day}: {routes} routes with {stops} orders? "
                           "The orders become scheduled and their route sheets can be "
                           "printed.").format(day=board.day.isoformat(), routes=len(planned),
                                              stops=sum(len(r.stops) for r in planned))
        no_driver = [r.plate for r in planned if r.driver_id is None]
        over = [r.plate for r in planned if r.load > r.capacity]
        if no_driver:
            question += "\n\n" + self.tr("No driver yet: {plates}.").format(
                plates=", ".join(no_driver))
        if over:
            question += "\n\n" + self.tr("Over capacity: {plates}.").format(plates=", ".join(over))
        if board.unplanned:
            question += "\n\n" + self.tr("Orders that stay on no route: {n}.").format(
                n=len(board.unplanned))
        if not dialogs.ask(self, self.tr("Confirm plan"), question):
            return
        api, day = self.ctx.api, board.day
        count = sum(len(r.stops) for r in planned)

        def confirmed(board: Board) -> None:
            self.show_board(board)
            self.status.show_ok(self.tr("Plan confirmed: {n} orders scheduled.").format(n=count))

        tasks.run(self, lambda: api.dispatch.confirm(day=day),
                  on_success=confirmed, on_error=self._failed, disable=self.confirm_button)

    def route_sheets(self) -> None:
        board = self.board
        if board is None or not self.sheets_button.isEnabled() \
                or not self.sheets_button.isVisible():
            return
        from desktop.widgets.print_preview import PrintPreviewDialog

        route_ids = [r.id for r in board.routes if r.status == "confirmed"]
        api, day, language = self.ctx.api, board.day, self.ctx.language

        def preview(pdf: bytes) -> None:
            self.preview_dialog = PrintPreviewDialog(
                self.ctx.local, pdf, title=self.tr("Route sheets {day}").format(
                    day=day.isoformat()), file_name=f"route-sheets-{day.isoformat()}.pdf",
                parent=self)
            dialogs.run_dialog(self.preview_dialog)

        tasks.run(self, lambda: api.dispatch.route_sheets_pdf(day=day, route_ids=route_ids,
                                                              language=language),
                  on_success=preview, disable=self.sheets_button)

    # --- events ---
    def _on_changed(self, changes: Changes) -> None:
        """What another workstation (or this window) changed on the board: the day again,
        the chosen order kept; while the planner runs, once it has ended."""
        if not (changes.touches("routes", self.day())
                or any(changes.touches(kind) for kind in RELOAD_ON)):
            return
        if self.runner.running:
            self._missed = True
        else:
            self.reload()

    def closeEvent(self, event) -> None:
        self.runner.shutdown()
        super().closeEvent(event)

    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: a coming day with routes, a stop chosen.  When no
        coming day has routes yet, the next working day is planned here, briefly (the
        screenshot database is a throwaway copy)."""
        api = self.ctx.api
        day = self.ctx.company.next_working_day(date.today())
        coming = (api.dispatch.day(day=day + timedelta(days=n)) for n in range(14))
        loaded = next((found for found in coming if found.board.routes), None)
        if loaded is None:
            loaded = api.dispatch.day(day=day)
            board = loaded.board
            if board.depot is None or not board.free_vehicles or not board.unplanned:
                return
            board = api.dispatch.plan(day=day, seconds=5, iterations=300).board
        else:
            board = loaded.board
        self.drivers = loaded.drivers
        tasks.forget(self, "day")  # an answer still on its way is for the old date
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(board.day))
        self.date_edit.blockSignals(False)
        self.show_board(board)
        first = next((r.stops[len(r.stops) // 2] for r in board.routes if r.stops), None)
        if first is not None:
            self.select_order(first.order_id)
