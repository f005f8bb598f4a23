"""Retention of the run history: finished runs older than ``scheduler.keep_runs_days`` go, attempts with them.

Never pruned: a queued or running run; the latest run of each seller and job
kind (the status view's "last run"); the latest failed run of each (its last
failure). A run's age is its ``finished_at``.

The runs go in batches of ``scheduler.prune_batch``, each batch a short
transaction of its own, walked in id order, so that a large table is never
locked for long (SQLite: the file's write lock; PostgreSQL: the batch's rows,
taken ``FOR UPDATE SKIP LOCKED`` so a run a worker is touching is left for the
next day). Each batch is chosen inside its own transaction, so a run retried
since the latest runs were looked up is no longer finished and is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from claimpilot.clock import now_utc
from claimpilot.config import MIN_KEEP_RUNS_DAYS, Settings
from claimpilot.db import ensure_schema, session_factory
from claimpilot.jobs.models import JobAttempt, JobRun

ACTIVE = ("requested", "queued", "running")


@dataclass(frozen=True)
class PruneResult:
    """What a prune removed (or, ``dry_run``, would remove): runs finished before ``cutoff``, their attempts."""

    cutoff: datetime
    runs: int
    attempts: int
    dry_run: bool = False

    def describe(self) -> str:
        verb = "would remove" if self.dry_run else "removed"
        return (f"{verb} {_count(self.runs, 'run')} and {_count(self.attempts, 'attempt')} finished before "
                f"{self.cutoff.isoformat(timespec='seconds')}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def check_days(days: int) -> int:
    """``days`` if it is a retention the status view survives, else ValueError saying what is allowed."""
    if days < MIN_KEEP_RUNS_DAYS:
        raise ValueError(f"older-than-days must be at least {MIN_KEEP_RUNS_DAYS} (the status view counts the "
                         f"failures of the last {MIN_KEEP_RUNS_DAYS} days), not {days}")
    return days


def kept_latest(db: Session) -> set[int]:
    """Ids of the latest run, and of the latest failed run, of every seller and job kind."""
    keep: set[int] = set()
    for failed_only in (False, True):
        rank = func.row_number().over(partition_by=(JobRun.seller_id, JobRun.kind),
                                      order_by=(JobRun.queued_at.desc(), JobRun.id.desc()))
        ranked = select(JobRun.id, rank.label("rank"))
        if failed_only:
            ranked = ranked.where(JobRun.status == "failed")
        ranked = ranked.subquery()
        keep.update(db.scalars(select(ranked.c.id).where(ranked.c.rank == 1)))
    return keep


def _old_finished(cutoff: datetime):
    return (JobRun.status.not_in(ACTIVE), JobRun.finished_at.is_not(None), JobRun.finished_at < cutoff)


def _batch(db: Session, cutoff: datetime, after_id: int, size: int, lock: bool) -> list[int]:
    q = select(JobRun.id).where(JobRun.id > after_id, *_old_finished(cutoff)).order_by(JobRun.id).limit(size)
    if lock:
        q = q.with_for_update(skip_locked=True)
    return list(db.scalars(q))


def prune_runs(settings: Settings, now: datetime | None = None, older_than_days: int | None = None,
               dry_run: bool = False) -> PruneResult:
    """Delete the runs finished more than ``older_than_days`` (default ``scheduler.keep_runs_days``) before
    ``now``, with their attempts; ``dry_run``: count them only. A retention of 0 deletes nothing."""
    days = settings.scheduler.keep_runs_days if older_than_days is None else check_days(older_than_days)
    now = now or now_utc()
    now = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    cutoff = now - timedelta(days=days)
    if days == 0:
        return PruneResult(cutoff, 0, 0, dry_run)
    ensure_schema(settings)
    size = settings.scheduler.prune_batch
    readers = session_factory(settings, read_only=True)
    writers = readers if dry_run else session_factory(settings)
    with readers() as db:
        keep = kept_latest(db)
    after, runs, attempts = 0, 0, 0
    while True:
        with writers.begin() as db:
            batch = _batch(db, cutoff, after, size, lock=not dry_run)
            if not batch:
                break
            after = batch[-1]
            doomed = [run_id for run_id in batch if run_id not in keep]
            if not doomed:
                continue
            if dry_run:
                attempts += db.scalar(select(func.count(JobAttempt.id)).where(JobAttempt.run_id.in_(doomed))) or 0
                runs += len(doomed)
                continue
            attempts += db.execute(delete(JobAttempt).where(JobAttempt.run_id.in_(doomed))).rowcount
            runs += db.execute(delete(JobRun).where(JobRun.id.in_(doomed))).rowcount
    return PruneResult(cutoff, runs, attempts, dry_run)
