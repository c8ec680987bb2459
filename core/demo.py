"""A demo company: a Taiwanese LPG distributor in Taichung.

Everything goes through the same services a user's input does (customers and
products through ``save_in``, users through ``create_user``), in batches of
one transaction per thousand customers so that 100,000 customers take seconds,
not hours.  The data is random but seeded: the same arguments give the same
company.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func, select, text

from core.db import unit_of_work
from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP
from core.money import quantize
from core.models import Customer, Order, OrderLine, Product
from core.services import (billing, customers, deliveries, dispatch, fleet, orders, payments,
                           products, quotes, settings, standing, users)
from core.services.actor import SYSTEM, Actor

DEMO_USERS = (  # user name, password, roles, full name
    ("admin", "admin-demo", ("admin",), "系統管理員"),
    ("manager", "manager-demo", ("manager",), "王經理"),
    ("clerk", "clerk-demo", ("clerk",), "林小姐"),
    ("dispatcher", "dispatcher-demo", ("dispatcher",), "張調度"),
)

DRIVERS = (("陳志明", "0912 345 601"), ("林建宏", "0921 556 602"), ("黃俊傑", "0933 667 603"),
           ("張家豪", "0955 778 604"))
VEHICLES = (("ABC-1201", 60, "cylinders"), ("ABC-1202", 60, "cylinders"),
            ("ABC-1203", 40, "cylinders"), ("KLM-3305", 1500, "kg"))
FAILURES = ("家中無人", "客戶拒收", "地址找不到", "店休")
COMPANY = {"name": "大台中瓦斯行", "tax_id": "24567813", "address": "台中市西屯區台灣大道三段 99 號",
           "phone": "+886423235678", "currency": "TWD", "tax_rate": Decimal("0.0500"),
           "depot_lat": "24.1631", "depot_lon": "120.6337"}

# sku, zh, en, unit, deposit, price history [(days before today, price)]
PRODUCTS = (
    ("LPG-04", "液化石油氣 4公斤", "LPG cylinder 4 kg", "cylinder", 800, [(400, 260), (60, 280)]),
    ("LPG-10", "液化石油氣 10公斤", "LPG cylinder 10 kg", "cylinder", 1200, [(400, 460), (60, 490)]),
    ("LPG-16", "液化石油氣 16公斤", "LPG cylinder 16 kg", "cylinder", 1500, [(400, 690), (60, 730)]),
    ("LPG-20", "液化石油氣 20公斤", "LPG cylinder 20 kg", "cylinder", 1800, [(400, 850), (60, 900)]),
    ("LPG-50", "液化石油氣 50公斤", "LPG cylinder 50 kg", "cylinder", 3500, [(400, 2050), (60, 2180)]),
    ("SVC-INSPECT", "瓦斯安全檢查服務", "Gas safety inspection", "service", 0, [(400, 300)]),
)

SURNAMES = ("陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余趙"
            "盧梁顏柯翁魏孫戴范方宋鄧杜傅侯曹薛丁卓馬阮董唐藍蔣石古紀姚連馮歐程湯田康姜汪白鄒尤巫"
            "鐘龔嚴韓袁金童陸夏柳邵錢伍倪于譚駱熊任甘秦顧毛章史官萬俞雷饒")
GIVEN = ("志明", "俊傑", "建宏", "家豪", "冠宇", "承恩", "宗翰", "怡君", "雅婷", "淑芬", "美玲", "麗華",
         "秀英", "佳穎", "欣怡", "雅雯", "惠雯", "靜怡", "文雄", "國華", "金龍", "春嬌", "玉蘭", "信宏",
         "柏翰", "品妤", "詩涵", "子軒", "宜蓁", "明輝", "振宇", "淑惠", "美惠", "添財", "阿福", "月娥")
BUSINESSES = ("小吃店", "麵店", "自助餐", "餐廳", "快炒", "早餐店", "火鍋店", "便當店", "豆花店",
              "牛肉麵", "滷味", "鹹酥雞", "飲食店", "工廠", "洗衣店", "燒臘店")
BRANDS = ("好味道", "阿嬤的", "老街", "福記", "大眾", "永豐", "順發", "興旺", "金牌", "元氣", "幸福",
          "來來", "正宗", "阿忠", "美珍", "一品", "鼎泰", "老張", "阿水", "富貴")
# Taichung districts with a centre point, and roads in them
AREAS = {
    "西屯區": (24.1814, 120.6369), "北屯區": (24.1826, 120.6861), "南屯區": (24.1386, 120.6446),
    "西區": (24.1415, 120.6713), "北區": (24.1590, 120.6819), "東區": (24.1365, 120.6974),
    "南區": (24.1212, 120.6617), "中區": (24.1417, 120.6794), "大里區": (24.0993, 120.6778),
    "太平區": (24.1265, 120.7182), "烏日區": (24.1045, 120.6238), "豐原區": (24.2523, 120.7186),
}
ROADS = ("中山路", "中正路", "民生路", "民權路", "復興路", "建國路", "和平路", "忠孝路", "五權路",
         "文心路", "崇德路", "大墩路", "向上路", "精誠路", "英才路", "三民路", "美村路", "公益路",
         "河南路", "青海路", "黎明路", "永春路", "東山路", "昌平路", "太原路", "進化路")


@dataclass(frozen=True)
class DemoResult:
    customers: int
    products: int
    users: int
    orders: int = 0


def _phone(rng: random.Random, landline: bool) -> str:
    if landline:  # Taichung numbers: 04-2xxx-xxxx
        return f"04-2{rng.randint(0, 999):03d}-{rng.randint(0, 9999):04d}"
    return f"09{rng.choice('12356789')}{rng.randint(0, 9)}-{rng.randint(0, 999):03d}-" \
           f"{rng.randint(0, 999):03d}"


def customer_input(rng: random.Random, n: int) -> customers.CustomerInput:
    area = rng.choice(list(AREAS))
    lat0, lon0 = AREAS[area]
    person = rng.choice(SURNAMES) + rng.choice(GIVEN)
    business = rng.random() < 0.35
    name = (rng.choice(BRANDS) + rng.choice(BUSINESSES)) if business else person
    address = (f"台中市{area}{rng.choice(ROADS)}{rng.choice(['', '一段', '二段', '三段'])}"
               f"{rng.randint(1, 600)}號" + (f"{rng.randint(2, 12)}樓" if rng.random() < 0.3 else ""))
    limit = rng.choice((0, 5000, 10000, 20000, 30000, 50000)) if business else \
        rng.choice((0, 0, 2000, 3000, 5000))
    hours = random.Random(n)  # apart from rng, so that adding them changed no other field
    window = hours.choice(((None, None),) * 4 + (("09:00", "11:30"), ("14:00", "17:00"),
                                                  ("08:00", "12:00"))) if business else (None, None)
    return customers.CustomerInput(
        delivery_from=window[0] or "", delivery_until=window[1] or "",
        service_minutes=hours.choice((5, 5, 8, 10)) if business else hours.choice((3, 5)),
        code=f"C{n:06d}", name=name, phone=_phone(rng, business and rng.random() < 0.6),
        area=area, address=address,
        lat=round(lat0 + rng.uniform(-0.02, 0.02), 6), lon=round(lon0 + rng.uniform(-0.02, 0.02), 6),
        contact_person=person if business else "", payment_terms_days=30 if business else 0,
        credit_limit=Decimal(limit), language="en" if rng.random() < 0.03 else "zh_TW",
        notes=rng.choice(("", "", "", "後門送貨", "午休 12-13 點不收貨", "請先打電話", "大樓管理室代收")))


def generate(engine: Engine, *, customers_count: int = 200, days: int = 90, seed: int = 7,
             actor: Actor = SYSTEM, progress: Callable[[int, int], None] | None = None
             ) -> DemoResult:
    """Fill an empty database with the demo company.

    ``days`` is the length of history; areas that keep history (orders,
    deliveries, invoices) generate theirs over it.
    """
    if customers_count < 1 or days < 0:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The demo needs at least one customer and a history of zero or more days."))
    with unit_of_work(engine, write=False) as s:
        if s.scalar(select(func.count()).select_from(Customer)):
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "The database already has customers; the demo fills only an empty one."))
    rng = random.Random(seed)
    settings.update_company(engine, actor, **COMPANY)
    for name, password, roles, full_name in DEMO_USERS:
        if not any(u.username == name for u in users.list_users(engine)):
            users.create_user(engine, actor, username=name, password=password, roles=roles,
                              full_name=full_name)
    today = date.today()
    with unit_of_work(engine) as s:
        company = settings.read(s)
        for sku, zh, en, unit, deposit, history in PRODUCTS:
            product_id = None
            for days_ago, price in history:
                view = products.save_in(s, actor, products.ProductInput(
                    sku=sku, name_zh=zh, name_en=en, unit=unit, deposit=Decimal(deposit),
                    weight_kg=Decimal(sku[4:]) if sku.startswith("LPG-") else None,
                    price=Decimal(price), price_from=today - timedelta(days=days_ago)),
                    product_id=product_id, company=company)
                product_id = view.id
    batch = 1000
    for start in range(1, customers_count + 1, batch):
        with unit_of_work(engine) as s:
            company = settings.read(s)
            customers.create_many(s, actor, [customer_input(rng, n) for n in
                                             range(start, min(start + batch, customers_count + 1))],
                                  company)
        if progress:
            progress(min(start + batch - 1, customers_count), customers_count)
    if engine.dialect.name == "postgresql":  # fresh statistics for the planner after a bulk load
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("ANALYZE customer, customer_gram"))
    order_count = _history(engine, rng, days) if days else 0
    return DemoResult(customers=customers_count, products=len(PRODUCTS), users=len(DEMO_USERS),
                      orders=order_count)


OVERRIDE_REASONS = ("長期客戶，月底結清", "老闆口頭同意，下週付款", "餐廳旺季，先出貨", "已收支票，尚未兌現")
CANCEL_REASONS = ("客戶改訂其他日期", "客戶已向別家叫貨", "重複下單", "地址錯誤，客戶取消")


def _history(engine: Engine, rng: random.Random, days: int) -> int:
    """Standing orders for about a third of the customers, and the orders of the past
    ``days``: one-time orders taken by phone, and the standing orders' generated ones
    (``--days 0``: customers and products only).  Returns how many orders were made."""
    staff = {u.username: u for u in users.list_users(engine)}
    clerk = Actor(staff["clerk"].id, "clerk", frozenset(staff["clerk"].roles))
    with unit_of_work(engine, write=False) as s:
        people = s.execute(select(Customer.id, Customer.credit_limit).order_by(Customer.id)).all()
        skus = {p.sku: p.id for p in s.execute(select(Product.sku, Product.id))}
    regulars = _standing_orders(engine, rng, clerk, people, skus, days)
    _order_history(engine, rng, days, regulars)
    today = date.today()
    def evening_before(day: date) -> datetime:
        return datetime.combine(day - timedelta(days=1), time(18, 0)).astimezone()

    standing._generate(engine, clerk, today - timedelta(days=days), today,
                       taken_at=evening_before)
    # A refused standing order was, the same evening, taken as cash on delivery; today's
    # refusals are still in the clerks' list.
    with unit_of_work(engine) as s:
        for refusal in standing.refusals(engine):
            if refusal.day < today:
                standing.retry_in(s, clerk, occurrence_id=refusal.occurrence_id, payment="cash",
                                  delivery_date=refusal.day, at=evening_before(refusal.day))
    _quotes(engine, rng, clerk, people, skus)
    _dispatch_history(engine, rng, days)
    _billing_history(engine, rng, days)
    with unit_of_work(engine, write=False) as s:
        return s.scalar(select(func.count()).select_from(Order))


def _billing_history(engine: Engine, rng: random.Random, days: int) -> None:
    """Each past month of the history billed on the first of the next; most invoices
    paid by their due date (cash, transfer or cheque), some in part, a few not at all."""
    staff = {u.username: u for u in users.list_users(engine)}
    manager, clerk = (Actor(staff[n].id, n, frozenset(staff[n].roles))
                      for n in ("manager", "clerk"))
    today = date.today()
    month = (today - timedelta(days=days)).replace(day=1)
    while True:
        period = month.strftime("%Y-%m")
        _, end = billing.period_bounds(period)
        if end >= today:
            break
        billing.run(engine, manager, period=period, today=end + timedelta(days=1))
        for invoice in billing.list_invoices(engine, period=period):
            luck = rng.random()
            paid_on = invoice.issue_date + timedelta(days=rng.randint(3, 35))
            if luck < 0.12 or paid_on >= today:
                continue  # not paid (yet)
            amount = invoice.total if luck > 0.25 else (invoice.total / 2).quantize(Decimal(1))
            method = rng.choice(("cash", "transfer", "transfer", "cheque"))
            cheque = {"cheque_number": f"AB{rng.randint(1_000_000, 9_999_999)}",
                      "cheque_bank": rng.choice(("台灣銀行", "合作金庫", "第一銀行", "台中銀行")),
                      "cheque_date": paid_on} if method == "cheque" else {}
            payments.record_payment(engine, clerk, customer_id=invoice.customer_id,
                                    method=method, amount=amount, received_on=paid_on,
                                    reference=invoice.number, **cheque)
        month = end + timedelta(days=1)


def _dispatch_history(engine: Engine, rng: random.Random, days: int) -> None:
    """Drivers and trucks; every past day planned, confirmed and its deliveries entered
    (a few partial or failed); today's routes are out, not back yet."""
    staff = {u.username: u for u in users.list_users(engine)}
    dispatcher = Actor(staff["dispatcher"].id, "dispatcher", frozenset(staff["dispatcher"].roles))
    drivers = [fleet.save_driver(engine, dispatcher, name=n, phone=p) for n, p in DRIVERS]
    for (plate, capacity, unit), driver in zip(VEHICLES, drivers):
        fleet.save_vehicle(engine, dispatcher, plate=plate, capacity=capacity,
                           capacity_unit=unit, driver_id=driver.id)
    today = date.today()
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        board = dispatch.plan(engine, dispatcher, day=day, seconds=5, iterations=200).board \
            if dispatch.board(engine, day).unplanned else None
        if board is None or not board.routes:
            continue
        dispatch.confirm(engine, dispatcher, day=day)
        if day == today:
            break
        evening = datetime.combine(day, time(19, 0)).astimezone()
        with unit_of_work(engine) as s:
            for route in dispatch.board_in(s, day).routes:
                for stop in route.stops:
                    deliveries.confirm_in(s, dispatcher, _what_happened(rng, s, stop), at=evening)


