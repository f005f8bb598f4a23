"""One guard for every outbound URL (webhooks, bots, the LLM, 17TRACK, watched pages): https only, no private,
loopback or link-local address unless the installation allows it, redirects checked again."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from sqlalchemy.orm import Session

from claimpilot.config import AlertChannelSettings, Settings, Track17Settings, get_settings
from claimpilot.notify import Notice, deliver
from claimpilot.outbound import OutboundRefused, check_url, guarded_client

NOTICE = Notice("evt-9", "customs_hold", "claimpilot 物流提醒", "held", {})
INSIDE = ["https://10.0.0.5/hook", "https://192.168.1.20/hook", "https://172.16.3.4/x", "https://127.0.0.1:8443/",
          "https://localhost/", "https://[::1]/", "https://169.254.169.254/latest/meta-data/",
          "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/", "https://0.0.0.0/", "https://100.64.0.1/"]


@pytest.fixture
def strict(monkeypatch):
    """An installation that has not allowed private addresses (the default)."""
    monkeypatch.setenv("CLAIMPILOT_NETWORK__ALLOW_PRIVATE", "false")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_only_public_https_unless_the_installation_allows_private_addresses(strict):
    check_url("https://93.184.216.34/hook", "webhook")
    for url in INSIDE:
        with pytest.raises(OutboundRefused, match="private, loopback or link-local"):
            check_url(url, "webhook")
    with pytest.raises(OutboundRefused, match="plain http is refused"):
        check_url("http://93.184.216.34/hook", "webhook")
    with pytest.raises(OutboundRefused, match="not an http"):
        check_url("ftp://93.184.216.34/x", "webhook")
    for url in INSIDE:  # allowed explicitly: a LAN model server, a local stub
        check_url(url, "webhook", allow_private=True)
    check_url("http://127.0.0.1:8080/v1", "llm", allow_private=True)
    with pytest.raises(OutboundRefused, match="plain http is refused"):
        check_url("http://93.184.216.34/hook", "webhook", allow_private=True)


def test_a_webhook_to_a_link_local_or_private_address_is_refused_when_stored(strict, isolated_home):
    from claimpilot.accounts import sellers as service
    from claimpilot.db.engine import engine_for
    from claimpilot.jobs.runner import ensure_schema

    settings = Settings(home=isolated_home, _env_file=None)
    ensure_schema(settings)
    with Session(engine_for(settings)) as db:
        service.add_seller(db, "acme")
        for url in ("https://169.254.169.254/latest/meta-data/", "https://10.1.2.3/hook", "http://hooks.acme.example"):
            with pytest.raises(service.SellerError) as caught:
                service.set_alert_channels(settings, db, "acme", webhook_url=url)
            assert url not in str(caught.value)
        service.set_alert_channels(settings, db, "acme", webhook_url="https://hooks.acme.example/x")


def test_delivery_to_a_local_receiver_needs_the_allowance(receiver, monkeypatch):
    cfg = AlertChannelSettings(backoff_s=0.01, max_retries=2, timeout_s=5, webhook_url=f"{receiver.url}/hook",
                               webhook_secret="s3cret")
    assert deliver(cfg, NOTICE)["webhook"] == "sent"  # the tests' installation allows its local stubs
    monkeypatch.setenv("CLAIMPILOT_NETWORK__ALLOW_PRIVATE", "false")
    get_settings.cache_clear()
    out = deliver(cfg, NOTICE)["webhook"]
    assert "private, loopback or link-local" in out and receiver.url not in out
    assert len(receiver.received) == 1


class _Redirect(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(302)
        self.send_header("Location", self.server.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("target", ["http://93.184.216.34/steal", "https://169.254.169.254/latest/meta-data/"])
def test_a_redirect_is_checked_again(target):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Redirect)
    server.target = target
    threading.Thread(target=server.serve_forever, daemon=True).start()
    allow = target.startswith("http://")  # a private hop allowed, then plain http abroad; or none allowed at all
    try:
        with guarded_client("a watched page", allow_private=True, follow_redirects=True) as client:
            if allow:
                with pytest.raises(OutboundRefused, match="plain http is refused"):
                    client.get(f"http://127.0.0.1:{server.server_port}/")
        with guarded_client("a watched page", allow_private=False, follow_redirects=True) as client:
            with pytest.raises(OutboundRefused, match="127.0.0.1 is a private"):
                client.get(f"http://127.0.0.1:{server.server_port}/")
        hops = []
        with httpx.Client(follow_redirects=False) as plain:
            hops.append(plain.get(f"http://127.0.0.1:{server.server_port}/").headers["location"])
        assert hops == [target]
    finally:
        server.shutdown()


def test_the_llm_and_17track_base_urls_pass_the_guard(strict):
    from claimpilot.agent.model import make_chat_model
    from claimpilot.tools.logistics.track17.client import Track17Client, Track17Error

    for url in ("http://169.254.169.254/v1", "https://10.0.0.7/v1"):
        settings = Settings(_env_file=None, llm={"base_url": url, "model": "m", "api_key": "k"})
        with pytest.raises(OutboundRefused, match="llm.base_url"):
            make_chat_model(settings)
    with pytest.raises(Track17Error, match="logistics.track17.base_url"):
        Track17Client(Track17Settings(api_key="k", base_url="https://192.168.0.10"))
    allowed = Settings(_env_file=None, network={"allow_private": True},
                       llm={"base_url": "http://192.168.0.9:11434/v1", "model": "qwen2.5", "api_key": "k"})
    assert make_chat_model(allowed) is not None
