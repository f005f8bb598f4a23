"""A claim type told as a situation ("发了500个进仓 只签收了470", "amazon took back the money for units it
never found"), by meaning: the utterance's embedding against each type's situations
(``claim_situations.yaml``), in the multilingual model the policy search uses.

A type is read only when no word of the lexicon names one, the utterance is long enough to tell a
situation, and one type is clearly nearest: a high enough similarity and a lead over the next type.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np

from claimpilot import yamlfile

SITUATIONS = "claim_situations.yaml"
VECTORS = "claim_situations.vectors.npz"  # their embeddings, saved beside them; rebuilt when stale
# Near and ahead (nearest situations' mean cosine, lead over the next type or over claims asked for
# without a situation): e5 cosines of related sentences sit high, English ones a little lower.
CLEARLY = ((0.90, 0.005), (0.86, 0.015))
TOP = 2
NONE = "_none"  # claims asked for by status, date, amount or place only: a type must be nearer than these
MIN_HAN, MIN_WORDS = 9, 6  # shorter utterances name things rather than tell them


def _text() -> str:
    return (resources.files("claimpilot.agent.understanding") / SITUATIONS).read_text(encoding="utf-8")


def load_situations(text: str | None = None) -> dict[str, list[str]]:
    data = yamlfile.safe_load(text if text is not None else _text())
    return {name: [*langs.get("zh", []), *langs.get("en", [])] for name, langs in data.items()}


def _embed(texts: list[str]) -> np.ndarray:
    from claimpilot.agent.router.intents import embed

    return embed(texts)


@cache
def _index() -> tuple[list[str], np.ndarray, np.ndarray]:
    """(type names, each situation's type, the situations' embeddings)."""
    text = _text()
    situations = load_situations(text)
    names = sorted(situations)
    labels = np.array([n for n in names for _ in situations[n]])
    vectors = saved(text)
    if vectors is None or len(vectors) != len(labels):
        vectors = _embed([s for n in names for s in situations[n]])
    return names, labels, vectors


def saved(text: str) -> np.ndarray | None:
    """The packaged embeddings of the situations, if they were made from ``text``."""
    from claimpilot.knowledge.embeddings import packaged_vectors, text_digest

    return packaged_vectors("claimpilot.agent.understanding", VECTORS, text_digest(text))


def tells_a_situation(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han >= MIN_HAN or len([w for w in text.split() if w.isascii() and w.isalpha()]) >= MIN_WORDS


def scores(text: str) -> dict[str, float]:
    """Each type's nearness to ``text``: the mean cosine of its ``TOP`` nearest situations."""
    names, labels, vectors = _index()
    sims = vectors @ _embed([text])[0]
    return {n: float(np.sort(sims[labels == n])[-TOP:].mean()) for n in names}


def situation_type(text: str) -> str | None:
    """The claim type whose situation ``text`` tells, when one is clearly nearest; else None."""
    if not tells_a_situation(text):
        return None
    ranked = sorted(scores(text).items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if best != NONE and any(top >= near and top - second >= lead for near, lead in CLEARLY) else None


if __name__ == "__main__":  # python -m claimpilot.agent.understanding.situations: save the embeddings
    from pathlib import Path

    from claimpilot.knowledge.embeddings import save_vectors, text_digest

    source = _text()
    found = load_situations(source)
    vectors = _embed([s for n in sorted(found) for s in found[n]])
    target = Path(__file__).with_name(VECTORS)
    save_vectors(target, text_digest(source), vectors)
    print(f"{target}: {len(vectors)} situation embeddings")