def _what_happened(rng: random.Random, s, stop) -> deliveries.DeliveryInput:
    lines = s.execute(select(OrderLine.id, OrderLine.quantity, OrderLine.unit_price,
                             OrderLine.tax_rate).where(OrderLine.order_id == stop.order_id)).all()
    luck = rng.random()
    key = f"demo-{stop.order_id}"
    cash = stop.total if stop.payment == "cash" else Decimal(0)
    if luck < 0.02:
        return deliveries.DeliveryInput(stop.order_id, key, "failed",
                                        reason=rng.choice(FAILURES))
    empties = [(line_id, q, int(q) - (rng.random() < 0.1)) for line_id, q, _, _ in lines]
    if luck < 0.05 and any(q > 1 for _, q, _ in empties):
        part = [deliveries.LineResult(i, q - 1 if q > 1 else q, max(0, e - 1))
                for i, q, e in empties]
        if stop.payment == "cash":
            delivered = {x.order_line_id: Decimal(x.quantity) for x in part}
            amounts = [quantize(delivered[i] * price, "TWD") for i, _, price, _ in lines]
            cash = sum((a + quantize(a * rate, "TWD") for a, (*_, rate) in zip(amounts, lines)),
                       Decimal(0))
        return deliveries.DeliveryInput(stop.order_id, key, "partially_delivered", tuple(part),
                                        reason="客戶只收部分", cash_collected=cash)
    return deliveries.DeliveryInput(stop.order_id, key, "delivered",
                                    tuple(deliveries.LineResult(i, q, max(0, e))
                                          for i, q, e in empties), cash_collected=cash)


