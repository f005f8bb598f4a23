"""The marketplace an utterance names (德国站, the UK store, japan): the most specific one wins."""

from __future__ import annotations

from claimpilot.agent.understanding.lexicon import find


def marketplace(text: str) -> str | None:
    hits = [h for h in find("marketplaces", text)]
    specific = [h for h in hits if h[0] != "EU"]
    chosen = specific or hits
    return chosen[0][0] if chosen else None
