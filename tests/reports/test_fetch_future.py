"""A report that starts in the future is refused by Amazon (InvalidInput): the emulator refuses it the
same way, and the fetcher never asks for one (a range reaching past today is fetched up to today)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sp_api.base.exceptions import SellingApiBadRequestException

from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.fetch.client import SpApiClients, forget_access_tokens
from claimpilot.tools.reports.fetch.errors import FetchError
from spapi_seller import TinySeller, settings_for

ORDERS = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"


@pytest.fixture
def emulator_today():
    """An emulator whose today is the test clock's."""
    forget_access_tokens()
    with start_emulator(TinySeller(), rate_scale=1000) as emu:
        yield emu
    forget_access_tokens()


def test_the_emulator_refuses_a_report_that_starts_tomorrow(emulator_today, isolated_home, clock):
    reports = SpApiClients(settings_for(emulator_today, isolated_home)).reports
    tomorrow = datetime.combine(clock.today() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    with pytest.raises(SellingApiBadRequestException) as refused:
        reports.create_report(reportType=ORDERS, marketplaceIds=["ATVPDKIKX0DER"],
                              dataStartTime=tomorrow.isoformat(), dataEndTime=(tomorrow + timedelta(days=2)).isoformat())
    assert refused.value.code == 400
    assert "InvalidInput" in str(refused.value.error) and "future" in str(refused.value.error)


def test_a_range_past_today_is_fetched_up_to_today_and_nothing_is_asked_of_the_future(emulator_today, isolated_home,
                                                                                       clock):
    settings = settings_for(emulator_today, isolated_home)
    result = fetch_reports(settings, start=clock.today() - timedelta(days=3), end=clock.today() + timedelta(days=40),
                           kinds=["orders"])
    assert result.ok, [r.error for r in result.failed]
    assert max(r.range.end for r in result.reports) == clock.today()
    assert emulator_today.count("createReport", 400) == 0


def test_a_range_that_starts_after_today_is_refused_before_any_request(emulator_today, isolated_home, clock):
    settings = settings_for(emulator_today, isolated_home)
    with pytest.raises(FetchError, match="after today"):
        fetch_reports(settings, start=clock.today() + timedelta(days=1), end=clock.today() + timedelta(days=9))
    assert emulator_today.count("createReport") == 0
