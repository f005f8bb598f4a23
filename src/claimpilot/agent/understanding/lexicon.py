"""The seller's words by meaning (``lexicon.yaml``), loaded once, with a matcher for each table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from opencc import OpenCC

from claimpilot import yamlfile

_AS_READ = OpenCC("t2s").convert  # a word as the normalised text has it: Amazon's Japanese "補償" is read as 补偿


def as_read(words: str) -> str:
    """``words`` as the normalised text has them (traditional and Japanese characters in their simplified form)."""
    return _AS_READ(words)


@cache
def lexicon() -> dict[str, Any]:
    text = (resources.files("claimpilot.agent.understanding") / "lexicon.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yamlfile.safe_load(text)
    return data


class _Span(NamedTuple):
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


class _Literal:
    """A word matched exactly as written (Chinese, no letters, no variants): found with ``str.find``, so that the
    thousand-odd words of the tables cost no regular expression to compile before a fresh process's first answer."""

    def __init__(self, word: str) -> None:
        self.word = word

    def finditer(self, text: str) -> Iterator[_Span]:
        at = text.find(self.word)
        while at >= 0:
            yield _Span(at, at + len(self.word))
            at = text.find(self.word, at + len(self.word))

    def search(self, text: str) -> _Span | None:
        return next(self.finditer(text), None)


@lru_cache(maxsize=16)
def _lowered(text: str) -> str:
    """``text`` in small letters, once for the hundreds of English words a table looks for in it."""
    return text.lower()


class _Lowered:
    """An English word, matched in the text written in small letters: compiled without ``re.I``, whose case folding
    makes each of the tables' hundreds of English patterns several times slower to compile."""

    def __init__(self, source: str) -> None:
        self.pattern = re.compile(source)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = _lowered(text)
        if len(low) != len(text):  # a letter whose small form is longer (İ): the text as written, case folded
            return re.finditer(self.pattern.pattern, text, re.I)
        return self.pattern.finditer(low)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def _pattern(word: str, as_read: str) -> re.Pattern[str] | _Literal | _Lowered:
    if word.isascii():
        return _Lowered(r"(?<![A-Za-z0-9])" + re.escape(word.lower()).replace(r"\ ", r"\s+"))
    if as_read != word:  # either as written or as converted (kana around 請求書 keeps it unconverted)
        return re.compile(f"(?:{re.escape(word)}|{re.escape(as_read)})", re.I)
    if "已" in word and "已经" not in word:
        return re.compile(re.escape(word).replace("已", "已经?"))  # 已签收 is also typed 已经签收
    if word.startswith("少"):
        return re.compile("(?<!多)" + re.escape(word))  # 少赔 is not the 少赔 of 拿回多少赔偿
    if not any(ch.isascii() and ch.isalpha() for ch in word):
        return _Literal(word)
    return re.compile(_spaced(word), re.I)  # FBA入仓, fba入仓, "能开 case 不": either case, spaced or not


def _spaced(word: str) -> str:
    """A word of Chinese and Latin letters as a pattern that also takes a space where the two meet (能开case不 is
    typed 能开 case 不 as often), and any space of the word as one or none."""
    parts = re.split(r"(?<=[a-zA-Z])\s*(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s*(?=[a-zA-Z])", word)
    return r"\s*".join(re.escape(part) for part in parts)


@cache
def _table(name: str) -> list[tuple[str, str, re.Pattern[str] | _Literal | _Lowered]]:
    """(value, word, pattern) with longer words first, so that the most specific phrase wins."""
    pairs = [(value, w) for value, words in lexicon()[name].items() for w in words]
    read = _AS_READ("\n".join(w for _, w in pairs)).split("\n")  # converted at once: OpenCC per word costs more
    rows = [(value, w, _pattern(w, as_read)) for (value, w), as_read in zip(pairs, read, strict=True)]
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
