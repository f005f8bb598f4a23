"""A per-client rate limit: an in-process token bucket per verified user, else per address.

Each client may spend ``per_minute`` requests a minute, with bursts up to the
same number. A request over the limit is answered 429 with ``Retry-After``
(whole seconds until a token is back).

A client is told apart by who it has been verified to be: a credential (API
key or session cookie) the server has accepted before (``VerifiedCredentials``,
filled in by authentication) is charged to its user; anything else (no
credential, or one not yet verified, a made-up key included) to its address,
so a fresh fake key on each request escapes nothing. Every answer 401 to a
request that carried a credential also spends a token of its address's
failure bucket; once that is empty, the address's unverified credentials are
refused until it refills. Logins have a stricter bucket of their own per
address, against password guessing.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from claimpilot.server.auth_headers import SESSION_COOKIE, credential_from_scope

MAX_CLIENTS = 50_000
LOGIN_PATH = "/api/auth/login"
LOGIN_PER_MINUTE = 10  # password guesses per address, whatever the overall limit
FAILED_PER_MINUTE = 20  # requests with a refused credential per address
MAX_VERIFIED = 10_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """Token buckets keyed by client; thread-safe."""

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.capacity = float(max(1, per_minute))
        self.rate = self.capacity / 60.0
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spend one token: 0.0 if allowed, else the seconds until one is back."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= MAX_CLIENTS:
                    self._buckets.clear()
                bucket = self._buckets[client] = _Bucket(self.capacity, now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def wait(self, client: str) -> float:
        """The seconds until ``client`` has a token again (0.0 if it has one now); spends nothing."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                return 0.0
            tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate


def credential_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


class VerifiedCredentials:
    """Hashes of the credentials authentication has accepted, and whose they are; thread-safe, bounded."""

    def __init__(self) -> None:
        self._users: dict[str, int] = {}
        self._lock = threading.Lock()

    def remember(self, credential: str, user_id: int) -> None:
        with self._lock:
            if len(self._users) >= MAX_VERIFIED:
                self._users.clear()
            self._users[credential_hash(credential)] = user_id

    def forget(self, credential: str) -> None:
        with self._lock:
            self._users.pop(credential_hash(credential), None)

    def user_of(self, credential: str) -> int | None:
        with self._lock:
            return self._users.get(credential_hash(credential))


def _address(scope: Scope) -> str:
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}"


def client_key(scope: Scope, verified: VerifiedCredentials | None = None) -> str:
    """Who is asking: the verified user behind their credential, else their address."""
    _kind, value = credential_from_scope(scope)
    if value and verified is not None and (user := verified.user_of(value)) is not None:
        return f"user:{user}"
    return _address(scope)


class RateLimitMiddleware:
    """Answers 429 with Retry-After once a client has spent its bucket."""

    def __init__(self, app: ASGIApp, per_minute: int, exempt_paths: tuple[str, ...] = (),
                 login_per_minute: int = LOGIN_PER_MINUTE, verified: VerifiedCredentials | None = None,
                 failed_per_minute: int = FAILED_PER_MINUTE) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute)
        self.login_buckets = TokenBuckets(min(per_minute, login_per_minute))
        self.failed_buckets = TokenBuckets(failed_per_minute)
        self.verified = verified if verified is not None else VerifiedCredentials()
        self.exempt = exempt_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        _kind, credential = credential_from_scope(scope)
        key = client_key(scope, self.verified)
        wait = self.buckets.take(key)
        if not wait and scope["path"] == LOGIN_PATH:
            wait = self.login_buckets.take(_address(scope))
        if not wait and credential and key.startswith("ip:"):
            wait = self.failed_buckets.wait(key)
        if wait <= 0:
            await self.app(scope, receive, self._watch(scope, send, credential))
            return
        retry_after = str(max(1, math.ceil(wait)))
        body = json.dumps({"detail": "too many requests; retry later"}).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"retry-after", retry_after.encode()),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    def _watch(self, scope: Scope, send: Send, credential: str | None) -> Send:
        """``send``, charging a 401 to a presented credential against the address's failure bucket, and a
        credential's first accepted request to its user as well as to the address."""
        if not credential or scope["path"] == LOGIN_PATH:
            return send

        unverified = self.verified.user_of(credential) is None

        async def watching(message) -> None:
            if message["type"] == "http.response.start":
                if message["status"] == 401:
                    self.verified.forget(credential)
                    self.failed_buckets.take(_address(scope))
                elif unverified and (user := self.verified.user_of(credential)) is not None:
                    self.buckets.take(f"user:{user}")  # its first request counts for the user too
            await send(message)

        return watching


__all__ = ["RateLimitMiddleware", "TokenBuckets", "VerifiedCredentials", "client_key", "SESSION_COOKIE"]