PROSPECTS = (("鼎泰豐小館 (籌備中)", "0422334455", "台中市西屯區市政路 88 號"),
             ("春水堂 公益店", "0423101234", "台中市南屯區公益路二段 51 號"),
             ("Mountain View Hostel", "0937123456", "台中市北區一中街 20 號"))


def _quotes(engine: Engine, rng: random.Random, clerk: Actor, people, skus) -> None:
    """A few quotes: for restaurants that are about to open (prospects) and for customers
    asking about a bigger delivery; some sent, accepted (one converted), rejected."""
    today = date.today()
    made = []
    for name, phone, address in PROSPECTS:
        made.append(quotes.create(engine, clerk, quotes.QuoteInput(
            prospect_name=name, prospect_phone=phone, prospect_address=address,
            language="en" if name.isascii() else "zh_TW",
            quote_date=today - timedelta(days=rng.randint(0, 20)),
            notes="開幕前安裝及安全檢查" if not name.isascii() else "",
            lines=(orders.LineInput(skus["LPG-50"], rng.randint(2, 4)),
                   orders.LineInput(skus["SVC-INSPECT"], 1)))))
    business = [cid for cid, limit in people if limit > 0]
    for customer_id in rng.sample(business, min(5, len(business))):
        made.append(quotes.create(engine, clerk, quotes.QuoteInput(
            customer_id=customer_id, quote_date=today - timedelta(days=rng.randint(0, 20)),
            lines=(orders.LineInput(skus["LPG-20"], rng.randint(5, 12)),
                                            orders.LineInput(skus["LPG-50"], rng.randint(1, 3))))))
    for q, steps in zip(made, (("send",), ("send", "accept"), (), ("send", "reject"),
                               ("send", "accept", "convert"), ("send",), (), ("send",))):
        for step in steps:
            if step == "convert":
                try:
                    quotes.convert(engine, clerk, q.id)
                except orders.CreditRefused:
                    pass  # the clerk will ask a manager tomorrow
            else:
                q = getattr(quotes, step)(engine, clerk, quote_id=q.id, version=q.version)


