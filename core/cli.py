"""roundsman-admin: headless administration.

Every command works on ``--db URL`` (default: this user's embedded SQLite
file).  Bad input ends with a non-zero exit and a one-line message on stderr;
nothing is half-written, because each command is one unit of work or a
series of complete ones.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from core import backup, chain, checks, demo, roles, schema
from core.api.proxy import Local
from core.config import LocalSettings
from core.db import describe, make_engine
from core.errors import DomainError
from core.money import quantize
from core.periods import Period
from core.services import billing, imports, settings, users
from core.services.actor import SYSTEM, Actor


def _engine(args, *, create: bool = False):
    """The engine of ``--db``; a SQLite file that is not there is made only when ``create``
    (db upgrade, demo), never by a command that reads."""
    engine = make_engine(args.db or LocalSettings.load().effective_database_url())
    _opened.append(engine)
    path = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not create and path not in (None, "", ":memory:") and not Path(path).exists():
        raise DomainError("There is no database at {path}; 'roundsman-admin db upgrade' "
                          "makes one.", path=path)
    return engine


_opened: list = []  # the engines of this command, closed when it ends


def _ready_engine(args):
    engine = _engine(args)
    st = schema.state(engine)
    if not st.up_to_date:
        raise DomainError("The database schema is {current}, not {head}; run "
                          "'roundsman-admin db upgrade' first.", current=st.current or "empty",
                          head=st.head)
    return engine


def cmd_db_upgrade(args) -> int:
    engine = _engine(args, create=True)
    before = schema.state(engine)
    copy = schema.backup_sqlite(engine) if (
        engine.url.get_backend_name() == "sqlite" and not before.empty
        and not before.up_to_date) else None
    schema.upgrade(engine)
    granted = roles.grant(engine)  # PostgreSQL: the app roles may use the new tables too
    print(f"upgraded from {before.current or 'empty'} to {schema.head()}"
          + (f" (backup: {copy})" if copy else "")
          + (f"; app roles granted again: {', '.join(granted)}" if granted else ""))
    return 0


def cmd_db_setup_roles(args) -> int:
    engine = _ready_engine(args)
    roles.require_postgresql(engine)
    name = roles.valid_name(args.app_role)
    roles.setup(engine, name, _read_password(f"Password for the database role {name}: "))
    print(f"database role {name} may log in and change data, not the schema; the ledger and "
          f"the audit trail only grow; run the server as {name}")
    return 0


def cmd_db_current(args) -> int:
    st = schema.state(_engine(args))
    print(f"{st.current or 'empty'} (newest known: {st.head})")
    return 0


def cmd_db_check(args) -> int:
    engine = _engine(args)
    failed = _print_checks(checks.run(engine))
    if args.key is None:
        return failed
    findings = chain.verify(engine, chain.read_key(args.key))
    broken = [f for f in findings if f.broken]
    for label, some in (("FAIL", broken), ("note", [f for f in findings if not f.broken])):
        for finding in some[:50]:
            print(f"{label}  {finding}")
        if len(some) > 50:
            print(f"        ... and {len(some) - 50} more")
    print(f"chains of HMACs: {len(broken)} broken")
    return 1 if failed or broken else 0


def _print_checks(results) -> int:
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'}  {result.name}")
        for row in result.noted:
            print(f"        note: {row}")
        for row in result.broken[:50]:
            print(f"        {row}")
        if len(result.broken) > 50:
            print(f"        ... and {len(result.broken) - 50} more")
    failed = sum(not r.ok for r in results)
    print(f"{len(results)} checks, {failed} failed")
    return 1 if failed else 0


def _backup_settings(engine):
    """The company's backup folder and retention; the defaults when the database cannot
    say (an empty or older one is backed up too)."""
    try:
        company = settings.get_company(engine)
    except DBAPIError:
        company = settings.CompanySettings()
    return company.backup_folder, company.backup_retention


def cmd_backup(args) -> int:
    engine = _engine(args)
    folder, retention = _backup_settings(engine)
    out = args.out or folder
    if not out:
        raise DomainError("Give --out DIR, or choose a backup folder in Settings.")
    try:
        made = backup.take(engine, out, retention)
    except backup.BackupFailed as exc:
        if args.json:
            print(json.dumps({"file": None, "bytes": 0, "verified": False,
                              "error": exc.message()}, ensure_ascii=False))
        print(f"roundsman-admin: {exc.message()}".replace("\n", " "), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"file": str(made.path), "bytes": made.bytes, "verified": True},
                         ensure_ascii=False))
    else:
        print(f"backup written and verified: {made.path} ({made.bytes} bytes)")
    return 0


def cmd_restore(args) -> int:
    engine = _engine(args, create=True)
    file = Path(args.file)
    revision = backup.verify(engine, file)  # a bad file is refused before anything else
    keep_in = Path(args.keep_in) if args.keep_in else file.parent
    if not args.yes:
        if not sys.stdin.isatty():
            raise DomainError("Restoring replaces the whole database: give --yes to confirm.")
        answer = input(f"Replace the database {describe(str(engine.url))} with {file} "
                       f"(schema {revision})? The database as it is now is kept in "
                       f"{keep_in} first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing was restored")
            return 1
    done = backup.restore(engine, file, keep_in=keep_in)
    granted = roles.grant(engine)  # PostgreSQL: an older backup's upgrade made new tables
    if done.kept:
        print(f"the database as it was is kept in {done.kept}")
    print(f"restored {file} (schema {done.revision}"
          + (f", upgraded to {schema.head()})" if done.upgraded else ")")
          + (f"; app roles granted again: {', '.join(granted)}" if granted else ""))
    return _print_checks(done.results)


def cmd_demo(args) -> int:
    engine = _engine(args, create=True)
    if schema.state(engine).empty:
        schema.upgrade(engine)
    engine = _ready_engine(args)
    started = time.perf_counter()

    def progress(done: int, total: int, step: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total} {step}\x1b[K", end="", file=sys.stderr, flush=True)

    result = demo.generate(engine, customers_count=args.customers, days=args.days,
                           seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"demo company created: {result.customers} customers, {result.products} products, "
          f"{result.users} users in {time.perf_counter() - started:.1f} s")
    return 0


def _read_password(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Again: ") != first:
            raise DomainError("The two passwords differ.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_user_add(args) -> int:
    engine = _ready_engine(args)
    password = _read_password(f"Password for {args.name}: ")
    user = users.create_user(engine, SYSTEM, username=args.name, password=password,
                             roles=args.role, full_name=args.full_name or "")
    print(f"user {user.username} created with roles {', '.join(user.roles)}")
    return 0


def cmd_import(args) -> int:
    if args.kind == "orders":
        if not (args.as_user or args.server):
            raise DomainError("Importing orders needs --as USER (who enters them).")
        return cmd_import_orders(args)
    engine = _ready_engine(args)
    preview = imports.preview(engine, args.kind, Path(args.file))
    if preview.errors:
        for error in preview.errors:
            print(f"line {error.line}: {error.column + ': ' if error.column else ''}"
                  f"{error.message}", file=sys.stderr)
        print(f"{preview.bad_lines} bad rows; nothing was imported", file=sys.stderr)
        return 2
    result = imports.apply(engine, SYSTEM, preview)
    print(f"{args.kind}: {result.created} created, {result.updated} updated, "
          f"{result.unchanged} unchanged")
    return 0


def cmd_import_orders(args) -> int:
    api = _api(args)
    file = Path(args.file)
    preview = api.call("orders.import_preview", file_name=file.name, content=file.read_bytes())
    if preview.errors:
        for error in preview.errors:
            print(f"line {error.line}: {error.column + ': ' if error.column else ''}"
                  f"{error.message}", file=sys.stderr)
        print(f"{preview.bad_lines} bad rows; nothing was imported", file=sys.stderr)
        return 2
    result = api.call("orders.import_apply", preview=preview)
    for refusal in result.refused:
        lines = ",".join(str(n) for n in refusal.lines_in_file)
        print(f"line {lines}: {refusal.customer_code}"
              f"{' ref ' + refusal.ref if refusal.ref else ''}: refused: "
              f"{refusal.message}".replace("\n", " "), file=sys.stderr)
    print(f"orders: {len(result.placed)} placed, {len(result.already_imported)} already imported, "
          f"{len(result.refused)} refused")
    return 3 if result.refused else 0


def cmd_standing_generate(args) -> int:
    start = _date(args.start) if args.start else date.today() + timedelta(days=1)
    result = _api(args).call("standing.generate", start=start, end=_date(args.through))
    if args.json:
        print(json.dumps({"created": result.created, "refused": result.refused}))
    else:
        print(f"standing orders {start} to {args.through}: {result.created} orders created, "
              f"{result.refused} refused, {result.already} done before")
    return 0


def cmd_billing_run(args) -> int:
    period = Period.parse(args.period)  # a bad month is refused before anything is read
    api = _api(args)
    customer_id = None
    if args.customer:
        found = api.call("customers.get_by_code", code=args.customer)
        if found is None:
            print(f"no customer with code {args.customer}", file=sys.stderr)
            return 1
        customer_id = found.id
    if billing.early(period, customer_id=customer_id) and not args.before_month_end:
        raise DomainError("{period} has not ended yet (its last day is {end}): bill the whole "
                          "month after it, or give --before-month-end.", period=period,
                          end=period.end.isoformat())
    result = api.call("billing.run", period=str(period), customer_id=customer_id)
    if args.json:
        print(json.dumps({"invoices": result.invoices, "total": str(result.total)}))
    else:
        print(f"billing {period}: {result.invoices} invoices, total {result.total}, "
              f"{result.already} customers invoiced before")
    return 0


def cmd_invoices_pdf(args) -> int:
    from core.printing import invoice

    period = Period.parse(args.period)  # a bad month is refused before anything is written
    out = Path(args.out)
    started = time.perf_counter()
    if args.server:  # the server makes each PDF; they are written here, each aside first
        api = _api(args)
        ids = api.call("billing.ids_of_period", period=str(period))
        numbers = api.call("billing.numbers_of", invoice_ids=ids)
        out.mkdir(parents=True, exist_ok=True)
        for invoice_id in ids:
            target = out / f"{numbers[invoice_id]}.pdf"
            partial = target.with_name(f".{target.name}.partial")
            partial.write_bytes(api.call("billing.invoice_pdf", invoice_id=invoice_id,
                                         size=args.size))
            partial.replace(target)
        written = len(ids)
    else:
        engine = _ready_engine(args)
        written = invoice.write_files_parallel(
            args.db or LocalSettings.load().effective_database_url(),
            invoice.ids_of_period(engine, str(period)), out, size=args.size,
            processes=args.processes)
    seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps({"invoices": written, "out": str(out), "seconds": round(seconds, 2)}))
    else:
        print(f"invoices {period}: {written} PDFs written to {out} in {seconds:.1f} s")
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError("“{value}” is not a date (YYYY-MM-DD).", value=text) from None


def _acting_user(engine, username: str):
    """The user the orders are entered as (for the audit trail and their permissions)."""
    match = [u for u in users.list_users(engine) if u.username == username.strip().lower()]
    if not match or not match[0].active:
        raise DomainError("No active user is called {name}.", name=username)
    u = match[0]
    return Actor(user_id=u.id, username=u.username, roles=frozenset(u.roles),
                 full_name=u.full_name)


def _api(args):
    """Where a user-level command runs: through the office server (``--server``, as
    ``--user``) or on the database here (``--db``, as ``--as USER`` or roundsman-admin)."""
    if not args.server:
        engine = _ready_engine(args)
        as_user = getattr(args, "as_user", None)
        return Local(engine, _acting_user(engine, as_user) if as_user else SYSTEM)
    if getattr(args, "as_user", None):
        raise DomainError("Through a server a command runs as --user; --as is for --db.")
    return _connected(args)


def _connected(args):
    """A logged-in connection to ``--server``: its certificate pinned (``--fingerprint``,
    remembered for this server) and the password from ROUNDSMAN_PASSWORD or stdin."""
    from core.server.client import Connection
    from core.server.tls import normalise_fingerprint

    if not args.user:
        raise DomainError("Give --user NAME: the user the command runs as on the server.")
    local = LocalSettings.load()
    pins = local.extra.setdefault("server_pins", {})
    pinned = normalise_fingerprint(args.fingerprint) if args.fingerprint else pins.get(
        args.server)
    if pinned is None:
        seen = Connection(args.server).fingerprint()
        raise DomainError("The server {url} shows the certificate {fingerprint}. Compare it "
                          "with the line the server prints when it starts, then run again "
                          "with --fingerprint {fingerprint}.", url=args.server,
                          fingerprint=seen)
    conn = Connection(args.server, fingerprint=pinned)
    password = os.environ.get("ROUNDSMAN_PASSWORD")
    if password is None:
        password = (getpass.getpass(f"Password for {args.user}: ") if sys.stdin.isatty()
                    else sys.stdin.readline().rstrip("\r\n"))
    conn.login(args.user, password, client="roundsman-admin")
    if pins.get(args.server) != pinned:  # trusted: remembered for the next command
        pins[args.server] = pinned
        local.save()
    return conn


def cmd_watch(args) -> int:
    """Print every change set the server pushes, one JSON line each, as it arrives."""
    from core.api import codec

    if not args.server:
        raise DomainError("watch needs --server URL: it prints what the server pushes.")
    for change in _connected(args).events():
        print(codec.encode_changes(change).decode(), flush=True)
    return 0


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def cmd_customer_show(args) -> int:
    api = _api(args)
    c = api.call("customers.get_by_code", code=args.code)
    if c is None:
        print(f"no customer with code {args.code}", file=sys.stderr)
        return 1
    currency = api.call("settings.get_company").currency
    figures = api.call("credit.summary", customer_id=c.id)
    record = {"code": c.code, "name": c.name, "phone": c.phone, "area": c.area,
              "address": c.address, "lat": c.lat, "lon": c.lon,
              "contact_person": c.contact_person, "payment_terms_days": c.payment_terms_days,
              "credit_limit": quantize(c.credit_limit, currency),
              "balance": quantize(figures.balance, currency),
              "open_exposure": quantize(figures.open_orders, currency),
              "available": quantize(figures.available, currency),
              "blocked": figures.blocked, "blocked_reason": figures.blocked_reason,
              "language": c.language, "active": c.active}
    if args.json:
        print(json.dumps(record, ensure_ascii=False, default=_json_default))
    else:
        for key, value in record.items():
            print(f"{key:20} {value}")
    return 0


def cmd_cash_book(args) -> int:
    """The day's cash book: its routes, what the settled ones should have handed in and
    what was counted, the variance, and the till's closing."""
    day = _date(args.date)  # a bad date is refused before anything is read
    api = _api(args)
    book = api.call("cash.book", day=day)
    currency = api.call("settings.get_company").currency
    record = {"date": day.isoformat(), "routes": book.routes,
              **{key: str(quantize(getattr(book, key), currency))
                 for key in ("expected", "counted", "variance", "closing")}}
    if args.json:
        print(json.dumps(record))
        return 0
    closed = f"closed by {book.closed_by}" if book.closed_by else "not closed"
    print(f"cash book {record['date']}: {book.routes} routes, {book.settled} settled; "
          f"expected {record['expected']}, counted {record['counted']}, "
          f"variance {record['variance']}; opening {quantize(book.opening, currency)}, "
          f"closing {record['closing']} ({closed})")
    return 0


