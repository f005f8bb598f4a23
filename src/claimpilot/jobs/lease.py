"""Leases on running jobs: a worker that stops renewing its lease is lost, and its run goes to another.

A running run and its open attempt hold a lease (``lease_until``). The worker renews it every
``scheduler.heartbeat_s`` from a thread of its own (``Heartbeat``), for ``scheduler.lease_s``.
Whatever kills the worker (SIGKILL of the whole worker, of its main process, of a pool child, a
machine gone) stops the heartbeat, so the lease lapses within ``lease_s``. Then:

- ``reap_lapsed`` (every dispatch round) closes each lapsed attempt as failed (``WORKER_LOST``), and
  puts its run back to ``queued`` (or ``failed`` once ``max_retries`` attempts were made); the caller
  alerts and queues a task for each run put back. A conditional update claims each attempt and run,
  so two dispatchers (two beats) never close, alert or requeue one twice.
- ``close_orphans`` (when a worker takes a seller's lock) closes the seller's attempts still open:
  holding the lock proves their worker is gone (a killed pool child's task redelivered at once).

A lapsed worker that is in fact alive (a long stall) loses nothing: it still holds the seller's
lock, so the requeued task waits; its fencing token is still the newest, so its result stands.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from claimpilot.jobs.models import JobAttempt, JobRun

log = logging.getLogger(__name__)

WORKER_LOST = "worker lost"


@dataclass(frozen=True)
class LostAttempt:
    """An attempt closed because its worker is gone."""

    run_id: int
    seller_id: str
    kind: str
    cycle: str
    token: int
    worker: str
    pid: int
    started_at: datetime
    closed_at: datetime

    def describe(self) -> str:
        return (f"{WORKER_LOST}: attempt {self.token} of {self.seller_id} {self.kind} {self.cycle} on "
                f"{self.worker or '?'} (pid {self.pid}), started {self.started_at:%Y-%m-%d %H:%M:%S} UTC, "
                f"stopped renewing its lease")


def changed(db: Session, statement: Executable) -> int:
    """Run an UPDATE; how many rows it changed (a conditional update's claim: 1 won, 0 lost)."""
    return cast(CursorResult[Any], db.execute(statement)).rowcount


def lease_end(now: datetime, lease_s: float) -> datetime:
    return now + timedelta(seconds=lease_s)


def _close(db: Session, attempt: JobAttempt, run: JobRun, now: datetime) -> LostAttempt | None:
    """Close ``attempt`` as lost if it is still open (this caller claimed it); None if another did."""
    lost = LostAttempt(run.id, run.seller_id, run.kind, run.cycle, attempt.token, attempt.worker, attempt.pid,
                       attempt.started_at, now)
    done = changed(db, update(JobAttempt).where(JobAttempt.id == attempt.id, JobAttempt.ended_at.is_(None))
                   .values(ended_at=now, outcome="failed", error=lost.describe(), lease_until=None))
    return lost if done == 1 else None


def close_orphans(db: Session, seller_id: str, now: datetime) -> list[LostAttempt]:
    """Close every open attempt of ``seller_id``'s runs; only for the holder of the seller's lock. Their
    runs' leases are ended, so that the next dispatch round puts them back in the queue."""
    rows = db.execute(select(JobAttempt, JobRun).join(JobRun, JobRun.id == JobAttempt.run_id)
                      .where(JobRun.seller_id == seller_id, JobAttempt.ended_at.is_(None))
                      .order_by(JobAttempt.id)).all()
    out = []
    for attempt, run in rows:
        lost = _close(db, attempt, run, now)
        if lost is not None:
            out.append(lost)
            db.execute(update(JobRun).where(JobRun.id == run.id, JobRun.token == attempt.token,
                                            JobRun.status == "running").values(lease_until=now))
    return out


def _lapsed(column, started, now: datetime, lease_s: float):
    """Lease over; an attempt or run from before leases existed counts from its start."""
    return or_(column <= now, and_(column.is_(None), started <= now - timedelta(seconds=lease_s)))


@dataclass
class Reaped:
    """What a round of ``reap_lapsed`` did: the attempts it closed, the runs it put back in the queue
    (each needs a task) and the runs that ran out of retries (left failed)."""

    lost: list[LostAttempt]
    requeued: list[JobRun]
    given_up: list[JobRun]


def reap_lapsed(db: Session, now: datetime, lease_s: float, max_retries: int) -> Reaped:
    """Close the lapsed attempts; queue their runs again (failed after ``max_retries`` attempts)."""
    lost = []
    for attempt, run in db.execute(select(JobAttempt, JobRun).join(JobRun, JobRun.id == JobAttempt.run_id).where(
            JobAttempt.ended_at.is_(None),
            _lapsed(JobAttempt.lease_until, JobAttempt.started_at, now, lease_s)).order_by(JobAttempt.id)).all():
        closed = _close(db, attempt, run, now)
        if closed is not None:
            lost.append(closed)
            db.execute(update(JobRun).where(JobRun.id == run.id, JobRun.token == attempt.token,
                                            JobRun.status == "running").values(lease_until=now))
    requeued: list[JobRun] = []
    given_up: list[JobRun] = []
    for run in db.scalars(select(JobRun).where(JobRun.status == "running",
                                               _lapsed(JobRun.lease_until, JobRun.started_at, now, lease_s))
                          .order_by(JobRun.id)).all():
        if db.scalar(select(JobAttempt.id).where(JobAttempt.run_id == run.id, JobAttempt.token == run.token,
                                                 JobAttempt.ended_at.is_(None))) is not None:
            continue  # its attempt was renewed after all (a heartbeat between the two queries)
        retry = run.token <= max_retries
        error = f"{WORKER_LOST}: attempt {run.token} on {run.worker or '?'} stopped renewing its lease"
        values = ({"status": "queued", "queued_at": now} if retry else {"status": "failed", "finished_at": now})
        done = changed(db, update(JobRun).where(JobRun.id == run.id, JobRun.token == run.token,
                                                JobRun.status == "running")
                       .values(error=error, lease_until=None, **values))
        if done == 1:
            (requeued if retry else given_up).append(run)
    return Reaped(lost, requeued, given_up)


class Heartbeat:
    """Renews the lease of one attempt (and of its run, while the attempt is the run's newest) every
    ``every_s`` from a daemon thread, until ``stop()``. ``lost`` turns true when the attempt was closed
    by someone else (its lease had lapsed): the run is no longer this worker's to finish."""

    def __init__(self, sessions: sessionmaker, run_id: int, token: int, lease_s: float, every_s: float,
                 clock: Callable[[], datetime]):
        self.sessions, self.run_id, self.token = sessions, run_id, token
        self.lease_s, self.every_s, self.clock = lease_s, every_s, clock
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"lease-{run_id}-{token}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=max(5.0, self.every_s))

    def renew(self) -> bool:
        """Extend the lease now; whether the attempt was still open."""
        until = lease_end(self.clock(), self.lease_s)
        with self.sessions.begin() as db:
            done = changed(db, update(JobAttempt).where(JobAttempt.run_id == self.run_id,
                                                        JobAttempt.token == self.token,
                                                        JobAttempt.ended_at.is_(None)).values(lease_until=until))
            db.execute(update(JobRun).where(JobRun.id == self.run_id, JobRun.token == self.token,
                                            JobRun.status == "running").values(lease_until=until))
        if done == 0:
            self.lost = True
        return not self.lost

    def _loop(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                if not self.renew():
                    log.warning("run %s attempt %s: its lease lapsed and it was closed as %s", self.run_id,
                                self.token, WORKER_LOST)
                    return
            except Exception as exc:  # noqa: BLE001 - the database away a moment: try again next beat
                log.warning("run %s attempt %s: renewing the lease failed: %s", self.run_id, self.token,
                            type(exc).__name__)
