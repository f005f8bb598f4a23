"""Claims, cases and what happened to them, in the operational store."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimpilot import clock
from claimpilot.db.base import Base

Money = Numeric(14, 2)



class Claim(Base):
    """One loss the audit found, under its stable key, for one seller and marketplace."""

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("seller_id", "marketplace", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    marketplace: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(24), index=True)
    reference_id: Mapped[str] = mapped_column(String(120))
    fnsku: Mapped[str | None] = mapped_column(String(40), index=True)
    sku: Mapped[str | None] = mapped_column(String(120))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_value: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(8))
    unit_value_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    event_date: Mapped[date] = mapped_column(Date)
    window_opens: Mapped[date] = mapped_column(Date)
    window_closes: Mapped[date] = mapped_column(Date)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen: Mapped[date] = mapped_column(Date)
    last_seen: Mapped[date] = mapped_column(Date)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc, onupdate=clock.now_utc)

    case: Mapped[Case | None] = relationship(back_populates="claims")
    events: Mapped[list[ClaimEvent]] = relationship(back_populates="claim", order_by="ClaimEvent.id")
    reimbursements: Mapped[list[ReimbursementMatch]] = relationship(
        back_populates="claim", order_by="ReimbursementMatch.id")
    denials: Mapped[list[Denial]] = relationship(back_populates="claim", order_by="Denial.id")
    appeals: Mapped[list[Appeal]] = relationship(back_populates="claim", order_by="Appeal.id")


class Case(Base):
    """A case packet: the claims filed together, and the Amazon case once submitted."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    marketplace: Mapped[str] = mapped_column(String(8))
    type: Mapped[str] = mapped_column(String(40))
    group_key: Mapped[str] = mapped_column(String(160))
    language: Mapped[str] = mapped_column(String(8))
    amazon_case_id: Mapped[str | None] = mapped_column(String(40), index=True)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    explanation_zh: Mapped[str] = mapped_column(Text, default="")
    compliance_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    compliance_issues: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)

    claims: Mapped[list[Claim]] = relationship(back_populates="case", order_by="Claim.id")


class ClaimEvent(Base):
    """The audit trail: every change to a claim, with the as-of date that caused it."""

    __tablename__ = "claim_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    as_of: Mapped[date | None] = mapped_column(Date)
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    old_quantity: Mapped[int | None] = mapped_column(Integer)
    new_quantity: Mapped[int | None] = mapped_column(Integer)
    old_amount: Mapped[Decimal | None] = mapped_column(Money)
    new_amount: Mapped[Decimal | None] = mapped_column(Money)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)

    claim: Mapped[Claim] = relationship(back_populates="events")


class ReimbursementMatch(Base):
    """A reimbursement (or its reversal) from Amazon's report, matched to a claim."""

    __tablename__ = "reimbursement_matches"
    __table_args__ = (UniqueConstraint("seller_id", "marketplace", "reimbursement_id", "fnsku", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64))
    marketplace: Mapped[str] = mapped_column(String(8))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    reimbursement_id: Mapped[str] = mapped_column(String(40))
    fnsku: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(16))  # payment | reversal
    matched_by: Mapped[str] = mapped_column(String(16))  # case_id | fnsku | original_id
    approval_date: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(8))
    source_file: Mapped[str | None] = mapped_column(String(64))
    source_row: Mapped[int | None] = mapped_column(Integer)

    claim: Mapped[Claim] = relationship(back_populates="reimbursements")


class Denial(Base):
    """Amazon's answer 'no', with its reason as written and as classified."""

    __tablename__ = "denials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    reason_code: Mapped[str] = mapped_column(String(32))
    reason_text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)

    claim: Mapped[Claim] = relationship(back_populates="denials")


class Appeal(Base):
    """An appeal draft for a denied claim."""

    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    denial_id: Mapped[int | None] = mapped_column(ForeignKey("denials.id"))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    polished: Mapped[bool] = mapped_column(Boolean, default=False)
    compliance_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    compliance_issues: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)

    claim: Mapped[Claim] = relationship(back_populates="appeals")


# The claims table pages in window-closing order per seller and marketplace (the
# web page's and the API's list): this index serves that order without a sort.
CLAIMS_LISTING_INDEX = Index("ix_claims_listing", Claim.seller_id, Claim.marketplace, Claim.window_closes, Claim.id)
