"""What search boxes type, cut into terms a database can take; bigrams for the customer search.

Shared by the service that stores a customer (it writes the bigrams) and the
queries that search, so both always cut text the same way.  Whatever a search
box sends (NUL, half a surrogate pair, a thousand words, a pasted page) becomes
at most ``MAX_TERMS`` distinct terms of at most ``MAX_TERM_LENGTH`` characters,
with no character a database refuses; every search matches each term the same
way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import string
import unicodedata

from sqlalchemy import Text, and_, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

MAX_TERMS = 8  # the first 8 distinct words decide: more could only narrow what they find
MAX_TERM_LENGTH = 64  # longer than any word a customer's field holds

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PHONE_QUERY = re.compile(r"^[\d\s\-+()]+$")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def clean(text: str | None) -> str:
    """``text`` without control characters (PostgreSQL refuses NUL) and without lone
    surrogates (no encoding can send them); a pair of surrogates becomes its character."""
    text = text or ""
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return _CONTROL.sub(" ", text)


def normalise(text: str | None) -> str:
    """Full-width to half-width, lower case, no control characters, single spaces."""
    text = unicodedata.normalize("NFKC", clean(text)).lower()
    return " ".join(text.split())


def _distinct(words: list[str]) -> list[str]:
    """The first ``MAX_TERMS`` distinct words, each cut to ``MAX_TERM_LENGTH``."""
    return list(dict.fromkeys(w[:MAX_TERM_LENGTH] for w in words))[:MAX_TERMS]


def query_terms(query: str) -> list[str]:
    """What a typed query must match in text stored through ``normalise``: each term
    is a substring of it.

    A query that looks like a phone number (digits, spaces, dashes, +, brackets)
    is one term of its digits, so "0912-345" finds 0912345678.
    """
    text = normalise(query)
    if text and _PHONE_QUERY.match(text):
        digits = re.sub(r"\D", "", text)
        if text.startswith("+886"):  # caller ID in international form: 0 + national number
            digits = "0" + digits[3:]
        return _distinct([digits] if digits else [])
    return _distinct(text.split())


def words(query: str) -> list[str]:
    """What a typed query must match in text stored as typed (see ``contains_all``):
    its words, Latin letters in lower case, otherwise as typed (no full-width folding),
    so any word typed exactly as it was saved finds it."""
    return _distinct(clean(query).translate(_ASCII_LOWER).split())


class _LowerLatin(FunctionElement):
    """``lower()`` of the letters A-Z only, on both databases (SQLite's lower() folds
    only those; PostgreSQL's folds whatever its locale says, unless told "C")."""

    type = Text()
    inherit_cache = True
    name = "lower_latin"


@compiles(_LowerLatin)
def _lower_latin(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(_LowerLatin, "postgresql")
def _lower_latin_postgresql(element, compiler, **kw):
    return f'lower(({compiler.process(element.clauses, **kw)}) COLLATE "C")'


def contains_all(terms: list[str], *columns):
    """Every term (from ``words``, at least one) is in one of ``columns``, A-Z in any case:
    the same rows on SQLite and PostgreSQL.  Wildcards and quotes are literal."""
    return and_(*(or_(*(_LowerLatin(c).contains(t, autoescape=True) for c in columns))
                  for t in terms))


def grams(*fields: str) -> set[str]:
    """Distinct bigrams of each field's words (never across two fields or words)."""
    out: set[str] = set()
    for field in fields:
        for word in normalise(field).split():
            out.update(word[i:i + 2] for i in range(len(word) - 1))
    return out
