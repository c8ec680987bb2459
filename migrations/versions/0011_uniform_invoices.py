"""uniform invoices (統一發票): number ranges, the invoices issued from them, allowances,
the Turnkey's outbox of messages; customers' tax id, invoice title, carrier and donation code

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('einvoice_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=5), nullable=False),
    sa.Column('document', sa.String(length=20), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('file_name', sa.String(length=60), nullable=False),
    sa.CheckConstraint("kind IN ('F0401', 'F0501', 'G0401', 'G0501', 'E0402')", name=op.f('ck_einvoice_message_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_einvoice_message')),
    sa.UniqueConstraint('kind', 'document', name=op.f('uq_einvoice_message_kind_document'))
    )
    with op.batch_alter_table('einvoice_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_einvoice_message_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_einvoice_message_written_at'), ['written_at'], unique=False)

    op.create_table('einvoice_range',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('track', sa.String(length=2), nullable=False),
    sa.Column('first', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.Column('next', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('first <= last', name=op.f('ck_einvoice_range_ordered')),
    sa.CheckConstraint('next >= first AND next <= last + 1', name=op.f('ck_einvoice_range_next_within')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_einvoice_range')),
    sa.UniqueConstraint('period', 'track', 'first', name=op.f('uq_einvoice_range_period_track_first'))
    )
    with op.batch_alter_table('einvoice_range', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_einvoice_range_period'), ['period'], unique=False)

    op.create_table('uniform_invoice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=10).with_variant(sa.String(length=10, collation='C'), 'postgresql'), nullable=False),
    sa.Column('range_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('invoice_date', sa.Date(), nullable=False),
    sa.Column('invoice_time', sa.String(length=8), nullable=False),
    sa.Column('random_code', sa.String(length=4), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('buyer_tax_id', sa.String(length=8), nullable=False),
    sa.Column('buyer_name', sa.String(length=120), nullable=False),
    sa.Column('carrier_type', sa.String(length=6), nullable=False),
    sa.Column('carrier_id', sa.String(length=64), nullable=False),
    sa.Column('donation_code', sa.String(length=7), nullable=False),
    sa.Column('untaxed', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('cash_sale_id', sa.Integer(), nullable=True),
    sa.Column('invoice_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('printed', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('voided_by', sa.String(length=60), nullable=True),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('issued', 'void')", name=op.f('ck_uniform_invoice_status')),
    sa.CheckConstraint('(cash_sale_id IS NULL) <> (invoice_id IS NULL)', name=op.f('ck_uniform_invoice_one_source')),
    sa.ForeignKeyConstraint(['cash_sale_id'], ['cash_sale.id'], name=op.f('fk_uniform_invoice_cash_sale_id_cash_sale')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_uniform_invoice_customer_id_customer')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_uniform_invoice_invoice_id_invoice')),
    sa.ForeignKeyConstraint(['range_id'], ['einvoice_range.id'], name=op.f('fk_uniform_invoice_range_id_einvoice_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uniform_invoice')),
    sa.UniqueConstraint('cash_sale_id', name=op.f('uq_uniform_invoice_cash_sale_id')),
    sa.UniqueConstraint('invoice_id', name=op.f('uq_uniform_invoice_invoice_id')),
    sa.UniqueConstraint('number', name=op.f('uq_uniform_invoice_number'))
    )
    with op.batch_alter_table('uniform_invoice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uniform_invoice_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_uniform_invoice_invoice_date'), ['invoice_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_uniform_invoice_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_uniform_invoice_range_id'), ['range_id'], unique=False)

    op.create_table('einvoice_allowance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16).with_variant(sa.String(length=16, collation='C'), 'postgresql'), nullable=False),
    sa.Column('uniform_invoice_id', sa.Integer(), nullable=False),
    sa.Column('credit_note_id', sa.Integer(), nullable=True),
    sa.Column('allowance_date', sa.Date(), nullable=False),
    sa.Column('untaxed', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_by', sa.String(length=60), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('voided_by', sa.String(length=60), nullable=True),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('issued', 'confirmed', 'void')", name=op.f('ck_einvoice_allowance_status')),
    sa.ForeignKeyConstraint(['credit_note_id'], ['credit_note.id'], name=op.f('fk_einvoice_allowance_credit_note_id_credit_note')),
    sa.ForeignKeyConstraint(['uniform_invoice_id'], ['uniform_invoice.id'], name=op.f('fk_einvoice_allowance_uniform_invoice_id_uniform_invoice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_einvoice_allowance')),
    sa.UniqueConstraint('credit_note_id', name=op.f('uq_einvoice_allowance_credit_note_id')),
    sa.UniqueConstraint('number', name=op.f('uq_einvoice_allowance_number'))
    )
    with op.batch_alter_table('einvoice_allowance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_einvoice_allowance_uniform_invoice_id'), ['uniform_invoice_id'], unique=False)

    # Plain ALTER TABLE ... ADD COLUMN (SQLite too): the customer table is not rebuilt.
    for name, length in (('tax_id', 8), ('invoice_title', 120), ('carrier', 64),
                         ('donation_code', 7)):
        op.add_column('customer', sa.Column(name, sa.String(length=length), server_default='',
                                            nullable=False))

def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later too): not rebuilt.
    for name in ('donation_code', 'carrier', 'invoice_title', 'tax_id'):
        op.drop_column('customer', name)

    with op.batch_alter_table('einvoice_allowance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_einvoice_allowance_uniform_invoice_id'))

    op.drop_table('einvoice_allowance')
    with op.batch_alter_table('uniform_invoice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uniform_invoice_range_id'))
        batch_op.drop_index(batch_op.f('ix_uniform_invoice_period'))
        batch_op.drop_index(batch_op.f('ix_uniform_invoice_invoice_date'))
        batch_op.drop_index(batch_op.f('ix_uniform_invoice_customer_id'))

    op.drop_table('uniform_invoice')
    with op.batch_alter_table('einvoice_range', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_einvoice_range_period'))

    op.drop_table('einvoice_range')
    with op.batch_alter_table('einvoice_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_einvoice_message_written_at'))
        batch_op.drop_index(batch_op.f('ix_einvoice_message_due_at'))

    op.drop_table('einvoice_message')
