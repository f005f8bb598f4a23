"""One JSON POST with retries (tenacity) on rate limits, server faults and network errors."""

from __future__ import annotations

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from claimpilot.config import AlertChannelSettings
from claimpilot.outbound import OutboundRefused, check_url


class DeliveryError(Exception):
    """A channel refused a notice or kept failing; the message never holds the channel's secret URL."""


class _Again(Exception):
    pass


def post_json(cfg: AlertChannelSettings, url: str, body: bytes, headers: dict[str, str], what: str,
              check=None) -> httpx.Response:
    """POST ``body``; retry 429/5xx/network errors and answers ``check`` calls retryable; raise DeliveryError.
    The URL passes the outbound guard first; a redirect is not followed (it is an error)."""
    try:
        check_url(url, what)
    except OutboundRefused as exc:
        raise DeliveryError(str(exc)) from None

    def attempt() -> httpx.Response:
        try:
            res = httpx.post(url, content=body, headers={"Content-Type": "application/json", **headers},
                             timeout=cfg.timeout_s)
        except httpx.TransportError as exc:
            raise _Again(f"network error: {type(exc).__name__}") from None
        if res.status_code == 429 or res.status_code >= 500:
            raise _Again(f"HTTP {res.status_code}")
        if res.status_code >= 300:
            raise DeliveryError(f"{what}: HTTP {res.status_code}")
        verdict = check(res) if check else None
        if verdict == "retry":
            raise _Again(f"rate limited: {res.text[:120]}")
        if verdict:
            raise DeliveryError(f"{what}: {verdict}")
        return res

    retrying = Retrying(retry=retry_if_exception(lambda e: isinstance(e, _Again)),
                        stop=stop_after_attempt(max(1, cfg.max_retries)),
                        wait=wait_exponential(multiplier=cfg.backoff_s, max=60), reraise=True)
    try:
        return retrying(attempt)
    except _Again as exc:
        raise DeliveryError(f"{what}: still failing after {cfg.max_retries} attempts ({exc})") from None
