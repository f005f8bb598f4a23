"""After a 429, calls wait as long as the operation's rate asks: the header's rate when Amazon sends one,
else the rate its usage plan documents (Amazon's 429 answers carry no rate header)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from sp_api.base.exceptions import SellingApiRequestThrottledException, SellingApiServerException
from tenacity import RetryCallState

from claimpilot.tools.reports.fetch import retry
from claimpilot.tools.reports.fetch.client import SpApiClients
from claimpilot.tools.reports.fetch.limits import DOCUMENTED_RATE
from claimpilot.tools.reports.fetch.retry import ApiCaller, Pacer, RateAwareWait


def _after(exc: BaseException) -> RetryCallState:
    state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})
    try:
        raise exc
    except type(exc):
        state.set_exception(sys.exc_info())
    return state


def test_a_429_without_a_rate_header_waits_for_the_documented_rate():
    wait = RateAwareWait(1.0, 120.0, DOCUMENTED_RATE["createReport"])
    assert wait(_after(SellingApiRequestThrottledException([], headers={}))) == pytest.approx(1.05 / 0.0167)


def test_the_rate_amazon_sends_wins_over_the_documented_one():
    wait = RateAwareWait(1.0, 120.0, DOCUMENTED_RATE["createReport"])
    throttled = SellingApiRequestThrottledException([], headers={"x-amzn-RateLimit-Limit": "2.0"})
    assert wait(_after(throttled)) == pytest.approx(1.0)  # the backoff, longer than 1.05 / 2.0


def test_a_server_error_uses_the_backoff_alone():
    wait = RateAwareWait(1.0, 120.0, DOCUMENTED_RATE["createReport"])
    assert wait(_after(SellingApiServerException([], headers={}))) == 1.0


# --- through the real client against the emulator, whose 429 answers carry no rate header, as Amazon's ---

def _shipments(clients):
    return clients.inbound.get_shipments(QueryType="SHIPMENT", ShipmentStatusList=["CLOSED"],
                                         MarketplaceId=clients.marketplace_id)


class _Paced(Pacer):
    """A pacer that keeps each interval it was told after a 429."""

    def __init__(self) -> None:
        super().__init__(longest=600.0)
        self.after_429: list[float | None] = []

    def throttled(self, operation: str, rate: float | None) -> None:
        super().throttled(operation, rate)
        self.after_429.append(self.interval(operation))


def test_a_first_429_paces_the_operation_at_its_documented_rate(emulator, sp_settings):
    emulator.faults.throttle("getShipments", 1)
    sp = sp_settings.sp_api.model_copy(update={"backoff_max_s": 0.2})
    pacer = _Paced()
    caller, clients = ApiCaller(sp, pacer), SpApiClients(sp_settings)
    try:
        answer = caller("getShipments", "shipments", _shipments, clients)
    finally:
        clients.close()
    assert answer.payload["ShipmentData"]
    assert emulator.count("getShipments", 429) == 1 and emulator.count("getShipments", 200) == 1
    assert pacer.after_429 == [pytest.approx(1.05 / DOCUMENTED_RATE["getShipments"])]


def test_a_429_after_an_answer_that_named_the_rate_paces_at_that_rate(emulator, sp_settings):
    caller, clients = ApiCaller(sp_settings.sp_api, Pacer(longest=600.0)), SpApiClients(sp_settings)
    try:
        first = caller("getShipments", "shipments", _shipments, clients)
        emulator.faults.throttle("getShipments", 1)
        caller("getShipments", "shipments", _shipments, clients)
    finally:
        clients.close()
    named = float(first.headers["x-amzn-RateLimit-Limit"])  # the emulator's clock runs 1000 times fast
    assert named == pytest.approx(DOCUMENTED_RATE["getShipments"] * 1000)
    assert caller.pacer.interval("getShipments") == pytest.approx(1.05 / named)


def test_every_operation_the_fetcher_calls_has_a_documented_rate():
    called = set()
    for path in (Path(retry.__file__).parent).glob("*.py"):
        called |= set(re.findall(r'call\(\s*"(\w+)"', path.read_text()))
    assert called and called <= DOCUMENTED_RATE.keys()


def test_the_documented_rate_holds_until_an_answer_names_the_rate(emulator, sp_settings):
    emulator.faults.throttle("getShipments", 1)
    caller, clients = ApiCaller(sp_settings.sp_api, Pacer(longest=600.0)), SpApiClients(sp_settings)
    try:
        answer = caller("getShipments", "shipments", _shipments, clients)  # the 429, then the answer
    finally:
        clients.close()
    named = float(answer.headers["x-amzn-RateLimit-Limit"])
    assert named != DOCUMENTED_RATE["getShipments"]
    assert caller.pacer.interval("getShipments") == pytest.approx(1.05 / named)
