"""Accounts in the operational store: users, seller accounts, memberships, API keys, web sessions, and
each seller account's SP-API credentials, own channels (mailbox, alerts) and job schedules.

A *seller account* is a tenant: its ``id`` is the ``seller_id`` that the claims,
cases and the seller's DuckDB warehouse are filed under. A user sees only the
seller accounts they hold a membership in; the membership's role says what
they may do there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimpilot import clock
from claimpilot.db.base import Base


class User(Base):
    """A person who logs in to the web page or owns API keys."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")


class SellerAccount(Base):
    """A seller account (tenant); ``id`` is the seller_id its data is filed under."""

    __tablename__ = "seller_accounts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    marketplace: Mapped[str] = mapped_column(String(8), default="US")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    node: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)
    """The worker node whose local disk holds the seller's DuckDB warehouse and whose queue its jobs go to
    ("": no home node, the installation's shared queue and home)."""

    memberships: Mapped[list[Membership]] = relationship(back_populates="seller", cascade="all, delete-orphan")


class WorkerNode(Base):
    """A worker machine that is home to sellers' DuckDB warehouses: its name, the ``CLAIMPILOT_HOME`` its
    workers use, when a worker of it last started, and the address of its own web server ("": none), where
    the other web servers forward the pages that read its sellers' warehouses."""

    __tablename__ = "worker_nodes"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    home: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    url: Mapped[str] = mapped_column(Text, default="", server_default="")


class Membership(Base):
    """A user's role in one seller account."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "seller_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("seller_accounts.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))

    user: Mapped[User] = relationship(back_populates="memberships")
    seller: Mapped[SellerAccount] = relationship(back_populates="memberships")


class ApiKey(Base):
    """An API key for scripts: only its sha256 is stored, plus a short visible prefix."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebSession(Base):
    """A web-page login; the cookie carries the token, the store only its sha256."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))



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


class SellerSchedule(Base):
    """When one job kind runs for one seller: daily at ``at_utc`` ("HH:MM") or every ``every_minutes``."""

    __tablename__ = "seller_schedules"
    __table_args__ = (UniqueConstraint("seller_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("seller_accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    at_utc: Mapped[str | None] = mapped_column(String(5))
    every_minutes: Mapped[int | None] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AmazonConsent(Base):
    """An Amazon authorization a person started for a seller account (SP-API website workflow): its state
    value's SHA-256 (the value itself is never stored), the redirect URI it names, when it expires. Deleted
    when it comes back, used or refused."""

    __tablename__ = "amazon_consents"

    state_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("seller_accounts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    redirect_uri: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Invitation(Base):
    """An admin's invitation of a person (by e-mail) to a role in a seller account: single use, expiring; only
    its token's SHA-256 is stored. ``accepted_at`` or ``revoked_at`` set: spent."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("seller_accounts.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
