"""seller home nodes: each seller's DuckDB warehouse lives on one worker node, whose queue its jobs go to

Revision ID: 0010_seller_nodes
Revises: 0009_run_leases
Create Date: 2026-12-05 12:00:00

Sellers that exist before get no node (""): they keep the installation's shared queue and home until
``claimpilot sellers move`` gives them one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_seller_nodes"
down_revision = "0009_run_leases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "worker_nodes",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("home", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_worker_nodes")),
    )
    with op.batch_alter_table("seller_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("node", sa.String(length=64), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_seller_accounts_node"), ["node"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("seller_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seller_accounts_node"))
        batch_op.drop_column("node")
    op.drop_table("worker_nodes")
