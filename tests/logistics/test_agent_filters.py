"""A list of shipments asked in words: where they stand, how they travel, when they are due."""

from __future__ import annotations

from datetime import timedelta

from claimpilot import clock as product_clock
from claimpilot.agent.answer_check import problems
from claimpilot.agent.service import Agent
from claimpilot.tools.logistics.service import LogisticsService


def _seed(settings, tmp_path):
    today = product_clock.today()
    svc = LogisticsService(settings)
    svc.add("1Z999AA10123456784")  # a parcel, nothing heard yet
    legs = tmp_path / "legs.csv"
    soon, later = today + timedelta(days=8), today + timedelta(days=30)
    legs.write_text("BL,ETA,Milestone,Milestone Date\n"
                    f"MAEU111111111,{soon.isoformat()},Departed,{(today - timedelta(days=20)).isoformat()}\n"
                    f"MAEU222222222,{later.isoformat()},Departed,{(today - timedelta(days=5)).isoformat()}\n",
                    encoding="utf-8")
    svc.import_forwarder(legs)
    return today, soon


def test_sea_freight_due_in_a_range_and_parcels_by_kind(lsettings, clock, tmp_path):
    today, soon = _seed(lsettings, tmp_path)
    with Agent(lsettings) as agent:
        due = agent.chat(f"{soon.month}月{soon.day}号之前到的海运货有哪些", "t-sea")
        parcels = agent.chat("list my parcels", "t-parcels")
        none = agent.chat("anything held at customs", "t-customs")
    args = due.tool_calls[0]["args"]
    assert due.tool_calls[0]["name"] == "track_shipment" and args["kind"] == "sea"
    assert args["arriving_by"] == soon.isoformat(), args
    assert "MAEU111111111" in due.answer and "MAEU222222222" not in due.answer, due.answer
    assert "海运" in due.answer and not problems(due.answer, "zh"), due.answer
    assert parcels.tool_calls[0]["args"]["kind"] == "parcel"
    assert "1Z999AA10123456784" in parcels.answer and "MAEU" not in parcels.answer, parcels.answer
    assert none.tool_calls[0]["args"]["status"] == "customs"
    assert "No shipments match" in none.answer and not problems(none.answer, "en"), none.answer
