"""One emulator process for many sellers: each seller has its own data, credentials, access tokens,
reports and usage plans (Amazon's rate limits are per selling partner), behind one URL.

A request is handed to its seller's emulator by what identifies the seller at Amazon: the token grant by
its refresh token (the seller's authorisation of the app), every SP-API call by the access token that
grant issued, a document download by its document id. A request that names no known seller is answered
by the first seller's emulator, which refuses it as Amazon would (``invalid_grant``, 403, 404).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs

from ..background import BackgroundServer, bind
from .app import create_app
from .faults import Faults
from .ratelimit import UsagePlan
from .server import make_state
from .source import SellerSource
from .state import EmulatorState, LwaCredentials

TOKEN_PATH = "/auth/o2/token"
DOCUMENTS_PATH = "/_documents/"


@dataclass
class _Seller:
    state: EmulatorState
    app: object


class SellerRouter:
    """An ASGI application that hands each request to its seller's emulator application."""

    def __init__(self, sellers: Mapping[str, EmulatorState]) -> None:
        if not sellers:
            raise ValueError("an emulator serves at least one seller")
        self.sellers = {key: _Seller(state, create_app(state)) for key, state in sellers.items()}
        self._by_refresh = {s.state.credentials.refresh_token: s for s in self.sellers.values()}
        self._first = next(iter(self.sellers.values()))

    def _by_access(self, token: str) -> _Seller:
        return next((s for s in self.sellers.values() if token in s.state.tokens), self._first)

    def _by_document(self, document_id: str) -> _Seller:
        return next((s for s in self.sellers.values() if document_id in s.state.documents), self._first)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self._first.app(scope, receive, send)  # type: ignore[operator]
            return
        path: str = scope["path"]
        if path == TOKEN_PATH:
            body, more = b"", True
            while more:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)
            refresh = parse_qs(body.decode("latin-1")).get("refresh_token", [""])[0]
            seller = self._by_refresh.get(refresh, self._first)
            replayed = False

            async def replay():
                nonlocal replayed
                if replayed:
                    return await receive()
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}

            await seller.app(scope, replay, send)  # type: ignore[operator]
            return
        if path.startswith(DOCUMENTS_PATH):
            seller = self._by_document(path[len(DOCUMENTS_PATH):])
        else:
            headers = dict(scope.get("headers") or [])
            seller = self._by_access(headers.get(b"x-amz-access-token", b"").decode("latin-1"))
        await seller.app(scope, receive, send)  # type: ignore[operator]


class SharedEmulator(BackgroundServer):
    """A started emulator of many sellers: ``url``, each seller's ``state(key)`` and call counts, ``stop()``."""

    def __init__(self, states: Mapping[str, EmulatorState], host: str, port: int) -> None:
        sock, url = bind(host, port)
        for state in states.values():  # the answers carry absolute URLs: the one shared URL
            state.base_url = url
        self.router = SellerRouter(states)
        super().__init__(self.router, sock, url, "SP-API emulator (many sellers)")

    def state(self, key: str) -> EmulatorState:
        return self.router.sellers[key].state

    def credentials(self, key: str) -> LwaCredentials:
        return self.state(key).credentials

    def count(self, key: str, operation: str | None = None, status: int | None = None) -> int:
        """How many calls of ``operation`` the seller ``key`` made that were answered with ``status``."""
        return self.state(key).count(operation, status)

    def keys(self) -> Iterator[str]:
        return iter(self.router.sellers)

    def __repr__(self) -> str:
        return f"SharedEmulator(url={self.url!r}, sellers={len(self.router.sellers)})"


def start_shared_emulator(sellers: Mapping[str, tuple[SellerSource, LwaCredentials]], port: int = 0, *,
                          host: str = "127.0.0.1", rate_scale: float = 1.0,
                          plans: dict[str, UsagePlan] | None = None, polls_to_done: int = 2, page_size: int = 50,
                          today: date | None = None, faults: Mapping[str, Faults] | None = None) -> SharedEmulator:
    """Serve many sellers (key -> their data and credentials; each refresh token its own) on one
    ``host:port``; ``rate_scale``, ``plans``, ``polls_to_done``, ``page_size`` and ``today`` as
    ``start_emulator``'s, for each seller; ``faults`` per seller key."""
    refresh = [creds.refresh_token for _, creds in sellers.values()]
    if len(set(refresh)) != len(refresh):
        raise ValueError("each seller of one emulator needs a refresh token of its own")
    states = {key: make_state(source, (faults or {}).get(key), rate_scale=rate_scale, plans=plans,
                              polls_to_done=polls_to_done, page_size=page_size, today=today, credentials=creds)
              for key, (source, creds) in sellers.items()}
    return SharedEmulator(states, host, port)
