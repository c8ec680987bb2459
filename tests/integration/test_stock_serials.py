"""Serials scanned into stock documents, on SQLite and PostgreSQL: into an evening return
(back to the depot empty, or full where the count of their size has no empties; the same
request once); a serial of a size the document does not move, more serials of a size than
its count, and an unknown serial refused naming them, with nothing saved; an overdue
cylinder refused at loading through ``stock.load``, naming it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import DomainError, ValidationError
from core.services import cylinders, stock
from core.services.cylinders import CylinderInput
from core.services.stock import Line
from tests.integration.shop import failed_checks
from tests.integration.test_stock import DAY, deliver, depot_of, route  # noqa: F401 - a fixture


def register(engine, actor, serial: str, size, due: date | None = None) -> None:
    """A cylinder made in 2020 standing full in the first depot."""
    cylinders.register(engine, actor, CylinderInput(
        serial, size.id, date(2020, 1, 1), retest_due=due or DAY + timedelta(days=400),
        full=True))


def where(engine, serial: str) -> tuple[str, str, bool]:
    c = cylinders.get(engine, serial)
    return c.location_kind, c.location_name, c.full


def test_serials_scanned_into_a_return_go_back_to_the_depot_empty_or_full_as_counted(
        engine, seeded, route):  # noqa: F811
    clerk, rid = seeded["clerk"].actor, route["route_id"]
    lpg20, lpg50 = route["lpg20"], route["lpg50"]
    for serial in ("TW-2001", "TW-2002"):
        register(engine, clerk, serial, lpg20)
    register(engine, clerk, "TW-5001", lpg50)
    stock.load(engine, clerk, route_id=rid, request_key="load-1",
               lines=(Line(lpg20.id, 6), Line(lpg50.id, 1)),
               serials=("tw-2001", " TW-2002 ", "TW-5001"))
    plate = stock.truck_day(engine, rid).plate
    assert where(engine, "TW-2001") == ("truck", plate, True)
    a, b, _c = route["orders"]
    deliver(engine, clerk, a, "d-a", empties=2)
    deliver(engine, clerk, b, "d-b", empties=1)
    # LPG-20 comes back 2 full and 3 empty: its serials come back empty; LPG-50 comes back
    # full only: its serial full.
    args = dict(route_id=rid, request_key="ret-1",
                lines=(Line(lpg20.id, 2, 3), Line(lpg50.id, 1, 0)),
                serials=("TW-2001", "tw-5001"))
    doc = stock.return_(engine, clerk, **args)
    assert doc.kind == "return"
    assert where(engine, "TW-2001") == ("depot", "Depot", False)
    assert where(engine, "TW-5001") == ("depot", "Depot", True)
    assert where(engine, "TW-2002")[0] == "truck"  # not scanned back: still on the truck
    assert stock.return_(engine, clerk, **args).id == doc.id  # the same request: once
    assert len([d for d in stock.documents(engine, day=DAY, route_id=rid)
                if d.kind == "return"]) == 1
    assert failed_checks(engine) == {}


def test_a_serial_of_a_size_the_document_does_not_move_or_beyond_its_count_is_refused(
        engine, seeded, route):  # noqa: F811
    clerk, manager, rid = seeded["clerk"].actor, seeded["manager"].actor, route["route_id"]
    lpg20, lpg50 = route["lpg20"], route["lpg50"]
    register(engine, clerk, "TW-2001", lpg20)
    register(engine, clerk, "TW-2002", lpg20)
    register(engine, clerk, "TW-5001", lpg50)
    with pytest.raises(ValidationError) as refused:
        stock.load(engine, clerk, route_id=rid, request_key="load-1",
                   lines=(Line(lpg20.id, 6),), serials=("TW-2001", "TW-5001"))
    assert set(refused.value.field_errors) == {"serials"}
    assert refused.value.message() == (
        "Cylinder TW-5001 is a LPG-50, a size this document does not move: remove the "
        "serial, or enter the LPG-50 count.")
    with pytest.raises(ValidationError) as refused:
        stock.load(engine, clerk, route_id=rid, request_key="load-2",
                   lines=(Line(lpg20.id, 1),), serials=("TW-2001", "TW-2002"))
    assert refused.value.message() == (
        "2 LPG-20 serials are scanned (TW-2001, TW-2002) but 1 LPG-20 counted: remove a "
        "serial, or correct the count.")
    with pytest.raises(ValidationError, match="No cylinder has the serial NOPE-1"):
        stock.scrap(engine, manager, request_key="scrap-1", day=DAY,
                    location_id=depot_of(engine).id, lines=(Line(lpg20.id, 1),),
                    reason="破損", serials=("nope-1",))
    # Nothing was saved; the cylinders stay where they were.
    assert not stock.documents(engine, day=DAY, route_id=rid)
    assert [d.kind for d in stock.documents(engine, day=DAY)] == []
    assert {where(engine, x)[0] for x in ("TW-2001", "TW-2002", "TW-5001")} == {"depot"}
    # Fewer serials than the count is fine.
    stock.load(engine, clerk, route_id=rid, request_key="load-3",
               lines=(Line(lpg20.id, 6), Line(lpg50.id, 2)), serials=("TW-5001",))
    assert where(engine, "TW-5001")[0] == "truck"
    assert failed_checks(engine) == {}


def test_an_overdue_cylinder_is_not_loaded_and_the_refusal_names_it(
        engine, seeded, route):  # noqa: F811
    clerk, rid, lpg20 = seeded["clerk"].actor, route["route_id"], route["lpg20"]
    due = DAY - timedelta(days=3)
    register(engine, clerk, "TW-2001", lpg20)
    register(engine, clerk, "TW-2099", lpg20, due=due)
    with pytest.raises(DomainError) as refused:
        stock.load(engine, clerk, route_id=rid, request_key="load-1",
                   lines=(Line(lpg20.id, 6),), serials=("TW-2001", "tw-2099"))
    assert refused.value.message() == (
        f"Cylinder TW-2099 was due for its re-test on {due.isoformat()}: it cannot be "
        "loaded; send it to the inspection station.")
    assert not stock.documents(engine, day=DAY, route_id=rid)
    assert where(engine, "TW-2001")[0] == where(engine, "TW-2099")[0] == "depot"
    # Without it the load is saved, with the same dialog's key.
    stock.load(engine, clerk, route_id=rid, request_key="load-1",
               lines=(Line(lpg20.id, 6),), serials=("TW-2001",))
    assert where(engine, "TW-2001")[0] == "truck"
    assert where(engine, "TW-2099")[0] == "depot"
