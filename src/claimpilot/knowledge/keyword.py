"""A small BM25 keyword index: exact terms (codes such as "H" or "Lost_Inbound") that
embeddings blur. Chinese is indexed as overlapping character pairs."""

from __future__ import annotations

import math
import re
from collections import Counter

_RUN = re.compile(r"[a-z0-9_\-.]+|[\u4e00-\u9fff]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def tokens(text: str) -> list[str]:
    """Lowercased words and numbers; Chinese as overlapping character pairs."""
    out: list[str] = []
    for run in _RUN.findall(text.lower()):
        if _CJK.match(run):
            out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
        else:
            out.append(run.strip(".-"))
    return [t for t in out if t]


class KeywordIndex:
    """Okapi BM25 (k1=1.5, b=0.75) over a fixed list of documents."""

    def __init__(self, documents: list[str]) -> None:
        self.docs = [Counter(tokens(d)) for d in documents]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = (sum(self.lengths) / len(self.docs)) if self.docs else 1.0
        df = Counter(t for d in self.docs for t in d)
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

    def scores(self, query: str) -> list[float]:
        """One BM25 score per document, in document order."""
        q = tokens(query)
        out = []
        for d, length in zip(self.docs, self.lengths, strict=False):
            norm = 1.5 * (0.25 + 0.75 * length / self.avg)
            out.append(sum(self.idf.get(t, 0.0) * d[t] * 2.5 / (d[t] + norm) for t in q if t in d))
        return out

    def top(self, query: str, k: int) -> list[int]:
        """Indexes of the ``k`` best documents, best first."""
        s = self.scores(query)
        return sorted(range(len(s)), key=lambda i: -s[i])[:k]
