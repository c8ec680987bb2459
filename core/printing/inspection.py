"""The safety inspection record (安全檢查紀錄) for the customer to sign, in the customer's
language: the company, the customer and the address, the day, the inspector, each item
checked with OK or not, the remarks, the result, the next inspection and a signature line."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, TableStyle
from sqlalchemy import Engine

from core.db import unit_of_work
from core.errors import NotFound
from core.models import Inspection
from core.printing import base
from core.printing.base import (ACCENT, INK, LABELS, MARGIN, MUTED, PAGE, RULE, SHADE,
                                Letterhead, Table, label)
from core.services import inspections
from core.services.inspections import InspectionView

LABELS["zh_TW"].update({
    "inspection.title": "瓦斯安全檢查紀錄",
    "inspection.heading": "安全檢查紀錄",
    "inspection.visit": "服務單號",
    "inspection.day": "檢查日期",
    "inspection.customer": "客戶",
    "inspection.code": "客戶編號",
    "inspection.address": "地址",
    "inspection.inspector": "檢查人員",
    "inspection.no": "項次",
    "inspection.item": "檢查項目",
    "inspection.state": "結果",
    "inspection.ok": "合格",
    "inspection.not_ok": "不合格",
    "inspection.remarks": "備註",
    "inspection.result": "檢查結果",
    "inspection.pass": "合格",
    "inspection.fail": "不合格",
    "inspection.stopped": "檢查不合格：改善並經複檢確認前，暫停供應瓦斯。",
    "inspection.next": "下次檢查日期",
    "inspection.customer_sign": "客戶簽名（簽名／日期）",
    "inspection.inspector_sign": "檢查人員簽名",
    "item.hose": "瓦斯管（無龜裂、未老化、兩端束環固定）",
    "item.regulator": "調整器",
    "item.leak_test": "接頭漏氣檢測",
    "item.valve": "開關及遮斷閥",
    "item.placement": "鋼瓶放置（直立、通風、遠離火源）",
    "item.ventilation": "室內通風",
    "item.water_heater": "熱水器（屋外或有排氣管）",
    "item.co_alarm": "一氧化碳警報器",
})
LABELS["en"].update({
    "inspection.title": "GAS SAFETY INSPECTION",
    "inspection.heading": "Inspection record",
    "inspection.visit": "Visit no.",
    "inspection.day": "Date",
    "inspection.customer": "Customer",
    "inspection.code": "Customer no.",
    "inspection.address": "Address",
    "inspection.inspector": "Inspector",
    "inspection.no": "No.",
    "inspection.item": "Item checked",
    "inspection.state": "Result",
    "inspection.ok": "OK",
    "inspection.not_ok": "NOT OK",
    "inspection.remarks": "Remarks",
    "inspection.result": "Result",
    "inspection.pass": "PASS",
    "inspection.fail": "FAIL",
    "inspection.stopped": "Failed: gas deliveries are stopped until the installation is put "
                          "right and checked again.",
    "inspection.next": "Next inspection",
    "inspection.customer_sign": "Customer's signature / date",
    "inspection.inspector_sign": "Inspector's signature",
    "item.hose": "Hose: no cracks, not aged, clamped at both ends",
    "item.regulator": "Regulator",
    "item.leak_test": "Leak test at the joints",
    "item.valve": "Shut-off valve",
    "item.placement": "Cylinder placement: upright, ventilated, away from heat",
    "item.ventilation": "Ventilation of the room",
    "item.water_heater": "Water heater: outdoors or flued",
    "item.co_alarm": "CO alarm works",
})
FAIL_RED = colors.HexColor("#b3261e")
PASS_GREEN = colors.HexColor("#1e7b34")


def inspection_pdf(engine: Engine, inspection_id: int) -> bytes:
    """The inspection's record as a PDF, read in one transaction."""
    with unit_of_work(engine, write=False) as s:
        i = s.get(Inspection, inspection_id)
        if i is None:
            raise NotFound()
        view = inspections.view_in(s, i)
        head = base.letterhead(s)
    return build(view, head)


