"""The offline language-understanding layer: intent plus slots plus thread state.

    u = understand("本周到期的仓丢索赔", today=date(2026, 11, 4), subject={})
    u.tool, u.args, u.lang   # list_claims, {type, status, closes_from, closes_by}, zh

One module per resolver: ``normalize`` (typos), ``language``, ``ids``, ``claim_types``,
``statuses``, ``dates``, ``amounts``, ``places``, ``denials``, ``reports``; ``intent`` picks the
tool; ``plan`` turns the slots into that tool's arguments; ``thread`` keeps the subject.
"""

from claimpilot.agent.understanding.plan import Understanding, understand

__all__ = ["Understanding", "understand"]
