"""Every fault the emulator can inject is either recovered from, with nothing
lost or duplicated, or reported clearly, naming the report and its range."""

from __future__ import annotations

from datetime import timedelta

from claimpilot.sandbox.emulator import UsagePlan, start_emulator
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import AS_OF, settings_for

START, END = AS_OF - timedelta(days=59), AS_OF
LEDGER = "GET_LEDGER_DETAIL_VIEW_DATA"
ORDERS = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"


def table_count(settings, table: str) -> int:
    return ReportStore(settings.warehouse_path(), settings.evidence_dir()).counts()[table]


def test_429_and_5xx_bursts_are_retried_and_nothing_is_lost_or_doubled(sp_settings, emulator, seller):
    emulator.faults.throttle("createReport", 3).fail("getReport", 2, status=500).fail("getReport", 1, status=503)
    emulator.faults.throttle("getReportDocument", 2).fail("downloadDocument", 1, status=503)
    emulator.faults.throttle("getShipments", 2).fail("listFinancialEvents", 2, status=503)
    result = fetch_reports(sp_settings, start=START, end=END, kinds=["orders", "inbound_items", "financial_events"])
    assert result.ok, [r.error for r in result.failed]
    assert table_count(sp_settings, "orders") == seller.count("orders", START, END)
    assert table_count(sp_settings, "inbound_items") == seller.inbound_item_count()
    assert sum(r.rows for r in result.reports if r.kind == "financial_events") == seller.event_count(START, END)
    assert emulator.count("createReport", 429) == 3
    assert emulator.count("getReport", 500) == 2 and emulator.count("getReport", 503) == 1
    assert emulator.count("downloadDocument", 503) == 1
    assert emulator.count("getShipments", 429) == 2 and emulator.count("listFinancialEvents", 503) == 2


def test_a_server_that_keeps_failing_is_reported_after_max_attempts(sp_settings, emulator):
    emulator.faults.fail("createReport", 50, status=500)
    result = fetch_reports(sp_settings, start=END - timedelta(days=9), end=END, kinds=["ledger"])
    (failed,) = result.failed
    assert failed.kind == "ledger" and "after 6 attempts" in failed.error and "InternalFailure" in failed.error
    assert str(END - timedelta(days=9)) in failed.error
    assert emulator.count("createReport", 500) == 6  # max_retries, not more


def test_a_fatal_report_is_reported_with_its_type_and_range_and_fetched_on_the_next_run(sp_settings, emulator, seller):
    emulator.faults.end_report(LEDGER, "FATAL")
    first = fetch_reports(sp_settings, start=START, end=END, kinds=["ledger", "fee_estimates"])
    (failed,) = first.failed
    assert LEDGER in failed.error and "FATAL" in failed.error and str(failed.range.start) in failed.error
    assert "could not be generated" in failed.error  # the reason from Amazon's error document
    assert len(first.fetched) == len(first.reports) - 1

    second = fetch_reports(sp_settings, start=START, end=END, kinds=["ledger", "fee_estimates"])
    assert [r.range for r in second.fetched] == [failed.range]
    assert second.ok
    assert table_count(sp_settings, "ledger") == seller.count("ledger", START, END)


def test_a_cancelled_report_is_done_and_empty_and_never_asked_again(sp_settings, emulator):
    """Amazon CANCELs a report that has no data for its range: that is an answer, not a failure."""
    emulator.faults.end_report("GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA", "CANCELLED")
    first = fetch_reports(sp_settings, start=START, end=END, kinds=["fee_estimates"])
    assert first.ok and [(r.status, r.rows) for r in first.reports] == [("fetched", 0)]
    assert table_count(sp_settings, "fee_estimates") == 0
    asked = emulator.count("createReport", 202)
    again = fetch_reports(sp_settings, start=START, end=END, kinds=["fee_estimates"])
    assert [r.status for r in again.reports] == ["skipped"] and emulator.count("createReport", 202) == asked


def test_an_empty_window_is_cancelled_by_the_emulator_and_recorded_empty(sp_settings, emulator, seller):
    far = START - timedelta(days=3000)  # long before the seller's first sale
    result = fetch_reports(sp_settings, start=far, end=far + timedelta(days=5), kinds=["ledger"])
    assert result.ok and result.reports
    assert {(r.status, r.rows, r.sha256) for r in result.reports} == {("fetched", 0, None)}
    assert emulator.count("downloadDocument", 200) == 0


def test_a_truncated_document_is_downloaded_again(sp_settings, emulator, seller):
    emulator.faults.truncate_document(2)
    result = fetch_reports(sp_settings, start=END - timedelta(days=20), end=END, kinds=["ledger"])
    assert result.ok
    assert emulator.count("downloadDocument", 200) == len(result.fetched) + 2
    assert table_count(sp_settings, "ledger") == seller.count("ledger", END - timedelta(days=20), END)


def test_a_document_truncated_every_time_fails_clearly_and_stores_nothing(sp_settings, emulator):
    emulator.faults.truncate_document(100)
    (failed,) = fetch_reports(sp_settings, start=END - timedelta(days=9), end=END, kinds=["ledger"]).failed
    assert "could not be downloaded whole" in failed.error and "cut off" in failed.error
    assert table_count(sp_settings, "ledger") == 0


def test_a_slow_answer_times_out_and_is_retried(emulator, isolated_home, seller):
    settings = settings_for(emulator, isolated_home, request_timeout_s=0.3)
    emulator.faults.delay("getReport", 1.0).delay("getReportDocument", 1.0)
    result = fetch_reports(settings, start=END - timedelta(days=9), end=END, kinds=["ledger"])
    assert result.ok, [r.error for r in result.failed]
    assert table_count(settings, "ledger") == seller.count("ledger", END - timedelta(days=9), END)


def test_the_rate_limit_header_is_honoured_not_hammered(seller, isolated_home):
    # 2 calls a second (x1000 clock), a burst of 2: the fetcher asks faster than that
    plans = {"createReport": UsagePlan(0.002, 2), "getReportDocument": UsagePlan(0.002, 2)}
    with start_emulator(seller, rate_scale=1000, plans=plans, today=AS_OF + timedelta(days=1)) as emu:
        settings = settings_for(emu, isolated_home)
        result = fetch_reports(settings, start=AS_OF - timedelta(days=119), end=AS_OF, kinds=["orders"])
        assert result.ok
        assert emu.count("createReport", 202) >= 5
        # the burst of 2 is spent at once; after the first 429 the fetcher paces itself at the rate
        assert emu.count("createReport", 429) == 1
        assert emu.count("getReportDocument", 429) <= 1
        calls = [status for op, status in emu.calls if op == "createReport"]
        assert all(b != 429 for a, b in zip(calls, calls[1:], strict=False) if a == 429)  # never two 429s in a row


def test_a_settlement_listing_that_keeps_failing_fails_alone(sp_settings, emulator, seller):
    emulator.faults.fail("getReports", 50, status=503)
    result = fetch_reports(sp_settings, start=START, end=END, kinds=["settlement", "fee_estimates"])
    (failed,) = result.failed
    assert failed.kind == "settlement" and "getReports" in failed.error and "ServiceUnavailable" in failed.error
    assert [r.kind for r in result.fetched] == ["fee_estimates"]
