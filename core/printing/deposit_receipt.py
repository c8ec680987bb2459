"""The deposit receipt (押瓶單) as a PDF, in the customer's language: the cylinders a
delivery took on deposit or brought back, per size (count × deposit), the total charged
or refunded, paid in cash at the door or on account, and where the customer signs.  A
deposit is not a sale: no tax, no uniform invoice."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, TableStyle
from sqlalchemy import Engine

from core.db import unit_of_work
from core.printing import base
from core.printing.base import (ACCENT, INK, LABELS, MARGIN, MUTED, PAGE, RULE, SHADE,
                                Letterhead, Table, label)
from core.services import deposits
from core.services.deposits import Receipt

LABELS["zh_TW"].update({
    "dep.title": "押瓶單",
    "dep.number": "單號",
    "dep.date": "日期",
    "dep.order": "訂單",
    "dep.to": "客戶",
    "dep.code": "客戶編號",
    "dep.no": "項次",
    "dep.size": "鋼瓶規格",
    "dep.count": "數量（桶）",
    "dep.unit": "每桶押金",
    "dep.amount": "金額",
    "dep.total.charged": "收取押金合計",
    "dep.total.refunded": "退還押金合計",
    "dep.charged": "收取押金",
    "dep.refunded": "退還押金",
    "dep.paid.cash": "現場現金{what}",
    "dep.paid.account": "記入客戶帳戶",
    "dep.reverses": "撤銷送貨，沖回押瓶單 {number}",
    "dep.note": "押金於鋼瓶歸還時依本單退還。押金非銷貨，不課營業稅，不開立統一發票。",
    "dep.customer_sign": "客戶簽收（簽名／日期）",
    "dep.issued_by": "經手人",
})
LABELS["en"].update({
    "dep.title": "CYLINDER DEPOSIT RECEIPT",
    "dep.number": "Receipt no.",
    "dep.date": "Date",
    "dep.order": "Order",
    "dep.to": "Customer",
    "dep.code": "Customer no.",
    "dep.no": "No.",
    "dep.size": "Cylinder size",
    "dep.count": "Cylinders",
    "dep.unit": "Deposit each",
    "dep.amount": "Amount",
    "dep.total.charged": "Deposits charged",
    "dep.total.refunded": "Deposits refunded",
    "dep.charged": "Deposit charged",
    "dep.refunded": "Deposit refunded",
    "dep.paid.cash": "{what} in cash at the door",
    "dep.paid.account": "On the customer's account",
    "dep.reverses": "Delivery undone: reverses deposit receipt {number}",
    "dep.note": "Deposits are refunded against this receipt when the cylinders come back. A "
                "deposit is not a sale: no tax, no uniform invoice.",
    "dep.customer_sign": "Received by the customer (signature / date)",
    "dep.issued_by": "Issued by",
})


def deposit_receipt_pdf(engine: Engine, receipt_id: int, language: str | None = None) -> bytes:
    """The receipt's PDF (``language`` None: the customer's), read in one transaction."""
    with unit_of_work(engine, write=False) as s:
        receipt = deposits.receipt_in(s, receipt_id)
        head = base.letterhead(s)
    return build(receipt, head, language=language)


def build(r: Receipt, head: Letterhead, *, language: str | None = None) -> bytes:
    language = base.language_of(language or r.language)
    width, height = PAGE
    inner = width - 2 * MARGIN
    refund = r.amount < 0

    def L(key: str, **params) -> str:  # noqa: N802 - reads like a label
        return label(language, key, **params)

    def money(amount: Decimal) -> str:
        return base.money(amount, head, language)

    def first_page(c: Canvas, _doc) -> None:
        c.saveState()
        bottom = base.draw_letterhead(c, head, language)
        rows = [(L("dep.number"), r.number), (L("dep.date"), base.day(r.business_date)),
                (L("dep.order"), r.order_number)]
        y = base.title_block(c, L("dep.title"), rows, size=20 if language == "zh_TW" else 16,
                             caption_gap=36 * mm)
        base.head_rule(c, min(bottom, y) - 6)
        c.restoreState()

    Text = base.Text  # noqa: N806 - a flowable class
    white = colors.white
    story: list = []
    party = [[Text(L("dep.to"), 8.5, color=MUTED)], [Text(r.customer_name, 13, leading=17)],
             [Text(f"{L('dep.code')} {r.customer_code}", 9.5)]]
    if r.address:
        party.append([Text(r.address, 9.5)])
    to = Table(party, colWidths=[inner * 0.6], hAlign="LEFT")
    to.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 1),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story += [to, Spacer(1, 7 * mm)]

    widths = [12 * mm, None, 26 * mm, 30 * mm, 32 * mm]
    widths[1] = inner - sum(w for w in widths if w)
    rows: list[list] = [[Text(L(key), 8.5, color=white, align=align) for key, align in (
        ("dep.no", "left"), ("dep.size", "left"), ("dep.count", "right"),
        ("dep.unit", "right"), ("dep.amount", "right"))]]
    for n, x in enumerate(r.lines, start=1):
        name = x.name_zh if language == "zh_TW" else (x.name_en or x.name_zh)
        what = L("dep.charged" if x.count > 0 else "dep.refunded")
        rows.append([str(n), [Text(name, 9.5), Text(f"{x.sku} · {what}", 7.5, color=MUTED)],
                     str(abs(x.count)), money(x.unit_deposit),
                     money(-x.amount if refund else x.amount)])  # against the total: −
    lines = Table(rows, colWidths=widths, repeatRows=1)
    lines.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("FONT", (0, 1), (-1, -1), base.FONT, 9.5, 12), ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        *[("BACKGROUND", (0, n), (-1, n), SHADE) for n in range(2, len(rows), 2)],
    ]))
    story += [lines, Spacer(1, 4 * mm)]

    total_key = "dep.total.refunded" if refund else "dep.total.charged"
    how = L("dep.paid.account") if r.paid_by == "account" else L(
        "dep.paid.cash", what=L("dep.refunded" if refund else "dep.charged"))
    totals = Table([[L(total_key), money(abs(r.amount))], [how, ""]],
                   colWidths=[62 * mm, 34 * mm], hAlign="RIGHT")
    totals.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), base.FONT, 11, 14), ("FONT", (0, 1), (-1, 1), base.FONT, 9),
        ("TEXTCOLOR", (0, 0), (-1, 0), INK), ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"), ("SPAN", (0, 1), (1, 1)),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (1, 0), (1, -1), 6),
    ]))
    story += [totals, Spacer(1, 6 * mm)]

    closing: list = []
    if r.reverses:
        closing += [Text(L("dep.reverses", number=r.reverses), 9.5), Spacer(1, 2 * mm)]
    closing += [Text(L("dep.note"), 8.5, color=MUTED), Spacer(1, 16 * mm)]
    closing.append(base.signature_lines(f"{L('dep.issued_by')}  {r.created_by}",
                                        L("dep.customer_sign"), inner))
    story.append(KeepTogether(closing))

    buffer = io.BytesIO()
    doc = base.Document(buffer, title=f"{L('dep.title')} {r.number}", author=head.name,
                        top=38 * mm, footer_text=f"{head.name}  ·  {r.number}",
                        language=language, first_page=first_page)
    doc.render(story)
    return buffer.getvalue()
