"""The Turnkey's messages (MIG 4.1): each uniform-invoice document written as its message, in
the order of the MIG's field tables, and checked against its schema; a message the schema
refuses is named, with what is wrong."""

from __future__ import annotations

import dataclasses
import time as clock
from datetime import date, time
from decimal import Decimal

import pytest
from lxml import etree

from core import mig, uniform
from core.uniform import (AllowanceDoc, AllowanceItem, BlankDoc, CancelDoc, InvoiceDoc, Item,
                          Party)

SELLER = Party("04595257", "旺旺瓦斯行有限公司", "臺北市中正區漢口街1段45號")
BUSINESS = Party("12345675", "大同餐廳有限公司", "新北市板橋區文化路一段100號")
CONSUMER = Party(uniform.B2C_BUYER, "消費者")


def business_invoice(**changes) -> InvoiceDoc:
    doc = InvoiceDoc(
        number="AB12345678", invoice_date=date(2026, 11, 3), invoice_time=time(9, 5, 7),
        seller=SELLER, buyer=BUSINESS, random_code="0123",
        items=(Item("20公斤桶裝瓦斯", Decimal(2), Decimal(800), Decimal(1600), unit="桶"),
               Item("運費", Decimal(1), Decimal(100), Decimal(100)),
               Item("安全檢查", Decimal(1), Decimal(50), Decimal(50))),
        sales_amount=Decimal(1750), tax_amount=Decimal(88), total_amount=Decimal(1838),
        untaxed_amount=Decimal(1750))
    return dataclasses.replace(doc, **changes)


def consumer_invoice(**changes) -> InvoiceDoc:
    doc = InvoiceDoc(
        number="AB12345679", invoice_date=date(2026, 11, 3), invoice_time=time(14, 30),
        seller=SELLER, buyer=CONSUMER, random_code="9876",
        items=(Item("20公斤桶裝瓦斯", Decimal(1), Decimal(840), Decimal(840), unit="桶"),),
        sales_amount=Decimal(840), tax_amount=Decimal(0), total_amount=Decimal(840),
        untaxed_amount=Decimal(800))
    return dataclasses.replace(doc, **changes)


def an_allowance() -> AllowanceDoc:
    return AllowanceDoc(
        number="AW-2026-000012", allowance_date=date(2026, 12, 20), seller=SELLER,
        buyer=BUSINESS,
        items=(AllowanceItem(date(2026, 11, 3), "AB12345678", "20公斤桶裝瓦斯", Decimal(1),
                             Decimal(800), Decimal(800), Decimal(40), sequence=1),
               AllowanceItem(date(2026, 11, 3), "AB12345678", "運費", Decimal(1),
                             Decimal(100), Decimal(100), Decimal(5), sequence=2)),
        tax_amount=Decimal(45), total_amount=Decimal(900))


def a_void() -> CancelDoc:
    return CancelDoc("AB12345678", date(2026, 11, 3), SELLER.identifier, BUSINESS.identifier,
                   date(2026, 11, 4), time(16, 20, 5), "開錯買方")


def an_allowance_void() -> CancelDoc:
    return CancelDoc("AW-2026-000012", date(2026, 12, 20), SELLER.identifier,
                            BUSINESS.identifier, date(2026, 12, 21), time(8, 0, 1), "金額有誤")


def a_blank() -> BlankDoc:
    return BlankDoc(SELLER.identifier, 202611, "AB", ((12345680, 12345699), (5, 49)))


# --- reading a message back ---------------------------------------------------------------

def root_of(data: bytes):
    return etree.fromstring(data)


def find(data: bytes, path: str) -> str | None:
    """The text at ``path`` (``Main/Buyer/Identifier``) in the message's namespace."""
    root = root_of(data)
    ns = etree.QName(root).namespace
    return root.findtext("/".join(f"{{{ns}}}{step}" for step in path.split("/")))


