"""Products and their prices, effective from a date (history kept)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Product, ProductPrice
from core.models.products import UNITS
from core.money import parse_amount
from core.services import audit, settings
from core.text import one_line
from core.services.actor import Actor
from core.services.settings import parse_tax_percent

_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")

UNIT_NAMES = {
    "cylinder": QT_TRANSLATE_NOOP("core", "cylinder"),
    "bottle": QT_TRANSLATE_NOOP("core", "bottle"),
    "carton": QT_TRANSLATE_NOOP("core", "carton"),
    "litre": QT_TRANSLATE_NOOP("core", "litre"),
    "kg": QT_TRANSLATE_NOOP("core", "kg"),
    "piece": QT_TRANSLATE_NOOP("core", "piece"),
    "service": QT_TRANSLATE_NOOP("core", "service"),
}


@dataclass(frozen=True)
class ProductInput:
    sku: str
    name_zh: str
    name_en: str = ""
    unit: str = "piece"
    price: Decimal | str | None = None  # with price_from: a new price from that date
    price_from: date | None = None
    tax_rate: str | Decimal | None = None  # percent as typed ("5"); blank: the company rate
    deposit: Decimal | str = Decimal(0)
    active: bool = True
    weight_kg: Decimal | str | None = None  # one unit on a truck; blank: nothing (a service)


@dataclass(frozen=True)
class PriceView:
    effective_from: date
    price: Decimal


@dataclass(frozen=True)
class ProductView:
    id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    tax_rate: Decimal | None  # 0.0500; None = company rate
    deposit: Decimal
    active: bool
    version: int
    price: Decimal | None  # today's price
    prices: tuple[PriceView, ...]
    weight_kg: Decimal | None = None

    def name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_zh


def price_on(prices, day: date) -> Decimal | None:
    """The price effective on ``day``: the latest one starting on or before it."""
    current = None
    for p in sorted(prices, key=lambda p: p.effective_from):
        if p.effective_from <= day:
            current = p.price
    return current


def view(p: Product, today: date | None = None) -> ProductView:
    prices = tuple(PriceView(x.effective_from, x.price)
                   for x in sorted(p.prices, key=lambda x: x.effective_from))
    return ProductView(p.id, p.sku, p.name_zh, p.name_en, p.unit, p.tax_rate, p.deposit,
                       p.active, p.version, price_on(prices, today or date.today()), prices,
                       p.weight_kg)


_catalogs: dict[tuple[str, str], dict[int, ProductView]] = {}


def catalog(s: Session) -> dict[int, ProductView]:
    """Every product with its price history, cached until any product or price changes.

    Each save stores a new random ``catalog_version`` setting, which every
    transaction reads anyway with the company settings: so an order taken on
    any workstation sees the newest prices, without loading the products each time.
    """
    key = (str(s.get_bind().url), settings.stored_value(s, "catalog_version"))
    found = _catalogs.get(key)
    if found is None:
        found = {p.id: view(p) for p in s.scalars(select(Product))}
        while len(_catalogs) >= 8:
            _catalogs.pop(next(iter(_catalogs)))
        _catalogs[key] = found
    return found


def list_products(engine: Engine, *, include_inactive: bool = True) -> list[ProductView]:
    with unit_of_work(engine, write=False) as s:
        q = select(Product).order_by(Product.sku)
        if not include_inactive:
            q = q.where(Product.active.is_(True))
        return [view(p) for p in s.scalars(q)]


def get(engine: Engine, product_id: int) -> ProductView:
    with unit_of_work(engine, write=False) as s:
        p = s.get(Product, product_id)
        if p is None:
            raise NotFound()
        return view(p)


def check(data: ProductInput, *, currency: str) -> dict:
    errors: dict[str, DomainError] = {}
    values: dict = {}
    sku = one_line(data.sku).upper()
    if not _SKU.match(sku):
        errors["sku"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "A SKU has 1 to 40 letters, digits, dots, dashes or underscores."))
    values["sku"] = sku
    name_zh = one_line(data.name_zh)
    if not name_zh:
        errors["name_zh"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The Chinese product name is required."))
    values["name_zh"] = name_zh
    values["name_en"] = one_line(data.name_en)
    unit = one_line(data.unit or "piece").lower()
    if unit not in UNITS:
        errors["unit"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Unknown unit “{unit}”. Units are: {units}."), unit=unit,
            units=", ".join(UNITS))
    values["unit"] = unit
    values["price"] = None
    if data.price not in (None, ""):
        try:
            values["price"] = parse_amount(data.price, currency, field="price")
        except ValidationError as exc:
            errors |= exc.field_errors
    values["tax_rate"] = None
    if data.tax_rate not in (None, ""):
        try:
            rate = data.tax_rate  # a Decimal is a fraction (0.05); text is percent ("5")
            values["tax_rate"] = parse_tax_percent(rate * 100 if isinstance(rate, Decimal) else rate)
        except ValidationError as exc:
            errors |= exc.field_errors
    try:
        values["deposit"] = parse_amount(data.deposit or 0, currency, field="deposit")
    except ValidationError as exc:
        errors |= exc.field_errors
    values["active"] = bool(data.active)
    values["weight_kg"] = None
    if data.weight_kg not in (None, ""):
        try:
            weight = Decimal(str(data.weight_kg).strip())
        except InvalidOperation:
            weight = None
        if weight is None or not weight.is_finite() or not 0 < weight <= 10_000 \
                or weight != weight.quantize(Decimal("0.001")):
            errors["weight_kg"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "The weight is in kg, more than 0 and at most 10,000, e.g. 20."))
        else:
            values["weight_kg"] = weight
    if errors:
        raise ValidationError(errors)
    return values


def save(engine: Engine, actor: Actor, data: ProductInput, *, product_id: int | None = None,
         version: int | None = None) -> ProductView:
    actor.require("manager")
    try:
        with unit_of_work(engine) as s:
            return save_in(s, actor, data, product_id=product_id, version=version)
    except StaleDataError:
        raise StaleRecord() from None


def save_in(s: Session, actor: Actor, data: ProductInput, *, product_id: int | None = None,
            version: int | None = None, company: settings.CompanySettings | None = None
            ) -> ProductView:
    company = company or settings.read(s)
    values = check(data, currency=company.currency)
    price = values.pop("price")
    price_from = data.price_from or date.today()
    if product_id is None:
        if price is None:
            raise ValidationError({"price": DomainError(QT_TRANSLATE_NOOP(
                "core", "A new product needs a price."))})
        p = Product()  # added once filled in: queries autoflush
        old: dict = {}
    else:
        p = s.get(Product, product_id)
        if p is None:
            raise NotFound()
        if version is not None and p.version != version:
            raise StaleRecord()
        old = {k: getattr(p, k) for k in values} | {"price": price_on(p.prices, price_from)}
    if values["sku"] != p.sku:
        clash = s.scalar(select(Product.id).where(Product.sku == values["sku"]))
        if clash is not None and clash != p.id:
            raise ValidationError({"sku": DomainError(QT_TRANSLATE_NOOP(
                "core", "The SKU “{sku}” belongs to another product."), sku=values["sku"])})
    for key, value in values.items():
        setattr(p, key, value)
    new = dict(values)
    if price is not None:
        new["price"] = price
        if price_on(p.prices, price_from) != price:
            existing = next((x for x in p.prices if x.effective_from == price_from), None)
            if existing:
                existing.price = price
            else:
                p.prices.append(ProductPrice(effective_from=price_from, price=price))
    changes = audit.diff(old, new)
    if product_id is not None and not changes:
        return view(p)
    if product_id is not None and "price" in changes:
        flag_modified(p, "active")  # a new price is a change of the product: bump its version
    s.add(p)
    s.flush()
    settings.store_value(s, "catalog_version", uuid.uuid4().hex)
    if "price" in changes:
        changes["price"].append(f"from {price_from}")
    audit.record(s, actor, "product", p.sku, "created" if product_id is None else "updated",
                 changes, summary=p.name_zh)
    return view(p)
