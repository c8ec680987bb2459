"""As-you-type customer search over code, name, phone, area, address and contact.

Three index paths, so a search never reads every customer:
- digits only (a phone number being typed, or its last digits): index ranges
  on the code, the phone's national digits (prefix) and the reversed digits
  (suffix);
- something that looks like the start of a code ("C0012"): the code index;
- anything else: each term must be a substring of ``search_text``; the query's
  rarest bigram is looked up in ``customer_gram`` (each bigram's postings are
  counted only up to a cap; a query of one bigram is not counted) and just the
  customers that have it are checked.

The query is cut into terms by ``core.search.query_terms``: cleaned, distinct and capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, and_, bindparam, func, select, true
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.models import Customer, CustomerGram
from core.search import grams, query_terms
from core.services.customers import display_phone

_CAP = 2000  # postings counted of a bigram
_COUNTED = 8  # bigrams counted of a query
_CODE_START = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*$")


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


def _prefix(column, prefix: str):
    """``column`` starts with ``prefix``, as an index range (digits and codes are ASCII)."""
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def search(engine: Engine, query: str, *, limit: int = 50,
           include_inactive: bool = False) -> list[CustomerRow]:
    """A search a keystroke: on PostgreSQL its statements run with no transaction around
    them (two round trips fewer, BEGIN and ROLLBACK); each reads what was committed when
    it began, as it would in a READ COMMITTED transaction."""
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    with unit_of_work(engine, write=False) as s:
        return search_in(s, query, limit=limit, include_inactive=include_inactive)


def search_in(s: Session, query: str, *, limit: int = 50,
              include_inactive: bool = False) -> list[CustomerRow]:
    terms = query_terms(query)
    base = select(*_COLUMNS)
    if not include_inactive:
        base = base.where(Customer.active.is_(True))
    if not terms:
        return [_row(r) for r in s.execute(base.order_by(Customer.code).limit(limit))]
    found: dict[int, object] = {}

    def take(q) -> bool:
        """Add the rows of ``q``; True once ``limit`` rows are found."""
        for r in s.execute(q.limit(limit)):
            found.setdefault(r.id, r)
            if len(found) >= limit:
                return True
        return False

    term = terms[0]
    if len(terms) == 1 and term.isdigit():
        (take(base.where(_prefix(Customer.code, term)).order_by(Customer.code))
         or take(base.where(_prefix(Customer.phone_digits, term)).order_by(Customer.phone_digits))
         or take(base.where(_prefix(Customer.phone_reversed, term[::-1]))
                 .order_by(Customer.phone_reversed)))
        return [_row(r) for r in found.values()]
    matches = _containing(terms)
    if len(terms) == 1 and term.isascii() and _CODE_START.match(term):
        take(base.where(_prefix(Customer.code, term.upper()), matches).order_by(Customer.code))
        if found:  # the clerk is typing a code
            return [_row(r) for r in found.values()]
    gram = _rarest_gram(s, terms)
    if gram is None:  # one-character terms only: a scan, cut short by the limit
        take(base.where(matches).order_by(Customer.id))
    elif gram:  # a term that is the bigram itself needs no check: its postings are its matches
        take(base.join(CustomerGram, CustomerGram.customer_id == Customer.id)
             .where(CustomerGram.gram == _inline(gram), _containing([t for t in terms if t != gram]))
             .order_by(CustomerGram.customer_id))
    return [_row(r) for r in found.values()]


def _containing(terms: list[str]):
    """Each term is a substring of the search text (true for no terms)."""
    return and_(true(), *(Customer.search_text.contains(t, autoescape=True) for t in terms))


def _inline(gram: str):
    """The bigram written into the statement's text, so that PostgreSQL plans for how
    common it is.  As a parameter, the generic plan of a prepared statement (psycopg
    prepares one after its fifth run) walks every customer in id order for a rare bigram:
    70 ms at 100,000 customers instead of 0.1 ms.  Two characters typed are then the
    bigram and nothing else (no LIKE whose misestimate could make it scan customers)."""
    return bindparam("gram", gram, literal_execute=True)


def _rarest_gram(s: Session, terms: list[str]) -> str | None:
    """The query's bigram with the fewest postings ('' if one has none; None if no bigram).

    A query of one bigram (two Chinese characters, the commonest search) is looked up
    straight away; a longer one counts at most ``_COUNTED`` of its bigrams.
    """
    candidates = sorted(grams(*terms))[:_COUNTED]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    best: tuple[int, str] | None = None
    for gram in candidates:
        capped = select(CustomerGram.customer_id).where(CustomerGram.gram == gram).limit(_CAP)
        n = s.scalar(select(func.count()).select_from(capped.subquery()))
        if n == 0:
            return ""
        if best is None or n < best[0]:
            best = (n, gram)
    return best[1] if best else None
