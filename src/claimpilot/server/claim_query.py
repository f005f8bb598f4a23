"""The claims table as the web page and scripts page through it: filters, a count, one page.

Rows are rendered by the cases package's own ``views.claim_row``; this module
only selects which claims, always within one seller account and marketplace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, defer, joinedload

from claimpilot.tools.cases import views
from claimpilot.tools.cases.models import Claim


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims: by type, status (any of), event date range, window closing by."""

    type: str | None = None
    status: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    closes_from: date | None = None
    closes_by: date | None = None

    def apply(self, query: Select, seller_id: str, marketplace: str) -> Select:
        query = query.where(Claim.seller_id == seller_id, Claim.marketplace == marketplace)
        if self.type:
            query = query.where(Claim.type == self.type)
        if self.status:
            query = query.where(Claim.status.in_(self.status))
        if self.since:
            query = query.where(Claim.event_date >= self.since)
        if self.until:
            query = query.where(Claim.event_date <= self.until)
        if self.closes_from:
            query = query.where(Claim.window_closes >= self.closes_from)
        if self.closes_by:
            query = query.where(Claim.window_closes <= self.closes_by)
        return query


def count_claims(db: Session, seller_id: str, marketplace: str, flt: ClaimFilter) -> int:
    return int(db.scalar(flt.apply(select(func.count(Claim.id)), seller_id, marketplace)) or 0)


def page_claims(db: Session, seller_id: str, marketplace: str, flt: ClaimFilter,
                limit: int | None = 50, offset: int = 0) -> list[dict]:
    """One page of claims, soonest-closing window first."""
    query = flt.apply(select(Claim), seller_id, marketplace).options(
        joinedload(Claim.case), defer(Claim.evidence), defer(Claim.detail))  # claim_row reads neither
    query = query.order_by(Claim.window_closes, Claim.id).offset(offset).limit(limit)
    return [views.claim_row(c) for c in db.scalars(query)]
