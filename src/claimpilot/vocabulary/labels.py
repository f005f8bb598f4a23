"""The names people read for the vocabulary's members, from ``names/<lang>.yaml``.

Each file maps an enum's class name to its members' values and their names
in that language; ``tests`` check that every member has a name in every
language, so a new member cannot reach a screen as a raw code.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources

from claimpilot import yamlfile

LANGUAGES = ("zh", "en")


@cache
def labels(lang: str) -> dict[str, dict[str, str]]:
    """Enum class name -> member value -> its name in ``lang`` (zh or en; anything else reads en)."""
    lang = lang if lang in LANGUAGES else "en"
    text = resources.files("claimpilot.vocabulary").joinpath("names", f"{lang}.yaml").read_text("utf-8")
    data: dict[str, dict[str, str]] = yamlfile.safe_load(text)
    return data


def label(member: StrEnum, lang: str) -> str:
    """``member``'s name in ``lang``: 仓库丢失 / lost in an Amazon warehouse."""
    return labels(lang)[type(member).__name__][member.value]
