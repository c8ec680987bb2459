"""The printed e-invoice proof (電子發票證明聯): its barcodes, and the proof itself on 57 mm
thermal paper (a consumer's) or on A4 (a business buyer's).

The codes follow the Ministry of Finance's 電子發票證明聯一維及二維條碼規格說明 (財政部財政
資訊中心, v1.8, 2018-08; the sections are cited where they are used):

- **the one-dimensional barcode** (第壹章): Code 39 of 19 characters, the period (the ROC
  year and the period's even month, 5), the number (10) and the random code (4);
- **the two QR codes** (第貳章 二): side by side, top edges aligned, the same size, each
  at least 1.5 cm with 0.2 cm of white round it.  The left one holds 77 fixed characters
  (number, ROC date, random code, the amount before tax and the total in hexadecimal,
  the buyer's and the seller's 統一編號, and 24 characters of verification: the number
  and the random code enciphered with the company's AES key, 第肆章/第伍章), then, each
  field after a colon, the seller's own area, how many items the two codes record, how
  many the invoice has, the encoding (1: UTF-8) and name:quantity:unit price per item;
  what does not fit the left code continues in the right one, which starts with "**".

The items are shared between the codes so that the two come out the same size (the
same QR version, never less than the left code's minimum V6); where even so they would
need a version too dense for the paper, the last items are left out of the codes (the
spec allows it: field 10 says how many are recorded, 補充說明 3).

The proof's own text is in Chinese whatever the language, since its format is
prescribed; the list of items below it (and the A4 proof's captions) are in the
document's language, as every printed document here.
"""

from __future__ import annotations

import base64
import functools
import io
import itertools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code39 import Standard39
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, TableStyle

from core import uniform
from core.printing import base, qr
from core.printing.base import ACCENT, INK, LABELS, MUTED, RULE, SHADE, Table, label
from core.uniform import InvoiceDoc

LABELS["zh_TW"].update({
    "proof.details": "交易明細",
    "proof.item": "品名",
    "proof.quantity": "數量",
    "proof.unit_price": "單價",
    "proof.amount": "金額",
    "proof.sales": "銷售額合計",
    "proof.tax": "營業稅",
    "proof.total": "總計",
    "proof.tax_included": "以上金額含營業稅 {rate}%。",
    "proof.before_tax": "單價及金額為未稅金額。",
    "proof.zero_rated": "零稅率",
    "proof.exempt": "免稅",
    "proof.taxable": "應稅",
    "proof.buyer": "買方",
    "proof.tax_id": "統一編號",
    "proof.seller_tax_id": "賣方統一編號 {id}",
    "proof.tax_of": "營業稅（{kind}）",
    "proof.address": "地址",
    "proof.date": "發票日期",
    "proof.random": "隨機碼",
    "proof.number": "發票號碼",
    "proof.period": "期別",
    "proof.in_words": "總計新臺幣（中文大寫）",
    "proof.platform": "本發票可至財政部電子發票整合服務平台查詢。",
    "proof.continued": "（續）",
})
LABELS["en"].update({
    "proof.details": "Details",
    "proof.item": "Item",
    "proof.quantity": "Qty",
    "proof.unit_price": "Price",
    "proof.amount": "Amount",
    "proof.sales": "Sales amount",
    "proof.tax": "Business tax",
    "proof.total": "Total",
    "proof.tax_included": "Amounts include {rate}% business tax.",
    "proof.before_tax": "Unit prices and amounts are before tax.",
    "proof.zero_rated": "zero-rated",
    "proof.exempt": "tax-exempt",
    "proof.taxable": "taxable",
    "proof.buyer": "Buyer",
    "proof.tax_id": "Tax ID",
    "proof.seller_tax_id": "Seller's tax ID {id}",
    "proof.tax_of": "Business tax ({kind})",
    "proof.address": "Address",
    "proof.date": "Invoice date",
    "proof.random": "Random code",
    "proof.number": "Invoice no.",
    "proof.period": "Period",
    "proof.in_words": "Total in words",
    "proof.platform": "This invoice can be looked up on the Ministry of Finance's "
                      "e-invoice platform.",
    "proof.continued": " (continued)",
})

# --- the codes ----------------------------------------------------------------------------

