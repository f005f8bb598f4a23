"""The audit's summary: counts and money by type and status, what to act on."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from .finding import Finding

EXPIRING_DAYS = 7


def summarize(findings: list[Finding], as_of: date) -> dict:
    """Counts and amounts by type x status, per currency; claimable total,
    claimable money whose window closes within the next 7 days, money lost to
    expired windows."""
    by: dict[str, dict[str, dict]] = defaultdict(dict)
    totals = {"claimable": defaultdict(Decimal), "expiring_7d": defaultdict(Decimal), "expired": defaultdict(Decimal),
              "pending": defaultdict(Decimal)}
    counts = {"claimable": 0, "expiring_7d": 0, "expired": 0, "pending": 0}
    horizon = as_of + timedelta(days=EXPIRING_DAYS)
    for f in findings:
        cell = by[f.type].setdefault(f.status, {"count": 0, "quantity": 0, "amount": defaultdict(Decimal)})
        cell["count"] += 1
        cell["quantity"] += f.quantity
        cell["amount"][f.currency] += f.amount
        totals[f.status][f.currency] += f.amount
        counts[f.status] += 1
        if f.status == "claimable" and f.window_closes <= horizon:
            totals["expiring_7d"][f.currency] += f.amount
            counts["expiring_7d"] += 1

    def money(d: dict) -> dict[str, str]:
        return {cur: str(amount) for cur, amount in sorted(d.items())}

    return {
        "by_type": {
            t: {s: {"count": c["count"], "quantity": c["quantity"], "amount": money(c["amount"])} for s, c in st.items()}
            for t, st in sorted(by.items())
        },
        "claimable": {"count": counts["claimable"], "amount": money(totals["claimable"])},
        "pending": {"count": counts["pending"], "amount": money(totals["pending"])},
        "expiring_7d": {"count": counts["expiring_7d"], "amount": money(totals["expiring_7d"])},
        "lost_to_expiry": {"count": counts["expired"], "amount": money(totals["expired"])},
    }
