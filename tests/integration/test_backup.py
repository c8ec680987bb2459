"""Backups and restore on SQLite and PostgreSQL: what comes back is what was backed up,
a killed backup leaves nothing that looks complete, a bad file is refused with the
database untouched, and retention keeps exactly the promised set."""

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from core import backup, cli, demo, schema
from core.db import make_engine
from core.services import customers
from core.services.customers import CustomerInput
from core.services.actor import SYSTEM


def snapshot(engine) -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of its content, in primary-key order."""
    out = {}
    names = sorted(inspect(engine).get_table_names())
    with engine.connect() as conn:
        for name in names:
            pk = inspect(engine).get_pk_constraint(name)["constrained_columns"] or ["1"]
            rows = conn.execute(text(f'SELECT * FROM "{name}" ORDER BY '
                                     + ", ".join(f'"{c}"' if c != "1" else c for c in pk))).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            out[name] = (len(rows), digest)
    engine.dispose()
    return out


def change_things(engine) -> None:
    customers.save(engine, SYSTEM, CustomerInput(code="NEW1", name="Changed after the backup",
                                                 phone="0911000111", credit_limit=Decimal(5000)))
    with engine.begin() as conn:
        conn.execute(text("UPDATE customer SET name = 'renamed' WHERE code = 'C000002'"))
        conn.execute(text("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"))
    engine.dispose()


@pytest.fixture
def company(engine):
    demo.generate(engine, customers_count=12, days=6, seed=3)
    engine.dispose()
    return engine


def test_restore_gives_back_exactly_what_was_backed_up(company, tmp_path):
    engine = company
    before = snapshot(engine)
    made = backup.take(engine, tmp_path / "backups")
    assert made.path.exists() and made.bytes == made.path.stat().st_size > 0
    change_things(engine)
    changed = snapshot(engine)
    assert changed != before
    done = backup.restore(engine, made.path, keep_in=tmp_path / "kept")
    assert snapshot(engine) == before
    assert all(r.ok for r in done.results), [r.name for r in done.results if not r.ok]
    assert not done.upgraded and done.revision == schema.head()
    # the database as it was (with the changes) was kept, verified, and restores too
    assert done.kept is not None and done.kept.parent == tmp_path / "kept"
    backup.restore(engine, done.kept, keep_in=tmp_path / "kept")
    assert snapshot(engine) == changed


def test_backups_taken_while_another_workstation_writes_are_consistent(company, tmp_path):
    engine = company
    writer = make_engine(engine.url.render_as_string(hide_password=False))
    stop = threading.Event()
    written = []

    def keep_writing():
        while not stop.is_set():
            n = len(written) + 1
            customers.save(writer, SYSTEM, CustomerInput(
                code=f"W{n}", name=f"寫入中 {n}", phone=f"09110{n:05d}",
                credit_limit=Decimal(n)))
            written.append(n)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        for day in (2, 3, 4):  # each verified with db check (the search index matches, ...)
            made = backup.take(engine, tmp_path / "b", now=datetime(2026, 11, day, 13))
            assert backup.verify(engine, made.path) == schema.head()
    finally:
        stop.set()
        thread.join()
        writer.dispose()
    assert written, "the other workstation wrote nothing meanwhile"


def test_the_ledger_still_refuses_changes_after_a_restore(company, tmp_path):
    engine = company
    made = backup.take(engine, tmp_path)
    backup.restore(engine, made.path, keep_in=tmp_path)
    for statement in ("UPDATE ledger_entry SET amount = 0", "DELETE FROM ledger_entry"):
        with pytest.raises(Exception, match="never changed or deleted"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    engine.dispose()


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not a backup"])
def test_a_damaged_backup_is_refused_and_the_database_untouched(company, tmp_path, damage):
    engine = company
    made = backup.take(engine, tmp_path / "backups")
    change_things(engine)
    before = snapshot(engine)
    data = made.path.read_bytes()
    bad = tmp_path / f"bad{made.path.suffix}"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":  # garbage over the middle of the file
        middle = len(data) // 2
        bad.write_bytes(data[:middle] + bytes(random.Random(1).randrange(256)
                                              for _ in range(8192)) + data[middle + 8192:])
    else:
        bad.write_text("customer,name\nC1,Lin\n")
    with pytest.raises(backup.RestoreRefused) as refused:
        backup.restore(engine, bad, keep_in=tmp_path / "kept")
    message = refused.value.message()
    assert bad.name in message or "cannot be read" in message, message
    assert "not changed" in message
    assert snapshot(engine) == before
    assert not (tmp_path / "kept").exists()  # refused before anything was done


def test_a_backup_made_by_a_newer_schema_is_refused(company, tmp_path):
    engine = company
    made = backup.take(engine, tmp_path)
    newer = tmp_path / f"newer{made.path.suffix}"
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    try:
        if engine.url.get_backend_name() == "sqlite":
            raw = engine.raw_connection()
            backup.copy_sqlite(raw.driver_connection, newer)
            raw.close()
        else:
            backup._dump_pg(engine, newer)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"UPDATE alembic_version SET version_num = '{schema.head()}'"))
    before = snapshot(engine)
    with pytest.raises(backup.RestoreRefused, match="newer version of Roundsman"):
        backup.restore(engine, newer, keep_in=tmp_path / "kept")
    assert snapshot(engine) == before


def test_an_older_backup_is_upgraded_after_restoring(engine, tmp_path):
    cfg = schema.alembic_config()  # the database as an older Roundsman left it
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    old = backup.take(engine, tmp_path / "old")  # an older schema: no db check yet
    schema.upgrade(engine)
    demo.generate(engine, customers_count=3, days=0)
    engine.dispose()
    done = backup.restore(engine, old.path, keep_in=tmp_path / "kept")
    assert done.revision == "0005" and done.upgraded
    assert schema.current(engine) == schema.head()
    assert all(r.ok for r in done.results)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM customer")).scalar() == 0
    engine.dispose()


def test_restore_is_refused_while_another_connection_uses_the_database(company, tmp_path):
    engine = company
    made = backup.take(engine, tmp_path)
    change_things(engine)
    before = snapshot(engine)
    other = make_engine(str(engine.url.render_as_string(hide_password=False)))
    with other.connect() as conn:
        conn.execute(text("SELECT count(*) FROM customer")).scalar()
        conn.commit()
        with pytest.raises(backup.RestoreRefused, match="Another workstation or process"):
            backup.restore(engine, made.path, keep_in=tmp_path / "kept")
    other.dispose()
    assert snapshot(engine) == before


def test_a_backup_failing_verification_is_deleted_and_reported(company, tmp_path):
    engine = company
    with engine.begin() as conn:
        conn.execute(text("UPDATE customer SET credit_limit = -1 WHERE code = 'C000003'"))
    engine.dispose()
    if engine.url.get_backend_name() == "postgresql":
        pytest.skip("a PostgreSQL archive is verified by reading it whole, not by db check")
    with pytest.raises(backup.BackupFailed, match="credit limits are not negative"):
        backup.take(engine, tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []


def test_retention_over_a_year_of_daily_backups_keeps_exactly_the_promised_set():
    year = [datetime(2026, 1, 1, 13) + timedelta(days=n) for n in range(365)]
    kept = backup.keep(year, backup.Retention(daily=7, weekly=4, monthly=12))
    days = {date(2026, 12, d) for d in range(25, 32)}  # the last 7 days
    weeks = {date(2026, 12, 27), date(2026, 12, 20), date(2026, 12, 13)}  # Sundays (+ Dec 31)
    months = {date(2026, m + 1, 1) - timedelta(days=1) for m in range(1, 12)} | {
        date(2026, 12, 31)}  # each month's last day
    assert {t.date() for t in kept} == days | weeks | months
    assert len(kept) == 20


def test_prune_deletes_only_this_databases_backups_that_retention_does_not_keep(engine,
                                                                              tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stem, suffix = backup._naming(engine)
    start = datetime(2026, 1, 1, 13)
    for n in range(365):
        (folder / f"{stem}-{(start + timedelta(days=n)).strftime(backup.STAMP)}{suffix}"
         ).write_bytes(b"x")
    others = [folder / "notes.txt", folder / f"other-20260101-130000{suffix}",
              folder / f"{stem}-20260101-130000-before-restore{suffix}"]
    for path in others:
        path.write_text("keep me")
    backup.prune(engine, folder, backup.Retention())
    left = {p.name for p in folder.iterdir()}
    assert {p.name for p in others} <= left
    assert len(left) == len(others) + 20
    assert f"{stem}-20261231-130000{suffix}" in left
    assert f"{stem}-20261224-130000{suffix}" not in left  # a Thursday: neither week's end


def test_take_applies_retention_and_names_backups_by_the_time_taken(company, tmp_path):
    engine = company
    taken = [backup.take(engine, tmp_path, backup.Retention(daily=2, weekly=0, monthly=0),
                         now=datetime(2026, 11, d, 13)) for d in (2, 3, 4)]
    assert [b.taken_at.day for b in backup.backups(engine, tmp_path)] == [3, 4]
    assert backup.latest(engine, tmp_path) == taken[-1]
    again = backup.take(engine, tmp_path, backup.Retention(daily=2, weekly=0, monthly=0),
                        now=datetime(2026, 11, 4, 13))  # the same second: a second name
    assert again.path != taken[-1].path and backup.latest(engine, tmp_path).path == again.path


def test_due_and_stale():
    last = backup.Backup(Path("x"), 1, datetime(2026, 12, 4, 13, 0, 5))
    assert not backup.due("13:00", last, datetime(2026, 12, 4, 17))
    assert not backup.due("13:00", last, datetime(2026, 12, 5, 12, 59))
    assert backup.due("13:00", last, datetime(2026, 12, 5, 13, 0))
    assert backup.due("13:00", None, datetime(2026, 12, 5, 13, 0))
    assert not backup.stale(last, datetime(2026, 12, 6, 13))
    assert backup.stale(last, datetime(2026, 12, 6, 13, 1))
    assert backup.stale(None, datetime(2026, 12, 6, 13))


# --- the commands ----------------------------------------------------------------------

def test_backup_command_prints_one_json_line_and_restore_command_ends_with_db_check(
        company, db_url, tmp_path, capsys):
    code = cli.main(["--db", db_url, "backup", "--out", str(tmp_path), "--json"])
    line = json.loads(capsys.readouterr().out)
    assert code == 0 and line["verified"] is True
    assert Path(line["file"]).stat().st_size == line["bytes"]
    code = cli.main(["--db", db_url, "restore", line["file"]])  # no terminal: must say --yes
    assert code == 2 and "--yes" in capsys.readouterr().err
    code = cli.main(["--db", db_url, "restore", line["file"], "--yes",
                     "--keep-in", str(tmp_path / "kept")])
    out = capsys.readouterr().out
    assert code == 0 and out.strip().endswith("checks, 0 failed")
    assert "as it was is kept in" in out


def test_backup_command_exits_1_when_verification_fails(company, db_url, tmp_path, capsys):
    if company.url.get_backend_name() == "postgresql":
        broken = {**os.environ, "PATH": str(tmp_path / "nothing")}  # pg_dump not found
        result = subprocess.run([sys.executable, "-m", "core.cli", "--db", db_url, "backup",
                                 "--out", str(tmp_path / "b"), "--json"], env=broken,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1
        assert "postgresql-client" in result.stderr
        assert json.loads(result.stdout)["verified"] is False
        return
    with company.begin() as conn:
        conn.execute(text("UPDATE customer SET credit_limit = -1 WHERE code = 'C000003'"))
    company.dispose()
    code = cli.main(["--db", db_url, "backup", "--out", str(tmp_path / "b"), "--json"])
    assert code == 1
    assert json.loads(capsys.readouterr().out)["verified"] is False
    assert list((tmp_path / "b").iterdir()) == []


def test_a_backup_killed_at_any_moment_leaves_no_file_that_looks_complete(company, db_url,
                                                                         tmp_path):
    out = tmp_path / "backups"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "core.cli", "--db", db_url, "backup", "--out", str(out)]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    whole = time.perf_counter() - started
    rng = random.Random(11)
    kills = 0
    for _ in range(8):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * whole)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 4
    for found in backup.backups(company, out):  # every complete-looking file is good
        assert backup.verify(company, found.path) == schema.head()
    leftovers = [p for p in out.iterdir() if p.name.startswith(".")]
    # a partial file, or SQLite's journal of one (-journal): never a name a backup has
    assert all(p.name.endswith((".partial", ".partial-journal")) for p in leftovers)
    # the next backup removes partial files of killed backups once they are old
    old = time.time() - 2 * backup.PARTIAL_AGE.total_seconds()
    for path in leftovers:
        os.utime(path, (old, old))
    backup.take(company, out)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
