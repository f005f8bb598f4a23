"""Helpers for the server tests: people and keys, claims from findings, a live uvicorn."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import uvicorn

from claimpilot.accounts import members as accounts
from claimpilot.tools.audit.finding import Evidence, Finding

PASSWORD = "correct-horse-9"


@dataclass
class Member:
    email: str
    user_id: int
    seller_id: str
    role: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def add_member(app, email: str, seller_id: str, role: str = "admin") -> Member:
    """A user with ``role`` in ``seller_id`` and an API key (made through the accounts module)."""
    with app.state.sessions() as db:
        user = accounts.get_user_by_email(db, email) or accounts.create_user(db, email, PASSWORD)
        accounts.grant(db, user, seller_id, role)
        _, token = accounts.create_api_key(db, user, "tests")
        db.commit()
        return Member(email, user.id, seller_id, role, token)


def finding(n: int, as_of: date, type: str = "warehouse_lost", closes_in: int = 30) -> Finding:
    """A claimable finding, different for each ``n``."""
    event = as_of - timedelta(days=60)
    return Finding(type=type, status="claimable", reference_id=f"REF{n:05d}", fnsku=f"X00{n:07d}",
                   sku=f"SKU-{n}", quantity=1 + n % 3, unit_value=Decimal("12.50"),
                   amount=Decimal("12.50") * (1 + n % 3), currency="USD", event_date=event,
                   window_opens=event + timedelta(days=30), window_closes=as_of + timedelta(days=closes_in),
                   evidence=[Evidence("ledger", "f" * 64, n + 2)])


def seed_claims(settings, seller_id: str, count: int, as_of: date | None = None) -> None:
    """``count`` claimable claims for ``seller_id`` through the cases service."""
    from claimpilot.tools.cases.service import CaseService

    as_of = as_of or date.today()
    types = ("warehouse_lost", "warehouse_damaged", "customer_return_missing")
    CaseService(settings, seller_id=seller_id).sync(
        [finding(i, as_of, types[i % 3], closes_in=3 + i % 60) for i in range(count)], as_of)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving ``app`` on a free loopback port in a background thread."""

    def __init__(self, app) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


PATH_VALUES = {"seller_id": "acme", "claim_id": 1, "key_id": 1, "thread_id": "t1", "message_id": 1, "task_id": 1,
               "asin": "B00TEST001", "case_no": 1, "kind": "scan", "user_id": 1, "invitation_id": 1,
               "sha256": "0" * 64}
"""A value for every path parameter the API has, so that tests can call each route."""


def fill_path(route_path: str, **values) -> str:
    """``route_path`` with every ``{param}`` filled: ``values`` first, else ``PATH_VALUES``."""
    return route_path.format_map({**PATH_VALUES, **values})


def api_operations(app) -> list[tuple[str, str]]:
    """Every (path, METHOD) of the API, from the app's own OpenAPI schema (every API route is in it)."""
    ops = []
    for path, item in app.openapi()["paths"].items():
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                ops.append((path, method.upper()))
    return ops
