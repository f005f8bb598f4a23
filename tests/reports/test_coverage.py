"""After an import the seller is told which reports and date ranges the claim rules still lack."""

from __future__ import annotations

from datetime import date, timedelta

import typer
from report_layouts import LAYOUTS, encode, render, store  # noqa: F401 (fixtures)
from typer.testing import CliRunner

from claimpilot.tools.reports import cli
from claimpilot.tools.reports.coverage import gaps
from claimpilot.vocabulary import ClaimType, ReportKind


def _returns(dates: list[str]) -> bytes:
    header, row = LAYOUTS["customer_returns"]
    rows = [[d if h == "return-date" else (f"113-000000{i}-0000001" if h == "order-id" else v)
             for h, v in zip(header, row, strict=True)] for i, d in enumerate(dates)]
    return encode(render(header, rows))


def test_a_report_that_starts_too_late_is_named_with_the_date_and_the_rules_it_blinds(store, tmp_path):
    path = tmp_path / "returns.txt"
    path.write_bytes(_returns(["2026-03-01", "2026-05-20"]))
    store.import_path(path)
    with store.connect(read_only=True) as con:
        found = {g.report: g for g in gaps(con, date(2026, 6, 1))}
    late = found[ReportKind.CUSTOMER_RETURNS]
    assert late.present and str(late.have_from) == "2026-03-01"
    assert late.rules == (ClaimType.CUSTOMER_RETURN_MISSING,)  # 120 days back; returns-damaged needs only 60
    assert "before 2026-03-01 is missing" in late.text("en") and "cannot be checked" in late.text("en")
    assert "2026-03-01 之前" in late.text("zh") and "无法核查" in late.text("zh")
    missing = found[ReportKind.SETTLEMENT]
    assert not missing.present and "cannot be checked" in missing.text("en")
    assert "Flat File V2" in missing.where("en") and "平面文件" in missing.where("zh")


def test_a_report_reaching_far_enough_back_is_no_gap(store, tmp_path):
    path = tmp_path / "returns.txt"
    path.write_bytes(_returns(["2025-12-01", "2026-05-20"]))
    store.import_path(path)
    with store.connect(read_only=True) as con:
        assert ReportKind.CUSTOMER_RETURNS not in {g.report for g in gaps(con, date(2026, 6, 1))}


def test_the_import_command_ends_with_what_is_still_missing(tmp_path, clock):
    clock.move_to(date(2026, 6, 1))
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "returns.txt").write_bytes(_returns(["2026-03-01"]))
    app = typer.Typer()
    cli.register(app)
    result = CliRunner().invoke(app, ["import", str(tmp_path / "d")], env={"COLUMNS": "200",
                                                                             "CLAIMPILOT_LANGUAGE": "en"})
    assert result.exit_code == 0, result.output
    assert "Still missing" in result.output and "before 2026-03-01 is missing" in result.output
    assert "download from: Reports > Payments > All Statements" in result.output


def test_settlements_older_than_amazons_retention_are_named_for_a_download_by_hand(store, clock):
    with store.connect(read_only=True) as con:
        found = {g.report: g for g in gaps(con, clock.today())}
    settlement = found[ReportKind.SETTLEMENT]  # refund rules look 90 and 120 days back, past the 90-day retention
    first_listed = clock.today() - timedelta(days=89)
    assert settlement.by_hand_before == first_listed
    assert f"closed before {first_listed}" in settlement.where("en") and "by hand" in settlement.where("en")
    assert f"{first_listed} 之前" in settlement.where("zh") and "手动下载" in settlement.where("zh")
    assert found[ReportKind.CUSTOMER_RETURNS].by_hand_before is None  # fetched whatever its age

