"""The schema comes from the Alembic migrations, matches the models, and refuses
databases it does not know."""

import sqlite3
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from core import schema
from core.db import make_engine
from core.errors import SchemaError
from core.models import Base
from core.services import customers
from core.services.actor import SYSTEM


def test_a_fresh_database_is_migrated_to_the_newest_revision(engine):
    assert schema.current(engine) == schema.head()
    st = schema.state(engine)
    assert st.up_to_date and not st.empty
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_the_migrations_build_exactly_what_the_models_describe(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []


def test_a_database_made_by_a_newer_roundsman_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
    with pytest.raises(SchemaError) as exc:
        schema.state(engine)
    assert "f00dfeed9999" in str(exc.value)
    with pytest.raises(SchemaError):
        schema.prepare(engine)


def test_preparing_an_up_to_date_database_changes_nothing_and_makes_no_backup(engine):
    assert schema.prepare(engine) is None
    assert schema.current(engine) == schema.head()


def test_preparing_an_empty_sqlite_file_builds_the_schema_without_a_backup(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    try:
        assert schema.state(eng).empty
        assert schema.prepare(eng) is None
        assert schema.current(eng) == schema.head()
        assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == []
    finally:
        eng.dispose()


@pytest.fixture
def newer_migrations(tmp_path, monkeypatch) -> str:
    """This Roundsman's migrations plus one more revision on top, as a newer
    release would ship them; returns the new head."""
    import shutil

    target = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, target, ignore=shutil.ignore_patterns("__pycache__"))
    old_head = schema.head()
    (target / "versions" / "ffff_next.py").write_text(textwrap.dedent(f"""
        from alembic import op
        import sqlalchemy as sa

        revision = "ffff_next"
        down_revision = {old_head!r}
        branch_labels = None
        depends_on = None


        def upgrade():
            op.create_table("zz_next", sa.Column("id", sa.Integer, primary_key=True))


        def downgrade():
            op.drop_table("zz_next")
        """))
    monkeypatch.setattr(schema, "MIGRATIONS", target)
    assert schema.head() == "ffff_next"
    return "ffff_next"


def test_an_older_sqlite_database_is_backed_up_then_upgraded(sqlite_engine, newer_migrations):
    customers.save(sqlite_engine, SYSTEM, customers.CustomerInput(name="王大明", code="K1"))
    old_revision = schema.current(sqlite_engine)

    backup = schema.prepare(sqlite_engine)

    assert backup is not None and backup.exists()
    assert Path(sqlite_engine.url.database).parent == backup.parent
    assert schema.current(sqlite_engine) == newer_migrations
    assert "zz_next" in inspect(sqlite_engine).get_table_names()
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (old_revision,)]
        assert con.execute("SELECT code, name FROM customer").fetchall() == [("K1", "王大明")]
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


@pytest.mark.postgresql
def test_an_older_central_database_is_left_for_the_administrator_to_upgrade(
        pg_server, pg_template, newer_migrations):
    pg_server.create_database("test_older_central", template=pg_template)
    eng = make_engine(pg_server.url("test_older_central"))
    try:
        with pytest.raises(SchemaError) as exc:
            schema.prepare(eng)
        assert "roundsman-admin db upgrade" in str(exc.value)
        assert schema.current(eng) != newer_migrations
        schema.upgrade(eng)  # what `roundsman-admin db upgrade` does
        assert schema.current(eng) == newer_migrations
    finally:
        eng.dispose()
        pg_server.drop_database("test_older_central")
