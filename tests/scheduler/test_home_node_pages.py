"""The pages that read a seller's reports, opened on a web server that is not the seller's home node: two
uvicorn servers over one PostgreSQL, each in a home of its own. The front one forwards the upload, the
reports list and file, the audit, a claim's evidence rows and its packet, and the chat to the web server of the seller's
node (``claimpilot serve --node a --node-url URL``), so the page works from either; the seller's reports are
written only on its node's disk. A node without a web server, or one that does not answer, is named in the
refusal, in the reader's language."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import httpx
import pytest
from scheduler_utils import AS_OF
from typer.testing import CliRunner

from claimpilot.accounts import sellers as service
from claimpilot.accounts.models import WorkerNode
from claimpilot.accounts.nodes import register_node
from claimpilot.config import Settings
from claimpilot.db import ensure_schema, session_factory
from claimpilot.sandbox.demo_seller import generate
from claimpilot.server.app import create_app

sys.path.insert(0, str(Path(__file__).parents[1] / "server"))

from server_utils import LiveServer, add_member, free_port  # noqa: E402

SECRET = "shared-session-secret-of-every-web-server-0123456789"
pytestmark = pytest.mark.postgres


def _settings(home: Path, pg_url: str, node: str = "") -> Settings:
    return Settings(home=home, _env_file=None, database_url=pg_url, scheduler={"node": node},
                    server={"session_secret": SECRET})


@pytest.fixture
def installation(isolated_home, tmp_path, pg_url):
    """The front web server's settings (no node, no reports) and node a's, with seller s1 at home on a."""
    front, on_a = _settings(tmp_path / "web", pg_url), _settings(tmp_path / "node-a", pg_url, node="a")
    ensure_schema(front)
    with session_factory(front).begin() as db:
        register_node(db, "a", str(on_a.home))
        service.add_seller(db, "s1")  # the only node: a
    return front, on_a


def test_every_page_of_a_seller_works_from_a_web_server_that_is_not_its_home(installation, tmp_path, clock):
    front, on_a = installation
    clock.move_to(AS_OF)  # the demo seller's own day, whatever the suite's clock: its claims can be drafted then
    files = generate(seed=7, as_of=AS_OF, skus=80).write(tmp_path / "downloads")
    with LiveServer(create_app(on_a)) as home:
        with session_factory(front).begin() as db:
            register_node(db, "a", str(on_a.home), url=home.url)
        app = create_app(front)
        ops = add_member(app, "ops@agency.test", "s1", "admin")
        with LiveServer(app) as web, httpx.Client(base_url=web.url, headers=ops.headers, timeout=120) as page:
            upload = page.post("/api/sellers/s1/reports", files=[("files", (p.name, p.read_bytes())) for p in files])
            assert upload.status_code == 200, upload.text
            assert upload.json()["rows_added"] > 1000 and not upload.json()["refused"]
            assert on_a.warehouse_path("s1").exists() and not front.warehouse_path("s1").exists()

            listed = page.get("/api/sellers/s1/reports").json()
            assert sorted(f["name"] for f in listed) == sorted(p.name for p in files)
            raw = page.get(f"/api/sellers/s1/reports/{listed[0]['sha256']}/file")
            assert hashlib.sha256(raw.content).hexdigest() == listed[0]["sha256"]

            audit = page.post("/api/sellers/s1/audit", json={"as_of": AS_OF.isoformat()}).json()
            assert audit["findings"] > 0 and audit["sync"]["created"] == audit["findings"]
            claim = page.get("/api/sellers/s1/claims", params={"status": "claimable", "limit": 1}).json()["items"][0]
            detail = page.get(f"/api/sellers/s1/claims/{claim['id']}").json()
            assert detail["evidence"] and all(len(row) > 3 for row in detail["evidence"])  # the rows themselves
            drafted = page.post(f"/api/sellers/s1/claims/{claim['id']}/case")
            assert drafted.status_code == 200, drafted.text
            packet = page.get(f"/api/sellers/s1/claims/{claim['id']}/packet")
            assert packet.status_code == 200 and packet.content[:2] == b"PK"
            assert "x-frame-options" in packet.headers and packet.headers.get_list("x-frame-options") == ["DENY"]

            chat = page.post("/api/sellers/s1/chat", json={"message": "哪些索赔快过期了"})
            assert chat.status_code == 200 and chat.headers["content-type"].startswith("text/event-stream")
            assert "event: done" in chat.text and "event: error" not in chat.text  # streamed back as it came

            stranger = httpx.get(f"{web.url}/api/sellers/s1/reports")
            assert stranger.status_code == 401  # the home authenticates a forwarded request; no node is named
            assert "node" not in stranger.text

    with LiveServer(create_app(front)) as web:  # node a's web server is down: named, nothing lost
        down = httpx.get(f"{web.url}/api/sellers/s1/reports", headers={**ops.headers, "Accept-Language": "zh-CN"})
        assert down.status_code == 503 and down.json()["code"] == "home_node_unreachable"
        assert "节点 a" in down.json()["detail"] and "Retry-After" in down.headers
        claims = httpx.get(f"{web.url}/api/sellers/s1/claims", headers=ops.headers)
        assert claims.status_code == 200 and claims.json()["total"] == audit["findings"]  # PostgreSQL pages stay


def test_a_node_without_a_web_server_is_named_and_nothing_is_written(installation, tmp_path):
    front, _ = installation
    app = create_app(front)
    ops = add_member(app, "ops@agency.test", "s1", "operator")
    with LiveServer(app) as web:
        body = b"x" * (64 * 1024)
        r = httpx.post(f"{web.url}/api/sellers/s1/reports", files=[("files", ("ledger.tsv", body))],
                       headers={**ops.headers, "Accept-Language": "zh"}, timeout=60)
        assert r.status_code == 409 and r.json()["code"] == "store_elsewhere"
        assert "卖家 s1" in r.json()["detail"] and "节点 a" in r.json()["detail"]
        en = httpx.get(f"{web.url}/api/sellers/s1/claims/1", headers=ops.headers)
        assert en.status_code == 409 and "node a" in en.json()["detail"]
    assert not front.warehouse_path("s1").exists() and not (front.seller_dir("s1") / "uploads").exists()


def test_a_forwarded_request_is_never_forwarded_again(installation):
    front, _ = installation
    with session_factory(front).begin() as db:
        register_node(db, "a", "/elsewhere", url=f"http://127.0.0.1:{free_port()}")
    app = create_app(front)
    ops = add_member(app, "ops@agency.test", "s1", "operator")
    with LiveServer(app) as web:
        again = httpx.get(f"{web.url}/api/sellers/s1/reports", headers={**ops.headers,
                                                                         "X-Claimpilot-Forwarded-By": "b"})
        assert again.status_code == 409 and again.json()["code"] == "store_elsewhere"


def test_serve_as_a_node_records_its_address(installation, monkeypatch):
    from claimpilot.config import get_settings

    front, on_a = installation
    monkeypatch.setenv("CLAIMPILOT_DATABASE_URL", front.database_url)
    monkeypatch.setenv("CLAIMPILOT_HOME", str(on_a.home))
    get_settings.cache_clear()
    served = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.append(app.state.settings.scheduler.node))
    from claimpilot.cli import app

    runner = CliRunner()
    bad = runner.invoke(app, ["serve", "--node", "a", "--node-url", "10.0.0.5:8800"])
    assert bad.exit_code == 1 and "http://" in bad.output
    ok = runner.invoke(app, ["serve", "--node", "a", "--node-url", "http://10.0.0.5:8800/"])
    assert ok.exit_code == 0, ok.output
    assert served == ["a"]
    with session_factory(front)() as db:
        assert db.get(WorkerNode, "a").url == "http://10.0.0.5:8800"
    listed = runner.invoke(app, ["sellers", "nodes"])
    assert listed.exit_code == 0 and "1 sellers" in listed.output and "http://10.0.0.5:8800" in listed.output