def names(data: bytes, path: str = "") -> list[str]:
    """The local names of the children at ``path``, in order."""
    root = root_of(data)
    ns = etree.QName(root).namespace
    node = root.find("/".join(f"{{{ns}}}{step}" for step in path.split("/"))) if path else root
    return [etree.QName(child).localname for child in node]


# --- F0401 --------------------------------------------------------------------------------

def test_a_business_invoice_is_an_f0401_in_the_order_of_the_field_tables():
    data = mig.invoice(business_invoice())
    mig.validate("F0401", data)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert etree.QName(root_of(data)).namespace == "urn:GEINV:eInvoiceMessage:F0401:4.1"
    assert names(data) == ["Main", "Details", "Amount"]
    assert names(data, "Main") == ["InvoiceNumber", "InvoiceDate", "InvoiceTime", "Seller",
                                   "Buyer", "InvoiceType", "DonateMark", "PrintMark",
                                   "RandomNumber"]
    assert names(data, "Main/Seller") == ["Identifier", "Name", "Address"]
    assert names(data, "Details/ProductItem") == ["Description", "Quantity", "Unit",
                                                  "UnitPrice", "TaxType", "Amount",
                                                  "SequenceNumber"]
    assert names(data, "Amount") == ["SalesAmount", "FreeTaxSalesAmount",
                                     "ZeroTaxSalesAmount", "TaxType", "TaxRate", "TaxAmount",
                                     "TotalAmount"]
    assert (find(data, "Main/InvoiceDate"), find(data, "Main/InvoiceTime")) == ("20261103",
                                                                                 "09:05:07")
    assert find(data, "Main/Buyer/Identifier") == "12345675"
    assert (find(data, "Main/InvoiceType"), find(data, "Main/DonateMark"),
            find(data, "Main/PrintMark"), find(data, "Main/RandomNumber")) == ("07", "0", "Y",
                                                                             "0123")
    sequence = [item.findtext(f"{{{mig.namespace('F0401')}}}SequenceNumber")
                for item in root_of(data).iter(f"{{{mig.namespace('F0401')}}}ProductItem")]
    assert sequence == ["1", "2", "3"]
    assert [find(data, f"Amount/{name}") for name in ("SalesAmount", "TaxAmount",
                                                        "TotalAmount", "TaxRate")] == [
        "1750", "88", "1838", "0.05"]


def test_a_consumer_invoice_names_the_b2c_buyer_and_carries_the_tax_in_its_sales():
    data = mig.invoice(consumer_invoice())
    mig.validate("F0401", data)
    assert find(data, "Main/Buyer/Identifier") == "0000000000"
    assert find(data, "Main/Buyer/Name") == "消費者"
    assert names(data, "Main/Buyer") == ["Identifier", "Name"]  # no address: none given
    assert [find(data, f"Amount/{name}") for name in ("SalesAmount", "TaxAmount",
                                                        "TotalAmount")] == ["840", "0", "840"]
    assert find(data, "Main/PrintMark") == "Y"


@pytest.mark.parametrize("kind, carrier", [("mobile", "/ABC+123"),
                                           ("certificate", "AB12345678901234")])
def test_a_consumer_with_a_carrier_gets_it_twice_and_no_printed_proof(kind, carrier):
    data = mig.invoice(consumer_invoice(carrier_type=uniform.CARRIER_TYPES[kind],
                                        carrier_id=carrier, print_mark=False))
    mig.validate("F0401", data)
    assert names(data, "Main")[5:] == ["InvoiceType", "DonateMark", "CarrierType",
                                       "CarrierId1", "CarrierId2", "PrintMark", "RandomNumber"]
    assert find(data, "Main/CarrierType") == uniform.CARRIER_TYPES[kind]
    assert find(data, "Main/CarrierId1") == find(data, "Main/CarrierId2") == carrier
    assert (find(data, "Main/PrintMark"), find(data, "Main/DonateMark")) == ("N", "0")


