"""search_policy: the policy passages nearest in meaning to a question, in either language."""

from __future__ import annotations

import re
from dataclasses import replace

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.embeddings import embed_queries
from claimpilot.knowledge.keyword import KeywordIndex
from claimpilot.knowledge.passage import Passage
from claimpilot.knowledge.store import get_collection, marketplace_flag

KEYWORD_WEIGHT = 0.03
CODE_BONUS = 0.05
MIN_CANDIDATES = 12
_ASKED_CODE = re.compile(r"(?:code|代码|代號|代号)\s*[\"'“‘(（]?([A-Z0-9])(?![A-Za-z0-9])", re.IGNORECASE)


def _asked_codes(query: str) -> set[str]:
    """Ledger reason codes a question asks about ("reason code H", "代码 K")."""
    return {c.upper() for c in _ASKED_CODE.findall(query)}


def _lists_code(title: str, codes: set[str]) -> bool:
    return any(re.search(rf"(?<![A-Za-z0-9]){re.escape(c)}(?![A-Za-z0-9])", title) for c in codes)


def _where(language: str | None, marketplace: str | None) -> dict | None:
    clauses: list[dict] = []
    if language:
        clauses.append({"language": language})
    if marketplace:
        flags = [{marketplace_flag(marketplace): True}, {marketplace_flag("ALL"): True}]
        if marketplace.upper() == "UK":  # the UK follows the European policy where it has no passage of its own
            flags.append({marketplace_flag("EU"): True})
        clauses.append({"$or": flags})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _passage(pid: str, text: str, meta: dict, score: float) -> Passage:
    return Passage(
        id=pid, source=meta.get("source", ""), title=meta.get("title", ""), text=text,
        effective=meta.get("effective", ""), marketplace=meta.get("marketplace", ""),
        language=meta.get("language", ""), score=round(score, 4), topic=meta.get("topic", ""),
        certainty=meta.get("certainty", ""), why=meta.get("why", ""), checked=meta.get("checked", ""),
    )


def ensure_ingested(settings: Settings) -> object:
    """The policy collection, ingested from the shipped corpus if it is empty."""
    collection = get_collection(settings)
    if collection.count() == 0:
        from claimpilot.knowledge.ingest import ingest

        ingest(settings)
    return collection


def search_policy(query: str, k: int = 4, settings: Settings | None = None,
                  language: str | None = None, marketplace: str | None = None) -> list[Passage]:
    """The ``k`` passages closest to ``query``, best first.

    ``language`` ("en"/"zh") keeps only passages in that language; ``marketplace``
    ("US", "DE", ...) keeps those that apply there (EU-wide passages count for
    the EU countries, ALL for every marketplace). A Chinese question finds English
    passages and the other way round, unless ``language`` is given.
    """
    if not query or not query.strip():
        raise ValueError("search_policy needs a non-empty query")
    settings = settings or get_settings()
    collection = ensure_ingested(settings)
    query = query.strip()
    vector = embed_queries([query])[0]
    found = collection.query(query_embeddings=[vector], n_results=max(MIN_CANDIDATES, 3 * int(k)),
                             where=_where(language, marketplace),
                             include=["documents", "metadatas", "distances"])
    candidates = [
        _passage(pid, text, meta or {}, 1.0 - float(distance))
        for pid, text, meta, distance in zip(found["ids"][0], found["documents"][0],
                                             found["metadatas"][0], found["distances"][0], strict=False)
    ]
    return _rerank(query, candidates, collection)[: max(1, int(k))]


_keyword_indexes: dict[tuple[str, int], tuple[KeywordIndex, dict[str, int]]] = {}


def _keyword_index(collection: object) -> tuple[KeywordIndex, dict[str, int]]:
    """The BM25 index of the whole collection and each passage's place in it, built once per
    collection and size (a re-ingest changes the size or makes a new collection)."""
    key = (str(collection.id), collection.count())
    if key not in _keyword_indexes:
        everything = collection.get(include=["documents", "metadatas"])
        index = KeywordIndex([f"{(m or {}).get('title', '')}\n{d}"
                              for d, m in zip(everything["documents"], everything["metadatas"], strict=False)])
        _keyword_indexes.clear()
        _keyword_indexes[key] = (index, {pid: i for i, pid in enumerate(everything["ids"])})
    return _keyword_indexes[key]


def _rerank(query: str, candidates: list[Passage], collection: object) -> list[Passage]:
    """Dense score plus a small BM25 bonus, so that exact codes and terms break near-ties.

    BM25 statistics come from the whole collection; the bonus is the candidate's
    BM25 score relative to the best candidate's, times KEYWORD_WEIGHT. A question
    about a named reason code also lifts the passage whose title lists that code.
    """
    if not candidates:
        return []
    index, position = _keyword_index(collection)
    all_scores = index.scores(query)
    keyword = [all_scores[position[p.id]] if p.id in position else 0.0 for p in candidates]
    best = max(keyword)
    codes = _asked_codes(query)
    ranked = [
        replace(p, score=round(p.score + (KEYWORD_WEIGHT * kw / best if best > 0 else 0.0)
                               + (CODE_BONUS if codes and _lists_code(p.title, codes) else 0.0), 4))
        for p, kw in zip(candidates, keyword, strict=False)
    ]
    return sorted(ranked, key=lambda p: -p.score)


def passage_in_language(passage: Passage, language: str, settings: Settings | None = None) -> Passage:
    """The same passage written in ``language`` if the corpus has it, else the passage itself."""
    if passage.language == language:
        return passage
    pair_id = passage.id.rsplit(".", 1)[0] + "." + language
    got = get_collection(settings or get_settings()).get(ids=[pair_id], include=["documents", "metadatas"])
    if not got["ids"]:
        return passage
    return _passage(got["ids"][0], got["documents"][0], got["metadatas"][0] or {}, passage.score)
