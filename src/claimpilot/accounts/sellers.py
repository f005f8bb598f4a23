"""Seller accounts for scheduled work: add, list, remove, set credentials, schedules, and a seller's own
buyer mailbox and alert channels.

Every function takes an open SQLAlchemy session and leaves committing to the
caller. Secrets go in as plain strings and are stored only encrypted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, time
from typing import Any

from pydantic import BaseModel, SecretStr, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot.accounts import channels, crypto
from claimpilot.accounts import members as accounts
from claimpilot.accounts.models import SellerAccount, SellerChannel, SellerCredential, SellerSchedule
from claimpilot.accounts.nodes import assign_node
from claimpilot.config import AlertChannelSettings, ImapSettings, Settings, SmtpSettings
from claimpilot.errors import Invalid
from claimpilot.vocabulary import JobKind

DEFAULT_SCHEDULES: dict[str, dict[str, Any]] = {
    "scan": {"at_utc": "06:00", "enabled": True},
    "digest": {"at_utc": "08:00", "enabled": True},
    "buyer_mail": {"every_minutes": 15, "enabled": False},
    "tracking": {"every_minutes": 120, "enabled": True},
}
"""Each job kind's schedule for a new seller. Buyer mail starts switched off: it needs a mailbox, the
seller's own (``claimpilot sellers mailbox SELLER ...``) or the installation's if it belongs to the seller
(``buyers.seller_id``); ``claimpilot sellers schedule SELLER buyer_mail --every 15`` switches it on."""

REGIONS = ("NA", "EU", "FE")


class SellerError(Invalid):
    """A seller operation was asked something it cannot do (the message says what)."""


@dataclass
class SellerView:
    seller_id: str
    name: str
    marketplace: str
    region: str | None
    has_refresh_token: bool
    schedules: dict[str, str]
    has_mailbox: bool = False
    """the seller has its own buyer mailbox (IMAP + SMTP)"""
    has_alert_channels: bool = False
    """the seller has its own alert and digest channels"""
    node: str = ""
    """the worker node home to the seller's warehouse ("": none, the shared queue and home)"""


def add_seller(db: Session, seller_id: str, name: str = "", marketplace: str = "US",
               kinds: list[str] | None = None) -> SellerAccount:
    """A new seller account with the default schedule of each job kind (``kinds``: only those).

    An account that exists without any schedule (made by ``claimpilot users add --seller ... --create``) is
    given the schedules; one that has schedules already is refused.
    """
    seller = db.get(SellerAccount, seller_id)
    if seller is not None and db.scalar(select(SellerSchedule.id).where(SellerSchedule.seller_id == seller_id)):
        raise SellerError(f"seller already exists: {seller_id}")
    if seller is None:
        try:
            seller = accounts.ensure_seller(db, seller_id, name, marketplace)
        except accounts.AccountError as exc:
            raise SellerError(str(exc)) from exc
    for kind, when in DEFAULT_SCHEDULES.items():
        if kinds is None or kind in kinds:
            db.add(SellerSchedule(seller_id=seller_id, kind=kind, options={}, **when))
    db.flush()
    assign_node(db, seller)
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
                 every_minutes: int | None = None, enabled: bool = True,
                 options: dict[str, Any] | None = None) -> SellerSchedule:
    """Run ``kind`` for the seller daily at ``at_utc`` or every ``every_minutes`` (or switch it off)."""
    get_seller(db, seller_id)
    if kind not in set(JobKind):
        raise SellerError(f"unknown job kind {kind!r}; one of {', '.join(sorted(JobKind))}")
    if enabled and (at_utc is None) == (every_minutes is None):
        raise SellerError("give exactly one of a daily time (HH:MM, UTC) or an interval in minutes")
    if at_utc is not None:
        try:
            parse_at(at_utc)
        except ValueError as exc:
            raise SellerError(str(exc)) from None
    if every_minutes is not None and not 1 <= every_minutes <= 1440:
        raise SellerError(f"interval must be 1..1440 minutes, got {every_minutes}")
    row = schedule_of(db, seller_id, kind)
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


def parse_at(at_utc: str) -> time:
    """``"HH:MM"`` as a time, or ValueError naming what is wrong."""
    try:
        hh, mm = at_utc.split(":")
        return time(int(hh), int(mm), tzinfo=UTC)
    except ValueError as exc:
        raise ValueError(f"not a time of day HH:MM (UTC): {at_utc!r}") from exc


