"""One emulator process serving many sellers: each seller's fetch, through the real SP-API client,
gets that seller's reports only, its calls are logged and limited as its own, and a refresh token
the emulator does not know is refused as Amazon refuses it."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from claimpilot.sandbox.emulator import LwaCredentials, start_shared_emulator
from claimpilot.tools.reports.fetch import fetch_reports
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import AS_OF, TinySeller, settings_for

START, END = AS_OF - timedelta(days=139), AS_OF


def creds(key: str) -> LwaCredentials:
    return LwaCredentials(client_id="amzn1.application-oa2-client.agency", client_secret="agency-client-secret",
                          refresh_token=f"Atzr|seller-{key}")


class Seller:
    """What a shared emulator's seller looks like to ``settings_for``."""

    def __init__(self, emulator, key: str):
        self.url, self.credentials = emulator.url, emulator.credentials(key)


@pytest.fixture
def sellers():
    a, b = TinySeller(), TinySeller()
    b.rows["orders"] = b.rows["orders"][::3]  # b sells less: its reports are not a's
    return {"a": a, "b": b}


@pytest.fixture
def shared(sellers):
    forget_access_tokens()
    with start_shared_emulator({k: (s, creds(k)) for k, s in sellers.items()}, rate_scale=1000,
                               today=AS_OF + timedelta(days=1)) as emu:
        yield emu
    forget_access_tokens()


def test_each_seller_fetches_its_own_reports_from_one_emulator(shared, sellers, tmp_path):
    stored = {}
    for key, seller in sellers.items():
        settings = settings_for(Seller(shared, key), tmp_path / key)
        result = fetch_reports(settings, start=START, end=END, kinds=["orders"])
        assert result.ok, [r.error for r in result.failed]
        stored[key] = ReportStore(settings.warehouse_path(), settings.evidence_dir()).counts()["orders"]
        assert stored[key] == seller.count("orders", START, END), key
        assert shared.count(key, "createReport", 202) > 0, key
    assert stored["a"] > stored["b"] > 0
    assert shared.count("a", "token", 200) == 1 and shared.count("b", "token", 200) == 1


def test_a_refresh_token_of_no_seller_is_refused(shared):
    answer = httpx.post(f"{shared.url}/auth/o2/token", data={
        "grant_type": "refresh_token", "refresh_token": "Atzr|nobody", "client_id": creds("a").client_id,
        "client_secret": creds("a").client_secret})
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    listed = httpx.get(f"{shared.url}/reports/2021-06-30/reports",
                       params={"reportTypes": "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL"},
                       headers={"x-amz-access-token": "Atza|forged"})
    assert listed.status_code == 403


def test_two_sellers_cannot_share_a_refresh_token(sellers):
    with pytest.raises(ValueError, match="refresh token of its own"):
        start_shared_emulator({k: (s, creds("same")) for k, s in sellers.items()})
