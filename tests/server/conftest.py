"""Fixtures of the server tests: an app on the test's own home, two seller accounts, their members.

The operational store is SQLite; a test module that sets
``pytestmark = pytest.mark.parametrize("server_settings", ["sqlite", "postgres"], indirect=True)``
runs on the PostgreSQL server at 127.0.0.1:5432 too (a fresh schema a test, dropped after).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from server_utils import add_member

from claimpilot.config import Settings
from claimpilot.db.engine import dispose_all
from claimpilot.server.app import create_app
from pg_schema import fresh_schema


@pytest.fixture
def server_settings(request, isolated_home):
    backend = getattr(request, "param", "sqlite")
    limits = {"rate_limit_per_minute": 100_000}
    if backend == "sqlite":
        yield Settings(home=isolated_home, _env_file=None, server=limits)
        return
    with fresh_schema() as url:
        yield Settings(home=isolated_home, _env_file=None, server=limits, database_url=url)


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
