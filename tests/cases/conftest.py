"""Fixtures: every cases test runs on SQLite and on PostgreSQL.

PostgreSQL: each test gets a fresh schema in the ``test`` database (named
``cp_<random>``, dropped afterwards), so runs never collide.
"""

from __future__ import annotations

import pytest

from claimpilot.config import Settings
from claimpilot.db.engine import dispose_all
from pg_schema import fresh_schema


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ops.sqlite'}"
        dispose_all()
        return
    with fresh_schema() as url:
        yield url


@pytest.fixture
def db_settings(isolated_home, db_url) -> Settings:
    return Settings(home=isolated_home, database_url=db_url, _env_file=None)


@pytest.fixture
def service(db_settings):
    from claimpilot.tools.cases.service import CaseService

    return CaseService(db_settings)
