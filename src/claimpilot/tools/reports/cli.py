"""``claimpilot import DIR``: load report files a seller downloaded into the seller's store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("import")(import_reports)


def import_reports(
    path: Annotated[Path, typer.Argument(help="A report file, or a folder of them (any names, gzip or plain).")],
    seller: Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")] = None,
) -> None:
    """Import Amazon report files: each is recognised by its header row, typed and de-duplicated."""
    import duckdb
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from claimpilot.config import Settings
    from claimpilot.tools.reports.errors import ReportError
    from claimpilot.tools.reports.store import ReportStore

    console = Console()
    settings = Settings()
    try:
        store = ReportStore.for_seller(settings, seller)
    except duckdb.Error as exc:
        console.print(f"[bold red]Cannot open the report store[/] {settings.warehouse_path(seller)}: {exc}")
        raise typer.Exit(code=1) from exc
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    ) as progress:
        tasks: dict[str, int] = {}

        def report(name: str, stage: str) -> None:
            if stage == "reading":
                tasks[name] = progress.add_task(name, total=1)
            else:
                progress.update(tasks[name], completed=1)

        try:
            result = store.import_path(path, progress=report)
        except ReportError as exc:
            progress.stop()
            console.print(f"[bold red]Nothing was imported.[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=1) from exc

    table = Table(title=f"Imported into {store.warehouse_path}")
    for header in ("file", "kind", "rows read", "rows added", "duplicates skipped", "rows replaced"):
        table.add_column(header, justify="left" if header in ("file", "kind") else "right")
    for f in result.files:
        table.add_row(
            f.name, f.kind, f"{f.rows_read:,}", f"{f.rows_added:,}", f"{f.duplicates_skipped:,}", f"{f.rows_replaced:,}"
        )
    table.add_row("total", "", f"{result.rows_read:,}", f"{result.rows_added:,}", f"{result.duplicates_skipped:,}", "",
                  style="bold")
    console.print(table)
    for name in result.passed_by:
        console.print(f"passed by {name}: a fetch's financial events, kept as evidence (not a report)",
                      highlight=False, soft_wrap=True)
