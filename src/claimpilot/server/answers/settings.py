"""Answers of the seller settings, members and session routes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from claimpilot.server.answers.base import Answer
from claimpilot.server.schemas import UserOut


class AmazonLink(Answer):
    connected: bool
    region: str | None = None


class AmazonConsent(Answer):
    """Where to send the browser to authorize this installation's SP-API application at Amazon."""

    consent_url: str


class AmazonConnected(Answer):
    """The seller account Amazon's authorization was stored for (the refresh token itself never leaves)."""

    seller_id: str
    selling_partner_id: str
    connected: bool = True


class MailboxView(Answer):
    """Whether a buyer mailbox is set, and its hosts, ports and user names (never its passwords)."""

    configured: bool


class AlertsView(Answer):
    channels: list[str]
    email_to: list[str]


class ScheduleView(Answer):
    kind: str
    enabled: bool
    at_utc: str | None = None
    every_minutes: int | None = None


class SellerSettings(Answer):
    """What an admin sees of a seller account's settings; stored secrets are never part of it."""

    amazon: AmazonLink
    mailbox: MailboxView
    alerts: AlertsView
    schedules: list[ScheduleView]


class AlertTest(Answer):
    """Each channel's result of a test notice ("sent" or "failed"), and the (redacted) errors."""

    channels: dict[str, str]
    errors: dict[str, str]


class Member(Answer):
    user_id: int
    email: str
    name: str
    role: str


class Session(Answer):
    """The signed-in user, or ``null`` when the page is not signed in."""

    user: UserOut | None


class PendingInvitation(Answer):
    """An invitation not yet accepted, revoked or expired (its token is never shown again)."""

    id: int
    email: str
    role: str
    created_at: datetime
    expires_at: datetime


class InvitationMade(PendingInvitation):
    """A new invitation: the link to hand to the invitee (in this answer only), and whether it was e-mailed
    (``off``: no SMTP server is configured for the seller)."""

    link: str
    emailed: Literal["sent", "failed", "off"]
