"""roundsman-server: the office server, ``roundsman-server --db URL --listen HOST:PORT``.

It alone holds the database credential; workstations log in to it over HTTPS.  On its
first start it makes a self-signed certificate in its folder, and on every start it
prints the certificate's fingerprint on a line of its own, which a workstation pins on
its first connect.  It takes the company's scheduled backups of its database.

It logs to stderr and to a rotating file (``--log``; default ``roundsman-server.log`` in
its folder), which holds the version, the fingerprint line and every error, never a
password or token (``core.logs``).

Its arguments can come from a file, one a line (blank lines and lines starting with #
skipped), named after @: ``roundsman-server @C:\\ProgramData\\Roundsman\\server.args``
reads lines such as ``--db=sqlite:///C:/ProgramData/Roundsman/roundsman.sqlite3``; the
Windows installer writes that file for the service.  ``--service`` runs the server as
the Windows service RoundsmanServer (``core.server.winservice``), which Windows' service
manager starts, never a console.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from datetime import datetime
from pathlib import Path

from core import backup, chain, logs, schema
from core.config import data_dir
from core.db import describe, make_engine
from core.errors import DomainError
from core.services import einvoice, settings, users
from core.version import VERSION

log = logging.getLogger("roundsman.server")


def _listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"listen on HOST:PORT, e.g. 0.0.0.0:8443, not “{text}”")
    return host.strip("[]"), int(port)


class _Parser(argparse.ArgumentParser):
    def convert_arg_line_to_args(self, arg_line: str) -> list[str]:
        """One argument a line of an @file, its surrounding blanks (and a byte order mark
        Notepad may have written, however decoded) dropped; blank lines and lines starting
        with # skipped."""
        arg = arg_line.strip().removeprefix("\ufeff").removeprefix("\u00ef\u00bb\u00bf")
        return [] if not arg or arg.startswith("#") else [arg]


EPILOG = """\
Arguments can be read from a file, one a line, named after @:
  roundsman-server @C:\\ProgramData\\Roundsman\\server.args
where server.args holds lines such as
  --db=sqlite:///C:/ProgramData/Roundsman/roundsman.sqlite3
  --listen=0.0.0.0:8443
(blank lines and lines starting with # are skipped)."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from core.api.registry import API_VERSION

    p = _Parser(prog="roundsman-server", description=__doc__.splitlines()[0], epilog=EPILOG,
                fromfile_prefix_chars="@", formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version",
                   version=f"roundsman-server {VERSION} (API {API_VERSION})")
    p.add_argument("--db", metavar="URL", required=True,
                   help="the database: postgresql://USER@HOST/DB or sqlite:///PATH on this "
                        "machine's own disk")
    p.add_argument("--listen", metavar="HOST:PORT", type=_listen, default=("0.0.0.0", 8443))
    p.add_argument("--folder", metavar="DIR", type=Path,
                   help="the server's certificate and key (default: 'server' in the data "
                        "folder)")
    p.add_argument("--demo", action="store_true",
                   help="fill an empty database with the demo company first")
    p.add_argument("--key", metavar="FILE", type=Path,
                   help="the key of the ledger's and the audit trail's HMAC chains, readable "
                        "by the server's account only (default: ROUNDSMAN_KEY_FILE, else "
                        "ledger.key in the data folder; made on the first start)")
    p.add_argument("--threads", type=int, default=16,
                   help="operations running at once (default 16)")
    p.add_argument("--log", metavar="FILE", type=Path,
                   help="the log file, rotated at 1 MB, 3 old ones kept (default: "
                        "roundsman-server.log in the server's --folder)")
    p.add_argument("--service", action="store_true",
                   help="Windows: run as the Windows service RoundsmanServer (its command "
                        "line, set by the installer; not for a console)")
    return p.parse_args(argv)


def log_file(args: argparse.Namespace) -> Path:
    """The file ``--log`` names, else roundsman-server.log in the server's folder."""
    return args.log or (args.folder or data_dir() / "server") / "roundsman-server.log"


def _not_printed(record: logging.LogRecord) -> bool:
    """Whether a record is for the console too: not one ``_say`` printed already."""
    return not getattr(record, "printed", False)


def setup_logging(args: argparse.Namespace) -> Path | None:
    """Every record to stderr (when there is one: a service has none) and to the rotating
    log file, both redacted; the file's path, or None if it cannot be written."""
    if sys.stderr is not None:
        console = logging.StreamHandler()
        console.setFormatter(logs.Redacting(logs.FORMAT))
        console.addFilter(_not_printed)
        logging.basicConfig(level=logging.INFO, handlers=[console])
    path = log_file(args)
    try:
        return logs.setup(path)
    except OSError as exc:
        log.warning("the log file %s cannot be written (%s); logging to the console only",
                    path, exc)
        return None


def _say(line: str) -> None:
    """A line on stdout (for the administrator at the console, and the tests) and in the
    log file."""
    log.info("%s", line, extra={"printed": True})
    print(line, flush=True)


