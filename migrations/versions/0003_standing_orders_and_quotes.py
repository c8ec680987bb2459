"""standing orders and quotes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20).with_variant(sa.String(length=20, collation='C'), 'postgresql'), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('prospect_name', sa.String(length=120), nullable=False),
    sa.Column('prospect_phone', sa.String(length=30), nullable=False),
    sa.Column('prospect_address', sa.String(length=250), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('quote_date', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('subtotal', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_quote_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote')),
    sa.UniqueConstraint('number', name=op.f('uq_quote_number'))
    )
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_customer_id'), ['customer_id'], unique=False)

    op.create_table('standing_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('schedule', sa.String(length=10), nullable=False),
    sa.Column('interval_days', sa.Integer(), nullable=True),
    sa.Column('days', sa.String(length=100), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('paused_from', sa.Date(), nullable=True),
    sa.Column('paused_until', sa.Date(), nullable=True),
    sa.Column('time_slot', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_standing_order_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_order'))
    )
    with op.batch_alter_table('standing_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standing_order_customer_id'), ['customer_id'], unique=False)

    op.create_table('quote_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('tax_rate', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_quote_line_product_id_product')),
    sa.ForeignKeyConstraint(['quote_id'], ['quote.id'], name=op.f('fk_quote_line_quote_id_quote'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_line')),
    sa.UniqueConstraint('quote_id', 'line_no', name=op.f('uq_quote_line_quote_id_line_no'))
    )
    op.create_table('standing_order_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('standing_order_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('fixed_price', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_standing_order_line_product_id_product')),
    sa.ForeignKeyConstraint(['standing_order_id'], ['standing_order.id'], name=op.f('fk_standing_order_line_standing_order_id_standing_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_order_line')),
    sa.UniqueConstraint('standing_order_id', 'line_no', name=op.f('uq_standing_order_line_standing_order_id_line_no'))
    )
    op.create_table('standing_skip',
    sa.Column('standing_order_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['standing_order_id'], ['standing_order.id'], name=op.f('fk_standing_skip_standing_order_id_standing_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('standing_order_id', 'day', name=op.f('pk_standing_skip'))
    )
    op.create_table('standing_occurrence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('standing_order_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_by', sa.String(length=60), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_standing_occurrence_order_id_sales_order')),
    sa.ForeignKeyConstraint(['standing_order_id'], ['standing_order.id'], name=op.f('fk_standing_occurrence_standing_order_id_standing_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_occurrence')),
    sa.UniqueConstraint('standing_order_id', 'day', name=op.f('uq_standing_occurrence_standing_order_id_day'))
    )
    with op.batch_alter_table('standing_occurrence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standing_occurrence_day'), ['day'], unique=False)

    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('standing_order_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('standing_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('quote_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_sales_order_quote_id'), ['quote_id'])
        batch_op.create_unique_constraint(batch_op.f('uq_sales_order_standing_order_id_standing_date'), ['standing_order_id', 'standing_date'])
        batch_op.create_foreign_key(batch_op.f('fk_sales_order_quote_id_quote'), 'quote', ['quote_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_sales_order_standing_order_id_standing_order'), 'standing_order', ['standing_order_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('sales_order', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sales_order_standing_order_id_standing_order'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_sales_order_quote_id_quote'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_sales_order_standing_order_id_standing_date'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_sales_order_quote_id'), type_='unique')
        batch_op.drop_column('quote_id')
        batch_op.drop_column('standing_date')
        batch_op.drop_column('standing_order_id')

    with op.batch_alter_table('standing_occurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standing_occurrence_day'))

    op.drop_table('standing_occurrence')
    op.drop_table('standing_skip')
    op.drop_table('standing_order_line')
    op.drop_table('quote_line')
    with op.batch_alter_table('standing_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standing_order_customer_id'))

    op.drop_table('standing_order')
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_customer_id'))

    op.drop_table('quote')
