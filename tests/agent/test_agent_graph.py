"""The real graph, driven by a scripted chat model, runs the real tool faces over the case service."""

from __future__ import annotations

from agent_helpers import call, scripted
from langchain.tools import tool

from claimpilot.agent.service import Agent


def test_scripted_tool_calls_run_real_faces_and_end_in_the_answer(seeded):
    settings, claims = seeded
    first = claims[0]["id"]
    model = scripted(call("list_claims", {"status": "claimable"}), call("get_claim", {"claim_id": first}, "call_2"),
                     "Two claimable claims; the first is 3 units.")
    with Agent(settings, model=model) as agent:
        result = agent.chat("which claims can I file?", "t-graph")
    assert result.answer == "Two claimable claims; the first is 3 units."
    assert result.tool_calls == [{"name": "list_claims", "args": {"status": "claimable"}},
                                 {"name": "get_claim", "args": {"claim_id": first}}]
    # The model saw the real tool output, wrapped as data.
    tool_texts = [m.content for m in model.seen[-1] if m.type == "tool"]
    assert '"count": 2' in tool_texts[0] and tool_texts[0].startswith('<tool_output tool="list_claims">')
    assert '"fnsku": "X001AAAAAA"' in tool_texts[1]


def test_tool_defined_in_test_runs_through_the_graph(settings):
    seen = []

    @tool
    def track_shipment(tracking_number: str) -> str:
        """Where a parcel is."""
        seen.append(tracking_number)
        return "in transit"

    model = scripted(call("track_shipment", {"tracking_number": "1Z999AA10123456784"}), "It is in transit.")
    with Agent(settings, model=model, tools=[track_shipment]) as agent:
        result = agent.chat("where is 1Z999AA10123456784", "t-ship")
    assert seen == ["1Z999AA10123456784"]
    assert result.answer == "It is in transit." and result.tool_calls[0]["name"] == "track_shipment"


def test_domain_error_reaches_the_model_as_data(settings):
    model = scripted(call("get_claim", {"claim_id": 999}), "No such claim.")
    with Agent(settings, model=model) as agent:
        result = agent.chat("show claim 999", "t-err")
    tool_text = [m.content for m in model.seen[-1] if m.type == "tool"][0]
    assert '"error"' in tool_text and "999" in tool_text
    assert result.answer == "No such claim."


def test_registry_names_every_tool_and_gates_only_writes():
    from claimpilot.agent.tools import approval_required, load_tools

    tools = load_tools()
    names = {t.name for t in tools}
    assert {"fetch_reports", "run_audit", "claims_summary", "list_claims", "get_claim", "draft_case",
            "draft_appeal", "search_policy", "mark_case_submitted"} <= names
    assert set(approval_required(tools)) == {"mark_case_submitted", "record_denial"}
