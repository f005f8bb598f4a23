"""The status view: for each seller and job kind, the last run, its result, the next run, failures."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimpilot.accounts.models import SellerAccount, SellerSchedule
from claimpilot.jobs.dispatch import current_cycle
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.slots import next_slot

FAILURE_WINDOW = timedelta(days=7)


@dataclass
class JobStatus:
    seller_id: str
    kind: str
    schedule: str
    last_cycle: str | None
    last_status: str | None
    last_finished: str | None
    last_result: dict | None
    last_error: str
    next_run: str | None
    failures_7d: int

    @property
    def summary(self) -> str:
        """The last result in a few words."""
        r = self.last_result or {}
        if "findings" in r:
            return f"{r['findings']} findings, {r.get('claims', {}).get('created', 0)} new claims"
        if "counts" in r:
            return ", ".join(f"{v} {k}" for k, v in r["counts"].items() if v) or "nothing to report"
        return ""

    def to_json(self) -> dict:
        return asdict(self)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _next(db: Session, schedule: SellerSchedule, now: datetime) -> str | None:
    """When the schedule runs next: "due now" while its current cycle has not succeeded (a run asked for
    by a person, whatever its cycle, does not stand for the schedule's)."""
    if not schedule.enabled:
        return None
    current = db.scalar(select(JobRun.status).where(JobRun.seller_id == schedule.seller_id,
                                                    JobRun.kind == schedule.kind,
                                                    JobRun.cycle == current_cycle(schedule, now)))
    if current is None or current in ("queued", "failed"):
        return "due now"
    return _iso(next_slot(now, schedule.at_utc, schedule.every_minutes))


def job_statuses(db: Session, now: datetime, seller_ids: list[str] | None = None) -> list[JobStatus]:
    """One row per seller and scheduled job kind (and per job kind run without a schedule)."""
    from claimpilot.accounts.sellers import describe

    sellers = select(SellerAccount.id).order_by(SellerAccount.id)
    if seller_ids is not None:
        sellers = sellers.where(SellerAccount.id.in_(seller_ids))
    out = []
    since = now - FAILURE_WINDOW
    for seller_id in db.scalars(sellers):
        schedules = {s.kind: s for s in db.scalars(select(SellerSchedule).where(SellerSchedule.seller_id == seller_id))}
        kinds = set(schedules) | set(db.scalars(select(JobRun.kind).where(JobRun.seller_id == seller_id).distinct()))
        for kind in sorted(kinds):
            last = db.scalar(select(JobRun).where(JobRun.seller_id == seller_id, JobRun.kind == kind)
                             .order_by(JobRun.queued_at.desc(), JobRun.id.desc()).limit(1))
            failures = db.scalar(select(func.count(JobAttempt.id)).join(JobRun, JobRun.id == JobAttempt.run_id).where(
                JobRun.seller_id == seller_id, JobRun.kind == kind, JobAttempt.outcome == "failed",
                JobAttempt.started_at >= since)) or 0
            schedule = schedules.get(kind)
            out.append(JobStatus(
                seller_id, kind, describe(schedule) if schedule else "not scheduled",
                last.cycle if last else None, last.status if last else None,
                _iso(last.finished_at) if last else None, last.result if last else None,
                (last.error if last else "") or "", _next(db, schedule, now) if schedule else None, failures))
    return out


def recent_runs(db: Session, seller_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """The seller's most recent runs, newest first, each with every attempt (worker, outcome, error)."""
    runs = db.scalars(select(JobRun).where(JobRun.seller_id == seller_id)
                      .order_by(JobRun.queued_at.desc(), JobRun.id.desc()).limit(limit))
    return [{"kind": r.kind, "cycle": r.cycle, "status": r.status, "queued_at": r.queued_at,
             "started_at": r.started_at, "finished_at": r.finished_at, "error": r.error,
             "attempts": [{"token": a.token, "worker": a.worker, "started_at": a.started_at,
                           "ended_at": a.ended_at, "outcome": a.outcome or "unfinished", "error": a.error}
                          for a in r.attempts]} for r in runs]
