"""Benchmark: the dispatch planner on public VRP instances, against their best-known costs.

    python -m tests.bench.vrp ../shared/vrp-instances/X-n101-k25.vrp --seconds 10
    python -m tests.bench.vrp --all --seconds 10          # every instance, then the mean gap

The instances are the shared folder beside the checkout (``../shared/vrp-instances``);
``--dir`` or ``ROUNDSMAN_VRP_INSTANCES`` names another.

Solves with the same ``core.routing.solver.solve`` the app uses and prints one
JSON line per instance, ``{"instance", "cost", "best_known", "gap_pct", "routes",
"vehicles", "unplaced", "seconds"}``; ``--all`` ends with a summary line holding
each gap and the mean.  Scoring, as the best-known values were computed
(see the instances' README):

* CVRPLIB ``.vrp``: the distances the file gives (EDGE_WEIGHT_TYPE EXPLICIT,
  the form of a road network's or OSRM's table) or else Euclidean distance
  rounded to the nearest integer (EUC_2D), every vehicle has CAPACITY, the
  number of vehicles is free (one per customer available);
* Solomon ``.txt``: distance truncated to one decimal, travel time equal to
  distance, windows and service times as given, the file's fleet; the solver
  works in tenths (every value × 10, exact integers) and the cost is reported
  in the instance's units.

The cost is recomputed here from the returned routes by the instance's own
rule, and the routes are checked: every customer once, capacity, windows.
Target (issue #5): mean gap to best-known <= 1 % at 10 s per instance.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import vrplib

from core.routing.distances import Matrix
from core.routing.solver import Problem, Stop, VehicleSpec, solve

INSTANCES = Path(os.environ.get("ROUNDSMAN_VRP_INSTANCES")
                 or Path(__file__).resolve().parents[2].parent / "shared" / "vrp-instances")
HORIZON = 2**63 - 1  # CVRP has no time limit: a working day longer than any route


@dataclass(frozen=True)
class Instance:
    name: str
    kind: str  # "cvrplib" or "solomon"
    problem: Problem
    scale: int  # solver units per instance unit


def read(path: Path) -> Instance:
    if path.suffix == ".txt":
        return _solomon(path)
    return _cvrplib(path)


def _cvrplib(path: Path) -> Instance:
    data = vrplib.read_instance(str(path))
    kind = data.get("edge_weight_type", "EUC_2D")
    if kind not in ("EUC_2D", "EXPLICIT"):
        raise SystemExit(f"{path.name}: EDGE_WEIGHT_TYPE {kind} is not supported "
                         "(EUC_2D or EXPLICIT)")
    weights = data["edge_weight"]  # as given (EXPLICIT), or computed from the coordinates
    if kind == "EUC_2D":
        weights = np.rint(weights)
    elif not np.array_equal(weights, np.rint(weights)):
        raise SystemExit(f"{path.name}: the solver needs whole-number distances")
    depot = int(data["depot"][0])
    order = [depot] + [i for i in range(int(data["dimension"])) if i != depot]
    dist = [[int(weights[a][b]) for b in order] for a in order]
    capacity = int(data["capacity"])
    demand = data["demand"]
    stops = [Stop(key=i, demand=int(demand[i])) for i in order[1:]]
    vehicles = [VehicleSpec(key=k, capacity=capacity, start_s=0, end_s=HORIZON)
                for k in range(len(stops))]
    problem = Problem(depot_window=(0, HORIZON), stops=stops, vehicles=vehicles,
                      matrix=Matrix(dist, dist))
    return Instance(path.stem, "cvrplib", problem, 1)


def _solomon(path: Path) -> Instance:
    data = vrplib.read_instance(str(path), instance_format="solomon")
    coords = [tuple(c) for c in data["node_coord"]]
    # Distances truncated to one decimal, in tenths: exact integers.
    dist = [[int(math.dist(a, b) * 10 + 1e-9) for b in coords] for a in coords]
    windows = [(round(e * 10), round(lt * 10)) for e, lt in data["time_window"]]
    service = [round(s * 10) for s in data["service_time"]]
    stops = [Stop(key=i, demand=int(data["demand"][i]), service_s=service[i], window=windows[i])
             for i in range(1, len(coords))]
    capacity = int(data["capacity"])
    vehicles = [VehicleSpec(key=k, capacity=capacity, start_s=windows[0][0], end_s=windows[0][1])
                for k in range(int(data["vehicles"]))]
    problem = Problem(depot_window=windows[0], stops=stops, vehicles=vehicles,
                      matrix=Matrix(dist, dist))
    return Instance(path.stem, "solomon", problem, 10)


def best_known(path: Path) -> float | None:
    sol = path.with_suffix(".sol")
    if not sol.exists():
        return None
    for line in reversed(sol.read_text().splitlines()):
        if line.lower().startswith("cost"):
            return float(line.split()[1])
    return None


def check(instance: Instance, plan) -> None:
    """The plan by the instance's rules, independently of the solver."""
    p = instance.problem
    stops = {s.key: (n + 1, s) for n, s in enumerate(p.stops)}
    seen = [k for r in plan.routes for k in r.stops]
    assert sorted(seen) == sorted(stops) and not plan.unplaced, "a customer is missing or twice"
    cap = {v.key: v.capacity for v in p.vehicles}
    d = p.matrix.duration_s
    for r in plan.routes:
        assert sum(stops[k][1].demand for k in r.stops) <= cap[r.vehicle_key], "over capacity"
        t, here = p.depot_window[0], 0
        for k in r.stops:
            i, s = stops[k]
            t += d[here][i]
            if s.window:
                t = max(t, s.window[0])
                assert t <= s.window[1], f"customer {k} served late"
            t += s.service_s
            here = i
        assert t + d[here][0] <= p.depot_window[1], "back at the depot too late"


