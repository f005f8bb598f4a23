"""Invitations to a seller account: its admins invite a person by e-mail to a role (the answer carries the
link to hand over; it is e-mailed too when the seller has an SMTP server), list the pending ones and revoke
one; the invitee accepts with the link's token and a password of their own and is signed in."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, Field

from claimpilot.accounts import invitations as invites
from claimpilot.accounts.models import Invitation
from claimpilot.config import Settings, SmtpSettings
from claimpilot.server.answers.settings import InvitationMade, PendingInvitation
from claimpilot.server.deps import DbDep, SellerAdmin, WriteDbDep
from claimpilot.server.problems import Problem
from claimpilot.server.routes.auth import session_user, sign_in, user_out
from claimpilot.server.schemas import UserOut

router = APIRouter(prefix="/members/invitations", tags=["members"])
accept_router = APIRouter(prefix="/api/auth", tags=["auth"])
InvitationId = Annotated[int, Path(ge=1, le=2**31 - 1)]
REFUSED: dict[int | str, dict[str, Any]] = {
    422: {"description": "an unknown, revoked, used or expired invitation, or a too-short password"},
    403: {"description": "the e-mail is an existing user's: sign in as them to accept"}}


class InvitationIn(BaseModel):
    email: str = Field(max_length=254)
    role: Literal["viewer", "operator", "approver", "admin"]


class AcceptIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    password: str | None = Field(default=None, max_length=1024, description="a new person's own password")
    name: str = Field(default="", max_length=120)


def _pending(row: Invitation) -> PendingInvitation:
    return PendingInvitation(id=row.id, email=row.email, role=row.role, created_at=row.created_at,
                             expires_at=row.expires_at)


def _smtp(request: Request, ctx: SellerAdmin, db) -> SmtpSettings | None:
    """The SMTP server the seller's alert e-mail leaves from (its alert channels', else its own mailbox
    sender's: ``alert_email_fallback``); None when none is configured. Its secrets join the log redactor."""
    from claimpilot.notify.dispatch import alert_email_fallback
    from claimpilot.server.seller_settings import own_settings

    scoped, _ = own_settings(request, ctx, ctx.settings, db)
    for cfg in (scoped.logistics.alerts.smtp, alert_email_fallback(scoped)):
        if cfg is not None and cfg.host and cfg.from_address:
            return cfg
    return None


def _link(request: Request, settings: Settings, token: str) -> str:
    base = settings.server.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/#/accept?token={token}"


@router.get("")
def list_invitations(ctx: SellerAdmin, db: DbDep) -> list[PendingInvitation]:
    """The pending invitations (not accepted, revoked or expired); their tokens are never shown."""
    return [_pending(r) for r in invites.pending(db, ctx.seller_id)]


@router.post("", status_code=201, responses={409: {"description": "already a member"}})
def create_invitation(body: InvitationIn, request: Request, ctx: SellerAdmin, db: WriteDbDep) -> InvitationMade:
    """Invite a person to a role here: single use, valid 7 days. The link (with its token) is in this answer
    only; it is also e-mailed when the seller has an SMTP server."""
    from claimpilot.notify.invitation import send_invitation

    try:
        row, token = invites.invite(db, ctx.seller_id, body.email, body.role, ctx.user.id)
    except invites.InvitationRefused as exc:
        raise Problem(409 if exc.code == "invitation_already_member" else 422, exc.code, **exc.params) from None
    request.app.state.redactor.add(token)
    db.commit()
    smtp = _smtp(request, ctx, db)
    link = _link(request, ctx.settings, token)
    emailed = send_invitation(smtp, row.email, ctx.seller.name, link, invites.INVITATION_TTL.days) if smtp else "off"
    return InvitationMade(**_pending(row).model_dump(), link=link, emailed=emailed)


@router.delete("/{invitation_id}", status_code=204, responses={404: {"description": "no such pending invitation"}})
def revoke_invitation(invitation_id: InvitationId, ctx: SellerAdmin, db: WriteDbDep) -> Response:
    """Revoke a pending invitation: its link no longer works."""
    if not invites.revoke(db, ctx.seller_id, invitation_id):
        raise Problem(404, "invitation_not_found")
    db.commit()
    return Response(status_code=204)


@accept_router.post("/invitations/accept", responses=REFUSED)
def accept_invitation(body: AcceptIn, request: Request, response: Response, db: WriteDbDep) -> UserOut:
    """Accept an invitation: a new person sets their password; an existing user must be signed in as the
    invited e-mail. The invitation is spent and the caller is signed in."""
    request.app.state.redactor.add(body.token)
    if body.password:
        request.app.state.redactor.add(body.password)
    try:
        user, _ = invites.accept(db, body.token, body.password, body.name, session_user(request, db))
    except invites.InvitationRefused as exc:
        db.rollback()
        raise Problem(403 if exc.code == "invitation_sign_in" else 422, exc.code, **exc.params) from None
    db.commit()
    sign_in(request, response, db, user)
    return user_out(db, user)
