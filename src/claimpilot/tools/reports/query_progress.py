"""How far the import of one file has gone, from DuckDB's own progress of the query it runs.

While a file is read, cast and merged, a thread asks the connection for the running query's progress
(DuckDB's ``query_progress``, in percent) a few times a second and hands it on, so a bar can move
within a large file and tell the time left.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from claimpilot.tools.reports.warehouse import WarehouseConnection

POLL_S = 0.25


@contextmanager
def watching(con: WarehouseConnection, report: Callable[[float], None], every: float | None = None) -> Iterator[None]:
    """Call ``report(percent)`` (0..100, never going back) while ``con`` runs its queries."""
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    con.execute("SET progress_bar_time = 0")  # measured from the query's start, not after two seconds
    stop = threading.Event()
    best = 0.0

    def poll() -> None:
        nonlocal best
        while not stop.wait(every or POLL_S):
            try:
                percent = float(con.query_progress())
            except (duckdb.Error, RuntimeError):
                continue
            if percent > best:
                best = min(percent, 100.0)
                report(best)

    thread = threading.Thread(target=poll, name="import-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
