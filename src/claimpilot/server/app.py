"""The application factory: ``create_app(settings) -> FastAPI``.

Brings the operational store to the newest schema, wires the routers, the
limits (request body, rate) and the redacting log filter, and keeps the
session secret (from the settings, else generated once and kept in the
claimpilot home with mode 0600).
"""

from __future__ import annotations

import logging
import os
import secrets
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimpilot import __version__, redact
from claimpilot.config import Settings, get_settings
from claimpilot.db import ensure_schema, session_factory
from claimpilot.db.engine import counters_engine_for
from claimpilot.server import domain_errors
from claimpilot.server.bodylimit import BodyLimitMiddleware
from claimpilot.server.claims_cache import AnswerCache
from claimpilot.server.home_node import Forwarder, HomeNodeForwarding
from claimpilot.server.problems import Problem, language, render, validation_message
from claimpilot.server.ratelimit import RateLimitMiddleware, VerifiedCredentials
from claimpilot.server.routes import api_router
from claimpilot.tools.reports import workdirs
from claimpilot.tools.reports.warehouse import WarehouseBusy

log = logging.getLogger("claimpilot.server")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
     b"frame-ancestors 'none'"),
]
DOCS_CSP_EXEMPT = ("/docs", "/redoc")


def session_secret(settings: Settings) -> str:
    """The secret that signs session cookies: configured, else made once and kept on disk."""
    if settings.server.session_secret is not None and settings.server.session_secret.get_secret_value():
        return settings.server.session_secret.get_secret_value()
    path = settings.home / "server" / "session_secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class SecurityHeadersMiddleware:
    """Adds headers that keep the page from being framed, sniffed or loading anything foreign."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith(DOCS_CSP_EXEMPT)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [h for h in SECURITY_HEADERS if not (docs and h[0] == b"content-security-policy")]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The claimpilot web server for ``settings`` (the process settings by default)."""
    settings = settings or get_settings()
    ensure_schema(settings)
    secret = session_secret(settings)
    redactor = redact.SecretRedactor([*redact.settings_secrets(settings), secret])
    read_sessions = session_factory(settings, read_only=True)
    forwarder = Forwarder(settings, read_sessions)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        redact.install(redactor)  # the server's log handlers exist by now
        await run_in_threadpool(workdirs.collect, settings.home)  # what a killed server left mid-upload
        yield
        await forwarder.aclose()

    app = FastAPIOffline(title="claimpilot", version=__version__, lifespan=lifespan,  # /docs without a CDN
                         description="Claims, cases, reports and chat for the seller accounts you belong to.")
    app.state.settings = settings
    app.state.counters = counters_engine_for(settings)
    app.state.sessions = session_factory(settings)
    app.state.read_sessions = read_sessions
    app.state.session_secret = secret
    app.state.redactor = redactor
    app.state.verified_credentials = VerifiedCredentials()
    app.state.claims_cache = AnswerCache()
    app.state.access_cache = AnswerCache(1024)
    redact.install(redactor)

    app.include_router(api_router)
    domain_errors.install(app)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Where and what was wrong, never the value sent: it may be a password or a key.
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        return JSONResponse({"detail": errors, "code": "invalid_request",
                             "message": validation_message(errors, language(_request))}, status_code=422)

    @app.exception_handler(Problem)
    async def problem(request: Request, exc: Problem) -> JSONResponse:
        return JSONResponse(exc.body(language(request)), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(WarehouseBusy)
    async def warehouse_busy(_request: Request, exc: WarehouseBusy) -> JSONResponse:
        # Another process (an import, a sync, a scan) holds the seller's report store: come back shortly.
        return JSONResponse({"detail": "another process is writing this seller's reports (an import, a sync or "
                                       "a scan); try again shortly"}, status_code=503,
                            headers={"Retry-After": str(exc.retry_after_s)})

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"detail": render("internal_error", language(request)), "code": "internal_error"},
                            status_code=500)

    upload_limit = settings.server.max_upload_mb * 1024 * 1024
    app.add_middleware(BodyLimitMiddleware, upload_limit=upload_limit)
    app.add_middleware(HomeNodeForwarding, forwarder=forwarder)  # after the rate limit, before the body limit
    app.add_middleware(RateLimitMiddleware, per_minute=settings.server.rate_limit_per_minute,
                       verified=app.state.verified_credentials)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
