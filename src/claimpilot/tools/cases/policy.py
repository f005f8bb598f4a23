"""Packet grouping, language and filing-page data, read from the YAML files beside this module."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@cache
def _load(name: str) -> dict:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def packet_policy() -> dict:
    return _load("packet_policy.yaml")


def language_for(marketplace: str) -> str:
    """The language of the marketplace's case and appeal texts (``language_by_marketplace``)."""
    p = packet_policy()
    return str(p["language_by_marketplace"].get(marketplace.upper(), p["default_language"]))


def language_note_zh(marketplace: str) -> str:
    """Why the marketplace's texts are in English although it speaks another language, for the seller (empty
    when they are in the marketplace's own language)."""
    p = packet_policy()
    market = marketplace.upper()
    if market not in p["language_by_marketplace"]:
        return f"站点 {market} 未登记案件语言，本案件文本为英文。"
    return str(p.get("english_because", {}).get(market, ""))


def language_name_zh(language: str) -> str:
    """The language's name in Chinese (``language_names_zh``), for the seller's explanations."""
    return str(packet_policy()["language_names_zh"].get(language, language))


def max_items(claim_type: str) -> int:
    return int(packet_policy()["max_items"].get(claim_type, 5))


def group_field(claim_type: str) -> str | None:
    return packet_policy().get("group_by", {}).get(claim_type)


def filing(claim_type: str) -> dict:
    """``{"page", "how", "zh"}``: where the case of this type is filed."""
    return _load("filing.yaml")[claim_type]


def compliance_rules() -> dict:
    return _load("compliance.yaml")


def case_form_limit() -> int:
    """The most characters a case or appeal text may have (Seller Central's case form; see packet_policy.yaml)."""
    return int(packet_policy()["case_form_max_chars"])
