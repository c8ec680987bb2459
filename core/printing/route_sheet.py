"""Route sheets: what a driver takes along, one section per route (a new page each).

Each route starts on a page of its own with the company's letterhead and the route's
day, vehicle and driver, then its stops in driving order: arrival time, customer code
and name, address, phone, delivery hours, what to deliver, the empties to take back
(the customer exchanges one empty for each full cylinder), the cash to collect (cash
orders; "on account" otherwise), the order's notes, and a box for the customer's
signature.  The route's totals (stops, cylinders, cash, distance) and what to load
follow, with lines for the driver and the office.  "Page N of M" counts the route's
own pages, so each driver's sheets are complete on their own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    TableStyle,
)
from sqlalchemy import Engine

from core.db import unit_of_work
from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP
from core.printing import base
from core.printing.base import (
    ACCENT,
    INK,
    LABELS,
    MARGIN,
    MUTED,
    PAGE,
    RULE,
    SHADE,
    Table,
    label,
)
from core.queries.deliveries import StopLine, stop_lines_in
from core.services import dispatch, settings
from core.services.customers import hhmm
from core.services.dispatch import RouteView, StopView

LABELS["zh_TW"].update({
    "route.title": "配送路線單",
    "route.day": "配送日期",
    "route.vehicle": "車輛",
    "route.driver": "司機",
    "route.no_driver": "（未指派）",
    "route.stops": "站數",
    "route.departure": "出車時間",
    "route.no": "站",
    "route.arrival": "預計到達",
    "route.customer": "客戶／地址／電話",
    "route.products": "品項與數量",
    "route.empties": "收空桶",
    "route.cash": "應收現金",
    "route.on_account": "月結",
    "route.signature": "客戶簽收",
    "route.hours": "收貨時間 {hours}",
    "route.notes": "備註：{notes}",
    "route.totals": "本路線合計",
    "route.total_stops": "站數",
    "route.total_cylinders": "瓦斯桶（送出／應收空桶）",
    "route.total_cash": "應收現金合計",
    "route.distance": "里程",
    "route.duration": "預計行駛與停留",
    "route.km": "{km} 公里",
    "route.minutes": "{hours} 小時 {minutes} 分",
    "route.load": "裝車",
    "route.driver_signs": "司機簽名",
    "route.back_at": "回廠時間",
    "route.cash_checked": "現金點收（會計）",
    "route.weekday": "星期一 星期二 星期三 星期四 星期五 星期六 星期日",
})
LABELS["en"].update({
    "route.title": "ROUTE SHEET",
    "route.day": "Delivery date",
    "route.vehicle": "Vehicle",
    "route.driver": "Driver",
    "route.no_driver": "(not assigned)",
    "route.stops": "Stops",
    "route.departure": "Departure",
    "route.no": "#",
    "route.arrival": "Arrival",
    "route.customer": "Customer / address / phone",
    "route.products": "Products and quantities",
    "route.empties": "Empties",
    "route.cash": "Cash to collect",
    "route.on_account": "On account",
    "route.signature": "Signature",
    "route.hours": "Receives {hours}",
    "route.notes": "Notes: {notes}",
    "route.totals": "Route totals",
    "route.total_stops": "Stops",
    "route.total_cylinders": "Cylinders (full out / empties back)",
    "route.total_cash": "Cash to collect",
    "route.distance": "Distance",
    "route.duration": "Driving and stops",
    "route.km": "{km} km",
    "route.minutes": "{hours} h {minutes} min",
    "route.load": "Load",
    "route.driver_signs": "Driver's signature",
    "route.back_at": "Back at the depot",
    "route.cash_checked": "Cash counted (office)",
    "route.weekday": "Mon Tue Wed Thu Fri Sat Sun",
})

SIGNATURE_HEIGHT = 17 * mm  # room to sign in


def route_sheets_pdf(engine: Engine, *, day: date, route_ids: list[int] | None = None,
                     language: str = "zh_TW") -> bytes:
    """The route sheets of ``day``'s routes (``route_ids``: only those, in that order;
    None: every route of the day), read in one transaction."""
    with unit_of_work(engine, write=False) as s:
        board = dispatch.board_in(s, day)
        routes = list(board.routes)
        if route_ids is not None:
            by_id = {r.id: r for r in routes}
            routes = [by_id[i] for i in route_ids if i in by_id]
        if not routes:
            raise DomainError(QT_TRANSLATE_NOOP("core", "There is no route to print for {day}."),
                              day=day.isoformat())
        lines = stop_lines_in(s, [x.order_id for r in routes for x in r.stops])
        head = base.letterhead(s)
        start = settings.read(s).working_hours[0]
    return build(routes, lines, head, language=language, day_start=start)


def clock(seconds: int | None) -> str:
    """Seconds after midnight as HH:MM ('—' when unknown)."""
    return "—" if seconds is None else hhmm(round(seconds / 60))


@dataclass
class _State:
    route: int = 0  # the route whose pages are being laid out
    starts: list[int] = field(default_factory=list)  # each route's first page


class _NextRoute(Flowable):
    """Takes no room; the pages after it belong to the next route."""

    def __init__(self, state: _State, number: int) -> None:
        super().__init__()
        self.state, self.number = state, number
        self.width = self.height = 0

    def wrap(self, *_args):
        return 0, 0

    def draw(self) -> None:
        self.state.route = self.number


class _RouteSheets(base.Document):
    """The house document, with "page N of M" and the footer counted per route."""

    def __init__(self, buffer, *, routes: list[RouteView], state: _State, head, **kwargs) -> None:
        super().__init__(buffer, **kwargs)
        self._routes, self._state, self._head = routes, state, head

    def footer(self, c: Canvas, page: int, pages: int) -> None:
        starts = self._state.starts
        number = max((k for k, first in enumerate(starts) if first <= page), default=0)
        first = starts[number] if starts else 1
        last = starts[number + 1] - 1 if number + 1 < len(starts) else pages
        route = self._routes[number]
        self._footer_text = "  ·  ".join(x for x in (
            self._head.name, base.day(route.day), route.plate, route.driver_name) if x)
        super().footer(c, page - first + 1, last - first + 1)


def build(routes: list[RouteView], lines: dict[int, tuple[StopLine, ...]], head: base.Letterhead,
          *, language: str = "zh_TW", day_start: int = 8 * 3600) -> bytes:
    language = base.language_of(language)
    font = base.register_font()
    width, height = PAGE
    inner = width - 2 * MARGIN
    state = _State()

    def L(key: str, **params) -> str:
        return label(language, key, **params)

    def money(amount: Decimal) -> str:
        return base.money(amount, head, language)

    def weekday(value: date) -> str:
        return L("route.weekday").split()[value.weekday()]

    def first_page(c: Canvas, doc) -> None:
        state.starts.append(doc.page)
        route = routes[state.route]
        c.saveState()
        bottom = base.draw_letterhead(c, head, language)
        top = height - MARGIN
        c.setFillColor(ACCENT)
        c.setFont(font, 20)
        c.drawRightString(width - MARGIN, top - 16, L("route.title"))
        rows = ((L("route.day"), f"{base.day(route.day)}  {weekday(route.day)}"),
                (L("route.vehicle"), route.plate),
                (L("route.driver"), route.driver_name or L("route.no_driver")),
                (L("route.stops"), str(len(route.stops))),
                (L("route.departure"), clock(day_start)))
        y = top - 33
        for n, (caption, value) in enumerate(rows):
            c.setFont(font, 8.5)
            c.setFillColor(MUTED)
            c.drawRightString(width - MARGIN - 40 * mm, y, caption)
            c.setFillColor(INK)
            c.setFont(font, 11 if n < 3 else 9)
            c.drawRightString(width - MARGIN, y, value)
            y -= 14 if n < 3 else 12
        line_y = min(bottom, y) - 4
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.2)
        c.line(MARGIN, line_y, width - MARGIN, line_y)
        c.restoreState()

    Text = base.Text  # noqa: N806 - a flowable class
    note_color = colors.HexColor("#8a5a00")
    white = colors.white

    widths = [11 * mm, 16 * mm, None, 36 * mm, 15 * mm, 21 * mm, 22 * mm]
    widths[2] = inner - sum(w for w in widths if w)

    story: list = []
    for number, route in enumerate(routes):
        if number:
            story += [_NextRoute(state, number), NextPageTemplate("first"), PageBreak()]
        rows: list[list] = [[Text(L(key), 8, color=white, align=align) for key, align in (
            ("route.no", "centre"), ("route.arrival", "left"), ("route.customer", "left"),
            ("route.products", "left"), ("route.empties", "right"), ("route.cash", "right"),
            ("route.signature", "left"))]]
        cash_total = Decimal(0)
        cylinders = 0
        load: dict[str, list] = {}
        for stop in route.stops:
            stop_lines = lines.get(stop.order_id, ())
            for x in stop_lines:
                entry = load.setdefault(x.sku, [x.name(language), x.unit, Decimal(0)])
                entry[2] += x.quantity
            cylinders += stop.cylinders
            cash = stop.payment == "cash"
            if cash:
                cash_total += stop.total
            rows.append([
                str(stop.position or ""),  # a plain string: a number is never wrapped
                clock(stop.arrival_s),
                _customer_cell(stop, L, note_color),
                [Text(f"{x.name(language)} × {base.quantity_of(language, x.quantity, x.unit)}",
                      9) for x in stop_lines] or [Text(stop.summary, 9)],
                str(stop.cylinders) if stop.cylinders else "—",
                money(stop.total) if cash else L("route.on_account"),
                Spacer(1, SIGNATURE_HEIGHT),  # the box grows the row to room for a signature
            ])
        stops = Table(rows, colWidths=widths, repeatRows=1)
        stops.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (0, -1), 1), ("RIGHTPADDING", (0, 0), (0, -1), 1),
            ("FONT", (0, 1), (0, -1), base.FONT, 14, 16),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("FONT", (1, 1), (1, -1), base.FONT, 10.5, 13),
            ("FONT", (4, 1), (5, -1), base.FONT, 10.5, 13),
            ("ALIGN", (4, 1), (5, -1), "RIGHT"),
            *[("FONT", (5, n), (5, n), base.FONT, 9, 13)
              for n, stop in enumerate(route.stops, 1) if stop.payment != "cash"],
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
            *[("BACKGROUND", (0, n), (-2, n), SHADE) for n in range(2, len(rows), 2)],
            # The signature box: a frame to sign in, on every stop.
            *[("BOX", (6, n), (6, n), 0.6, INK) for n in range(1, len(rows))],
        ]))
        story += [stops, Spacer(1, 5 * mm)]

        hours, minutes = divmod(round(route.duration_s / 60), 60)
        totals = Table([
            [L("route.totals"), ""],
            [L("route.total_stops"), str(len(route.stops))],
            [L("route.total_cylinders"), f"{cylinders} / {cylinders}"],
            [L("route.total_cash"), money(cash_total)],
            [L("route.distance"), L("route.km", km=f"{route.distance_m / 1000:.1f}")],
            [L("route.duration"), L("route.minutes", hours=hours, minutes=f"{minutes:02d}")],
        ], colWidths=[52 * mm, 30 * mm], hAlign="RIGHT")
        totals.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), base.FONT, 9, 12),
            ("FONT", (0, 0), (-1, 0), base.FONT, 10.5, 13),
            ("FONT", (1, 3), (1, 3), base.FONT, 11, 13),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEABOVE", (0, 3), (-1, 3), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        loading = [Text(L("route.load"), 10.5, leading=14)] + [
            Text(f"{name}  × {base.quantity_of(language, qty, unit)}  {sku}", 9)
            for sku, (name, unit, qty) in sorted(load.items())]
        summary = Table([[loading, totals]], colWidths=[inner - 86 * mm, 86 * mm])
        summary.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        third = inner / 3
        signatures = Table([["", "", ""],
                            [L("route.driver_signs"), L("route.back_at"),
                             L("route.cash_checked")]],
                           colWidths=[third, third, third], rowHeights=[14 * mm, None])
        signatures.setStyle(TableStyle([
            ("FONT", (0, 1), (-1, 1), base.FONT, 7.5), ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
            *[("LINEBELOW", (n, 0), (n, 0), 0.6, INK) for n in range(3)],
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm)]))
        story.append(KeepTogether([summary, Spacer(1, 6 * mm), signatures]))

    buffer = io.BytesIO()
    first = routes[0]
    doc = _RouteSheets(buffer, routes=routes, state=state, head=head,
                       title=f"{L('route.title')} {base.day(first.day)}", author=head.name,
                       top=40 * mm, footer_text=head.name, language=language,
                       first_page=first_page)
    doc.render(story)
    return buffer.getvalue()


def _customer_cell(stop: StopView, L, note_color) -> list:
    Text = base.Text  # noqa: N806 - a flowable class
    cell = [Text(stop.customer_name, 10.5, leading=13),
            Text(stop.address, 9)]
    if stop.phone:
        cell.append(Text(stop.phone, 9))
    if stop.window:
        cell.append(Text(L("route.hours", hours=f"{hhmm(stop.window[0])}–"
                                                f"{hhmm(stop.window[1])}"), 7.5, color=MUTED))
    if stop.notes:
        cell.append(Text(L("route.notes", notes=stop.notes), 8, color=note_color))
    cell.append(Text(f"{stop.customer_code}  ·  {stop.number}", 7.5, color=MUTED))
    return cell
