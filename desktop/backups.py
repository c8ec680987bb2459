"""Backups of the embedded database while the app runs, and when it closes.

The main window owns a ``Scheduler``: every minute it reads the backup settings and the
newest backup in the folder (off the UI thread) and takes the day's backup once its time
of day has passed (``core.backup.due``).  After each check it says how things stand
(``Status``), and the main window warns everyone when no backup has succeeded for two
days.  A failed backup is logged and shown in that warning, never in a message box that
would interrupt a clerk; it is tried again an hour later, or at once when the settings
change.  When the main window closes, ``take_on_close`` makes one more backup with a
small busy dialog, so the user sees why closing waits.

A PostgreSQL database is backed up on its server (``roundsman-admin backup``), so none of
this runs for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from core import backup
from core.backup import Backup, BackupFailed
from core.services import einvoice, settings
from desktop import dialogs, errors, i18n, tasks

log = logging.getLogger("roundsman")

CHECK_EVERY_MS = 60_000
RETRY_AFTER = timedelta(hours=1)  # after a failed scheduled backup
clock = datetime.now  # the scheduler's "now" (tests set the hour)
# The schedule, "Back up now" and closing never take two backups at once: two in one second
# would be given one name.
_one_at_a_time = threading.Lock()


def embedded(engine) -> bool:
    """Whether the app backs this database up itself (the embedded SQLite file)."""
    return engine is not None and engine.url.get_backend_name() == "sqlite"


def latest(engine, folder: str) -> Backup | None:
    """The newest good backup of the embedded database in ``folder`` (None: none yet, or
    no embedded database)."""
    return backup.latest(engine, folder) if embedded(engine) and folder else None


def take_as_set(engine) -> Backup | None:
    """A backup into the folder the settings name, with their retention; None when no
    folder is set.  Runs off the UI thread."""
    company = settings.get_company(engine)
    if not company.backup_folder:
        return None
    with _one_at_a_time:
        return backup.take(engine, company.backup_folder, company.backup_retention)


def size_text(size: int) -> str:
    """1536 -> '2 KB', 3_500_000 -> '3.3 MB'."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def describe(last: Backup) -> str:
    """'2026-12-05 13:00, 3.3 MB'."""
    return f"{i18n.local_time(last.taken_at)}, {size_text(last.bytes)}"


class _Notices(QObject):
    """``attempted``: a backup was tried on the user's behalf (Settings' "Back up now"), so
    the main window's warning is judged again; ``taken``: the schedule made a backup, which
    Settings shows as the last."""

    attempted = Signal()
    taken = Signal(object)


notices = _Notices()


@dataclass(frozen=True)
class Status:
    last: Backup | None  # the newest good backup in the folder
    checked_at: datetime
    failure: BackupFailed | None = None  # the last scheduled backup failed so
    taken: bool = False  # ``last`` was taken by this check

    @property
    def stale(self) -> bool:
        return backup.stale(self.last, self.checked_at)

    def warning(self) -> str:
        """The main window's banner: '' when all is well."""
        lines = []
        if self.failure is not None:
            lines.append(QCoreApplication.translate("backups", "The backup failed: {error}")
                         .format(error=errors.message(self.failure)))
        if self.stale and self.last is not None:
            lines.append(QCoreApplication.translate(
                "backups", "No backup has succeeded since {date} — ask the administrator to "
                "check the backup folder in Settings.").format(
                date=i18n.local_time(self.last.taken_at)))
        elif self.stale:
            lines.append(QCoreApplication.translate(
                "backups", "No backup has been made yet — the administrator chooses a backup "
                "folder in Settings."))
        return "\n".join(lines)


class Scheduler(QObject):
    """Takes the day's backup while the app runs; ``checked`` carries a ``Status`` after
    every check."""

    checked = Signal(object)

    def __init__(self, engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.tick())
        self.running = False
        self.again = False  # asked to check while a check ran
        self.failed_at: datetime | None = None
        self.failure: BackupFailed | None = None
        notices.attempted.connect(self.check_again)

    def start(self) -> None:
        if embedded(self.engine):
            self.timer.start()
            self.tick()

    def stop(self) -> None:
        self.timer.stop()

    def check_again(self) -> None:
        """The settings changed or a backup was made elsewhere: judge again, and take the
        day's backup at once if it is due (a failed one too)."""
        if not self.timer.isActive():  # stopped, or a PostgreSQL database
            return
        self.failed_at = None
        self.failure = None
        if self.running:
            self.again = True
        else:
            self.tick()

    def tick(self, now: datetime | None = None) -> None:
        """Check the backups now (or at ``now``, in tests); take one if it is due."""
        if self.running or not embedded(self.engine):
            return
        now = now or clock()
        may_take = self.failed_at is None or now - self.failed_at >= RETRY_AFTER
        engine = self.engine

        def work() -> Status:
            einvoice.scheduled_export(engine)  # into the Turnkey folder, when set
            company = settings.get_company(engine)
            folder = company.backup_folder
            last = backup.latest(engine, folder) if folder else None
            if not (folder and may_take and backup.due(company.backup_time, last, now)):
                return Status(last, now)
            log.info("scheduled backup into %s", folder)
            try:
                with _one_at_a_time:
                    taken = backup.take(engine, folder, company.backup_retention, now=now)
                return Status(taken, now, taken=True)
            except BackupFailed as exc:
                return Status(last, now, exc)

        self.running = True
        tasks.run(self, work, on_success=self._checked, on_error=self._crashed)

    def _checked(self, status: Status) -> None:
        self._done()
        if status.failure is not None:
            log.error("scheduled backup failed: %s", errors.message(status.failure))
            self.failed_at, self.failure = status.checked_at, status.failure
        elif status.taken:
            log.info("backup %s (%d bytes) taken", status.last.path, status.last.bytes)
            self.failed_at = self.failure = None
            notices.taken.emit(status.last)
        self.checked.emit(Status(status.last, status.checked_at, self.failure))

    def _crashed(self, exc: BaseException, details: str) -> None:
        """Not a backup failure (the settings could not be read …): logged; the next
        minute tries again."""
        self._done()
        log.error("checking the backups failed: %s\n%s", exc, details)

    def _done(self) -> None:
        self.running = False
        if self.again:
            self.again = False
            QTimer.singleShot(0, self.check_again)


def take_on_close(window: QWidget, engine, finished: Callable[[], None]) -> None:
    """The backup made as the main window closes, with a busy dialog; a failure is shown
    once.  ``finished`` runs afterwards either way, and closes the window."""
    busy = QProgressDialog(QCoreApplication.translate(
        "backups", "Making a backup of today's work before Roundsman closes…"), "", 0, 0,
        window)
    busy.setWindowTitle("Roundsman")
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(0)
    busy.show()

    def done(taken: Backup | None) -> None:
        busy.close()
        if taken is not None:
            log.info("backup %s (%d bytes) taken on closing", taken.path, taken.bytes)
        finished()

    def failed(exc: BaseException, details: str) -> None:
        busy.close()
        text = errors.message(exc) if isinstance(exc, BackupFailed) else str(exc)
        log.error("the backup on closing failed: %s\n%s", text, details)
        dialogs.warn(window, QCoreApplication.translate("backups", "Backup failed"),
                     QCoreApplication.translate(
                         "backups", "The backup of today's work failed: {error}\n"
                         "Roundsman closes now; tell the administrator.").format(error=text),
                     details if not isinstance(exc, BackupFailed) else "")
        finished()

    tasks.run(window, lambda: take_as_set(engine), on_success=done, on_error=failed)
