"""A finding: one sum of money the audit says Amazon owes (or owed) the seller."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

FindingType = Literal[
    "warehouse_lost",
    "warehouse_damaged",
    "customer_return_missing",
    "inbound_shortage",
    "fee_overcharge",
    "reimbursement_underpaid",
    "return_damaged_unreimbursed",
    "refund_above_paid",
    "refund_commission_short",
    "reimbursement_reversed_unfound",
    "removal_shipment_short",
]
FindingStatus = Literal["pending", "claimable", "expired"]


@dataclass(frozen=True)
class Evidence:
    """A row of a raw report file that a finding rests on."""

    report: str  # report kind, e.g. "ledger"
    file: str  # sha256 of the raw file kept in the evidence vault
    row: int  # data row number in that file (the header is row 1)


@dataclass
class Finding:
    type: FindingType
    status: FindingStatus
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
    evidence: list[Evidence] = field(default_factory=list)
    marketplace: str = "US"
    unit_value_estimated: bool = False
    detail: dict[str, object] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Stable identity: the same loss found again is the same finding."""
        raw = "|".join([self.marketplace, self.type, self.reference_id, self.fnsku or "", self.sku or ""])
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d["key"] = self.key
        for k in ("unit_value", "amount"):
            d[k] = str(d[k])
        for k in ("event_date", "window_opens", "window_closes"):
            d[k] = d[k].isoformat()
        return d
