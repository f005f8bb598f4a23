"""What the 17TRACK emulator knows: the account key, parcels with their scripted scans, and the call log."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from claimpilot.sandbox.emulator.faults import Faults
from claimpilot.sandbox.emulator.ratelimit import TokenBucket

CARRIERS = {3011: "China Post", 190271: "Cainiao", 100002: "UPS", 100003: "FedEx", 21051: "USPS",
            100001: "DHL", 190008: "YunExpress"}
DEFAULT_CARRIER = 100002


@dataclass
class Scan:
    at: datetime
    sub_status: str
    description: str
    location: str = ""


@dataclass
class Parcel:
    number: str
    carrier: int = DEFAULT_CARRIER
    registered: bool = False
    tag: str = ""
    scans: list[Scan] = field(default_factory=list)
    eta: date | None = None

    def latest(self) -> Scan | None:
        return max(self.scans, key=lambda s: s.at) if self.scans else None


@dataclass
class Track17State:
    api_key: str = "sandbox-17token"
    webhook_key: str = "sandbox-17track-webhook-key"
    rate: float = 3.0
    burst: int = 3
    faults: Faults = field(default_factory=Faults)
    parcels: dict[str, Parcel] = field(default_factory=dict)
    calls: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.bucket = TokenBucket(self.rate, self.burst)

    def parcel(self, number: str, carrier: int | None = None) -> Parcel:
        with self.lock:
            key = number.upper()
            if key not in self.parcels:
                self.parcels[key] = Parcel(key, carrier or DEFAULT_CARRIER)
            return self.parcels[key]

    def scan(self, number: str, at: datetime, sub_status: str, description: str, location: str = "") -> None:
        """Script a scan the carrier reports (``sub_status`` as 17TRACK names it, e.g. InTransit_PickedUp)."""
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        self.parcel(number).scans.append(Scan(at, sub_status, description, location))

    def record(self, operation: str, status: int) -> None:
        with self.lock:
            self.calls.append((operation, status))

    def count(self, operation: str | None = None, status: int | None = None) -> int:
        with self.lock:
            return sum(1 for op, st in self.calls
                       if (operation is None or op == operation) and (status is None or st == status))
