"""search_policy: the policy passages nearest in meaning to a question, in either language."""

from __future__ import annotations

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.embeddings import embed_queries
from claimpilot.knowledge.passage import Passage
from claimpilot.knowledge.store import get_collection, marketplace_flag


def _where(language: str | None, marketplace: str | None) -> dict | None:
    clauses: list[dict] = []
    if language:
        clauses.append({"language": language})
    if marketplace:
        flags = [{marketplace_flag(marketplace): True}, {marketplace_flag("ALL"): True}]
        if marketplace.upper() in {"UK", "DE", "FR", "IT", "ES"}:
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
    vector = embed_queries([query.strip()])[0]
    found = collection.query(query_embeddings=[vector], n_results=max(1, int(k)),
                             where=_where(language, marketplace),
                             include=["documents", "metadatas", "distances"])
    return [
        _passage(pid, text, meta or {}, 1.0 - float(distance))
        for pid, text, meta, distance in zip(found["ids"][0], found["documents"][0],
                                             found["metadatas"][0], found["distances"][0])
    ]


def passage_in_language(passage: Passage, language: str, settings: Settings | None = None) -> Passage:
    """The same passage written in ``language`` if the corpus has it, else the passage itself."""
    if passage.language == language:
        return passage
    pair_id = passage.id.rsplit(".", 1)[0] + "." + language
    got = get_collection(settings or get_settings()).get(ids=[pair_id], include=["documents", "metadatas"])
    if not got["ids"]:
        return passage
    return _passage(got["ids"][0], got["documents"][0], got["metadatas"][0] or {}, passage.score)
