"""Status words of a claim list: 快过期 (the window closes soon), 已过期, 已提交/等回复, 被拒,
已到账/赔了, 可以索赔, 还不能提 ...; ``closing_soon`` is not a status but a deadline."""

from __future__ import annotations

from claimpilot.agent.understanding.lexicon import find

CLOSING_SOON = "closing_soon"


def status_word(text: str) -> str | None:
    """The status (or ``closing_soon``) the words ask for; the longest phrase wins."""
    hits = find("statuses", text)
    if not hits:
        return None
    return max(hits, key=lambda h: h[2] - h[1])[0]
