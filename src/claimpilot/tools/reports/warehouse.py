"""The one way this process opens a seller's DuckDB warehouse file.

DuckDB refuses a second open of one file in a process with another
configuration (read-only next to read-write), and writers in one process must
share one database instance. So every opener (report store, fetcher, audit,
cases, agent tools, server) asks ``connect``: it keeps one database instance a
file while any connection to it is open, gives each caller its own cursor, and
closes the file when the last cursor is closed, so that other processes can
open it between uses. Writers hold the file's write lock (``writing``) for the
whole of a transaction; readers never wait for it and see committed data only.

Across processes: a process that wrote the file leaves a snapshot of it
(``snapshot``) as it closes it; a reader that finds the file held by another
process reads that snapshot, so reads never fail while a writer works. A writer
that finds it held gets ``WarehouseBusy`` (try again later), never a raw lock error.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import duckdb

from claimpilot.config import get_settings
from claimpilot.tools.reports import snapshot

log = logging.getLogger(__name__)
READ_WRITE_WAIT_S = 30.0  # how long a writer waits for readers of a file opened read-only to finish


RETRY_AFTER_S = 10


class WarehouseBusy(duckdb.IOException):
    """Another process is writing the file (or this one reads it from a snapshot meanwhile): try again later."""

    retry_after_s = RETRY_AFTER_S


class _Database:
    """One open database instance of one file, with its users and its write lock."""

    def __init__(self, key: str, root: duckdb.DuckDBPyConnection, read_only: bool) -> None:
        self.key = key
        self.root = root
        self.read_only = read_only
        self.users = 0
        self.write_lock = threading.RLock()
        self.wrote = False  # a snapshot is published when the file is closed


_open: dict[str, _Database] = {}
_guard = threading.Condition(threading.RLock())


class WarehouseConnection:
    """A cursor of the file's shared database; use it as a DuckDB connection, and close it (or use ``with``)."""

    def __init__(self, db: _Database, cursor: duckdb.DuckDBPyConnection, read_only: bool) -> None:
        self._db = db
        self._cursor = cursor
        self.read_only = read_only
        self._release = weakref.finalize(self, _release, db, cursor)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __enter__(self) -> WarehouseConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return Path(self._db.key)

    @property
    def closed(self) -> bool:
        return not self._release.alive

    def close(self) -> None:
        """Close this cursor; the file is closed when its last cursor is."""
        self._release()

    def writing(self) -> AbstractContextManager[None]:
        """Hold the file's write lock (reentrant in one thread) for a block of writes or a transaction."""
        if self.read_only:
            raise duckdb.InvalidInputException(f"{self._db.key}: this connection was opened read-only")
        return _write_lock(self._db)


@contextmanager
def _write_lock(db: _Database) -> Iterator[None]:
    with db.write_lock:
        yield
        db.wrote = True  # a block that failed (and rolled back) leaves the snapshot as it was


def connect(path: str | Path, read_only: bool = False) -> WarehouseConnection:
    """A new cursor on the warehouse at ``path`` (created if missing, unless ``read_only``)."""
    key = str(Path(path).resolve())
    with _guard:
        db = _database(key, read_only)
        try:
            cursor = db.root.cursor()
        except BaseException:
            if db.users == 0:
                del _open[key]
                db.root.close()
            raise
        db.users += 1
    return WarehouseConnection(db, cursor, read_only or db.read_only)


def writing(con: Any) -> AbstractContextManager[None]:
    """The write lock of ``con``'s file; nothing for a DuckDB connection opened some other way."""
    return con.writing() if isinstance(con, WarehouseConnection) else nullcontext()


def open_files() -> dict[str, int]:
    """The files open in this process and their open cursors."""
    with _guard:
        return {key: db.users for key, db in _open.items()}


def _database(key: str, read_only: bool) -> _Database:
    deadline = time.monotonic() + READ_WRITE_WAIT_S
    while True:
        db = _open.get(key)
        if db is None:
            root, opened_read_only = _open_file(key, read_only)
            root.execute(f"SET memory_limit = '{get_settings().warehouse_memory_limit}'")
            db = _Database(key, root, opened_read_only)
            _open[key] = db
            return db
        if read_only or not db.read_only:
            return db
        left = deadline - time.monotonic()
        if left <= 0:
            raise WarehouseBusy(f"{key}: open read-only in this process (another process was writing it) "
                                "and still in use; try again")
        _guard.wait(left)


def _open_file(key: str, read_only: bool) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """Read-write when this process may; for a reader while another process holds the file, the file
    read-only where that works, else its snapshot; for a writer then, ``WarehouseBusy``."""
    if read_only and not Path(key).exists():
        return duckdb.connect(key, read_only=True), True  # raises: no such file
    try:
        return duckdb.connect(key), False
    except duckdb.IOException as exc:
        if not read_only:
            raise _busy(key, exc) from exc
        try:
            return duckdb.connect(key, read_only=True), True
        except duckdb.IOException as again:
            copy = snapshot.open_read_only(key)
            if copy is None:
                raise _busy(key, again) from again
            return copy, True


def _busy(key: str, exc: duckdb.IOException) -> duckdb.IOException:
    if "lock" not in str(exc).lower():
        return exc
    return WarehouseBusy(f"{Path(key).parent.name}/{Path(key).name}: another claimpilot process is writing "
                         f"this seller's report store (an import, a sync or a scan); try again when it is done")


def _release(db: _Database, cursor: duckdb.DuckDBPyConnection) -> None:
    try:
        cursor.close()
    finally:
        with _guard:
            db.users -= 1
            if db.users == 0 and _open.get(db.key) is db:
                del _open[db.key]
                try:
                    if db.wrote and not db.read_only:
                        snapshot.publish(db.root, db.key)
                except (OSError, duckdb.Error) as exc:  # readers keep the older snapshot
                    log.warning("could not publish a snapshot of %s: %s", db.key, exc)
                finally:
                    db.root.close()
                    _guard.notify_all()


def _forget_after_fork() -> None:
    """A forked child must not use its parent's database instances: it opens its own."""
    global _guard
    _open.clear()
    _guard = threading.Condition(threading.RLock())


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)
