"""A policy question that names the seller's own order answers the rule and then that order's claims."""

from __future__ import annotations

from agent_helpers import make_finding, seed

from claimpilot.agent.answer_check import problems
from claimpilot.agent.service import Agent

ORDER = "113-4982716-5501234"


def test_policy_question_about_an_order_brings_its_claims(settings):
    seed(settings, [make_finding(ORDER, "X001AAAAAA", 2, type="customer_return_missing"),
                    make_finding("114-0000000-0000000", "X001BBBBBB", 1)])
    with Agent(settings) as agent:
        zh = agent.chat(f"订单{ORDER}退款了货没退回来，多少天可以索赔", "t-policy-order")
        none = agent.chat("order 112-7730491-2286105 was refunded but never returned, when can I claim?", "t-none")
    assert zh.tool_calls[0]["name"] == "search_policy" and zh.tool_calls[0]["args"]["order_id"] == ORDER
    rule, yours = zh.answer.split(f"你的订单 {ORDER}：")
    assert "60" in rule and "120" in rule, zh.answer  # the rule first
    assert "退款未退货" in yours and "US$25.00" in yours and "X001BBBBBB" not in zh.answer, zh.answer
    assert not problems(zh.answer, "zh"), problems(zh.answer, "zh")
    assert "Your order 112-7730491-2286105 has no claim yet." in none.answer and not problems(none.answer, "en")
