"""How an audit compares with the demo seller's truth: found, missed, wrongly claimed."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimpilot.sandbox.demo_seller import Truth
from claimpilot.tools.audit import Finding


@dataclass
class Scorecard:
    expected: int
    found_exact: int
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)

    @property
    def perfect(self) -> bool:
        return not (self.missed or self.wrong or self.false_claims)


def score(findings: list[Finding], truth: Truth) -> Scorecard:
    """Every truth finding must be found with the same quantity, amount and status;
    nothing the truth does not hold may be claimable."""
    mine = {f.key: f for f in findings}
    card = Scorecard(expected=len(truth.findings), found_exact=0)
    for t in truth.findings:
        f = mine.get(t.key)
        label = f"{t.type} {t.reference_id} {t.fnsku or ''}".strip()
        if f is None:
            card.missed.append(label)
        elif (f.quantity, f.amount, f.status) != (t.quantity, t.amount, t.status):
            card.wrong.append(f"{label}: found {f.quantity} u {f.amount} {f.status}, "
                              f"truth {t.quantity} u {t.amount} {t.status}")
        else:
            card.found_exact += 1
    known = {t.key for t in truth.findings}
    card.false_claims = [f"{f.type} {f.reference_id}" for f in findings if f.status == "claimable" and f.key not in known]
    return card
