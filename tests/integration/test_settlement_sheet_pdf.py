"""The day's settlement sheet: every route of the day with what its driver should hand in
and what was counted (by denomination, each cheque), the variance and its reason, who
settled and approved it, lines to sign, the day's totals and the cash book's opening and
closing; in zh-TW and English, the font embedded."""

from __future__ import annotations

import io
from datetime import timedelta

import pypdf
import pytest

from core.api import registry
from core.printing.settlement import settlement_sheet_pdf
from core.services import cashup, deliveries, payments
from core.services.cashup import Approval, ChequeCount, Count
from core.services.deliveries import DeliveryInput
from tests.integration.dispatch_day import make_day
from tests.integration.pdfs import unembedded_fonts
from tests.integration.shop import LPG20_TOTAL


@pytest.fixture
def day(sqlite_engine, sqlite_seeded):
    """Route ABC-1234 (王大明): C001 on account pays a cheque of 1,000 at its stop, C002 and
    C004 pay cash (945 and 2,835); counted 3,680 in notes and the cheque, 100 short,
    approved by the manager.  Route XYZ-5678 (李小華): C003's stop not confirmed yet.
    The cash book: a float of 5,000, the cash-up, a bank deposit of 3,000."""
    d = make_day(sqlite_engine, sqlite_seeded)
    clerk = sqlite_seeded["clerk"].actor
    truck = d.route_of("ABC-1234")
    for code, cash in (("C001", 0), ("C002", LPG20_TOTAL), ("C004", 3 * LPG20_TOTAL)):
        deliveries.confirm(sqlite_engine, clerk, DeliveryInput(
            d.orders[code].id, f"stop-{code}", "delivered", cash_collected=cash))
    payments.record_payment(sqlite_engine, clerk, customer_id=d.people["C001"].id,
                            method="cheque", amount="1000", cheque_number="AB1234567",
                            cheque_bank="台灣銀行 北台中分行", cheque_date=d.day,
                            route_id=truck.id)
    cashup.add_entry(sqlite_engine, clerk, day=d.day, kind="float", amount="5000",
                     reference="保險箱")
    cashup.settle(sqlite_engine, clerk, Count(
        truck.id, "count-1", notes=(("1000", 3), ("500", 1), ("100", 1), ("50", 1), ("10", 3)),
        cheques=(ChequeCount("AB1234567", "台灣銀行 北台中分行", d.day, "1000"),),
        reason="司機找錯零錢"), Approval("manager", sqlite_seeded["manager"].password))
    cashup.add_entry(sqlite_engine, clerk, day=d.day, kind="deposit", amount="3000",
                     reference="台灣銀行 存款單 0042")
    return d


def pages_of(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split())
            for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_sheet_shows_each_route_its_count_and_the_days_cash_book(sqlite_engine, day):
    pdf = settlement_sheet_pdf(sqlite_engine, day.day)
    text = " ".join(pages_of(pdf))
    for expected in (
            "每日收款結算表", "大台中瓦斯行", day.day.isoformat(), "ABC-1234", "王大明",
            "XYZ-5678", "李小華",
            # What ABC-1234's driver should hand in: 3,780 in cash sales, the cheque taken
            # at a stop, nothing refunded; 4,780 in all.
            "現金銷貨（2 筆）", "NT$3,780", "站點收款（1 筆）", "NT$1,000", "現場退款（0 筆）",
            "應繳合計", "NT$4,780",
            # Counted: 3,680 in notes and coins, the cheque, 100 short.
            "NT$3,680", "NT$4,680", "-NT$100", "短少，記入司機帳", "點鈔明細", "NT$1,000 3 NT$3,000",
            "NT$10 3 NT$30", "AB1234567", "台灣銀行 北台中分行", "差額原因：司機找錯零錢",
            "結算：Clerk", "核准：Manager", "已結算",
            # The other route waits for its stop.
            "未結算", "尚有 1 站未確認送貨", "尚未點收",
            # The cash book: opening 0, the float, the cash-up, the deposit; closing 6,680.
            "現金簿", "期初結存", "零用金", "保險箱", "路線繳款", "+NT$4,680", "存入銀行",
            "-NT$3,000", "本日結存", "NT$6,680", "本日現金簿尚未關帳",
            "司機簽名（王大明）", "司機簽名（李小華）", "點收人簽名", "本日合計", "已結算 1 / 2"):
        assert expected in text, expected
    assert unembedded_fonts(pdf) == []


def test_in_english(sqlite_engine, day):
    pdf = settlement_sheet_pdf(sqlite_engine, day.day, language="en")
    text = " ".join(pages_of(pdf))
    for expected in ("DAILY CASH SETTLEMENT", "Cash sales (2)", "Collected at stops (1)",
                     "Refunds at the door (0)", "Expected", "Counted", "Variance", "-NT$100",
                     "short, on the driver's account", "Notes and coins", "Cheque no.",
                     "AB1234567", "Reason for the variance: 司機找錯零錢",
                     "approved by Manager", "Not settled", "Not counted yet",
                     "Stops not confirmed yet: 1", "Cash book", "Opening balance",
                     "Opening float", "Bank deposit", "Closing balance", "NT$6,680",
                     "Driver's signature (王大明)", "Counted by (office)", "Page 1 of"):
        assert expected in text, expected
    assert "每日收款結算表" not in text
    assert unembedded_fonts(pdf) == []


def test_a_reopened_route_and_a_closed_day_say_so(sqlite_engine, sqlite_seeded, day):
    manager = sqlite_seeded["manager"].actor
    truck = day.route_of("ABC-1234")
    standing = cashup.route_cash(sqlite_engine, truck.id).settlement
    cashup.reopen(sqlite_engine, manager, settlement_id=standing.id, reason="客戶支票退回")
    text = " ".join(pages_of(settlement_sheet_pdf(sqlite_engine, day.day)))
    assert "已重開，待重新點收" in text and "重開：客戶支票退回" in text
    assert "NT$3,680" not in text  # the reopened count is no longer the route's
    # Counted again without a variance, the day's routes settled and the book closed.
    deliveries.confirm(sqlite_engine, sqlite_seeded["clerk"].actor, DeliveryInput(
        day.orders["C003"].id, "stop-C003", "delivered"))
    cashup.settle(sqlite_engine, manager, Count(truck.id, "count-2", cash="3780", cheques=(
        ChequeCount("AB1234567", "台灣銀行 北台中分行", day.day, "1000"),)))
    cashup.settle(sqlite_engine, manager, Count(day.route_of("XYZ-5678").id, "count-3"))
    cashup.close_day(sqlite_engine, manager, day=day.day)
    text = " ".join(pages_of(settlement_sheet_pdf(sqlite_engine, day.day)))
    assert "已結算 2 / 2" in text and "Manager 於" in text and "關帳" in text
    assert "NT$4,780 NT$4,780 NT$0" in text  # the day's totals: no variance left


def test_a_day_without_routes_still_prints_its_cash_book(sqlite_engine, day):
    later = day.day + timedelta(days=1)
    text = " ".join(pages_of(settlement_sheet_pdf(sqlite_engine, later, language="en")))
    assert "No route was confirmed for this day." in text
    assert "Opening balance NT$6,680" in text and "Closing balance NT$6,680" in text


def test_the_api_offers_it_to_any_user():
    op = registry.get("cash.settlement_sheet_pdf")
    assert op.role is registry.ANY_USER and op.fn is settlement_sheet_pdf
    assert set(op.parameters) == {"day", "language"}
