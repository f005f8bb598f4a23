"""The corpus embeddings shipped with the package are those of the corpus and the model in use,
and ingestion takes them instead of embedding again."""

from __future__ import annotations

import shutil

import numpy as np

from claimpilot.config import KnowledgeSettings, Settings
from claimpilot.knowledge.corpus import CORPUS_DIR, load_corpus
from claimpilot.knowledge.embeddings import embed_passages, model_identity
from claimpilot.knowledge.ingest import ingest
from claimpilot.knowledge.shipped import REFRESH_COMMAND, shipped_rows
from claimpilot.knowledge.store import get_collection

REFRESH = f"shipped corpus embeddings are stale; run: .venv/bin/{REFRESH_COMMAND}"


def test_shipped_vectors_match_the_corpus_and_the_model():
    model, rows = shipped_rows()
    assert model == model_identity(), f"made by {model!r}, the model is {model_identity()!r}; {REFRESH}"
    corpus = load_corpus()
    stale = [p.id for p in corpus if rows.get(p.id, ("",))[0] != p.content_hash]
    assert not stale, f"{len(stale)} passages changed or new ({stale[:5]}); {REFRESH}"
    gone = sorted(set(rows) - {p.id for p in corpus})
    assert not gone, f"vectors of passages no longer in the corpus {gone[:5]}; {REFRESH}"
    sample = [corpus[0], corpus[len(corpus) // 2], corpus[-1]]
    live = embed_passages([p.embedding_text() for p in sample])
    # The 4-bit kernels take a different SIMD path on another CPU: the same text and model agree to a
    # cosine of 0.9999 there, while an edited passage falls far below it.
    shipped = np.stack([rows[p.id][1] for p in sample])
    cosine = (shipped * live).sum(axis=1) / (np.linalg.norm(shipped, axis=1) * np.linalg.norm(live, axis=1))
    assert (cosine > 0.9995).all(), f"{cosine}; {REFRESH}"


def test_ingest_embeds_only_passages_without_a_matching_shipped_vector(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("window-fee-dispute", "dimensional-weight"):
        shutil.copy(CORPUS_DIR / "en" / f"{name}.md", corpus / f"{name}.md")
    edited = corpus / "dimensional-weight.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSellers can check the divisor in Seller Central.\n",
                      encoding="utf-8")
    settings = Settings(home=tmp_path, knowledge=KnowledgeSettings(chroma_path=tmp_path / "chroma"), _env_file=None)

    result = ingest(settings, corpus_dir=corpus)

    assert sorted(result.added) == ["dimensional-weight.en", "window-fee-dispute.en"]
    assert result.embedded == ["dimensional-weight.en"]
    stored = get_collection(settings).get(ids=["window-fee-dispute.en", "dimensional-weight.en"],
                                          include=["embeddings", "documents"])
    vectors = dict(zip(stored["ids"], stored["embeddings"], strict=False))
    _, rows = shipped_rows()
    assert np.allclose(vectors["window-fee-dispute.en"], rows["window-fee-dispute.en"][1], atol=1e-6)
    assert not np.allclose(vectors["dimensional-weight.en"], rows["dimensional-weight.en"][1], atol=1e-3)
    edited_passage = next(p for p in load_corpus(corpus) if p.id == "dimensional-weight.en")
    assert np.allclose(vectors["dimensional-weight.en"], embed_passages([edited_passage.embedding_text()])[0],
                       atol=1e-5)
