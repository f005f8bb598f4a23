"""The OpenAI-compatible path (ChatOpenAI from Settings.llm) against a local stub server, streaming."""

from __future__ import annotations

import json

import pytest
from openai_stub import StubOpenAI

from claimpilot.agent.model import make_chat_model
from claimpilot.agent.router.model import RouterChatModel
from claimpilot.agent.service import Agent, chat


@pytest.fixture
def stub():
    with StubOpenAI() as server:
        yield server


def _with_llm(settings, url):
    return settings.model_copy(update={"llm": settings.llm.model_copy(update={
        "base_url": url, "model": "stub-model", "api_key": "sk-test-secret-123"})})


def test_no_model_configured_means_the_offline_router(settings):
    assert isinstance(make_chat_model(settings), RouterChatModel)


def test_tool_call_and_streamed_answer_through_the_endpoint(seeded, stub):
    settings, _ = seeded
    settings = _with_llm(settings, stub.url)
    with Agent(settings) as agent:
        events = list(agent.stream("which claims can I file?", "t-openai"))
    tokens = [e["text"] for e in events if e["type"] == "token"]
    result = events[-1]["result"]
    assert result.tool_calls == [{"name": "list_claims", "args": {"status": "claimable"}}]
    assert result.answer == "You have 2 claimable claims right now."
    assert len(tokens) > 3 and "".join(tokens) == result.answer  # streamed word by word
    assert [e["name"] for e in events if e["type"] == "tool_call"] == ["list_claims"]
    # What the endpoint received: the system prompt, our tools, the tool output wrapped as data.
    first, second = stub.requests[0], stub.requests[1]
    assert first["model"] == "stub-model" and first["stream"] is True
    assert first["messages"][0]["role"] == "system" and "<tool_output>" in first["messages"][0]["content"]
    assert {t["function"]["name"] for t in first["tools"]} >= {"list_claims", "search_policy", "mark_case_submitted"}
    tool_msg = [m for m in second["messages"] if m["role"] == "tool"][0]
    assert tool_msg["content"].startswith('<tool_output tool="list_claims">')
    assert stub.auth[0] == "Bearer sk-test-secret-123"
    assert "sk-test-secret-123" not in json.dumps(result.to_dict())


def test_chat_entry_uses_configured_endpoint(seeded, stub):
    settings, _ = seeded
    result = chat("which claims can I file?", thread_id="t-entry", settings=_with_llm(settings, stub.url))
    assert result.answer.startswith("You have 2 claimable")
    assert result.to_json() == {"answer": result.answer, "tool_calls": result.tool_calls, "citations": []}


def test_events_serialise_to_json(seeded, stub):
    from claimpilot.agent.state import event_to_json

    settings, _ = seeded
    with Agent(_with_llm(settings, stub.url)) as agent:
        events = [event_to_json(e) for e in agent.stream("which claims can I file?", "t-json")]
    decoded = json.loads(json.dumps(events))
    assert decoded[-1]["type"] == "done" and decoded[-1]["result"]["thread_id"] == "t-json"
    assert decoded[-1]["result"]["pending_actions"] == []
