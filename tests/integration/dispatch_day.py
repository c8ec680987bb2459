"""A delivery day for the route sheet and delivery tests (not a test module itself).

The shop of ``tests.integration.shop`` with a depot in Taichung, two drivers and two
trucks, and four customers with coordinates: two routes put together by hand with
``dispatch.move`` (no solver) and confirmed, and one order left off the routes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.services import customers, dispatch, fleet, orders, settings
from core.services.customers import CustomerInput, CustomerView
from core.services.dispatch import Board
from core.services.orders import OrderView
from tests.integration.shop import Shop, line, make_products, order_for

DEPOT = ("24.1477", "120.6736")


@dataclass(frozen=True)
class Day:
    day: date
    shop: Shop
    people: dict[str, CustomerView]  # by code
    orders: dict[str, OrderView]  # by customer code
    board: Board  # after the routes were confirmed

    def route_of(self, plate: str):
        return next(r for r in self.board.routes if r.plate == plate)


def customer(engine, manager, code: str, name: str, address: str, lat: float, lon: float,
             limit, phone: str) -> CustomerView:
    return customers.save(engine, manager, CustomerInput(
        code=code, name=name, phone=phone, address=address, area="北區", lat=lat, lon=lon,
        credit_limit=limit, delivery_from="08:00", delivery_until="17:00"))


def make_day(engine, users, day: date | None = None, *, confirm: bool = True) -> Day:
    """``users`` are the seeded admin, manager, clerk and dispatcher."""
    day = day or date.today()
    admin, manager, clerk, dispatcher = (users[n].actor for n in
                                         ("admin", "manager", "clerk", "dispatcher"))
    settings.update_company(engine, admin, name="大台中瓦斯行", phone="04 2345 6789",
                            address="台中市西屯區台灣大道三段 99 號", tax_id="12345675",
                            depot_lat=DEPOT[0], depot_lon=DEPOT[1])
    shop = make_products(engine, manager)
    people = {c.code: c for c in (
        customer(engine, manager, "C001", "好味道小吃店", "台中市北區三民路三段 129 號",
                 24.1570, 120.6840, 50000, "0912 345 678"),
        customer(engine, manager, "C002", "陳記麵館", "台中市北區學士路 12 號",
                 24.1620, 120.6900, 0, "0922 111 222"),
        customer(engine, manager, "C003", "林家火鍋", "台中市西區公益路 200 號",
                 24.1510, 120.6620, 50000, "0933 444 555"),
        customer(engine, manager, "C004", "幸福早餐店", "台中市南屯區黎明路 8 號",
                 24.1400, 120.6450, 0, "0955 666 777"),
        customer(engine, manager, "C005", "阿明便當", "台中市東區復興路 5 號",
                 24.1370, 120.6950, 50000, "0966 888 999"),
    )}
    driver1 = fleet.save_driver(engine, dispatcher, name="王大明", phone="0911 222 333")
    driver2 = fleet.save_driver(engine, dispatcher, name="李小華")
    truck1 = fleet.save_vehicle(engine, dispatcher, plate="ABC-1234", capacity=60,
                                driver_id=driver1.id)
    truck2 = fleet.save_vehicle(engine, dispatcher, plate="XYZ-5678", capacity=40,
                                driver_id=driver2.id)
    placed = {
        "C001": orders.place(engine, clerk, order_for(
            people["C001"], line(shop.lpg20, 2), line(shop.lpg50, 1), delivery_date=day,
            notes="後門進出，請按電鈴")),
        "C002": orders.place(engine, clerk, order_for(people["C002"], line(shop.lpg20, 1),
                                                      delivery_date=day)),
        "C003": orders.place(engine, clerk, order_for(people["C003"], line(shop.lpg50, 2),
                                                      line(shop.inspect), delivery_date=day)),
        "C004": orders.place(engine, clerk, order_for(people["C004"], line(shop.lpg20, 3),
                                                      delivery_date=day)),
        "C005": orders.place(engine, clerk, order_for(people["C005"], line(shop.lpg20, 1),
                                                      delivery_date=day)),
    }
    first = dispatch.move(engine, dispatcher, order_id=placed["C001"].id, route_id=None,
                          vehicle_id=truck1.id)
    r1 = next(r.id for r in first.routes if r.vehicle_id == truck1.id)
    dispatch.move(engine, dispatcher, order_id=placed["C002"].id, route_id=r1)
    dispatch.move(engine, dispatcher, order_id=placed["C004"].id, route_id=r1)
    second = dispatch.move(engine, dispatcher, order_id=placed["C003"].id, route_id=None,
                           vehicle_id=truck2.id)
    board = dispatch.confirm(engine, dispatcher, day=day) if confirm else second
    return Day(day, shop, people, placed, board)
