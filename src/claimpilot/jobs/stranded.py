"""Runs whose task was lost with a worker that had taken it and not yet begun it.

A worker takes a task from its node's queue a moment before it starts it. Killed in that moment (whole, or
its main process only), it takes the task with it: the broker keeps a taken task unacknowledged until its
visibility timeout (hours), and no attempt was begun, so no lease lapses; the run stays queued. The run's home
node tells it: a worker of the node finished an attempt after the run was queued (the node has workers), and
for ``idle_s`` none has held or begun one (they are idle) while the run is still queued. Its task is then not in
the node's queue; the run is handed out again (the lost task, restored by the broker later, finds the run done
and is skipped). A node down altogether finishes nothing after the run is queued: its runs wait for it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from claimpilot.accounts.models import SellerAccount
from claimpilot.jobs.dispatch import DueRun
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.slots import as_utc  # SQLite gives back its times without their zone


def stranded_runs(db: Session, now: datetime, idle_s: float) -> list[DueRun]:
    """The queued runs of nodes idle for ``idle_s`` since one of their workers last finished an attempt after
    the run was queued; their clock restarts (``queued_at``)."""
    cutoff = now - timedelta(seconds=idle_s)
    queued = list(db.execute(select(JobRun, SellerAccount.node)
                             .join(SellerAccount, SellerAccount.id == JobRun.seller_id)
                             .where(JobRun.status == "queued", JobRun.queued_at <= cutoff).order_by(JobRun.id)))
    stranded = []
    for node in sorted({node or "" for _, node in queued}):
        running, last_begun, last_ended = _activity(db, node)
        if running or last_ended is None or (last_begun is not None and as_utc(last_begun) > cutoff):
            continue
        stranded += [run for run, of in queued if (of or "") == node and as_utc(last_ended) >= as_utc(run.queued_at)]
    if stranded:
        db.execute(update(JobRun).where(JobRun.id.in_([r.id for r in stranded])).values(queued_at=now))
    return [DueRun(r.seller_id, r.kind, r.cycle) for r in stranded]


def _activity(db: Session, node: str) -> tuple[int, datetime | None, datetime | None]:
    """The attempts of ``node``'s sellers: how many are open, when the last began, when the last ended."""
    mine = SellerAccount.node == node if node else or_(SellerAccount.node.is_(None), SellerAccount.node == "")
    row = db.execute(select(func.coalesce(func.sum(case((JobAttempt.ended_at.is_(None), 1), else_=0)), 0),
                            func.max(JobAttempt.started_at), func.max(JobAttempt.ended_at))
                     .join(JobRun, JobRun.id == JobAttempt.run_id)
                     .join(SellerAccount, SellerAccount.id == JobRun.seller_id).where(mine)).one()
    return int(row[0]), row[1], row[2]
