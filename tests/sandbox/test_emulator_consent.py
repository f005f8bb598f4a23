"""The emulator as Seller Central's consent page and Login with Amazon's authorization_code grant, over HTTP;
and a reimbursement it posts, read back by the real SP-API client in the next reimbursements report."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import AS_OF, TinySeller, settings_for

REDIRECT = "http://127.0.0.1:9/api/amazon/callback"


@pytest.fixture
def emulator():
    forget_access_tokens()
    with start_emulator(TinySeller(), rate_scale=1000, today=AS_OF + timedelta(days=1), page_size=4) as emu:
        yield emu
    forget_access_tokens()


def code_for(emu, redirect_uri: str = REDIRECT) -> str:
    page = httpx.get(f"{emu.url}/apps/authorize/consent", params={
        "application_id": emu.credentials.application_id, "state": "s-1", "redirect_uri": redirect_uri,
        "version": "beta"})
    assert page.status_code == 200 and "Confirm / 确认" in page.text
    back = httpx.post(f"{emu.url}/apps/authorize/confirm", data={"state": "s-1", "redirect_uri": redirect_uri})
    assert back.status_code == 303
    query = parse_qs(urlsplit(back.headers["location"]).query)
    assert back.headers["location"].startswith(redirect_uri + "?")
    assert query["state"] == ["s-1"] and query["selling_partner_id"] == [emu.credentials.selling_partner_id]
    return query["spapi_oauth_code"][0]


def grant(emu, code: str, redirect_uri: str = REDIRECT, secret: str | None = None) -> httpx.Response:
    c = emu.credentials
    return httpx.post(f"{emu.url}/auth/o2/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "client_id": c.client_id,
        "client_secret": secret or c.client_secret})


def test_a_confirmed_consent_gives_a_code_that_buys_the_refresh_token_once(emulator):
    code = code_for(emulator)
    assert grant(emulator, code, secret="wrong").json()["error"] == "invalid_client"
    answer = grant(emulator, code)
    assert answer.status_code == 200 and answer.json()["refresh_token"] == emulator.credentials.refresh_token
    again = grant(emulator, code)
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


def test_a_code_is_refused_for_another_redirect_uri_or_after_five_minutes(emulator, clock):
    assert grant(emulator, code_for(emulator), redirect_uri="http://127.0.0.1:9/elsewhere").json()["error"] \
        == "invalid_grant"
    late = code_for(emulator)
    clock.shift(timedelta(minutes=6))
    assert grant(emulator, late).json()["error"] == "invalid_grant"


def test_the_consent_page_refuses_an_unknown_application_or_no_redirect_uri(emulator):
    unknown = httpx.get(f"{emulator.url}/apps/authorize/consent",
                        params={"application_id": "amzn1.sp.solution.other", "state": "s", "redirect_uri": REDIRECT})
    assert unknown.status_code == 404
    bare = httpx.get(f"{emulator.url}/apps/authorize/consent",
                     params={"application_id": emulator.credentials.application_id, "state": "s"})
    assert bare.status_code == 400


def test_a_posted_reimbursement_is_in_the_next_reimbursements_report(emulator, tmp_path):
    settings = settings_for(emulator, tmp_path)
    approved = datetime.combine(AS_OF - timedelta(days=2), time(10), tzinfo=UTC)
    rid = emulator.post_reimbursement(case_id="7100000001", sku="SKU-P", fnsku="X00POSTED1", asin="B00POSTED1",
                                      title="Posted", quantity=2, amount_per_unit=Decimal("12.50"),
                                      approved=approved)
    result = fetch_reports(settings, start=AS_OF - timedelta(days=10), end=AS_OF, kinds=["reimbursements"])
    assert result.ok, result
    with ReportStore.for_seller(settings).connect() as conn:
        rows = conn.execute("SELECT reimbursement_id, case_id, fnsku, amount_total, quantity_reimbursed_total "
                            "FROM reimbursements WHERE case_id = '7100000001'").fetchall()
    assert [(str(r[0]), str(r[1]), r[2], Decimal(str(r[3])), int(r[4])) for r in rows] == \
        [(rid, "7100000001", "X00POSTED1", Decimal("25.00"), 2)]
