"""What every printed document shares: the embedded font, the company's letterhead,
the page frame (letterhead on the first page, "page N of M" on each), money and
quantities in the document's language, and the document strings per language.

The core never imports Qt, so document strings are not Qt translations: each
document adds its labels to ``LABELS`` (``zh_TW`` and ``en``) and looks them up
with ``label``.
"""

from __future__ import annotations

import io
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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
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
    },
    "en": {
        "tax_id": "Tax ID",
        "phone": "Phone",
        "page": "Page {page} of {pages}",
        "unit.cylinder": "cylinder", "unit.bottle": "bottle", "unit.carton": "carton",
        "unit.litre": "litre", "unit.kg": "kg", "unit.piece": "piece", "unit.service": "service",
    },
}


def language_of(language: str) -> str:
    """zh_TW or en (anything Chinese is zh_TW; anything else English)."""
    return "zh_TW" if (language or "").replace("-", "_").startswith("zh") else "en"


def label(language: str, key: str, **params: object) -> str:
    text = LABELS[language_of(language)][key]
    return text.format(**params) if params else text


def register_font() -> str:
    """Register the shipped TrueType font with reportlab once; returns its name.

    reportlab embeds the subset of the glyphs a document uses, with their
    Unicode map, so a PDF reader finds the Chinese text as text."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = resources.files("resources") / "fonts" / "wqy-microhei.ttc"
        with resources.as_file(path) as file:
            pdfmetrics.registerFont(TTFont(FONT, str(file), subfontIndex=0))
    return FONT


@dataclass(frozen=True)
class Letterhead:
    name: str
    tax_id: str
    address: str
    phone: str
    logo: bytes | None
    currency: str


def letterhead(s: Session) -> Letterhead:
    company = settings.read(s)
    logo = s.scalar(select(CompanyLogo.data).limit(1))
    return Letterhead(company.name, company.tax_id, company.address,
                      display_phone(company.phone) if company.phone else "", logo,
                      company.currency)


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


class Document(BaseDocTemplate):
    """An A4 document (or ``pagesize``, with ``margin``): the letterhead and the document's
    own heading on the first page (``first_page(canvas, doc)``; ``later_page`` on the
    others), a footer with the page count on every page."""

    def __init__(self, buffer, *, title: str, author: str, top: float, footer_text: str,
                 language: str, first_page, later_page=None, pagesize=PAGE,
                 margin: float = MARGIN) -> None:
        super().__init__(buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                         topMargin=margin, bottomMargin=margin + 8 * mm, title=title,
                         author=author, creator="Roundsman")
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
