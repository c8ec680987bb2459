"""Serial-numbered cylinders (鋼瓶號碼) and their periodic re-test dates.

A cylinder is registered with its serial as stamped (and as its barcode: upper case, no
spaces), its size (a product counted in cylinders, with its weight in kg), material,
owner, manufacture date and the re-test date stamped on it.  The re-test rules
(``retest_rule``, Taiwan's 液化石油氣容器定期檢驗標準 art. 3 and 10 as revision 0012
wrote them, editable by an administrator) propose the next due date and the end of the
cylinder's service life: the rule of the cylinder's material whose ``min_kg`` is the
largest not above the size's weight, and among those the one whose ``from_age`` is the
largest not above the cylinder's age at its last test (``propose``, one pure function
that the Add dialog shows as the user types and the services use).

Serials are scanned into stock documents (``scan_in``, inside the stock service's
transaction): an unknown or scrapped serial is refused, one past its service life only
goes to scrap, and an overdue one is not loaded.  A scan moves the cylinder (where it is,
with which customer, full or empty); ``db check`` holds every cylinder where its latest
scan put it.  A cylinder back from the inspection station takes its next due date from
the rules (``retested``; a ``from_station`` document's scans do it as of its day).
"""

from __future__ import annotations

import calendar
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import requests
from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import (Customer, Cylinder, CylinderScan, Delivery, Order, Product,
                         RetestRule, Route, RouteStop, StockDoc, StockLocation)
from core.models.stock import MATERIALS
from core.services import audit, imports
from core.services.actor import Actor
from core.services.imports import RowError
from core.text import one_line

MATERIAL_NAMES = {
    "steel": QT_TRANSLATE_NOOP("core", "steel"),
    "composite": QT_TRANSLATE_NOOP("core", "composite"),
}
DUE_SOON_DAYS = 30
_SERIAL = re.compile(r"^[A-Z0-9][A-Z0-9./-]{0,29}$")


# --- the rules ----------------------------------------------------------------------------

@dataclass(frozen=True)
class RetestRuleView:
    """From ``from_age`` years of age, a ``material`` cylinder of at least ``min_kg`` is
    re-tested every ``interval_years``; its service ends at ``life_years``."""
    material: str
    min_kg: int
    from_age: int
    interval_years: int
    life_years: int


@dataclass(frozen=True)
class RetestRuleInput:
    """A row of the Settings table as typed (numbers as text or int)."""
    material: str
    min_kg: int | str
    from_age: int | str
    interval_years: int | str
    life_years: int | str


@dataclass(frozen=True)
class Proposal:
    due: date  # the next re-test, never after the end of service life
    end_of_life: date
    interval_years: int
    rule: RetestRuleView


