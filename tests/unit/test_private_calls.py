"""No module of core/ or desktop/ reaches into another module's private names: what is
shared is public and named.  Found from the source's syntax tree: a leading-underscore
name imported from a project module (``from core.x import _y``), or taken from a project
module bound by an import (``from core.services import orders`` then ``orders._load``).
An attribute of anything else (``self._x``, an object's) is the object's own business and
is not judged here."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "desktop")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _project(module: str | None) -> bool:
    return module is not None and module.split(".")[0] in PACKAGES


def _resolve(path: Path, node: ast.ImportFrom) -> str | None:
    """The absolute module a ``from ... import`` names (relative ones resolved)."""
    if not node.level:
        return node.module
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    base = parts[:len(parts) - node.level]
    return ".".join(base + ([node.module] if node.module else []))


def violations_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    modules: dict[str, str] = {}  # local name -> the project module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _project(alias.name):
                    if alias.asname:
                        modules[alias.asname] = alias.name
                    else:
                        modules[alias.name.split(".")[0]] = alias.name.split(".")[0]
                    if any(_is_private(p) for p in alias.name.split(".")[1:]):
                        found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(path, node)
            if not _project(module):
                continue
            for alias in node.names:
                if _is_private(alias.name):
                    found.append(f"line {node.lineno}: from {module} import {alias.name}")
                else:
                    # ``from core.services import orders``: may be a module
                    modules[alias.asname or alias.name] = f"{module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            chain, base = [node.attr], node.value
            while isinstance(base, ast.Attribute):
                chain.append(base.attr)
                base = base.value
            if isinstance(base, ast.Name) and base.id in modules and _is_module(
                    modules[base.id], list(reversed(chain[1:]))):
                found.append(f"line {node.lineno}: {base.id}.{'.'.join(reversed(chain))}")
    return found


def _is_module(dotted: str, attrs: list[str]) -> bool:
    """Whether ``dotted`` plus ``attrs`` is a module (or package) of the project."""
    parts = dotted.split(".") + attrs
    target = ROOT.joinpath(*parts)
    return target.with_suffix(".py").is_file() or (target / "__init__.py").is_file()


def test_no_module_in_core_or_desktop_uses_another_modules_private_names():
    broken = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found = violations_in(path)
            if found:
                broken[str(path.relative_to(ROOT))] = found
    assert broken == {}


def test_the_check_finds_a_private_function_called_through_an_imported_module(tmp_path,
                                                                              monkeypatch):
    sample = ROOT / "core" / "services" / "_sample_for_test.py"
    sample.write_text("from core.services import orders\n"
                      "from core.services.orders import _active\n"
                      "import core.services.quotes as q\n"
                      "def f(self, s):\n"
                      "    self._x(); s._y()\n"
                      "    orders._load(s, 1, 1); q._quote(s, 1)\n", encoding="utf-8")
    try:
        found = violations_in(sample)
    finally:
        sample.unlink()
    assert found == ["line 2: from core.services.orders import _active",
                     "line 6: orders._load", "line 6: q._quote"]
