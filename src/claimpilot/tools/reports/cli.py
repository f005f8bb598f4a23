"""``claimpilot import DIR``: load report files a seller downloaded into the seller's store.

Each file is its own transaction. The summary names what was imported, what was
skipped (with what it is) and what was refused (file, row, column, value); the
exit status is 1 when a file was refused, 0 otherwise (skipped files are no error).
"""

from __future__ import annotations

import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

    from claimpilot.tools.reports.results import ImportResult
    from claimpilot.tools.reports.store import ReportStore


def register(app: typer.Typer) -> None:
    app.command("import")(import_reports)
    app.command("imports")(import_history)


def import_history(
    seller: Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")] = None,
) -> None:
    """Every report file imported: its kind, rows, the dates it covers and when it came in."""
    from rich.console import Console
    from rich.table import Table

    from claimpilot.config import Settings
    from claimpilot.tools.reports.store import ReportStore

    settings = Settings()
    history = ReportStore.for_seller(settings, seller).imported_files()
    table = Table(title=f"{len(history)} report files imported")
    for header in ("file", "kind", "rows", "covers", "imported at", "from"):
        table.add_column(header, justify="right" if header == "rows" else "left")
    for h in history:
        covers = f"{h['first_date']} .. {h['last_date']}" if h["first_date"] else ""
        table.add_row(cast(str, h["name"]), cast(str, h["kind"]), f"{h['rows']:,}", covers,
                      f"{h['imported_at']:%Y-%m-%d %H:%M}", cast(str, h["source"]))
    Console().print(table)


