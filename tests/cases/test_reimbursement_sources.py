"""Finances' adjustment events as the second source of reimbursements, fetched with the real sp_api client
from the emulator: a reimbursement in both the report and the events is counted once, one only in the
events still pays its claim, and the audit reads it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from cases_helpers import make_finding
from cases_store_files import import_ledger, ledger_line

from claimpilot.config import Settings
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.audit import run_audit
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.tools.reports.reimbursement_sources import reimbursements_once
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import AS_OF, TinySeller, settings_for

PAID = AS_OF - timedelta(days=30)  # both sources' reimbursements
START, END = AS_OF - timedelta(days=60), AS_OF
FILED = PAID - timedelta(days=10)


def _money(x: str) -> dict:
    return {"CurrencyCode": "USD", "CurrencyAmount": float(x)}


def _event(kind: str, day: date, fnsku: str, qty: int, per_unit: str, hour: int = 15) -> dict:
    total = f"{float(per_unit) * qty:.2f}"
    return {"AdjustmentType": kind, "PostedDate": f"{day.isoformat()}T{hour:02d}:00:00Z",
            "AdjustmentAmount": _money(total), "AdjustmentItemList": [{
                "Quantity": str(qty), "PerUnitAmount": _money(per_unit), "TotalAmount": _money(total),
                "SellerSKU": f"SKU-{fnsku}", "FnSKU": fnsku, "ASIN": "B0TESTASIN", "ProductDescription": "Mug"}]}


def _report_row(day: date, rid: str, fnsku: str, qty: int, per_unit: str) -> list[str]:
    return [f"{day.isoformat()}T10:00:00+00:00", rid, "", "", "Lost_Warehouse", f"SKU-{fnsku}", fnsku, "B0TESTASIN",
            "New", "USD", per_unit, f"{float(per_unit) * qty:.2f}", str(qty), "0", str(qty), "", ""]


class AdjustingSeller(TinySeller):
    """Three cash reimbursements posted as adjustment events: XBOTH1 also in the Reimbursements report
    (posted a day after its approval), XEVT01 and XEVT02 in the events only; one reserve event (no
    reimbursement)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows["reimbursements"] = [(PAID, _report_row(PAID, "R-5001", "XBOTH1", 2, "12.50"))]
        self.events = {"AdjustmentEventList": [
            _event("WAREHOUSE_LOST", PAID + timedelta(days=1), "XBOTH1", 2, "12.50"),
            _event("WAREHOUSE_DAMAGE", PAID, "XEVT01", 3, "8.00"),
            _event("WAREHOUSE_LOST", PAID, "XEVT02", 1, "20.00", hour=16),
            {"AdjustmentType": "ReserveEvent", "PostedDate": f"{PAID.isoformat()}T17:00:00Z",
             "AdjustmentAmount": _money("-50.00")},
        ]}


@pytest.fixture
def emulator():
    forget_access_tokens()
    with start_emulator(AdjustingSeller(), rate_scale=1000, today=AS_OF + timedelta(days=1)) as emu:
        yield emu
    forget_access_tokens()


@pytest.fixture
def settings(emulator, isolated_home, db_url) -> Settings:  # the claims on SQLite and on PostgreSQL
    return settings_for(emulator, isolated_home).model_copy(update={"database_url": db_url})


def _file_claim(service: CaseService, fnsku: str, qty: int, unit: str, case_id: str) -> int:
    finding = make_finding(reference_id=f"L-{fnsku}", fnsku=fnsku, quantity=qty, unit_value=unit,
                           event_date=FILED - timedelta(days=20))
    service.sync([finding], FILED)
    claim_id = next(c["id"] for c in service.list_claims() if c["reference_id"] == finding.reference_id)
    service.mark_submitted(claim_id, case_id, FILED)
    return claim_id


def _match(service: CaseService, store: ReportStore) -> list[dict]:
    with store.connect(read_only=True) as conn:
        return service.match_reimbursements(conn)


def _read_once(store: ReportStore) -> list[tuple[str, str, int]]:
    with store.connect(read_only=True) as conn:
        return sorted(conn.execute(f"SELECT fnsku, reimbursement_id, quantity_reimbursed_total "
                                   f"FROM ({reimbursements_once()}) AS once").fetchall())


