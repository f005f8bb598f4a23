"""Engines and sessions for the operational store.

SQLite: the file's folder is created, foreign keys are enforced, the journal
is WAL, and every transaction starts with ``BEGIN IMMEDIATE`` so that two
writers queue on the file lock instead of failing halfway; sessions made with
``session_factory(settings, read_only=True)`` begin deferred and read beside a writer.
PostgreSQL: plain ``READ COMMITTED``; code that must serialise takes locks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from claimpilot.config import Settings

SQLITE_BUSY_TIMEOUT_S = 60
READ_ONLY = "claimpilot_read_only"


def make_engine(url: str) -> Engine:
    """An engine for ``url``, configured for the operational store."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, future=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S}, future=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

    return engine


_ENGINES: dict[str, Engine] = {}


def engine_for(settings: Settings) -> Engine:
    """One shared engine per operational URL in this process."""
    url = settings.operational_url
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def counters_engine_for(settings: Settings) -> Engine:
    """The engine that reads data versions on every request (``versions.read_versions``): on PostgreSQL a
    small pool of its own in autocommit, without a ping on checkout, so that a read is one round trip (a
    connection found dead is replaced and the read tried again); on SQLite the shared engine."""
    url = settings.operational_url
    if make_url(url).get_backend_name() == "sqlite":
        return engine_for(settings)
    name = f"{url}#counters"
    if name not in _ENGINES:
        _ENGINES[name] = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=4, max_overflow=4, future=True)
    return _ENGINES[name]


def session_factory(settings: Settings, read_only: bool = False) -> sessionmaker[Session]:
    """A session factory bound to the settings' operational store (``read_only``: for reads only)."""
    engine = engine_for(settings)
    if read_only:
        engine = engine.execution_options(**{READ_ONLY: True})
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def dispose_all() -> None:
    """Close every pooled connection (tests, process shutdown)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