def import_reports(
    path: Annotated[Path | None, typer.Argument(
        help="A report file, or a folder of them (any names, zips, gzip or plain).")] = None,
    seller: Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")] = None,
    evidence_of: Annotated[str | None, typer.Option(
        "--evidence-of", help="Instead of PATH: the report files kept in this seller's evidence storage "
        "(the local evidence folder or the S3 bucket configured), e.g. the seller's own to rebuild its store.")] = None,
) -> None:
    """Import Amazon report files: each is recognised by its header row, typed and de-duplicated."""
    import duckdb
    from rich.console import Console

    from claimpilot.config import Settings
    from claimpilot.errors import DomainError
    from claimpilot.tools.reports.errors import ReportError
    from claimpilot.tools.reports.store import ReportStore
    from claimpilot.tools.reports.vault import EvidenceUnavailable, open_vault

    console = Console()
    settings = Settings()
    words = _WORDS["zh" if settings.language == "zh" else "en"]
    if (path is None) == (evidence_of is None):
        console.print(f"[bold red]{words['name_one']}[/]")
        raise typer.Exit(code=2)
    if evidence_of is not None:
        try:
            store = ReportStore.for_seller(settings, seller)
            with _FileProgress(console, words) as report:
                result = store.import_vault(open_vault(settings, evidence_of), progress=report)
        except DomainError as exc:
            console.print(f"[bold red]{words['unreadable']}[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=1) from exc
        _summary(console, store, result, settings.language)
        _coverage(console, store, settings.language)
        raise typer.Exit(code=1 if result.refused else 0)
    assert path is not None  # one of the two, checked above
    try:
        store = ReportStore.for_seller(settings, seller)
    except duckdb.Error as exc:
        console.print(f"[bold red]{words['no_store']}[/] {settings.warehouse_path(seller)}: {exc}")
        raise typer.Exit(code=1) from exc
    try:
        with _FileProgress(console, words) as report:
            result = store.import_path(path, progress=report)
    except ReportError as exc:
        console.print(f"[bold red]{words['none']}[/] {exc.describe(settings.language)}", highlight=False,
                      soft_wrap=True)
        raise typer.Exit(code=1) from exc
    except EvidenceUnavailable as exc:
        console.print(f"[bold red]{words['stopped']}[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from exc
    _summary(console, store, result, settings.language)
    _coverage(console, store, settings.language)
    if result.refused:
        raise typer.Exit(code=1)


class _FileProgress:
    """A bar per file: bytes read as the load goes (DuckDB's progress of its query), its speed and the time
    left on the file; when done, its rows and rows per second."""

    def __init__(self, console: Console, words: dict[str, str]) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                 TransferSpeedColumn(), TimeRemainingColumn(), console=console, transient=False)
        self.tasks: dict[str, tuple[TaskID, float, int]] = {}
        self.words = words

    def __enter__(self) -> _FileProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.progress.__exit__(exc_type, exc, tb)

    def __call__(self, name: str, stage: str, amount: int) -> None:
        if stage == "reading":
            task = self.progress.add_task(name, total=max(amount, 1))
            self.tasks[name] = (task, time.perf_counter(), amount)
            return
        if name not in self.tasks:
            return
        if stage == "progress":
            self.progress.update(self.tasks[name][0], completed=amount)
            return
        task, started, size = self.tasks.pop(name)
        seconds = max(time.perf_counter() - started, 1e-6)
        note = self.words[f"file_{stage}"].format(rows=f"{amount:,}", speed=f"{amount / seconds:,.0f}")
        self.progress.update(task, completed=max(size, 1), description=f"{name} — {note}")


def _coverage(console: Console, store: ReportStore, lang: str) -> None:
    """What the claim rules still lack, and where in Seller Central to download it."""
    from claimpilot import clock
    from claimpilot.tools.reports.coverage import gaps

    with store.connect(read_only=True) as con:
        found = gaps(con, clock.today())
    if not found:
        done = "每条索赔规则需要的报告都已齐全。" if lang == "zh" else "Every claim rule has the reports it needs."
        console.print(done)
        return
    console.print("[bold]还缺少的报告[/]" if lang == "zh" else "[bold]Still missing[/]")
    for gap in found:
        console.print(f"  {gap.text(lang)}", highlight=False, soft_wrap=True)
        console.print(f"    {'下载位置' if lang == 'zh' else 'download from'}: {gap.where(lang)}", highlight=False,
                      soft_wrap=True)


_HEADERS = {"en": ("file", "kind", "rows read", "rows added", "duplicates skipped", "rows replaced"),
            "zh": ("文件", "报告类型", "读取行数", "新增行数", "跳过的重复行", "替换行数")}
_WORDS: dict[str, dict[str, str]] = {  # the import's summary, in the seller's language
    "en": {"title": "Imported into {path}", "total": "total",
           "none": "No report was imported.", "skipped": "Skipped {n} file(s)",
           "skipped_why": "(not needed, nothing wrong with them):", "refused": "Refused {n} file(s)",
           "refused_why": "(nothing of them was stored; the other files were imported):",
           "counts": "{files} imported, {skipped} skipped, {refused} refused.",
           "file_done": "{rows} rows, {speed} rows/s", "file_skipped": "skipped", "file_refused": "refused",
           "name_one": "Name a file or folder, or --evidence-of SELLER (one of the two).",
           "unreadable": "The evidence could not be read.", "no_store": "Cannot open the report store",
           "stopped": "The import stopped:"},
    "zh": {"title": "已导入 {path}",
           "total": "合计", "none": "没有导入任何报告。", "skipped": "跳过 {n} 个文件",
           "skipped_why": "（用不到，文件本身没有问题）：", "refused": "拒收 {n} 个文件",
           "refused_why": "（这些文件一行都没有存入；其他文件已导入）：",
           "counts": "导入 {files} 个，跳过 {skipped} 个，拒收 {refused} 个。",
           "file_done": "{rows} 行，每秒 {speed} 行", "file_skipped": "已跳过", "file_refused": "已拒收",
           "name_one": "请给出一个文件或文件夹，或者用 --evidence-of 卖家（二选一）。",
           "unreadable": "证据读取失败。", "no_store": "无法打开报告库",
           "stopped": "导入中断："},
}


def _kind_name(kind: str, lang: str) -> str:
    from claimpilot.vocabulary import ReportKind, label

    try:
        return label(ReportKind(kind), lang)
    except ValueError:
        return kind


def _summary(console: Console, store: ReportStore, result: ImportResult, lang: str) -> None:
    from rich.table import Table

    lang = "zh" if lang == "zh" else "en"
    words = _WORDS[lang]
    if result.files:
        table = Table(title=words["title"].format(path=store.warehouse_path))
        for i, header in enumerate(_HEADERS[lang]):
            table.add_column(header, justify="left" if i < 2 else "right")
        for f in result.files:
            table.add_row(f.name, _kind_name(f.kind, lang), f"{f.rows_read:,}", f"{f.rows_added:,}",
                          f"{f.duplicates_skipped:,}", f"{f.rows_replaced:,}")
        table.add_row(words["total"], "", f"{result.rows_read:,}", f"{result.rows_added:,}",
                      f"{result.duplicates_skipped:,}", "", style="bold")
        console.print(table)
    else:
        console.print(words["none"])
    if result.skipped:
        console.print(f"[bold]{words['skipped'].format(n=len(result.skipped))}[/] {words['skipped_why']}")
        for s in result.skipped:
            console.print(f"  {s.name}: {s.describe(lang)}", highlight=False, soft_wrap=True)
    if result.refused:
        console.print(f"[bold red]{words['refused'].format(n=len(result.refused))}[/] {words['refused_why']}")
        for r in result.refused:
            console.print(f"  {r.error.describe(lang)}", highlight=False, soft_wrap=True)
    console.print(words["counts"].format(files=len(result.files), skipped=len(result.skipped),
                                         refused=len(result.refused)), highlight=False)
