"""What the route sheets and the Deliveries window read besides the dispatch board: each
stop's order lines (with their ids, which a delivery confirmation names) and the standing
confirmation of each order, for many orders in one query each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.models import Delivery, Order, OrderLine
from core.services.deliveries import DeliveryView
from core.services.products import catalog as products_catalog

_CHUNK = 500  # ids per IN (...)


@dataclass(frozen=True)
class StopLine:
    order_line_id: int
    order_id: int
    line_no: int
    product_id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    amount: Decimal  # quantity x unit price, rounded (without tax)
    tax: Decimal

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_zh


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    ids = sorted(set(ids))
    return [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def stop_lines_in(s: Session, order_ids: Iterable[int]) -> dict[int, tuple[StopLine, ...]]:
    products = products_catalog(s)
    out: dict[int, list[StopLine]] = {}
    for chunk in _chunks(order_ids):
        for x in s.scalars(select(OrderLine).where(OrderLine.order_id.in_(chunk))
                           .order_by(OrderLine.order_id, OrderLine.line_no)):
            p = products[x.product_id]
            out.setdefault(x.order_id, []).append(StopLine(
                x.id, x.order_id, x.line_no, x.product_id, p.sku, p.name_zh, p.name_en, p.unit,
                x.quantity, x.unit_price, x.tax_rate, x.amount, x.tax))
    return {k: tuple(v) for k, v in out.items()}


def stop_lines(engine: Engine, order_ids: Iterable[int]) -> dict[int, tuple[StopLine, ...]]:
    """Each order's lines, by order id, in line order."""
    with unit_of_work(engine, write=False) as s:
        return stop_lines_in(s, order_ids)


def outcomes(engine: Engine, order_ids: Iterable[int]) -> dict[int, DeliveryView]:
    """The standing (not undone) delivery confirmation of each order that has one."""
    out: dict[int, DeliveryView] = {}
    with unit_of_work(engine, write=False) as s:
        for chunk in _chunks(order_ids):
            rows = s.execute(select(Delivery, Order.number).join(Order, Order.id == Delivery.order_id)
                             .where(Delivery.order_id.in_(chunk), Delivery.undone_at.is_(None)))
            for d, number in rows:
                out[d.order_id] = DeliveryView(
                    d.id, d.order_id, number, d.outcome, d.amount, d.cash_collected, d.reason,
                    d.confirmed_by, d.confirmed_at, False,
                    tuple((x.order_line_id, x.quantity, x.empties) for x in d.lines))
    return out
