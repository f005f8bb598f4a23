"""Load the corpus into Chroma: idempotent, by passage id and content hash."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.corpus import EU_MARKETPLACES, MARKETPLACES, CorpusPassage, load_corpus
from claimpilot.knowledge.embeddings import embed_passages
from claimpilot.knowledge.shipped import shipped_vector
from claimpilot.knowledge.store import get_collection, marketplace_flag


@dataclass
class IngestResult:
    """What an ingestion changed, by passage id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    embedded: list[str] = field(default_factory=list)  # added/updated passages embedded live, not shipped

    @property
    def total(self) -> int:
        return len(self.added) + len(self.updated) + self.unchanged


def passage_metadata(passage: CorpusPassage) -> dict:
    """What Chroma keeps beside the text; one boolean flag a marketplace for filtering."""
    meta: dict = {
        "title": passage.title, "source": passage.source, "effective": passage.effective,
        "marketplace": ",".join(passage.marketplaces), "topic": passage.topic,
        "language": passage.language, "pair": passage.pair_key, "content_hash": passage.content_hash,
        "file": passage.path.name, "sources": ",".join(passage.sources), "checked": passage.checked,
        "certainty": passage.certainty, "why": passage.why,
    }
    applies = set(passage.marketplaces) | (set(EU_MARKETPLACES) if "EU" in passage.marketplaces else set())
    for marketplace in MARKETPLACES:
        meta[marketplace_flag(marketplace)] = marketplace in applies
    return meta


def _vectors(changed: list[CorpusPassage], use_shipped: bool, result: IngestResult) -> list:
    """One vector per passage: the shipped one where it matches, else embedded now."""
    vectors = [shipped_vector(p) if use_shipped else None for p in changed]
    missing = [i for i, v in enumerate(vectors) if v is None]
    if missing:
        fresh = embed_passages([changed[i].embedding_text() for i in missing])
        for i, vector in zip(missing, fresh, strict=False):
            vectors[i] = vector
        result.embedded = [changed[i].id for i in missing]
    return vectors


def ingest(settings: Settings | None = None, corpus_dir: Path | None = None,
           use_shipped: bool = True) -> IngestResult:
    """Bring the collection in line with the corpus; embed only new or changed passages.

    A new or changed passage takes the vector shipped with the package when the
    model and its content hash match (``use_shipped=False`` embeds them all live).
    The whole corpus is read and checked before anything is written, so a bad file
    leaves the collection as it was.
    """
    settings = settings or get_settings()
    passages = load_corpus(corpus_dir)
    collection = get_collection(settings)
    stored = collection.get(include=["metadatas"])
    stored_hash = {pid: (meta or {}).get("content_hash")
                   for pid, meta in zip(stored["ids"], stored["metadatas"], strict=False)}

    result = IngestResult()
    changed: list[CorpusPassage] = []
    for passage in passages:
        previous = stored_hash.get(passage.id)
        if previous == passage.content_hash:
            result.unchanged += 1
            continue
        (result.updated if passage.id in stored_hash else result.added).append(passage.id)
        changed.append(passage)
    if changed:
        collection.upsert(
            ids=[p.id for p in changed],
            documents=[p.text for p in changed],
            embeddings=_vectors(changed, use_shipped, result),
            metadatas=[passage_metadata(p) for p in changed],
        )
    current = {p.id for p in passages}
    result.removed = sorted(pid for pid in stored_hash if pid not in current)
    if result.removed:
        collection.delete(ids=result.removed)
    return result
