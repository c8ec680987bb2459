"""The office server's PostgreSQL role: it changes data, never the schema or the history.

Each test makes an app role of its own with ``roles.setup`` (as the owner, the session
server's superuser ``roundsman``), connects as it, and tries what an attacker holding the
server's credential would: every tampering statement is refused by PostgreSQL itself
(SQLSTATE 42501, insufficient privilege), while the whole work of the shop goes through.
"""

from __future__ import annotations

import io
import itertools
import sys

import psycopg
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from core import backup, checks, cli, demo, roles, schema
from core.db import make_engine
from core.errors import DomainError
from core.services import auth, payments
from tests.conftest import seed_users
from tests.integration.invoicing import make_shop, make_two_months

# The PostgreSQL run of ``db_url`` (and of ``engine``, the owner's) only: SQLite has no roles.
postgresql_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True)

PASSWORD = "app-role-password-1"
_names = itertools.count(1)


def app_url(db_url: str, name: str) -> str:
    return make_url(db_url).set(username=name, password=PASSWORD).render_as_string(
        hide_password=False)


@pytest.fixture
def app_name(engine, pg_server):
    """A fresh role name for this test; the role is dropped afterwards."""
    name = f"roundsman_app_{next(_names)}"
    yield name
    engine.dispose()
    with engine.begin() as conn:
        if conn.scalar(text("SELECT true FROM pg_roles WHERE rolname = :n"), {"n": name}):
            conn.execute(text(f"DROP OWNED BY {name}"))
    engine.dispose()
    pg_server.execute(f"DROP ROLE IF EXISTS {name}")


@pytest.fixture
def app(engine, db_url, app_name):
    """An engine connected as a new app role made by the owner, on a database where PUBLIC
    may create in the schema (as before PostgreSQL 15)."""
    with engine.begin() as conn:
        conn.execute(text("GRANT CREATE ON SCHEMA public TO PUBLIC"))
    roles.setup(engine, app_name, PASSWORD)
    eng = make_engine(app_url(db_url, app_name))
    yield eng
    eng.dispose()


def refused(eng, statement: str) -> str:
    """Run ``statement`` as ``eng``'s role; the error PostgreSQL refuses it with (the test
    fails when it is not refused, or refused for another reason than privilege)."""
    with pytest.raises(DBAPIError) as caught, eng.begin() as conn:
        conn.execute(text(statement))
    error = caught.value.orig
    assert isinstance(error, psycopg.errors.InsufficientPrivilege), error
    return str(error).splitlines()[0]


# --- every tampering statement, refused --------------------------------------------------

ATTACKS = {
    "update audit_log": "UPDATE audit_log SET action = 'nothing happened'",
    "delete audit_log": "DELETE FROM audit_log",
    "update ledger_entry": "UPDATE ledger_entry SET amount = 0",
    "delete ledger_entry": "DELETE FROM ledger_entry",
    "truncate ledger_entry": "TRUNCATE ledger_entry",
    "delete the chains' heads": "DELETE FROM chain_head",
    "disable the ledger's trigger": "ALTER TABLE ledger_entry DISABLE TRIGGER ALL",
    "drop the ledger's trigger": "DROP TRIGGER ledger_entry_append_only ON ledger_entry",
    "drop a table": "DROP TABLE audit_log",
    "create a table": "CREATE TABLE loot (id integer)",
    "add a column": "ALTER TABLE customer ADD COLUMN note_to_self text",
    "truncate another table": "TRUNCATE customer CASCADE",
    "become the owner": "SET ROLE roundsman",
    "join the owner's role": "GRANT roundsman TO CURRENT_USER",
    "create a function": "CREATE FUNCTION public.steal() RETURNS integer "
                         "LANGUAGE sql AS 'SELECT 1'",
}


@postgresql_only
@pytest.mark.parametrize("statement", ATTACKS.values(), ids=ATTACKS.keys())
def test_the_app_role_is_refused_each_tampering_statement(app, statement):
    refused(app, statement)


@postgresql_only
def test_the_app_role_cannot_grant_itself_what_it_lacks(app):
    """It holds no grant option: PostgreSQL grants nothing (with a warning), and the ledger
    stays closed to UPDATE, DELETE and TRUNCATE."""
    with app.begin() as conn:
        conn.execute(text("GRANT ALL ON ledger_entry, audit_log TO CURRENT_USER"))
        held = conn.execute(text(
            "SELECT t, p FROM unnest(ARRAY['ledger_entry', 'audit_log']) AS t, "
            "unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) AS p "
            "WHERE has_table_privilege(t, p)")).all()
    assert held == []
    refused(app, "UPDATE ledger_entry SET amount = 0")


