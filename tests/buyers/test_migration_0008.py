"""Migration 0008 on a store that already holds buyer messages: the old ``damaged_wrong`` intent split into
``damaged`` and ``wrong_item`` by the buyer's words (any language), on the message and on its reply; every
other row untouched; the new columns filled with their defaults; the follow-up task table created; and the
queue reads the migrated rows. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, inspect, text

from claimpilot.db.engine import dispose_all
from claimpilot.db.migrate import upgrade
from pg_schema import fresh_schema

BEFORE = "0007_seller_channels"
AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
# (body, intent stored at 0007, intent expected after 0008)
ROWS = [
    ("The glass carafe arrived shattered, the box was crushed.", "damaged_wrong", "damaged"),
    ("I received the wrong item, a teapot instead of the carafe.", "damaged_wrong", "wrong_item"),
    ("Die Karaffe ist kaputt angekommen.", "damaged_wrong", "damaged"),
    ("Falscher Artikel geliefert, statt der Karaffe kam eine Kanne.", "damaged_wrong", "wrong_item"),
    ("Le couvercle manque dans le colis.", "damaged_wrong", "wrong_item"),
    ("割れていました。", "damaged_wrong", "damaged"),
    ("发错货了，我买的是蓝色的", "damaged_wrong", "wrong_item"),
    ("Where is my order? It has not arrived.", "where_is_my_order", "where_is_my_order"),
    ("I would like to return it, it is too small.", "return_refund", "return_refund"),
]


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ops.sqlite'}"
        dispose_all()
        return
    with fresh_schema() as url:
        yield url


def _seed(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for n, (body, intent, _) in enumerate(ROWS, 1):
            conn.execute(text(
                "INSERT INTO buyer_messages (id, seller_id, source, source_key, rfc_message_id, order_id,"
                " relay_address, buyer_name, subject, body, attachments, language, language_confidence, intent,"
                " intent_confidence, suspicious, received_at, created_at)"
                " VALUES (:id, 'default', 'imap', :key, NULL, :oid, 'k7x2m9q4wz1@marketplace.amazon.com', '', '',"
                " :body, '[]', 'en', 0.9, :intent, 0.8, :sus, :at, :at)"),
                {"id": n, "key": f"imap:acct:INBOX:1:{n}", "oid": f"302-1234567-76543{n:02d}", "body": body,
                 "intent": intent, "sus": n == 2, "at": AT})
            if n % 3:  # some messages have a reply drafted, some not yet
                conn.execute(text(
                    "INSERT INTO buyer_replies (message_id, seller_id, order_id, language, intent, subject, body,"
                    " confidence, drafted_by, context, compliance_ok, compliance_issues, status, status_reason, auto,"
                    " to_address, attempts, last_error, decided_by, created_at, updated_at) VALUES (:id, 'default',"
                    " :oid, 'en', :intent, 'Re: your order', 'Hello', 0.7, 'template', '{}', :ok, '[]', 'queued', '',"
                    " :auto, 'k7x2m9q4wz1@marketplace.amazon.com', 0, '', '', :at, :at)"),
                    {"id": n, "oid": f"302-1234567-76543{n:02d}", "intent": intent, "ok": True, "auto": False,
                     "at": AT})
    engine.dispose()


def _rows(url: str, table: str, key: str) -> dict[int, str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = dict(conn.execute(text(f"SELECT {key}, intent FROM {table}")).all())
    engine.dispose()
    return found


def test_a_store_at_0007_with_damaged_wrong_rows_is_split_by_the_buyers_words(store_url, tmp_path):
    upgrade(store_url, BEFORE)
    _seed(store_url)
    upgrade(store_url)

    expected = {n: after for n, (_, _, after) in enumerate(ROWS, 1)}
    assert _rows(store_url, "buyer_messages", "id") == expected
    assert _rows(store_url, "buyer_replies", "message_id") == {n: i for n, i in expected.items() if n % 3}

    engine = create_engine(store_url)
    with engine.connect() as conn:
        cols = {c["name"] for c in inspect(conn).get_columns("buyer_messages")}
        assert {"flags", "angry", "translation_zh"} <= cols
        assert {c["name"] for c in inspect(conn).get_columns("buyer_replies")} >= {"seller_text", "note_zh"}
        assert "buyer_tasks" in inspect(conn).get_table_names()
        flags, angry, translation, suspicious = conn.execute(text(
            "SELECT flags, angry, translation_zh, suspicious FROM buyer_messages WHERE id = 2")).one()
        assert (json.loads(flags), bool(angry), translation, bool(suspicious)) == ([], False, None, True)
        assert conn.execute(text("SELECT body FROM buyer_messages WHERE id = 1")).scalar() == ROWS[0][0]
    engine.dispose()

    from claimpilot.config import Settings
    from claimpilot.tools.buyers.queue import get_message, list_messages

    settings = Settings(home=tmp_path / "home", database_url=store_url, _env_file=None)
    listed = {r["id"]: r for r in list_messages(settings, limit=20)}
    assert listed[2]["intent"] == "wrong_item" and listed[2]["intent_zh"] == "发错货或缺件"
    assert listed[1]["intent"] == "damaged" and listed[1]["flags"] == [] and listed[1]["angry"] is False
    shown = get_message(settings, 1)
    assert shown["reply"]["note_zh"] == "" and shown["reply"]["seller_text"] is None
    assert "商品损坏" in shown["summary_zh"]
    dispose_all()


def test_downgrade_back_to_0007_restores_the_old_intent(store_url):
    upgrade(store_url, BEFORE)
    _seed(store_url)
    upgrade(store_url)
    from alembic import command

    from claimpilot.db.migrate import alembic_config

    engine = create_engine(store_url)
    with engine.begin() as conn:
        cfg = alembic_config(store_url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, BEFORE)
    engine.dispose()
    assert _rows(store_url, "buyer_messages", "id") == {n: before for n, (_, before, _) in enumerate(ROWS, 1)}