def add_years(day: date, years: int) -> date:
    """``day`` ``years`` later (29 February becomes 28 February in a common year)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def age_on(manufactured: date, day: date) -> int:
    """Whole years from ``manufactured`` to ``day``."""
    years = day.year - manufactured.year
    if (day.month, day.day) < (manufactured.month, manufactured.day):
        years -= 1
    return max(0, years)


def rule_for(rules: Iterable[RetestRuleView], material: str, kg, age: int) -> RetestRuleView:
    """The rule of ``material`` with the largest ``min_kg`` not above ``kg`` and, of those,
    the largest ``from_age`` not above ``age``."""
    own = [r for r in rules if r.material == material and r.min_kg <= kg]
    if own:
        size = max(r.min_kg for r in own)
        aged = [r for r in own if r.min_kg == size and r.from_age <= age]
        if aged:
            return max(aged, key=lambda r: r.from_age)
    raise DomainError(QT_TRANSLATE_NOOP(
        "core", "No re-test rule covers a {material} cylinder of {kg} kg at {age} years of "
        "age. An administrator adds one in Settings (Re-test rules)."),
        material=DomainError(MATERIAL_NAMES.get(material, material)), kg=_kg(kg), age=age)


def propose(rules: Iterable[RetestRuleView], material: str, kg, manufactured: date,
            last_test: date | None = None) -> Proposal:
    """The next re-test due and the end of service life of a cylinder of ``material``
    holding ``kg`` made on ``manufactured``, last tested on ``last_test`` (never: its
    manufacture)."""
    tested = last_test or manufactured
    rule = rule_for(list(rules), material, kg, age_on(manufactured, tested))
    end = add_years(manufactured, rule.life_years)
    return Proposal(min(add_years(tested, rule.interval_years), end), end, rule.interval_years,
                    rule)


def end_of_life(rules: Iterable[RetestRuleView], material: str, kg, manufactured: date,
                on: date) -> date | None:
    """When the service of a cylinder ends, by the rule for its age on ``on``; None when no
    rule covers it."""
    try:
        return propose(rules, material, kg, manufactured, max(on, manufactured)).end_of_life
    except DomainError:
        return None


def _kg(kg) -> str:
    return f"{kg.normalize():f}" if hasattr(kg, "normalize") else str(kg)


def _rules(s: Session) -> list[RetestRuleView]:
    return [RetestRuleView(r.material, r.min_kg, r.from_age, r.interval_years, r.life_years)
            for r in s.scalars(select(RetestRule).order_by(
                RetestRule.material.desc(), RetestRule.min_kg.desc(), RetestRule.from_age))]


def retest_rules(engine: Engine) -> list[RetestRuleView]:
    """The re-test rules: steel first, larger sizes first, younger ages first."""
    with unit_of_work(engine, write=False) as s:
        return _rules(s)


def _whole(text, low: int, high: int) -> int | None:
    text = str(text).strip()
    if text.isdecimal() and low <= int(text) <= high:  # isdigit() let "²" reach int()
        return int(text)
    return None


def set_retest_rules(engine: Engine, actor: Actor,
                     rows: list[RetestRuleInput]) -> list[RetestRuleView]:
    """An administrator replaces the re-test rules with ``rows``, checked: each material is
    steel or composite; kg, ages and years whole numbers; an interval and a life of at
    least a year, a rule starting before the end of life; no (material, kg, age) twice;
    every material's smallest size class from 0 kg and every size class from age 0, so
    every cylinder of a material that has rules is covered."""
    actor.require("admin")
    errors: dict[str, DomainError] = {}
    parsed: list[RetestRuleView] = []
    limits = {"min_kg": (0, 1000), "from_age": (0, 100), "interval_years": (1, 50),
              "life_years": (1, 100)}
    for n, row in enumerate(rows, start=1):
        material = one_line(row.material).lower()
        if material not in MATERIALS:
            errors[f"row{n}.material"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Rule {row}: the material is steel or composite."), row=n)
        numbers = {}
        for name, (low, high) in limits.items():
            value = _whole(getattr(row, name), low, high)
            if value is None:
                errors[f"row{n}.{name}"] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "Rule {row}: {field} is a whole number from {low} to {high}."),
                    row=n, field=DomainError(_FIELD_NAMES[name]), low=low, high=high)
            numbers[name] = value
        if None in numbers.values() or f"row{n}.material" in errors:
            continue
        if numbers["from_age"] >= numbers["life_years"]:
            errors[f"row{n}.from_age"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Rule {row}: it starts at {age} years, after the end of service life "
                "({life} years)."), row=n, age=numbers["from_age"], life=numbers["life_years"])
            continue
        parsed.append(RetestRuleView(material, **numbers))
    keys: dict[tuple, int] = {}
    for n, r in enumerate(parsed, start=1):
        key = (r.material, r.min_kg, r.from_age)
        if key in keys:
            errors.setdefault("rules", DomainError(QT_TRANSLATE_NOOP(
                "core", "Two rules are for {material} cylinders from {kg} kg at {age} years: "
                "keep one."), material=DomainError(MATERIAL_NAMES[r.material]),
                kg=r.min_kg, age=r.from_age))
        keys[key] = n
    if not errors:
        if not parsed:
            errors["rules"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Keep at least one re-test rule."))
        for material in sorted({r.material for r in parsed}):
            sizes = {r.min_kg for r in parsed if r.material == material}
            if 0 not in sizes:
                errors.setdefault("rules", DomainError(QT_TRANSLATE_NOOP(
                    "core", "The {material} rules need a size class from 0 kg, so that every "
                    "size is covered."), material=DomainError(MATERIAL_NAMES[material])))
            for kg in sorted(sizes):
                if (material, kg, 0) not in keys:
                    errors.setdefault("rules", DomainError(QT_TRANSLATE_NOOP(
                        "core", "The {material} rules from {kg} kg need one from age 0, so "
                        "that new cylinders are covered."),
                        material=DomainError(MATERIAL_NAMES[material]), kg=kg))
    if errors:
        raise ValidationError(errors)
    with unit_of_work(engine) as s:
        before = _rules(s)
        s.execute(delete(RetestRule))
        s.add_all([RetestRule(material=r.material, min_kg=r.min_kg, from_age=r.from_age,
                              interval_years=r.interval_years, life_years=r.life_years)
                   for r in parsed])
        s.flush()
        after = _rules(s)
        if before != after:
            audit.record(s, actor, "retest_rules", "", "updated", {
                "rules": [[_rule_text(r) for r in before], [_rule_text(r) for r in after]]},
                summary="re-test rules")
        return after


_FIELD_NAMES = {
    "min_kg": QT_TRANSLATE_NOOP("core", "the size from (kg)"),
    "from_age": QT_TRANSLATE_NOOP("core", "the age from (years)"),
    "interval_years": QT_TRANSLATE_NOOP("core", "the interval (years)"),
    "life_years": QT_TRANSLATE_NOOP("core", "the service life (years)"),
}


def _rule_text(r: RetestRuleView) -> str:
    return (f"{r.material} >={r.min_kg}kg from {r.from_age}y: every {r.interval_years}y, "
            f"life {r.life_years}y")


# --- cylinders ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CylinderInput:
    serial: str
    product_id: int | None
    manufactured: date | None
    material: str = "steel"
    owner: str = ""
    retest_due: date | None = None  # as stamped; None: proposed by the rules
    last_test: date | None = None  # for the proposal; None: since manufacture
    location_id: int | None = None  # where it stands (a new one: None, the first depot)
    customer_id: int | None = None  # at the customers' location: who holds it
    full: bool = False


@dataclass(frozen=True)
class CylinderView:
    id: int
    serial: str
    product_id: int
    product_sku: str
    product_name_zh: str
    product_name_en: str
    kg: str  # the size's weight, as text ("50")
    material: str
    owner: str
    manufactured: date
    retest_due: date
    end_of_life: date | None  # None: no rule covers it
    status: str  # in_service | scrapped
    full: bool
    location_id: int | None
    location_name: str
    location_kind: str
    customer_id: int | None
    customer_code: str
    customer_name: str
    version: int

    def overdue(self, day: date) -> bool:
        return self.status == "in_service" and self.retest_due < day

    def past_life(self, day: date) -> bool:
        return self.status == "in_service" and self.end_of_life is not None \
            and self.end_of_life <= day


@dataclass(frozen=True)
class LocationView:
    id: int
    kind: str
    name: str


def normalise_serial(serial: str) -> str:
    """A serial as stamped and as its barcode: upper case, without spaces."""
    return "".join(str(serial).split()).upper()


def _query():
    return (select(Cylinder, Product, StockLocation, Customer)
            .join(Product, Product.id == Cylinder.product_id)
            .outerjoin(StockLocation, StockLocation.id == Cylinder.location_id)
            .outerjoin(Customer, Customer.id == Cylinder.customer_id))


def _view(rules, c: Cylinder, p: Product, loc: StockLocation | None,
          cust: Customer | None) -> CylinderView:
    end = end_of_life(rules, c.material, p.weight_kg or 0, c.manufactured, date.today())
    return CylinderView(c.id, c.serial, p.id, p.sku, p.name_zh, p.name_en, _kg(p.weight_kg or 0),
                        c.material, c.owner, c.manufactured, c.retest_due, end, c.status, c.full,
                        c.location_id, loc.name if loc else "", loc.kind if loc else "",
                        c.customer_id, cust.code if cust else "", cust.name if cust else "",
                        c.version)


def _views(s: Session, q) -> list[CylinderView]:
    rules = _rules(s)
    return [_view(rules, *row) for row in s.execute(q)]


def _view_of(s: Session, cylinder_id: int) -> CylinderView:
    return _views(s, _query().where(Cylinder.id == cylinder_id))[0]


def _limit(limit: int) -> int:
    """A list's LIMIT as the databases take it (PostgreSQL refused -1 and 10**12)."""
    return max(0, min(int(limit), 2**31 - 1))


