"""Where conversations persist: a LangGraph checkpointer on SQLite (default) or PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from langgraph.types import Checkpointer

from claimpilot.config import Settings


def checkpoint_path(settings: Settings):
    return settings.home / "agent" / "conversations.sqlite"


def postgres_dsn(url: str) -> str | None:
    """A libpq DSN from a SQLAlchemy or plain PostgreSQL URL; None for anything else."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] not in ("postgresql", "postgres"):
        return None
    return f"postgresql://{rest}"


@contextmanager
def open_checkpointer(settings: Settings) -> Iterator[Checkpointer]:
    """The conversation store for these settings, set up and open for the duration of the block."""
    dsn = postgres_dsn(settings.database_url or "")
    if dsn:
        from langgraph.checkpoint.postgres import PostgresSaver

        with PostgresSaver.from_conn_string(dsn) as saver:
            saver.setup()
            yield saver
        return
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = checkpoint_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False)
    try:
        saver = SqliteSaver(conn)
        saver.setup()  # the journal is WAL from here
        # A turn commits several checkpoint writes; in WAL mode NORMAL syncs the log at checkpoints rather
        # than at every commit: the file stays whole on a crash, and only a power cut can lose the last turn.
        conn.execute("PRAGMA synchronous=NORMAL")
        yield saver
    finally:
        conn.close()
