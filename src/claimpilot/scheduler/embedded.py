"""The scheduler for one machine: every tick, run what is due for every seller, in this process.

``EmbeddedScheduler(settings, clock=..., sleep=...)``: ``tick()`` runs one
round (runs asked for by a person, new cycles, runs left queued or running by
a process that died, failed runs whose backoff has passed) and returns each run's outcome; the first round
of each UTC day also prunes the run history (``scheduler.keep_runs_days``);
``run_forever(stop)`` ticks every ``scheduler.tick_s`` until ``stop`` is set.
The clock and the sleep are injected so that a test can move time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

from claimpilot.clock import now_utc
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.dispatch import DueRun, claim_due_runs, retry_due, stale_runs
from claimpilot.jobs.manual import take_requested
from claimpilot.jobs.retention import PruneResult, prune_runs
from claimpilot.jobs.runner import RunOutcome, ensure_schema, run_job
from claimpilot.tools.reports import workdirs

log = logging.getLogger(__name__)


class EmbeddedScheduler:
    """Runs every seller's due jobs in this process (``workers`` sellers at a time)."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = now_utc,
                 sleep: Callable[[float], None] | None = None, workers: int = 1, kinds: set[str] | None = None):
        self.settings = settings
        self.clock = clock
        self.sleep = sleep
        self.workers = max(1, workers)
        self.kinds = kinds
        ensure_schema(settings)
        self._sessions = session_factory(settings)
        self._pruned_on: date | None = None

    def due(self) -> list[DueRun]:
        """Claim this round's runs: new cycles, abandoned runs, failed runs ready for a retry."""
        cfg = self.settings.scheduler
        now = self.clock()
        with self._sessions.begin() as db:
            runs = take_requested(db, now, self.kinds)
            runs += claim_due_runs(db, now, self.kinds)
            runs += stale_runs(db, now, 0.0, 0.0)  # left by a process that died; a live one holds the lock
            runs += retry_due(db, now, cfg.max_retries, cfg.retry_backoff_s, cfg.retry_backoff_max_s)
        seen, out = set(), []
        for run in runs:
            if run not in seen and (self.kinds is None or run.kind in self.kinds):
                seen.add(run)
                out.append(run)
        return out

    def _run(self, due: DueRun) -> RunOutcome:
        try:
            return run_job(self.settings, due.seller_id, due.kind, due.cycle, clock=self.clock)
        except Exception as exc:  # recorded on the run by run_job; retried on a later tick
            log.warning("%s %s %s failed: %s", due.seller_id, due.kind, due.cycle, type(exc).__name__)
            return RunOutcome(due.seller_id, due.kind, due.cycle, "failed", result={"error": type(exc).__name__})

    def tick(self) -> list[RunOutcome]:
        """One round: run everything due now; the outcomes in the order the runs were claimed."""
        due = self.due()
        if self.workers == 1 or len(due) <= 1:
            outcomes = [self._run(d) for d in due]
        else:
            with ThreadPoolExecutor(self.workers) as pool:
                outcomes = list(pool.map(self._run, due))
        self.housekeeping()
        return outcomes

    def housekeeping(self) -> PruneResult | None:
        """Once a UTC day, remove the upload and work folders crashed processes left, and prune the run
        history; what was pruned (None: done today already, or off)."""
        now = self.clock()
        today = (now.astimezone(UTC) if now.tzinfo else now).date()
        if self._pruned_on == today:
            return None
        self._pruned_on = today  # a failure is tried again tomorrow, not every tick
        workdirs.collect(self.settings.home)
        if self.settings.scheduler.keep_runs_days == 0:
            return None
        try:
            result = prune_runs(self.settings, now)
        except Exception as exc:  # the jobs go on; the history waits a day
            log.warning("pruning the run history failed: %s", type(exc).__name__)
            return None
        if result.runs:
            log.info("run history: %s", result.describe())
        return result

    def run_forever(self, stop: threading.Event | None = None) -> None:
        """Tick until ``stop`` is set (a round under way is finished first)."""
        stop = stop or threading.Event()
        sleep = self.sleep or stop.wait
        while not stop.is_set():
            started = time.monotonic()
            for outcome in self.tick():
                log.info("%s %s %s: %s", outcome.seller_id, outcome.kind, outcome.cycle, outcome.status)
            sleep(max(0.0, self.settings.scheduler.tick_s - (time.monotonic() - started)))
