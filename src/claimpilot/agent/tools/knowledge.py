"""search_policy: Amazon's rules from the policy knowledge base: the sentences that answer, with sources."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, settings_of


@tool(response_format="content_and_artifact")
def search_policy(query: str, runtime: ToolRuntime, marketplace: str | None = None,
                  order_id: str | None = None) -> tuple[str, dict]:
    """Answer a question about Amazon's rules (claim windows, evidence, fees, reimbursement rules, where to file) from the policy notes: ``answer`` holds the sentences that state the asked fact, ``sources`` their titles, effective dates and Seller Central help pages, ``covered`` is false when the notes do not cover the question (then say so; do not guess). ``marketplace`` (US, DE, UK, JP...) when the question names one; ``order_id`` when it names the seller's own order: its claims (``yours``) come with the answer."""

    def produce() -> dict:
        from claimpilot.knowledge.answer import policy_answer

        out = policy_answer(query, settings=settings_of(runtime), marketplace=marketplace)
        if order_id:
            from claimpilot.tools.cases.claims_query import ClaimFilter
            from claimpilot.tools.cases.service import CaseService

            page = CaseService(settings_of(runtime)).claims_page(ClaimFilter.of(reference_id=order_id), limit=5)
            out["yours"] = {"order_id": order_id, "count": page.total, "claims": page.items}
        return out

    return answer("search_policy", produce)


TOOLS = [search_policy]
