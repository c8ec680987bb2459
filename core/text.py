"""Cleaning what users type: no control characters (PostgreSQL refuses NUL), tidy spaces."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def one_line(text: object) -> str:
    """A name or an address: control characters and runs of white space become one space."""
    return " ".join(_CONTROL.sub(" ", str(text or "")).split())


def multi_line(text: object) -> str:
    """Notes: line breaks and tabs kept, other control characters dropped."""
    return _CONTROL.sub("", str(text or "")).strip()
