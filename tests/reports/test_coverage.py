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



def _import_returns(store, tmp_path, months: dict[str, list[str]]) -> None:
    for name, dates in months.items():
        path = tmp_path / f"returns-{name}.txt"
        path.write_bytes(_returns(dates))
        store.import_path(path)


def test_a_month_missing_between_two_imports_is_named_with_its_first_and_last_day(store, tmp_path):
    _import_returns(store, tmp_path, {"jan": ["2025-12-20", "2026-01-17", "2026-01-31"],
                                      "mar": ["2026-03-01", "2026-03-30"], "apr": ["2026-04-01", "2026-04-28"]})
    with store.connect(read_only=True) as con:
        (hole,) = [g for g in gaps(con, date(2026, 4, 30)) if g.report == ReportKind.CUSTOMER_RETURNS]
    assert (str(hole.missing_from), str(hole.missing_to)) == ("2026-02-01", "2026-02-28")
    assert hole.rules == (ClaimType.CUSTOMER_RETURN_MISSING,)  # damaged returns look back 60 days: from March
    assert "2026-02-01 – 2026-02-28 are missing" in hole.text("en")
    assert "缺少 2026-02-01 至 2026-02-28 的" in hole.text("zh") and "无法核查" in hole.text("zh")
    assert hole.to_json()["missing_from"] == date(2026, 2, 1)


def test_a_hole_older_than_any_rule_looks_or_a_few_quiet_days_is_no_gap(store, tmp_path):
    _import_returns(store, tmp_path, {"old": ["2025-06-01", "2025-06-30"], "gap": ["2025-09-01", "2025-12-31"],
                                      "quiet": ["2026-01-09", "2026-04-28"]})  # 8 days without a return: quiet
    with store.connect(read_only=True) as con:
        assert ReportKind.CUSTOMER_RETURNS not in {g.report for g in gaps(con, date(2026, 4, 30))}


def test_the_api_and_the_cli_name_the_hole(tmp_path, clock):
    clock.move_to(date(2026, 4, 30))
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "jan.txt").write_bytes(_returns(["2025-12-20", "2026-01-31"]))
    (tmp_path / "d" / "mar.txt").write_bytes(_returns(["2026-03-01", "2026-04-28"]))
    app = typer.Typer()
    cli.register(app)
    for lang, text in (("en", "2026-02-01 – 2026-02-28 are missing"), ("zh", "缺少 2026-02-01 至 2026-02-28 的")):
        result = CliRunner().invoke(app, ["import", str(tmp_path / "d")], env={"COLUMNS": "200",
                                                                                 "CLAIMPILOT_LANGUAGE": lang})
        assert result.exit_code == 0, result.output
        assert text in result.output
