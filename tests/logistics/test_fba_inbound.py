"""FBA inbound over the SP-API emulator (the demo seller): status, units shipped against received,
the received-short alert linked to the audit's inbound_shortage claim, and throttling retried."""

from __future__ import annotations

import pytest

from claimpilot.db.engine import dispose_all
from claimpilot.sandbox.demo_seller import generate
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.audit import run_audit
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.logistics.service import LogisticsService
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import settings_for


@pytest.fixture(scope="module")
def seller():
    return generate(seed=5, skus=80)


@pytest.fixture
def audited(seller, isolated_home, tmp_path):
    """The demo seller's reports imported and audited into claims; the SP-API emulator serving it."""
    forget_access_tokens()
    with start_emulator(seller, rate_scale=1000) as emu:
        settings = settings_for(emu, isolated_home)
        store = ReportStore(settings.warehouse_path(), settings.evidence_dir())
        seller.write(tmp_path / "files")
        store.import_path(tmp_path / "files")
        CaseService(settings).sync(run_audit(store, seller.as_of, "US").findings, seller.as_of)
        yield settings, emu
    forget_access_tokens()
    dispose_all()


def test_short_received_shipments_raise_alerts_linked_to_their_claims(seller, audited):
    settings, emu = audited
    svc = LogisticsService(settings)
    emu.faults.throttle("getShipmentItemsByShipmentId", 2)
    result = svc.refresh(today=seller.as_of, sources=("sp_api",))
    assert result.errors == {}
    assert emu.count("getShipmentItemsByShipmentId", 429) >= 2, "throttled calls were retried"

    shipments = {s["ShipmentId"]: s for s in seller.inbound_shipments()}
    board = {row["ref"]: row for row in svc.list(kind="fba")}
    assert set(board) == set(shipments)
    for sid, row in board.items():
        items = seller.inbound_items(sid)
        assert row["provider_status"] == shipments[sid]["ShipmentStatus"]
        assert row["shipped"] == sum(i["QuantityShipped"] for i in items)
        assert row["received"] == sum(i["QuantityReceived"] for i in items)

    short = {(sid, i["FulfillmentNetworkSKU"]): i["QuantityShipped"] - i["QuantityReceived"]
             for sid, s in shipments.items() if s["ShipmentStatus"] == "CLOSED"
             for i in seller.inbound_items(sid) if i["QuantityShipped"] > i["QuantityReceived"]}
    alerts = svc.alerts(kind="received_short")
    assert {(a["ref"], a["data"]["fnsku"]): a["data"]["short"] for a in alerts} == short

    claims = CaseService(settings).list_claims(type="inbound_shortage")
    assert claims, "the demo seller has inbound shortages to claim"
    linked = {a["claim_id"]: a for a in alerts if a["claim_id"]}
    for claim in claims:
        alert = linked[claim["id"]]
        assert (alert["ref"], alert["data"]["fnsku"]) == (claim["reference_id"], claim["fnsku"])
        assert alert["data"]["short"] >= claim["quantity"]
        assert f"#{claim['id']}" in alert["message"]
    assert len(linked) == len(claims)


def test_a_second_refresh_raises_nothing_new(seller, audited):
    settings, _ = audited
    svc = LogisticsService(settings)
    first = svc.refresh(today=seller.as_of, sources=("sp_api",))
    again = svc.refresh(today=seller.as_of, sources=("sp_api",))
    assert first.new_alerts and again.new_alerts == []
    assert sum(u["new_scans"] for u in again.updated) == 0


def test_an_alert_raised_before_the_audit_is_linked_once_the_claim_exists(seller, isolated_home, tmp_path):
    forget_access_tokens()
    with start_emulator(seller, rate_scale=1000) as emu:
        settings = settings_for(emu, isolated_home)
        svc = LogisticsService(settings)
        svc.refresh(today=seller.as_of, sources=("sp_api",))
        assert all(a["claim_id"] is None for a in svc.alerts(kind="received_short"))
        store = ReportStore(settings.warehouse_path(), settings.evidence_dir())
        seller.write(tmp_path / "files")
        store.import_path(tmp_path / "files")
        CaseService(settings).sync(run_audit(store, seller.as_of, "US").findings, seller.as_of)
        again = svc.refresh(today=seller.as_of, sources=("sp_api",))
        claims = CaseService(settings).list_claims(type="inbound_shortage")
        linked = {a["claim_id"] for a in svc.alerts(kind="received_short") if a["claim_id"]}
    forget_access_tokens()
    dispose_all()
    assert again.new_alerts == []
    assert claims and linked == {c["id"] for c in claims}
