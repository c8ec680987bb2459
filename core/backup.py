"""Backups that are known to be good, kept by a retention rule, and restore.

A backup is written under a hidden partial name in the backup folder, verified, and only
then renamed to its final name, ``<database>-YYYYMMDD-HHMMSS.sqlite3`` (embedded SQLite)
or ``.dump`` (PostgreSQL), local time.  A copy that fails verification is deleted and the
failure raised, and a process killed half-way leaves only a partial file: every file with
a final name is a good backup.

- SQLite: SQLite's online backup API copies the database consistently while the app and
  other processes use it; the copy must open, pass SQLite's integrity check, carry a
  schema revision this Roundsman knows, and pass ``db check`` (a database of an older
  schema, backed up before its upgrade, is checked once it is upgraded).
- PostgreSQL: ``pg_dump`` in custom format, verified by reading the archive whole with
  ``pg_restore``.

Retention keeps the newest backup of each of the last ``daily`` days that have one, of
the last ``weekly`` ISO weeks and of the last ``monthly`` months; other backups of the
same database in the folder are deleted.  Nothing else in the folder is ever touched.

``restore`` replaces a database by a backup: it refuses a damaged file, a backup made by
a newer schema, and a database that another process uses; it keeps a verified copy of
the current database first, upgrades an older backup, and ends with ``db check``.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from core import checks, schema
from core.db import libpq
from core.errors import DomainError, SchemaError
from core.i18n import QT_TRANSLATE_NOOP

STALE_AFTER = timedelta(days=2)  # the main window warns when no backup is newer than this
STAMP = "%Y%m%d-%H%M%S"
BEFORE_RESTORE = "-before-restore"  # the copy restore keeps; never pruned, never "latest"
PARTIAL_AGE = timedelta(hours=1)  # a partial file older than this is a killed backup's


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class Backup:
    path: Path
    bytes: int
    taken_at: datetime  # local time, from the file's name


class BackupFailed(DomainError):
    default = QT_TRANSLATE_NOOP("core", "The backup failed.")


class RestoreRefused(DomainError):
    default = QT_TRANSLATE_NOOP("core", "The backup was not restored.")


# --- names and retention -------------------------------------------------------------

def _naming(engine: Engine) -> tuple[str, str]:
    """(stem, suffix) of this database's backups."""
    if engine.url.get_backend_name() == "sqlite":
        return Path(engine.url.database).stem, ".sqlite3"
    return engine.url.database, ".dump"


