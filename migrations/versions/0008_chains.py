"""tamper-evident ledger and audit: an HMAC on each row, chained, and the chains' heads

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD COLUMN, not batch mode: a batch rebuild of the SQLite table
    # would drop the ledger's append-only triggers.  Rows written before have no HMAC: their
    # chains start after them (core.chain).
    op.execute("ALTER TABLE ledger_entry ADD COLUMN hmac VARCHAR(64)")
    op.execute("ALTER TABLE audit_log ADD COLUMN hmac VARCHAR(64)")
    op.create_table('chain_head',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=True),
    sa.Column('last_hmac', sa.String(length=64), nullable=True),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('hmac', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_chain_head'))
    )


def downgrade() -> None:
    op.drop_table('chain_head')
    op.execute("ALTER TABLE audit_log DROP COLUMN hmac")
    op.execute("ALTER TABLE ledger_entry DROP COLUMN hmac")
