"""An audit's summary, computed in DuckDB, says what its findings say; the findings come when asked for."""

import json
from datetime import date, timedelta
from decimal import Decimal

from claimpilot.sandbox.demo_seller import generate
from claimpilot.tools.audit import run_audit
from claimpilot.tools.audit.summary import summarize
from claimpilot.tools.reports.store import ReportStore

ANCHOR = date(2026, 11, 27)


def test_the_summary_of_the_demo_seller_matches_its_findings_at_several_dates(tmp_path):
    seller = generate(seed=7, skus=80)
    seller.as_of = ANCHOR
    seller.write(tmp_path / "reports")
    store = ReportStore(tmp_path / "w.duckdb", tmp_path / "evidence")
    store.import_path(tmp_path / "reports")
    for as_of in (ANCHOR, ANCHOR + timedelta(days=45), ANCHOR - timedelta(days=200)):
        for cache in (True, False):
            with store.connect() as con:
                result = run_audit(con, as_of, cache=cache)
            assert result.count > 0
            assert result.count == len(result.findings)
            expected = summarize(result.findings, as_of)
            # the same cells, amounts and order (statuses listed in the order the findings first show them)
            assert json.dumps(result.summary) == json.dumps(expected), (as_of, cache)
            assert len({f.type for f in result.findings}) >= 3


def test_summary_counts_money_per_currency_and_what_expires_within_a_week(seller):
    seller.product(sku="SKU-1", unit_cost=Decimal("10.00"))
    seller.product(sku="SKU-2", unit_cost=Decimal("7.50"), currency="CAD")
    for ref, fnsku, sku, day in (("R1", "X001", "SKU-1", date(2026, 1, 5)), ("R2", "X002", "SKU-2", date(2026, 1, 5)),
                                 ("R3", "X001", "SKU-1", date(2025, 6, 1))):
        seller.add("ledger", date=day, fnsku=fnsku, msku=sku, event_type="Adjustments", reference_id=ref,
                   quantity=-2, reason="M")
    result = seller.audit(date(2026, 3, 1))
    assert result.count == 3
    lost = result.summary["by_type"]["warehouse_lost"]
    assert lost["claimable"] == {"count": 2, "quantity": 4, "amount": {"CAD": "15.00", "USD": "20.00"}}
    assert lost["expired"] == {"count": 1, "quantity": 2, "amount": {"USD": "20.00"}}
    assert result.summary["expiring_7d"] == {"count": 2, "amount": {"CAD": "15.00", "USD": "20.00"}}
    assert result.summary["lost_to_expiry"] == {"count": 1, "amount": {"USD": "20.00"}}
    assert result.summary == summarize(result.findings, date(2026, 3, 1))
