"""Run now: a job asked for by a person (``claimpilot jobs run``, the web page's button, the API).

``request_run`` records a run of its own cycle (the moment asked, to the second: ``2026-12-05T08:31:07Z``,
as of that date), status ``requested``, and returns at once. The next dispatch round (beat's, every
``scheduler.tick_s``; or the embedded scheduler's tick) takes each requested run (a conditional write,
so two dispatchers never take one twice) and hands it out like any due run: one task on Celery, or
a run in the embedded loop. It goes through the same lock, lease, fencing and retries as a scheduled
run, so it never runs beside another job of the seller.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimpilot.accounts.models import SellerAccount
from claimpilot.errors import NotFound
from claimpilot.jobs.dispatch import DueRun
from claimpilot.jobs.lease import changed
from claimpilot.jobs.models import JobRun

REQUESTED = "requested"


class RunRequestError(NotFound):
    """The run cannot be asked for: no such seller account or job kind."""


def manual_cycle(now: datetime) -> str:
    return (now.astimezone(UTC) if now.tzinfo else now).strftime("%Y-%m-%dT%H:%M:%SZ")


def request_run(db: Session, seller_id: str, kind: str, now: datetime) -> JobRun:
    """Record a requested run of ``kind`` for ``seller_id``; one already waiting for this seller and kind is
    returned instead of a second."""
    from claimpilot.jobs.kinds import JOB_KINDS

    if db.get(SellerAccount, seller_id) is None:
        raise RunRequestError(f"no such seller: {seller_id}")
    if kind not in JOB_KINDS:
        raise RunRequestError(f"unknown job kind {kind!r}; one of {', '.join(sorted(JOB_KINDS))}")
    waiting = db.scalar(select(JobRun).where(JobRun.seller_id == seller_id, JobRun.kind == kind,
                                             JobRun.status == REQUESTED).limit(1))
    if waiting is not None:
        return waiting
    run = JobRun(seller_id=seller_id, kind=kind, cycle=manual_cycle(now), status=REQUESTED, token=0,
                 queued_at=now, worker="", error="", result={})
    try:
        with db.begin_nested():
            db.add(run)
    except IntegrityError:  # asked twice within one second: that one run
        return db.scalars(select(JobRun).where(JobRun.seller_id == seller_id, JobRun.kind == kind,
                                               JobRun.cycle == manual_cycle(now))).one()
    return run


def take_requested(db: Session, now: datetime, kinds: set[str] | None = None) -> list[DueRun]:
    """The requested runs (of ``kinds``), each now queued (taken by this caller only)."""
    out = []
    q = select(JobRun).where(JobRun.status == REQUESTED).order_by(JobRun.id)
    if kinds is not None:
        q = q.where(JobRun.kind.in_(sorted(kinds)))
    for run in db.scalars(q).all():
        if changed(db, update(JobRun).where(JobRun.id == run.id, JobRun.status == REQUESTED)
                   .values(status="queued", queued_at=now)) == 1:
            out.append(DueRun(run.seller_id, run.kind, run.cycle))
    return out
