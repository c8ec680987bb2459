"""State machines: the one table of allowed transitions per kind of record, and the one
helper that checks, sets and audits every change of state (Tryton's ``_transitions``
with ``@Workflow.transition``).

A ``Machine`` names the states a record may be in (with their translatable names) and
the moves between them.  ``move`` is the only way a service changes a state: it refuses a
move the table does not allow (the machine's ``IllegalTransition``), sets the state, and
writes the action's one audit entry, which carries the state's old and new value besides
whatever else the action changed.  The stored states are also what the database's CHECK
constraints allow (``core.models``), so a state the table does not know cannot be written
by any path, this helper's or not.

The tables and their checks are pure (no session, no Qt): ``Machine.allows`` and
``Machine.check`` are tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP


class IllegalTransition(DomainError):
    """A change of state its machine's table does not allow."""

    default = QT_TRANSLATE_NOOP("core", "{number} is {current} and cannot become {target}.")


class IllegalOrderTransition(IllegalTransition):
    # ``orders.IllegalTransition``: the order's message, as it always was.
    default = QT_TRANSLATE_NOOP("core", "An order that is {current} cannot become {target}.")


class IllegalQuoteTransition(IllegalTransition):
    default = QT_TRANSLATE_NOOP("core", "Quote {number} is {current} and cannot become {target}.")


def _get_column(column: str) -> Callable[[Any], str]:
    return lambda record: getattr(record, column)


@dataclass(frozen=True)
class Machine:
    """The states of one kind of record and the moves between them.

    ``entity`` is the record's name in the audit log; ``column`` the attribute that holds
    the state.  ``derived`` states are shown to users but never stored (a quote's
    "expired"): they appear in the table (what may still happen from there) but not in
    ``stored``.  A machine whose state is not one column (a delivery: standing until
    undone) gives ``get`` and ``put`` instead.
    """

    entity: str
    column: str
    names: Mapping[str, str]
    transitions: Mapping[str, frozenset[str]]
    error: type[IllegalTransition] = IllegalTransition
    derived: frozenset[str] = frozenset()
    get: Callable[[Any], str] | None = None
    put: Callable[[Any, str, Any, datetime], None] | None = None
    audit_column: bool = True  # the audit entry shows {column: [old, new]}

    def __post_init__(self) -> None:
        unknown = {t for targets in self.transitions.values() for t in targets} | set(
            self.transitions)
        if unknown - set(self.names):
            raise ValueError(f"{self.entity}: states without a name: {unknown - set(self.names)}")

    @property
    def stored(self) -> tuple[str, ...]:
        """The states a record may hold in the database (its CHECK constraint's values)."""
        return tuple(s for s in self.names if s not in self.derived)

    def allows(self, current: str, target: str) -> bool:
        return target in self.transitions.get(current, frozenset())

    def illegal(self, current: str, target: str, **params: object) -> IllegalTransition:
        """The error that refuses ``current`` -> ``target`` (also for a caller whose own
        precondition is stricter than the table, e.g. "only a confirmed order goes on a
        route")."""
        return self.error(current=self.names.get(current, current),
                          target=self.names.get(target, target), **params)

    def check(self, current: str, target: str, **params: object) -> None:
        if not self.allows(current, target):
            raise self.illegal(current, target, **params)

    def state(self, record) -> str:
        return self.get(record) if self.get else getattr(record, self.column)

    def _set(self, record, target: str, actor, at: datetime) -> None:
        if self.put:
            self.put(record, target, actor, at)
            return
        setattr(record, self.column, target)
        if hasattr(record, "updated_at"):
            record.updated_at = at


@dataclass(frozen=True)
class Also:
    """Another record's move that is part of the same action (and of its audit entry):
    a delivery undone with its order's return to "scheduled"."""

    machine: Machine
    record: Any
    target: str


def _apply(machine: Machine, record, target: str, actor, at: datetime,
           current: str | None, also: Iterable[Also]) -> str:
    """Check every move of the action, then set them; the record's old stored state."""
    before = machine.state(record)
    number = getattr(record, "number", None) or str(getattr(record, "id", ""))
    machine.check(before if current is None else current, target, number=number)
    also = tuple(also)
    for a in also:
        a.machine.check(a.machine.state(a.record), a.target,
                        number=getattr(a.record, "number", None) or str(a.record.id))
    machine._set(record, target, actor, at)
    for a in also:
        a.machine._set(a.record, a.target, actor, at)
    return before


def move(s, actor, machine: Machine, record, target: str, *, action: str | None = None,
         entity_id: object = None, summary: str | Callable[[], str] = "",
         changes: dict | None = None,
         current: str | None = None, at: datetime | None = None,
         also: Iterable[Also] = ()) -> str:
    """Move ``record`` to ``target`` as ``machine`` allows, and audit it: one entry
    (``action``, default the target) with {column: [old, new]} and ``changes``.

    ``current`` is the state the check goes by when it is not the stored one (a quote
    shown as expired); ``also`` are other records' moves made by the same action,
    checked before anything is set.  Flushes, so a stale record fails here, before the
    audit entry; a ``summary`` that reads the database is given as a function, called
    after that flush (a query before it would flush the record's other changes apart,
    counting its version twice).  Returns the record's old state."""
    from core.models.base import utcnow
    from core.services import audit

    at = at or utcnow()
    before = _apply(machine, record, target, actor, at, current, also)
    s.flush()
    entry = {machine.column: [before, target]} if machine.audit_column else {}
    audit.record(s, actor, machine.entity,
                 entity_id if entity_id is not None else getattr(record, "number", None)
                 or record.id, action or target, {**entry, **(changes or {})},
                 summary=summary() if callable(summary) else summary)
    return before


