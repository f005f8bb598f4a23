"""What the seller asks of a reply drafted again ("make it shorter and offer a replacement", "再客气一点"): the
changes of ``data/wishes.yaml`` that the template reply makes (compose.py)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    text = (resources.files("claimpilot.tools.buyers") / "data" / "wishes.yaml").read_text("utf-8")
    return {k: [str(w).lower() for w in v] for k, v in yaml.safe_load(text).items()}


def wishes_of(request: str) -> tuple[str, ...]:
    """The changes ``request`` asks for, in the file's order (none for no request)."""
    said = (request or "").lower()
    return tuple(name for name, words in _words().items() if any(w in said for w in words))
