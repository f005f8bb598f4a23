"""Claims and cases through the API: filters, paging, export, detail, packet, and the lifecycle."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from server_utils import add_member, seed_claims

pytestmark = pytest.mark.parametrize("server_settings", ["sqlite", "postgres"], indirect=True)

@pytest.fixture
def seeded(server_settings, alice):
    seed_claims(server_settings, "acme", 30)
    return alice


def test_list_filters_by_type_status_and_date_and_pages(client, seeded):
    h = seeded.headers
    everything = client.get("/api/sellers/acme/claims", headers=h, params={"limit": 500}).json()
    assert everything["total"] == 30 and len(everything["items"]) == 30
    closes = [c["window_closes"] for c in everything["items"]]
    assert closes == sorted(closes)
    lost = client.get("/api/sellers/acme/claims", headers=h, params={"type": "warehouse_lost"}).json()
    assert lost["total"] == 10 and {c["type"] for c in lost["items"]} == {"warehouse_lost"}
    assert client.get("/api/sellers/acme/claims", headers=h, params={"status": "submitted"}).json()["total"] == 0
    event = everything["items"][0]["event_date"]
    day = date.fromisoformat(event)
    assert client.get("/api/sellers/acme/claims", headers=h,
                      params={"since": (day + timedelta(days=1)).isoformat()}).json()["total"] == 0
    assert client.get("/api/sellers/acme/claims", headers=h, params={"until": event}).json()["total"] == 30
    first = client.get("/api/sellers/acme/claims", headers=h, params={"limit": 7}).json()
    second = client.get("/api/sellers/acme/claims", headers=h, params={"limit": 7, "offset": 7}).json()
    assert [c["id"] for c in first["items"] + second["items"]] == [c["id"] for c in everything["items"][:14]]
    assert client.get("/api/sellers/acme/claims", headers=h, params={"type": "bogus"}).status_code == 422


def test_export_csv_and_xlsx_hold_the_filtered_claims(client, seeded):
    h = seeded.headers
    r = client.get("/api/sellers/acme/claims/export", headers=h, params={"format": "csv", "type": "warehouse_damaged"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 10 and {row["type"] for row in rows} == {"warehouse_damaged"}
    r = client.get("/api/sellers/acme/claims/export", headers=h, params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(r.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("id", "type", "status") and len(values) == 31


def test_case_draft_packet_submit_denial_and_appeal(app, client, seeded):
    h = seeded.headers
    claim = client.get("/api/sellers/acme/claims", headers=h, params={"limit": 1}).json()["items"][0]
    cid = claim["id"]
    detail = client.get(f"/api/sellers/acme/claims/{cid}", headers=h).json()
    assert detail["case"] is None and detail["can_draft"] and detail["can_submit"]
    assert detail["evidence"] and detail["evidence"][0]["report"] == "ledger"
    assert client.get(f"/api/sellers/acme/claims/{cid}/packet", headers=h).status_code == 404
    packet = client.post(f"/api/sellers/acme/claims/{cid}/case", headers=h).json()
    assert claim["reference_id"] in packet["text"] and cid in packet["claim_ids"]
    detail = client.get(f"/api/sellers/acme/claims/{cid}", headers=h).json()
    assert detail["case"]["text"] == packet["text"] and detail["case"]["filing"]
    z = zipfile.ZipFile(io.BytesIO(client.get(f"/api/sellers/acme/claims/{cid}/packet", headers=h).content))
    names = z.namelist()
    case_txt = next(n for n in names if n.endswith("case.txt"))
    assert z.read(case_txt).decode() == packet["text"]
    assert any(n.endswith("evidence.csv") for n in names)

    operator = add_member(app, "op@acme.test", "acme", "operator")
    assert client.post(f"/api/sellers/acme/claims/{cid}/submitted", headers=operator.headers,
                       json={"case_id": "1111111111"}).status_code == 403
    assert client.post(f"/api/sellers/acme/claims/{cid}/submitted", headers=h,
                       json={"case_id": "not a case id!"}).status_code == 422
    done = client.post(f"/api/sellers/acme/claims/{cid}/submitted", headers=h, json={"case_id": "1111111111"}).json()
    assert done["claim"]["status"] == "submitted" and done["case"]["amazon_case_id"] == "1111111111"
    assert client.post(f"/api/sellers/acme/claims/{cid}/appeal", headers=h).status_code == 409
    denied = client.post(f"/api/sellers/acme/claims/{cid}/denial", headers=operator.headers,
                         json={"reason": "Our records show the unit was found."}).json()
    assert denied["claim"]["status"] == "denied" and denied["can_appeal"]
    appeal = client.post(f"/api/sellers/acme/claims/{cid}/appeal", headers=operator.headers).json()
    assert "1111111111" in appeal["text"]
    assert client.get(f"/api/sellers/acme/claims/{cid}", headers=h).json()["appeals"][0]["text"] == appeal["text"]


def test_dashboard_counts_open_money_and_this_weeks_deadlines(client, seeded):
    d = client.get("/api/sellers/acme/dashboard", headers=seeded.headers).json()
    items = client.get("/api/sellers/acme/claims", headers=seeded.headers, params={"limit": 500}).json()["items"]
    total = sum(float(c["amount"]) for c in items)
    assert float(d["totals"]["claimable"]) == pytest.approx(total)
    assert sum(float(r["claimable"]) for r in d["by_type"]) == pytest.approx(total)
    week = date.today() + timedelta(days=7)
    due = {c["id"] for c in items if date.fromisoformat(c["window_closes"]) <= week}
    assert {c["id"] for c in d["deadlines"]} == due and due


def test_batch_export_zips_every_open_packet(client, seeded):
    r = client.post("/api/sellers/acme/cases/export", headers=seeded.headers)
    z = zipfile.ZipFile(io.BytesIO(r.content))
    assert "claims.xlsx" in z.namelist() and "claims.csv" in z.namelist()
    listed = list(csv.DictReader(io.StringIO(z.read("claims.csv").decode("utf-8-sig"))))
    assert len(listed) == 30
