"""Coordinates for customers who have an address but none: "geocode missing".

Each customer found is saved with its coordinates in a transaction of its own
(versioned and audited like a form's save), so a slow or interrupted run keeps
what it found.  The lookup goes to the routing service's ``/search``
(core.routing.geocode); without a routing service there is nothing to ask.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Customer
from core.routing.geocode import geocode
from core.services import audit, settings
from core.services.actor import Actor


@dataclass(frozen=True)
class GeocodeResult:
    found: int
    not_found: tuple[str, ...]  # customer codes whose address the service did not know
    cancelled: bool = False


def missing(engine: Engine) -> list[tuple[int, str, str]]:
    """(id, code, address) of the active customers with an address and no coordinates."""
    with unit_of_work(engine, write=False) as s:
        return [tuple(r) for r in s.execute(
            select(Customer.id, Customer.code, Customer.address).where(
                Customer.active.is_(True), Customer.address != "",
                Customer.lat.is_(None) | Customer.lon.is_(None)).order_by(Customer.code))]


def geocode_missing(engine: Engine, actor: Actor, *,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    lookup: Callable[..., tuple[float, float] | None] = geocode
                    ) -> GeocodeResult:
    if not (actor.can("dispatcher") or actor.can("clerk")):
        actor.require("dispatcher")
    company = settings.get_company(engine)
    if not company.routing_url:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Set the routing service's address in Settings to look up coordinates."))
    todo = missing(engine)
    found, unknown = 0, []
    for n, (customer_id, code, address) in enumerate(todo, start=1):
        if cancelled is not None and cancelled():
            return GeocodeResult(found, tuple(unknown), True)
        point = lookup(company.routing_url, address, country=company.default_country.lower())
        if point is None:
            unknown.append(code)
        else:
            with unit_of_work(engine) as s:
                c = s.get(Customer, customer_id)
                if c is not None and c.lat is None:  # nobody typed them in meanwhile
                    c.lat, c.lon = point
                    s.flush()
                    audit.record(s, actor, "customer", c.code, "geocoded",
                                 {"lat": [None, point[0]], "lon": [None, point[1]]},
                                 summary=c.name)
                    found += 1
        if progress is not None:
            progress(n, len(todo))
    return GeocodeResult(found, tuple(unknown))