def schedule_of(db: Session, seller_id: str, kind: str) -> SellerSchedule | None:
    return db.scalar(select(SellerSchedule).where(SellerSchedule.seller_id == seller_id, SellerSchedule.kind == kind))


def describe(schedule: SellerSchedule) -> str:
    when = f"daily {schedule.at_utc} UTC" if schedule.at_utc else f"every {schedule.every_minutes} min"
    return when if schedule.enabled else f"off ({when})"


def list_sellers(db: Session) -> list[SellerView]:
    """Every seller account; whether it has a refresh token, its own mailbox, its own alert channels
    (never their secrets), and its schedules."""
    out = []
    own = channels.channel_sections(db)
    for seller in db.scalars(select(SellerAccount).order_by(SellerAccount.id)):
        cred = db.get(SellerCredential, seller.id)
        schedules = db.scalars(select(SellerSchedule).where(SellerSchedule.seller_id == seller.id)
                               .order_by(SellerSchedule.kind))
        sections = own.get(seller.id, set())
        out.append(SellerView(seller.id, seller.name, seller.marketplace, cred.region if cred else None,
                              bool(cred and cred.refresh_token_enc), {s.kind: describe(s) for s in schedules},
                              channels.MAILBOX in sections, channels.ALERTS in sections, seller.node))
    return out


# a seller's own buyer mailbox and alert channels ------------------------------------------------------

ALERT_CHANNELS = ("webhook_url", "email_to", "wecom_url", "dingtalk_url", "feishu_url")
MAILBOX_REQUIRED = ("host", "username", "password")


