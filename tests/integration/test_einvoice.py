"""Uniform invoices (統一發票): numbers from the ranges a manager enters, taken in the
document's own transaction; B2B and B2C invoices at a cash sale's confirmation and at the
billing run; voids up to the filing deadline, allowances after it; the Turnkey's messages
written once.  On SQLite and PostgreSQL, through the services as a user's input goes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core import mig, uniform
from core.db import unit_of_work
from core.errors import DomainError, ValidationError
from core.models import CashSale, EInvoiceMessage, Invoice, UniformInvoice
from core.periods import Period
from core.services import billing, customers, deliveries, einvoice, payments, settings
from core.services.customers import CustomerInput
from core.services.deliveries import DeliveryInput
from tests.integration import racers
from tests.integration.money import deliver, on_route
from tests.integration.shop import failed_checks, make_customer, make_products

DAY = date.today()
PERIOD = uniform.period_of(DAY)
KEY = "0123456789ABCDEF0123456789ABCDEF"


def turn_on(engine, seeded, *, first="10000000", last="10000049", period=PERIOD, track="AB"):
    settings.update_company(engine, seeded["admin"].actor, name="大台中瓦斯行",
                            tax_id="12345675", uniform_invoices="on", einvoice_aes_key=KEY)
    return einvoice.add_range(engine, seeded["manager"].actor, period=period, track=track,
                              first=first, last=last)


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


def business(engine, seeded, code="B1"):
    return customers.save(engine, seeded["manager"].actor, CustomerInput(
        code=code, name="好味道小吃店", tax_id="04595257", invoice_title="好味道小吃店有限公司",
        credit_limit=Decimal(100_000)))


def consumer(engine, seeded, code="P1", **buyer):
    return customers.save(engine, seeded["manager"].actor, CustomerInput(
        code=code, name="陳小姐", credit_limit=Decimal(100_000), **buyer))


def rows(engine):
    return {r.number: r for r in einvoice.list_uniform_invoices(engine)}


def messages(engine):
    with unit_of_work(engine, write=False) as s:
        return [(m.kind, m.document) for m in s.scalars(
            select(EInvoiceMessage).order_by(EInvoiceMessage.id))]


# --- issue --------------------------------------------------------------------------------

def test_a_cash_sale_gets_the_next_uniform_invoice_b2c_with_tax_included(engine, seeded, shop):
    turn_on(engine, seeded)
    people = [consumer(engine, seeded, "P1", carrier="/abc+123"),
              consumer(engine, seeded, "P2", donation_code="25885"),
              consumer(engine, seeded, "P3")]
    deliver(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY, payment="cash")
    found = rows(engine)
    assert sorted(found) == ["AB10000000", "AB10000001", "AB10000002"]
    by_code = {r.customer_code: r for r in found.values()}
    assert by_code["P1"].carrier_id == "/ABC+123" and not by_code["P1"].proof
    assert by_code["P2"].donation_code == "25885" and not by_code["P2"].proof
    assert by_code["P3"].proof and not by_code["P3"].b2b
    with unit_of_work(engine, write=False) as s:
        sales = {c: t for c, t in s.execute(select(CashSale.customer_id, CashSale.total))}
    for r in found.values():
        assert r.total == sales[r.customer_id] and r.untaxed + r.tax == r.total
        assert r.source.startswith("CS-") and r.invoice_date == DAY
        doc = einvoice.document(engine, r.number)
        assert doc.buyer.identifier == uniform.B2C_BUYER
        assert (doc.sales_amount, doc.tax_amount) == (r.total, 0)  # B2C: tax included
        assert sum(i.amount for i in doc.items) == r.total
    assert [k for k, _ in messages(engine)] == ["F0401"] * 3
    assert failed_checks(engine) == {}


def test_a_business_gets_a_b2b_invoice_with_the_tax_shown_apart(engine, seeded, shop):
    turn_on(engine, seeded)
    b = business(engine, seeded)
    deliver(engine, seeded, shop.lpg20, [b.id], day=DAY, payment="cash")
    (r,) = rows(engine).values()
    assert (r.b2b, r.buyer_tax_id, r.buyer_name) == (True, "04595257", "好味道小吃店有限公司")
    doc = einvoice.document(engine, r.number)
    assert (doc.sales_amount, doc.tax_amount, doc.total_amount) == (r.untaxed, r.tax, r.total)
    assert r.tax > 0 and doc.seller.identifier == "12345675"
    mig.validate("F0401", mig.invoice(doc))


def test_no_uniform_invoice_is_issued_while_they_are_off(engine, seeded, shop):
    c = make_customer(engine, seeded["manager"].actor, "C1", 100_000)
    deliver(engine, seeded, shop.lpg20, [c.id], day=DAY, payment="cash")
    assert rows(engine) == {} and messages(engine) == []


def test_running_out_of_numbers_refuses_the_confirmation_before_anything_is_saved(
        engine, seeded, shop):
    turn_on(engine, seeded, first="10000000", last="10000049")
    people = [consumer(engine, seeded, f"P{i}") for i in range(51)]
    placed, _ = on_route(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY,
                         payment="cash")
    clerk = seeded["clerk"].actor
    for o in placed[:50]:
        deliveries.confirm(engine, clerk, DeliveryInput(o.id, f"d-{o.id}", "delivered",
                                                        cash_collected=o.total))
    assert einvoice.usage(engine).warning
    last = placed[50]
    with pytest.raises(DomainError) as refused:
        deliveries.confirm(engine, clerk, DeliveryInput(last.id, "d-last", "delivered",
                                                        cash_collected=last.total))
    assert "No uniform invoice numbers are left" in refused.value.message()
    assert "Nothing was saved" in refused.value.message()
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(CashSale)) == 50
    # the next range goes on where the first ended
    einvoice.add_range(engine, seeded["manager"].actor, period=PERIOD, track="AB",
                       first="10000050", last="10000099")
    deliveries.confirm(engine, clerk, DeliveryInput(last.id, "d-last", "delivered",
                                                    cash_collected=last.total))
    assert "AB10000050" in rows(engine)
    assert failed_checks(engine) == {}


def test_a_manager_enters_ranges_in_books_of_fifty_typed_any_usual_way(engine, seeded):
    turn_on(engine, seeded, period=f"{DAY.year - 1911}-{DAY.month:02d}")
    manager = seeded["manager"].actor
    (r,) = einvoice.ranges(engine)
    assert (r.period, r.first_number, r.last_number, r.used) == (PERIOD, "AB10000000",
                                                                 "AB10000049", 0)
    bad = [dict(period="2026-13", track="AB", first="10000100", last="10000149"),
           dict(period=PERIOD, track="A1", first="10000100", last="10000149"),
           dict(period=PERIOD, track="AB", first="10000101", last="10000149"),
           dict(period=PERIOD, track="AB", first="10000100", last="10000148"),
           dict(period=PERIOD, track="AB", first="1000010", last="10000149"),
           dict(period=PERIOD, track="AB", first="10000200", last="10000149")]
    for args in bad:
        with pytest.raises(ValidationError):
            einvoice.add_range(engine, manager, **args)
    with pytest.raises(ValidationError) as overlap:
        einvoice.add_range(engine, manager, period=PERIOD, track="ab", first="10000000",
                           last="10000099")
    assert "overlaps" in overlap.value.field_errors["first"].message()
    with pytest.raises(DomainError):
        einvoice.add_range(engine, seeded["clerk"].actor, period=PERIOD, track="CD",
                           first="10000000", last="10000049")


def test_uniform_invoices_need_twd_the_companys_tax_id_and_the_qr_key(engine, seeded):
    admin = seeded["admin"].actor
    with pytest.raises(ValidationError) as refused:
        settings.update_company(engine, admin, tax_id="12345678", uniform_invoices="on")
    assert set(refused.value.field_errors) == {"tax_id", "einvoice_aes_key"}
    with pytest.raises(ValidationError) as refused:
        settings.update_company(engine, admin, einvoice_aes_key="XYZ")
    assert "einvoice_aes_key" in refused.value.field_errors
    assert settings.get_company(engine).uniform_invoices == ""


def test_a_customers_buyer_details_are_checked_as_typed(engine, seeded):
    manager = seeded["manager"].actor
    saved = customers.save(engine, manager, CustomerInput(
        name="陳小姐", carrier=" /abc.123 ", credit_limit=Decimal(0)))
    assert saved.carrier == "/ABC.123"
    cases = [dict(tax_id="12345678"), dict(carrier="/ABC12"), dict(donation_code="12"),
             dict(tax_id="04595257", carrier="/ABC+123"), dict(carrier="/ABC+123",
                                                               donation_code="25885")]
    for buyer in cases:
        with pytest.raises(ValidationError):
            customers.save(engine, manager, CustomerInput(name="X", **buyer))
    assert customers.save(engine, manager, CustomerInput(
        name="Y", tax_id="0459-5257")).tax_id == "04595257"


# --- the billing run ---------------------------------------------------------------------

MONTH = Period.of(DAY)  # billed as of the next month's first day
BILLED_ON = MONTH.end + timedelta(days=1)


def bill(engine, seeded):
    return billing.run(engine, seeded["manager"].actor, period=str(MONTH), today=BILLED_ON)


def test_a_monthly_invoice_gets_one_uniform_invoice_dated_the_months_last_day(
        engine, seeded, shop):
    turn_on(engine, seeded)
    b, p = business(engine, seeded), consumer(engine, seeded)
    deliver(engine, seeded, shop.lpg20, [b.id, p.id], day=DAY)
    assert bill(engine, seeded).invoices == 2
    found = rows(engine)
    assert len(found) == 2
    for r in found.values():
        assert r.invoice_date == MONTH.end and r.source.startswith("INV-")
    with unit_of_work(engine, write=False) as s:
        totals = dict(s.execute(select(Invoice.number, Invoice.total)).all())
    assert sorted(r.total for r in found.values()) == sorted(totals.values())
    assert failed_checks(engine) == {}


def test_a_billing_run_short_of_numbers_is_refused_before_any_invoice(engine, seeded, shop):
    turn_on(engine, seeded, first="10000000", last="10000049")
    with unit_of_work(engine) as s:  # 49 of the 50 used
        s.execute(einvoice._R.update().values(next=10000049))
    people = [consumer(engine, seeded, f"P{i}") for i in range(2)]
    deliver(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY)
    with pytest.raises(DomainError) as refused:
        bill(engine, seeded)
    assert "needs 2 uniform invoice numbers" in refused.value.message()
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Invoice)) == 0


# --- voids and allowances ------------------------------------------------------------------

def test_an_undone_cash_sale_voids_its_uniform_invoice(engine, seeded, shop):
    turn_on(engine, seeded)
    p = consumer(engine, seeded)
    (o,) = deliver(engine, seeded, shop.lpg20, [p.id], day=DAY, payment="cash")
    d = deliveries.for_order(engine, o.id)
    deliveries.undo(engine, seeded["manager"].actor, delivery_id=d.id, reason="送錯地址")
    (r,) = rows(engine).values()
    assert r.status == "void"
    assert messages(engine) == [("F0401", r.number), ("F0501", r.number)]
    assert failed_checks(engine) == {}


def test_a_credit_note_becomes_an_allowance_the_business_confirms_before_it_is_reported(
        engine, seeded, shop):
    turn_on(engine, seeded)
    b = business(engine, seeded)
    deliver(engine, seeded, shop.lpg20, [b.id], day=DAY, quantity=2)
    bill(engine, seeded)
    (r,) = rows(engine).values()
    approval = payments.Approval("manager", seeded["manager"].password)
    with unit_of_work(engine, write=False) as s:
        invoice_id = s.scalar(select(Invoice.id))
    payments.credit_note(engine, seeded["clerk"].actor, customer_id=b.id, amount="105",
                         reason="瓦斯不足", approval=approval, invoice_id=invoice_id)
    payments.credit_note(engine, seeded["clerk"].actor, customer_id=b.id, amount="210",
                         reason="價格更正", approval=approval, invoice_id=invoice_id)
    second, a = einvoice.allowances(engine)  # newest first: a second one on the same invoice
    assert (a.uniform_invoice, a.untaxed + a.tax, a.status, a.b2b) == (
        r.number, Decimal(105), "issued", True)
    assert a.tax == Decimal(5) and (second.untaxed, second.tax) == (200, 10)
    assert ("G0401", a.number) not in messages(engine)  # waits for the buyer
    einvoice.confirm_allowance(engine, seeded["manager"].actor, number=a.number)
    assert ("G0401", a.number) in messages(engine)
    einvoice.void_allowance(engine, seeded["manager"].actor, number=a.number,
                            reason="買方退回")
    assert ("G0501", a.number) in messages(engine)
    assert failed_checks(engine) == {}


def test_a_void_after_the_filing_deadline_is_an_allowance_for_the_whole(engine, seeded, shop):
    turn_on(engine, seeded)
    p = consumer(engine, seeded)
    deliver(engine, seeded, shop.lpg20, [p.id], day=DAY)
    bill(engine, seeded)
    (r,) = rows(engine).values()
    with unit_of_work(engine) as s:  # a test's way of making it an invoice of a filed period
        s.execute(UniformInvoice.__table__.update().values(
            invoice_date=DAY - timedelta(days=100)))
    with unit_of_work(engine, write=False) as s:
        invoice_id = s.scalar(select(Invoice.id))
    payments.void_invoice(engine, seeded["manager"].actor, invoice_id=invoice_id,
                          reason="重複開立")
    assert rows(engine)[r.number].status == "issued"
    (a,) = einvoice.allowances(engine)
    assert (a.untaxed + a.tax, a.status) == (r.total, "confirmed")  # a consumer's: at once
    assert ("G0401", a.number) in messages(engine)
    assert failed_checks(engine) == {}


# --- numbering under load ------------------------------------------------------------------

def test_eight_processes_take_numbers_without_a_gap_or_a_duplicate_across_a_range_boundary(
        engine, db_url, seeded, shop):
    turn_on(engine, seeded, first="10000000", last="10000049")
    einvoice.add_range(engine, seeded["manager"].actor, period=PERIOD, track="AC",
                       first="20000000", last="20000049")
    people = [make_customer(engine, seeded["manager"].actor, f"R{i:02d}", None)
              for i in range(64)]
    placed, _ = on_route(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY,
                         payment="cash")
    reports = racers.race_cash_confirmations(db_url, seeded["clerk"].actor, placed)
    assert [r["errors"] for r in reports] == [[]] * 8
    assert sum(r["confirmed"] for r in reports) == 64
    with unit_of_work(engine, write=False) as s:
        numbers = sorted(s.scalars(select(UniformInvoice.number)))
    assert numbers == [f"AB{n:08d}" for n in range(10000000, 10000050)] + \
        [f"AC{n:08d}" for n in range(20000000, 20000014)]
    assert failed_checks(engine) == {}


# --- reporting --------------------------------------------------------------------------------

def _files(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*.xml") if p.parent.name != einvoice.PENDING)


def test_export_writes_each_message_once_and_every_file_validates(engine, seeded, shop,
                                                                  tmp_path):
    turn_on(engine, seeded)
    people = [consumer(engine, seeded, "P1"), business(engine, seeded)]
    (o, _) = deliver(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY,
                     payment="cash")
    deliveries.undo(engine, seeded["manager"].actor,
                    delivery_id=deliveries.for_order(engine, o.id).id, reason="送錯")
    assert einvoice.backlog(engine).waiting == 3
    assert einvoice.export(engine, tmp_path) == 3
    assert einvoice.export(engine, tmp_path) == 0
    names = _files(tmp_path)
    assert [n.split("_")[0] for n in names] == ["F0401", "F0401", "F0501"]
    for path in tmp_path.rglob("*.xml"):
        mig.validate(path.parent.name, path.read_bytes())
    assert einvoice.backlog(engine).waiting == 0


def test_the_periods_unused_numbers_are_reported_once_it_has_ended(engine, seeded, shop,
                                                                   tmp_path):
    old = uniform.period_of(DAY) - 2 if DAY.month > 2 else (DAY.year - 1) * 100 + 11
    turn_on(engine, seeded, period=old)
    assert einvoice.export(engine, tmp_path) == 1  # its E0402
    (name,) = _files(tmp_path)
    assert name == f"E0402_{uniform.roc_period(old)}AB.xml"
    (r,) = einvoice.ranges(engine)
    assert r.closed
    with pytest.raises(DomainError):
        einvoice.add_range(engine, seeded["manager"].actor, period=old, track="AC",
                           first="10000000", last="10000049")


def _export_and_die(url: str, out: str, at: str, after: int) -> None:
    from core.db import make_engine

    seen = {"n": 0}

    def fault(name):
        if name == at:
            seen["n"] += 1
            if seen["n"] > after:
                os.kill(os.getpid(), signal.SIGKILL)

    einvoice.export(make_engine(url), out, fault=fault)


@pytest.mark.parametrize("at, after", [("file", 2), ("before_commit", 0), ("after_commit", 0)])
def test_a_killed_export_leaves_no_half_written_file_and_writes_nothing_twice(
        engine, db_url, seeded, shop, tmp_path, at, after):
    turn_on(engine, seeded)
    people = [consumer(engine, seeded, f"P{i}") for i in range(5)]
    deliver(engine, seeded, shop.lpg20, [c.id for c in people], day=DAY, payment="cash")
    ctx = multiprocessing.get_context("spawn")
    p = ctx.Process(target=_export_and_die, args=(db_url, str(tmp_path), at, after))
    p.start()
    p.join(120)
    assert p.exitcode == -signal.SIGKILL
    before = _files(tmp_path)
    assert before == ([] if at != "after_commit" else [])  # nothing in place yet
    written = einvoice.export(engine, tmp_path)
    names = _files(tmp_path)
    assert len(names) == len(set(names)) == 5
    assert written == (0 if at == "after_commit" else 5)
    assert list((tmp_path / einvoice.PENDING).glob("*.xml")) == []
    for path in tmp_path.rglob("F0401/*.xml"):
        mig.validate("F0401", path.read_bytes())


def test_roundsman_admin_exports_once_and_then_writes_nothing(engine, db_url, seeded, shop,
                                                              tmp_path, capsys):
    from core import cli

    turn_on(engine, seeded)
    deliver(engine, seeded, shop.lpg20, [consumer(engine, seeded).id], day=DAY, payment="cash")
    for expected in (1, 0):
        assert cli.main(["--db", db_url, "einvoice", "export", "--out", str(tmp_path),
                         "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == {"written": expected}
    assert len(_files(tmp_path)) == 1


def test_roundsman_admin_exports_through_the_office_server_as_a_manager(server, engine, seeded,
                                                                        shop, tmp_path):
    from tests.integration.test_server import admin_cli

    turn_on(engine, seeded)
    deliver(engine, seeded, shop.lpg20, [business(engine, seeded).id], day=DAY, payment="cash")
    refused = admin_cli(server, "einvoice", "export", "--out", str(tmp_path))
    assert refused.returncode == 2 and "Manager" in refused.stderr
    done = admin_cli(server, "einvoice", "export", "--out", str(tmp_path), "--json",
                     user="manager")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"written": 1}
    (path,) = tmp_path.rglob("F0401/*.xml")
    mig.validate("F0401", path.read_bytes())


def test_the_scheduled_export_writes_into_the_turnkey_folder_of_settings(engine, seeded, shop,
                                                                         tmp_path):
    assert einvoice.scheduled_export(engine) is None  # off
    turn_on(engine, seeded)
    deliver(engine, seeded, shop.lpg20, [consumer(engine, seeded).id], day=DAY, payment="cash")
    assert einvoice.scheduled_export(engine) is None  # no folder yet
    settings.update_company(engine, seeded["admin"].actor, turnkey_folder=str(tmp_path))
    assert einvoice.scheduled_export(engine) == 1
    assert einvoice.scheduled_export(engine) == 0
    assert len(_files(tmp_path)) == 1


def test_a_track_used_up_reports_no_unused_numbers(engine, seeded, tmp_path):
    old = uniform.period_of(DAY) - 2 if DAY.month > 2 else (DAY.year - 1) * 100 + 11
    turn_on(engine, seeded, period=old)
    with unit_of_work(engine) as s:  # every number given (as if 50 invoices were issued)
        s.execute(einvoice._R.update().values(next=10000050))
    assert einvoice.export(engine, tmp_path) == 0
    assert einvoice.ranges(engine)[0].closed