def test_a_donated_invoice_names_the_charity_after_the_print_mark_and_is_not_printed():
    data = mig.invoice(consumer_invoice(donation_code="8585", print_mark=False))
    mig.validate("F0401", data)
    assert names(data, "Main")[5:] == ["InvoiceType", "DonateMark", "PrintMark", "NPOBAN",
                                       "RandomNumber"]
    assert (find(data, "Main/DonateMark"), find(data, "Main/PrintMark"),
            find(data, "Main/NPOBAN")) == ("1", "N", "8585")


@pytest.mark.parametrize("changes", [
    {"carrier_type": "3J0002", "carrier_id": "/ABC+123"},  # a carrier, yet printed
    {"donation_code": "8585"},  # donated, yet printed
    {"print_mark": False},  # neither printed nor kept on a carrier nor donated
])
def test_a_consumer_invoice_whose_print_mark_disagrees_with_its_carrier_is_refused(changes):
    with pytest.raises(mig.MessageInvalid) as caught:
        mig.invoice(consumer_invoice(**changes))
    assert caught.value.kind == "F0401" and "print_mark" in caught.value.detail


def test_a_business_cannot_donate_its_invoice():
    with pytest.raises(mig.MessageInvalid, match="business buyer cannot donate"):
        mig.invoice(business_invoice(donation_code="8585", print_mark=False))


def test_an_invoice_with_exempt_and_zero_rated_lines_writes_those_sales_apart():
    doc = consumer_invoice(
        items=(Item("20公斤桶裝瓦斯", Decimal(1), Decimal(840), Decimal(840)),
               Item("鋼瓶押金", Decimal(1), Decimal(1500), Decimal(1500),
                    tax_type=uniform.EXEMPT),
               Item("外銷零件", Decimal(2), Decimal(30), Decimal(60),
                    tax_type=uniform.ZERO_RATED)),
        sales_amount=Decimal(2400), total_amount=Decimal(2400), untaxed_amount=Decimal(2360),
        tax_type=uniform.MIXED)
    data = mig.invoice(doc)
    mig.validate("F0401", data)
    assert [find(data, f"Amount/{name}") for name in (
        "SalesAmount", "FreeTaxSalesAmount", "ZeroTaxSalesAmount", "TaxType", "TaxAmount",
        "TotalAmount")] == ["840", "1500", "60", "9", "0", "2400"]
    taxes = [item.findtext(f"{{{mig.namespace('F0401')}}}TaxType")
             for item in root_of(data).iter(f"{{{mig.namespace('F0401')}}}ProductItem")]
    assert taxes == ["1", "3", "2"]


def test_an_exempt_invoice_has_no_taxable_sales():
    doc = business_invoice(
        items=(Item("鋼瓶押金", Decimal(2), Decimal(1500), Decimal(3000),
                    tax_type=uniform.EXEMPT),),
        sales_amount=Decimal(3000), tax_amount=Decimal(0), total_amount=Decimal(3000),
        untaxed_amount=Decimal(3000), tax_type=uniform.EXEMPT, tax_rate=Decimal(0))
    data = mig.invoice(doc)
    mig.validate("F0401", data)
    assert [find(data, f"Amount/{name}") for name in (
        "SalesAmount", "FreeTaxSalesAmount", "TaxType", "TaxRate")] == ["0", "3000", "3", "0"]


# --- the other messages -------------------------------------------------------------------

def test_a_void_is_a_flat_f0501():
    data = mig.void(a_void())
    mig.validate("F0501", data)
    assert etree.QName(root_of(data)).localname == "CancelInvoice"
    assert names(data) == ["CancelInvoiceNumber", "InvoiceDate", "BuyerId", "SellerId",
                           "CancelDate", "CancelTime", "CancelReason"]
    assert [find(data, name) for name in ("CancelInvoiceNumber", "InvoiceDate", "BuyerId",
                                          "SellerId", "CancelDate", "CancelTime")] == [
        "AB12345678", "20261103", "12345675", "04595257", "20261104", "16:20:05"]


def test_a_consumers_void_names_the_b2c_buyer():
    data = mig.void(dataclasses.replace(a_void(), buyer_id=uniform.B2C_BUYER))
    mig.validate("F0501", data)
    assert find(data, "BuyerId") == "0000000000"


