"""Login with Amazon and Seller Central's consent page.

- ``GET /apps/authorize/consent``: the page a seller confirms an application's authorization on (a plain
  page with a "Confirm / 确认" button); confirming (``POST /apps/authorize/confirm``) sends the browser to
  the redirect URI with ``spapi_oauth_code``, ``state`` and ``selling_partner_id``;
- ``POST /auth/o2/token``: the ``refresh_token`` grant (an access token) and the ``authorization_code``
  grant (the seller's refresh token for a consent code, single use, for the redirect URI it was issued to).
"""

from __future__ import annotations

import asyncio
import hmac
from html import escape
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse


def _same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode(), b.encode())


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><meta name='viewport' "
        f"content='width=device-width, initial-scale=1'><link rel='icon' href='data:,'>"
        f"<title>{escape(title)}</title></head><body><main><h1>{escape(title)}</h1>{body}</main></body></html>",
        status_code=status, headers={"Content-Security-Policy": "default-src 'none'; img-src data:; form-action *"})


def _redirect_ok(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.fragment


def _error(code: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": code, "error_description": description}, status_code=status)


def consent_router(state) -> APIRouter:
    api = APIRouter()

    @api.get("/apps/authorize/consent")
    def consent(request: Request) -> HTMLResponse:
        given = request.query_params
        application_id, state_value = given.get("application_id", ""), given.get("state", "")
        redirect_uri, version = given.get("redirect_uri", ""), given.get("version", "")
        if not _same(application_id, state.credentials.application_id):
            state.record("consent", 404)
            return _page("Application not found / 找不到应用", "<p>No application has this id.</p>", 404)
        if not state_value or not _redirect_ok(redirect_uri):
            state.record("consent", 400)
            return _page("Invalid request / 请求无效", "<p>state and redirect_uri are required.</p>", 400)
        state.record("consent", 200)
        hidden = "".join(f"<input type='hidden' name='{k}' value='{escape(v, quote=True)}'>"
                         for k, v in (("state", state_value), ("redirect_uri", redirect_uri)))
        beta = "<p>(draft application: version=beta)</p>" if version == "beta" else ""
        return _page(
            "Authorize claimpilot / 授权 claimpilot",
            f"<p>claimpilot asks to read your reports and finances (selling partner "
            f"{escape(state.credentials.selling_partner_id)}).</p>{beta}"
            f"<form method='post' action='/apps/authorize/confirm'>{hidden}"
            f"<button type='submit' id='confirm'>Confirm / 确认</button></form>")

    @api.post("/apps/authorize/confirm")
    async def confirm(request: Request):
        form = await request.form()
        redirect_uri, state_value = str(form.get("redirect_uri") or ""), str(form.get("state") or "")
        if not state_value or not _redirect_ok(redirect_uri):
            state.record("consent_confirm", 400)
            return _page("Invalid request / 请求无效", "<p>state and redirect_uri are required.</p>", 400)
        state.record("consent_confirm", 303)
        query = urlencode({"state": state_value, "selling_partner_id": state.credentials.selling_partner_id,
                           "spapi_oauth_code": state.issue_consent_code(redirect_uri)})
        joiner = "&" if urlsplit(redirect_uri).query else "?"
        return RedirectResponse(f"{redirect_uri}{joiner}{query}", status_code=303)

    return api


def router(state) -> APIRouter:
    api = APIRouter()
    api.include_router(consent_router(state))

    @api.post("/auth/o2/token")
    async def token(request: Request) -> JSONResponse:
        delay = state.faults.take_delay("token")
        if delay:
            await asyncio.sleep(delay)
        form = await request.form()
        creds = state.credentials
        grant = form.get("grant_type")
        if grant not in ("refresh_token", "authorization_code"):
            state.record("token", 400)
            return _error("unsupported_grant_type", "Only refresh_token and authorization_code are supported here")
        if not (_same(form.get("client_id"), creds.client_id) and _same(form.get("client_secret"), creds.client_secret)):
            state.record("token", 401)
            return _error("invalid_client", "Client authentication failed", 401)
        if grant == "authorization_code":
            if not state.take_consent_code(str(form.get("code") or ""), str(form.get("redirect_uri") or "")):
                state.record("token", 400)
                return _error("invalid_grant", "The request has an invalid grant parameter : code")
            state.record("token", 200)
            return JSONResponse({"access_token": state.issue_token(), "refresh_token": creds.refresh_token,
                                 "token_type": "bearer", "expires_in": 3600})
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
