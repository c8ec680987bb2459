"""Text normalisation and bigrams for as-you-type search.

Shared by the service that stores a customer (it writes the bigrams) and the
query that searches them, so both always cut text the same way.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PHONE_QUERY = re.compile(r"^[\d\s\-+()]+$")


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, no control characters, single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _CONTROL.sub(" ", text).lower()
    return " ".join(text.split())


def query_terms(query: str) -> list[str]:
    """What a typed query must match: each term is a substring of the search text.

    A query that looks like a phone number (digits, spaces, dashes, +, brackets)
    is one term of its digits, so "0912-345" finds 0912345678.
    """
    text = normalise(query)
    if text and _PHONE_QUERY.match(text):
        digits = re.sub(r"\D", "", text)
        if text.startswith("+886"):  # caller ID in international form: 0 + national number
            digits = "0" + digits[3:]
        return [digits] if digits else []
    return text.split()


def grams(*fields: str) -> set[str]:
    """Distinct bigrams of each field's words (never across two fields or words)."""
    out: set[str] = set()
    for field in fields:
        for word in normalise(field).split():
            out.update(word[i:i + 2] for i in range(len(word) - 1))
    return out