def prepare(url: str, *, demo: bool):
    """The engine of a database ready to serve: at this version's schema (an embedded file
    is upgraded after a copy; PostgreSQL must be upgraded by its administrator), served by
    a role that cannot rewrite the books."""
    engine = make_engine(url)
    schema.prepare(engine)
    if engine.dialect.name == "postgresql":
        from core import roles

        roles.check_connection(engine)
    if demo and not users.list_users(engine):
        from core import demo as demo_company

        demo_company.generate(engine)
    return engine


def every_minute(engine, stop: threading.Event) -> None:
    """Log the chains' heads (so rows cut off the end show), take the company's scheduled
    backup of the database when it is due, and export the uniform invoices' messages."""
    minutes = 0
    while not stop.wait(60):
        minutes += 1
        if minutes % EXPORT_EVERY == 0:
            einvoice.scheduled_export(engine)
        try:
            chain.log_heads(engine)
            company = settings.get_company(engine)
            if not company.backup_folder:
                continue
            last = backup.latest(engine, company.backup_folder)
            if backup.due(company.backup_time, last, datetime.now()):
                made = backup.take(engine, company.backup_folder, company.backup_retention)
                log.info("backup %s (%d bytes)", made.path, made.bytes)
        except DomainError as exc:
            log.error("the scheduled backup or heads log failed: %s", exc.message())
        except Exception:  # noqa: BLE001 - the server keeps serving; the log says why
            log.exception("the scheduled backup or heads log failed")


# Minutes between exports of the uniform invoices' messages into the Turnkey folder (the
# Ministry's shortest deadline is 48 hours: 統一發票使用辦法 第7條第4項).
EXPORT_EVERY = 10


def serve(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Serve as ``args`` say until interrupted or, from another thread, ``stop`` is set
    (then shut down gracefully: requests running get 5 seconds); the exit status: 0, 2 if
    the database cannot be served, as uvicorn's if it cannot listen."""
    import uvicorn

    from core.api.registry import API_VERSION
    from core.server import app, tls

    log.info("roundsman-server %s (API %s), Python %s on %s", VERSION, API_VERSION,
             sys.version.split()[0], sys.platform)
    try:
        if args.key:
            chain.use_key_file(args.key)
        engine = prepare(args.db, demo=args.demo)
        chain.log_heads(engine)
    except DomainError as exc:
        log.error("%s", exc.message(), extra={"printed": True})
        print(f"roundsman-server: {exc.message()}", file=sys.stderr)
        return 2
    host, port = args.listen
    cert, key, fingerprint = tls.ensure(args.folder or data_dir() / "server", [host])
    _say(f"fingerprint SHA256 {fingerprint}")
    _say(f"serving {describe(args.db)} on https://{host}:{port}")
    ended = threading.Event()  # also stops the minute's work
    threading.Thread(target=every_minute, args=(engine, ended), daemon=True,
                     name="every-minute").start()
    # log_config=None: uvicorn's records go through the root logger, into the log file too
    asgi = app.build(engine, threads=args.threads)
    server = app.Server(asgi.state.hub, uvicorn.Config(
        asgi, host=host, port=port,
        ssl_certfile=str(cert), ssl_keyfile=str(key), log_level="warning", log_config=None,
        timeout_graceful_shutdown=5))
    if stop is not None:
        threading.Thread(target=_stop_when, args=(stop, ended, server), daemon=True,
                         name="stop-watch").start()
    try:
        server.run()
    except KeyboardInterrupt:  # as uvicorn.run: Ctrl-C is a normal end
        pass
    except SystemExit as exc:  # uvicorn's own exit, e.g. it cannot listen on the port
        log.error("the server stopped (exit status %s)", exc.code)
        return exc.code if isinstance(exc.code, int) else 1
    finally:
        ended.set()
        engine.dispose()
    if not server.started:
        log.error("the server did not start")
        return 3  # uvicorn.run's STARTUP_FAILURE
    log.info("stopped")
    return 0


def _stop_when(stop: threading.Event, ended: threading.Event, server) -> None:
    """Ask ``server`` to shut down once ``stop`` is set (unless it ended first)."""
    while not stop.wait(0.2):
        if ended.is_set():
            return
    if not ended.is_set():
        log.info("stopping")
        server.should_exit = True


def run_service(argv: list[str]) -> int:
    """``--service``: hand the process to Windows' service manager (2 elsewhere)."""
    if sys.platform != "win32":
        print("roundsman-server: --service runs the server as a Windows service and works "
              "on Windows only; here, run roundsman-server without it (for instance from "
              "a systemd unit)", file=sys.stderr)
        return 2
    from core.server import winservice

    return winservice.run(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--service" in argv:  # before parsing: the service reports a bad args file itself
        return run_service(argv)
    args = parse_args(argv)
    if args.service:  # --service in an @file
        return run_service(argv)
    setup_logging(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
