"""Road distances and travel times between delivery points.

Two sources, one result (:class:`Matrix`, integer metres and seconds, which is
what the solver needs):

* an OSRM-compatible routing server (``/table/v1/driving/...``), which a
  distributor runs on its own machine with the map of its region — asked in
  blocks of ``block`` × ``block`` so that a large day stays within the server's
  table-size limit, with a timeout, retries on connection errors and 5xx
  answers, and :class:`RoutingUnavailable` naming the URL when it is down;
* without a server, the great-circle distance times a road factor (roads are
  not straight: 1.3 is the usual figure for towns) at an average speed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
DEFAULT_ROAD_FACTOR = 1.3
DEFAULT_SPEED_KMH = 30.0
DEFAULT_BLOCK = 100
UNREACHABLE = 10**9
"""Metres and seconds put where the server finds no road: no plan can use that leg."""


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Matrix:
    """``distance_m[i][j]`` and ``duration_s[i][j]`` from point i to point j."""

    distance_m: list[list[int]]
    duration_s: list[list[int]]

    def __len__(self) -> int:
        return len(self.distance_m)


class RoutingUnavailable(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "The routing service at {url} cannot be reached. Check that it is running, "
        "or clear its address in the settings to plan with straight-line distances.")


class RoutingFailed(DomainError):
    """The service answered, but not with a distance table."""

    default = QT_TRANSLATE_NOOP(
        "core", "The routing service at {url} could not compute the distances: {detail}")


BAD_ANSWER = QT_TRANSLATE_NOOP(
    "core", "The routing service at {url} gave an answer Roundsman cannot read.")


def haversine_m(a: Point, b: Point) -> float:
    """The great-circle distance in metres."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlmb = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def great_circle_matrix(points: Sequence[Point], road_factor: float = DEFAULT_ROAD_FACTOR,
                        speed_kmh: float = DEFAULT_SPEED_KMH) -> Matrix:
    """Great-circle distance × ``road_factor``, driven at ``speed_kmh``; rounded to integers."""
    if road_factor <= 0 or speed_kmh <= 0:
        raise ValueError("road_factor and speed_kmh must be positive")
    metres_per_s = speed_kmh / 3.6
    n = len(points)
    dist = [[0] * n for _ in range(n)]
    dur = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            road = haversine_m(points[i], points[j]) * road_factor
            dist[i][j] = dist[j][i] = round(road)
            dur[i][j] = dur[j][i] = round(road / metres_per_s)
    return Matrix(dist, dur)


class OsrmClient:
    """A client of an OSRM-compatible ``table`` service.

    ``base_url`` is the server's root, e.g. ``http://maps.local:5000``.  A
    matrix of n points is asked as ceil(n / block)² requests of at most
    ``block`` sources × ``block`` destinations each and stitched together.
    """

    def __init__(self, base_url: str, timeout: float = 10.0, retries: int = 3,
                 block: int = DEFAULT_BLOCK, backoff: float = 0.3,
                 transport: httpx.BaseTransport | None = None) -> None:
        if block < 1:
            raise ValueError("block must be at least 1")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.block = block
        self.backoff = backoff
        self._transport = transport

    def matrix(self, points: Sequence[Point]) -> Matrix:
        n = len(points)
        dist = [[0] * n for _ in range(n)]
        dur = [[0] * n for _ in range(n)]
        if n < 2:
            return Matrix(dist, dur)
        blocks = [list(range(s, min(s + self.block, n))) for s in range(0, n, self.block)]
        with httpx.Client(timeout=self.timeout, transport=self._transport) as http:
            for sources in blocks:
                for destinations in blocks:
                    self._fill(http, points, sources, destinations, dist, dur)
        return Matrix(dist, dur)

    def _fill(self, http: httpx.Client, points: Sequence[Point], sources: list[int],
              destinations: list[int], dist: list[list[int]], dur: list[list[int]]) -> None:
        # One request names each point once: the sources, then destinations not among them.
        among = set(sources)
        order = list(sources) + [d for d in destinations if d not in among]
        position = {p: k for k, p in enumerate(order)}
        coords = ";".join(f"{points[p].lon:.6f},{points[p].lat:.6f}" for p in order)
        params = {
            "annotations": "distance,duration",
            "sources": ";".join(str(position[s]) for s in sources),
            "destinations": ";".join(str(position[d]) for d in destinations),
        }
        body = self._get(http, f"{self.base_url}/table/v1/driving/{coords}", params)
        distances, durations = body.get("distances"), body.get("durations")
        if (not isinstance(distances, list) or not isinstance(durations, list)
                or len(distances) != len(sources) or len(durations) != len(sources)):
            raise RoutingFailed(BAD_ANSWER, url=self.base_url)
        for row, s in enumerate(sources):
            if len(distances[row]) != len(destinations) or len(durations[row]) != len(destinations):
                raise RoutingFailed(BAD_ANSWER, url=self.base_url)
            for col, d in enumerate(destinations):
                if s == d:
                    continue
                metres, seconds = distances[row][col], durations[row][col]
                dist[s][d] = UNREACHABLE if metres is None else round(metres)
                dur[s][d] = UNREACHABLE if seconds is None else round(seconds)

    def _get(self, http: httpx.Client, url: str, params: dict[str, str]) -> dict:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = http.get(url, params=params)
            except httpx.TransportError as exc:  # refused, unreachable, timed out
                if last:
                    raise RoutingUnavailable(url=self.base_url) from exc
            else:
                if response.status_code < 500:
                    return self._body(response)
                if last:
                    raise RoutingUnavailable(url=self.base_url)
            time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _body(self, response: httpx.Response) -> dict:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise RoutingFailed(BAD_ANSWER, url=self.base_url)
        if response.status_code != 200 or body.get("code") != "Ok":
            detail = body.get("message") or body.get("code") or f"HTTP {response.status_code}"
            raise RoutingFailed(url=self.base_url, detail=str(detail))
        return body


def matrix_for(points: Sequence[Point], *, osrm_url: str | None,
               road_factor: float = DEFAULT_ROAD_FACTOR,
               speed_kmh: float = DEFAULT_SPEED_KMH, timeout: float = 10.0,
               retries: int = 3, block: int = DEFAULT_BLOCK) -> Matrix:
    """The matrix from the routing server when one is set, else great-circle × road factor.

    A server that is set but down raises :class:`RoutingUnavailable` rather than
    quietly planning on straight lines: the dispatcher decides.
    """
    if osrm_url and osrm_url.strip():
        return OsrmClient(osrm_url.strip(), timeout=timeout, retries=retries,
                          block=block).matrix(points)
    return great_circle_matrix(points, road_factor, speed_kmh)
