"""The SP-API emulator, driven by the real python-amazon-sp-api clients over HTTP."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sp_api.api import Reports
from sp_api.base.exceptions import (
    SellingApiBadRequestException,
    SellingApiForbiddenException,
    SellingApiRequestThrottledException,
    SellingApiServerException,
    SellingApiTemporarilyUnavailableException,
)

from claimpilot.sandbox.emulator import Faults, UsagePlan, start_emulator
from claimpilot.tools.reports.fetch.client import SpApiClients, forget_access_tokens
from spapi_seller import AS_OF, TinySeller, settings_for

LEDGER = "GET_LEDGER_DETAIL_VIEW_DATA"
ORDERS = "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"


@pytest.fixture
def seller():
    return TinySeller()


@pytest.fixture
def emulator(seller):
    forget_access_tokens()
    with start_emulator(seller, rate_scale=1000, today=AS_OF + timedelta(days=1), page_size=4) as emu:
        yield emu
    forget_access_tokens()


@pytest.fixture
def clients(emulator, settings):
    c = SpApiClients(settings_for(emulator, settings.home))
    yield c
    c.close()


def _range(days_back: int, days: int) -> dict:
    start = datetime.combine(AS_OF - timedelta(days=days_back), datetime.min.time(), tzinfo=UTC)
    return {"dataStartTime": start.isoformat(), "dataEndTime": (start + timedelta(days=days) - timedelta(seconds=1)).isoformat()}


def _poll(reports: Reports, report_id: str) -> list[dict]:
    seen = []
    for _ in range(10):
        report = reports.get_report(report_id).payload
        seen.append(report)
        if report["processingStatus"] in ("DONE", "FATAL", "CANCELLED"):
            return seen
    raise AssertionError("the report never finished")


def test_lwa_rejects_a_wrong_client_secret_with_401_json(emulator):
    answer = httpx.post(f"{emulator.url}/auth/o2/token", data={
        "grant_type": "refresh_token", "client_id": emulator.credentials.client_id,
        "client_secret": "wrong", "refresh_token": emulator.credentials.refresh_token,
    })
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"


def test_lwa_rejects_a_wrong_refresh_token(emulator):
    answer = httpx.post(f"{emulator.url}/auth/o2/token", data={
        "grant_type": "refresh_token", "client_id": emulator.credentials.client_id,
        "client_secret": emulator.credentials.client_secret, "refresh_token": "Atzr|stale",
    })
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_calls_without_a_valid_access_token_are_refused(emulator):
    answer = httpx.get(f"{emulator.url}/reports/2021-06-30/reports/1", headers={"x-amz-access-token": "Atza|forged"})
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["code"] == "Unauthorized"
    assert "x-amzn-RateLimit-Limit" in answer.headers


def test_report_moves_through_queue_progress_done_and_serves_gzip(clients, seller):
    created = clients.reports.create_report(reportType=LEDGER, marketplaceIds=[clients.marketplace_id], **_range(29, 30))
    statuses = _poll(clients.reports, created.payload["reportId"])
    assert [s["processingStatus"] for s in statuses] == ["IN_QUEUE", "IN_PROGRESS", "DONE"]
    document = clients.reports.get_report_document(statuses[-1]["reportDocumentId"])
    assert document.payload["compressionAlgorithm"] == "GZIP"
    assert document.payload["url"].startswith("http://127.0.0.1:")
    raw = httpx.get(document.payload["url"]).content
    expected = seller.report("ledger", AS_OF - timedelta(days=29), AS_OF)
    assert gzip.decompress(raw) == expected
    assert "x-amzn-RateLimit-Limit" in document.headers


def test_a_range_beyond_amazons_limit_ends_fatal_with_the_reason(clients):
    created = clients.reports.create_report(reportType=ORDERS, marketplaceIds=[clients.marketplace_id], **_range(59, 60))
    final = _poll(clients.reports, created.payload["reportId"])[-1]
    assert final["processingStatus"] == "FATAL"
    url = clients.reports.get_report_document(final["reportDocumentId"]).payload["url"]
    assert b"Date range exceeded" in gzip.decompress(httpx.get(url).content)


def test_settlements_cannot_be_requested_only_listed(clients):
    with pytest.raises(SellingApiBadRequestException):
        clients.reports.create_report(reportType="GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2",
                                      marketplaceIds=[clients.marketplace_id])
    listed, token = [], None
    first = clients.reports.get_reports(reportTypes=["GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"],
                                        createdSince=(datetime.now(UTC) - timedelta(days=400)).isoformat(),
                                        pageSize=5)
    listed += first.payload["reports"]
    # the library lifts a top-level nextToken out of the payload into .next_token
    assert "nextToken" not in first.payload
    token = first.next_token
    while token:
        page = clients.reports.get_reports(nextToken=token)
        listed += page.payload["reports"]
        token = page.next_token
    assert len(listed) > 5  # more than one page
    assert all(r["processingStatus"] == "DONE" and r["reportDocumentId"] for r in listed)
    assert len({r["reportId"] for r in listed}) == len(listed)


@pytest.mark.parametrize("page_size", [0, 101])
def test_get_reports_refuses_a_page_size_outside_1_to_100(clients, page_size):
    with pytest.raises(SellingApiBadRequestException):
        clients.reports.get_reports(reportTypes=[LEDGER], pageSize=page_size)


def test_get_reports_refuses_a_next_token_sent_with_filters(clients):
    first = clients.reports.get_reports(reportTypes=["GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"], pageSize=1,
                                        createdSince=_range(80, 1)["dataStartTime"])
    assert first.next_token
    with pytest.raises(SellingApiBadRequestException):
        clients.reports.get_reports(nextToken=first.next_token, reportTypes=[LEDGER])
    assert clients.reports.get_reports(nextToken=first.next_token).payload["reports"]


def test_burst_exhausted_answers_429_without_the_rate_header_as_amazon_does(seller, settings):
    forget_access_tokens()
    plans = {"getReport": UsagePlan(0.001, 2)}
    with start_emulator(seller, plans=plans) as emu:
        reports = SpApiClients(settings_for(emu, settings.home)).reports
        created = reports.create_report(reportType=LEDGER, marketplaceIds=["ATVPDKIKX0DER"], **_range(9, 10))
        reports.get_report(created.payload["reportId"])
        answered = reports.get_report(created.payload["reportId"])
        assert float(answered.headers["x-amzn-RateLimit-Limit"]) == pytest.approx(0.001)  # a success names it
        with pytest.raises(SellingApiRequestThrottledException) as caught:
            reports.get_report(created.payload["reportId"])
        assert "x-amzn-RateLimit-Limit" not in caught.value.headers
        assert emu.count("getReport", 429) == 1
        reports.close()
    forget_access_tokens()


def test_injected_faults_each_happen_exactly_as_often_as_asked(clients, emulator):
    emulator.faults.throttle("createReport", 2).fail("createReport", 1, status=503).fail("getReport", 1, status=500)
    body = dict(reportType=LEDGER, marketplaceIds=[clients.marketplace_id], **_range(9, 10))
    for expected in (SellingApiRequestThrottledException, SellingApiRequestThrottledException,
                     SellingApiTemporarilyUnavailableException):
        with pytest.raises(expected):
            clients.reports.create_report(**body)
    report_id = clients.reports.create_report(**body).payload["reportId"]
    with pytest.raises(SellingApiServerException):
        clients.reports.get_report(report_id)
    assert clients.reports.get_report(report_id).payload["processingStatus"] == "IN_QUEUE"


def test_fatal_cancelled_truncated_and_slow_faults(clients, emulator):
    emulator.faults.end_report(LEDGER, "FATAL").end_report(LEDGER, "CANCELLED").truncate_document(1)
    body = dict(reportType=LEDGER, marketplaceIds=[clients.marketplace_id], **_range(9, 10))
    first = _poll(clients.reports, clients.reports.create_report(**body).payload["reportId"])[-1]
    second = _poll(clients.reports, clients.reports.create_report(**body).payload["reportId"])[-1]
    third = _poll(clients.reports, clients.reports.create_report(**body).payload["reportId"])[-1]
    assert [first["processingStatus"], second["processingStatus"], third["processingStatus"]] == ["FATAL", "CANCELLED", "DONE"]
    url = clients.reports.get_report_document(third["reportDocumentId"]).payload["url"]
    cut = httpx.get(url).content
    with pytest.raises((EOFError, OSError)):
        gzip.decompress(cut)
    assert gzip.decompress(httpx.get(url).content)  # the next download is whole
    emulator.faults.delay("getReport", 0.3)
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{emulator.url}/reports/2021-06-30/reports/{third['reportId']}",
                  headers={"x-amz-access-token": next(iter(emulator.state.tokens))}, timeout=0.05)


def test_fault_arguments_are_checked():
    with pytest.raises(ValueError):
        Faults().end_report(LEDGER, "DONE")
    with pytest.raises(ValueError):
        Faults().throttle("getReport", 0)


def test_inbound_shipments_and_items_page_with_next_token(clients, seller):
    inbound, mp = clients.inbound, clients.marketplace_id
    assert type(inbound).__name__ == "FulfillmentInboundV0"
    first = inbound.get_shipments(QueryType="SHIPMENT", ShipmentStatusList="CLOSED,RECEIVING,WORKING", MarketplaceId=mp)
    shipments = list(first.payload["ShipmentData"])
    token = first.payload.get("NextToken")
    assert token  # 5 shipments, pages of 4
    while token:
        page = inbound.get_shipments(QueryType="NEXT_TOKEN", NextToken=token, MarketplaceId=mp)
        shipments += page.payload["ShipmentData"]
        token = page.payload.get("NextToken")
    assert [s["ShipmentId"] for s in shipments] == [s["ShipmentId"] for s in seller.shipments]
    by_id = inbound.get_shipments_by_id(["FBA1700001", "FBA1700003"], MarketplaceId=mp)
    assert [s["ShipmentId"] for s in by_id.payload["ShipmentData"]] == ["FBA1700001", "FBA1700003"]
    closed = inbound.get_shipments(QueryType="SHIPMENT", ShipmentStatusList="CLOSED", MarketplaceId=mp)
    assert {s["ShipmentStatus"] for s in closed.payload["ShipmentData"]} == {"CLOSED"}
    items = inbound.shipment_items_by_shipment("FBA1700002", MarketplaceId=mp)
    assert len(items.payload["ItemData"]) == 4 and items.payload["NextToken"]
    rest = inbound.shipment_items_by_shipment("FBA1700002", MarketplaceId=mp, NextToken=items.payload["NextToken"])
    assert len(rest.payload["ItemData"]) == 1
    with pytest.raises(SellingApiBadRequestException):
        inbound.get_shipments(QueryType="SHIPMENT", MarketplaceId=mp)


def test_financial_events_page_and_refuse_ranges_over_180_days(clients, seller):
    finances = clients.finances
    after = datetime.combine(AS_OF - timedelta(days=60), datetime.min.time(), tzinfo=UTC)
    before = after + timedelta(days=30)
    res = finances.list_financial_events(PostedAfter=after.isoformat(), PostedBefore=before.isoformat())
    events = sum(len(v) for v in res.payload["FinancialEvents"].values())
    token = res.payload.get("NextToken")
    while token:
        res = finances.list_financial_events(NextToken=token)
        events += sum(len(v) for v in res.payload["FinancialEvents"].values())
        token = res.payload.get("NextToken")
    assert events == sum(len(v) for v in seller.financial_events(after, before).values()) > 4
    with pytest.raises(SellingApiBadRequestException):
        finances.list_financial_events(PostedAfter=(before - timedelta(days=200)).isoformat(),
                                       PostedBefore=before.isoformat())


def test_forbidden_when_the_token_is_not_one_the_emulator_issued(emulator, settings):
    forget_access_tokens()
    s = settings_for(emulator, settings.home)
    c = SpApiClients(s)
    c.reports.get_reports(reportTypes=[LEDGER])  # obtains a token
    emulator.state.tokens.clear()  # as if it expired at Amazon
    with pytest.raises(SellingApiForbiddenException):
        c.reports.get_reports(reportTypes=[LEDGER])
    c.close()
