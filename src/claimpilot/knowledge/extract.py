"""The offline answer's sentences: those across the top passages that answer the question.

A sentence scores its cosine similarity to the question, plus ``FACT_BONUS``
for each kind of fact the question asks for that it carries (a date for "when
did ...", a number of days for "how long" / "多少天", ...; see
``fact_kinds.yaml``), less ``RANK_STEP`` per place its passage ranks below the
first (a near-tie goes to the better passage) and ``MARKETPLACE_PENALTY`` when
its passage does not hold for the seller's marketplace. Only passages that retrieval ranks within
``PASSAGE_MARGIN`` of the best one are read: a sentence of an off-topic passage that happens to share
the question's words (an older window, another claim type) never outranks the asked topic. The best
sentence is quoted, with the next best if nearly as good, each with the passage it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from claimpilot.knowledge.embeddings import embed_passages, embed_queries
from claimpilot.knowledge.passage import Passage

FACT_BONUS = 0.05
RANK_STEP = 0.01
MARKETPLACE_PENALTY = 0.1
_EU = {"UK", "DE", "FR", "IT", "ES"}
MARGIN = 0.03
PASSAGE_MARGIN = 0.015
LIMIT = 2
_SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[.!?;])\s+(?=[A-Z0-9(\"'])")
_vectors: dict[str, np.ndarray] = {}
_CACHE_LIMIT = 4096


@dataclass(frozen=True)
class Quote:
    """One sentence picked for the answer, with the passage it came from."""

    passage: Passage
    sentence: str
    position: int  # the sentence's place in its passage
    score: float


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage (Chinese or English punctuation), blank ones dropped."""
    flat = re.sub(r"\s*\n\s*", " ", text)
    return [s.strip(" -") for s in _SENTENCE_END.split(flat) if s and s.strip(" -")]


@lru_cache(maxsize=1)
def fact_kinds() -> dict[str, tuple[list[re.Pattern], list[re.Pattern]]]:
    """``{kind: (patterns a question asks it with, patterns a sentence carries it with)}``."""
    data = yaml.safe_load((resources.files("claimpilot.knowledge") / "fact_kinds.yaml").read_text(encoding="utf-8"))
    return {kind: ([re.compile(p, re.IGNORECASE) for p in spec["asked"]],
                   [re.compile(p, re.IGNORECASE) for p in spec["carried"]])
            for kind, spec in data.items()}


def asked_kinds(question: str) -> set[str]:
    """The kinds of fact a question asks for ("date", "duration", "amount"); empty when none is clear."""
    return {kind for kind, (asked, _) in fact_kinds().items() if any(p.search(question) for p in asked)}


def carried(sentence: str, kinds: set[str]) -> int:
    """How many of ``kinds`` the sentence states a fact of."""
    return sum(any(p.search(sentence) for p in fact_kinds()[kind][1]) for kind in kinds)


def applies(passage: Passage, marketplace: str | None) -> bool:
    """Whether a passage holds for ``marketplace`` (ALL always; EU for the EU countries)."""
    if not marketplace:
        return True
    wanted = {marketplace.upper(), "ALL"} | ({"EU"} if marketplace.upper() in _EU else set())
    return bool(wanted & set(passage.marketplace.split(",")))


def _sentence_vectors(sentences: list[str]) -> np.ndarray:
    """e5 passage vectors of sentences, remembered for the process (the corpus repeats)."""
    from claimpilot.knowledge.sentence_vectors import digest, shipped_sentences

    shipped = shipped_sentences()
    for s in sentences:
        if s not in _vectors and digest(s) in shipped:
            _vectors[s] = shipped[digest(s)]
    missing = list(dict.fromkeys(s for s in sentences if s not in _vectors))
    if missing:
        if len(_vectors) + len(missing) > _CACHE_LIMIT:
            _vectors.clear()
        _vectors.update(zip(missing, embed_passages(missing), strict=False))
    return np.stack([_vectors[s] for s in sentences])


def pick_quotes(question: str, passages: list[Passage], marketplace: str | None = None,
                limit: int = LIMIT, margin: float = MARGIN) -> list[Quote]:
    """The sentences across ``passages`` (best first) that best answer ``question``, best first.

    Sentences of passages that do not hold for ``marketplace`` are quoted only when
    nothing closer to the question holds for it.
    """
    if not passages:
        return []
    best = max(p.score for p in passages)
    on_topic = [p for p in passages if p.score >= best - PASSAGE_MARGIN] or passages
    found = [(rank, p, i, s) for rank, p in enumerate(on_topic) for i, s in enumerate(split_sentences(p.text))]
    if not found:
        return []
    q = embed_queries([question])[0]
    similarity = _sentence_vectors([s for *_, s in found]) @ q
    kinds = asked_kinds(question)
    quotes = sorted(
        (Quote(p, s, i, float(sim) + FACT_BONUS * carried(s, kinds) - RANK_STEP * rank
               - (0.0 if applies(p, marketplace) else MARKETPLACE_PENALTY))
         for (rank, p, i, s), sim in zip(found, similarity, strict=False)),
        key=lambda quote: -quote.score)
    return [quote for quote in quotes[:limit] if quote.score >= quotes[0].score - margin]


def render_quotes(quotes: list[Quote], language: str) -> str:
    """The quotes grouped by passage (best passage first, sentences in text order), each cited."""
    sep = "" if language == "zh" else " "
    colon = "：" if language == "zh" else ": "
    lines = []
    for pid in dict.fromkeys(q.passage.id for q in quotes):
        mine = sorted((q for q in quotes if q.passage.id == pid), key=lambda q: q.position)
        body = sep.join(q.sentence for q in mine)
        lines.append(f"{mine[0].passage.title}{colon}{body} [{pid}]")
    return "\n".join(lines)