def _pattern(stem: str, suffix: str) -> re.Pattern:
    return re.compile(re.escape(stem) + r"-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(suffix))


def backups(engine: Engine, folder: str | Path) -> list[Backup]:
    """This database's backups in ``folder``, oldest first."""
    pattern = _pattern(*_naming(engine))
    found = []
    for path in Path(folder).iterdir():
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        try:
            taken_at = datetime.strptime(match[1], STAMP)
        except ValueError:
            continue
        found.append((taken_at, int(match[2] or 1), path))
    return [Backup(path, path.stat().st_size, taken_at) for taken_at, _n, path in sorted(found)]


def latest(engine: Engine, folder: str | Path) -> Backup | None:
    """The newest good backup of this database in ``folder``; None if there is none or
    the folder cannot be read."""
    try:
        found = backups(engine, folder)
    except OSError:
        return None
    return found[-1] if found else None


def keep(stamps: Iterable[datetime], retention: Retention) -> set[datetime]:
    """Of the times backups were taken, those retention keeps."""
    newest_first = sorted(set(stamps), reverse=True)
    kept: set[datetime] = set()
    for count, period in ((retention.daily, lambda t: t.date()),
                          (retention.weekly, lambda t: t.isocalendar()[:2]),
                          (retention.monthly, lambda t: (t.year, t.month))):
        seen: set = set()
        for stamp in newest_first:
            if len(seen) == count:
                break
            if period(stamp) not in seen:
                seen.add(period(stamp))
                kept.add(stamp)
    return kept


def prune(engine: Engine, folder: str | Path, retention: Retention) -> list[Path]:
    """Delete this database's backups in ``folder`` that retention does not keep."""
    found = backups(engine, folder)
    kept = keep((b.taken_at for b in found), retention)
    # two backups in one second: the later name (…-2) is the newer one
    newest = {b.taken_at: b.path for b in found}
    gone = [b.path for b in found if b.taken_at not in kept or newest[b.taken_at] != b.path]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def due(backup_time: str, last: Backup | None, now: datetime) -> bool:
    """Whether today's scheduled backup should be taken now: the time of day has passed and
    no backup was taken since."""
    from core.services.settings import minutes_of

    minutes = minutes_of(backup_time)
    if minutes is None:
        return False
    scheduled = datetime.combine(now.date(), datetime.min.time()) + timedelta(minutes=minutes)
    return now >= scheduled and (last is None or last.taken_at < scheduled)


def stale(last: Backup | None, now: datetime) -> bool:
    """No backup has succeeded for ``STALE_AFTER`` (or none ever)."""
    return last is None or now - last.taken_at > STALE_AFTER


# --- taking a backup -----------------------------------------------------------------

def take(engine: Engine, folder: str | Path, retention: Retention = Retention(), *,
         now: datetime | None = None) -> Backup:
    """Write a verified backup of the database into ``folder`` and apply ``retention``."""
    folder = Path(folder)
    now = (now or datetime.now()).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_killed_partials(engine, folder, now)
        final = _free_name(engine, folder, now.strftime(STAMP))
    except OSError as exc:
        raise BackupFailed(QT_TRANSLATE_NOOP(
            "core", "The backup folder {folder} cannot be used: {error}"),
            folder=str(folder), error=exc.strerror or str(exc)) from None
    if engine.url.get_backend_name() == "sqlite":
        raw = engine.raw_connection()
        try:
            _write_verified(final, lambda partial: copy_sqlite(raw.driver_connection, partial),
                            lambda partial: _verify_sqlite(partial, check=True))
        finally:
            raw.close()
    else:
        _write_verified(final, lambda partial: _dump_pg(engine, partial), _verify_pg)
    backup = Backup(final, final.stat().st_size, now)
    prune(engine, folder, retention)
    return backup


def _free_name(engine: Engine, folder: Path, stamp: str, tail: str = "") -> Path:
    """A name for a backup taken at ``stamp`` that no file in ``folder`` has yet."""
    stem, suffix = _naming(engine)
    path, n = folder / f"{stem}-{stamp}{tail}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{stamp}-{n}{tail}{suffix}"
    return path


def _remove_killed_partials(engine: Engine, folder: Path, now: datetime) -> None:
    stem, suffix = _naming(engine)
    for path in folder.glob(f".{glob_escape(stem)}-*{suffix}.*.partial"):
        if now - datetime.fromtimestamp(path.stat().st_mtime) > PARTIAL_AGE:
            path.unlink(missing_ok=True)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?[])", r"[\1]", text)