def list_cylinders(engine: Engine, *, serial: str = "", location_id: int | None = None,
                   customer_id: int | None = None, include_scrapped: bool = False,
                   limit: int = 5000) -> list[CylinderView]:
    """Cylinders by serial: those whose serial starts with ``serial`` (normalised), at a
    location, held by a customer (the serials they hold)."""
    q = _query().order_by(Cylinder.serial).limit(_limit(limit))
    serial = normalise_serial(serial)
    if serial:
        q = q.where(Cylinder.serial.startswith(serial, autoescape=True))
    if location_id is not None:
        q = q.where(Cylinder.location_id == location_id)
    if customer_id is not None:
        q = q.where(Cylinder.customer_id == customer_id)
    if not include_scrapped:
        q = q.where(Cylinder.status == "in_service")
    with unit_of_work(engine, write=False) as s:
        return _views(s, q)


def due(engine: Engine, *, on: date | None = None, days: int = 0,
        location_id: int | None = None) -> list[CylinderView]:
    """Cylinders in service due for their re-test before ``on`` (today: overdue) with
    ``days`` 0; with ``days`` (30: due within 30 days), those due from ``on`` to ``days``
    later.  Soonest first."""
    on = on or date.today()
    q = _query().where(Cylinder.status == "in_service").order_by(Cylinder.retest_due,
                                                                 Cylinder.serial)
    if days:
        # Clamped to the calendar: days=10**9 raised OverflowError.
        until = date.fromordinal(min(max(on.toordinal() + days, 1), date.max.toordinal()))
        q = q.where(Cylinder.retest_due >= on, Cylinder.retest_due <= until)
    else:
        q = q.where(Cylinder.retest_due < on)
    if location_id is not None:
        q = q.where(Cylinder.location_id == location_id)
    with unit_of_work(engine, write=False) as s:
        return _views(s, q)


