"""Claim types from the seller's words (仓丢, 退款不退货, 尺寸量错, below cost ...), the second wave too."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from claimpilot.agent.understanding.lexicon import find, lexicon
from claimpilot.vocabulary import ClaimType

FUZZY_SCORE = 90  # an English phrase typed with a slip ("damged") still names its type


def claim_type(text: str) -> ClaimType | None:
    """The claim type ``text`` names, the most specific phrase winning; None when it names none."""
    hits = find("claim_types", text)
    if hits:
        longest = max(hits, key=lambda h: h[2] - h[1])
        return ClaimType(longest[0])
    words = [w for w in text.lower().split() if len(w) >= 5]
    choices = {w: v for v, ws in lexicon()["claim_types"].items() for w in ws if w.isascii() and " " not in w
               and len(w) >= 5}
    for word in words:
        best = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE)
        if best:
            return ClaimType(choices[best[0]])
    return None
