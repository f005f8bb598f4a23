"""Ingestion is idempotent: unchanged passages stay, changed ones update, deleted ones go."""

from __future__ import annotations

import shutil

from claimpilot.config import KnowledgeSettings, Settings
from claimpilot.knowledge.corpus import CORPUS_DIR
from claimpilot.knowledge.ingest import ingest
from claimpilot.knowledge.store import get_collection


def test_reingest_changes_only_what_changed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("window-fee-dispute", "dimensional-weight", "messaging-response-time"):
        shutil.copy(CORPUS_DIR / "zh" / f"{name}.md", corpus / f"{name}.md")
    settings = Settings(home=tmp_path, knowledge=KnowledgeSettings(chroma_path=tmp_path / "chroma"), _env_file=None)

    first = ingest(settings, corpus_dir=corpus)
    assert sorted(first.added) == ["dimensional-weight.zh", "messaging-response-time.zh", "window-fee-dispute.zh"]
    again = ingest(settings, corpus_dir=corpus)
    assert (again.added, again.updated, again.removed, again.unchanged) == ([], [], [], 3)

    edited = corpus / "window-fee-dispute.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("90 天内申诉", "90 天内（含第 90 天）申诉"),
                      encoding="utf-8")
    (corpus / "messaging-response-time.md").unlink()
    third = ingest(settings, corpus_dir=corpus)
    assert third.updated == ["window-fee-dispute.zh"]
    assert third.removed == ["messaging-response-time.zh"]
    assert third.unchanged == 1 and third.added == []

    stored = get_collection(settings).get(ids=["window-fee-dispute.zh"], include=["documents", "metadatas"])
    assert "含第 90 天" in stored["documents"][0]
    assert get_collection(settings).count() == 2