def test_a_sellers_allowance_is_a_g0401_of_type_2():
    data = mig.allowance(an_allowance())
    mig.validate("G0401", data)
    assert names(data) == ["Main", "Details", "Amount"]
    assert names(data, "Main") == ["AllowanceNumber", "AllowanceDate", "Seller", "Buyer",
                                   "AllowanceType"]
    assert find(data, "Main/AllowanceType") == "2"
    assert names(data, "Details/ProductItem") == [
        "OriginalInvoiceDate", "OriginalInvoiceNumber", "OriginalDescription", "Quantity",
        "UnitPrice", "Amount", "Tax", "AllowanceSequenceNumber", "TaxType"]
    assert [find(data, f"Details/ProductItem/{name}") for name in (
        "OriginalInvoiceDate", "OriginalInvoiceNumber", "Amount", "Tax")] == [
        "20261103", "AB12345678", "800", "40"]
    assert names(data, "Amount") == ["TaxAmount", "TotalAmount"]
    assert (find(data, "Amount/TaxAmount"), find(data, "Amount/TotalAmount")) == ("45", "900")


def test_a_voided_allowance_is_a_flat_g0501():
    data = mig.allowance_void(an_allowance_void())
    mig.validate("G0501", data)
    assert etree.QName(root_of(data)).localname == "CancelAllowance"
    assert names(data) == ["CancelAllowanceNumber", "AllowanceDate", "BuyerId", "SellerId",
                           "CancelDate", "CancelTime", "CancelReason"]
    assert find(data, "CancelAllowanceNumber") == "AW-2026-000012"


def test_a_periods_unused_numbers_are_an_e0402_in_roc_year_and_even_month():
    data = mig.blank(a_blank())
    mig.validate("E0402", data)
    assert etree.QName(root_of(data)).localname == "BranchTrackBlank"
    assert names(data, "Main") == ["HeadBan", "BranchBan", "InvoiceType", "YearMonth",
                                   "InvoiceTrack"]
    assert [find(data, f"Main/{name}") for name in names(data, "Main")] == [
        "04595257", "04595257", "07", "11512", "AB"]
    ns = mig.namespace("E0402")
    runs = [(item.findtext(f"{{{ns}}}InvoiceBeginNo"), item.findtext(f"{{{ns}}}InvoiceEndNo"))
            for item in root_of(data).iter(f"{{{ns}}}BranchTrackBlankItem")]
    assert runs == [("12345680", "12345699"), ("00000005", "00000049")]
    january = mig.blank(dataclasses.replace(a_blank(), period=202701))
    assert find(january, "Main/YearMonth") == "11602"


# --- what the schemas refuse --------------------------------------------------------------