def _item(language: str, key: str) -> str:
    return LABELS[base.language_of(language)].get(f"item.{key}", key)


def build(record: InspectionView, head: Letterhead) -> bytes:
    language = base.language_of(record.language)
    width, height = PAGE
    inner = width - 2 * MARGIN

    def L(key: str, **params) -> str:  # noqa: N802 - reads like a label
        return label(language, key, **params)

    def first_page(c: Canvas, _doc) -> None:
        c.saveState()
        bottom = base.draw_letterhead(c, head, language)
        y = base.title_block(c, L("inspection.title"), (
            (L("inspection.visit"), record.order_number),
            (L("inspection.day"), base.day(record.day))), size=18)
        base.head_rule(c, min(bottom, y) - 6)
        c.restoreState()

    Text = base.Text  # noqa: N806 - a flowable class
    white = colors.white
    story: list = []

    # Who and where.
    party = [[Text(L("inspection.customer"), 8.5, color=MUTED)],
             [Text(record.customer_name, 13, leading=17)]]
    for text in (f"{L('inspection.code')} {record.customer_code}",
                 f"{L('inspection.address')} {record.address}" if record.address else "",
                 f"{label(language, 'phone')} {record.phone}" if record.phone else "",
                 f"{L('inspection.inspector')} {record.inspector}"):
        if text:
            party.append([Text(text, 9.5)])
    to = Table(party, colWidths=[inner * 0.8], hAlign="LEFT")
    to.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 1),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story += [to, Spacer(1, 6 * mm)]

    # The items.
    widths = [12 * mm, None, 28 * mm]
    widths[1] = inner - sum(w for w in widths if w)
    rows: list[list] = [[Text(L(key), 8.5, color=white, align=align) for key, align in (
        ("inspection.no", "left"), ("inspection.item", "left"), ("inspection.state", "left"))]]
    for n, (key, ok) in enumerate(record.items, start=1):
        rows.append([str(n), Text(_item(language, key), 9.5),
                     Text(L("inspection.ok") if ok else L("inspection.not_ok"), 9.5,
                          color=INK if ok else FAIL_RED)])
    items = Table(rows, colWidths=widths, repeatRows=1)
    items.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("FONT", (0, 1), (-1, -1), base.FONT, 9.5, 12), ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        *[("BACKGROUND", (0, n), (-1, n), SHADE) for n in range(2, len(rows), 2)],
    ]))
    story += [items, Spacer(1, 5 * mm)]

    # Remarks, the result and the next date.
    if record.remarks:
        story += [Text(L("inspection.remarks"), 8.5, color=MUTED), Text(record.remarks, 9.5),
                  Spacer(1, 4 * mm)]
    failed = record.result == "fail"
    result = Table([[L("inspection.result"),
                     Text(L("inspection.fail") if failed else L("inspection.pass"), 13,
                          color=FAIL_RED if failed else PASS_GREEN)],
                    [L("inspection.next"),
                     base.day(record.next_date) if record.next_date else "—"]],
                   colWidths=[40 * mm, inner - 40 * mm], hAlign="LEFT")
    result.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), base.FONT, 10, 14),
                                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK)]))
    closing: list = [result]
    if failed:
        closing += [Spacer(1, 2 * mm), Text(L("inspection.stopped"), 9.5, color=FAIL_RED)]
    closing.append(Spacer(1, 16 * mm))
    closing.append(base.signature_lines(L("inspection.inspector_sign"),
                                        L("inspection.customer_sign"), inner))
    story.append(KeepTogether(closing))

    buffer = io.BytesIO()
    name = record.order_number or f"#{record.id}"
    doc = base.Document(buffer, title=f"{L('inspection.title')} {name}", author=head.name,
                        top=34 * mm, footer_text=f"{head.name}  ·  {L('inspection.heading')} "
                        f"{record.customer_code} {base.day(record.day)}",
                        language=language, first_page=first_page)
    doc.render(story)
    return buffer.getvalue()
