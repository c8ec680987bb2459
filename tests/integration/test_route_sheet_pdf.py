"""Route sheets: each route on pages of its own, the stops in driving order with the
Chinese customer names, what to deliver, the empties and the cash to collect."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest

from core.errors import DomainError
from core.printing import route_sheet
from core.printing.route_sheet import route_sheets_pdf
from core.services import dispatch, orders
from tests.integration.dispatch_day import make_day
from tests.integration.pdfs import unembedded_fonts
from tests.integration.shop import line, order_for

WEEK = timedelta(days=7)


@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    return make_day(sqlite_engine, sqlite_seeded)


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text, a line wrapped in a narrow cell joined again."""
    return [" ".join(page.extract_text().split())
            for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_each_route_has_its_page_with_the_stops_in_driving_order(sqlite_engine, day):
    first, second = pages_of(route_sheets_pdf(sqlite_engine, day=day.day))
    truck = day.route_of("ABC-1234")
    for expected in ("配送路線單", "大台中瓦斯行", day.day.isoformat(), "ABC-1234", "王大明",
                     "液化石油氣 20公斤 × 2 桶", "液化石油氣 50公斤 × 1 桶", "備註：後門進出，請按電鈴",
                     "0912 345 678", "台中市北區三民路三段", "客戶簽收", "第 1 頁，共 1 頁",
                     f"{truck.distance_m / 1000:.1f} 公里"):
        assert expected in first, expected
    # Driving order: the stops as the route has them, not as the customers sort.
    names = ["好味道小吃店", "陳記麵館", "幸福早餐店"]
    assert [s.customer_name for s in truck.stops] == names
    assert [first.index(n) for n in names] == sorted(first.index(n) for n in names)
    assert "林家火鍋" not in first and "阿明便當" not in first  # another route; not on a route
    assert "XYZ-5678" in second and "李小華" in second and "林家火鍋" in second
    assert "第 1 頁，共 1 頁" in second


def test_cash_orders_show_the_cash_to_collect_and_orders_on_account_say_so(sqlite_engine, day):
    first, second = pages_of(route_sheets_pdf(sqlite_engine, day=day.day))
    # C002 and C004 pay cash (no credit limit): 945 and 2,835; C001 is on account.
    assert day.orders["C002"].payment == "cash" and day.orders["C001"].payment == "account"
    assert "NT$945" in first and "NT$2,835" in first
    assert "應收現金合計" in first and "NT$3,780" in first  # 945 + 2,835
    assert "月結" in first and "NT$4,179" not in first
    # Seven cylinders go out on the first truck, and seven empties come back.
    assert "7 / 7" in first
    assert "月結" in second and "NT$0" in second and "2 / 2" in second


def test_only_the_chosen_routes_in_english(sqlite_engine, day):
    truck = day.route_of("XYZ-5678")
    (page,) = pages_of(route_sheets_pdf(sqlite_engine, day=day.day, route_ids=[truck.id],
                                        language="en"))
    for expected in ("ROUTE SHEET", "XYZ-5678", "林家火鍋", "LPG cylinder 50 kg × 2 cylinders",
                     "Gas safety inspection × 1 service", "On account", "Page 1 of 1",
                     "Signature", "Cash to collect"):
        assert expected in page, expected
    assert "ABC-1234" not in page


def test_a_long_route_counts_its_own_pages(sqlite_engine, sqlite_seeded, day):
    clerk, dispatcher = sqlite_seeded["clerk"].actor, sqlite_seeded["dispatcher"].actor
    vehicle = day.route_of("ABC-1234").vehicle_id
    placed = [orders.place(sqlite_engine, clerk, order_for(
        day.people[code], line(day.shop.lpg20, 1), delivery_date=day.day + WEEK))
        for code in ("C001", "C002", "C003", "C004", "C005") * 4]
    board = dispatch.move(sqlite_engine, dispatcher, order_id=placed[0].id, route_id=None,
                          vehicle_id=vehicle)
    route = board.routes[0].id
    for o in placed[1:]:
        dispatch.move(sqlite_engine, dispatcher, order_id=o.id, route_id=route)
    pages = pages_of(route_sheets_pdf(sqlite_engine, day=day.day + WEEK))
    assert len(pages) >= 2
    assert all(f"第 {n} 頁，共 {len(pages)} 頁" in text for n, text in enumerate(pages, 1))
    assert "本路線合計" in pages[-1] and "20 / 20" in pages[-1]


def test_a_day_without_routes_is_refused_with_a_message(sqlite_engine, day):
    with pytest.raises(DomainError, match="no route to print"):
        route_sheets_pdf(sqlite_engine, day=day.day + WEEK)


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_stop_numbers_from_10_and_house_numbers_are_never_broken(sqlite_engine, sqlite_seeded,
                                                                  day, language):
    clerk, dispatcher = sqlite_seeded["clerk"].actor, sqlite_seeded["dispatcher"].actor
    vehicle = day.route_of("ABC-1234").vehicle_id
    placed = [orders.place(sqlite_engine, clerk, order_for(
        day.people[code], line(day.shop.lpg20, 3), delivery_date=day.day + WEEK))
        for code in ("C001", "C002", "C003", "C004", "C005") * 3]
    board = dispatch.move(sqlite_engine, dispatcher, order_id=placed[0].id, route_id=None,
                          vehicle_id=vehicle)
    for o in placed[1:]:
        dispatch.move(sqlite_engine, dispatcher, order_id=o.id, route_id=board.routes[0].id)
    pdf = route_sheets_pdf(sqlite_engine, day=day.day + WEEK, language=language)
    lines = [x.strip() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
             for x in page.extract_text().splitlines()]
    assert all(str(n) in lines for n in range(1, 16))  # each stop number a line of its own
    for code, person in day.people.items():  # each address whole, on a line of its own
        assert person.address in lines, person.address
    # The quantity with its unit (plural in English) whole, at the end of its line.
    three = route_sheet.base.quantity_of(language, Decimal(3), "cylinder")
    assert three in ("3 桶", "3 cylinders")
    assert sum(x.endswith(three) for x in lines) == 15
    assert unembedded_fonts(pdf) == []
