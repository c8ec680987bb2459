"""Taiwan's uniform invoices (統一發票): the rules written once, as pure functions of
plain values, and the documents the Ministry of Finance's messages and the printed proof
are made from.

- **Periods.**  Invoices are numbered per two-month period (Jan–Feb ... Nov–Dec); a
  period is named here by its first month as ``YYYYMM`` (202611 is Nov–Dec 2026), on
  paper and in the messages by the ROC year and its even month (``11512``).
- **Deadlines** (``upload_due``, ``void_until``, ``blank_due``):
  - 統一發票使用辦法 第7條第4項: an e-invoice, and any void, allowance or change of it, is
    sent to the platform within 48 hours of issue when the buyer is a consumer, within 7
    days when the buyer is a business;
  - 電子發票實施作業要點: the period's unused numbers (E0402) within the first 10 days of
    the next period (the 10th of January, March, May, July, September, November);
  - 營業稅法 第35條: the period is filed by the 15th of the next period's first month; an
    invoice can be voided (作廢) until then, afterwards only an allowance (折讓證明單,
    統一發票使用辦法 第20條) reduces it.
- **Buyers.**  A business gives its 統一編號 (eight digits with a checksum, checked by
  python-stdnum's ``stdnum.tw.ubn``); a consumer gives a carrier (手機條碼 ``/`` and seven
  characters of ``0-9 A-Z . + -``, or a citizen digital certificate: two letters and 14
  digits), or a donation code (愛心碼, 3 to 7 digits), or takes a printed proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from stdnum.exceptions import ValidationError as _StdnumError
from stdnum.tw import ubn

# --- periods --------------------------------------------------------------------------


def period_of(day: date) -> int:
    """The two-month period ``day`` is in, as its first month ``YYYYMM``."""
    return day.year * 100 + (day.month - 1) // 2 * 2 + 1


def period_start(period: int) -> date:
    return date(period // 100, period % 100, 1)


def period_end(period: int) -> date:
    year, month = divmod(period, 100)
    nxt = date(year + 1, 1, 1) if month == 11 else date(year, month + 2, 1)
    return nxt - timedelta(days=1)


def next_period(period: int) -> int:
    return period_of(period_end(period) + timedelta(days=1))


def roc_period(period: int) -> str:
    """The period as the ROC year and its even month: 202611 -> ``11512``."""
    year, month = divmod(period, 100)
    return f"{year - 1911:03d}{month + 1:02d}"


def period_label(period: int) -> str:
    """As printed on a proof: ``115年11-12月``."""
    year, month = divmod(period, 100)
    return f"{year - 1911}年{month:02d}-{month + 1:02d}月"


def parse_period(text: str | int) -> int:
    """A period typed as ``YYYY-MM`` or ``YYYYMM`` (either of its months) or in ROC form
    ``115-11``/``11511``; ValueError when it is none of these."""
    digits = re.sub(r"[\s/\-年月]", "", str(text))
    if not digits.isdigit() or len(digits) not in (5, 6):
        raise ValueError(text)
    year, month = int(digits[:-2]), int(digits[-2:])
    if len(digits) == 5:
        year += 1911
    if not (1 <= month <= 12 and 1912 <= year <= 9999):
        raise ValueError(text)
    return period_of(date(year, month, 1))


# --- deadlines ------------------------------------------------------------------------


def upload_due(issued: datetime, b2b: bool) -> datetime:
    """When a message about a document issued (voided, allowed) at ``issued`` must be on
    the platform (統一發票使用辦法 第7條第4項)."""
    return issued + (timedelta(days=7) if b2b else timedelta(hours=48))


def void_until(invoice_date: date) -> date:
    """The last day an invoice of ``invoice_date`` may be voided: the period's filing
    deadline, the 15th of the next period's first month (營業稅法 第35條)."""
    first = period_start(next_period(period_of(invoice_date)))
    return first.replace(day=15)


def blank_due(period: int) -> date:
    """The last day the period's unused numbers may be reported (E0402): the 10th of the
    next period's first month (電子發票實施作業要點)."""
    return period_start(next_period(period)).replace(day=10)


def blank_from(period: int) -> date:
    """The first day the unused numbers are reported: the 8th of the next period's first
    month, once the last business invoices of the period (dated its last day, sent within
    7 days) are out; from then on the period's ranges give no numbers."""
    return period_start(next_period(period)).replace(day=8)


# --- numbers and buyers -----------------------------------------------------------------

