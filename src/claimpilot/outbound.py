"""The one guard on every address claimpilot calls out to over HTTP: webhooks and chat bots, the LLM
endpoint, tracking providers, the policy pages it watches.

- https only;
- no private, loopback, link-local or otherwise non-public address, unless the installation allows it
  (``Settings.network.allow_private``: an Ollama or vLLM on the LAN, the local stubs of the tests); plain
  http is then allowed to such an address, and only to it;
- checked again on every request a guarded httpx client makes, each redirect included, with the host
  name resolved at that moment (``guarded_client``, ``guarded_async_client``).

A refusal names what was refused and the host, never the whole URL: a bot's or a webhook's URL is a secret.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx

LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


class OutboundRefused(ValueError):
    """An address claimpilot does not call."""


def _allow_default() -> bool:
    from claimpilot.config import get_settings

    return get_settings().network.allow_private


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(text.strip("[]").split("%")[0])
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)
    return mapped or ip


def _addresses(host: str, resolve: bool) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    if host.lower().rstrip(".") in LOCAL_NAMES:
        return [ipaddress.ip_address("127.0.0.1")]
    if (ip := _ip(host)) is not None:
        return [ip]
    if not resolve:
        return []
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return []  # the connection itself will fail
    return [ip for info in infos if (ip := _ip(str(info[4][0]))) is not None]


def _public(ip) -> bool:
    return ip.is_global and not ip.is_multicast


def check_url(url: str, what: str, allow_private: bool | None = None, resolve: bool = True) -> None:
    """Raise ``OutboundRefused`` unless ``url`` may be called (see the module's rules).

    ``resolve=False`` judges a host name by its spelling only (where settings are stored, offline)."""
    parts = urlsplit(str(url))
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host:
        raise OutboundRefused(f"{what} is not an http(s) URL")
    allow = _allow_default() if allow_private is None else allow_private
    private = any(not _public(ip) for ip in _addresses(host, resolve))
    if private and not allow:
        raise OutboundRefused(f"{what}: {host} is a private, loopback or link-local address; claimpilot calls "
                              "only public https addresses unless the installation sets network.allow_private")
    if parts.scheme == "http" and not (private and allow):
        raise OutboundRefused(f"{what} over plain http is refused ({host}); use https")


def guarded_client(what: str, allow_private: bool | None = None, **kwargs: Any) -> httpx.Client:
    """An httpx client that checks every request it sends (redirects included) with ``check_url``."""
    allow = _allow_default() if allow_private is None else allow_private

    def hook(request: httpx.Request) -> None:
        check_url(str(request.url), what, allow)

    return httpx.Client(event_hooks={"request": [hook]}, **kwargs)


def guarded_async_client(what: str, allow_private: bool | None = None, **kwargs: Any) -> httpx.AsyncClient:
    allow = _allow_default() if allow_private is None else allow_private

    async def hook(request: httpx.Request) -> None:
        check_url(str(request.url), what, allow)

    return httpx.AsyncClient(event_hooks={"request": [hook]}, **kwargs)


def llm_http_clients(settings) -> dict[str, Any]:
    """The guarded httpx clients for an OpenAI-compatible client of ``settings.llm``, its base URL checked
    first (none set: OpenAI's own endpoint)."""
    llm, allow = settings.llm, settings.network.allow_private
    if llm.base_url:
        check_url(llm.base_url, "the LLM base URL (llm.base_url)", allow)
    return {"http_client": guarded_client("the LLM endpoint", allow, timeout=llm.timeout_s),
            "http_async_client": guarded_async_client("the LLM endpoint", allow, timeout=llm.timeout_s)}
