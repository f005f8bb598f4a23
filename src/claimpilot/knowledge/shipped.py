"""The corpus embeddings shipped with the package, so a fresh home need not embed the corpus.

``corpus.vectors.npz`` holds, per passage, its id, its content hash and its e5
passage vector, plus the identity of the model that made them. Ingestion takes a
shipped vector only when the model is the same and the passage's hash matches;
any other passage is embedded live. Refresh the file after editing the corpus:

    python -m claimpilot.knowledge.shipped
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from claimpilot.knowledge.corpus import CorpusPassage, load_corpus
from claimpilot.knowledge.embeddings import embed_passages, model_identity

VECTORS = "corpus.vectors.npz"
REFRESH_COMMAND = "python -m claimpilot.knowledge.shipped"


def shipped_path() -> Path:
    """Where the shipped vectors sit inside the installed package."""
    return Path(str(resources.files("claimpilot.knowledge") / VECTORS))


@lru_cache(maxsize=2)
def _read(path: str, mtime: float) -> tuple[str, dict[str, tuple[str, np.ndarray]]]:
    with np.load(path) as saved:
        model = str(saved["model"])
        vectors = saved["vectors"].astype(np.float32)
        pairs = zip(saved["ids"], saved["hashes"], strict=False)
        rows = {str(pid): (str(h), vectors[i]) for i, (pid, h) in enumerate(pairs)}
    return model, rows


def shipped_rows(path: Path | None = None) -> tuple[str, dict[str, tuple[str, np.ndarray]]]:
    """``(model identity, {passage id: (content hash, vector)})`` as saved; empty when there is no file."""
    path = path or shipped_path()
    if not path.is_file():
        return "", {}
    return _read(str(path), path.stat().st_mtime)


def shipped_vector(passage: CorpusPassage, path: Path | None = None) -> np.ndarray | None:
    """The shipped vector of ``passage`` if it was made by this model from this very content."""
    model, rows = shipped_rows(path)
    if model != model_identity():
        return None
    row = rows.get(passage.id)
    return row[1] if row is not None and row[0] == passage.content_hash else None


def save_shipped(passages: list[CorpusPassage], path: Path | None = None) -> Path:
    """Embed ``passages`` and write them, keyed by id and content hash, with the model's identity."""
    path = path or shipped_path()
    vectors = embed_passages([p.embedding_text() for p in passages])
    np.savez_compressed(path, model=np.array(model_identity()), ids=np.array([p.id for p in passages]),
                        hashes=np.array([p.content_hash for p in passages]), vectors=vectors.astype(np.float32))
    _read.cache_clear()
    return path


if __name__ == "__main__":  # python -m claimpilot.knowledge.shipped: re-embed the shipped corpus
    corpus = load_corpus()
    target = Path(__file__).with_name(VECTORS)
    save_shipped(corpus, target)
    print(f"{target}: {len(corpus)} passage embeddings ({model_identity()})")
