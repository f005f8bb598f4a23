"""The rate limit keys on who a client has been verified to be: made-up keys are limited by address."""

from __future__ import annotations

import secrets

from fastapi.testclient import TestClient
from server_utils import add_member

from claimpilot.config import Settings
from claimpilot.server.app import create_app


def _app(home, per_minute: int):
    return create_app(Settings(home=home, _env_file=None, server={"rate_limit_per_minute": per_minute}))


def _fake_key() -> dict:
    return {"X-API-Key": f"cp_{secrets.token_hex(4)}_{secrets.token_urlsafe(32)}"}


def test_a_fresh_fake_key_on_each_request_is_limited_by_address(isolated_home):
    app = _app(isolated_home, 5)
    alice = add_member(app, "a@acme.test", "acme", "viewer")
    with TestClient(app) as client:
        codes = [client.get("/api/sellers", headers=_fake_key()).status_code for _ in range(8)]
        assert codes[:5] == [401] * 5 and codes[5:] == [429] * 3
        assert client.get("/api/sellers").status_code == 429  # the address itself is spent
        # a key this server has not yet accepted is charged to the address as well, real or not
        assert client.get("/api/sellers", headers=alice.headers).status_code == 429


def test_a_verified_user_keeps_its_bucket_while_fakes_flood_from_elsewhere(isolated_home):
    app = _app(isolated_home, 5)
    alice = add_member(app, "a@acme.test", "acme", "viewer")
    with TestClient(app) as client, TestClient(app, client=("203.0.113.9", 5000)) as attacker:
        assert client.get("/api/sellers", headers=alice.headers).status_code == 200  # verified from now on
        flood = [attacker.get("/api/sellers", headers=_fake_key()).status_code for _ in range(50)]
        assert flood.count(401) == 5 and flood.count(429) == 45
        assert [client.get("/api/sellers", headers=alice.headers).status_code for _ in range(4)] == [200] * 4
        assert client.get("/api/sellers", headers=alice.headers).status_code == 429  # its own 5 spent


def test_failed_credentials_count_against_the_address(isolated_home):
    app = _app(isolated_home, 1000)
    alice = add_member(app, "a@acme.test", "acme", "viewer")
    with TestClient(app) as client:
        assert client.get("/api/sellers", headers=alice.headers).status_code == 200
        codes = [client.get("/api/sellers", headers=_fake_key()).status_code for _ in range(25)]
        assert codes[:20] == [401] * 20 and set(codes[20:]) == {429}
        r = client.get("/api/sellers", headers=_fake_key())
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert client.get("/api/sellers", headers=alice.headers).status_code == 200  # already verified
