"""What every window gets: the core's operations, who is logged in, and the change events."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from core.api.proxy import Api, Local
from core.config import LocalSettings
from core.money import format_money
from core.services.actor import Actor
from core.services.settings import CompanySettings


class Events(QObject):
    """``changed`` carries a ``core.changes.Changes``: what one committed unit of work
    changed, on this workstation (embedded) or on any (connected: pushed by the server).

    Each window declares the kinds it shows (``changes.touches("orders")``) and refreshes
    them, keeping what the user is typing or has selected (Anki's operation_did_execute).
    Emitted from any thread; a window's slot runs on the UI thread (queued).
    """

    changed = Signal(object)


@dataclass
class AppContext:
    actor: Actor
    local: LocalSettings
    company: CompanySettings
    database: str  # what the status bar shows: SQLite file, host/db, or the server
    engine: Engine | None = None  # embedded only (its backups); None when connected
    api: Api | None = None  # the core's operations: Local(engine) unless given (connected)
    events: Events = field(default_factory=Events)

    def __post_init__(self) -> None:
        if self.api is None:
            events = self.events  # kept alive by the api, whoever keeps the context
            self.api = Local(self.engine, self.actor, lambda changes: events.changed.emit(changes))

    @property
    def embedded(self) -> bool:
        return self.engine is not None

    @property
    def language(self) -> str:
        return self.local.language

    def money(self, amount: Decimal | None) -> str:
        return format_money(amount, self.company.currency, self.language)

