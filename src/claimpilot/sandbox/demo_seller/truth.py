"""The demo seller's truth: what a correct audit finds as of a date, and what it must not claim."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def status_of(as_of: date, opens: date, closes: date) -> str:
    if as_of < opens:
        return "pending"
    return "claimable" if as_of <= closes else "expired"


@dataclass
class TruthFinding:
    type: str
    reference_id: str
    fnsku: str | None
    sku: str | None
    quantity: int
    unit_value: Decimal
    amount: Decimal
    currency: str
    event_date: date
    window_opens: date
    window_closes: date
    status: str
    unit_value_estimated: bool = False
    scenario: str = ""  # what was injected, in words
    marketplace: str = "US"

    @property
    def key(self) -> str:
        """The same identity as claimpilot.tools.audit.finding.Finding.key."""
        raw = "|".join([self.marketplace, self.type, self.reference_id, self.fnsku or "", self.sku or ""])
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def to_json(self) -> dict:
        d = asdict(self)
        d["key"] = self.key
        d["unit_value"], d["amount"] = str(self.unit_value), str(self.amount)
        for k in ("event_date", "window_opens", "window_closes"):
            d[k] = d[k].isoformat()
        return d


def finding(type: str, reference_id: str, product, quantity: int, unit_value: Decimal, event_date: date,
            opens_after: int, closes_after: int, as_of: date, scenario: str, estimated: bool = False) -> TruthFinding:
    opens, closes = event_date + timedelta(days=opens_after), event_date + timedelta(days=closes_after)
    return TruthFinding(type, reference_id, product.fnsku, product.sku, quantity, unit_value, unit_value * quantity,
                        "USD", event_date, opens, closes, status_of(as_of, opens, closes), estimated, scenario)


@dataclass
class Decoy:
    """Something that looks like a loss and is not one to claim as of the truth's date."""

    type: str
    reference_id: str
    fnsku: str | None
    category: str
    why: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Truth:
    as_of: date
    findings: list[TruthFinding] = field(default_factory=list)
    decoys: list[Decoy] = field(default_factory=list)

    def by_status(self, status: str) -> list[TruthFinding]:
        return [f for f in self.findings if f.status == status]

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "findings": [f.to_json() for f in self.findings],
            "decoys": [d.to_json() for d in self.decoys],
            "summary": {
                s: str(sum((f.amount for f in self.by_status(s)), Decimal(0))) for s in ("pending", "claimable", "expired")
            },
        }

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")
        return path
