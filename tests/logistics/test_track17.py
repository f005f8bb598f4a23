"""The 17TRACK client against the emulator: registration, rate limits and faults retried, give-up reported;
webhook pushes: signature checked, a repeat changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from logistics_helpers import logistics_settings

from claimpilot.sandbox.track17 import Track17State, start_track17
from claimpilot.tools.logistics.service import LogisticsService
from claimpilot.tools.logistics.track17 import Track17Client, Track17Error, WebhookRejected, sign

NUMBER = "LP00123456789012"


def test_register_and_track_retry_429_and_5xx(lsettings, track17):
    track17.faults.throttle("register", 2).fail("gettrackinfo", 1, 503).fail("gettrackinfo", 1, 500)
    client = Track17Client(lsettings.logistics.track17)
    accepted, rejected = client.register([{"number": NUMBER}, {"number": "bad!"}])
    assert [a["number"] for a in accepted] == [NUMBER]
    assert rejected[0]["error"]["code"] == -18019903
    again, _ = client.register([{"number": NUMBER}])
    assert [a["number"] for a in again] == [NUMBER], "an already-registered number counts as accepted"
    items, _ = client.track_info([{"number": NUMBER}])
    assert items[0]["track_info"]["latest_status"]["status"] == "NotFound"
    assert track17.count("register", 429) == 2 and track17.count("gettrackinfo", 503) == 1
    assert track17.count("gettrackinfo", 500) == 1 and track17.count("gettrackinfo", 200) == 1


def test_the_real_rate_limit_is_waited_out(isolated_home):
    with start_track17(Track17State(rate=20, burst=1)) as emu:
        settings = logistics_settings(isolated_home, emu)
        client = Track17Client(settings.logistics.track17)
        client.register([{"number": NUMBER}])
        for _ in range(4):
            client.track_info([{"number": NUMBER}])
        assert emu.count("gettrackinfo", 200) == 4
        assert emu.count(status=429) >= 1


def test_giving_up_is_reported_without_the_key(lsettings, track17):
    track17.faults.fail("gettrackinfo", 10, 500)
    svc = LogisticsService(lsettings)
    svc.add(NUMBER)
    result = svc.refresh(today=date(2026, 11, 1))
    assert "still failing after 5 attempts" in result.errors["track17"]
    assert track17.state.api_key not in str(result.to_dict())
    bad = lsettings.model_copy(deep=True)
    bad.logistics.track17.api_key = None
    with pytest.raises(Track17Error, match="API key is not set"):
        Track17Client(bad.logistics.track17)


def _pushed(lsettings, track17):
    svc = LogisticsService(lsettings)
    svc.add(NUMBER, order_id="114-0000001-0000002")
    track17.state.scan(NUMBER, datetime(2026, 11, 2, 9, tzinfo=UTC), "InTransit_CustomsRequiringInformation",
                       "Held by customs, documents required", "JFK")
    return svc, track17.push_body(NUMBER)


def test_a_push_with_a_wrong_or_missing_signature_changes_nothing(lsettings, track17):
    svc, body = _pushed(lsettings, track17)
    with pytest.raises(WebhookRejected, match="signature"):
        svc.take_track17_push(body, sign(body, "not-the-key"))
    with pytest.raises(WebhookRejected):
        svc.take_track17_push(body, None)
    with pytest.raises(WebhookRejected):
        svc.take_track17_push(body.replace(b"JFK", b"LAX"), sign(body, track17.state.webhook_key))
    assert svc.show(NUMBER)["events"] == []


def test_a_push_delivered_twice_is_applied_once(lsettings, track17):
    svc, body = _pushed(lsettings, track17)
    first = svc.take_track17_push(body, sign(body, track17.state.webhook_key))
    again = svc.take_track17_push(body, sign(body, track17.state.webhook_key))
    assert first["duplicate"] is False and first["changes"][0]["new_scans"] == 1
    assert again == {"event": "TRACKING_UPDATED", "duplicate": True, "changes": []}
    shown = svc.show(NUMBER)
    assert (shown["status"], shown["customs_hold"], len(shown["events"])) == ("customs", True, 1)
    svc.refresh(today=date(2026, 11, 2), sources=())
    svc.refresh(today=date(2026, 11, 3), sources=())
    assert [a["kind"] for a in svc.alerts()] == ["customs_hold"]
    view = svc.tracking_for_order("114-0000001-0000002")
    assert view.status == "customs" and view.provider_status.endswith("CustomsRequiringInformation")


def test_a_number_17track_refuses_or_cannot_take_now_is_kept_and_registered_later(lsettings, track17):
    svc = LogisticsService(lsettings)
    refused = svc.add("1234")
    assert refused["registered"] is False and "invalid" in refused["register_error"]
    track17.faults.fail("register", 10, 503)
    down = svc.add("UH037386106US")
    assert down["registered"] is False and "still failing" in down["register_error"]
    track17.faults.clear()
    track17.state.scan("UH037386106US", datetime(2026, 11, 3, tzinfo=UTC), "InTransit_PickedUp", "Accepted", "")
    svc.refresh(today=date(2026, 11, 3))
    assert svc.show("UH037386106US")["status"] == "in_transit"
