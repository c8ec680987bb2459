"""The OSRM client against a real HTTP server on loopback that speaks the table API."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from core.routing.distances import (
    UNREACHABLE,
    OsrmClient,
    Point,
    RoutingFailed,
    RoutingUnavailable,
    haversine_m,
    matrix_for,
)


def leg(a: Point, b: Point) -> tuple[float, float]:
    """The fake road network: 1.4 × the straight line, at 36 km/h (10 m/s)."""
    metres = haversine_m(a, b) * 1.4
    return metres, metres / 10


class FakeOsrm(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[int, int, int]] = []  # (coordinates, sources, destinations)
        self.fail_first = 0  # answer this many requests with 503
        self.answer: dict | None = None  # a fixed answer instead of the computed table
        self.status = 200
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: FakeOsrm

    def log_message(self, *args):  # keep the test output quiet
        pass

    def do_GET(self):
        parsed = urlsplit(self.path)  # not urlparse: it cuts the path at ";"
        prefix = "/table/v1/driving/"
        assert parsed.path.startswith(prefix), parsed.path
        points = [Point(lat=float(lat), lon=float(lon)) for lon, lat in
                  (pair.split(",") for pair in unquote(parsed.path[len(prefix):]).split(";"))]
        query = parse_qs(parsed.query)
        assert query["annotations"] == ["distance,duration"]
        sources = [int(s) for s in query["sources"][0].split(";")]
        destinations = [int(d) for d in query["destinations"][0].split(";")]
        with self.server.lock:
            self.server.requests.append((len(points), len(sources), len(destinations)))
            failing = self.server.fail_first > 0
            self.server.fail_first -= 1
        if failing:
            return self._send(503, {"code": "Busy"})
        if self.server.answer is not None:
            return self._send(self.server.status, self.server.answer)
        legs = [[leg(points[s], points[d]) for d in destinations] for s in sources]
        self._send(200, {"code": "Ok",
                         "distances": [[m for m, _ in row] for row in legs],
                         "durations": [[t for _, t in row] for row in legs]})

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def osrm():
    server = FakeOsrm()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def points(n: int) -> list[Point]:
    """n points around Taichung, with the 6 decimals the client sends."""
    return [Point(round(24.10 + (i * 37 % 101) / 1000, 6), round(120.60 + (i * 53 % 97) / 1000, 6))
            for i in range(n)]


def test_a_large_matrix_is_asked_in_blocks_and_stitched_back_in_place(osrm):
    pts = points(250)
    m = OsrmClient(osrm.url, block=100).matrix(pts)
    assert len(osrm.requests) == 9  # 3 × 3 blocks of at most 100 × 100
    assert all(s <= 100 and d <= 100 and c <= 200 for c, s, d in osrm.requests)
    assert sorted((s, d) for _, s, d in osrm.requests) == sorted(
        (s, d) for s in (100, 100, 50) for d in (100, 100, 50))
    for i in (0, 1, 99, 100, 101, 199, 200, 249):
        for j in (0, 57, 99, 100, 150, 200, 249):
            metres, seconds = leg(pts[i], pts[j])
            assert m.distance_m[i][j] == (0 if i == j else round(metres))
            assert m.duration_s[i][j] == (0 if i == j else round(seconds))
    assert all(isinstance(v, int) for row in m.distance_m for v in row)


def test_a_diagonal_block_names_each_point_once(osrm):
    OsrmClient(osrm.url, block=100).matrix(points(30))
    assert osrm.requests == [(30, 30, 30)]


def test_matrix_for_with_the_servers_address_asks_the_server(osrm):
    pts = points(5)
    m = matrix_for(pts, osrm_url=osrm.url + "/", road_factor=1.3, speed_kmh=30)
    assert len(osrm.requests) == 1
    assert m.distance_m[1][3] == round(leg(pts[1], pts[3])[0])


def test_a_server_that_fails_twice_and_then_answers_is_retried(osrm):
    osrm.fail_first = 2
    m = OsrmClient(osrm.url, retries=3, backoff=0.01).matrix(points(4))
    assert len(osrm.requests) == 3
    assert m.distance_m[0][1] > 0


def test_a_server_that_keeps_failing_is_reported_unavailable_after_the_retries(osrm):
    osrm.fail_first = 100
    with pytest.raises(RoutingUnavailable) as caught:
        OsrmClient(osrm.url, retries=2, backoff=0.01).matrix(points(4))
    assert len(osrm.requests) == 3
    assert osrm.url in str(caught.value)


def test_a_closed_port_is_reported_unavailable_naming_the_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(RoutingUnavailable) as caught:
        OsrmClient(url, timeout=2, retries=1, backoff=0.01).matrix(points(3))
    assert url in caught.value.message()
    assert "cannot be reached" in caught.value.message()


def test_an_osrm_error_answer_is_reported_with_the_servers_message(osrm):
    osrm.status, osrm.answer = 400, {"code": "TooBig", "message": "Too many table coordinates"}
    with pytest.raises(RoutingFailed) as caught:
        OsrmClient(osrm.url).matrix(points(3))
    assert "Too many table coordinates" in str(caught.value) and osrm.url in str(caught.value)
    assert len(osrm.requests) == 1  # a refusal is not retried


def test_an_answer_without_a_table_is_refused(osrm):
    osrm.answer = {"code": "Ok"}
    with pytest.raises(RoutingFailed):
        OsrmClient(osrm.url).matrix(points(3))


def test_legs_without_a_road_are_unreachable(osrm):
    osrm.answer = {"code": "Ok", "distances": [[0, None], [5.4, 0]],
                   "durations": [[0, None], [1.6, 0]]}
    m = OsrmClient(osrm.url).matrix(points(2))
    assert m.distance_m == [[0, UNREACHABLE], [5, 0]]
    assert m.duration_s == [[0, UNREACHABLE], [2, 0]]