# 第伍章 參考用原始碼 (QREncrypter): AES-128-CBC with this fixed IV, PKCS7 padding, Base64.
IV = base64.b64decode("Dt8lyToo17X/XkXaQvihuA==")
CONSUMER = "00000000"  # 第貳章 二 (一) 6: the buyer's 統一編號 of a consumer
OWN_AREA = "*" * 10  # 第貳章 二 (一) 9: the seller's own area, unused
UTF8 = "1"  # 第貳章 二 (一) 12: the encoding of what follows
RIGHT_MARK = "**"  # 第貳章 二 (二) 1: the right code's first two characters
QR_LEVEL = "M"  # 第貳章 二: Level L (7 %) or better
MIN_VERSION = 6  # 第貳章 二: the left code is version 6 (41 x 41) or larger
MAX_VERSION = 10  # 57 modules in a 20 mm code: 0.35 mm each, about 3 dots of a thermal head


def _code_number(doc: InvoiceDoc) -> str:
    track, serial = uniform.split_number(doc.number)
    return uniform.number(track, serial)


def _random_code(doc: InvoiceDoc) -> str:
    """Four characters; blank ones where an invoice has none (補充說明 6: a B2B
    invoice's random code is four spaces)."""
    code = doc.random_code or ""
    if len(code.strip()) not in (0, 4):
        raise ValueError(f"random code {code!r}")
    return code if code.strip() else " " * 4


def barcode_text(doc: InvoiceDoc) -> str:
    """The Code 39 barcode's 19 characters (第壹章 二): the period as the ROC year and the
    period's even month (5), the number (10), the random code (4)."""
    return uniform.roc_period(doc.period) + _code_number(doc) + _random_code(doc)


def verification(number: str, random_code: str, aes_key_hex: str) -> str:
    """The left code's 24 characters of verification (第貳章 二 (一) 8, 第伍章): the
    number and the random code enciphered with the company's key (32 hex digits, from
    the platform's key tool) and the Ministry's IV, in Base64.  ValueError for a key that
    is not 32 hex digits."""
    key = (aes_key_hex or "").strip()
    if len(key) != 32:
        raise ValueError("The AES key is 32 hexadecimal digits.")
    try:
        raw = bytes.fromhex(key)
    except ValueError:
        raise ValueError("The AES key is 32 hexadecimal digits.") from None
    padder = padding.PKCS7(128).padder()
    data = padder.update((number + random_code).encode("ascii")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(raw), modes.CBC(IV)).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode("ascii")


def _whole(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _hex8(amount: Decimal) -> str:
    """An amount in eight lower-case hex digits (第伍章: ``ToString("x8")``)."""
    value = _whole(amount)
    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"amount {amount}")
    return f"{value:08x}"


def roc_date(doc: InvoiceDoc) -> str:
    """The invoice date as the ROC year, month and day: 2026-11-05 -> ``1151105``."""
    day = doc.invoice_date
    return f"{day.year - 1911:03d}{day.month:02d}{day.day:02d}"


def _decimal(value: Decimal) -> str:
    """A quantity or price in decimal, no exponent, no trailing zeros (14, 15)."""
    return base.quantity(value)


def _item_field(item: uniform.Item) -> str:
    """name:quantity:unit price; a colon in the name would split it (13: names avoid the
    separator), so it becomes the full-width one."""
    name = " ".join(item.description.replace(":", "：").split())
    return f"{name}:{_decimal(item.quantity)}:{_decimal(item.unit_price)}"


def _version(text: str) -> int:
    """The smallest QR version that holds ``text`` at ``QR_LEVEL``."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    code.addData(text)
    return code.calculate_version()


@functools.cache
def _capacity(version: int) -> int:
    """How many bytes a code of ``version`` holds at ``QR_LEVEL`` (byte mode)."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(
        version, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    return (sum(b.dataCount for b in blocks) * 8 - 4 - (8 if version < 10 else 16)) // 8


def code_version(left: str, right: str) -> int:
    """The version both codes are printed in: the same for both (第貳章 二: the same size),
    never below the left code's minimum."""
    return max(MIN_VERSION, _version(left), _version(right))


