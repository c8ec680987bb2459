"""cylinders: stock locations and movements, deposits, serial-numbered cylinders and
their re-test rules, safety inspections; customers' next inspection and gas stop

The fixed locations (the customers, one depot from the company's depot coordinates,
the filling plant, the inspection station, a truck per vehicle) are made here, and an
opening movement for what each customer holds today, so an upgraded database is
consistent from its first day.  Cylinders customers already hold were never charged a
deposit: they are recorded as held without deposit, with that reason.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from datetime import date, datetime, timezone

from alembic import op
import sqlalchemy as sa

LEDGER_KINDS_BEFORE = ("delivery", "delivery_undone", "invoice", "payment", "refund",
                       "credit_note", "cash_sale", "cash_sale_void", "cash_received",
                       "cash_received_void")
LEDGER_KINDS = LEDGER_KINDS_BEFORE + ("deposit", "deposit_undone")
APPEND_ONLY = ("stock_doc", "stock_move", "deposit_receipt", "deposit_line",
               "deposit_exemption", "cylinder_scan")
# 液化石油氣容器定期檢驗標準 (內政部, 2020, amended 2021): steel cylinders are no longer
# re-tested from 30 years of age (art. 3), composite ones are re-tested every 5 years and
# no longer from 20 (art. 10).  The intervals of steel cylinders by size and age follow
# the periodic inspection table (50 kg; 16-20 kg; 2-10 kg).  (material, min_kg, from_age,
# interval_years, life_years); Settings edits them.
RETEST_RULES = (
    ("steel", 40, 0, 4, 30), ("steel", 40, 8, 3, 30), ("steel", 40, 20, 1, 30),
    ("steel", 16, 0, 5, 30), ("steel", 16, 10, 3, 30), ("steel", 16, 19, 1, 30),
    ("steel", 0, 0, 6, 30), ("steel", 0, 18, 1, 30),
    ("composite", 0, 0, 5, 20),
)


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('retest_rule',
    sa.Column('material', sa.String(length=10), nullable=False),
    sa.Column('min_kg', sa.Integer(), nullable=False),
    sa.Column('from_age', sa.Integer(), nullable=False),
    sa.Column('interval_years', sa.Integer(), nullable=False),
    sa.Column('life_years', sa.Integer(), nullable=False),
    sa.CheckConstraint("material IN ('steel', 'composite')", name=op.f('ck_retest_rule_material')),
    sa.PrimaryKeyConstraint('material', 'min_kg', 'from_age', name=op.f('pk_retest_rule'))
    )
    op.create_table('deposit_exemption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_deposit_exemption_customer_id_customer')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_deposit_exemption_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposit_exemption'))
    )
    with op.batch_alter_table('deposit_exemption', schema=None) as batch_op:
        batch_op.create_index('ix_deposit_exemption_customer_id_product_id', ['customer_id', 'product_id'], unique=False)

    op.create_table('stock_location',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=250), nullable=False),
    sa.Column('lat', sa.Double(), nullable=True),
    sa.Column('lon', sa.Double(), nullable=True),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('depot_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('depot', 'truck', 'plant', 'station', 'customers')", name=op.f('ck_stock_location_kind')),
    sa.ForeignKeyConstraint(['depot_id'], ['stock_location.id'], name=op.f('fk_stock_location_depot_id_stock_location')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_stock_location_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_location')),
    sa.UniqueConstraint('vehicle_id', name=op.f('uq_stock_location_vehicle_id'))
    )
    op.create_table('cylinder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=30).with_variant(sa.String(length=30, collation='C'), 'postgresql'), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('material', sa.String(length=10), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('manufactured', sa.Date(), nullable=False),
    sa.Column('retest_due', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('full', sa.Boolean(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("material IN ('steel', 'composite')", name=op.f('ck_cylinder_material')),
    sa.CheckConstraint("status IN ('in_service', 'scrapped')", name=op.f('ck_cylinder_status')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_cylinder_customer_id_customer')),
    sa.ForeignKeyConstraint(['location_id'], ['stock_location.id'], name=op.f('fk_cylinder_location_id_stock_location')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_cylinder_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cylinder')),
    sa.UniqueConstraint('serial', name=op.f('uq_cylinder_serial'))
    )
    with op.batch_alter_table('cylinder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cylinder_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cylinder_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cylinder_retest_due'), ['retest_due'], unique=False)

    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('request_key', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('items', sa.Text(), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('inspector', sa.String(length=120), nullable=False),
    sa.Column('next_date', sa.Date(), nullable=True),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cleared_by', sa.String(length=60), nullable=True),
    sa.Column('cleared_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('clear_reason', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("result IN ('pass', 'fail')", name=op.f('ck_inspection_result')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_inspection_customer_id_customer')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_inspection_order_id_sales_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection')),
    sa.UniqueConstraint('order_id', name=op.f('uq_inspection_order_id')),
    sa.UniqueConstraint('request_key', name=op.f('uq_inspection_request_key'))
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_customer_id'), ['customer_id'], unique=False)

    op.create_table('deposit_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20).with_variant(sa.String(length=20, collation='C'), 'postgresql'), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('paid_by', sa.String(length=10), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=True),
    sa.Column('route_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('delivery', 'undone')", name=op.f('ck_deposit_receipt_kind')),
    sa.CheckConstraint("paid_by IN ('cash', 'account')", name=op.f('ck_deposit_receipt_paid_by')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_deposit_receipt_customer_id_customer')),
    sa.ForeignKeyConstraint(['delivery_id'], ['delivery.id'], name=op.f('fk_deposit_receipt_delivery_id_delivery')),
    sa.ForeignKeyConstraint(['reverses_id'], ['deposit_receipt.id'], name=op.f('fk_deposit_receipt_reverses_id_deposit_receipt')),
    sa.ForeignKeyConstraint(['route_id'], ['route.id'], name=op.f('fk_deposit_receipt_route_id_route')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposit_receipt')),
    sa.UniqueConstraint('number', name=op.f('uq_deposit_receipt_number')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_deposit_receipt_reverses_id'))
    )
    with op.batch_alter_table('deposit_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposit_receipt_business_date'), ['business_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_deposit_receipt_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deposit_receipt_delivery_id'), ['delivery_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deposit_receipt_route_id'), ['route_id'], unique=False)

    op.create_table('stock_doc',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('route_id', sa.Integer(), nullable=True),
    sa.Column('delivery_id', sa.Integer(), nullable=True),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('request_key', sa.String(length=64), nullable=True),
    sa.Column('request_hash', sa.String(length=64), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('opening', 'load', 'delivery', 'delivery_undone', 'return', 'to_plant', 'purchase', 'to_station', 'from_station', 'transfer', 'scrap', 'correction')", name=op.f('ck_stock_doc_kind')),
    sa.ForeignKeyConstraint(['corrects_id'], ['stock_doc.id'], name=op.f('fk_stock_doc_corrects_id_stock_doc')),
    sa.ForeignKeyConstraint(['delivery_id'], ['delivery.id'], name=op.f('fk_stock_doc_delivery_id_delivery')),
    sa.ForeignKeyConstraint(['route_id'], ['route.id'], name=op.f('fk_stock_doc_route_id_route')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_doc')),
    sa.UniqueConstraint('request_key', name=op.f('uq_stock_doc_request_key'))
    )
    with op.batch_alter_table('stock_doc', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_doc_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_doc_delivery_id'), ['delivery_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_doc_route_id'), ['route_id'], unique=False)

    op.create_table('cylinder_scan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('cylinder_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('full', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_cylinder_scan_customer_id_customer')),
    sa.ForeignKeyConstraint(['cylinder_id'], ['cylinder.id'], name=op.f('fk_cylinder_scan_cylinder_id_cylinder')),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_doc.id'], name=op.f('fk_cylinder_scan_doc_id_stock_doc')),
    sa.ForeignKeyConstraint(['location_id'], ['stock_location.id'], name=op.f('fk_cylinder_scan_location_id_stock_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cylinder_scan')),
    sa.UniqueConstraint('doc_id', 'cylinder_id', name=op.f('uq_cylinder_scan_doc_id_cylinder_id'))
    )
    with op.batch_alter_table('cylinder_scan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cylinder_scan_cylinder_id'), ['cylinder_id'], unique=False)

    op.create_table('deposit_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('unit_deposit', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_deposit_line_customer_id_customer')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_deposit_line_product_id_product')),
    sa.ForeignKeyConstraint(['receipt_id'], ['deposit_receipt.id'], name=op.f('fk_deposit_line_receipt_id_deposit_receipt')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposit_line'))
    )
    with op.batch_alter_table('deposit_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deposit_line_receipt_id'), ['receipt_id'], unique=False)

    op.create_table('stock_move',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('full', sa.Integer(), nullable=False),
    sa.Column('empty', sa.Integer(), nullable=False),
    sa.Column('cost_per_kg', sa.BigInteger(), nullable=True),
    sa.Column('cost', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_stock_move_customer_id_customer')),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_doc.id'], name=op.f('fk_stock_move_doc_id_stock_doc')),
    sa.ForeignKeyConstraint(['location_id'], ['stock_location.id'], name=op.f('fk_stock_move_location_id_stock_location')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_stock_move_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_move'))
    )
    with op.batch_alter_table('stock_move', schema=None) as batch_op:
        batch_op.create_index('ix_stock_move_customer_id_product_id', ['customer_id', 'product_id'], unique=False)
        batch_op.create_index('ix_stock_move_day_location_id_product_id', ['day', 'location_id', 'product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_move_doc_id'), ['doc_id'], unique=False)

    # Plain ALTER TABLE ... ADD COLUMN (SQLite too): no existing table is rebuilt (the
    # ledger keeps its append-only triggers).
    conn = op.get_bind()
    op.add_column('customer', sa.Column('next_inspection', sa.Date(), nullable=True))
    op.add_column('customer', sa.Column('gas_stop', sa.Text(), server_default='', nullable=False))
    for name in ('on_deposit', 'without_deposit'):
        op.add_column('cylinder_balance', sa.Column(name, sa.Integer(), server_default='0',
                                                    nullable=False))
    if conn.dialect.name == "sqlite":
        op.execute("ALTER TABLE ledger_entry ADD COLUMN deposit_receipt_id INTEGER CONSTRAINT "
                   "fk_ledger_entry_deposit_receipt_id_deposit_receipt "
                   "REFERENCES deposit_receipt (id)")
        _sqlite_ledger_kinds(conn, LEDGER_KINDS_BEFORE, LEDGER_KINDS)
    else:
        op.add_column('ledger_entry', sa.Column('deposit_receipt_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_ledger_entry_deposit_receipt_id_deposit_receipt'),
                              'ledger_entry', 'deposit_receipt', ['deposit_receipt_id'], ['id'])
        op.drop_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry", type_="check")
        op.create_check_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry",
                                   _condition("kind", LEDGER_KINDS))
    _append_only(conn, APPEND_ONLY)
    _opening(conn)



def downgrade() -> None:
    conn = op.get_bind()
    _append_only(conn, APPEND_ONLY, drop=True)
    if conn.dialect.name == "sqlite":
        _sqlite_ledger_kinds(conn, LEDGER_KINDS, LEDGER_KINDS_BEFORE)
        op.execute("ALTER TABLE ledger_entry DROP COLUMN deposit_receipt_id")
    else:
        op.drop_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry", type_="check")
        op.create_check_constraint(op.f("ck_ledger_entry_kind"), "ledger_entry",
                                   _condition("kind", LEDGER_KINDS_BEFORE))
        op.drop_constraint(op.f('fk_ledger_entry_deposit_receipt_id_deposit_receipt'),
                           'ledger_entry', type_='foreignkey')
        op.drop_column('ledger_entry', 'deposit_receipt_id')
    for table, name in (('cylinder_balance', 'without_deposit'), ('cylinder_balance', 'on_deposit'),
                        ('customer', 'gas_stop'), ('customer', 'next_inspection')):
        op.drop_column(table, name)

    with op.batch_alter_table('stock_move', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_move_doc_id'))
        batch_op.drop_index('ix_stock_move_day_location_id_product_id')
        batch_op.drop_index('ix_stock_move_customer_id_product_id')

    op.drop_table('stock_move')
    with op.batch_alter_table('deposit_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposit_line_receipt_id'))

    op.drop_table('deposit_line')
    with op.batch_alter_table('cylinder_scan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cylinder_scan_cylinder_id'))

    op.drop_table('cylinder_scan')
    with op.batch_alter_table('stock_doc', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_doc_route_id'))
        batch_op.drop_index(batch_op.f('ix_stock_doc_delivery_id'))
        batch_op.drop_index(batch_op.f('ix_stock_doc_day'))

    op.drop_table('stock_doc')
    with op.batch_alter_table('deposit_receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deposit_receipt_route_id'))
        batch_op.drop_index(batch_op.f('ix_deposit_receipt_delivery_id'))
        batch_op.drop_index(batch_op.f('ix_deposit_receipt_customer_id'))
        batch_op.drop_index(batch_op.f('ix_deposit_receipt_business_date'))

    op.drop_table('deposit_receipt')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_customer_id'))

    op.drop_table('inspection')
    with op.batch_alter_table('cylinder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cylinder_retest_due'))
        batch_op.drop_index(batch_op.f('ix_cylinder_location_id'))
        batch_op.drop_index(batch_op.f('ix_cylinder_customer_id'))

    op.drop_table('cylinder')
    op.drop_table('stock_location')
    with op.batch_alter_table('deposit_exemption', schema=None) as batch_op:
        batch_op.drop_index('ix_deposit_exemption_customer_id_product_id')

    op.drop_table('deposit_exemption')
    op.drop_table('retest_rule')


def _opening(conn) -> None:
    """The fixed locations, the re-test rules, and an opening movement (and a deposit
    exemption) for what each customer holds today."""
    now = datetime.now(timezone.utc).replace(
        tzinfo=None if conn.dialect.name == "sqlite" else timezone.utc)
    setting = dict(conn.execute(sa.text(
        "SELECT key, value FROM setting WHERE key IN ('depot_lat', 'depot_lon')")).all())
    lat, lon = (float(setting[k]) if setting.get(k) else None for k in ("depot_lat", "depot_lon"))
    location = sa.table("stock_location", *(sa.column(c) for c in (
        "id", "kind", "name", "address", "lat", "lon", "vehicle_id", "depot_id", "active",
        "version")))
    row = dict(address="", lat=None, lon=None, vehicle_id=None, depot_id=None, active=True,
               version=1)
    conn.execute(location.insert(), [
        {**row, "kind": "customers", "name": "Customers"},
        {**row, "kind": "depot", "name": "Depot", "lat": lat, "lon": lon},
        {**row, "kind": "plant", "name": "Filling plant"},
        {**row, "kind": "station", "name": "Inspection station"}])
    depot = conn.execute(sa.text("SELECT id FROM stock_location WHERE kind = 'depot'")).scalar()
    customers = conn.execute(sa.text(
        "SELECT id FROM stock_location WHERE kind = 'customers'")).scalar()
    trucks = [{**row, "kind": "truck", "name": plate, "vehicle_id": vid, "depot_id": depot}
              for vid, plate in conn.execute(sa.text("SELECT id, plate FROM vehicle ORDER BY id"))]
    if trucks:
        conn.execute(location.insert(), trucks)
    rule = sa.table("retest_rule", *(sa.column(c) for c in (
        "material", "min_kg", "from_age", "interval_years", "life_years")))
    conn.execute(rule.insert(), [dict(zip(("material", "min_kg", "from_age", "interval_years",
                                           "life_years"), r)) for r in RETEST_RULES])
    held = conn.execute(sa.text(
        "SELECT b.customer_id, b.product_id, b.held FROM cylinder_balance b "
        "JOIN product p ON p.id = b.product_id WHERE p.unit = 'cylinder' AND b.held <> 0 "
        "ORDER BY b.customer_id, b.product_id")).all()
    if not held:
        return
    today = date.today()
    doc = conn.execute(sa.text(
        "INSERT INTO stock_doc (kind, day, reason, created_by, at) VALUES ('opening', :day, "
        ":reason, 'upgrade', :at) RETURNING id"),
        {"day": today, "at": now,
         "reason": "What customers held when cylinder stock began"}).scalar()
    conn.execute(sa.table("stock_move", *(sa.column(c) for c in (
        "doc_id", "day", "location_id", "customer_id", "product_id", "full", "empty"))).insert(),
        [dict(doc_id=doc, day=today, location_id=customers, customer_id=c, product_id=p,
              full=n, empty=0) for c, p, n in held])
    exempt = [(c, p, n) for c, p, n in held if n > 0]
    if exempt:
        conn.execute(sa.table("deposit_exemption", *(sa.column(c) for c in (
            "customer_id", "product_id", "count", "reason", "created_by", "at"))).insert(),
            [dict(customer_id=c, product_id=p, count=n, created_by="upgrade", at=now,
                  reason="Held before deposits were recorded") for c, p, n in exempt])
        conn.execute(sa.text("UPDATE cylinder_balance SET without_deposit = held WHERE held > 0"))


def _condition(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _sqlite_ledger_kinds(conn, before: tuple[str, ...], after: tuple[str, ...]) -> None:
    """The ledger's CHECK on its kinds, widened in place (revision 0010's way: every
    existing row holds one of the old kinds, so it holds one of the new)."""
    old = f"CONSTRAINT ck_ledger_entry_kind CHECK ({_condition('kind', before)})"
    new = f"CONSTRAINT ck_ledger_entry_kind CHECK ({_condition('kind', after)})"
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'ledger_entry'").scalar()
    if old not in sql:
        raise RuntimeError("ledger_entry's CHECK on its kinds is not the one revision 0010 made")
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
    """Stock movements, deposits and scans are only ever added to: the database refuses
    to change or delete a row."""
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
