"""Which language a buyer wrote in: script first, then stopword profiles and telling characters.

Kana means Japanese, Han without kana Chinese, Hangul Korean. Latin text is
scored against the stopword list and the characters of each profile in
``data/language_profiles.yaml`` (en, de, fr, es, it, nl, pl, sv); the best score wins.
Small and offline, honest about what it is: short texts without any stopword
fall back to English with a low confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TypedDict

import yaml

SUPPORTED = ("en", "de", "fr", "es", "it", "nl", "pl", "sv", "ja", "zh", "ko")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_WORD = re.compile(r"[^\W\d_]+", re.U)
CHAR_WEIGHT = 1.5


@dataclass(frozen=True)
class Language:
    code: str
    confidence: float


class Profile(TypedDict):
    words: frozenset[str]  # stopwords, lower case
    chars: str  # characters that tell the language


@lru_cache(maxsize=1)
def profiles() -> dict[str, Profile]:
    text = (resources.files("claimpilot.tools.buyers") / "data" / "language_profiles.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {lang: {"words": frozenset(w.lower() for w in p["words"]), "chars": p.get("chars") or ""}
            for lang, p in data.items()}


def latin_scores(text: str, use_chars: bool = True) -> dict[str, float]:
    """Each profile's score: stopword hits, plus telling characters when ``use_chars``."""
    words = [w.lower() for w in _WORD.findall(text)]
    low = text.lower()
    scores = {}
    for lang, prof in profiles().items():
        score = float(sum(w in prof["words"] for w in words))
        if use_chars:
            score += CHAR_WEIGHT * sum(low.count(c) > 0 for c in prof["chars"])
        scores[lang] = score
    return scores


def detect(text: str, use_chars: bool = True) -> Language:
    """The language of ``text`` with a confidence in [0, 1]."""
    text = text or ""
    kana, han, hangul = len(_KANA.findall(text)), len(_HAN.findall(text)), len(_HANGUL.findall(text))
    letters = max(1, len(_WORD.findall(text)))
    if kana and kana + han >= 2:
        return Language("ja", 0.99)
    if hangul >= 2:
        return Language("ko", 0.95)
    if han >= 2 and han >= letters / 4:
        return Language("zh", 0.95)
    scores = latin_scores(text, use_chars)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top <= 0:
        return Language("en", 0.2)
    return Language(best, round(min(0.99, 0.5 + 0.5 * (top - second) / top), 3))
