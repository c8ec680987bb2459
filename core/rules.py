"""The business rules a window previews and a service applies, written once.

Pure functions of plain values: no session, no Qt.  A service calls them on what it
read; a window calls the same function on what the user typed, so the figure it shows
before saving is the figure the core will store (Cosmic Python's domain model, tested
without a database in ``tests/unit/test_rules.py``).

- a line's amount and tax, rounded at each line by the currency's rules, and the totals
  of a set of lines (``price``, ``totals``); an invoice's tax by line or on the total per
  rate (``invoice_tax``);
- the payment an order defaults to (``default_payment``);
- where a payment goes: the oldest open invoices first (``oldest_first``);
- the exposure a customer's balance and open orders on account add up to
  (``exposure``, ``running_exposure``);
- what a delivery defaults to: an empty back for each full cylinder, and the cash a
  cash order collects (``default_empties``, ``cash_due``);
- the billing period a month's run defaults to (``billing_period``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from core.money import quantize
from core.periods import Period

ZERO = Decimal(0)
K = TypeVar("K", bound=Hashable)


# --- lines and totals -----------------------------------------------------------------

@dataclass(frozen=True)
class Priced:
    """One line's money: its amount (quantity × unit price) and its tax, each rounded."""

    amount: Decimal
    tax: Decimal
    rate: Decimal = ZERO


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal = ZERO
    tax: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.tax


def price(quantity: Decimal, unit_price: Decimal, tax_rate: Decimal, currency: str) -> Priced:
    """A line's amount and tax, each rounded by the currency's rules at the line."""
    amount = quantize(quantity * unit_price, currency)
    return Priced(amount, quantize(amount * tax_rate, currency), tax_rate)


def totals(lines: Iterable[Priced]) -> Totals:
    """The subtotal and tax of priced lines: sums of what each line rounded to."""
    subtotal = tax = ZERO
    for line in lines:
        subtotal += line.amount
        tax += line.tax
    return Totals(subtotal, tax)


def invoice_tax(lines: Iterable[Priced], rounding: str, currency: str) -> Decimal:
    """An invoice's tax: the sum of its lines' taxes (``rounding`` "line"), or, for
    "total", each tax rate's summed amounts taxed and rounded once."""
    lines = list(lines)
    if rounding != "total":
        return sum((x.tax for x in lines), ZERO)
    by_rate: dict[Decimal, Decimal] = {}
    for x in lines:
        by_rate[x.rate] = by_rate.get(x.rate, ZERO) + x.amount
    return sum((quantize(amount * rate, currency) for rate, amount in by_rate.items()), ZERO)


# --- orders, credit and payments --------------------------------------------------------

def default_payment(credit_limit: Decimal) -> str:
    """A customer with a credit limit buys on account; one without pays cash."""
    return "account" if credit_limit > 0 else "cash"


def holds_credit(payment: str) -> bool:
    """Whether an open order with this payment counts against the credit limit (cash
    on delivery does not)."""
    return payment == "account"


def exposure(balance: Decimal, open_orders: Iterable[tuple[str, Decimal]]) -> Decimal:
    """What a customer owes and has ordered on account: the balance plus the totals of
    the open orders (``(payment, total)`` pairs) that hold credit."""
    return running_exposure(balance, open_orders)[-1]


def running_exposure(balance: Decimal, open_orders: Iterable[tuple[str, Decimal]]
                     ) -> list[Decimal]:
    """The exposure after the balance and after each order in turn (first: the balance)."""
    out = [balance]
    for payment, total in open_orders:
        out.append(out[-1] + (total if holds_credit(payment) else ZERO))
    return out


def oldest_first(amount: Decimal, open_items: Iterable[tuple[K, Decimal]]
                 ) -> list[tuple[K, Decimal]]:
    """Where ``amount`` goes on open items given oldest first (key, open amount): each
    takes what it lacks until the amount runs out.  What is not placed is
    ``amount - sum(parts)``."""
    out: list[tuple[K, Decimal]] = []
    for key, open_amount in open_items:
        if amount <= 0:
            break
        part = min(amount, open_amount)
        if part > 0:
            out.append((key, part))
            amount -= part
    return out


# --- deliveries -------------------------------------------------------------------------

def default_empties(unit: str, delivered: Decimal | None) -> int:
    """The empties a driver brings back: one for each full cylinder delivered."""
    if unit != "cylinder" or delivered is None or delivered <= 0:
        return 0
    return int(delivered)


def cash_due(payment: str, lines: Iterable[tuple[Decimal, Decimal, Decimal]],
             currency: str, rounding: str = "line") -> Decimal:
    """What a driver collects for the delivered ``(quantity, unit price, tax rate)``
    lines: for a cash order, its cash sale's total (the tax rounded as the company
    rounds it, ``rounding``); nothing for one on account."""
    if payment != "cash":
        return ZERO
    return sale_total([price(q, p, r, currency) for q, p, r in lines], rounding, currency)


def sale_total(lines: Iterable[Priced], rounding: str, currency: str) -> Decimal:
    """A sale's total: its lines' amounts and the tax as ``invoice_tax`` rounds it."""
    lines = list(lines)
    return totals(lines).subtotal + invoice_tax(lines, rounding, currency)


# --- billing ----------------------------------------------------------------------------

def billing_period(today: date | None = None) -> Period:
    """The month a billing run defaults to: the one before ``today``'s."""
    return Period.of(today or date.today()).previous()
