"""A seller's scheduled jobs: each kind's last run, its result, its next run, failures; recent runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from claimpilot import clock
from claimpilot.jobs.status import job_statuses, recent_runs
from claimpilot.server.answers.jobs import JobState, Run
from claimpilot.server.deps import DbDep, SellerAccess

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("")
def list_jobs(ctx: SellerAccess, db: DbDep) -> list[JobState]:
    """Each job kind of this seller: schedule, last run and result, next run, failures in the last 7 days."""
    return [JobState.model_validate({**row.to_json(), "summary": row.summary})
            for row in job_statuses(db, clock.now_utc(), [ctx.seller_id])]


@router.get("/runs")
def list_runs(ctx: SellerAccess, db: DbDep, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[Run]:
    """This seller's most recent runs, newest first, with every attempt (worker, outcome, error)."""
    return [Run.model_validate(r) for r in recent_runs(db, ctx.seller_id, limit)]
