"""Company settings, shared by every workstation (kept in the database)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath, PureWindowsPath

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import CompanyLogo, Setting
from core.money import SUPPORTED_CURRENCIES
from core.services import audit
from core.services.actor import Actor
from core.text import one_line


@dataclass(frozen=True)
class CompanySettings:
    name: str = ""
    tax_id: str = ""
    address: str = ""
    phone: str = ""
    currency: str = "TWD"
    tax_rate: Decimal = Decimal("0.0500")  # Taiwan business tax 5 %
    default_country: str = "TW"  # for reading phone numbers typed without +country
    # How far a clerk may move a price from the list (or customer) price: 0.10 is 10 %.
    price_tolerance: Decimal = Decimal("0.1000")
    working_days: str = "123456"  # ISO weekdays delivered on (Monday 1 ... Sunday 7)
    # Dispatch: where the trucks start and end, the working day, and how distances are
    # known (an OSRM-compatible service, or straight lines x road factor at a speed).
    depot_lat: str = ""
    depot_lon: str = ""
    day_start: str = "08:00"
    day_end: str = "18:00"
    routing_url: str = ""
    road_factor: Decimal = Decimal("1.3")
    average_speed_kmh: Decimal = Decimal("30")
    # Billing: tax rounded on each line or on the invoice's total; the monthly rental of
    # each cylinder a customer holds (0: none); orders refused while an invoice is more
    # than this many days overdue (0: never).
    tax_rounding: str = "line"
    cylinder_rental: Decimal = Decimal(0)
    block_overdue_days: str = "0"
    # Where customers pay by transfer, printed on invoices and statements (blank: no
    # transfer line); the account's name is the company's when blank.
    bank_name: str = ""
    bank_branch: str = ""
    bank_account_number: str = ""
    bank_account_name: str = ""
    # Backups of the embedded database: the folder (blank: none), the time of day they are
    # taken while the app runs (and when it closes), and how many of each are kept.
    backup_folder: str = ""
    backup_time: str = "13:00"
    backup_keep_daily: str = "7"
    backup_keep_weekly: str = "4"
    backup_keep_monthly: str = "12"
    # Office server: a session unused this many minutes ends (its user logs in again).
    session_idle_minutes: str = "480"
    # Uniform invoices (統一發票): "on" or blank; the QR codes' AES key from the Ministry's
    # platform (32 hex digits); the Turnkey's upload folder the office server exports to.
    uniform_invoices: str = ""
    einvoice_aes_key: str = ""
    turnkey_folder: str = ""
    # Cylinders: serials scanned at loading, delivery and return ("on" or blank); customers'
    # installations inspected for safety every this many months.
    scan_serials: str = ""
    inspection_months: str = "24"

    @property
    def backup_retention(self):
        from core.backup import Retention

        return Retention(int(self.backup_keep_daily), int(self.backup_keep_weekly),
                         int(self.backup_keep_monthly))

    @property
    def depot(self) -> tuple[float, float] | None:
        """The depot's (lat, lon); None until it is set."""
        if not (self.depot_lat and self.depot_lon):
            return None
        return float(self.depot_lat), float(self.depot_lon)

    @property
    def working_hours(self) -> tuple[int, int]:
        """The working day as seconds after midnight."""
        return (minutes_of(self.day_start) or 8 * 60) * 60, (minutes_of(self.day_end) or 18 * 60) * 60

    def next_working_day(self, after: date) -> date:
        day = after + timedelta(days=1)
        while str(day.isoweekday()) not in self.working_days:
            day += timedelta(days=1)
        return day


def _typed(key: str, text: str):
    if key in ("tax_rate", "price_tolerance", "road_factor", "average_speed_kmh",
               "cylinder_rental"):
        return Decimal(text)
    return text


# Before the bank had fields of its own it was one line, "bank, branch, account number".
LEGACY_BANK_KEY = "bank_account"
BANK_FIELDS = ("bank_name", "bank_branch", "bank_account_number", "bank_account_name")
_ACCOUNT_NUMBER = re.compile(r"\d(?:[\d -]*\d)?")


