"""Which claims a list shows: filters, order, one page and the total, always within one seller and marketplace.

The one listing of claims behind ``CaseService.list_claims`` / ``claims_page``
(CLI, agent, server). Soonest-closing window first, then id: the order the
``ix_claims_listing`` index (seller, marketplace, window_closes, id) serves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from claimpilot.tools.cases import views
from claimpilot.tools.cases.models import Case, Claim
from claimpilot.vocabulary import ClaimStatus

STATUS_GROUPS: dict[str, tuple[str, ...]] = {
    "claimable": (ClaimStatus.CLAIMABLE, ClaimStatus.DRAFTED),  # the window is open and nothing is filed yet
    "awaiting": (ClaimStatus.SUBMITTED, ClaimStatus.APPEALED),  # filed, Amazon has not answered
    "reimbursed": (ClaimStatus.REIMBURSED, ClaimStatus.PARTLY_REIMBURSED),  # money came in
}
"""What a seller means by a status word that covers several lifecycle states."""


def statuses_for(word: str | None) -> tuple[str, ...]:
    """The claim statuses a status word selects: a group's members, or the status itself."""
    if not word:
        return ()
    return STATUS_GROUPS.get(word, (word,))


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims: type, status (any of), FNSKU (or the FNSKUs of an ASIN), SKU, order (the claim's
    reference), Amazon case id, amount range and its currency, event date range, window closing range
    (all inclusive)."""

    type: str | None = None
    status: tuple[str, ...] = ()
    fnsku: str | None = None
    since: date | None = None
    until: date | None = None
    closes_from: date | None = None
    closes_by: date | None = None
    sku: str | None = None
    reference_id: str | None = None
    case_id: str | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    text: str | None = None  # any of FNSKU, SKU, the reference (order, shipment ...) or the Amazon case id
    currency: str | None = None  # alone or with an amount range: only claims in this currency
    fnskus: tuple[str, ...] | None = None  # any of these FNSKUs (an ASIN's); empty: none can match
    ids: tuple[int, ...] = ()  # only these claims

    @classmethod
    def of(cls, status: str | Iterable[str] | None = None, **rest: Any) -> ClaimFilter:
        """A filter from loose arguments: ``status`` one status or several."""
        statuses = (status,) if isinstance(status, str) else tuple(status or ())
        return cls(status=statuses, **rest)

    def apply(self, query: Select[Any], seller_id: str, marketplace: str) -> Select[Any]:
        query = query.where(Claim.seller_id == seller_id, Claim.marketplace == marketplace)
        if self.type:
            query = query.where(Claim.type == self.type)
        if self.status:
            query = query.where(Claim.status.in_(self.status))
        if self.fnsku:
            query = query.where(func.upper(Claim.fnsku) == self.fnsku.strip().upper())
        if self.fnskus is not None:
            query = query.where(func.upper(Claim.fnsku).in_([f.strip().upper() for f in self.fnskus]))
        if self.since:
            query = query.where(Claim.event_date >= self.since)
        if self.until:
            query = query.where(Claim.event_date <= self.until)
        if self.closes_from:
            query = query.where(Claim.window_closes >= self.closes_from)
        if self.closes_by:
            query = query.where(Claim.window_closes <= self.closes_by)
        if self.sku:
            query = query.where(func.upper(Claim.sku) == self.sku.strip().upper())
        if self.reference_id:
            query = query.where(Claim.reference_id == self.reference_id.strip())
        if self.case_id:
            query = query.where(Claim.case_id.in_(select(Case.id).where(Case.amazon_case_id == self.case_id.strip())))
        if self.amount_min is not None:
            query = query.where(Claim.amount >= self.amount_min)
        if self.amount_max is not None:
            query = query.where(Claim.amount <= self.amount_max)
        if self.text and self.text.strip():
            needle = self.text.strip()
            query = query.where(or_(func.upper(Claim.fnsku) == needle.upper(), func.upper(Claim.sku) == needle.upper(),
                                    Claim.reference_id == needle,
                                    Claim.case_id.in_(select(Case.id).where(Case.amazon_case_id == needle))))
        if self.currency:
            query = query.where(Claim.currency == self.currency.strip().upper())
        if self.ids:
            query = query.where(Claim.id.in_(self.ids))
        return query


@dataclass(frozen=True)
class ClaimPage:
    """One page of claims and how many match in all."""

    total: int
    limit: int | None
    offset: int
    items: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


def count_claims(s: Session, seller_id: str, marketplace: str, flt: ClaimFilter) -> int:
    return int(s.scalar(flt.apply(select(func.count(Claim.id)), seller_id, marketplace)) or 0)


# The orders a page of claims can be read in: by window close (soonest first, the default), amount, event date,
# type or status; "-" before a name reverses it.
SORTS = {"window_closes": Claim.window_closes, "amount": Claim.amount, "event_date": Claim.event_date,
         "type": Claim.type, "status": Claim.status}


# The columns a listed claim shows (``views.listed_claim``): read as plain rows, with its case's Amazon case id,
# never as ORM objects (a page of claims is read on every visit of the claims page).
LISTED = (Claim.id, Claim.key, Claim.type, Claim.status, Claim.marketplace, Claim.reference_id, Claim.fnsku, Claim.sku,
          Claim.quantity, Claim.unit_value, Claim.amount, Claim.currency, Claim.unit_value_estimated,
          Claim.event_date, Claim.window_opens, Claim.window_closes, Claim.first_seen, Claim.last_seen,
          Claim.case_id, Case.amazon_case_id)


def _listing(seller_id: str, marketplace: str, flt: ClaimFilter, sort: str) -> Select[Any]:
    column = SORTS.get(sort.lstrip("-"))
    if column is None:
        raise ValueError(f"cannot sort claims by {sort!r}; one of {', '.join(SORTS)} (with '-' for descending)")
    order = column.desc() if sort.startswith("-") else column
    query: Select[Any] = select(*LISTED).select_from(Claim).outerjoin(Case, Claim.case_id == Case.id)  # type: ignore[assignment]
    return flt.apply(query, seller_id, marketplace).order_by(order, Claim.id)


def page_claims(s: Session, seller_id: str, marketplace: str, flt: ClaimFilter,
                limit: int | None = None, offset: int = 0, sort: str = "window_closes") -> list[dict[str, Any]]:
    """Claims as ``views.claim_row`` dicts in ``sort`` order (soonest-closing window first by default), ties by
    id; ``limit`` None: all."""
    if offset < 0 or (limit is not None and limit < 0):
        raise ValueError("limit and offset cannot be negative")
    query = _listing(seller_id, marketplace, flt, sort).offset(offset or None).limit(limit)
    return [views.listed_claim(r) for r in s.execute(query)]


def claims_page(s: Session, seller_id: str, marketplace: str, flt: ClaimFilter,
                limit: int | None = 50, offset: int = 0, sort: str = "window_closes") -> ClaimPage:
    """The total matching ``flt`` and the page at ``offset``, read in one session."""
    return ClaimPage(total=count_claims(s, seller_id, marketplace, flt), limit=limit, offset=offset,
                     items=page_claims(s, seller_id, marketplace, flt, limit, offset, sort))


def amount_totals(s: Session, seller_id: str, marketplace: str, flt: ClaimFilter) -> dict[str, str]:
    """Currency -> the sum of the amounts of the claims ``flt`` selects ("123.45")."""
    by_currency: Select[Any] = select(Claim.currency, func.sum(Claim.amount))  # type: ignore[assignment]
    query = flt.apply(by_currency, seller_id, marketplace).group_by(Claim.currency)
    return {currency: f"{Decimal(total or 0):.2f}" for currency, total in s.execute(query)}


def claim_ids_for_case(s: Session, seller_id: str, marketplace: str | None, case_id: str) -> list[int]:
    """The claims filed under Amazon case ``case_id`` (any marketplace when none is given), lowest id first."""
    query = select(Claim.id).join(Case, Claim.case_id == Case.id).where(
        Claim.seller_id == seller_id, Case.amazon_case_id == str(case_id).strip())
    if marketplace:
        query = query.where(Claim.marketplace == marketplace)
    return list(s.scalars(query.order_by(Claim.id)))


def known_ids(s: Session, seller_id: str) -> dict[str, list[str]]:
    """The ids a person may name a claim by, as stored: claim numbers, Amazon case ids, orders, FNSKUs, SKUs."""
    rows = s.execute(select(Claim.id, Claim.reference_id, Claim.fnsku, Claim.sku)
                     .where(Claim.seller_id == seller_id)).all()
    cases = s.scalars(select(Case.amazon_case_id).where(Case.amazon_case_id.is_not(None),
                                                        Case.id.in_(select(Claim.case_id).where(
                                                            Claim.seller_id == seller_id)))).all()
    return {"claim_id": sorted({str(r.id) for r in rows}), "case_id": sorted({c for c in cases if c}),
            "order_id": sorted({r.reference_id for r in rows if r.reference_id}),
            "fnsku": sorted({r.fnsku for r in rows if r.fnsku}), "sku": sorted({r.sku for r in rows if r.sku})}
