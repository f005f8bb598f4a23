"""Why Amazon denied a case, as a ``vocabulary.DenialReason`` code: read from Amazon's answer or from the
seller's note of it (``denial_reasons.yaml``), so that the appeal restates the reason in the marketplace's
language and answers it, and never pastes the seller's own words."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from claimpilot.vocabulary import DenialReason

PATTERNS_FILE = Path(__file__).with_name("denial_reasons.yaml")
CODES = frozenset(r.value for r in DenialReason)


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """One compiled pattern per reason, in the order they are tried."""
    data: dict[str, list[str]] = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    unknown = set(data) - CODES
    if unknown:
        raise ValueError(f"{PATTERNS_FILE.name}: unknown denial reasons {sorted(unknown)}")
    return {code: re.compile("|".join(f"(?:{p})" for p in lines), re.I) for code, lines in data.items()}


def classify_denial(reason: str) -> str:
    """The reason code for Amazon's answer or the seller's note of it (a code itself is accepted)."""
    reason = (reason or "").strip()
    if reason in CODES:
        return reason
    for code, pattern in patterns().items():
        if pattern.search(reason):
            return code
    return DenialReason.OTHER.value
