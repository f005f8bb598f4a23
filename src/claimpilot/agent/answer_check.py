"""What a person must never see in an answer: raw codes, glued sentences, the wrong language.

Used by the tests and by the evaluation. Quoted blocks ("> " lines: a case text in the
marketplace's language, a buyer reply), web addresses and file names (removal_receipts.csv, the file
the person saves) are left out of the checks; so are the
names of Seller Central pages and options an answer quotes in 「」 (or a Chinese one in “”) as they appear on
screen, and an English name glossed in parentheses right after its Chinese one (“可索赔”（Eligible for
claim）, 提单（bill of lading）).
"""

from __future__ import annotations

import re
from functools import cache

_SNAKE = re.compile(r"(?<![A-Za-z0-9_./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_]|\.(?:csv|tsv|txt|xlsx?|json)\b)")
_GLUED = [re.compile(r"[a-z]{3,}[A-Z][a-z]{2,}"), re.compile(r"[a-z][.!?:;][A-Z][a-z]"),
          re.compile(r"[。！？](?!claimpilot)[A-Za-z]{3,}")]
_URL = re.compile(r"https?://\S+")
_LATIN_NAME = r"[A-Za-z][A-Za-z0-9 &/'’-]*"
_SCREEN_NAME = re.compile(rf"「[^」\n]*」|“{_LATIN_NAME}”|(?<=[\u4e00-\u9fff”」])（{_LATIN_NAME}）")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_JAPANESE_PAGE = re.compile(r"「[^」\n]*」")
_EN_RUN = re.compile(r"(?:\b[A-Za-z][a-z]+\b[ ,'-]+){2,}\b[A-Za-z][a-z]+\b")
_TERMS = r"Seller Central|Seller Support|Seller Forums|SP-API|FBA|FNSKU|SKU|ASIN|IDR|case|claimpilot"
ALLOWED_EN = re.compile(rf"\b(?:{_TERMS})\b", re.I)


@cache
def _codes() -> set[str]:
    from claimpilot.vocabulary import (
        AlertKind,
        BuyerIntent,
        ClaimStatus,
        ClaimType,
        DenialReason,
        FindingStatus,
        ReportKind,
        ShipmentKind,
        ShipmentState,
    )

    return {m.value for e in (AlertKind, BuyerIntent, ClaimStatus, ClaimType, DenialReason, FindingStatus,
                              ReportKind, ShipmentKind, ShipmentState) for m in e}


def visible(answer: str) -> str:
    """The answer's own words: quoted lines and web addresses left out."""
    lines = [ln for ln in (answer or "").splitlines() if not ln.lstrip().startswith(">")]
    return _URL.sub(" ", "\n".join(lines))


def problems(answer: str, lang: str) -> list[str]:
    """Every reason ``answer`` is not fit for a person asking in ``lang``; empty when it is."""
    text = visible(answer)
    found: list[str] = []
    if lang == "zh":
        for m in _SCREEN_NAME.finditer(text):
            found.extend(f"code {c.group(0)!r}" for c in _SNAKE.finditer(m.group(0)))
        text = _SCREEN_NAME.sub("「」", text)
    if not text.strip():
        found.append("empty answer")
    for m in _SNAKE.finditer(text):
        found.append(f"code {m.group(0)!r}")
    if lang == "zh":
        for word in re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", text):
            if word in _codes():
                found.append(f"raw value {word!r}")
        for m in _EN_RUN.finditer(ALLOWED_EN.sub(" ", text)):
            found.append(f"English in a Chinese answer: {m.group(0)!r}")
    elif _HAN.search(_JAPANESE_PAGE.sub(" ", text)):  # 「原価の管理」: a Japanese page's name, as on screen
        found.append("Chinese in an English answer")
    for pattern in _GLUED:
        for m in pattern.finditer(text):
            found.append(f"glued text {m.group(0)!r}")
    return found
