"""Answers of the job routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from claimpilot.server.answers.base import Answer


class JobState(Answer):
    """One job kind of the seller: its schedule, last run and result, next run, recent failures."""

    seller_id: str
    kind: str
    schedule: str
    last_status: str | None
    last_finished: str | None
    last_result: dict[str, Any] | None
    last_error: str
    next_run: str | None
    failures_7d: int
    summary: str


class Attempt(Answer):
    token: int
    worker: str
    started_at: datetime | None
    ended_at: datetime | None
    outcome: str
    error: str


class Run(Answer):
    kind: str
    cycle: str
    status: str
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    error: str
    attempts: list[Attempt]


class RunRequested(Answer):
    """A run asked for now: the next dispatch round hands it to a worker."""

    kind: str
    cycle: str
    status: str
