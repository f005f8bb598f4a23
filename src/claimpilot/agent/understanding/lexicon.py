"""The seller's words by meaning (``lexicon.yaml``), loaded once, with a matcher for each table."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from opencc import OpenCC

_AS_READ = OpenCC("t2s").convert  # a word as the normalised text has it: Amazon's Japanese "補償" is read as 补偿


@cache
def lexicon() -> dict[str, Any]:
    text = (resources.files("claimpilot.agent.understanding") / "lexicon.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _pattern(word: str) -> re.Pattern[str]:
    if word.isascii():
        return re.compile(r"(?<![A-Za-z0-9])" + re.escape(word.lower()).replace(r"\ ", r"\s+"), re.I)
    if _AS_READ(word) != word:  # either as written or as converted (kana around 請求書 keeps it unconverted)
        return re.compile(f"(?:{re.escape(word)}|{re.escape(_AS_READ(word))})", re.I)
    if "已" in word and "已经" not in word:
        return re.compile(re.escape(word).replace("已", "已经?"))  # 已签收 is also typed 已经签收
    if word.startswith("少"):
        return re.compile("(?<!多)" + re.escape(word))  # 少赔 is not the 少赔 of 拿回多少赔偿
    return re.compile(re.escape(word), re.I)  # FBA入仓, fba入仓: the letters in either case


@cache
def _table(name: str) -> list[tuple[str, str, re.Pattern[str]]]:
    """(value, word, pattern) with longer words first, so that the most specific phrase wins."""
    rows = [(value, w, _pattern(w)) for value, words in lexicon()[name].items() for w in words]
    return sorted(rows, key=lambda r: -len(r[1]))


def find(name: str, text: str) -> list[tuple[str, int, int]]:
    """Every (value, start, end) of table ``name`` in ``text``, longest match first, none overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, int, int]] = []
    for value, _, pattern in _table(name):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((value, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def first(name: str, text: str) -> str | None:
    """The value of the longest phrase of table ``name`` found in ``text``."""
    for value, _, pattern in _table(name):
        if pattern.search(text):
            return value
    return None


def all_words() -> list[str]:
    """Every Chinese word of every table, and the typo targets: what typo correction aims at."""
    out = set(lexicon()["typo_targets"])
    for name in ("claim_types", "statuses", "denial_reasons", "report_kinds", "marketplaces"):
        out |= {w for words in lexicon()[name].values() for w in words if not w.isascii()}
    return sorted(out)