def _write_verified(final: Path, write, verify) -> None:
    """``write`` a partial file beside ``final``, ``verify`` it, make it durable and rename
    it to ``final``; on any failure the partial file is deleted."""
    # one per process and thread: two backups in one second never share a partial file
    partial = final.with_name(f".{final.name}.{os.getpid()}-{threading.get_ident()}.partial")
    try:
        write(partial)
        verify(partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    _fsync_folder(final.parent)


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":  # a folder cannot be opened for fsync on Windows
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_sqlite(source: sqlite3.Connection, target: Path) -> None:
    """Copy a SQLite database, consistently, into a self-contained file (rollback journal,
    not WAL, so the backup is this one file)."""
    target.unlink(missing_ok=True)
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def read_only(path: Path) -> Engine:
    """An engine that reads a SQLite file that nobody writes (a backup), never changing it."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def _verify_sqlite(path: Path, *, check: bool) -> str:
    """The schema revision of a good SQLite backup; BackupFailed when it is not one."""
    engine = read_only(path)
    try:
        try:
            with engine.connect() as conn:
                integrity = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            revision = schema.current(engine)
        except Exception as exc:  # noqa: BLE001 - not a database, damaged, unreadable
            raise BackupFailed(QT_TRANSLATE_NOOP(
                "core", "{file} is not a readable Roundsman database ({error})."),
                file=path.name, error=str(getattr(exc, "orig", exc)).splitlines()[0]) from None
        if integrity != "ok":
            raise BackupFailed(QT_TRANSLATE_NOOP(
                "core", "{file} is damaged ({error})."), file=path.name, error=integrity)
        if revision is None:
            raise BackupFailed(QT_TRANSLATE_NOOP(
                "core", "{file} holds no Roundsman database."), file=path.name)
        if check and revision == schema.head():  # an older schema is checked once upgraded
            failed = [r.name for r in checks.run(engine) if not r.ok]
            if failed:
                raise BackupFailed(QT_TRANSLATE_NOOP(
                    "core", "The copy fails the database check ({checks}), so it was not kept; "
                    "run “roundsman-admin db check” on the database."),
                    checks="; ".join(failed))
        return revision
    finally:
        engine.dispose()


# --- PostgreSQL ----------------------------------------------------------------------

def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(QT_TRANSLATE_NOOP(
            "core", "{program} is not installed. Install PostgreSQL's client programs: the "
            "package postgresql-client on Debian or Ubuntu, the Command Line Tools of the "
            "PostgreSQL installer on Windows."), program=name)
    return found


def _libpq(engine: Engine) -> tuple[list[str], dict[str, str]]:
    """The arguments and environment that connect a PostgreSQL program to the database
    (its password in the environment, never on the command line)."""
    conninfo, password = libpq(engine)
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = password
    return [f"--dbname={conninfo}"], env


def _run(args: list[str], env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          **kw)


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode(errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "?"


def _dump_pg(engine: Engine, target: Path) -> None:
    connect, env = _libpq(engine)
    result = _run([_program("pg_dump"), "--format=custom", f"--file={target}", *connect], env)
    if result.returncode != 0:
        raise BackupFailed(QT_TRANSLATE_NOOP("core", "pg_dump failed ({error})."),
                           error=_last_line(result.stderr))


def _verify_pg(path: Path) -> str:
    """The schema revision in a good archive; BackupFailed when the archive cannot be read
    whole or holds no Roundsman database."""
    result = _run([_program("pg_restore"), f"--file={os.devnull}", str(path)])
    if result.returncode != 0:
        raise BackupFailed(QT_TRANSLATE_NOOP(
            "core", "{file} is not a readable PostgreSQL backup ({error})."),
            file=path.name, error=_last_line(result.stderr))
    data = _run([_program("pg_restore"), "--data-only", "--table=alembic_version",
                 "--file=-", str(path)]).stdout.decode(errors="replace").splitlines()
    start = next((n for n, line in enumerate(data) if line.startswith("COPY ")
                  and "alembic_version" in line), None)
    if start is None or start + 1 >= len(data) or data[start + 1] == "\\.":
        raise BackupFailed(QT_TRANSLATE_NOOP(
            "core", "{file} holds no Roundsman database."), file=path.name)
    return data[start + 1].strip()


# --- restore -------------------------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    revision: str  # the backup's schema revision
    upgraded: bool  # it was older, and was upgraded to this Roundsman's
    kept: Path | None  # the copy of the database as it was before
    results: list  # db check


def _known(revision: str, file: Path) -> None:
    """Refuse a backup made by a newer Roundsman."""
    try:
        schema.require_known(revision)
    except SchemaError:
        raise RestoreRefused(QT_TRANSLATE_NOOP(
            "core", "{file} was made by a newer version of Roundsman (schema {revision}). "
            "Install that version to restore it; the database was not changed."),
            file=file.name, revision=revision) from None


def verify(engine: Engine, file: str | Path) -> str:
    """The schema revision of a backup file fit to restore into ``engine``'s kind of
    database; RestoreRefused (the database untouched) when it is not one."""
    file = Path(file)
    if not file.is_file():
        raise RestoreRefused(QT_TRANSLATE_NOOP("core", "There is no file {file}."),
                             file=str(file))
    try:
        if engine.url.get_backend_name() == "sqlite":
            revision = _verify_sqlite(file, check=False)
        else:
            revision = _verify_pg(file)
    except BackupFailed as exc:
        raise RestoreRefused(QT_TRANSLATE_NOOP(
            "core", "{error} The database was not changed."), error=exc) from None
    _known(revision, file)
    return revision


def restore(engine: Engine, file: str | Path, *, keep_in: str | Path) -> Restored:
    """Replace the database with the backup ``file``; the database as it was is first kept
    (verified) in ``keep_in``."""
    file, keep_in = Path(file), Path(keep_in)
    revision = verify(engine, file)
    if engine.url.get_backend_name() == "sqlite":
        kept = _restore_sqlite(engine, file, keep_in)
    else:
        kept = _restore_pg(engine, file, keep_in)
    engine.dispose()
    upgraded = revision != schema.head()
    if upgraded:
        schema.upgrade(engine)
    return Restored(revision, upgraded, kept, checks.run(engine))


def _in_use() -> RestoreRefused:
    return RestoreRefused(QT_TRANSLATE_NOOP(
        "core", "Another workstation or process has the database open. Close Roundsman "
        "everywhere it uses this database, then restore again; nothing was changed."))


def _restore_sqlite(engine: Engine, file: Path, keep_in: Path) -> Path | None:
    engine.dispose()  # this process's own connections do not count as "another"
    target = Path(engine.url.database)
    fresh = not target.exists() or target.stat().st_size == 0
    live = sqlite3.connect(target, timeout=0, isolation_level=None)
    try:
        try:
            # Leaving WAL mode needs every other connection closed; exclusive locking
            # then keeps new ones out until this connection closes.
            live.execute("PRAGMA journal_mode = DELETE")
            live.execute("PRAGMA locking_mode = EXCLUSIVE")
            live.execute("BEGIN EXCLUSIVE")
            live.execute("COMMIT")
        except sqlite3.OperationalError:
            raise _in_use() from None
        kept = None
        if not fresh and live.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0]:
            kept = _free_name(engine, keep_in, datetime.now().strftime(STAMP), BEFORE_RESTORE)
            keep_in.mkdir(parents=True, exist_ok=True)
            _write_verified(kept, lambda partial: copy_sqlite(live, partial),
                            lambda partial: _verify_sqlite(partial, check=False))
        source = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            source.backup(live)
        finally:
            source.close()
        live.execute("PRAGMA journal_mode = WAL")
        return kept
    finally:
        live.close()


def _restore_pg(engine: Engine, file: Path, keep_in: Path) -> Path:
    engine.dispose()  # this process's own connections do not count as "another"
    with engine.connect() as conn:
        others = conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")).scalar()
    engine.dispose()
    if others:
        raise _in_use()
    kept = _free_name(engine, keep_in, datetime.now().strftime(STAMP), BEFORE_RESTORE)
    keep_in.mkdir(parents=True, exist_ok=True)
    _write_verified(kept, lambda partial: _dump_pg(engine, partial), _verify_pg)
    connect, env = _libpq(engine)
    with tempfile.TemporaryDirectory(prefix="roundsman-restore-") as work:
        script = Path(work) / "restore.sql"
        result = _run([_program("pg_restore"), "--no-owner", f"--file={script}", str(file)])
        if result.returncode != 0:
            raise RestoreRefused(QT_TRANSLATE_NOOP(
                "core", "The backup cannot be read ({error}); the database was not changed."),
                error=_last_line(result.stderr))
        # One transaction: every object of the database's schema dropped, the backup's
        # created and filled; on any error psql rolls it all back.
        result = _run([_program("psql"), "-X", "-q", "--single-transaction",
                       "-v", "ON_ERROR_STOP=1", "-c", DROP_EVERYTHING, "-f", str(script),
                       *connect], env)
    if result.returncode != 0:
        raise RestoreRefused(QT_TRANSLATE_NOOP(
            "core", "PostgreSQL refused the backup ({error}); the database was not changed."),
            error=_last_line(result.stderr))
    return kept


DROP_EVERYTHING = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT format('DROP TABLE IF EXISTS public.%I CASCADE', tablename) AS q
           FROM pg_tables WHERE schemaname = 'public' LOOP EXECUTE r.q; END LOOP;
  FOR r IN SELECT format('DROP SEQUENCE IF EXISTS public.%I CASCADE', sequencename) AS q
           FROM pg_sequences WHERE schemaname = 'public' LOOP EXECUTE r.q; END LOOP;
  FOR r IN SELECT format('DROP FUNCTION IF EXISTS %s CASCADE', p.oid::regprocedure) AS q
           FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace LOOP EXECUTE r.q;
  END LOOP;
  FOR r IN SELECT format('DROP TYPE IF EXISTS public.%I CASCADE', t.typname) AS q
           FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'e'
  LOOP EXECUTE r.q; END LOOP;
END $$;
"""