def qr_texts(doc: InvoiceDoc, aes_key_hex: str) -> tuple[str, str]:
    """The left and right QR codes' texts (第貳章 二 (一), (二)).

    The fields after the first 77 characters are one stream, each field after a colon;
    it is cut before an item, the left code keeping the colon, the right one carrying
    on after its "**" (as the spec's example: left ``…:3:3:1:乾電池:1:105:``, right
    ``**口罩:1:210:牛奶:1:25``).  Where it is cut is chosen so that the two codes are as
    near the same length as can be (the left code keeps at least one item); items that
    would make them too dense for the paper are not recorded."""
    number = _code_number(doc)
    random_code = _random_code(doc)
    buyer = doc.buyer.identifier if doc.b2b else CONSUMER
    fixed = (number + roc_date(doc) + random_code + _hex8(doc.untaxed_amount)
             + _hex8(doc.total_amount) + buyer + doc.seller.identifier
             + verification(number, random_code, aes_key_hex))
    if len(fixed) != 77 or len(buyer) != 8 or len(doc.seller.identifier) != 8:
        raise ValueError(f"the left code's fixed part is not 77 characters: {fixed!r}")
    fields = [_item_field(item) for item in doc.items]
    before = [0, *itertools.accumulate(len((":" + f).encode("utf-8")) for f in fields)]
    total = len(fields)
    for recorded in range(total, -1, -1):
        head = fixed + f":{OWN_AREA}:{recorded}:{total}:{UTF8}"

        def texts(k: int) -> tuple[str, str]:
            left = head + "".join(":" + f for f in fields[:k]) + (":" if k < recorded else "")
            return left, RIGHT_MARK + ":".join(fields[k:recorded])

        # The bytes of each cut: the left code keeps a colon when items follow in the
        # right one, which has its "**" and loses its first item's colon.
        head_size = len(head.encode("utf-8"))
        cuts = []
        for k in range(1 if recorded else 0, recorded + 1):
            left_size = head_size + before[k] + (k < recorded)
            right_size = len(RIGHT_MARK) + max(0, before[recorded] - before[k] - 1)
            cuts.append((max(left_size, right_size), -k))
        cuts.sort()
        if cuts[0][0] > _capacity(MAX_VERSION):
            continue
        for _, k in cuts[:3]:  # the most even cuts (the left code fuller on a tie)
            left, right = texts(-k)
            if code_version(left, right) <= MAX_VERSION:
                return left, right
    raise ValueError("the invoice's fixed fields do not fit a QR code")  # not reached