def legacy_bank(text: str) -> dict[str, str]:
    """The old one-line bank account as the new fields: its last run of digits, spaces and
    hyphens is the account number, the text before it the bank (and branch)."""
    text = text.strip()
    match = re.fullmatch(r"(.*?)[\s,，:：]*(\d(?:[\d -]*\d)?)", text)
    if match is None:
        return {"bank_name": text} if text else {}
    return {"bank_name": match.group(1).strip(), "bank_account_number": match.group(2)}


def read(session: Session) -> CompanySettings:
    """The company settings, read once per transaction (kept in ``session.info``)."""
    if "company" not in session.info:
        stored = {row.key: row.value for row in session.scalars(select(Setting))}
        session.info["setting_rows"] = stored
        if LEGACY_BANK_KEY in stored and not any(stored.get(k) for k in BANK_FIELDS):
            stored = {**stored, **legacy_bank(stored[LEGACY_BANK_KEY])}
        session.info["company"] = CompanySettings(**{
            f.name: _typed(f.name, stored[f.name]) for f in fields(CompanySettings)
            if f.name in stored})
    return session.info["company"]


def stored_value(session: Session, key: str, default: str = "") -> str:
    """A raw setting row that is not a company setting (e.g. the catalog's version)."""
    read(session)
    return session.info["setting_rows"].get(key, default)


def store_value(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.info.pop("company", None)


def get_company(engine: Engine) -> CompanySettings:
    with unit_of_work(engine, write=False) as s:
        return read(s)


def parse_tax_percent(text: str, field: str = "tax_rate") -> Decimal:
    """'5' or '5%' -> Decimal('0.0500')."""
    try:
        pct = Decimal(str(text).strip().rstrip("%").strip())
    except InvalidOperation:
        pct = None
    if pct is None or not pct.is_finite() or pct < 0 or pct >= 100 or pct != round(pct, 2):
        raise ValidationError({field: DomainError(QT_TRANSLATE_NOOP(
            "core", "Enter a percentage from 0 to 99.99, e.g. 5."))})
    return (pct / 100).quantize(Decimal("0.0001"))


def minutes_of(text: str) -> int | None:
    """'08:30' -> 510 minutes after midnight; None when it is not a time of day."""
    hours, _, minutes = str(text).strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    value = int(hours) * 60 + int(minutes)
    return value if int(minutes) < 60 and value <= 24 * 60 else None


def _dispatch_settings(changes: dict) -> dict:
    """The dispatch settings among ``changes``, checked and in their stored form."""
    errors: dict[str, DomainError] = {}
    out = {}
    for key, low, high in (("depot_lat", -90, 90), ("depot_lon", -180, 180)):
        if key in changes:
            text = str(changes[key]).strip()
            try:
                ok = text == "" or low <= float(text) <= high
            except ValueError:
                ok = False
            if ok:
                out[key] = text
            else:
                errors[key] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "Enter a coordinate in degrees from {low} to {high}, e.g. 24.1477."),
                    low=low, high=high)
    for key in ("day_start", "day_end"):
        if key in changes:
            if minutes_of(changes[key]) is None:
                errors[key] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "Enter a time of day as HH:MM, e.g. 08:00."))
            else:
                out[key] = str(changes[key]).strip()
    start, end = (minutes_of(out.get(k, "")) for k in ("day_start", "day_end"))
    if start is not None and end is not None and end <= start:
        errors["day_end"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "The working day must end after it starts."))
    for key, low, high in (("road_factor", 1, 3), ("average_speed_kmh", 5, 120)):
        if key in changes:
            try:
                value = Decimal(str(changes[key]).strip())
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite() or not low <= value <= high:
                errors[key] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "Enter a number from {low} to {high}."), low=low, high=high)
            else:
                out[key] = value
    if "routing_url" in changes:
        url = str(changes["routing_url"]).strip().rstrip("/")
        if url and not url.startswith(("http://", "https://")):
            errors["routing_url"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "The routing service's address starts with http:// or https://."))
        out["routing_url"] = url
    if errors:
        raise ValidationError(errors)
    return out


