"""The embedded scheduler on a controllable clock: each seller's jobs run once a cycle, on schedule;
a busy seller waits, a failed run is retried after its backoff, a fenced run finishes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scheduler_utils import AS_OF, at, claims_of, install
from sqlalchemy import select, update

from claimpilot.accounts import sellers as service
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.db.seller_lock import seller_lock
from claimpilot.jobs import kinds
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.runner import JobFailed, ensure_schema, run_job
from claimpilot.jobs.status import job_statuses
from claimpilot.scheduler.embedded import EmbeddedScheduler


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def add(settings: Settings, templates: dict, sellers: dict[str, int], kinds_: list[str]) -> None:
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        for seller_id, seed in sellers.items():
            service.add_seller(db, seller_id, kinds=kinds_)
            service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})
            install(templates[seed], settings, seller_id)


def outcomes(results) -> list[tuple]:
    return [(o.seller_id, o.kind, o.cycle, o.status) for o in results]


def runs(settings: Settings) -> list[tuple]:
    with session_factory(settings)() as db:
        return [(r.seller_id, r.kind, r.cycle, r.status, r.token)
                for r in db.scalars(select(JobRun).order_by(JobRun.seller_id, JobRun.kind, JobRun.cycle))]


def test_each_job_runs_once_a_cycle_on_its_schedule(settings, templates, reference_claims):
    add(settings, templates, {"a": 3, "b": 5}, ["scan"])
    clock = Clock(at(6, 30))
    loop = EmbeddedScheduler(settings, clock=clock)
    day = AS_OF.isoformat()
    assert outcomes(loop.tick()) == [("a", "scan", day, "succeeded"), ("b", "scan", day, "succeeded")]
    assert claims_of(settings, "a") == reference_claims[3][0]
    assert claims_of(settings, "b") == reference_claims[5][0]

    clock.now = at(7, 59)
    assert loop.tick() == []  # this cycle is done, the next not yet due

    with session_factory(settings).begin() as db:
        service.set_schedule(db, "a", "digest", at_utc="08:00")
    clock.now = at(8, 5)
    [digest] = loop.tick()
    assert (digest.seller_id, digest.kind, digest.cycle, digest.status) == ("a", "digest", day, "succeeded")
    assert digest.result["counts"]["new_claims"] == len(reference_claims[3][0])

    clock.now = at(6, 0, day=1)
    nxt = (AS_OF + timedelta(days=1)).isoformat()
    assert outcomes(loop.tick()) == [("a", "scan", nxt, "succeeded"), ("b", "scan", nxt, "succeeded")]
    assert [r for r in runs(settings) if r[1] == "scan"] == [
        ("a", "scan", day, "succeeded", 1), ("a", "scan", nxt, "succeeded", 1),
        ("b", "scan", day, "succeeded", 1), ("b", "scan", nxt, "succeeded", 1)]

    with session_factory(settings)() as db:
        status = {(s.seller_id, s.kind): s for s in job_statuses(db, clock.now)}
    assert status["a", "scan"].last_cycle == nxt and status["a", "scan"].last_status == "succeeded"
    assert status["a", "scan"].next_run == at(6, 0, day=2).isoformat()
    assert status["a", "digest"].next_run == at(8, 0, day=1).isoformat()
    assert status["a", "digest"].last_cycle == day


def test_a_busy_seller_waits_for_the_next_tick(settings, templates):
    add(settings, templates, {"a": 3, "b": 5}, ["scan"])
    clock = Clock(at(6, 30))
    loop = EmbeddedScheduler(settings, clock=clock)
    day = AS_OF.isoformat()
    with seller_lock(settings, "a") as held:
        assert held is not None
        assert outcomes(loop.tick()) == [("a", "scan", day, "busy"), ("b", "scan", day, "succeeded")]
        assert ("a", "scan", day, "queued", 0) in runs(settings)
    clock.now = at(6, 31)
    assert outcomes(loop.tick()) == [("a", "scan", day, "succeeded")]


def test_a_failed_run_is_retried_after_its_backoff(isolated_home, templates, tmp_path):
    settings = Settings(home=isolated_home, _env_file=None,
                        scheduler={"retry_backoff_s": 600, "retry_backoff_max_s": 3600, "max_retries": 3})
    add(settings, templates, {"c": 8}, ["scan"])
    settings.warehouse_path("c").write_bytes(b"this is not a DuckDB file")
    clock = Clock(at(6, 30))
    loop = EmbeddedScheduler(settings, clock=clock)
    day = AS_OF.isoformat()
    assert outcomes(loop.tick()) == [("c", "scan", day, "failed")]
    clock.now = at(6, 35)
    assert loop.tick() == []  # backoff: 600 s after the first failure
    settings.warehouse_path("c").unlink()
    install(templates[8], settings, "c")
    clock.now = at(6, 41)
    assert outcomes(loop.tick()) == [("c", "scan", day, "succeeded")]
    with session_factory(settings)() as db:
        [status] = job_statuses(db, clock.now)
        tries = [(a.token, a.outcome) for a in db.scalars(select(JobAttempt).order_by(JobAttempt.id))]
    assert tries == [(1, "failed"), (2, "succeeded")]
    assert status.failures_7d == 1 and status.last_status == "succeeded" and status.last_error == ""


def test_a_run_taken_over_meanwhile_finishes_nothing(settings, templates, monkeypatch):
    add(settings, templates, {"a": 3}, ["scan"])
    day = AS_OF.isoformat()

    def taken_over(job_settings, ctx):
        # another worker took the run (its lock lapsed): the run's token moves on
        with session_factory(settings).begin() as db:
            db.execute(update(JobRun).where(JobRun.seller_id == ctx.seller_id).values(token=JobRun.token + 1,
                                                                                      status="running"))
        return {"done": True}

    monkeypatch.setitem(kinds.JOB_KINDS, "probe", taken_over)
    outcome = run_job(settings, "a", "probe", day)
    assert outcome.status == "fenced"
    with session_factory(settings)() as db:
        run = db.scalar(select(JobRun).where(JobRun.kind == "probe"))
        assert (run.status, run.token, run.result) == ("running", 2, {})
        assert [a.outcome for a in run.attempts] == ["fenced"]


def test_a_cycle_that_succeeded_is_not_run_again(settings, templates):
    add(settings, templates, {"a": 3}, ["scan"])
    day = AS_OF.isoformat()
    first = run_job(settings, "a", "scan", day)
    again = run_job(settings, "a", "scan", day)
    assert (first.status, again.status) == ("succeeded", "skipped")
    assert first.result["findings"] > 0


def test_an_unknown_job_kind_is_refused(settings):
    ensure_schema(settings)
    with pytest.raises(ValueError, match="unknown job kind 'nope'"):
        run_job(settings, "a", "nope", AS_OF.isoformat())


def test_a_new_seller_gets_every_job_kind_on_its_default_schedule(settings, templates):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "a")
        service.set_schedule(db, "a", "scan", at_utc="06:00", options={"fetch": False})
        assert service.list_sellers(db)[0].schedules == {
            "buyer_mail": "off (every 15 min)", "digest": "daily 08:00 UTC", "scan": "daily 06:00 UTC",
            "tracking": "every 120 min"}
    install(templates[3], settings, "a")
    day = AS_OF.isoformat()
    done = EmbeddedScheduler(settings, clock=Clock(at(8, 30))).tick()
    assert outcomes(done) == [("a", "scan", day, "succeeded"), ("a", "digest", day, "succeeded"),
                              ("a", "tracking", f"{day}T08:00Z", "succeeded")]
    assert done[1].result["counts"]["new_claims"] > 0  # the digest ran after the scan it reports on
    assert done[2].result["updated"] == 0 and done[2].result["errors"] == {}


def test_a_failure_is_recorded_and_raised_without_the_sellers_secrets(settings, monkeypatch):
    ensure_schema(settings)
    token = "Atzr|the-refresh-token-itself"
    with session_factory(settings).begin() as db:
        service.add_seller(db, "a", kinds=[])
        service.set_credentials(settings, db, "a", refresh_token=token)

    def leaky(job_settings, ctx):
        raise RuntimeError(f"login refused for {job_settings.sp_api.refresh_token.get_secret_value()}")

    monkeypatch.setitem(kinds.JOB_KINDS, "leaky", leaky)
    with pytest.raises(JobFailed) as raised:
        run_job(settings, "a", "leaky", AS_OF.isoformat())
    assert token not in str(raised.value) and raised.value.__cause__ is None and raised.value.__suppress_context__
    with session_factory(settings)() as db:
        run = db.scalar(select(JobRun).where(JobRun.kind == "leaky"))
    assert run.status == "failed" and run.error == "RuntimeError: login refused for ***"


def test_a_run_left_running_by_a_dead_process_is_taken_up_again(settings, templates):
    add(settings, templates, {"a": 3}, ["scan"])
    day = AS_OF.isoformat()
    with session_factory(settings).begin() as db:  # what a process killed in the middle of the scan leaves
        run = JobRun(seller_id="a", kind="scan", cycle=day, status="running", token=1, queued_at=at(6, 0),
                     started_at=at(6, 0), worker="gone:1", error="", result={})
        db.add(run)
        db.flush()
        db.add(JobAttempt(run_id=run.id, token=1, worker="gone:1", pid=1, started_at=at(6, 0), error=""))
    [outcome] = EmbeddedScheduler(settings, clock=Clock(at(6, 30))).tick()
    assert (outcome.cycle, outcome.status, outcome.token) == (day, "succeeded", 2)


def test_the_scheduler_command_runs_due_jobs_and_stops_on_sigterm(settings, templates, isolated_home):
    import os
    import signal
    import subprocess
    import sys
    import time

    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "a", kinds=["scan"])
        service.set_schedule(db, "a", "scan", at_utc="00:00", options={"fetch": False})
    install(templates[3], settings, "a")
    env = {**os.environ, "CLAIMPILOT_HOME": str(isolated_home), "CLAIMPILOT_SCHEDULER__TICK_S": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "claimpilot.cli", "scheduler"], env=env, cwd=isolated_home,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 300
        while not [r for r in runs(settings) if r[3] == "succeeded"]:
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read().decode()[-2000:]
            time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    today = datetime.now(UTC).date().isoformat()
    assert [r[:4] for r in runs(settings)] == [("a", "scan", today, "succeeded")]
