"""Password hashing, API-key and session tokens, and cookie signing (stdlib only).

- Passwords: scrypt with a random 16-byte salt, stored as
  ``scrypt$n$r$p$salt_hex$hash_hex``; compared in constant time.
- API keys: ``cp_`` + 8 visible characters + ``_`` + a random secret (32 bytes,
  urlsafe base64). The store keeps only the sha256 of the whole token and the
  visible prefix; the token is shown once, at creation.
- Session cookies: ``token.signature`` where the signature is an HMAC-SHA256
  of the token under the server's session secret; the store keeps the token's
  sha256, so a logout (deleting the row) ends the session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
KEY_SCHEME = "cp"


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password``."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r),
                                p=int(p), dklen=len(digest_hex) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class NewApiKey:
    """A freshly made key: ``token`` is shown once; only ``prefix`` and ``hash`` are stored."""

    token: str
    prefix: str
    hash: str


def new_api_key() -> NewApiKey:
    """Make an API key token with a short visible prefix."""
    visible = secrets.token_hex(4)
    secret = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    prefix = f"{KEY_SCHEME}_{visible}"
    token = f"{prefix}_{secret}"
    return NewApiKey(token=token, prefix=prefix, hash=sha256_hex(token))


def api_key_prefix(token: str) -> str | None:
    """The visible prefix of a well-formed token, else None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_SCHEME or len(parts[1]) != 8 or not parts[2]:
        return None
    return f"{parts[0]}_{parts[1]}"


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def sign(token: str, secret: str) -> str:
    """``token.signature`` for a cookie."""
    mac = hmac.new(secret.encode(), token.encode(), hashlib.sha256).digest()
    return f"{token}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def unsign(value: str, secret: str) -> str | None:
    """The token inside a signed cookie value, or None if the signature is wrong."""
    token, _, _sig = value.rpartition(".")
    if not token:
        return None
    return token if hmac.compare_digest(sign(token, secret), value) else None
