"""Dependencies the routes declare with ``Annotated``: settings, a DB session, the caller, the seller.

Every route under ``/api/sellers/{seller_id}/`` takes ``SellerAccess`` (or a
role-checking variant): the caller must hold a membership in that seller
account, else 404 (a stranger learns nothing, not even that it exists); a
member whose role is too low gets 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.accounts import members as accounts
from claimpilot.accounts.models import SellerAccount, User
from claimpilot.accounts.roles import Role, allows
from claimpilot.accounts.security import sha256_hex, unsign
from claimpilot.config import Settings
from claimpilot.db.versions import ACCOUNTS, read_versions
from claimpilot.server.auth_headers import SESSION_COOKIE
from claimpilot.server.problems import Problem

CSRF_HEADER = "x-requested-with"
CSRF_VALUE = "claimpilot"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer_scheme = HTTPBearer(auto_error=False, description="API key as a bearer token")
api_key_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key")
cookie_scheme = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="web page session")


async def get_settings(request: Request) -> Settings:  # no I/O: answered on the loop, no thread
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_db(request: Request) -> Iterator[Session]:
    """A session for reading the operational store (on SQLite it reads beside a writer).

    The dependencies below end their reads as soon as they have what they need,
    so that a route that then calls a domain service (its own session, its own
    writes) reads those writes afterwards.
    """
    with request.app.state.read_sessions() as db:
        yield db


def get_write_db(request: Request) -> Iterator[Session]:
    """A session for writing (login, logout, API keys), rolled back if the route fails."""
    with request.app.state.sessions() as db:
        try:
            yield db
        except Exception:
            db.rollback()
            raise


DbDep = Annotated[Session, Depends(get_db)]
WriteDbDep = Annotated[Session, Depends(get_write_db)]


def _verified(request: Request, credential: str, user: User) -> None:
    """Tell the rate limit whose credential this is, so that it counts it against that user."""
    verified = getattr(request.app.state, "verified_credentials", None)
    if verified is not None:
        verified.remember(credential, user.id)


def current_user(
    request: Request,
    db: DbDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    api_key: Annotated[str | None, Depends(api_key_scheme)],
    cookie: Annotated[str | None, Depends(cookie_scheme)],
) -> User:
    """The authenticated caller (API key, else session cookie), or 401."""
    token = (api_key or "").strip() or (bearer.credentials.strip() if bearer else "")
    if token:
        request.app.state.redactor.add(token)
        found = accounts.find_api_key(db, token)
        db.commit()
        if found is None:
            raise Problem(401, "api_key_invalid", headers={"WWW-Authenticate": "Bearer"})
        key, user = found
        _verified(request, token, user)
        if accounts.key_use_is_stale(key):
            with request.app.state.sessions.begin() as write:
                accounts.record_key_use(write, key.id)
        return user
    if cookie:
        session_token = unsign(cookie, request.app.state.session_secret)
        user = accounts.user_for_session(db, session_token) if session_token else None
        if user is None:
            raise Problem(401, "session_expired")
        db.commit()
        _verified(request, cookie, user)
        if request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER) != CSRF_VALUE:
            raise Problem(403, "csrf_header_missing", header=CSRF_HEADER, value=CSRF_VALUE)
        return user
    raise Problem(401, "not_authenticated", headers={"WWW-Authenticate": "Bearer"})


CurrentUser = Annotated[User, Depends(current_user)]


@dataclass(frozen=True)
class SellerContext:
    """The seller account a request acts on, the caller's role there, and settings scoped to it."""

    seller: SellerAccount
    role: str
    user: User
    settings: Settings

    @property
    def seller_id(self) -> str:
        return self.seller.id


def _seller_context(needed: Role):
    def dependency(
        seller_id: Annotated[str, Path(description="seller account id", max_length=64)],
        user: CurrentUser,
        db: DbDep,
        settings: SettingsDep,
    ) -> SellerContext:
        member = accounts.membership(db, user.id, seller_id)
        seller = member.seller if member is not None else None
        db.commit()
        if member is None:
            raise Problem(404, "seller_not_found")
        if not allows(member.role, needed):
            raise Problem(403, "role_forbidden", role=member.role, needed=needed)
        scoped = settings.model_copy(update={"seller_id": seller.id, "marketplace": seller.marketplace,
                                             "sp_api": settings.sp_api_for(seller.id)})
        return SellerContext(seller=seller, role=member.role, user=user, settings=scoped)

    return dependency


ACCESS_KEPT = timedelta(seconds=30)  # the longest a kept access is used without reading the accounts again


@dataclass(frozen=True)
class _Kept:
    context: SellerContext
    until: datetime


def _seller_context_at_once(needed: Role):
    """``_seller_context`` with the caller's authentication, in one worker thread, and
    kept (by credential and seller) while the accounts' data version stands still and for ``ACCESS_KEPT`` at
    most: a revoked key, a removed member or an ended session is refused as soon as the database says so. For
    the reads a page makes on every visit; the seller's claims version is left in ``request.state``. A kept
    access costs one statement (both counters) and no session."""
    seller_context = _seller_context(needed)

    async def dependency(
        request: Request,
        seller_id: Annotated[str, Path(description="seller account id", max_length=64)],
        bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
        api_key: Annotated[str | None, Depends(api_key_scheme)],
        cookie: Annotated[str | None, Depends(cookie_scheme)],
    ) -> SellerContext:
        token = (api_key or "").strip() or (bearer.credentials.strip() if bearer else "")
        credential = token or cookie or ""
        key = (sha256_hex(f"{'key' if token else 'cookie'}:{credential}"), seller_id, needed)
        cache = request.app.state.access_cache

        def resolve() -> SellerContext:
            seen = read_versions(request.app.state.counters, ACCOUNTS, seller_id)  # no session for a kept access
            request.state.claims_version = seen[seller_id]
            kept = cache.get(key, seen[ACCOUNTS]) if credential else None
            if isinstance(kept, _Kept) and clock.now_utc() < kept.until and (
                    token or request.method in SAFE_METHODS):
                if token:
                    request.app.state.redactor.add(token)
                _verified(request, credential, kept.context.user)
                return kept.context
            with request.app.state.read_sessions() as db:  # read after the versions: a later change is a miss
                context = seller_context(seller_id, current_user(request, db, bearer, api_key, cookie), db,
                                         request.app.state.settings)
            cache.put(key, seen[ACCOUNTS], _Kept(context, clock.now_utc() + ACCESS_KEPT))
            return context

        return await run_in_threadpool(resolve)

    return dependency


SellerAccess = Annotated[SellerContext, Depends(_seller_context("viewer"))]
SellerReader = Annotated[SellerContext, Depends(_seller_context_at_once("viewer"))]
"""A viewer's access, resolved at once (``_seller_context_at_once``): for the claims list."""
SellerOperator = Annotated[SellerContext, Depends(_seller_context("operator"))]
SellerApprover = Annotated[SellerContext, Depends(_seller_context("approver"))]
SellerAdmin = Annotated[SellerContext, Depends(_seller_context("admin"))]
