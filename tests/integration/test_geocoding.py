"""Geocode missing: the lookup against a real HTTP server on loopback that speaks
Nominatim's /search, and customers saved with what it found (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from core.errors import DomainError
from core.routing.distances import RoutingUnavailable
from core.routing.geocode import geocode
from core.services import customers, geocoding, settings

KNOWN = {"台中市西屯區台灣大道三段99號": (24.1631, 120.6337),
         "台中市北區一中街20號": (24.1489, 120.6850)}


class FakeNominatim(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.fail_first = 0
        self.queries: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: FakeNominatim

    def log_message(self, *args):
        pass

    def do_GET(self):
        parsed = urlsplit(self.path)
        assert parsed.path == "/search"
        query = parse_qs(parsed.query)
        assert query["format"] == ["jsonv2"] and query["countrycodes"] == ["tw"]
        if self.server.fail_first:
            self.server.fail_first -= 1
            self.send_response(503)
            self.end_headers()
            return
        address = query["q"][0]
        self.server.queries.append(address)
        found = KNOWN.get(address)
        body = json.dumps([{"lat": str(found[0]), "lon": str(found[1]),
                            "display_name": address}] if found else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def nominatim():
    server = FakeNominatim()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_an_address_gets_its_coordinates_and_an_unknown_one_none(nominatim):
    assert geocode(nominatim.url, "台中市北區一中街20號") == (24.1489, 120.6850)
    assert geocode(nominatim.url, "火星路1號") is None


def test_a_failing_service_is_retried_then_answers(nominatim):
    nominatim.fail_first = 2
    assert geocode(nominatim.url, "台中市北區一中街20號", backoff=0.01) == (24.1489, 120.6850)


def test_a_service_that_is_down_names_its_address():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(RoutingUnavailable, match=f"127.0.0.1:{port}"):
        geocode(f"http://127.0.0.1:{port}", "台中市", retries=1, backoff=0.01, timeout=1)


def test_customers_without_coordinates_get_them_and_the_unknown_are_named(
        engine, seeded, nominatim):
    manager = seeded["manager"].actor
    for code, address in (("C1", "台中市西屯區台灣大道三段99號"), ("C2", "火星路1號"),
                          ("C3", "台中市北區一中街20號")):
        customers.save(engine, manager, customers.CustomerInput(
            code=code, name=f"客戶 {code}", address=address,
            lat=1.0 if code == "C3" else None, lon=1.0 if code == "C3" else None))
    with pytest.raises(DomainError, match="routing service"):
        geocoding.geocode_missing(engine, seeded["dispatcher"].actor)
    settings.update_company(engine, seeded["admin"].actor, routing_url=nominatim.url)
    result = geocoding.geocode_missing(engine, seeded["dispatcher"].actor)
    assert (result.found, result.not_found) == (1, ("C2",))
    assert nominatim.queries == ["台中市西屯區台灣大道三段99號", "火星路1號"]  # C3 had some
    c1 = customers.get_by_code(engine, "C1")
    assert (c1.lat, c1.lon, c1.version) == (24.1631, 120.6337, 2)
    assert [code for _, code, _ in geocoding.missing(engine)] == ["C2"]