def _standing_orders(engine: Engine, rng: random.Random, clerk: Actor, people, skus,
                     days: int) -> set[int]:
    """Weekly and monthly standing orders for a third of the customers, begun during the
    history; a few paused or with a skipped date.  Returns their customers."""
    today = date.today()
    chosen = sorted(rng.sample(people, len(people) // 3))
    away = []
    for first in range(0, len(chosen), 1000):
        with unit_of_work(engine) as s:
            for customer_id, limit in chosen[first:first + 1000]:
                business = limit > 0
                if rng.random() < 0.65:
                    kind = "weekdays"
                    week = rng.sample(range(1, 7), 2 if business and rng.random() < 0.4 else 1)
                    schedule = {"days": tuple(week)}
                elif rng.random() < 0.5:
                    kind, schedule = "monthdays", {"days": rng.choice(((1,), (15,), (1, 16)))}
                else:
                    kind, schedule = "every", {"interval_days": rng.choice((10, 14, 21))}
                size = rng.choice(("LPG-20", "LPG-50")) if business else \
                    rng.choice(("LPG-20", "LPG-16", "LPG-10"))
                so = standing.create_in(s, clerk, standing.StandingInput(
                    customer_id=customer_id, schedule=kind, **schedule,
                    start_date=today - timedelta(days=rng.randint(max(0, days - 14), days)),
                    time_slot=rng.choice(("any", "any", "morning", "afternoon")),
                    lines=(standing.StandingLineInput(
                        skus[size], rng.randint(1, 3) if business else 1),)))
                if rng.random() < 0.05:  # away for a while
                    away.append(so.id)
    for standing_id in away:
        begin = today + timedelta(days=rng.randint(3, 10))
        standing.pause(engine, clerk, standing_id=standing_id, version=1, start=begin,
                       end=begin + timedelta(days=rng.randint(7, 21)))
    return {customer_id for customer_id, _ in chosen}


def _order_history(engine: Engine, rng: random.Random, days: int, regulars: set[int]) -> None:
    """One-time orders over the past ``days`` and the next two, as the clerks would have
    taken them; customers with a standing order phone in now and then only.

    Each customer orders every 4 to 12 days (restaurants more often, with bigger
    cylinders).  An order that does not fit the credit limit is, now and then,
    approved by the manager; otherwise the clerk takes it as cash on delivery.
    A few orders are cancelled later.
    """
    staff = {u.username: u for u in users.list_users(engine)}
    clerk, manager = (Actor(staff[n].id, n, frozenset(staff[n].roles), staff[n].full_name)
                      for n in ("clerk", "manager"))
    with unit_of_work(engine, write=False) as s:
        people = s.execute(select(Customer.id, Customer.credit_limit).order_by(Customer.id)).all()
        skus = {p.sku: p.id for p in s.execute(select(Product.sku, Product.id))}
    today = date.today()
    start = today - timedelta(days=days)
    plans = []  # (when taken, customer, delivery date, lines)
    for customer_id, limit in people:
        if customer_id in regulars and rng.random() < 0.8:
            continue
        business = limit > 0
        day = start + timedelta(days=rng.randint(0, 6))
        while day <= today + timedelta(days=2):
            size = rng.choice(("LPG-20", "LPG-50", "LPG-16")) if business else \
                rng.choice(("LPG-20", "LPG-20", "LPG-16", "LPG-10", "LPG-04"))
            lines = [orders.LineInput(skus[size], rng.randint(1, 4) if business else 1)]
            if rng.random() < 0.04:
                lines.append(orders.LineInput(skus["SVC-INSPECT"], 1))
            plans.append((day - timedelta(days=1), customer_id, day, tuple(lines)))
            day += timedelta(days=rng.randint(4, 7) if business else rng.randint(7, 12))
    plans.sort(key=lambda p: (p[0], p[1]))
    for batch in range(0, len(plans), 500):
        with unit_of_work(engine) as s:
            for taken, customer_id, delivery, lines in plans[batch:batch + 500]:
                at = datetime.combine(taken, time(8, 30)).astimezone() + \
                    timedelta(minutes=rng.randint(0, 540))
                data = orders.OrderInput(customer_id=customer_id, lines=lines,
                                         delivery_date=delivery)
                try:
                    with s.begin_nested():
                        orders.place_in(s, clerk, data, at=at, view=False)
                except orders.CreditRefused as refused:
                    # Now and then the manager lets a good customer go a little over.
                    small = refused.figures.shortfall <= refused.figures.limit / 5
                    approval = (manager, rng.choice(OVERRIDE_REASONS)) \
                        if small and rng.random() < 0.3 else None
                    with s.begin_nested():
                        orders.place_in(s, clerk, replace(
                            data, payment="account" if approval else "cash"),
                            approval=approval, at=at, view=False)
    with unit_of_work(engine, write=False) as s:
        taken = s.execute(select(Order.id, Order.version).order_by(Order.id)).all()
    for order_id, version in rng.sample(taken, len(taken) // 20):
        orders.cancel(engine, clerk, order_id=order_id, version=version,
                      reason=rng.choice(CANCEL_REASONS))
