"""Invitations of a person to a role in a seller account: an admin makes one (a random token, only its
SHA-256 stored, single use, valid ``INVITATION_TTL``), lists the pending ones, revokes one; the invitee accepts
it with the token, becoming a new user with their own password, or, already a user and signed in as that
e-mail, gaining the membership. Every function leaves committing to the caller."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.accounts import members as accounts
from claimpilot.accounts.models import Invitation, Membership, User
from claimpilot.accounts.roles import ROLES
from claimpilot.accounts.security import sha256_hex
from claimpilot.errors import Invalid

INVITATION_TTL = timedelta(days=7)


class InvitationRefused(Invalid):
    """The invitation cannot be made or accepted; ``code`` names why for the message catalogue."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def invite(db: Session, seller_id: str, email: str, role: str, invited_by: int | None) -> tuple[Invitation, str]:
    """A new pending invitation and its token (returned once, never stored)."""
    email = email.strip().lower()
    if not accounts.EMAIL_PATTERN.match(email):
        raise InvitationRefused("invitation_email_invalid", f"not an email address: {email!r}")
    if role not in ROLES:
        raise InvitationRefused("invitation_email_invalid", f"unknown role {role!r}")
    user = accounts.get_user_by_email(db, email)
    if user is not None and accounts.membership(db, user.id, seller_id) is not None:
        raise InvitationRefused("invitation_already_member", f"{email} is already a member", email=email)
    token = secrets.token_urlsafe(32)
    now = clock.now_utc()
    row = Invitation(token_sha256=sha256_hex(token), seller_id=seller_id, email=email, role=role,
                     invited_by=invited_by, created_at=now, expires_at=now + INVITATION_TTL)
    db.add(row)
    db.flush()
    return row, token


def pending(db: Session, seller_id: str) -> list[Invitation]:
    """The seller's invitations not yet accepted, revoked or expired, oldest first."""
    now = clock.now_utc()
    rows = db.scalars(select(Invitation).where(Invitation.seller_id == seller_id, Invitation.accepted_at.is_(None),
                                               Invitation.revoked_at.is_(None)).order_by(Invitation.id))
    return [r for r in rows if _aware(r.expires_at) > now]


def revoke(db: Session, seller_id: str, invitation_id: int) -> bool:
    """Revoke a pending invitation of the seller; False when there is no such pending one."""
    row = db.get(Invitation, invitation_id)
    if row is None or row.seller_id != seller_id or row.accepted_at or row.revoked_at:
        return False
    row.revoked_at = clock.now_utc()
    db.flush()
    return True


def _usable(db: Session, token: str) -> Invitation:
    row = db.scalar(select(Invitation).where(Invitation.token_sha256 == sha256_hex(token)))
    if row is None or row.revoked_at is not None:
        raise InvitationRefused("invitation_unknown", "this invitation is unknown or was revoked")
    if row.accepted_at is not None:
        raise InvitationRefused("invitation_used", "this invitation was already used")
    if _aware(row.expires_at) <= clock.now_utc():
        raise InvitationRefused("invitation_expired", "this invitation expired", days=INVITATION_TTL.days)
    return row


def accept(db: Session, token: str, password: str | None, name: str, signed_in: User | None) -> tuple[User, Membership]:
    """Spend ``token``: a new user (``password`` their own) or, for an existing user's e-mail, that user when
    ``signed_in`` is them; the membership with the invited role."""
    row = _usable(db, token)
    user = accounts.get_user_by_email(db, row.email)
    if user is None and len(password or "") < accounts.MIN_PASSWORD_LENGTH:
        raise InvitationRefused("password_too_short", "password too short", n=accounts.MIN_PASSWORD_LENGTH)
    if user is not None and (signed_in is None or signed_in.id != user.id):
        raise InvitationRefused("invitation_sign_in", f"sign in as {row.email} to accept", email=row.email)
    spend = (update(Invitation).where(Invitation.id == row.id, Invitation.accepted_at.is_(None),
                                      Invitation.revoked_at.is_(None))
             .values(accepted_at=clock.now_utc()).execution_options(synchronize_session=False))
    spent = cast(CursorResult[Any], db.execute(spend))
    if spent.rowcount != 1:  # spent by a request racing this one
        raise InvitationRefused("invitation_used", "this invitation was already used")
    if user is None:
        try:
            user = accounts.create_user(db, row.email, password or "", name=name.strip())
        except accounts.AccountError:
            raise InvitationRefused("invitation_used", "this invitation was already used") from None
    existing = accounts.membership(db, user.id, row.seller_id)
    member = existing if existing is not None else accounts.grant(db, user, row.seller_id, row.role)
    return user, member
