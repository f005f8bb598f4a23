"""Amazon keeps a report 90 days: getReports lists no older settlement (the emulator neither), and the fetcher
asks only inside the retention and names the older settlements for a download by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.fetch.client import SpApiClients, forget_access_tokens
from spapi_seller import TinySeller, settings_for

SETTLEMENT = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"


@pytest.fixture
def emulator_today():
    """An emulator whose today is the test clock's, serving ~400 days of settlements."""
    forget_access_tokens()
    with start_emulator(TinySeller(), rate_scale=1000) as emu:
        yield emu
    forget_access_tokens()


def test_the_emulator_lists_no_settlement_past_the_retention(emulator_today, isolated_home, clock):
    reports = SpApiClients(settings_for(emulator_today, isolated_home)).reports
    since = datetime.combine(clock.today() - timedelta(days=300), datetime.min.time(), tzinfo=UTC)
    res = reports.get_reports(reportTypes=[SETTLEMENT], createdSince=since.isoformat(), pageSize=100)
    created = [datetime.fromisoformat(r["createdTime"]) for r in res.payload["reports"]]
    oldest_kept = datetime.combine(clock.today() - timedelta(days=90), datetime.min.time(), tzinfo=UTC)
    assert created and min(created) >= oldest_kept
    assert min(created) < oldest_kept + timedelta(days=14)  # the retention, not a shorter window


def test_older_settlements_are_named_for_a_download_by_hand_in_chinese_and_english(emulator_today, isolated_home,
                                                                                    clock):
    settings = settings_for(emulator_today, isolated_home)
    result = fetch_reports(settings, start=clock.today() - timedelta(days=300), end=clock.today(), kinds=["settlement"])
    assert result.ok, [r.error for r in result.failed]
    first_listed = clock.today() - timedelta(days=89)
    assert [(h.kind, h.before) for h in result.by_hand] == [("settlement", first_listed)]
    assert "by hand" in result.by_hand[0].text("en") and "90-day" in result.by_hand[0].text("en")
    assert "手动下载" in result.by_hand[0].text("zh") and str(first_listed) in result.by_hand[0].text("zh")
    assert result.fetched and all(r.range.end >= first_listed - timedelta(days=1) for r in result.fetched)


def test_a_range_inside_the_retention_needs_nothing_by_hand(emulator_today, isolated_home, clock):
    settings = settings_for(emulator_today, isolated_home)
    result = fetch_reports(settings, start=clock.today() - timedelta(days=60), end=clock.today(), kinds=["settlement"])
    assert result.ok and result.by_hand == [] and result.fetched
