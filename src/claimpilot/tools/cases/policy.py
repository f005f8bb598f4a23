"""Packet grouping, language and filing data, read from the YAML files beside this module."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from claimpilot.knowledge.sources import resolve
from claimpilot.tools.audit.policy_facts import PolicyFacts, policy_facts

HERE = Path(__file__).parent


@cache
def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return data


def packet_policy() -> dict[str, Any]:
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
    field = packet_policy().get("group_by", {}).get(claim_type)
    return str(field) if field else None


@cache
def filing_paths() -> dict[str, dict[str, Any]]:
    """Every filing path of filing.yaml, its sources checked (an unknown key names the path)."""
    paths: dict[str, dict[str, Any]] = _load("filing.yaml")["paths"]
    for name, path in paths.items():
        keys = path["source"] if isinstance(path["source"], list) else [path["source"]]
        resolve(keys, f"{HERE / 'filing.yaml'}: paths.{name}.source")
    return paths


def filing(claim_type: str, marketplace: str = "US") -> dict[str, Any]:
    """Where a claim of this type is filed in ``marketplace``, paths in the order to try them:
    ``{"page", "how", "zh", "help", "paths"}`` (``page``: the first path's title; ``how``/``zh``: all, numbered
    when there are several; ``help``: their help-page ids)."""
    paths = filing_paths()
    names = [n for n in _load("filing.yaml")["types"][claim_type]
             if {"ALL", marketplace.upper()} & set(paths[n]["marketplaces"])]
    chosen = [paths[n] for n in names]

    def joined(lang: str) -> str:
        texts = [" ".join(p[lang].split()) for p in chosen]
        return texts[0] if len(texts) == 1 else " ".join(f"({i}) {t}" for i, t in enumerate(texts, 1))

    return {"page": chosen[0]["title"], "how": joined("en"), "zh": joined("zh"),
            "help": [p["help"] for p in chosen], "paths": names}


def basis(claim_type: str, facts: PolicyFacts, language: str) -> str:
    """On what a finding's value rests, from the valuation basis in force (empty when the policy has none)."""
    name = facts.bases.get(claim_type)
    return str(_load("filing.yaml")["bases"][name][language]) if name else ""


def facts_for(marketplace: str, on: date) -> PolicyFacts:
    return policy_facts(marketplace, on)


def compliance_rules() -> dict[str, Any]:
    return _load("compliance.yaml")


def case_form_limit() -> int:
    """The most characters a case or appeal text may have (Seller Central's case form; see packet_policy.yaml)."""
    return int(packet_policy()["case_form_max_chars"])
