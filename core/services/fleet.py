"""Drivers and vehicles: kept by dispatchers, never deleted (deactivated)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import Driver, Vehicle
from core.services import audit, settings, stock
from core.services.actor import Actor
from core.services.customers import normalise_phone
from core.text import one_line

CAPACITY_UNITS = {
    "cylinders": QT_TRANSLATE_NOOP("core", "cylinders"),
    "kg": QT_TRANSLATE_NOOP("core", "kg"),
}


@dataclass(frozen=True)
class DriverView:
    id: int
    name: str
    phone: str
    active: bool
    version: int


@dataclass(frozen=True)
class VehicleView:
    id: int
    plate: str
    capacity: int
    capacity_unit: str
    driver_id: int | None
    driver_name: str
    active: bool
    version: int


def _require(actor: Actor) -> None:
    actor.require("dispatcher")


def list_drivers(engine: Engine, *, include_inactive: bool = True) -> list[DriverView]:
    with unit_of_work(engine, write=False) as s:
        q = select(Driver).order_by(Driver.name)
        if not include_inactive:
            q = q.where(Driver.active.is_(True))
        return [DriverView(d.id, d.name, d.phone, d.active, d.version) for d in s.scalars(q)]


def list_vehicles(engine: Engine, *, include_inactive: bool = True) -> list[VehicleView]:
    with unit_of_work(engine, write=False) as s:
        names = dict(s.execute(select(Driver.id, Driver.name)).all())
        q = select(Vehicle).order_by(Vehicle.plate)
        if not include_inactive:
            q = q.where(Vehicle.active.is_(True))
        return [VehicleView(v.id, v.plate, v.capacity, v.capacity_unit, v.driver_id,
                            names.get(v.driver_id, ""), v.active, v.version)
                for v in s.scalars(q)]


def save_driver(engine: Engine, actor: Actor, *, name: str, phone: str = "",
                active: bool = True, driver_id: int | None = None,
                version: int | None = None) -> DriverView:
    _require(actor)
    name = one_line(name)
    errors: dict[str, DomainError] = {}
    if not name:
        errors["name"] = DomainError(QT_TRANSLATE_NOOP("core", "The driver's name is required."))
    try:
        with unit_of_work(engine) as s:
            phone = phone.strip()
            if phone:
                try:
                    phone = normalise_phone(phone, settings.read(s).default_country)
                except ValidationError as exc:
                    errors["phone"] = next(iter(exc.field_errors.values()), exc)
            if errors:
                raise ValidationError(errors)
            d = _load(s, Driver, driver_id, version) if driver_id else Driver()
            before = {"name": d.name, "phone": d.phone, "active": d.active} if driver_id else {}
            d.name, d.phone, d.active = name, phone, active
            if driver_id is None:
                s.add(d)
            s.flush()
            changes = audit.diff(before, {"name": d.name, "phone": d.phone, "active": d.active})
            if changes:
                audit.record(s, actor, "driver", d.id, "updated" if driver_id else "created",
                             changes, summary=d.name)
            return DriverView(d.id, d.name, d.phone, d.active, d.version)
    except StaleDataError:
        raise StaleRecord() from None


def save_vehicle(engine: Engine, actor: Actor, *, plate: str, capacity: int | str,
                 capacity_unit: str = "cylinders", driver_id: int | None = None,
                 active: bool = True, vehicle_id: int | None = None,
                 version: int | None = None) -> VehicleView:
    _require(actor)
    plate = one_line(plate).upper()
    errors: dict[str, DomainError] = {}
    if not plate:
        errors["plate"] = DomainError(QT_TRANSLATE_NOOP("core", "The plate is required."))
    try:
        capacity = int(str(capacity).strip())
    except ValueError:
        capacity = 0
    if not 1 <= capacity <= 100_000:
        errors["capacity"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The capacity is a whole number from 1 to 100,000."))
    if capacity_unit not in CAPACITY_UNITS:
        errors["capacity_unit"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Count the capacity in cylinders or kg."))
    if errors:
        raise ValidationError(errors)
    try:
        with unit_of_work(engine) as s:
            if driver_id is not None and s.get(Driver, driver_id) is None:
                raise ValidationError({"driver": DomainError(QT_TRANSLATE_NOOP(
                    "core", "Choose a driver from the list."))})
            v = _load(s, Vehicle, vehicle_id, version) if vehicle_id else Vehicle()
            fields = ("plate", "capacity", "capacity_unit", "driver_id", "active")
            before = {f: getattr(v, f) for f in fields} if vehicle_id else {}
            v.plate, v.capacity, v.capacity_unit, v.driver_id, v.active = (
                plate, capacity, capacity_unit, driver_id, active)
            if vehicle_id is None:
                s.add(v)
            s.flush()
            stock.truck_in(s, v.id)  # its truck's stock location, named after the plate
            changes = audit.diff(before, {f: getattr(v, f) for f in fields})
            if changes:
                audit.record(s, actor, "vehicle", v.plate,
                             "updated" if vehicle_id else "created", changes, summary=v.plate)
            name = s.scalar(select(Driver.name).where(Driver.id == v.driver_id)) or ""
            return VehicleView(v.id, v.plate, v.capacity, v.capacity_unit, v.driver_id, name,
                               v.active, v.version)
    except StaleDataError:
        raise StaleRecord() from None
    except IntegrityError:
        raise ValidationError({"plate": DomainError(QT_TRANSLATE_NOOP(
            "core", "Another vehicle has the plate {plate}."), plate=plate)}) from None


def _load(s, model, record_id: int, version: int | None):
    record = s.get(model, record_id)
    if record is None:
        raise NotFound()
    if version is not None and record.version != version:
        raise StaleRecord()
    return record
