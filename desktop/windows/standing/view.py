"""Standing orders: the list with as-you-type search, the form to create or change one,
the chosen customer's delivery calendar, and the refused orders to follow up.

Keys: Ctrl+F goes to the search (customer code or name), Down/Up move in the
list, Enter opens the chosen standing order in the form; Ctrl+N starts a new
one; Enter in a field of the form (or Ctrl+S) saves.  The actions under the list
pause (for a date range), resume, skip a date and end the chosen standing order
(ended ones are kept, never deleted: "Show ended" lists them).  "Generate
orders…" makes the orders of a date range.  The third tab lists the generated
orders that were refused, with their count on the tab.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.errors import DomainError, StaleRecord
from core.services.standing import StandingView
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.records import shortcut
from desktop.widgets.rows import Column, RowsModel, make_table, select_row, set_widths
from desktop.windows.standing import words
from desktop.windows.standing.actions import PauseDialog, SkipDialog
from desktop.windows.standing.calendar import DeliveriesCalendar
from desktop.windows.standing.editor import StandingEditor
from desktop.windows.standing.generate import GenerateDialog
from desktop.windows.standing.refusals import RefusalsPanel

SEARCH_DELAY_MS = 150
LIST, CALENDAR, REFUSALS = range(3)
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ALERT = QColor("#b3261e")
PAUSED = QColor("#fff4ce")  # light yellow rows
LIST_WIDTHS = (15, 18, 12, 10, 7, 10)  # the most average characters each column takes
LIST_SHOWS = ("standing", "orders", "customers", "products")  # the list and the calendar
REFUSALS_SHOW = ("standing", "orders", "customers")  # a refusal placed, or credit freed


def _plain(value) -> str:
    return format(value.normalize(), "f")


def lines_text(view: StandingView) -> str:
    return ", ".join(f"{x.sku} ×{_plain(x.quantity)}" for x in view.lines)


class StandingOrdersWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._select: int | None = None  # the row a load on its way is to choose
        self._refusal_count = 0
        self._focused_once = False
        self.setWindowTitle(self.tr("Standing orders"))

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_list_tab(), self.tr("&Standing orders"))
        self.calendar = DeliveriesCalendar(ctx, self)
        self.tabs.addTab(self.calendar, self.tr("&Calendar"))
        self.refusals = RefusalsPanel(ctx, self)
        self.refusals.counted.connect(self._show_count)
        self.tabs.addTab(self.refusals, "")
        self._show_count(0)

        self.new_button = QPushButton(self.tr("&New standing order"), self)
        self.new_button.setToolTip(self.tr("An empty form for a new standing order (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_standing)
        self.generate_button = QPushButton(self.tr("&Generate orders…"), self)
        self.generate_button.setToolTip(self.tr("Make the orders of the standing orders due on "
                                                "a range of dates"))
        self.generate_button.clicked.connect(self.generate)
        corner = QWidget(self)
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 2)
        corner_row.addWidget(self.new_button)
        corner_row.addWidget(self.generate_button)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        shortcut(QKeySequence.StandardKey.New, self, self.new_standing)
        shortcut(QKeySequence.StandardKey.Save, self, self.editor.save)
        shortcut("Ctrl+Return", self, self.editor.save)
        shortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_box.textEdited.connect(lambda _text: self._search_timer.start())
        self.show_ended.toggled.connect(lambda _on: self.reload())
        self.editor.saved.connect(self._saved)
        self.editor.form.leave_requested.connect(self.focus_search)  # Esc in the form
        ctx.events.changed.connect(self._on_changed)

        self.reload()
        self.refusals.reload()

    # --- building ---
    def _build_list_tab(self) -> QWidget:
        page = QWidget(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.addWidget(self._build_list(page))
        self.editor = StandingEditor(self.ctx, page)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 360])  # at 1280×800 the list shows every column
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        return page

    def _build_list(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        self.search_box = QLineEdit(panel)
        self.search_box.setPlaceholderText(self.tr("Customer code or name"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        label = QLabel(self.tr("Searc&h:"), panel)
        label.setBuddy(self.search_box)
        self.show_ended = QCheckBox(self.tr("Show en&ded"), panel)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.show_ended)

        self.model = RowsModel([
            Column(self.tr("Customer"), lambda v: f"{v.customer_code}  {v.customer_name}"),
            Column(self.tr("Schedule"), lambda v: words.schedule_text(v.schedule,
                                                                      v.interval_days, v.days)),
            Column(self.tr("Next delivery"), lambda v: words.day_text(
                v.next_dates[0] if v.next_dates else None), value=lambda v: v.next_dates[0]
                if v.next_dates else None),
            Column(self.tr("Last delivery"), lambda v: v.last_delivery.isoformat()
                   if v.last_delivery else "", value=lambda v: v.last_delivery),
            Column(self.tr("State"), lambda v: words.state_name(words.state(v, date.today())),
                   tip=lambda v: words.state_text(v, date.today())),
            Column(self.tr("Products"), lines_text),
        ], self, muted=lambda v: words.state(v, date.today()) in ("ended", "finished"),
            tint=lambda v: PAUSED if words.state(v, date.today()) == "paused" else None)
        self.table = make_table(self.model, panel)
        set_widths(self.table, LIST_WIDTHS)
        self.table.selectionModel().currentChanged.connect(self._row_changed)
        self.table.activated.connect(lambda _index: self.editor.focus_start())
        self.count = QLabel(panel)
        self.count.setEnabled(False)

        self.status = MessageLabel(panel)
        self.pause_button = QPushButton(self.tr("&Pause…"), panel)
        self.pause_button.setToolTip(self.tr("No deliveries from a date, until a date or until "
                                             "resumed"))
        self.pause_button.clicked.connect(self.pause)
        self.resume_button = QPushButton(self.tr("Res&ume"), panel)
        self.resume_button.setToolTip(self.tr("Deliver again as scheduled"))
        self.resume_button.clicked.connect(self.resume)
        self.skip_button = QPushButton(self.tr("S&kip a date…"), panel)
        self.skip_button.setToolTip(self.tr("Leave out one delivery (or deliver on a skipped "
                                            "date again)"))
        self.skip_button.clicked.connect(self.skip)
        self.end_button = QPushButton(self.tr("&End…"), panel)
        self.end_button.setToolTip(self.tr("No more deliveries; the standing order is kept "
                                           "(Show ended)"))
        self.end_button.clicked.connect(self.end)
        actions = QHBoxLayout()
        for button in (self.pause_button, self.resume_button, self.skip_button,
                       self.end_button):
            actions.addWidget(button)
        actions.addStretch(1)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self._update_actions()
        return panel

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.focus_search()

    # --- the list ---
    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(LIST)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def reload(self, select: int | None = None) -> None:
        """The list again, as searched; the chosen row (or ``select``) stays chosen, also
        when another load was still on its way to choose one."""
        self._search_timer.stop()
        api = self.ctx.api
        text, ended = self.search_box.text(), self.show_ended.isChecked()
        current = self.selected()
        if select is not None:
            self._select = select
        keep = self._select if self._select is not None else (current.id if current else None)

        def show(rows: list[StandingView]) -> None:
            self._select = None
            self.table.selectionModel().blockSignals(True)
            self.model.set_rows(rows)
            found = self.model.find(lambda v: v.id == keep)
            select_row(self.table, found)
            self.table.selectionModel().blockSignals(False)
            self._fit()
            self.count.setText(self.tr("{n} standing orders").format(n=len(rows)))
            chosen = self.selected()
            if chosen is not None and self.editor.current is not None \
                    and self.editor.current.id == chosen.id and not self.editor.dirty() \
                    and chosen.version != self.editor.current.version:
                self.editor.show_view(chosen)  # changed elsewhere, nothing typed here
            self._update_actions()
            self._follow_customer()

        tasks.run(self, lambda: api.standing.list(text=text, include_inactive=ended),
                  key="list", on_success=show)  # only the newest search's rows

    def _fit(self) -> None:
        """Columns as wide as what they show (within their caps); the state takes the rest."""
        metrics = self.table.fontMetrics()
        unit = metrics.averageCharWidth()
        for column, most in enumerate(LIST_WIDTHS[:-1]):
            texts = [self.model.index(r, column).data() or ""
                     for r in range(min(self.model.rowCount(), 200))]
            texts.append(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(metrics.horizontalAdvance(t) for t in texts) + 16
            self.table.setColumnWidth(column, min(widest, most * unit + 16))

    def screenshot_pose(self) -> None:
        """For ``desktop.screenshots``: the second standing order open in the form."""
        if self.model.rowCount() > 1:
            self.table.setCurrentIndex(self.model.index(1, 0))

    def selected(self) -> StandingView | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _row_changed(self, current, previous) -> None:
        view = self.model.row(current.row()) if current.isValid() else None
        if view is not None and (self.editor.current is None
                                 or self.editor.current.id != view.id):
            if not self.editor.confirm_leave():
                self.table.selectionModel().blockSignals(True)
                self.table.setCurrentIndex(previous)
                self.table.selectionModel().blockSignals(False)
                return
            self.editor.show_view(view)
        self.status.clear()
        self._update_actions()
        self._follow_customer()

    def _follow_customer(self) -> None:
        """The calendar shows the customer of the standing order in the form."""
        view = self.editor.current or self.selected()
        if view is None:
            self.calendar.set_customer(None)
        else:
            self.calendar.set_customer(view.customer_id,
                                       f"{view.customer_code}  {view.customer_name}")

    def _update_actions(self) -> None:
        view = self.selected()
        active = view is not None and view.active
        paused = active and view.paused_from is not None
        self.pause_button.setEnabled(active)
        self.resume_button.setEnabled(paused)
        self.skip_button.setEnabled(active)
        self.end_button.setEnabled(active)

    def new_standing(self) -> None:
        if not self.editor.confirm_leave():
            return
        self.tabs.setCurrentIndex(LIST)
        self.table.selectionModel().blockSignals(True)
        select_row(self.table, None)
        self.table.selectionModel().blockSignals(False)
        self.editor.clear()
        self._update_actions()
        self.editor.focus_start()

    def _saved(self, view: StandingView) -> None:
        self.reload(select=view.id)

    # --- actions on the chosen standing order ---
    def _changed_to(self, view: StandingView, message: str) -> None:
        number = self.model.find(lambda v: v.id == view.id)
        if number is not None:
            self.model.replace(number, view)
        if self.editor.current is None or self.editor.current.id == view.id:
            self.editor.show_view(view)
        self.status.show_ok(message)
        self._update_actions()
        self.calendar.reload()
        self.reload(select=view.id)

    def _run_dialog(self, dialog, message) -> None:
        dialogs.run_dialog(dialog)
        if dialog.result is not None:
            self._changed_to(dialog.result, message(dialog.result))
        else:
            self.reload()  # a refusal inside the dialog may mean it changed elsewhere

    def pause(self) -> None:
        view = self.selected()
        if view is None or not self.pause_button.isEnabled():
            return
        self._run_dialog(PauseDialog(self.ctx, view, self), lambda v: self.tr(
            "Paused the standing order of {name}.").format(name=v.customer_name))

    def skip(self) -> None:
        view = self.selected()
        if view is None or not self.skip_button.isEnabled():
            return
        self._run_dialog(SkipDialog(self.ctx, view, self), lambda v: self.tr(
            "Next deliveries of {name}: {days}").format(
            name=v.customer_name, days=words.comma().join(d.isoformat() for d in v.next_dates[:3])))

    def resume(self) -> None:
        view = self.selected()
        if view is None or not self.resume_button.isEnabled():
            return
        api = self.ctx.api
        tasks.run(self, lambda: api.standing.resume(standing_id=view.id, version=view.version),
                  on_success=lambda v: self._changed_to(v, self.tr(
                      "Resumed the standing order of {name}.").format(name=v.customer_name)),
                  on_error=self._action_failed, disable=self.resume_button)

    def end(self) -> None:
        view = self.selected()
        if view is None or not self.end_button.isEnabled():
            return
        if not dialogs.ask(self, self.tr("End standing order"), self.tr(
                "End the standing order of {name} ({schedule})? No more orders are made from "
                "it; orders already made stay. It is kept, under Show ended.").format(
                name=view.customer_name,
                schedule=words.schedule_text(view.schedule, view.interval_days, view.days))):
            return
        api = self.ctx.api
        tasks.run(self, lambda: api.standing.end(standing_id=view.id, version=view.version),
                  on_success=lambda v: self._changed_to(v, self.tr(
                      "Ended the standing order of {name}.").format(name=v.customer_name)),
                  on_error=self._action_failed, disable=self.end_button)

    def _action_failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, StaleRecord):
            if dialogs.ask(self, self.tr("Changed elsewhere"), self.tr(
                    "This standing order was changed elsewhere. Reload the newer version?")):
                self.reload()
            return
        if isinstance(exc, DomainError):
            self.status.show_error(errors.message(exc))
            return
        errors.show(self, exc, details)

    # --- generating ---
    def generate(self) -> None:
        dialogs.run_dialog(GenerateDialog(self.ctx, self))
        self.reload()
        self.refusals.reload()

    # --- the refusals' badge ---
    def _show_count(self, count: int) -> None:
        self._refusal_count = count
        if count:
            text = self.tr("&Refused orders ({n})").format(n=count)
        else:
            text = self.tr("&Refused orders")
        self.tabs.setTabText(REFUSALS, text)
        self.tabs.tabBar().setTabTextColor(REFUSALS, _ALERT if count else QColor())

    def refusal_count(self) -> int:
        return self._refusal_count

    # --- keys and events ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            if event.key() in _MOVE_KEYS:
                self.table.keyPressEvent(event)  # the focus stays in the search
                return True
            if event.key() in _ENTER_KEYS and not event.modifiers():
                if self._search_timer.isActive():
                    self.reload()
                elif self.selected() is not None:
                    self.editor.focus_start()
                return True
        return super().eventFilter(watched, event)

    def _on_changed(self, changes: Changes) -> None:
        """A save here or on another workstation: the list, the calendar and the refusals
        again; the search as typed, the chosen row and a form with unsaved input kept
        (``reload`` shows a newer version in the form only when nothing is typed there)."""
        if any(changes.touches(kind) for kind in LIST_SHOWS):
            self.reload()
            self.calendar.reload()
        if any(changes.touches(kind) for kind in REFUSALS_SHOW):
            self.refusals.reload()
