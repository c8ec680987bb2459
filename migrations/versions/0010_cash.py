"""every sale on the books: cash sales, the routes' cash-up, the drivers' accounts and the
cash book; payments taken at a stop name their route; the ledger's new kinds

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# The values as this revision knows them, written out (a migration must not change when
# the code's tables do).
LEDGER_KINDS_BEFORE = ("delivery", "delivery_undone", "invoice", "payment", "refund",
                       "credit_note")
LEDGER_KINDS = LEDGER_KINDS_BEFORE + ("cash_sale", "cash_sale_void", "cash_received",
                                      "cash_received_void")
APPEND_ONLY = ("driver_entry", "cash_book_entry")


def upgrade() -> None:
    op.create_table('cash_book_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('closing', sa.BigInteger(), nullable=False),
    sa.Column('closed_by', sa.String(length=60), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_cash_book_day'))
    )
    op.create_table('cash_cutover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_cutover'))
    )
    op.create_table('settlement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('route_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('driver_id', sa.Integer(), nullable=True),
    sa.Column('request_key', sa.String(length=64), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=True),
    sa.Column('expected', sa.BigInteger(), nullable=False),
    sa.Column('cash', sa.BigInteger(), nullable=False),
    sa.Column('cheques', sa.BigInteger(), nullable=False),
    sa.Column('counted', sa.BigInteger(), nullable=False),
    sa.Column('variance', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('settled_by', sa.String(length=60), nullable=False),
    sa.Column('approved_by', sa.String(length=60), nullable=True),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reopened_by', sa.String(length=60), nullable=True),
    sa.Column('reopened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reopen_reason', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('settled', 'reopened')", name=op.f('ck_settlement_status')),
    sa.ForeignKeyConstraint(['driver_id'], ['driver.id'], name=op.f('fk_settlement_driver_id_driver')),
    sa.ForeignKeyConstraint(['route_id'], ['route.id'], name=op.f('fk_settlement_route_id_route')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement')),
    sa.UniqueConstraint('request_key', name=op.f('uq_settlement_request_key'))
    )
    op.create_index(op.f('ix_settlement_day'), 'settlement', ['day'], unique=False)
    op.create_index(op.f('ix_settlement_driver_id'), 'settlement', ['driver_id'], unique=False)
    op.create_index(op.f('ix_settlement_route_id'), 'settlement', ['route_id'], unique=False)
    op.create_index('uq_settlement_route_id_settled', 'settlement', ['route_id'], unique=True, sqlite_where=sa.text("status = 'settled'"), postgresql_where=sa.text("status = 'settled'"))

    op.create_table('cash_sale',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20).with_variant(sa.String(length=20, collation='C'), 'postgresql'), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('subtotal', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('cash_received', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('voided_by', sa.String(length=60), nullable=True),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('posted', 'void')", name=op.f('ck_cash_sale_status')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_cash_sale_customer_id_customer')),
    sa.ForeignKeyConstraint(['delivery_id'], ['delivery.id'], name=op.f('fk_cash_sale_delivery_id_delivery')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_cash_sale_order_id_sales_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_sale')),
    sa.UniqueConstraint('delivery_id', name=op.f('uq_cash_sale_delivery_id')),
    sa.UniqueConstraint('number', name=op.f('uq_cash_sale_number'))
    )
    op.create_index(op.f('ix_cash_sale_business_date'), 'cash_sale', ['business_date'], unique=False)
    op.create_index(op.f('ix_cash_sale_customer_id'), 'cash_sale', ['customer_id'], unique=False)
    op.create_index(op.f('ix_cash_sale_order_id'), 'cash_sale', ['order_id'], unique=False)

    op.create_table('driver_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('driver_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('request_key', sa.String(length=64), nullable=True),
    sa.Column('request_hash', sa.String(length=64), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('hmac', sa.String(length=64), nullable=True),
    sa.CheckConstraint("kind IN ('variance', 'variance_reopened', 'payment_from_driver', 'payment_to_driver')", name=op.f('ck_driver_entry_kind')),
    sa.ForeignKeyConstraint(['driver_id'], ['driver.id'], name=op.f('fk_driver_entry_driver_id_driver')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_driver_entry_settlement_id_settlement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_driver_entry')),
    sa.UniqueConstraint('request_key', name=op.f('uq_driver_entry_request_key'))
    )
    op.create_index(op.f('ix_driver_entry_driver_id'), 'driver_entry', ['driver_id'], unique=False)
    op.create_index(op.f('ix_driver_entry_settlement_id'), 'driver_entry', ['settlement_id'], unique=False)

    op.create_table('settlement_cheque',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('bank', sa.String(length=80), nullable=False),
    sa.Column('cheque_date', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_settlement_cheque_settlement_id_settlement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_cheque'))
    )
    op.create_index(op.f('ix_settlement_cheque_settlement_id'), 'settlement_cheque', ['settlement_id'], unique=False)

    op.create_table('settlement_note',
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_settlement_note_settlement_id_settlement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('settlement_id', 'value', name=op.f('pk_settlement_note'))
    )
    op.create_table('cash_book_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.Column('driver_entry_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('request_key', sa.String(length=64), nullable=True),
    sa.Column('request_hash', sa.String(length=64), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('hmac', sa.String(length=64), nullable=True),
    sa.CheckConstraint("kind IN ('float', 'settlement', 'deposit', 'driver', 'correction')", name=op.f('ck_cash_book_entry_kind')),
    sa.ForeignKeyConstraint(['driver_entry_id'], ['driver_entry.id'], name=op.f('fk_cash_book_entry_driver_entry_id_driver_entry')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_cash_book_entry_settlement_id_settlement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_book_entry')),
    sa.UniqueConstraint('request_key', name=op.f('uq_cash_book_entry_request_key'))
    )
    op.create_index(op.f('ix_cash_book_entry_day'), 'cash_book_entry', ['day'], unique=False)
    op.create_index(op.f('ix_cash_book_entry_settlement_id'), 'cash_book_entry', ['settlement_id'], unique=False)

    op.create_table('cash_sale_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cash_sale_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('delivery_line_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('tax_rate', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['cash_sale_id'], ['cash_sale.id'], name=op.f('fk_cash_sale_line_cash_sale_id_cash_sale'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['delivery_line_id'], ['delivery_line.id'], name=op.f('fk_cash_sale_line_delivery_line_id_delivery_line')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_cash_sale_line_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_sale_line')),
    sa.UniqueConstraint('cash_sale_id', 'line_no', name=op.f('uq_cash_sale_line_cash_sale_id_line_no')),
    sa.UniqueConstraint('delivery_line_id', name=op.f('uq_cash_sale_line_delivery_line_id'))
    )
    # Not batch mode for the existing tables: its copy-and-rename would drop the ledger's
    # append-only triggers and, with foreign keys on, the payment table's children.
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("ALTER TABLE payment ADD COLUMN route_id INTEGER "
                   "CONSTRAINT fk_payment_route_id_route REFERENCES route (id)")
        _sqlite_ledger_kinds(conn, LEDGER_KINDS_BEFORE, LEDGER_KINDS)
    else:
        op.add_column("payment", sa.Column("route_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_payment_route_id_route"), "payment", "route",
                              ["route_id"], ["id"])
        op.drop_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry", type_="check")
        op.create_check_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry",
                                   _condition("kind", LEDGER_KINDS))
    op.create_index(op.f("ix_payment_route_id"), "payment", ["route_id"], unique=False)
    _append_only(conn, APPEND_ONLY)
    # A database with deliveries confirmed before this revision starts its cash sales now;
    # those deliveries are reported by ``db check`` as before the cut-over.
    if conn.execute(sa.text("SELECT 1 FROM delivery LIMIT 1")).first() is not None:
        conn.execute(sa.text("INSERT INTO cash_cutover (id, at) VALUES (1, :at)"),
                     {"at": datetime.now(timezone.utc).replace(
                         tzinfo=None if conn.dialect.name == "sqlite" else timezone.utc)})


def downgrade() -> None:
    conn = op.get_bind()
    _append_only(conn, APPEND_ONLY, drop=True)
    op.drop_index(op.f("ix_payment_route_id"), table_name="payment")
    if conn.dialect.name == "sqlite":
        _sqlite_ledger_kinds(conn, LEDGER_KINDS, LEDGER_KINDS_BEFORE)
        op.execute("ALTER TABLE payment DROP COLUMN route_id")
    else:
        op.drop_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry", type_="check")
        op.create_check_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry",
                                   _condition("kind", LEDGER_KINDS_BEFORE))
        op.drop_constraint(op.f("fk_payment_route_id_route"), "payment", type_="foreignkey")
        op.drop_column("payment", "route_id")
    for table in ("cash_sale_line", "cash_book_entry", "settlement_note", "settlement_cheque",
                  "driver_entry", "cash_sale", "settlement", "cash_cutover", "cash_book_day"):
        op.drop_table(table)


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _sqlite_ledger_kinds(conn, before: tuple[str, ...], after: tuple[str, ...]) -> None:
    """The ledger's CHECK on its kinds, widened in place (revision 0009's way: every
    existing row holds one of the old kinds, so it holds one of the new)."""
    old = f"CONSTRAINT ck_ledger_entry_kind CHECK ({_condition('kind', before)})"
    new = f"CONSTRAINT ck_ledger_entry_kind CHECK ({_condition('kind', after)})"
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'ledger_entry'").scalar()
    if old not in sql:
        raise RuntimeError("ledger_entry's CHECK on its kinds is not the one revision 0009 made")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' "
                             "AND name = 'ledger_entry'", (sql.replace(old, new),))
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"The database is not consistent after widening a check: {problems}")


def _append_only(conn, tables, drop: bool = False) -> None:
    """The drivers' accounts and the cash book are only ever added to, as the ledger is:
    the database refuses to change or delete a row."""
    for table in tables:
        if conn.dialect.name == "postgresql":
            if drop:
                op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
                op.execute(f"DROP FUNCTION {table}_is_append_only()")
                continue
            op.execute(f"""
                CREATE FUNCTION {table}_is_append_only() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION '{table} rows are never changed or deleted';
                END $$ LANGUAGE plpgsql""")
            op.execute(f"""
                CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_is_append_only()""")
        else:
            for event in ("update", "delete"):
                if drop:
                    op.execute(f"DROP TRIGGER {table}_no_{event}")
                    continue
                op.execute(f"""
                    CREATE TRIGGER {table}_no_{event} BEFORE {event.upper()} ON {table}
                    BEGIN SELECT RAISE(ABORT, '{table} rows are never changed or deleted'); END""")
