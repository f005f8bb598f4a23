"""Connecting a seller account by Amazon's website authorization, against the SP-API emulator over HTTP: the
consent URL with its state, the consent page, the redirect back, the code exchanged for the refresh token
(stored encrypted); a replayed, tampered, expired or another person's state is refused in the reader's words,
on the page too."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, CHROMIUM, sync_playwright_or_skip
from claimpilot.accounts import crypto
from claimpilot.accounts.models import SellerCredential
from claimpilot.config import Settings
from claimpilot.sandbox.emulator import start_emulator
from pg_schema import fresh_schema
from spapi_seller import TinySeller


@pytest.fixture
def emulator():
    with start_emulator(TinySeller(), rate_scale=1000) as emu:
        yield emu


@pytest.fixture(params=["sqlite", "postgres"])
def server_settings(request, isolated_home, emulator):
    """The installation's settings with the emulator as Amazon, on SQLite and on PostgreSQL."""
    creds = emulator.credentials
    values = {"home": isolated_home, "_env_file": None, "server": {"rate_limit_per_minute": 100_000},
              "sp_api": {"endpoint": emulator.url, "lwa_app_id": creds.client_id,
                         "lwa_client_secret": creds.client_secret, "application_id": creds.application_id,
                         "seller_central_url": emulator.url, "lwa_url": emulator.url, "draft_app": True}}
    if request.param == "sqlite":
        yield Settings(**values)
        return
    with fresh_schema() as url:
        yield Settings(**values, database_url=url)


def consent(client, member) -> str:
    """Start connecting; the consent URL."""
    r = client.post(f"/api/sellers/{member.seller_id}/settings/amazon/connect", headers=member.headers)
    assert r.status_code == 200, r.text
    return r.json()["consent_url"]


