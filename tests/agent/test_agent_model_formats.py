"""A configured model reaches the same understanding through the resolvers as tools, over the tool-call
wire formats of OpenAI, DeepSeek and Qwen (parallel calls, JSON-string arguments, streamed deltas)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from agent_helpers import AS_OF, make_finding, seed
from openai_stub import FLAVORS, StubOpenAI

from claimpilot.agent.service import Agent


def _tool_results(messages: list[dict]) -> dict[str, dict]:
    out = {}
    for m in messages:
        if m["role"] == "tool":
            text = m["content"]
            name = text.split('tool="', 1)[1].split('"', 1)[0]
            out[name] = json.loads(text[text.index(">") + 1:text.rindex("<")])
    return out


def _script(messages: list[dict]) -> dict:
    """Resolve the words in parallel, list with what they resolved to, then answer with the count."""
    results = _tool_results(messages)
    if not results:
        return {"tool_calls": [("resolve_date_range", {"expression": "本周", "deadline": True}),
                               ("resolve_claim_words", {"text": "仓丢的索陪"})]}
    if "list_claims" not in results:
        window = results["resolve_date_range"]
        return {"tool_calls": [("list_claims", {**results["resolve_claim_words"]["filters"], "status": "claimable",
                                                "closes_from": window["start"], "closes_by": window["end"]})]}
    return {"content": f"本周到期的仓丢索赔有 {results['list_claims']['count']} 条。"}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_resolvers_as_tools_over_each_provider_format(settings, flavor):
    # AS_OF is 2026-11-01, a Sunday: the claims' windows close 50 days after it, one closes this week.
    soon = make_finding("LOST-SOON", "X001AAAAAA")
    soon.window_closes = AS_OF  # closes today
    seed(settings, [soon, make_finding("LOST-LATER", "X001BBBBBB"),
                    make_finding("DMG-SOON", "X001CCCCCC", type="warehouse_damaged")])
    with StubOpenAI(flavor, _script) as stub:
        llm = settings.llm.model_copy(update={"base_url": stub.url, "model": f"{flavor}-chat", "api_key": "sk-x"})
        with Agent(settings.model_copy(update={"llm": llm}), today=date(2026, 11, 1)) as agent:
            events = list(agent.stream("本周到期的仓丢索陪有哪些", f"t-{flavor}"))
    result = events[-1]["result"]
    names = [c["name"] for c in result.tool_calls]
    assert names == ["resolve_date_range", "resolve_claim_words", "list_claims"], names
    assert result.tool_calls[2]["args"] == {"type": "warehouse_lost", "status": "claimable",
                                            "closes_from": "2026-11-01", "closes_by": "2026-11-01"}
    assert result.answer == "本周到期的仓丢索赔有 1 条。"
    assert "".join(e["text"] for e in events if e["type"] == "token") == result.answer
    # The model was told today's date, and saw the resolvers among its tools.
    first = stub.requests[0]
    assert "2026-11-01" in first["messages"][0]["content"]
    assert {"resolve_case_id", "resolve_date_range", "resolve_claim_words"} <= {t["function"]["name"]
                                                                               for t in first["tools"]}
