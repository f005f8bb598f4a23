"""A seller's own channels, kept as encrypted JSON in ``seller_channels``: the buyer mailbox (IMAP + SMTP)
and the alert and digest channels; and the typed settings they stand for.

Stored forms: ``mailbox`` is ``{"imap": {...}, "smtp": {...}}`` (fields of ``ImapSettings`` and
``SmtpSettings``), ``alerts`` is fields of ``AlertChannelSettings``; only the values that were set,
passwords and secret URLs included (the whole JSON is one Fernet token).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot.accounts import crypto
from claimpilot.accounts.models import SellerChannel
from claimpilot.config import AlertChannelSettings, BuyerSettings, ImapSettings, Settings, SmtpSettings

MAILBOX, ALERTS = "mailbox", "alerts"
ALERT_TUNING = ("max_retries", "backoff_s", "timeout_s")
"""Delivery tuning a seller's alert channels take from the installation unless the seller set its own."""


def encode(settings: Settings, data: dict[str, Any]) -> str:
    return crypto.encrypt(settings, json.dumps(data, sort_keys=True, ensure_ascii=False))


def decode(settings: Settings, token: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(crypto.decrypt(settings, token))
    return data


def read_channels(settings: Settings, db: Session, seller_id: str) -> dict[str, dict[str, Any]]:
    """The seller's stored channel settings by section (``mailbox``, ``alerts``), decrypted."""
    rows = db.scalars(select(SellerChannel).where(SellerChannel.seller_id == seller_id))
    return {row.section: decode(settings, row.settings_enc) for row in rows}


def channel_sections(db: Session) -> dict[str, set[str]]:
    """Seller id -> the sections it has its own settings for (nothing is decrypted)."""
    out: dict[str, set[str]] = {}
    for seller_id, section in db.execute(select(SellerChannel.seller_id, SellerChannel.section)):
        out.setdefault(seller_id, set()).add(section)
    return out


def mailbox_settings(base: BuyerSettings, seller_id: str, stored: dict[str, Any]) -> BuyerSettings:
    """``base`` with the seller's own IMAP and SMTP, owned by ``seller_id`` (a copy; ``base`` is untouched)."""
    return base.model_copy(update={"seller_id": seller_id,
                                   "imap": ImapSettings.model_validate(stored.get("imap") or {}),
                                   "smtp": SmtpSettings.model_validate(stored.get("smtp") or {})})


def alert_settings(base: AlertChannelSettings, stored: dict[str, Any]) -> AlertChannelSettings:
    """The seller's own alert channels (none of the installation's), with the installation's delivery tuning."""
    tuning = {name: getattr(base, name) for name in ALERT_TUNING}
    return AlertChannelSettings.model_validate({**tuning, **stored})
