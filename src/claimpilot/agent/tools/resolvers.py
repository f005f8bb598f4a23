"""The understanding layer's resolvers as tools, for a language model: the same meaning of case ids,
time expressions and claim words as the offline path. Read-only; the offline router needs none."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot import clock
from claimpilot.agent.tools._face import answer, settings_of


def _today(runtime: ToolRuntime):
    return getattr(runtime.context, "today", None) or clock.today()


@tool(response_format="content_and_artifact")
def resolve_case_id(case_id: str, runtime: ToolRuntime) -> tuple[str, dict]:
    """The claim filed under an Amazon case id (usually 11 digits, spaces allowed): its claim number."""

    def produce() -> dict:
        from claimpilot.tools.cases.service import CaseService

        digits = "".join(ch for ch in case_id if ch.isdigit())
        return {"case_id": digits, "claim_id": CaseService(settings_of(runtime)).claim_for_case(digits)}

    return answer("resolve_case_id", produce)


@tool(response_format="content_and_artifact")
def resolve_date_range(expression: str, runtime: ToolRuntime, deadline: bool = False) -> tuple[str, dict]:
    """A time expression in Chinese or English (今天, 本周, 下周, 7天内, 上个月, 月底, 12号, this week,
    next 10 days, since March) as a concrete range against today: ``start`` and ``end`` (YYYY-MM-DD,
    either may be null). ``deadline``: the expression says when claim windows close (looks ahead)."""

    def produce() -> dict:
        from claimpilot.agent.understanding.dates import find_dates

        today = _today(runtime)
        found = find_dates(expression, today, ahead=deadline)
        if not found:
            return {"expression": expression, "today": today.isoformat(), "start": None, "end": None}
        start, end = found[0].start, found[-1].end
        if deadline and start is not None and start < today:
            start = today
        return {"expression": expression, "today": today.isoformat(),
                "start": start.isoformat() if start else None, "end": end.isoformat() if end else None}

    return answer("resolve_date_range", produce)


@tool(response_format="content_and_artifact")
def resolve_claim_words(text: str, runtime: ToolRuntime) -> tuple[str, dict]:
    """The list_claims filters a seller's words mean (快过期, 仓丢, 被拒, 已到账, 100刀以上, 德国站,
    this week, FNSKU...), typos and all: pass them to list_claims as they are."""

    def produce() -> dict:
        from claimpilot.agent.understanding.filters import list_filters
        from claimpilot.agent.understanding.normalize import normalize
        from claimpilot.agent.understanding.plan import resolve

        today = _today(runtime)
        return {"text": text, "filters": list_filters(resolve(normalize(text), today), today)}

    return answer("resolve_claim_words", produce)


TOOLS = [resolve_case_id, resolve_date_range, resolve_claim_words]
