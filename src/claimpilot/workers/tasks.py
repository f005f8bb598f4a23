"""The tasks: ``claimpilot.run_seller_job`` (one job for one seller in one cycle),
``claimpilot.dispatch`` (beat's round: recover the runs of lost workers, queue whatever is due) and
``claimpilot.prune_runs`` (beat's daily removal of the run history past its retention).

A run task is idempotent (``run_job`` skips a cycle that already succeeded),
never runs beside another run of the same seller (the seller lock: a busy
seller's task is retried later), and is retried with exponential backoff when
the job fails.
"""

from __future__ import annotations

from datetime import datetime

from celery import Celery, Task

from claimpilot.accounts.nodes import nodes_of, queue_for
from claimpilot.clock import now_utc
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.alerts import alert_lost
from claimpilot.jobs.dispatch import DueRun, claim_due_runs, stale_runs
from claimpilot.jobs.lease import reap_lapsed
from claimpilot.jobs.manual import take_requested
from claimpilot.jobs.retention import prune_runs
from claimpilot.jobs.runner import UnknownSeller, ensure_schema, run_job
from claimpilot.jobs.stranded import stranded_runs
from claimpilot.workers.app import DISPATCH_TASK, FIRST, PRUNE_TASK, RUN_TASK, SCHEDULED


def _settings(task: Task) -> Settings:
    return task.app.conf.claimpilot_settings


def register_tasks(app: Celery) -> None:
    """Give ``app`` its own tasks (``shared=False``: their options and settings are this app's, never
    those of another app made earlier in the process)."""
    cfg = app.conf.claimpilot_settings.scheduler

    @app.task(name=RUN_TASK, bind=True, shared=False, acks_late=True, reject_on_worker_lost=True,
              autoretry_for=(Exception,), dont_autoretry_for=(UnknownSeller,), max_retries=cfg.max_retries,
              retry_backoff=cfg.retry_backoff_s, retry_backoff_max=cfg.retry_backoff_max_s, retry_jitter=True)
    def run_seller_job(self: Task, seller_id: str, kind: str, cycle: str) -> dict:
        """Run ``kind`` for ``seller_id`` in ``cycle``; a busy seller is tried again later."""
        outcome = run_job(_settings(self), seller_id, kind, cycle, worker=self.request.hostname or None)
        if outcome.status == "busy":
            raise self.retry(countdown=cfg.lock_busy_retry_s, max_retries=None)
        if outcome.status == "moved":  # the seller's home is now another node: its queue runs the job
            queue_runs(self.app, [DueRun(seller_id, kind, cycle)], {seller_id: outcome.result["node"]}, FIRST)
        return {"seller_id": seller_id, "kind": kind, "cycle": cycle, "status": outcome.status,
                "token": outcome.token}

    @app.task(name=DISPATCH_TASK, bind=True, shared=False)
    def dispatch(self: Task) -> int:
        """Queue a run task for every cycle now due (and for runs whose task was lost)."""
        return len(dispatch_due(self.app, now_utc()))

    @app.task(name=PRUNE_TASK, bind=True, shared=False)
    def prune(self: Task) -> dict:
        """Remove the finished runs older than ``scheduler.keep_runs_days`` (and their attempts), and the
        upload and work folders that killed processes left in the sellers' folders."""
        from claimpilot.tools.reports import workdirs

        settings = _settings(self)
        left = workdirs.collect(settings.home)
        result = prune_runs(settings)
        return {"runs": result.runs, "attempts": result.attempts, "cutoff": result.cutoff.isoformat(),
                "leftovers": len(left)}


def dispatch_due(app: Celery, now: datetime) -> list[DueRun]:
    """Close the attempts whose lease lapsed (their workers are lost: alerted) and queue their runs again, and
    the runs whose task was lost before it began (``jobs.stranded``); take the runs asked for (run now);
    create the run records due at ``now``; queue one task each (after the records are committed), to the
    queue of each seller's home node: the runs put back and asked for before the scheduled ones waiting there."""
    settings: Settings = app.conf.claimpilot_settings
    cfg = settings.scheduler
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        reaped = reap_lapsed(db, now, cfg.lease_s, cfg.max_retries)
        first = [DueRun(r.seller_id, r.kind, r.cycle) for r in reaped.requeued]
        first += take_requested(db, now)
        first += stale_runs(db, now, cfg.requeue_after_s, None)
        first += stranded_runs(db, now, cfg.stranded_after_s)
        scheduled = claim_due_runs(db, now, first_runs=cfg.first_runs_per_tick)
        homes = nodes_of(db, [run.seller_id for run in first + scheduled])
    alert_lost(settings, reaped.lost)
    queue_runs(app, first, homes, FIRST)
    queue_runs(app, scheduled, homes, SCHEDULED)
    return first + scheduled


def queue_runs(app: Celery, runs: list[DueRun], homes: dict[str, str], priority: int) -> None:
    """One run task each, to the queue of the seller's home node (``homes``; none: the shared queue)."""
    queue = app.conf.claimpilot_settings.scheduler.queue
    for run in runs:
        home = homes.get(run.seller_id, "")
        app.send_task(RUN_TASK, (run.seller_id, run.kind, run.cycle), queue=queue_for(queue, home), priority=priority)
