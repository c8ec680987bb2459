"""The messages the Ministry of Finance's Turnkey takes (MIG 4.1, 電子發票資料交換標準訊息建置
指引): the documents of ``core.uniform`` as UTF-8 XML, one message each, and the check of a
message against its schema.

- ``invoice`` F0401 (平台存證開立發票), ``void`` F0501 (作廢發票), ``allowance`` G0401 (開立
  折讓證明單, always the seller's: AllowanceType 2), ``allowance_void`` G0501 (作廢折讓證明單),
  ``blank`` E0402 (空白未使用字軌號碼).  Each in the namespace
  ``urn:GEINV:eInvoiceMessage:<KIND>:4.1``, its elements in the order of the MIG's field
  tables, optional elements only when the document has a value for them.
- ``validate(kind, data)`` checks a message against its XSD and raises ``MessageInvalid``.
  The schemas are read once per thread (an lxml schema keeps the errors of its last run,
  so one is not shared between threads).
- **The schemas** are ``SCHEMA_DIR / SCHEMAS[kind]``: Roundsman's own, written from the
  MIG's field tables (resources/einvoice; MIGTypes.xsd holds the shared types).  To check
  against the Ministry's official XSDs instead, copy them in and change ``SCHEMAS`` (and
  ``SCHEMA_DIR`` if they live elsewhere): nothing else names a schema file.

Amounts are written as the document carries them (B2C: SalesAmount with tax, TaxAmount 0),
plainly: whole numbers without decimals ("1050"), other values exactly ("1.5"), never an
exponent.  The one amount computed here is the split of an invoice's sales into taxable,
exempt (FreeTaxSalesAmount) and zero-rated (ZeroTaxSalesAmount) sales, from its lines' tax
types, which the MIG's Amount block asks for and the document does not carry.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date, time
from decimal import Decimal
from importlib import resources

from lxml import etree

from core import uniform
from core.uniform import AllowanceDoc, BlankDoc, CancelDoc, InvoiceDoc, Party

VERSION = "4.1"
SCHEMA_DIR = resources.files("resources") / "einvoice"
SCHEMAS = {
    "F0401": "F0401.xsd",
    "F0501": "F0501.xsd",
    "G0401": "G0401.xsd",
    "G0501": "G0501.xsd",
    "E0402": "E0402.xsd",
}
ROOTS = {"F0401": "Invoice", "F0501": "CancelInvoice", "G0401": "Allowance",
         "G0501": "CancelAllowance", "E0402": "BranchTrackBlank"}
INVOICE_TYPE = "07"  # 一般稅額計算之電子發票
SELLER_ALLOWANCE = "2"  # AllowanceType: 賣方折讓證明通知單
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def namespace(kind: str) -> str:
    return f"urn:GEINV:eInvoiceMessage:{kind}:{VERSION}"


class MessageInvalid(Exception):
    """A message its schema refuses (or one that cannot be written as XML at all)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


# --- writing ---------------------------------------------------------------------------


def plain(value: Decimal) -> str:
    """A Decimal as the messages write it: ``1050`` (not ``1050.00``, not ``1.05E+3``),
    ``1.5`` (not ``1.50``); exact, with no rounding."""
    integral = value.to_integral_value()
    if value == integral:
        return str(int(integral))
    return format(value, "f").rstrip("0")


def day(value: date) -> str:
    """YYYYMMDD."""
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def clock(value: time) -> str:
    """HH:MM:SS (seconds truncated)."""
    return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"


class _Message:
    """A message being built: elements in the kind's namespace, children in the order
    they are added."""

    __slots__ = ("ns", "root")

    def __init__(self, kind: str):
        self.ns = "{" + namespace(kind) + "}"
        self.root = etree.Element(self.ns + ROOTS[kind], nsmap={None: namespace(kind)})

    def node(self, parent, tag: str):
        return etree.SubElement(parent, self.ns + tag)

    def leaf(self, parent, tag: str, text: str) -> None:
        etree.SubElement(parent, self.ns + tag).text = text

    def optional(self, parent, tag: str, text: str) -> None:
        if text:
            etree.SubElement(parent, self.ns + tag).text = text

    def party(self, parent, tag: str, party: Party) -> None:
        """A RoleDescriptionType: Identifier, Name, Address when known."""
        node = etree.SubElement(parent, self.ns + tag)
        self.leaf(node, "Identifier", party.identifier)
        self.leaf(node, "Name", party.name)
        self.optional(node, "Address", party.address)

    def serialised(self) -> bytes:
        return _DECLARATION + etree.tostring(self.root, encoding="UTF-8")


