"""Money counted: claimed, recovered, pending, open, lost to expiry - by type and by month."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from cases_helpers import make_finding
from cases_store_files import import_reimbursements, reimbursement_line

from claimpilot.tools.reports.store import ReportStore


def test_summary_by_type_and_month(service, db_settings):
    paid = make_finding(reference_id="P1", fnsku="XP1", quantity=2, unit_value="15")  # 30.00
    waiting = make_finding(type="inbound_shortage", reference_id="FBA1", fnsku="XW1", quantity=1, unit_value="8")
    unfiled = make_finding(type="warehouse_damaged", reference_id="O1", fnsku="XO1", quantity=3, unit_value="4")
    lapsed = make_finding(reference_id="L1", fnsku="XL1", quantity=1, unit_value="9.5",
                          event_date=date(2026, 7, 1), status="expired")  # window closed 2026-08-30
    service.sync([paid, waiting, unfiled, lapsed], date(2026, 10, 2))
    ids = {c["reference_id"]: c["id"] for c in service.list_claims()}
    service.mark_submitted(ids["P1"], "101", date(2026, 10, 3))
    service.mark_submitted(ids["FBA1"], "102", date(2026, 11, 2))
    store = ReportStore(db_settings.warehouse_path(), db_settings.evidence_dir())
    import_reimbursements(store, [reimbursement_line("2026-11-05", "R-1", "XP1", 2, Decimal("15"), case_id="101")],
                          "r.tsv")
    with store.connect(read_only=True) as conn:
        service.match_reimbursements(conn)

    s = service.summary()
    assert s["currency"] == "USD"
    assert s["total"] == {"claimed": "38.00", "recovered": "30.00", "pending": "8.00", "open": "12.00",
                          "lost_to_expiry": "9.50", "denied": "0.00"}
    assert s["by_type"]["warehouse_lost"]["recovered"] == "30.00"
    assert s["by_type"]["warehouse_lost"]["lost_to_expiry"] == "9.50"
    assert s["by_type"]["inbound_shortage"]["pending"] == "8.00"
    assert s["by_type"]["warehouse_damaged"]["open"] == "12.00"
    assert s["by_month"]["2026-10"]["claimed"] == "30.00"
    assert s["by_month"]["2026-11"]["claimed"] == "8.00"
    assert s["by_month"]["2026-11"]["recovered"] == "30.00"
    assert s["by_month"]["2026-08"]["lost_to_expiry"] == "9.50"
    assert s["claims_by_status"] == {"expired": 1, "reimbursed": 1, "claimable": 1, "submitted": 1}


def test_a_drafted_claim_whose_loss_changes_is_redrafted(service, tmp_path):
    f = make_finding(reference_id="D1", fnsku="XD1", quantity=4)
    g = make_finding(reference_id="D2", fnsku="XD2", quantity=1)
    service.sync([f, g], date(2026, 10, 2))
    cid = next(c["id"] for c in service.list_claims() if c["reference_id"] == "D1")
    packet = service.draft_case(cid, date(2026, 10, 2))
    assert "| 4 unit(s)" in packet["text"] and len(packet["claim_ids"]) == 2
    service.sync([replace(f, quantity=3, amount=f.unit_value * 3), g], date(2026, 10, 4))
    claim = service.get_claim(cid)
    assert claim["status"] == "claimable" and claim["packet_id"] is None
    old = service.draft_case(next(c["id"] for c in service.list_claims() if c["reference_id"] == "D2"), date(2026, 10, 4))
    assert "D1" not in old["text"]  # the old packet no longer names the changed claim
    redrafted = service.draft_case(cid, date(2026, 10, 4))
    assert "| 3 unit(s)" in redrafted["text"] and redrafted["compliance_ok"]
