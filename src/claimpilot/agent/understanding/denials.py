"""Why Amazon said no, from the seller's words ("说货已经找到了", "they want an invoice")."""

from __future__ import annotations

from claimpilot.agent.understanding.lexicon import find
from claimpilot.vocabulary import DenialReason


def denial_reason(text: str) -> DenialReason | None:
    hits = find("denial_reasons", text)
    if not hits:
        return None
    return DenialReason(max(hits, key=lambda h: h[2] - h[1])[0])
