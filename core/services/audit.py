"""The audit trail: who changed what, when, old -> new."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import chain
from core.db import unit_of_work
from core.models import AuditEntry
from core.models.base import utcnow
from core.search import contains_all, words
from core.services.actor import Actor


# A value as stored in the audit log's JSON ({field: [old, new]} of ``plain`` values).
JSON = Annotated[object, "json"]


def plain(value):
    if isinstance(value, Decimal):  # 1500.00 and 1500 are one amount: write it one way
        return f"{value.normalize():f}"
    if isinstance(value, (date, datetime)):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(str(v) for v in value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def diff(old: dict, new: dict) -> dict[str, list]:
    """Fields whose value changed, as {field: [old, new]}."""
    out = {}
    for key, value in new.items():
        before, after = plain(old.get(key)), plain(value)
        if before != after:  # canonical text: Decimals compare by value, sets by members
            out[key] = [before, after]
    return out


def as_json(changes: dict | None) -> str:
    return json.dumps(changes or {}, ensure_ascii=False, sort_keys=True)


def record(session: Session, actor: Actor, entity: str, entity_id: object, action: str,
           changes: dict | None = None, summary: str = "") -> None:
    # A plain INSERT (no ORM object), chained (core.chain): written on every save.
    chain.audit(session, [row(actor, entity, entity_id, action, changes, summary)])


def row(actor: Actor, entity: str, entity_id: object, action: str, changes: dict | None = None,
        summary: str = "", at: datetime | None = None) -> dict:
    """An audit row's values, for a caller that inserts many at once."""
    return {"actor": actor.username, "entity": entity, "entity_id": str(entity_id),
            "action": action, "summary": summary[:250], "changes": as_json(changes),
            "at": at or utcnow()}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    summary: str  # the record's name as it was then (language-neutral)
    changes: dict[str, JSON]


def list_entries(engine: Engine, actor: Actor, *, entity: str | None = None,
                 entity_id: str | None = None, text: str = "", limit: int = 500
                 ) -> list[AuditRow]:
    """The newest entries first.  The audit log is the managers' to read; one customer's own
    history is also read by whoever may open the customer (a clerk)."""
    actor.require("clerk" if entity == "customer" and entity_id is not None else "manager")
    with unit_of_work(engine, write=False) as s:
        q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if entity:
            q = q.where(AuditEntry.entity == entity)
        if entity_id is not None:
            q = q.where(AuditEntry.entity_id == str(entity_id))
        terms = words(text)
        if terms:
            q = q.where(contains_all(terms, AuditEntry.summary, AuditEntry.actor,
                                     AuditEntry.changes))
        return [AuditRow(e.id, e.at, e.actor, e.entity, e.entity_id, e.action, e.summary,
                         json.loads(e.changes)) for e in s.scalars(q)]
