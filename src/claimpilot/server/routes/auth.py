"""Login and logout for the web page, the caller's profile, and their API keys."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from claimpilot.accounts import members as accounts
from claimpilot.accounts.models import ApiKey, User
from claimpilot.accounts.security import sign, unsign
from claimpilot.server.answers.settings import AmazonConnected, Session
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
    sign_in(request, response, db, user)
    return user_out(db, user)


def sign_in(request: Request, response: Response, db, user: User) -> None:
    """Start a web session for ``user`` (committed) and set its cookie on ``response``."""
    token = accounts.start_session(db, user)
    db.commit()
    request.app.state.redactor.add(token)
    response.set_cookie(SESSION_COOKIE, sign(token, request.app.state.session_secret), httponly=True,
                        samesite="strict", secure=request.url.scheme == "https",
                        max_age=accounts.SESSION_DAYS * 86400, path="/")


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
    user = session_user(request, db)
    out = Session(user=user_out(db, user) if user else None)
    db.commit()
    return out


def session_user(request: Request, db) -> User | None:
    """The user of the request's web-session cookie, if it is signed in."""
    cookie = request.cookies.get(SESSION_COOKIE)
    token = unsign(cookie, request.app.state.session_secret) if cookie else None
    return accounts.user_for_session(db, token) if token else None


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


class AmazonAuthorization(BaseModel):
    """What Amazon's consent page sent back to the redirect URI."""

    state: str = Field(min_length=1, max_length=300)
    spapi_oauth_code: str = Field(default="", max_length=500)
    selling_partner_id: str = Field(default="", max_length=64)


CALLBACK_PARAMS = ("state", "spapi_oauth_code", "selling_partner_id")
OptionalParam = Annotated[str | None, Query(max_length=500)]


@router.get("/amazon/callback", name="amazon_callback", response_class=RedirectResponse, status_code=303)
def amazon_callback(state: OptionalParam = None, spapi_oauth_code: OptionalParam = None,
                    selling_partner_id: OptionalParam = None) -> RedirectResponse:
    """The redirect URI Amazon's consent page returns to: hands what it sent to the page's settings view (in
    the URL's fragment, which no server or Referer sees), whose signed-in session completes the connection
    (``POST /api/amazon/connect``); the session cookie is SameSite=Strict and does not come with Amazon's
    redirect."""
    given = {"state": state, "spapi_oauth_code": spapi_oauth_code, "selling_partner_id": selling_partner_id}
    query = urlencode({k: v for k, v in given.items() if v})
    return RedirectResponse(f"/#/settings?{query}" if query else "/#/settings", status_code=303)


@router.post("/amazon/connect", responses={403: {"description": "not an admin of the seller account"},
                                           422: {"description": "a wrong, used, expired or other person's state"}})
def amazon_connect(body: AmazonAuthorization, request: Request, user: CurrentUser, db: WriteDbDep) -> AmazonConnected:
    """Complete Amazon's website authorization: check and spend the state (it names the seller account and
    the person who started), exchange the authorization code at Login with Amazon for the refresh token and
    store it encrypted. The refresh token never comes back."""
    from claimpilot.accounts.amazon_consent import ConsentRefused, complete, seller_of
    from claimpilot.accounts.roles import allows
    from claimpilot.config import Settings

    request.app.state.redactor.add(body.spapi_oauth_code)
    seller_id = seller_of(db, body.state)
    member = accounts.membership(db, user.id, seller_id) if seller_id else None
    if member is None:
        raise Problem(422, "amazon_state_unknown")
    if not allows(member.role, "admin"):
        raise Problem(403, "role_forbidden", role=member.role, needed="admin")
    settings: Settings = request.app.state.settings
    scoped = settings.model_copy(update={"sp_api": settings.sp_api_for(seller_id or "")})
    try:
        done = complete(scoped, db, user.id, body.state, body.spapi_oauth_code, body.selling_partner_id)
    except ConsentRefused as exc:
        db.commit()
        raise Problem(422, exc.code, **exc.params) from None
    request.app.state.redactor.add(done.refresh_token)
    db.commit()
    return AmazonConnected(seller_id=done.seller_id, selling_partner_id=done.selling_partner_id)