def cmd_einvoice_export(args) -> int:
    """Write the Turnkey's messages not written yet into --out, one XML file each."""
    from core.services import einvoice

    api = _api(args)
    outbox = einvoice.Outbox(lambda: api.call("einvoice.pending"),
                             lambda ids, names: api.call("einvoice.mark_written", ids=ids,
                                                         names=names),
                             lambda names: api.call("einvoice.written_names", names=names))
    written = einvoice.export(outbox, args.out)
    if args.json:
        print(json.dumps({"written": written}))
    else:
        print(f"{written} messages written to {args.out}")
    return 0


def cmd_stock(args) -> int:
    """Full and empty cylinders per location and size at the end of a day."""
    day = _date(args.at) if args.at else date.today()
    rows = _api(args).call("stock.at", day=day)
    if args.json:
        for r in rows:
            print(json.dumps({"location": r.location, "kind": r.kind, "sku": r.sku,
                              "full": r.full, "empty": r.empty}, ensure_ascii=False))
        return 0
    print(f"stock at the end of {day.isoformat()}")
    width = max([len(r.location) for r in rows] + [8])
    print(f"{'location':{width}}  {'kind':9}  {'size':12}  {'full':>7}  {'empty':>7}")
    for r in rows:
        print(f"{r.location:{width}}  {r.kind:9}  {r.sku:12}  {r.full:>7}  {r.empty:>7}")
    return 0


