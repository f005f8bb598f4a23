"""The web page's words in one language: its own strings (``web/i18n/<lang>.json``) and every vocabulary
member's name from ``vocabulary.label``, under the keys the page looks them up by (``status.claimable``,
``report.ledger``, ...), so a claim status or report kind on the page is named exactly as everywhere else."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import cache
from pathlib import Path

from claimpilot.vocabulary import (
    LANGUAGES,
    AlertKind,
    BuyerFlag,
    BuyerIntent,
    ClaimStatus,
    ClaimType,
    DenialReason,
    FindingStatus,
    ReportKind,
    ShipmentKind,
    ShipmentState,
    label,
)

WEB_DIR = Path(__file__).resolve().parent / "web"

# The page's key prefix for each vocabulary enum.
PREFIXES: dict[type[StrEnum], str] = {
    ClaimType: "type", ClaimStatus: "status", FindingStatus: "finding", DenialReason: "denial",
    BuyerIntent: "intent", BuyerFlag: "flag", ShipmentKind: "ship.kind", ShipmentState: "ship.status",
    AlertKind: "alert", ReportKind: "report",
}


@cache
def page_strings(lang: str) -> dict[str, str]:
    """Key -> text for the page in ``lang`` (zh or en; anything else reads en)."""
    lang = lang if lang in LANGUAGES else "en"
    own: dict[str, str] = json.loads((WEB_DIR / "i18n" / f"{lang}.json").read_text("utf-8"))
    names = {f"{prefix}.{member.value}": label(member, lang) for enum, prefix in PREFIXES.items() for member in enum}
    clash = sorted(set(own) & set(names))
    if clash:
        raise ValueError(f"web/i18n/{lang}.json names vocabulary members itself: {', '.join(clash[:5])}")
    return {**own, **names}
