"""`claimpilot import DIR`: what was imported, skipped (what it is) and refused (where); exit 1 only on a refusal."""

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


EN = {"COLUMNS": "200", "CLAIMPILOT_LANGUAGE": "en"}  # the seller's language, English here (Chinese by default)


def _store() -> ReportStore:
    s = Settings(_env_file=None)
    return ReportStore(s.warehouse_path(), s.evidence_dir())


def test_import_folder_prints_table_and_stores(files, tmp_path):
    for kind in ("ledger", "settlement", "products"):
        header, row = LAYOUTS[kind]
        files(f"{kind}-download.txt", header, [row], delimiter="," if kind == "products" else "\t")
    result = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env=EN)
    assert result.exit_code == 0, result.output
    for text in ("ledger-download.txt", "settlement", "products", "rows added", "duplicates skipped"):
        assert text in result.output
    counts = _store().counts()
    assert (counts["ledger"], counts["settlement"], counts["products"], counts["raw_files"]) == (1, 1, 1, 3)
    again = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env=EN)
    assert again.exit_code == 0 and _store().counts() == counts


def test_a_refused_file_exits_1_names_file_row_column_value_and_the_rest_imports(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    files("a.tsv", header, [row])
    files("b.tsv", header, [[("many" if h == "Quantity" else v) for h, v in zip(header, row, strict=False)]])
    result = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env=EN)
    assert result.exit_code == 1
    assert "b.tsv, row 2, column 'Quantity': 'many' is not a whole number" in result.output
    assert "1 imported, 0 skipped, 1 refused." in result.output
    assert _store().counts()["ledger"] == 1  # a.tsv, its own transaction


def test_a_refusal_and_each_file_s_progress_are_told_in_chinese_by_default(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    files("a.tsv", header, [row])
    files("b.tsv", header, [[("many" if h == "Quantity" else v) for h, v in zip(header, row, strict=False)]])
    result = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "b.tsv，第 2 行，列“Quantity”：'many' 不是整数" in result.output
    assert "a.tsv — 1 行" in result.output and "b.tsv — 已拒收" in result.output
    assert "导入 1 个，跳过 0 个，拒收 1 个。" in result.output
    assert "row" not in result.output and "refused" not in result.output


def test_a_missing_path_is_told_in_the_seller_s_language(tmp_path):
    gone = tmp_path / "nowhere"
    chinese = CliRunner().invoke(_app(), ["import", str(gone)], env={"COLUMNS": "200"})
    english = CliRunner().invoke(_app(), ["import", str(gone)], env=EN)
    assert chinese.exit_code == english.exit_code == 1
    assert "没有导入任何报告。" in chinese.output and "没有这个文件或文件夹" in chinese.output
    assert "No report was imported." in english.output and "no such file or folder" in english.output


def test_a_skipped_file_is_named_with_what_it_is_and_is_no_error(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    files("ledger.tsv", header, [row])
    files("contacts.csv", ["customer", "phone"], [["Li", "123"]], delimiter=",")
    (tmp_path / "downloads" / "invoice.pdf").write_bytes(b"%PDF-1.7\n...")
    result = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env=EN)
    assert result.exit_code == 0, result.output
    assert "invoice.pdf: a PDF document" in result.output
    assert "contacts.csv: not an Amazon report" in result.output
    assert "1 imported, 2 skipped, 0 refused." in result.output
    chinese = CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env={"COLUMNS": "200"})
    assert "invoice.pdf: PDF 文档" in chinese.output and "contacts.csv: 不是 claimpilot 读取的亚马逊报告" in chinese.output
    assert "个，跳过 2 个，拒收 0 个。" in chinese.output and "跳过 2 个文件" in chinese.output


def test_seller_option_selects_the_store(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    path = files("l.tsv", header, [row])
    result = CliRunner().invoke(_app(), ["import", str(path), "--seller", "acme"], env=EN)
    assert result.exit_code == 0, result.output
    s = Settings(_env_file=None)
    assert ReportStore(s.warehouse_path("acme"), s.evidence_dir("acme")).counts()["ledger"] == 1
    assert _store().counts()["ledger"] == 0


def test_import_history_lists_each_file_its_kind_rows_and_the_dates_it_covers(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    later = [("03/20/2025" if h == "Date" else ("8841230918" if h == "Reference ID" else v))
             for h, v in zip(header, row, strict=True)]
    files("ledger-march.tsv", header, [row, later])
    CliRunner().invoke(_app(), ["import", str(tmp_path / "downloads")], env=EN)
    [entry] = _store().imported_files()
    assert (entry["name"], entry["kind"], entry["rows"]) == ("ledger-march.tsv", "ledger", 2)
    assert (str(entry["first_date"]), str(entry["last_date"])) == ("2025-03-14", "2025-03-20")
    shown = CliRunner().invoke(_app(), ["imports"], env=EN)
    assert shown.exit_code == 0 and "ledger-march.tsv" in shown.output and "2025-03-14 .. 2025-03-20" in shown.output


def test_a_large_file_reports_its_progress_within_the_file_then_its_rows(tmp_path, monkeypatch):
    from claimpilot.tools.reports import query_progress
    from spapi_seller import HEADERS

    monkeypatch.setattr(query_progress, "POLL_S", 0.005)
    lines = ["\t".join(HEADERS["ledger"])]
    lines += [f"01/{1 + i % 28:02d}/2026\tX{i % 500:09d}\tB0{i % 500:08d}\tSKU-{i % 500}\tWidget\tCustomer Shipments\t"
              f"REF{i}\t-1\tPHX7\tSELLABLE\t\tUS\t0\t0" for i in range(300_000)]
    path = tmp_path / "ledger-big.txt"
    path.write_text("\n".join(lines) + "\n")
    size = path.stat().st_size
    seen: list[tuple[str, int]] = []
    result = _store().import_path(path, progress=lambda name, stage, amount: seen.append((stage, amount)))
    assert [(f.kind, f.rows_read) for f in result.files] == [("ledger", 300_000)]
    assert seen[0] == ("reading", size) and seen[-1] == ("done", 300_000)
    within = [amount for stage, amount in seen if stage == "progress"]
    assert within and within == sorted(within) and 0 < within[-1] <= size
