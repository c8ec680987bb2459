"""Benchmark: planning one delivery day of 300 stops on 20 vehicles.

    python -m tests.bench.routing_day --stops 300 --vehicles 20 --seconds 10

Random stops within about 12 km of a depot in Taichung (24.15 N, 120.67 E),
the great-circle matrix (road factor 1.3, 30 km/h), one to four cylinders per
stop, five minutes' service, a two-hour window on a third of the stops,
trucks of 45-60 cylinders working 08:00-18:00.  Distances and the plan are made
with the same ``core.routing`` functions as the app.  Prints one JSON line:
matrix and planning seconds, routes, unplaced stops, total km, and whether the
plan was checked (every stop once, capacity, windows, working day).
Target (issue #5): the day planned in <= 15 s.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time

from core.routing.distances import Point, great_circle_matrix
from core.routing.solver import QUICK_SECONDS, Problem, Stop, VehicleSpec, solve

DEPOT = Point(24.15, 120.67)
HOUR = 3600


def make_day(stops: int, vehicles: int, seed: int) -> tuple[list[Point], Problem]:
    rng = random.Random(seed)
    points = [DEPOT]
    for _ in range(stops):
        r, angle = 12_000 * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        points.append(Point(DEPOT.lat + r * math.sin(angle) / 111_195,
                            DEPOT.lon + r * math.cos(angle) / (111_195 * math.cos(
                                math.radians(DEPOT.lat)))))
    matrix = great_circle_matrix(points, road_factor=1.3, speed_kmh=30)
    day_stops = []
    for i in range(stops):
        window = None
        if i % 3 == 0:
            start = rng.randrange(8 * HOUR, 16 * HOUR, 30 * 60)
            window = (start, start + 2 * HOUR)
        day_stops.append(Stop(key=f"order {i + 1}", demand=rng.randint(1, 4), service_s=300,
                              window=window))
    fleet = [VehicleSpec(key=f"truck {j + 1}", capacity=rng.choice((45, 50, 60)),
                         start_s=8 * HOUR, end_s=18 * HOUR) for j in range(vehicles)]
    return points, Problem(depot_window=(7 * HOUR, 19 * HOUR), stops=day_stops, vehicles=fleet,
                           matrix=matrix)


def checked(problem: Problem, plan) -> bool:
    row = {s.key: n + 1 for n, s in enumerate(problem.stops)}
    stop = {s.key: s for s in problem.stops}
    vehicle = {v.key: v for v in problem.vehicles}
    keys = [k for r in plan.routes for k in r.stops] + [k for k, _ in plan.unplaced]
    if sorted(keys) != sorted(row):
        return False
    dur = problem.matrix.duration_s
    for r in plan.routes:
        v = vehicle[r.vehicle_key]
        if sum(stop[k].demand for k in r.stops) > v.capacity:
            return False
        t, here = v.start_s, 0
        for k in r.stops:
            t += dur[here][row[k]]
            if stop[k].window:
                t = max(t, stop[k].window[0])
                if t > stop[k].window[1]:
                    return False
            t += stop[k].service_s
            here = row[k]
        if t + dur[here][0] > v.end_s:
            return False
    return True


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stops", type=int, default=300)
    p.add_argument("--vehicles", type=int, default=20)
    p.add_argument("--seconds", type=float, default=QUICK_SECONDS)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    started = time.perf_counter()
    _, problem = make_day(args.stops, args.vehicles, args.seed)
    matrix_s = time.perf_counter() - started
    plan = solve(problem, seconds=args.seconds)
    total = time.perf_counter() - started
    print(json.dumps({
        "bench": "routing_day", "stops": args.stops, "vehicles": args.vehicles,
        "search_limit_s": args.seconds, "matrix_s": round(matrix_s, 2),
        "plan_s": plan.seconds, "total_s": round(total, 2), "routes": len(plan.routes),
        "unplaced": len(plan.unplaced), "km": round(plan.cost / 1000, 1),
        "checked": checked(problem, plan)}))


if __name__ == "__main__":
    main()
