"""Conversations persist in the checkpointer and resume by thread id, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from agent_helpers import scripted

from claimpilot.agent.memory import checkpoint_path
from claimpilot.agent.service import Agent
from claimpilot.config import Settings


def _second_turn_sees_first(settings: Settings) -> None:
    thread = f"mem-{uuid.uuid4().hex[:8]}"
    with Agent(settings, model=scripted("noted"), tools=[]) as agent:
        agent.chat("my favourite FNSKU is X001MEMORY", thread)
    later = scripted("you said X001MEMORY")
    with Agent(settings, model=later, tools=[]) as agent:  # a new process-like open of the store
        result = agent.chat("what did I say?", thread)
        history = agent.history(thread)
    shown = [m.text for m in later.seen[-1]]
    assert "my favourite FNSKU is X001MEMORY" in shown and "noted" in shown
    assert result.answer == "you said X001MEMORY"
    assert [h["text"] for h in history] == ["my favourite FNSKU is X001MEMORY", "noted", "what did I say?",
                                            "you said X001MEMORY"]
    with Agent(settings, model=scripted("fresh"), tools=[]) as agent:
        assert agent.history("another-thread") == []


def test_memory_on_sqlite(settings):
    _second_turn_sees_first(settings)
    assert checkpoint_path(settings).is_file()


def test_offline_router_uses_the_earlier_claim_id(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    with Agent(settings) as agent:
        agent.chat(f"show claim {cid}", "t-follow")
        follow = agent.chat("draft the case for it", "t-follow")
    assert follow.tool_calls == [{"name": "draft_case", "args": {"claim_id": cid}}]


@pytest.mark.postgres
def test_memory_on_postgres(isolated_home):
    url = "postgresql://postgres@127.0.0.1:5432/test"
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL at 127.0.0.1:5432 db test is needed: {exc}", pytrace=False)
    settings = Settings(home=isolated_home, database_url="postgresql+psycopg://postgres@127.0.0.1:5432/test",
                        _env_file=None)
    _second_turn_sees_first(settings)
    assert not checkpoint_path(settings).exists()
