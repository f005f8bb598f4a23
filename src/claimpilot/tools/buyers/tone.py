"""Whether a buyer writes in anger: angry words (``data/tone.yaml``), or shouting (capitals, "!!!").

An angry buyer's reply opens with an apology; nothing else changes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def angry_words() -> list[str]:
    text = (resources.files("claimpilot.tools.buyers") / "data" / "tone.yaml").read_text("utf-8")
    return [str(w).lower() for w in yaml.safe_load(text)["words"]]


def is_angry(text: str) -> bool:
    text = text or ""
    if "!!" in text or "！！" in text or "???" in text:
        return True
    words = _WORD.findall(text)
    latin = [w for w in words if w.isascii() or re.match(r"[A-Za-zÀ-ÿ]", w)]
    if len(latin) >= 3 and sum(w.isupper() for w in latin) >= 0.6 * len(latin):
        return True
    low = text.lower()
    for w in angry_words():
        hit = re.search(r"(?<!\w)" + re.escape(w), low) if re.match(r"[a-zà-ÿ]", w) else w in low
        if hit:
            return True
    return False
