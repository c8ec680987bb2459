"""The route planner: plans checked independently of the solver that made them."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.routing.distances import Matrix
from core.routing.solver import (
    CAPACITY,
    NO_VEHICLE,
    QUICK_SECONDS,
    REASONS,
    THOROUGH_SECONDS,
    TIME_WINDOW,
    UNLIMITED,
    LockedRouteInfeasible,
    Problem,
    Stop,
    VehicleSpec,
    solve,
)

HOUR = 3600


def euclid(coords: list[tuple[int, int]], speed: int = 1) -> Matrix:
    """Metres between grid points; seconds at ``speed`` metres per second."""
    d = [[round(math.dist(a, b)) for b in coords] for a in coords]
    return Matrix(d, [[v // speed for v in row] for row in d])


def check(problem: Problem, plan) -> None:
    """Every stop once; load, windows, working day and depot hours — recomputed here."""
    row = {s.key: n + 1 for n, s in enumerate(problem.stops)}
    stop = {s.key: s for s in problem.stops}
    vehicle = {v.key: v for v in problem.vehicles}
    on_routes = [k for r in plan.routes for k in r.stops]
    left = [k for k, _ in plan.unplaced]
    assert sorted(on_routes + left, key=repr) == sorted(row, key=repr), "a stop is lost or twice"
    assert all(reason in REASONS for _, reason in plan.unplaced)
    assert len({r.vehicle_key for r in plan.routes}) == len(plan.routes), "a vehicle used twice"
    dist, dur = problem.matrix.distance_m, problem.matrix.duration_s
    opens, closes = problem.depot_window
    for r in plan.routes:
        v = vehicle[r.vehicle_key]
        assert r.stops, "an empty route"
        if isinstance(v.capacity, int):
            assert r.load == sum(stop[k].demand for k in r.stops) <= v.capacity
        else:
            assert list(r.load) == [sum(stop[k].demand[u] for k in r.stops)
                                    for u in range(len(v.capacity))]
            assert all(x <= c for x, c in zip(r.load, v.capacity, strict=True))
        # Earliest departure, waiting when early: a feasible route stays feasible this way.
        t, here, metres = max(v.start_s, opens), 0, 0
        for k in r.stops:
            t += dur[here][row[k]]
            metres += dist[here][row[k]]
            window = stop[k].window
            if window:
                t = max(t, window[0])
                assert t <= window[1], f"{k} served after its window"
            t += stop[k].service_s
            here = row[k]
        t += dur[here][0]
        metres += dist[here][0]
        assert t <= min(v.end_s, closes), "back after the working day"
        assert r.distance_m == metres
        # The route's own schedule agrees with the matrix and the windows.
        assert max(v.start_s, opens) <= r.depart_s and r.return_s <= min(v.end_s, closes)
        assert r.duration_s == r.return_s - r.depart_s
        t, here = r.depart_s, 0
        for k, arrival in zip(r.stops, r.arrivals_s, strict=True):
            assert arrival >= t + dur[here][row[k]]
            if stop[k].window:
                assert stop[k].window[0] <= arrival <= stop[k].window[1]
            t, here = arrival + stop[k].service_s, row[k]
        assert r.return_s >= t + dur[here][0]
    assert plan.cost == sum(r.distance_m for r in plan.routes)


@st.composite
def problems(draw) -> Problem:
    n = draw(st.integers(1, 8))
    coords = draw(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)),
                           min_size=n + 1, max_size=n + 1))
    day = (0, draw(st.integers(150, 600)))
    stops = []
    for i in range(n):
        window = None
        if draw(st.booleans()):
            early = draw(st.integers(0, day[1]))
            window = (early, early + draw(st.integers(0, 200)))
        stops.append(Stop(key=f"s{i}", demand=draw(st.integers(0, 7)),
                          service_s=draw(st.integers(0, 20)), window=window))
    vehicles = []
    for j in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, 100))
        vehicles.append(VehicleSpec(key=f"v{j}", capacity=draw(st.integers(1, 12)),
                                    start_s=start, end_s=start + draw(st.integers(50, 500))))
    locked = {}
    if draw(st.booleans()):  # a few stops locked, in a drawn order, on a drawn vehicle
        keys = draw(st.permutations([s.key for s in stops]))[:draw(st.integers(1, 3))]
        locked = {draw(st.sampled_from(vehicles)).key: keys}
    return Problem(depot_window=day, stops=stops, vehicles=vehicles, matrix=euclid(coords),
                   locked=locked)


def fits_alone(problem: Problem, vehicle_key, keys) -> bool:
    """Whether the vehicle can drive exactly these stops in this order (recomputed here)."""
    row = {s.key: n + 1 for n, s in enumerate(problem.stops)}
    stop = {s.key: s for s in problem.stops}
    v = next(v for v in problem.vehicles if v.key == vehicle_key)
    dur = problem.matrix.duration_s
    if sum(stop[k].demand for k in keys) > v.capacity:
        return False
    t, here = max(v.start_s, problem.depot_window[0]), 0
    for k in keys:
        t += dur[here][row[k]]
        if stop[k].window:
            t = max(t, stop[k].window[0])
            if t > stop[k].window[1]:
                return False
        t += stop[k].service_s
        here = row[k]
    return t + dur[here][0] <= min(v.end_s, problem.depot_window[1])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_plans_never_break_capacity_time_windows_or_the_working_day(problem):
    try:
        plan = solve(problem, seconds=0.2)
    except LockedRouteInfeasible:
        ((vehicle_key, keys),) = problem.locked.items()
        assert not fits_alone(problem, vehicle_key, keys)
        return
    check(problem, plan)
    for vehicle_key, keys in problem.locked.items():
        route = next(r.stops for r in plan.routes if r.vehicle_key == vehicle_key)
        assert [k for k in route if k in keys] == list(keys)
    biggest = max(v.capacity for v in problem.vehicles)  # one unit here
    for key, reason in plan.unplaced:
        demand = next(s.demand for s in problem.stops if s.key == key)
        assert (reason == CAPACITY) == (demand > biggest)


def day(n: int = 40, vehicles: int = 4, capacity: int = 25) -> Problem:
    coords = [(500, 500)] + [((i * 137) % 1000, (i * 251) % 1000) for i in range(1, n + 1)]
    stops = [Stop(key=i, demand=1 + i % 4, service_s=120,
                  window=(2 * HOUR + (i % 5) * HOUR, 4 * HOUR + (i % 5) * HOUR) if i % 3 == 0
                  else None) for i in range(1, n + 1)]
    fleet = [VehicleSpec(key=f"truck {j}", capacity=capacity, start_s=HOUR, end_s=11 * HOUR)
             for j in range(vehicles)]
    return Problem(depot_window=(0, 12 * HOUR), stops=stops, vehicles=fleet,
                   matrix=euclid(coords, speed=1))


def test_the_quick_and_thorough_settings_are_10_and_60_seconds():
    assert (QUICK_SECONDS, THOROUGH_SECONDS) == (10, 60)


def test_the_same_seed_plans_the_same_day_the_same_way():
    problem = day()
    first = solve(problem, seconds=30, iterations=3000, seed=7)
    second = solve(problem, seconds=30, iterations=3000, seed=7)
    check(problem, first)
    assert first.routes == second.routes and first.unplaced == second.unplaced
    assert not first.unplaced


def test_a_small_day_plans_the_same_way_twice_on_a_time_limit():
    problem = day(12, vehicles=2)
    assert solve(problem, seconds=0.5).routes == solve(problem, seconds=0.5).routes


def test_unservable_stops_come_back_with_their_reason():
    coords = [(0, 0), (10, 0), (20, 0), (5000, 0), (30, 0)]
    stops = [Stop("fits", 3), Stop("too heavy", 30), Stop("too far", 1),
             Stop("closed window", 1, window=(0, 5))]  # 30 m away at 1 m/s: arrives at 30
    problem = Problem(depot_window=(0, 1000), stops=stops,
                      vehicles=[VehicleSpec("van", 10, 0, 1000), VehicleSpec("truck", 20, 0, 900)],
                      matrix=euclid(coords))
    plan = solve(problem, seconds=0.3)
    check(problem, plan)
    assert dict(plan.unplaced) == {"too heavy": CAPACITY, "too far": NO_VEHICLE,
                                   "closed window": TIME_WINDOW}
    assert [r.stops for r in plan.routes] == [["fits"]]


def test_stops_beyond_the_fleets_room_are_unplaced_not_dropped():
    coords = [(0, 0), (10, 0), (0, 10), (10, 10), (-10, 0)]
    stops = [Stop(f"s{i}", 4) for i in range(4)]
    problem = Problem(depot_window=(0, 1000), stops=stops,
                      vehicles=[VehicleSpec("van", 9, 0, 1000)], matrix=euclid(coords))
    plan = solve(problem, seconds=0.3)
    check(problem, plan)
    assert len(plan.routes[0].stops) == 2
    assert [reason for _, reason in plan.unplaced] == [NO_VEHICLE, NO_VEHICLE]


def test_without_vehicles_every_stop_is_unplaced():
    problem = Problem(depot_window=(0, 100), stops=[Stop("a", 1), Stop("b", 1)], vehicles=[],
                      matrix=euclid([(0, 0), (1, 1), (2, 2)]))
    plan = solve(problem, seconds=0.1)
    assert plan.routes == [] and plan.unplaced == [("a", NO_VEHICLE), ("b", NO_VEHICLE)]


def test_a_vehicle_outside_the_depots_hours_is_not_used():
    problem = Problem(depot_window=(0, 100), stops=[Stop("a", 1)],
                      vehicles=[VehicleSpec("night", 5, 200, 400), VehicleSpec("day", 5, 0, 100)],
                      matrix=euclid([(0, 0), (10, 0)]))
    plan = solve(problem, seconds=0.1)
    check(problem, plan)
    assert [r.vehicle_key for r in plan.routes] == ["day"]


def test_locked_stops_keep_their_vehicle_and_order_and_the_rest_is_planned_around_them():
    problem = day(30, vehicles=3, capacity=30)
    # A deliberately poor order on the last truck: the planner would never choose it.
    locked = {"truck 2": [7, 1, 22, 4], "truck 0": [9]}
    plan = solve(Problem(problem.depot_window, problem.stops, problem.vehicles, problem.matrix,
                         locked), seconds=1.0)
    check(problem, plan)
    assert not plan.unplaced
    routes = {r.vehicle_key: r.stops for r in plan.routes}
    assert [k for k in routes["truck 2"] if k in (7, 1, 22, 4)] == [7, 1, 22, 4]
    assert 9 in routes["truck 0"]
    for key, stops in routes.items():
        if key != "truck 2":
            assert not {7, 1, 22, 4} & set(stops)
    assert sum(len(s) for s in routes.values()) == 30


def test_locked_stops_that_overfill_their_vehicle_are_refused():
    problem = day(10, vehicles=2, capacity=5)
    locked = {"truck 1": [1, 2, 3]}  # demands 2 + 3 + 4 > 5
    with pytest.raises(LockedRouteInfeasible) as caught:
        solve(Problem(problem.depot_window, problem.stops, problem.vehicles, problem.matrix,
                      locked), seconds=0.2)
    assert "truck 1" in caught.value.message()


def test_progress_is_reported_and_should_stop_ends_the_search_early():
    problem = day(60, vehicles=5)
    reports: list[float] = []
    calls = []

    def should_stop():
        calls.append(1)
        return len(reports) >= 2

    plan = solve(problem, seconds=30, progress=reports.append, should_stop=should_stop)
    check(problem, plan)
    assert plan.stopped_early and plan.seconds < 5
    assert len(reports) >= 3 and all(0 <= f < 0.2 for f in reports[:-1]) and reports[-1] == 1.0
    assert reports == sorted(reports) and calls


def test_loads_in_several_units_each_stay_within_their_capacity():
    # Cylinders and kilograms: the van counts only cylinders, the truck only kilograms.
    coords = [(0, 0)] + [(10 * i, 5 * (i % 3)) for i in range(1, 9)]
    stops = [Stop(f"s{i}", (2, 30 * i), 10) for i in range(1, 9)]
    fleet = [VehicleSpec("van", (6, UNLIMITED), 0, 2000),
             VehicleSpec("truck", (UNLIMITED, 200), 0, 2000),
             VehicleSpec("small", (4, 100), 0, 2000)]
    problem = Problem((0, 2000), stops, fleet, euclid(coords))
    plan = solve(problem, seconds=0.5)
    check(problem, plan)
    assert all(isinstance(r.load, tuple) and len(r.load) == 2 for r in plan.routes)
    assert sum(r.load[1] for r in plan.routes) + sum(
        30 * int(k[1:]) for k, _ in plan.unplaced) == 30 * 36
    too_heavy = solve(Problem((0, 2000), [Stop("x", (7, 500))], fleet, euclid(coords[:2])),
                      seconds=0.1)
    assert too_heavy.unplaced == [("x", CAPACITY)]


def test_bad_input_is_refused():
    m = euclid([(0, 0), (1, 1)])
    with pytest.raises(ValueError):
        solve(Problem((0, 10), [Stop("a", 1), Stop("a", 1)], [], m), seconds=0.1)
    with pytest.raises(ValueError):
        solve(Problem((0, 10), [Stop("a", 1), Stop("b", 1)], [], m), seconds=0.1)
    with pytest.raises(ValueError):
        solve(Problem((0, 10), [Stop("a", 1)], [VehicleSpec("v", 1, 0, 10)], m,
                      {"w": ["a"]}), seconds=0.1)
    with pytest.raises(ValueError):
        solve(Problem((0, 10), [Stop("a", (1, 2))], [VehicleSpec("v", 1, 0, 10)], m),
              seconds=0.1)


EXPLICIT = {(1, 0): 10, (2, 0): 20, (2, 1): 12, (3, 0): 30, (3, 1): 28, (3, 2): 9,
            (4, 0): 25, (4, 1): 30, (4, 2): 15, (4, 3): 7}


def test_an_explicit_instance_is_solved_and_scored_with_its_own_matrix(tmp_path):
    # Road distances given as a matrix; the coordinates all in one place, so distances
    # recomputed from them would make every route free.
    from tests.bench import vrp

    rows = "\n".join(" ".join(str(EXPLICIT[i, j]) for j in range(i)) for i in range(1, 5))
    path = tmp_path / "tiny-explicit.vrp"
    path.write_text(
        "NAME : tiny-explicit\nTYPE : CVRP\nDIMENSION : 5\nEDGE_WEIGHT_TYPE : EXPLICIT\n"
        "EDGE_WEIGHT_FORMAT : LOWER_ROW\nCAPACITY : 2\nEDGE_WEIGHT_SECTION\n" + rows +
        "\nNODE_COORD_SECTION\n" + "".join(f"{i} 5 5\n" for i in range(1, 6)) +
        "DEMAND_SECTION\n1 0\n2 1\n3 1\n4 1\n5 1\nDEPOT_SECTION\n1\n-1\nEOF\n")

    def d(a: int, b: int) -> int:
        return 0 if a == b else EXPLICIT[max(a, b), min(a, b)]

    # Two customers a truck: the best pairing, by hand.
    best = min(sum(d(0, a) + d(a, b) + d(b, 0) for a, b in pairs)
               for pairs in (((1, 2), (3, 4)), ((1, 3), (2, 4)), ((1, 4), (2, 3))))
    path.with_suffix(".sol").write_text(f"Route #1: 1 2\nRoute #2: 3 4\nCost {best}\n")
    instance = vrp.read(path)
    assert instance.problem.matrix.distance_m == [[d(a, b) for b in range(5)] for a in range(5)]
    line = vrp.run(path, seconds=0.5, seed=1)
    assert best == 104 and (line["cost"], line["best_known"], line["gap_pct"]) == (104, 104, 0.0)


def test_each_vehicle_starts_and_ends_at_its_own_depot():
    # Two depots 100 km apart, five stops around each, one truck at each depot; a stop
    # locked on the east truck is still served from the east depot.
    west, east = (0, 0), (100_000, 0)
    near_west = [(1_000 * k, 500) for k in range(1, 6)]
    near_east = [(100_000 - 1_000 * k, -500) for k in range(1, 6)]
    stops = [Stop(n, 1, 60) for n in range(10)]
    vehicles = [VehicleSpec("west", 10, 0, 24 * HOUR, depot=0),
                VehicleSpec("east", 10, 0, 24 * HOUR, depot=1)]
    matrix = euclid([west, east, *near_west, *near_east], speed=10)
    plan = solve(Problem((0, 24 * HOUR), stops, vehicles, matrix, {"east": [7]}, depots=2),
                 seconds=1.0)
    routes = {r.vehicle_key: r for r in plan.routes}
    assert not plan.unplaced
    assert set(routes["west"].stops) == {0, 1, 2, 3, 4}
    assert set(routes["east"].stops) == {5, 6, 7, 8, 9}
    # Out to the farthest stop and back: about 2 x 5 km each, never across the 100 km.
    for route in routes.values():
        assert 10_000 <= route.distance_m < 12_000
    with pytest.raises(ValueError):
        solve(Problem((0, HOUR), stops, [VehicleSpec("x", 10, 0, HOUR, depot=2)], matrix,
                      depots=2), seconds=0.1)
