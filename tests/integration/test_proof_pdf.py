"""The printed e-invoice proof (電子發票證明聯): the barcode and QR codes hold what the
Ministry's 電子發票證明聯一維及二維條碼規格說明 (v1.8) says, the verification field
deciphers with the company's key, and the PDFs, rendered as a printer would (pdftoppm at
600 dpi) and read with zxing-cpp, give back exactly those codes.  No database."""

from __future__ import annotations

import base64
import shutil
import subprocess
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from core import uniform
from core.printing import proof
from tests.integration.pdfs import unembedded_fonts

KEY = "8D2A9C4E1F0B7A6354D2E1C0B9A87F6E"
SELLER = uniform.Party("24549210", "大台中瓦斯行")
BUSINESS = uniform.Party("12345675", "大明企業有限公司", "台中市西屯區台灣大道三段 99 號")
CONSUMER = uniform.Party(uniform.B2C_BUYER, "")

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
    reason="pdftoppm and pdftotext (poppler-utils) are needed to render the PDFs to read "
           "their codes")


def consumer_doc(items: list[tuple[str, int, int]], *, number: str = "AB12345678",
                 day: date = date(2026, 11, 5), random_code: str = "0417") -> uniform.InvoiceDoc:
    """A consumer's invoice: prices with tax, the amount before tax worked out."""
    lines = tuple(uniform.Item(name, Decimal(q), Decimal(p), Decimal(q * p))
                  for name, q, p in items)
    total = sum((x.amount for x in lines), Decimal(0))
    untaxed = (total / Decimal("1.05")).quantize(Decimal(1))
    return uniform.InvoiceDoc(number, day, time(14, 30, 5), SELLER, CONSUMER, random_code,
                              lines, total, Decimal(0), total, untaxed)


def business_doc(items: list[tuple[str, int, int]]) -> uniform.InvoiceDoc:
    """A business buyer's invoice: prices before tax, 5 % on top."""
    lines = tuple(uniform.Item(name, Decimal(q), Decimal(p), Decimal(q * p), unit="cylinder")
                  for name, q, p in items)
    sales = sum((x.amount for x in lines), Decimal(0))
    tax = (sales * Decimal("0.05")).quantize(Decimal(1))
    return uniform.InvoiceDoc("CD87654321", date(2026, 12, 28), time(9, 5, 0), SELLER,
                              BUSINESS, "5821", lines, sales, tax, sales + tax, sales)


GAS = [("20公斤液化石油氣", 2, 760), ("鋼瓶安全檢查", 1, 150)]
MANY = [(f"{kg}公斤液化石油氣（{town}）", 1 + k % 3, 600 + 10 * k)
        for k, (kg, town) in enumerate([(20, "西屯"), (16, "北屯"), (50, "南屯"), (4, "大里"),
                                        (20, "太平"), (16, "烏日"), (50, "霧峰"), (20, "豐原")])]


def decipher(field: str) -> str:
    decryptor = Cipher(algorithms.AES(bytes.fromhex(KEY)), modes.CBC(proof.IV)).decryptor()
    padded = decryptor.update(base64.b64decode(field)) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return (unpadder.update(padded) + unpadder.finalize()).decode("ascii")


def items_in(left: str, right: str) -> tuple[list[str], int, int]:
    """The (name, quantity, price) fields both codes record, as a reader joins them, and
    the recorded and total item counts."""
    assert right.startswith("**")
    fields = (left[77:] + right[2:]).split(":")
    assert fields[0] == "" and fields[1] == "*" * 10 and fields[4] == "1"
    recorded, total = int(fields[2]), int(fields[3])
    assert len(fields[5:]) == 3 * recorded
    return fields[5:], recorded, total


