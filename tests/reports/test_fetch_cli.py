"""``claimpilot fetch`` against the emulator, configured by environment alone."""

from __future__ import annotations

from datetime import timedelta

from typer.testing import CliRunner

from claimpilot.cli import app
from spapi_seller import AS_OF, env_for


def test_fetch_shows_a_table_of_what_arrived_and_skips_it_the_second_time(monkeypatch, emulator, seller):
    env_for(monkeypatch, emulator)
    start, end = (AS_OF - timedelta(days=44)).isoformat(), AS_OF.isoformat()
    args = ["fetch", "--start", start, "--end", end, "--kinds", "orders,fee_estimates"]
    first = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert first.exit_code == 0, first.output
    assert "orders" in first.output and "fetched" in first.output
    assert f"{seller.count('orders', AS_OF - timedelta(days=44), AS_OF) + 7:,}" in first.output  # total rows
    second = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert second.exit_code == 0
    assert "0 fetched" in second.output and "skipped" in second.output


def test_fetch_with_a_bad_refresh_token_exits_1_without_the_token(monkeypatch, emulator):
    env_for(monkeypatch, emulator)
    monkeypatch.setenv("CLAIMPILOT_SP_API__REFRESH_TOKEN", "Atzr|leaky-secret-value")
    result = CliRunner().invoke(app, ["fetch", "--kinds", "ledger"], env={"COLUMNS": "160"})
    assert result.exit_code == 1
    assert "invalid_grant" in result.output and "leaky-secret-value" not in result.output


def test_fetch_refuses_an_unknown_kind_and_a_bad_date(monkeypatch, emulator):
    env_for(monkeypatch, emulator)
    assert CliRunner().invoke(app, ["fetch", "--kinds", "ledgr"]).exit_code == 2
    assert CliRunner().invoke(app, ["fetch", "--start", "31/01/2026"]).exit_code == 2


def test_fetch_for_another_seller_needs_its_own_refresh_token(monkeypatch, emulator):
    from claimpilot.accounts import sellers as service
    from claimpilot.config import Settings
    from claimpilot.db import session_factory
    from claimpilot.jobs.runner import ensure_schema

    env_for(monkeypatch, emulator)
    args = ["fetch", "--seller", "globex", "--start", (AS_OF - timedelta(days=10)).isoformat(),
            "--end", AS_OF.isoformat(), "--kinds", "fee_estimates"]
    refused = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert refused.exit_code == 1, refused.output
    assert "globex" in refused.output and "not set" in refused.output
    assert emulator.count() == 0  # the installation's token is its own seller's, never lent to globex

    settings = Settings()
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "globex")
        service.set_credentials(settings, db, "globex", refresh_token=emulator.credentials.refresh_token)
    fetched = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert fetched.exit_code == 0, fetched.output
    assert "fee_estimates" in fetched.output and emulator.count() > 0
    assert settings.warehouse_path("globex").exists()


def test_a_fetchs_own_evidence_folder_imports_into_another_seller(monkeypatch, emulator, isolated_home):
    """Every kind fetched (financial events too), then the evidence folder imported as a seller would move
    it: the reports arrive with the same rows, the financial events JSON is skipped and named."""
    from claimpilot.config import Settings
    from claimpilot.tools.reports.store import ReportStore

    env_for(monkeypatch, emulator)
    start, end = (AS_OF - timedelta(days=30)).isoformat(), AS_OF.isoformat()
    fetched = CliRunner().invoke(app, ["fetch", "--start", start, "--end", end], env={"COLUMNS": "160"})
    assert fetched.exit_code == 0, fetched.output
    settings = Settings(home=isolated_home, _env_file=None)
    evidence = settings.evidence_dir()
    finances = list((evidence / "financial-events").glob("*.json"))
    assert finances, "the fetch kept no financial events: nothing to pass by"

    moved = CliRunner().invoke(app, ["import", str(evidence), "--seller", "moved"],
                               env={"COLUMNS": "200", "CLAIMPILOT_LANGUAGE": "en"})
    assert moved.exit_code == 0, moved.output
    said = " ".join(moved.output.split())
    assert f"financial-events/{finances[0].name}" in said and "financial events" in said and "0 refused" in said
    counts = {k: v for k, v in ReportStore(settings.warehouse_path("moved"), settings.evidence_dir("moved"))
              .counts().items() if k != "raw_files"}
    original = {k: v for k, v in ReportStore(settings.warehouse_path(), evidence).counts().items() if k != "raw_files"}
    assert counts == original and sum(counts.values()) > 0
