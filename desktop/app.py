"""The desktop application's composition root: ``roundsman [--demo] [--db URL] [--language L]``.

Start-up order: Qt application, font and translations, the one error path,
the log file; then the database (refused when a newer Roundsman made it,
upgraded after a backup when an older one did); a first-run dialog when it
has no users; the log-in; the main window.  Modules that only some windows
need (openpyxl, reportlab, the demo generator) are imported when used, so
that the log-in window appears quickly.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from core.config import LocalSettings, data_dir
from desktop import dialogs, errors, i18n

log = logging.getLogger("roundsman")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="roundsman", description="Roundsman back office")
    parser.add_argument("--demo", action="store_true",
                        help="fill an empty database with the demo company (200 customers)")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: the local settings, else the embedded file)")
    parser.add_argument("--language", choices=sorted(i18n.LANGUAGES),
                        help="user interface language (remembered)")
    return parser.parse_args(argv)


def setup_logging() -> None:
    handler = logging.handlers.RotatingFileHandler(
        data_dir() / "roundsman.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    # never a password in the log, whatever a message or a traceback holds
    handler.setFormatter(errors.NoPasswords("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def open_database(url: str):
    """The engine, ready for this version; None (after telling the user) when it cannot be."""
    from core import db, schema
    from core.errors import DomainError

    where = db.describe(url)  # never the password, even of a URL that is none
    try:
        engine = db.make_engine(url)
        backup = schema.prepare(engine)
    except DomainError as exc:
        dialogs.warn(None, QCoreApplication.translate("app", "Cannot open the database"),
                     errors.message(exc))
        return None
    except Exception as exc:  # noqa: BLE001 - unreachable server, unreadable file ...
        log.exception("cannot open %s", where)
        dialogs.warn(None, QCoreApplication.translate("app", "Cannot open the database"),
                     QCoreApplication.translate(
                         "app", "Roundsman could not open the database {database}. Check the "
                         "connection in the settings file, or start with --db.").format(
                         database=where), db.hide_passwords(str(exc)))
        return None
    if backup is not None:
        log.info("database upgraded; the previous version is kept in %s", backup)
    return engine


def busy(fn):
    """Run ``fn`` with a wait cursor: only for start-up work before any window is shown."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return fn()
    finally:
        QGuiApplication.restoreOverrideCursor()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Roundsman")
    app.setOrganizationName("Roundsman")
    setup_logging()
    local = LocalSettings.load()
    if args.language:
        local.language = args.language
        local.save()
    i18n.register_font()
    i18n.install(local.language)
    errors.install_excepthook()

    url = args.db or local.effective_database_url()
    engine = busy(lambda: open_database(url))
    if engine is None:
        return 1

    from core import db
    from core.services import users

    if not busy(lambda: users.list_users(engine)):
        from desktop.windows.first_run import DEMO_USER, DemoProgress, FirstRunDialog

        if args.demo:
            filling = DemoProgress(engine)
            filling.start()
            if dialogs.run_dialog(filling) != QDialog.DialogCode.Accepted:
                return 1
            local.last_user = DEMO_USER
        else:
            first = FirstRunDialog(engine)
            if dialogs.run_dialog(first) != QDialog.DialogCode.Accepted:
                return 0
            local.last_user = first.username
        local.save()

    from desktop.windows.login import LoginDialog

    login = LoginDialog(engine, local)
    if dialogs.run_dialog(login) != QDialog.DialogCode.Accepted or login.actor is None:
        return 0

    from core.services import settings
    from desktop.context import AppContext
    from desktop.windows.main_window import MainWindow

    ctx = AppContext(engine=engine, actor=login.actor, local=local,
                     company=busy(lambda: settings.get_company(engine)),
                     database=db.describe(url))
    log.info("%s logged in", login.actor.username)
    window = MainWindow(ctx)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
