"""One ingested copy of the shipped corpus per test session (its shipped embeddings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimpilot.config import KnowledgeSettings, Settings
from claimpilot.knowledge.ingest import ingest


@pytest.fixture(scope="session")
def policy_store(tmp_path_factory) -> Path:
    """A Chroma directory holding the whole corpus, ingested once."""
    chroma = tmp_path_factory.mktemp("policy-chroma")
    ingest(Settings(home=chroma.parent, knowledge=KnowledgeSettings(chroma_path=chroma), _env_file=None))
    return chroma


@pytest.fixture
def kb_settings(policy_store, isolated_home) -> Settings:
    """Settings whose vector store is the session's ingested corpus; no LLM configured."""
    return Settings(home=isolated_home, knowledge=KnowledgeSettings(chroma_path=policy_store), _env_file=None)
