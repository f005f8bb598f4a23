"""The corpus's sentence embeddings shipped with the package, so that an offline policy answer
picks its sentences without embedding them live.

``sentences.vectors.npz`` holds the sha1 of each sentence of the corpus (as ``extract.split_sentences``
cuts it), its e5 passage vector, and the identity of the model that made them. A sentence not in
the file (the corpus was edited since) is embedded live; refresh the file after editing the corpus:

    python -m claimpilot.knowledge.sentence_vectors
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from claimpilot.knowledge.embeddings import embed_passages, model_identity

VECTORS = "sentences.vectors.npz"


def digest(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()


@cache
def shipped_sentences() -> dict[str, np.ndarray]:
    """``{sha1 of sentence: vector}`` as shipped; empty when there is no file or another model made it."""
    path = Path(str(resources.files("claimpilot.knowledge") / VECTORS))
    if not path.is_file():
        return {}
    with np.load(path) as saved:
        if str(saved["model"]) != model_identity():
            return {}
        vectors = saved["vectors"].astype(np.float32)
        return {str(h): vectors[i] for i, h in enumerate(saved["hashes"])}


def save(target: Path) -> int:
    from claimpilot.knowledge.corpus import load_corpus
    from claimpilot.knowledge.extract import split_sentences

    sentences = list(dict.fromkeys(s for p in load_corpus() for s in split_sentences(p.text)))
    vectors = embed_passages(sentences)
    np.savez_compressed(target, model=np.array(model_identity()), hashes=np.array([digest(s) for s in sentences]),
                        vectors=vectors.astype(np.float32))
    return len(sentences)


if __name__ == "__main__":  # python -m claimpilot.knowledge.sentence_vectors
    target = Path(__file__).with_name(VECTORS)
    print(f"{target}: {save(target)} sentence embeddings ({model_identity()})")
