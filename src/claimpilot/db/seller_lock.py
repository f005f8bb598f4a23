"""At most one run per seller at a time, across threads, processes and machines.

On PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) held on
a connection of its own for the whole run. On SQLite (one machine): an
exclusive ``flock`` on ``<seller_dir>/run.lock``.

Why not a Redis lock with a TTL: a seller's scan takes seconds or an hour, so
any TTL is either too short (it lapses mid-run, and a second run starts) or
too long (a crashed worker blocks the seller until it expires), and a renewal
thread can stall. Both locks used here are released by the server or the kernel
the moment the holder's connection or process dies (a SIGKILLed worker frees
its sellers at once), and they live beside the data they protect. The run's
fencing token (``JobRun.token``) covers what remains: a worker that lost its
database session finishes nothing, because its token is no longer the newest.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

from claimpilot.config import Settings
from claimpilot.db.engine import engine_for


def lock_key(seller_id: str) -> int:
    """A signed 64-bit advisory-lock key for the seller's runs (distinct from the claims-sync key)."""
    return int.from_bytes(hashlib.sha256(f"run:{seller_id}".encode()).digest()[:8], "big", signed=True)


class SellerLock:
    """A held lock; ``alive()`` says whether it is still held (PostgreSQL: the session still open)."""

    def __init__(self, conn: Connection | None = None) -> None:
        self._conn = conn

    def alive(self) -> bool:
        if self._conn is None:
            return True
        try:
            self._conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False


@contextmanager
def seller_lock(settings: Settings, seller_id: str) -> Iterator[SellerLock | None]:
    """Try to take the seller's run lock without waiting; yields the lock, or None if another run holds it."""
    engine = engine_for(settings)
    if engine.dialect.name == "postgresql":
        yield from _pg_lock(engine, seller_id)
    else:
        yield from _file_lock(settings, seller_id)


def _pg_lock(engine: Engine, seller_id: str) -> Iterator[SellerLock | None]:
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    key = lock_key(seller_id)
    try:
        held = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        if not held:
            yield None
            return
        try:
            yield SellerLock(conn)
        finally:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            except Exception:
                conn.invalidate()  # closing the session releases the lock
    finally:
        conn.close()


def _file_lock(settings: Settings, seller_id: str) -> Iterator[SellerLock | None]:
    path = settings.seller_dir(seller_id) / "run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        try:
            yield SellerLock()
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