def _billing_settings(changes: dict) -> dict:
    errors: dict[str, DomainError] = {}
    out = {}
    if "tax_rounding" in changes:
        if changes["tax_rounding"] not in ("line", "total"):
            errors["tax_rounding"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Round the tax on each line or on the invoice's total."))
        out["tax_rounding"] = changes["tax_rounding"]
    if "cylinder_rental" in changes:
        value = changes["cylinder_rental"]
        try:
            value = value if isinstance(value, Decimal) else Decimal(str(value).strip() or 0)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not 0 <= value <= 100_000 \
                or value != value.quantize(Decimal("0.01")):
            errors["cylinder_rental"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "The rental is an amount from 0, e.g. 50."))
        out["cylinder_rental"] = value
    if "block_overdue_days" in changes:
        text = str(changes["block_overdue_days"]).strip() or "0"
        if not (text.isdigit() and int(text) <= 3650):
            errors["block_overdue_days"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "A number of days from 0 (never) to 3650."))
        out["block_overdue_days"] = text
    if errors:
        raise ValidationError(errors)
    return out


MAX_TOLERANCE = Decimal("0.90")  # a clerk's price stays above a tenth of the list price


def parse_tolerance(value) -> Decimal:
    """How far a clerk may move a price, as a fraction (0.10 is 10 %), whatever type it
    comes as (Decimal, int, float or text): from 0 to 90 %, to a hundredth of a percent."""
    try:
        tolerance = Decimal(str(value).strip()) if not isinstance(value, bool) else None
    except InvalidOperation:
        tolerance = None
    if tolerance is None or not tolerance.is_finite() or not 0 <= tolerance <= MAX_TOLERANCE \
            or tolerance != tolerance.quantize(Decimal("0.0001")):
        raise ValidationError({"price_tolerance": DomainError(QT_TRANSLATE_NOOP(
            "core", "Enter a percentage from 0 to {high}, e.g. 10."),
            high=int(MAX_TOLERANCE * 100))})
    return tolerance.quantize(Decimal("0.0001"))


def _office_settings(changes: dict) -> dict:
    """The backup, session and cylinder settings among ``changes``, checked: the backup
    folder is a full path (it may be on another disk or a network share), the time a time
    of day, the counts, the session's idle minutes and the inspection interval whole
    numbers."""
    errors: dict[str, DomainError] = {}
    out = {}
    if "backup_folder" in changes:
        folder = one_line(str(changes["backup_folder"]))
        if folder and not (PurePosixPath(folder).is_absolute()
                           or PureWindowsPath(folder).is_absolute()):
            errors["backup_folder"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Give the backup folder's full path, e.g. {example}."),
                example=r"D:\Backups")
        out["backup_folder"] = folder
    if "backup_time" in changes:
        minute = minutes_of(changes["backup_time"])
        if minute is None or minute >= 24 * 60:
            errors["backup_time"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Enter a time of day as HH:MM, e.g. 08:00."))
        out["backup_time"] = str(changes["backup_time"]).strip()
    for key, low in (("backup_keep_daily", 1), ("backup_keep_weekly", 0),
                     ("backup_keep_monthly", 0)):
        if key in changes:
            text = str(changes[key]).strip()
            if not (text.isdigit() and low <= int(text) <= 999):
                errors[key] = DomainError(QT_TRANSLATE_NOOP(
                    "core", "A whole number from {low} to {high}."), low=low, high=999)
            else:
                out[key] = str(int(text))
    if "scan_serials" in changes:
        value = changes["scan_serials"]
        out["scan_serials"] = "on" if value in (True, "on", "1", "true") else ""
    if "inspection_months" in changes:
        text = str(changes["inspection_months"]).strip()
        if not (text.isdigit() and 1 <= int(text) <= 120):
            errors["inspection_months"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "A whole number from {low} to {high}."), low=1, high=120)
        else:
            out["inspection_months"] = str(int(text))
    if "session_idle_minutes" in changes:
        text = str(changes["session_idle_minutes"]).strip()
        if not (text.isdigit() and 5 <= int(text) <= 10080):
            errors["session_idle_minutes"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "A whole number from {low} to {high}."), low=5, high=10080)
        else:
            out["session_idle_minutes"] = str(int(text))
    if errors:
        raise ValidationError(errors)
    return out


