"""A fresh PostgreSQL schema for one test, on the server this machine runs (127.0.0.1:5432)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text

from claimpilot.db.engine import dispose_all

PG_SERVER = os.environ.get("CLAIMPILOT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def fresh_schema(prefix: str = "cp") -> Iterator[str]:
    """Yield a database URL whose search_path is a new schema; drop it afterwards.

    Fails the test, saying so, when the PostgreSQL server cannot be reached:
    these tests use the real server and never skip it."""
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        pytest.fail(f"PostgreSQL server missing: cannot reach {PG_SERVER} ({type(exc).__name__}: {exc})",
                    pytrace=False)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    finally:
        dispose_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
