"""A seller's scheduled jobs: each kind's last run, its result, its next run, failures; recent runs;
run one now (an operator)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from claimpilot import clock
from claimpilot.accounts.models import SellerSchedule
from claimpilot.jobs.manual import request_run
from claimpilot.jobs.status import job_statuses, recent_runs
from claimpilot.server.answers.jobs import JobState, Run, RunRequested
from claimpilot.server.deps import DbDep, SellerAccess, SellerOperator, WriteDbDep

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("")
def list_jobs(ctx: SellerAccess, db: DbDep) -> list[JobState]:
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
    return [JobState.model_validate(row) for row in out]


@router.get("/runs")
def list_runs(ctx: SellerAccess, db: DbDep, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[Run]:
    """This seller's most recent runs, newest first, with every attempt (worker, outcome, error)."""
    return [Run.model_validate(r) for r in recent_runs(db, ctx.seller_id, limit)]


@router.post("/{kind}/run", status_code=202)
def run_now(kind: str, ctx: SellerOperator, db: WriteDbDep) -> RunRequested:
    """Ask for a run of ``kind`` now: the next dispatch round hands it to a worker (a run already asked for
    and not yet started is returned instead of a second)."""
    run = request_run(db, ctx.seller_id, kind, clock.now_utc())  # RunRequestError: 404
    db.commit()
    return RunRequested(kind=run.kind, cycle=run.cycle, status=run.status)
