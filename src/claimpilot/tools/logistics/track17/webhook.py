"""17TRACK webhook pushes: the signature check and the payload.

17TRACK signs a push with the ``sign`` header: the SHA-256 hex digest of the
raw request body, a ``/``, and the account's webhook key. A push is
``{"event": "TRACKING_UPDATED" | "TRACKING_STOPPED", "data": {number, carrier, tag, track_info}}``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any


class WebhookRejected(Exception):
    """The push is not from 17TRACK (bad or missing signature) or cannot be read."""


def sign(body: bytes, key: str) -> str:
    """The ``sign`` header value 17TRACK sends with ``body``."""
    return hashlib.sha256(body + b"/" + key.encode()).hexdigest()


def read_webhook(body: bytes, signature: str | None, key: str | None) -> tuple[str, dict[str, Any], str]:
    """Check the signature and read the push; returns (event, data, event_key for deduplication)."""
    if not key:
        raise WebhookRejected("no 17TRACK webhook key is configured; pushes cannot be verified")
    if not signature or not hmac.compare_digest(sign(body, key), signature.strip().lower()):
        raise WebhookRejected("signature does not match")
    try:
        payload = json.loads(body)
    except ValueError:
        raise WebhookRejected("body is not JSON") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        raise WebhookRejected("no data in the push")
    return str(payload.get("event") or ""), payload["data"], hashlib.sha256(body).hexdigest()
