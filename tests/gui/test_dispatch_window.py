"""The Dispatch window on a real SQLite database: the board, planning in a child process
(short), Stop, drag and drop, Move to…, locks kept on re-planning, drivers, confirming and
the route sheets, the picture, and a planner that fails or dies."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QDialog

from core import changes
from core.services import customers, dispatch, fleet, orders, settings
from desktop import dialogs
from desktop.windows.dispatch import planner
from desktop.windows.dispatch.stops import MIME, ORDER_ROLE, order_mime
from desktop.windows.dispatch.view import DispatchWindow
from tests.gui import records
from tests.gui.records import settle
from tests.integration.shop import line, make_products, order_for

DEPOT = (24.1631, 120.6337)
PLAN_TIMEOUT_MS = 60_000  # a child process starts, imports the solver and plans for 1 s


@pytest.fixture
def day(sqlite_engine):
    return settings.get_company(sqlite_engine).next_working_day(date.today())


@pytest.fixture
def shop(sqlite_engine, sqlite_seeded, day):
    """A depot, two drivers, three trucks (10, 10 and 6 cylinders) and six customers around
    the depot with an order of two 20 kg cylinders each for ``day``."""
    engine, seeded = sqlite_engine, sqlite_seeded
    settings.update_company(engine, seeded["admin"].actor, depot_lat=str(DEPOT[0]),
                            depot_lon=str(DEPOT[1]), day_start="08:00", day_end="18:00")
    products = make_products(engine, seeded["manager"].actor)
    actor = seeded["dispatcher"].actor
    chen = fleet.save_driver(engine, actor, name="陳志明")
    lin = fleet.save_driver(engine, actor, name="林大同")
    vans = [fleet.save_vehicle(engine, actor, plate="ABC-0001", capacity=10, driver_id=chen.id),
            fleet.save_vehicle(engine, actor, plate="ABC-0002", capacity=10, driver_id=lin.id),
            fleet.save_vehicle(engine, actor, plate="ABC-0003", capacity=6)]
    placed = []
    for i in range(6):
        c = customers.save(engine, seeded["manager"].actor, customers.CustomerInput(
            code=f"C{i:03d}", name=f"好味道小吃店 {i}", credit_limit=Decimal(1_000_000),
            address=f"台中市西區民權路{i + 1}號",
            lat=DEPOT[0] + 0.01 * ((i % 3) - 1), lon=DEPOT[1] + 0.012 * ((i // 3) - 0.5)))
        placed.append(orders.place(engine, seeded["clerk"].actor,
                                   order_for(c, line(products.lpg20, 2), delivery_date=day)))
    return {"vans": vans, "orders": placed, "drivers": (chen, lin)}


@pytest.fixture
def window(qtbot, shop, sqlite_seeded, make_ctx):
    w = DispatchWindow(make_ctx(sqlite_seeded["dispatcher"]))
    w.plan_seconds = {"quick": 1, "thorough": 60}
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    settle(qtbot)
    yield w
    w.runner.shutdown()


def plan_and_wait(qtbot, window, button=None) -> None:
    (button or window.plan_button).click()
    assert window.runner.running
    qtbot.waitUntil(lambda: not window.runner.running, timeout=PLAN_TIMEOUT_MS)
    settle(qtbot)


def routes_of(window) -> dict[str, list[int]]:
    """Plate -> the order ids on its route, as the board shows them."""
    return {r.plate: [s.order_id for s in r.stops] for r in window.board.routes}


def shown_in(stop_list) -> list[int]:
    return [stop_list.item(i).data(ORDER_ROLE) for i in range(stop_list.count())]


def vehicle(shop, plate: str) -> fleet.VehicleView:
    return next(v for v in shop["vans"] if v.plate == plate)


def test_the_board_opens_on_the_next_working_day_with_its_orders_and_the_free_trucks(
        window, shop, day):
    assert window.day() == day
    assert sorted(window.unplanned.orders()) == sorted(o.id for o in shop["orders"])
    first = window.unplanned.topLevelItem(0)
    assert first.text(0) == "C000  好味道小吃店 0"
    assert first.text(3) == "LPG-20 ×2" and first.text(1) == "2"
    assert first.text(6) == window.ctx.money(shop["orders"][0].total)
    assert first.text(5) == "台中市西區民權路1號"
    assert window.unplanned.isColumnHidden(4)  # no plan has left anything out
    free = [c for c in window.columns if c.isVisible()]
    assert [c.plate.text() for c in free] == ["ABC-0001", "ABC-0002", "ABC-0003"]
    assert [c.load.text() for c in free] == ["0 / 10 cylinders", "0 / 10 cylinders",
                                             "0 / 6 cylinders"]
    assert window.plan_button.isEnabled() and not window.confirm_button.isEnabled()
    assert len(window.picture.dots) == 6 and window.picture.depot_item is not None
    assert window.picture.paths == {}


def test_planning_runs_in_a_child_process_and_the_window_keeps_answering(
        qtbot, window, shop, sqlite_seeded, day):
    engine = window.ctx.engine
    nowhere = customers.save(engine, sqlite_seeded["manager"].actor, customers.CustomerInput(
        code="C999", name="無座標商行", credit_limit=Decimal(1_000_000)))
    lpg20 = next(o.product_id for o in orders.price_list(engine, customer_id=nowhere.id, day=day)
                 if o.sku == "LPG-20")
    lost = orders.place(engine, sqlite_seeded["clerk"].actor,
                        order_for(nowhere, orders.LineInput(lpg20, 1), delivery_date=day))
    window.reload()
    settle(qtbot)
    gaps, last = [], [time.monotonic()]

    def tick():
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer(window)
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(tick)
    heartbeat.start()
    progress, routed = [], []
    window.runner.progressed.connect(progress.append)
    window.ctx.events.changed.connect(routed.append)
    plan_and_wait(qtbot, window)
    heartbeat.stop()
    # What the child committed reached this workstation's windows, as any api call's does.
    assert [c.touches("routes", day) for c in routed] == [True]

    # The UI thread kept running its timers while the solver searched in the child.
    assert progress and max(progress) == 1.0
    assert max(gaps) < 0.5, f"the window froze for {max(gaps):.2f} s"
    print(f"longest pause of the UI thread while planning: {max(gaps) * 1000:.0f} ms")
    board = window.board
    placed = [s.order_id for r in board.routes for s in r.stops]
    assert sorted(placed) == sorted(o.id for o in shop["orders"])
    # The order the planner could not place stays on no route, with why.
    assert [s.order_id for s in board.unplanned] == [lost.id]
    assert not window.unplanned.isColumnHidden(4)
    assert window.unplanned.topLevelItem(0).text(4) == "the customer has no coordinates"
    assert "1 could not be placed" in window.status.text()
    for route in board.routes:
        assert route.load <= route.capacity and route.distance_m > 0
        column = next(c for c in window.columns if c.route and c.route.id == route.id)
        assert column.load.text() == f"{route.load} / {route.capacity} cylinders"
        assert shown_in(column.stops) == [s.order_id for s in route.stops]
        assert "km" in column.figures.text()
        assert column.stops.item(0).text().split()[1].count(":") == 1  # the arrival time
    # One coloured polyline per route on the picture.
    assert set(window.picture.paths) == {r.id for r in board.routes}
    assert len({p.pen().color().name() for p in window.picture.paths.values()}) == \
        len(board.routes)
    assert "Planned in" in window.status.text() and "6 orders on" in window.status.text()
    assert window.plan_button.text() == "Re-&plan routes" and window.confirm_button.isEnabled()


def test_dropping_orders_moves_them_between_trucks_positions_and_the_unplanned(
        qtbot, window, shop):
    a, b, c = (o.id for o in shop["orders"][:3])
    first = window.list_of_vehicle(vehicle(shop, "ABC-0001").id)
    assert window.drop_on(first, a)  # a free truck: a new route
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [a]}
    route = window.list_of_route(window.board.routes[0].id)
    assert window.drop_on(route, b, row=0)  # before a
    settle(qtbot)
    assert window.drop_on(window.list_of_route(window.board.routes[0].id), c, row=1)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [b, c, a]}
    assert shown_in(window.list_of_route(window.board.routes[0].id)) == [b, c, a]
    assert c not in window.unplanned.orders()

    # Within the route: b to the end, then a to the front.
    route_list = window.list_of_route(window.board.routes[0].id)
    assert window.drop_on(route_list, b, row=3)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [c, a, b]}
    assert window.drop_on(window.list_of_route(window.board.routes[0].id), a, row=0)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [a, c, b]}
    # Dropped where it already is: nothing to do.
    assert not window.drop_on(window.list_of_route(window.board.routes[0].id), a, row=1)

    # To another truck, and back to the unplanned orders.
    second = window.list_of_vehicle(vehicle(shop, "ABC-0002").id)
    assert window.drop_on(second, c)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [a, b], "ABC-0002": [c]}
    assert window.drop_on(window.unplanned, b)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [a], "ABC-0002": [c]}
    assert b in window.unplanned.orders()
    # An unplanned order dropped on the unplanned list stays as it is.
    assert not window.drop_on(window.unplanned, b)
    # What the core holds is what the window shows.
    assert routes_of(window) == {r.plate: [s.order_id for s in r.stops]
                                 for r in dispatch.board(window.ctx.engine, window.day()).routes}
    assert [c.plate.text() for c in window.columns if c.isVisible()] == \
        ["ABC-0001", "ABC-0002", "ABC-0003"]


def test_a_real_drop_event_carries_the_order_in_its_own_mime_type(qtbot, window, shop):
    """The lists' drag side: what a drag from a list carries, and a drop on a list."""
    a = shop["orders"][0].id
    window.unplanned.setCurrentItem(window.unplanned.topLevelItem(0))
    mime = window.unplanned.mimeData([window.unplanned.topLevelItem(0)])
    assert mime.hasFormat(MIME) and window.unplanned.mimeTypes() == [MIME]
    assert window.list_of_vehicle(vehicle(shop, "ABC-0003").id).drop(mime, 0)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0003": [a]}
    route_list = window.list_of_route(window.board.routes[0].id)
    dragged = route_list.mimeData([route_list.item(0)])
    assert window.unplanned.drop(dragged)
    settle(qtbot)
    assert window.board.routes == ()  # its last stop gone, the truck is free again
    assert vehicle(shop, "ABC-0003").id in [v[0] for v in window.board.free_vehicles]
    assert a in window.unplanned.orders()


