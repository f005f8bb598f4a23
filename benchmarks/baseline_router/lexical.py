"""Word overlap with the example utterances: English words and Chinese character pairs, TF-IDF weighted."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

_WORD = re.compile(r"[a-z]+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def tokens(text: str) -> list[str]:
    low = text.lower()
    out = _WORD.findall(low)
    for run in _HAN_RUN.findall(low):
        out.extend(run[i:i + 2] for i in range(max(1, len(run) - 1)))
    return out


class LexicalIndex:
    """Cosine of TF-IDF token vectors between an utterance and each example."""

    def __init__(self, texts: list[str]):
        docs = [Counter(tokens(t)) for t in texts]
        df = Counter(tok for d in docs for tok in d)
        self.vocab = {tok: i for i, tok in enumerate(sorted(df))}
        self.idf = np.array([math.log((1 + len(docs)) / (1 + df[t])) + 1 for t in sorted(df)], dtype=np.float32)
        self.matrix = np.stack([self._vector(d) for d in docs])

    def _vector(self, counts: Counter) -> np.ndarray:
        v = np.zeros(len(self.vocab), dtype=np.float32)
        for tok, n in counts.items():
            if tok in self.vocab:
                v[self.vocab[tok]] = n * self.idf[self.vocab[tok]]
        norm = np.linalg.norm(v)
        return v / norm if norm else v

    def similarities(self, text: str) -> np.ndarray:
        return self.matrix @ self._vector(Counter(tokens(text)))
