"""What is due: each enabled schedule's latest cycle without a run record gets one (queued).

``claim_due_runs`` is idempotent and safe to call from several processes at
once (two beats, a beat and an embedded loop): the unique key (seller, kind,
cycle) lets exactly one caller create a run record, and only its creator
returns it. ``stale_runs`` finds runs that were queued long ago and never
started (a lost message), to be handed out again (a killed worker's runs are
found by their lapsed lease: ``jobs.lease``);
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


def claim_due_runs(db: Session, now: datetime, kinds: set[str] | None = None,
                   first_runs: int | None = None) -> list[DueRun]:
    """Create the queued run record of every schedule's current cycle that has none; return those created.

    ``first_runs``: at most this many records for schedules that never ran (a new seller's), scans
    first; the others wait for a later round, so that many sellers added at once start a few at a time.
    """
    schedules = db.scalars(select(SellerSchedule).join(SellerAccount, SellerAccount.id == SellerSchedule.seller_id)
                           .where(SellerSchedule.enabled.is_(True)).order_by(SellerSchedule.seller_id,
                                                                              SellerSchedule.kind))
    wanted = [s for s in schedules if kinds is None or s.kind in kinds]
    wanted.sort(key=lambda s: (latest_slot(now, s.at_utc, s.every_minutes), s.seller_id, s.kind))
    if first_runs:
        ran = {(seller, kind) for seller, kind in db.execute(select(JobRun.seller_id, JobRun.kind).distinct())}
        firsts = sorted((s for s in wanted if (s.seller_id, s.kind) not in ran),
                        key=lambda s: (s.kind != "scan", s.seller_id, s.kind))
        held = {id(s) for s in firsts[first_runs:]}
        wanted = [s for s in wanted if id(s) not in held]
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


def stale_runs(db: Session, now: datetime, queued_after_s: float, running_after_s: float | None) -> list[DueRun]:
    """Runs queued longer than ``queued_after_s`` or running longer than ``running_after_s`` (None: a running
    run is never stale here; its lease says whether its worker lives); their clock restarts."""
    queued_cutoff = now - timedelta(seconds=queued_after_s)
    stale = and_(JobRun.status == "queued", JobRun.queued_at <= queued_cutoff)
    if running_after_s is not None:
        stale = or_(stale, and_(JobRun.status == "running",
                                JobRun.started_at <= now - timedelta(seconds=running_after_s)))
    rows = list(db.scalars(select(JobRun).where(stale).order_by(JobRun.id)))
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
