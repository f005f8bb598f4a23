"""A seller's scheduled jobs: each kind's last run, its result, its next run, failures; recent runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from claimpilot import clock
from claimpilot.accounts.models import SellerSchedule
from claimpilot.jobs.models import JobRun
from claimpilot.jobs.status import job_statuses
from claimpilot.server.deps import DbDep, SellerAccess

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("")
def list_jobs(ctx: SellerAccess, db: DbDep) -> list[dict]:
    """Each job kind of this seller: schedule (also as ``at_utc``/``every_minutes``/``enabled`` for a page to
    word in its language), last run and result, next run (``due_now`` when it runs at the next tick),
    failures in the last 7 days."""
    schedules = {s.kind: s for s in db.scalars(select(SellerSchedule).where(SellerSchedule.seller_id == ctx.seller_id))}
    out = []
    for row in job_statuses(db, clock.now_utc(), [ctx.seller_id]):
        plan = schedules.get(row.kind)
        out.append({**row.to_json(), "summary": row.summary, "at_utc": plan.at_utc if plan else None,
                    "every_minutes": plan.every_minutes if plan else None, "enabled": bool(plan and plan.enabled),
                    "due_now": row.next_run == "due now"})
    return out


@router.get("/runs")
def list_runs(ctx: SellerAccess, db: DbDep, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict]:
    """This seller's most recent runs, newest first, with every attempt (worker, outcome, error)."""
    runs = db.scalars(select(JobRun).where(JobRun.seller_id == ctx.seller_id)
                      .order_by(JobRun.queued_at.desc(), JobRun.id.desc()).limit(limit))
    return [{"kind": r.kind, "cycle": r.cycle, "status": r.status, "queued_at": r.queued_at,
             "started_at": r.started_at, "finished_at": r.finished_at, "error": r.error,
             "attempts": [{"token": a.token, "worker": a.worker, "started_at": a.started_at,
                           "ended_at": a.ended_at, "outcome": a.outcome or "unfinished", "error": a.error}
                          for a in r.attempts]} for r in runs]
