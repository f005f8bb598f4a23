"""``claimpilot fetch``: the seller's reports from the SP-API (or the local
emulator, by CLAIMPILOT_SP_API__ENDPOINT) into the seller's store."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

STEPS = {"planned": 0, "requested": 1, "waiting": 2, "downloading": 3, "fetched": 4, "skipped": 4, "failed": 4}


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch)


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-31", param_hint=name) from None


def fetch(
    start: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD (default: 365 days before --end).")] = None,
    end: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD (default: today, UTC).")] = None,
    kinds: Annotated[str | None, typer.Option(help="Comma-separated kinds (default: all): ledger, orders, ...")] = None,
    seller: Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")] = None,
) -> None:
    """Fetch every report a claim audit needs; reports fetched before are skipped."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from claimpilot.accounts.settings import seller_settings
    from claimpilot.config import Settings
    from claimpilot.tools.reports.fetch import FETCHABLE, FetchError, fetch_reports
    from claimpilot.tools.reports.fetch.model import FetchTask
    from claimpilot.tools.reports.vault import EvidenceUnavailable

    console = Console()
    settings = seller_settings(Settings(), seller)[0]  # a seller account's own credentials
    wanted = [k.strip() for k in kinds.split(",") if k.strip()] if kinds else None
    if wanted and set(wanted) - set(FETCHABLE):
        raise typer.BadParameter(f"unknown kinds {sorted(set(wanted) - set(FETCHABLE))}; known: {', '.join(FETCHABLE)}",
                                 param_hint="--kinds")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console) as bars:
        ids: dict[str, TaskID] = {}

        def progress(task: FetchTask, stage: str) -> None:
            if task.key not in ids:
                ids[task.key] = bars.add_task(task.label, total=4)
            bars.update(ids[task.key], completed=STEPS.get(stage, 0), description=f"{task.label} [dim]{stage}[/]")

        try:
            result = fetch_reports(settings, _day(start, "--start"), _day(end, "--end"), wanted, progress)
        except FetchError as exc:
            bars.stop()
            console.print(f"[bold red]Fetch stopped.[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=1) from None
        except EvidenceUnavailable as exc:
            bars.stop()
            console.print(f"[bold red]Fetch stopped: the evidence could not be stored.[/] {exc}. Every report "
                          "stored before is kept whole; run the fetch again once the storage answers.",
                          highlight=False, soft_wrap=True)
            raise typer.Exit(code=1) from None

    table = Table(title=f"Fetched into {settings.warehouse_path()}")
    for header in ("kind", "range", "status", "rows"):
        table.add_column(header, justify="right" if header == "rows" else "left")
    for r in result.reports:
        style = {"failed": "red", "skipped": "dim"}.get(r.status)
        table.add_row(r.kind, str(r.range or "snapshot"), r.status, f"{r.rows:,}", style=style)
    counts = f"{len(result.fetched)} fetched, {len(result.skipped)} skipped, {len(result.failed)} failed"
    table.add_row("total", "", counts,
                  f"{sum(r.rows for r in result.fetched):,}", style="bold")
    console.print(table)
    for r in result.failed:
        console.print(f"[red]failed[/] {r.error}", highlight=False, soft_wrap=True)
    for hand in result.by_hand:
        for lang in ("zh", "en"):
            console.print(f"[yellow]{'请手动下载' if lang == 'zh' else 'download by hand'}[/] {hand.text(lang)}",
                          highlight=False, soft_wrap=True)
    if result.failed:
        raise typer.Exit(code=1)
