"""Another process writing a seller's report store: reads answer from the last committed state, writes
answer 503 with Retry-After, a second sync says in one line that a run is going on, and no packet is
exported without its evidence."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from datetime import date

import pytest

HOLDER = """
import sys, duckdb
from claimpilot.config import Settings
from claimpilot.db.seller_lock import seller_lock
with seller_lock(Settings(), sys.argv[2]) as held:
    assert held is not None
    con = duckdb.connect(sys.argv[1])
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM ledger")  # a write under way, not yet committed
    print("holding", flush=True)
    sys.stdin.readline()
    con.execute("ROLLBACK")
"""


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    from claimpilot.sandbox.demo_seller import generate

    return generate(seed=7, as_of=date.today(), skus=80).write(tmp_path_factory.mktemp("demo"))


class Holder:
    """A second process holding the seller's warehouse open for writing (and the seller's run lock)."""

    def __init__(self, settings, seller: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(settings.warehouse_path(seller)), seller],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert line.strip() == "holding", self.proc.stderr.read()

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
        assert self.proc.wait(timeout=60) == 0, self.proc.stderr.read()


def _busy(r) -> None:
    assert r.status_code == 503, r.text
    assert int(r.headers["retry-after"]) >= 1 and "try again" in r.json()["detail"]


def test_readers_never_fail_while_another_process_writes(client, alice, server_settings, demo_files):
    parts = [("files", (p.name, p.read_bytes())) for p in demo_files]
    assert client.post("/api/sellers/acme/reports", headers=alice.headers, files=parts).status_code == 200
    assert client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).json()["findings"] > 0
    claims = client.get("/api/sellers/acme/claims?limit=500", headers=alice.headers).json()["items"]
    lost = next(c for c in claims if c["type"] == "warehouse_lost")
    before = client.get(f"/api/sellers/acme/claims/{lost['id']}", headers=alice.headers).json()["evidence"]
    assert before and any(e["report"] == "ledger" and e.get("fulfillment_center") for e in before)

    holder = Holder(server_settings, "acme")
    try:
        listed = client.get("/api/sellers/acme/reports", headers=alice.headers)
        assert listed.status_code == 200 and len(listed.json()) == len(demo_files)
        detail = client.get(f"/api/sellers/acme/claims/{lost['id']}", headers=alice.headers)
        assert detail.status_code == 200 and detail.json()["evidence"] == before

        export = client.post("/api/sellers/acme/cases/export", headers=alice.headers)
        assert export.status_code == 200, export.text
        with zipfile.ZipFile(io.BytesIO(export.content)) as zf:
            evidence = [n for n in zf.namelist() if n.endswith("evidence.csv")]
            rows = [r for n in evidence for r in csv.DictReader(io.StringIO(zf.read(n).decode("utf-8-sig")))]
            assert rows and {r["stored"] for r in rows} == {"yes"}
            texts = [zf.read(n).decode() for n in zf.namelist() if n.endswith("case.txt")]
            assert any("fulfillment center" in t and "reason code" in t for t in texts)

        _busy(client.post("/api/sellers/acme/audit", headers=alice.headers, json={}))
        _busy(client.post("/api/sellers/acme/reports", headers=alice.headers, files=parts[:1]))

        sync = subprocess.run([sys.executable, "-m", "claimpilot.cli", "cases", "sync", "--seller", "acme"],
                              capture_output=True, text=True, timeout=120)
        assert sync.returncode == 1
        assert sync.stderr.strip().count("\n") == 0 and "another run is working on seller acme" in sync.stderr
        assert "Traceback" not in sync.stderr + sync.stdout

        # with no committed copy to read, the packet export fails and says so rather than drop the evidence
        snapshot = server_settings.warehouse_path("acme").with_name("warehouse.duckdb.snapshot")
        snapshot.unlink()
        _busy(client.post("/api/sellers/acme/cases/export", headers=alice.headers))
        _busy(client.get(f"/api/sellers/acme/claims/{lost['id']}", headers=alice.headers))
        target = server_settings.home / "packets.zip"
        cli = subprocess.run([sys.executable, "-m", "claimpilot.cli", "cases", "export", str(target),
                              "--seller", "acme"], capture_output=True, text=True, timeout=120)
        assert cli.returncode == 1 and not target.exists()
        assert cli.stderr.strip().count("\n") == 0 and "another claimpilot process is writing" in cli.stderr
    finally:
        holder.release()
    assert client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).status_code == 200
    assert client.get(f"/api/sellers/acme/claims/{lost['id']}", headers=alice.headers).json()["evidence"] == before
