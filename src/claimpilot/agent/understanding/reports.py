"""Report kinds named in a fetch request (赔偿报告, 分类账, the ledger ...)."""

from __future__ import annotations

from claimpilot.agent.understanding.lexicon import find


def report_kinds(text: str) -> list[str]:
    return list(dict.fromkeys(h[0] for h in find("report_kinds", text)))