TRACK = re.compile(r"[A-Z]{2}")
NUMBER = re.compile(r"([A-Z]{2})-?(\d{8})")
BLOCK = 50  # the tax office allots numbers in books of 50 (…00–…49, …50–…99)
B2C_BUYER = "0000000000"  # the buyer's identifier of a consumer in the messages
CARRIER_TYPES = {"mobile": "3J0002", "certificate": "CQ0001"}
_MOBILE = re.compile(r"/[0-9A-Z.+\-]{7}")
_CERTIFICATE = re.compile(r"[A-Z]{2}\d{14}")
_DONATION = re.compile(r"\d{3,7}")


def number(track: str, serial: int) -> str:
    return f"{track}{serial:08d}"


def split_number(text: str) -> tuple[str, int]:
    """``AB12345678`` or ``AB-12345678`` as (track, serial); ValueError otherwise."""
    match = NUMBER.fullmatch(text.strip().upper())
    if match is None:
        raise ValueError(text)
    return match.group(1), int(match.group(2))


def tax_id(text: str) -> str:
    """A 統一編號 as stored (eight digits); ValueError when its checksum fails."""
    try:
        return ubn.validate(text)
    except _StdnumError as exc:
        raise ValueError(text) from exc


def carrier(text: str) -> tuple[str, str]:
    """A carrier as typed -> (its MIG type, its id as stored): a mobile barcode
    (``/ABC+123``, 3J0002) or a citizen digital certificate (``AB12345678901234``,
    CQ0001); ValueError when it is neither."""
    value = text.strip().upper()
    if _MOBILE.fullmatch(value):
        return CARRIER_TYPES["mobile"], value
    if _CERTIFICATE.fullmatch(value):
        return CARRIER_TYPES["certificate"], value
    raise ValueError(text)


def donation_code(text: str) -> str:
    value = text.strip()
    if _DONATION.fullmatch(value) is None:
        raise ValueError(text)
    return value


# --- the documents ---------------------------------------------------------------------

# MIG tax types: 1 taxable, 2 zero-rated, 3 exempt, 9 mixed.
TAXABLE, ZERO_RATED, EXEMPT, MIXED = 1, 2, 3, 9


def tax_type(rates: set[Decimal]) -> int:
    """The invoice's tax type from its lines' rates."""
    if len(rates) > 1:
        return MIXED
    return EXEMPT if rates == {Decimal(0)} else TAXABLE


@dataclass(frozen=True)
class Party:
    identifier: str  # 統一編號, or B2C_BUYER for a consumer
    name: str
    address: str = ""


@dataclass(frozen=True)
class Item:
    """A line as the invoice states it: B2B amounts before tax, B2C with tax included."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    tax_type: int = TAXABLE
    unit: str = ""


@dataclass(frozen=True)
class InvoiceDoc:
    """An issued uniform invoice (F0401, and the printed proof)."""

    number: str  # AB12345678
    invoice_date: date
    invoice_time: time
    seller: Party
    buyer: Party
    random_code: str  # four digits
    items: tuple[Item, ...]
    sales_amount: Decimal  # B2B: before tax; B2C: with tax (the tax is 0 then)
    tax_amount: Decimal
    total_amount: Decimal
    untaxed_amount: Decimal  # before tax, B2B and B2C (the proof's QR code)
    tax_type: int = TAXABLE
    tax_rate: Decimal = Decimal("0.05")
    carrier_type: str = ""  # 3J0002 | CQ0001 | ""
    carrier_id: str = ""
    donation_code: str = ""
    print_mark: bool = True

    @property
    def b2b(self) -> bool:
        return self.buyer.identifier != B2C_BUYER

    @property
    def period(self) -> int:
        return period_of(self.invoice_date)


@dataclass(frozen=True)
class CancelDoc:
    """A voided invoice (F0501) or allowance (G0501): its number and date as issued."""

    number: str
    date: date
    seller_id: str
    buyer_id: str
    void_date: date
    void_time: time
    reason: str


@dataclass(frozen=True)
class AllowanceItem:
    original_invoice_date: date
    original_invoice_number: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal  # before tax
    tax: Decimal
    sequence: int
    tax_type: int = TAXABLE


@dataclass(frozen=True)
class AllowanceDoc:
    """An allowance (折讓證明單, G0401), issued by the seller."""

    number: str  # up to 16 characters
    allowance_date: date
    seller: Party
    buyer: Party
    items: tuple[AllowanceItem, ...]
    tax_amount: Decimal
    total_amount: Decimal  # before tax, the sum of the items' amounts


@dataclass(frozen=True)
class BlankDoc:
    """A period's unused numbers of one track (E0402)."""

    seller_id: str  # the head office's 統一編號 (and the branch's: the same here)
    period: int
    track: str
    blocks: tuple[tuple[int, int], ...]  # (first, last) serials, each a run of unused numbers
