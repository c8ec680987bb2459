"""The desktop application's composition root:
``roundsman [--demo] [--db FILE_URL | --server URL] [--language L]``.

Two ways to run.  Embedded (one workstation): the core runs in this process on the
local SQLite file.  Connected: the office server runs the core, and this workstation
opens no database and holds no database credential; it pins the server's certificate
on the first connect.  A workstation never connects to PostgreSQL itself (that is the
server's).

Start-up order: Qt application, font and translations, the one error path,
the log file; then, embedded, the database (refused when a newer Roundsman made it,
upgraded after a backup when an older one did) and a first-run dialog when it
has no users, or, connected, the server; the log-in; the main window.  Modules that
only some windows need (openpyxl, reportlab, the demo generator) are imported when
used, so that the log-in window appears quickly.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

STARTED = time.monotonic()  # for the log's "log-in window shown after … s"

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from core.config import LocalSettings, data_dir
from desktop import dialogs, errors, i18n, tasks

log = logging.getLogger("roundsman")


def parse_args(argv: list[str]) -> argparse.Namespace:
    from core.version import VERSION

    parser = argparse.ArgumentParser(prog="roundsman", description="Roundsman back office")
    parser.add_argument("--version", action="version", version=f"roundsman {VERSION}")
    parser.add_argument("--demo", action="store_true",
                        help="fill an empty database with the demo company (200 customers)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="URL",
                       help="the embedded SQLite file's URL, sqlite:///PATH (default: the "
                       "local settings, else the file in the user's data folder)")
    where.add_argument("--server", metavar="URL",
                       help="connect to the office server, https://HOST:PORT (remembered)")
    parser.add_argument("--language", choices=sorted(i18n.LANGUAGES),
                        help="user interface language (remembered)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check this installation end to end in a temporary folder (a "
                        "demo database, every window, routes, printing) and exit 0 when it "
                        "works")
    return parser.parse_args(argv)


def setup_logging() -> None:
    """The workstation's log, roundsman.log in the user's data folder (core.logs)."""
    from core import logs

    logs.setup(data_dir() / "roundsman.log")


def open_database(url: str):
    """The engine, ready for this version; None (after telling the user) when it cannot be."""
    from core import db, schema
    from core.errors import DomainError

    where = db.describe(url)  # never the password, even of a URL that is none
    try:
        if db.parse_url(url).get_backend_name() != "sqlite":
            raise DomainError(QCoreApplication.translate(
                "app", "A workstation no longer connects to PostgreSQL: run roundsman-server "
                "on the server machine and connect this workstation to it (start Roundsman "
                "with --server https://HOST:PORT)."))
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
    if args.smoke_test:
        from desktop import smoke

        return smoke.run()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks.collect_garbage_on_ui_thread(app)
    app.setApplicationName("Roundsman")
    app.setOrganizationName("Roundsman")
    setup_logging()
    from core.version import VERSION

    log.info("Roundsman %s starting (%s)", VERSION, "frozen" if getattr(sys, "frozen", False)
             else "from source")
    local = LocalSettings.load()
    if args.language:
        local.language = args.language
        local.save()
    i18n.register_font()
    i18n.install(local.language)
    errors.install_excepthook()

    if args.server and args.server != local.server_url:  # another server: trusted anew
        local.server_url, local.server_fingerprint = args.server, ""
    if args.server or (local.server_url and not args.db):
        if args.demo:
            dialogs.warn(None, "Roundsman", QCoreApplication.translate(
                "app", "--demo fills this workstation's own database; the office server's "
                "is filled with roundsman-server --demo."))
            return 2
        return connected(app, local)

    url = args.db or local.effective_database_url()
    if url.startswith("postgresql"):  # how this workstation worked before the server
        dialogs.inform(None, "Roundsman", QCoreApplication.translate(
            "app", "A workstation no longer opens the office's PostgreSQL database: the "
            "office server does, and this workstation connects to it. Enter the server's "
            "address; the administrator has it, with its certificate's fingerprint."))
        local.database_url = ""
        return connected(app, local)
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

    from core.services import auth

    login = LoginDialog(lambda username, password: auth.login(engine, username, password), local)
    if not logged_in(login):
        return 0

    from core.services import settings
    from desktop.context import AppContext

    ctx = AppContext(engine=engine, actor=login.actor, local=local,
                     company=busy(lambda: settings.get_company(engine)),
                     database=db.describe(url))
    return run_main_window(app, ctx)


def logged_in(login) -> bool:
    """Show the log-in window (the log notes how long start-up took); True once a user
    logged in."""
    QTimer.singleShot(0, lambda: log.info("log-in window shown %.2f s after start",
                                          time.monotonic() - STARTED))
    return dialogs.run_dialog(login) == QDialog.DialogCode.Accepted and login.actor is not None


def run_main_window(app: QApplication, ctx, link=None) -> int:
    from desktop.windows.main_window import MainWindow

    log.info("%s logged in", ctx.actor.username)
    window = MainWindow(ctx, link=link)
    window.show()
    return app.exec()


def connected(app: QApplication, local: LocalSettings) -> int:
    """Run connected to the office server ``local.server_url``: its certificate trusted
    (pinned on the first connect, or signed by the company CA), the log-in checked by the
    server, every window's operations sent to it, its change sets pushed live."""
    import socket

    from core.errors import DomainError
    from core.server.client import Connection
    from desktop.context import AppContext
    from desktop.live import Link
    from desktop.windows.connect import ConnectDialog
    from desktop.windows.login import LoginDialog

    if not (local.server_fingerprint or local.server_ca_file):
        trust = ConnectDialog(local.server_url)
        if dialogs.run_dialog(trust) != QDialog.DialogCode.Accepted:
            return 0
        local.server_url, local.server_fingerprint = trust.url, trust.fingerprint
    local.save()
    try:
        connection = Connection(local.server_url, fingerprint=local.server_fingerprint or None,
                                ca_file=local.server_ca_file or None)
    except DomainError as exc:  # an address edited by hand in the settings file
        dialogs.warn(None, "Roundsman", errors.message(exc))
        return 1
    login = LoginDialog(lambda username, password: connection.login(
        username, password, client=socket.gethostname()), local, server=local.server_url)
    if not logged_in(login):
        return 0
    ctx = AppContext(api=connection, actor=login.actor, local=local,
                     company=busy(connection.settings.get_company), database=local.server_url)
    link = Link(connection, ctx.events)
    link.start()
    try:
        return run_main_window(app, ctx, link)
    finally:
        link.stop()
        try:
            connection.logout()
        except Exception:  # noqa: BLE001 - the server may be gone; its session expires
            log.info("logging out of the server failed", exc_info=True)
        connection.close()


if __name__ == "__main__":
    sys.exit(main())
