"""Engines and units of work for SQLite (embedded) and PostgreSQL (central).

SQLite runs in WAL mode with foreign keys on and a busy timeout; a unit of
work that writes begins with ``BEGIN IMMEDIATE`` so that two writers queue
for the lock at the start instead of failing half-way ("database is locked"
on upgrade from a read lock).  PostgreSQL runs at READ COMMITTED through
psycopg 3; services that must serialize per row lock that row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import keyring
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from core import changes  # noqa: F401 - every session's writes become change sets
from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP

KEYRING_SERVICE = "Roundsman"
BACKENDS = ("sqlite", "postgresql")
# user:password@ in a URL, password=... in a connection string or a URL's query
_PASSWORDS = re.compile(r"(?i)(://[^:/@\s]*:)[^\s/]*(@)|(password=)[^\s&]*")


def parse_url(url: str) -> URL:
    """The URL of a database Roundsman works with; a clear error for anything else (never
    repeating the text, which may hold a password)."""
    try:
        u = make_url(url)
        u.port  # noqa: B018 - parsed on reading: "host:abc" fails here
    except (ArgumentError, ValueError):
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "That is not a database URL; write sqlite:///PATH or "
            "postgresql://USER@HOST/DATABASE.")) from None
    if u.get_backend_name() not in BACKENDS:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Roundsman works with SQLite and PostgreSQL databases, not “{kind}”."),
            kind=u.get_backend_name())
    return u


def hide_passwords(text: str) -> str:
    """``text`` with every password of a database URL or connection string replaced by ***."""
    return _PASSWORDS.sub(lambda m: f"{m[1]}***{m[2]}" if m[1] else f"{m[3]}***", text)


def normalise_url(url: str) -> str:
    """Accept postgresql:// URLs and use psycopg 3 for them."""
    u = parse_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u.render_as_string(hide_password=False)


def keyring_key(url: str) -> str:
    u = make_url(url)
    return f"{u.username}@{u.host}:{u.port or 5432}/{u.database}"


def store_password(url: str, password: str) -> None:
    keyring.set_password(KEYRING_SERVICE, keyring_key(url), password)


def with_keyring_password(url: str) -> str:
    """Fill in a PostgreSQL password from the keyring when the URL has none."""
    u = make_url(url)
    if u.get_backend_name() == "postgresql" and u.password is None and u.username:
        try:
            secret = keyring.get_password(KEYRING_SERVICE, keyring_key(url))
        except keyring.errors.KeyringError:
            secret = None
        if secret:
            u = u.set(password=secret)
    return u.render_as_string(hide_password=False)


def describe(url: str) -> str:
    """What the status bar shows: the SQLite file or PostgreSQL host/db, never a password
    (not even when ``url`` is no URL at all)."""
    try:
        u = parse_url(url)
    except DomainError:
        return hide_passwords(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return f"{u.host or 'localhost'}{':' + str(u.port) if u.port else ''}/{u.database}"


def libpq(engine: Engine) -> tuple[str, str | None]:
    """A PostgreSQL engine's libpq connection string (without the password) and password,
    for the tools and connections that do not go through SQLAlchemy."""
    from psycopg.conninfo import make_conninfo

    u = engine.url
    params = {k: v for k, v in u.query.items() if isinstance(v, str)}
    return make_conninfo("", host=u.host, port=u.port, user=u.username, dbname=u.database,
                         **params), u.password


def make_engine(url: str, **kw) -> Engine:
    url = with_keyring_password(normalise_url(url))
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30}, **kw)
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, isolation_level="READ COMMITTED", pool_pre_ping=True, **kw)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 30000")
        if engine.url.database and engine.url.database != ":memory:":
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get("roundsman_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


_reading: ContextVar[tuple[Engine, Session] | None] = ContextVar("reading", default=None)


@contextmanager
def one_read(engine: Engine) -> Iterator[None]:
    """Every read inside the block is one read transaction: what a window loads at once
    (a customer, their credit and their recent orders) comes from one moment, whatever
    number of core queries it takes.  Writing inside it is a programming error."""
    if _reading.get() is not None:
        yield
        return
    with unit_of_work(engine, write=False) as session:
        token = _reading.set((engine, session))
        try:
            yield
        finally:
            _reading.reset(token)


@contextmanager
def unit_of_work(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """One transaction for one user action: committed on success, rolled back on error.

    A read (``write=False``) sees one moment: on PostgreSQL it is REPEATABLE READ and READ
    ONLY, so a window's figures never come from different moments (SQLite's read
    transaction is a snapshot already); inside ``one_read`` it joins that read."""
    reading = _reading.get()
    if reading is not None:
        if write or reading[0] is not engine:
            raise RuntimeError("a write, or another database, inside one_read()")
        yield reading[1]
        return
    if write:
        bind = engine.execution_options(roundsman_write=True)
    elif engine.dialect.name == "postgresql":
        bind = engine.execution_options(isolation_level="REPEATABLE READ",
                                        postgresql_readonly=True)
    else:
        bind = engine
    session = Session(bind=bind, expire_on_commit=False, autoflush=True)
    try:
        yield session
        if write:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
