"""``claimpilot track refresh --seller X``: X's alerts go to X's own alert channels when it has them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from typer.testing import CliRunner

from claimpilot.accounts import sellers as service
from claimpilot.cli import app
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.db.engine import dispose_all
from claimpilot.jobs.runner import ensure_schema

NUMBER = "1ZA1B2C3D4E5F60303"


def test_refresh_for_a_seller_alerts_its_own_channel(track17, receiver, monkeypatch):
    env = {"TRACK17__BASE_URL": track17.url, "TRACK17__API_KEY": track17.state.api_key,
           "TRACK17__BACKOFF_S": "0.01", "ALERTS__WEBHOOK_URL": f"{receiver.url}/installation",
           "ALERTS__WEBHOOK_SECRET": "installation-secret"}
    for name, value in env.items():
        monkeypatch.setenv(f"CLAIMPILOT_LOGISTICS__{name}", value)
    settings = Settings()
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme")
        service.set_alert_channels(settings, db, "acme", webhook_url=f"{receiver.url}/acme",
                                   webhook_secret="acme-secret")
    run = CliRunner()
    try:
        assert run.invoke(app, ["track", "add", NUMBER, "--seller", "acme", "--json"]).exit_code == 0
        track17.state.scan(NUMBER, datetime(2026, 11, 20, 8, tzinfo=UTC), "Exception_Other",
                           "Delivery exception: address", "Denver, CO")
        refreshed = run.invoke(app, ["track", "refresh", "--seller", "acme", "--today", "2026-11-21", "--json"])
        assert refreshed.exit_code == 0, refreshed.output
        assert json.loads(refreshed.stdout)["new_alerts"]
        assert "acme-secret" not in refreshed.output
    finally:
        dispose_all()
    paths = {hit.path for hit in receiver.received}
    assert paths == {"/acme"}
    assert all(hit.json()["data"]["seller_id"] == "acme" for hit in receiver.received)
