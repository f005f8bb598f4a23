"""Workers killed at random points of their scans (the whole worker, its main process only, one pool
child only), with beat, two prefork workers, PostgreSQL and Redis as processes: every run ends
succeeded, each lost attempt is closed as failed (worker lost) and alerted, no seller's attempts
overlap, the claims are those of a single-process scan, each created once. The broker's visibility
timeout is an hour: the recovery the test waits for can only come from the leases."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scheduler_utils import AS_OF, REDIS_URL, SEEDS, at, claims_of, install, queued
from sqlalchemy import func, select

from claimpilot.accounts import sellers as service
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.lease import WORKER_LOST
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.runner import ensure_schema
from claimpilot.tools.cases.models import Claim, ClaimEvent
from receivers import Receiver

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

N_SELLERS = 12
PATIENCE_S = 400  # a bound on waiting, so that a hung worker fails the test instead of hanging it
KILLS = ("whole", "main", "child", "whole")


def config(prefix: str) -> dict:
    return {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "key_prefix": prefix, "queue": f"{prefix}jobs",
            "visibility_timeout_s": 3600, "lease_s": 3, "heartbeat_s": 1, "tick_s": 1, "lock_busy_retry_s": 1,
            "retry_backoff_s": 1, "retry_backoff_max_s": 4, "max_retries": 10, "first_runs_per_tick": 0}


class Installation:
    """Beat and prefork workers as processes of their own (each in its own process group)."""

    def __init__(self, home: Path, pg_url: str, prefix: str, alerts_url: str):
        self.home, self.prefix = home, prefix
        self.env = {**os.environ, "CLAIMPILOT_HOME": str(home), "CLAIMPILOT_DATABASE_URL": pg_url,
                    "CLAIMPILOT_LOGISTICS__ALERTS__WEBHOOK_URL": alerts_url}
        self.env.update({f"CLAIMPILOT_SCHEDULER__{k.upper()}": str(v) for k, v in config(prefix).items()})
        self.procs: list[subprocess.Popen] = []
        self.n = 0

    def start(self, *args: str) -> subprocess.Popen:
        self.n += 1
        log = open(self.home / f"p{self.n}-{args[0]}.log", "wb")
        proc = subprocess.Popen([sys.executable, "-m", "claimpilot.cli", *args], env=self.env, cwd=self.home,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    def worker(self) -> subprocess.Popen:
        return self.start("worker", "--pool", "prefork", "--concurrency", "1", "--loglevel", "WARNING")

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-2500:]}" for p in self.home.glob("p*.log"))

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        for p in self.procs:  # orphans of a killed main process
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def wait_for(what: str, check, inst: Installation, interval: float = 0.2):
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"gave up waiting for {what}\n{inst.logs()}")


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (its pool children)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_workers_killed_at_random_points_of_scans(isolated_home, pg_url, redis_prefix, templates,
                                                  reference_claims, clock):
    rng = random.Random(21)
    clock.move_to(at(12, 0))  # the demo sellers' day: beat's round makes today's cycle that one
    settings = Settings(home=isolated_home, _env_file=None, database_url=pg_url, scheduler=config(redis_prefix))
    ensure_schema(settings)
    sessions = session_factory(settings)
    seed_of = {f"f{i:02d}": SEEDS[i % len(SEEDS)] for i in range(N_SELLERS)}
    with sessions.begin() as db:
        for seller_id in seed_of:
            service.add_seller(db, seller_id, kinds=["scan"])
            service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})
    for seller_id, seed in seed_of.items():
        install(templates[seed], settings, seller_id)

    alerts = Receiver().start()
    inst = Installation(isolated_home, pg_url, redis_prefix, alerts.url + "/ops")
    kills = []
    try:
        inst.start("beat", "--loglevel", "WARNING")
        workers = [inst.worker(), inst.worker()]

        def open_attempts() -> list[JobAttempt]:
            with sessions() as db:
                return list(db.scalars(select(JobAttempt).where(JobAttempt.ended_at.is_(None))))

        for how in KILLS:
            attempt = wait_for("a worker in the middle of a scan", lambda: next(
                (a for a in open_attempts() if (a.run_id, a.token) not in {k[1:3] for k in kills}
                 and any(a.pid in children(w.pid) for w in workers)), None), inst, 0.05)
            worker = next(w for w in workers if attempt.pid in children(w.pid))
            time.sleep(rng.uniform(0, 0.6))  # a random point of the scan
            if how == "whole":
                os.killpg(worker.pid, signal.SIGKILL)
            elif how == "main":
                os.kill(worker.pid, signal.SIGKILL)
            else:
                os.kill(attempt.pid, signal.SIGKILL)
            kills.append((how, attempt.run_id, attempt.token, datetime.now(UTC)))
            if how != "child":  # the parent of a killed child goes on with a new child
                worker.wait()
                workers[workers.index(worker)] = inst.worker()

        def all_succeeded() -> bool:
            with sessions() as db:
                done = db.scalar(select(func.count()).select_from(JobRun).where(JobRun.status == "succeeded"))
            waiting = queued(redis_prefix)  # a second copy of a recovered task: taken, a skip
            return done == N_SELLERS and not open_attempts() and waiting == 0

        wait_for(f"all {N_SELLERS} runs to succeed, every attempt to be closed, the queue empty", all_succeeded,
                 inst)
    finally:
        inst.stop()
        alerts.stop()

    with sessions() as db:
        runs = list(db.scalars(select(JobRun).order_by(JobRun.seller_id)))
        attempts = {r.seller_id: sorted(r.attempts, key=lambda a: (a.started_at, a.token)) for r in runs}
        created = dict(db.execute(select(Claim.seller_id, func.count(ClaimEvent.id))
                                  .join(ClaimEvent, ClaimEvent.claim_id == Claim.id)
                                  .where(ClaimEvent.kind == "created").group_by(Claim.seller_id)).all())

    # every seller's run of the day succeeded once; no attempt is left open
    assert [(r.seller_id, r.cycle, r.status) for r in runs] == [(s, AS_OF.isoformat(), "succeeded")
                                                                 for s in sorted(seed_of)]
    for seller_id, tries in attempts.items():
        assert [a.outcome for a in tries].count("succeeded") == 1, (seller_id, [a.outcome for a in tries])
        assert all(a.ended_at is not None for a in tries), seller_id

    # the attempts the kills cut short are closed as failed, worker lost, and each was alerted once
    lost = [a for tries in attempts.values() for a in tries if a.error.startswith(WORKER_LOST)]
    by_key = {(a.run_id, a.token): a for tries in attempts.values() for a in tries}
    for how, run_id, token, killed_at in kills:
        killed = by_key[(run_id, token)]
        if how == "main":  # the orphaned pool child may finish its scan: either way it is closed
            assert killed.outcome in ("succeeded", "failed"), killed.outcome
        elif killed.outcome == "succeeded":  # the scan ended in the moment between being seen and the kill
            assert killed.ended_at <= killed_at + timedelta(seconds=1), (how, killed.ended_at, killed_at)
        else:
            assert killed.outcome == "failed" and killed.error.startswith(WORKER_LOST), (how, killed.error)
    notices = [r.json() for r in alerts.received if r.path == "/ops"]
    assert sorted(n["event_id"] for n in notices) == sorted(f"worker-lost:{a.run_id}:{a.token}" for a in lost)
    assert all(n["kind"] == "worker_lost" and n["data"]["seller_id"] in seed_of for n in notices)

    # no two attempts of one seller overlap
    for seller_id, tries in attempts.items():
        for before, after in zip(tries, tries[1:], strict=False):
            assert after.started_at >= before.ended_at, (seller_id, before.token, after.token)

    # the claims of each seller are those a single-process scan finds, each created once
    for seller_id, seed in seed_of.items():
        expected_claims, _ = reference_claims[seed]
        assert claims_of(settings, seller_id) == expected_claims, seller_id
        assert created.get(seller_id, 0) == len(expected_claims), seller_id
