"""Closing the loop: reimbursement rows matched to filed claims; denials and appeals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from cases_helpers import make_finding
from cases_store_files import import_reimbursements, reimbursement_line

from claimpilot.tools.cases.states import TransitionError
from claimpilot.tools.reports.store import ReportStore


@pytest.fixture
def store(db_settings):
    return ReportStore(db_settings.warehouse_path(), db_settings.evidence_dir())


def filed(service, finding, case_id: str, on: date) -> int:
    service.sync([finding], date(2026, 10, 2))
    claim_id = next(c["id"] for c in service.list_claims() if c["reference_id"] == finding.reference_id)
    service.mark_submitted(claim_id, case_id, on)
    return claim_id


def match(service, store):
    with store.connect(read_only=True) as conn:
        return service.match_reimbursements(conn)


def test_matched_by_case_id(service, store):
    cid = filed(service, make_finding(reference_id="R1", fnsku="X001", quantity=2, unit_value="10"), "1111", date(2026, 10, 3))
    import_reimbursements(store, [reimbursement_line("2026-10-09", "R-9001", "X001", 2, Decimal("10"), case_id="1111")],
                          "r1.tsv")
    found = match(service, store)
    assert [(m["claim_id"], m["matched_by"], m["status"]) for m in found] == [(cid, "case_id", "reimbursed")]
    assert match(service, store) == []  # each row matched once
    claim = service.get_claim(cid)
    assert claim["status"] == "reimbursed"
    assert claim["reimbursements"][0]["amount"] == "20.00"
    assert service.summary()["total"]["recovered"] == "20.00"


def test_matched_by_fnsku_quantity_and_date_and_partly_paid(service, store):
    cid = filed(service, make_finding(reference_id="R2", fnsku="X002", quantity=3, unit_value="10"), "2222", date(2026, 10, 5))
    other = filed(service, make_finding(reference_id="R3", fnsku="X003", quantity=3, unit_value="10"), "3333", date(2026, 10, 5))
    import_reimbursements(store, [
        reimbursement_line("2026-10-04", "R-8000", "X002", 3, Decimal("9")),  # approved before filing: not ours
        reimbursement_line("2026-10-12", "R-8001", "X002", 3, Decimal("6")),  # after filing, no case id
        reimbursement_line("2026-10-12", "R-8002", "X003", 2, Decimal("10")),  # wrong quantity
    ], "r2.tsv")
    found = match(service, store)
    assert [(m["claim_id"], m["reimbursement_id"], m["matched_by"]) for m in found] == [(cid, "R-8001", "fnsku")]
    claim = service.get_claim(cid)
    assert claim["status"] == "partly_reimbursed"
    assert claim["reimbursements"][0]["amount"] == "18.00"
    assert service.get_claim(other)["status"] == "submitted"


def test_reversal_claws_back(service, store):
    cid = filed(service, make_finding(reference_id="R4", fnsku="X004", quantity=1, unit_value="25"), "4444", date(2026, 10, 3))
    import_reimbursements(store, [reimbursement_line("2026-10-08", "R-7001", "X004", 1, Decimal("25"), case_id="4444")],
                          "r3.tsv")
    assert match(service, store)[0]["status"] == "reimbursed"
    import_reimbursements(store, [reimbursement_line("2026-10-20", "R-7002", "X004", 1, Decimal("-25"),
                                                     reason="Reimbursement_Reversal", original_id="R-7001",
                                                     original_type="Lost_Warehouse")], "r4.tsv")
    found = match(service, store)
    assert [(m["kind"], m["matched_by"], m["status"]) for m in found] == [("reversal", "original_id", "reversed")]
    claim = service.get_claim(cid)
    assert [e["to_status"] for e in claim["events"] if e["kind"] == "status"][-2:] == ["reimbursed", "reversed"]
    assert service.summary()["total"]["recovered"] == "0.00"


@pytest.mark.parametrize("reason, code, refutes", [
    ("Our investigation found the unit in our fulfillment center.", "unit_found", "no Found (F) event"),
    ("This request is outside the eligible window.", "outside_window", "within the claim window"),
    ("Please provide an invoice showing the manufacturing cost.", "no_proof_of_cost", "supplier invoice"),
    ("This item was already reimbursed.", "already_reimbursed", "shows no reimbursement"),
    ("We need more information to research this request.", "insufficient_information", "All identifiers"),
    ("Our records indicate the shipment was received in full.", "received_in_full", "fewer units received"),
    ("亚马逊说货已经找到了", "unit_found", "no Found (F) event"),
    ("amazon说已经赔过了，不给赔", "already_reimbursed", "shows no reimbursement"),
])
def test_denial_gets_an_appeal_that_answers_its_reason(service, reason, code, refutes):
    cid = filed(service, make_finding(reference_id="R5", fnsku="X005", quantity=2), "5555", date(2026, 10, 3))
    denied = service.record_denial(cid, reason, date(2026, 10, 9))
    assert denied["status"] == "denied" and denied["denials"][0]["reason_code"] == code
    appeal = service.draft_appeal(cid)
    assert appeal["compliance_ok"], appeal["compliance_issues"]
    text = appeal["text"]
    assert refutes in text
    for must in ("5555", "R5", "X005", "2026-10-01", "2 unit(s)", "Inventory Ledger, 2026-10-01, reference R5, row 5"):
        assert must in text
    assert reason not in text and "f" * 64 not in text  # restated in English, cited by report, never pasted
    if code == "outside_window":
        assert "2026-10-03" in text and "2026-11-30" in text
    again = service.mark_submitted(cid, "5555", date(2026, 10, 12))
    assert again["status"] == "appealed"
    assert len(again["appeals"]) == 1


def test_premature_or_expired_claims_cannot_be_filed(service):
    service.sync([make_finding(reference_id="P1", status="pending", opens_after=30),
                  make_finding(reference_id="E1", fnsku="X9", status="expired")], date(2026, 10, 2))
    for c in service.list_claims():
        with pytest.raises(TransitionError):
            service.mark_submitted(c["id"], "777")
        with pytest.raises(TransitionError):
            service.draft_case(c["id"])