def test_a_drop_event_lands_before_the_row_under_the_mouse(qtbot, window, shop):
    """The event path of a mouse drop: the row under the pointer, its lower half after it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    a, b, c = (o.id for o in shop["orders"][:3])
    window.drop_on(window.list_of_vehicle(vehicle(shop, "ABC-0001").id), a)
    settle(qtbot)
    window.drop_on(window.list_of_route(window.board.routes[0].id), b)
    settle(qtbot)
    stops = window.list_of_route(window.board.routes[0].id)
    row = stops.visualItemRect(stops.item(1))
    upper = QPointF(row.left() + 10, row.top() + 3)  # the upper half of b's row: before b
    mime = order_mime(c, None, -1)  # kept here: the event does not own it
    event = QDropEvent(upper, Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    stops.dropEvent(event)
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [a, c, b]}
    # A drop the list cannot take (another application's text) is ignored.
    from PySide6.QtCore import QMimeData

    text = QMimeData()
    text.setText("C000")
    event = QDropEvent(upper, Qt.DropAction.CopyAction, text,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    stops.dropEvent(event)
    assert not event.isAccepted()


def test_move_to_puts_the_chosen_order_where_the_dialog_says(qtbot, window, shop, monkeypatch):
    a, b = shop["orders"][0].id, shop["orders"][1].id
    window.drop_on(window.list_of_vehicle(vehicle(shop, "ABC-0002").id), a)
    settle(qtbot)
    window.select_order(b)

    def choose(dialog):
        labels = [dialog.target.itemText(i) for i in range(dialog.target.count())]
        assert labels[0].startswith("ABC-0002 · 林大同 · 1 stops")
        assert "ABC-0001 · a new route" in labels
        dialog.target.setCurrentIndex(0)
        assert dialog.position.maximum() == 2 and dialog.position.value() == 2
        dialog.position.setValue(1)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "run_dialog", choose)
    window.move_selected()
    settle(qtbot)
    assert routes_of(window) == {"ABC-0002": [b, a]}
    # Keys: Alt+Down moves the chosen stop one place later, Delete takes it off the route.
    window.select_order(b)
    window.shift_selected(1)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0002": [a, b]}
    window.select_order(b)
    window.unplan_selected()
    settle(qtbot)
    assert routes_of(window) == {"ABC-0002": [a]}


def test_a_locked_stop_stays_on_its_truck_when_the_day_is_planned_again(
        qtbot, window, shop, answers):
    a = shop["orders"][5].id
    small = vehicle(shop, "ABC-0003")
    window.drop_on(window.list_of_vehicle(small.id), a)
    settle(qtbot)
    stops = window.list_of_route(window.board.routes[0].id)
    stops.item(0).setCheckState(Qt.CheckState.Checked)  # what a click on its box does
    settle(qtbot)
    assert window.board.routes[0].stops[0].locked
    plan_and_wait(qtbot, window)  # the locked stop only: nothing unlocked to ask about
    assert window.board.unplanned == ()
    small_route = next(r for r in window.board.routes if r.vehicle_id == small.id)
    assert a in [s.order_id for s in small_route.stops]
    assert next(s for s in small_route.stops if s.order_id == a).locked
    column = next(c for c in window.columns if c.route and c.route.id == small_route.id)
    row = shown_in(column.stops).index(a)
    assert column.stops.item(row).checkState() == Qt.CheckState.Checked

    # Re-planning over unlocked stops asks first; No leaves the plan as it is.
    answers.append(False)
    window.plan_button.click()
    assert not window.runner.running and dialogs.shown[-1][1] == "Re-plan routes"
    answers.append(True)
    plan_and_wait(qtbot, window)
    small_route = next(r for r in window.board.routes if r.vehicle_id == small.id)
    assert next(s for s in small_route.stops if s.order_id == a).locked


def test_choosing_a_routes_driver(qtbot, window, shop):
    window.drop_on(window.list_of_vehicle(vehicle(shop, "ABC-0003").id), shop["orders"][0].id)
    settle(qtbot)
    column = next(c for c in window.columns if c.route is not None)
    assert column.driver.currentText() == "(no driver)"
    index = column.driver.findText("林大同")
    column.driver.setCurrentIndex(index)
    column.driver.activated.emit(index)
    settle(qtbot)
    assert window.board.routes[0].driver_name == "林大同"
    assert column.driver.currentText() == "林大同"


def test_confirming_the_plan_schedules_its_orders_and_opens_the_route_sheets(
        qtbot, window, shop, answers):
    placed = [o.id for o in shop["orders"][:4]]
    window.drop_on(window.list_of_vehicle(vehicle(shop, "ABC-0001").id), placed[0])
    settle(qtbot)
    window.drop_on(window.list_of_route(window.board.routes[0].id), placed[1])
    settle(qtbot)
    answers.append(False)  # asked first: No confirms nothing
    window.confirm_button.click()
    settle(qtbot)
    assert {orders.get(window.ctx.engine, i).status for i in placed[:2]} == {"confirmed"}
    question = dialogs.shown[-1][2]
    assert "2 orders" in question and "Orders that stay on no route: 4" in question
    answers.append(True)
    window.confirm_button.click()
    settle(qtbot)
    assert [orders.get(window.ctx.engine, i).status for i in placed[:2]] == ["scheduled"] * 2
    assert orders.get(window.ctx.engine, placed[2]).status == "confirmed"
    column = next(c for c in window.columns if c.route is not None)
    assert column.state.text() == "confirmed"
    assert not column.stops.accepting and not window.confirm_button.isEnabled()
    assert "2 orders scheduled" in window.status.text()

    assert window.sheets_button.isEnabled()
    window.sheets_button.click()  # the preview only shows: answers are set (tests)
    settle(qtbot)
    assert window.preview_dialog.page_count() >= 1
    window.preview_dialog.close()


def test_the_picture_shows_each_stop_with_its_customer_and_rings_the_chosen_one(
        qtbot, window, shop):
    a, b = shop["orders"][0].id, shop["orders"][1].id
    window.drop_on(window.list_of_vehicle(vehicle(shop, "ABC-0001").id), a)
    settle(qtbot)
    window.drop_on(window.list_of_route(window.board.routes[0].id), b)
    settle(qtbot)
    picture = window.picture
    assert len(picture.paths) == 1
    path = next(iter(picture.paths.values())).path()
    assert path.elementCount() == 4  # depot, a, b, depot
    assert "好味道小吃店 0" in picture.dots[a].toolTip()
    assert shop["orders"][0].number in picture.dots[a].toolTip()
    unplanned = shop["orders"][3].id
    assert picture.dots[unplanned].brush().color().name() == "#9e9e9e"
    window.list_of_route(window.board.routes[0].id).setCurrentRow(1)
    assert picture.highlighted() == b
    window.unplanned.setCurrentItem(window.unplanned.topLevelItem(0))
    assert picture.highlighted() == window.unplanned.current_order()
    # Clicking a dot chooses its order in its list.
    picture.stop_clicked.emit(a)
    assert window.selected_order() == a and picture.highlighted() == a


def test_stop_ends_a_long_plan_within_seconds_and_keeps_the_best_found(qtbot, window, shop):
    progress = []
    window.runner.progressed.connect(progress.append)
    window.thorough_button.click()
    assert window.stop_button.isVisible() and not window.unplanned.isEnabled()
    qtbot.waitUntil(lambda: bool(progress), timeout=PLAN_TIMEOUT_MS)  # the search is under way
    stopped = time.monotonic()
    window.stop_button.click()
    qtbot.waitUntil(lambda: not window.runner.running, timeout=10_000)
    assert time.monotonic() - stopped < 5
    settle(qtbot)
    assert not window.stop_button.isVisible() and window.unplanned.isEnabled()
    assert sum(len(r.stops) for r in window.board.routes) == 6


def test_a_driver_added_while_the_planner_runs_is_offered_when_it_ends(
        qtbot, window, sqlite_seeded, make_ctx):
    other = make_ctx(sqlite_seeded["dispatcher"])
    window.plan_button.click()
    assert window.runner.running
    with changes.collect() as got:
        other.api.fleet.save_driver(name="張新來")
    window.ctx.events.changed.emit(got.value)  # while it runs: noted, loaded at its end
    qtbot.waitUntil(lambda: not window.runner.running, timeout=PLAN_TIMEOUT_MS)
    settle(qtbot)
    column = next(c for c in window.columns if c.route is not None)
    assert column.driver.findText("張新來") >= 0  # the plan's board, the drivers reloaded


def test_a_planner_that_fails_is_shown_on_the_one_error_path(qtbot, window, monkeypatch):
    monkeypatch.setattr(planner, "database_url",
                        lambda engine: "sqlite:////nonexistent/folder/roundsman.sqlite3")
    plan_and_wait(qtbot, window)
    kind, title, _text = dialogs.shown[-1]
    assert (kind, title) == ("warn", "Something went wrong")
    assert window.plan_button.isEnabled() and window.board.routes == ()


def test_a_planner_process_that_dies_is_reported_not_waited_for(qtbot, window):
    window.plan_button.click()
    window.runner._process.kill()
    qtbot.waitUntil(lambda: not window.runner.running, timeout=10_000)
    settle(qtbot)
    assert dialogs.shown[-1][:2] == ("warn", "Something went wrong")
    assert window.plan_button.isEnabled()


def test_a_refusal_from_the_core_comes_back_in_the_users_words(qtbot, window, shop,
                                                                sqlite_seeded):
    for van in shop["vans"]:
        fleet.save_vehicle(window.ctx.engine, sqlite_seeded["dispatcher"].actor,
                           plate=van.plate, capacity=van.capacity, active=False,
                           vehicle_id=van.id, version=van.version)
    plan_and_wait(qtbot, window)
    assert "Choose at least one vehicle" in window.status.text()


def test_without_a_depot_planning_is_not_offered_and_the_window_says_why(
        qtbot, sqlite_engine, sqlite_seeded, make_ctx):
    w = DispatchWindow(make_ctx(sqlite_seeded["dispatcher"]))
    qtbot.addWidget(w)
    w.show()
    settle(qtbot)
    assert not w.plan_button.isEnabled()
    assert "depot has no coordinates" in w.summary.text()


def test_mime_without_an_order_is_refused(qtbot, window, shop):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setText("12")
    assert not window.unplanned.drop(mime)
    assert not window.list_of_vehicle(shop["vans"][0].id).drop(mime, 0)
    assert window.list_of_vehicle(shop["vans"][0].id).drop(order_mime(shop["orders"][0].id,
                                                                       None, -1), 0)
    settle(qtbot)
    assert routes_of(window) == {"ABC-0001": [shop["orders"][0].id]}


def test_missing_coordinates_are_looked_up_and_the_order_can_then_be_planned(
        qtbot, shop, sqlite_engine, sqlite_seeded, make_ctx, day):
    from tests.integration.test_geocoding import KNOWN, FakeNominatim
    import threading

    server = FakeNominatim()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        manager = sqlite_seeded["manager"].actor
        settings.update_company(sqlite_engine, sqlite_seeded["admin"].actor,
                                routing_url=server.url)
        address = next(iter(KNOWN))
        c = customers.save(sqlite_engine, manager, customers.CustomerInput(
            code="C100", name="新客戶", address=address, credit_limit=Decimal(100_000)))
        lost = customers.save(sqlite_engine, manager, customers.CustomerInput(
            code="C101", name="地址不明", address="火星路1號", credit_limit=Decimal(100_000)))
        products = {p.sku: p for p in orders.price_list(sqlite_engine, customer_id=c.id, day=day)}
        for who in (c, lost):
            orders.place(sqlite_engine, sqlite_seeded["clerk"].actor, orders.OrderInput(
                customer_id=who.id, delivery_date=day,
                lines=(orders.LineInput(products["LPG-20"].product_id, 1),)))
        w = DispatchWindow(make_ctx(sqlite_seeded["dispatcher"]))
        qtbot.addWidget(w)
        w.show()
        settle(qtbot)
        assert w.geocode_button.isVisible()
        w.geocode_button.click()
        qtbot.waitUntil(lambda: "Coordinates found for 1 customers" in w.status.text(),
                        timeout=10_000)
        assert "C101" in w.status.text()
        settle(qtbot)
        found = customers.get(sqlite_engine, c.id)
        assert (found.lat, found.lon) == KNOWN[address]
        assert w.geocode_button.isVisible()  # C101 still has none
    finally:
        server.shutdown()
        server.server_close()


def test_a_truck_added_in_the_fleet_window_appears_on_the_board(qtbot, window, shop,
                                                               sqlite_seeded, make_ctx):
    chosen = shop["orders"][2].id
    window.select_order(chosen)
    other = make_ctx(sqlite_seeded["dispatcher"])  # the Drivers and vehicles window's save
    with changes.collect() as got:
        other.api.fleet.save_vehicle(plate="NEW-0004", capacity=8)
    assert got.value.kinds() == {"fleet", "stock"}  # a new truck has its stock place
    window.ctx.events.changed.emit(got.value)
    qtbot.waitUntil(lambda: "NEW-0004" in [c.plate.text() for c in window.columns
                                           if c.isVisible()])
    settle(qtbot)
    assert window.selected_order() == chosen


def test_an_order_placed_on_another_workstation_appears_with_the_chosen_order_kept(
        qtbot, window, shop, sqlite_engine, sqlite_seeded, day):
    a, chosen = shop["orders"][0].id, shop["orders"][4].id
    window.drop_on(window.list_of_vehicle(vehicle(shop, "ABC-0001").id), a)
    settle(qtbot)
    window.select_order(chosen)
    clerk = records.context(sqlite_engine, "clerk")
    c = customers.get_by_code(sqlite_engine, "C001")
    lpg20 = next(o.product_id for o in orders.price_list(sqlite_engine, customer_id=c.id,
                                                         day=day) if o.sku == "LPG-20")
    with changes.collect() as got:
        placed = clerk.api.orders.place(data=order_for(c, orders.LineInput(lpg20, 3),
                                                       delivery_date=day))
    assert placed.id not in window.unplanned.orders()
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert placed.id in window.unplanned.orders()
    assert window.unplanned_title.text() == "Orders on no route: 6"
    assert window.selected_order() == chosen and window.picture.highlighted() == chosen
    assert routes_of(window) == {"ABC-0001": [a]}
    # Another day's routes are not this board's: nothing is loaded for them.
    loads = []
    real = window.ctx.api.call
    window.ctx.api.call = lambda name, **kw: loads.append(name) or real(name, **kw)
    window.ctx.events.changed.emit(changes.Changes.of(routes=[date(2001, 1, 2)]))
    settle(qtbot)
    assert loads == []
