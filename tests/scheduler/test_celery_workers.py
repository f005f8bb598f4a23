"""50 demo sellers scanned by two real Celery workers (Redis broker, PostgreSQL store), one of them
SIGKILLed in the middle of a scan: every seller is audited exactly once in the cycle, its claims are
those of a single-process scan, nothing is lost or duplicated, and no two runs of a seller overlap."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
from scheduler_utils import AS_OF, REDIS_URL, SEEDS, at, cases_of, claims_of, install, queued
from sqlalchemy import func, select

from claimpilot.accounts import sellers as service
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.lease import WORKER_LOST
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.runner import ensure_schema
from claimpilot.tools.cases.models import Claim, ClaimEvent
from claimpilot.workers.app import make_app
from claimpilot.workers.tasks import dispatch_due

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

N_SELLERS = 50
PATIENCE_S = 400  # a bound on waiting, so that a hung worker fails the test instead of hanging it


def scheduler_settings(prefix: str) -> dict:
    return {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "key_prefix": prefix, "queue": f"{prefix}jobs",
            "visibility_timeout_s": 8, "lock_busy_retry_s": 1, "retry_backoff_s": 1, "retry_backoff_max_s": 4,
            "first_runs_per_tick": 0}


def start_worker(home: Path, pg_url: str, prefix: str, name: str) -> subprocess.Popen:
    env = {**os.environ, "CLAIMPILOT_HOME": str(home), "CLAIMPILOT_DATABASE_URL": pg_url}
    env.update({f"CLAIMPILOT_SCHEDULER__{k.upper()}": str(v) for k, v in scheduler_settings(prefix).items()})
    log = open(home / f"{name}.log", "wb")
    return subprocess.Popen([sys.executable, "-m", "claimpilot.cli", "worker", "--pool", "solo",
                             "--name", f"{name}@{prefix.rstrip(':')}", "--loglevel", "WARNING"],
                            env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT)


def wait_for(what: str, check, home: Path, interval: float = 0.3):
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    logs = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in home.glob("w*.log"))
    raise AssertionError(f"gave up waiting for {what}\n{logs}")


def stop(*procs: subprocess.Popen) -> None:
    """SIGTERM each process still running (a warm shutdown), then wait; one that hangs is killed."""
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def test_two_workers_one_killed_mid_run(isolated_home, pg_url, redis_prefix, templates, reference_claims):
    settings = Settings(home=isolated_home, _env_file=None, database_url=pg_url,
                        scheduler=scheduler_settings(redis_prefix))
    ensure_schema(settings)
    sessions = session_factory(settings)
    seed_of = {f"s{i:02d}": SEEDS[i % len(SEEDS)] for i in range(N_SELLERS)}
    with sessions.begin() as db:
        for seller_id in seed_of:
            service.add_seller(db, seller_id, kinds=["scan"])
            service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})
    for seller_id, seed in seed_of.items():
        install(templates[seed], settings, seller_id)

    due = dispatch_due(make_app(settings), at(12, 0))
    assert sorted(d.seller_id for d in due) == sorted(seed_of) and {d.cycle for d in due} == {AS_OF.isoformat()}
    assert dispatch_due(make_app(settings), at(12, 1)) == []  # a second beat round queues nothing again

    workers = [start_worker(isolated_home, pg_url, redis_prefix, name) for name in ("w1", "w2")]
    victim, survivor = workers
    try:
        def succeeded() -> int:
            with sessions() as db:
                return db.scalar(select(func.count()).select_from(JobRun).where(JobRun.status == "succeeded"))

        def victim_mid_scan() -> bool:
            """The first worker began a scan a moment ago (a scan takes longer), after a few were done."""
            just = datetime.now(UTC) - timedelta(seconds=0.3)
            with sessions() as db:
                busy = db.scalar(select(func.count()).select_from(JobAttempt).where(
                    JobAttempt.pid == victim.pid, JobAttempt.ended_at.is_(None), JobAttempt.started_at >= just))
            return busy > 0 and succeeded() >= 6

        wait_for("the first worker to be in the middle of a scan", victim_mid_scan, isolated_home, interval=0.05)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        killed_at = datetime.now(UTC)

        wait_for(f"all {N_SELLERS} runs to succeed", lambda: succeeded() == N_SELLERS, isolated_home)
    finally:
        stop(*workers)

    with sessions() as db:
        runs = list(db.scalars(select(JobRun).order_by(JobRun.seller_id)))
        attempts = {r.seller_id: list(r.attempts) for r in runs}
        created = dict(db.execute(select(Claim.seller_id, func.count(ClaimEvent.id))
                                  .join(ClaimEvent, ClaimEvent.claim_id == Claim.id)
                                  .where(ClaimEvent.kind == "created").group_by(Claim.seller_id)).all())

    # every seller audited exactly once in the cycle, by one successful attempt
    assert [(r.seller_id, r.kind, r.cycle, r.status) for r in runs] == [
        (s, "scan", AS_OF.isoformat(), "succeeded") for s in sorted(seed_of)]
    for seller_id, tries in attempts.items():
        assert [a.outcome for a in tries].count("succeeded") == 1, (seller_id, [a.outcome for a in tries])

    # the scan the kill interrupted was handed to the other worker and finished there
    # (closed as failed, worker lost, by the worker that took the seller next)
    cut = [(s, a) for s, tries in attempts.items() for a in tries
           if a.pid == victim.pid and a.error.startswith(WORKER_LOST)]
    assert cut, ("the killed worker left no unfinished attempt: it was not killed mid-run",
                 [(s, a.token, a.pid, a.outcome, a.started_at, a.ended_at) for s, tries in attempts.items()
                  for a in tries if a.pid == victim.pid][-3:], killed_at, victim.pid, survivor.pid)
    for seller_id, _attempt in cut:
        assert attempts[seller_id][-1].outcome == "succeeded" and attempts[seller_id][-1].pid == survivor.pid

    # no two attempts of one seller overlap: each starts after the one before it ended (or was killed)
    for seller_id, tries in attempts.items():
        for before, after in zip(tries, tries[1:], strict=False):
            ended = before.ended_at if before.ended_at is not None else killed_at
            assert after.started_at >= ended, (seller_id, before.token, after.token)

    # the claims of each seller are those a single-process scan finds, each created once
    for seller_id, seed in seed_of.items():
        expected_claims, expected_cases = reference_claims[seed]
        assert claims_of(settings, seller_id) == expected_claims, seller_id
        assert created.get(seller_id, 0) == len(expected_claims), seller_id
        assert cases_of(settings, seller_id) == expected_cases, seller_id

    # nothing left behind on the broker: the queue and the unacknowledged set are empty
    r = redis.Redis.from_url(REDIS_URL)
    assert queued(redis_prefix) == 0
    assert r.hlen(f"{redis_prefix}unacked") == 0
    r.close()


def test_a_killed_pool_child_gives_its_task_back_at_once(isolated_home, pg_url, redis_prefix, templates,
                                                         reference_claims):
    """Prefork pool: the task of a child killed mid-scan is requeued by the parent
    (reject_on_worker_lost), long before the broker's visibility timeout would hand it out again."""
    config = {**scheduler_settings(redis_prefix), "visibility_timeout_s": 3600}
    settings = Settings(home=isolated_home, _env_file=None, database_url=pg_url, scheduler=config)
    ensure_schema(settings)
    sessions = session_factory(settings)
    seed_of = {f"p{i}": SEEDS[i % len(SEEDS)] for i in range(3)}
    with sessions.begin() as db:
        for seller_id in seed_of:
            service.add_seller(db, seller_id, kinds=["scan"])
            service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})
    for seller_id, seed in seed_of.items():
        install(templates[seed], settings, seller_id)
    dispatch_due(make_app(settings), at(12, 0))

    env = {**os.environ, "CLAIMPILOT_HOME": str(isolated_home), "CLAIMPILOT_DATABASE_URL": pg_url}
    env.update({f"CLAIMPILOT_SCHEDULER__{k.upper()}": str(v) for k, v in config.items()})
    log = open(isolated_home / "w-prefork.log", "wb")
    worker = subprocess.Popen([sys.executable, "-m", "claimpilot.cli", "worker", "--pool", "prefork",
                               "--concurrency", "1", "--name", f"pf@{redis_prefix.rstrip(':')}",
                               "--loglevel", "WARNING"], env=env, cwd=isolated_home, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        def child_mid_scan():
            just = datetime.now(UTC) - timedelta(seconds=0.3)
            with sessions() as db:
                return db.scalar(select(JobAttempt).where(JobAttempt.ended_at.is_(None),
                                                          JobAttempt.started_at >= just))

        attempt = wait_for("a pool child in the middle of a scan", child_mid_scan, isolated_home, interval=0.05)
        assert attempt.pid != worker.pid  # the scan runs in the pool's child
        os.kill(attempt.pid, signal.SIGKILL)

        def all_done() -> bool:
            with sessions() as db:
                return db.scalar(select(func.count()).select_from(JobRun).where(JobRun.status == "succeeded")) == 3

        wait_for("every run to succeed", all_done, isolated_home)
    finally:
        stop(worker)

    with sessions() as db:
        killed = db.get(JobAttempt, attempt.id)
        tries = [(a.pid, a.outcome) for a in db.get(JobRun, killed.run_id).attempts]
    assert killed.outcome == "failed" and killed.error.startswith(WORKER_LOST)  # closed by the next taker
    assert tries[-1][1] == "succeeded" and tries[-1][0] != attempt.pid
    for seller_id, seed in seed_of.items():
        assert claims_of(settings, seller_id) == reference_claims[seed][0], seller_id


def test_beat_queues_what_is_due_and_a_worker_runs_it(isolated_home, pg_url, redis_prefix, templates):
    """``claimpilot beat`` and ``claimpilot worker`` as processes: the seller's scan of today is queued by
    beat's dispatch round and run once, however many rounds pass."""
    config = {**scheduler_settings(redis_prefix), "tick_s": 1}
    settings = Settings(home=isolated_home, _env_file=None, database_url=pg_url, scheduler=config)
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "solo", kinds=["scan"])
        service.set_schedule(db, "solo", "scan", at_utc="00:00", options={"fetch": False})
    install(templates[3], settings, "solo")
    env = {**os.environ, "CLAIMPILOT_HOME": str(isolated_home), "CLAIMPILOT_DATABASE_URL": pg_url}
    env.update({f"CLAIMPILOT_SCHEDULER__{k.upper()}": str(v) for k, v in config.items()})
    procs = [subprocess.Popen([sys.executable, "-m", "claimpilot.cli", *args], env=env, cwd=isolated_home,
                              stdout=open(isolated_home / f"w-{args[0]}.log", "wb"), stderr=subprocess.STDOUT)
             for args in (["beat", "--loglevel", "WARNING"],
                          ["worker", "--pool", "solo", "--name", f"b@{redis_prefix.rstrip(':')}"])]
    sessions = session_factory(settings)
    try:
        def done():
            with sessions() as db:
                return db.scalar(select(JobRun).where(JobRun.seller_id == "solo", JobRun.status == "succeeded"))

        run = wait_for("beat's round to queue the scan and the worker to run it", done, isolated_home)
        time.sleep(3)  # more beat rounds: nothing new is due
    finally:
        stop(*procs)
    today = datetime.now(UTC).date().isoformat()
    with sessions() as db:
        runs = [(r.cycle, r.status, len(r.attempts)) for r in db.scalars(select(JobRun))]
    assert run.cycle == today and runs == [(today, "succeeded", 1)]
    assert claims_of(settings, "solo")  # the scan as of today found the demo seller's losses


