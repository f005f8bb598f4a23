"""The money: claimed, recovered, pending, open, lost to expiry - by type and by month.

- claimed: claims filed with Amazon (their amount), by the month filed;
- recovered: reimbursements matched, net of reversals, by approval month;
- pending: filed claims awaiting an answer (submitted, appealed);
- open: claimable or drafted claims not filed yet, by window-closing month;
- lost_to_expiry: claims whose window closed unfiled, by window-closing month;
- denied: claims denied and not appealed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claimpilot.tools.cases import states as S
from claimpilot.tools.cases.models import Claim

METRICS = ("claimed", "recovered", "pending", "open", "lost_to_expiry", "denied")


class MoneySummary(TypedDict):
    """Amounts (two decimals, as strings) per metric: in all, by claim type, by month; claims per status."""

    marketplace: str
    currency: str | None  # "mixed" where the claims carry several
    total: dict[str, str]
    by_type: dict[str, dict[str, str]]
    by_month: dict[str, dict[str, str]]
    claims_by_status: dict[str, int]


def _month(d: date | None) -> str:
    return d.strftime("%Y-%m") if d else "unknown"


def summary(session: Session, seller_id: str, marketplace: str) -> MoneySummary:
    """Totals, by type and by month; amounts as strings with two decimals."""
    zero: Callable[[], dict[str, Decimal]] = lambda: {m: Decimal(0) for m in METRICS}  # noqa: E731
    total = zero()
    by_type: defaultdict[str, dict[str, Decimal]] = defaultdict(zero)
    by_month: defaultdict[str, dict[str, Decimal]] = defaultdict(zero)
    currencies: set[str] = set()
    counts: dict[str, int] = defaultdict(int)

    def add(metric: str, claim: Claim, amount: Decimal, month: str) -> None:
        total[metric] += amount
        by_type[claim.type][metric] += amount
        by_month[month][metric] += amount

    claims = session.scalars(select(Claim).where(Claim.seller_id == seller_id, Claim.marketplace == marketplace)
                             .options(selectinload(Claim.reimbursements), selectinload(Claim.case)))
    for c in claims:
        currencies.add(c.currency)
        counts[c.status] += 1
        amount = Decimal(c.amount)
        if c.status in S.FILED:
            add("claimed", c, amount, _month(c.case.submitted_on if c.case else None))
        for m in c.reimbursements:
            add("recovered", c, Decimal(m.amount), _month(m.approval_date))
        if c.status in S.AWAITING:
            add("pending", c, amount, _month(c.case.submitted_on if c.case else None))
        elif c.status in (S.CLAIMABLE, S.DRAFTED):
            add("open", c, amount, _month(c.window_closes))
        elif c.status == S.EXPIRED:
            add("lost_to_expiry", c, amount, _month(c.window_closes))
        elif c.status == S.DENIED:
            add("denied", c, amount, _month(c.case.submitted_on if c.case else None))

    def out(d: dict[str, Decimal]) -> dict[str, str]:
        return {k: f"{v:.2f}" for k, v in d.items()}

    return {
        "marketplace": marketplace,
        "currency": currencies.pop() if len(currencies) == 1 else ("mixed" if currencies else None),
        "total": out(total),
        "by_type": {t: out(v) for t, v in sorted(by_type.items())},
        "by_month": {m: out(v) for m, v in sorted(by_month.items())},
        "claims_by_status": dict(sorted(counts.items())),
    }