def overdue(engine: Engine, *, on: date | None = None,
            location_id: int | None = None) -> list[CylinderView]:
    """Cylinders in service whose re-test was due before ``on`` (today)."""
    return due(engine, on=on, location_id=location_id)


def due_soon(engine: Engine, *, on: date | None = None, days: int = DUE_SOON_DAYS,
             location_id: int | None = None) -> list[CylinderView]:
    """Cylinders in service due for their re-test from ``on`` (today) to ``days`` later."""
    return due(engine, on=on, days=days, location_id=location_id)


def get(engine: Engine, serial: str) -> CylinderView | None:
    """The cylinder with this serial (as scanned or typed), scrapped ones too."""
    with unit_of_work(engine, write=False) as s:
        found = _views(s, _query().where(Cylinder.serial == normalise_serial(serial)))
        return found[0] if found else None


def locations(engine: Engine) -> list[LocationView]:
    """Where cylinders stand: depots, trucks, customers, the plant, the station."""
    order = {k: n for n, k in enumerate(("depot", "truck", "customers", "station", "plant"))}
    with unit_of_work(engine, write=False) as s:
        rows = s.scalars(select(StockLocation).where(StockLocation.active.is_(True)))
        return sorted((LocationView(r.id, r.kind, r.name) for r in rows),
                      key=lambda v: (order.get(v.kind, 9), v.name, v.id))


def _require_staff(actor: Actor) -> None:
    if not actor.can("dispatcher"):
        actor.require("clerk")