def _einvoice_settings(changes: dict) -> dict:
    """Uniform invoices' settings among ``changes``: on or off, the AES key as 32 hex
    digits, the Turnkey's folder as a full path."""
    errors: dict[str, DomainError] = {}
    out = {}
    if "uniform_invoices" in changes:
        value = changes["uniform_invoices"]
        out["uniform_invoices"] = "on" if value in (True, "on", "1", "true") else ""
    if "einvoice_aes_key" in changes:
        key = re.sub(r"\s", "", str(changes["einvoice_aes_key"])).upper()
        if key and re.fullmatch(r"[0-9A-F]{32}", key) is None:
            errors["einvoice_aes_key"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "The QR code key is the 32 hexadecimal digits (0-9, A-F) the e-invoice "
                        "platform gave the company."))
        out["einvoice_aes_key"] = key
    if "turnkey_folder" in changes:
        folder = one_line(str(changes["turnkey_folder"]))
        if folder and not (PurePosixPath(folder).is_absolute()
                           or PureWindowsPath(folder).is_absolute()):
            errors["turnkey_folder"] = DomainError(QT_TRANSLATE_NOOP(
                "core", "Give the Turnkey folder's full path, e.g. {example}."),
                example=r"C:\EINVTurnkey\UpCast")
        out["turnkey_folder"] = folder
    if errors:
        raise ValidationError(errors)
    return out


def _check_einvoice(company: CompanySettings) -> None:
    """Uniform invoices need TWD, the company's own valid 統一編號 and the QR code key."""
    if company.uniform_invoices != "on":
        return
    from core import uniform

    errors: dict[str, DomainError] = {}
    if company.currency != "TWD":
        errors["uniform_invoices"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Uniform invoices are Taiwan's: the currency must be TWD."))
    try:
        uniform.tax_id(company.tax_id)
    except ValueError:
        errors["tax_id"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Uniform invoices need the company's own 統一編號 (8 digits with a valid "
                    "check digit)."))
    if not company.einvoice_aes_key:
        errors["einvoice_aes_key"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "Uniform invoices need the QR code key from the e-invoice platform."))
    if errors:
        raise ValidationError(errors)


def _bank_settings(changes: dict) -> dict:
    """The bank's fields among ``changes``, checked: an account number is digits (spaces and
    hyphens between them), and an account needs its bank."""
    out = {k: one_line(str(changes[k])) for k in BANK_FIELDS if k in changes}
    errors: dict[str, DomainError] = {}
    for key, value in out.items():
        if len(value) > 80:
            errors[key] = DomainError(QT_TRANSLATE_NOOP(
                "core", "At most {count} characters."), count=80)
    number = out.get("bank_account_number", "")
    if number and (_ACCOUNT_NUMBER.fullmatch(number) is None
                   or sum(ch.isdigit() for ch in number) > 20):
        errors["bank_account_number"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "An account number is up to 20 digits, with spaces or hyphens between "
                    "them, e.g. 012-34-567890."))
    if errors:
        raise ValidationError(errors)
    return out


