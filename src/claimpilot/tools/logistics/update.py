"""What any provider reports about one shipment, in one provider-neutral form."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from claimpilot.tools.logistics.status import Mapped


@dataclass(frozen=True)
class ScanIn:
    """One scan or milestone as a provider told it."""

    at: datetime
    mapped: Mapped
    description: str = ""
    location: str = ""

    @property
    def key(self) -> str:
        """Same scan, same key, however often it is told."""
        text = f"{self.at.astimezone(UTC).isoformat()}|{self.mapped.original}|{self.description}|{self.location}"
        return hashlib.sha256(text.encode()).hexdigest()[:40]


@dataclass
class TrackingUpdate:
    """A provider's current view of a shipment: latest status, ETA, scans (any order), extras."""

    ref: str
    source: str  # track17 | sp_api | forwarder
    mapped: Mapped | None = None
    eta: date | None = None
    scans: list[ScanIn] = field(default_factory=list)
    carrier: str | None = None
    carrier_code: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # other columns to set (etd, planned_eta, origin, ...)
    detail: dict[str, Any] = field(default_factory=dict)  # merged into Shipment.detail


def as_utc(value: datetime) -> datetime:
    """A timestamp in UTC (a naive one is taken as UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
