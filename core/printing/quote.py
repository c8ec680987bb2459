"""The quote as a PDF, in the customer's language (a prospect's: the quote's)."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, TableStyle
from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.models import User
from core.printing import base
from core.printing.base import (ACCENT, INK, LABELS, MARGIN, MUTED, PAGE, RULE, SHADE,
                                Letterhead, Table, label)
from core.services import quotes
from core.services.quotes import QuoteView

LABELS["zh_TW"].update({
    "quote.title": "報價單",
    "quote.number": "報價單號",
    "quote.date": "報價日期",
    "quote.valid_until": "有效期限",
    "quote.to": "客戶",
    "quote.code": "客戶編號",
    "quote.no": "項次",
    "quote.product": "品名",
    "quote.quantity": "數量",
    "quote.unit": "單位",
    "quote.unit_price": "單價",
    "quote.amount": "金額",
    "quote.subtotal": "小計",
    "quote.tax": "營業稅",
    "quote.total": "總計",
    "quote.notes": "備註",
    "quote.validity": "本報價單有效至 {day}，逾期請重新詢價。",
    "quote.accepted_by": "客戶簽認（簽名／日期）",
    "quote.issued_by": "報價人",
    "quote.state.expired": "已逾期",
    "quote.state.rejected": "已婉拒",
    "quote.state.draft": "草稿",
    "quote.draft": "草稿 · 僅供內部參考，非正式報價",
})
LABELS["en"].update({
    "quote.title": "QUOTATION",
    "quote.number": "Quote no.",
    "quote.date": "Date",
    "quote.valid_until": "Valid until",
    "quote.to": "Quote for",
    "quote.code": "Customer no.",
    "quote.no": "No.",
    "quote.product": "Product",
    "quote.quantity": "Qty",
    "quote.unit": "Unit",
    "quote.unit_price": "Unit price",
    "quote.amount": "Amount",
    "quote.subtotal": "Subtotal",
    "quote.tax": "Tax",
    "quote.total": "Total",
    "quote.notes": "Notes",
    "quote.validity": "This quote is valid until {day}.",
    "quote.accepted_by": "Accepted by the customer (signature / date)",
    "quote.issued_by": "Issued by",
    "quote.state.expired": "EXPIRED",
    "quote.state.rejected": "DECLINED",
    "quote.state.draft": "DRAFT",
    "quote.draft": "DRAFT · not yet a quote to the customer",
})

DRAFT_GREY = colors.HexColor("#7b8794")


def quote_pdf(engine: Engine, quote_id: int) -> bytes:
    """The quote's PDF, read in one transaction; it names the person who made it (their
    full name; the user name when they have none)."""
    with unit_of_work(engine, write=False) as s:
        view = quotes.view_in(s, quotes.quote_row(s, quote_id))
        head = base.letterhead(s)
        person = s.scalar(select(User.full_name).where(User.username == view.created_by))
    return build(view, head, issued_by=person or view.created_by)


def build(quote: QuoteView, head: Letterhead, *, issued_by: str | None = None) -> bytes:
    """The quote's PDF; a draft is marked DRAFT across every page."""
    language = base.language_of(quote.language)
    font = base.register_font()
    width, height = PAGE
    inner = width - 2 * MARGIN

    def L(key: str, **params) -> str:  # noqa: N802 - reads like a label
        return label(language, key, **params)

    def money(amount: Decimal) -> str:
        return base.money(amount, head, language)

    draft = quote.status == "draft"

    def later_page(c: Canvas, _doc) -> None:
        if draft:
            base.stamp(c, PAGE, L("quote.state.draft"), DRAFT_GREY)

    def first_page(c: Canvas, doc) -> None:
        later_page(c, doc)
        c.saveState()
        bottom = base.draw_letterhead(c, head, language)
        y = base.title_block(c, L("quote.title"), (
            (L("quote.number"), quote.number), (L("quote.date"), base.day(quote.quote_date)),
            (L("quote.valid_until"), base.day(quote.valid_until))))
        stamp = {"expired": L("quote.state.expired"), "rejected": L("quote.state.rejected"),
                 "draft": L("quote.draft")}.get(quote.state)
        if stamp:
            c.setFillColor(colors.HexColor("#b3261e"))
            c.setFont(font, 11)
            c.drawRightString(width - MARGIN, y - 4, stamp)
            y -= 12
        base.head_rule(c, min(bottom, y) - 6)
        c.restoreState()

    Text = base.Text  # noqa: N806 - a flowable class
    white = colors.white

    story: list = []
    # Who the quote is for.
    party = [[Text(L("quote.to"), 8.5, color=MUTED)], [Text(quote.party, 13, leading=17)]]
    details = [x for x in (
        f"{L('quote.code')} {quote.customer_code}" if quote.customer_code else "",
        quote.address, f"{label(language, 'phone')} {quote.phone}" if quote.phone else "") if x]
    for text in details:
        party.append([Text(text, 9.5)])
    to = Table(party, colWidths=[inner * 0.6], hAlign="LEFT")
    to.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 1),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story += [to, Spacer(1, 7 * mm)]

    # The lines.
    widths = [11 * mm, None, 15 * mm, 19 * mm, 27 * mm, 29 * mm]
    widths[1] = inner - sum(w for w in widths if w)
    rows: list[list] = [[Text(L(key), 8.5, color=white, align=align) for key, align in (
        ("quote.no", "left"), ("quote.product", "left"), ("quote.quantity", "right"),
        ("quote.unit", "left"), ("quote.unit_price", "right"), ("quote.amount", "right"))]]
    for x in quote.lines:
        rows.append([str(x.line_no),
                     [Text(x.name(language), 9.5), Text(x.sku, 7.5, color=MUTED)],
                     base.quantity(x.quantity), base.unit_name(language, x.unit, x.quantity),
                     money(x.unit_price), money(x.amount)])
    lines = Table(rows, colWidths=widths, repeatRows=1)
    lines.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("FONT", (0, 1), (-1, -1), base.FONT, 9.5, 12), ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"), ("ALIGN", (4, 1), (5, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        *[("BACKGROUND", (0, n), (-1, n), SHADE) for n in range(2, len(rows), 2)],
    ]))
    story += [lines, Spacer(1, 4 * mm)]

    # The totals, under the amounts.
    rates = sorted({x.tax_rate for x in quote.lines})
    tax_caption = L("quote.tax") + (f" {(rates[0] * 100).normalize():f}%" if len(rates) == 1
                                    else "")
    totals = Table([[L("quote.subtotal"), money(quote.subtotal)],
                    [tax_caption, money(quote.tax)],
                    [L("quote.total"), money(quote.total)]],
                   colWidths=[42 * mm, 34 * mm], hAlign="RIGHT")
    totals.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), base.FONT, 9.5, 12),
        ("FONT", (0, 2), (-1, 2), base.FONT, 11, 14),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK), ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("LINEABOVE", (0, 2), (-1, 2), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (1, 0), (1, -1), 6),
    ]))
    story += [totals, Spacer(1, 8 * mm)]

    # Notes, the validity, and where the customer signs.
    closing = []
    if quote.notes:
        closing += [Text(L("quote.notes"), 8.5, color=MUTED), Text(quote.notes, 9.5),
                    Spacer(1, 4 * mm)]
    closing.append(Text(L("quote.validity", day=base.day(quote.valid_until)), 9.5))
    closing.append(Spacer(1, 14 * mm))
    maker = issued_by or quote.created_by
    closing.append(base.signature_lines(f"{L('quote.issued_by')}  {maker}",
                                        L("quote.accepted_by"), inner))
    story.append(KeepTogether(closing))

    buffer = io.BytesIO()
    doc = base.Document(buffer, title=f"{L('quote.title')} {quote.number}", author=head.name,
                        top=38 * mm, footer_text=f"{head.name}  ·  {quote.number}",
                        language=language, first_page=first_page, later_page=later_page)
    doc.render(story)
    return buffer.getvalue()
