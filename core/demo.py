"""A demo company: a Taiwanese LPG distributor in Taichung.

Everything goes through the same services a user's input does (customers and
products through ``save_in``, users through ``create_user``), in batches of
one transaction per thousand customers so that 100,000 customers take seconds,
not hours.  The history is replayed day by day, each thing recorded at the
time it happened (``recorded_at``).  The data is random but seeded: the same
arguments on the same day give the same company.

With a history the company issues uniform invoices (統一發票): turned on when the office
opens, before its first sale, with the number ranges of every period the history covers
(see ``_History``).  Without one (``days=0``, the benchmarks' starting point) it does not,
so that the work a benchmark measures on it needs no numbers; its customers carry their
buyer's details (``_Buyers``) either way.
"""

from __future__ import annotations

import heapq
import itertools
import random
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func, select, text
from stdnum.tw import ubn

from core import rules, uniform
from core.db import unit_of_work
from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Customer, CylinderBalance, Order, OrderLine, Product,
                         UniformInvoice)
from core.models.base import recorded_at, utcnow
from core.services import (billing, cashup, customers, cylinders, deliveries, deposits,
                           dispatch, einvoice, fleet, inspections, orders, payments, products,
                           quotes, settings, standing, stock, users)
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
COMPANY = {"name": "大台中瓦斯行", "tax_id": "24567814", "address": "台中市西屯區台灣大道三段 99 號",
           "phone": "+886423235678", "currency": "TWD", "tax_rate": Decimal("0.0500"),
           "depot_lat": "24.1631", "depot_lon": "120.6337"}
# Uniform invoices, with a history: the company's QR-code key is the demo's own.
EINVOICE = {"uniform_invoices": "on", "einvoice_aes_key": "5A3C9E1F7B2D4A6C8E0F1B3D5A7C9E2F"}

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


COMPANY_FORMS = ("有限公司", "企業社", "商行", "股份有限公司")
CARRIER_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.+-"
DONATION_CODES = ("25885", "8585", "168")


