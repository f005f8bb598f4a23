"""The seller's own webhook: JSON signed with HMAC-SHA256.

Headers: ``X-Claimpilot-Event`` (the notice's event id, stable across
retries, for the receiver to drop repeats), ``X-Claimpilot-Timestamp`` (Unix
seconds) and ``X-Claimpilot-Signature: sha256=<hex HMAC of "<timestamp>.<body>">``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from claimpilot.config import AlertChannelSettings
from claimpilot.notify.http import post_json


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def send_webhook(cfg: AlertChannelSettings, notice) -> None:
    body = json.dumps({"event_id": notice.event_id, "kind": notice.kind, "title": notice.title,
                       "text": notice.text, "data": notice.data}, ensure_ascii=False, sort_keys=True).encode()
    stamp = str(int(time.time()))
    headers = {"X-Claimpilot-Event": notice.event_id, "X-Claimpilot-Timestamp": stamp}
    if cfg.webhook_secret is not None:
        headers["X-Claimpilot-Signature"] = signature(cfg.webhook_secret.get_secret_value(), stamp, body)
    post_json(cfg, cfg.webhook_url, body, headers, "webhook")
