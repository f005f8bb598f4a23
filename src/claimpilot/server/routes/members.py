"""The members of a seller account and their roles, for its admins: add one (a new person gets the first
password the admin gives them, to change after logging in), change a role, remove one. An account always
keeps an admin."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from claimpilot.accounts import members as accounts
from claimpilot.accounts.models import Membership
from claimpilot.server.answers.settings import Member
from claimpilot.server.deps import DbDep, SellerAdmin, WriteDbDep
from claimpilot.server.problems import Problem

router = APIRouter(prefix="/members", tags=["members"])
Role = Literal["viewer", "operator", "approver", "admin"]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class MemberIn(BaseModel):
    email: str = Field(max_length=254)
    role: Role
    password: str | None = Field(default=None, max_length=1024, description="the first password of a new person")


class RoleIn(BaseModel):
    role: Role


def _members(db, seller_id: str) -> list[Member]:
    rows = db.scalars(select(Membership).where(Membership.seller_id == seller_id).order_by(Membership.id))
    return [Member(user_id=m.user_id, email=m.user.email, name=m.user.name, role=m.role) for m in rows]


def _member(db, seller_id: str, user_id: int) -> Membership:
    member = accounts.membership(db, user_id, seller_id)
    if member is None:
        raise Problem(404, "member_not_found")
    return member


def _keeps_an_admin(db, seller_id: str, leaving: int) -> None:
    admins = [m for m in _members(db, seller_id) if m.role == "admin" and m.user_id != leaving]
    if not admins:
        raise Problem(409, "last_admin")


@router.get("")
def list_members(ctx: SellerAdmin, db: DbDep) -> list[Member]:
    """Everyone in this seller account with their role."""
    return _members(db, ctx.seller_id)


@router.post("", status_code=201)
def add_member(body: MemberIn, ctx: SellerAdmin, db: WriteDbDep) -> list[Member]:
    """Give a person a role here: an existing user by e-mail, else a new user with ``password``."""
    user = accounts.get_user_by_email(db, body.email)
    try:
        if user is None:
            user = accounts.create_user(db, body.email, body.password or "")
        accounts.grant(db, user, ctx.seller_id, body.role)
    except accounts.AccountError as exc:
        raise Problem(422, "invalid_input", reason=str(exc)) from None
    db.commit()
    return _members(db, ctx.seller_id)


@router.put("/{user_id}")
def change_role(user_id: UserId, body: RoleIn, ctx: SellerAdmin, db: WriteDbDep) -> list[Member]:
    """Change a member's role (the last admin stays an admin)."""
    member = _member(db, ctx.seller_id, user_id)
    if body.role != "admin":
        _keeps_an_admin(db, ctx.seller_id, user_id)
    member.role = body.role
    db.commit()
    return _members(db, ctx.seller_id)


@router.delete("/{user_id}", status_code=204)
def remove_member(user_id: UserId, ctx: SellerAdmin, db: WriteDbDep) -> Response:
    """Take a member out of this seller account (the last admin stays)."""
    member = _member(db, ctx.seller_id, user_id)
    _keeps_an_admin(db, ctx.seller_id, user_id)
    db.delete(member)
    db.commit()
    return Response(status_code=204)
