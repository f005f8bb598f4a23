"""Seller accounts for scheduled work: add, list, remove, set credentials, schedules.

Every function takes an open SQLAlchemy session and leaves committing to the
caller. Secrets go in as plain strings and are stored only encrypted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot.config import Settings
from claimpilot.scheduler.models import SellerSchedule
from claimpilot.scheduler.slots import parse_at
from claimpilot.sellers import crypto
from claimpilot.sellers.models import SellerCredential
from claimpilot.server import accounts
from claimpilot.server.models import SellerAccount

DEFAULT_SCHEDULES: dict[str, dict] = {
    "scan": {"at_utc": "06:00", "enabled": True},
    "digest": {"at_utc": "08:00", "enabled": True},
    "buyer_mail": {"every_minutes": 15, "enabled": False},
    "tracking": {"every_minutes": 120, "enabled": True},
}
"""Each job kind's schedule for a new seller. Buyer mail starts switched off: it needs the seller's
mailbox (``claimpilot sellers schedule SELLER buyer_mail --every 15`` switches it on)."""

REGIONS = ("NA", "EU", "FE")


class SellerError(ValueError):
    """A seller operation was asked something it cannot do (the message says what)."""


@dataclass
class SellerView:
    seller_id: str
    name: str
    marketplace: str
    region: str | None
    has_refresh_token: bool
    schedules: dict[str, str]


def add_seller(db: Session, seller_id: str, name: str = "", marketplace: str = "US",
               kinds: list[str] | None = None) -> SellerAccount:
    """A new seller account with the default schedule of each job kind (``kinds``: only those).

    An account that exists without any schedule (made by ``claimpilot users add --seller``) is
    given the schedules; one that has schedules already is refused.
    """
    from claimpilot.jobs.kinds import JOB_KINDS

    seller = db.get(SellerAccount, seller_id)
    if seller is not None and db.scalar(select(SellerSchedule.id).where(SellerSchedule.seller_id == seller_id)):
        raise SellerError(f"seller already exists: {seller_id}")
    if seller is None:
        try:
            seller = accounts.ensure_seller(db, seller_id, name, marketplace)
        except accounts.AccountError as exc:
            raise SellerError(str(exc)) from exc
    for kind, when in DEFAULT_SCHEDULES.items():
        if kind in JOB_KINDS and (kinds is None or kind in kinds):
            db.add(SellerSchedule(seller_id=seller_id, kind=kind, options={}, **when))
    db.flush()
    return seller


def get_seller(db: Session, seller_id: str) -> SellerAccount:
    seller = db.get(SellerAccount, seller_id)
    if seller is None:
        raise SellerError(f"no such seller: {seller_id}")
    return seller


def remove_seller(db: Session, seller_id: str) -> None:
    """Forget the account, its credentials, memberships and schedules (claims and files stay)."""
    db.delete(get_seller(db, seller_id))
    db.flush()


def set_credentials(settings: Settings, db: Session, seller_id: str, *, refresh_token: str | None = None,
                    lwa_app_id: str | None = None, lwa_client_secret: str | None = None,
                    region: str | None = None, endpoint: str | None = None) -> SellerCredential:
    """Store (encrypted) the SP-API credentials of ``seller_id``; arguments left None keep their value."""
    get_seller(db, seller_id)
    if region is not None and region.upper() not in REGIONS:
        raise SellerError(f"unknown region {region!r}; one of {', '.join(REGIONS)}")
    cred = db.get(SellerCredential, seller_id) or SellerCredential(seller_id=seller_id, region="NA")
    if refresh_token is not None:
        cred.refresh_token_enc = crypto.encrypt(settings, refresh_token)
    if lwa_client_secret is not None:
        cred.lwa_client_secret_enc = crypto.encrypt(settings, lwa_client_secret)
    if lwa_app_id is not None:
        cred.lwa_app_id = lwa_app_id
    if region is not None:
        cred.region = region.upper()
    if endpoint is not None:
        cred.endpoint = endpoint or None
    db.add(cred)
    db.flush()
    return cred


def set_schedule(db: Session, seller_id: str, kind: str, *, at_utc: str | None = None,
                 every_minutes: int | None = None, enabled: bool = True, options: dict | None = None) -> SellerSchedule:
    """Run ``kind`` for the seller daily at ``at_utc`` or every ``every_minutes`` (or switch it off)."""
    from claimpilot.jobs.kinds import JOB_KINDS

    get_seller(db, seller_id)
    if kind not in JOB_KINDS:
        raise SellerError(f"unknown job kind {kind!r}; one of {', '.join(sorted(JOB_KINDS))}")
    if enabled and (at_utc is None) == (every_minutes is None):
        raise SellerError("give exactly one of a daily time (HH:MM, UTC) or an interval in minutes")
    if at_utc is not None:
        parse_at(at_utc)
    if every_minutes is not None and not 1 <= every_minutes <= 1440:
        raise SellerError(f"interval must be 1..1440 minutes, got {every_minutes}")
    row = db.scalar(select(SellerSchedule).where(SellerSchedule.seller_id == seller_id, SellerSchedule.kind == kind))
    if row is None:
        row = SellerSchedule(seller_id=seller_id, kind=kind, options={})
        db.add(row)
    row.enabled = enabled
    if enabled:
        row.at_utc, row.every_minutes = at_utc, every_minutes
    if options is not None:
        row.options = dict(options)
    db.flush()
    return row


def describe(schedule: SellerSchedule) -> str:
    when = f"daily {schedule.at_utc} UTC" if schedule.at_utc else f"every {schedule.every_minutes} min"
    return when if schedule.enabled else f"off ({when})"


def list_sellers(db: Session) -> list[SellerView]:
    out = []
    for seller in db.scalars(select(SellerAccount).order_by(SellerAccount.id)):
        cred = db.get(SellerCredential, seller.id)
        schedules = db.scalars(select(SellerSchedule).where(SellerSchedule.seller_id == seller.id)
                               .order_by(SellerSchedule.kind))
        out.append(SellerView(seller.id, seller.name, seller.marketplace, cred.region if cred else None,
                              bool(cred and cred.refresh_token_enc), {s.kind: describe(s) for s in schedules}))
    return out
