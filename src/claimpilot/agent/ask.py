"""`claimpilot ask` answers from the policy notes only; a question about the seller's own claims,
cases, shipments or buyers ("索赔12被拒了怎么办", "which claims expire this week?") gets the policy
answer and one line pointing to `claimpilot chat`, which can look them up."""

from __future__ import annotations

from typing import Any

from claimpilot.agent.router.render import render
from claimpilot.agent.understanding import understand
from claimpilot.agent.understanding.language import answer_language

OWN_IDS = ("claim_id", "case_id", "order_id", "shipment_id", "tracking_number", "fnsku")


def about_own_records(question: str) -> bool:
    """Whether ``question`` asks about the seller's own records rather than Amazon's rules."""
    u = understand(question)
    return u.tool not in ("search_policy", "_help", "_decline") or any(k in u.slots.get("ids", {}) for k in OWN_IDS)


def with_chat_pointer(question: str, result: dict[str, Any]) -> dict[str, Any]:
    """``result`` (a policy answer), with the pointer to `claimpilot chat` when the question is
    about the seller's own records."""
    if not about_own_records(question):
        return result
    pointer = render("_chat_pointer", answer_language(question))
    return {**result, "answer": f"{result['answer'].rstrip()}\n\n{pointer}"}
