"""What every printed document shares: the embedded font, the company's letterhead,
the page frame (letterhead on the first page, "page N of M" on each), money and
quantities in the document's language, and the document strings per language.

The core never imports Qt, so document strings are not Qt translations: each
document adds its labels to ``LABELS`` (``zh_TW`` and ``en``) and looks them up
with ``label``.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab import platypus
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib.textsplit import ALL_CANNOT_START
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import CompanyLogo
from core.money import format_money
from core.services import settings
from core.services.customers import display_phone

FONT = "WenQuanYiMicroHei"
LANGUAGES = ("zh_TW", "en")
PAGE = A4
MARGIN = 18 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#c7ced6")
SHADE = colors.HexColor("#eef2f6")

# Shared labels; documents add their own (``LABELS[language][key]``).
LABELS: dict[str, dict[str, str]] = {
    "zh_TW": {
        "tax_id": "統一編號",
        "phone": "電話",
        "page": "第 {page} 頁，共 {pages} 頁",
        "unit.cylinder": "桶", "unit.bottle": "瓶", "unit.carton": "箱", "unit.litre": "公升",
        "unit.kg": "公斤", "unit.piece": "個", "unit.service": "次",
        "bank": "匯款銀行：{bank}",
        "bank.account": "帳號：{number}",
        "bank.payee": "戶名：{name}",
    },
    "en": {
        "tax_id": "Tax ID",
        "phone": "Phone",
        "page": "Page {page} of {pages}",
        "unit.cylinder": "cylinder", "unit.bottle": "bottle", "unit.carton": "carton",
        "unit.litre": "litre", "unit.kg": "kg", "unit.piece": "piece", "unit.service": "service",
        # English plurals: "3 cylinders" (a unit without one is the same in the plural).
        "units.cylinder": "cylinders", "units.bottle": "bottles", "units.carton": "cartons",
        "units.litre": "litres", "units.piece": "pieces", "units.service": "services",
        "bank": "Bank: {bank}",
        "bank.account": "Account no.: {number}",
        "bank.payee": "Account name: {name}",
    },
}


def language_of(language: str) -> str:
    """zh_TW or en (anything Chinese is zh_TW; anything else English)."""
    return "zh_TW" if (language or "").replace("-", "_").startswith("zh") else "en"


def label(language: str, key: str, **params: object) -> str:
    text = LABELS[language_of(language)][key]
    return text.format(**params) if params else text


def unit_name(language: str, unit: str, amount: Decimal = Decimal(1)) -> str:
    """The unit in the document's language, plural in English unless ``amount`` is one;
    a unit without a label is printed as it is stored."""
    table = LABELS[language_of(language)]
    if amount != 1 and f"units.{unit}" in table:
        return table[f"units.{unit}"]
    return table.get(f"unit.{unit}", unit)


def quantity_of(language: str, amount: Decimal, unit: str) -> str:
    """'3 cylinders', '1 cylinder', '2 桶', '1.5 公升'."""
    return f"{quantity(amount)} {unit_name(language, unit, amount)}".strip()


def register_font() -> str:
    """Register the shipped TrueType font with reportlab once; returns its name.

    reportlab embeds the subset of the glyphs a document uses, with their
    Unicode map, so a PDF reader finds the Chinese text as text."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = resources.files("resources") / "fonts" / "wqy-microhei.ttc"
        with resources.as_file(path) as file:
            font = TTFont(FONT, str(file), subfontIndex=0)
        # Each document's subset copies the font's tables out of the file again (the
        # glyphs' table alone is 3.5 MB); they never change, so each is copied once.
        font.face.get_table = functools.lru_cache(maxsize=None)(font.face.get_table)
        pdfmetrics.registerFont(font)
    return FONT


@dataclass(frozen=True)
class Bank:
    """Where customers pay by transfer."""

    name: str
    branch: str
    account_number: str
    account_name: str  # blank: the company's name


@dataclass(frozen=True)
class Letterhead:
    name: str
    tax_id: str
    address: str
    phone: str
    logo: bytes | None
    currency: str
    bank: Bank | None = None  # None: no account to pay into is set


def letterhead(s: Session) -> Letterhead:
    company = settings.read(s)
    logo = s.scalar(select(CompanyLogo.data).limit(1))
    bank = Bank(company.bank_name, company.bank_branch, company.bank_account_number,
                company.bank_account_name) \
        if company.bank_name or company.bank_account_number else None
    return Letterhead(company.name, company.tax_id, company.address,
                      display_phone(company.phone) if company.phone else "", logo,
                      company.currency, bank)


