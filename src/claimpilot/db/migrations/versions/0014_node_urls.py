"""node addresses: the web server of a home node records where the other web servers reach it

Revision ID: 0014_node_urls
Revises: 0013_invitations
Create Date: 2026-12-07 20:30:00

A node with no address ("", every node before this version) has no web server of its own: the pages that
read one of its sellers' warehouses are refused elsewhere, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_node_urls"
down_revision = "0013_invitations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("worker_nodes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("url", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("worker_nodes", schema=None) as batch_op:
        batch_op.drop_column("url")
