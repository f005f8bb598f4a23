"""claims listing index (seller, marketplace, window closes, id) for the server's paged list

Revision ID: 0003_claims_listing
Revises: 0002_accounts
Create Date: 2026-11-27 21:20:00
"""

from __future__ import annotations

from alembic import op

revision = '0003_claims_listing'
down_revision = '0002_accounts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_listing', ['seller_id', 'marketplace', 'window_closes', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_listing')
