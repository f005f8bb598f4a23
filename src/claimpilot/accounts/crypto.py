"""Seller secrets encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256).

The key comes from ``Settings.scheduler.secret_key``, else from a key file
(``scheduler.key_file`` or ``<home>/secret.key``) created with mode 0600 on
first use. Losing the key loses the stored credentials, never the claims.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from claimpilot.config import Settings


class SecretKeyError(RuntimeError):
    """The credential key is missing, unreadable or does not open a stored secret."""


def key_path(settings: Settings) -> Path:
    return settings.scheduler.key_file or (settings.home / "secret.key")


def _read_or_create_key(path: Path) -> bytes:
    if path.exists():
        if path.stat().st_mode & 0o077:
            raise SecretKeyError(f"{path}: the credential key file is readable by others; chmod 600 it")
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    return key


def fernet(settings: Settings) -> Fernet:
    """The installation's Fernet, from the configured key or the key file."""
    configured = settings.scheduler.secret_key
    raw = configured.get_secret_value().encode() if configured else _read_or_create_key(key_path(settings))
    try:
        return Fernet(raw)
    except ValueError as exc:
        raise SecretKeyError("the credential key is not a Fernet key (32 url-safe base64-encoded bytes)") from exc


def encrypt(settings: Settings, secret: str) -> str:
    return fernet(settings).encrypt(secret.encode()).decode()


def decrypt(settings: Settings, token: str) -> str:
    try:
        return fernet(settings).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretKeyError("a stored credential does not open with this installation's key") from exc
