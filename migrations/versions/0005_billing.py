"""billing

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_counter',
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'year', name=op.f('pk_document_counter'))
    )
    op.create_table('invoice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20).with_variant(sa.String(length=20, collation='C'), 'postgresql'), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('subtotal', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_invoice_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice')),
    sa.UniqueConstraint('customer_id', 'period', name=op.f('uq_invoice_customer_id_period')),
    sa.UniqueConstraint('number', name=op.f('uq_invoice_number'))
    )
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_issue_date'), ['issue_date'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('cheque_number', sa.String(length=40), nullable=False),
    sa.Column('cheque_bank', sa.String(length=80), nullable=False),
    sa.Column('cheque_date', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=120), nullable=False),
    sa.Column('request_key', sa.String(length=64), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_payment_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment')),
    sa.UniqueConstraint('request_key', name=op.f('uq_payment_request_key'))
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_customer_id'), ['customer_id'], unique=False)

    op.create_table('credit_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20).with_variant(sa.String(length=20, collation='C'), 'postgresql'), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('voids', sa.Boolean(), nullable=False),
    sa.Column('requested_by', sa.String(length=60), nullable=False),
    sa.Column('approved_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_credit_note_customer_id_customer')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_credit_note_invoice_id_invoice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_note')),
    sa.UniqueConstraint('number', name=op.f('uq_credit_note_number'))
    )
    with op.batch_alter_table('credit_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_note_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_note_invoice_id'), ['invoice_id'], unique=False)

    op.create_table('allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=True),
    sa.Column('credit_note_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['credit_note_id'], ['credit_note.id'], name=op.f('fk_allocation_credit_note_id_credit_note')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_allocation_invoice_id_invoice')),
    sa.ForeignKeyConstraint(['payment_id'], ['payment.id'], name=op.f('fk_allocation_payment_id_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_allocation'))
    )
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocation_credit_note_id'), ['credit_note_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_allocation_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_allocation_payment_id'), ['payment_id'], unique=False)

    op.create_table('invoice_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('delivery_line_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('order_number', sa.String(length=20), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('tax_rate', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['delivery_line_id'], ['delivery_line.id'], name=op.f('fk_invoice_line_delivery_line_id_delivery_line')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_invoice_line_invoice_id_invoice'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_invoice_line_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice_line')),
    sa.UniqueConstraint('delivery_line_id', name=op.f('uq_invoice_line_delivery_line_id')),
    sa.UniqueConstraint('invoice_id', 'line_no', name=op.f('uq_invoice_line_invoice_id_line_no'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invoice_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('payment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('credit_note_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entry_payment_id_payment'), 'payment', ['payment_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entry_credit_note_id_credit_note'), 'credit_note', ['credit_note_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entry_invoice_id_invoice'), 'invoice', ['invoice_id'], ['id'])

    # The ledger is only ever added to: the database refuses to change or delete a row.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'ledger rows are never changed or deleted';
            END $$ LANGUAGE plpgsql""")
        op.execute("""
            CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
            FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only()""")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER ledger_entry_no_{event.lower()} BEFORE {event} ON ledger_entry
                BEGIN SELECT RAISE(ABORT, 'ledger rows are never changed or deleted'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER ledger_entry_append_only ON ledger_entry")
        op.execute("DROP FUNCTION ledger_entry_is_append_only()")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER ledger_entry_no_{event}")
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ledger_entry_invoice_id_invoice'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_ledger_entry_credit_note_id_credit_note'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_ledger_entry_payment_id_payment'), type_='foreignkey')
        batch_op.drop_column('credit_note_id')
        batch_op.drop_column('payment_id')
        batch_op.drop_column('invoice_id')

    op.drop_table('invoice_line')
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocation_payment_id'))
        batch_op.drop_index(batch_op.f('ix_allocation_invoice_id'))
        batch_op.drop_index(batch_op.f('ix_allocation_credit_note_id'))

    op.drop_table('allocation')
    with op.batch_alter_table('credit_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_note_invoice_id'))
        batch_op.drop_index(batch_op.f('ix_credit_note_customer_id'))

    op.drop_table('credit_note')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_customer_id'))

    op.drop_table('payment')
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_issue_date'))
        batch_op.drop_index(batch_op.f('ix_invoice_due_date'))
        batch_op.drop_index(batch_op.f('ix_invoice_customer_id'))

    op.drop_table('invoice')
    op.drop_table('document_counter')
