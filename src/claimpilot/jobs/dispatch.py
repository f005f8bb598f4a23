"""What is due: each enabled schedule's latest cycle without a run record gets one (queued).

``claim_due_runs`` is idempotent and safe to call from several processes at
once (two beats, a beat and an embedded loop): the unique key (seller, kind,
cycle) lets exactly one caller create a run record, and only its creator
returns it. ``stale_runs`` finds runs that were queued or started long ago and
never finished (a lost message, a killed worker), to be handed out again;
``retry_due`` the failed runs whose backoff has passed (embedded loop only:
Celery retries its own tasks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from claimpilot.accounts.models import SellerAccount, SellerSchedule
from claimpilot.jobs.models import JobRun
from claimpilot.jobs.slots import cycle_key, latest_slot


@dataclass(frozen=True)
class DueRun:
    seller_id: str
    kind: str
    cycle: str


def _insert_ignore(db: Session):
    return (pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert)(JobRun.__table__)


def current_cycle(schedule: SellerSchedule, now: datetime) -> str:
    slot = latest_slot(now, schedule.at_utc, schedule.every_minutes)
    return cycle_key(slot, daily=schedule.at_utc is not None)


def claim_due_runs(db: Session, now: datetime, kinds: set[str] | None = None) -> list[DueRun]:
    """Create the queued run record of every schedule's current cycle that has none; return those created."""
    schedules = db.scalars(select(SellerSchedule).join(SellerAccount, SellerAccount.id == SellerSchedule.seller_id)
                           .where(SellerSchedule.enabled.is_(True)).order_by(SellerSchedule.seller_id,
                                                                              SellerSchedule.kind))
    wanted = [s for s in schedules if kinds is None or s.kind in kinds]
    wanted.sort(key=lambda s: (latest_slot(now, s.at_utc, s.every_minutes), s.seller_id, s.kind))
    created = []
    for schedule in wanted:
        cycle = current_cycle(schedule, now)
        stmt = _insert_ignore(db).values(
            seller_id=schedule.seller_id, kind=schedule.kind, cycle=cycle, status="queued", token=0,
            queued_at=now, worker="", error="", result={},
        ).on_conflict_do_nothing(index_elements=["seller_id", "kind", "cycle"]).returning(JobRun.__table__.c.id)
        if db.execute(stmt).first() is not None:
            created.append(DueRun(schedule.seller_id, schedule.kind, cycle))
    return created


def stale_runs(db: Session, now: datetime, queued_after_s: float, running_after_s: float) -> list[DueRun]:
    """Runs queued longer than ``queued_after_s`` or running longer than ``running_after_s`` (their clock restarts)."""
    queued_cutoff = now - timedelta(seconds=queued_after_s)
    running_cutoff = now - timedelta(seconds=running_after_s)
    rows = list(db.scalars(select(JobRun).where(or_(
        and_(JobRun.status == "queued", JobRun.queued_at <= queued_cutoff),
        and_(JobRun.status == "running", JobRun.started_at <= running_cutoff))).order_by(JobRun.id)))
    if rows:
        db.execute(update(JobRun).where(JobRun.id.in_([r.id for r in rows])).values(queued_at=now))
    return [DueRun(r.seller_id, r.kind, r.cycle) for r in rows]


def retry_due(db: Session, now: datetime, max_retries: int, backoff_s: float, backoff_max_s: float) -> list[DueRun]:
    """Failed runs with retries left whose backoff (doubling per attempt, capped) has passed."""
    due = []
    for run in db.scalars(select(JobRun).where(JobRun.status == "failed").order_by(JobRun.id)):
        if run.token > max_retries or run.finished_at is None:
            continue
        wait = min(backoff_s * 2 ** (run.token - 1), backoff_max_s)
        finished = run.finished_at if run.finished_at.tzinfo else run.finished_at.replace(tzinfo=now.tzinfo)
        if finished + timedelta(seconds=wait) <= now:
            due.append(DueRun(run.seller_id, run.kind, run.cycle))
    return due