def broken(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


F0401_BREAKS = {
    "dates and times swapped": (b"<InvoiceDate>20261103</InvoiceDate>"
                                b"<InvoiceTime>09:05:07</InvoiceTime>",
                                b"<InvoiceTime>09:05:07</InvoiceTime>"
                                b"<InvoiceDate>20261103</InvoiceDate>"),
    "TaxType after SequenceNumber": (b"<TaxType>1</TaxType><Amount>100</Amount>"
                                     b"<SequenceNumber>2</SequenceNumber>",
                                     b"<Amount>100</Amount><SequenceNumber>2</SequenceNumber>"
                                     b"<TaxType>1</TaxType>"),
    "no PrintMark": (b"<PrintMark>Y</PrintMark>", b""),
    "no SalesAmount": (b"<SalesAmount>1750</SalesAmount>", b""),
    "an 11-character number": (b"AB12345678<", b"AB123456789<"),
    "a lower-case track": (b"AB12345678<", b"ab12345678<"),
    "a 7-digit seller": (b"<Identifier>04595257<", b"<Identifier>0459525<"),
    "DonateMark 2": (b"<DonateMark>0<", b"<DonateMark>2<"),
    "InvoiceType 06": (b"<InvoiceType>07<", b"<InvoiceType>06<"),
    "TaxType 5": (b"<TaxType>1</TaxType><TaxRate>", b"<TaxType>5</TaxType><TaxRate>"),
    "PrintMark y": (b"<PrintMark>Y<", b"<PrintMark>y<"),
    "a 3-digit random number": (b"<RandomNumber>0123<", b"<RandomNumber>123<"),
    "a dashed date": (b"<InvoiceDate>20261103<", b"<InvoiceDate>2026-11-03<"),
    "a time without colons": (b"<InvoiceTime>09:05:07<", b"<InvoiceTime>090507<"),
    "an amount with an exponent": (b"<TotalAmount>1838<", b"<TotalAmount>1.838E+3<"),
    "a fractional tax": (b"<TaxAmount>88<", b"<TaxAmount>87.5<"),
    "a negative total": (b"<TotalAmount>1838<", b"<TotalAmount>-1838<"),
    "an unknown element": (b"<PrintMark>", b"<Colour>red</Colour><PrintMark>"),
    "the 4.0 namespace": (b"F0401:4.1", b"F0401:4.0"),
}


@pytest.mark.parametrize("what", sorted(F0401_BREAKS))
def test_validate_refuses_an_f0401_the_schema_does_not_accept(what):
    data = mig.invoice(business_invoice())
    bad = broken(data, *F0401_BREAKS[what])
    with pytest.raises(mig.MessageInvalid) as caught:
        mig.validate("F0401", bad)
    assert caught.value.kind == "F0401"
    assert caught.value.detail and str(caught.value).startswith("F0401: ")


def test_the_refusal_says_which_element_is_wrong():
    bad = broken(mig.invoice(business_invoice()), b"<DonateMark>0<", b"<DonateMark>2<")
    with pytest.raises(mig.MessageInvalid, match="DonateMark"):
        mig.validate("F0401", bad)


@pytest.mark.parametrize("kind, make, old, new", [
    ("F0501", mig.void, b"<CancelReason>", b"<Remark>x</Remark><CancelReason>"),
    ("F0501", mig.void, b"<SellerId>04595257</SellerId>", b""),
    ("G0401", mig.allowance, b"<AllowanceType>2<", b"<AllowanceType>3<"),
    ("G0401", mig.allowance, b"<Tax>40</Tax>", b""),
    ("G0501", mig.allowance_void, b"<CancelTime>08:00:01<", b"<CancelTime>8:00:01<"),
    ("E0402", mig.blank, b"<YearMonth>11512<", b"<YearMonth>11511<"),
    ("E0402", mig.blank, b"<InvoiceBeginNo>00000005<", b"<InvoiceBeginNo>5<"),
])
def test_validate_refuses_the_other_kinds_broken_too(kind, make, old, new):
    doc = {"F0501": a_void, "G0401": an_allowance, "G0501": an_allowance_void,
           "E0402": a_blank}[kind]()
    data = make(doc)
    mig.validate(kind, data)
    with pytest.raises(mig.MessageInvalid):
        mig.validate(kind, broken(data, old, new))


def test_a_void_reason_longer_than_the_field_is_refused():
    data = mig.void(dataclasses.replace(a_void(), reason="買" * 21))
    with pytest.raises(mig.MessageInvalid, match="CancelReason"):
        mig.validate("F0501", data)
    mig.validate("F0501", mig.void(dataclasses.replace(a_void(), reason="買" * 20)))


def test_a_message_of_another_kind_or_not_xml_at_all_is_refused():
    with pytest.raises(mig.MessageInvalid):
        mig.validate("F0401", mig.void(a_void()))
    with pytest.raises(mig.MessageInvalid, match="well-formed"):
        mig.validate("F0401", b"<Invoice xmlns='urn:GEINV:eInvoiceMessage:F0401:4.1'><Main>")


# --- text and numbers ---------------------------------------------------------------------

def test_chinese_text_and_xml_special_characters_round_trip():
    seller = Party("04595257", "旺旺瓦斯 & 鋼瓶 <北區>", "臺北市 \"中正區\" 漢口街 'A' 棟")
    description = "桶裝瓦斯 20kg <特價> & 運費 > 0"
    doc = business_invoice(seller=seller, items=(
        Item(description, Decimal(1), Decimal(1750), Decimal(1750), unit="桶"),))
    data = mig.invoice(doc)
    mig.validate("F0401", data)
    assert b"&amp;" in data and b"&lt;" in data
    assert "旺旺瓦斯".encode() in data  # UTF-8, not character references
    assert find(data, "Main/Seller/Name") == seller.name
    assert find(data, "Main/Seller/Address") == seller.address
    assert find(data, "Details/ProductItem/Description") == description
    assert find(data, "Details/ProductItem/Unit") == "桶"


def test_a_control_character_makes_a_message_that_cannot_be_sent():
    doc = business_invoice(buyer=Party("12345675", "大同\x0b餐廳"))
    with pytest.raises(mig.MessageInvalid) as caught:
        mig.invoice(doc)
    assert caught.value.kind == "F0401"


@pytest.mark.parametrize("value, text", [
    ("1050", "1050"), ("1050.00", "1050"), ("1.05E+3", "1050"), ("1050.0000000", "1050"),
    ("0", "0"), ("-0", "0"), ("0.00", "0"), ("-12", "-12"),
    ("1.500", "1.5"), ("0.05", "0.05"), ("33.3333333", "33.3333333"), ("1E-7", "0.0000001"),
    ("12345678901234567890", "12345678901234567890"),
])
def test_amounts_are_written_plainly(value, text):
    assert mig.plain(Decimal(value)) == text


def test_twd_amounts_print_as_integers_and_other_quantities_exactly():
    doc = business_invoice(
        items=(Item("桶裝瓦斯", Decimal("2.000"), Decimal("800.00"), Decimal("1.6E+3")),
               Item("瓦斯 (公斤)", Decimal("2.5"), Decimal("60.00"), Decimal("150.0"))),
        sales_amount=Decimal("1750.00"), tax_amount=Decimal("88.0"),
        total_amount=Decimal("1.838E+3"))
    data = mig.invoice(doc)
    mig.validate("F0401", data)
    assert b"<Quantity>2</Quantity><UnitPrice>800</UnitPrice>" in data
    assert b"<Amount>1600</Amount>" in data
    assert b"<Quantity>2.5</Quantity><UnitPrice>60</UnitPrice>" in data
    assert b"<SalesAmount>1750</SalesAmount>" in data
    assert b"<TaxAmount>88</TaxAmount><TotalAmount>1838</TotalAmount>" in data
    assert b"E+" not in data and b".00" not in data


# --- the schemas --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(mig.SCHEMAS))
def test_each_kind_has_its_schema_in_its_own_namespace(kind):
    xsd = etree.parse(str(mig.SCHEMA_DIR / mig.SCHEMAS[kind])).getroot()
    assert xsd.get("targetNamespace") == mig.namespace(kind) == (
        f"urn:GEINV:eInvoiceMessage:{kind}:4.1")
    top = [element.get("name") for element in xsd.findall(
        "{http://www.w3.org/2001/XMLSchema}element")]
    assert top == [mig.ROOTS[kind]]


def test_the_schemas_are_read_once():
    assert mig.schema("F0401") is mig.schema("F0401")
    assert mig.schema("F0401") is not mig.schema("F0501")


def test_two_thousand_invoices_are_written_and_checked_well_within_the_exports_pace():
    """The export writes 60,000 messages in a minute with their checks (1 ms each); this
    allows twice that (measured: about 0.1 ms)."""
    docs = [business_invoice(number=f"AB{12340000 + n:08d}") for n in range(2000)]
    mig.schema("F0401")
    started = clock.perf_counter()
    for doc in docs:
        mig.validate("F0401", mig.invoice(doc))
    assert clock.perf_counter() - started < 4.0
