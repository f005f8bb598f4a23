"""Amazon's per-operation usage plans, and the token buckets that enforce them.

Rates are requests per second, bursts are bucket sizes, as Amazon publishes
them for the default usage plan of each operation. ``scale`` speeds every
rate up by the same factor (tests run with a fast clock); the scaled rate is
what ``x-amzn-RateLimit-Limit`` reports, so a client honouring the header
behaves the same at any scale.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class UsagePlan:
    rate: float
    burst: int


USAGE_PLANS: dict[str, UsagePlan] = {
    "createReport": UsagePlan(0.0167, 15),
    "getReports": UsagePlan(0.0222, 10),
    "getReport": UsagePlan(2.0, 15),
    "getReportDocument": UsagePlan(0.0167, 15),
    "getShipments": UsagePlan(2.0, 30),
    "getShipmentItemsByShipmentId": UsagePlan(2.0, 30),
    "listFinancialEvents": UsagePlan(0.5, 30),
    "getOrder": UsagePlan(0.5, 30),
    "getOrderItems": UsagePlan(0.5, 30),
}


class TokenBucket:
    """A bucket of ``burst`` tokens refilled at ``rate`` a second."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._stamp = time.monotonic()
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Take one token; False when the bucket is empty (the call is throttled)."""
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return True
            return False


class RateLimiter:
    """One bucket per operation, from ``USAGE_PLANS`` (optionally overridden)."""

    def __init__(self, scale: float = 1.0, plans: dict[str, UsagePlan] | None = None) -> None:
        merged = {**USAGE_PLANS, **(plans or {})}
        self.plans = {op: UsagePlan(p.rate * scale, p.burst) for op, p in merged.items()}
        self._buckets = {op: TokenBucket(p.rate, p.burst) for op, p in self.plans.items()}

    def allow(self, operation: str) -> bool:
        return self._buckets[operation].take()

    def header(self, operation: str) -> str:
        """The ``x-amzn-RateLimit-Limit`` value for an operation."""
        return f"{self.plans[operation].rate:g}"
