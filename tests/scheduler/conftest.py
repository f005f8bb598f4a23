"""Fixtures of the scheduler tests: the real PostgreSQL and Redis of this machine (a fresh schema and
a fresh key prefix a test, removed after), and demo sellers' data built once a session."""

from __future__ import annotations

import uuid

import pytest
from scheduler_utils import AS_OF, REDIS_URL, SEEDS, build_template, cases_of, claims_of, install

from claimpilot.config import Settings
from claimpilot.db.engine import dispose_all
from claimpilot.jobs.scan import run_scan
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from pg_schema import fresh_schema


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose search_path is a fresh schema (dropped after the test)."""
    with fresh_schema("cp_sched") as url:
        yield url


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own on the Redis server (its keys are deleted after)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"Redis server missing: cannot reach {REDIS_URL} ({type(exc).__name__}: {exc})", pytrace=False)
    prefix = f"cptest-{uuid.uuid4().hex[:10]}:"
    try:
        yield prefix
    finally:
        for key in client.scan_iter(match=f"{prefix}*", count=1000):
            client.delete(key)
        client.close()


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    """Seed -> a seller folder with that demo seller's reports imported (built once a session)."""
    root = tmp_path_factory.mktemp("demo-templates")
    return {seed: build_template(root, seed) for seed in SEEDS}


@pytest.fixture(scope="session")
def reference_claims(tmp_path_factory, templates):
    """Seed -> (claims, number of cases) that a plain single-process ``run_scan`` makes on SQLite."""
    home = tmp_path_factory.mktemp("reference")
    out = {}
    for seed, template in templates.items():
        settings = Settings(home=home, seller_id=f"ref{seed}", _env_file=None)
        install(template, settings, settings.seller_id)
        run_scan(settings, AS_OF, fetch=False)
        out[seed] = (claims_of(settings, settings.seller_id), cases_of(settings, settings.seller_id))
        assert out[seed][0], f"demo seller {seed} yields no claims: nothing to compare"
    dispose_all()
    return out


@pytest.fixture(autouse=True)
def _fresh_tokens():
    forget_access_tokens()
    yield
    forget_access_tokens()

