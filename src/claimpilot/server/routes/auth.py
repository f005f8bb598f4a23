"""Login and logout for the web page, the caller's profile, and their API keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from claimpilot.accounts import members as accounts
from claimpilot.accounts.models import ApiKey, User
from claimpilot.accounts.security import sign, unsign
from claimpilot.server.answers.settings import Session
from claimpilot.server.auth_headers import SESSION_COOKIE
from claimpilot.server.deps import CurrentUser, DbDep, WriteDbDep
from claimpilot.server.problems import Problem
from claimpilot.server.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyOut,
    LoginRequest,
    MembershipOut,
    PasswordChange,
    UserOut,
)

router = APIRouter(prefix="/api", tags=["auth"])


def user_out(db, user: User) -> UserOut:
    sellers = [MembershipOut(seller_id=m.seller_id, name=m.seller.name, marketplace=m.seller.marketplace, role=m.role)
               for m in accounts.memberships_of(db, user.id)]
    return UserOut(id=user.id, email=user.email, name=user.name, sellers=sellers)


def key_out(key: ApiKey) -> ApiKeyOut:
    return ApiKeyOut(id=key.id, name=key.name, prefix=key.prefix, created_at=key.created_at,
                     last_used_at=key.last_used_at, revoked_at=key.revoked_at)


@router.post("/auth/login", responses={401: {"description": "wrong email or password"}})
def login(body: LoginRequest, request: Request, response: Response, db: WriteDbDep) -> UserOut:
    """Log in with email and password; sets the session cookie (HttpOnly, SameSite=Strict)."""
    user = accounts.authenticate(db, body.email, body.password)
    if user is None:
        raise Problem(401, "auth_failed")
    token = accounts.start_session(db, user)
    db.commit()
    request.app.state.redactor.add(token)
    response.set_cookie(SESSION_COOKIE, sign(token, request.app.state.session_secret), httponly=True,
                        samesite="strict", secure=request.url.scheme == "https",
                        max_age=accounts.SESSION_DAYS * 86400, path="/")
    return user_out(db, user)


@router.post("/auth/logout", status_code=204)
def logout(request: Request, response: Response, db: WriteDbDep) -> Response:
    """End the web session (if any) and clear its cookie."""
    cookie = request.cookies.get(SESSION_COOKIE)
    token = unsign(cookie, request.app.state.session_secret) if cookie else None
    if token:
        accounts.end_session(db, token)
        db.commit()
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/auth/session")
def session(request: Request, db: DbDep) -> Session:
    """The web session's user (``{"user": null}`` when the cookie is missing or ended): 200 either way, so
    the page learns whether it is signed in without a failed request."""
    cookie = request.cookies.get(SESSION_COOKIE)
    token = unsign(cookie, request.app.state.session_secret) if cookie else None
    user = accounts.user_for_session(db, token) if token else None
    out = Session(user=user_out(db, user) if user else None)
    db.commit()
    return out


@router.get("/me")
def me(user: CurrentUser, db: DbDep) -> UserOut:
    """Who is asking, and the seller accounts they belong to, with their role in each."""
    return user_out(db, user)


@router.post("/me/password", status_code=204)
def change_password(body: PasswordChange, request: Request, user: CurrentUser, db: WriteDbDep) -> Response:
    """Change the caller's password (the current one must be given); other web sessions stay signed in."""
    from claimpilot.accounts.security import hash_password, verify_password

    request.app.state.redactor.add(body.current)
    request.app.state.redactor.add(body.new)
    me = db.get(User, user.id)
    if me is None or not verify_password(body.current, me.password_hash):
        raise Problem(403, "password_wrong")
    if len(body.new) < accounts.MIN_PASSWORD_LENGTH:
        raise Problem(422, "password_too_short", n=accounts.MIN_PASSWORD_LENGTH)
    me.password_hash = hash_password(body.new)
    db.commit()
    return Response(status_code=204)


@router.get("/me/keys")
def list_keys(user: CurrentUser, db: DbDep) -> list[ApiKeyOut]:
    """The caller's API keys (prefixes only; a key is never shown again)."""
    return [key_out(k) for k in accounts.list_api_keys(db, user.id)]


@router.post("/me/keys", status_code=201)
def create_key(body: ApiKeyCreate, request: Request, user: CurrentUser, db: WriteDbDep) -> ApiKeyCreated:
    """A new API key for the caller; the token is in this answer only."""
    key, token = accounts.create_api_key(db, user, body.name)
    db.commit()
    request.app.state.redactor.add(token)
    return ApiKeyCreated(**key_out(key).model_dump(), token=token)


@router.delete("/me/keys/{key_id}", status_code=204, responses={404: {"description": "no such key"}})
def revoke_key(key_id: Annotated[int, Path(ge=1, le=2**31 - 1)], user: CurrentUser, db: WriteDbDep) -> Response:
    """Revoke one of the caller's API keys."""
    key = db.get(ApiKey, key_id)
    if key is None or key.user_id != user.id:
        raise Problem(404, "api_key_not_found")
    accounts.revoke_api_key(db, str(key.id))
    db.commit()
    return Response(status_code=204)
