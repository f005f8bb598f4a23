"""track_shipment through the real agent graph with the offline router, in Chinese and English."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from claimpilot.agent.service import Agent
from claimpilot.tools.logistics.service import LogisticsService

NUMBER = "1Z999AA10123456784"


def test_track_one_number_and_what_is_late(lsettings, track17, tmp_path):
    svc = LogisticsService(lsettings)
    svc.add(NUMBER, order_id="111-2223334-4445556")
    now = datetime.now(UTC)
    track17.state.scan(NUMBER, now - timedelta(days=1), "InTransit_CustomsRequiringInformation",
                       "Held by customs", "JFK")
    svc.refresh(today=date.today())
    legs = tmp_path / "legs.csv"
    legs.write_text("BL,ETA,Milestone,Milestone Date\n"
                    f"MAEU123456789,{(date.today() - timedelta(days=5)).isoformat()},Departed,"
                    f"{(date.today() - timedelta(days=30)).isoformat()}\n", encoding="utf-8")
    svc.import_forwarder(legs)

    with Agent(lsettings) as agent:
        zh = agent.chat(f"帮我看看快递{NUMBER}现在到哪了", "t-zh")
        en = agent.chat("which of my shipments are running late?", "t-en")
        order = agent.chat("where is the parcel for order 111-2223334-4445556", "t-order")
    assert zh.tool_calls[0]["name"] == "track_shipment"
    assert zh.tool_calls[0]["args"].get("tracking_number") == NUMBER
    assert "清关" in zh.answer and "被海关扣留" in zh.answer and "JFK" in zh.answer
    assert en.tool_calls[0]["name"] == "track_shipment"
    assert "2 shipments late, held or in exception" in en.answer
    assert "MAEU123456789" in en.answer and NUMBER in en.answer
    assert order.tool_calls[0]["args"].get("order_id") == "111-2223334-4445556"
    assert NUMBER in order.answer and "Held by customs" in order.answer
