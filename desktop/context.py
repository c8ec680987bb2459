"""What every window gets: the database, who is logged in, and the change events."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from core.config import LocalSettings
from core.money import format_money
from core.services.actor import Actor
from core.services.settings import CompanySettings


class Events(QObject):
    """``changed`` carries the names of what a service call changed ({"customer"}, ...)
    and the window that changed it (which has nothing to reload).

    Each window decides whether to reload (Anki's operation_did_execute).
    """

    changed = Signal(object, object)


@dataclass
class AppContext:
    engine: Engine
    actor: Actor
    local: LocalSettings
    company: CompanySettings
    database: str  # what the status bar shows: SQLite file or host/db
    events: Events = field(default_factory=Events)

    @property
    def language(self) -> str:
        return self.local.language

    def money(self, amount: Decimal | None) -> str:
        return format_money(amount, self.company.currency, self.language)

    def changed(self, *what: str, source: object = None) -> None:
        self.events.changed.emit(set(what), source)
