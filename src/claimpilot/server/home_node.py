"""Pages that read a seller's warehouse, served by its home node's web server.

A seller's DuckDB warehouse lives on one node's disk (``accounts/nodes.py``). The routes that read or write
it (uploads, the reports list and files, audits, a claim's evidence rows and packets, the chat) declare
``READS_WAREHOUSE``. A web server that is not the seller's home forwards such a request, as it came (its
body streamed, cookies and keys included), to the web server of the seller's node
(``claimpilot serve --node N --node-url URL`` records that address), and streams the answer back: the page
works from any web server of the installation. Every other route reads PostgreSQL and is served where it
arrives.

- The home authenticates and authorises the forwarded request itself (same database, same session
  secret); a request forwarded once is never forwarded again (``FORWARDED_BY``): a seller moved meanwhile
  is refused there with the node named (409), not sent round.
- A node with no address recorded: the route refuses (409, the node named) before reading a body.
- A home that does not answer: 503 (504 if it answers too slowly) naming the node; nothing was stored.
"""

from __future__ import annotations

import logging
import re
import time

import httpx
from fastapi import Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.routing import compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from claimpilot.config import Settings
from claimpilot.server.deps import SellerAccess
from claimpilot.server.problems import Problem, language

log = logging.getLogger("claimpilot.server.home_node")

FORWARDED_BY = b"x-claimpilot-forwarded-by"
HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te", b"trailer",
              b"transfer-encoding", b"upgrade", b"host"}
ANSWER_HEADERS_OF_THIS_SERVER = {b"x-content-type-options", b"x-frame-options", b"referrer-policy",
                                 b"content-security-policy", b"connection", b"keep-alive", b"transfer-encoding",
                                 b"date", b"server"}
HOMES_TTL_S = 5.0  # a move is seen by every web server within this


def reads_warehouse(ctx: SellerAccess) -> None:
    """The route reads the seller's warehouse. Here it is refused, before any body is read, when the
    warehouse lives on another node this request was not forwarded to (``StoreElsewhere``, 409)."""
    from claimpilot.accounts.nodes import check_local_store

    check_local_store(ctx.settings, ctx.seller_id, ctx.settings.warehouse_path())


READS_WAREHOUSE = Depends(reads_warehouse)


def forwarded_paths() -> list[tuple[re.Pattern[str], frozenset[str]]]:
    """The path pattern and methods of every seller route that declares ``READS_WAREHOUSE``."""
    from claimpilot.server.routes import SELLER_ROUTERS, seller_router

    return [(compile_path(seller_router.prefix + route.path)[0], frozenset(route.methods or ()))
            for router in SELLER_ROUTERS for route in router.routes
            if isinstance(route, APIRoute) and any(d.call is reads_warehouse for d in route.dependant.dependencies)]


class _Homes:
    """Seller -> (home node, its web server's address), read from the operational store, kept a few seconds."""

    def __init__(self, sessions) -> None:
        self._sessions = sessions
        self._known: dict[str, tuple[float, tuple[str, str]]] = {}

    def lookup(self, seller_id: str) -> tuple[str, str]:
        from claimpilot.accounts.nodes import home_of

        now = time.monotonic()
        hit = self._known.get(seller_id)
        if hit and now - hit[0] < HOMES_TTL_S:
            return hit[1]
        with self._sessions() as db:
            home = home_of(db, seller_id)
        if len(self._known) > 10_000:
            self._known.clear()
        self._known[seller_id] = (now, home)
        return home


class _ClientGone(Exception):
    """The person's browser went away in the middle of sending the request."""


