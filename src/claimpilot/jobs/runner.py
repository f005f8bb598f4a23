"""Run one job kind for one seller in one cycle: locked, recorded, fenced, at most once to success.

``run_job`` is what the embedded scheduler and the Celery task both call:
1. take the seller's run lock without waiting (another run holds it: ``busy``);
2. under it, close the seller's attempts still open (their worker is gone: it
   no longer holds the lock; ``scheduler.lease.close_orphans``, alerted), open
   the cycle's run record (``job_runs``): already succeeded means ``skipped``;
   else a new attempt with the next fencing token and a lease;
3. run the job with the seller's own Settings while a heartbeat renews the lease;
4. finish the run only if its token is still the newest (``fenced`` if not).
A failure is recorded on the run and raised again as ``JobFailed`` (its message
without the seller's secrets, its cause not chained), for the caller to retry.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimpilot.accounts.models import SellerAccount, SellerCredential, SellerSchedule
from claimpilot.accounts.settings import settings_for_seller
from claimpilot.clock import now_utc
from claimpilot.config import Settings
from claimpilot.db import ensure_schema, session_factory
from claimpilot.db.seller_lock import seller_lock
from claimpilot.jobs.alerts import alert_lost
from claimpilot.jobs.kinds import JOB_KINDS, JobContext
from claimpilot.jobs.lease import Heartbeat, LostAttempt, close_orphans, lease_end
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.slots import cycle_date
from claimpilot.redact import settings_secrets

MAX_ERROR_CHARS = 2000


class UnknownSeller(LookupError):
    """No seller account with that id (removed since the run was queued)."""


class JobFailed(RuntimeError):
    """A job raised; the message (the seller's secrets removed) is what the run record holds."""


class LockLost(RuntimeError):
    """The seller's lock was lost during the run (its database session ended); the run is retried."""


@dataclass
class RunOutcome:
    """How ``run_job`` ended: succeeded, skipped (cycle already done), busy (locked), fenced, failed, or
    moved (the seller's home is another node, ``result["node"]``: the task goes to that node's queue)."""

    seller_id: str
    kind: str
    cycle: str
    status: str
    token: int = 0
    result: dict = field(default_factory=dict)



def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def open_run(db: Session, seller_id: str, kind: str, cycle: str, now: datetime | None = None) -> JobRun:
    """The cycle's run record, created (queued) if new; safe against a concurrent creator."""
    q = select(JobRun).where(JobRun.seller_id == seller_id, JobRun.kind == kind, JobRun.cycle == cycle)
    run = db.scalar(q)
    if run is not None:
        return run
    try:
        with db.begin_nested():
            run = JobRun(seller_id=seller_id, kind=kind, cycle=cycle, status="queued", token=0,
                         queued_at=now or now_utc(), worker="", error="", result={})
            db.add(run)
        return run
    except IntegrityError:
        return db.scalar(q)


def scrub(message: str, settings: Settings) -> str:
    """``message`` without any of the seller's secrets, bounded in length."""
    for secret in settings_secrets(settings):
        message = message.replace(secret, "***")
    return message[:MAX_ERROR_CHARS]


def _seller_settings(db: Session, base: Settings, seller_id: str, kind: str) -> tuple[Settings, dict]:
    account = db.get(SellerAccount, seller_id)
    if account is None:
        raise UnknownSeller(f"no such seller: {seller_id}")
    schedule = db.scalar(select(SellerSchedule).where(SellerSchedule.seller_id == seller_id,
                                                      SellerSchedule.kind == kind))
    options = dict(schedule.options or {}) if schedule is not None else {}
    return settings_for_seller(base, account, db.get(SellerCredential, seller_id)), options


def _begin(db: Session, seller_id: str, kind: str, cycle: str, worker: str, clock: Callable[[], datetime],
           lease_s: float) -> tuple[tuple[int, int] | None, list[LostAttempt]]:
    """Under the seller's lock: close its orphaned attempts, then start a new attempt (None: succeeded)."""
    run = open_run(db, seller_id, kind, cycle, clock())
    now = clock()
    lost = close_orphans(db, seller_id, now)
    if lost:
        db.refresh(run)
    if run.status == "succeeded":
        return None, lost
    run.token += 1
    run.status, run.started_at, run.worker, run.finished_at = "running", now, worker, None
    run.lease_until = lease_end(now, lease_s)
    db.add(JobAttempt(run_id=run.id, token=run.token, worker=worker, pid=os.getpid(), started_at=now,
                      error="", lease_until=run.lease_until))
    db.flush()
    return (run.id, run.token), lost


def _end(db: Session, run_id: int, token: int, status: str, at: datetime, result: dict | None = None,
         error: str = "") -> bool:
    """Close the attempt; finish the run only if ``token`` is still its newest. Whether it was."""
    db.execute(update(JobAttempt).where(JobAttempt.run_id == run_id, JobAttempt.token == token)
               .values(ended_at=at, outcome=status, error=error, lease_until=None))
    values: dict = {"status": status, "finished_at": at, "error": error, "lease_until": None}
    if result is not None:
        values["result"] = result
    done = db.execute(update(JobRun).where(JobRun.id == run_id, JobRun.token == token).values(**values))
    if done.rowcount == 0:
        db.execute(update(JobAttempt).where(JobAttempt.run_id == run_id, JobAttempt.token == token)
                   .values(outcome="fenced"))
    return done.rowcount == 1


def run_job(base: Settings, seller_id: str, kind: str, cycle: str, worker: str | None = None,
            clock: Callable[[], datetime] = now_utc) -> RunOutcome:
    """Run ``kind`` for ``seller_id`` in ``cycle`` unless it already succeeded or another run holds the seller."""
    if kind not in JOB_KINDS:
        raise ValueError(f"unknown job kind {kind!r}; one of {', '.join(sorted(JOB_KINDS))}")
    ensure_schema(base)
    sessions = session_factory(base)
    worker = worker or worker_name()
    with sessions.begin() as db:
        settings, options = _seller_settings(db, base, seller_id, kind)
    with seller_lock(base, seller_id) as lock:
        if lock is None:
            return RunOutcome(seller_id, kind, cycle, "busy")
        cfg = base.scheduler
        with sessions() as db:
            home = db.scalar(select(SellerAccount.node).where(SellerAccount.id == seller_id))
        if home and home != cfg.node:  # moved since the task was queued: its warehouse is not here
            return RunOutcome(seller_id, kind, cycle, "moved", result={"node": home})
        with sessions.begin() as db:
            began, lost = _begin(db, seller_id, kind, cycle, worker, clock, cfg.lease_s)
        alert_lost(base, lost)
        if began is None:
            return RunOutcome(seller_id, kind, cycle, "skipped")
        run_id, token = began
        ctx = JobContext(seller_id, kind, cycle, cycle_date(cycle), options)
        try:
            with Heartbeat(sessions, run_id, token, cfg.lease_s, cfg.heartbeat_s, clock):
                result = JOB_KINDS[kind](settings, ctx)
        except Exception as exc:
            error = scrub(f"{type(exc).__name__}: {exc}", settings)
            with sessions.begin() as db:
                _end(db, run_id, token, "failed", clock(), error=error)
            raise JobFailed(f"{seller_id} {kind} {cycle}: {error}") from None
        if not lock.alive():
            with sessions.begin() as db:
                _end(db, run_id, token, "failed", clock(), error=LockLost.__doc__)
            raise LockLost(f"{seller_id} {kind} {cycle}: {LockLost.__doc__}")
        with sessions.begin() as db:
            finished = _end(db, run_id, token, "succeeded", clock(), result=result)
        return RunOutcome(seller_id, kind, cycle, "succeeded" if finished else "fenced", token, result)