def bank_lines(head: Letterhead, language: str) -> list[str]:
    """The bank account to pay into, a line each for the bank (and branch), the account
    number and the account's name; none when no account is set."""
    bank = head.bank
    if bank is None:
        return []
    lines = [label(language, "bank", bank=" ".join(x for x in (bank.name, bank.branch) if x))]
    if bank.account_number:
        lines.append(label(language, "bank.account", number=bank.account_number))
    lines.append(label(language, "bank.payee", name=bank.account_name or head.name))
    return lines


def money(amount: Decimal, head: Letterhead, language: str) -> str:
    return format_money(amount, head.currency, "zh_TW" if language == "zh_TW" else "en")


def quantity(value: Decimal) -> str:
    """2, 1.5: a quantity without trailing zeros."""
    return f"{value.normalize():f}"


def day(value: date) -> str:
    return value.isoformat()


def style(size: float = 9.5, *, leading: float | None = None, color=INK,
          align: int = TA_LEFT, language: str = "zh_TW", name: str = "body") -> ParagraphStyle:
    """A paragraph style in the document font; Chinese lines may break between any two
    characters, English ones between words."""
    return ParagraphStyle(name, fontName=register_font(), fontSize=size,
                          leading=leading or size * 1.35, textColor=color, alignment=align,
                          wordWrap="CJK" if language_of(language) == "zh_TW" else None)


RIGHT_ALIGN = TA_RIGHT


def esc(text: str) -> str:
    """Text for a Paragraph (which reads a little markup)."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Characters that do not start a line (closing punctuation), as reportlab's CJK wrapping
# has them, with the full-width comma, colon and the like.
_CANNOT_START = frozenset(ALL_CANNOT_START) | frozenset("，：；！？）》〉")
_CANNOT_END = frozenset("（《〈「『【〔([")


def _cjk(ch: str) -> bool:
    """A Chinese (Japanese, Korean) character or punctuation mark; full-width digits and
    letters are part of a word."""
    return ord(ch) >= 0x2E80 and not 0xFF10 <= ord(ch) <= 0xFF5A


# A number with what is written on to it: "129號", "129 號之 3", "12-3", "20公斤", "5樓",
# "3 cylinders", "20 kg".
_NUMBER = r"\d+(?:[-/.,]\d+)*"
_IDEOGRAPH = "[\u3400-\u9fff\uf900-\ufaff]"
_NUMBER_RUN = re.compile(fr"{_NUMBER}(?: [A-Za-z]+|(?: *{_IDEOGRAPH}{{1,2}} *{_NUMBER})*"
                         fr"(?: *{_IDEOGRAPH}{{1,2}})?)")


def pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: after a space, and between two Chinese
    characters, but never inside a number with what is written on to it (``_NUMBER_RUN``),
    before closing punctuation or after opening."""
    whole = {i for m in _NUMBER_RUN.finditer(text) for i in range(m.start() + 1, m.end())}
    cuts = [0]
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if i in whole:
            continue
        if (a == " " and b != " ") or (_cjk(a) and _cjk(b) and b not in _CANNOT_START
                                       and a not in _CANNOT_END):
            cuts.append(i)
    cuts.append(len(text))
    return [text[x:y] for x, y in zip(cuts, cuts[1:])]


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, register_font(), size)