def _check(s: Session, data: CylinderInput, cylinder_id: int | None,
           rules: list[RetestRuleView] | None = None) -> tuple[dict, dict]:
    """The input's fields, checked; refusals per field.  A new cylinder past its service
    life is refused (one registered already is corrected, and then scrapped)."""
    errors: dict[str, DomainError] = {}
    serial = normalise_serial(data.serial)
    if not serial:
        errors["serial"] = DomainError(QT_TRANSLATE_NOOP("core", "The serial is required."))
    elif not _SERIAL.match(serial):
        errors["serial"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "A serial is up to 30 letters and digits (and . / -), as stamped."))
    elif s.scalar(select(Cylinder.id).where(Cylinder.serial == serial,
                                            Cylinder.id != (cylinder_id or -1))):
        errors["serial"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Cylinder {serial} is registered already."), serial=serial)
    product = s.get(Product, data.product_id) if data.product_id is not None else None
    if product is None or product.unit != "cylinder":
        errors["product"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose the size: a product sold by the cylinder."))
    elif not product.weight_kg:
        errors["product"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Product {sku} has no weight: give it its kg in Products first (the "
            "re-test rules go by size)."), sku=product.sku)
    material = data.material
    if material not in MATERIALS:
        errors["material"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The material is steel or composite."))
    today = date.today()
    if data.manufactured is None:
        errors["manufactured"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The manufacture date is required (stamped on the cylinder)."))
    elif data.manufactured > today:
        errors["manufactured"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The manufacture date cannot be in the future."))
    if data.last_test is not None and data.manufactured is not None \
            and not data.manufactured <= data.last_test <= today:
        errors["last_test"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The last test is between the manufacture date and today."))
    if data.retest_due is not None and data.manufactured is not None \
            and data.retest_due <= data.manufactured:
        errors["retest_due"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The re-test date is after the manufacture date."))
    fields = {}
    if not errors:
        proposal = None
        try:
            proposal = propose(rules or _rules(s), material, product.weight_kg, data.manufactured,
                               data.last_test)
        except DomainError as exc:
            errors["material"] = exc
        if proposal is not None and proposal.end_of_life <= today and cylinder_id is None:
            errors["manufactured"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Made on {made}, this cylinder reached the end of its service life on "
                "{end}: it can only be scrapped."), made=data.manufactured.isoformat(),
                end=proposal.end_of_life.isoformat())
        elif proposal is not None:
            fields = dict(serial=serial, product_id=product.id, material=material,
                          owner=one_line(data.owner), manufactured=data.manufactured,
                          retest_due=data.retest_due or proposal.due)
    return fields, errors


def _place(s: Session, location_id: int | None, customer_id: int | None,
           errors: dict) -> tuple[int | None, int | None]:
    if location_id is None:
        location_id = s.scalar(select(StockLocation.id).where(
            StockLocation.kind == "depot", StockLocation.active.is_(True))
            .order_by(StockLocation.id).limit(1))
    loc = s.get(StockLocation, location_id) if location_id is not None else None
    if loc is None:
        errors["location"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose where the cylinder stands."))
        return None, None
    if loc.kind == "customers":
        if customer_id is None or s.get(Customer, customer_id) is None:
            errors["customer"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Choose the customer who holds the cylinder."))
        return loc.id, customer_id
    return loc.id, None


def register(engine: Engine, actor: Actor, data: CylinderInput) -> CylinderView:
    """Register a serial cylinder; its re-test date as stamped, or proposed by the rules."""
    _require_staff(actor)
    try:
        with unit_of_work(engine) as s:
            fields, errors = _check(s, data, None)
            location_id, customer_id = _place(s, data.location_id, data.customer_id, errors)
            if errors:
                raise ValidationError(errors)
            c = Cylinder(**fields, location_id=location_id, customer_id=customer_id,
                         full=data.full, status="in_service", created_by=actor.username)
            s.add(c)
            s.flush()
            audit.record(s, actor, "cylinder", c.serial, "created",
                         audit.diff({}, {**fields, "location_id": location_id,
                                         "customer_id": customer_id}), summary=c.serial)
            return _view_of(s, c.id)
    except IntegrityError:
        raise ValidationError({"serial": DomainError(QT_TRANSLATE_NOOP(
            "core", "Cylinder {serial} is registered already."),
            serial=normalise_serial(data.serial))}) from None


def update(engine: Engine, actor: Actor, *, cylinder_id: int, version: int,
           data: CylinderInput) -> CylinderView:
    """Correct a cylinder's record (serial, size, material, owner, dates); where it is
    changes only by scans."""
    _require_staff(actor)
    try:
        with unit_of_work(engine) as s:
            c = s.get(Cylinder, cylinder_id)
            if c is None:
                raise NotFound()
            if c.version != version:
                raise StaleRecord()
            if c.status == "scrapped":
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "Cylinder {serial} is scrapped; its record stays as it was."),
                    serial=c.serial)
            fields, errors = _check(s, data, c.id)
            if errors:
                raise ValidationError(errors)
            before = {k: getattr(c, k) for k in fields}
            for k, v in fields.items():
                setattr(c, k, v)
            s.flush()
            changes = audit.diff(before, fields)
            if changes:
                audit.record(s, actor, "cylinder", c.serial, "updated", changes,
                             summary=c.serial)
            return _view_of(s, c.id)
    except StaleDataError:
        raise StaleRecord() from None
    except IntegrityError:
        raise ValidationError({"serial": DomainError(QT_TRANSLATE_NOOP(
            "core", "Cylinder {serial} is registered already."),
            serial=normalise_serial(data.serial))}) from None


def _retest(c: Cylinder, rules, kg, tested_on: date) -> date:
    c.retest_due = propose(rules, c.material, kg, c.manufactured, tested_on).due
    return c.retest_due


def retested(engine: Engine, actor: Actor, serials: list[str],
             tested_on: date) -> list[CylinderView]:
    """The cylinders passed their periodic re-test on ``tested_on``: each takes its next due
    date from the rules."""
    _require_staff(actor)
    if tested_on > date.today():
        raise ValidationError({"tested_on": DomainError(QT_TRANSLATE_NOOP(
            "core", "The test date cannot be in the future."))})
    with unit_of_work(engine) as s:
        rules = _rules(s)
        found = _cylinders(s, serials)
        for c, kg in found:
            if c.status == "scrapped":
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "Cylinder {serial} is scrapped."), serial=c.serial)
            if tested_on < c.manufactured:
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "Cylinder {serial} was made on {made}, after that test date."),
                    serial=c.serial, made=c.manufactured.isoformat())
            before = c.retest_due
            _retest(c, rules, kg, tested_on)
            audit.record(s, actor, "cylinder", c.serial, "retested", {
                "retest_due": [audit.plain(before), audit.plain(c.retest_due)],
                "tested_on": [None, tested_on.isoformat()]}, summary=c.serial)
        s.flush()
        return [_view_of(s, c.id) for c, _ in found]


def _cylinders(s: Session, serials: Sequence[str]) -> list[tuple[Cylinder, object]]:
    """The cylinders of ``serials`` (normalised, each once, in order) with their size's kg;
    an unknown serial is refused."""
    wanted = list(dict.fromkeys(normalise_serial(x) for x in serials if normalise_serial(x)))
    rows = {c.serial: (c, kg) for c, kg in s.execute(
        select(Cylinder, Product.weight_kg).join(Product, Product.id == Cylinder.product_id)
        .where(Cylinder.serial.in_(wanted)).with_for_update(of=Cylinder))} if wanted else {}
    for serial in wanted:
        if serial not in rows:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "No cylinder has the serial {serial}: check it, or register the "
                "cylinder first (Cylinders → Add cylinder)."), serial=serial)
    return [rows[x] for x in wanted]


