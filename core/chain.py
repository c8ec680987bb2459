"""Tamper-evident ledger and audit trail: every row carries an HMAC over its content and
the previous row's HMAC of its chain (a customer's ledger; one table's audit rows, by
``audit_log.entity``), keyed by a secret kept outside the database.

The drivers' accounts (a chain per driver) and the cash book (one chain) are chained the
same way.  Whoever holds only the database credential (the owner, a clerk's copied
password) can change rows, delete them or cut the last ones off, but cannot make HMACs that fit:
``verify`` names the first row of each chain that does not fit.  The end of each chain
is kept in ``chain_head`` (its last row, its HMAC, the number of rows, and the head's own
HMAC), updated in the transaction that adds the rows; that row is what serializes the
writers of one chain (never a lock on the append-only tables).  A head put back to an
older, genuine state is seen only against the heads the server logs (``log_heads``).

The key: 32 random bytes, as hex, in a file readable only by the server's account
(``ROUNDSMAN_KEY_FILE``, else ``ledger.key`` in the data folder), made on first use.
"""

from __future__ import annotations

import hashlib
import hmac as hmac_
import json
import logging
import os
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session

from core.config import data_dir
from core.db import unit_of_work
from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import AuditEntry, CashBookEntry, ChainHead, DriverEntry, LedgerEntry

log = logging.getLogger("roundsman.chain")

KEY_ENV = "ROUNDSMAN_KEY_FILE"

# The columns each row's HMAC covers, in this order (the id is the chain's order, not
# part of the content: it is known only once the row is written).
LEDGER_COLUMNS = ("customer_id", "kind", "amount", "delivery_id", "order_id", "invoice_id",
                  "payment_id", "credit_note_id", "note", "created_by", "at", "business_date")
AUDIT_COLUMNS = ("at", "actor", "entity", "entity_id", "action", "summary", "changes")
DRIVER_COLUMNS = ("driver_id", "kind", "amount", "settlement_id", "business_date", "note",
                  "created_by", "at")
CASH_BOOK_COLUMNS = ("day", "kind", "amount", "settlement_id", "driver_entry_id", "reference",
                     "note", "created_by", "at")


class KeyFileError(DomainError):
    default = QT_TRANSLATE_NOOP("core", "The key file {path} cannot be read: {reason}")


# --- the key --------------------------------------------------------------------------------

_lock = threading.Lock()
_key: bytes | None = None


def key_file() -> Path:
    return Path(os.environ.get(KEY_ENV) or data_dir() / "ledger.key")


def read_key(path: str | Path) -> bytes:
    """The key in ``path`` (64 hex digits); ``KeyFileError`` if there is none."""
    path = Path(path)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        raise KeyFileError(path=path, reason="no such file") from None
    except (OSError, ValueError) as e:
        raise KeyFileError(path=path, reason=str(e) or type(e).__name__) from None
    if len(key) != 32:
        raise KeyFileError(path=path, reason="not 64 hex digits")
    return key


def _make_key(path: Path) -> None:
    """A new key, readable and writable by this account only; written aside and linked into
    place, so two processes starting at once agree on one key and nobody reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
    finally:
        aside.unlink()


def use_key_file(path: str | Path, *, create: bool = True) -> bytes:
    """Sign with the key in ``path`` from now on in this process (made if there is none and
    ``create``; else ``KeyFileError``)."""
    global _key
    path = Path(path)
    with _lock:
        if create and not path.exists():
            _make_key(path)
        _key = read_key(path)
        return _key


def key() -> bytes:
    """This process's key, loaded once (``key_file()`` unless ``use_key_file`` chose one)."""
    return _key or use_key_file(key_file())


# --- canonical encoding and HMACs -----------------------------------------------------------

