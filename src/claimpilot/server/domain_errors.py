"""The domain's errors as HTTP answers, in one exception handler: each ``claimpilot.errors.DomainError``
answers its ``http_status`` (not found 404, a move the lifecycle forbids 409, bad input 422) with its
public sentence; any other ``ValueError`` a service raises is bad input, 422."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from claimpilot.errors import DomainError


async def domain_error(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, DomainError):
        return JSONResponse({"detail": exc.answer()}, status_code=exc.http_status)
    return JSONResponse({"detail": str(exc)}, status_code=422)


def install(app: FastAPI) -> None:
    """Answer the domain's errors (and a service's ``ValueError``) on every route of ``app``."""
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(ValueError, domain_error)
