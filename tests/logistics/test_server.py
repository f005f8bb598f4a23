"""The shipments board over HTTP: members see only their own seller's shipments; a viewer reads, an operator adds;
17TRACK pushes are taken only when signed, and once."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parents[1] / "server"))

from server_utils import add_member  # noqa: E402

from claimpilot.server.app import create_app  # noqa: E402
from claimpilot.tools.logistics.track17 import sign  # noqa: E402

NUMBER = "1ZA1B2C3D4E5F60001"


@pytest.fixture
def client(lsettings):
    app = create_app(lsettings.model_copy(update={"server": lsettings.server.model_copy(
        update={"rate_limit_per_minute": 100_000})}))
    with TestClient(app) as c:
        c.app_ref = app
        yield c


def test_board_add_detail_alerts_and_tenancy(client, track17):
    app = client.app_ref
    alice = add_member(app, "alice@acme.test", "acme", "operator")
    viewer = add_member(app, "vic@acme.test", "acme", "viewer")
    mallory = add_member(app, "mallory@globex.test", "globex", "admin")
    base = "/api/sellers/acme/shipments"

    assert client.post(base, json={"ref": NUMBER, "order_id": "111-0000000-0000009"},
                       headers=viewer.headers).status_code == 403
    added = client.post(base, json={"ref": NUMBER, "order_id": "111-0000000-0000009"}, headers=alice.headers)
    assert added.status_code == 200 and added.json()["registered"] is True
    assert client.post(base, json={"ref": "no spaces!"}, headers=alice.headers).status_code == 422
    track17.state.scan(NUMBER, datetime(2026, 11, 20, 8, tzinfo=UTC), "Exception_Other",
                       "Delivery exception: address", "Denver, CO")
    refreshed = client.post(f"{base}/refresh", headers=alice.headers)
    assert refreshed.status_code == 200 and refreshed.json()["new_alerts"]

    board = client.get(base, headers=viewer.headers).json()
    assert [r["ref"] for r in board["items"]] == [NUMBER]
    assert board["counts"] == {"exception": 1} and board["alerts"][0]["kind"] == "exception"
    late = client.get(base, params={"late": True}, headers=viewer.headers).json()["items"]
    assert [r["ref"] for r in late] == [NUMBER]
    detail = client.get(f"{base}/detail", params={"ref": NUMBER}, headers=viewer.headers).json()
    assert detail["events"][0]["description"] == "Delivery exception: address"
    assert client.get(f"{base}/detail", params={"ref": "NOPE123"}, headers=viewer.headers).status_code == 404

    for path in (base, f"{base}/alerts", f"{base}/detail?ref={NUMBER}"):
        r = client.get(path, headers=mallory.headers)
        assert r.status_code == 404 and NUMBER not in r.text
    assert client.post(f"{base}/refresh", headers=mallory.headers).status_code == 404
    assert client.get("/api/sellers/globex/shipments", headers=mallory.headers).json()["items"] == []
    assert client.get(base).status_code == 401


def test_track17_push_endpoint(client, track17):
    app = client.app_ref
    alice = add_member(app, "alice@acme.test", "acme", "operator")
    base = "/api/sellers/acme/shipments"
    client.post(base, json={"ref": NUMBER}, headers=alice.headers)
    track17.state.scan(NUMBER, datetime(2026, 11, 21, 8, tzinfo=UTC), "Delivered_Other", "Delivered", "Denver")
    body = track17.push_body(NUMBER)
    hook = f"{base}/track17-webhook"
    assert client.post(hook, content=body, headers={"sign": sign(body, "wrong")}).status_code == 401
    assert client.post(hook, content=body).status_code == 401
    good = {"sign": sign(body, track17.state.webhook_key)}
    assert client.post("/api/sellers/nobody/shipments/track17-webhook", content=body, headers=good).status_code == 404
    first = client.post(hook, content=body, headers=good)
    again = client.post(hook, content=body, headers=good)
    assert first.json() == {"event": "TRACKING_UPDATED", "duplicate": False, "applied": 1}
    assert again.json() == {"event": "TRACKING_UPDATED", "duplicate": True, "applied": 0}
    detail = client.get(f"{base}/detail", params={"ref": NUMBER}, headers=alice.headers).json()
    assert detail["status"] == "delivered" and len(detail["events"]) == 1
    assert "/track17-webhook" not in str(client.get("/openapi.json").json()["paths"])
