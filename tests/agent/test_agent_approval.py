"""A write waits for the person: nothing is written before approval, nothing at all after a rejection."""

from __future__ import annotations

from agent_helpers import call, scripted

from claimpilot.agent.service import Agent
from claimpilot.tools.cases.service import CaseService


def _status(settings, claim_id):
    return CaseService(settings).get_claim(claim_id)["status"]


def _submit_script(claim_id):
    return scripted(call("mark_case_submitted", {"claim_id": claim_id, "case_id": "1234567890"}), "Recorded.")


def test_write_interrupts_then_approval_writes(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    with Agent(settings, model=_submit_script(cid)) as agent:
        paused = agent.chat(f"claim {cid} was filed as case 1234567890", "t-approve")
        assert [p.name for p in paused.pending_actions] == ["mark_case_submitted"]
        assert paused.pending_actions[0].args == {"claim_id": cid, "case_id": "1234567890"}
        assert _status(settings, cid) == "claimable"  # nothing written yet
        done = agent.decide("t-approve", approve=True)
    assert done.answer == "Recorded." and not done.pending_actions
    detail = CaseService(settings).get_claim(cid)
    assert detail["status"] == "submitted" and detail["amazon_case_id"] == "1234567890"


def test_rejection_writes_nothing(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    model = scripted(call("mark_case_submitted", {"claim_id": cid, "case_id": "1234567890"}), "Left as it was.")
    with Agent(settings, model=model) as agent:
        agent.chat("mark it submitted", "t-reject")
        done = agent.chat("不", "t-reject")  # a plain no answers the pending action
    assert done.answer == "Left as it was."
    assert _status(settings, cid) == "claimable"
    tool_msgs = [m for m in model.seen[-1] if m.type == "tool"]
    assert tool_msgs and "rejected" in tool_msgs[-1].content.lower()


def test_offline_router_also_waits_for_approval(seeded):
    settings, claims = seeded
    cid = claims[1]["id"]
    with Agent(settings) as agent:
        paused = agent.chat(f"把索赔{cid}标记为已提交，案件号 9876543210", "t-router")
        assert paused.pending_actions and "批准" in paused.answer
        assert _status(settings, cid) == "claimable"
        done = agent.chat("确认", "t-router")
    assert "9876543210" in done.answer
    assert _status(settings, cid) == "submitted"


def test_denial_then_appeal_after_approval(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    CaseService(settings).mark_submitted(cid, "1112223334")
    model = scripted(call("record_denial", {"claim_id": cid, "reason": "No units were found missing."}),
                     call("draft_appeal", {"claim_id": cid}, "call_2"), "Here is the appeal.")
    with Agent(settings, model=model) as agent:
        paused = agent.chat(f"Amazon denied claim {cid}: no units were found missing. Appeal it.", "t-deny")
        assert [p.name for p in paused.pending_actions] == ["record_denial"]
        assert _status(settings, cid) == "submitted"
        done = agent.decide("t-deny", approve=True)
    assert [c["name"] for c in done.tool_calls] == ["record_denial", "draft_appeal"]
    appeal_text = [m.content for m in model.seen[-1] if m.type == "tool"][-1]
    assert f'"claim_id": {cid}' in appeal_text and '"text"' in appeal_text
    assert _status(settings, cid) == "denied"


def test_moving_on_declines_the_pending_write(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    with Agent(settings) as agent:
        agent.chat(f"claim {cid} was filed as case 1234567890", "t-move")
        other = agent.chat("claims summary", "t-move")
        assert not agent.pending("t-move")
    assert other.tool_calls == [{"name": "claims_summary", "args": {}}]
    assert _status(settings, cid) == "claimable"


def test_a_denial_naming_a_case_the_seller_does_not_have_asks_which_one_instead_of_asking_approval(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    service = CaseService(settings)
    service.mark_submitted(cid, "18354445555")
    with Agent(settings) as agent:
        typo = agent.chat("案例18354445556被拒了，说货已经找到了", "t-typo")
        wrong_number = agent.chat("claim 999 was denied, units were found", "t-999")
        right = agent.chat("案例18354445555被拒了，说货已经找到了", "t-right")
    assert typo.pending_actions == [] and typo.tool_calls == []
    assert "18354445556" in typo.answer and "18354445555" in typo.answer  # the one typed, and the one meant
    assert wrong_number.pending_actions == [] and "999" in wrong_number.answer
    assert [p.name for p in right.pending_actions] == ["record_denial"]
    assert _status(settings, cid) == "submitted"  # nothing written without a yes
