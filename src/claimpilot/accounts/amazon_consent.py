"""Connecting a seller account to Amazon by Amazon's own website authorization workflow (SP-API).

``begin``: a state value (random, bound to the person and the seller account, single use, expiring after
``STATE_TTL``; only its SHA-256 is kept, in ``amazon_consents``) and the Seller Central consent URL to send
the browser to.

``complete``: Amazon sent the browser back with ``spapi_oauth_code``, ``state`` and ``selling_partner_id``;
the state is checked and spent, the code exchanged at Login with Amazon (``grant_type=authorization_code``)
for the seller's refresh token, which is stored encrypted with the seller's credentials.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import delete
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.accounts.models import AmazonConsent
from claimpilot.accounts.sellers import get_seller, set_credentials
from claimpilot.config import Settings
from claimpilot.errors import Invalid

STATE_TTL = timedelta(minutes=10)
EXCHANGE_TIMEOUT_S = 30.0


class ConsentRefused(Invalid):
    """The connection cannot go on; ``code`` names why for the message catalogue."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Connected:
    seller_id: str
    selling_partner_id: str
    refresh_token: str  # for the caller's log redactor; never part of an answer


def _app(settings: Settings) -> tuple[str, str, str]:
    sp = settings.sp_api
    if not (sp.application_id and sp.lwa_app_id and sp.lwa_client_secret):
        raise ConsentRefused("amazon_app_missing", "this installation has no SP-API application to connect with "
                             "(CLAIMPILOT_SP_API__APPLICATION_ID, __LWA_APP_ID, __LWA_CLIENT_SECRET)")
    return sp.application_id, sp.lwa_app_id, sp.lwa_client_secret.get_secret_value()


def _digest(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def begin(settings: Settings, db: Session, seller_id: str, user_id: int, redirect_uri: str) -> str:
    """The consent URL for ``seller_id``, its state bound to ``user_id``; the caller commits."""
    application_id, _, _ = _app(settings)
    get_seller(db, seller_id)
    now = clock.now_utc()
    db.execute(delete(AmazonConsent).where(AmazonConsent.expires_at < now - STATE_TTL))  # long gone
    state = secrets.token_urlsafe(32)
    db.add(AmazonConsent(state_sha256=_digest(state), seller_id=seller_id, user_id=user_id,
                         redirect_uri=redirect_uri, created_at=now, expires_at=now + STATE_TTL))
    db.flush()
    query = {"application_id": application_id, "state": state, "redirect_uri": redirect_uri}
    if settings.sp_api.draft_app:
        query["version"] = "beta"
    return f"{settings.sp_api.seller_central_url.rstrip('/')}/apps/authorize/consent?{urlencode(query)}"


def seller_of(db: Session, state: str) -> str | None:
    """The seller account ``state`` was started for, while it is pending."""
    row = db.get(AmazonConsent, _digest(state))
    return row.seller_id if row is not None else None


def take_state(db: Session, state: str, user_id: int) -> tuple[str, str]:
    """Check ``state`` and spend it: (seller id, redirect URI). Refused when it is unknown, already used,
    expired or another person's."""
    row = db.get(AmazonConsent, _digest(state))
    if row is None:
        raise ConsentRefused("amazon_state_unknown", "this Amazon authorization is unknown or was already used")
    if row.user_id != user_id:
        raise ConsentRefused("amazon_state_other_user", "this Amazon authorization was started by another person")
    seller_id, redirect_uri, expires_at = row.seller_id, row.redirect_uri, row.expires_at
    db.delete(row)  # single use, whatever the outcome from here on
    db.flush()
    if expires_at.tzinfo is None:  # SQLite gives naive UTC back
        expires_at = expires_at.replace(tzinfo=UTC)
    if clock.now_utc() >= expires_at:
        raise ConsentRefused("amazon_state_expired", "this Amazon authorization expired",
                             minutes=int(STATE_TTL.total_seconds() // 60))
    return seller_id, redirect_uri


def exchange(settings: Settings, code: str, redirect_uri: str) -> str:
    """The refresh token Login with Amazon gives for ``code`` (``grant_type=authorization_code``)."""
    _, client_id, client_secret = _app(settings)
    url = f"{settings.sp_api.lwa_url.rstrip('/')}/auth/o2/token"
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": client_id, "client_secret": client_secret}
    try:
        answer = httpx.post(url, data=form, timeout=EXCHANGE_TIMEOUT_S)
    except httpx.HTTPError as exc:
        raise ConsentRefused("amazon_exchange_failed", "Login with Amazon could not be reached",
                             reason=type(exc).__name__) from None
    try:
        body = answer.json()
    except ValueError:
        body = {}
    if answer.status_code != 200 or not isinstance(body, dict) or not body.get("refresh_token"):
        reason = str(body.get("error") or f"HTTP {answer.status_code}") if isinstance(body, dict) else "HTTP error"
        raise ConsentRefused("amazon_exchange_failed", f"Login with Amazon refused the authorization code: {reason}",
                             reason=reason)
    return str(body["refresh_token"])


def complete(settings: Settings, db: Session, user_id: int, state: str, code: str,
             selling_partner_id: str) -> Connected:
    """Spend ``state`` (committed at once, so that it stays spent when the exchange fails: a code is single
    use at Amazon too), exchange ``code`` and store the refresh token, encrypted; the caller commits that."""
    seller_id, redirect_uri = take_state(db, state, user_id)
    db.commit()
    if not code:
        raise ConsentRefused("amazon_code_missing", "Amazon sent no authorization code back")
    refresh_token = exchange(settings, code, redirect_uri)
    set_credentials(settings, db, seller_id, refresh_token=refresh_token)
    return Connected(seller_id, selling_partner_id, refresh_token)
