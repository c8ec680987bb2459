"""Shared fixtures: isolated folders, an in-memory keyring, and real databases.

Every test that takes ``db_url`` (or ``engine``) runs twice: on SQLite and on
a real PostgreSQL server that this test session starts itself (no system
service, no Docker).  Each test gets a fresh, fully migrated, empty database:
SQLite copies a template file migrated once per session; PostgreSQL creates a
database from a template database (``CREATE DATABASE ... TEMPLATE``), which is
much faster than running the migrations again.

Without a PostgreSQL server binary the PostgreSQL runs are skipped, except on
CI (``CI=true``), where they fail: CI must run them.  ``-m "not postgresql"``
leaves the server unstarted.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# --- before anything imports Qt or reads the user's folders -------------------------------
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="roundsman-tests-"))
os.environ["ROUNDSMAN_DATA_DIR"] = str(_SESSION_DIR / "data")
os.environ["ROUNDSMAN_CONFIG_DIR"] = str(_SESSION_DIR / "config")
os.environ["ROUNDSMAN_KEY_FILE"] = str(_SESSION_DIR / "ledger.key")  # core.chain's, made on use
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import keyring.errors  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

from tests.pgserver import PostgresServer, find_postgres_bin  # noqa: E402


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict: headless Linux has no real one, and tests
    must never write into the developer's own keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(f"no password for {username}") from None


_KEYRING = MemoryKeyring()
keyring.set_keyring(_KEYRING)

hypothesis_settings.register_profile("roundsman", deadline=None)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("roundsman"), derandomize=True)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "roundsman"))

ON_CI = os.environ.get("CI", "").lower() == "true"
NO_POSTGRES = ("no PostgreSQL server binary (initdb) found; "
               "install Debian's postgresql package")


@pytest.fixture(autouse=True)
def memory_keyring():
    """The session's in-memory keyring, emptied after each test."""
    keyring.set_keyring(_KEYRING)
    yield _KEYRING
    _KEYRING.secrets.clear()


@pytest.fixture(scope="session")
def session_dir() -> Path:
    return _SESSION_DIR


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Argon2id at its production cost takes ~150 ms a hash; seeding users for
    every test would dominate the run.  Tests use the same algorithm with a
    tiny cost (the cost is in each hash, so verification works the same)."""
    from argon2 import PasswordHasher

    from core.services import auth

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    mp = pytest.MonkeyPatch()
    if hasattr(auth, "_hasher"):
        mp.setattr(auth, "_hasher", cheap)
    if hasattr(auth, "_DUMMY_HASH"):
        mp.setattr(auth, "_DUMMY_HASH", cheap.hash("not a real password"))
    yield
    mp.undo()


# --- PostgreSQL, started by the test session ----------------------------------------------

@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for this session (skipped without binaries; failed on CI)."""
    bindir = find_postgres_bin()
    if bindir is None:
        if ON_CI:
            pytest.fail(NO_POSTGRES + " (CI=true: PostgreSQL tests must run)", pytrace=False)
        pytest.skip(NO_POSTGRES)
    server = PostgresServer(bindir)
    atexit.register(server.stop)  # also when the session is interrupted
    try:
        server.start()
        yield server
    finally:
        server.stop()


# --- migrated templates, and a fresh database per test ------------------------------------

@pytest.fixture(scope="session")
def sqlite_template(session_dir) -> Path:
    """A SQLite file migrated to head once; tests get copies of it."""
    from core import schema
    from core.db import make_engine

    path = session_dir / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    try:
        schema.upgrade(engine)
    finally:
        engine.dispose()
    # One self-contained file to copy: fold the WAL back in and leave WAL mode
    # (each test's engine turns WAL on again when it connects).
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_server) -> str:
    """The name of a PostgreSQL database migrated to head once; tests clone it."""
    from core import schema
    from core.db import make_engine

    name = "roundsman_template"
    pg_server.create_database(name)
    engine = make_engine(pg_server.url(name))
    try:
        schema.upgrade(engine)
    finally:
        engine.dispose()
    pg_server.execute(f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true')
    return name


_db_numbers = itertools.count(1)


def fresh_sqlite_url(template: Path, tmp_path: Path) -> str:
    path = tmp_path / "roundsman.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


DATABASES = [pytest.param("sqlite", id="sqlite"),
             pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql)]


@contextmanager
def fresh_database(request, kind: str, folder: Path) -> Iterator[str]:
    """The URL of a fresh, fully migrated, empty database of ``kind`` (a SQLite file in
    ``folder``), dropped afterwards on PostgreSQL."""
    if kind == "sqlite":
        yield fresh_sqlite_url(request.getfixturevalue("sqlite_template"), folder)
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    name = f"test_{next(_db_numbers)}"
    server.create_database(name, template=template)
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path):
    """A fresh, fully migrated, empty database: once on SQLite, once on PostgreSQL."""
    with fresh_database(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(db_url):
    from core.db import make_engine

    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:
    """A fresh migrated SQLite database only (for tests that need just one database)."""
    return fresh_sqlite_url(sqlite_template, tmp_path)


@pytest.fixture
def sqlite_engine(sqlite_url):
    from core.db import make_engine

    eng = make_engine(sqlite_url)
    yield eng
    eng.dispose()


# --- actors and users ---------------------------------------------------------------------

@pytest.fixture
def admin():
    """The headless administration actor (every role, no user row)."""
    from core.services.actor import SYSTEM

    return SYSTEM


@dataclass(frozen=True)
class SeededUser:
    id: int
    username: str
    password: str
    roles: tuple[str, ...]
    actor: object  # core.services.actor.Actor, as a log-in would return it


SEED_USERS = ("admin", "manager", "clerk", "dispatcher")


def seed_users(engine, names=SEED_USERS) -> dict[str, SeededUser]:
    """Create one user per role: user name = role, password '<name>-pass-1'."""
    from core.services.actor import SYSTEM, Actor
    from core.services.users import create_user

    out = {}
    for name in names:
        password = f"{name}-pass-1"
        v = create_user(engine, SYSTEM, username=name, password=password, roles=[name],
                        full_name=name.title())
        actor = Actor(user_id=v.id, username=v.username, roles=frozenset(v.roles),
                      full_name=v.full_name)
        out[name] = SeededUser(v.id, v.username, password, tuple(v.roles), actor)
    return out


@pytest.fixture
def seeded(engine) -> dict[str, SeededUser]:
    """admin, manager, clerk and dispatcher users in ``engine``'s database;
    ``seeded["clerk"].actor`` acts as that user, ``.password`` is 'clerk-pass-1'."""
    return seed_users(engine)


@pytest.fixture
def sqlite_seeded(sqlite_engine) -> dict[str, SeededUser]:
    return seed_users(sqlite_engine)


# --- the office server ------------------------------------------------------------------

_app_roles = itertools.count()


@pytest.fixture
def server(db_url, engine, seeded, tmp_path):
    """A roundsman-server process on loopback serving ``engine``'s database (``seeded``);
    on PostgreSQL it connects as an app role of its own (it refuses the owner)."""
    from sqlalchemy.engine import make_url

    from core import roles
    from tests.serverproc import Running

    url = db_url
    if engine.dialect.name == "postgresql":
        name = f"rs_app_{os.getpid()}_{next(_app_roles)}"
        roles.setup(engine, name, "app-role-password-1")
        url = make_url(db_url).set(username=name).render_as_string(hide_password=False)
    running = Running(url, tmp_path / "server")
    yield running
    running.stop()