def canonical(value) -> str | None:
    """A column's value as text that survives the database unchanged: money one way
    (1500.00 and 1500 are "1500"), times in UTC, dates ISO."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return "0" if value == 0 else f"{value.normalize():f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"no canonical form for {type(value).__name__}")


def encode(table: str, columns: tuple[str, ...], row) -> bytes:
    return json.dumps([table, *(canonical(row[c]) for c in columns)], ensure_ascii=False,
                      separators=(",", ":")).encode()


def row_hmac(key: bytes, table: str, columns: tuple[str, ...], row, previous: str | None
             ) -> str:
    return hmac_.new(key, (previous or "").encode() + b"\n" + encode(table, columns, row),
                     hashlib.sha256).hexdigest()


def head_hmac(key: bytes, name: str, last_id: int | None, last_hmac: str | None,
              row_count: int) -> str:
    data = json.dumps(["chain_head", name, last_id, last_hmac, row_count]).encode()
    return hmac_.new(key, data, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class _Chained:
    table: object
    columns: tuple[str, ...]
    name: Callable[[dict], str]  # the chain a row belongs to


LEDGER = _Chained(LedgerEntry.__table__, LEDGER_COLUMNS, lambda r: f"ledger:{r['customer_id']}")
AUDIT = _Chained(AuditEntry.__table__, AUDIT_COLUMNS, lambda r: f"audit:{r['entity']}")
DRIVERS = _Chained(DriverEntry.__table__, DRIVER_COLUMNS, lambda r: f"driver:{r['driver_id']}")
CASH_BOOK = _Chained(CashBookEntry.__table__, CASH_BOOK_COLUMNS, lambda r: "cash_book")
# Every chained table, with the column its chains are ordered by.
CHAINED = ((LEDGER, LedgerEntry.customer_id), (AUDIT, AuditEntry.entity),
           (DRIVERS, DriverEntry.driver_id), (CASH_BOOK, CashBookEntry.day))


# --- writing --------------------------------------------------------------------------------

def ledger(s, rows: list[dict]) -> None:
    """Add ledger rows in ``s``'s transaction (a Session or a Connection), each with its
    HMAC.  A customer's ledger is written while the customer's row is locked (its balance
    updated first): so its head never waits, and never makes anyone wait in a cycle."""
    _append(s, LEDGER, rows)


def driver_entries(s, rows: list[dict]) -> list[int]:
    """Add rows to drivers' accounts in ``s``'s transaction, each with its HMAC; their ids.
    Write them before the cash book's rows (one order of the heads' locks for all)."""
    return _append(s, DRIVERS, rows)


def cash_book(s, rows: list[dict]) -> list[int]:
    """Add cash book rows in ``s``'s transaction, each with its HMAC; their ids.  The book
    is one chain: its writers take turns until they commit."""
    return _append(s, CASH_BOOK, rows)


def audit(s, rows: list[dict], *, copy: Callable | None = None) -> None:
    """Add audit rows in ``s``'s transaction, each with its HMAC; ``copy(s, table, rows)``
    writes them (PostgreSQL COPY) instead of one INSERT.  The table's head stays locked
    until the commit: write the audit rows last."""
    _append(s, AUDIT, rows, copy=copy)


def _complete(table, row: dict) -> dict:
    """``row`` with every column: the Python defaults an INSERT would apply, else None (so
    the HMAC covers what is stored)."""
    out = dict(row)
    for c in table.columns:
        if c.name in out or c.name == "id":
            continue
        if c.default is None:
            out[c.name] = None
        else:
            out[c.name] = c.default.arg(None) if c.default.is_callable else c.default.arg
    return out


# The heads' statements go to the driver as they are (strings and integers, nothing for
# SQLAlchemy to convert): they run with every audited save.  A head is locked, or made
# for a new chain (its HMAC empty until the rows are in, in the same transaction), by
# INSERT ... ON CONFLICT DO UPDATE, which on PostgreSQL waits for another writer of the
# same chain and answers the head as that one committed it.
_LOCK = ("INSERT INTO chain_head (name, last_id, last_hmac, row_count, hmac) "
         "VALUES ({p}, NULL, NULL, 0, '') ON CONFLICT (name) DO UPDATE "
         "SET row_count = chain_head.row_count RETURNING last_id, last_hmac, row_count, hmac")
_MOVE = ("UPDATE chain_head SET last_id = {p}, last_hmac = {p}, row_count = {p}, hmac = {p} "
         "WHERE name = {p}")
# One row: its id as the driver reports it (SQLite's last row id, PostgreSQL's RETURNING).
_INSERT = {t: insert(t) for t in (LedgerEntry.__table__, AuditEntry.__table__,
                                  DriverEntry.__table__, CashBookEntry.__table__)}


def _cursor(s, dialect: str):
    conn = s.connection() if isinstance(s, Session) else s
    mark = "%s" if dialect == "postgresql" else "?"
    return conn.connection.dbapi_connection.cursor(), mark


def _lock_heads(cur, mark: str, names: list[str]) -> dict[str, tuple]:
    """The heads of ``names`` (in name order), locked until the commit."""
    found = {}
    for name in sorted(names):
        cur.execute(_LOCK.format(p=mark), (name,))
        _, last_hmac, count, _ = cur.fetchone()
        found[name] = (last_hmac, count)  # a head changed without the key: verify() says so
    return found


def _append(s, chained: _Chained, rows: list[dict], copy: Callable | None = None
            ) -> list[int]:
    if not rows:
        return []
    dialect = (s.get_bind() if isinstance(s, Session) else s).dialect.name
    k = key()
    table, columns = chained.table, chained.columns
    rows = [_complete(table, r) for r in rows]
    names = [chained.name(r) for r in rows]
    cur, mark = _cursor(s, dialect)
    heads = _lock_heads(cur, mark, list(set(names)))
    for name, row in zip(names, rows):
        previous, count = heads[name]
        row["hmac"] = row_hmac(k, table.name, columns, row, previous)
        heads[name] = (row["hmac"], count + 1)
    if copy is not None:
        ids = s.scalars(text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                             "FROM generate_series(1, :n)"), {"n": len(rows)}).all()
        for row_id, row in zip(ids, rows):
            row["id"] = row_id
        copy(s, table, rows)
    elif len(rows) == 1:
        ids = [s.execute(_INSERT[table], rows[0]).inserted_primary_key[0]]
    else:
        ids = list(s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                             rows).scalars())
    last_ids = dict(zip(names, ids))
    cur.executemany(_MOVE.format(p=mark), [
        (last_ids[n], h, c, head_hmac(k, n, last_ids[n], h, c), n) for n, (h, c) in heads.items()])
    cur.close()
    return ids


def log_heads(engine: Engine) -> int:
    """Log every chain's head (``roundsman.chain``, one line each), so rows cut off the end
    together with their head put back show against the log; the number of heads."""
    with unit_of_work(engine, write=False) as s:
        n = 0
        for head in s.execute(select(ChainHead).order_by(ChainHead.name)).scalars():
            log.info("chain head %s: %d rows, last row %s, hmac %s, head %s", head.name,
                     head.row_count, head.last_id, head.last_hmac, head.hmac)
            n += 1
    return n


# --- verifying ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """What ``verify`` found in one chain: ``broken`` is tampering (or a wrong key);
    otherwise a note such as where a chain starts after rows written before the upgrade."""

    chain: str
    row_id: int | None
    text: str
    broken: bool = True

    def __str__(self) -> str:
        return f"{describe(self.chain)}: {self.text}"


def describe(name: str) -> str:
    kind, _, what = name.partition(":")
    return f"ledger of customer {what}" if kind == "ledger" else f"audit trail of {what}"


@dataclass
class _Walk:
    previous: str | None = None
    count: int = 0
    last_id: int | None = None
    before: int = 0  # rows without an HMAC before the chain's first
    broken: bool = False


def _walk(k: bytes, chained: _Chained, rows: Iterable, findings: list[Finding]
          ) -> dict[str, _Walk]:
    """Follow every chain of ``chained``'s rows (in chain order, id order within a chain):
    the first row of each that does not fit is a finding; the chain goes on from it."""
    walks: dict[str, _Walk] = {}
    table, columns = chained.table.name, chained.columns
    for row in rows:
        name = chained.name(row)
        w = walks.setdefault(name, _Walk())
        if row["hmac"] is None:
            if w.count == 0:
                w.before += 1
            elif not w.broken:
                w.broken = True
                findings.append(Finding(name, row["id"], f"row {row['id']} has no HMAC: "
                                        "it was added around the server"))
            continue
        if w.count == 0 and w.before:
            findings.append(Finding(name, row["id"], f"not chained before row {row['id']} "
                                    f"({w.before} rows written before the upgrade)", False))
        expected = row_hmac(k, table, columns, row, w.previous)
        if not w.broken and not hmac_.compare_digest(expected, row["hmac"]):
            w.broken = True
            findings.append(Finding(name, row["id"], f"row {row['id']} does not fit the chain: "
                                    "it was changed, or a row before it was deleted"))
        w.previous, w.count, w.last_id = row["hmac"], w.count + 1, row["id"]
    for name, w in walks.items():
        if w.count == 0:
            findings.append(Finding(name, None, f"not chained yet ({w.before} rows written "
                                    "before the upgrade)", False))
    return walks


def _rows(s: Session, chained: _Chained, order):
    t = chained.table
    q = select(t.c.id, *(t.c[c] for c in chained.columns), t.c.hmac).order_by(order, t.c.id)
    return (r._mapping for r in s.execute(q.execution_options(yield_per=2000)))


def verify(engine: Engine, key: bytes) -> list[Finding]:
    """Every chain checked against ``key`` in one snapshot: the first row of each that does
    not fit (changed, or a row before it deleted, or added around the server), a head that
    does not match its chain's end (rows cut off, or rows beyond it), a head changed without
    the key, and where chains start after rows written before the upgrade."""
    findings: list[Finding] = []
    with unit_of_work(engine, write=False) as s:
        heads = s.execute(select(ChainHead.name, ChainHead.last_id, ChainHead.last_hmac,
                                 ChainHead.row_count, ChainHead.hmac)).all()
        genuine = {h.name for h in heads if hmac_.compare_digest(
            h.hmac, head_hmac(key, h.name, h.last_id, h.last_hmac, h.row_count))}
        if heads and not genuine:
            return [Finding("", None, "the key does not fit this database: no chain's head "
                            "was written with it")]
        walks: dict[str, _Walk] = {}
        for chained, order in CHAINED:
            walks |= _walk(key, chained, _rows(s, chained, order), findings)
    for h in heads:
        w = walks.get(h.name, _Walk())
        if h.name not in genuine:
            findings.append(Finding(h.name, h.last_id, "its head was changed without the key "
                                    f"(it says {h.row_count} rows, the last {h.last_id})"))
        elif (h.last_id, h.last_hmac) != (w.last_id, w.previous) or (
                h.row_count != w.count and not w.broken):  # a broken chain's count is off
            if w.count < h.row_count:
                what = (f"{h.row_count - w.count} rows cut off the end: the head's last row "
                        f"is {h.last_id}, the chain ends at {w.last_id}")
            else:
                what = (f"the chain goes on past its head (row {h.last_id}, {h.row_count} "
                        f"rows) to row {w.last_id} ({w.count} rows)")
            findings.append(Finding(h.name, w.last_id, what))
    for name in walks.keys() - {h.name for h in heads}:
        if walks[name].count:
            findings.append(Finding(name, walks[name].last_id, "the chain's head was deleted"))
    return findings
