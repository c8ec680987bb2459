"""Coordinates for an address, from a Nominatim-compatible ``/search`` service.

Distributors that run their own OSRM usually run Nominatim beside it, behind the
same address; Roundsman asks ``{routing_url}/search?q=...&format=jsonv2&limit=1``
(the routing service's address in the settings), with a timeout and retries
like the distance table.  An address it does not know gives ``None``.
"""

from __future__ import annotations

import time

import httpx

from core.routing.distances import BAD_ANSWER, RoutingFailed, RoutingUnavailable


def geocode(base_url: str, address: str, *, country: str = "tw", timeout: float = 10.0,
            retries: int = 3, backoff: float = 0.3,
            client: httpx.Client | None = None) -> tuple[float, float] | None:
    """(lat, lon) of ``address``; None when the service finds nothing."""
    url = base_url.rstrip("/") + "/search"
    params = {"q": address, "format": "jsonv2", "limit": "1", "countrycodes": country}
    own = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        for attempt in range(retries + 1):
            try:
                answer = client.get(url, params=params)
            except httpx.TransportError:
                answer = None
            if answer is not None and answer.status_code < 500:
                break
            if attempt == retries:
                raise RoutingUnavailable(url=base_url)
            time.sleep(backoff * 2 ** attempt)
        if answer.status_code != 200:
            raise RoutingFailed(url=base_url, detail=f"HTTP {answer.status_code}")
        try:
            found = answer.json()
            if not found:
                return None
            lat, lon = float(found[0]["lat"]), float(found[0]["lon"])
        except (ValueError, KeyError, TypeError, IndexError):
            raise RoutingFailed(BAD_ANSWER, url=base_url) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise RoutingFailed(BAD_ANSWER, url=base_url)
        return lat, lon
    finally:
        if own:
            client.close()
