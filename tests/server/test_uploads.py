"""Report upload: streamed to disk, the same import as the CLI, bad files named, size capped."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from fastapi.testclient import TestClient
from server_utils import add_member

from claimpilot.config import Settings
from claimpilot.server.app import create_app
from claimpilot.tools.reports.store import ReportStore


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    from claimpilot.sandbox.demo_seller import generate

    folder = tmp_path_factory.mktemp("demo")
    return generate(seed=7, as_of=date.today(), skus=80).write(folder)


def _parts(paths):
    return [("files", (p.name, p.read_bytes())) for p in paths]


def _store(settings, seller="acme") -> ReportStore:
    return ReportStore(settings.warehouse_path(seller), settings.evidence_dir(seller))


def test_upload_imports_like_the_cli_then_the_audit_finds_claims(client, server_settings, alice, demo_files):
    r = client.post("/api/sellers/acme/reports", headers=alice.headers, files=_parts(demo_files))
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["files"]) == len(demo_files) and body["rows_added"] > 1000
    assert "evidence" not in body["files"][0]
    assert body["ok"] and not body["refused"]
    assert all(set(g["text"]) == {"zh", "en"} and g["where"]["en"] for g in body["coverage"])
    counts = _store(server_settings).counts()
    assert counts["ledger"] > 0 and counts["raw_files"] == len(demo_files)
    again = client.post("/api/sellers/acme/reports", headers=alice.headers, files=_parts(demo_files[:2])).json()
    assert again["rows_added"] == 0 and all(f["already_imported"] for f in again["files"])
    listed = client.get("/api/sellers/acme/reports", headers=alice.headers).json()
    assert len(listed) == len(demo_files)
    audit = client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).json()
    assert audit["findings"] > 0 and audit["sync"]["created"] == audit["findings"]
    page = client.get("/api/sellers/acme/claims", headers=alice.headers).json()
    assert page["total"] == audit["findings"]
    assert not (server_settings.seller_dir("acme") / "uploads").exists() or not any(
        (server_settings.seller_dir("acme") / "uploads").iterdir())


def test_a_bad_cell_is_named_and_only_that_file_is_refused(client, server_settings, alice, demo_files):
    ledger = next(p for p in demo_files if p.suffix == ".csv" and "Event Type" in p.read_text()[:300])
    rows = list(csv.reader(io.StringIO(ledger.read_text())))
    rows[3][rows[0].index("Quantity")] = "many"  # data row 4 (the header is row 1)
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    good = [p for p in demo_files if p != ledger][:3]
    files = _parts(good) + [("files", ("ledger-bad.csv", out.getvalue().encode()))]
    r = client.post("/api/sellers/acme/reports", headers=alice.headers, files=files)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail["file"].endswith("ledger-bad.csv") and detail["row"] == 4 and detail["value"] == "many"
    assert detail["column"] and "quantity" in detail["column"].lower()
    [refused] = detail["refused"]
    assert (refused["row"], refused["value"]) == (4, "many") and refused["name"].endswith("ledger-bad.csv")
    assert "第 4 行" in refused["message_zh"] and "'many' 不是整数" in refused["message_zh"]
    assert len(detail["files"]) == 3 and not detail["ok"]
    assert _store(server_settings).counts()["raw_files"] == 3


def test_upload_needs_multipart_and_a_file(client, alice):
    r = client.post("/api/sellers/acme/reports", headers=alice.headers, json={"files": []})
    assert r.status_code == 415
    r = client.post("/api/sellers/acme/reports", headers=alice.headers, data={"note": "no file"},
                    files=[("files", ("empty.csv", b""))])
    assert r.status_code == 422


def test_uploads_over_the_limit_are_cut_off_and_leave_nothing(isolated_home):
    settings = Settings(home=isolated_home, _env_file=None, server={"max_upload_mb": 1})
    app = create_app(settings)
    member = add_member(app, "a@acme.test", "acme", "operator")
    big = b"Date,FNSKU\n" + b"2026-01-01,X001\n" * 80_000  # ~1.3 MB
    with TestClient(app) as client:
        r = client.post("/api/sellers/acme/reports", headers=member.headers, files=[("files", ("big.csv", big))])
        assert r.status_code == 413

        def chunks():  # no Content-Length: the cap must hold while streaming
            yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.csv\"\r\n\r\n"
            for _ in range(40):
                yield b"x" * 65536
            yield b"\r\n--b--\r\n"

        r = client.post("/api/sellers/acme/reports", content=chunks(),
                        headers={**member.headers, "Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413
        r = client.post("/api/me/keys", headers=member.headers, content=b"{" + b" " * 2_000_000 + b"}")
        assert r.status_code == 413
    uploads = settings.seller_dir("acme") / "uploads"
    assert not uploads.exists() or not any(uploads.rglob("*.csv"))


def test_an_upload_streams_to_disk_without_being_held_in_memory(app, alice, monkeypatch):
    """Python memory at its peak while the body arrives stays far below the body's size."""
    import tracemalloc

    import httpx
    from server_utils import LiveServer

    from claimpilot.server.routes import reports

    size = 24 * 1024 * 1024
    chunk = b"2026-01-01,X00ABCDEFG,3\n" * 2730  # ~64 KiB of rows
    seen = {}
    import_folder = reports._import_folder

    def measured(settings, folder):  # the upload is on disk now: how much memory did receiving take?
        seen["peak"] = tracemalloc.get_traced_memory()[1]
        seen["on_disk"] = sum(p.stat().st_size for p in folder.iterdir())
        return import_folder(settings, folder)

    monkeypatch.setattr(reports, "_import_folder", measured)

    def body():
        yield b"--cpb\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.csv\"\r\n\r\n"
        yield b"Date,FNSKU,Quantity\n"
        sent = 0
        while sent < size:
            yield chunk
            sent += len(chunk)
        yield b"\r\n--cpb--\r\n"

    with LiveServer(app) as server:
        tracemalloc.start()
        try:
            r = httpx.post(f"{server.url}/api/sellers/acme/reports", content=body(), timeout=120,
                           headers={**alice.headers, "Content-Type": "multipart/form-data; boundary=cpb"})
        finally:
            tracemalloc.stop()
    assert r.status_code == 200 and [s["name"] for s in r.json()["skipped"]] == ["big.csv"]  # not a known report
    assert seen["on_disk"] > size
    assert seen["peak"] < size / 4, f"peak Python memory {seen['peak']} bytes receiving a {size}-byte upload"