# --- import -------------------------------------------------------------------------------

IMPORT_REQUIRED = ("serial", "sku", "manufactured")
IMPORT_OPTIONAL = ("retest_due", "last_test", "material", "owner")


@dataclass(frozen=True)
class CylinderImport:
    created: tuple[str, ...]  # the serials registered
    existing: tuple[str, ...]  # serials registered before: left as they are
    errors: tuple[RowError, ...]  # any: nothing was registered


def _import_day(text: str) -> date | None:
    """2026-10-01, 2026/10/01 or an .xlsx date (2026-10-01 00:00:00); None for blank."""
    text = text.strip().split(" ")[0].split("T")[0]
    if not text:
        return None
    match = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", text)
    if match is None:
        raise ValueError(text)
    return date(*(int(x) for x in match.groups()))


def import_file(engine: Engine, actor: Actor, *, file_name: str,
                content: bytes) -> CylinderImport:
    """Register the cylinders of an .xlsx or .csv file (columns serial, sku, manufactured;
    optional retest_due, last_test, material, owner), all or nothing: a file with any bad
    row registers none and lists every bad row.  A serial registered already is left as it
    is (importing a file again registers nothing new).  New cylinders stand in the first
    depot, empty."""
    _require_staff(actor)
    with tempfile.TemporaryDirectory(prefix="roundsman-cylinders-") as folder:
        path = Path(folder) / ("upload" + Path(file_name).suffix.lower())
        path.write_bytes(content)
        _header, rows, bad = imports.read_file(path, IMPORT_REQUIRED, IMPORT_OPTIONAL)
    found: list[RowError] = list(bad)
    created, existing = [], []
    with unit_of_work(engine) as s:
        skus = dict(s.execute(select(Product.sku, Product.id)).all())
        registered = set(s.scalars(select(Cylinder.serial)))
        seen: dict[str, int] = {}
        new, rules = [], _rules(s)
        for line, values in rows:
            serial = normalise_serial(values.get("serial", ""))
            if serial in registered:
                existing.append(serial)
                continue
            if serial and serial in seen:
                found.append(imports.row_error(line, "serial", QT_TRANSLATE_NOOP(
                    "core", "Serial {serial} is on line {first} too."), serial=serial,
                    first=seen[serial]))
                continue
            seen[serial] = line
            days, wrong = {}, False
            for column in ("manufactured", "retest_due", "last_test"):
                try:
                    days[column] = _import_day(values.get(column, ""))
                except ValueError:
                    wrong = True
                    found.append(imports.row_error(line, column, QT_TRANSLATE_NOOP(
                        "core", "“{value}” is not a date (YYYY-MM-DD)."),
                        value=values[column]))
            if wrong:
                continue
            material = values.get("material", "").strip().lower() or "steel"
            data = CylinderInput(serial=serial, product_id=skus.get(
                values.get("sku", "").strip().upper()), material=material,
                owner=values.get("owner", ""), **days)
            fields, errors = _check(s, data, None, rules)
            for column, error in errors.items():
                found.append(imports.RowError(line, column, error.message(), error))
            if not errors:
                new.append(fields)
        if found:
            s.rollback()
            return CylinderImport((), tuple(existing), tuple(found))
        location_id, _ = _place(s, None, None, {})
        for fields in new:
            s.add(Cylinder(**fields, location_id=location_id, customer_id=None, full=False,
                           status="in_service", created_by=actor.username))
            created.append(fields["serial"])
        s.flush()
        if created:
            audit.record(s, actor, "cylinder", "", "imported",
                         {"serials": [None, created[:50]]},
                         summary=f"{len(created)} cylinders from {Path(file_name).name}")
        return CylinderImport(tuple(created), tuple(existing), ())