class _Buyers:
    """Who takes which uniform invoice: every eighth business customer (the first one
    first) gives its 統一編號 and company name, or the next one on account does, so that
    its monthly invoices are B2B; of the consumers, four in ten give a mobile barcode,
    one in ten a donation code, and the rest take printed proofs.  Counted, not drawn,
    so that a small demo has each kind; the values come from a generator of their own,
    so that adding them changed no other field."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}-buyers")
        self.businesses = self.consumers = 0
        self.owed = False  # a business's 統一編號 is due: the next one on account gives it

    def __call__(self, data: customers.CustomerInput, business: bool
                 ) -> customers.CustomerInput:
        if business:
            self.businesses += 1
            self.owed = self.owed or self.businesses % 8 == 1
            if not (self.owed and data.credit_limit > 0):
                return data
            self.owed = False
            return replace(data, tax_id=self.tax_id(),
                           invoice_title=data.name + self.rng.choice(COMPANY_FORMS))
        self.consumers += 1
        kind = self.consumers % 10
        if kind in (1, 4, 7, 9):
            return replace(data, carrier="/" + "".join(self.rng.choices(CARRIER_CHARS, k=7)))
        if kind == 2:
            return replace(data, donation_code=self.rng.choice(DONATION_CODES))
        return data

    def tax_id(self) -> str:
        """Eight digits whose check digit is right (one draw in ten or so)."""
        while not ubn.is_valid(number := f"{self.rng.randint(10_000_000, 99_999_999)}"):
            pass
        return number


def customer_input(rng: random.Random, n: int, buyers: _Buyers | None = None
                   ) -> customers.CustomerInput:
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
    data = customers.CustomerInput(
        delivery_from=window[0] or "", delivery_until=window[1] or "",
        service_minutes=hours.choice((5, 5, 8, 10)) if business else hours.choice((3, 5)),
        code=f"C{n:06d}", name=name, phone=_phone(rng, business and rng.random() < 0.6),
        area=area, address=address,
        lat=round(lat0 + rng.uniform(-0.02, 0.02), 6), lon=round(lon0 + rng.uniform(-0.02, 0.02), 6),
        contact_person=person if business else "", payment_terms_days=30 if business else 0,
        credit_limit=Decimal(limit), language="en" if rng.random() < 0.03 else "zh_TW",
        notes=rng.choice(("", "", "", "後門送貨", "午休 12-13 點不收貨", "請先打電話", "大樓管理室代收")))
    return buyers(data, business) if buyers else data


STEPS = (QT_TRANSLATE_NOOP("core", "The company, its users and products"),
         QT_TRANSLATE_NOOP("core", "Customers"),
         QT_TRANSLATE_NOOP("core", "Orders, routes, deliveries, invoices and payments, day by day"))
"""What ``generate`` reports making (translated in the context "core")."""


def generate(engine: Engine, *, customers_count: int = 200, days: int = 90, seed: int = 7,
             actor: Actor = SYSTEM, progress: Callable[[int, int, str], None] | None = None
             ) -> DemoResult:
    """Fill an empty database with the demo company.

    ``days`` is the length of history: the company is set up on the working day
    before it, then every day is replayed in time order, each thing at the time
    the office would have done it (see ``_History``).  ``progress(done, total,
    step)`` is called after each step, ``step`` one of ``STEPS``.
    """
    if customers_count < 1 or days < 0:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The demo needs at least one customer and a history of zero or more days."))
    with unit_of_work(engine, write=False) as s:
        if s.scalar(select(func.count()).select_from(Customer)):
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "The database already has customers; the demo fills only an empty one."))
    rng = random.Random(seed)
    now = datetime.now().astimezone()
    today = now.date()
    company = settings.get_company(engine)
    first_day = _working_day_before(company, today - timedelta(days=days)) if days else today
    batches = range(1, customers_count + 1, 1000)
    done, total = 0, 1 + len(batches) + ((today - first_day).days + 1 if days else 0)

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, what)

    # The office opens on the morning of its first day (without history: now).
    with recorded_at(datetime.combine(first_day, time(8, 0)).astimezone()) if days \
            else nullcontext():
        settings.update_company(engine, actor, **COMPANY, **(EINVOICE if days else {}))
        made_users = set()
        for name, password, roles, full_name in DEMO_USERS:
            if not any(u.username == name for u in users.list_users(engine)):
                users.create_user(engine, actor, username=name, password=password, roles=roles,
                                  full_name=full_name)
                made_users.add(name)
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
        step(STEPS[0])
        buyers = _Buyers(seed)
        for start in batches:
            with unit_of_work(engine) as s:
                customers.create_many(s, actor, [customer_input(rng, n, buyers) for n in
                                                 range(start, min(start + 1000,
                                                                  customers_count + 1))],
                                      company)
            step(STEPS[1])
    if engine.dialect.name == "postgresql":  # fresh statistics for the planner after a bulk load
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("ANALYZE customer, customer_gram"))
    # The manager approves cash-up variances with their password when the demo made them.
    password = dict((name, pw) for name, pw, *_ in DEMO_USERS)["manager"] \
        if "manager" in made_users else None
    order_count = _History(engine, rng, company, first_day, days, now,
                           cash_rng=random.Random(f"{seed}-cash"),
                           manager_password=password).replay(
        lambda: step(STEPS[2])) if days else 0
    return DemoResult(customers=customers_count, products=len(PRODUCTS), users=len(DEMO_USERS),
                      orders=order_count)


def _working_day_before(company: settings.CompanySettings, day: date) -> date:
    day -= timedelta(days=1)
    while str(day.isoweekday()) not in company.working_days:
        day -= timedelta(days=1)
    return day


BANKS = ("台灣銀行", "合作金庫", "第一銀行", "台中銀行")
FLOAT = Decimal(5000)  # the till's opening float
PAY_AT_STOP = 0.25  # the chance a customer on account met at a stop pays an open invoice
VARIANCE_EVERY = 12  # one route's cash-up in so many is a little off
DENOMINATIONS = tuple(Decimal(x) for x in (1000, 500, 100, 50, 10, 5, 1))
VARIANCES = ((-100, "找錯零錢給客戶"), (-50, "客戶少付 50 元，司機未察覺"), (-200, "司機墊付停車費，未附收據"),
             (-30, "零錢短少"), (100, "客戶多付 100 元，下次送貨時退還"), (-500, "一張五百元鈔票找不到"))
OVERRIDE_REASONS = ("長期客戶，月底結清", "老闆口頭同意，下週付款", "餐廳旺季，先出貨", "已收支票，尚未兌現")
CANCEL_REASONS = ("客戶改訂其他日期", "客戶已向別家叫貨", "重複下單", "地址錯誤，客戶取消")
# Uniform invoices: the tracks the tax office gives out, one a period in turn; a period's
# numbers begin at FIRST_SERIAL.
TRACKS = ("AB", "CD", "EF", "GH", "JK", "LM", "NP", "QR", "ST", "UV", "WX", "YZ")
FIRST_SERIAL = 10_000_000
CORRECT_EVERY = 10  # one working day in so many (and the first two) a cash delivery is re-entered
CORRECTIONS = (("司機誤登為已送達：客戶不在家，瓦斯未送出", "家中無人"),
               ("空桶數量登錄錯誤：少收一支空桶，重新登錄", ""))  # why undone, why failed
ALLOWANCE_REASONS = ("瓦斯桶閥門漏氣，退還部分瓦斯費", "送貨延誤兩天，給予折讓")
# Cylinders: the second depot (the even trucks start there); each depot's opening count
# per size on the first morning (full, empty); the gas's cost per kg at the filling plant;
# one evening return in so many is an empty short; 50 kg serials registered.
SECOND_DEPOT = ("南屯分倉", "台中市南屯區五權西路二段 88 號", 24.1380, 120.6190)
OPENING = (400, 60)
GAS_COST_PER_KG = (Decimal("24.30"), Decimal("24.80"), Decimal("25.10"), Decimal("25.60"))
RETURN_SHORT_EVERY = 15
RETURN_SHORT = "空桶一支留在客戶處，明日取回"
SERIALS = 40
RENTAL_REASON = "租賃合約：50公斤桶兩支，免押瓶費"
INSPECTIONS_A_DAY = 3
FAILED_INSPECTION = ("瓦斯管老化龜裂，需更換後再供氣", "王大明")


class _History:
    """The past ``days`` replayed in time order through the services, each thing at the
    time the office did it (``recorded_at``), and nothing later than now:

    * on each working day the dispatcher plans the day's routes at 07:30 (an order the
      trucks have no room for goes to the next working day) and enters what the drivers
      report at 19:00; today's routes are out, not back yet;
    * clerks take one-time orders by phone in office hours for the next working day
      (a few cancelled later that day), and at 17:30 generate the standing orders up to
      the next working day, taking the refused ones as cash on delivery;
    * each month is billed on the next month's first working day; most invoices are
      paid (cash, transfer or cheque), keyed in on the day received or a day or two
      later, some in part, a few not at all;
    * standing orders begin during the history, a few quotes are made in its last weeks;
    * the drivers' money: a few customers on account pay an open invoice at their stop
      (cash or a cheque), entered with the deliveries; at 19:30 the clerk cashes up each
      route (counted by denomination, the cheques one by one; a few a little off, with a
      reason the manager approves with their password); at 20:30 the manager closes the
      day's cash book; the next working morning the clerk banks most of the till (it
      opened with a float on the first day); a driver short now and then pays it back
      in the following days;
    * uniform invoices (when the company issues them): the manager enters each period's
      number ranges before its first day (``plan_ranges``); every cash sale and monthly
      invoice takes its number through the services; now and then the manager undoes a
      cash delivery entered wrong before the route's cash-up, which voids its uniform
      invoice, and it is entered again (``plan_correction``); today the clerk gives
      credit notes on business buyers' newest monthly invoices, allowances the buyer
      confirms (``plan_allowances``).

    Orders and deliveries fall on working days only (``CompanySettings.working_days``),
    so order numbers follow the times the orders were taken and every order of a past
    day ends delivered, failed or cancelled.  The cash-up's chances come from
    ``cash_rng``, apart from ``rng``, so that adding them changed few other events.
    """

    def __init__(self, engine: Engine, rng: random.Random, company: settings.CompanySettings,
                 first_day: date, days: int, now: datetime, *,
                 cash_rng: random.Random | None = None,
                 manager_password: str | None = None) -> None:
        self.engine, self.rng, self.company = engine, rng, company
        self.cash_rng = cash_rng or random.Random(0)
        self.approval = cashup.Approval("manager", manager_password) \
            if manager_password else None
        self.cheques: dict[int, list[cashup.ChequeCount]] = {}  # route: cheques taken at stops
        self.paid_at_stop: set[int] = set()  # invoices paid at a stop
        self.collections = self.counts = self.shortages = 0
        self.correctable = 0  # days with a cash delivery whose invoices may still be voided
        self.corrections = 0
        self.first_day, self.now, self.today = first_day, now, now.date()
        self.start = self.today - timedelta(days=days)
        staff = {u.username: u for u in users.list_users(engine)}
        self.clerk, self.manager, self.dispatcher = (
            Actor(staff[n].id, n, frozenset(staff[n].roles), staff[n].full_name)
            for n in ("clerk", "manager", "dispatcher"))
        self.events: list[tuple[datetime, int, Callable, tuple]] = []
        self.counter = itertools.count()

    # --- the calendar ---

    def works(self, day: date) -> bool:
        return str(day.isoweekday()) in self.company.working_days

    def next_working_day(self, after: date) -> date:
        return self.company.next_working_day(after)

    def working_day_from(self, day: date) -> date:
        return day if self.works(day) else self.next_working_day(day)

    def office_hours(self, day: date) -> datetime:
        """A time on ``day`` between 08:30 and 17:00."""
        return datetime.combine(day, time(8, 30)).astimezone() + \
            timedelta(minutes=self.rng.randint(0, 510))

    def at(self, when: datetime, action: Callable, *args) -> None:
        """Do ``action(*args)`` at ``when``, unless that is still to come."""
        if when <= self.now:
            heapq.heappush(self.events, (when, next(self.counter), action, args))

    def replay(self, step: Callable[[], None]) -> int:
        """Everything in time order; ``step()`` once for each day.  Returns the orders made."""
        people = self.people()
        self.plan_ranges(len(people))
        self.plan_fleet()
        self.plan_standing_orders(people)
        self.plan_phone_orders(people)
        self.plan_days()
        self.plan_cylinders(people)
        self.plan_quotes(people)
        self.plan_allowances()
        reported = self.first_day
        while self.events:
            when, _, action, args = heapq.heappop(self.events)
            for _ in range((when.date() - reported).days):
                step()
            reported = max(reported, when.date())
            with recorded_at(when):
                action(*args)
        for _ in range((self.today - reported).days + 1):
            step()
        with unit_of_work(self.engine, write=False) as s:
            return s.scalar(select(func.count()).select_from(Order))

    def people(self) -> list[tuple[int, Decimal]]:
        with unit_of_work(self.engine, write=False) as s:
            self.skus = {p.sku: p.id for p in s.execute(select(Product.sku, Product.id))}
            return s.execute(select(Customer.id, Customer.credit_limit)
                             .order_by(Customer.id)).all()

    # --- the plans, made up front ---

    def plan_fleet(self) -> None:
        self.at(datetime.combine(self.first_day, time(8, 15)).astimezone(), self.save_fleet)

    def plan_days(self) -> None:
        """Each working day's routes and standing orders; each month's billing."""
        day = self.first_day
        while day <= self.today:
            if self.works(day):
                self.at(datetime.combine(day, time(7, 30)).astimezone(), self.dispatch_day, day)
                self.at(datetime.combine(day, time(17, 30)).astimezone(), self.generate_standing,
                        day)
                self.plan_cash_book(day)
            if (day + timedelta(days=1)).day == 1 and day >= self.start:  # a month ends
                period = day.strftime("%Y-%m")
                self.at(datetime.combine(self.next_working_day(day), time(9, 0)).astimezone(),
                        self.bill, period, self.next_working_day(day))
            day += timedelta(days=1)

    def plan_cash_book(self, day: date) -> None:
        """The working day's cash book: the float on the first morning, a bank deposit of
        the till's takings on later mornings, closed by the manager once its routes are
        cashed up (past days only; today's trucks are not back yet)."""
        if day == self.first_day:
            self.at(datetime.combine(day, time(8, 5)).astimezone(), self.book_entry, day,
                    "float", FLOAT, "", "零用金")
        else:
            self.at(datetime.combine(day, time(10, 0)).astimezone() +
                    timedelta(minutes=self.cash_rng.randint(0, 90)), self.deposit, day)
        if day < self.today:
            self.at(datetime.combine(day, time(20, 30)).astimezone(), self.close_day, day)
            if einvoice.enabled(self.company):
                self.at(datetime.combine(day, time(21, 0)).astimezone(), self.report)

    def plan_standing_orders(self, people) -> None:
        """Weekly, fortnightly and monthly standing orders for a third of the customers,
        begun in the history's first two weeks, each made on the working day before it
        begins; a few paused for a while."""
        chosen = sorted(self.rng.sample(people, len(people) // 3))
        self.regulars = {customer_id for customer_id, _ in chosen}
        weekdays = [int(d) for d in self.company.working_days]
        for customer_id, limit in chosen:
            business = limit > 0
            begin = self.working_day_from(
                self.start + timedelta(days=self.rng.randint(0, min(14, (self.today -
                                                                         self.start).days))))
            if self.rng.random() < 0.65:
                kind = "weekdays"
                schedule = {"days": tuple(self.rng.sample(
                    weekdays, min(len(weekdays), 2 if business and self.rng.random() < 0.4
                                  else 1)))}
            elif self.rng.random() < 0.5:
                kind, schedule = "monthdays", {"days": self.rng.choice(((1,), (15,), (1, 16)))}
            else:  # on the weekday it begins
                kind, schedule = "every", {"interval_days": self.rng.choice((7, 14, 21))}
            size = self.rng.choice(("LPG-20", "LPG-50")) if business else \
                self.rng.choice(("LPG-20", "LPG-16", "LPG-10"))
            data = standing.StandingInput(
                customer_id=customer_id, schedule=kind, **schedule, start_date=begin,
                time_slot=self.rng.choice(("any", "any", "morning", "afternoon")),
                lines=(standing.StandingLineInput(
                    self.skus[size], self.rng.randint(1, 3) if business else 1),))
            made = self.office_hours(_working_day_before(self.company, begin))
            self.at(max(made, datetime.combine(self.first_day, time(8, 30)).astimezone()),
                    self.new_standing, data, self.rng.random() < 0.05)

    def plan_phone_orders(self, people) -> None:
        """One-time orders taken by phone on the working day before delivery; customers
        with a standing order phone in now and then only.  Each customer orders every 4
        to 12 days (restaurants more often, with bigger cylinders); a few orders are
        cancelled later that day."""
        for customer_id, limit in people:
            if customer_id in self.regulars and self.rng.random() < 0.8:
                continue
            business = limit > 0
            day = self.start + timedelta(days=self.rng.randint(0, 6))
            while day <= self.today + timedelta(days=2):
                delivery = self.working_day_from(day)
                size = self.rng.choice(("LPG-20", "LPG-50", "LPG-16")) if business else \
                    self.rng.choice(("LPG-20", "LPG-20", "LPG-16", "LPG-10", "LPG-04"))
                lines = [orders.LineInput(self.skus[size],
                                          self.rng.randint(1, 4) if business else 1)]
                if self.rng.random() < 0.04:
                    lines.append(orders.LineInput(self.skus["SVC-INSPECT"], 1))
                taken = self.office_hours(_working_day_before(self.company, delivery))
                cancel = self.rng.random() < 0.05
                self.at(taken, self.take_order, orders.OrderInput(
                    customer_id=customer_id, lines=tuple(lines), delivery_date=delivery), cancel)
                day = delivery + timedelta(days=self.rng.randint(4, 7) if business
                                           else self.rng.randint(7, 12))

    def plan_ranges(self, customers_count: int) -> None:
        """The number ranges the tax office allotted for each two-month period of the
        history, entered by the manager: the first period's when the office opens, before
        any sale, each later one's on the working day before the period begins; the last
        period has a second track too.  In books of 50, twenty numbers a customer a period
        (at least 5,000): more than the busiest customer's deliveries and invoices."""
        if not einvoice.enabled(self.company):
            return
        size = -(-max(5000, 20 * customers_count) // uniform.BLOCK) * uniform.BLOCK
        opening = datetime.combine(self.first_day, time(8, 10)).astimezone()
        period, last = uniform.period_of(self.first_day), uniform.period_of(self.today)
        while period <= last:
            entered = max(opening, datetime.combine(_working_day_before(
                self.company, uniform.period_start(period)), time(10, 0)).astimezone())
            turn = period // 100 * 6 + period % 100 // 2
            self.at(entered, self.add_range, period, TRACKS[turn % len(TRACKS)], size)
            if period == last:
                self.at(entered, self.add_range, period, TRACKS[(turn + 1) % len(TRACKS)],
                        1000)
            period = uniform.next_period(period)

    def plan_allowances(self) -> None:
        """In the last two hours before now, today: the clerk gives a credit note (a
        manager approving) on each of the two newest monthly invoices of business buyers,
        which takes it off their uniform invoices as allowances waiting for the buyers'
        confirmation; the first buyer's has come back and the manager confirms it, the
        second's has not.  Today, because a credit note dates its ledger row and its
        allowance by the wall clock (``date.today()``), not by the history's time."""
        if not (einvoice.enabled(self.company) and self.approval):
            return
        begin = max(datetime.combine(self.today, time(0)).astimezone(),
                    self.now - timedelta(hours=2))
        span = self.now - begin
        self.at(begin + span / 4, self.credit, 0, ALLOWANCE_REASONS[0])
        self.at(begin + span / 2, self.credit, 1, ALLOWANCE_REASONS[1])
        self.at(begin + span * 3 / 4, self.confirm_allowance)

    def plan_quotes(self, people) -> None:
        """A few quotes in the last weeks: for restaurants about to open (prospects) and
        for customers asking about a bigger delivery; some sent, accepted (one
        converted), rejected, each step on a later working day."""
        business = [cid for cid, limit in people if limit > 0]
        made = [quotes.QuoteInput(
            prospect_name=name, prospect_phone=phone, prospect_address=address,
            language="en" if name.isascii() else "zh_TW",
            notes="開幕前安裝及安全檢查" if not name.isascii() else "",
            lines=(orders.LineInput(self.skus["LPG-50"], self.rng.randint(2, 4)),
                   orders.LineInput(self.skus["SVC-INSPECT"], 1)))
            for name, phone, address in PROSPECTS]
        made += [quotes.QuoteInput(
            customer_id=customer_id,
            lines=(orders.LineInput(self.skus["LPG-20"], self.rng.randint(5, 12)),
                   orders.LineInput(self.skus["LPG-50"], self.rng.randint(1, 3))))
            for customer_id in self.rng.sample(business, min(5, len(business)))]
        for data, steps in zip(made, (("send",), ("send", "accept"), (), ("send", "reject"),
                                      ("send", "accept", "convert"), ("send",), (),
                                      ("send",))):
            day = self.working_day_from(max(self.first_day + timedelta(days=1), self.today -
                                            timedelta(days=self.rng.randint(0, 20))))
            self.at(self.office_hours(day), self.new_quote, replace(data, quote_date=day), steps)

    # --- what happens at its time ---

    def save_fleet(self) -> None:
        """Four drivers and trucks for the first 200 customers, one more for each 50 more."""
        more = range(max(0, -(-len(self.people()) // 50) - len(VEHICLES)))
        drivers = [fleet.save_driver(self.engine, self.dispatcher, name=n, phone=p)
                   for n, p in (*DRIVERS, *((SURNAMES[n] + GIVEN[n % len(GIVEN)], "")
                                            for n in more))]
        vehicles = (*VEHICLES, *((f"ABC-{1301 + n}", 60, "cylinders") for n in more))
        for (plate, capacity, unit), driver in zip(vehicles, drivers):
            fleet.save_vehicle(self.engine, self.dispatcher, plate=plate, capacity=capacity,
                               capacity_unit=unit, driver_id=driver.id)

    # --- cylinders ---

    def plan_cylinders(self, people) -> None:
        """The cylinders' side of each working day: the depots' empties go to the filling
        plant in the afternoon (bought back full the next working morning), and the due
        safety inspections are planned for the next working day.  The stock is opened on
        the first morning (``open_stock``); loads and returns follow the routes."""
        self.visit_orders: set[int] = set()
        self.recorded = 0
        self.returns = 0
        self.at(datetime.combine(self.first_day, time(8, 20)).astimezone(), self.open_stock,
                len(people))
        day = self.first_day
        while day <= self.today:
            if self.works(day):
                self.at(datetime.combine(day, time(15, 30)).astimezone(), self.to_plant, day)
                self.at(datetime.combine(day, time(16, 0)).astimezone(),
                        self.plan_inspections, day)
            day += timedelta(days=1)

    def open_stock(self, customers_count: int) -> None:
        """The first morning: the company's depot named and placed, a second depot across
        town that every other truck starts from, both counted in; the 50 kg serials
        registered (a few overdue for their re-test, a few due within 30 days); three
        customers on a rental contract for two 50 kg cylinders; and every customer's
        next safety inspection, some already past."""
        crng = random.Random(f"{self.first_day}-cylinders")  # apart from rng: few changes
        main = next(x for x in stock.locations(self.engine) if x.kind == "depot")
        stock.save_depot(self.engine, self.manager, depot_id=main.id, version=main.version,
                         name="西屯總倉", address=COMPANY["address"],
                         lat=float(COMPANY["depot_lat"]), lon=float(COMPANY["depot_lon"]))
        name, address, lat, lon = SECOND_DEPOT
        second = stock.save_depot(self.engine, self.manager, name=name, address=address,
                                  lat=lat, lon=lon)
        for n, v in enumerate(fleet.list_vehicles(self.engine)):
            if n % 2:
                stock.set_truck_depot(self.engine, self.dispatcher, vehicle_id=v.id,
                                      depot_id=second.id)
        sizes = [pid for sku, pid in sorted(self.skus.items()) if sku.startswith("LPG-")]
        scale = max(1, customers_count // 300)
        for depot in (main.id, second.id):
            stock.opening(self.engine, self.manager, request_key=f"demo-opening-{depot}",
                          day=self.first_day, depot_id=depot, reason="開帳盤點",
                          lines=tuple(stock.Line(pid, OPENING[0] * scale, OPENING[1] * scale)
                                      for pid in sizes))
        for n in range(1, SERIALS + 1):
            made = date(self.today.year - crng.randint(1, 24), crng.randint(1, 12), 1)
            due = self.today + timedelta(days=crng.randint(-60, -3) if n <= 4 else
                                         crng.randint(1, 30) if n <= 10 else
                                         crng.randint(31, 4 * 365))
            cylinders.register(self.engine, self.clerk, cylinders.CylinderInput(
                serial=f"TW50-{n:06d}", product_id=self.skus["LPG-50"], manufactured=made,
                retest_due=due, owner=COMPANY["name"]))
        ids = [cid for cid, _ in self.people()]
        for cid in ids[4:40:12]:
            deposits.set_exemption(self.engine, self.manager, customer_id=cid,
                                   product_id=self.skus["LPG-50"], count=2,
                                   reason=RENTAL_REASON)
        weeks: dict[int, list[int]] = {}
        for cid in ids:
            weeks.setdefault(crng.randint(-6, 104), []).append(cid)
        for week, chosen in sorted(weeks.items()):
            inspections.set_next(self.engine, self.clerk, customer_ids=chosen,
                                 next_date=self.today + timedelta(weeks=week))

    def load_routes(self, day: date) -> None:
        """Each confirmed route's truck loaded at its depot as its orders ask."""
        for route in dispatch.board(self.engine, day).routes:
            truck = stock.truck_day(self.engine, route.id)
            lines = tuple(stock.Line(x.product_id, x.proposed) for x in truck.lines if x.proposed)
            if lines and not truck.loaded:
                stock.load(self.engine, self.dispatcher, route_id=route.id,
                           request_key=f"demo-load-{route.id}", lines=lines)

    def return_routes(self, day: date) -> None:
        """Each route's truck counted back in; one in ``RETURN_SHORT_EVERY`` an empty short
        (left at a customer's), with the reason."""
        for route in dispatch.board(self.engine, day).routes:
            truck = stock.truck_day(self.engine, route.id)
            if truck.returned:
                continue
            counts = [[x.product_id, x.expected_full, x.expected_empty] for x in truck.lines]
            reason = ""
            self.returns += 1
            short = next((c for c in counts if c[2] > 0), None)
            if short is not None and self.returns % RETURN_SHORT_EVERY == 7:
                short[2] -= 1
                reason = RETURN_SHORT
            stock.return_(self.engine, self.dispatcher, route_id=route.id,
                          request_key=f"demo-return-{route.id}", reason=reason,
                          lines=tuple(stock.Line(p, f, e) for p, f, e in counts if f or e))

    def to_plant(self, day: date) -> None:
        """The depots' empties to the filling plant; bought back full the next working
        morning (now and then a few new cylinders with them)."""
        sent: dict[int, list[tuple[int, int]]] = {}
        for row in stock.stock_at(self.engine, day):
            if row.kind == "depot" and row.empty > 0:
                sent.setdefault(row.location_id, []).append((row.product_id, row.empty))
        for depot, lines in sent.items():
            stock.to_plant(self.engine, self.dispatcher, request_key=f"demo-plant-{day}-{depot}",
                           day=day, depot_id=depot,
                           lines=tuple(stock.Line(pid, 0, n) for pid, n in lines))
            back = self.next_working_day(day)
            self.at(datetime.combine(back, time(7, 0)).astimezone(), self.purchase, back,
                    depot, lines)

    def purchase(self, day: date, depot: int, lines: list[tuple[int, int]]) -> None:
        cost = GAS_COST_PER_KG[(day.toordinal() // 7) % len(GAS_COST_PER_KG)]
        new = 5 if day.day <= 7 else 0  # the month's first week: a few new cylinders
        stock.purchase(self.engine, self.dispatcher, request_key=f"demo-buy-{day}-{depot}",
                       day=day, depot_id=depot,
                       lines=tuple(stock.Line(pid, n + new, 0, cost) for pid, n in lines))

    def plan_inspections(self, day: date) -> None:
        """A few customers whose safety inspection is due within a week get a visit on the
        next working day."""
        due = [x.customer_id for x in inspections.due(self.engine, day, within_days=7)
               if x.next_inspection is not None and x.visit_order_id is None
               and not x.gas_stop][:INSPECTIONS_A_DAY]
        if due:
            planned = inspections.plan(self.engine, self.clerk, day=self.next_working_day(day),
                                       customer_ids=due, request_key=f"demo-inspect-{day}")
            self.visit_orders.update(v.order_id for v in planned.visits)

    def inspect(self, s, stop) -> None:
        """A visit's result, recorded with the deliveries: the fifth fails (a cracked
        hose), the others pass."""
        self.recorded += 1
        failed = self.recorded == 5
        remarks, inspector = FAILED_INSPECTION
        inspections.record_in(
            s, self.dispatcher, stop.order_id, "fail" if failed else "pass",
            [(item, not (failed and item == "hose")) for item in inspections.ITEMS],
            remarks if failed else "", inspector, None, f"demo-inspection-{stop.order_id}")

    def add_range(self, period: int, track: str, size: int) -> None:
        einvoice.add_range(self.engine, self.manager, period=period, track=track,
                           first=f"{FIRST_SERIAL:08d}", last=f"{FIRST_SERIAL + size - 1:08d}")

    def new_standing(self, data: standing.StandingInput, away: bool) -> None:
        try:
            view = standing.create(self.engine, self.clerk, data)
        except ValidationError as refused:  # a slot outside the customer's hours: any time
            if set(refused.field_errors) != {"time_slot"}:
                raise
            view = standing.create(self.engine, self.clerk, replace(data, time_slot="any"))
        if data.schedule == "monthdays":  # a date the office does not deliver on is skipped
            for day in self.month_days(data):
                view = standing.skip(self.engine, self.clerk, standing_id=view.id,
                                     version=view.version, day=day)
        if away:  # away for a while, from a few days after today
            begin = self.today + timedelta(days=self.rng.randint(3, 10))
            self.at(self.office_hours(max(data.start_date, _working_day_before(
                self.company, self.today))), self.pause, view.id, begin)

    def month_days(self, data: standing.StandingInput) -> list[date]:
        """The dates of a monthly standing order through a month ahead that fall on a day
        the office does not work."""
        last = self.today + timedelta(days=31)
        return [d for d in (data.start_date + timedelta(days=n)
                            for n in range((last - data.start_date).days + 1))
                if d.day in data.days and not self.works(d)]

    def pause(self, standing_id: int, begin: date) -> None:
        view = standing.get(self.engine, standing_id)
        standing.pause(self.engine, self.clerk, standing_id=standing_id, version=view.version,
                       start=begin, end=begin + timedelta(days=self.rng.randint(7, 21)))

    def take_order(self, data: orders.OrderInput, cancel: bool) -> None:
        """An order on account; one that does not fit the credit limit is, now and then,
        approved by the manager, otherwise taken as cash on delivery."""
        with unit_of_work(self.engine) as s:
            try:
                with s.begin_nested():
                    view = orders.place_in(s, self.clerk, data)
            except inspections.GasStopped:  # the clerk tells them why; nothing is taken
                return
            except (orders.CreditRefused, orders.OverdueRefused) as refused:
                small = isinstance(refused, orders.CreditRefused) and \
                    refused.figures.shortfall <= refused.figures.limit / 5
                approval = (self.manager, self.rng.choice(OVERRIDE_REASONS)) \
                    if small and self.rng.random() < 0.3 else None
                view = orders.place_in(s, self.clerk, replace(
                    data, payment="account" if approval else "cash"), approval=approval)
        if cancel:
            self.at(utcnow() + timedelta(minutes=self.rng.randint(10, 120)), self.cancel,
                    view.id)

    def cancel(self, order_id: int) -> None:
        orders.cancel(self.engine, self.clerk, order_id=order_id,
                      version=orders.get(self.engine, order_id).version,
                      reason=self.rng.choice(CANCEL_REASONS))

    def generate_standing(self, day: date) -> None:
        """The standing orders up to the next working day; a refused one was taken as cash
        on delivery the same evening."""
        standing.generate_unchecked(self.engine, self.clerk, day + timedelta(days=1),
                                    self.next_working_day(day))
        with unit_of_work(self.engine) as s:
            for refusal in standing.refusals(self.engine):
                try:
                    with s.begin_nested():
                        standing.retry_in(s, self.clerk, occurrence_id=refusal.occurrence_id,
                                          payment="cash", delivery_date=refusal.day)
                except inspections.GasStopped:  # waits, refused, until the stop is cleared
                    continue

    def dispatch_day(self, day: date) -> None:
        if not dispatch.board(self.engine, day).unplanned:
            return
        result = dispatch.plan(self.engine, self.dispatcher, day=day, seconds=5, iterations=200)
        for order_id, _ in result.unplaced:  # no room on the trucks: the next working day
            dispatch.reschedule(self.engine, self.dispatcher, order_id=order_id,
                                version=orders.get(self.engine, order_id).version,
                                day=self.next_working_day(day))
        if not result.board.routes:
            return
        dispatch.confirm(self.engine, self.dispatcher, day=day)
        self.load_routes(day)
        if day < self.today:
            self.at(datetime.combine(day, time(19, 0)).astimezone(), self.enter_deliveries, day)

    def enter_deliveries(self, day: date) -> None:
        """What the drivers report in the evening: each stop's delivery, then the money a
        few customers on account paid at their stop for an open invoice; the cash-up
        follows."""
        met = []  # (route, customer) of the stops on account where someone was in
        sold = []  # (delivery, what was entered) of the cash stops delivered in full
        with unit_of_work(self.engine) as s:
            for route in dispatch.board_in(s, day).routes:
                for stop in route.stops:
                    if stop.order_id in self.visit_orders:
                        self.inspect(s, stop)
                        continue
                    data = _what_happened(self.rng, s, stop, self.company.currency,
                                          self.company.tax_rounding)
                    done = deliveries.confirm_in(s, self.dispatcher, data)
                    if stop.payment == "account" and done.outcome != "failed":
                        met.append((route.id, stop.customer_id))
                    elif stop.payment == "cash" and done.outcome == "delivered":
                        sold.append((done.id, data))
        if sold:
            self.plan_correction(day, *sold[0])
        for route_id, customer_id in met:
            if self.cash_rng.random() < PAY_AT_STOP:
                self.collect(day, route_id, customer_id)
        self.at(datetime.combine(day, time(19, 20)).astimezone(), self.return_routes, day)
        self.at(datetime.combine(day, time(19, 30)).astimezone(), self.cash_up, day)

    def plan_correction(self, day: date, delivery_id: int,
                        data: deliveries.DeliveryInput) -> None:
        """On the first two such days and every ``CORRECT_EVERY``-th after, a cash
        delivery of the day was entered wrong: the manager undoes it before the route's
        cash-up, which voids its sale and its uniform invoice, and the dispatcher enters
        it again (in turn: failed, nobody was in; delivered with one empty fewer, a new
        sale and uniform invoice).  Only while the day's invoices may still be voided
        (``uniform.void_until``, reckoned from today): past it, it would be an
        allowance."""
        if not einvoice.enabled(self.company) or uniform.void_until(day) < self.today:
            return
        self.correctable += 1
        if self.correctable <= 2 or self.correctable % CORRECT_EVERY == 0:
            self.corrections += 1
            self.at(datetime.combine(day, time(19, 10)).astimezone(), self.correct,
                    delivery_id, data, self.corrections % 2 == 1)

    def correct(self, delivery_id: int, data: deliveries.DeliveryInput, failed: bool) -> None:
        undone, nobody_in = CORRECTIONS[0 if failed else 1]
        deliveries.undo(self.engine, self.manager, delivery_id=delivery_id, reason=undone)
        key = f"{data.request_key}-again"
        if failed:
            again = deliveries.DeliveryInput(data.order_id, key, "failed", reason=nobody_in)
        else:
            first, *rest = data.lines
            again = replace(data, request_key=key, lines=(
                replace(first, empties=max(0, int(first.empties) - 1)), *rest))
        deliveries.confirm(self.engine, self.dispatcher, again)

    def credit(self, which: int, reason: str) -> None:
        """A credit note (5 %) on the ``which``-th newest monthly invoice of a business
        buyer, if there is one."""
        u = UniformInvoice
        with unit_of_work(self.engine, write=False) as s:
            found = s.execute(select(u.invoice_id, u.customer_id, u.total)
                              .where(u.invoice_id.is_not(None), u.buyer_tax_id != "",
                                     u.status == "issued")
                              .order_by(u.invoice_date.desc(), u.id.desc())
                              .offset(which).limit(1)).first()
        if found is None:
            return
        invoice_id, customer_id, total = found
        payments.credit_note(self.engine, self.clerk, customer_id=customer_id,
                             amount=max(Decimal(1), (total / 20).quantize(Decimal(1))),
                             reason=reason, approval=self.approval, invoice_id=invoice_id)

    def confirm_allowance(self) -> None:
        """The buyer signed the first allowance and sent it back."""
        waiting = [a for a in einvoice.allowances(self.engine) if a.status == "issued"]
        if waiting:
            einvoice.confirm_allowance(self.engine, self.manager, number=waiting[-1].number)

    def collect(self, day: date, route_id: int, customer_id: int) -> None:
        """The customer pays their oldest open invoice to the driver: in cash, every third
        time by cheque."""
        owed = payments.open_invoices(self.engine, customer_id)
        if not owed:
            return
        invoice = owed[0]
        cheque = {}
        self.collections += 1
        if self.collections % 3 == 2:
            cheque = {"cheque_number": f"AB{self.cash_rng.randint(1_000_000, 9_999_999)}",
                      "cheque_bank": self.cash_rng.choice(BANKS), "cheque_date": day}
            self.cheques.setdefault(route_id, []).append(cashup.ChequeCount(
                cheque["cheque_number"], cheque["cheque_bank"], day, invoice.open))
        payments.record_payment(self.engine, self.clerk, customer_id=customer_id,
                                method="cheque" if cheque else "cash", amount=invoice.open,
                                reference=invoice.number, route_id=route_id, **cheque)
        self.paid_at_stop.add(invoice.id)

    def cash_up(self, day: date) -> None:
        """Each route of the day counted: the cash by denomination, the cheques one by one.
        One count in ``VARIANCE_EVERY`` is a little off: the clerk gives the reason and
        the manager approves; every other driver who was short pays it back a working day
        or two later."""
        for rc in cashup.routes_of_day(self.engine, day):
            if rc.settlement is not None or rc.unconfirmed:
                continue
            cheques = tuple(self.cheques.pop(rc.route_id, ()))
            cash = rc.expected - sum((c.amount for c in cheques), Decimal(0))
            variance, reason = Decimal(0), ""
            self.counts += 1
            if self.counts % VARIANCE_EVERY == 3 and rc.driver_id is not None:
                off, reason = self.cash_rng.choice(VARIANCES)
                variance = Decimal(off) if cash + off >= 0 else Decimal(0)
                reason = reason if variance else ""
            counted = cash + variance
            count = cashup.Count(route_id=rc.route_id, request_key=f"demo-cashup-{rc.route_id}",
                                 cash=counted, notes=_notes(counted), cheques=cheques,
                                 reason=reason)
            if not variance:
                settled = cashup.settle(self.engine, self.clerk, count)
            elif self.approval is not None:
                settled = cashup.settle(self.engine, self.clerk, count, self.approval)
            else:  # the manager's password is not the demo's: they count it themselves
                settled = cashup.settle(self.engine, self.manager, count)
            if settled.variance < 0:
                self.shortages += 1
            if settled.variance < 0 and self.shortages % 2 == 1:
                paid = self.company.next_working_day(day)
                if self.cash_rng.random() < 0.5:
                    paid = self.company.next_working_day(paid)
                self.at(datetime.combine(paid, time(8, 30)).astimezone() +
                        timedelta(minutes=self.cash_rng.randint(0, 480)), self.pay_back,
                        settled.driver_id, -settled.variance, paid, day)

    def pay_back(self, driver_id: int, amount: Decimal, day: date, short_on: date) -> None:
        cashup.driver_payment(self.engine, self.clerk, driver_id=driver_id,
                              direction="from_driver", amount=amount, day=day,
                              note=f"補繳 {short_on.isoformat()} 短少")

    def book_entry(self, day: date, kind: str, amount: Decimal, reference: str,
                   note: str) -> None:
        cashup.add_entry(self.engine, self.clerk, day=day, kind=kind, amount=amount,
                         reference=reference, note=note)

    def deposit(self, day: date) -> None:
        """Most of what the till held last night goes to the bank; the float stays."""
        opening = cashup.cash_book(self.engine, day).opening
        amount = (opening - FLOAT) // 1000 * 1000
        if amount >= 1000:
            self.book_entry(day, "deposit", amount,
                            f"{self.cash_rng.choice(BANKS)} 存款單 "
                            f"{self.cash_rng.randint(100_000, 999_999)}", "")

    def close_day(self, day: date) -> None:
        cashup.close_day(self.engine, self.manager, day=day)

    def report(self) -> None:
        """The day's Turnkey messages written, as the office server does on its schedule
        (into a folder thrown away: the demo company reports to no Ministry)."""
        with tempfile.TemporaryDirectory() as folder:
            einvoice.export(self.engine, folder)

    def bill(self, period: str, day: date) -> None:
        billing.run(self.engine, self.manager, period=period, today=day)
        for invoice in billing.list_invoices(self.engine, period=period):
            luck = self.rng.random()
            received = self.working_day_from(invoice.issue_date +
                                             timedelta(days=self.rng.randint(3, 35)))
            keyed = self.working_day_from(received + timedelta(days=self.rng.randint(0, 2)))
            if luck < 0.12:
                continue  # not paid
            amount = invoice.total if luck > 0.25 else (invoice.total / 2).quantize(Decimal(1))
            method = self.rng.choice(("cash", "transfer", "transfer", "cheque"))
            cheque = {"cheque_number": f"AB{self.rng.randint(1_000_000, 9_999_999)}",
                      "cheque_bank": self.rng.choice(BANKS),
                      "cheque_date": received} if method == "cheque" else {}
            self.at(self.office_hours(keyed), self.pay, invoice, method, amount, received, cheque)

    def pay(self, invoice, method: str, amount: Decimal, received: date, cheque: dict) -> None:
        if invoice.id in self.paid_at_stop:
            return  # paid to the driver already
        payments.record_payment(self.engine, self.clerk, customer_id=invoice.customer_id,
                                method=method, amount=amount, received_on=received,
                                reference=invoice.number, **cheque)

    def new_quote(self, data: quotes.QuoteInput, steps: tuple[str, ...]) -> None:
        self.quote_step(quotes.create(self.engine, self.clerk, data), steps)

    def quote_step(self, q, steps: tuple[str, ...]) -> None:
        """Schedule the quote's next step on a later working day."""
        if steps:
            self.at(self.office_hours(self.next_working_day(utcnow().astimezone().date())),
                    self.next_quote_step, q, steps)

    def next_quote_step(self, q, steps: tuple[str, ...]) -> None:
        step, rest = steps[0], steps[1:]
        if step == "convert":
            try:
                quotes.convert(self.engine, self.clerk, q.id)
            except orders.CreditRefused:
                pass  # the clerk will ask a manager
            return
        self.quote_step(getattr(quotes, step)(self.engine, self.clerk, quote_id=q.id,
                                              version=q.version), rest)


def _notes(cash: Decimal) -> tuple[tuple[Decimal, int], ...]:
    """``cash`` in the fewest notes and coins (NT$1,000 down to NT$1); none (the cash
    typed as a sum) when it has cents."""
    if cash != cash.to_integral_value():
        return ()
    out = []
    for face in DENOMINATIONS:
        n, cash = divmod(cash, face)
        if n:
            out.append((face, int(n)))
    return tuple(out)


def _holds(s, customer_id: int, order_line_id: int) -> int:
    """How many cylinders of the line's size the customer holds."""
    return s.scalar(select(CylinderBalance.held).join(
        OrderLine, OrderLine.product_id == CylinderBalance.product_id).where(
        OrderLine.id == order_line_id, CylinderBalance.customer_id == customer_id)) or 0


def _what_happened(rng: random.Random, s, stop, currency: str,
                   rounding: str) -> deliveries.DeliveryInput:
    lines = s.execute(select(OrderLine.id, OrderLine.quantity, OrderLine.unit_price,
                             OrderLine.tax_rate).where(OrderLine.order_id == stop.order_id)).all()
    luck = rng.random()
    key = f"demo-{stop.order_id}"
    cash = stop.total if stop.payment == "cash" else Decimal(0)
    if luck < 0.02:
        return deliveries.DeliveryInput(stop.order_id, key, "failed",
                                        reason=rng.choice(FAILURES))
    empties = [(line_id, q, int(q) - (rng.random() < 0.1)) for line_id, q, _, _ in lines]
    # Now and then a customer gives back a spare cylinder they held: an empty more than the
    # fulls, its deposit refunded (a chance of its own, apart from ``rng``).
    if stop.cylinders and random.Random(stop.order_id).random() < 0.05:
        line_id, q, e = empties[0]
        empties[0] = (line_id, q, e + int(_holds(s, stop.customer_id, line_id) > 0))
    if luck < 0.05 and any(q > 1 for _, q, _ in empties):
        part = [deliveries.LineResult(i, q - 1 if q > 1 else q, max(0, e - 1))
                for i, q, e in empties]
        if stop.payment == "cash":
            delivered = {x.order_line_id: Decimal(x.quantity) for x in part}
            cash = rules.cash_due("cash", [(delivered[i], price, rate)
                                           for i, _, price, rate in lines], currency, rounding)
        return deliveries.DeliveryInput(stop.order_id, key, "partially_delivered", tuple(part),
                                        reason="客戶只收部分", cash_collected=cash)
    return deliveries.DeliveryInput(stop.order_id, key, "delivered",
                                    tuple(deliveries.LineResult(i, q, max(0, e))
                                          for i, q, e in empties), cash_collected=cash)


PROSPECTS = (("鼎泰豐小館 (籌備中)", "0422334455", "台中市西屯區市政路 88 號"),
             ("春水堂 公益店", "0423101234", "台中市南屯區公益路二段 51 號"),
             ("Mountain View Hostel", "0937123456", "台中市北區一中街 20 號"))
