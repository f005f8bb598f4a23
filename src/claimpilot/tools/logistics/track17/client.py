"""A 17TRACK v2.2 API client: register numbers, get their tracking info.

Every call is ``POST {base_url}/track/v2.2/<operation>`` with a JSON list
body and the account key in the ``17token`` header. Rate limits (HTTP 429)
and server faults (5xx, network errors) are retried with tenacity, capped
exponential backoff, honouring ``Retry-After``; a number-level refusal comes
back in ``data.rejected`` and is reported, not retried.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from claimpilot.config import Track17Settings
from claimpilot.outbound import OutboundRefused, check_url, guarded_client

log = logging.getLogger(__name__)
API = "/track/v2.2"
BATCH = 40  # numbers per request, as 17TRACK allows
ALREADY_REGISTERED = -18019901


class Track17Error(Exception):
    """17TRACK refused a request or kept failing; the message names the operation and why."""


class _Retryable(Exception):
    def __init__(self, status: int, retry_after: float | None, text: str) -> None:
        super().__init__(f"HTTP {status}: {text[:200]}")
        self.status = status
        self.retry_after = retry_after


def _batches(items: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(items), BATCH):
        yield items[i:i + BATCH]


class Track17Client:
    """``register(items)`` and ``track_info(items)``; items are ``{"number": ..., "carrier": code?}``."""

    def __init__(self, settings: Track17Settings, client: httpx.Client | None = None) -> None:
        if settings.api_key is None or not settings.api_key.get_secret_value():
            raise Track17Error("17TRACK API key is not set: CLAIMPILOT_LOGISTICS__TRACK17__API_KEY")
        self.settings = settings
        try:
            check_url(settings.base_url, "the 17TRACK base URL (logistics.track17.base_url)")
        except OutboundRefused as exc:
            raise Track17Error(str(exc)) from None
        self._http = client or guarded_client("17TRACK", base_url=settings.base_url.rstrip("/"),
                                              timeout=settings.timeout_s)
        self._headers = {"17token": settings.api_key.get_secret_value(), "Content-Type": "application/json"}

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Track17Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def register(self, items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Start tracking numbers; already-registered numbers count as accepted. Returns (accepted, rejected)."""
        accepted: list[dict[str, Any]] = []
        rejected: list[dict[str, Any]] = []
        for batch in _batches(items):
            data = self._post("register", batch)
            accepted += data.get("accepted") or []
            for r in data.get("rejected") or []:
                (accepted if (r.get("error") or {}).get("code") == ALREADY_REGISTERED else rejected).append(r)
        return accepted, rejected

    def track_info(self, items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The tracking info of registered numbers. Returns (accepted items with track_info, rejected)."""
        accepted: list[dict[str, Any]] = []
        rejected: list[dict[str, Any]] = []
        for batch in _batches(items):
            data = self._post("gettrackinfo", batch)
            accepted += data.get("accepted") or []
            rejected += data.get("rejected") or []
        return accepted, rejected

    # --- the one request --------------------------------------------------
    def _post(self, operation: str, body: list[dict[str, Any]]) -> dict[str, Any]:
        def attempt() -> dict[str, Any]:
            try:
                res = self._http.post(f"{API}/{operation}", json=body, headers=self._headers)
            except httpx.TransportError as exc:
                raise _Retryable(0, None, f"network error: {type(exc).__name__}") from None
            if res.status_code == 429 or res.status_code >= 500:
                raise _Retryable(res.status_code, _retry_after(res), res.text)
            if res.status_code != 200:
                raise Track17Error(f"17TRACK {operation}: HTTP {res.status_code}: {res.text[:200]}")
            try:
                payload = res.json()
            except ValueError:
                raise _Retryable(res.status_code, None, "answer is not JSON") from None
            if payload.get("code") != 0:
                raise Track17Error(f"17TRACK {operation}: code {payload.get('code')}: {payload.get('data')}")
            data: dict[str, Any] = payload.get("data") or {}
            return data

        def wait(state: RetryCallState) -> float:
            backoff: float = min(self.settings.backoff_max_s, self.settings.backoff_s * 2 ** (state.attempt_number - 1))
            exc = state.outcome.exception() if state.outcome else None
            return max(backoff, min(getattr(exc, "retry_after", None) or 0.0, self.settings.backoff_max_s))

        def before_sleep(state: RetryCallState) -> None:
            assert state.outcome is not None  # tenacity sleeps only after an attempt's outcome
            log.warning("17TRACK %s: %s; retry %d", operation, state.outcome.exception(), state.attempt_number)

        retrying = Retrying(retry=retry_if_exception(lambda e: isinstance(e, _Retryable)),
                            stop=stop_after_attempt(max(1, self.settings.max_retries)), wait=wait,
                            before_sleep=before_sleep, reraise=True)
        try:
            return retrying(attempt)
        except _Retryable as exc:
            raise Track17Error(
                f"17TRACK {operation}: still failing after {self.settings.max_retries} attempts ({exc})") from None


def _retry_after(res: httpx.Response) -> float | None:
    try:
        return float(res.headers.get("Retry-After", ""))
    except ValueError:
        return None
