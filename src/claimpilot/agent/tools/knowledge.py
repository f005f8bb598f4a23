"""search_policy: Amazon's rules from the policy knowledge base, with sources."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, settings_of


@tool(response_format="content_and_artifact")
def search_policy(query: str, runtime: ToolRuntime, k: int = 4) -> tuple[str, dict]:
    """Search Amazon's policy (claim windows, evidence, fees, reimbursement rules, where to file) for passages with their source and effective date. Use for any question about Amazon's rules."""

    def produce() -> dict:
        from claimpilot.knowledge import search_policy as search

        passages = search(query, k=max(1, min(k, 8)), settings=settings_of(runtime))
        return {"query": query, "passages": [
            {"source": getattr(p, "citation_source", p.source), "title": p.title, "text": p.text,
             "effective": p.effective, "score": round(float(p.score), 3)} for p in passages]}

    return answer("search_policy", produce)


TOOLS = [search_policy]