def _reasons(exc: ValidationError) -> str:
    """Each wrong setting and why, never the value that was given."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())


def _merge(what: str, model: type[BaseModel], stored: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """``stored`` with ``given`` laid over it (None keeps a stored value, "" or [] removes it), checked by ``model``."""
    unknown = sorted(set(given) - set(model.model_fields))
    if unknown:
        raise SellerError(f"{what}: unknown setting {', '.join(unknown)}; known: {', '.join(model.model_fields)}")
    merged = dict(stored)
    for name, value in given.items():
        value = value.get_secret_value() if isinstance(value, SecretStr) else value
        if isinstance(value, tuple):
            value = list(value)
        if value is None:
            continue
        if value == "" or value == []:
            merged.pop(name, None)
        else:
            merged[name] = value
    try:
        model.model_validate(merged)
    except ValidationError as exc:
        raise SellerError(f"{what}: {_reasons(exc)}") from None
    return merged


def _check_server(what: str, cfg: ImapSettings | SmtpSettings) -> None:
    from claimpilot.netsafety import require_secure_or_local

    if cfg.port is not None and not 1 <= cfg.port <= 65535:
        raise SellerError(f"{what}: port must be 1..65535, got {cfg.port}")
    try:
        require_secure_or_local(cfg.security, cfg.host or "", what)
    except ValueError as exc:
        raise SellerError(str(exc)) from None


def _is_address(value: str) -> bool:
    local, _, domain = value.partition("@")
    return bool(local and "." in domain) and not any(c.isspace() or c in "<>,;\"" for c in value)


def _check_smtp(what: str, smtp: dict[str, Any]) -> SmtpSettings:
    """An SMTP sender that can send: host, from_address, a password with a username, no plain text abroad."""
    cfg = SmtpSettings.model_validate(smtp)
    if smtp:
        if not cfg.host or not cfg.from_address:
            raise SellerError(f"{what}: host and from_address are needed to send (or give no SMTP at all)")
        if not _is_address(cfg.from_address):
            raise SellerError(f"{what}: from_address is not an e-mail address: {cfg.from_address!r}")
        if cfg.username and cfg.password is None:
            raise SellerError(f"{what}: a username is given without a password")
        _check_server("SMTP", cfg)
    return cfg


def _check_mailbox(imap: dict[str, Any], smtp: dict[str, Any]) -> tuple[ImapSettings, SmtpSettings]:
    missing = [name for name in MAILBOX_REQUIRED if not imap.get(name)]
    if missing:
        raise SellerError(f"mailbox IMAP: {', '.join(missing)} missing (a mailbox needs host, username and password)")
    imap_cfg = ImapSettings.model_validate(imap)
    _check_server("IMAP", imap_cfg)
    return imap_cfg, _check_smtp("mailbox SMTP", smtp)


def _check_url(name: str, url: str) -> None:
    """A URL the outbound guard lets claimpilot call (checked again, resolved, at each delivery).
    The URL itself may be secret: never in the message."""
    from claimpilot.outbound import OutboundRefused, check_url

    try:
        check_url(url, f"alerts: {name}", resolve=False)
    except OutboundRefused as exc:
        raise SellerError(str(exc)) from None


def _check_alerts(stored: dict[str, Any]) -> AlertChannelSettings:
    if not any(stored.get(name) for name in ALERT_CHANNELS):
        raise SellerError(f"alerts: no channel left; give at least one of {', '.join(ALERT_CHANNELS)} "
                          "(or clear the seller's alert channels)")
    for name in ("webhook_url", "wecom_url", "dingtalk_url", "feishu_url"):
        if stored.get(name):
            _check_url(name, stored[name])
    bad = [a for a in stored.get("email_to", []) if not _is_address(a)]
    if bad:
        raise SellerError(f"alerts: email_to holds what is not an e-mail address: {', '.join(map(repr, bad))}")
    _check_smtp("alerts SMTP", stored.get("smtp") or {})
    return AlertChannelSettings.model_validate(stored)


def _stored(settings: Settings, db: Session, seller_id: str,
            section: str) -> tuple[SellerChannel | None, dict[str, Any]]:
    get_seller(db, seller_id)
    row = db.get(SellerChannel, (seller_id, section))
    return row, (channels.decode(settings, row.settings_enc) if row is not None else {})


def _store(settings: Settings, db: Session, row: SellerChannel | None, seller_id: str, section: str,
           data: dict[str, Any]) -> None:
    if row is None:
        row = SellerChannel(seller_id=seller_id, section=section)
        db.add(row)
    row.settings_enc = channels.encode(settings, data)
    db.flush()


def _clear(db: Session, seller_id: str, section: str) -> bool:
    get_seller(db, seller_id)
    row = db.get(SellerChannel, (seller_id, section))
    if row is not None:
        db.delete(row)
        db.flush()
    return row is not None


def set_mailbox(settings: Settings, db: Session, seller_id: str, *, imap: dict[str, Any] | None = None,
                smtp: dict[str, Any] | None = None) -> tuple[ImapSettings, SmtpSettings]:
    """Store (encrypted) the seller's own buyer mailbox and sender, used instead of the installation's.

    ``imap`` and ``smtp`` hold fields of ``ImapSettings`` and ``SmtpSettings``; a field left out or None
    keeps its stored value (so a password need not be given again), "" removes it. Returns the result.
    """
    row, stored = _stored(settings, db, seller_id, channels.MAILBOX)
    new_imap = _merge("mailbox IMAP", ImapSettings, stored.get("imap", {}), imap or {})
    new_smtp = _merge("mailbox SMTP", SmtpSettings, stored.get("smtp", {}), smtp or {})
    result = _check_mailbox(new_imap, new_smtp)
    _store(settings, db, row, seller_id, channels.MAILBOX, {"imap": new_imap, "smtp": new_smtp})
    return result


def clear_mailbox(db: Session, seller_id: str) -> bool:
    """Forget the seller's own mailbox (it is back to none, or the installation's if that is its own)."""
    return _clear(db, seller_id, channels.MAILBOX)


def set_alert_channels(settings: Settings, db: Session, seller_id: str, **fields: Any) -> AlertChannelSettings:
    """Store (encrypted) the seller's own alert and digest channels, used instead of the installation's.

    ``fields`` are those of ``AlertChannelSettings`` (``smtp`` a dict of ``SmtpSettings`` fields); None
    keeps a stored value, "" or [] removes it. At least one channel must remain. Returns the result.
    """
    row, stored = _stored(settings, db, seller_id, channels.ALERTS)
    if isinstance(fields.get("smtp"), dict):
        smtp = _merge("alerts SMTP", SmtpSettings, stored.get("smtp", {}), fields["smtp"])
        fields["smtp"] = smtp or ""
    merged = _merge("alerts", AlertChannelSettings, stored, fields)
    result = _check_alerts(merged)
    _store(settings, db, row, seller_id, channels.ALERTS, merged)
    return result


def clear_alert_channels(db: Session, seller_id: str) -> bool:
    """Forget the seller's own alert channels (it is back to the installation's)."""
    return _clear(db, seller_id, channels.ALERTS)