def _modules(text: str, version: int) -> list[list[bool]]:
    """The code's modules at ``version`` (the fast ``qr.matrix`` where that is the version
    the text needs anyway, else reportlab's symbol of that version)."""
    if _version(text) == version:
        return qr.matrix(text, QR_LEVEL)
    code = qrencoder.QRCode(version, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    code.addData(text)
    code.make()
    return code.modules


# --- what both proofs print ----------------------------------------------------------------

# Code 39 (第壹章): a narrow bar is one dot of a 203-dpi thermal head, a wide one three;
# 21 characters (with the start and stop "*") of 16 dots are 42 mm, which leaves more
# than the ten narrow bars of white each side that Code 39 needs on 57 mm paper.
BAR_NARROW = 25.4 / 203 * mm
BAR_RATIO = 3.0


def _barcode(value: str, *, narrow: float, height: float) -> Standard39:
    """The Code 39 symbol of exactly ``value``: no check character, the start and stop
    characters only, no quiet zone of reportlab's own (the page leaves it white)."""
    return Standard39(value, barWidth=narrow, ratio=BAR_RATIO, gap=narrow, barHeight=height,
                      checksum=0, stop=1, quiet=0, humanReadable=0)


def _draw_codes(c: Canvas, doc: InvoiceDoc, aes_key: str, *, x: float, top: float,
                width: float, side: float, gap: float, narrow: float,
                bar_height: float, bar_gap: float) -> float:
    """The barcode centred across ``width`` from ``x`` with its top at ``top``, the two QR
    codes under it side by side (``side`` each, ``gap`` apart, centred); returns the
    codes' lowest y."""
    bar = _barcode(barcode_text(doc), narrow=narrow, height=bar_height)
    y = top - bar_height
    bar.drawOn(c, x + (width - bar.width) / 2, y)
    left, right = qr_texts(doc, aes_key)
    version = code_version(left, right)
    y -= bar_gap + side
    first = x + (width - 2 * side - gap) / 2
    c.saveState()
    c.setFillColor(colors.black)
    for k, text in enumerate((left, right)):
        qr.draw(c, _modules(text, version), first + k * (side + gap), y, side, quiet=0)
    c.restoreState()
    return y


def display_number(number: str) -> str:
    """As printed: ``AB-12345678``."""
    track, serial = uniform.split_number(number)
    return f"{track}-{serial:08d}"


def _amount(value: Decimal) -> str:
    """1,050; a price with decimals keeps them."""
    return f"{value.normalize():,f}" if value != value.to_integral_value() \
        else f"{_whole(value):,}"


def _when(doc: InvoiceDoc) -> str:
    return f"{doc.invoice_date.isoformat()} {doc.invoice_time.strftime('%H:%M:%S')}"


def _tax_kind(language: str, tax_type: int) -> str:
    return label(language, {uniform.ZERO_RATED: "proof.zero_rated",
                            uniform.EXEMPT: "proof.exempt"}.get(tax_type, "proof.taxable"))


def _rate(doc: InvoiceDoc) -> str:
    return f"{(doc.tax_rate * 100).normalize():f}"


def _item_name(doc: InvoiceDoc, item: uniform.Item, language: str) -> str:
    """The item's name, marked zero-rated or exempt on an invoice of mixed tax."""
    if doc.tax_type == uniform.MIXED and item.tax_type != uniform.TAXABLE:
        return f"{item.description}（{_tax_kind(language, item.tax_type)}）"
    return item.description


def _fit(text: str, size: float, width: float, smallest: float) -> float:
    """``size``, or less (down to ``smallest``) so that ``text`` fits ``width``."""
    w = base.text_width(text, size)
    return size if w <= width else max(smallest, size * width / w)


def _heavy(c: Canvas, x: float, y: float, text: str, size: float) -> None:
    """Centred black text in a heavier stroke (the font has one weight): the period and number
    are printed bold on the proof."""
    c.saveState()
    c.setFont(base.FONT, size)
    c.setLineWidth(size * 0.045)
    c.setStrokeColor(colors.black)
    c.drawCentredString(x, y, text, mode=2)
    c.restoreState()


# --- the 57 mm proof ------------------------------------------------------------------------

PAPER = 57 * mm  # 5.7 cm wide
PROOF_LENGTH = 90 * mm  # the proof itself, 9 cm long; the items follow below it
EDGE = 4.5 * mm  # a 58 mm printer prints the middle 48 mm
QR_SIDE = 20 * mm  # each code's symbol (第貳章 二: at least 1.5 cm)
QR_GAP = 8 * mm  # between the codes: both their 2 mm of white and some more
BAR_HEIGHT = 6.5 * mm


@dataclass(frozen=True)
class _Block:
    flowable: Flowable
    height: float


def _thermal_details(doc: InvoiceDoc, language: str, width: float) -> list[_Block]:
    """The items (品名, 數量, 單價, 金額), the totals and the tax note, laid out for
    ``width``."""
    size = 7.5
    L = lambda key, **kw: label(language, key, **kw)  # noqa: E731
    # Each item on two lines, as receipts have them: its name across the paper, then its
    # quantity, unit price and amount under the headings.
    rows: list[list] = [[L("proof.item"), L("proof.quantity"), L("proof.unit_price"),
                         L("proof.amount")]]
    widths = [None, 9 * mm, 12 * mm, 13 * mm]
    widths[0] = width - sum(w for w in widths if w)
    spans = []
    for item in doc.items:
        spans.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([base.Text(_item_name(doc, item, language), size, leading=size + 1.5),
                     "", "", ""])
        rows.append(["", _decimal(item.quantity), _amount(item.unit_price),
                     _amount(item.amount)])
    items = Table(rows, colWidths=widths, repeatRows=1)
    items.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), base.FONT, size, size + 1.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.black),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        ("TOPPADDING", (0, 1), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
        *[("TOPPADDING", (0, n), (-1, n), 0) for n in range(2, len(rows), 2)],
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        *spans,
    ]))
    if doc.b2b:
        sums = [[L("proof.sales"), _amount(doc.sales_amount)],
                [f"{L('proof.tax')} {_rate(doc)}%", _amount(doc.tax_amount)],
                [L("proof.total"), _amount(doc.total_amount)]]
        note = L("proof.before_tax")
    else:
        sums = [[L("proof.total"), _amount(doc.total_amount)]]
        note = {uniform.TAXABLE: L("proof.tax_included", rate=_rate(doc)),
                uniform.ZERO_RATED: L("proof.zero_rated"),
                uniform.EXEMPT: L("proof.exempt")}.get(doc.tax_type,
                                                        L("proof.tax_included", rate=_rate(doc)))
    totals = Table(sums, colWidths=[width - 20 * mm, 20 * mm])
    totals.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), base.FONT, 8.5, 10),
        ("FONT", (0, -1), (-1, -1), base.FONT, 9.5, 11.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.black),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black),
    ]))
    heading = base.Text(f"{L('proof.details')}  {display_number(doc.number)}", 8.5,
                        color=colors.black, align="centre")
    when = base.Text(_when(doc), 7.5, color=colors.black, align="centre")
    parts = [heading, when, Spacer(1, 1.5 * mm), items, Spacer(1, 1 * mm), totals,
             Spacer(1, 1 * mm), base.Text(note, 7, color=colors.black)]
    return [_Block(f, f.wrap(width, 10_000)[1]) for f in parts]


