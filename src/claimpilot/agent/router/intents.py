"""Which tool an utterance asks for: nearest example utterances in a multilingual embedding space.

Each intent's score blends its nearest examples (mean of the top ``K`` cosines)
with its centroid, plus a little word overlap with its examples; the best intent wins
when it clears ``THRESHOLD`` and leads the runner-up, otherwise the utterance is not understood.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from claimpilot import yamlfile
from claimpilot.agent.router.lexical import LexicalIndex

K = 3
CENTROID_WEIGHT = 0.3
LEXICAL_WEIGHT = 0.05
THRESHOLD = 0.82
EXAMPLES = "examples.yaml"
VECTORS = "examples.vectors.npz"  # the examples' embeddings, saved beside them; rebuilt when stale


@dataclass(frozen=True)
class Intent:
    name: str  # a tool name, or "_help" / "_cannot"
    score: float
    runner_up: str
    margin: float


def load_examples(text: str | None = None) -> dict[str, list[str]]:
    """The example utterances per intent, both languages together."""
    data = yamlfile.safe_load(text if text is not None else _examples_text())
    return {name: [*langs.get("en", []), *langs.get("zh", [])] for name, langs in data.items()}


def _examples_text() -> str:
    return (resources.files("claimpilot.agent.router") / EXAMPLES).read_text(encoding="utf-8")


def _model():
    from claimpilot.knowledge.embeddings import load_model  # one model in the process, shared with policy search

    return load_model()


def embed(texts: list[str]) -> np.ndarray:
    """e5 query embeddings ("query: " prefix), L2-normalised rows."""
    return np.atleast_2d(_model().query(list(texts))).astype(np.float32)


class IntentIndex:
    """Example embeddings grouped by intent."""

    def __init__(self, examples: dict[str, list[str]], vectors: np.ndarray | None = None):
        self.names = sorted(examples)
        texts = [t for n in self.names for t in examples[n]]
        self.labels = np.array([n for n in self.names for _ in examples[n]])
        self.vectors = vectors if vectors is not None and len(vectors) == len(texts) else embed(texts)
        self.lexical = LexicalIndex(texts)
        cents = np.stack([self.vectors[self.labels == n].mean(axis=0) for n in self.names])
        self.centroids = cents / np.linalg.norm(cents, axis=1, keepdims=True)

    def scores(self, vector: np.ndarray, text: str = "") -> dict[str, float]:
        sims = self.vectors @ vector
        cent = self.centroids @ vector
        lex = self.lexical.similarities(text)
        out = {}
        for i, name in enumerate(self.names):
            mine = self.labels == name
            top = np.sort(sims[mine])[-K:]
            dense = (1 - CENTROID_WEIGHT) * top.mean() + CENTROID_WEIGHT * cent[i]
            out[name] = float(dense + LEXICAL_WEIGHT * np.sort(lex[mine])[-K:].mean())
        return out

    def score_texts(self, texts: list[str]) -> list[dict[str, float]]:
        return [self.scores(v, t) for v, t in zip(embed(texts), texts, strict=False)]


def pick(scores: dict[str, float], allowed: set[str] | None = None,
         bonus: dict[str, float] | None = None) -> Intent:
    """The best intent among those allowed (non-tool intents always are), after any bonus."""
    bonus = bonus or {}
    ranked = sorted(((s + bonus.get(n, 0.0), n) for n, s in scores.items()
                     if allowed is None or n in allowed or n.startswith("_")), reverse=True)
    (best, name), (second, other) = ranked[0], ranked[1]
    return Intent(name, best, other, best - second)


@lru_cache(maxsize=4)
def _index_for(digest: str, text: str) -> IntentIndex:
    from claimpilot.knowledge.embeddings import packaged_vectors

    return IntentIndex(load_examples(text), packaged_vectors("claimpilot.agent.router", VECTORS, digest))


def default_index() -> IntentIndex:
    """The packaged examples' index, built once per process."""
    text = _examples_text()
    from claimpilot.knowledge.embeddings import text_digest

    return _index_for(text_digest(text), text)


if __name__ == "__main__":  # python -m claimpilot.agent.router.intents: save the examples' embeddings
    from pathlib import Path

    from claimpilot.knowledge.embeddings import save_vectors, text_digest

    source = _examples_text()
    index = IntentIndex(load_examples(source))
    target = Path(__file__).with_name(VECTORS)
    save_vectors(target, text_digest(source), index.vectors)
    print(f"{target}: {len(index.vectors)} example embeddings")
