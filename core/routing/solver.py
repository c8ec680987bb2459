"""The route planner: a day's stops onto vehicles, by PyVRP.

Plain frozen dataclasses in and out, no database: the dispatch service turns
orders, vehicles and a :class:`~core.routing.distances.Matrix` into a
:class:`Problem`, and :func:`solve` returns a :class:`Plan`.

Units are integers, as PyVRP needs them: distances in metres, times in seconds
from the start of the delivery day (e.g. 08:00 is 28800), loads in the unit the
caller chooses (cylinders).  The matrix covers ``[depot, *stops]`` in that
order, so row ``i + 1`` is ``problem.stops[i]``.

What the plan guarantees (checked by tests/unit/test_routing_solver.py against
an independent re-computation): every stop is on exactly one route or in
``unplaced`` with a reason — never silently dropped; a route's load is at most
its vehicle's capacity; service at each stop starts within the stop's window;
every route leaves the depot and is back within both the vehicle's working
day and the depot's opening hours.

How it is modelled:

* Stops that no vehicle could serve even on a route of their own are left out
  before solving, with the reason ``capacity`` (more than any vehicle holds),
  ``time_window`` (the window cannot be met) or ``no_vehicle`` (no vehicle can
  get there and back within its working day).  Every other free stop is an
  optional PyVRP client with a prize larger than any detour, so the search
  serves every stop it can and a stop left out for want of room or time comes
  back as ``no_vehicle``.
* Locked stops (``Problem.locked``) keep their vehicle and their order; the
  free stops are planned around them — before, between and after.  PyVRP has
  no "this client on that vehicle, in this order" constraint, so both are
  encoded exactly: the vehicle's own routing profile is the only one in which
  its locked stops can be reached (every other profile makes them
  unreachable), and each consecutive locked pair (a, b) gets an extra load
  dimension of capacity 1 in which a delivers one unit and b picks one up,
  which holds only when a comes before b.  Locked stops are required clients;
  a locked sequence that does not fit its vehicle by itself raises
  :class:`LockedRouteInfeasible`.
* Vehicles with the same capacity and working day share one PyVRP vehicle
  type (the search is faster without symmetric copies); locked vehicles have
  a type each.
* The objective is the total distance.  The search stops after ``seconds``,
  when ``should_stop()`` returns true (Cancel) or after ``iterations``.  The
  seed is fixed, so the same problem plans the same way on the same machine;
  a time-limited search that has not converged may go further on a faster or
  less busy machine, so pass ``iterations`` when the plan must depend on the
  seed alone.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from pyvrp import Client, Depot, Location, ProblemData, Route, Solution, VehicleType
from pyvrp import solve as pyvrp_solve
from pyvrp.constants import MAX_VALUE

from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP
from core.routing.distances import Matrix

QUICK_SECONDS = 10.0
THOROUGH_SECONDS = 60.0

CAPACITY = "capacity"
TIME_WINDOW = "time_window"
NO_VEHICLE = "no_vehicle"

REASONS = (CAPACITY, TIME_WINDOW, NO_VEHICLE)
"""The reason codes of ``Plan.unplaced``; the dispatch service words them for the user."""

_FAR = MAX_VALUE  # distance and duration of a leg a vehicle may not drive
UNLIMITED = 10**12
"""A capacity that never binds: a vehicle whose load is not counted in that unit."""


class LockedRouteInfeasible(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "The stops locked on {vehicle} do not fit its capacity or working day. "
        "Unlock some of them and plan again.")


Load = int | tuple[int, ...]
"""A quantity in one unit (cylinders), or one per unit (cylinders, kg) in the same order
for every stop and vehicle of a problem."""


def _units(value: Load) -> tuple[int, ...]:
    return (value,) if isinstance(value, int) else tuple(value)


@dataclass(frozen=True)
class Stop:
    key: Hashable
    demand: Load
    service_s: int = 0
    window: tuple[int, int] | None = None  # earliest and latest start of service


@dataclass(frozen=True)
class VehicleSpec:
    key: Hashable
    capacity: Load
    start_s: int  # working day: leaves the depot no earlier than start_s ...
    end_s: int  # ... and is back no later than end_s
    depot: int = 0  # which of the problem's depots it starts from and returns to


@dataclass(frozen=True)
class Problem:
    depot_window: tuple[int, int]
    stops: Sequence[Stop]
    vehicles: Sequence[VehicleSpec]
    matrix: Matrix  # over [*depots, *stops]
    locked: Mapping[Hashable, Sequence[Hashable]] = field(default_factory=dict)
    depots: int = 1  # how many depots the matrix begins with


@dataclass(frozen=True)
class PlannedRoute:
    vehicle_key: Hashable
    stops: list[Hashable]
    distance_m: int
    duration_s: int  # from leaving the depot to being back, waits included
    load: Load  # an int when the problem's demands are ints
    arrivals_s: list[int]  # when service starts at each stop (after waiting for its window)
    depart_s: int
    return_s: int


@dataclass(frozen=True)
class Plan:
    routes: list[PlannedRoute]  # used vehicles only, in the order of Problem.vehicles
    unplaced: list[tuple[Hashable, str]]  # (stop key, reason code), in the order of Problem.stops
    cost: int  # total distance in metres
    seconds: float
    stopped_early: bool = False  # should_stop() ended the search: the best plan found so far


class _Stopper:
    """PyVRP stopping criterion: time limit, iteration limit, Cancel; reports progress."""

    def __init__(self, started: float, seconds: float, iterations: int | None,
                 should_stop: Callable[[], bool] | None,
                 progress: Callable[[float], None] | None) -> None:
        self.started, self.seconds, self.iterations = started, seconds, iterations
        self.should_stop, self.progress = should_stop, progress
        self.count = 0
        self.cancelled = False
        self._reported = started

    def __call__(self, best_cost: int) -> bool:
        self.count += 1
        now = time.perf_counter()
        elapsed = now - self.started
        if self.progress is not None and now - self._reported >= 0.2:
            self._reported = now
            self.progress(min(elapsed / self.seconds, 1.0) if self.seconds > 0 else 1.0)
        if self.should_stop is not None and self.should_stop():
            self.cancelled = True
            return True
        if self.iterations is not None and self.count > self.iterations:
            return True
        return elapsed >= self.seconds


def _validate(problem: Problem) -> None:
    n = len(problem.stops)
    keys = [s.key for s in problem.stops]
    if len(set(keys)) != n:
        raise ValueError("stop keys must be unique")
    vkeys = [v.key for v in problem.vehicles]
    if len(set(vkeys)) != len(vkeys):
        raise ValueError("vehicle keys must be unique")
    m, size = problem.matrix, n + problem.depots
    if len(m.distance_m) != size or len(m.duration_s) != size or any(
            len(row) != size for row in (*m.distance_m, *m.duration_s)):
        raise ValueError(f"the matrix must be {size} x {size}: the depots, then the stops")
    if problem.depots < 1 or any(not 0 <= v.depot < problem.depots for v in problem.vehicles):
        raise ValueError("every vehicle starts at one of the problem's depots")
    if any(min(_units(s.demand), default=0) < 0 or s.service_s < 0 for s in problem.stops):
        raise ValueError("demand and service time cannot be negative")
    sizes = {len(_units(x)) for x in (*(s.demand for s in problem.stops),
                                      *(v.capacity for v in problem.vehicles))}
    if len(sizes) > 1 or 0 in sizes:
        raise ValueError("every demand and capacity needs the same number of units")
    seen: set[Hashable] = set()
    known_vehicles, known_stops = set(vkeys), set(keys)
    for vkey, locked in problem.locked.items():
        if vkey not in known_vehicles:
            raise ValueError(f"locked stops on an unknown vehicle {vkey!r}")
        for key in locked:
            if key not in known_stops or key in seen:
                raise ValueError(f"locked stop {key!r} is unknown or locked twice")
            seen.add(key)


def solve(problem: Problem, *, seconds: float, seed: int = 1,
          progress: Callable[[float], None] | None = None,
          should_stop: Callable[[], bool] | None = None,
          iterations: int | None = None) -> Plan:
    """Plan the day: at most ``seconds`` of search (QUICK_SECONDS, THOROUGH_SECONDS).

    ``progress(fraction)`` — elapsed / limit, from 0 to 1 — is called a few
    times a second from the calling thread, and with 1.0 at the end; ``should_stop()`` returning true ends the search with the
    best plan so far (``Plan.stopped_early``).
    """
    started = time.perf_counter()
    _validate(problem)
    depot_open, depot_close = problem.depot_window
    first = problem.depots  # the matrix's index of the first stop
    dist = np.asarray(problem.matrix.distance_m, dtype=np.int64).reshape(
        len(problem.stops) + first, len(problem.stops) + first)
    dur = np.asarray(problem.matrix.duration_s, dtype=np.int64).reshape(dist.shape)
    index = {s.key: i for i, s in enumerate(problem.stops)}

    # A vehicle's usable day is its working day within the depot's opening hours.
    shifts = {v.key: (max(v.start_s, depot_open), min(v.end_s, depot_close))
              for v in problem.vehicles}
    usable = [v for v in problem.vehicles if shifts[v.key][0] <= shifts[v.key][1]]
    locked = {vk: [index[k] for k in keys] for vk, keys in problem.locked.items() if keys}
    locked_stops = {i for chain in locked.values() for i in chain}
    by_key = {v.key: v for v in problem.vehicles}
    for vk in locked:
        if vk not in {v.key for v in usable}:
            raise LockedRouteInfeasible(vehicle=vk)

    unplaced: dict[int, str] = {}
    free: list[int] = []
    for i, stop in enumerate(problem.stops):
        if i in locked_stops:
            continue
        reason = _alone(stop, first + i, usable, shifts, dur)
        if reason is None:
            free.append(i)
        else:
            unplaced[i] = reason

    members = sorted(locked_stops | set(free))  # stop indexes that become PyVRP clients
    if not members:
        return _plan(problem, [], unplaced, started, False)

    client_of = {i: c for c, i in enumerate(members)}
    sub = list(range(first)) + [first + i for i in members]
    base_dist = dist[np.ix_(sub, sub)]
    base_dur = dur[np.ix_(sub, sub)]

    # Load dimensions: first the goods (one per unit), then the order of consecutive locked pairs.
    goods = len(_units(problem.stops[0].demand))
    pairs = max((len(chain) - 1 for chain in locked.values()), default=0)
    delivery = {i: [*_units(problem.stops[i].demand)] + [0] * pairs for i in members}
    pickup = {i: [0] * (goods + pairs) for i in members}
    for chain in locked.values():
        for j, (a, b) in enumerate(itertools.pairwise(chain)):
            delivery[a][goods + j] += 1
            pickup[b][goods + j] += 1

    # Prize: more than any detour, so a stop is left out only when it cannot be served.
    prize = int(2 * base_dist.max() + 1)
    # When every free vehicle could take every free stop alone and there are enough of them,
    # a complete plan exists: free stops are then required clients, which PyVRP searches
    # faster (0.9 % better on X-n148-k46 in 10 s) and which cannot be left out.
    spare = [v for v in usable if v.key not in locked]
    every_stop_alone = len(spare) >= len(free) and all(
        _serves(problem.stops[i], first + i, v, shifts, dur, problem.stops[i].window)
        for i in free for v in spare)
    clients = []
    for i in members:
        stop = problem.stops[i]
        required = i in locked_stops or every_stop_alone
        window = {} if stop.window is None else {"tw_early": stop.window[0],
                                                  "tw_late": stop.window[1]}
        clients.append(Client(location=first + client_of[i], delivery=delivery[i],
                              pickup=pickup[i],
                              service_duration=stop.service_s, **window,
                              prize=0 if required else prize, required=required))

    # Routing profiles: 0 for free vehicles (no locked stop reachable), one per locked vehicle.
    def profile(own: set[int]) -> tuple[np.ndarray, np.ndarray]:
        barred = [first + client_of[i] for i in locked_stops - own]
        d, t = base_dist.copy(), base_dur.copy()
        if barred:
            d[:, barred] = _FAR
            d[barred, :] = _FAR
            t[:, barred] = _FAR
            t[barred, :] = _FAR
            d[barred, barred] = 0
            t[barred, barred] = 0
        return d, t

    matrices = [profile(set())]
    types: list[VehicleType] = []
    type_keys: list[list[Hashable]] = []
    groups: dict[tuple, list[Hashable]] = {}
    for v in usable:
        if v.key not in locked:
            groups.setdefault((_units(v.capacity), *shifts[v.key], v.depot), []).append(v.key)
    for (capacity, early, late, depot), keys in groups.items():
        types.append(VehicleType(num_available=len(keys), capacity=[*capacity] + [1] * pairs,
                                 start_depot=depot, end_depot=depot,
                                 tw_early=early, tw_late=late, profile=0))
        type_keys.append(keys)
    locked_types: dict[Hashable, int] = {}
    for v in usable:
        if v.key in locked:
            matrices.append(profile(set(locked[v.key])))
            locked_types[v.key] = len(types)
            types.append(VehicleType(num_available=1,
                                     capacity=[*_units(v.capacity)] + [1] * pairs,
                                     start_depot=v.depot, end_depot=v.depot,
                                     tw_early=shifts[v.key][0], tw_late=shifts[v.key][1],
                                     profile=len(matrices) - 1))
            type_keys.append([v.key])

    data = ProblemData(
        locations=[Location(0.0, 0.0) for _ in sub],
        clients=clients,
        depots=[Depot(location=d, tw_early=depot_open, tw_late=depot_close)
                for d in range(first)],
        vehicle_types=types,
        distance_matrices=[d for d, _ in matrices],
        duration_matrices=[t for _, t in matrices],
    )

    locked_only = Solution(data, [Route(data, [client_of[i] for i in locked[vk]], t)
                                  for vk, t in locked_types.items()])
    for route in locked_only.routes():
        if not route.is_feasible():
            raise LockedRouteInfeasible(vehicle=type_keys[route.vehicle_type()][0])

    stopper = _Stopper(started, seconds, iterations, should_stop, progress)
    result = pyvrp_solve(data, stop=stopper, seed=seed, collect_stats=False, display=False)
    best = result.best
    if not best.is_feasible() or not _keeps_locks(best, locked, locked_types, client_of):
        best = locked_only  # only when stopped before any feasible plan was found
    if progress is not None:
        progress(1.0)

    visited: set[int] = set()
    routes: list[tuple[Hashable, list[int], Route]] = []
    next_vehicle = [0] * len(types)
    for route in best.routes():
        t = route.vehicle_type()
        vk = type_keys[t][next_vehicle[t]]
        next_vehicle[t] += 1
        visits = [members[a.idx] for a in route.schedule() if a.type.name == "CLIENT"]
        visited.update(visits)
        routes.append((vk, visits, route))
    for i in free:
        if i not in visited:
            unplaced[i] = NO_VEHICLE
    order = {v.key: n for n, v in enumerate(problem.vehicles)}
    routes.sort(key=lambda r: order[r[0]])
    planned = [_planned(problem, by_key[vk], visits, route, dist, dur, first)
               for vk, visits, route in routes if visits]
    return _plan(problem, planned, unplaced, started, stopper.cancelled)


def _carries(v: VehicleSpec, stop: Stop) -> bool:
    return all(d <= c for d, c in zip(_units(stop.demand), _units(v.capacity), strict=True))


def _serves(stop: Stop, i: int, v: VehicleSpec, shifts: Mapping[Hashable, tuple[int, int]],
            dur: np.ndarray, window: tuple[int, int] | None) -> bool:
    """Whether vehicle ``v`` could serve this stop (the matrix's index ``i``, within
    ``window``) on a route of its own from its depot."""
    if not _carries(v, stop):
        return False
    early, late = window if window is not None else (0, None)
    leave, close = shifts[v.key]
    start = max(leave + int(dur[v.depot, i]), early)
    back = start + stop.service_s + int(dur[i, v.depot])
    return (late is None or start <= late) and back <= close


def _alone(stop: Stop, i: int, vehicles: Sequence[VehicleSpec],
           shifts: Mapping[Hashable, tuple[int, int]], dur: np.ndarray) -> str | None:
    """Why no vehicle could serve this stop on a route of its own, or None."""
    if not vehicles:
        return NO_VEHICLE
    if not any(_carries(v, stop) for v in vehicles):
        return CAPACITY
    if any(_serves(stop, i, v, shifts, dur, stop.window) for v in vehicles):
        return None
    if stop.window is not None and any(_serves(stop, i, v, shifts, dur, None) for v in vehicles):
        return TIME_WINDOW
    return NO_VEHICLE


def _keeps_locks(solution: Solution, locked: Mapping[Hashable, list[int]],
                 locked_types: Mapping[Hashable, int], client_of: Mapping[int, int]) -> bool:
    """Each locked vehicle's route holds its locked stops in their order."""
    on_type = {r.vehicle_type(): [a.idx for a in r.schedule() if a.type.name == "CLIENT"]
               for r in solution.routes()}
    for vk, chain in locked.items():
        wanted = [client_of[i] for i in chain]
        seq, among = on_type.get(locked_types[vk], []), set(wanted)
        if [c for c in seq if c in among] != wanted:
            return False
    return True