def proof_pdf(doc: InvoiceDoc, *, aes_key: str, company_name: str, language: str = "zh_TW",
              reprint: bool = False) -> bytes:
    """The proof for a consumer with no carrier, on 57 mm thermal paper: the 9 cm proof in
    the Ministry's layout (the seller's name; 電子發票證明聯, 補印 on a reprint; the period
    and the number, large; the date and time; the random code and the total; the seller's
    and the buyer's 統一編號; the Code 39 barcode; the two QR codes), then the items.
    Whether the invoice takes a printed proof at all (no carrier, no donation) is the
    caller's to decide.  ValueError for a key that is not 32 hex digits."""
    language = base.language_of(language)
    font = base.register_font()
    inner = PAPER - 2 * EDGE
    details = _thermal_details(doc, language, inner)
    height = PROOF_LENGTH + sum(b.height for b in details) + 6 * mm
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAPER, height), initialFontName=font)
    c.setTitle(f"電子發票證明聯 {display_number(doc.number)}")
    c.setAuthor(company_name)
    c.setCreator("Roundsman")
    c.setFillColor(colors.black)
    mid = PAPER / 2
    top = height - 3 * mm

    # The seller's name (the place of its logo): one line if it fits, else two.
    name_area = 13 * mm
    name = company_name or doc.seller.name
    size = _fit(name, 12, inner, 8)
    lines = [name] if base.text_width(name, size) <= inner else base.wrap_text(name, 8, inner)[:2]
    leading = size * 1.2
    y = top - name_area / 2 + (len(lines) * leading) / 2 - size * 0.85
    c.setFont(font, size)
    for line in lines:
        c.drawCentredString(mid, y, line)
        y -= leading
    y = top - name_area

    # The title, the period and the number.
    title = "電子發票證明聯補印" if reprint else "電子發票證明聯"
    size = _fit(title, 17, inner, 12)
    y -= size
    c.setFont(font, size)
    c.drawCentredString(mid, y, title)
    for text in (uniform.period_label(doc.period), display_number(doc.number)):
        size = _fit(text, 20, inner, 14)
        y -= size * 1.12
        _heavy(c, mid, y, text, size)
    y -= 6.5 * mm

    # Date and time, random code and total, seller and buyer: two columns.
    size = 8.5
    right = PAPER - EDGE
    rows = [(_when(doc), "格式 25" if doc.b2b else ""),
            (f"隨機碼 {doc.random_code}", f"總計 {_amount(doc.total_amount)}"),
            (f"賣方 {doc.seller.identifier}", f"買方 {doc.buyer.identifier}" if doc.b2b else "")]
    c.setFont(font, size)
    for left_text, right_text in rows:
        c.drawString(EDGE, y, left_text)
        if right_text:
            c.drawRightString(right, y, right_text)
        y -= size * 1.4
    y += size * 1.4 - 2.5 * mm

    # The barcode and the two QR codes.
    _draw_codes(c, doc, aes_key, x=0, top=y, width=PAPER, side=QR_SIDE, gap=QR_GAP,
                narrow=BAR_NARROW, bar_height=BAR_HEIGHT, bar_gap=2.5 * mm)

    # Where the proof ends (a cut line), then the items.
    y = height - PROOF_LENGTH
    c.saveState()
    c.setLineWidth(0.4)
    c.setDash(2, 2)
    c.line(EDGE, y, PAPER - EDGE, y)
    c.restoreState()
    y -= 2.5 * mm
    for block in details:
        y -= block.height
        block.flowable.drawOn(c, EDGE, y)
    c.showPage()
    c.save()
    return buffer.getvalue()


