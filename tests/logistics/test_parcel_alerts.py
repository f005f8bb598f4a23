"""A stalled parcel: one alert across repeated refreshes, delivered once to the seller's signed webhook,
retried (only where it failed) until the channel took it."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, date, datetime, timedelta

from logistics_helpers import logistics_settings

from claimpilot.db.engine import dispose_all
from claimpilot.tools.logistics.service import LogisticsService

NUMBER = "YT2430121234567890"
SECRET = "hook-secret-123"


def test_a_stalled_parcel_alerts_once_and_the_webhook_gets_it_once(isolated_home, track17, receiver):
    settings = logistics_settings(isolated_home, track17, stall_days=4,
                                  alerts={"webhook_url": receiver.url + "/hooks/claimpilot", "webhook_secret": SECRET})
    svc = LogisticsService(settings)
    svc.add(NUMBER, order_id="113-5550001-7654321")
    track17.state.scan(NUMBER, datetime(2026, 11, 3, 2, tzinfo=UTC), "InTransit_Departure",
                       "Departed from sort facility", "Guangzhou")
    receiver.answers = [(503, {}), (500, {})]  # the seller's endpoint fails twice, then takes it

    outcomes = [svc.refresh(today=date(2026, 11, 3) + timedelta(days=d)) for d in range(0, 9)]
    stalled = svc.alerts(kind="stalled")
    assert len(stalled) == 1 and stalled[0]["raised_on"] == "2026-11-07"
    assert [len(o.new_alerts) for o in outcomes].count(1) == 1
    assert stalled[0]["deliveries"] == {"webhook": "sent"}
    assert len(receiver.received) == 3, "two failed attempts, one success, nothing after"
    hit = receiver.received[-1]
    stamp = hit.headers["x-claimpilot-timestamp"]
    expected = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + hit.body, hashlib.sha256).hexdigest()
    assert hit.headers["x-claimpilot-signature"] == expected
    body = json.loads(hit.body)
    assert body["kind"] == "stalled" and body["data"]["ref"] == NUMBER and body["event_id"] == hit.headers["x-claimpilot-event"]
    assert "no new scan for 4 days" in body["text"]

    # a new scan, then a new stall: a new alert (a new key), delivered once more
    track17.state.scan(NUMBER, datetime(2026, 11, 12, 5, tzinfo=UTC), "InTransit_Arrival",
                       "Arrived at destination country", "Los Angeles")
    for d in range(12, 18):
        svc.refresh(today=date(2026, 11, d))
    assert len(svc.alerts(kind="stalled")) == 2
    assert len(receiver.received) == 4
    view = svc.tracking_for_order("113-5550001-7654321")
    assert (view.status, view.last_location) == ("in_transit", "Los Angeles")


def test_an_unreachable_channel_is_retried_on_the_next_refresh_only(isolated_home, track17, receiver):
    settings = logistics_settings(isolated_home, track17, stall_days=2,
                                  alerts={"webhook_url": receiver.url, "max_retries": 2})
    svc = LogisticsService(settings)
    svc.add(NUMBER)
    track17.state.scan(NUMBER, datetime(2026, 11, 1, tzinfo=UTC), "Exception_Other", "Address problem", "")
    receiver.answers = [(500, {}), (500, {})]
    first = svc.refresh(today=date(2026, 11, 1))
    (alert,) = svc.alerts()
    assert alert["kind"] == "exception" and alert["deliveries"]["webhook"].startswith("failed: webhook: still failing")
    assert first.deliveries
    svc.refresh(today=date(2026, 11, 1))
    assert svc.alerts()[0]["deliveries"] == {"webhook": "sent"}
    svc.refresh(today=date(2026, 11, 1))
    assert len(receiver.received) == 3
    dispose_all()


def test_a_parcel_never_scanned_stalls_from_when_tracking_began(lsettings, track17):
    svc = LogisticsService(lsettings)
    svc.add("SF1234567890123")
    today = date.today()
    svc.refresh(today=today + timedelta(days=lsettings.logistics.stall_days - 1))
    assert svc.alerts() == []
    for extra in range(0, 3):
        svc.refresh(today=today + timedelta(days=lsettings.logistics.stall_days + extra))
    (alert,) = svc.alerts()
    assert alert["kind"] == "stalled" and alert["data"]["status"] == "info_received"
