"""As-you-type customer search over code, name, phone, area, address and contact.

Each query term must be a substring of the customer's ``search_text``.  To
avoid reading every customer, the search picks the query's rarest bigram from
``customer_gram`` (counting each bigram's postings only up to a cap) and checks
just the customers that have it.  A term that looks like the start of a code
also reads the code index directly, so "C0012" lists C001200... first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.models import Customer, CustomerGram
from core.search import grams, query_terms
from core.services.customers import display_phone

_CAP = 2000


@dataclass(frozen=True)
class CustomerRow:
    id: int
    code: str
    name: str
    phone: str
    area: str
    address: str
    credit_limit: Decimal
    active: bool


_COLUMNS = (Customer.id, Customer.code, Customer.name, Customer.phone, Customer.area,
            Customer.address, Customer.credit_limit, Customer.active)


def _row(r) -> CustomerRow:
    return CustomerRow(r.id, r.code, r.name, display_phone(r.phone), r.area, r.address,
                       r.credit_limit, r.active)


def search(engine: Engine, query: str, *, limit: int = 100,
           include_inactive: bool = False) -> list[CustomerRow]:
    with unit_of_work(engine, write=False) as s:
        return search_in(s, query, limit=limit, include_inactive=include_inactive)


def search_in(s: Session, query: str, *, limit: int = 100,
              include_inactive: bool = False) -> list[CustomerRow]:
    terms = query_terms(query)
    base = select(*_COLUMNS)
    if not include_inactive:
        base = base.where(Customer.active.is_(True))
    if not terms:
        return [_row(r) for r in s.execute(base.order_by(Customer.code).limit(limit))]
    matches = and_(*(Customer.search_text.contains(t, autoescape=True) for t in terms))
    found: list = []
    code = terms[0].upper()
    if len(terms) == 1 and code.isascii() and code.isalnum() and code[0].isalpha():
        upper = code[:-1] + chr(ord(code[-1]) + 1)
        found = list(s.execute(base.where(Customer.code >= code, Customer.code < upper, matches)
                               .order_by(Customer.code).limit(limit)))
        if len(found) >= limit:
            return [_row(r) for r in found]
    seen = {r.id for r in found}
    gram = _rarest_gram(s, terms)
    if gram is None:  # only one-character terms: a scan, cut short by the limit
        q = base.where(matches).order_by(Customer.id)
    elif gram == "":
        q = None  # some bigram occurs nowhere: no customer can match
    else:
        q = (base.join(CustomerGram, CustomerGram.customer_id == Customer.id)
             .where(CustomerGram.gram == gram, matches).order_by(CustomerGram.customer_id))
    if q is not None:
        for r in s.execute(q.limit(limit + len(seen))):
            if r.id not in seen:
                found.append(r)
                if len(found) >= limit:
                    break
    return [_row(r) for r in found]


def _rarest_gram(s: Session, terms: list[str]) -> str | None:
    """The query's bigram with the fewest postings ('' if one has none; None if no bigram)."""
    best: tuple[int, str] | None = None
    for gram in sorted(grams(*terms)):
        capped = select(CustomerGram.customer_id).where(CustomerGram.gram == gram).limit(_CAP)
        n = s.scalar(select(func.count()).select_from(capped.subquery()))
        if n == 0:
            return ""
        if best is None or n < best[0]:
            best = (n, gram)
    return best[1] if best else None