def _last_month() -> str:
    first = date.today().replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def _figure(value: Decimal | None) -> str | None:
    """A Decimal as plain digits ("1234.5", never "1.2345E+3"); None stays None."""
    return None if value is None else format(value, "f")


def cmd_stock_margin(args) -> int:
    """Per size in a month: the fulls bought from the plant and their cost per kg, against
    what was delivered and its amount without tax, and the margin."""
    month = args.month or _last_month()
    api = _api(args)
    rows = api.call("stock.margin", month=month)
    currency = api.call("settings.get_company").currency

    def money(value: Decimal | None) -> str | None:
        return None if value is None else _figure(quantize(value, currency))

    records = [{"month": month, "sku": r.sku, "weight_kg": _figure(r.weight_kg.normalize()),
                "purchased": r.purchased, "purchased_kg": _figure(r.purchased_kg.normalize()),
                "cost": money(r.cost), "cost_per_kg": _figure(r.cost_per_kg),
                "sold": _figure(r.sold.normalize()), "sold_kg": _figure(r.sold_kg.normalize()),
                "sales": money(r.sales), "sales_per_kg": _figure(r.sales_per_kg),
                "margin": money(r.margin)} for r in rows]
    if args.json:
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
        return 0
    print(f"margin {month} ({currency})")
    print(f"{'size':12}  {'bought':>7}  {'cost':>12}  {'cost/kg':>9}  {'sold':>7}  "
          f"{'sales':>12}  {'sales/kg':>9}  {'margin':>12}")
    for x in records:
        print(f"{x['sku']:12}  {x['purchased']:>7}  {x['cost']:>12}  {x['cost_per_kg'] or '':>9}"
              f"  {x['sold']:>7}  {x['sales']:>12}  {x['sales_per_kg'] or '':>9}  "
              f"{x['margin'] or '':>12}")
    return 0


