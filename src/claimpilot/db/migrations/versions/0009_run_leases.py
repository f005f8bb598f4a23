"""run leases: a running run and its open attempt hold a lease their worker renews by heartbeat

Revision ID: 0009_run_leases
Revises: 0008_buyer_texts
Create Date: 2026-12-05 08:30:00

Attempts left open before the lease existed get none: the next dispatch round treats an open attempt
without a lease as lapsed once ``scheduler.lease_s`` has passed since it started.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_run_leases"
down_revision = "0008_buyer_texts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("job_runs", "job_attempts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("job_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_job_attempts_open", ["ended_at", "lease_until"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("job_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_job_attempts_open")
    for table in ("job_attempts", "job_runs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("lease_until")
