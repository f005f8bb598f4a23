"""Fixtures: every cases test runs on SQLite and on PostgreSQL.

PostgreSQL: each test gets a fresh schema in the ``test`` database (named
``cp_<random>``, dropped afterwards), so runs never collide.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from claimpilot.config import Settings
from claimpilot.db.engine import dispose_all

PG_SERVER = os.environ.get("CLAIMPILOT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ops.sqlite'}"
        dispose_all()
        return
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        pytest.fail(f"PostgreSQL server missing: cannot reach {PG_SERVER} ({exc.__class__.__name__}: {exc}). "
                    "The PostgreSQL variant of the cases suite needs it running.", pytrace=False)
    schema = f"cp_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    dispose_all()
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def db_settings(isolated_home, db_url) -> Settings:
    return Settings(home=isolated_home, database_url=db_url, _env_file=None)


@pytest.fixture
def service(db_settings):
    from claimpilot.tools.cases.service import CaseService

    return CaseService(db_settings)
