"""PostgreSQL roles: the office server's own role changes data, never the schema.

The owner (the role of ``roundsman-admin --db OWNER_URL db upgrade``) owns every table.
``setup`` makes the role the server connects as: it may log in, read and write rows, and
nothing more — no table of its own, no DDL, no TRUNCATE, no triggers, no CREATE in the
schema, and only INSERT and SELECT on the append-only tables (the ledger, the audit
trail, the drivers' accounts and the cash book).  The roles made so are remembered in
the ``setting`` row ``app_roles``, and ``grant`` gives them the same privileges again on every table after each upgrade, so the
tables of later revisions work too.  ``check_connection`` is what the server runs at start:
it refuses to serve as the owner, a superuser, or any role that could rewrite the schema or
the append-only tables.  SQLite has no roles: the file's permissions are its guard.
"""

from __future__ import annotations

import re

from psycopg import sql
from sqlalchemy import Connection, Engine, text

from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP

# INSERT and SELECT only
APPEND_ONLY = frozenset({"ledger_entry", "audit_log", "driver_entry", "cash_book_entry",
                         "stock_doc", "stock_move", "deposit_receipt", "deposit_line",
                         "deposit_exemption", "cylinder_scan"})
KEPT = frozenset({"chain_head"})  # the chains' ends: moved on, never deleted
READ_ONLY = frozenset({"alembic_version"})  # the schema's revision: the owner's to change
APP_ROLES_KEY = "app_roles"  # the setting row naming the app roles, comma-separated
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_RESERVED = frozenset({"public", "none", "current_user", "session_user", "current_role"})
_TABLES = ("r", "p", "v", "m", "f")  # pg_class kinds GRANT ... ON TABLE applies to


def require_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "Database roles are a PostgreSQL feature; a SQLite file is guarded by "
            "its file permissions (only the server's account may read it)."))


def valid_name(name: str) -> str:
    if not _ROLE_NAME.fullmatch(name) or name.startswith("pg_") or name in _RESERVED:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "“{name}” cannot be a role name: use lower-case letters, digits and _, "
            "starting with a letter, at most 63 characters, not beginning with pg_."),
            name=name)
    return name


def setup(engine: Engine, app_role: str, password: str) -> None:
    """Create ``app_role`` (or bring an existing one back to) a LOGIN role with ``password``
    that may change the data and nothing else; run by the owner.  Idempotent."""
    require_postgresql(engine)
    name = valid_name(app_role)
    if len(password) < 12:
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "The app role's password must have at least 12 characters."))
    with engine.begin() as conn:
        if reason := _unfit(conn, name):
            raise reason
        # Hashed here (SCRAM, as psql's \password does): the password as typed never
        # travels to the server nor lands in its statement log.
        hashed = conn.connection.driver_connection.pgconn.encrypt_password(
            password.encode(), name.encode()).decode()
        _execute(conn, sql.SQL(
            "{} ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
            "NOBYPASSRLS INHERIT PASSWORD {}").format(
                sql.SQL("ALTER" if _exists(conn, name) else "CREATE"), sql.Identifier(name),
                sql.Literal(hashed)))
        _execute(conn, sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(
            sql.Identifier(_schema(conn))))
        names = sorted(set(_app_roles(conn)) | {name})
        conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v) ON CONFLICT (key) "
                          "DO UPDATE SET value = excluded.value"),
                     {"k": APP_ROLES_KEY, "v": ",".join(names)})
        _grant(conn, name)
        if problems := refusals(conn, name):
            raise problems[0]


def grant(engine: Engine) -> tuple[str, ...]:
    """Give every app role its privileges on every table again (after an upgrade made new
    ones); returns the roles granted.  A listed role that no longer exists, or that is the
    owner or a superuser, is left alone: nothing here ever widens what the owner's roles
    hold."""
    if engine.dialect.name != "postgresql":
        return ()
    with engine.begin() as conn:
        names = [n for n in _app_roles(conn) if _exists(conn, n) and _unfit(conn, n) is None]
        for name in names:
            _grant(conn, name)
    return tuple(names)


def check_connection(engine: Engine) -> None:
    """Refuse to serve as a role that could change the schema or the append-only tables:
    the server runs as the role ``db setup-roles`` made.  SQLite: nothing to check."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        problems = refusals(conn, conn.scalar(text("SELECT current_user")))
    if problems:
        raise problems[0]


def refusals(conn: Connection, role: str) -> list[DomainError]:
    """What makes ``role`` unfit to be the server's role, each as an error to show."""
    schema = _schema(conn)
    row = conn.execute(text("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = :r"),
                       {"r": role}).one()
    if row.rolsuper:
        return [DomainError(QT_TRANSLATE_NOOP(
            "core", "The database role {role} is a superuser: the server does not run as one. "
            "Connect it as the role made by “roundsman-admin db setup-roles”."), role=role)]
    problems = []
    if row.rolcreaterole:
        problems.append(DomainError(QT_TRANSLATE_NOOP(
            "core", "The database role {role} may create roles (and so grant itself the "
            "owner's): the server does not run as it. Connect it as the role made by "
            "“roundsman-admin db setup-roles”."), role=role))
    if owned := _owned(conn, role, schema):
        problems.append(DomainError(QT_TRANSLATE_NOOP(
            "core", "The database role {role} owns {objects} in the schema {schema}: the "
            "server does not run as the owner. Connect it as the role made by "
            "“roundsman-admin db setup-roles”."), role=role, objects=", ".join(owned),
            schema=schema))
    if conn.scalar(text("SELECT has_schema_privilege(:r, :s, 'CREATE') "
                        "OR has_database_privilege(:r, current_database(), 'CREATE')"),
                   {"r": role, "s": schema}):
        problems.append(DomainError(QT_TRANSLATE_NOOP(
            "core", "The database role {role} may create tables or schemas: run "
            "“roundsman-admin db setup-roles” as the owner, which revokes that."), role=role))
    if tampering := _tampering(conn, role, schema):
        problems.append(DomainError(QT_TRANSLATE_NOOP(
            "core", "The database role {role} may {privileges}: run “roundsman-admin db "
            "setup-roles” as the owner, which revokes that."), role=role,
            privileges="; ".join(tampering)))
    return problems