def check_left(left: str, doc: uniform.InvoiceDoc) -> None:
    """Every field of the left code against the invoice (第貳章 二 (一) 1-12)."""
    assert left[0:10] == doc.number
    roc = f"{doc.invoice_date.year - 1911:03d}{doc.invoice_date:%m%d}"
    assert left[10:17] == roc
    assert left[17:21] == doc.random_code
    assert int(left[21:29], 16) == doc.untaxed_amount
    assert int(left[29:37], 16) == doc.total_amount
    assert left[21:37] == left[21:37].lower()
    assert left[37:45] == (doc.buyer.identifier if doc.b2b else "00000000")
    assert left[45:53] == doc.seller.identifier
    assert len(left[53:77]) == 24 and decipher(left[53:77]) == doc.number + doc.random_code
    assert left[77:].startswith(":**********:")


# --- the codes' texts ------------------------------------------------------------------------

def test_the_barcode_is_the_period_the_number_and_the_random_code():
    # The spec's own example (第壹章 三): 104年3-4月, UZ17690872, 0122.
    doc = consumer_doc(GAS, number="UZ17690872", day=date(2015, 3, 7), random_code="0122")
    assert proof.barcode_text(doc) == "10404UZ176908720122"
    assert proof.barcode_text(consumer_doc(GAS)) == "11512AB123456780417"


def test_the_codes_match_the_specs_example_save_for_the_key():
    # 第貳章 四 (二): AB11223344 of 102-05-23, random code 9999, 324 before tax, 340 in all.
    items = (uniform.Item("乾電池", Decimal(1), Decimal(105), Decimal(105)),
             uniform.Item("口罩", Decimal(1), Decimal(210), Decimal(210)),
             uniform.Item("牛奶", Decimal(1), Decimal(25), Decimal(25)))
    doc = uniform.InvoiceDoc("AB11223344", date(2013, 5, 23), time(11, 22, 33),
                             uniform.Party("01234567", "測試"), CONSUMER, "9999", items,
                             Decimal(340), Decimal(0), Decimal(340), Decimal(324))
    left, right = proof.qr_texts(doc, KEY)
    assert left[:53] == "AB112233441020523999900000144000001540000000001234567"
    assert left[77:] == ":**********:3:3:1:乾電池:1:105:"
    assert right == "**口罩:1:210:牛奶:1:25"
    assert decipher(left[53:77]) == "AB112233449999"


def test_the_left_code_holds_every_field_of_the_invoice():
    for doc in (consumer_doc(GAS), business_doc(GAS)):
        left, right = proof.qr_texts(doc, KEY)
        check_left(left, doc)
        fields, recorded, total = items_in(left, right)
        assert recorded == total == 2
        assert fields == ["20公斤液化石油氣", "2", "760", "鋼瓶安全檢查", "1", "150"]


@pytest.mark.parametrize("key", ["", "0123", "Z" * 32, KEY + "00", KEY[:-1], None])
def test_a_key_that_is_not_32_hex_digits_is_refused(key):
    with pytest.raises(ValueError):
        proof.qr_texts(consumer_doc(GAS), key)
    with pytest.raises(ValueError):
        proof.proof_pdf(consumer_doc(GAS), aes_key=key, company_name="大台中瓦斯行")


def test_a_colon_in_a_name_does_not_split_the_fields():
    left, right = proof.qr_texts(consumer_doc([("桶裝瓦斯:20公斤", 1, 760)]), KEY)
    fields, recorded, _ = items_in(left, right)
    assert fields == ["桶裝瓦斯：20公斤", "1", "760"] and recorded == 1


def test_a_long_list_spills_into_the_right_code_and_the_codes_stay_alike():
    left, right = proof.qr_texts(consumer_doc(MANY), KEY)
    fields, recorded, total = items_in(left, right)
    assert total == 8 and recorded >= 4
    assert fields[0::3] == [name for name, _, _ in MANY[:recorded]]
    assert len(right) > 2 and ":" in left[77:]
    # The same version for both, and near the same length: the same size on paper.
    assert proof.code_version(left, right) <= proof.MAX_VERSION
    sizes = [len(t.encode()) for t in (left, right)]
    assert abs(sizes[0] - sizes[1]) < 45


