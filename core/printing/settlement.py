"""The day's settlement sheet: every route's cash-up of a day on A4, for the office's file.

First the day at a glance: each route (plate, driver, what its driver should hand in,
what was counted, the variance, its state) with the day's totals, and the cash book of
the day (the opening, each entry, the closing, and whether a manager closed it).  Then a
block per route: what the driver should hand in (the cash received for cash sales, the
payments taken at stops, the cylinder deposits taken less those paid back, less the
refunds paid at the door), what was counted (cash, by
denomination when counted so, and each cheque: number, bank, date, amount), the variance
and its reason, who settled and who approved it, and lines for the driver and the clerk
to sign.  A route not settled yet prints with its expected figures and empty lines, so
the sheet can be counted against by hand.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer, TableStyle
from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.models import Settlement, User
from core.printing import base
from core.printing.base import ACCENT, INK, LABELS, MARGIN, MUTED, PAGE, RULE, SHADE, Table, label
from core.services import cashup
from core.services.cashup import CashBookView, RouteCash

LABELS["zh_TW"].update({
    "set.title": "每日收款結算表",
    "set.day": "結算日期",
    "set.routes": "路線數",
    "set.settled": "已結算",
    "set.printed": "列印日期",
    "set.weekday": "星期一 星期二 星期三 星期四 星期五 星期六 星期日",
    "set.overview": "本日各路線",
    "set.plate": "車輛",
    "set.driver": "司機",
    "set.stops": "站數",
    "set.expected": "應繳",
    "set.counted": "實點",
    "set.variance": "差額",
    "set.status": "狀態",
    "set.total": "本日合計",
    "set.status.settled": "已結算",
    "set.status.reopened": "已重開，待重新點收",
    "set.status.open": "未結算",
    "set.no_routes": "本日沒有已確認的路線。",
    "set.no_driver": "（未指派）",
    "set.book": "現金簿",
    "set.book_kind": "項目",
    "set.book_reference": "摘要",
    "set.book_by": "經手",
    "set.amount": "金額",
    "set.opening": "期初結存",
    "set.closing": "本日結存",
    "set.book_closed": "{user} 於 {at} 關帳（關帳時結存 {closing}）",
    "set.book_open": "本日現金簿尚未關帳。",
    "set.kind.float": "零用金",
    "set.kind.deposit": "存入銀行",
    "set.kind.correction": "更正",
    "set.kind.settlement": "路線繳款",
    "set.kind.driver": "司機繳／領款",
    "set.hand_in": "應繳金額",
    "set.sales": "現金銷貨（{n} 筆）",
    "set.collected": "站點收款（{n} 筆）",
    "set.refunds": "現場退款（{n} 筆）",
    "set.deposits": "鋼瓶押金收退（{n} 筆）",
    "set.expected_total": "應繳合計",
    "set.count": "實點金額",
    "set.cash": "現金",
    "set.cheques": "支票（{n} 張）",
    "set.counted_total": "實點合計",
    "set.variance_long": "差額（實點－應繳）",
    "set.short": "短少，記入司機帳",
    "set.over": "溢收，記入司機帳",
    "set.not_counted": "尚未點收",
    "set.notes": "點鈔明細",
    "set.face": "面額",
    "set.pieces": "數量",
    "set.cheque_no": "支票號碼",
    "set.bank": "付款銀行",
    "set.cheque_date": "票載日期",
    "set.reason": "差額原因：{reason}",
    "set.settled_by": "結算：{user}　{at}",
    "set.settled_approved": "結算：{user}　{at}　核准：{approver}",
    "set.reopened_by": "{user} 於 {at} 重開：{reason}",
    "set.unconfirmed": "尚有 {n} 站未確認送貨，確認後才能結算。",
    "set.driver_signs": "司機簽名（{driver}）",
    "set.clerk_signs": "點收人簽名",
    "set.signed_on": "日期",
})
LABELS["en"].update({
    "set.title": "DAILY CASH SETTLEMENT",
    "set.day": "Day",
    "set.routes": "Routes",
    "set.settled": "Settled",
    "set.printed": "Printed",
    "set.weekday": "Mon Tue Wed Thu Fri Sat Sun",
    "set.overview": "The day's routes",
    "set.plate": "Vehicle",
    "set.driver": "Driver",
    "set.stops": "Stops",
    "set.expected": "Expected",
    "set.counted": "Counted",
    "set.variance": "Variance",
    "set.status": "Status",
    "set.total": "Day's totals",
    "set.status.settled": "Settled",
    "set.status.reopened": "Reopened: count again",
    "set.status.open": "Not settled",
    "set.no_routes": "No route was confirmed for this day.",
    "set.no_driver": "(not assigned)",
    "set.book": "Cash book",
    "set.book_kind": "Entry",
    "set.book_reference": "Details",
    "set.book_by": "By",
    "set.amount": "Amount",
    "set.opening": "Opening balance",
    "set.closing": "Closing balance",
    "set.book_closed": "Closed by {user} on {at} (closing then {closing}).",
    "set.book_open": "The day's cash book is not closed yet.",
    "set.kind.float": "Opening float",
    "set.kind.deposit": "Bank deposit",
    "set.kind.correction": "Correction",
    "set.kind.settlement": "Route cash-up",
    "set.kind.driver": "Driver's payment",
    "set.hand_in": "To hand in",
    "set.sales": "Cash sales ({n})",
    "set.collected": "Collected at stops ({n})",
    "set.refunds": "Refunds at the door ({n})",
    "set.deposits": "Cylinder deposits, net ({n})",
    "set.expected_total": "Expected",
    "set.count": "Counted",
    "set.cash": "Cash",
    "set.cheques": "Cheques ({n})",
    "set.counted_total": "Counted",
    "set.variance_long": "Variance (counted − expected)",
    "set.short": "short, on the driver's account",
    "set.over": "over, on the driver's account",
    "set.not_counted": "Not counted yet",
    "set.notes": "Notes and coins",
    "set.face": "Value",
    "set.pieces": "Count",
    "set.cheque_no": "Cheque no.",
    "set.bank": "Bank",
    "set.cheque_date": "Dated",
    "set.reason": "Reason for the variance: {reason}",
    "set.settled_by": "Settled by {user}, {at}",
    "set.settled_approved": "Settled by {user}, {at}; approved by {approver}",
    "set.reopened_by": "Reopened by {user} on {at}: {reason}",
    "set.unconfirmed": "Stops not confirmed yet: {n} (the route is settled once they are).",
    "set.driver_signs": "Driver's signature ({driver})",
    "set.clerk_signs": "Counted by (office)",
    "set.signed_on": "Date",
})

ZERO = Decimal(0)
SHORT_RED = colors.HexColor("#b3261e")
OVER_GREEN = colors.HexColor("#1e7b34")


@dataclass(frozen=True)
class Reopened:
    by: str
    at: datetime
    reason: str


@dataclass(frozen=True)
class RouteBlock:
    cash: RouteCash
    reopened: Reopened | None  # the latest reopening, when no settlement stands


@dataclass(frozen=True)
class Sheet:
    day: date
    routes: tuple[RouteBlock, ...]
    book: CashBookView
    names: dict[str, str]  # user name -> full name


def settlement_sheet_pdf(engine: Engine, day: date, *, language: str | None = None) -> bytes:
    """The settlement sheet of ``day`` (``language`` None: zh-TW), read in one
    transaction."""
    with unit_of_work(engine, write=False) as s:
        sheet = sheet_in(s, day)
        head = base.letterhead(s)
    return build(sheet, head, language=language or "zh_TW")


def sheet_in(s, day: date) -> Sheet:
    routes = cashup.routes_of_day_in(s, day)
    book = cashup.cash_book_in(s, day)
    reopened: dict[int, Reopened] = {}
    waiting = [r.route_id for r in routes if r.settlement is None]
    if waiting:
        for x in s.scalars(select(Settlement).where(Settlement.route_id.in_(waiting),
                                                    Settlement.status == "reopened")
                           .order_by(Settlement.id)):
            reopened[x.route_id] = Reopened(x.reopened_by or "", x.reopened_at, x.reopen_reason)
    users = {u for r in routes if r.settlement for u in (r.settlement.settled_by,
                                                          r.settlement.approved_by) if u}
    users |= {x.by for x in reopened.values()} | {book.closed_by} - {None}
    names = dict(s.execute(select(User.username, User.full_name)
                           .where(User.username.in_(users))).all()) if users else {}
    return Sheet(day, tuple(RouteBlock(r, reopened.get(r.route_id)) for r in routes), book,
                 {k: v for k, v in names.items() if v})


def _when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else ""


def build(sheet: Sheet, head: base.Letterhead, *, language: str = "zh_TW",
          printed: date | None = None) -> bytes:
    language = base.language_of(language)
    font = base.register_font()
    width, height = PAGE
    inner = width - 2 * MARGIN
    printed = printed or date.today()
    Text = base.Text  # noqa: N806 - a flowable class
    white = colors.white

    def L(key: str, **params) -> str:
        return label(language, key, **params)

    def money(amount: Decimal) -> str:
        return base.money(amount, head, language)

    def signed(amount: Decimal) -> str:
        return f"+{money(amount)}" if amount > 0 else money(amount)

    def person(user: str | None) -> str:
        return sheet.names.get(user or "", user or "")

    def status(block: RouteBlock) -> str:
        if block.cash.settlement is not None:
            return L("set.status.settled")
        return L("set.status.reopened") if block.reopened else L("set.status.open")

    settled = [b.cash.settlement for b in sheet.routes if b.cash.settlement is not None]

    def first_page(c: Canvas, _doc) -> None:
        c.saveState()
        bottom = base.draw_letterhead(c, head, language)
        top = height - MARGIN
        c.setFillColor(ACCENT)
        c.setFont(font, 18 if language == "en" else 20)
        c.drawRightString(width - MARGIN, top - 16, L("set.title"))
        weekday = L("set.weekday").split()[sheet.day.weekday()]
        rows = ((L("set.day"), f"{base.day(sheet.day)}  {weekday}", 11),
                (L("set.settled"), f"{len(settled)} / {len(sheet.routes)}", 9),
                (L("set.printed"), base.day(printed), 8.5))
        y = top - 33
        for caption, value, size in rows:
            c.setFont(font, 8.5)
            c.setFillColor(MUTED)
            c.drawRightString(width - MARGIN - 40 * mm, y, caption)
            c.setFillColor(INK)
            c.setFont(font, size)
            c.drawRightString(width - MARGIN, y, value)
            y -= 14 if size > 10 else 12
        line_y = min(bottom, y + 4) - 4
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2)
        c.line(MARGIN, line_y, width - MARGIN, line_y)
        c.restoreState()

    def heading(text: str) -> Text:
        return Text(text, 11, color=ACCENT, leading=15)

    story: list = [heading(L("set.overview")), Spacer(1, 1.5 * mm)]

    # --- the day at a glance ---------------------------------------------------------
    if sheet.routes:
        widths = [26 * mm, None, 13 * mm, 27 * mm, 27 * mm, 25 * mm, 31 * mm]
        widths[1] = inner - sum(w for w in widths if w)
        rows: list[list] = [[L("set.plate"), L("set.driver"), L("set.stops"), L("set.expected"),
                             L("set.counted"), L("set.variance"), L("set.status")]]
        colours = []
        for n, b in enumerate(sheet.routes, start=1):
            r, x = b.cash, b.cash.settlement
            rows.append([r.plate, (x.driver_name if x else r.driver_name) or L("set.no_driver"),
                         str(r.stops), money(x.expected if x else r.expected),
                         money(x.counted) if x else "—",
                         signed(x.variance) if x else "—", status(b)])
            if x is not None and x.variance:
                colours.append(("TEXTCOLOR", (5, n), (5, n),
                                SHORT_RED if x.variance < 0 else OVER_GREEN))
            if x is None:
                colours.append(("TEXTCOLOR", (6, n), (6, n), SHORT_RED))
        expected = sum(((b.cash.settlement.expected if b.cash.settlement else b.cash.expected)
                        for b in sheet.routes), ZERO)
        counted = sum((x.counted for x in settled), ZERO)
        variance = sum((x.variance for x in settled), ZERO)
        rows.append([L("set.total"), "", str(sum(b.cash.stops for b in sheet.routes)),
                     money(expected), money(counted), signed(variance),
                     f"{L('set.settled')} {len(settled)} / {len(sheet.routes)}"])
        overview = Table(rows, colWidths=widths, repeatRows=1)
        overview.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 9),
            ("FONT", (0, 0), (-1, 0), font, 8),
            ("FONT", (0, -1), (-1, -1), font, 9.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), white),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            *colours,
            ("ALIGN", (2, 0), (5, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LINEBELOW", (0, 1), (-1, -2), 0.4, RULE),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            ("SPAN", (0, -1), (1, -1)),
        ]))
        story.append(overview)
    else:
        story.append(Text(L("set.no_routes"), 9.5))
    story.append(Spacer(1, 6 * mm))

    # --- the cash book ---------------------------------------------------------------
    book = sheet.book
    widths = [44 * mm, None, 26 * mm, 30 * mm]
    widths[1] = inner - sum(w for w in widths if w)
    rows = [[L("set.book_kind"), L("set.book_reference"), L("set.book_by"), L("set.amount")],
            [L("set.opening"), "", "", money(book.opening)]]
    for line in book.lines:
        key = f"set.kind.{line.kind}"
        details = " · ".join(x for x in (line.reference, line.note) if x)
        rows.append([L(key) if key in LABELS[language] else line.kind,
                     Text(details, 8.5) if base.text_width(details, 8.5) > widths[1] - 12
                     else details, person(line.created_by), signed(line.amount)])
    rows.append([L("set.closing"), "", "", money(book.closing)])
    cash_book = Table(rows, colWidths=widths, repeatRows=1)
    cash_book.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("FONT", (0, 0), (-1, 0), font, 8),
        ("FONT", (0, -1), (-1, -1), font, 9.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -2), 0.4, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
    ]))
    closed = L("set.book_closed", user=person(book.closed_by), at=_when(book.closed_at),
               closing=money(book.closing_when_closed or ZERO)) if book.closed_by \
        else L("set.book_open")
    story.append(KeepTogether([heading(L("set.book")), Spacer(1, 1.5 * mm), cash_book,
                               Spacer(1, 1.5 * mm), Text(closed, 8, color=MUTED)]))

    # --- a block per route -----------------------------------------------------------
    column = inner / 3
    for b in sheet.routes:
        story += [Spacer(1, 7 * mm), KeepTogether(_route_block(b, L, money, signed, person,
                                                               status(b), inner, column))]

    buffer = io.BytesIO()
    doc = base.Document(buffer, title=f"{L('set.title')} {base.day(sheet.day)}",
                        author=head.name, top=36 * mm,
                        footer_text="  ·  ".join((head.name, L("set.title"),
                                                  base.day(sheet.day))),
                        language=language, first_page=first_page)
    doc.render(story)
    return buffer.getvalue()


def _figures(rows: list[tuple[str, str]], width: float, *, total_rows: int = 1,
             color_last=None) -> Table:
    """Captions and amounts, the last ``total_rows`` below a rule."""
    font = base.FONT
    table = Table([list(r) for r in rows], colWidths=[width - 27 * mm, 27 * mm])
    first_total = len(rows) - total_rows
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("FONT", (0, first_total), (-1, first_total), font, 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        *([("TEXTCOLOR", (1, -1), (1, -1), color_last)] if color_last is not None else []),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEABOVE", (0, first_total), (-1, first_total), 0.6, INK),
    ]))
    return table


def _route_block(b: RouteBlock, L, money, signed, person, status: str, inner: float,
                 column: float) -> list:
    Text = base.Text  # noqa: N806 - a flowable class
    font = base.FONT
    r, x = b.cash, b.cash.settlement
    white = colors.white
    driver = (x.driver_name if x else r.driver_name) or L("set.no_driver")

    bar = Table([[f"{r.plate}   {driver}   {L('set.stops')} {r.stops}", status]],
                colWidths=[inner - 50 * mm, 50 * mm])
    bar.setStyle(TableStyle([
        ("FONT", (0, 0), (0, 0), font, 11.5), ("FONT", (1, 0), (1, 0), font, 9.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), white),
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT if x is not None else MUTED),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
    out: list = [bar, Spacer(1, 2.5 * mm)]

    n = {kind: sum(1 for i in r.items if i.kind == kind) for kind in ("sale", "payment",
                                                                      "refund", "deposit")}
    expected = x.expected if x is not None else r.expected
    inner_w = column - 8 * mm
    hand_in = [Text(L("set.hand_in"), 8, color=MUTED, leading=11), _figures([
        (L("set.sales", n=n["sale"]), money(r.sales)),
        (L("set.collected", n=n["payment"]), money(r.collected)),
        (L("set.refunds", n=n["refund"]), money(-r.refunds) if r.refunds else money(ZERO)),
        *([(L("set.deposits", n=n["deposit"]), signed(r.deposits))] if n["deposit"] else []),
        (L("set.expected_total"), money(expected))], inner_w)]
    if x is not None:
        cheques = len(x.cheque_list)
        colour = SHORT_RED if x.variance < 0 else OVER_GREEN if x.variance > 0 else None
        count = [Text(L("set.count"), 8, color=MUTED, leading=11), _figures([
            (L("set.cash"), money(x.cash)),
            (L("set.cheques", n=cheques), money(x.cheques)),
            (L("set.counted_total"), money(x.counted)),
            (L("set.variance"), signed(x.variance))], inner_w, total_rows=2,
            color_last=colour)]
        if x.variance:
            count.append(Text(L("set.short") if x.variance < 0 else L("set.over"), 7.5,
                              color=colour, align="right"))
    else:
        blank = "________"
        count = [Text(L("set.count"), 8, color=MUTED, leading=11), _figures([
            (L("set.cash"), blank), (L("set.cheques", n="  "), blank),
            (L("set.counted_total"), blank), (L("set.variance"), blank)], inner_w,
            total_rows=2), Text(L("set.not_counted"), 7.5, color=MUTED, align="right")]
    notes: list = []
    if x is not None and x.notes:
        rows = [[L("set.face"), L("set.pieces"), L("set.amount")]] + [
            [money(value), str(pieces), money(value * pieces)] for value, pieces in x.notes]
        table = Table(rows, colWidths=[inner_w * 0.36, inner_w * 0.22, inner_w * 0.42])
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 8.5), ("FONT", (0, 0), (-1, 0), font, 7.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED), ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE)]))
        notes = [Text(L("set.notes"), 8, color=MUTED, leading=11), table]
    body = Table([[hand_in, count, notes]], colWidths=[column, column, column])
    body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
                              ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    out.append(body)

    if x is not None and x.cheque_list:
        rows = [[L("set.cheque_no"), L("set.bank"), L("set.cheque_date"), L("set.amount")]] + [
            [c.number, c.bank, base.day(c.cheque_date) if c.cheque_date else "",
             money(Decimal(c.amount))] for c in x.cheque_list]
        widths = [40 * mm, None, 28 * mm, 30 * mm]
        widths[1] = inner - sum(w for w in widths if w)
        table = Table(rows, colWidths=widths)
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 8.5), ("FONT", (0, 0), (-1, 0), font, 7.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED), ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("ALIGN", (3, 0), (3, -1), "RIGHT"),
            ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE)]))
        out += [Spacer(1, 3 * mm), table]

    said: list = []
    if x is not None:
        if x.reason:
            said.append(Text(L("set.reason", reason=x.reason), 8.5))
        who = L("set.settled_approved", user=person(x.settled_by), at=_when(x.settled_at),
                approver=person(x.approved_by)) if x.approved_by \
            else L("set.settled_by", user=person(x.settled_by), at=_when(x.settled_at))
        said.append(Text(who, 8, color=MUTED))
    elif b.reopened is not None:
        said.append(Text(L("set.reopened_by", user=person(b.reopened.by),
                           at=_when(b.reopened.at), reason=b.reopened.reason), 8.5))
    if r.unconfirmed:
        said.append(Text(L("set.unconfirmed", n=r.unconfirmed), 8.5, color=SHORT_RED))
    if said:
        out += [Spacer(1, 2.5 * mm), *said]

    gap = 14 * mm  # between the two lines to sign on
    half = (inner - gap) / 2
    signatures = Table([["", "", ""],
                        [L("set.driver_signs", driver=driver), "", L("set.clerk_signs")]],
                       colWidths=[half, gap, half], rowHeights=[12 * mm, None])
    signatures.setStyle(TableStyle([
        ("FONT", (0, 1), (-1, 1), font, 7.5), ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
        *[("LINEBELOW", (k, 0), (k, 0), 0.6, INK) for k in (0, 2)],
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    out += [Spacer(1, 1 * mm), signatures]
    return out
