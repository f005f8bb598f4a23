"""Users, seller accounts, memberships, API keys and web sessions: the operations on them.

Shared by the server's routes and by ``claimpilot users`` / ``claimpilot keys``.
Every function takes an open SQLAlchemy session and leaves committing to the caller.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from claimpilot import clock
from claimpilot.accounts import security
from claimpilot.accounts.models import ApiKey, Membership, SellerAccount, User, WebSession
from claimpilot.accounts.roles import ROLES
from claimpilot.errors import Invalid

SELLER_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+$")
MIN_PASSWORD_LENGTH = 8
SESSION_DAYS = 7
KEY_USE_RESOLUTION = timedelta(minutes=5)  # last_used_at is written at most this often


class AccountError(Invalid):
    """An account operation was asked something it cannot do (the message says what)."""



def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def get_user_by_email(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(db: Session, email: str, password: str, name: str = "") -> User:
    """A new active user; the password is stored only as its scrypt hash."""
    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise AccountError(f"not an email address: {email!r}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password too short: at least {MIN_PASSWORD_LENGTH} characters")
    if get_user_by_email(db, email):
        raise AccountError(f"user already exists: {email}")
    user = User(email=email, name=name, password_hash=security.hash_password(password))
    db.add(user)
    db.flush()
    return user


def authenticate(db: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, else None."""
    user = get_user_by_email(db, email)
    if user is None:
        security.verify_password(password, security.hash_password("timing-equaliser"))
        return None
    if not user.is_active or not security.verify_password(password, user.password_hash):
        return None
    return user


def ensure_seller(db: Session, seller_id: str, name: str = "", marketplace: str = "US") -> SellerAccount:
    """The seller account ``seller_id``, created if new."""
    if not SELLER_ID_PATTERN.match(seller_id):
        raise AccountError(f"seller id may use letters, digits, '.', '_' and '-' (max 64): {seller_id!r}")
    seller = db.get(SellerAccount, seller_id)
    if seller is None:
        seller = SellerAccount(id=seller_id, name=name or seller_id, marketplace=marketplace.upper())
        db.add(seller)
        db.flush()
    return seller


def grant(db: Session, user: User, seller_id: str, role: str) -> Membership:
    """Give ``user`` the ``role`` in seller account ``seller_id`` (created if new)."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    ensure_seller(db, seller_id)
    member = db.scalar(select(Membership).where(Membership.user_id == user.id, Membership.seller_id == seller_id))
    if member is None:
        member = Membership(user_id=user.id, seller_id=seller_id, role=role)
        db.add(member)
    else:
        member.role = role
    db.flush()
    return member


def membership(db: Session, user_id: int, seller_id: str) -> Membership | None:
    """The user's membership in the seller account, with the account loaded."""
    return db.scalar(select(Membership).options(joinedload(Membership.seller))
                     .where(Membership.user_id == user_id, Membership.seller_id == seller_id))


def memberships_of(db: Session, user_id: int) -> list[Membership]:
    return list(db.scalars(select(Membership).where(Membership.user_id == user_id).order_by(Membership.seller_id)))


def create_api_key(db: Session, user: User, name: str = "") -> tuple[ApiKey, str]:
    """A new key for ``user``; returns the stored row and the token (shown once)."""
    made = security.new_api_key()
    key = ApiKey(user_id=user.id, name=name, prefix=made.prefix, key_hash=made.hash)
    db.add(key)
    db.flush()
    return key, made.token


def find_api_key(db: Session, token: str) -> tuple[ApiKey, User] | None:
    """The unrevoked key ``token`` and its active owner, else None (reads only)."""
    if security.api_key_prefix(token) is None:
        return None
    row = db.execute(select(ApiKey, User).join(User, User.id == ApiKey.user_id)
                     .where(ApiKey.key_hash == security.sha256_hex(token))).first()
    if row is None:
        return None
    key, user = row
    return (key, user) if key.revoked_at is None and user.is_active else None


def user_for_api_key(db: Session, token: str) -> User | None:
    """The active user owning the unrevoked key ``token``, else None."""
    found = find_api_key(db, token)
    return found[1] if found else None


def key_use_is_stale(key: ApiKey) -> bool:
    """Whether the key's ``last_used_at`` is due for an update (written at most every few minutes)."""
    return key.last_used_at is None or clock.now_utc() - _aware(key.last_used_at) > KEY_USE_RESOLUTION


def record_key_use(db: Session, key_id: int) -> None:
    key = db.get(ApiKey, key_id)
    if key is not None:
        key.last_used_at = clock.now_utc()
        db.flush()


def revoke_api_key(db: Session, prefix_or_id: str) -> ApiKey:
    """Revoke a key named by its visible prefix or its id."""
    key = None
    if prefix_or_id.isdigit():
        key = db.get(ApiKey, int(prefix_or_id))
    if key is None:
        key = db.scalar(select(ApiKey).where(ApiKey.prefix == prefix_or_id))
    if key is None:
        raise AccountError(f"no such API key: {prefix_or_id}")
    key.revoked_at = key.revoked_at or clock.now_utc()
    db.flush()
    return key


def list_api_keys(db: Session, user_id: int | None = None) -> list[ApiKey]:
    query = select(ApiKey).order_by(ApiKey.id)
    if user_id is not None:
        query = query.where(ApiKey.user_id == user_id)
    return list(db.scalars(query))


def start_session(db: Session, user: User) -> str:
    """A new web session for ``user``; returns its token (the cookie signs it)."""
    token = security.new_session_token()
    db.add(WebSession(user_id=user.id, token_hash=security.sha256_hex(token),
                      expires_at=clock.now_utc() + timedelta(days=SESSION_DAYS)))
    db.flush()
    return token


def user_for_session(db: Session, token: str) -> User | None:
    """The active user of an unexpired session token, else None."""
    row = db.scalar(select(WebSession).where(WebSession.token_hash == security.sha256_hex(token)))
    if row is None or _aware(row.expires_at) <= clock.now_utc():
        return None
    user = db.get(User, row.user_id)
    return user if user is not None and user.is_active else None


def end_session(db: Session, token: str) -> None:
    row = db.scalar(select(WebSession).where(WebSession.token_hash == security.sha256_hex(token)))
    if row is not None:
        db.delete(row)
        db.flush()
