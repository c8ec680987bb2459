"""The invoice PDF: the Chinese customer name, the lines and the figures as text (the font
embedded), statement style (previous balance, payments, this invoice, amount due, from
one invoice to the next), English for an English customer, half A4, the VOID stamp and
the QR code with the invoice's number and amounts."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import pypdf
import pytest
from reportlab.graphics.barcode import qrencoder

from core import cli
from core.db import unit_of_work
from core.errors import DomainError
from core.printing import invoice as printing
from core.printing import qr
from core.services import billing, credit, payments, settings
from tests.integration.invoicing import (
    DAY,
    PERIOD,
    deliver,
    invoice_of,
    make_shop,
    make_two_months,
    new_customer,
)
from tests.integration.pdfs import unembedded_fonts
from tests.integration.shop import LPG20_TOTAL, line


@pytest.fixture
def shop(engine, seeded):
    return make_shop(engine, seeded)


@pytest.fixture
def two_months(engine, seeded, shop):
    return make_two_months(engine, seeded, shop)


def text_of(pdf: bytes) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def docs(engine, ids):
    with unit_of_work(engine, write=False) as s:
        return printing.docs_in(s, ids)


def test_each_invoice_carries_the_previous_ones_amount_due_forward(engine, seeded, two_months):
    c, first, second = two_months["customer"], two_months["first"], two_months["second"]
    one, two = docs(engine, [first.id, second.id])
    assert (one.account.previous_balance, one.account.payments, one.account.this_invoice,
            one.account.amount_due) == (0, 0, 2 * LPG20_TOTAL, 2 * LPG20_TOTAL)
    a = two.account
    assert a.previous_number == first.number
    assert a.previous_balance == one.account.amount_due  # the chain: what was due then
    assert (a.payments, a.this_invoice, a.adjustments) == (-1000, LPG20_TOTAL, 0)
    assert a.amount_due == 2 * LPG20_TOTAL - 1000 + LPG20_TOTAL
    # The third delivery is in the balance but not on an invoice yet: not due, but said.
    assert a.not_invoiced == LPG20_TOTAL
    assert credit.summary(engine, c.id).balance == a.amount_due + a.not_invoiced
    # Later money does not change a printed invoice: a reprint shows the same figures.
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=c.id, method="cash",
                            amount="500")
    assert docs(engine, [second.id])[0].account == a


def test_a_chinese_customers_invoice_has_the_name_lines_figures_and_due_date_as_text(
        engine, seeded, two_months):
    second = two_months["second"]
    text, reader = text_of(printing.invoice_pdf(engine, second.id))
    assert len(reader.pages) == 1
    for expected in ("請款單", second.number, "好味道小吃店", "台中市北區三民路三段 129 號",
                     "液化石油氣 20公斤", "1 桶", "NT$900", "營業稅 5%", "NT$45",
                     "本期請款合計", "NT$945", "上期結欠", two_months["first"].number,
                     "NT$1,890", "本期收款", "−NT$1,000", "本期應繳金額", "NT$1,835",
                     "繳款期限", second.due_date.isoformat(), "大台中瓦斯行",
                     "統一編號 12345675", "第 1 頁，共 1 頁", "尚未請款 NT$945",
                     f"{second.period_start.isoformat()} – {second.period_end.isoformat()}"):
        assert expected in text, expected
    assert "匯款銀行" not in text  # no bank account set: no transfer line
    assert "戶名：大台中瓦斯行（統一編號 12345675）" in text


@pytest.mark.parametrize("size", printing.SIZES)
def test_every_font_of_an_invoice_is_embedded(engine, seeded, two_months, size):
    for invoice in (two_months["first"], two_months["second"]):
        assert unembedded_fonts(printing.invoice_pdf(engine, invoice.id, size=size)) == []


@pytest.mark.parametrize("size", printing.SIZES)
def test_the_bank_account_setting_is_where_to_pay(engine, seeded, two_months, size):
    settings.update_company(engine, seeded["admin"].actor, bank_name="台中銀行",
                            bank_branch="西屯分行", bank_account_number="012-34-567890",
                            bank_account_name="大台中瓦斯行有限公司")
    text, _ = text_of(printing.invoice_pdf(engine, two_months["first"].id, size=size))
    flat = "".join(text.split())  # a long line wraps in its column (at a space)
    for expected in ("匯款銀行：台中銀行西屯分行", "帳號：012-34-567890",
                     "戶名：大台中瓦斯行有限公司",
                     f"匯款時請註明請款單號{two_months['first'].number}"):
        assert expected in flat, expected


def test_an_english_customer_gets_an_english_invoice_on_half_a4(engine, seeded, shop):
    c = new_customer(engine, seeded, "E1", name="Sunrise Hotpot 日出火鍋", language="en")
    deliver(engine, seeded, c, DAY, line(shop.lpg50, 1), line(shop.inspect, 1))
    billing.run(engine, seeded["manager"].actor, period=PERIOD)
    inv = invoice_of(engine, c.id, PERIOD)
    pdf = printing.invoice_pdf(engine, inv.id, size="A5")
    text, reader = text_of(pdf)
    for expected in ("INVOICE", "Bill to", "Sunrise Hotpot 日出火鍋", "LPG cylinder 50 kg",
                     "Gas safety inspection", "Invoice total", "Amount due", "Due date",
                     inv.due_date.isoformat(), "Previous balance", "Tax 5%", "Page 1 of"):
        assert expected in text, expected
    assert "請款單" not in text and "本期應繳金額" not in text
    assert len(reader.pages) == 1  # a short invoice fits one half-A4 page
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 420)  # A5 landscape
    a4 = pypdf.PdfReader(io.BytesIO(printing.invoice_pdf(engine, inv.id))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_a_void_invoice_is_stamped_void_and_asks_for_nothing(engine, seeded, shop):
    c = new_customer(engine, seeded, "C9")
    deliver(engine, seeded, c, DAY, line(shop.lpg20, 1))
    billing.run(engine, seeded["manager"].actor, period=PERIOD)
    inv = invoice_of(engine, c.id, PERIOD)
    payments.void_invoice(engine, seeded["manager"].actor, invoice_id=inv.id, reason="重複開立")
    text, _ = text_of(printing.invoice_pdf(engine, inv.id))
    assert text.count("作廢") >= 3  # the stamp, the amount due's box, the note
    assert "本請款單已作廢" in text and "請於" not in text


def test_many_invoices_make_one_document_each_counting_its_own_pages(engine, seeded,
                                                                      two_months):
    first, second = two_months["first"], two_months["second"]
    _, reader = text_of(printing.invoices_pdf(engine, [second.id, first.id]))
    assert len(reader.pages) == 2
    pages = [p.extract_text() for p in reader.pages]
    assert second.number in pages[0] and first.number in pages[1]
    assert all("第 1 頁，共 1 頁" in p for p in pages)
    with pytest.raises(DomainError, match="no invoice to print"):
        printing.invoices_pdf(engine, [])
    with pytest.raises(DomainError, match="A4 or A5"):
        printing.invoice_pdf(engine, first.id, size="Letter")


def _drawn_qr(pdf: bytes) -> list[list[bool]]:
    """The QR code as the page draws it: the longest run of 'column row width 1 re'."""
    content = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode(
        "latin-1")
    runs, current = [], []
    for text in content.splitlines():
        m = re.fullmatch(r"(\d+) (\d+) (\d+) 1 re", text.strip())
        if m:
            current.append(tuple(map(int, m.groups())))
        elif current:
            runs.append(current)
            current = []
    rects = max(runs, key=len)
    size = max(r for _, r, _ in rects) + 1
    modules = [[False] * size for _ in range(size)]
    for col, row, width in rects:
        for j in range(col, col + width):
            modules[row][j] = True
    return modules


def test_the_qr_code_holds_the_number_the_amounts_and_the_due_date(engine, seeded,
                                                                   two_months, tmp_path):
    second = two_months["second"]
    pdf = printing.invoice_pdf(engine, second.id)
    expected = (f"invoice={second.number};currency=TWD;total=945;amount_due=1835;"
                f"due_date={second.due_date.isoformat()}")
    assert docs(engine, [second.id])[0].qr_text("TWD") == expected
    assert _drawn_qr(pdf) == qr.matrix(expected)
    if shutil.which("zbarimg") and shutil.which("pdftoppm"):  # decode it, where one can
        (tmp_path / "i.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "i.pdf"),
                        str(tmp_path / "page")], check=True)
        out = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page-1.png")],
                             capture_output=True, text=True, check=True).stdout
        assert out.strip() == expected


@pytest.mark.parametrize("text", ["invoice=INV-2026-000001;currency=TWD;total=945",
                                  "x", "好味道 " * 20, "A" * 300])
def test_a_qr_matrix_is_reportlabs_own_symbol_with_a_mask(text):
    modules = qr.matrix(text)
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    symbols = []
    for mask in range(8):
        code.makeImpl(False, mask)
        symbols.append([list(map(bool, row)) for row in code.modules])
    assert modules in symbols


def test_roundsman_admin_writes_one_pdf_per_invoice_named_by_its_number(
        db_url, engine, seeded, two_months, tmp_path, capsys):
    first, second = two_months["first"], two_months["second"]
    out = tmp_path / "out"
    code = cli.main(["--db", db_url, "invoices", "pdf", "--period", PERIOD, "--out", str(out),
                     "--size", "A5", "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["invoices"] == 1
    assert [p.name for p in out.iterdir()] == [f"{first.number}.pdf"]
    text, reader = text_of((out / f"{first.number}.pdf").read_bytes())
    assert first.number in text and "好味道小吃店" in text
    assert round(float(reader.pages[0].mediabox.height)) == 420
    # Across worker processes, each with its own chunk.
    both = tmp_path / "both"
    assert printing.write_files_parallel(db_url, [first.id, second.id], both, processes=2,
                                         chunk=1) == 2
    assert sorted(p.name for p in both.iterdir()) == sorted(
        [f"{first.number}.pdf", f"{second.number}.pdf"])
    assert second.number in text_of((both / f"{second.number}.pdf").read_bytes())[0]
    code = cli.main(["--db", db_url, "invoices", "pdf", "--period", "2026/11", "--out",
                     str(out)])
    assert code == 2 and "YYYY-MM" in capsys.readouterr().err


KEY = "0123456789ABCDEF0123456789ABCDEF"


def test_with_uniform_invoices_on_the_invoice_names_the_uniform_invoice_it_covers(
        engine, seeded, shop):
    """As tests/integration/test_einvoice.py turns them on: the company's 統一編號 and QR
    code key, and a range of the period the billed month's last day is in."""
    from core import uniform
    from core.periods import Period
    from core.services import einvoice

    settings.update_company(engine, seeded["admin"].actor, uniform_invoices="on",
                            einvoice_aes_key=KEY)
    end = Period.parse(PERIOD).end
    einvoice.add_range(engine, seeded["manager"].actor, period=uniform.period_of(end),
                       track="AB", first="10000000", last="10000049")
    zh = new_customer(engine, seeded, "U1")
    en = new_customer(engine, seeded, "U2", name="Sunrise Hotpot", language="en")
    for c in (zh, en):
        deliver(engine, seeded, c, DAY, line(shop.lpg20, 1))
    billing.run(engine, seeded["manager"].actor, period=PERIOD)
    first, second = invoice_of(engine, zh.id, PERIOD), invoice_of(engine, en.id, PERIOD)
    with unit_of_work(engine, write=False) as s:
        numbers = einvoice.numbers_of_invoices(s, [first.id, second.id])
    assert sorted(numbers.values()) == ["AB10000000", "AB10000001"]
    assert [d.uniform_number for d in docs(engine, [first.id, second.id])] == [
        numbers[first.id], numbers[second.id]]
    for size in printing.SIZES:
        text, reader = text_of(printing.invoice_pdf(engine, first.id, size=size))
        flat = " ".join(text.split())  # the caption and its value: one line each
        number = numbers[first.id]
        assert f"統一發票 {number[:2]}-{number[2:]}" in flat and first.number in flat, size
        assert len(reader.pages) == 1  # the sixth line of the heading fits
        text, _ = text_of(printing.invoice_pdf(engine, second.id, size=size))
        number = numbers[second.id]
        assert f"Uniform invoice {number[:2]}-{number[2:]}" in " ".join(text.split()), size
    # A batch: each invoice its own number.
    _, reader = text_of(printing.invoices_pdf(engine, [second.id, first.id]))
    pages = [p.extract_text() for p in reader.pages]
    assert "AB-10000001" in pages[0] and "AB-10000000" in pages[1]


def test_with_uniform_invoices_off_the_invoice_names_none(engine, seeded, two_months):
    first = two_months["first"]
    assert docs(engine, [first.id])[0].uniform_number == ""
    for size in printing.SIZES:
        text, _ = text_of(printing.invoice_pdf(engine, first.id, size=size))
        assert first.number in text and "統一發票" not in text, size
