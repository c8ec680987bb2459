"""money paths hardened: ledger business dates, orders judged at placing, request
fingerprints, canonical billing periods

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from datetime import timezone

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

LEDGER_TRIGGERS_SQLITE = ("update", "delete")


def _drop_ledger_guard(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only")
    else:
        for event in LEDGER_TRIGGERS_SQLITE:
            op.execute(f"DROP TRIGGER IF EXISTS ledger_entry_no_{event}")


def _restore_ledger_guard(dialect: str) -> None:
    """The ledger stays append-only: batch mode rebuilds the SQLite table (which drops its
    triggers), so they are made again here, exactly as revision 0005 made them."""
    if dialect == "postgresql":
        op.execute("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only")
    else:
        for event in LEDGER_TRIGGERS_SQLITE:
            op.execute(f"""
                CREATE TRIGGER ledger_entry_no_{event} BEFORE {event.upper()} ON ledger_entry
                BEGIN SELECT RAISE(ABORT, 'ledger rows are never changed or deleted'); END""")


def _backfill_business_dates(bind) -> None:
    """Payments and refunds on the day received or paid, invoices on their date,
    deliveries on the day delivered; anything else (credit notes, undos) on the local
    day it was recorded."""
    op.execute("""
        UPDATE ledger_entry SET business_date = (
            SELECT payment.received_on FROM payment WHERE payment.id = ledger_entry.payment_id)
        WHERE payment_id IS NOT NULL AND kind IN ('payment', 'refund')""")
    op.execute("""
        UPDATE ledger_entry SET business_date = (
            SELECT invoice.issue_date FROM invoice WHERE invoice.id = ledger_entry.invoice_id)
        WHERE invoice_id IS NOT NULL AND kind = 'invoice'""")
    op.execute("""
        UPDATE ledger_entry SET business_date = (
            SELECT sales_order.delivery_date FROM sales_order
            WHERE sales_order.id = ledger_entry.order_id)
        WHERE order_id IS NOT NULL AND kind = 'delivery'""")
    ledger = sa.table("ledger_entry", sa.column("id", sa.Integer),
                      sa.column("at", sa.DateTime(timezone=True)),
                      sa.column("business_date", sa.Date))
    rest = bind.execute(sa.select(ledger.c.id, ledger.c.at)
                        .where(ledger.c.business_date.is_(None))).all()
    if rest:
        def local_day(at):
            if at.tzinfo is None:
                at = at.replace(tzinfo=timezone.utc)
            return at.astimezone().date()
        bind.execute(ledger.update().where(ledger.c.id == sa.bindparam("row_id"))
                     .values(business_date=sa.bindparam("day")),
                     [{"row_id": i, "day": local_day(at)} for i, at in rest])


def _canonical_periods(bind) -> None:
    """Periods once stored as typed ("2026-012", "2026-1") become YYYY-MM, unless the
    customer already has an invoice of that month in the canonical form (then db check
    reports the pair)."""
    invoice = sa.table("invoice", sa.column("id", sa.Integer),
                       sa.column("customer_id", sa.Integer), sa.column("period", sa.String))
    rows = bind.execute(sa.select(invoice.c.id, invoice.c.customer_id, invoice.c.period)
                        .where(invoice.c.period.is_not(None))).all()
    taken = {(c, p) for _, c, p in rows}
    for row_id, customer_id, period in rows:
        try:
            year, month = (int(x) for x in period.split("-"))
        except ValueError:
            continue
        canonical = f"{year:04d}-{month:02d}"
        if canonical == period or not 1 <= month <= 12 or (customer_id, canonical) in taken:
            continue
        bind.execute(invoice.update().where(invoice.c.id == row_id).values(period=canonical))
        taken.add((customer_id, canonical))


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    _drop_ledger_guard(dialect)
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('business_date', sa.Date(), nullable=True))
    _backfill_business_dates(bind)
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.alter_column('business_date', existing_type=sa.Date(), nullable=False)
        batch_op.create_index('ix_ledger_entry_customer_id_business_date',
                              ['customer_id', 'business_date'], unique=False)
    _restore_ledger_guard(dialect)

    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('limit_at_placing', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('exposure_at_placing', sa.BigInteger(), nullable=True))
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_hash', sa.String(length=64), nullable=True))
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_hash', sa.String(length=64), nullable=True))
    _canonical_periods(bind)


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch rebuild of these tables
    # would trip their foreign keys and drop the ledger's triggers.
    for table, column in (("delivery", "request_hash"), ("payment", "request_hash"),
                          ("sales_order", "exposure_at_placing"),
                          ("sales_order", "limit_at_placing"), ("sales_order", "request_hash")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    op.drop_index('ix_ledger_entry_customer_id_business_date', table_name='ledger_entry')
    op.execute("ALTER TABLE ledger_entry DROP COLUMN business_date")