def confirm_at_amazon(url: str) -> dict[str, str]:
    """The seller confirms on the consent page; what Amazon sends back to the redirect URI."""
    page = httpx.get(url)
    assert page.status_code == 200 and "Confirm / 确认" in page.text
    query = parse_qs(urlsplit(url).query)
    back = httpx.post(f"{url.split('/apps/')[0]}/apps/authorize/confirm",
                      data={"state": query["state"][0], "redirect_uri": query["redirect_uri"][0]})
    assert back.status_code == 303
    location = back.headers["location"]
    assert location.startswith(query["redirect_uri"][0] + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def finish(client, member, back: dict[str, str], lang: str = "en") -> httpx.Response:
    return client.post("/api/amazon/connect", json=back, headers={**member.headers, "Accept-Language": lang})


def test_an_admin_connects_amazon_and_the_refresh_token_is_stored_encrypted(client, app, emulator, server_settings):
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    assert client.get("/api/sellers/acme/settings", headers=alice.headers).json()["amazon"]["connected"] is False
    url = consent(client, alice)
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{emulator.url}/apps/authorize/consent?")
    assert query["application_id"] == [emulator.credentials.application_id] and query["version"] == ["beta"]
    assert query["redirect_uri"] == ["http://testserver/api/amazon/callback"]

    back = confirm_at_amazon(url)
    assert back["selling_partner_id"] == emulator.credentials.selling_partner_id and back["spapi_oauth_code"]
    hop = client.get("/api/amazon/callback", params=back, follow_redirects=False)
    assert hop.status_code == 303
    page_url = urlsplit(hop.headers["location"])
    assert page_url.path == "/" and page_url.fragment.startswith("/settings?")
    assert {k: v[0] for k, v in parse_qs(page_url.fragment.split("?", 1)[1]).items()} == back

    r = finish(client, alice, back)
    assert r.status_code == 200, r.text
    assert r.json() == {"seller_id": "acme", "selling_partner_id": emulator.credentials.selling_partner_id,
                        "connected": True}
    assert client.get("/api/sellers/acme/settings", headers=alice.headers).json()["amazon"]["connected"] is True
    with app.state.sessions() as db:
        stored = db.get(SellerCredential, "acme").refresh_token_enc
    assert emulator.credentials.refresh_token not in stored
    assert crypto.decrypt(server_settings, stored) == emulator.credentials.refresh_token
    assert emulator.count("token", 200) == 1

    replay = finish(client, alice, back, "zh")  # the same answer from Amazon a second time
    assert replay.status_code == 422 and replay.json()["code"] == "amazon_state_unknown"
    assert "已经用过" in replay.json()["detail"]


def test_a_wrong_expired_or_other_persons_state_is_refused_and_no_token_is_asked_for(client, app, emulator, clock):
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    bob = add_member(app, "bob@acme.test", "acme", "admin")
    back = confirm_at_amazon(consent(client, alice))

    tampered = {**back, "state": back["state"][:-4] + "AAAA"}
    r = finish(client, alice, tampered)
    assert (r.status_code, r.json()["code"]) == (422, "amazon_state_unknown")
    assert "start again" in r.json()["detail"]
    r = finish(client, bob, back)
    assert (r.status_code, r.json()["code"]) == (422, "amazon_state_other_user")
    r = finish(client, alice, {**back, "state": "no-such-state"})
    assert (r.status_code, r.json()["code"]) == (422, "amazon_state_unknown")

    back = confirm_at_amazon(consent(client, alice))
    clock.shift(timedelta(minutes=11))
    r = finish(client, alice, back)
    assert (r.status_code, r.json()["code"]) == (422, "amazon_state_expired")
    assert "10 minutes" in r.json()["detail"]
    assert finish(client, alice, back).json()["code"] == "amazon_state_unknown"  # spent, even though refused
    assert emulator.count("token") == 0
    assert client.get("/api/sellers/acme/settings", headers=alice.headers).json()["amazon"]["connected"] is False


def test_a_code_amazon_does_not_accept_is_said_so_and_the_secret_never_shows(client, app, emulator, caplog):
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    first = confirm_at_amazon(consent(client, alice))
    assert finish(client, alice, first).status_code == 200
    again = confirm_at_amazon(consent(client, alice))
    r = finish(client, alice, {**again, "spapi_oauth_code": first["spapi_oauth_code"]})  # a spent code
    assert (r.status_code, r.json()["code"]) == (422, "amazon_exchange_failed")
    assert "invalid_grant" in r.json()["detail"]
    secret = emulator.credentials.client_secret
    assert secret not in r.text and secret not in caplog.text
    assert emulator.credentials.refresh_token not in caplog.text


def test_only_an_admin_starts_and_an_installation_without_an_app_says_what_is_missing(client, app, server_settings):
    viewer = add_member(app, "vic@acme.test", "acme", "viewer")
    r = client.post("/api/sellers/acme/settings/amazon/connect", headers=viewer.headers)
    assert r.status_code == 403
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    app.state.settings = server_settings.model_copy(
        update={"sp_api": server_settings.sp_api.model_copy(update={"application_id": None})})
    r = client.post("/api/sellers/acme/settings/amazon/connect", headers={**alice.headers, "Accept-Language": "zh"})
    assert (r.status_code, r.json()["code"]) == (409, "amazon_app_missing")
    assert "应用" in r.json()["detail"]


def test_the_page_says_in_chinese_why_a_returned_authorization_is_refused(app):
    sync_playwright = sync_playwright_or_skip()
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800}).new_page()
            page.goto(server.url)
            page.wait_for_selector("body[data-rendered='login.zh']")
            page.fill("input[name=email]", alice.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("#login-form button")
            page.wait_for_selector("body[data-rendered='dashboard.zh']")
            page.goto(f"{server.url}/api/amazon/callback?state=forged&spapi_oauth_code=ANx&selling_partner_id=A1")
            page.wait_for_selector("#toast.error:has-text('这次亚马逊授权无效或已经用过')")
            page.wait_for_selector("body[data-rendered='settings.zh']")
            assert page.url.endswith("/#/settings")  # what Amazon sent is off the address
            assert page.inner_text("#amazon-status") == "尚未连接：现在靠上传的报告工作。"
            assert page.inner_text("#amazon-connect") == "连接亚马逊账号"
            assert page.inner_text("#settings-amazon code") == "claimpilot sellers set-credentials acme"  # the CLI's
        finally:
            browser.close()
