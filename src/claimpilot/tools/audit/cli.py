"""``claimpilot audit``: run the claim rules over the seller's reports and show what Amazon owes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from claimpilot import clock


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)


def _as_of(value: str | None) -> date:
    if value is None:
        return clock.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint="--as-of") from exc


def audit(
    reports: Annotated[Path | None, typer.Option(help="Import this folder of report files first (any names).")] = None,
    as_of: Annotated[str | None,
                     typer.Option("--as-of", help="Audit as of this date, YYYY-MM-DD (default: today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout and nothing else.")] = False,
    seller: Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")] = None,
    marketplace: Annotated[str | None,
                           typer.Option(help="Marketplace whose policy applies (default: CLAIMPILOT_MARKETPLACE).")]
    = None,
) -> None:
    """Find the money Amazon owes: every claim rule, with claimable, pending and expired findings."""
    import json

    from rich.console import Console

    from claimpilot.config import Settings
    from claimpilot.tools.audit import run_audit
    from claimpilot.tools.audit.policy_loader import PolicyError
    from claimpilot.tools.audit.report import render
    from claimpilot.tools.reports.errors import ReportError
    from claimpilot.tools.reports.store import ReportStore

    day = _as_of(as_of)
    err = Console(stderr=True)
    settings = Settings()
    store = ReportStore.for_seller(settings, seller)
    try:
        if reports is not None:
            imported = store.import_path(reports)
            err.print(f"Imported {imported.rows_added:,} new rows from {len(imported.files)} files.", highlight=False)
            for skipped in imported.skipped:
                err.print(f"Skipped {skipped.name}: {skipped.what}", highlight=False, soft_wrap=True)
            imported.raise_refused()
        con = store.connect()
        try:
            result = run_audit(con, day, marketplace or settings.marketplace)
        finally:
            con.close()
    except (ReportError, PolicyError) as exc:
        err.print(f"[bold red]Audit not run.[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from exc
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        render(result, Console())
