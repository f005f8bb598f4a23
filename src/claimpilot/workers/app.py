"""The Celery application, configured from ``Settings.scheduler``.

Reliability settings, and why:
- ``task_acks_late`` + ``task_reject_on_worker_lost``: a task is acknowledged
  only once it has finished; a pool child that dies mid-task has its task
  requeued at once by the worker. A whole worker that dies is found by its
  runs' lapsed leases (``jobs.lease``): the dispatch round queues them
  again; the broker's redelivery after ``visibility_timeout`` is only a backstop.
- ``worker_prefetch_multiplier = 1``: a worker holds one waiting task at most,
  so a killed worker strands little and the others take the rest.
- beat runs the dispatch round itself (``workers.beat.DispatchInBeat``), so that a busy or long
  queue never delays the recovery of a lost worker's runs;
- beat queues ``claimpilot.prune_runs`` daily at ``PRUNE_AT`` (UTC) unless
  ``scheduler.keep_runs_days`` is 0: finished runs past the retention go.
- two priorities (Redis serves a queue's lower numbers first, kombu's ``priority_steps``): the runs
  of lost workers, the runs asked for ("run now") and runs whose task was lost go ``FIRST``, before
  the cycle's scheduled runs (``SCHEDULED``, every task's default) already waiting, so that recovery
  after a kill never waits for a whole cycle's queue to drain;
- the broker's ``global_keyprefix`` (``scheduler.key_prefix``) keeps several
  installations apart on one Redis.
"""

from __future__ import annotations

from celery import Celery
from celery.schedules import crontab

from claimpilot.config import Settings, get_settings

DISPATCH_TASK = "claimpilot.dispatch"
RUN_TASK = "claimpilot.run_seller_job"
PRUNE_TASK = "claimpilot.prune_runs"
PRUNE_AT = crontab(hour=3, minute=40)
PRIORITY_STEPS = (0, 3, 6, 9)  # the priority lists Redis keeps for a queue, served in this order
FIRST = 0
SCHEDULED = 6


def beat_schedule(settings: Settings) -> dict:
    """Beat's entries: the dispatch round every ``tick_s``; the run-history prune once a day."""
    cfg = settings.scheduler
    entries = {"dispatch": {"task": DISPATCH_TASK, "schedule": cfg.tick_s}}
    if cfg.keep_runs_days:
        entries["prune-runs"] = {"task": PRUNE_TASK, "schedule": PRUNE_AT}
    return entries


def celery_config(settings: Settings) -> dict:
    cfg = settings.scheduler
    restore_every = max(1, min(10, int(cfg.visibility_timeout_s // 4)))
    transport = {"visibility_timeout": cfg.visibility_timeout_s, "unacked_restore_interval": restore_every,
                 "unacked_restore_throttle": 1, "priority_steps": list(PRIORITY_STEPS)}
    backend = {}
    if cfg.key_prefix:
        transport["global_keyprefix"] = cfg.key_prefix
        backend["global_keyprefix"] = cfg.key_prefix
    return {
        "broker_url": cfg.broker_url,
        "result_backend": cfg.result_backend,
        "broker_transport_options": transport,
        "result_backend_transport_options": backend,
        "result_expires": 7 * 24 * 3600,
        "task_default_queue": cfg.queue,
        "task_default_priority": SCHEDULED,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_track_started": True,
        "worker_prefetch_multiplier": 1,
        "worker_hijack_root_logger": False,
        "broker_connection_retry_on_startup": True,
        "timezone": "UTC",
        "enable_utc": True,
        "beat_schedule": beat_schedule(settings),
        "beat_scheduler": "claimpilot.workers.beat:DispatchInBeat",
        "beat_schedule_filename": str(settings.home / "celerybeat-schedule"),
    }


def make_app(settings: Settings | None = None) -> Celery:
    """A Celery app for ``settings`` (default: the process's), with claimpilot's tasks registered."""
    settings = settings or get_settings()
    app = Celery("claimpilot")
    app.conf.update(celery_config(settings))
    app.conf.claimpilot_settings = settings
    from claimpilot.workers.tasks import register_tasks

    register_tasks(app)
    return app
