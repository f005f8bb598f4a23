"""A hard cap on request bodies, enforced while they stream in.

Report uploads may be up to ``Settings.server.max_upload_mb``; every other
body up to ``json_limit`` bytes. A declared Content-Length over the cap is
refused before reading; a body that grows past it while streaming (chunked,
or lying about its length) is cut off with 413 as soon as it does.
"""

from __future__ import annotations

import json
import re

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATH = re.compile(r"^/api/sellers/[^/]+/reports/?$")
DEFAULT_JSON_LIMIT = 1024 * 1024


class BodyTooLarge(HTTPException):
    """The request body passed its cap (a 413 wherever it is caught)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large (limit {limit} bytes)")


def _too_large_body(limit: int) -> bytes:
    return json.dumps({"detail": f"request body too large (limit {limit} bytes)"}).encode()


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, upload_limit: int, json_limit: int = DEFAULT_JSON_LIMIT) -> None:
        self.app = app
        self.upload_limit = upload_limit
        self.json_limit = json_limit

    def limit_for(self, path: str) -> int:
        return self.upload_limit if UPLOAD_PATH.match(path) else self.json_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await self._reject(send, limit)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(send, limit)

    async def _reject(self, send: Send, limit: int) -> None:
        body = _too_large_body(limit)
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