def test_items_that_would_make_the_codes_too_dense_are_left_out_and_counted():
    many = consumer_doc([(f"家用桶裝瓦斯第{k:03d}號配送", 1, 700 + k) for k in range(60)])
    left, right = proof.qr_texts(many, KEY)
    fields, recorded, total = items_in(left, right)
    assert total == 60 and 1 <= recorded < 60
    assert proof.code_version(left, right) == proof.MAX_VERSION


def test_a_single_item_stays_in_the_left_code():
    left, right = proof.qr_texts(consumer_doc([("20公斤液化石油氣", 1, 760)]), KEY)
    assert left.endswith(":1:1:1:20公斤液化石油氣:1:760") and right == "**"
    assert proof.code_version(left, right) >= proof.MIN_VERSION


@pytest.mark.parametrize("amount, words", [
    (0, "零元整"), (7, "柒元整"), (1050, "壹仟零伍拾元整"), (3798, "參仟柒佰玖拾捌元整"),
    (10005, "壹萬零伍元整"), (100000, "壹拾萬元整"), (1000100, "壹佰萬零壹佰元整"),
    (120000300, "壹億貳仟萬零參佰元整"), (20304050, "貳仟零參拾萬肆仟零伍拾元整")])
def test_the_total_in_words_is_written_as_on_an_invoice(amount, words):
    assert proof.amount_in_words(Decimal(amount)) == words


# --- the PDFs, read back ----------------------------------------------------------------------

def render(pdf: bytes, tmp_path: Path, name: str, *, crop: float = 1.0):
    """The first page at 600 dpi in grey (what a printer prints), its top ``crop``."""
    from PIL import Image

    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "600", "-gray", "-png", "-singlefile", "-f", "1",
                    "-l", "1", str(path), str(tmp_path / name)], check=True)
    image = Image.open(tmp_path / f"{name}.png")
    if crop < 1:
        image = image.crop((0, 0, image.width, int(image.height * crop)))
    return image


def read_codes(image) -> tuple[str, str, str, list]:
    """(Code 39 text, left QR text, right QR text, the QR codes' zxing results)."""
    import zxingcpp

    found = zxingcpp.read_barcodes(image)
    bars = [b.text for b in found if b.format == zxingcpp.BarcodeFormat.Code39]
    codes = sorted((b for b in found if b.format == zxingcpp.BarcodeFormat.QRCode),
                   key=lambda b: b.position.top_left.x)
    assert len(bars) == 1 and len(codes) == 2, [(b.format, b.text) for b in found]
    return bars[0], codes[0].text, codes[1].text, codes


def side_and_top(code) -> tuple[float, float]:
    p = code.position
    return p.top_right.x - p.top_left.x, min(p.top_left.y, p.top_right.y)


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def check_pair(codes) -> None:
    """Side by side, the same size, top edges aligned (第貳章 二)."""
    (w1, t1), (w2, t2) = (side_and_top(c) for c in codes)
    assert abs(w1 - w2) <= 0.02 * w1 and abs(t1 - t2) <= 0.02 * w1
    assert codes[0].position.top_right.x < codes[1].position.top_left.x


@needs_poppler
def test_the_thermal_proof_reads_back_as_the_invoice(tmp_path):
    doc = consumer_doc(GAS)
    pdf = proof.proof_pdf(doc, aes_key=KEY, company_name="大台中瓦斯行")
    assert unembedded_fonts(pdf) == []
    image = render(pdf, tmp_path, "proof")
    assert abs(image.width - 57 / 25.4 * 600) <= 2  # 5.7 cm wide
    bar, left, right, codes = read_codes(image)
    assert bar == proof.barcode_text(doc) == "11512AB123456780417"
    assert (left, right) == proof.qr_texts(doc, KEY)
    check_left(left, doc)
    assert right.startswith("**")
    check_pair(codes)
    text = text_of(pdf, tmp_path)
    for expected in ("大台中瓦斯行", "電子發票證明聯", "115年11-12月", "AB-12345678",
                     "2026-11-05 14:30:05", "隨機碼 0417", "總計 1,670", "賣方 24549210",
                     "品名", "數量", "單價", "金額", "20公斤液化石油氣", "1,520"):
        assert expected in text, expected
    assert "補印" not in text and "買方" not in text and "格式" not in text


