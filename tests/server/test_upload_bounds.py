"""An uploaded gzip bomb is refused with 422 naming the file and the bound, and leaves nothing behind."""

from __future__ import annotations

import zlib

from fastapi.testclient import TestClient
from server_utils import add_member

from claimpilot.config import Settings
from claimpilot.server.app import create_app

LEDGER = ("Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\tDisposition\t"
          "Reason\tCountry\r\n2025-03-14\tX001\tB0001\tBOTTLE-750\tWater Bottle\tAdjustments\t8841230917\t-2\tPHX7\t"
          "SELLABLE\tM\tUS\r\n")


def _member(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def test_an_uploaded_bomb_is_refused_with_422_and_the_upload_folder_is_emptied(isolated_home):
    settings = Settings(home=isolated_home, _env_file=None, reports={"max_ratio": 50})
    app = create_app(settings)
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    bomb = _member(LEDGER.encode()) + _member(b"\0" * (64 << 20)) * 16  # 1 GB of zeros in ~1 MB
    with TestClient(app) as client:
        r = client.post("/api/sellers/acme/reports", headers=alice.headers,
                        files=[("files", ("ledger.txt.gz", bomb))])
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail["file"] == "ledger.txt.gz" and "50 times its compressed size" in detail["message"]
    assert "reports.max_ratio" in detail["message"]
    seller = settings.seller_dir("acme")
    assert not any((seller / "uploads").glob("*")) and not any((seller / "evidence").glob("*"))
