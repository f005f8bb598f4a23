"""``claimpilot demo`` and ``claimpilot emulator``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
    app.command("emulator")(emulator)


def demo(
    home: Annotated[Path, typer.Option(help="Where the demo seller's data goes.")] = Path("var/demo"),
    seed: Annotated[int, typer.Option(help="Which demo seller (each seed is another seller).")] = 7,
    skus: Annotated[int, typer.Option(help="How many SKUs the demo seller has.")] = 300,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
) -> None:
    """Run the whole job on a demo seller: emulator, fetch, audit, cases, summary."""
    import json

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from claimpilot.sandbox.demo import run_demo
    from claimpilot.sandbox.demo_report import render

    console = Console(stderr=json_out)
    console.print(f"[bold]claimpilot demo[/]: demo seller #{seed}, data under {home}/", highlight=False)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  console=console, transient=True) as bars:
        bar = bars.add_task("fetching reports from the SP-API emulator", total=0)
        seen: set[str] = set()

        def progress(task, stage: str) -> None:
            if stage == "planned":
                bars.update(bar, total=(bars.tasks[bar].total or 0) + 1)
            elif stage in ("fetched", "skipped", "failed") and task.key not in seen:
                seen.add(task.key)
                bars.update(bar, advance=1, description=f"fetched {task.label}")

        run = run_demo(home.resolve(), seed=seed, skus=skus, progress=progress)
    if json_out:
        print(json.dumps({**run.scan.to_json(), "scorecard": vars(run.scorecard), "cases_dir": str(run.export_dir)},
                         default=str))
    else:
        render(run, console)
    if not run.scorecard.perfect:
        raise typer.Exit(1)


def emulator(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8900,
    seed: Annotated[int, typer.Option(help="Which demo seller to serve.")] = 7,
) -> None:
    """Serve a demo seller as a local SP-API until Ctrl-C (for trying the CLI against it)."""
    import time

    from claimpilot.sandbox.demo_seller import generate
    from claimpilot.sandbox.emulator import start_emulator

    with start_emulator(generate(seed=seed), port=port) as emu:
        c = emu.credentials
        typer.echo(f"SP-API emulator at {emu.url}\n"
                   f"  export CLAIMPILOT_SP_API__ENDPOINT={emu.url}\n"
                   f"  export CLAIMPILOT_SP_API__LWA_APP_ID={c.client_id}\n"
                   f"  export CLAIMPILOT_SP_API__LWA_CLIENT_SECRET='{c.client_secret}'\n"
                   f"  export CLAIMPILOT_SP_API__REFRESH_TOKEN='{c.refresh_token}'\n"
                   "(sandbox credentials, valid for this emulator only)\n"
                   "Ctrl-C stops it.")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