@contextmanager
def _writing(kind: str):
    """lxml refuses a text XML cannot hold (a control character) with ValueError: such a
    message cannot be sent, like one its schema refuses."""
    try:
        yield
    except ValueError as exc:
        raise MessageInvalid(kind, str(exc)) from exc


def _sales(doc: InvoiceDoc) -> tuple[Decimal, Decimal, Decimal]:
    """(SalesAmount, FreeTaxSalesAmount, ZeroTaxSalesAmount).  An invoice of taxable lines
    only writes the document's sales amount; one with exempt or zero-rated lines writes
    their sums apart, and the taxable rest (total - tax - exempt - zero-rated)."""
    free = zero = Decimal(0)
    for item in doc.items:
        if item.tax_type == uniform.EXEMPT:
            free += item.amount
        elif item.tax_type == uniform.ZERO_RATED:
            zero += item.amount
    if not free and not zero:
        return doc.sales_amount, free, zero
    return doc.total_amount - doc.tax_amount - free - zero, free, zero


def invoice(doc: InvoiceDoc) -> bytes:
    """F0401.  A consumer's buyer is ``0000000000`` with the name the document gives; a
    carrier is written as its type with the id twice (CarrierId1 = CarrierId2); a donation
    as DonateMark 1 and NPOBAN; PrintMark is N with either, Y otherwise, and the document's
    ``print_mark`` must say the same (MessageInvalid if not: the proof and the message
    would disagree).  A business cannot donate its invoice."""
    paperless = bool(doc.carrier_type or doc.donation_code)
    if doc.print_mark == paperless:
        raise MessageInvalid("F0401", f"{doc.number}: print_mark {doc.print_mark} with "
                             f"carrier {doc.carrier_type!r}, donation {doc.donation_code!r}")
    if doc.donation_code and doc.b2b:
        raise MessageInvalid("F0401", f"{doc.number}: a business buyer cannot donate")
    m = _Message("F0401")
    with _writing("F0401"):
        main = m.node(m.root, "Main")
        m.leaf(main, "InvoiceNumber", doc.number)
        m.leaf(main, "InvoiceDate", day(doc.invoice_date))
        m.leaf(main, "InvoiceTime", clock(doc.invoice_time))
        m.party(main, "Seller", doc.seller)
        m.party(main, "Buyer", doc.buyer)
        m.leaf(main, "InvoiceType", INVOICE_TYPE)
        m.leaf(main, "DonateMark", "1" if doc.donation_code else "0")
        if doc.carrier_type:
            m.leaf(main, "CarrierType", doc.carrier_type)
            m.leaf(main, "CarrierId1", doc.carrier_id)
            m.leaf(main, "CarrierId2", doc.carrier_id)
        m.leaf(main, "PrintMark", "N" if paperless else "Y")
        m.optional(main, "NPOBAN", doc.donation_code)
        m.leaf(main, "RandomNumber", doc.random_code)

        details = m.node(m.root, "Details")
        for sequence, item in enumerate(doc.items, start=1):
            line = m.node(details, "ProductItem")
            m.leaf(line, "Description", item.description)
            m.leaf(line, "Quantity", plain(item.quantity))
            m.optional(line, "Unit", item.unit)
            m.leaf(line, "UnitPrice", plain(item.unit_price))
            m.leaf(line, "TaxType", str(item.tax_type))
            m.leaf(line, "Amount", plain(item.amount))
            m.leaf(line, "SequenceNumber", str(sequence))

        sales, free, zero = _sales(doc)
        amount = m.node(m.root, "Amount")
        m.leaf(amount, "SalesAmount", plain(sales))
        m.leaf(amount, "FreeTaxSalesAmount", plain(free))
        m.leaf(amount, "ZeroTaxSalesAmount", plain(zero))
        m.leaf(amount, "TaxType", str(doc.tax_type))
        m.leaf(amount, "TaxRate", plain(doc.tax_rate))
        m.leaf(amount, "TaxAmount", plain(doc.tax_amount))
        m.leaf(amount, "TotalAmount", plain(doc.total_amount))
    return m.serialised()


def void(doc: CancelDoc) -> bytes:
    """F0501: flat, the fields are the root's children (no Main)."""
    return _cancel("F0501", "CancelInvoiceNumber", "InvoiceDate", doc)