def _check_bank(company: CompanySettings) -> None:
    """An account number needs its bank, and a bank its account number."""
    if company.bank_account_number and not company.bank_name:
        raise ValidationError({"bank_name": DomainError(QT_TRANSLATE_NOOP(
            "core", "Name the bank the account is with."))})
    if not company.bank_account_number and (company.bank_name or company.bank_branch
                                            or company.bank_account_name):
        raise ValidationError({"bank_account_number": DomainError(QT_TRANSLATE_NOOP(
            "core", "Enter the account number, or clear the bank."))})


def update_company(engine: Engine, actor: Actor, **changes) -> CompanySettings:
    # Managers own the money rules; everything else is the administrator's.
    actor.require("manager" if set(changes) <= {"price_tolerance", "working_days", "tax_rounding",
                                                "cylinder_rental", "block_overdue_days"}
                  else "admin")
    unknown = set(changes) - {f.name for f in fields(CompanySettings)}
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    if "currency" in changes and changes["currency"] not in SUPPORTED_CURRENCIES:
        raise ValidationError({"currency": DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose one of the supported currencies: {currencies}."),
            currencies=", ".join(SUPPORTED_CURRENCIES))})
    if "working_days" in changes and not (
            changes["working_days"] and set(changes["working_days"]) <= set("1234567")):
        raise ValidationError({"working_days": DomainError(QT_TRANSLATE_NOOP(
            "core", "Choose at least one delivery day of the week."))})
    if "price_tolerance" in changes:
        changes["price_tolerance"] = parse_tolerance(changes["price_tolerance"])
    changes.update(_dispatch_settings(changes))
    changes.update(_billing_settings(changes))
    changes.update(_bank_settings(changes))
    changes.update(_office_settings(changes))
    changes.update(_einvoice_settings(changes))
    if "name" in changes and not str(changes["name"]).strip():
        raise ValidationError({"name": DomainError(QT_TRANSLATE_NOOP(
            "core", "The company name is required."))})
    with unit_of_work(engine) as s:
        before = read(s)
        after = replace(before, **{k: (one_line(v) if isinstance(v, str) else v)
                                   for k, v in changes.items()})
        diff = audit.diff(asdict(before), asdict(after))
        s.info["company"] = after
        if set(BANK_FIELDS) & set(changes):
            _check_bank(after)
        _check_einvoice(after)
        written = set(diff)
        legacy = s.get(Setting, LEGACY_BANK_KEY)
        if legacy is not None:  # the old line is kept as the bank's fields from now on
            written |= {k for k in BANK_FIELDS if getattr(after, k)}
            diff[LEGACY_BANK_KEY] = [legacy.value, None]
            s.delete(legacy)
        for key in sorted(written):
            value = getattr(after, key)
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=str(value)))
            else:
                row.value = str(value)
        if diff:
            audit.record(s, actor, "setting", "company", "updated", diff,
                         summary=after.name)
        return after


def get_logo(engine: Engine) -> tuple[str, bytes] | None:
    with unit_of_work(engine, write=False) as s:
        logo = s.scalars(select(CompanyLogo)).first()
        return (logo.mime, logo.data) if logo else None


def set_logo(engine: Engine, actor: Actor, *, mime: str | None, data: bytes | None) -> None:
    """Replace the company logo (PNG or JPEG, at most 1 MB); None removes it."""
    actor.require("admin")
    if data is not None:
        if mime not in ("image/png", "image/jpeg"):
            raise ValidationError({"logo": DomainError(QT_TRANSLATE_NOOP(
                "core", "The logo must be a PNG or JPEG picture."))})
        if len(data) > 1_000_000:
            raise ValidationError({"logo": DomainError(QT_TRANSLATE_NOOP(
                "core", "The logo file is larger than 1 MB; use a smaller picture."))})
    with unit_of_work(engine) as s:
        s.execute(delete(CompanyLogo))
        if data is not None:
            s.add(CompanyLogo(mime=mime, data=data))
        audit.record(s, actor, "setting", "logo", "updated" if data else "removed",
                     {"logo": [None, f"{len(data)} bytes" if data else None]},
                     summary="")
