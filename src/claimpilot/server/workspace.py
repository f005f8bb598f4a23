"""A seller's stores as the server opens them, with one writer at a time per seller.

The DuckDB warehouse takes one writer; imports and audits for the same seller
queue on a per-seller lock here instead of failing on the file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from claimpilot.config import Settings

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def seller_lock(seller_id: str) -> Iterator[None]:
    """Hold the seller's write lock for the block."""
    with _locks_guard:
        lock = _locks.setdefault(seller_id, threading.Lock())
    with lock:
        yield


def report_store(settings: Settings):
    """The seller's ``ReportStore`` (settings already scoped to the seller)."""
    from claimpilot.tools.reports.store import ReportStore

    return ReportStore(settings.warehouse_path(), settings.evidence_dir())


def case_service(settings: Settings):
    """The seller's ``CaseService`` (settings already scoped to the seller)."""
    from claimpilot.tools.cases.service import CaseService

    return CaseService(settings)
