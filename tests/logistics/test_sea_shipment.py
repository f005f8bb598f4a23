"""A sea shipment across its milestones: the forwarder's file (CSV, then Excel updates) for the ocean leg,
17TRACK for the truck leg into Amazon; statuses, ETA history and alerts along the way."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook

from claimpilot.tools.logistics.forwarder import ForwarderFileError, read_forwarder_file
from claimpilot.tools.logistics.service import LogisticsService

BL = "COSU6331234560"
TRUCK = "1Z4A7W390312345678"
HEADER = "Bill of Lading,Container No,Mode,Carrier,POL,POD,ETD,ETA,Milestone,Milestone Date,Location,FBA Shipment ID\n"


def _csv(tmp_path, name: str, rows: list[str]):
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _xlsx(tmp_path, name: str, rows: list[list]):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_sea_leg_then_truck_leg_to_amazon(lsettings, track17, tmp_path):
    svc = LogisticsService(lsettings)
    first = _csv(tmp_path, "forwarder-week1.csv", [
        f"{BL},CSNU1234567,sea,COSCO,Yantian,Long Beach,2026-10-01,2026-10-20,Booking confirmed,2026-09-25,Shenzhen,FBA15TESTSEA1",
        f"{BL},CSNU1234567,sea,COSCO,Yantian,Long Beach,2026-10-01,2026-10-20,Loaded on board,2026-10-01 18:30,Yantian,FBA15TESTSEA1",
    ])
    svc.import_forwarder(first)
    leg = svc.show(BL)
    assert (leg["kind"], leg["status"], leg["container"], leg["carrier"]) == ("sea", "in_transit", "CSNU1234567", "COSCO")
    assert (leg["etd"], leg["planned_eta"], leg["eta"]) == ("2026-10-01", "2026-10-20", "2026-10-20")
    assert [e["provider_status"] for e in leg["events"]] == ["Booking confirmed", "Loaded on board"]

    # week 3: the vessel is late, the box is held by customs (an Excel update from the forwarder)
    svc.import_forwarder(_xlsx(tmp_path, "forwarder-week3.xlsx", [
        [BL, "CSNU1234567", "sea", "COSCO", "Yantian", "Long Beach", "2026-10-01", datetime(2026, 10, 25),
         "Arrived at port of discharge", datetime(2026, 10, 24, 7, 0), "Long Beach", "FBA15TESTSEA1"],
        [BL, "CSNU1234567", "sea", "COSCO", "Yantian", "Long Beach", "2026-10-01", datetime(2026, 10, 25),
         "Customs hold - exam", datetime(2026, 10, 26, 9, 0), "Long Beach", "FBA15TESTSEA1"],
    ]))
    leg = svc.show(BL)
    assert (leg["status"], leg["customs_hold"], leg["eta"], leg["planned_eta"]) == ("customs", True, "2026-10-25", "2026-10-20")
    assert [(c["old_eta"], c["new_eta"]) for c in leg["eta_history"]] == [(None, "2026-10-20"), ("2026-10-20", "2026-10-25")]
    result = svc.refresh(today=date(2026, 10, 27))
    kinds = sorted(a["kind"] for a in svc.alerts())
    assert kinds == ["customs_hold", "eta_slip"], kinds
    assert len(result.new_alerts) == 2

    # released; the truck to the fulfillment center is a 17TRACK parcel linked to the FBA shipment
    svc.import_forwarder(_csv(tmp_path, "forwarder-week4.csv", [
        f"{BL},CSNU1234567,sea,COSCO,Yantian,Long Beach,2026-10-01,2026-10-25,Customs released,2026-10-28 10:00,Long Beach,FBA15TESTSEA1",
        f"{BL},CSNU1234567,sea,COSCO,Yantian,Long Beach,2026-10-01,2026-10-25,Delivered to trucker,2026-10-29 10:00,Long Beach,FBA15TESTSEA1",
    ]))
    assert svc.show(BL)["status"] == "delivered"
    svc.add(TRUCK, fba_shipment_id="FBA15TESTSEA1")
    emu = track17.state
    emu.scan(TRUCK, datetime(2026, 10, 29, 15, tzinfo=UTC), "InTransit_PickedUp", "Picked up", "Long Beach, CA")
    emu.parcel(TRUCK).eta = date(2026, 11, 2)
    svc.refresh(today=date(2026, 10, 30))
    truck = svc.show(TRUCK)
    assert (truck["status"], truck["carrier"], truck["eta"]) == ("in_transit", "UPS", "2026-11-02")
    emu.scan(TRUCK, datetime(2026, 11, 1, 6, tzinfo=UTC), "OutForDelivery_Other", "Out for delivery", "Ontario, CA")
    svc.refresh(today=date(2026, 11, 1))
    assert svc.show(TRUCK)["status"] == "out_for_delivery"
    emu.scan(TRUCK, datetime(2026, 11, 1, 14, tzinfo=UTC), "Delivered_Other", "Delivered, dock ONT8", "Ontario, CA")
    svc.refresh(today=date(2026, 11, 1))
    truck = svc.show(TRUCK)
    assert truck["status"] == "delivered" and truck["delivered_at"].startswith("2026-11-01T14:00")
    assert [e["status"] for e in truck["events"]] == ["in_transit", "out_for_delivery", "delivered"]
    assert truck["events"][-1]["provider_status"] == "Delivered/Delivered_Other"
    assert svc.late(today=date(2026, 11, 3)) == []


def test_all_or_nothing_with_file_row_and_column_named(lsettings, tmp_path):
    svc = LogisticsService(lsettings)
    bad = _csv(tmp_path, "bad.csv", [
        f"{BL},CSNU1234567,sea,COSCO,Yantian,Long Beach,2026-10-01,2026-10-20,Loaded on board,2026-10-01,Yantian,",
        "MAEU999888777,MSKU7654321,sea,Maersk,Ningbo,Oakland,2026-10-03,20/10/2026,Departed,2026-10-03,Ningbo,",
    ])
    with pytest.raises(ForwarderFileError) as err:
        svc.import_forwarder(bad)
    assert "bad.csv: row 3, column 'ETA'" in str(err.value)
    assert svc.list() == [], "nothing of a bad file is stored"

    unknown = _csv(tmp_path, "words.csv", [f"{BL},,sea,,,,,,Teleported,2026-10-01,,"])
    with pytest.raises(ForwarderFileError, match=r"words.csv: row 2, column 'Milestone': unknown milestone 'Teleported'"):
        read_forwarder_file(unknown)
    nobl = tmp_path / "nobl.csv"
    nobl.write_text("Vessel,ETA\nX,2026-01-01\n", encoding="utf-8")
    with pytest.raises(ForwarderFileError, match="nobl.csv: row 1: no bill of lading or container column"):
        read_forwarder_file(nobl)
    mode = _csv(tmp_path, "mode.csv", [f"{BL},,rail,,,,,,,,,"])
    with pytest.raises(ForwarderFileError, match=r"row 2, column 'Mode': transport mode must be sea or air"):
        read_forwarder_file(mode)


def test_air_leg_from_chinese_headers(lsettings, tmp_path):
    path = tmp_path = tmp_path / "空运.csv"
    path.write_text("提单号,运输方式,航空公司,预计离港,预计到港,节点,节点时间,地点\n"
                    "999-12345675,空运,CX,2026-11-02,2026-11-04,Departed,2026-11-02 23:10,HKG\n", encoding="utf-8")
    svc = LogisticsService(lsettings)
    svc.import_forwarder(path)
    leg = svc.show("999-12345675")
    assert (leg["kind"], leg["status"], leg["carrier"], leg["eta"]) == ("air", "in_transit", "CX", "2026-11-04")
