"""Why Amazon said no, from the seller's words ("说货已经找到了", "they want an invoice") or from Amazon's reply
pasted in the line ("We have re-measured ASIN … the dimensions … are correct")."""

from __future__ import annotations

import re
from functools import cache

from claimpilot.agent.understanding.lexicon import as_read, find
from claimpilot.tools.cases.denials import patterns
from claimpilot.vocabulary import DenialReason


@cache
def _amazon_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The appeal's reader of Amazon's answers (``tools/cases/denial_reasons.yaml``, every reason, each marketplace's
    language), its words as the normalised text has them (Amazon's Japanese 受領 is read as 受领)."""
    return tuple((code, re.compile(as_read(p.pattern), re.I)) for code, p in patterns().items())


_NEGATED = re.compile(r"(?:[没未不无非]|\b(?:not|never|no|n't)\b)\W*\w{0,2}\W*$", re.I)  # "没说找到", "not found"


def _amazon_reason(text: str) -> DenialReason | None:
    for code, pattern in _amazon_patterns():
        if any(not _NEGATED.search(text[max(0, m.start() - 6):m.start()]) for m in pattern.finditer(text)):
            return DenialReason(code)
    return None


def denial_reason(text: str, denied: bool = False) -> DenialReason | None:
    """The reason the seller's words name (the longest); else, where the line tells a denial or pastes Amazon's
    reply (``denied``), the first reason Amazon's wording names that is not denied ("亚马逊也没说找到")."""
    hits = find("denial_reasons", text)
    if hits:
        return DenialReason(max(hits, key=lambda h: h[2] - h[1])[0])
    return _amazon_reason(text) if denied else None