def cost(instance: Instance, plan) -> float:
    p = instance.problem
    row = {s.key: n + 1 for n, s in enumerate(p.stops)}
    total = 0
    for r in plan.routes:
        path = [0] + [row[k] for k in r.stops] + [0]
        total += sum(p.matrix.distance_m[a][b] for a, b in itertools.pairwise(path))
    return total / instance.scale


def run(path: Path, seconds: float, seed: int) -> dict:
    instance = read(path)
    plan = solve(instance.problem, seconds=seconds, seed=seed)
    check(instance, plan)
    value = cost(instance, plan)
    bks = best_known(path)
    line = {"instance": instance.name, "cost": round(value, 1) if instance.scale > 1 else int(value),
            "best_known": bks,
            "gap_pct": round((value - bks) / bks * 100, 3) if bks else None,
            "routes": len(plan.routes), "vehicles": len(instance.problem.vehicles),
            "unplaced": len(plan.unplaced), "seconds": plan.seconds}
    print(json.dumps(line), flush=True)
    return line


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("instance", nargs="?", type=Path, help="a CVRPLIB .vrp or Solomon .txt file")
    p.add_argument("--all", action="store_true", help=f"every instance in {INSTANCES}")
    p.add_argument("--dir", type=Path, default=INSTANCES)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if args.all == (args.instance is not None):
        p.error("give one INSTANCE or --all")
    if args.instance is not None:
        run(args.instance, args.seconds, args.seed)
        return
    paths = sorted([*args.dir.glob("*.vrp"), *args.dir.glob("*.txt")])
    lines = [run(path, args.seconds, args.seed) for path in paths]
    gaps = {line["instance"]: line["gap_pct"] for line in lines if line["gap_pct"] is not None}
    print(json.dumps({"summary": True, "instances": len(lines), "seconds_each": args.seconds,
                      "gap_pct": gaps,
                      "mean_gap_pct": round(statistics.mean(gaps.values()), 3) if gaps else None}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
