"""Fixtures of the server tests: an app on the test's own home, two seller accounts, their members.

The operational store is SQLite; a test module that sets
``pytestmark = pytest.mark.parametrize("server_settings", ["sqlite", "postgres"], indirect=True)``
runs on the PostgreSQL server at 127.0.0.1:5432 too (a fresh schema a test, dropped after).
"""

from __future__ import annotations

import os
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from claimpilot.config import Settings
from claimpilot.db.engine import dispose_all
from claimpilot.server.app import create_app
from server_utils import add_member


PG_SERVER = os.environ.get("CLAIMPILOT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def server_settings(request, isolated_home):
    backend = getattr(request, "param", "sqlite")
    limits = {"rate_limit_per_minute": 100_000}
    if backend == "sqlite":
        yield Settings(home=isolated_home, _env_file=None, server=limits)
        return
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        pytest.fail(f"PostgreSQL server missing: cannot reach {PG_SERVER} ({exc.__class__.__name__}: {exc})",
                    pytrace=False)
    schema = f"cp_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield Settings(home=isolated_home, _env_file=None, server=limits,
                       database_url=f"{PG_SERVER}?options=-csearch_path%3D{schema}")
    finally:
        dispose_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def app(server_settings):
    yield create_app(server_settings)
    dispose_all()


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def alice(app):
    """Admin of seller account 'acme'."""
    return add_member(app, "alice@acme.test", "acme", "admin")


@pytest.fixture
def mallory(app):
    """Admin of another seller account, 'globex'."""
    return add_member(app, "mallory@globex.test", "globex", "admin")
