"""Runs and attempts of the per-seller jobs, in the operational store.

A *run* is one job kind for one seller in one *cycle* (the slot its schedule
fell due in: a date for daily jobs, a minute for interval jobs); the unique key
(seller, kind, cycle) makes a second run of one cycle impossible. Each time a
worker takes the run it becomes an *attempt* with a fresh fencing token; only
the holder of the newest token may finish the run. A running run and its open
attempt hold a lease (``lease_until``) that the worker renews by heartbeat; a
lapsed lease means the worker is gone (``jobs.lease``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimpilot import clock
from claimpilot.db.base import Base


class JobRun(Base):
    """One job kind for one seller in one cycle: queued, running, succeeded or failed."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("seller_id", "kind", "cycle"), Index("ix_job_runs_status", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    cycle: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    token: Mapped[int] = mapped_column(Integer, default=0)
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    worker: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    attempts: Mapped[list[JobAttempt]] = relationship(back_populates="run", order_by="JobAttempt.id",
                                                       cascade="all, delete-orphan")


class JobAttempt(Base):
    """One worker's go at a run: its fencing token, where it ran, how it ended (null: it never said)."""

    __tablename__ = "job_attempts"
    __table_args__ = (Index("ix_job_attempts_open", "ended_at", "lease_until"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("job_runs.id", ondelete="CASCADE"), index=True)
    token: Mapped[int] = mapped_column(Integer)
    worker: Mapped[str] = mapped_column(String(200), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(16))
    error: Mapped[str] = mapped_column(Text, default="")
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    run: Mapped[JobRun] = relationship(back_populates="attempts")
