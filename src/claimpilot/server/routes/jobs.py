"""A seller's scheduled jobs: each kind's last run, its result, its next run, failures; recent runs;
run one now (an operator)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from claimpilot import clock
from claimpilot.jobs.manual import request_run
from claimpilot.jobs.models import JobRun
from claimpilot.jobs.status import job_statuses
from claimpilot.server.deps import DbDep, SellerAccess, SellerOperator, WriteDbDep

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("")
def list_jobs(ctx: SellerAccess, db: DbDep) -> list[dict]:
    """Each job kind of this seller: schedule, last run and result, next run, failures in the last 7 days."""
    return [{**row.to_json(), "summary": row.summary}
            for row in job_statuses(db, clock.now_utc(), [ctx.seller_id])]


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


@router.post("/{kind}/run", status_code=202)
def run_now(kind: str, ctx: SellerOperator, db: WriteDbDep) -> dict:
    """Ask for a run of ``kind`` now: the next dispatch round hands it to a worker (a run already asked for
    and not yet started is returned instead of a second)."""
    run = request_run(db, ctx.seller_id, kind, clock.now_utc())  # RunRequestError: 404
    db.commit()
    return {"kind": run.kind, "cycle": run.cycle, "status": run.status}
