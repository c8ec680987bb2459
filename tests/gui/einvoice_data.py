"""Uniform invoices to show, for the Uniform invoices window tests (not a test module).

Everything goes through the services as the users' input would: an administrator turns
uniform invoices on (the company's 統一編號 and AES key), a manager enters this period's
range AB 10000000–10000049, and cash deliveries issue the invoices at their confirmation.
``invoiced`` makes one of each kind of buyer and an allowance waiting for its buyer:

- AB10000000 B1 好味道小吃店 (a business, 統一編號 04595257), a cash sale: an A4 proof;
- AB10000001 P1 陳小姐 with a mobile barcode carrier: no proof;
- AB10000002 P2 林先生 with a donation code: no proof;
- AB10000003 P3 王太太, a printed proof (57 mm);
- AB10000004 B2 老張麵館 (a business) invoiced on account, then a credit note of NT$105 on
  it: an allowance the buyer has yet to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core import uniform
from core.services import billing, customers, einvoice, payments, settings
from core.services.customers import CustomerInput
from core.services.einvoice import RangeView
from tests.integration.money import deliver
from tests.integration.shop import Shop, make_products

KEY = "0123456789ABCDEF0123456789ABCDEF"
PERIOD = uniform.period_of(date.today())


def turn_on(engine, users, *, first: str = "10000000", last: str = "10000049",
            track: str = "AB") -> RangeView:
    """Uniform invoices on (as an administrator does in Settings) and this period's first
    range entered by a manager."""
    settings.update_company(engine, users["admin"].actor, name="大台中瓦斯行",
                            tax_id="12345675", uniform_invoices="on", einvoice_aes_key=KEY)
    return einvoice.add_range(engine, users["manager"].actor, period=PERIOD, track=track,
                              first=first, last=last)


def customer(engine, users, code: str, name: str, **buyer):
    return customers.save(engine, users["manager"].actor, CustomerInput(
        code=code, name=name, credit_limit=Decimal(100_000), **buyer))


@dataclass(frozen=True)
class Invoiced:
    shop: Shop
    people: dict[str, int]  # customer code -> id
    numbers: dict[str, str]  # customer code -> its uniform invoice's number
    allowance: str  # B2's allowance, waiting for the buyer


def invoiced(engine, users) -> Invoiced:
    """Uniform invoices on, and the five invoices and one allowance of the module's list."""
    turn_on(engine, users)
    shop = make_products(engine, users["manager"].actor)
    people = {c.code: c.id for c in (
        customer(engine, users, "B1", "好味道小吃店", tax_id="04595257",
                 invoice_title="好味道小吃店有限公司"),
        customer(engine, users, "P1", "陳小姐", carrier="/ABC+123"),
        customer(engine, users, "P2", "林先生", donation_code="25885"),
        customer(engine, users, "P3", "王太太"),
        customer(engine, users, "B2", "老張麵館", tax_id="53212539"))}
    today = date.today()
    deliver(engine, users, shop.lpg20, [people[c] for c in ("B1", "P1", "P2", "P3")],
            day=today, payment="cash")
    deliver(engine, users, shop.lpg20, [people["B2"]], day=today, quantity=2)
    invoice = billing.invoice_now(engine, users["manager"].actor, customer_id=people["B2"])
    payments.credit_note(engine, users["clerk"].actor, customer_id=people["B2"], amount="105",
                         reason="瓦斯不足", invoice_id=invoice.id,
                         approval=payments.Approval("manager", users["manager"].password))
    numbers = {r.customer_code: r.number for r in einvoice.list_uniform_invoices(engine)}
    (allowance,) = einvoice.allowances(engine)
    return Invoiced(shop, people, numbers, allowance.number)


def sell(engine, users, data: Invoiced, code: str, count: int) -> None:
    """``count`` more cash sales to ``code``, each taking the next number."""
    deliver(engine, users, data.shop.lpg20, [data.people[code]] * count, day=date.today(),
            payment="cash")
