"""Evidence keys: plain relative names (``<sha256>.tsv.gz``, ``financial-events/<sha256>.json``) that stay
inside one seller's vault."""

from __future__ import annotations

import re

from .errors import InvalidEvidenceKey

_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._\-]{0,199}"
KEY_PATTERN = re.compile(rf"^{_SEGMENT}(/{_SEGMENT}){{0,7}}$")
SELLER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


def check_key(key: str) -> str:
    """``key`` if it is a plain relative name within a vault, else ``InvalidEvidenceKey``."""
    if not KEY_PATTERN.match(key) or any(part in (".", "..") for part in key.split("/")):
        raise InvalidEvidenceKey(f"{key!r} is not an evidence key: plain names joined by '/', "
                                 "each starting with a letter or digit")
    return key


def check_seller(seller_id: str) -> str:
    """A seller id fit to name a vault's folder or prefix."""
    if not SELLER_PATTERN.match(seller_id):
        raise InvalidEvidenceKey(f"{seller_id!r} is not a seller id that can name an evidence vault")
    return seller_id


def check_prefix(prefix: str) -> str:
    """A key prefix for ``list``: empty, or a key's leading segments ending in ``/``."""
    if prefix:
        check_key(prefix.rstrip("/"))
    return prefix
