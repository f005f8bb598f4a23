"""Uploads, audits, a chat that audits and claim pages, for one seller at the same moment, in one server process."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from fastapi.testclient import TestClient

from claimpilot.tools.reports import warehouse

ROUNDS = 3


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    from claimpilot.sandbox.demo_seller import generate

    folder = tmp_path_factory.mktemp("demo")
    return generate(seed=7, as_of=date.today(), skus=80).write(folder)


def _parts(paths):
    return [("files", (p.name, p.read_bytes())) for p in paths]


def test_upload_audit_chat_and_claim_pages_of_one_seller_at_once(app, client, alice, demo_files):
    half = len(demo_files) // 2
    assert client.post("/api/sellers/acme/reports", headers=alice.headers, files=_parts(demo_files[:half])).is_success
    assert client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).json()["findings"] > 0
    claim_id = client.get("/api/sellers/acme/claims", headers=alice.headers).json()["items"][0]["id"]
    answers: dict[str, list] = {"upload": [], "audit": [], "chat": [], "detail": []}

    def upload_and_audit():
        with TestClient(app) as c:
            answers["upload"].append(c.post("/api/sellers/acme/reports", headers=alice.headers,
                                            files=_parts(demo_files[half:])))
            for _ in range(ROUNDS):
                answers["audit"].append(c.post("/api/sellers/acme/audit", headers=alice.headers, json={}))

    def chat():
        with TestClient(app) as c:
            for n in range(ROUNDS):
                answers["chat"].append(c.post("/api/sellers/acme/chat", headers=alice.headers,
                                              json={"message": "run an audit", "thread_id": f"t{n}"}))

    def claim_pages():
        with TestClient(app) as c:
            for _ in range(ROUNDS * 3):
                answers["detail"].append(c.get(f"/api/sellers/acme/claims/{claim_id}", headers=alice.headers))

    threads = [threading.Thread(target=w) for w in (upload_and_audit, chat, claim_pages)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    for r in answers["upload"] + answers["audit"] + answers["chat"] + answers["detail"]:
        assert r.status_code == 200, r.text[-2000:]
    for r in answers["chat"]:
        assert "run_audit" in r.text and "failed" not in r.text.lower(), r.text[-2000:]
    for r in answers["detail"]:  # every evidence row was read from the store, none left out
        assert all(len(e) > 3 for e in r.json()["evidence"]), r.json()["evidence"]
    assert len(client.get("/api/sellers/acme/reports", headers=alice.headers).json()) == len(demo_files)
    final = client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).json()
    assert [a.json()["findings"] for a in answers["audit"]][-1] == final["findings"]
    assert client.get("/api/sellers/acme/claims", headers=alice.headers).json()["total"] == final["findings"]
    assert warehouse.open_files() == {}


def test_the_server_reads_audits_and_imports_while_a_chat_holds_the_store_open(client, alice, server_settings,
                                                                               demo_files):
    from claimpilot.tools.reports.store import ReportStore

    half = len(demo_files) // 2
    assert client.post("/api/sellers/acme/reports", headers=alice.headers, files=_parts(demo_files[:half])).is_success
    assert client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).json()["findings"] > 0
    claim_id = client.get("/api/sellers/acme/claims", headers=alice.headers).json()["items"][0]["id"]
    store = ReportStore(server_settings.warehouse_path("acme"), server_settings.evidence_dir("acme"))
    with store.connect() as held:  # as the agent's run_audit holds it while it audits
        detail = client.get(f"/api/sellers/acme/claims/{claim_id}", headers=alice.headers)
        assert detail.status_code == 200 and all(len(e) > 3 for e in detail.json()["evidence"])
        assert client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).status_code == 200
        upload = client.post("/api/sellers/acme/reports", headers=alice.headers, files=_parts(demo_files[half:]))
        assert upload.status_code == 200, upload.text
        assert held.execute("SELECT count(*) FROM raw_files").fetchone()[0] == len(demo_files)
    assert warehouse.open_files() == {}
