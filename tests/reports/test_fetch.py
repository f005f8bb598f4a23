"""fetch_reports with the real sp_api clients against the emulator: every kind
arrives whole, once, and a second run fetches nothing again."""

from __future__ import annotations

import json
from datetime import timedelta

from claimpilot.tools.reports.fetch import FETCHABLE, fetch_reports
from claimpilot.tools.reports.fetch.limits import MAX_RANGE_DAYS
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import AS_OF, FETCH_END, FETCH_START, RANGED, expected_counts

START, END = FETCH_START, FETCH_END


def store_counts(settings) -> dict[str, int]:
    return ReportStore(settings.warehouse_path(), settings.evidence_dir()).counts()


def test_every_kind_arrives_whole_and_a_second_run_fetches_nothing(sp_settings, seller, emulator):
    first = fetch_reports(sp_settings, start=START, end=END)
    assert first.ok, [r.error for r in first.failed]
    assert {r.kind for r in first.reports} == set(FETCHABLE)
    counts = store_counts(sp_settings)
    expected = expected_counts(seller, first)
    assert {k: counts[k] for k in expected} == expected
    assert expected["settlement"] > 0 and len([r for r in first.reports if r.kind == "settlement"]) > 5
    for r in first.fetched:
        if r.kind in expected:
            assert r.rows == (seller.count(r.kind, r.range.start, r.range.end) if r.kind in RANGED else r.rows)
    assert sum(r.rows for r in first.reports if r.kind == "financial_events") == seller.event_count(START, END)

    creates = emulator.count("createReport")
    second = fetch_reports(sp_settings, start=START, end=END)
    assert [r.status for r in second.reports] == ["skipped"] * len(first.reports)
    assert emulator.count("createReport") == creates
    assert store_counts(sp_settings) == counts


def test_ranges_are_split_within_amazons_limits(sp_settings, emulator):
    start = AS_OF - timedelta(days=239)
    result = fetch_reports(sp_settings, start=start, end=AS_OF, kinds=["orders", "ledger"])
    assert result.ok, [r.error for r in result.failed]
    for kind, report_type in (("orders", "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"),
                              ("ledger", "GET_LEDGER_DETAIL_VIEW_DATA")):
        ranges = sorted(r.range for r in result.reports if r.kind == kind)
        assert all(r.days <= MAX_RANGE_DAYS[report_type] for r in ranges)
        assert ranges[0].start == start and ranges[-1].end == AS_OF
        assert all(b.start - a.end == timedelta(days=1) for a, b in zip(ranges, ranges[1:], strict=False))  # no gap, no overlap
    assert len([r for r in result.reports if r.kind == "orders"]) >= 8


def test_the_fetch_log_sits_beside_the_warehouse(sp_settings):
    fetch_reports(sp_settings, start=START, end=END, kinds=["fee_estimates"])
    log = json.loads((sp_settings.seller_dir() / "fetch_log.json").read_text())
    (entry,) = log["reports"].values()
    assert entry["status"] == "fetched" and entry["rows"] == 7 and len(entry["sha256"]) == 64
    assert (sp_settings.evidence_dir() / f"{entry['sha256']}.tsv").exists()


def test_financial_events_are_kept_as_json_evidence(sp_settings, seller):
    result = fetch_reports(sp_settings, start=START, end=END, kinds=["financial_events"])
    files = sorted((sp_settings.evidence_dir() / "financial-events").glob("*.json"))
    assert len(files) == len(result.fetched) >= 2
    kept = sum(len(v) for f in files for v in json.loads(f.read_text())["FinancialEvents"].values())
    assert kept == seller.event_count(START, END)
