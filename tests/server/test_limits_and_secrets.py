"""The rate limit, and secrets kept out of logs and responses."""

from __future__ import annotations

import io
import logging

from fastapi.testclient import TestClient
from server_utils import add_member

from claimpilot import redact
from claimpilot.config import Settings
from claimpilot.server.app import create_app
from claimpilot.server.ratelimit import TokenBuckets

LLM_KEY = "sk-live-0123456789abcdefSECRET"
REFRESH = "Atzr|IwEBIrefresh-token-value-123"


def test_token_bucket_refills_at_the_configured_rate():
    now = [0.0]
    buckets = TokenBuckets(per_minute=60, clock=lambda: now[0])
    assert all(buckets.take("k") == 0.0 for _ in range(60))
    wait = buckets.take("k")
    assert 0.9 < wait <= 1.0
    assert buckets.take("other") == 0.0
    now[0] += 1.0
    assert buckets.take("k") == 0.0


def test_over_the_limit_a_client_gets_429_with_retry_after_and_others_do_not(isolated_home):
    app = create_app(Settings(home=isolated_home, _env_file=None, server={"rate_limit_per_minute": 5}))
    a = add_member(app, "a@acme.test", "acme", "viewer")
    b = add_member(app, "b@acme.test", "acme", "viewer")
    with TestClient(app) as client:
        codes = [client.get("/api/sellers", headers=a.headers).status_code for _ in range(7)]
        assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
        r = client.get("/api/sellers", headers=a.headers)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert client.get("/api/sellers", headers=b.headers).status_code == 200


def test_the_log_filter_masks_configured_secrets_keys_and_passwords():
    settings = Settings(_env_file=None, llm={"api_key": LLM_KEY, "model": "m", "base_url": "http://x"},
                        sp_api={"refresh_token": REFRESH})
    redactor = redact.SecretRedactor(redact.settings_secrets(settings))
    redactor.add("session-token-abcdef123")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(redactor)
    log = logging.getLogger("claimpilot.test.redact")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("calling with key %s and token %s", LLM_KEY, REFRESH)
        log.warning("header Authorization: Bearer abcdefghijklmnop.qrs and cookie session-token-abcdef123")
        log.warning("unknown key cp_0123abcd_ZZZZZZZZZZZZZZZZZZZZZZZZ seen; password=hunter22")
        try:
            raise RuntimeError(f"upstream refused {LLM_KEY}")
        except RuntimeError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    out = stream.getvalue()
    for secret in (LLM_KEY, REFRESH, "abcdefghijklmnop", "session-token-abcdef123", "ZZZZZZZZZZZZZZZZ", "hunter22"):
        assert secret not in out
    assert out.count(redact.MASK) >= 7 and "upstream refused" in out


def test_every_secret_the_settings_hold_is_masked_however_deeply_nested():
    nested = {"track17": {"api_key": "t17-key-0123456789"},
              "alerts": {"webhook_secret": "hook-secret-98765", "dingtalk_secret": "ding-secret-13579"}}
    settings = Settings(_env_file=None, logistics=nested, sp_api={"lwa_client_secret": "lwa-secret-24680"})
    secrets = set(redact.settings_secrets(settings))
    assert {"t17-key-0123456789", "hook-secret-98765", "ding-secret-13579", "lwa-secret-24680"} <= secrets
    masked = redact.SecretRedactor(sorted(secrets)).redact("sent t17-key-0123456789 and ding-secret-13579")
    assert "t17-key" not in masked and "ding-secret" not in masked


def test_no_secret_reaches_a_response_or_the_server_log(isolated_home, caplog):
    settings = Settings(home=isolated_home, _env_file=None, llm={"api_key": LLM_KEY},
                        sp_api={"refresh_token": REFRESH}, server={"session_secret": "s3ssion-secret-value"})
    app = create_app(settings)
    alice = add_member(app, "a@acme.test", "acme", "admin")
    caplog.set_level(logging.DEBUG)
    with TestClient(app) as client:
        bodies = [client.get(p, headers=alice.headers).text
                  for p in ("/api/me", "/api/me/keys", "/api/sellers", "/openapi.json", "/healthz")]
        bodies.append(client.post("/api/auth/login", json={"email": alice.email, "password": "correct-horse-9"}).text)
        logging.getLogger("claimpilot.server").error("request with %s failed", alice.token)
    text = "\n".join(bodies) + caplog.text
    for secret in (LLM_KEY, REFRESH, "s3ssion-secret-value", alice.token, "correct-horse-9", "scrypt$"):
        assert secret not in text


def test_password_guessing_is_throttled_per_address(client, alice):
    codes = [client.post("/api/auth/login", json={"email": alice.email, "password": f"guess-{i}"}).status_code
             for i in range(12)]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
    assert client.get("/api/me", headers=alice.headers).status_code == 200


def test_a_rejected_request_never_echoes_what_was_sent(client, alice):
    r = client.post("/api/auth/login", json={"password": "hunter2-secret-value"})
    assert r.status_code == 422 and "hunter2-secret-value" not in r.text
    assert r.json()["detail"][0]["loc"] == ["body", "email"]
    r = client.post("/api/auth/login", json={"email": alice.email, "password": "p" * 2000})
    assert r.status_code == 422 and "ppppp" not in r.text