@needs_poppler
def test_a_reprint_says_so(tmp_path):
    pdf = proof.proof_pdf(consumer_doc(GAS), aes_key=KEY, company_name="大台中瓦斯行",
                          reprint=True)
    assert "電子發票證明聯補印" in text_of(pdf, tmp_path)


@needs_poppler
def test_a_long_list_of_chinese_items_reads_back_from_both_codes(tmp_path):
    doc = consumer_doc(MANY)
    pdf = proof.proof_pdf(doc, aes_key=KEY, company_name="大台中瓦斯行股份有限公司台中營業所")
    bar, left, right, codes = read_codes(render(pdf, tmp_path, "many"))
    assert bar == proof.barcode_text(doc)
    check_left(left, doc)
    fields, recorded, total = items_in(left, right)
    assert total == len(MANY) and right[2:].split(":")[0] in [n for n, _, _ in MANY]
    assert fields[0::3] == [name for name, _, _ in MANY[:recorded]]
    assert fields[1::3] == [str(q) for _, q, _ in MANY[:recorded]]
    assert fields[2::3] == [str(p) for _, _, p in MANY[:recorded]]
    check_pair(codes)
    text = text_of(pdf, tmp_path)
    assert all(name[:8] in text for name, _, _ in MANY)  # every item listed below


@needs_poppler
def test_a_business_buyer_on_thermal_paper_shows_the_buyer_and_format_25(tmp_path):
    doc = business_doc(GAS)
    pdf = proof.proof_pdf(doc, aes_key=KEY, company_name="大台中瓦斯行")
    _, left, right, _ = read_codes(render(pdf, tmp_path, "b2b57"))
    check_left(left, doc)
    text = text_of(pdf, tmp_path)
    for expected in ("買方 12345675", "格式 25", "115年11-12月", "CD-87654321",
                     "銷售額合計", "1,670", "營業稅 5%", "84", "1,754"):
        assert expected in text, expected


@needs_poppler
def test_the_a4_proof_for_a_business_buyer_reads_back_and_shows_the_amounts_apart(tmp_path):
    doc = business_doc(GAS + [("運費", 1, 95)])
    pdf = proof.proof_a4_pdf(doc, aes_key=KEY, company_name="大台中瓦斯行有限公司",
                             company_address="台中市西屯區台灣大道三段 100 號")
    assert unembedded_fonts(pdf) == []
    bar, left, right, codes = read_codes(render(pdf, tmp_path, "a4", crop=0.3))
    assert bar == proof.barcode_text(doc) == "11512CD876543215821"
    assert (left, right) == proof.qr_texts(doc, KEY)
    check_left(left, doc)
    assert left[37:45] == "12345675" and right.startswith("**")
    check_pair(codes)
    text = text_of(pdf, tmp_path)
    for expected in ("電子發票證明聯", "115年11-12月", "CD-87654321",
                     "大明企業有限公司", "12345675", "台中市西屯區台灣大道三段 99 號",
                     "銷售額合計", "1,765", "營業稅", "88", "總計", "1,853",
                     "壹仟捌佰伍拾參元整", "單價及金額為未稅金額", "24549210"):
        assert expected in text, expected


@needs_poppler
def test_the_item_list_follows_the_documents_language(tmp_path):
    doc = consumer_doc(GAS)
    text = text_of(proof.proof_pdf(doc, aes_key=KEY, company_name="Taichung Gas",
                                   language="en"), tmp_path)
    assert all(w in text for w in ("Item", "Qty", "Price", "Amount", "Total"))
    assert "電子發票證明聯" in text and "115年11-12月" in text  # the proof itself is prescribed
    a4 = text_of(proof.proof_a4_pdf(business_doc(GAS), aes_key=KEY, company_name="Taichung Gas",
                                    language="en"), tmp_path)
    assert all(w in a4 for w in ("Buyer", "Sales amount", "Business tax", "2 cylinders"))
