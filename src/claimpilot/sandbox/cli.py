"""``claimpilot demo``, ``claimpilot emulator``, ``claimpilot track emulator`` and ``claimpilot eval``: the
commands that run claimpilot against the sandbox's demo seller and local emulators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
EvalSet = Annotated[str | None, typer.Option("--set", help="Evaluation set (YAML); default: the chat set.")]
ShowMisses = Annotated[bool, typer.Option("--misses", help="Also list each line whose tool or slots were wrong.")]


def register(app: typer.Typer) -> None:
    from claimpilot.tools.logistics.cli import track_app

    app.command("demo")(demo)
    app.command("emulator")(emulator)
    track_app.command("emulator")(track_emulator)
    app.command("eval")(evaluate_chat)


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
        print(json.dumps({**run.scan.to_json(), "scorecard": vars(run.scorecard), "cases_dir": str(run.export_dir),
                          "imported_by_hand": {"folder": str(run.by_hand_dir), "files": len(run.by_hand.files),
                                               "rows": run.by_hand.rows_added}}, default=str))
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
                   "To connect a seller account from the web page's settings instead (its consent page):\n"
                   f"  export CLAIMPILOT_SP_API__APPLICATION_ID={c.application_id}\n"
                   f"  export CLAIMPILOT_SP_API__SELLER_CENTRAL_URL={emu.url}\n"
                   f"  export CLAIMPILOT_SP_API__LWA_URL={emu.url}\n"
                   "  export CLAIMPILOT_SP_API__DRAFT_APP=true\n"
                   "(sandbox credentials, valid for this emulator only)\n"
                   "Ctrl-C stops it.")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


def track_emulator(port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8917) -> None:
    """Serve a local 17TRACK-compatible API with a few demo parcels until Ctrl-C (for trying these commands)."""
    import time

    from claimpilot.sandbox.track17 import start_track17
    from claimpilot.sandbox.track17.demo import DEMO_PARCELS, demo_state

    with start_track17(demo_state(), port=port) as emu:
        typer.echo(f"17TRACK emulator at {emu.url}\n"
                   f"  export CLAIMPILOT_LOGISTICS__TRACK17__BASE_URL={emu.url}\n"
                   f"  export CLAIMPILOT_LOGISTICS__TRACK17__API_KEY={emu.state.api_key}\n"
                   f"  export CLAIMPILOT_LOGISTICS__TRACK17__WEBHOOK_KEY={emu.state.webhook_key}\n"
                   f"demo parcels: {', '.join(DEMO_PARCELS)}\n"
                   "(sandbox keys, valid for this emulator only) Ctrl-C stops it.")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


def evaluate_chat(eval_set: EvalSet = None, as_json: AsJson = False, misses: ShowMisses = False) -> None:
    """Score the chat on the evaluation set with the configured model (offline router when none):
    tools, slots, answers in the asker's language. Runs on a throw-away demo seller."""
    import json
    import tempfile

    from claimpilot.agent.evaluation import evaluate, load_set
    from claimpilot.agent.service import Agent
    from claimpilot.config import get_settings
    from claimpilot.sandbox.chat_seller import seed_chat_seller

    default = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "chat_eval.yaml"
    path = Path(eval_set) if eval_set else default
    if not path.is_file():
        raise typer.BadParameter(f"no evaluation set at {path}; give one with --set")
    configured = get_settings()
    today, threads = load_set(path)
    with tempfile.TemporaryDirectory() as home:
        settings = configured.model_copy(update={"home": Path(home), "database_url": None})
        seed_chat_seller(settings, today)
        with Agent(settings, today=today) as agent:
            report = evaluate(agent, threads, offline=not configured.llm.configured)
    scores = report.scores
    who = f"model {configured.llm.model}" if configured.llm.configured else "offline router"
    missed = [o for o in report.outcomes if not o.slots_ok]
    worded = [o for o in report.outcomes if o.issues]
    if as_json:
        extra = {"misses": [{"say": o.turn.say, "expected": {"tool": o.turn.tool, "args": o.turn.args},
                             "got": {"tool": o.tool, "args": o.args}} for o in missed],
                 "language_misses": [{"say": o.turn.say, "issues": o.issues} for o in worded]} if misses else {}
        typer.echo(json.dumps({"model": who, **scores, "parts": report.parts(), **extra}, default=str,
                              ensure_ascii=False))
        return
    typer.echo(f"{who} on {scores['n']} utterances ({path.name}):")
    for key in ("tools", "slots", "language"):
        typer.echo(f"  {key:9} {scores[key]:.1%}")
    typer.echo("by labelled tool and group (tools / slots / language):")
    for name, part in report.parts().items():
        typer.echo(f"  {name:28} {part['tools']:6.1%} {part['slots']:6.1%} {part['language']:6.1%}  ({part['n']})")
    if misses:
        typer.echo(f"lines whose tool or slots were wrong ({len(missed)}):")
        for o in missed:
            typer.echo(f"  {o.turn.say}\n    expected {o.turn.tool} {o.turn.args}\n    got      {o.tool} {o.args}")
        typer.echo(f"answers not wholly in the asker's language, or with raw codes ({len(worded)}):")
        for o in worded:
            typer.echo(f"  {o.turn.say}\n    {'; '.join(o.issues)}")
