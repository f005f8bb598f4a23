"""search_policy: Amazon's rules from the policy knowledge base: the sentences that answer, with sources."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, settings_of


@tool(response_format="content_and_artifact")
def search_policy(query: str, runtime: ToolRuntime, marketplace: str | None = None) -> tuple[str, dict]:
    """Answer a question about Amazon's rules (claim windows, evidence, fees, reimbursement rules, where to file) from the policy notes: ``answer`` holds the sentences that state the asked fact, ``sources`` their titles, effective dates and Seller Central help pages, ``covered`` is false when the notes do not cover the question (then say so; do not guess). ``marketplace`` (US, DE, UK, JP...) when the question names one."""

    def produce() -> dict:
        from claimpilot.knowledge.answer import policy_answer

        return policy_answer(query, settings=settings_of(runtime), marketplace=marketplace)

    return answer("search_policy", produce)


TOOLS = [search_policy]
