"""Whose Amazon account a seller's chat reaches: its own stored credentials, never the installation's.

The installation's SP-API refresh token (``CLAIMPILOT_SP_API__REFRESH_TOKEN``) is one seller's
authorisation: it serves the installation's own seller account only. Another seller asking the
assistant to fetch its reports must have stored its own (``claimpilot sellers set-credentials``),
else it is told so and Amazon (here the emulator) is never called with someone else's token.
"""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from server_utils import add_member
from test_chat import sse

from claimpilot.accounts import sellers as service
from claimpilot.accounts.models import SellerAccount, SellerCredential
from claimpilot.accounts.settings import settings_for_seller
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.db.engine import dispose_all
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.server.app import create_app
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import TinySeller

TODAY = date.today()


def _fetch(client, member, seller_id: str) -> tuple[dict, str]:
    events = sse(client, f"/api/sellers/{seller_id}/chat", member.headers,
                 {"message": "fetch my reports from Amazon"})
    calls = [d["name"] for n, d in events if n == "tool_call"]
    assert calls == ["fetch_reports"], events
    done = [d for n, d in events if n == "done"]
    assert done, events
    return done[0], done[0]["answer"]


def test_a_seller_fetches_only_with_its_own_credentials(isolated_home):
    with start_emulator(TinySeller(), rate_scale=2000.0, today=TODAY) as emulator:
        creds = emulator.credentials
        installation = {"endpoint": emulator.url, "lwa_app_id": creds.client_id,
                        "lwa_client_secret": creds.client_secret, "refresh_token": creds.refresh_token,
                        "poll_interval_s": 0.01, "backoff_s": 0.01, "backoff_max_s": 0.2}
        settings = Settings(home=isolated_home, _env_file=None, language="en", seller_id="default",
                            sp_api=installation, server={"rate_limit_per_minute": 100_000})
        app = create_app(settings)
        try:
            with TestClient(app) as client:
                alice = add_member(app, "alice@acme.test", "acme", "admin")
                _, answer = _fetch(client, alice, "acme")
                assert "acme" in answer and "not set" in answer
                assert emulator.count() == 0  # the installation's token never went out for acme
                assert creds.refresh_token not in answer and creds.client_secret not in answer
                assert not settings.warehouse_path("acme").exists()

                with session_factory(settings).begin() as db:
                    service.set_credentials(settings, db, "acme", refresh_token=creds.refresh_token)
                _, answer = _fetch(client, alice, "acme")
                assert "not set" not in answer
                assert emulator.count() > 0
                store = ReportStore(settings.warehouse_path("acme"), settings.evidence_dir("acme"))
                assert sum(store.counts().values()) > 0
                assert creds.refresh_token not in answer and creds.client_secret not in answer
        finally:
            dispose_all()


def test_the_installation_token_serves_its_own_seller_only(isolated_home):
    settings = Settings(home=isolated_home, _env_file=None, seller_id="default",
                        sp_api={"lwa_app_id": "app", "lwa_client_secret": "app-secret",
                                "refresh_token": "Atzr|installation"})
    from claimpilot.jobs.runner import ensure_schema

    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        for seller_id in ("default", "acme", "globex"):
            service.add_seller(db, seller_id)
        service.set_credentials(settings, db, "globex", refresh_token="Atzr|globex", region="EU")
    with session_factory(settings)() as db:
        scoped = {s: settings_for_seller(settings, db.get(SellerAccount, s), db.get(SellerCredential, s))
                  for s in ("default", "acme", "globex")}
    assert scoped["default"].sp_api.refresh_token.get_secret_value() == "Atzr|installation"
    assert scoped["acme"].sp_api.refresh_token is None
    assert scoped["globex"].sp_api.refresh_token.get_secret_value() == "Atzr|globex"
    # the LWA app is the installation's and serves every seller
    assert {s.sp_api.lwa_app_id for s in scoped.values()} == {"app"}
    assert {s.sp_api.lwa_client_secret.get_secret_value() for s in scoped.values()} == {"app-secret"}
    assert settings.sp_api.refresh_token.get_secret_value() == "Atzr|installation"  # the base is untouched
