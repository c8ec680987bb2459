"""Translations and fonts.

The zh-TW translation source is ``resources/translations/roundsman_zh_TW.ts``.
Its ``.qm`` is built from it with Qt's ``lrelease`` (shipped in
pyside6-essentials) whenever it is missing or older than the ``.ts``: on the
first start after an install or an update, and by ``python -m desktop.i18n``.
The ``.qm`` is never committed; the frozen build ships it without the ``.ts``.

The app ships WenQuanYi Micro Hei and registers it, so Chinese renders on a
machine with no Chinese font installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
TS_FILE = RESOURCES / "translations" / "roundsman_zh_TW.ts"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
LANGUAGES = {"zh_TW": "繁體中文", "en": "English"}

_installed: list[QTranslator] = []


def _tool(name: str) -> str:
    here = Path(PySide6.__file__).parent
    for candidate in (here / name, here / f"{name}.exe", here / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        raise RuntimeError(f"Qt's {name} was not found in PySide6")
    return found


def qm_path() -> Path:
    """Next to the .ts when that folder is writable, else in the user's cache."""
    target = TS_FILE.with_suffix(".qm")
    if os.access(target.parent, os.W_OK):
        return target
    cache = Path(platformdirs.user_cache_dir("Roundsman", False))
    cache.mkdir(parents=True, exist_ok=True)
    return cache / target.name


def build_qm() -> Path | None:
    """Compile the .ts into a .qm if the .qm is missing or older.  A frozen build ships the
    .qm alone (installer/build compiles it); None when there is neither."""
    if not TS_FILE.exists():
        shipped = TS_FILE.with_suffix(".qm")
        return shipped if shipped.exists() else None
    qm = qm_path()
    if not qm.exists() or qm.stat().st_mtime < TS_FILE.stat().st_mtime:
        subprocess.run([_tool("lrelease"), "-silent", str(TS_FILE), "-qm", str(qm)], check=True)
    return qm


def install(language: str) -> None:
    """Switch the running application's translations (zh_TW or en)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language.startswith("zh"):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese,
                                   QLocale.Script.TraditionalChineseScript, QLocale.Country.Taiwan))
        # Qt's own strings first (OK, Cancel, Yes, No on standard buttons), then ours.
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        files = [qt_dir / "qtbase_zh_TW.qm", build_qm()]
        for file in filter(None, files):
            translator = QTranslator(app)
            if translator.load(str(file)):
                app.installTranslator(translator)
                _installed.append(translator)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def switch_language(local, language: str) -> None:
    """Remember this workstation's language (``core.config.LocalSettings``) and switch to it.

    Qt then sends every widget a ``LanguageChange`` event, on which it retranslates.
    """
    local.language = language
    local.save()
    install(language)


def role_names(roles) -> str:
    """The roles in the user's language, in the order of ``ROLE_NAMES``: "Clerk, Manager"."""
    from core.services.actor import ROLE_NAMES

    ordered = [r for r in ROLE_NAMES if r in roles] + sorted(set(roles) - set(ROLE_NAMES))
    return ", ".join(QCoreApplication.translate("core", ROLE_NAMES.get(r, r)) for r in ordered)


def local_time(moment, seconds: bool = False) -> str:
    """A stored (UTC) datetime as this workstation's local time; '' for None."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def register_font() -> str:
    """Register the shipped CJK font and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return ""
    app = QCoreApplication.instance()
    font = QFont(families[0])
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    return families[0]


def sources() -> list[str]:
    """Every Python file whose strings lupdate collects (core marks its own)."""
    return sorted(str(p) for folder in ("core", "desktop") for p in (ROOT / folder).rglob("*.py"))


def lupdate(ts_file: Path) -> None:
    """Collect the source strings into ``ts_file``, keeping its existing translations."""
    subprocess.run([_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                    "-target-language", "zh_TW",
                    *sources(), "-ts", str(ts_file)], check=True)


if __name__ == "__main__":
    # python -m desktop.i18n update   collect new strings into the .ts (then translate them)
    # python -m desktop.i18n          build the .qm
    if sys.argv[1:] == ["update"]:
        lupdate(TS_FILE)
        print(TS_FILE)
    else:
        print(build_qm())
