"""The policy in force for a marketplace on a day, as the words of a packet need it: each claim type's window
(and the event it counts from), the valuation date, the single-unit cap and what each value rests on, with
the certainty and sources of each number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .policy_loader import load_policy
from .policy_schema import ANCHORS


@dataclass(frozen=True)
class Window:
    opens_days: int
    closes_days: int
    opens_months: int
    closes_months: int
    anchor: str
    certainty: str
    why: str
    sources: tuple[str, ...]

    def describe(self, language: str) -> str:
        """"45-105 days after the customer refund or replacement date" / "买家退款或换货之日后第 45–105 天"."""
        anchor = ANCHORS[self.anchor][1 if language == "zh" else 0]
        if language == "zh":
            if not (self.opens_months or self.opens_days):
                return f"{anchor}起 {_zh_span(self.closes_months, self.closes_days)}内"
            return (f"{anchor}后第 {_zh_span(self.opens_months, self.opens_days)}"
                    f"至第 {_zh_span(self.closes_months, self.closes_days)}")
        start, end = _en_span(self.opens_months, self.opens_days), _en_span(self.closes_months, self.closes_days)
        if not (self.opens_months or self.opens_days):
            return f"within {end} of {anchor}"
        return f"{start} to {end} after {anchor}"


def _en_span(months: int, days: int) -> str:
    return " and ".join([f"{months} months"] * bool(months) + [f"{days} days"] * bool(days or not months))


def _zh_span(months: int, days: int) -> str:
    return " ".join([f"{months} 个月"] * bool(months) + [f"{days} 天"] * bool(days or not months))


@dataclass(frozen=True)
class PolicyFacts:
    marketplace: str
    currency: str
    on: date
    windows: dict[str, Window]
    valuation_date: date | None
    valuation_certainty: str
    cap: float | None
    bases: dict[str, str] = field(default_factory=dict)


def _in_force(entries: list[dict[str, Any]], on: date, key: str) -> dict[str, dict[str, Any]]:
    """Per ``key`` value, the latest default entry effective on or before ``on`` (else the earliest default)."""
    out: dict[str, dict[str, Any]] = {}
    for e in sorted((e for e in entries if e.get("default", True)), key=lambda e: e["effective"]):
        if e[key] not in out or e["effective"] <= on:
            out[e[key]] = e
    return out


def policy_facts(marketplace: str, on: date) -> PolicyFacts:
    """What the packets of ``marketplace`` may say about windows and valuation on ``on``."""
    policy = load_policy(marketplace)
    windows = {
        t: Window(w["opens_days"], w["closes_days"], w["opens_months"], w["closes_months"], w["anchor"],
                  w["certainty"], w["why"], tuple(w["sources"]))
        for t, w in _in_force(policy.sections["windows"], on, "type").items()
    }
    params = _in_force(policy.sections["params"], on, "name")
    valuation = params.get("valuation_date")
    cap = params.get("reimbursement_cap")
    bases = {t: v["basis"] for t, v in _in_force(policy.sections["valuation"], on, "type").items()}
    return PolicyFacts(policy.marketplace, policy.currency, on, windows,
                       valuation["value"] if valuation else None, valuation["certainty"] if valuation else "",
                       float(cap["value"]) if cap else None, bases)
