"""A per-client rate limit: an in-process token bucket per API key, session or IP.

Logins have a stricter bucket of their own per address, against password guessing.

Each client may spend ``per_minute`` requests a minute, with bursts up to the
same number. A request over the limit is answered 429 with ``Retry-After``
(whole seconds until a token is back). The client is told apart by the hash
of its API key or session cookie (never the secret itself), else its address.
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


def client_key(scope: Scope) -> str:
    """Who is asking: a hash of their credential, else their address."""
    kind, value = credential_from_scope(scope)
    if value:
        return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:24]}"
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}"


class RateLimitMiddleware:
    """Answers 429 with Retry-After once a client has spent its bucket."""

    def __init__(self, app: ASGIApp, per_minute: int, exempt_paths: tuple[str, ...] = (),
                 login_per_minute: int = LOGIN_PER_MINUTE) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute)
        self.login_buckets = TokenBuckets(min(per_minute, login_per_minute))
        self.exempt = exempt_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(client_key(scope))
        if not wait and scope["path"] == LOGIN_PATH:
            client = scope.get("client")
            wait = self.login_buckets.take(f"ip:{client[0] if client else 'unknown'}")
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry_after = str(max(1, math.ceil(wait)))
        body = json.dumps({"detail": "too many requests; retry later"}).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"retry-after", retry_after.encode()),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


__all__ = ["RateLimitMiddleware", "TokenBuckets", "client_key", "SESSION_COOKIE"]
