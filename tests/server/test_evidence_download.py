"""The web download of an imported report file, read back from the evidence storage (a local folder, or the
S3-compatible storage configured): the file as uploaded, to the seller's members only."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

LEDGER = (b"Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\tDisposition\t"
          b"Reason\tCountry\tReconciled Quantity\tUnreconciled Quantity\tDate and Time\n"
          b"10/01/2026\tX001\tB001\tSKU-1\tWidget\tAdjustments\t12345\t-1\tPHX7\tSELLABLE\tM\tUS\t0\t-1\t"
          b"2026-10-01T10:00:00-07:00\n")


@pytest.fixture(params=["local", "s3"])
def backend(request):
    if request.param == "s3":
        request.getfixturevalue("s3_evidence")
    return request.param


def test_an_uploaded_file_downloads_as_it_came_in_for_its_sellers_members_only(backend, client, alice, mallory,
                                                                                server_settings, isolated_home):
    assert server_settings.evidence.backend == backend
    up = client.post("/api/sellers/acme/reports", headers=alice.headers,
                     files=[("files", ("库存分类账 10月.txt", LEDGER))])
    assert up.status_code == 200, up.text
    (listed,) = client.get("/api/sellers/acme/reports", headers=alice.headers).json()
    url = f"/api/sellers/acme/reports/{listed['sha256']}/file"
    got = client.get(url, headers=alice.headers)
    assert got.status_code == 200 and got.content == LEDGER
    disposition = got.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "库存分类账" in unquote(disposition)
    assert client.get(url, headers=mallory.headers).status_code in (403, 404)
    assert client.get(url.replace("/acme/", "/globex/"), headers=mallory.headers).status_code == 404
    assert client.get(f"/api/sellers/acme/reports/{'0' * 64}/file", headers=alice.headers).status_code == 404
    assert client.get("/api/sellers/acme/reports/..%2F..%2Fsecret/file", headers=alice.headers).status_code in (404, 422)
    on_disk = [p for p in isolated_home.rglob("*") if p.is_file() and "evidence" in p.relative_to(isolated_home).parts]
    assert bool(on_disk) == (backend == "local")
