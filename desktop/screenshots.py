"""Screenshots of every window in both languages: ``python -m desktop.screenshots OUTDIR``.

Runs offscreen on a temporary SQLite database filled with the demo company,
logged in as the demo administrator.  Files are named ``{language}-{window}.png``.
A window whose module this installation lacks is skipped with a note.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1280, 800)
LANGUAGES = ("zh_TW", "en")


def settle(app) -> None:
    """Let background loads finish and the widgets repaint."""
    from desktop import tasks

    deadline = time.monotonic() + 30
    while tasks.pending() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m desktop.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="roundsman-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ROUNDSMAN_DATA_DIR"] = str(work / "data")  # never the user's own files
    os.environ["ROUNDSMAN_CONFIG_DIR"] = str(work / "config")

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from core import db, demo, schema
    from core.config import LocalSettings
    from core.server import tls
    from core.services import auth, settings
    from desktop import i18n, tasks
    from desktop.context import AppContext
    from desktop.windows import registry
    from desktop.windows.connect import ConnectDialog
    from desktop.windows.first_run import FirstRunDialog
    from desktop.windows.login import LoginDialog
    from desktop.windows.main_window import IMPORT_MODULE, MainWindow

    app = QApplication.instance() or QApplication([])
    tasks.collect_garbage_on_ui_thread(app)
    qInstallMessageHandler(lambda _mode, _context, text: None if "propagateSizeHints" in text
                           else print(text, file=sys.stderr))  # offscreen's harmless warning
    i18n.register_font()
    url = f"sqlite:///{work / 'demo.sqlite3'}"
    engine = db.make_engine(url)
    schema.upgrade(engine)
    demo.generate(engine, customers_count=200, days=90)  # months billed, some overdue
    empty = db.make_engine(f"sqlite:///{work / 'empty.sqlite3'}")
    schema.upgrade(empty)
    actor = auth.login(engine, "admin", "admin-demo")
    _cert, _key, fingerprint = tls.ensure(work / "server", [])  # as the server makes its own

    def save(widget, name: str) -> None:
        settle(app)
        path = out / name
        widget.grab().save(str(path))
        print(path)

    for language in LANGUAGES:
        local = LocalSettings(language=language, last_user="admin")
        i18n.install(language)
        trust = ConnectDialog("https://office-server:8443")
        trust._shown(fingerprint)  # as after Connect: the certificate to compare
        for dialog, name in ((FirstRunDialog(empty), "first-run"),
                             (LoginDialog(lambda u, p: auth.login(engine, u, p), local), "login"),
                             (trust, "connect")):
            dialog.show()
            save(dialog, f"{language}-{name}.png")
            dialog.close()
        ctx = AppContext(engine=engine, actor=actor, local=local,
                         company=settings.get_company(engine), database=db.describe(url))
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        for entry in registry.ENTRIES:
            if not entry.available():
                print(f"note: {entry.key} skipped, {entry.module} is not installed")
                continue
            page = window.open(entry.key)
            settle(app)
            if hasattr(page, "screenshot_pose"):  # show a record, not an empty form
                page.screenshot_pose()
            save(window, f"{language}-{entry.key}.png")
        if registry.module_available(IMPORT_MODULE):
            from desktop.windows.imports.dialog import ImportDialog

            dialog = ImportDialog(ctx, "customers", window)
            dialog.show()
            save(dialog, f"{language}-import.png")
            dialog.close()
        else:
            print(f"note: import skipped, {IMPORT_MODULE} is not installed")
        window.close()
    engine.dispose()
    empty.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
