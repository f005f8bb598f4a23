"""A new SQLite store made at once from the schema the migrations leave (``sqlite_head.sql``).

An empty SQLite file gets the statements of the snapshot in one transaction, when the snapshot was taken at
the packaged head; any other store (older, PostgreSQL, or a snapshot behind a newer revision) is migrated by
Alembic as always. After adding a revision, ``python -m claimpilot.db snapshot`` writes the snapshot again
(tests/cases/test_db.py says when it is behind).
"""

from __future__ import annotations

import sqlite3
import tempfile
from functools import cache
from pathlib import Path

from sqlalchemy import Engine

SNAPSHOT = Path(__file__).with_name("sqlite_head.sql")
_HEADER = "-- revision: "


@cache
def snapshot() -> tuple[str | None, tuple[str, ...]]:
    """The snapshot's revision and its statements (None, () when there is no snapshot)."""
    if not SNAPSHOT.exists():
        return None, ()
    text = SNAPSHOT.read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    revision = first[len(_HEADER):].strip() if first.startswith(_HEADER) else None
    out, buf = [], ""
    for line in text.splitlines(keepends=True):
        if not buf and (not line.strip() or line.startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return revision, tuple(out)


def create_from_snapshot(engine: Engine, head: str | None) -> bool:
    """Make the schema of an empty SQLite store from the snapshot taken at ``head``; False (nothing done) when
    the store is not SQLite, not empty, or the snapshot is not at ``head``."""
    revision, statements = snapshot()
    if engine.dialect.name != "sqlite" or head is None or revision != head or not statements:
        return False
    with engine.begin() as conn:  # BEGIN IMMEDIATE: a second process waits, then finds the tables made
        if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False
        for statement in statements:
            conn.exec_driver_sql(statement)
    return True


def dump(path: str) -> str:
    """The snapshot text of the SQLite store at ``path``: its tables, indexes, triggers and views, and its
    revision."""
    conn = sqlite3.connect(path)
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        rows = conn.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY "
            "CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid").fetchall()
    finally:
        conn.close()
    lines = [f"{_HEADER}{revision}",
             "-- Written by `python -m claimpilot.db snapshot` from a store the migrations made; do not edit.", ""]
    lines += [f"{sql};\n" for (sql,) in rows]
    lines.append(f"INSERT INTO alembic_version (version_num) VALUES ('{revision}');")
    return "\n".join(lines) + "\n"


def write_snapshot(target: Path = SNAPSHOT) -> str:
    """Migrate a scratch SQLite store to head with Alembic and write its snapshot; returns the revision."""
    from claimpilot.db.engine import make_engine
    from claimpilot.db.migrate import upgrade

    with tempfile.TemporaryDirectory() as scratch:
        path = str(Path(scratch) / "head.sqlite")
        engine = make_engine(f"sqlite:///{path}")
        try:
            upgrade(f"sqlite:///{path}", engine=engine)
        finally:
            engine.dispose()
        text = dump(path)
    target.write_text(text, encoding="utf-8")
    snapshot.cache_clear()
    return text.splitlines()[0][len(_HEADER):]
