"""Buyer text is data: what a message attempts is flagged, explained, and keeps its reply from leaving alone.

Flags (``vocabulary.BuyerFlag``, each a stable code with its Chinese and English name):
review_for_refund, off_amazon_payment, threat, contact_request (``data/manipulation.yaml``) and
injection (text that addresses an assistant or asks for secrets, ``data/injection_markers.yaml``).
Flagging changes no action (a buyer message never triggers anything but a draft); a flagged message is
never sent without a person, and the seller sees each flag with the words that raised it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimpilot.vocabulary import BuyerFlag, label


@dataclass(frozen=True)
class Flag:
    code: str
    evidence: str  # the buyer's words that raised it

    def to_dict(self) -> dict[str, str]:
        member = BuyerFlag(self.code)
        return {"code": self.code, "zh": label(member, "zh"), "en": label(member, "en"), "evidence": self.evidence}


def _data(name: str) -> Any:
    return yaml.safe_load((resources.files("claimpilot.tools.buyers") / "data" / name).read_text("utf-8"))


@lru_cache(maxsize=1)
def markers() -> list[str]:
    return [str(m).lower() for m in _data("injection_markers.yaml")["markers"]]


@lru_cache(maxsize=1)
def _rules() -> dict[str, dict[str, list[re.Pattern[str]] | list[list[re.Pattern[str]]]]]:
    out: dict[str, dict[str, Any]] = {}
    for code, rule in _data("manipulation.yaml").items():
        BuyerFlag(code)  # an unknown code is an error in the data file
        out[code] = {"any": [re.compile(p, re.I) for p in rule.get("any", [])],
                     "together": [[re.compile(p, re.I) for p in group] for group in rule.get("together", [])]}
    return out


def suspicious_markers(text: str) -> list[str]:
    """The injection markers found in ``text`` (empty when none)."""
    low = (text or "").lower()
    found = []
    for m in markers():
        hit = re.search(r"(?<!\w)" + re.escape(m), low) if m.isascii() else m in low
        if hit:
            found.append(m)
    return found


def _first(patterns: list[re.Pattern[str]], text: str) -> str | None:
    for p in patterns:
        m = p.search(text)
        if m:
            return m.group(0)
    return None


def flags_for(text: str) -> list[Flag]:
    """Every flag ``text`` raises, in the vocabulary's order, each with the words that raised it."""
    text = (text or "").replace("’", "'")
    found: dict[str, str] = {}
    for code, rule in _rules().items():
        hit = _first(rule["any"], text)  # type: ignore[arg-type]
        if hit is None and rule["together"]:
            parts = [_first(group, text) for group in rule["together"]]  # type: ignore[arg-type]
            hit = " … ".join(p for p in parts if p) if all(parts) else None
        if hit is not None:
            found[code] = hit.strip()
    injection = suspicious_markers(text)
    if injection:
        found[BuyerFlag.INJECTION.value] = ", ".join(injection[:3])
    return [Flag(m.value, found[m.value]) for m in BuyerFlag if m.value in found]
