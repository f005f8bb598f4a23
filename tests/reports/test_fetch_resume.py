"""An interrupted fetch goes on where it stopped; refused credentials stop a
fetch with a clear error that never carries a secret."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from claimpilot.tools.reports.fetch import AuthError, fetch_reports
from claimpilot.tools.reports.fetch.client import SpApiClients
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import AS_OF, settings_for

START, END = AS_OF - timedelta(days=89), AS_OF
KINDS = ["orders", "ledger", "customer_returns", "fee_estimates"]


class Interrupt(Exception):
    pass


def stop_after(n: int, stage: str = "fetched"):
    seen = []

    def progress(task, s):
        if s == stage:
            seen.append(task)
            if len(seen) == n:
                raise Interrupt(task.label)

    return progress


def counts(settings) -> dict[str, int]:
    return ReportStore(settings.warehouse_path(), settings.evidence_dir()).counts()


def test_an_interrupted_run_fetches_only_what_was_missing(sp_settings, emulator, seller):
    with pytest.raises(Interrupt):
        fetch_reports(sp_settings, start=START, end=END, kinds=KINDS, progress=stop_after(3))
    creates_before = emulator.count("createReport", 202)
    downloads_before = emulator.count("downloadDocument", 200)

    resumed = fetch_reports(sp_settings, start=START, end=END, kinds=KINDS)
    assert resumed.ok
    assert len(resumed.skipped) == 3
    total = len(resumed.reports)
    # every report was asked for before the interruption: the resumed run asks for none again
    assert emulator.count("createReport", 202) == creates_before == total
    with_data = [r for r in resumed.fetched if r.sha256]  # a window with no data ends CANCELLED, no document
    assert emulator.count("downloadDocument", 200) - downloads_before == len(with_data) >= total - 4
    got = counts(sp_settings)
    for kind in ("orders", "ledger", "customer_returns"):
        assert got[kind] == seller.count(kind, START, END)
    assert got["fee_estimates"] == 7


def test_a_run_interrupted_while_asking_reuses_the_reports_already_requested(sp_settings, emulator, seller):
    with pytest.raises(Interrupt):
        fetch_reports(sp_settings, start=START, end=END, kinds=["orders"], progress=stop_after(2, "requested"))
    assert emulator.count("createReport", 202) == 2
    result = fetch_reports(sp_settings, start=START, end=END, kinds=["orders"])
    assert result.ok and len(result.fetched) == len(result.reports)
    assert emulator.count("createReport", 202) == len(result.reports)  # the first two were not asked again
    assert counts(sp_settings)["orders"] == seller.count("orders", START, END)


def test_a_bad_refresh_token_is_a_clear_error_without_the_secret(emulator, isolated_home, caplog):
    secret = "Atzr|this-must-never-be-printed-0123456789"
    settings = settings_for(emulator, isolated_home, refresh_token=secret)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AuthError) as caught:
        fetch_reports(settings, start=START, end=END, kinds=["ledger"])
    message = str(caught.value)
    assert "invalid_grant" in message and "refresh token" in message
    for text in (message, repr(caught.value), caplog.text, repr(settings), repr(SpApiClients(settings))):
        assert secret not in text
        assert emulator.credentials.client_secret not in text
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_wrong_client_secret_is_refused_before_any_report(emulator, isolated_home):
    settings = settings_for(emulator, isolated_home, lwa_client_secret="not-the-secret")
    with pytest.raises(AuthError) as caught:
        fetch_reports(settings, start=START, end=END, kinds=["ledger"])
    assert "invalid_client" in str(caught.value) and "not-the-secret" not in str(caught.value)
    assert emulator.count("createReport") == 0


def test_missing_credentials_name_the_settings_to_set(isolated_home):
    from claimpilot.config import Settings
    from claimpilot.tools.reports.fetch import FetchError

    with pytest.raises(FetchError) as caught:
        fetch_reports(Settings(home=isolated_home, _env_file=None), kinds=["ledger"])
    assert "CLAIMPILOT_SP_API__REFRESH_TOKEN" in str(caught.value)


def test_access_tokens_stay_out_of_the_librarys_debug_log(sp_settings, emulator, caplog):
    library = logging.getLogger("sp_api.base.client")
    old = library.level
    library.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG):
            assert fetch_reports(sp_settings, start=END - timedelta(days=5), end=END, kinds=["ledger"]).ok
    finally:
        library.setLevel(old)
    assert "x-amz-access-token" in caplog.text  # the library did log its request headers
    assert emulator.state.tokens and all(token not in caplog.text for token in emulator.state.tokens)
    assert emulator.credentials.refresh_token not in caplog.text


def test_reports_requested_from_a_server_that_forgot_them_are_asked_for_again(seller, isolated_home):
    from claimpilot.sandbox.emulator import start_emulator

    with start_emulator(seller, rate_scale=1000) as first:
        with pytest.raises(Interrupt):
            fetch_reports(settings_for(first, isolated_home), start=START, end=END, kinds=["orders"],
                          progress=stop_after(1, "requested"))
    with start_emulator(seller, rate_scale=1000) as second:  # a new server: report ids unknown there
        result = fetch_reports(settings_for(second, isolated_home), start=START, end=END, kinds=["orders"])
        assert result.ok, [r.error for r in result.failed]
        assert second.count("getReport", 404) == 1
        assert second.count("createReport", 202) == len(result.reports)
    assert counts(settings_for(second, isolated_home))["orders"] == seller.count("orders", START, END)
