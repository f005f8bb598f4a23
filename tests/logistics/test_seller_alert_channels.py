"""Refreshing a seller's shipments over HTTP delivers its alerts to that seller's own alert channels
(``claimpilot sellers alerts``) when it has them, else to the installation's; a seller's alert never
reaches another's channel."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parents[1] / "server"))

from logistics_helpers import logistics_settings  # noqa: E402
from server_utils import add_member  # noqa: E402

from claimpilot.accounts import sellers as service  # noqa: E402
from claimpilot.db import session_factory  # noqa: E402
from claimpilot.notify.webhook import signature  # noqa: E402
from claimpilot.server.app import create_app  # noqa: E402

NUMBERS = {"acme": "1ZA1B2C3D4E5F60101", "globex": "1ZA1B2C3D4E5F60202"}
ACME_SECRET = "acme-alert-secret-5551234"
INSTALL_SECRET = "installation-alert-secret-777"


@pytest.fixture
def installation(isolated_home, track17, receiver):
    settings = logistics_settings(isolated_home, track17, alerts={
        "webhook_url": f"{receiver.url}/installation", "webhook_secret": INSTALL_SECRET})
    return settings.model_copy(update={"server": settings.server.model_copy(
        update={"rate_limit_per_minute": 100_000})})


def test_refresh_delivers_to_the_sellers_own_channels_else_the_installations(installation, track17, receiver):
    app = create_app(installation)
    with TestClient(app) as client:
        members = {seller: add_member(app, f"ops@{seller}.test", seller, "operator") for seller in NUMBERS}
        with session_factory(installation).begin() as db:
            service.set_alert_channels(installation, db, "acme", webhook_url=f"{receiver.url}/acme",
                                       webhook_secret=ACME_SECRET)
        answers = {}
        for seller, number in NUMBERS.items():
            base = f"/api/sellers/{seller}/shipments"
            assert client.post(base, json={"ref": number}, headers=members[seller].headers).status_code == 200
            track17.state.scan(number, datetime(2026, 11, 20, 8, tzinfo=UTC), "Exception_Other",
                               "Delivery exception: address", "Denver, CO")
            answers[seller] = client.post(f"{base}/refresh", headers=members[seller].headers)
            assert answers[seller].status_code == 200, answers[seller].text
            new = answers[seller].json()["new_alerts"]
            assert new and answers[seller].json()["deliveries"] == {str(i): {"webhook": "sent"} for i in new}
        alerts = {seller: client.get(f"/api/sellers/{seller}/shipments/alerts", headers=members[seller].headers)
                  .json() for seller in NUMBERS}

    hits = {path: [hit for hit in receiver.received if hit.path == path] for path in ("/acme", "/installation")}
    assert sorted({hit.path for hit in receiver.received}) == ["/acme", "/installation"]
    for (path, secret), seller in zip((("/acme", ACME_SECRET), ("/installation", INSTALL_SECRET)), NUMBERS, strict=False):
        assert len(hits[path]) == len(alerts[seller])  # each of the seller's alerts once, to its channel only
        for hit in hits[path]:
            assert (hit.json()["data"]["seller_id"], hit.json()["data"]["ref"]) == (seller, NUMBERS[seller])
            assert hit.headers["x-claimpilot-signature"] == signature(
                secret, hit.headers["x-claimpilot-timestamp"], hit.body)
    for seller in NUMBERS:
        assert "exception" in {a["kind"] for a in alerts[seller]}
        assert all(a["deliveries"] == {"webhook": "sent"} for a in alerts[seller])
        assert ACME_SECRET not in answers[seller].text