def test_a_failed_task_is_retried_with_backoff_until_it_succeeds(isolated_home, pg_url, redis_prefix, templates):
    settings = Settings(home=isolated_home, _env_file=None, database_url=pg_url,
                        scheduler=scheduler_settings(redis_prefix))
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "flaky", kinds=["scan"])
        service.set_schedule(db, "flaky", "scan", at_utc="06:00", options={"fetch": False})
    settings.seller_dir("flaky").mkdir(parents=True)
    settings.warehouse_path("flaky").write_bytes(b"not yet a DuckDB file")
    dispatch_due(make_app(settings), at(12, 0))
    worker = start_worker(isolated_home, pg_url, redis_prefix, "w1")
    sessions = session_factory(settings)
    try:
        def failed_once():
            with sessions() as db:
                return db.scalar(select(JobAttempt).where(JobAttempt.outcome == "failed"))

        wait_for("the first attempt to fail", failed_once, isolated_home, interval=0.05)
        staged = isolated_home / "staged"  # the cause goes away at once (a rename): a retry finds it gone
        install(templates[3], Settings(home=staged, _env_file=None), "flaky")
        shutil.copytree(staged / "sellers" / "flaky" / "evidence", settings.evidence_dir("flaky"), dirs_exist_ok=True)
        os.replace(staged / "sellers" / "flaky" / "warehouse.duckdb", settings.warehouse_path("flaky"))

        def succeeded():
            with sessions() as db:
                return db.scalar(select(JobRun).where(JobRun.status == "succeeded"))

        wait_for("a retry to succeed", succeeded, isolated_home)
    finally:
        stop(worker)
    with sessions() as db:
        [run] = db.scalars(select(JobRun))
        outcomes = [a.outcome for a in run.attempts]
    assert outcomes[0] == "failed" and outcomes[-1] == "succeeded" and outcomes.count("succeeded") == 1
    assert set(outcomes[:-1]) == {"failed"} and run.error == ""
    assert claims_of(settings, "flaky")
