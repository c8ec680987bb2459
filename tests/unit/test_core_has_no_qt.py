"""The core never imports Qt or the desktop: the CLI and tests run it headless."""

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import core

CORE = Path(core.__file__).resolve().parent
ROOT = CORE.parent

PROBE = r"""
import importlib, pkgutil, sys
import core
names = []
for info in pkgutil.walk_packages(core.__path__, "core."):
    if info.name == "core.server.winservice" and sys.platform != "win32":
        names.append(info.name)  # the Windows service: pywin32 exists on Windows only
        continue
    importlib.import_module(info.name)
    names.append(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "desktop"))
assert not bad, f"core pulled in {bad}"
print(len(names))
"""


def test_importing_every_core_module_loads_no_qt_and_no_desktop_code():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    modules = [m.name for m in pkgutil.walk_packages(core.__path__, "core.")]
    assert int(result.stdout.strip()) == len(modules) > 5


_FORBIDDEN = re.compile(r"^\s*(import\s+(PySide6|shiboken6|desktop)\b|from\s+(PySide6|shiboken6|desktop)\b)",
                        re.MULTILINE)


def test_no_core_source_file_mentions_an_import_of_qt_or_desktop():
    offenders = [f"{path.relative_to(ROOT)}: {m.group(0).strip()}"
                 for path in sorted(CORE.rglob("*.py"))
                 for m in _FORBIDDEN.finditer(path.read_text(encoding="utf-8"))]
    assert offenders == []
