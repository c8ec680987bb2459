"""The quote PDF: Chinese text embedded and extractable, in the customer's language."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdf
import pytest
from PIL import Image

from core.printing.quote import quote_pdf
from core.services import customers, quotes, settings, users
from core.services.actor import SYSTEM, Actor
from core.services.customers import CustomerInput
from core.services.quotes import QuoteInput
from tests.integration.pdfs import unembedded_fonts
from tests.integration.shop import line, make_products


@pytest.fixture
def shop(sqlite_engine, sqlite_seeded):
    settings.update_company(sqlite_engine, sqlite_seeded["admin"].actor, name="大台中瓦斯行",
                            tax_id="12345675", address="台中市西屯區台灣大道三段 99 號",
                            phone="04 2345 6789")
    return make_products(sqlite_engine, sqlite_seeded["manager"].actor)


def customer(engine, seeded, language: str):
    return customers.save(engine, seeded["manager"].actor, CustomerInput(
        name="好味道小吃店", phone="0912 345 678", address="台中市北區三民路三段 129 號",
        language=language))


def text_of(pdf: bytes) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_a_chinese_customers_quote_has_the_name_lines_and_total_as_text(
        sqlite_engine, sqlite_seeded, shop):
    c = customer(sqlite_engine, sqlite_seeded, "zh_TW")
    q = quotes.create(sqlite_engine, sqlite_seeded["clerk"].actor, QuoteInput(
        customer_id=c.id, lines=(line(shop.lpg20, 4), line(shop.inspect)),
        notes="含運費與安裝"))
    text, reader = text_of(quote_pdf(sqlite_engine, q.id))
    assert len(reader.pages) == 1
    for expected in ("報價單", q.number, "好味道小吃店", "液化石油氣 20公斤", "瓦斯安全檢查服務",
                     "NT$3,600", "NT$4,095", "總計", "有效期限", q.valid_until.isoformat(),
                     "大台中瓦斯行", "統一編號 12345675", "含運費與安裝", "第 1 頁，共 1 頁"):
        assert expected in text, expected
    assert q.total == Decimal(4095)
    # Every font is embedded: the text renders where no Chinese font is installed.
    assert unembedded_fonts(quote_pdf(sqlite_engine, q.id)) == []


@pytest.mark.parametrize("language, mark", [("zh_TW", "草稿"), ("en", "DRAFT")])
def test_a_draft_is_marked_draft_and_names_the_person_who_made_it(sqlite_engine, sqlite_seeded,
                                                                   shop, language, mark):
    person = users.create_user(sqlite_engine, SYSTEM, username="meiling",
                               password="meiling-pass-1", roles=["clerk"], full_name="陳美玲")
    actor = Actor(user_id=person.id, username=person.username, roles=frozenset(person.roles),
                  full_name=person.full_name)
    c = customer(sqlite_engine, sqlite_seeded, language)
    q = quotes.create(sqlite_engine, actor, QuoteInput(
        customer_id=c.id, lines=tuple(line(shop.lpg20, 1) for _ in range(25))))
    pdf = quote_pdf(sqlite_engine, q.id)
    text, reader = text_of(pdf)
    assert len(reader.pages) == 2
    assert all(mark in page.extract_text() for page in reader.pages)  # on every page
    assert "陳美玲" in text and "meiling" not in text
    assert unembedded_fonts(pdf) == []
    sent = quotes.send(sqlite_engine, actor, quote_id=q.id, version=q.version)
    text, _ = text_of(quote_pdf(sqlite_engine, sent.id))
    assert mark not in text and "陳美玲" in text


def test_an_english_customer_gets_an_english_quote_whatever_the_clerk_reads(
        sqlite_engine, sqlite_seeded, shop):
    c = customer(sqlite_engine, sqlite_seeded, "en")
    q = quotes.create(sqlite_engine, sqlite_seeded["clerk"].actor, QuoteInput(
        customer_id=c.id, lines=(line(shop.lpg50, 2),)))
    text, _ = text_of(quote_pdf(sqlite_engine, q.id))
    for expected in ("QUOTATION", "Quote for", "好味道小吃店", "LPG cylinder 50 kg", "cylinders",
                     "Total",
                     "NT$4,578", "Valid until", "Page 1 of 1", "Tax 5%"):
        assert expected in text, expected
    assert "報價單" not in text and "總計" not in text


def test_a_prospects_quote_is_in_the_quotes_language_and_a_long_one_runs_on(
        sqlite_engine, sqlite_seeded, shop):
    q = quotes.create(sqlite_engine, sqlite_seeded["clerk"].actor, QuoteInput(
        prospect_name="Sunrise Hotpot", prospect_phone="0922 333 444", language="en",
        lines=tuple(line(shop.lpg20, n) for n in range(1, 26))))
    text, reader = text_of(quote_pdf(sqlite_engine, q.id))
    assert len(reader.pages) == 2
    assert "Sunrise Hotpot" in text and "0922 333 444" in text
    assert "Page 1 of 2" in text and "Page 2 of 2" in text
    assert text.count("LPG cylinder 20 kg") == 25
    assert "Product" in reader.pages[1].extract_text()  # the header row repeats


def test_the_company_logo_is_on_the_quote(sqlite_engine, sqlite_seeded, shop):
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), "#1d4e89").save(buffer, "PNG")
    settings.set_logo(sqlite_engine, sqlite_seeded["admin"].actor, mime="image/png",
                      data=buffer.getvalue())
    c = customer(sqlite_engine, sqlite_seeded, "zh_TW")
    q = quotes.create(sqlite_engine, sqlite_seeded["clerk"].actor,
                      QuoteInput(customer_id=c.id, lines=(line(shop.lpg20),)))
    _, reader = text_of(quote_pdf(sqlite_engine, q.id))
    assert len(reader.pages[0].images) == 1
