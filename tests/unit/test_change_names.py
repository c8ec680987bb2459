"""A window that waits for a kind of change nobody makes never refreshes (Dispatch once
waited for "vehicle" while the fleet window announced "fleet"): every kind a window asks a
change set about is one the core's change sets carry."""

import re
from pathlib import Path

from core.changes import KINDS

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
ASKED = re.compile(r"touches\(\s*\"(\w+)\"")
LISTED = re.compile(r"(?:KINDS|RELOAD_ON|SHOWS)\w*\s*=\s*(?:frozenset\()?[\[({]([^\])}]*)")
NAME = re.compile(r"\"(\w+)\"")


def test_every_kind_a_window_asks_about_is_one_the_core_makes():
    asked: dict[str, set[str]] = {}
    for path in DESKTOP.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names = ASKED.findall(text) + [n for m in LISTED.findall(text) for n in NAME.findall(m)]
        for name in names:
            asked.setdefault(name, set()).add(path.name)
    assert len(asked) >= 8  # the scan finds them
    assert {name: sorted(where) for name, where in asked.items() if name not in KINDS} == {}
