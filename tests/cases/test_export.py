"""Export: packet folders (or a zip) with case text, explanation, evidence rows and where to file,
plus a claims list that opens in Excel."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

from cases_helpers import make_finding
from cases_store_files import import_ledger, ledger_line
from openpyxl import load_workbook

from claimpilot.tools.audit.finding import Evidence
from claimpilot.tools.reports.store import ReportStore


def test_export_zip_with_evidence_rows_from_the_store(service, db_settings, tmp_path):
    store = ReportStore(db_settings.warehouse_path(), db_settings.evidence_dir())
    result = import_ledger(store, [ledger_line("09/20/2026", "X00A", "LEDGER-REF-1", -3),
                                   ledger_line("09/21/2026", "X00B", "LEDGER-REF-2", -1, reason="E")])
    sha = result.files[0].sha256
    lost = make_finding(reference_id="LEDGER-REF-1", fnsku="X00A", quantity=3, event_date=date(2026, 9, 20))
    lost.evidence = [Evidence("ledger", sha, 2)]
    damaged = make_finding(type="warehouse_damaged", reference_id="LEDGER-REF-2", fnsku="X00B", quantity=1,
                           event_date=date(2026, 9, 21))
    damaged.evidence = [Evidence("ledger", sha, 3)]
    pending = make_finding(reference_id="LATER", fnsku="X00C", status="pending", opens_after=20)
    service.sync([lost, damaged, pending], date(2026, 9, 25))

    out = service.export(tmp_path / "packets.zip", date(2026, 9, 25))
    assert (out.packets, out.claims) == (2, 2)
    with zipfile.ZipFile(tmp_path / "packets.zip") as zf:
        names = set(zf.namelist())
        folders = sorted({n.split("/")[0] for n in names if "/" in n})
        assert len(folders) == 2
        for folder in folders:
            assert {f"{folder}/{f}" for f in ("case.txt", "explanation_zh.txt", "evidence.csv", "README.txt")} <= names
        lost_folder = next(f for f in folders if "warehouse_lost" in f)
        case_text = zf.read(f"{lost_folder}/case.txt").decode()
        assert "LEDGER-REF-1" in case_text and "X00A" in case_text and "LATER" not in case_text
        [item] = [ln for ln in case_text.splitlines() if "LEDGER-REF-1" in ln]
        assert item.endswith("| fulfillment center PHX7, reason code M")  # what the ledger row shows
        readme = zf.read(f"{lost_folder}/README.txt").decode()
        assert "Eligible for claim" in readme and "G9N934L7Y4SFWPJ4" in readme and "passed" in readme
        rows = list(csv.DictReader(io.StringIO(zf.read(f"{lost_folder}/evidence.csv").decode("utf-8-sig"))))
        assert len(rows) == 1
        row = rows[0]
        assert (row["claim_reference"], row["fnsku"], row["quantity"], row["event_type"], row["stored"]) == \
            ("LEDGER-REF-1", "X00A", "-3", "Adjustments", "yes")
        assert row["file"] == sha and row["row"] == "2"
        wb = load_workbook(io.BytesIO(zf.read("claims.xlsx")))
        sheet = wb["claims"]
        header = [c.value for c in sheet[1]]
        listed = [dict(zip(header, [c.value for c in r], strict=True)) for r in sheet.iter_rows(min_row=2)]
        assert sorted(r["reference_id"] for r in listed) == ["LEDGER-REF-1", "LEDGER-REF-2"]
        assert {r["reference_id"]: r["amount"] for r in listed}["LEDGER-REF-1"] == 30.0
        listed_csv = list(csv.DictReader(io.StringIO(zf.read("claims.csv").decode("utf-8-sig"))))
        assert sorted(r["reference_id"] for r in listed_csv) == ["LEDGER-REF-1", "LEDGER-REF-2"]
    statuses = {c["reference_id"]: c["status"] for c in service.list_claims()}
    assert statuses == {"LEDGER-REF-1": "drafted", "LEDGER-REF-2": "drafted", "LATER": "pending"}


def test_export_to_a_folder_and_submitted_packets_leave_the_export(service, tmp_path):
    service.sync([make_finding(reference_id=f"R{i}", fnsku=f"X{i}") for i in range(7)], date(2026, 10, 2))
    first = service.export(tmp_path / "one", date(2026, 10, 2))
    assert (first.packets, first.claims) == (2, 7)
    assert (tmp_path / "one" / "claims.xlsx").exists()
    some = service.list_claims()[0]["id"]
    service.mark_submitted(some, "12345", date(2026, 10, 3))
    second = service.export(tmp_path / "two", date(2026, 10, 3))
    assert second.claims == 7 - len(service.get_claim(some)["packet"]["claim_ids"])
