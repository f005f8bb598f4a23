"""The buyer message API: intake, queue and decisions per seller account, tenant-checked; sending over real SMTP."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimpilot.db.engine import dispose_all
from claimpilot.server.app import create_app


def _server_utils():
    path = Path(__file__).resolve().parents[1] / "server" / "server_utils.py"
    spec = importlib.util.spec_from_file_location("buyers_server_utils", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def api(mail_settings):
    settings = mail_settings.model_copy(update={"server": mail_settings.server.model_copy(
        update={"rate_limit_per_minute": 100_000})})
    app = create_app(settings)
    utils = _server_utils()
    members = {"owner": utils.add_member(app, "owner@seller.test", settings.seller_id, "admin"),
               "viewer": utils.add_member(app, "viewer@seller.test", settings.seller_id, "viewer"),
               "stranger": utils.add_member(app, "mallory@globex.test", "globex", "admin")}
    with TestClient(app) as client:
        yield client, {k: {"X-API-Key": m.token} for k, m in members.items()}, settings.seller_id
    dispose_all()


def test_intake_queue_and_send_through_the_api(api, smtp, order_ids):
    client, keys, seller = api
    base = f"/api/sellers/{seller}/buyers"
    oid = order_ids["Shipped"]
    body = {"relay_address": "api1@marketplace.amazon.es", "body": f"Hola, ¿dónde está mi pedido {oid}? No ha llegado.",
            "external_id": "crm-77"}
    created = client.post(f"{base}/messages", json=body, headers=keys["owner"])
    assert created.status_code == 201 and created.json()["created"] is True
    mid = created.json()["id"]
    assert client.post(f"{base}/messages", json=body, headers=keys["owner"]).json() == {
        "id": mid, "created": False, "skipped": ""}

    listed = client.get(base, headers=keys["viewer"]).json()
    assert [(r["id"], r["language"], r["intent"], r["status"]) for r in listed] == [
        (mid, "es", "where_is_my_order", "queued")]
    detail = client.get(f"{base}/{mid}", headers=keys["viewer"]).json()
    assert oid in detail["reply"]["body"] and detail["reply"]["compliance_ok"]

    assert client.post(f"{base}/{mid}/approve", headers=keys["viewer"]).status_code == 403
    assert client.post(f"{base}/{mid}/approve", headers=keys["stranger"]).status_code == 404
    assert client.get(f"{base}/{mid}", headers=keys["stranger"]).status_code == 404
    assert client.post(f"{base}/{mid}/approve", headers=keys["owner"]).json()["status"] == "approved"
    assert client.post(f"{base}/{mid}/approve", headers=keys["owner"]).status_code == 409

    sent = client.post(f"{base}/send", json={}, headers=keys["owner"])
    assert sent.status_code == 200 and sent.json()["sent"] == [mid]
    assert client.post(f"{base}/send", json={}, headers=keys["owner"]).json()["sent"] == []
    assert len(smtp.received) == 1 and smtp.received[0].rcpt_tos == ["api1@marketplace.amazon.es"]
    assert client.get(f"{base}/threads", headers=keys["viewer"]).json() == [
        {"thread": oid, "messages": 1, "latest_id": mid}]


def test_bad_input_and_other_tenants(api, smtp, order_ids):
    client, keys, seller = api
    base = f"/api/sellers/{seller}/buyers"
    bad = client.post(f"{base}/messages", json={"relay_address": "me@gmail.com", "body": "hi"}, headers=keys["owner"])
    assert bad.status_code == 422 and "relay" in bad.text
    assert client.post(f"{base}/messages", json={"relay_address": "a@marketplace.amazon.com", "body": "x",
                                                 "order_id": "12-3"}, headers=keys["owner"]).status_code == 422
    assert client.get(f"{base}/12345", headers=keys["owner"]).status_code == 404
    assert client.post(f"{base}/1/edit", json={"body": "x"}, headers=keys["stranger"]).status_code == 404
    other = client.post("/api/sellers/globex/buyers/send", json={}, headers=keys["stranger"])
    assert other.status_code == 409  # the installation's mailbox is not globex's
    assert client.post("/api/sellers/globex/buyers/poll", headers=keys["stranger"]).status_code == 409
    assert client.get(base, headers={}).status_code == 401
    assert smtp.received == []