class _Parser(argparse.ArgumentParser):
    """Bad arguments end as every refusal does: one line on stderr and exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _processes(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"the number of processes is a whole number from 1, "
                                         f"not “{text}”")
    return n


def _out_dir(text: str) -> Path:
    """A folder that exists or can be made (it is made only once the work starts)."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
    there = next(p for p in (path.absolute(), *path.absolute().parents) if p.exists())
    if not there.is_dir() or not os.access(there, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"the folder {text} cannot be made: {there} is not "
                                         f"a folder this user may write in")
    return path


def build_parser() -> argparse.ArgumentParser:
    from core.api.registry import API_VERSION
    from core.version import VERSION

    p = _Parser(prog="roundsman-admin", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version",
                   version=f"roundsman-admin {VERSION} (API {API_VERSION})")
    p.add_argument("--server", metavar="URL",
                   help="run a user-level command (import orders, customer show, standing "
                        "generate, billing run, invoices pdf, cash-book, einvoice export, "
                        "stock, watch) through the "
                        "office server, e.g. https://office-server:8443, as --user")
    p.add_argument("--user", metavar="NAME", help="with --server: who runs the command "
                   "(password from ROUNDSMAN_PASSWORD or stdin)")
    p.add_argument("--fingerprint", metavar="HEX",
                   help="with --server: the certificate fingerprint the server printed; "
                        "checked, then remembered for that server")
    p.add_argument("--db", metavar="URL",
                   help="database URL (default: the embedded SQLite file of this user), "
                        "e.g. postgresql://user@host/roundsman")
    p.add_argument("--key", metavar="FILE", dest="key_file",
                   help="sign the ledger and audit rows this command writes with the key in "
                        "FILE (the server's; default: ROUNDSMAN_KEY_FILE, else ledger.key in "
                        "the data folder)")
    sub = p.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="schema and invariants").add_subparsers(dest="db_cmd",
                                                                           required=True)
    db.add_parser("upgrade", help="upgrade the schema to the newest revision"
                  ).set_defaults(func=cmd_db_upgrade)
    db.add_parser("current", help="print the schema revision").set_defaults(func=cmd_db_current)
    check = db.add_parser("check", help="verify the database's invariants; exit 1 if any fails")
    check.add_argument("--key", metavar="FILE", help="also verify the ledger's and the audit "
                       "trail's chains of HMACs with the server's key in FILE")
    check.set_defaults(func=cmd_db_check)
    sr = db.add_parser("setup-roles", help="PostgreSQL, as the owner: create or update the "
                       "server's role, which may change data but not the schema (password "
                       "from a prompt or stdin)")
    sr.add_argument("--app-role", required=True, metavar="NAME")
    sr.set_defaults(func=cmd_db_setup_roles)

    bk = sub.add_parser("backup", help="write a verified backup of the database into DIR "
                        "(default: the backup folder of the settings) and keep the "
                        "settings' number of daily, weekly and monthly backups there")
    bk.add_argument("--out", metavar="DIR", type=_out_dir)
    bk.add_argument("--json", action="store_true",
                    help='print one line {"file": PATH, "bytes": N, "verified": true}')
    bk.set_defaults(func=cmd_backup)
    rs = sub.add_parser("restore", help="replace the database with a backup; the database "
                        "as it is is backed up first; ends with db check (exit 1 if it fails)")
    rs.add_argument("file", metavar="FILE")
    rs.add_argument("--yes", action="store_true", help="do not ask")
    rs.add_argument("--keep-in", metavar="DIR", type=_out_dir,
                    help="where the database as it is now is kept (default: FILE's folder)")
    rs.set_defaults(func=cmd_restore)

    w = sub.add_parser("watch", help="with --server: print each change set the server "
                       "pushes, one JSON line each, as it arrives")
    w.add_argument("--json", action="store_true", help="(the only format)")
    w.set_defaults(func=cmd_watch)

    d = sub.add_parser("demo", help="fill an empty database with the demo company")
    d.add_argument("--customers", type=int, default=200)
    d.add_argument("--days", type=int, default=90, help="length of history in days")
    d.add_argument("--seed", type=int, default=7)
    d.set_defaults(func=cmd_demo)

    u = sub.add_parser("user", help="users").add_subparsers(dest="user_cmd", required=True)
    ua = u.add_parser("add", help="add a user; the password is read from a prompt or stdin")
    ua.add_argument("name")
    ua.add_argument("--role", action="append", required=True,
                    choices=("clerk", "dispatcher", "manager", "admin"))
    ua.add_argument("--full-name")
    ua.set_defaults(func=cmd_user_add)

    i = sub.add_parser("import", help="import customers, products or orders (.xlsx or .csv)")
    i.add_argument("kind", choices=("customers", "products", "orders"))
    i.add_argument("file")
    i.add_argument("--as", dest="as_user", metavar="USER",
                   help="orders only: the user the orders are entered as")
    i.set_defaults(func=cmd_import)

    c = sub.add_parser("customer", help="customers").add_subparsers(dest="customer_cmd",
                                                                    required=True)
    cs = c.add_parser("show", help="print one customer; exit 1 if there is none")
    cs.add_argument("code")
    cs.add_argument("--json", action="store_true")
    cs.set_defaults(func=cmd_customer_show)

    st = sub.add_parser("standing", help="standing orders").add_subparsers(dest="standing_cmd",
                                                                           required=True)
    sg = st.add_parser("generate", help="make the orders of the standing orders due from "
                       "tomorrow (or --from) through --through, each through the credit check")
    sg.add_argument("--through", required=True, metavar="YYYY-MM-DD")
    sg.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="default: tomorrow")
    sg.add_argument("--as", dest="as_user", metavar="USER",
                    help="the user the orders are entered as (default: roundsman-admin)")
    sg.add_argument("--json", action="store_true",
                    help='print one line {"created": N, "refused": M}')
    sg.set_defaults(func=cmd_standing_generate)

    b = sub.add_parser("billing", help="billing").add_subparsers(dest="billing_cmd",
                                                                 required=True)
    br = b.add_parser("run", help="invoice every customer with deliveries not billed yet up "
                      "to the end of the month, one invoice per customer and month")
    br.add_argument("--period", required=True, metavar="YYYY-MM")
    br.add_argument("--customer", metavar="CODE", help="only this customer")
    br.add_argument("--before-month-end", action="store_true",
                    help="bill every customer for a month that has not ended yet")
    br.add_argument("--as", dest="as_user", metavar="USER",
                    help="the manager the invoices are made by (default: roundsman-admin)")
    br.add_argument("--json", action="store_true",
                    help='print one line {"invoices": N, "total": "..."}')
    br.set_defaults(func=cmd_billing_run)

    inv = sub.add_parser("invoices", help="invoices").add_subparsers(dest="invoices_cmd",
                                                                     required=True)
    ip = inv.add_parser("pdf", help="write each invoice of the month to DIR/<number>.pdf")
    ip.add_argument("--period", required=True, metavar="YYYY-MM")
    ip.add_argument("--out", required=True, metavar="DIR", type=_out_dir)
    ip.add_argument("--size", choices=("A4", "A5"), default="A4", help="A5: half A4")
    ip.add_argument("--processes", type=_processes, metavar="N",
                    help="worker processes (default: one per core)")
    ip.add_argument("--json", action="store_true",
                    help='print one line {"invoices": N, "out": DIR, "seconds": S}')
    ip.set_defaults(func=cmd_invoices_pdf)

    cb = sub.add_parser("cash-book", help="print a day's cash book: its routes, what the "
                        "settled ones should have handed in, what was counted, the variance "
                        "and the till's closing")
    cb.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    cb.add_argument("--json", action="store_true",
                    help='print one line {"date": ..., "routes": N, "expected": "...", '
                         '"counted": "...", "variance": "...", "closing": "..."}')
    cb.set_defaults(func=cmd_cash_book)

    sk = sub.add_parser("stock", help="print the full and empty cylinders per location "
                        "(depots, trucks, customers, plant, station) and size at the end of "
                        "a day")
    sk.add_argument("--at", metavar="YYYY-MM-DD", help="the day (default: today)")
    sk.add_argument("--json", action="store_true",
                    help='print one line per location and size {"location": ..., "kind": ..., '
                         '"sku": ..., "full": N, "empty": N}')
    sk.set_defaults(func=cmd_stock)
    sks = sk.add_subparsers(dest="stock_cmd")  # none: the stock itself
    sm = sks.add_parser("margin", help="print per size the month's fulls bought from the "
                        "filling plant, their cost per kg, what was delivered, its amount "
                        "without tax and the margin")
    sm.add_argument("--month", metavar="YYYY-MM", help="the month (default: last month)")
    sm.add_argument("--json", action="store_true",
                    help='print one line per size {"month": ..., "sku": ..., "purchased": N, '
                         '"purchased_kg": "...", "cost": "...", "cost_per_kg": "...", '
                         '"sold": "...", "sold_kg": "...", "sales": "...", '
                         '"sales_per_kg": "...", "margin": "..."} (null: nothing to divide)')
    sm.set_defaults(func=cmd_stock_margin)

    ev = sub.add_parser("einvoice", help="uniform invoices (統一發票)")
    evs = ev.add_subparsers(dest="einvoice_command", required=True)
    ex = evs.add_parser("export", help="write the Turnkey messages (F0401, F0501, G0401, "
                        "G0501, E0402) not written yet into DIR/<kind>/, one XML file each, "
                        "written aside and renamed into place")
    ex.add_argument("--out", required=True, type=_out_dir, metavar="DIR",
                    help="the Turnkey's upload folder")
    ex.add_argument("--json", action="store_true", help='print one line {"written": N}')
    ex.set_defaults(func=cmd_einvoice_export)
    return p


