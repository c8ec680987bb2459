"""dispatch and deliveries

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('driver',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_driver'))
    )
    op.create_table('cylinder_balance',
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('held', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_cylinder_balance_customer_id_customer')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_cylinder_balance_product_id_product')),
    sa.PrimaryKeyConstraint('customer_id', 'product_id', name=op.f('pk_cylinder_balance'))
    )
    op.create_table('vehicle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plate', sa.String(length=20).with_variant(sa.String(length=20, collation='C'), 'postgresql'), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('capacity_unit', sa.String(length=10), nullable=False),
    sa.Column('driver_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['driver.id'], name=op.f('fk_vehicle_driver_id_driver')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle')),
    sa.UniqueConstraint('plate', name=op.f('uq_vehicle_plate'))
    )
    op.create_table('route',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('driver_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('distance_m', sa.Integer(), nullable=False),
    sa.Column('duration_s', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['driver_id'], ['driver.id'], name=op.f('fk_route_driver_id_driver')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_route_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_route')),
    sa.UniqueConstraint('day', 'vehicle_id', name=op.f('uq_route_day_vehicle_id'))
    )
    with op.batch_alter_table('route', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_route_day'), ['day'], unique=False)

    op.create_table('delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('request_key', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('cash_collected', sa.BigInteger(), nullable=False),
    sa.Column('confirmed_by', sa.String(length=60), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_by', sa.String(length=60), nullable=True),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('undo_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_delivery_order_id_sales_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery')),
    sa.UniqueConstraint('request_key', name=op.f('uq_delivery_request_key'))
    )
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_order_id'), ['order_id'], unique=False)
        batch_op.create_index('uq_delivery_order_id_standing', ['order_id'], unique=True, sqlite_where=sa.text('undone_at IS NULL'), postgresql_where=sa.text('undone_at IS NULL'))

    op.create_table('route_stop',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('route_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('arrival_s', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_route_stop_order_id_sales_order')),
    sa.ForeignKeyConstraint(['route_id'], ['route.id'], name=op.f('fk_route_stop_route_id_route'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_route_stop')),
    sa.UniqueConstraint('order_id', name=op.f('uq_route_stop_order_id'))
    )
    with op.batch_alter_table('route_stop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_route_stop_route_id'), ['route_id'], unique=False)

    op.create_table('cylinder_movement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('full_out', sa.Integer(), nullable=False),
    sa.Column('empty_in', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_cylinder_movement_customer_id_customer')),
    sa.ForeignKeyConstraint(['delivery_id'], ['delivery.id'], name=op.f('fk_cylinder_movement_delivery_id_delivery')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_cylinder_movement_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cylinder_movement'))
    )
    with op.batch_alter_table('cylinder_movement', schema=None) as batch_op:
        batch_op.create_index('ix_cylinder_movement_customer_id_product_id', ['customer_id', 'product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cylinder_movement_delivery_id'), ['delivery_id'], unique=False)

    op.create_table('delivery_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('empties', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('tax', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['delivery.id'], name=op.f('fk_delivery_line_delivery_id_delivery'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_line.id'], name=op.f('fk_delivery_line_order_line_id_order_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_line')),
    sa.UniqueConstraint('delivery_id', 'order_line_id', name=op.f('uq_delivery_line_delivery_id_order_line_id'))
    )
    with op.batch_alter_table('delivery_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_line_order_line_id'), ['order_line_id'], unique=False)

    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_ledger_entry_customer_id_customer')),
    sa.ForeignKeyConstraint(['delivery_id'], ['delivery.id'], name=op.f('fk_ledger_entry_delivery_id_delivery')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_ledger_entry_order_id_sales_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_entry_customer_id_id', ['customer_id', 'id'], unique=False)

    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('window_start', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('window_end', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('service_minutes', sa.Integer(), server_default='5', nullable=False))

    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weight_kg', sa.BigInteger(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('weight_kg')

    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_column('service_minutes')
        batch_op.drop_column('window_end')
        batch_op.drop_column('window_start')

    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_ledger_entry_customer_id_id')

    op.drop_table('ledger_entry')
    with op.batch_alter_table('delivery_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_line_order_line_id'))

    op.drop_table('delivery_line')
    with op.batch_alter_table('cylinder_movement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cylinder_movement_delivery_id'))
        batch_op.drop_index('ix_cylinder_movement_customer_id_product_id')

    op.drop_table('cylinder_movement')
    with op.batch_alter_table('route_stop', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_route_stop_route_id'))

    op.drop_table('route_stop')
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_index('uq_delivery_order_id_standing', sqlite_where=sa.text('undone_at IS NULL'), postgresql_where=sa.text('undone_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_delivery_order_id'))

    op.drop_table('delivery')
    with op.batch_alter_table('route', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_route_day'))

    op.drop_table('route')
    op.drop_table('vehicle')
    op.drop_table('cylinder_balance')
    op.drop_table('driver')