def _planned(problem: Problem, vehicle: VehicleSpec, visits: list[int], route: Route,
             dist: np.ndarray, dur: np.ndarray, first: int) -> PlannedRoute:
    """The route's figures from the original matrix, from the departure PyVRP chose."""
    depart = route.start_time()
    t, here, metres, arrivals = depart, vehicle.depot, 0, []
    for i in visits:
        stop = problem.stops[i]
        metres += int(dist[here, first + i])
        t += int(dur[here, first + i])
        if stop.window is not None:
            t = max(t, stop.window[0])
        arrivals.append(t)
        t += stop.service_s
        here = first + i
    metres += int(dist[here, vehicle.depot])
    t += int(dur[here, vehicle.depot])
    load: Load = tuple(map(sum, zip(*(_units(problem.stops[i].demand) for i in visits),
                                    strict=True)))
    if isinstance(problem.stops[0].demand, int):
        load = load[0]
    return PlannedRoute(vehicle_key=vehicle.key, stops=[problem.stops[i].key for i in visits],
                        distance_m=metres, duration_s=t - depart, load=load,
                        arrivals_s=arrivals, depart_s=depart, return_s=t)


def _plan(problem: Problem, routes: list[PlannedRoute], unplaced: Mapping[int, str],
          started: float, cancelled: bool) -> Plan:
    return Plan(routes=routes,
                unplaced=[(problem.stops[i].key, unplaced[i]) for i in sorted(unplaced)],
                cost=sum(r.distance_m for r in routes),
                seconds=round(time.perf_counter() - started, 3), stopped_early=cancelled)