# --- the A4 proof --------------------------------------------------------------------------

A4_MARGIN = 16 * mm
A4_QR_SIDE = 26 * mm
A4_QR_GAP = 7 * mm
A4_BAR_NARROW = 0.19 * mm  # 21 characters of 16 narrow bars: 64 mm
A4_TOP = 47 * mm  # the first page's heading

_DIGITS = "零壹貳參肆伍陸柒捌玖"
_SMALL = ("", "拾", "佰", "仟")
_LARGE = ("", "萬", "億", "兆")


def amount_in_words(amount: Decimal) -> str:
    """A whole amount in Chinese financial numerals, as written on a uniform invoice's
    總計新臺幣: 1050 -> 壹仟零伍拾元整, 100000 -> 壹拾萬元整."""
    value = _whole(amount)
    if value < 0:
        return "負" + amount_in_words(Decimal(-value))
    if value == 0:
        return "零元整"
    groups = []
    while value:
        value, group = divmod(value, 10_000)
        groups.append(group)
    out = ""
    gap = False  # a group of zeros between two written ones
    for g in range(len(groups) - 1, -1, -1):
        group = groups[g]
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):  # 壹億零參佰, 壹萬零伍
            out += "零"
        gap = zero = written = False
        for p in range(3, -1, -1):
            digit = group // 10 ** p % 10
            if digit == 0:
                zero = written  # 壹仟零伍拾: a zero between two digits of the group
                continue
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[digit] + _SMALL[p]
            written = True
        out += _LARGE[g]
    return out + "元整"


