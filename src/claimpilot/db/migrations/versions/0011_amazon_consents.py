"""amazon consents: Amazon authorizations started from the settings page, by their state value's hash

Revision ID: 0011_amazon_consents
Revises: 0010_seller_nodes
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_amazon_consents"
down_revision = "0010_seller_nodes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "amazon_consents",
        sa.Column("state_sha256", sa.String(length=64), nullable=False),
        sa.Column("seller_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("redirect_uri", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["seller_id"], ["seller_accounts.id"],
                                name=op.f("fk_amazon_consents_seller_id_seller_accounts"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_amazon_consents_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("state_sha256", name=op.f("pk_amazon_consents")),
    )
    with op.batch_alter_table("amazon_consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amazon_consents_seller_id"), ["seller_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_amazon_consents_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_amazon_consents_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_table("amazon_consents")