# --- scanning -----------------------------------------------------------------------------

def scan_in(s: Session, actor: Actor, doc: StockDoc, serials: Sequence[str], *,
            to_location_id: int, customer_id: int | None = None, full: bool,
            loading: bool) -> list[str]:
    """Serials scanned into stock document ``doc`` (flushed, in the caller's transaction):
    each cylinder goes to ``to_location_id`` (at the customers' location, to
    ``customer_id``), full or empty.  Refused: an unknown serial, a scrapped cylinder, one
    past its service life (unless ``doc`` scraps it), and at ``loading`` one overdue for its
    re-test on the document's day.  A scrap document scraps them; one back from the
    inspection station re-tests them as of its day.  Returns the serials as normalised."""
    loc = s.get(StockLocation, to_location_id)
    if loc is None:
        raise NotFound()
    if loc.kind == "customers" and customer_id is None:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Cylinders going to customers need the customer who takes them."))
    if loc.kind != "customers":
        customer_id = None
    rules = _rules(s)
    found = _cylinders(s, serials)
    already = set(s.scalars(select(CylinderScan.cylinder_id).where(
        CylinderScan.doc_id == doc.id)))
    for c, kg in found:
        if c.status == "scrapped":
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Cylinder {serial} was scrapped: it cannot move again."),
                serial=c.serial)
        end = end_of_life(rules, c.material, kg or 0, c.manufactured, doc.day)
        if doc.kind != "scrap" and end is not None and end <= doc.day:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Cylinder {serial} reached the end of its service life on {end}: it "
                "can only be scrapped."), serial=c.serial, end=end.isoformat())
        if loading and c.retest_due < doc.day:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "Cylinder {serial} was due for its re-test on {due}: it cannot be "
                "loaded; send it to the inspection station."),
                serial=c.serial, due=c.retest_due.isoformat())
    scanned = []
    for c, kg in found:
        scanned.append(c.serial)
        if c.id in already:
            continue
        s.add(CylinderScan(doc_id=doc.id, cylinder_id=c.id, location_id=loc.id,
                           customer_id=customer_id, full=full))
        c.location_id, c.customer_id, c.full = loc.id, customer_id, full
        if doc.kind == "scrap":
            c.status = "scrapped"
        elif doc.kind == "from_station":
            _retest(c, rules, kg or 0, doc.day)
    s.flush()
    return scanned


@dataclass(frozen=True)
class DeliveryScans:
    delivery_id: int
    doc_id: int
    handed_over: tuple[str, ...]
    collected: tuple[str, ...]