def _owned(conn: Connection, role: str, schema: str) -> list[str]:
    """The tables, sequences and functions of ``schema`` whose owner ``role`` is (or is a
    member of, and so may act as)."""
    return list(conn.scalars(text("""
        SELECT relname FROM pg_class
         WHERE relnamespace = CAST(:s AS regnamespace) AND relkind IN ('r','p','v','m','f','S')
           AND pg_has_role(:r, relowner, 'MEMBER')
        UNION ALL
        SELECT proname || '()' FROM pg_proc
         WHERE pronamespace = CAST(:s AS regnamespace) AND pg_has_role(:r, proowner, 'MEMBER')
        ORDER BY 1 LIMIT 5"""), {"r": role, "s": _quoted(schema)}))


def _tampering(conn: Connection, role: str, schema: str) -> list[str]:
    """``role``'s privileges that could rewrite history: UPDATE or DELETE on an append-only
    table, TRUNCATE or TRIGGER on any."""
    rows = conn.execute(text("""
        SELECT relname, p.priv FROM pg_class
          CROSS JOIN (VALUES ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('TRIGGER')) AS p(priv)
         WHERE relnamespace = CAST(:s AS regnamespace) AND relkind IN ('r', 'p')
           AND (p.priv IN ('TRUNCATE', 'TRIGGER') OR relname = ANY(:append_only))
           AND has_table_privilege(:r, pg_class.oid, p.priv)
         ORDER BY relname, p.priv"""),
        {"r": role, "s": _quoted(schema), "append_only": sorted(APPEND_ONLY)}).all()
    return [f"{priv} {table}" for table, priv in rows]


def _unfit(conn: Connection, name: str) -> DomainError | None:
    """Why an existing role must not become an app role (the owner, a superuser): turning
    it into one would take the owner's rights away."""
    me = conn.scalar(text("SELECT current_user"))
    if name == me or (_exists(conn, name) and (
            conn.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = :n"), {"n": name})
            or _owned(conn, name, _schema(conn)))):
        return DomainError(QT_TRANSLATE_NOOP(
            "core", "The role {name} is the owner of the schema or a superuser; the app role "
            "must be a role of its own, e.g. roundsman_app."), name=name)
    return None


def _grant(conn: Connection, role: str) -> None:
    """``role``'s privileges on the database as it is now: exactly these, every time."""
    schema = _schema(conn)
    who, where = sql.Identifier(role), sql.Identifier(schema)
    tables = list(conn.scalars(text(
        "SELECT relname FROM pg_class WHERE relnamespace = CAST(:s AS regnamespace) "
        "AND relkind = ANY(:kinds) ORDER BY relname"),
        {"s": _quoted(schema), "kinds": list(_TABLES)}))
    _execute(conn, sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
        sql.Identifier(conn.scalar(text("SELECT current_database()"))), who))
    _execute(conn, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(where, who))
    _execute(conn, sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(where, who))
    _execute(conn, sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(where, who))
    _execute(conn, sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(where,
                                                                                     who))
    for privileges, names in (
            ("SELECT", [t for t in tables if t in READ_ONLY]),
            ("SELECT, INSERT", [t for t in tables if t in APPEND_ONLY]),
            ("SELECT, INSERT, UPDATE", [t for t in tables if t in KEPT]),
            ("SELECT, INSERT, UPDATE, DELETE",
             [t for t in tables if t not in READ_ONLY | APPEND_ONLY | KEPT])):
        if names:
            _execute(conn, sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                sql.SQL(privileges), sql.SQL(", ").join(
                    sql.Identifier(schema, t) for t in names), who))
    _execute(conn, sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
        where, who))


def _app_roles(conn: Connection) -> list[str]:
    value = conn.scalar(text("SELECT value FROM setting WHERE key = :k"), {"k": APP_ROLES_KEY})
    return [n for n in (value or "").split(",")
            if _ROLE_NAME.fullmatch(n) and not n.startswith("pg_") and n not in _RESERVED]


def _exists(conn: Connection, name: str) -> bool:
    return bool(conn.scalar(text("SELECT true FROM pg_roles WHERE rolname = :n"), {"n": name}))


def _schema(conn: Connection) -> str:
    return conn.scalar(text("SELECT current_schema()"))


def _quoted(schema: str) -> str:
    """A schema's name as regnamespace reads it (quoted, so any name is taken as is)."""
    return '"' + schema.replace('"', '""') + '"'


def _execute(conn: Connection, statement: sql.Composed) -> None:
    """A statement composed with psycopg.sql (names and literals quoted by the driver), in
    ``conn``'s transaction."""
    with conn.connection.driver_connection.cursor() as cur:
        cur.execute(statement)
