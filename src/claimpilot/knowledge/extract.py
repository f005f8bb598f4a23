"""The offline answer's sentences: those across the top passages that answer the question.

A sentence scores its cosine similarity to the question, plus ``FACT_BONUS``
for each kind of fact the question asks for that it carries (a date for "when
did ...", a number of days for "how long" / "多少天", ...; see
``fact_kinds.yaml``), less ``RANK_STEP`` per place its passage ranks below the
first (a near-tie goes to the better passage) and ``MARKETPLACE_PENALTY`` when
its passage does not hold for the seller's marketplace. The best sentence is quoted, with the next best if nearly
as good, each with the passage it came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from claimpilot.knowledge.embeddings import embed_passages, embed_queries
from claimpilot.knowledge.keyword import tokens
from claimpilot.knowledge.passage import Passage

FACT_BONUS = 0.05
RANK_STEP = 0.01
MARKETPLACE_PENALTY = 0.1
_EU = {"UK", "DE", "FR", "IT", "ES"}
MARGIN = 0.03
TOPIC_MARGIN = 0.04
TERM_WEIGHT = 0.05
TOPIC_TIE = 0.015
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

    The answer leads with the asked topic: the passage retrieval ranks first (or one within
    ``TOPIC_TIE`` of it) gives the first sentence unless another passage's sentence answers clearly
    better (``TOPIC_MARGIN``; the
    fact asked for may only be stated there). The sentences that follow, each within ``margin`` of the
    lead, come from those passages, or from another only when they have none that close. Sentences of
    passages that do not hold for ``marketplace`` are quoted only when nothing closer holds for it.
    """
    quotes = _scored(question, passages, marketplace)
    if not quotes:
        return []
    tied = {p.id for p in passages if p.score >= passages[0].score - TOPIC_TIE}
    topic = [q for q in quotes if q.passage.id in tied]
    lead = quotes[0]
    if topic and lead.score - topic[0].score <= TOPIC_MARGIN:
        lead = topic[0]
    near = [q for q in quotes if q is not lead and q.score >= lead.score - margin]
    on_topic = [q for q in near if q.passage.id in tied | {lead.passage.id}]
    return [lead, *(on_topic or near)][:limit]


def _scored(question: str, passages: list[Passage], marketplace: str | None) -> list[Quote]:
    """Every sentence of ``passages`` scored against ``question``, best first."""
    found = [(rank, p, i, s) for rank, p in enumerate(passages) for i, s in enumerate(split_sentences(p.text))]
    if not found:
        return []
    q = embed_queries([question])[0]
    similarity = _sentence_vectors([s for *_, s in found]) @ q
    kinds = asked_kinds(question)
    shared = _shared_terms(question, [s for *_, s in found])
    return sorted(
        (Quote(p, s, i, float(sim) + FACT_BONUS * carried(s, kinds) + TERM_WEIGHT * share - RANK_STEP * rank
               - (0.0 if applies(p, marketplace) else MARKETPLACE_PENALTY))
         for (rank, p, i, s), sim, share in zip(found, similarity, shared, strict=True)),
        key=lambda quote: -quote.score)


def _shared_terms(question: str, sentences: list[str]) -> list[float]:
    """Per sentence, the share of the question's terms it uses, each term weighted by how rare it is
    among ``sentences`` (Chinese as character pairs): the embedding blurs which sentence is about the
    asked thing ("制造成本" against "采购成本"), the words do not."""
    asked = set(tokens(question))
    held = [set(tokens(s)) for s in sentences]
    n = len(sentences)
    weight = {t: math.log(1 + n / (1 + sum(t in h for h in held))) for t in asked}
    total = sum(weight.values())
    return [sum(weight[t] for t in asked & h) / total if total else 0.0 for h in held]


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
