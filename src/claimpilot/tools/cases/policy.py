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
    p = packet_policy()
    return p["language_by_marketplace"].get(marketplace.upper(), p["default_language"])


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