def proof_a4_pdf(doc: InvoiceDoc, *, aes_key: str, company_name: str, company_address: str = "",
                 language: str = "zh_TW") -> bytes:
    """The e-invoice proof on A4, for a business buyer: the seller, 電子發票證明聯, the
    period and the number with the barcode and the two QR codes in the heading; the
    buyer's name, 統一編號 and address, the date and random code; the items with their
    amounts before tax; 銷售額, 稅額 and 總計 apart, the total in words.  ValueError for
    a key that is not 32 hex digits."""
    language = base.language_of(language)
    font = base.register_font()
    width, height = A4
    margin = A4_MARGIN
    inner = width - 2 * margin
    name = company_name or doc.seller.name
    number = display_number(doc.number)

    def L(key: str, **params) -> str:
        return label(language, key, **params)

    codes_width = 2 * A4_QR_SIDE + A4_QR_GAP
    bar_width = _barcode(barcode_text(doc), narrow=A4_BAR_NARROW, height=1).width
    codes_width = max(codes_width, bar_width)
    text_width = inner - codes_width - 8 * mm

    def first_page(c: Canvas, _template) -> None:
        c.saveState()
        top = height - margin
        x = margin
        # The title, the period and the number, the seller under them.
        c.setFillColor(ACCENT)
        c.setFont(font, 20)
        c.drawString(x, top - 18, "電子發票證明聯")
        c.setFillColor(INK)
        y = top - 40
        for text in (f"{L('proof.period')}  {uniform.period_label(doc.period)}",
                     f"{L('proof.number')}  {number}"):
            c.setFont(font, 12.5)
            c.drawString(x, y, text)
            y -= 17
        y -= 4
        size = _fit(name, 11, text_width, 8)
        c.setFont(font, size)
        c.drawString(x, y, name)
        y -= 13
        c.setFont(font, 8.5)
        c.setFillColor(MUTED)
        for line in filter(None, (
                L("proof.seller_tax_id", id=doc.seller.identifier),
                company_address)):
            for part in base.wrap_text(line, 8.5, text_width)[:2]:
                c.drawString(x, y, part)
                y -= 11
        # The barcode and the codes, at the top right.
        _draw_codes(c, doc, aes_key, x=width - margin - codes_width, top=top - 2,
                    width=codes_width, side=A4_QR_SIDE, gap=A4_QR_GAP, narrow=A4_BAR_NARROW,
                    bar_height=8 * mm, bar_gap=3 * mm)
        line_y = height - margin - A4_TOP + 3 * mm
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2)
        c.line(margin, line_y, width - margin, line_y)
        c.restoreState()

    def later_page(c: Canvas, _template) -> None:
        c.saveState()
        c.setFont(font, 9)
        c.setFillColor(MUTED)
        c.drawString(margin, height - margin + 2 * mm,
                     f"電子發票證明聯 {number}{L('proof.continued')}")
        c.restoreState()

    Text = base.Text  # noqa: N806 - a flowable class
    caption = 8.5
    # Who buys, and when.
    buyer = doc.buyer
    info = [
        [Text(L("proof.buyer"), caption, color=MUTED), Text(buyer.name, 10),
         Text(L("proof.date"), caption, color=MUTED), _when(doc)],
        [Text(L("proof.tax_id"), caption, color=MUTED),
         buyer.identifier if doc.b2b else "",
         Text(L("proof.random"), caption, color=MUTED), doc.random_code.strip()],
    ]
    if buyer.address:
        info.append([Text(L("proof.address"), caption, color=MUTED), Text(buyer.address, 9),
                     "", ""])
    info_table = Table(info, colWidths=[22 * mm, inner - 22 * mm - 24 * mm - 42 * mm,
                                        24 * mm, 42 * mm])
    info_table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10), ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))

    # The items, amounts before tax.
    fs = 9
    widths = [12 * mm, None, 26 * mm, 26 * mm, 30 * mm]
    widths[1] = inner - sum(w for w in widths if w)
    rows: list[list] = [["#", L("proof.item"), L("proof.quantity"), L("proof.unit_price"),
                         L("proof.amount")]]
    for k, item in enumerate(doc.items, 1):
        rows.append([str(k), Text(_item_name(doc, item, language), fs, leading=fs + 2.5),
                     base.quantity_of(language, item.quantity, item.unit),
                     _amount(item.unit_price), _amount(item.amount)])
    items = Table(rows, colWidths=widths, repeatRows=1)
    items.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, fs),
        ("FONT", (0, 0), (-1, 0), font, 8),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        *[("BACKGROUND", (0, n), (-1, n), SHADE) for n in range(2, len(rows), 2)],
    ]))

    # 銷售額, 稅額 and 總計 apart; the total in words.
    kind = _tax_kind(language, doc.tax_type)
    tax_caption = (L("proof.tax_of", kind=f"{kind} {_rate(doc)}%")
                   if doc.tax_type == uniform.TAXABLE
                   else L("proof.tax") if doc.tax_type == uniform.MIXED
                   else L("proof.tax_of", kind=kind))
    sums = [[L("proof.sales"), _amount(doc.sales_amount)],
            [tax_caption, _amount(doc.tax_amount)],
            [L("proof.total"), _amount(doc.total_amount)]]
    totals = Table(sums, colWidths=[56 * mm, 30 * mm], hAlign="RIGHT")
    totals.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 9.5),
        ("FONT", (0, 2), (-1, 2), font, 11),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("LINEABOVE", (0, 2), (-1, 2), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    tail: list = [Spacer(1, 2 * mm), totals]
    if language == "zh_TW":
        tail.append(Text(f"{L('proof.in_words')}  {amount_in_words(doc.total_amount)}", 10,
                         align="right"))
    tail += [Spacer(1, 4 * mm), Text(L("proof.before_tax"), 8, color=MUTED),
             Text(L("proof.platform"), 8, color=MUTED)]
    story = [info_table, Spacer(1, 5 * mm), base.WithTail(items, tail)]

    buffer = io.BytesIO()
    template = base.Document(buffer, title=f"電子發票證明聯 {number}", author=name,
                             top=A4_TOP, footer_text=f"{name}  ·  電子發票證明聯 {number}",
                             language=language, first_page=first_page, later_page=later_page,
                             margin=margin)
    template.render(story)
    return buffer.getvalue()
