"""The buyer-intent classifier as it was before the intents were split (the benchmark's baseline).

A frozen copy of its algorithm and of its data files (``data/baseline_intent/``:
examples, their saved embeddings, keywords), so the benchmark compares today's
classifier with it in the same run. Its vocabulary is the old one: where_is_my_order,
return_refund, damaged_wrong, product_question, cancellation, address_change, other.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

DATA = Path(__file__).parent / "data" / "baseline_intent"
INTENTS = ("where_is_my_order", "return_refund", "damaged_wrong", "product_question", "cancellation",
           "address_change", "other")
K, KEYWORD_WEIGHT, KEYWORD_CAP, MIN_SCORE = 2, 0.025, 3, 0.80


@lru_cache(maxsize=1)
def _keywords() -> dict[str, list[str]]:
    data = yaml.safe_load((DATA / "intent_keywords.yaml").read_text("utf-8"))
    return {intent: [k.lower() for words in langs.values() for k in words] for intent, langs in data.items()}


def _hit(keyword: str, low: str) -> bool:
    if keyword.isascii() or re.search(r"[a-zà-ÿ]", keyword):
        return re.search(r"(?<!\w)" + re.escape(keyword), low) is not None
    return keyword in low


def _keyword_scores(text: str) -> dict[str, float]:
    low = (text or "").lower()
    return {intent: float(sum(_hit(k, low) for k in words)) for intent, words in _keywords().items()}


def _embed(texts: list[str]) -> np.ndarray:
    from claimpilot.knowledge.embeddings import embed_queries

    return embed_queries(texts)


@lru_cache(maxsize=1)
def _index() -> tuple[np.ndarray, np.ndarray]:
    source = (DATA / "intent_examples.yaml").read_text("utf-8")
    examples = yaml.safe_load(source)
    labels = np.array([i for i, texts in examples.items() for _ in texts])
    saved = np.load(DATA / "intent_examples.vectors.npz")
    if str(saved["digest"]) == hashlib.sha256(source.encode()).hexdigest():
        return labels, saved["vectors"]
    return labels, _embed([t for texts in examples.values() for t in texts])


def classify_many(texts: list[str]) -> list[str]:
    """The old classifier's intent for each text (examples' nearest neighbours plus keyword hits)."""
    labels, vectors = _index()
    out = []
    for text, vector in zip(texts, _embed([t[:2000] or "." for t in texts])):
        sims = vectors @ vector
        dense = {i: float(np.sort(sims[labels == i])[-K:].mean()) for i in INTENTS}
        kw = _keyword_scores(text)
        scores = {i: dense[i] + KEYWORD_WEIGHT * min(kw.get(i, 0.0), KEYWORD_CAP) for i in INTENTS}
        best = max(scores, key=lambda i: scores[i])
        out.append(best if scores[best] >= MIN_SCORE else "other")
    return out

