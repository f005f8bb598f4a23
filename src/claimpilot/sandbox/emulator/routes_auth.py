"""Login with Amazon: POST /auth/o2/token (the refresh_token grant)."""

from __future__ import annotations

import asyncio
import hmac

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse


def _same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode(), b.encode())


def router(state) -> APIRouter:
    api = APIRouter()

    @api.post("/auth/o2/token")
    async def token(request: Request) -> JSONResponse:
        delay = state.faults.take_delay("token")
        if delay:
            await asyncio.sleep(delay)
        form = await request.form()
        creds = state.credentials
        if form.get("grant_type") != "refresh_token":
            state.record("token", 400)
            return JSONResponse(
                {"error": "unsupported_grant_type", "error_description": "Only refresh_token is supported here"},
                status_code=400,
            )
        if not (_same(form.get("client_id"), creds.client_id) and _same(form.get("client_secret"), creds.client_secret)):
            state.record("token", 401)
            return JSONResponse(
                {"error": "invalid_client", "error_description": "Client authentication failed"},
                status_code=401,
            )
        if not _same(form.get("refresh_token"), creds.refresh_token):
            state.record("token", 400)
            return JSONResponse(
                {"error": "invalid_grant", "error_description": "The request has an invalid grant parameter : refresh_token"},
                status_code=400,
            )
        state.record("token", 200)
        return JSONResponse(
            {
                "access_token": state.issue_token(),
                "refresh_token": creds.refresh_token,
                "token_type": "bearer",
                "expires_in": 3600,
            }
        )

    return api