def wrap_text(text: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` in the document font at ``size``, broken
    only where ``pieces`` allows (a piece wider than a whole line is cut where it must)."""
    font = register_font()
    measure = pdfmetrics.getFont(font).stringWidth
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if measure(paragraph, size) <= width:  # most text fits as it is
            lines.append(paragraph.rstrip())
            continue
        line, used = "", 0.0
        for piece in pieces(paragraph):
            w = measure(piece, size)
            if line and used + w - measure(piece[len(piece.rstrip()):], size) > width:
                lines.append(line.rstrip())
                line, used = "", 0.0
            while not line and w > width and len(piece) > 1:  # longer than a line
                k = len(piece) - 1
                while k > 1 and measure(piece[:k], size) > width:
                    k -= 1
                lines.append(piece[:k])
                piece = piece[k:]
                w = measure(piece, size)
            line += piece
            used += w
        lines.append(line.rstrip())
    return lines


class Text(Flowable):
    """Plain text in the document font: one size and colour, wrapped by ``wrap_text``
    (never inside a number), left, right or centred.  Much quicker to lay out than a
    Paragraph, which reads markup and breaks Chinese text anywhere."""

    def __init__(self, text: str, size: float = 9, *, color=INK, leading: float | None = None,
                 align: str = "left") -> None:
        super().__init__()
        self.text, self.size, self.color, self.align = text or "", size, color, align
        self.leading = leading or size * 1.3
        self.lines: list[str] = []

    def wrap(self, avail_width, avail_height):
        if avail_width != self.width or not self.lines:  # a table asks more than once
            self.lines = wrap_text(self.text, self.size, avail_width)
        self.width = avail_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(FONT, self.size)
        c.setFillColor(self.color)
        y = self.height - self.size
        for line in self.lines:
            if self.align == "right":
                c.drawRightString(self.width, y, line)
            elif self.align == "centre":
                c.drawCentredString(self.width / 2, y, line)
            else:
                c.drawString(0, y, line)
            y -= self.leading


class WithTail(Flowable):
    """A table and what closes it (its totals, a summary), never apart: where they do not
    fit on a page together, the table breaks early enough that its last ``keep`` rows go
    on to the next page with the closing part (the header row repeats there)."""

    def __init__(self, table: platypus.Table, tail: list[Flowable], keep: int = 2) -> None:
        super().__init__()
        self.table, self.tail, self.keep = table, tail, keep
        self.sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width, avail_height):
        self.sizes = [f.wrap(avail_width, avail_height) for f in (self.table, *self.tail)]
        self.width = avail_width
        self.height = sum(h for _, h in self.sizes)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        rows = self.table._rowHeights
        head = self.table.repeatRows if isinstance(self.table.repeatRows, int) else 0
        if len(rows) - head <= self.keep:
            return []  # too few rows to leave any behind: all of it on the next page
        room = min(avail_height, sum(rows[:len(rows) - self.keep]))
        parts = self.table.split(avail_width, room)
        if len(parts) < 2:
            return []
        return [parts[0], WithTail(parts[1], self.tail, self.keep)]

    def draw(self) -> None:
        y = self.height
        for f, (w, h) in zip((self.table, *self.tail), self.sizes):
            y -= h
            f.drawOn(self.canv, 0, y, _sW=self.width - w)


class Table(platypus.Table):
    """reportlab's table with its cells in the embedded font unless its style says
    otherwise (reportlab's default is the standard Helvetica, which no PDF embeds)."""

    def __init__(self, data, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        if data:
            self.setStyle([("FONT", (0, 0), (-1, -1), register_font(), 10, 12)])


class _NumberedCanvas(Canvas):
    """Keeps each page until the end, so each can say "page N of M"."""

    def __init__(self, *args, footer=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer = footer

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._footer is not None:
                self._footer(self, self._pageNumber, total)
            super().showPage()
        super().save()


def draw_letterhead(c: Canvas, head: Letterhead, language: str, *, pagesize=PAGE,
                    margin: float = MARGIN) -> float:
    """The company block at the top left of the first page; returns its lowest y."""
    font = register_font()
    _, height = pagesize
    top = height - margin
    x = margin
    if head.logo:
        try:
            image = ImageReader(io.BytesIO(head.logo))
            iw, ih = image.getSize()
            h = 18 * mm
            w = min(iw * h / ih, 45 * mm)
            h = ih * w / iw
            c.drawImage(image, x, top - h, w, h, mask="auto")
            x += w + 5 * mm
        except Exception:  # noqa: BLE001 - a logo that cannot be read is left out, not fatal
            pass
    c.setFillColor(INK)
    c.setFont(font, 15)
    c.drawString(x, top - 14, head.name)
    c.setFont(font, 8.5)
    c.setFillColor(MUTED)
    y = top - 28
    details = [head.address,
               "  ·  ".join(part for part in (
                   f"{label(language, 'phone')} {head.phone}" if head.phone else "",
                   f"{label(language, 'tax_id')} {head.tax_id}" if head.tax_id else "") if part)]
    for line in filter(None, details):
        c.drawString(x, y, line)
        y -= 11
    return min(y, top - 18 * mm)


def title_block(c: Canvas, title: str, rows, *, size: float = 20,
                caption_gap: float = 32 * mm, pagesize=PAGE, margin: float = MARGIN) -> float:
    """A document's title at the top right of its first page, with its (caption, value)
    rows under it (a row without a value is left out); returns the y below the last row."""
    font = register_font()
    width, height = pagesize
    top = height - margin
    c.setFillColor(ACCENT)
    c.setFont(font, size)
    c.drawRightString(width - margin, top - 16, title)
    c.setFont(font, 8.5)
    y = top - 32
    for caption, value in rows:
        if not value:
            continue
        c.setFillColor(MUTED)
        c.drawRightString(width - margin - caption_gap, y, caption)
        c.setFillColor(INK)
        c.drawRightString(width - margin, y, value)
        y -= 12
    return y


def head_rule(c: Canvas, y: float, *, pagesize=PAGE, margin: float = MARGIN) -> None:
    """The accent line under the first page's head."""
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    c.line(margin, y, pagesize[0] - margin, y)


def signature_lines(left: str, right: str, width: float) -> Table:
    """Two lines to sign on, side by side across ``width``, each with its caption."""
    table = Table([["", "", ""], [Text(left, 8.5, color=MUTED), "", Text(right, 8.5, color=MUTED)]],
                  colWidths=[width * 0.42, width * 0.16, width * 0.42], rowHeights=[10, None])
    table.setStyle(platypus.TableStyle([("LINEBELOW", (0, 0), (0, 0), 0.6, INK),
                                        ("LINEBELOW", (2, 0), (2, 0), 0.6, INK),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def stamp(c: Canvas, pagesize, text: str, color) -> None:
    """A large word across the middle of the page in a frame, see-through (VOID, DRAFT)."""
    width, height = pagesize
    c.saveState()
    c.translate(width / 2, height / 2)
    c.rotate(28)
    c.setFillColor(color)
    c.setStrokeColor(color)
    c.setFillAlpha(0.22)
    c.setStrokeAlpha(0.45)
    cjk = any(_cjk(ch) for ch in text)
    size = min(width, height) / (4.2 if cjk else 4.8)
    c.setFont(register_font(), size)
    w = c.stringWidth(text, FONT, size)
    c.drawCentredString(0, -size * 0.35, text)
    c.setLineWidth(4)
    c.roundRect(-w / 2 - size * 0.25, -size * 0.65, w + size * 0.5, size * 1.25, size * 0.15)
    c.restoreState()


class Document(BaseDocTemplate):
    """An A4 document (or ``pagesize``, with ``margin``): the letterhead and the document's
    own heading on the first page (``first_page(canvas, doc)``; ``later_page`` on the
    others), a footer with the page count on every page."""

    def __init__(self, buffer, *, title: str, author: str, top: float, footer_text: str,
                 language: str, first_page, later_page=None, pagesize=PAGE,
                 margin: float = MARGIN) -> None:
        super().__init__(buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                         topMargin=margin, bottomMargin=margin + 8 * mm, title=title,
                         author=author, creator="Roundsman",
                         # Each page starts in the embedded font, not in the standard
                         # Helvetica (which a PDF names without embedding it).
                         initialFontName=register_font())
        width, height = pagesize
        self._margin = margin
        first = Frame(margin, margin + 8 * mm, width - 2 * margin,
                      height - margin - top - margin - 8 * mm, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(margin, margin + 8 * mm, width - 2 * margin,
                      height - 2 * margin - 8 * mm, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later_template = (PageTemplate("later", [later], onPage=later_page) if later_page
                          else PageTemplate("later", [later]))
        self.addPageTemplates([
            PageTemplate("first", [first], onPage=first_page, autoNextPageTemplate="later"),
            later_template,
        ])
        self._footer_text = footer_text
        self._language = language

    def footer(self, c: Canvas, page: int, pages: int) -> None:
        font = register_font()
        width, _ = self.pagesize
        margin = self._margin
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(margin, margin + 4 * mm, width - margin, margin + 4 * mm)
        c.setFont(font, 7.5)
        c.setFillColor(MUTED)
        c.drawString(margin, margin, self._footer_text)
        c.drawRightString(width - margin, margin,
                          label(self._language, "page", page=page, pages=pages))
        c.restoreState()

    def render(self, story: list) -> None:
        footer = self.footer
        self.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer=footer, **k))