class Forwarder:
    """Where a request goes (``target``) and its trip there and back (``forward``); one a web server, its
    HTTP client closed with the server (``aclose``)."""

    def __init__(self, settings: Settings, sessions) -> None:
        self.node = settings.scheduler.node
        self.enabled = bool(settings.database_url)  # only a shared operational store knows nodes
        self.timeout = settings.server.forward_timeout_s
        self.homes = _Homes(sessions)
        self._paths: list[tuple[re.Pattern[str], frozenset[str]]] | None = None
        self._client: httpx.AsyncClient | None = None

    async def target(self, scope: Scope) -> tuple[str, str, str] | None:
        """(seller, node, address) where this request goes to the seller's home node, else None."""
        if not scope["path"].startswith("/api/sellers/") or any(k == FORWARDED_BY for k, _ in scope["headers"]):
            return None
        if self._paths is None:
            self._paths = forwarded_paths()
        for pattern, methods in self._paths:
            found = pattern.match(scope["path"])
            if found and scope["method"] in methods:
                seller_id = found["seller_id"]
                node, url = await run_in_threadpool(self.homes.lookup, seller_id)
                return (seller_id, node, url) if node and node != self.node and url else None
        return None

    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(self.timeout, connect=5.0), follow_redirects=False)
        return self._client

    def _request(self, scope: Scope, receive: Receive, url: str) -> httpx.Request:
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in HOP_BY_HOP | {b"x-forwarded-for"}]
        host = next((v for k, v in scope["headers"] if k == b"host"), b"")
        peer = (scope.get("client") or ("",))[0].encode()
        chain = [v for k, v in scope["headers"] if k == b"x-forwarded-for"] + [peer]
        headers += [(b"x-forwarded-for", b", ".join(chain)), (b"x-forwarded-host", host),
                    (b"x-forwarded-proto", scope.get("scheme", "http").encode()),
                    (FORWARDED_BY, (self.node or "web").encode())]
        query = scope.get("query_string", b"").decode("latin-1")
        target = url + scope.get("raw_path", scope["path"].encode()).decode("latin-1") + (f"?{query}" if query else "")
        has_body = any(k in (b"content-length", b"transfer-encoding") for k, _ in scope["headers"])

        async def body():
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise _ClientGone()
                yield message.get("body", b"")
                if not message.get("more_body", False):
                    return

        return self.client().build_request(scope["method"], target, headers=headers,
                                           content=body() if has_body else None)

    async def forward(self, scope: Scope, receive: Receive, send: Send, seller_id: str, node: str,
                      url: str) -> None:
        request = self._request(scope, receive, url)
        try:
            answer = await self.client().send(request, stream=True)
        except _ClientGone:
            return
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            log.warning("home node %s of seller %s does not answer at %s: %s", node, seller_id, url,
                        type(exc).__name__)
            await self._refuse(scope, send, Problem(503, "home_node_unreachable", headers={"Retry-After": "30"},
                                                    seller=seller_id, node=node))
            return
        except httpx.TimeoutException:
            await self._refuse(scope, send, Problem(504, "home_node_slow", headers={"Retry-After": "30"},
                                                    seller=seller_id, node=node, seconds=f"{self.timeout:g}"))
            return
        headers = [(k, v) for k, v in answer.headers.raw if k.lower() not in ANSWER_HEADERS_OF_THIS_SERVER]
        try:
            await send({"type": "http.response.start", "status": answer.status_code, "headers": headers})
            async for chunk in answer.aiter_raw():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        except httpx.HTTPError as exc:  # the home went away mid-answer: the answer ends where it stopped
            log.warning("home node %s of seller %s stopped answering: %s", node, seller_id, type(exc).__name__)
        finally:
            await answer.aclose()
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    @staticmethod
    async def _refuse(scope: Scope, send: Send, problem: Problem) -> None:
        from fastapi.responses import JSONResponse

        response = JSONResponse(problem.body(language(Request(scope))), status_code=problem.status_code,
                                headers=problem.headers)
        await response(scope, _no_body, send)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class HomeNodeForwarding:
    """ASGI middleware: the warehouse routes of a seller whose home is another node go to that node."""

    def __init__(self, app: ASGIApp, forwarder: Forwarder) -> None:
        self.app = app
        self.forwarder = forwarder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = await self.forwarder.target(scope) if self.forwarder.enabled and scope["type"] == "http" else None
        if target is None:
            await self.app(scope, receive, send)
        else:
            await self.forwarder.forward(scope, receive, send, *target)


async def _no_body() -> dict:
    return {"type": "http.request", "body": b"", "more_body": False}
