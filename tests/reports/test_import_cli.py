"""`claimpilot import DIR`: a table of what arrived, or exit code 1 and the error, nothing stored."""

from __future__ import annotations

import typer
from report_layouts import LAYOUTS, files  # noqa: F401 (fixtures)
from typer.testing import CliRunner

from claimpilot.config import Settings
from claimpilot.tools.reports import cli
from claimpilot.tools.reports.store import ReportStore


def _app() -> typer.Typer:
    app = typer.Typer()
    cli.register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps "import" a named subcommand
        pass

    return app


def _store() -> ReportStore:
    s = Settings(_env_file=None)
    return ReportStore(s.warehouse_path(), s.evidence_dir())


def test_import_folder_prints_table_and_stores(files, tmp_path):
    for kind in ("ledger", "settlement", "products"):
        header, row = LAYOUTS[kind]
        files(f"{kind}-download.txt", header, [row], delimiter="," if kind == "products" else "\t")
    result = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in ("ledger-download.txt", "settlement", "products", "rows added", "duplicates skipped"):
        assert text in result.output
    counts = _store().counts()
    assert (counts["ledger"], counts["settlement"], counts["products"], counts["raw_files"]) == (1, 1, 1, 3)
    again = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env={"COLUMNS": "200"})
    assert again.exit_code == 0 and _store().counts() == counts


def test_bad_input_exits_1_with_the_error(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    files("a.tsv", header, [row])
    files("b.tsv", header, [[("many" if h == "Quantity" else v) for h, v in zip(header, row, strict=False)]])
    result = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "b.tsv, row 2, column 'Quantity': 'many' is not a whole number" in result.output
    assert _store().counts()["ledger"] == 0


def test_seller_option_selects_the_store(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    path = files("l.tsv", header, [row])
    result = CliRunner().invoke(_app(), ["import", str(path), "--seller", "acme"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    s = Settings(_env_file=None)
    assert ReportStore(s.warehouse_path("acme"), s.evidence_dir("acme")).counts()["ledger"] == 1
    assert _store().counts()["ledger"] == 0
