"""Retries for SP-API calls: throttling (429) and server errors (5xx), waiting
at least as long as the operation's x-amzn-RateLimit-Limit rate asks, with
capped exponential backoff, and a bounded number of attempts."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import httpx
from sp_api.auth.access_token_client import cache as token_cache
from sp_api.auth.exceptions import AuthorizationError
from sp_api.base.exceptions import (
    SellingApiException,
    SellingApiForbiddenException,
    SellingApiGatewayTimeoutException,
    SellingApiRequestThrottledException,
    SellingApiServerException,
    SellingApiTemporarilyUnavailableException,
)
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from claimpilot.config import SpApiSettings

from .errors import AuthError, FetchError
from .limits import DOCUMENTED_RATE

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRYABLE = (
    SellingApiRequestThrottledException,
    SellingApiServerException,
    SellingApiTemporarilyUnavailableException,
    SellingApiGatewayTimeoutException,
    httpx.TransportError,
)


def rate_limit_of(exc: object) -> float | None:
    """The x-amzn-RateLimit-Limit rate (requests/s) an error answer carried."""
    headers = getattr(exc, "headers", None)
    if not headers:
        return None
    try:
        rate = float(headers.get("x-amzn-RateLimit-Limit"))
    except (TypeError, ValueError):
        return None
    return rate if rate > 0 else None


def rate_of_answer(answer: object) -> float | None:
    """The x-amzn-RateLimit-Limit rate (requests/s) a successful answer carried."""
    return rate_limit_of(answer)


class RateAwareWait:
    """Exponential backoff (``base * 2**n``, capped), never shorter than 1/rate; after a 429 without a
    rate header (Amazon's usual 429), the rate is ``fallback``: the operation's rate Amazon named in an
    earlier answer, else its documented one (limits.DOCUMENTED_RATE). ``longest`` caps the wait
    (``sp_api.backoff_max_s``)."""

    def __init__(self, base: float, cap: float, fallback: float | Callable[[], float | None] | None = None,
                 longest: float | None = None) -> None:
        self.base = base
        self.cap = cap
        self.fallback = fallback
        self.longest = longest

    def __call__(self, state: RetryCallState) -> float:
        backoff: float = min(self.cap, self.base * 2 ** (state.attempt_number - 1))
        exc = state.outcome.exception() if state.outcome else None
        rate = rate_limit_of(exc)
        if rate is None and isinstance(exc, SellingApiRequestThrottledException):
            rate = self.fallback() if callable(self.fallback) else self.fallback
        floor = 1.05 / rate if rate else 0.0
        wait = max(backoff, floor)
        return wait if self.longest is None else min(self.longest, wait)


def describe(exc: BaseException | None) -> str:
    """A one-line, secret-free account of an SP-API failure."""
    if isinstance(exc, SellingApiException):
        code = getattr(exc, "amzn_code", None) or type(exc).__name__
        message = getattr(exc, "message", None) or ""
        return f"HTTP {exc.code} {code}: {message}".strip()
    if isinstance(exc, AuthorizationError):
        return f"LWA refused the credentials (HTTP {exc.status_code} {exc.error_code}: {exc.message})"
    if isinstance(exc, httpx.TransportError):
        return f"network error: {type(exc).__name__}"
    return f"{type(exc).__name__}: {exc}"


class Pacer:
    """Spaces calls of an operation whose bucket Amazon said was empty.

    After a 429, the operation's bucket is empty: from then on its calls go
    out no faster than its rate, so a long run meets one 429 an operation
    rather than one a call. The rate is the one the 429 carried, else the one
    an earlier answer of the operation carried (``seen``), else the
    operation's documented rate (limits.DOCUMENTED_RATE), until an answer
    names the rate; the interval is at most ``longest`` seconds."""

    def __init__(self, sleep: Callable[[float], None] = time.sleep, longest: float | None = None) -> None:
        self._sleep = sleep
        self._longest = longest
        self._interval: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def seen(self, operation: str, rate: float | None) -> None:
        """An answer of ``operation`` named its rate: a paced operation is paced at that rate from now on."""
        if rate:
            with self._lock:
                self._seen[operation] = rate
                if operation in self._interval:
                    self._interval[operation] = self._bounded(1.05 / rate)

    def _bounded(self, interval: float) -> float:
        return interval if self._longest is None else min(self._longest, interval)

    def rate(self, operation: str, throttled: BaseException | None = None) -> float | None:
        """The rate to pace ``operation`` at after a 429 (``throttled``)."""
        with self._lock:
            seen = self._seen.get(operation)
        return rate_limit_of(throttled) or seen or DOCUMENTED_RATE.get(operation)

    def interval(self, operation: str) -> float | None:
        """The seconds kept between two calls of ``operation`` (None: not paced)."""
        with self._lock:
            return self._interval.get(operation)

    def wait(self, operation: str) -> None:
        with self._lock:
            due = self._next.get(operation, 0.0)
        pause = due - time.monotonic()
        if pause > 0:
            self._sleep(pause)

    def throttled(self, operation: str, rate: float | None) -> None:
        if rate:
            with self._lock:
                self._interval[operation] = self._bounded(1.05 / rate)

    def sent(self, operation: str) -> None:
        with self._lock:
            interval = self._interval.get(operation)
            if interval:
                self._next[operation] = time.monotonic() + interval


class ApiCaller:
    """Calls SP-API operations with pacing and retries; failures become FetchError."""

    def __init__(self, sp: SpApiSettings, pacer: Pacer | None = None) -> None:
        self.sp = sp
        self.pacer = pacer or Pacer(longest=sp.backoff_max_s)

    def __call__(self, operation: str, what: str, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Call ``fn`` with retries; raise FetchError naming ``what`` when it gives up."""

        renewed = False

        def attempt() -> T:
            nonlocal renewed
            self.pacer.wait(operation)
            try:
                answer = fn(*args, **kwargs)
                self.pacer.seen(operation, rate_of_answer(answer))
                return answer
            except SellingApiRequestThrottledException as exc:
                self.pacer.throttled(operation, self.pacer.rate(operation, exc))
                raise
            except SellingApiForbiddenException:
                if renewed:
                    raise
                # the cached access token may have expired or been revoked: get a new one, once
                renewed = True
                token_cache.clear()
                self.pacer.sent(operation)
                return fn(*args, **kwargs)
            finally:
                self.pacer.sent(operation)

        def before_sleep(state: RetryCallState) -> None:
            assert state.outcome is not None  # tenacity sleeps only after an attempt's outcome
            exc = state.outcome.exception()
            log.warning("%s for %s: %s; retry %d in %.2fs", operation, what, describe(exc),
                        state.attempt_number, state.next_action.sleep if state.next_action else 0)

        retrying = Retrying(
            retry=retry_if_exception_type(RETRYABLE),
            stop=stop_after_attempt(max(1, self.sp.max_retries)),
            wait=RateAwareWait(self.sp.backoff_s, self.sp.backoff_max_s, lambda: self.pacer.rate(operation),
                               self.sp.backoff_max_s),
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            return retrying(attempt)
        except AuthorizationError as exc:
            raise AuthError(f"{what}: {describe(exc)}; check the LWA app id, client secret and refresh token") from None
        except SellingApiForbiddenException as exc:
            raise AuthError(f"{what}: {operation} was refused ({describe(exc)})") from None
        except RETRYABLE as exc:
            raise FetchError(
                f"{what}: {operation} still failing after {self.sp.max_retries} attempts ({describe(exc)})"
            ) from None
        except SellingApiException as exc:
            raise FetchError(f"{what}: {operation} failed ({describe(exc)})") from None