def test_the_events_are_loaded_and_a_reimbursement_in_both_sources_counts_once(settings):
    result = fetch_reports(settings, start=START, end=END, kinds=["reimbursements", "financial_events"])
    assert result.ok, [r.error for r in result.failed]
    store = ReportStore.for_seller(settings)
    with store.connect(read_only=True) as conn:
        stored = conn.execute("SELECT fnsku, reason, amount_total FROM reimbursements ORDER BY fnsku").fetchall()
    assert [(f, r, str(a)) for f, r, a in stored] == [
        ("XBOTH1", "Lost_Warehouse", "25.0000"), ("XBOTH1", "Lost_Warehouse", "25.0000"),
        ("XEVT01", "Damaged_Warehouse", "24.0000"), ("XEVT02", "Lost_Warehouse", "20.0000")]
    once = _read_once(store)
    assert [(f, n) for f, _, n in once] == [("XBOTH1", 2), ("XEVT01", 3), ("XEVT02", 1)]
    assert once[0][1] == "R-5001"  # the report's row stands for both: it names Amazon's reimbursement-id
    assert once[1][1].startswith("FE-")

    second = fetch_reports(settings, start=START, end=END, kinds=["financial_events"])
    assert [r.status for r in second.reports] == ["skipped"] * len(second.reports)
    assert len(_read_once(store)) == 3


def test_a_reimbursement_only_in_the_events_pays_its_claim_and_the_report_later_counts_nothing_more(settings):
    service = CaseService(settings)
    store = ReportStore.for_seller(settings)
    both = _file_claim(service, "XBOTH1", 2, "12.50", "7001")
    only = _file_claim(service, "XEVT01", 3, "8.00", "7002")

    assert fetch_reports(settings, start=START, end=END, kinds=["financial_events"]).ok  # no report yet
    found = _match(service, store)
    assert sorted((m["claim_id"], m["matched_by"], m["status"]) for m in found) == [
        (both, "fnsku", "reimbursed"), (only, "fnsku", "reimbursed")]
    assert service.summary()["total"]["recovered"] == "49.00"

    assert fetch_reports(settings, start=START, end=END, kinds=["reimbursements"]).ok  # the report lists XBOTH1
    assert _match(service, store) == []
    assert service.summary()["total"]["recovered"] == "49.00"  # never twice
    (paid,) = service.get_claim(both)["reimbursements"]
    assert paid["reimbursement_id"] == "R-5001" and paid["amount"] == "25.00"
    assert service.get_claim(only)["reimbursements"][0]["reimbursement_id"].startswith("FE-")


def test_the_audit_reads_a_reimbursement_found_only_in_the_events(settings):
    store = ReportStore.for_seller(settings)
    lost = (PAID - timedelta(days=40)).isoformat()
    import_ledger(store, [ledger_line(lost, "XEVT02", "LOST-1", -1, msku="SKU-XEVT02"),
                          ledger_line(lost, "XNONE1", "LOST-2", -1, msku="SKU-XNONE1")])
    store.import_bytes(b"sku,length,width,height,dimension_unit,weight,weight_unit,unit_cost\n"
                       b"SKU-XEVT02,10,6,3,in,1.5,lb,20.00\nSKU-XNONE1,10,6,3,in,1.5,lb,20.00\n", "products.csv")
    as_of = PAID + timedelta(days=5)

    def lost_fnskus() -> set[str]:
        with store.connect() as conn:
            return {f.fnsku for f in run_audit(conn, as_of, "US").findings if f.type == "warehouse_lost"}

    assert lost_fnskus() == {"XEVT02", "XNONE1"}
    assert fetch_reports(settings, start=START, end=END, kinds=["financial_events"]).ok
    assert lost_fnskus() == {"XNONE1"}  # XEVT02's loss is paid in the events


def test_reimbursement_rows_from_events_keep_amazons_figures():
    from claimpilot.tools.reports.fetch.adjustments import reimbursement_rows

    (row,) = reimbursement_rows([_event("REVERSAL_REIMBURSEMENT", PAID, "XREV01", -2, "9.99"),
                                 {"AdjustmentType": "PostageBilling", "PostedDate": "2026-10-01T00:00:00Z"}])
    assert row[0] == datetime(PAID.year, PAID.month, PAID.day, 15).isoformat() + "+00:00"
    assert row[4:7] == ["Reimbursement_Reversal", "SKU-XREV01", "XREV01"]
    assert row[11:16] == ["9.99", "-19.98", "-2", "0", "-2"]
