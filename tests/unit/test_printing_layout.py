"""How printed documents lay out, without a database: half-A4 invoices of every shape
keep their totals, account and QR code with their last lines on one page (a short one
fits a single page); text breaks only between words or Chinese characters, never inside
a number; English units are plural."""

from __future__ import annotations

import io
import itertools
from datetime import date
from decimal import Decimal

import pypdf
import pytest

from core.printing import base
from core.printing import invoice as printing

HEAD = base.Letterhead("大台中瓦斯行", "12345675", "台中市西屯區台灣大道三段 99 號",
                       "04 2345 6789", None, "TWD",
                       base.Bank("台中銀行", "西屯分行", "012-34-567890", ""))
NUMBER = "INV-2026-000321"


def invoice(lines: int, *, rental: bool, previous: bool, paid: bool,
            language: str) -> printing.InvoiceDoc:
    """An invoice of ``lines`` deliveries (some with long product names) in ``language``."""
    name = "液化石油氣 20公斤" if language == "zh_TW" else "LPG cylinder 20 kg"
    long = ("家用桶裝瓦斯含安全檢查與配送服務" if language == "zh_TW"
            else "household cylinder, safety check and delivery included")
    rows = [printing.Line("delivery", date(2026, 11, 1 + k % 28), f"SO-2026-{k + 1:06d}",
                          f"{name} {long}" if k % 4 == 3 else name, "LPG-20", "cylinder",
                          Decimal(1 + k % 3), Decimal(900), Decimal("0.05"),
                          Decimal(900 * (1 + k % 3)), Decimal(45 * (1 + k % 3)))
            for k in range(lines)]
    if rental:
        rows.append(printing.Line("rental", date(2026, 11, 30), "", "Cylinder rental", "",
                                  "cylinder", Decimal(3), Decimal(50), Decimal("0.05"),
                                  Decimal(150), Decimal("7.5")))
    subtotal = sum((x.amount for x in rows), Decimal(0))
    tax = sum((x.tax for x in rows), Decimal(0))
    before = Decimal(1890) if previous else Decimal(0)
    payments = Decimal(-1000) if paid else Decimal(0)
    account = printing.Account(before, "INV-2026-000123" if previous else None, payments,
                               Decimal(0), Decimal(0), Decimal(0), subtotal + tax,
                               before + payments + subtotal + tax,
                               Decimal(945) if previous else Decimal(0))
    return printing.InvoiceDoc(
        1, NUMBER, "issued", language, date(2026, 12, 1), date(2026, 12, 31),
        date(2026, 11, 1), date(2026, 11, 30), "C001",
        "好味道小吃店" if language == "zh_TW" else "Sunrise Hotpot 日出火鍋",
        "台中市北區三民路三段 129 號之 3", "0912 345 678", "王大明", tuple(rows), subtotal,
        tax, subtotal + tax, account)


SHAPES = list(itertools.product((False, True), (False, True), (False, True),
                                ("zh_TW", "en")))


def pages(doc: printing.InvoiceDoc, size: str) -> list[str]:
    pdf = printing.build([doc], printing.Company(HEAD), size=size)
    return [" ".join(p.extract_text().split())  # a label wrapped in a narrow column: one line
            for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lines", [1, 3, 5])
@pytest.mark.parametrize("size", printing.SIZES)
def test_a_short_invoice_fits_one_page_of_either_size(lines, size):
    for rental, previous, paid, language in SHAPES:
        assert len(pages(invoice(lines, rental=rental, previous=previous, paid=paid,
                                 language=language), size)) == 1, (rental, previous, paid,
                                                                   language)


@pytest.mark.parametrize("lines", [10, 40])
@pytest.mark.parametrize("size", printing.SIZES)
def test_a_long_invoice_ends_with_its_totals_account_and_code_beside_its_last_lines(lines,
                                                                                   size):
    for rental, previous, paid, language in SHAPES:
        doc = invoice(lines, rental=rental, previous=previous, paid=paid, language=language)
        texts = pages(doc, size)
        total = printing.label(language, "inv.total")
        due = printing.label(language, "inv.how_to_pay")
        *before, last = texts
        assert total in last and due in last and printing.label(language, "inv.qr") in last
        assert not any(total in text or due in text for text in before)
        # The last page carries the invoice's last lines, under their header row.
        assert doc.lines[-2].order_number in last or doc.lines[-1].kind != "delivery" and \
            doc.lines[-2].order_number in last
        assert printing.label(language, "inv.product") in last
        # Every line is printed once.
        for x in doc.lines:
            if x.order_number:
                assert sum(t.count(x.order_number) for t in texts) == 1, x.order_number
        n = len(texts)
        assert all(printing.label(language, "page", page=k, pages=n) in t
                   for k, t in enumerate(texts, 1))


@pytest.mark.parametrize("text, whole", [
    ("台中市北區三民路三段 129 號之 3 五樓", ["129 號之 3"]),
    ("台中市北區三民路三段129號之3五樓", ["段129號之3五樓"]),
    ("No. 12-3, Lane 45, Sanmin Road, North District, Taichung", ["12-3,", "45,"]),
    ("液化石油氣 20公斤 × 12 桶", ["20公斤", "12 桶"]),
])
@pytest.mark.parametrize("width", [30, 45, 60, 80, 120, 200])
def test_text_breaks_between_words_or_chinese_characters_never_inside_a_number(text, whole,
                                                                              width):
    lines = base.wrap_text(text, 9, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    for token in whole:
        if base.text_width(token, 9) <= width:
            assert any(token in line for line in lines), (token, lines)
    assert all(base.text_width(line, 9) <= width for line in lines)


def test_a_word_longer_than_the_line_is_cut_rather_than_run_out_of_its_cell():
    lines = base.wrap_text("Supercalifragilisticexpialidocious", 9, 40)
    assert len(lines) > 1 and all(base.text_width(x, 9) <= 40 for x in lines)


@pytest.mark.parametrize("language, amount, unit, text", [
    ("en", Decimal(1), "cylinder", "1 cylinder"),
    ("en", Decimal(3), "cylinder", "3 cylinders"),
    ("en", Decimal("1.5"), "litre", "1.5 litres"),
    ("en", Decimal(0), "bottle", "0 bottles"),
    ("en", Decimal(2), "kg", "2 kg"),
    ("en", Decimal(2), "service", "2 services"),
    ("en", Decimal(2), "crate", "2 crate"),  # a unit without a label, as it is stored
    ("zh_TW", Decimal(3), "cylinder", "3 桶"),
])
def test_english_units_are_plural_unless_there_is_one(language, amount, unit, text):
    assert base.quantity_of(language, amount, unit) == text