def scan_delivery(engine: Engine, actor: Actor, delivery_id: int, out_serials: list[str],
                  in_serials: list[str], request_key: str) -> DeliveryScans:
    """The serials handed over (full, to the order's customer) and collected (empty, onto
    the route's truck) at a confirmed delivery, recorded after its confirmation as a
    document of their own (no counts move: the confirmation moved them).  The same
    ``request_key`` again has one effect; with other serials it is refused."""
    _require_staff(actor)
    out = list(dict.fromkeys(normalise_serial(x) for x in out_serials if normalise_serial(x)))
    back = list(dict.fromkeys(normalise_serial(x) for x in in_serials if normalise_serial(x)))
    both = set(out) & set(back)
    if both:
        raise ValidationError({"serials": DomainError(QT_TRANSLATE_NOOP(
            "core", "Cylinder {serial} is both handed over and collected: scan it once."),
            serial=sorted(both)[0])})
    if not out and not back:
        raise ValidationError({"serials": DomainError(QT_TRANSLATE_NOOP(
            "core", "Scan the serials handed over or collected."))})
    if not (request_key or "").strip() or len(request_key) > 64:  # the column's length
        raise ValidationError({"request_key": DomainError(QT_TRANSLATE_NOOP(
            "core", "Scans need the request key of their dialog."))})
    fingerprint = requests.fingerprint("delivery_scans", delivery=delivery_id, out=out,
                                       back=back)
    try:
        with unit_of_work(engine) as s:
            done = requests.earlier(s, StockDoc, request_key, fingerprint)
            if done is not None:
                return _delivery_scans(s, done, delivery_id)
            d = s.get(Delivery, delivery_id)
            if d is None:
                raise NotFound()
            if d.undone_at is not None:
                raise DomainError(QT_TRANSLATE_NOOP(
                    "core", "This delivery's confirmation was undone: confirm it again first."))
            order = s.get(Order, d.order_id)
            route = s.scalars(select(Route).join(RouteStop, RouteStop.route_id == Route.id)
                              .where(RouteStop.order_id == order.id)).first()
            truck = s.scalar(select(StockLocation.id).where(
                StockLocation.vehicle_id == route.vehicle_id)) if route else None
            truck = truck or s.scalar(select(StockLocation.id).where(
                StockLocation.kind == "depot").order_by(StockLocation.id).limit(1))
            customers = s.scalar(select(StockLocation.id).where(
                StockLocation.kind == "customers").order_by(StockLocation.id).limit(1))
            doc = StockDoc(kind="delivery", day=order.delivery_date,
                           route_id=route.id if route else None, delivery_id=d.id,
                           request_key=request_key, request_hash=fingerprint,
                           reason="Serials scanned at the delivery", created_by=actor.username)
            s.add(doc)
            s.flush()
            if out:
                scan_in(s, actor, doc, out, to_location_id=customers,
                        customer_id=order.customer_id, full=True, loading=False)
            if back:
                scan_in(s, actor, doc, back, to_location_id=truck, full=False, loading=False)
            return _delivery_scans(s, doc, delivery_id)
    except IntegrityError:
        with unit_of_work(engine, write=False) as s:
            done = requests.earlier(s, StockDoc, request_key, fingerprint)
            if done is not None:
                return _delivery_scans(s, done, delivery_id)
        raise


def _delivery_scans(s: Session, doc: StockDoc, delivery_id: int) -> DeliveryScans:
    rows = s.execute(select(Cylinder.serial, CylinderScan.full).join(
        CylinderScan, CylinderScan.cylinder_id == Cylinder.id)
        .where(CylinderScan.doc_id == doc.id).order_by(CylinderScan.id)).all()
    return DeliveryScans(delivery_id, doc.id, tuple(x for x, f in rows if f),
                         tuple(x for x, f in rows if not f))


# --- db check -----------------------------------------------------------------------------

def cylinders_where_scanned(s: Session) -> list[str]:
    """Every serial cylinder that was ever scanned stands where its latest scan put it (the
    location, and the customer at the customers' location)."""
    latest = select(CylinderScan.cylinder_id, func.max(CylinderScan.id).label("id")) \
        .group_by(CylinderScan.cylinder_id).subquery()
    rows = s.execute(
        select(Cylinder.serial, Cylinder.location_id, Cylinder.customer_id,
               CylinderScan.location_id, CylinderScan.customer_id)
        .join(latest, latest.c.cylinder_id == Cylinder.id)
        .join(CylinderScan, CylinderScan.id == latest.c.id)
        .where((Cylinder.location_id.is_distinct_from(CylinderScan.location_id))
               | (Cylinder.customer_id.is_distinct_from(CylinderScan.customer_id)))
        .order_by(Cylinder.serial))
    return [f"cylinder {serial}: at location {loc} customer {cust}, its latest scan says "
            f"location {scan_loc} customer {scan_cust}"
            for serial, loc, cust, scan_loc, scan_cust in rows]
