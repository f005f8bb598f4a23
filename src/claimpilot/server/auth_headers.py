"""Where a request carries its credential: an API key header or the session cookie."""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.types import Scope

SESSION_COOKIE = "claimpilot_session"
API_KEY_HEADER = "x-api-key"


def api_key_from_headers(authorization: str | None, x_api_key: str | None) -> str | None:
    """The API key from ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``."""
    if x_api_key and x_api_key.strip():
        return x_api_key.strip()
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return None


def credential_from_scope(scope: Scope) -> tuple[str, str | None]:
    """``("key", token)``, ``("session", cookie)`` or ``("none", None)`` for an ASGI scope."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    key = api_key_from_headers(headers.get("authorization"), headers.get(API_KEY_HEADER))
    if key:
        return "key", key
    cookie_header = headers.get("cookie")
    if cookie_header:
        jar = SimpleCookie()
        try:
            jar.load(cookie_header)
        except Exception:  # a malformed cookie header carries no credential
            return "none", None
        if SESSION_COOKIE in jar:
            return "session", jar[SESSION_COOKIE].value
    return "none", None
