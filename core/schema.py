"""The database schema's version: upgrade, current, and refusing what is too new.

Alembic is the only source of schema.  The app refuses a database whose
revision it does not know (made by a newer Roundsman); it upgrades an older
SQLite database after copying the file to a dated backup.  An older
PostgreSQL database is upgraded by the administrator with
``roundsman-admin db upgrade`` (many workstations share it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from core.errors import SchemaError
from core.i18n import QT_TRANSLATE_NOOP

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def empty(self) -> bool:
        return self.current is None


def require_known(revision: str) -> None:
    """Refuse a schema revision this Roundsman does not know (a newer one made it)."""
    try:
        known = ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception:
        known = None
    if known is None:
        raise SchemaError(QT_TRANSLATE_NOOP(
            "core", "The database was made by a newer version of Roundsman (schema {revision}). "
            "Install the newer version to open it."), revision=revision)


def state(engine: Engine) -> SchemaState:
    rev = current(engine)
    if rev is not None:
        require_known(rev)
    return SchemaState(current=rev, head=head())


def prepare(engine: Engine) -> Path | None:
    """Make the database ready for the app; returns the backup file made, if any."""
    st = state(engine)
    if st.up_to_date:
        return None
    backup = None
    if engine.url.get_backend_name() == "sqlite":
        if not st.empty:
            backup = backup_sqlite(engine)
    elif not st.empty:
        raise SchemaError(QT_TRANSLATE_NOOP(
            "core", "The central database has an older schema ({revision}). Ask the administrator "
            "to run “roundsman-admin db upgrade” before starting Roundsman."), revision=st.current)
    upgrade(engine)
    return backup


def backup_sqlite(engine: Engine) -> Path:
    """Copy the SQLite file (consistently, through SQLite's backup API) to a dated file."""
    from core.backup import copy_sqlite

    source = Path(engine.url.database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.stem}.backup-{stamp}{source.suffix}")
    raw = engine.raw_connection()
    try:
        copy_sqlite(raw.driver_connection, target)
    finally:
        raw.close()
    return target
