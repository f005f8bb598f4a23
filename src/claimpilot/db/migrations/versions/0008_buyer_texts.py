"""buyer texts: damaged and wrong items told apart, flags, tone, translations, follow-up tasks

Revision ID: 0008_buyer_texts
Revises: 0007_seller_channels
Create Date: 2026-12-05 09:00:00

``damaged_wrong``, the intent stored before damaged and wrong items were told apart, becomes
``wrong_item`` where the buyer's words say wrong, missing or different, else ``damaged``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Connection

revision = "0008_buyer_texts"
down_revision = "0007_seller_channels"
branch_labels = None
depends_on = None

WRONG = re.compile(r"wrong|missing|different|instead of|not what i ordered|falsch|fehlt|anderen|mauvais|manque|"
                   r"equivocad|falta|sbagliat|manca|違う|間違|足りない|发错|缺|不对|"
                   r"verkeerd|ontbreekt|zły|brak|fel |saknas", re.I)


def _split_old_intent(table: str, body_of: Callable[[Connection, int], str | None]) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, message_id FROM {table} WHERE intent = 'damaged_wrong'")
                        if table == "buyer_replies" else
                        sa.text("SELECT id, id FROM buyer_messages WHERE intent = 'damaged_wrong'")).all()
    for row_id, message_id in rows:
        body = body_of(bind, message_id)
        intent = "wrong_item" if WRONG.search(body or "") else "damaged"
        bind.execute(sa.text(f"UPDATE {table} SET intent = :i WHERE id = :id"), {"i": intent, "id": row_id})


def _body(bind: Connection, message_id: int) -> str | None:
    body = bind.execute(sa.text("SELECT body FROM buyer_messages WHERE id = :id"), {"id": message_id}).scalar()
    return None if body is None else str(body)


def upgrade() -> None:
    with op.batch_alter_table("buyer_messages") as t:
        t.add_column(sa.Column("flags", sa.Text(), nullable=False, server_default="[]"))
        t.add_column(sa.Column("angry", sa.Boolean(), nullable=False, server_default=sa.false()))
        t.add_column(sa.Column("translation_zh", sa.Text(), nullable=True))
    with op.batch_alter_table("buyer_replies") as t:
        t.add_column(sa.Column("seller_text", sa.Text(), nullable=True))
        t.add_column(sa.Column("note_zh", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "buyer_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_id", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=120), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["buyer_messages.id"],
                                name=op.f("fk_buyer_tasks_message_id_buyer_messages"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer_tasks")),
        sa.UniqueConstraint("message_id", "kind", name=op.f("uq_buyer_tasks_message_id_kind")),
    )
    op.create_index(op.f("ix_buyer_tasks_seller_id"), "buyer_tasks", ["seller_id"])
    op.create_index(op.f("ix_buyer_tasks_message_id"), "buyer_tasks", ["message_id"])
    op.create_index(op.f("ix_buyer_tasks_status"), "buyer_tasks", ["status"])
    _split_old_intent("buyer_replies", _body)
    _split_old_intent("buyer_messages", _body)


def downgrade() -> None:
    bind = op.get_bind()
    for table in ("buyer_messages", "buyer_replies"):
        bind.execute(sa.text(f"UPDATE {table} SET intent = 'damaged_wrong' WHERE intent IN ('damaged', 'wrong_item')"))
    op.drop_table("buyer_tasks")
    with op.batch_alter_table("buyer_replies") as t:
        t.drop_column("note_zh")
        t.drop_column("seller_text")
    with op.batch_alter_table("buyer_messages") as t:
        t.drop_column("translation_zh")
        t.drop_column("angry")
        t.drop_column("flags")
