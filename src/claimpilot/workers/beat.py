"""Beat's scheduler: the dispatch round runs in beat itself, never as a task in the workers' queue.

Queued as a task, the round would wait behind every job queued before it, and behind every busy
worker: with all workers in long scans (or 1,000 runs queued at 06:00), no round would run, and a
lost worker's lapsed lease would go unnoticed for as long. Run in beat, the round comes every
``scheduler.tick_s`` whatever the workers do, so recovery takes about ``lease_s + tick_s``. The round
is safe to run in several beats at once (each run record, lost attempt and requeue is claimed by one
conditional write). Other entries (the daily prune) are queued as tasks as usual.
"""

from __future__ import annotations

import logging

from celery.beat import PersistentScheduler

from claimpilot.workers.app import DISPATCH_TASK

log = logging.getLogger(__name__)


class DispatchInBeat(PersistentScheduler):
    """A PersistentScheduler that applies the dispatch entry in this process."""

    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        if entry.task != DISPATCH_TASK:
            return super().apply_async(entry, producer=producer, advance=advance, **kwargs)
        entry = self.reserve(entry) if advance else entry
        result = self.app.tasks[DISPATCH_TASK].apply()
        if result.failed():
            log.warning("dispatch round failed: %s", type(result.result).__name__)
        return result
