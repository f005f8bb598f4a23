"""The tasks: ``claimpilot.run_seller_job`` (one job for one seller in one cycle) and
``claimpilot.dispatch`` (beat's round: queue whatever is due).

A run task is idempotent (``run_job`` skips a cycle that already succeeded),
never runs beside another run of the same seller (the seller lock: a busy
seller's task is retried later), and is retried with exponential backoff when
the job fails.
"""

from __future__ import annotations

import logging

from celery import Celery, Task

from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.runner import UnknownSeller, ensure_schema, now_utc, run_job
from claimpilot.scheduler.dispatch import claim_due_runs, stale_runs

log = logging.getLogger(__name__)


def _settings(task: Task) -> Settings:
    return task.app.conf.claimpilot_settings


def register_tasks(app: Celery) -> None:
    cfg = app.conf.claimpilot_settings.scheduler

    @app.task(name="claimpilot.run_seller_job", bind=True, acks_late=True, reject_on_worker_lost=True,
              autoretry_for=(Exception,), dont_autoretry_for=(UnknownSeller,), max_retries=cfg.max_retries,
              retry_backoff=cfg.retry_backoff_s, retry_backoff_max=cfg.retry_backoff_max_s, retry_jitter=True)
    def run_seller_job(self: Task, seller_id: str, kind: str, cycle: str) -> dict:
        """Run ``kind`` for ``seller_id`` in ``cycle``; a busy seller is tried again later."""
        outcome = run_job(_settings(self), seller_id, kind, cycle, worker=self.request.hostname or None)
        if outcome.status == "busy":
            raise self.retry(countdown=cfg.lock_busy_retry_s, max_retries=None)
        return {"seller_id": seller_id, "kind": kind, "cycle": cycle, "status": outcome.status,
                "token": outcome.token}

    @app.task(name="claimpilot.dispatch", bind=True)
    def dispatch(self: Task) -> int:
        """Queue a run task for every cycle now due (and for runs whose task was lost)."""
        settings = _settings(self)
        ensure_schema(settings)
        now = now_utc()
        with session_factory(settings).begin() as db:
            due = claim_due_runs(db, now)
            due += stale_runs(db, now, settings.scheduler.requeue_after_s, settings.scheduler.requeue_after_s)
        for run in due:
            run_seller_job.apply_async((run.seller_id, run.kind, run.cycle))
        return len(due)
