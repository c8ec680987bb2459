"""roundsman-server: the office server, ``roundsman-server --db URL --listen HOST:PORT``.

It alone holds the database credential; workstations log in to it over HTTPS.  On its
first start it makes a self-signed certificate in its folder, and on every start it
prints the certificate's fingerprint on a line of its own, which a workstation pins on
its first connect.  It takes the company's scheduled backups of its database.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from datetime import datetime
from pathlib import Path

from core import backup, chain, schema
from core.config import data_dir
from core.db import describe, make_engine
from core.errors import DomainError
from core.services import einvoice, settings, users

log = logging.getLogger("roundsman.server")


def _listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"listen on HOST:PORT, e.g. 0.0.0.0:8443, not “{text}”")
    return host.strip("[]"), int(port)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="roundsman-server", description=__doc__.splitlines()[0])
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
    return p.parse_args(argv)


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


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    from core.server import app, tls

    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: "
                                                   "%(message)s")
    try:
        if args.key:
            chain.use_key_file(args.key)
        engine = prepare(args.db, demo=args.demo)
        chain.log_heads(engine)
    except DomainError as exc:
        print(f"roundsman-server: {exc.message()}", file=sys.stderr)
        return 2
    host, port = args.listen
    cert, key, fingerprint = tls.ensure(args.folder or data_dir() / "server", [host])
    print(f"fingerprint SHA256 {fingerprint}", flush=True)
    print(f"serving {describe(args.db)} on https://{host}:{port}", flush=True)
    stop = threading.Event()
    threading.Thread(target=every_minute, args=(engine, stop), daemon=True).start()
    try:
        uvicorn.run(app.build(engine, threads=args.threads), host=host, port=port,
                    ssl_certfile=str(cert), ssl_keyfile=str(key), log_level="warning",
                    timeout_graceful_shutdown=5)
    finally:
        stop.set()
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
