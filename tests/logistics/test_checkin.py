"""A carrier delivered to Amazon, but the FBA shipment is not checked in after N days: one alert.
The SP-API side is the emulator serving the tiny seller (FBA1700002 RECEIVING, FBA1700003 WORKING)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from logistics_helpers import logistics_settings

from claimpilot.db.engine import dispose_all
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.logistics.service import LogisticsService
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from spapi_seller import TinySeller, settings_for


@pytest.fixture
def both(isolated_home, track17):
    forget_access_tokens()
    with start_emulator(TinySeller(), rate_scale=1000) as emu:
        sp = settings_for(emu, isolated_home).sp_api
        yield logistics_settings(isolated_home, track17, checkin_days=5).model_copy(update={"sp_api": sp})
    forget_access_tokens()
    dispose_all()


def test_delivered_but_not_checked_in(both, track17):
    svc = LogisticsService(both)
    svc.add("1ZWAITING000000001", fba_shipment_id="FBA1700003")
    svc.add("1ZRECEIVED00000002", fba_shipment_id="FBA1700002")
    day = datetime(2026, 11, 10, 16, tzinfo=UTC)
    for number in ("1ZWAITING000000001", "1ZRECEIVED00000002"):
        track17.state.scan(number, day, "Delivered_Other", "Delivered to dock", "Tracy, CA")
    for offset in range(0, 8):
        svc.refresh(today=date(2026, 11, 10) + timedelta(days=offset))
    alerts = svc.alerts(kind="not_checked_in")
    assert [(a["ref"], a["raised_on"]) for a in alerts] == [("1ZWAITING000000001", "2026-11-15")]
    assert alerts[0]["data"]["amazon_status"] == "WORKING" and alerts[0]["data"]["fba_shipment_id"] == "FBA1700003"
    board = {r["ref"]: r for r in svc.list(kind="fba")}
    assert board["FBA1700002"]["provider_status"] == "RECEIVING" and board["FBA1700003"]["status"] == "info_received"
