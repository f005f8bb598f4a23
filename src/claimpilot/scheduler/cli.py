"""``claimpilot scheduler`` (the embedded loop for one machine), ``claimpilot status``,
``claimpilot jobs run`` (a seller's job now) and ``claimpilot jobs prune`` (the run history past its
retention, removed by hand)."""

from __future__ import annotations

import json
import logging
import signal
import threading

import typer


def scheduler(once: bool = typer.Option(False, "--once", help="run one round of due jobs and exit"),
              workers: int = typer.Option(1, help="sellers worked on at the same time"),
              kind: list[str] = typer.Option([], "--kind", help="only these job kinds (repeatable)")) -> None:
    """Run every seller's jobs on their schedules, in this process (Ctrl-C stops)."""
    from claimpilot.config import get_settings
    from claimpilot.scheduler.embedded import EmbeddedScheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    loop = EmbeddedScheduler(get_settings(), workers=workers, kinds=set(kind) or None)
    if once:
        for o in loop.tick():
            typer.echo(f"{o.seller_id}\t{o.kind}\t{o.cycle}\t{o.status}")
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())  # finish the round under way, then stop
    try:
        loop.run_forever(stop)
    except KeyboardInterrupt:
        typer.echo("stopped")


def status(seller: list[str] = typer.Option([], "--seller", "-s", help="only these sellers (repeatable)"),
           as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """Each seller's jobs: the last run and its result, the next run, failures in the last 7 days."""
    from claimpilot.clock import now_utc
    from claimpilot.config import get_settings
    from claimpilot.db import ensure_schema, session_factory
    from claimpilot.jobs.status import job_statuses

    settings = get_settings()
    ensure_schema(settings)
    with session_factory(settings, read_only=True)() as db:
        rows = job_statuses(db, now_utc(), seller or None)
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
        return
    typer.echo("seller\tjob\tschedule\tlast cycle\tresult\tfinished\tnext run\tfailures 7d\tlast error")
    for r in rows:
        result = (r.last_status or "-") + (f" ({r.summary})" if r.summary else "")
        error = r.last_error.splitlines()[0][:120] if r.last_error else ""
        cells = (r.seller_id, r.kind, r.schedule, r.last_cycle or "-", result, r.last_finished or "-",
                 r.next_run or "-", r.failures_7d, error)
        typer.echo("\t".join(str(x) for x in cells))


jobs_app = typer.Typer(help="The scheduled jobs: run one now, prune the run history.", no_args_is_help=True)


@jobs_app.command("prune")
def prune(older_than_days: int = typer.Option(None, "--older-than-days", metavar="N",
                                              help="remove runs finished more than N days ago "
                                                   "(default: scheduler.keep_runs_days)"),
          dry_run: bool = typer.Option(False, "--dry-run", help="count what would go; delete nothing")) -> None:
    """Remove finished runs (and their attempts) older than the retention; never a queued or running
    run, never the latest run or the latest failure of a seller's job."""
    from claimpilot.config import get_settings
    from claimpilot.jobs.retention import check_days, prune_runs

    settings = get_settings()
    if older_than_days is not None:
        try:
            check_days(older_than_days)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--older-than-days") from None
    elif settings.scheduler.keep_runs_days == 0:
        typer.echo("run history is kept forever (scheduler.keep_runs_days = 0); nothing removed")
        return
    typer.echo(prune_runs(settings, older_than_days=older_than_days, dry_run=dry_run).describe())


@jobs_app.command("run")
def run(seller_id: str = typer.Argument(..., help="the seller account"),
        kind: str = typer.Argument("scan", help="the job kind: scan, digest, tracking, buyer_mail"),
        here: bool = typer.Option(False, "--here", help="run it in this process now and wait for it (the seller's "
                                                        "files must be on this machine)")) -> None:
    """Run a seller's job now: asked of the workers (the next dispatch round starts it), or --here."""
    from claimpilot.clock import now_utc
    from claimpilot.config import get_settings
    from claimpilot.db import session_factory
    from claimpilot.jobs.manual import RunRequestError, manual_cycle, request_run
    from claimpilot.jobs.runner import JobFailed, UnknownSeller, ensure_schema, run_job

    settings = get_settings()
    ensure_schema(settings)
    if here:
        try:
            outcome = run_job(settings, seller_id, kind, manual_cycle(now_utc()))
        except (UnknownSeller, ValueError, JobFailed) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"{seller_id}\t{kind}\t{outcome.cycle}\t{outcome.status}")
        if outcome.status == "moved":
            typer.echo(f"the seller's report store lives on node {outcome.result['node']}: run it there, or ask its "
                       "workers (without --here)", err=True)
            raise typer.Exit(1)
        if outcome.status == "busy":
            typer.echo("another job of this seller is running; try again when it ends", err=True)
            raise typer.Exit(1)
        return
    try:
        with session_factory(settings).begin() as db:
            job = request_run(db, seller_id, kind, now_utc())
            cycle, status = job.cycle, job.status
    except RunRequestError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{seller_id}\t{kind}\t{cycle}\t{status}")
    typer.echo(f"the next dispatch round (beat or `claimpilot scheduler`, every {settings.scheduler.tick_s:g} s) "
               f"starts it; `claimpilot status -s {seller_id}` shows how it went", err=True)


def register(app: typer.Typer) -> None:
    app.command("scheduler")(scheduler)
    app.command("status")(status)
    app.add_typer(jobs_app, name="jobs")