def move_many(s, actor, machine: Machine, moves: Iterable[tuple[Any, str, dict, str]], *,
              action: str | None = None, at: datetime | None = None) -> None:
    """Many records' moves in one statement's worth of audit: (record, target, changes,
    summary) each, every one checked before any is set."""
    from core import chain
    from core.models.base import utcnow
    from core.services import audit

    at = at or utcnow()
    moves = list(moves)
    for record, target, _, _ in moves:
        machine.check(machine.state(record), target,
                      number=getattr(record, "number", None) or str(record.id))
    rows = []
    for record, target, changes, summary in moves:
        before = _apply(machine, record, target, actor, at, None, ())
        entry = {machine.column: [before, target]} if machine.audit_column else {}
        rows.append(audit.row(actor, machine.entity, getattr(record, "number", None) or record.id,
                              action or target, {**entry, **changes}, summary=summary, at=at))
    if rows:
        s.flush()
        chain.audit(s, rows)


# --- the tables ---------------------------------------------------------------------------

# Orders.  An order is placed confirmed (there are no drafts).
ORDER = Machine(
    entity="order", column="status", error=IllegalOrderTransition,
    names={
        "confirmed": QT_TRANSLATE_NOOP("core", "confirmed"),
        "scheduled": QT_TRANSLATE_NOOP("core", "scheduled"),
        "delivered": QT_TRANSLATE_NOOP("core", "delivered"),
        "partially_delivered": QT_TRANSLATE_NOOP("core", "partially delivered"),
        "failed": QT_TRANSLATE_NOOP("core", "failed"),
        "cancelled": QT_TRANSLATE_NOOP("core", "cancelled"),
    },
    transitions={
        "confirmed": frozenset({"scheduled", "cancelled"}),
        "scheduled": frozenset({"confirmed", "delivered", "partially_delivered", "failed",
                                "cancelled"}),
        # Back to "confirmed" when a failed order is rescheduled to another day.
        # Back to "scheduled" only by a manager undoing the delivery's confirmation.
        "failed": frozenset({"confirmed", "cancelled", "scheduled"}),
        "delivered": frozenset({"scheduled"}),
        "partially_delivered": frozenset({"scheduled"}),
        "cancelled": frozenset(),
    })

# Quotes: draft -> sent -> accepted | rejected.  "Expired" is derived from the validity
# date (core.services.quotes.state_of), never stored; from there only a rejection.
QUOTE = Machine(
    entity="quote", column="status", error=IllegalQuoteTransition,
    derived=frozenset({"expired"}),
    names={
        "draft": QT_TRANSLATE_NOOP("core", "draft"),
        "sent": QT_TRANSLATE_NOOP("core", "sent"),
        "accepted": QT_TRANSLATE_NOOP("core", "accepted"),
        "rejected": QT_TRANSLATE_NOOP("core", "rejected"),
        "expired": QT_TRANSLATE_NOOP("core", "expired"),
    },
    transitions={
        "draft": frozenset({"sent"}),
        "sent": frozenset({"accepted", "rejected"}),
        "expired": frozenset({"rejected"}),
        "accepted": frozenset(),
        "rejected": frozenset(),
    })

# Invoices: posted, then void (by a credit note for the whole).  "Paid" is not a state:
# an invoice's open amount says it (core.queries.aging).
INVOICE = Machine(
    entity="invoice", column="status",
    names={"posted": QT_TRANSLATE_NOOP("core", "posted"),
           "void": QT_TRANSLATE_NOOP("core", "void")},
    transitions={"posted": frozenset({"void"}), "void": frozenset()})

# Routes: planned while the dispatcher arranges it (re-planning deletes and remakes
# planned routes), confirmed once its orders are scheduled.
ROUTE = Machine(
    entity="route", column="status",
    names={"planned": QT_TRANSLATE_NOOP("core", "planned"),
           "confirmed": QT_TRANSLATE_NOOP("core", "confirmed")},
    transitions={"planned": frozenset({"confirmed"}), "confirmed": frozenset()})

# A delivery's outcome is what happened at the stop, fixed when it is confirmed (its
# order takes the same state); the delivery then stands until a manager undoes it (or a
# failed one is set aside when its order is rescheduled).  An undone delivery stays, as
# a record; it never stands again (a new confirmation is a new delivery).
DELIVERY_OUTCOMES = ("delivered", "partially_delivered", "failed")


def _put_delivery(d, target: str, actor, at: datetime) -> None:
    if target == "undone":
        d.undone_at, d.undone_by = at, actor.username


DELIVERY = Machine(
    entity="delivery", column="undone_at", audit_column=False,
    names={"standing": QT_TRANSLATE_NOOP("core", "standing"),
           "undone": QT_TRANSLATE_NOOP("core", "undone")},
    transitions={"standing": frozenset({"undone"}), "undone": frozenset()},
    get=lambda d: "standing" if d.undone_at is None else "undone", put=_put_delivery)
