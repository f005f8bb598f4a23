"""After a 429, calls wait as long as the operation's rate asks: the header's rate when Amazon sends one,
else the rate its usage plan documents (Amazon's 429 answers carry no rate header)."""

from __future__ import annotations

import sys

import pytest
from sp_api.base.exceptions import SellingApiRequestThrottledException, SellingApiServerException
from tenacity import RetryCallState

from claimpilot.tools.reports.fetch.limits import DOCUMENTED_RATE
from claimpilot.tools.reports.fetch.retry import RateAwareWait


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
