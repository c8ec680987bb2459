"""The statement of account: every ledger movement of the range with its running balance,
a closing balance that is the customer's balance, and the invoices open at its end."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
import pytest

from core.db import unit_of_work
from core.errors import DomainError
from core.printing import statement as printing
from core.services import (cash_sales, credit, customers, deliveries, dispatch, fleet, orders,
                           payments, settings)
from core.services.customers import CustomerInput
from tests.integration.invoicing import DAY, make_shop, make_two_months, next_month
from tests.integration.pdfs import unembedded_fonts
from tests.integration.shop import LPG20_TOTAL, line, order_for

TODAY = date.today()
LAST_DELIVERY = next_month(next_month(DAY))  # of the two months' three deliveries


@pytest.fixture
def shop(engine, seeded):
    return make_shop(engine, seeded)


@pytest.fixture
def two_months(engine, seeded, shop):
    return make_two_months(engine, seeded, shop)


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def statement(engine, customer_id, **kw):
    with unit_of_work(engine, write=False) as s:
        return printing.statement_in(s, customer_id, **kw)


def test_the_running_balance_ends_at_the_customers_balance(engine, seeded, two_months):
    c, first, second = two_months["customer"], two_months["first"], two_months["second"]
    st = statement(engine, c.id, start=TODAY - timedelta(days=1), end=LAST_DELIVERY)
    assert st.opening == 0
    # A payment received today and three deliveries from tomorrow, by their days.
    assert [m.amount for m in st.movements] == [-1000, 2 * LPG20_TOTAL, LPG20_TOTAL,
                                                LPG20_TOTAL]
    assert [m.balance for m in st.movements] == [-1000, 890, 1835, 2780]
    assert st.closing == credit.summary(engine, c.id).balance == 2780
    # Open at the end: the first invoice less the payment placed on it, and the second.
    assert [(x.number, x.open) for x in st.open_invoices] == [(first.number, 890),
                                                              (second.number, LPG20_TOTAL)]
    text = text_of(printing.statement_pdf(engine, c.id, start=TODAY - timedelta(days=1),
                                          end=LAST_DELIVERY))
    for expected in ("對帳單", "好味道小吃店", "期初餘額", "期末餘額", "送貨", "收款（匯款）",
                     "ATM 00123", "NT$1,890", "NT$890", "NT$1,835", "NT$2,780", "未結請款單",
                     first.number, second.number, first.due_date.isoformat(), "未付合計",
                     "期末餘額含已送貨而尚未開立請款單的金額", "第 1 頁，共 1 頁"):
        assert expected in text, expected


def test_a_range_after_the_movements_opens_with_the_balance(engine, seeded, two_months):
    c = two_months["customer"]
    later = LAST_DELIVERY + timedelta(days=1)
    st = statement(engine, c.id, start=later, end=later + timedelta(days=30))
    assert (st.opening, st.movements, st.closing) == (2780, (), 2780)
    text = text_of(printing.statement_pdf(engine, c.id, start=later,
                                          end=later + timedelta(days=30), language="en"))
    for expected in ("STATEMENT OF ACCOUNT", "Opening balance", "Closing balance", "NT$2,780",
                     "Open invoices", "Days overdue", "Page 1 of 1"):
        assert expected in text, expected
    assert "對帳單" not in text


def test_a_void_invoice_and_its_credit_note_show_and_the_invoice_is_not_open(
        engine, seeded, two_months):
    c, second = two_months["customer"], two_months["second"]
    note = payments.void_invoice(engine, seeded["manager"].actor, invoice_id=second.id,
                                 reason="重複開立")
    st = statement(engine, c.id, start=TODAY, end=LAST_DELIVERY)
    voided = next(m for m in st.movements if m.document == note.number)
    assert (voided.day, voided.amount) == (TODAY, -LPG20_TOTAL)
    assert second.number in voided.description
    assert [x.number for x in st.open_invoices] == [two_months["first"].number]
    assert st.closing == credit.summary(engine, c.id).balance


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_the_statement_says_where_to_pay_and_embeds_every_font(engine, seeded, two_months,
                                                               language):
    c = two_months["customer"]
    pdf = printing.statement_pdf(engine, c.id, start=TODAY, end=TODAY, language=language)
    assert unembedded_fonts(pdf) == []
    assert "012-34-567890" not in text_of(pdf)  # no bank account set: no transfer line
    settings.update_company(engine, seeded["admin"].actor, bank_name="台中銀行",
                            bank_branch="西屯分行", bank_account_number="012-34-567890")
    pdf = printing.statement_pdf(engine, c.id, start=TODAY, end=TODAY, language=language)
    text = text_of(pdf)
    for expected in (("繳款方式", "匯款銀行：台中銀行 西屯分行", "帳號：012-34-567890",
                      "戶名：大台中瓦斯行") if language == "zh_TW" else
                     ("How to pay", "Bank: 台中銀行 西屯分行", "Account no.: 012-34-567890",
                      "Account name: 大台中瓦斯行")):
        assert expected in text, expected
    assert unembedded_fonts(pdf) == []


def test_a_range_that_ends_before_it_starts_is_refused(engine, seeded, two_months):
    with pytest.raises(DomainError, match="before its first"):
        statement(engine, two_months["customer"].id, start=TODAY, end=TODAY - timedelta(days=1))


def test_a_cash_customers_delivery_shows_as_a_cash_sale_and_its_voiding(engine, seeded, shop):
    """Two 20 kg cylinders delivered for cash tomorrow, 90 short of the sale's total; the
    delivery undone today by a manager: the sale and the cash are reversed."""
    clerk, dispatcher = seeded["clerk"].actor, seeded["dispatcher"].actor
    c = customers.save(engine, seeded["manager"].actor, CustomerInput(
        code="K1", name="陳記麵館", phone="0922 111 222", address="台中市北區學士路 12 號",
        credit_limit=0))
    o = orders.place(engine, clerk, order_for(c, line(shop.lpg20, 2), delivery_date=DAY))
    assert o.payment == "cash"
    van = fleet.save_vehicle(engine, dispatcher, plate="K-1", capacity=100)
    dispatch.move(engine, dispatcher, order_id=o.id, route_id=None, vehicle_id=van.id)
    dispatch.confirm(engine, dispatcher, day=DAY)
    done = deliveries.confirm(engine, dispatcher, deliveries.DeliveryInput(
        o.id, "stop-1", "delivered", cash_collected=2 * LPG20_TOTAL - 90))
    sale = cash_sales.of_delivery(engine, done.id)
    st = statement(engine, c.id, start=DAY, end=DAY)
    assert [(m.document, m.amount) for m in st.movements] == [
        (sale.number, 2 * LPG20_TOTAL), (sale.number, -(2 * LPG20_TOTAL - 90))]
    assert st.closing == credit.summary(engine, c.id).balance == 90
    text = text_of(printing.statement_pdf(engine, c.id, start=DAY, end=DAY))
    for expected in ("陳記麵館", sale.number, "現金銷貨", "現金收款", "NT$1,890", "NT$1,800",
                     "NT$90"):
        assert expected in text, expected

    deliveries.undo(engine, seeded["manager"].actor, delivery_id=done.id, reason="送錯地址")
    st = statement(engine, c.id, start=TODAY, end=DAY, language="en")
    assert [(m.day, m.description, m.amount) for m in st.movements] == [
        (TODAY, "Cash sale void", -2 * LPG20_TOTAL),
        (TODAY, "Cash returned (void)", 2 * LPG20_TOTAL - 90),
        (DAY, "Cash sale", 2 * LPG20_TOTAL), (DAY, "Cash received", -(2 * LPG20_TOTAL - 90))]
    assert st.closing == credit.summary(engine, c.id).balance == 0
    pdf = printing.statement_pdf(engine, c.id, start=TODAY, end=DAY, language="zh_TW")
    text = text_of(pdf)
    assert "現金銷貨作廢" in text and "現金收款沖回" in text and text.count(sale.number) == 4
    assert unembedded_fonts(pdf) == []