def test_an_upload_of_a_zip_with_chinese_names_and_a_pdf_imports_file_by_file(client, server_settings, alice,
                                                                             demo_files):
    import zipfile

    reports = demo_files[:2]
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as z:
        for i, p in enumerate(reports):
            z.writestr(f"报告{i}{p.suffix}", p.read_bytes())
    files = [("files", ("我的报告.zip", packed.getvalue())), ("files", ("发票 一月.pdf", b"%PDF-1.7\n"))]
    r = client.post("/api/sellers/acme/reports", headers=alice.headers, files=files)
    assert r.status_code == 200, r.text
    body = r.json()
    expected = [f"我的报告.zip/报告{i}{p.suffix}" for i, p in enumerate(reports)]
    assert sorted(f["name"] for f in body["files"]) == expected
    assert body["skipped"] == [{"name": "发票_一月.pdf", "what": "a PDF document", "what_zh": "PDF 文档"}]
    assert _store(server_settings).counts()["raw_files"] == 2


def _returns_file(days: list[str]) -> bytes:
    from spapi_seller import HEADERS

    rows = [[f"{d}T08:00:00+00:00", f"111-{i:07d}-0000001", "SKU-1", "B0TESTASIN", "X001", "Widget", "1", "PHX7",
             "SELLABLE", "UNWANTED_ITEM", "Unit returned to inventory", f"LPN{i}", ""] for i, d in enumerate(days)]
    return ("\n".join("\t".join(r) for r in [HEADERS["customer_returns"], *rows]) + "\n").encode()


def test_an_upload_names_a_month_missing_between_two_files(client, alice, clock):
    clock.move_to(date(2026, 4, 30))
    files = [("files", ("returns-jan.txt", _returns_file(["2025-12-20", "2026-01-31"]))),
             ("files", ("returns-mar.txt", _returns_file(["2026-03-01", "2026-04-28"])))]
    r = client.post("/api/sellers/acme/reports", headers=alice.headers, files=files)
    assert r.status_code == 200, r.text
    (hole,) = [g for g in r.json()["coverage"] if g["report"] == "customer_returns"]
    assert (hole["missing_from"], hole["missing_to"]) == ("2026-02-01", "2026-02-28")
    assert "2026-02-01 – 2026-02-28 are missing" in hole["text"]["en"]
    assert "缺少 2026-02-01 至 2026-02-28 的" in hole["text"]["zh"]
