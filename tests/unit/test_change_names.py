"""A window that waits for a change nobody announces never refreshes (Dispatch waited for
"vehicle" while the fleet window announced "fleet"): every name a window listens for is
one some window announces."""

import re
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
ANNOUNCED = re.compile(r"\bchanged\(([^)]*)\)")
LISTENED = re.compile(r"(\{[^}]*\}\s*&\s*what|\"\w+\" in what|RELOAD_ON = (?:frozenset\()?\{[^}]*\})")
NAME = re.compile(r"\"(\w+)\"")


def names(pattern: re.Pattern) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in DESKTOP.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            for name in NAME.findall(match.group(1)):
                found.setdefault(name, set()).add(path.name)
    return found


def test_every_change_a_window_listens_for_is_announced_somewhere():
    announced, listened = names(ANNOUNCED), names(LISTENED)
    assert {"fleet", "payment", "order"} <= set(announced)  # the scan finds them
    assert len(listened) >= 8
    unheard = {name: sorted(where) for name, where in listened.items() if name not in announced}
    assert unheard == {}
