"""End to end: the demo seller served by the emulator, fetched with the real
client, lands in the store exactly as the same reports imported as files."""

from __future__ import annotations

from datetime import timedelta

import pytest

from claimpilot.sandbox.demo_seller import generate
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.tools.reports.fetch.limits import listed_since
from claimpilot.tools.reports.reimbursement_sources import reimbursements_once
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import settings_for


@pytest.fixture(scope="module")
def demo():
    return generate(seed=7, skus=80)


def test_fetched_demo_seller_equals_its_files(demo, isolated_home, tmp_path, clock):
    start, end = demo.as_of - timedelta(days=119), demo.as_of
    forget_access_tokens()
    with start_emulator(demo, rate_scale=1000) as emu:
        settings = settings_for(emu, isolated_home)
        result = fetch_reports(settings, start=start, end=end)
        again = fetch_reports(settings, start=start, end=end)
    forget_access_tokens()
    assert result.ok, [r.error for r in result.failed]
    assert {r.status for r in again.reports} == {"skipped"}
    store = ReportStore(settings.warehouse_path(), settings.evidence_dir())
    fetched = store.counts()
    with store.connect(read_only=True) as con:  # the reimbursements once: the report's and the adjustment events'
        read_once, paired = con.execute(f"SELECT count(*), count(_twin) FROM ({reimbursements_once()}) o").fetchone()
    from_events = fetched["reimbursements"] - read_once
    assert from_events == paired > 0  # every event of the demo seller is a reimbursement its report lists
    fetched["reimbursements"] = read_once

    files = ReportStore(tmp_path / "files.duckdb", tmp_path / "evidence")
    for kind in ("ledger", "reimbursements", "customer_returns", "orders", "removal_orders", "removal_shipments"):
        files.import_bytes(demo.report(kind, start, end), f"{kind}.txt", source="file")
    files.import_bytes(demo.report("fee_estimates"), "fees.txt", source="file")
    files.import_bytes(demo.report("inbound_items"), "shipments.csv", source="file")
    for r in result.reports:
        if r.kind == "settlement":
            files.import_bytes(demo.report("settlement", r.range.start, r.range.end), f"{r.range}.txt", source="file")
    expected = files.counts()
    tables = ["ledger", "reimbursements", "customer_returns", "orders", "removal_orders", "fee_estimates",
              "inbound_items", "settlement", "removal_shipments"]
    assert {t: fetched[t] for t in tables} == {t: expected[t] for t in tables}
    assert all(fetched[t] > 0 for t in tables)
    settlements = [r for r in result.reports if r.kind == "settlement"]
    first_listed = listed_since(clock.today())  # older settlements are past Amazon's retention: by hand
    assert len(settlements) >= 6 and min(r.range.end for r in settlements) >= first_listed - timedelta(days=1)
    assert [(h.kind, h.before) for h in result.by_hand] == [("settlement", first_listed)]
    events = sum(r.rows for r in result.reports if r.kind == "financial_events")
    assert events > 0