@postgresql_only
def test_the_app_role_owns_nothing_and_has_no_special_attributes(engine, app, app_name):
    with engine.connect() as conn:
        attrs = conn.execute(text(
            "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, "
            "rolbypassrls FROM pg_roles WHERE rolname = :n"), {"n": app_name}).one()
        assert tuple(attrs) == (True, False, False, False, False, False)
        assert roles.refusals(conn, app_name) == []
        public_may_create = conn.scalar(text(
            "SELECT count(*) FROM pg_namespace, aclexplode(nspacl) AS acl "
            "WHERE nspname = 'public' AND acl.grantee = 0 AND acl.privilege_type = 'CREATE'"))
        assert public_may_create == 0


# --- what the app needs, allowed -----------------------------------------------------------

@postgresql_only
def test_the_shop_works_through_the_app_role_and_every_check_passes(app, tmp_path):
    seeded = seed_users(app)
    shop = make_shop(app, seeded)
    months = make_two_months(app, seeded, shop)
    payments.record_payment(app, seeded["clerk"].actor, customer_id=months["customer"].id,
                            method="cash", amount="50")
    assert auth.login(app, "clerk", "clerk-pass-1").username == "clerk"
    with app.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM ledger_entry")) > 0
        assert conn.scalar(text("SELECT count(*) FROM audit_log")) > 0
    results = checks.run(app)
    assert [r.name for r in results if not r.ok] == []
    made = backup.take(app, tmp_path)  # the server's scheduled backups run as its role
    assert made.path.exists() and made.bytes > 0


@postgresql_only
def test_the_server_fills_the_demo_company_through_the_app_role(app):
    """roundsman-server --demo runs as the app role."""
    made = demo.generate(app, customers_count=20, days=5, seed=7)
    assert made.customers == 20 and made.orders > 0
    assert [r.name for r in checks.run(app) if not r.ok] == []

# --- grants after an upgrade ---------------------------------------------------------------

