"""What the cash-up, cash book and driver accounts window tests share (not a test module).

Their day is ``tests.gui.billing_data.delivered_day``: today's two confirmed routes, every
stop delivered; ABC-1234's driver (王大明) took C002's NT$945 and C004's NT$2,835 in cash
sales, XYZ-5678's nothing (an order on account).  Connected, the same window is open on
two workstations of an office server (the ``workstation`` fixture of tests/gui/conftest.py).
"""

from __future__ import annotations

from core.services import cashup
from core.services.cashup import Count
from core.services.dispatch import RouteView
from tests.gui.records import actor, show

WAIT_MS = 15_000  # for what goes through the office server


def settle_route(engine, day, plate: str, cash: str, reason: str = "") -> RouteView:
    """Route ``plate`` of ``day`` cashed up by a manager: ``cash`` counted (a variance
    approved with ``reason``)."""
    route = day.route_of(plate)
    cashup.settle(engine, actor("manager"), Count(
        route_id=route.id, request_key=f"count-{plate}", cash=cash, reason=reason))
    return route


def settle_short(engine, day) -> RouteView:
    """ABC-1234 cashed up 80 short (3,700 of 3,780), approved: 王大明 owes the company 80."""
    return settle_route(engine, day, "ABC-1234", "3700", reason="a note missing")


def two_workstations(qtbot, workstation, window_class, width: int = 1200,
                     height: int = 700) -> list:
    """``window_class`` open at the counter (a clerk) and in the office (a manager); each
    loads on its own (wait with ``qtbot.waitUntil`` and ``WAIT_MS``)."""
    return [show(qtbot, window_class(workstation(user)), width, height, wait=False)
            for user in ("clerk", "manager")]
