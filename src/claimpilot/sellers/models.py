"""A seller account's SP-API credentials and its own channels (mailbox, alerts), encrypted at rest,
beside the server's ``seller_accounts``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from claimpilot import clock
from claimpilot.db.base import Base


class SellerCredential(Base):
    """How to reach one seller account's SP-API; the secrets are Fernet tokens, never plain text."""

    __tablename__ = "seller_credentials"

    seller_id: Mapped[str] = mapped_column(ForeignKey("seller_accounts.id", ondelete="CASCADE"), primary_key=True)
    region: Mapped[str] = mapped_column(String(8), default="NA")
    endpoint: Mapped[str | None] = mapped_column(String(300))
    lwa_app_id: Mapped[str | None] = mapped_column(String(200))
    lwa_client_secret_enc: Mapped[str | None] = mapped_column(Text)
    refresh_token_enc: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc, onupdate=clock.now_utc)


CHANNEL_SECTIONS = ("mailbox", "alerts")


class SellerChannel(Base):
    """One of a seller's own channel settings: ``mailbox`` (buyer IMAP + SMTP) or ``alerts`` (alert and
    digest channels). ``settings_enc`` is a Fernet token of the settings as JSON, secrets included."""

    __tablename__ = "seller_channels"
    __table_args__ = (CheckConstraint("section IN ('mailbox', 'alerts')", name="section"),)

    seller_id: Mapped[str] = mapped_column(ForeignKey("seller_accounts.id", ondelete="CASCADE"), primary_key=True)
    section: Mapped[str] = mapped_column(String(16), primary_key=True)
    settings_enc: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc, onupdate=clock.now_utc)
