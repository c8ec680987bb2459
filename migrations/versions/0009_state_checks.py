"""CHECK constraints on the status and kind columns: a state or kind not declared in code
is refused by the database, whatever path writes it

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import re

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# The values as this revision knows them, written out (core.workflow and the models
# build theirs from the services' tables; a migration must not change when they do).
CHECKS = [
    ("sales_order", "status", ("confirmed", "scheduled", "delivered", "partially_delivered",
                               "failed", "cancelled")),
    ("sales_order", "payment", ("account", "cash")),
    ("sales_order", "time_slot", ("any", "morning", "afternoon", "evening")),
    ("quote", "status", ("draft", "sent", "accepted", "rejected")),
    ("invoice", "status", ("posted", "void")),
    ("invoice_line", "kind", ("delivery", "rental")),
    ("payment", "kind", ("payment", "refund")),
    ("payment", "method", ("cash", "transfer", "cheque")),
    ("route", "status", ("planned", "confirmed")),
    ("delivery", "outcome", ("delivered", "partially_delivered", "failed")),
    ("ledger_entry", "kind", ("delivery", "delivery_undone", "invoice", "payment", "refund",
                              "credit_note")),
    ("standing_order", "schedule", ("every", "weekdays", "monthdays")),
    ("standing_order", "time_slot", ("any", "morning", "afternoon", "evening")),
    ("standing_occurrence", "outcome", ("ordered", "refused", "dismissed")),
]


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _name(table: str, column: str) -> str:
    return f"ck_{table}_{column}"


def upgrade() -> None:
    conn = op.get_bind()
    # No release ever wrote a "draft" order (every path placed orders confirmed; the
    # column's default was the only "draft").  Should one exist, it becomes what every
    # order is placed as.
    conn.execute(sa.text("UPDATE sales_order SET status = 'confirmed' WHERE status = 'draft'"))
    wrong = []
    for table, column, values in CHECKS:
        found = conn.execute(sa.text(
            f"SELECT DISTINCT {column} FROM {table} WHERE NOT ({_condition(column, values)}) "
            f"OR {column} IS NULL")).scalars().all()
        if found:
            wrong.append(f"{table}.{column}: {sorted(map(str, found))}")
    if wrong:  # nothing is written: the administrator corrects the rows (SQLite: a backup)
        raise RuntimeError("Values this version does not know: " + "; ".join(wrong))
    if conn.dialect.name == "sqlite":
        _sqlite_edit(conn, lambda table, sql: _with_checks(table, sql))
    else:
        for table, column, values in CHECKS:
            op.create_check_constraint(op.f(_name(table, column)), table,
                                       _condition(column, values))


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        _sqlite_edit(conn, lambda table, sql: _without_checks(table, sql))
    else:
        for table, column, _values in reversed(CHECKS):
            op.drop_constraint(op.f(_name(table, column)), table, type_="check")


def _with_checks(table: str, sql: str) -> str:
    added = "".join(f",\n\tCONSTRAINT {_name(t, c)} CHECK ({_condition(c, v)})"
                    for t, c, v in CHECKS if t == table)
    body = sql.rstrip()
    assert body.endswith(")"), sql
    return body[:-1].rstrip() + added + "\n)"


def _without_checks(table: str, sql: str) -> str:
    for t, c, _v in CHECKS:
        if t == table:
            sql = re.sub(rf",\s*CONSTRAINT {_name(t, c)} CHECK \({c} IN \([^()]*\)\)", "", sql)
    return sql


def _sqlite_edit(conn, change) -> None:
    """Change the tables' CREATE statements in place, in this transaction: the
    writable_schema procedure SQLite documents for changes that do not touch the stored
    rows (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
    Changes").  A CHECK constraint is only safe to add this way when every row already
    satisfies it, which the upgrade verified above before writing anything.

    Not batch mode: its copy-and-rename of a table drops the ledger's append-only
    triggers, and dropping a parent table with foreign keys on (they cannot be turned
    off inside the migration's transaction) would delete the rows of its ON DELETE
    CASCADE children (an order's lines) or be refused for its other children."""
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        for table in dict.fromkeys(t for t, _c, _v in CHECKS):
            sql = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                (table,)).scalar()
            conn.exec_driver_sql(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                (change(table, sql), table))
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"The database is not consistent after adding checks: {problems}")