def allowance(doc: AllowanceDoc) -> bytes:
    """G0401, issued by the seller (AllowanceType 2).  Each line names the invoice it
    reduces; amounts before tax, the tax apart."""
    m = _Message("G0401")
    with _writing("G0401"):
        main = m.node(m.root, "Main")
        m.leaf(main, "AllowanceNumber", doc.number)
        m.leaf(main, "AllowanceDate", day(doc.allowance_date))
        m.party(main, "Seller", doc.seller)
        m.party(main, "Buyer", doc.buyer)
        m.leaf(main, "AllowanceType", SELLER_ALLOWANCE)

        details = m.node(m.root, "Details")
        for item in doc.items:
            line = m.node(details, "ProductItem")
            m.leaf(line, "OriginalInvoiceDate", day(item.original_invoice_date))
            m.leaf(line, "OriginalInvoiceNumber", item.original_invoice_number)
            m.leaf(line, "OriginalDescription", item.description)
            m.leaf(line, "Quantity", plain(item.quantity))
            m.leaf(line, "UnitPrice", plain(item.unit_price))
            m.leaf(line, "Amount", plain(item.amount))
            m.leaf(line, "Tax", plain(item.tax))
            m.leaf(line, "AllowanceSequenceNumber", str(item.sequence))
            m.leaf(line, "TaxType", str(item.tax_type))

        amount = m.node(m.root, "Amount")
        m.leaf(amount, "TaxAmount", plain(doc.tax_amount))
        m.leaf(amount, "TotalAmount", plain(doc.total_amount))
    return m.serialised()


def allowance_void(doc: CancelDoc) -> bytes:
    """G0501: flat, like F0501."""
    return _cancel("G0501", "CancelAllowanceNumber", "AllowanceDate", doc)


def _cancel(kind: str, number: str, issued: str, doc: CancelDoc) -> bytes:
    m = _Message(kind)
    with _writing(kind):
        root = m.root
        m.leaf(root, number, doc.number)
        m.leaf(root, issued, day(doc.date))
        m.leaf(root, "BuyerId", doc.buyer_id)
        m.leaf(root, "SellerId", doc.seller_id)
        m.leaf(root, "CancelDate", day(doc.void_date))
        m.leaf(root, "CancelTime", clock(doc.void_time))
        m.leaf(root, "CancelReason", doc.reason)
    return m.serialised()


def blank(doc: BlankDoc) -> bytes:
    """E0402: the head office is the branch (HeadBan = BranchBan); the period as its ROC
    year and even month; each run of unused numbers as eight-digit serials."""
    m = _Message("E0402")
    with _writing("E0402"):
        main = m.node(m.root, "Main")
        m.leaf(main, "HeadBan", doc.seller_id)
        m.leaf(main, "BranchBan", doc.seller_id)
        m.leaf(main, "InvoiceType", INVOICE_TYPE)
        m.leaf(main, "YearMonth", uniform.roc_period(doc.period))
        m.leaf(main, "InvoiceTrack", doc.track)
        details = m.node(m.root, "Details")
        for first, last in doc.blocks:
            item = m.node(details, "BranchTrackBlankItem")
            m.leaf(item, "InvoiceBeginNo", f"{first:08d}")
            m.leaf(item, "InvoiceEndNo", f"{last:08d}")
    return m.serialised()


# --- checking --------------------------------------------------------------------------

_local = threading.local()


def schema(kind: str) -> etree.XMLSchema:
    """The kind's schema, read from ``SCHEMA_DIR / SCHEMAS[kind]`` once per thread."""
    schemas = _local.__dict__.setdefault("schemas", {})
    found = schemas.get(kind)
    if found is None:
        with resources.as_file(SCHEMA_DIR / SCHEMAS[kind]) as path:
            found = schemas[kind] = etree.XMLSchema(etree.parse(str(path)))
    return found


def _parser() -> etree.XMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return parser


def validate(kind: str, data: bytes) -> None:
    """Raise MessageInvalid unless ``data`` is a well-formed message its kind's schema
    accepts (a message of another kind is refused: its root is not the schema's)."""
    xsd = schema(kind)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise MessageInvalid(kind, f"not well-formed XML: {exc}") from None
    if not xsd.validate(root):
        ns = "{" + namespace(kind) + "}"
        raise MessageInvalid(kind, "; ".join(
            f"line {error.line}: {error.message.replace(ns, '')}" for error in xsd.error_log))
