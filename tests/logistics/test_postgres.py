"""The same store on the PostgreSQL server (127.0.0.1:5432): a repeated push and repeated refreshes change nothing twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from logistics_helpers import logistics_settings

from claimpilot.tools.logistics.service import LogisticsService
from claimpilot.tools.logistics.track17 import sign
from pg_schema import fresh_schema

NUMBER = "JD0146000012345678"


@pytest.fixture
def pg_settings(isolated_home, track17):
    base = logistics_settings(isolated_home, track17, stall_days=3)
    with fresh_schema() as url:
        yield base.model_copy(update={"database_url": url})


def test_repeats_change_nothing_on_postgres(pg_settings, track17):
    svc = LogisticsService(pg_settings)
    svc.add(NUMBER, order_id="115-1234567-7654321")
    track17.state.scan(NUMBER, datetime(2026, 11, 1, 3, tzinfo=UTC), "InTransit_Departure", "Departed", "Beijing")
    body = track17.push_body(NUMBER)
    signature = sign(body, track17.state.webhook_key)
    assert svc.take_track17_push(body, signature)["changes"][0]["new_scans"] == 1
    assert svc.take_track17_push(body, signature)["duplicate"] is True
    for day in range(1, 10):
        svc.refresh(today=date(2026, 11, day))
    assert [a["kind"] for a in svc.alerts()] == ["stalled"]
    assert len(svc.show(NUMBER)["events"]) == 1
    assert svc.tracking_for_order("115-1234567-7654321").last_location == "Beijing"
