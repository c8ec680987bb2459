"""Typed change sets: what one committed unit of work changed, for every window to refresh.

Nothing has to remember to announce a change: every row a session writes — through the
ORM or a Core INSERT, UPDATE or DELETE it executes (and ``note_rows`` for COPY) — is
mapped from its table to a kind (customers, orders, routes of a date, invoices …) with
the ids it names.  A statement that names no ids (an UPDATE with a WHERE clause) marks
its kind ``whole``: refresh all of it.  Only when the transaction commits is the change
set published, to every subscriber of this process (the desktop's router embedded, the
office server's push channel connected) and to the ``collect()`` of the operation that
made it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import Delete, Insert, Update
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.operators import and_, eq, in_op

KINDS = ("customers", "orders", "quotes", "standing", "products", "routes", "invoices",
         "payments", "fleet", "users", "settings", "cash", "einvoices", "stock")


@dataclass(frozen=True)
class Changes:
    """Per kind, the ids of the records that changed (routes: the delivery dates); a kind in
    ``whole`` changed in records it cannot name."""

    customers: frozenset[int] = frozenset()
    orders: frozenset[int] = frozenset()
    quotes: frozenset[int] = frozenset()
    standing: frozenset[int] = frozenset()
    products: frozenset[int] = frozenset()
    routes: frozenset[date] = frozenset()
    invoices: frozenset[int] = frozenset()
    payments: frozenset[int] = frozenset()
    fleet: frozenset[int] = frozenset()
    users: frozenset[int] = frozenset()
    settings: frozenset[int] = frozenset()
    cash: frozenset[date] = frozenset()  # the days whose cash-up or cash book changed
    einvoices: frozenset[int] = frozenset()  # uniform invoices (ranges, allowances: whole)
    stock: frozenset[date] = frozenset()  # the days whose cylinder stock moved
    whole: frozenset[str] = frozenset()

    def kinds(self) -> frozenset[str]:
        """Every kind that changed."""
        return self.whole | {k for k in KINDS if getattr(self, k)}

    def touches(self, kind: str, key: object = None) -> bool:
        """Whether the record ``key`` of ``kind`` (any of that kind, without a key) may have
        changed."""
        if kind in self.whole:
            return True
        return bool(getattr(self, kind)) if key is None else key in getattr(self, kind)

    def __bool__(self) -> bool:
        return bool(self.kinds())

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) | getattr(other, f.name)
                          for f in fields(self)})

    @classmethod
    def of(cls, **kinds) -> Changes:
        """``Changes.of(orders=[3], fleet=True)``: ids per kind, True for a whole kind."""
        whole = frozenset(k for k, v in kinds.items() if v is True)
        return cls(whole=whole, **{k: frozenset(v) for k, v in kinds.items() if v is not True})


# table -> (kind, the column naming the record of that kind; None: the whole kind)
TABLES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "customer": (("customers", "id"),),
    "customer_price": (("customers", "customer_id"),),
    "cylinder_balance": (("customers", "customer_id"),),
    "ledger_entry": (("customers", "customer_id"),),
    "sales_order": (("orders", "id"), ("customers", "customer_id")),
    "order_line": (("orders", "order_id"),),
    "credit_override": (("orders", "order_id"),),
    "quote": (("quotes", "id"),),
    "quote_line": (("quotes", "quote_id"),),
    "standing_order": (("standing", "id"),),
    "standing_order_line": (("standing", "standing_order_id"),),
    "standing_skip": (("standing", "standing_order_id"),),
    "standing_occurrence": (("standing", "standing_order_id"),),
    "product": (("products", "id"),),
    "product_price": (("products", "product_id"),),
    "route": (("routes", "day"),),
    "route_stop": (("routes", None),),
    "delivery": (("orders", "order_id"), ("routes", None)),
    "delivery_line": (("routes", None),),
    "cylinder_movement": (("customers", "customer_id"),),
    "invoice": (("invoices", "id"), ("customers", "customer_id")),
    "invoice_line": (("invoices", "invoice_id"),),
    "credit_note": (("invoices", None), ("customers", "customer_id")),
    "payment": (("payments", "id"), ("customers", "customer_id")),
    "allocation": (("payments", "payment_id"), ("invoices", None)),
    "driver": (("fleet", None),),
    "vehicle": (("fleet", "id"),),
    "app_user": (("users", "id"),),
    "user_role": (("users", "user_id"),),
    "setting": (("settings", None),),
    "cash_sale": (("cash", "business_date"), ("customers", "customer_id")),
    "cash_sale_line": (("cash", None),),
    "settlement": (("cash", "day"), ("routes", "day")),
    "settlement_note": (("cash", None),),
    "settlement_cheque": (("cash", None),),
    "driver_entry": (("cash", "business_date"),),
    "cash_book_entry": (("cash", "day"),),
    "cash_book_day": (("cash", "day"),),
    "company_logo": (("settings", None),),
    "einvoice_range": (("einvoices", None),),
    "uniform_invoice": (("einvoices", None),),
    "einvoice_allowance": (("einvoices", None),),
    "einvoice_message": (("einvoices", None),),
    "stock_location": (("stock", None),),
    "stock_doc": (("stock", "day"),),
    "stock_move": (("stock", "day"),),
    "retest_rule": (("stock", None), ("settings", None)),
    "cylinder": (("stock", None),),
    "cylinder_scan": (("stock", None),),
    "deposit_receipt": (("customers", "customer_id"), ("cash", "business_date")),
    "deposit_line": (("customers", "customer_id"),),
    "deposit_exemption": (("customers", "customer_id"),),
    "inspection": (("customers", "customer_id"),),
}


class _Pending:
    """The changes a session has written in its current transaction."""

    def __init__(self) -> None:
        self.ids: dict[str, set] = {}
        self.whole: set[str] = set()

    def add(self, table: str, rows: list[dict] | None) -> None:
        for kind, column in TABLES.get(table, ()):
            values = None if rows is None or column is None else [r.get(column) for r in rows]
            if values is None or None in values:
                self.whole.add(kind)
            else:
                self.ids.setdefault(kind, set()).update(values)

    def done(self) -> Changes:
        return Changes(whole=frozenset(self.whole),
                       **{k: frozenset(v) for k, v in self.ids.items()})


def _pending(session: Session) -> _Pending:
    return session.info.setdefault("roundsman_changes", _Pending())


def note_rows(session: Session, table: str, rows: list[dict] | None) -> None:
    """Rows written by a path the session cannot see (COPY); None: rows it cannot name."""
    _pending(session).add(table, rows)


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context) -> None:
    pending = _pending(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table in TABLES:
            loaded = inspect(obj).dict  # what is loaded: never a lazy load in a flush
            pending.add(table, [{c: loaded.get(c) for _k, c in TABLES[table] if c}])


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    statement = state.statement
    if not isinstance(statement, (Insert, Update, Delete)):
        return
    table = getattr(statement.table, "name", None)
    if table not in TABLES:
        return
    params = state.parameters
    if isinstance(statement, Insert):
        rows = params if isinstance(params, list) else [params] if params else None
    else:
        rows = _where_rows(statement.whereclause, params if isinstance(params, dict) else {})
    _pending(state.session).add(table, rows)


def _where_rows(clause, params: dict) -> list[dict] | None:
    """``WHERE col = value`` or ``WHERE col IN (values)`` (alone or ANDed with more) as the
    rows it names, a value given by its bind parameter's name in ``params`` too (a
    statement built once); None when the clause names none."""
    if clause is None:
        return None
    parts = getattr(clause, "clauses", None) if getattr(clause, "operator", None) is and_ \
        else None
    for part in parts or (clause,):
        column, value = getattr(part, "left", None), getattr(part, "right", None)
        name = getattr(column, "name", None)
        if name is None or not isinstance(value, BindParameter):
            continue
        if part.operator is eq:
            return [{name: params.get(value.key, value.value)}]
        if part.operator is in_op and value.expanding and value.value is not None:
            return [{name: v} for v in value.value]
    return None


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending = session.info.pop("roundsman_changes", None)
    if pending is not None:
        publish(pending.done())


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop("roundsman_changes", None)


# --- publishing --------------------------------------------------------------------------

_subscribers: list[Callable[[Changes], None]] = []
_lock = threading.Lock()
_collecting: ContextVar[list[Changes] | None] = ContextVar("collecting", default=None)


def subscribe(fn: Callable[[Changes], None]) -> Callable[[], None]:
    """Call ``fn`` with every change set committed in this process (on the committing
    thread); returns the function that unsubscribes."""
    with _lock:
        _subscribers.append(fn)

    def unsubscribe() -> None:
        with _lock:
            if fn in _subscribers:
                _subscribers.remove(fn)
    return unsubscribe


def publish(changes: Changes) -> None:
    if not changes:
        return
    collected = _collecting.get()
    if collected is not None:
        collected.append(changes)
    with _lock:
        listeners = list(_subscribers)
    for fn in listeners:
        fn(changes)


@dataclass
class Collected:
    parts: list[Changes] = field(default_factory=list)

    @property
    def value(self) -> Changes:
        out = Changes()
        for part in self.parts:
            out = out | part
        return out


@contextmanager
def collect() -> Iterator[Collected]:
    """What the work inside the block committed (in this thread or context), a block
    inside it (an api call's own) included."""
    got = Collected()
    token = _collecting.set(got.parts)
    try:
        yield got
    finally:
        _collecting.reset(token)
        outer = _collecting.get()
        if outer is not None:
            outer.extend(got.parts)