@postgresql_only
def test_after_db_upgrade_the_app_role_may_use_the_newer_tables(engine, db_url, app_name,
                                                                capsys):
    """Roles set up on revision 0004 (before billing); the upgrade makes the invoice, payment
    and ledger tables, and the app role may use them as it uses the older ones — the ledger
    as append-only."""
    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    roles.setup(engine, app_name, PASSWORD)
    assert cli.main(["--db", db_url, "db", "upgrade"]) == 0
    assert f"app roles granted again: {app_name}" in capsys.readouterr().out
    app = make_engine(app_url(db_url, app_name))
    try:
        with engine.connect() as conn:
            closed = list(conn.scalars(text(
                "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                "AND relkind = 'r' AND NOT has_table_privilege(:n, oid, 'SELECT')"),
                {"n": app_name}))
        assert closed == []
        seeded = seed_users(app)
        months = make_two_months(app, seeded, make_shop(app, seeded))
        assert payments.record_payment(app, seeded["clerk"].actor,
                                       customer_id=months["customer"].id, method="cash",
                                       amount="50")
        refused(app, "UPDATE ledger_entry SET amount = 0")
        refused(app, "TRUNCATE payment")
        roles.check_connection(app)
    finally:
        app.dispose()


@postgresql_only
def test_restoring_an_older_backup_grants_the_app_role_the_tables_its_upgrade_made(
        engine, db_url, app_name, tmp_path, capsys):
    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    roles.setup(engine, app_name, PASSWORD)
    older = backup.take(engine, tmp_path / "backups")
    engine.dispose()
    assert cli.main(["--db", db_url, "restore", str(older.path), "--yes",
                     "--keep-in", str(tmp_path / "kept")]) == 0
    assert f"upgraded to {schema.head()}); app roles granted again: {app_name}" in \
        capsys.readouterr().out
    app = make_engine(app_url(db_url, app_name))
    try:
        with app.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM payment")) == 0
        roles.check_connection(app)
    finally:
        app.dispose()


@postgresql_only
def test_setting_up_the_same_role_again_changes_nothing_but_its_password(engine, db_url,
                                                                        app_name):
    roles.setup(engine, app_name, PASSWORD)
    roles.setup(engine, app_name, PASSWORD)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT value FROM setting WHERE key = 'app_roles'")) == app_name
        assert roles.refusals(conn, app_name) == []


# --- the server's check at start -------------------------------------------------------------

@postgresql_only
def test_the_server_refuses_to_run_as_the_owner_and_accepts_the_app_role(engine, app):
    with pytest.raises(DomainError, match="superuser"):
        roles.check_connection(engine)
    roles.check_connection(app)


@postgresql_only
@pytest.mark.parametrize("widening, message", [
    ("GRANT UPDATE ON ledger_entry TO {role}", "may UPDATE ledger_entry"),
    ("GRANT DELETE ON audit_log TO {role}", "may DELETE audit_log"),
    ("GRANT TRUNCATE ON customer TO PUBLIC", "may TRUNCATE customer"),
    ("ALTER TABLE saved_search OWNER TO {role}", "owns saved_search"),
    ("GRANT roundsman TO {role}", "owns alembic_version"),  # a member acts as the owner
    ("ALTER ROLE {role} CREATEROLE", "may create roles"),
    ("GRANT CREATE ON SCHEMA public TO {role}", "may create tables"),
    ("GRANT CREATE ON DATABASE {database} TO {role}", "may create tables"),
    ("ALTER ROLE {role} SUPERUSER", "is a superuser"),
])
def test_the_server_refuses_a_role_that_could_change_the_schema_or_the_history(
        engine, app, app_name, widening, message):
    with engine.begin() as conn:
        database = conn.scalar(text("SELECT current_database()"))
        conn.execute(text(widening.format(role=app_name, database=database)))
    app.dispose()
    with pytest.raises(DomainError, match=message):
        roles.check_connection(app)


@postgresql_only
def test_the_owner_cannot_become_an_app_role(engine):
    with pytest.raises(DomainError, match="owner of the schema or a superuser"):
        roles.setup(engine, "roundsman", PASSWORD)


# --- the command -----------------------------------------------------------------------------

def admin(capsys, monkeypatch, *args, stdin: str = ""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@postgresql_only
def test_setup_roles_reads_the_password_from_stdin(db_url, app_name, capsys, monkeypatch):
    code, out, err = admin(capsys, monkeypatch, "--db", db_url, "db", "setup-roles",
                           "--app-role", app_name, stdin=PASSWORD + "\n")
    assert (code, err) == (0, "")
    assert f"run the server as {app_name}" in out
    first = stored_password(db_url, app_name)
    assert first.startswith("SCRAM-SHA-256$")  # hashed by the client, never sent as typed
    code, _, _ = admin(capsys, monkeypatch, "--db", db_url, "db", "setup-roles",
                       "--app-role", app_name, stdin="another-password-2\n")
    assert code == 0 and stored_password(db_url, app_name) not in (first, None)


def stored_password(db_url: str, name: str) -> str | None:
    with psycopg.connect(make_url(db_url).set(drivername="postgresql")
                         .render_as_string(hide_password=False)) as conn:
        return conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                            (name,)).fetchone()[0]


@pytest.mark.parametrize("role, password, message", [
    ("roundsman_ok", "short", "at least 12 characters"),
    ("Robert'); DROP TABLE customer;--", PASSWORD, "cannot be a role name"),
    ("pg_monitor", PASSWORD, "cannot be a role name"),
    ("roundsman", PASSWORD, "owner of the schema or a superuser"),
])
@postgresql_only
def test_setup_roles_refuses_bad_input_in_one_line_with_exit_2(
        db_url, role, password, message, capsys, monkeypatch):
    code, out, err = admin(capsys, monkeypatch, "--db", db_url, "db", "setup-roles",
                           "--app-role", role, stdin=password + "\n")
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_setup_roles_on_sqlite_says_roles_are_postgresql_s(sqlite_url, capsys, monkeypatch):
    code, out, err = admin(capsys, monkeypatch, "--db", sqlite_url, "db", "setup-roles",
                           "--app-role", "roundsman_app", stdin=PASSWORD + "\n")
    assert code == 2 and out == ""
    assert "Database roles are a PostgreSQL feature" in err



def test_on_sqlite_there_is_no_role_to_check_or_grant(sqlite_engine):
    roles.check_connection(sqlite_engine)
    assert roles.grant(sqlite_engine) == ()

@postgresql_only
def test_setup_roles_takes_no_password_argument(db_url, capsys, monkeypatch):
    with pytest.raises(SystemExit) as ended:
        admin(capsys, monkeypatch, "--db", db_url, "db", "setup-roles",
              "--app-role", "roundsman_app", "--password", PASSWORD)
    assert ended.value.code == 2
    assert "unrecognized arguments: --password" in capsys.readouterr().err
