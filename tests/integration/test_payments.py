"""Payments, refunds, credit notes, voided invoices, aging and overdue blocking on SQLite
and PostgreSQL: every movement in the customer's ledger, the balance its sum, an
invoice's open amount its total less its allocations."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select

from core.db import unit_of_work
from core.errors import (
    AuthenticationFailed,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from core.models import CreditNote, Invoice, LedgerEntry, Payment
from core.queries import aging
from core.queries import credit as credit_list
from core.services import (cash_sales, credit, deliveries, dispatch, exports, fleet, orders,
                           payments, settings, users)
from core.services.payments import Approval
from tests.integration.money import balance, deliver, invoice, ledger_sum
from tests.integration.shop import (
    LPG20_TOTAL,
    failed_checks,
    line,
    make_customer,
    make_products,
    order_for,
)

DAY = date.today() + timedelta(days=1)
YEAR = date.today().year


@pytest.fixture
def shop(engine, seeded):
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def customer(engine, seeded):
    return make_customer(engine, seeded["manager"].actor, "C1", 100_000)


@pytest.fixture
def three_invoices(engine, seeded, shop, customer):
    """Three invoices of one LPG-20 each (945): the third is due first, the first two on
    the same day (so by number)."""
    made = []
    for n in range(3):
        deliver(engine, seeded, shop.lpg20, [customer.id], day=DAY + timedelta(days=n))
        made.append(invoice(engine, seeded, customer.id, today=DAY + timedelta(days=n),
                            due=DAY + timedelta(days=5 if n < 2 else 1)))
    return made


def consistent(engine, *customer_ids) -> bool:
    return all(balance(engine, c) == ledger_sum(engine, c) for c in customer_ids) \
        and failed_checks(engine) == {}


def opens(engine, customer_id) -> list[tuple[str, Decimal]]:
    return [(i.number, i.open) for i in payments.open_invoices(engine, customer_id)]


def failed_logins(engine, username: str) -> int:
    return next(u.failed_logins for u in users.list_users(engine) if u.username == username)


# --- payments -----------------------------------------------------------------------------

def test_a_payment_goes_to_the_oldest_due_invoices_and_what_is_left_is_credit_paid_back(
        engine, seeded, customer, three_invoices):
    first, second, third = three_invoices
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    assert balance(engine, customer.id) == 3 * LPG20_TOTAL
    p = payments.record_payment(engine, clerk, customer_id=customer.id, method="cash",
                                amount="1500", received_on=DAY)
    assert [(a.invoice_number, a.amount) for a in p.allocations] == [
        (third.number, LPG20_TOTAL), (first.number, Decimal(1500) - LPG20_TOTAL)]
    assert (p.unallocated, p.balance) == (0, 3 * LPG20_TOTAL - 1500)
    assert opens(engine, customer.id) == [(first.number, 2 * LPG20_TOTAL - 1500),
                                          (second.number, LPG20_TOTAL)]
    # A partial payment, then one more than is owed: the rest stays as credit.
    p2 = payments.record_payment(engine, clerk, customer_id=customer.id, method="transfer",
                                 amount=2000, received_on=DAY, reference="ATM 0921")
    assert p2.allocated == 3 * LPG20_TOTAL - 1500 and p2.unallocated == 3500 - 3 * LPG20_TOTAL
    assert opens(engine, customer.id) == []
    credit_left = Decimal(3500) - 3 * LPG20_TOTAL
    assert balance(engine, customer.id) == -credit_left  # the customer's credit
    assert payments.unallocated(engine, customer.id) == credit_left
    assert credit.summary(engine, customer.id).balance == -credit_left
    with pytest.raises(PermissionDenied):
        payments.refund(engine, clerk, customer_id=customer.id, amount=credit_left,
                        method="cash", reason="退還溢付")
    with pytest.raises(ValidationError, match="in credit; a refund cannot be more"):
        payments.refund(engine, manager, customer_id=customer.id, amount=credit_left + 1,
                        method="cash", reason="退還溢付")
    back = payments.refund(engine, manager, customer_id=customer.id, amount=credit_left,
                           method="transfer", reason="退還溢付")
    assert (back.kind, back.amount, back.balance) == ("refund", credit_left, 0)
    assert payments.unallocated(engine, customer.id) == 0
    with pytest.raises(ValidationError):
        payments.refund(engine, manager, customer_id=customer.id, amount=1, method="cash",
                        reason="again")
    with unit_of_work(engine, write=False) as s:
        kinds = [(k, a) for k, a in s.execute(select(LedgerEntry.kind, LedgerEntry.amount)
                                              .order_by(LedgerEntry.id))]
    assert kinds[-3:] == [("payment", Decimal(-1500)), ("payment", Decimal(-2000)),
                          ("refund", credit_left)]
    assert consistent(engine, customer.id)


def test_a_cheque_needs_its_number_bank_and_date_and_amounts_their_decimals(
        engine, seeded, customer):
    clerk = seeded["clerk"].actor
    with pytest.raises(ValidationError) as refused:
        payments.record_payment(engine, clerk, customer_id=customer.id, method="cheque",
                                amount=500, received_on=DAY)
    assert set(refused.value.field_errors) == {"cheque_number", "cheque_bank", "cheque_date"}
    for bad in ("0", "-5", "12.5", "abc", ""):
        with pytest.raises(ValidationError) as refused:
            payments.record_payment(engine, clerk, customer_id=customer.id, method="cash",
                                    amount=bad, received_on=DAY)
        assert "amount" in refused.value.field_errors
    with pytest.raises(ValidationError) as refused:
        payments.record_payment(engine, clerk, customer_id=customer.id, method="bitcoin",
                                amount=5, received_on=DAY)
    assert set(refused.value.field_errors) == {"method"}
    with pytest.raises(PermissionDenied):
        payments.record_payment(engine, seeded["dispatcher"].actor, customer_id=customer.id,
                                method="cash", amount=5, received_on=DAY)
    p = payments.record_payment(engine, clerk, customer_id=customer.id, method="cheque",
                                amount=500, received_on=DAY, cheque_number=" AB 123456 ",
                                cheque_bank="台灣銀行", cheque_date=DAY + timedelta(days=10))
    assert (p.cheque_number, p.cheque_bank, p.cheque_date) == ("AB 123456", "台灣銀行",
                                                               DAY + timedelta(days=10))
    assert p.unallocated == 500 and p.balance == -500  # nothing invoiced: all credit
    with pytest.raises(NotFound):
        payments.record_payment(engine, clerk, customer_id=999_999, method="cash", amount=5)
    assert consistent(engine, customer.id)


def test_by_hand_each_allocation_within_its_invoice_and_all_within_the_payment(
        engine, seeded, shop, customer, three_invoices):
    first, second, third = three_invoices
    clerk = seeded["clerk"].actor
    other = make_customer(engine, seeded["manager"].actor, "C2", 100_000)
    deliver(engine, seeded, shop.lpg20, [other.id], day=DAY)
    theirs = invoice(engine, seeded, other.id, today=DAY + timedelta(days=3))

    def pay(amount, allocations):
        return payments.record_payment(engine, clerk, customer_id=customer.id, method="cash",
                                       amount=amount, received_on=DAY, allocations=allocations)

    with pytest.raises(ValidationError, match="only"):  # more than the invoice's open amount
        pay(2000, [(second.id, LPG20_TOTAL + 1)])
    with pytest.raises(ValidationError, match="only"):  # twice the same invoice, too much
        pay(2000, [(second.id, 900), (second.id, 100)])
    with pytest.raises(ValidationError, match="more than the payment"):
        pay(1000, [(second.id, 900), (first.id, 200)])
    with pytest.raises(ValidationError, match="not an open invoice of this customer"):
        pay(1000, [(theirs.id, 100)])
    with pytest.raises(ValidationError):
        pay(1000, [(second.id, 0)])
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0  # nothing written
    p = pay(1000, [(second.id, 900)])  # by hand: the newest invoice, not the oldest
    assert [(a.invoice_number, a.amount) for a in p.allocations] == [(second.number, 900)]
    assert p.unallocated == 100
    # The rest placed later, by hand: within the payment and the invoice.
    with pytest.raises(ValidationError, match="left to allocate"):
        payments.allocate(engine, clerk, payment_id=p.id, invoice_id=first.id, amount=101)
    with pytest.raises(ValidationError, match="not an open invoice"):
        payments.allocate(engine, clerk, payment_id=p.id, invoice_id=theirs.id, amount=50)
    after = payments.allocate(engine, clerk, payment_id=p.id, invoice_id=first.id, amount=100)
    assert after.unallocated == 0
    assert opens(engine, customer.id) == [(third.number, LPG20_TOTAL),
                                          (first.number, LPG20_TOTAL - 100),
                                          (second.number, LPG20_TOTAL - 900)]
    assert consistent(engine, customer.id, other.id)


def test_a_payment_before_the_invoice_is_credit_applied_to_it_later(
        engine, seeded, shop, customer):
    clerk = seeded["clerk"].actor
    deliver(engine, seeded, shop.lpg20, [customer.id], day=DAY)
    p = payments.record_payment(engine, clerk, customer_id=customer.id, method="cash",
                                amount=LPG20_TOTAL, received_on=DAY)
    assert p.allocations == () and p.balance == 0  # paid what was delivered, not invoiced
    inv = invoice(engine, seeded, customer.id, today=DAY)
    assert opens(engine, customer.id) == [(inv.number, LPG20_TOTAL)]
    placed = payments.apply_credit(engine, clerk, customer_id=customer.id)
    assert [(a.invoice_number, a.amount) for a in placed] == [(inv.number, LPG20_TOTAL)]
    assert opens(engine, customer.id) == []
    assert payments.apply_credit(engine, clerk, customer_id=customer.id) == []
    assert consistent(engine, customer.id)


def test_submitting_the_same_payment_twice_records_it_once(engine, seeded, customer):
    clerk = seeded["clerk"].actor
    kwargs = {"customer_id": customer.id, "method": "cash", "amount": 300,
              "received_on": DAY, "request_key": "pay-dialog-1"}
    first = payments.record_payment(engine, clerk, **kwargs)
    again = payments.record_payment(engine, clerk, **kwargs)
    assert again.id == first.id
    assert balance(engine, customer.id) == -300
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
    assert consistent(engine, customer.id)


# --- credit notes and voids ---------------------------------------------------------------

def test_a_credit_note_needs_another_managers_own_password(
        engine, seeded, customer, three_invoices):
    first = three_invoices[0]
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    good = Approval("manager", seeded["manager"].password)

    def note(actor, approval, **kw):
        return payments.credit_note(engine, actor, customer_id=customer.id,
                                    amount=kw.pop("amount", 200), reason=kw.pop("reason", "破損"),
                                    approval=approval, **kw)

    with pytest.raises(PermissionDenied, match="own request"):  # a manager asks and approves
        note(manager, good)
    with pytest.raises(PermissionDenied, match="not a manager"):
        note(clerk, Approval("clerk", seeded["clerk"].password))
    before = failed_logins(engine, "manager")
    with pytest.raises(AuthenticationFailed):
        note(clerk, Approval("manager", "wrong password"))
    assert failed_logins(engine, "manager") == before + 1  # counts towards the lockout
    with pytest.raises(ValidationError):  # the reason first, before any password is tried
        note(clerk, Approval("manager", "wrong again"), reason="  ")
    with pytest.raises(ValidationError):
        note(clerk, Approval("manager", "wrong again"), amount=0)
    assert failed_logins(engine, "manager") == before + 1
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(func.count()).select_from(CreditNote)) == 0
    cn = note(clerk, good, invoice_id=first.id)
    assert (cn.number, cn.amount, cn.requested_by, cn.approved_by) == (
        f"CN-{YEAR}-000001", 200, "clerk", "manager")
    assert [(a.invoice_number, a.amount) for a in cn.allocations] == [(first.number, 200)]
    assert balance(engine, customer.id) == 3 * LPG20_TOTAL - 200
    # Bigger than what the invoice has open: the rest stays as credit, placed later.
    big = note(clerk, good, amount=LPG20_TOTAL, invoice_id=first.id)
    assert big.number == f"CN-{YEAR}-000002"
    assert (big.allocated, big.unallocated) == (LPG20_TOTAL - 200, 200)
    second = three_invoices[1]
    later = payments.allocate(engine, clerk, credit_note_id=big.id, invoice_id=second.id,
                              amount=200)
    assert later.unallocated == 0
    # Another manager (the administrator) approves a manager's request.
    by_admin = note(manager, Approval("admin", seeded["admin"].password))
    assert by_admin.approved_by == "admin" and by_admin.unallocated == 200
    assert consistent(engine, customer.id)


def test_voiding_an_invoice_credits_it_in_full_and_keeps_it(
        engine, seeded, customer, three_invoices):
    first, second, _ = three_invoices
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    with pytest.raises(PermissionDenied):
        payments.void_invoice(engine, clerk, invoice_id=first.id, reason="開錯")
    with pytest.raises(ValidationError):
        payments.void_invoice(engine, manager, invoice_id=first.id, reason="")
    payments.credit_note(engine, clerk, customer_id=customer.id, amount=100, reason="折讓",
                         invoice_id=first.id,
                         approval=Approval("manager", seeded["manager"].password))
    cn = payments.void_invoice(engine, manager, invoice_id=first.id, reason="開錯")
    assert (cn.voids, cn.amount, cn.invoice_id) == (True, LPG20_TOTAL - 100, first.id)
    assert cn.approved_by == cn.requested_by == "manager"
    with unit_of_work(engine, write=False) as s:
        kept = s.get(Invoice, first.id)
        assert (kept.status, kept.total, len(kept.lines)) == ("void", LPG20_TOTAL, 1)
    assert balance(engine, customer.id) == 2 * LPG20_TOTAL
    assert first.number not in dict(opens(engine, customer.id))
    with pytest.raises(DomainError, match="void already"):
        payments.void_invoice(engine, manager, invoice_id=first.id, reason="again")
    # Paid in part: refused (a credit note for the disputed part instead).
    payments.record_payment(engine, clerk, customer_id=customer.id, method="cash", amount=10,
                            allocations=[(second.id, 10)])
    with pytest.raises(DomainError, match="payments allocated"):
        payments.void_invoice(engine, manager, invoice_id=second.id, reason="開錯")
    with pytest.raises(NotFound):
        payments.void_invoice(engine, manager, invoice_id=999_999, reason="x")
    assert consistent(engine, customer.id)


def test_ledger_rows_are_never_changed_or_deleted(engine, seeded, customer):
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=customer.id,
                            method="cash", amount=300)
    for statement in ("UPDATE ledger_entry SET amount = 0", "DELETE FROM ledger_entry"):
        with pytest.raises(Exception, match="never changed or deleted"), \
                engine.begin() as conn:
            conn.exec_driver_sql(statement)
    assert ledger_sum(engine, customer.id) == -300 == balance(engine, customer.id)


# --- aging and overdue --------------------------------------------------------------------

def test_aging_puts_open_amounts_in_buckets_by_days_past_the_due_date(
        engine, seeded, shop, customer):
    as_of = DAY + timedelta(days=200)
    dues = [as_of + timedelta(days=3), as_of, as_of - timedelta(days=1),
            as_of - timedelta(days=30), as_of - timedelta(days=31), as_of - timedelta(days=75),
            as_of - timedelta(days=91)]
    for n, due in enumerate(dues):
        deliver(engine, seeded, shop.lpg20, [customer.id], day=DAY + timedelta(days=n))
        invoice(engine, seeded, customer.id, today=DAY + timedelta(days=n), due=due)
    payments.record_payment(engine, seeded["clerk"].actor, customer_id=customer.id,
                            method="cash", amount=45)  # on the oldest: 90+ is 900
    [row] = aging.aging(engine, as_of=as_of)
    t = LPG20_TOTAL
    assert (row.code, row.current, row.d0_30, row.d31_60, row.d61_90, row.d90_plus) == (
        "C1", 2 * t, 2 * t, t, t, t - 45)
    assert row.total == 7 * t - 45 == balance(engine, customer.id)
    assert aging.aging(engine, as_of=DAY - timedelta(days=1)) == []  # nothing issued yet
    # The credit summary's buckets are today's: all these due dates are still ahead.
    assert credit.summary(engine, customer.id).overdue == (0, 0, 0, 0)


def test_the_credit_summary_shows_overdue_invoices_by_age(engine, seeded, shop, customer):
    other = make_customer(engine, seeded["manager"].actor, "C2", 100_000)
    today = date.today()
    deliver(engine, seeded, shop.lpg20, [customer.id, other.id], day=DAY)
    invoice(engine, seeded, customer.id, today=DAY, due=today - timedelta(days=40))
    deliver(engine, seeded, shop.lpg20, [customer.id], day=DAY + timedelta(days=1), quantity=2)
    invoice(engine, seeded, customer.id, today=DAY + timedelta(days=1),
            due=today - timedelta(days=5))
    t = LPG20_TOTAL
    assert credit.summary(engine, customer.id).overdue == (2 * t, t, 0, 0)
    listed = {r.code: r.overdue for r in credit_list.customers(engine)}
    assert listed == {"C1": (2 * t, t, 0, 0), "C2": (0, 0, 0, 0)}


def test_an_invoice_too_long_overdue_blocks_orders_on_account_when_the_company_says_so(
        engine, seeded, shop, customer):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    deliver(engine, seeded, shop.lpg20, [customer.id], day=DAY)
    late = invoice(engine, seeded, customer.id, today=DAY,
                   due=date.today() - timedelta(days=45))
    an_order = order_for(customer, line(shop.lpg20), delivery_date=DAY, payment="account")
    orders.place(engine, clerk, an_order)  # the setting is 0: never blocks
    settings.update_company(engine, manager, block_overdue_days="30")
    with pytest.raises(orders.OverdueRefused) as refused:
        orders.place(engine, clerk, an_order)
    assert late.number in str(refused.value) and "45 days" in str(refused.value)
    with pytest.raises(orders.OverdueRefused):  # a credit override does not lift it
        orders.place(engine, clerk, an_order, override=orders.OverrideRequest(
            "manager", seeded["manager"].password, "老客戶"))
    cash = orders.place(engine, clerk, order_for(customer, line(shop.lpg20), delivery_date=DAY,
                                                 payment="cash"))
    assert cash.payment == "cash"  # cash on delivery is still taken
    settings.update_company(engine, manager, block_overdue_days="60")
    orders.place(engine, clerk, an_order)  # 45 days is within 60
    settings.update_company(engine, manager, block_overdue_days="30")
    payments.record_payment(engine, clerk, customer_id=customer.id, method="cash",
                            amount=LPG20_TOTAL)
    orders.place(engine, clerk, an_order)  # paid: accepted again
    assert consistent(engine, customer.id)


# --- exports ------------------------------------------------------------------------------

def test_the_accountants_exports_neutralise_formulas(engine, seeded, customer, three_invoices,
                                                     tmp_path):
    clerk = seeded["clerk"].actor
    payments.record_payment(engine, clerk, customer_id=customer.id, method="transfer",
                            amount=1000, received_on=DAY, reference="=HYPERLINK(\"x\")")
    period = three_invoices[0].issue_date.strftime("%Y-%m")
    rows = exports.invoices_rows(engine, period)
    assert [r[0] for r in rows] == sorted(
        i.number for i in three_invoices if i.issue_date.strftime("%Y-%m") == period)
    [paid] = exports.payments_rows(engine, DAY, DAY)
    assert paid[5] == 1000 and paid[9].startswith("=") and paid[11] == 0
    assert paid[10].count("INV-") == 2  # the third invoice, then part of the first
    xlsx, csv_path = tmp_path / "p.xlsx", tmp_path / "p.csv"
    exports.write_xlsx(xlsx, exports.PAYMENT_HEADER, [paid], title="Payments")
    exports.write_csv(csv_path, exports.PAYMENT_HEADER, [paid, ("@SUM(A1)", Decimal("-12.50"))])
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet["J2"].value == "'=HYPERLINK(\"x\")" and sheet["F2"].value == 1000
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[1][9] == "'=HYPERLINK(\"x\")" and lines[1][0] == DAY.isoformat()
    assert lines[2] == ["'@SUM(A1)", "-12.50"]  # a negative amount stays a number


def test_the_accountants_cash_sales_are_the_months_by_number_a_voided_one_with_its_status(
        engine, seeded, shop, tmp_path):
    manager, clerk, driver = (seeded[n].actor for n in ("manager", "clerk", "dispatcher"))
    settings.update_company(engine, seeded["admin"].actor, depot_lat="24.16",
                            depot_lon="120.63")
    van = fleet.save_vehicle(engine, driver, plate="CS-1", capacity=100)
    people = [make_customer(engine, manager, code, 0, name=name)
              for code, name in (("K1", "陳記麵館"), ("K2", "=幸福早餐店"))]
    placed = [orders.place(engine, clerk, order_for(c, line(shop.lpg20, n),
                                                    delivery_date=DAY))
              for n, c in enumerate(people, start=1)]
    route = next(r.id for r in dispatch.move(engine, driver, order_id=placed[0].id,
                                             route_id=None, vehicle_id=van.id).routes)
    dispatch.move(engine, driver, order_id=placed[1].id, route_id=route)
    dispatch.confirm(engine, driver, day=DAY)
    done = [deliveries.confirm(engine, driver, deliveries.DeliveryInput(
        o.id, f"d-{o.id}", "delivered", cash_collected=o.total - 45 * n))
        for n, o in enumerate(placed)]
    deliveries.undo(engine, manager, delivery_id=done[1].id, reason="送錯")
    sales = [cash_sales.of_delivery(engine, d.id) for d in done]
    rows = exports.cash_sales_rows(engine, period=DAY.strftime("%Y-%m"))
    assert rows == [
        (sales[0].number, DAY, "K1", "陳記麵館", placed[0].number, Decimal(900),
         Decimal(45), LPG20_TOTAL, LPG20_TOTAL, "posted"),
        (sales[1].number, DAY, "K2", "=幸福早餐店", placed[1].number, Decimal(1800),
         Decimal(90), 2 * LPG20_TOTAL, 2 * LPG20_TOTAL - 45, "void")]
    next_month = (DAY.replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    assert exports.cash_sales_rows(engine, period=next_month) == []
    target = tmp_path / "cash.csv"
    exports.write_csv(target, exports.CASH_SALE_HEADER, rows)
    lines = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0][:3] == ["Cash sale", "Date", "Customer code"]
    assert lines[2][3] == "'=幸福早餐店" and Decimal(lines[2][7]) == 2 * LPG20_TOTAL