THROUGH_SERVER = {"cmd_import_orders", "cmd_import", "cmd_customer_show",
                  "cmd_standing_generate", "cmd_billing_run", "cmd_invoices_pdf", "cmd_watch",
                  "cmd_cash_book", "cmd_einvoice_export", "cmd_stock",
                  "cmd_stock_margin"}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    finally:
        while _opened:  # no connection outlives its command (a restore next would wait)
            _opened.pop().dispose()


def _run(args) -> int:
    try:
        if args.server and (args.func.__name__ not in THROUGH_SERVER or (
                args.func is cmd_import and args.kind != "orders")):
            raise DomainError("Through --server only the user-level commands run (import "
                              "orders, customer show, standing generate, billing run, "
                              "invoices pdf, cash-book, einvoice export, stock, watch); the "
                              "others "
                              "need --db on the "
                              "server.")
        if args.key_file:
            chain.use_key_file(args.key_file, create=False)
        return args.func(args)
    except DomainError as exc:
        print(f"roundsman-admin: {exc.message()}".replace("\n", " "), file=sys.stderr)
        return 2
    except DBAPIError as exc:  # unreachable, locked, not a database at all ...
        print(f"roundsman-admin: cannot use the database: {exc.orig}".replace("\n", " "),
              file=sys.stderr)
        return 2
    except OSError as exc:  # a folder or file that cannot be written
        print(f"roundsman-admin: {exc.filename or ''}{': ' if exc.filename else ''}"
              f"{exc.strerror or exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
