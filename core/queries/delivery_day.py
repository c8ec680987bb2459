"""What the Deliveries and Dispatch windows load for a day, each in one read transaction.

A window's figures come from one moment (``db.one_read``): the day's board, its stops'
order lines and confirmations, and the names they show are never read across another
workstation's save.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from core.db import one_read
from core.queries.deliveries import StopLine, outcomes, stop_lines
from core.services import dispatch, fleet, products
from core.services.deliveries import DeliveryView
from core.services.dispatch import Board, RouteView, StopView
from core.services.fleet import DriverView


@dataclass(frozen=True)
class Group:
    """A confirmed route, or (route None) the day's orders on no confirmed route."""

    route: RouteView | None
    stops: tuple[StopView, ...]


@dataclass(frozen=True)
class DeliveryDay:
    """The Deliveries window's day: its confirmed routes (and the orders on none), each
    stop's order lines and confirmation by order id, and the products' names."""

    day: date
    groups: tuple[Group, ...]
    lines: dict[int, tuple[StopLine, ...]]
    done: dict[int, DeliveryView]
    planned_routes: int  # routes planned but not confirmed yet
    product_names: dict[int, str]  # "SKU name" in the language asked for


def delivery_day(engine: Engine, *, day: date, language: str) -> DeliveryDay:
    with one_read(engine):
        board = dispatch.board(engine, day)
        routes = [r for r in board.routes if r.status == "confirmed"]
        groups = [Group(r, r.stops) for r in routes]
        if board.unplanned:
            groups.append(Group(None, board.unplanned))
        ids = [s.order_id for g in groups for s in g.stops]
        names = {p.id: f"{p.sku} {p.name(language)}" for p in products.list_products(engine)}
        return DeliveryDay(day, tuple(groups), stop_lines(engine, ids), outcomes(engine, ids),
                           len(board.routes) - len(routes), names)


@dataclass(frozen=True)
class DispatchDay:
    """The Dispatch window's day: its board and the active drivers its routes may get."""

    board: Board
    drivers: tuple[DriverView, ...]


def dispatch_day(engine: Engine, *, day: date) -> DispatchDay:
    with one_read(engine):
        return DispatchDay(dispatch.board(engine, day),
                           tuple(fleet.list_drivers(engine, include_inactive=False)))
