"""A thread remembers its subject: pronouns and follow-ups reach the last claim named, on a resumed
thread too; a denial said in words is recorded (after approval) and its appeal drafted in the same turn."""

from __future__ import annotations

from claimpilot.agent.answer_check import problems
from claimpilot.agent.service import Agent
from claimpilot.tools.cases.service import CaseService


def test_denial_in_words_is_recorded_then_the_appeal_answers_its_reason(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    CaseService(settings).mark_submitted(cid, "18344556677")
    with Agent(settings) as agent:
        agent.chat(f"索赔{cid}什么情况", "t-deny")
        paused = agent.chat("亚马逊拒了，说货已经找到了", "t-deny")
        assert [(p.name, p.args["claim_id"], p.args["reason_code"]) for p in paused.pending_actions] == [
            ("record_denial", cid, "unit_found")]
        assert CaseService(settings).get_claim(cid)["status"] == "submitted"  # nothing written yet
        assert "亚马逊称货已找到" in paused.answer and not problems(paused.answer, "zh")
        done = agent.chat("确认", "t-deny")
    assert [c["name"] for c in done.tool_calls] == ["record_denial", "draft_appeal"]
    detail = CaseService(settings).get_claim(cid)
    assert detail["status"] == "denied" and detail["denials"][-1]["reason_code"] == "unit_found"
    assert "申诉草稿" in done.answer and "亚马逊称货已找到" in done.answer
    assert not problems(done.answer, "zh"), done.answer


def test_the_subject_survives_a_resumed_thread_and_it_means_that_claim(seeded):
    settings, claims = seeded
    cid = claims[1]["id"]
    with Agent(settings) as agent:
        agent.chat(f"show claim {cid}", "t-resume")
    with Agent(settings) as agent:  # a new process-like open of the same conversation store
        drafted = agent.chat("draft the case for it", "t-resume")
        filed = agent.chat("I filed it, case 18438889999", "t-resume")
        assert [(p.name, p.args) for p in filed.pending_actions] == [
            ("mark_case_submitted", {"claim_id": cid, "case_id": "18438889999"})]
        agent.decide("t-resume", approve=True)
    assert drafted.tool_calls == [{"name": "draft_case", "args": {"claim_id": cid}}]
    detail = CaseService(settings).get_claim(cid)
    assert detail["status"] == "submitted" and detail["amazon_case_id"] == "18438889999"


def test_a_case_id_resolves_to_its_claim(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    CaseService(settings).mark_submitted(cid, "18344556677")
    with Agent(settings) as agent:
        shown = agent.chat("案例 1834 4556 677 现在啥状态", "t-case")
    assert shown.tool_calls == [{"name": "get_claim", "args": {"case_id": "18344556677"}}]
    assert f"索赔 {cid}" in shown.answer and "已提交" in shown.answer and not problems(shown.answer, "zh")


def test_a_number_given_after_which_claim_completes_the_request_asked_in_the_threads_language(seeded):
    """Amazon's no told of no claim asks which claim; "是12号" (or just the number) answers it: the denial is put up for
    approval with its reason, and the approval note is in Chinese although the reply has no Chinese words."""
    settings, claims = seeded
    cid = claims[0]["id"]
    CaseService(settings).mark_submitted(cid, "18344556677")
    with Agent(settings) as agent:
        asked = agent.chat("亚马逊回复了 说那几个货在仓库里又找到了 所以不赔", "t-which")
        assert asked.tool_calls == [] and "索赔编号" in asked.answer and not problems(asked.answer, "zh")
        given = agent.chat(f"{cid}", "t-which")
        assert [(p.name, p.args["claim_id"], p.args["reason_code"]) for p in given.pending_actions] == [
            ("record_denial", cid, "unit_found")]
        assert "批准" in given.answer or "确认" in given.answer, given.answer
        assert not problems(given.answer, "zh"), given.answer
        agent.decide("t-which", approve=False)
        moved_on = agent.chat("美国站被拒的有哪些", "t-which")  # a request of its own, not a claim number
    assert [c["name"] for c in moved_on.tool_calls] == ["list_claims"]


def test_a_case_id_given_after_which_case_records_the_filing(seeded):
    settings, claims = seeded
    cid = claims[1]["id"]
    with Agent(settings) as agent:
        asked = agent.chat(f"mark claim {cid} as submitted", "t-case-asked")
        assert asked.tool_calls == [] and "case id" in asked.answer
        given = agent.chat("18438889999", "t-case-asked")
    assert [(p.name, p.args) for p in given.pending_actions] == [
        ("mark_case_submitted", {"claim_id": cid, "case_id": "18438889999"})]


def test_claims_named_together_are_picked_by_their_place_on_a_resumed_thread(seeded):
    """"索赔 A和B … 先查A" keeps both in the thread; "上面说的第二个" is B, on a resumed thread too, and 它 is B after it."""
    settings, claims = seeded
    first, second = claims[0]["id"], claims[1]["id"]
    with Agent(settings) as agent:
        agent.chat(f"日本站有两个索赔 {first}和{second} 我都想看看 先查{first}", "t-pick")
    with Agent(settings) as agent:
        picked = agent.chat("上面说的第二个也查一下", "t-pick")
        drafted = agent.chat("给它写个case", "t-pick")
    assert picked.tool_calls == [{"name": "get_claim", "args": {"claim_id": second}}]
    assert f"索赔 {second}" in picked.answer and not problems(picked.answer, "zh")
    assert drafted.tool_calls == [{"name": "draft_case", "args": {"claim_id": second}}]


def test_a_draft_asked_again_in_other_words_is_the_same_draft_redone(seeded):
    """"make it shorter" after a case text, "客气一点" after a buyer reply: the thread's last draft, not a new request
    (never a shipment look-up because the words say "send")."""
    settings, claims = seeded
    cid = claims[0]["id"]
    with Agent(settings) as agent:
        agent.chat(f"draft the case for claim {cid}", "t-redo")
        again = agent.chat("Make it shorter, and offer to send the missing units rather than a refund.", "t-redo")
        first = agent.chat("买家问：The item arrived broken, I want a refund. Order 112-7730519-4482016 怎么回他",
                           "t-redo-zh")
        redone = agent.chat("改短一点 语气再客气一点 给他补发一个新的", "t-redo-zh")
    assert [(c["name"], c["args"].get("claim_id")) for c in again.tool_calls] == [("draft_case", cid)]
    assert again.answer.startswith("The case text stays as it is")  # the case is evidence in Amazon's form: said so
    assert [(c["name"], c["args"].get("order_id")) for c in redone.tool_calls] == [
        ("draft_buyer_reply", "112-7730519-4482016")]
    before, after = first.answer, redone.answer
    offer = "send you a replacement instead of a refund"  # in the buyer's language, English
    assert offer in after and offer not in before
    assert "just reply to this message" in before and "just reply to this message" not in after  # shorter
    assert "112-7730519-4482016" in after and not problems(redone.answer, "zh"), redone.answer


def test_a_draft_asked_again_with_none_drafted_asks_which_draft(seeded):
    """"改短一点" as a conversation's first line: nothing was drafted, so no tool runs and the answer asks which draft
    to write, in the asker's language, instead of guessing a rule or a list."""
    settings, _ = seeded
    with Agent(settings) as agent:
        zh = agent.chat("改短一点", "t-nodraft-zh")
        en = agent.chat("make it shorter pls", "t-nodraft-en")
    assert zh.tool_calls == [] and en.tool_calls == []
    assert "还没有写好的草稿" in zh.answer and "订单号" in zh.answer and not problems(zh.answer, "zh")
    assert "no draft" in en.answer and "order id" in en.answer and not problems(en.answer, "en")


def test_a_claim_picked_by_its_place_in_the_list_just_shown(seeded):
    """"能提的有哪些" then "给第二个写个case": the second claim of the list as shown, not a claim numbered 2."""
    import re

    settings, claims = seeded
    with Agent(settings) as agent:
        listed = agent.chat("现在能提的索赔有哪些", "t-pick")
        shown = [int(n) for n in re.findall(r"索赔 (\d+)", listed.answer)]
        second = agent.chat("给第二个写个case", "t-pick")
        last = agent.chat("the last one too", "t-pick")
    assert sorted(shown) == sorted(c["id"] for c in claims) and len(shown) == 2
    assert [(c["name"], c["args"].get("claim_id")) for c in second.tool_calls] == [("draft_case", shown[1])]
    assert [(c["name"], c["args"].get("claim_id")) for c in last.tool_calls] == [("draft_case", shown[-1])]


def test_claim_work_asked_beside_something_outside_claimpilot_does_the_work_and_declines_the_rest(seeded):
    """"写个case 还有那个listing的标题顺便帮我改改": the case is drafted and the answer says, in the asker's language,
    that the listing edit is outside claimpilot; a plain request carries no such line."""
    settings, claims = seeded
    cid = claims[0]["id"]
    with Agent(settings) as agent:
        both = agent.chat(f"索赔{cid}的case帮我写一下 还有那个listing的标题顺便帮我改改", "t-part-zh")
        plain = agent.chat(f"索赔{cid}的case帮我写一下", "t-plain-zh")
        english = agent.chat(f"draft the case for claim {cid}, and also update my PPC campaign budget", "t-part-en")
    assert [(c["name"], c["args"]["claim_id"]) for c in both.tool_calls] == [("draft_case", cid)]
    assert "超出了 claimpilot 的范围" in both.answer and not problems(both.answer, "zh"), both.answer
    assert "超出了 claimpilot 的范围" not in plain.answer
    assert [c["name"] for c in english.tool_calls] == ["draft_case"]
    assert "outside what claimpilot does" in english.answer and not problems(english.answer, "en"), english.answer
