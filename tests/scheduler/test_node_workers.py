"""Two home nodes on PostgreSQL and Redis: beat and one prefork worker per node, each worker with a
``CLAIMPILOT_HOME`` of its own (no shared folder). Each seller's scans run only on its node; a seller
moved with ``claimpilot sellers move`` has its next scan on the new node; a node whose worker is killed
mid-scan has that attempt closed as worker lost, its seller's run waits in the node's queue while the
other node goes on, and runs once the node's worker is back. The figures are printed (``-s``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scheduler_utils import AS_OF, REDIS_URL, SEEDS, at, claims_of, install
from sqlalchemy import func, select

from claimpilot.accounts import sellers as service
from claimpilot.accounts.models import SellerAccount
from claimpilot.accounts.nodes import register_node
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.lease import WORKER_LOST
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.runner import ensure_schema
from claimpilot.tools.cases.models import Claim, ClaimEvent

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

N_SELLERS = 6
PATIENCE_S = 300  # a bound on waiting, so that a hung worker fails the test instead of hanging it


def config(prefix: str) -> dict:
    return {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "key_prefix": prefix, "queue": f"{prefix}jobs",
            "visibility_timeout_s": 3600, "lease_s": 3, "heartbeat_s": 1, "tick_s": 1, "lock_busy_retry_s": 1,
            "retry_backoff_s": 1, "retry_backoff_max_s": 4, "max_retries": 10, "first_runs_per_tick": 0}


class Installation:
    """Beat (in the installation's home) and one worker per node (in the node's home), each a process
    group of its own."""

    def __init__(self, home: Path, pg_url: str, prefix: str):
        self.home = home
        self.env = {**os.environ, "CLAIMPILOT_HOME": str(home), "CLAIMPILOT_DATABASE_URL": pg_url}
        self.env.update({f"CLAIMPILOT_SCHEDULER__{k.upper()}": str(v) for k, v in config(prefix).items()})
        self.procs: list[subprocess.Popen] = []

    def start(self, *args: str, home: Path | None = None) -> subprocess.Popen:
        log = open(self.home / f"p{len(self.procs) + 1}-{args[0]}.log", "wb")
        env = {**self.env, "CLAIMPILOT_HOME": str(home or self.home)}
        proc = subprocess.Popen([sys.executable, "-m", "claimpilot.cli", *args], env=env, cwd=self.home,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    def worker(self, node: str, home: Path) -> subprocess.Popen:
        return self.start("worker", "--node", node, "--pool", "prefork", "--concurrency", "1",
                          "--loglevel", "WARNING", home=home)

    def cli(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "claimpilot.cli", *args], env=self.env, cwd=self.home,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

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


def wait_for(what: str, check, inst: Installation, interval: float = 0.2):
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"gave up waiting for {what}\n{inst.logs()}")


def test_each_seller_runs_on_its_node_moves_with_it_and_waits_for_a_lost_node(
        isolated_home, tmp_path, pg_url, redis_prefix, templates, reference_claims, clock):
    clock.move_to(at(12, 0))  # the demo sellers' day: beat's round makes today's cycle that one
    settings = Settings(home=isolated_home, _env_file=None, database_url=pg_url, scheduler=config(redis_prefix))
    ensure_schema(settings)
    sessions = session_factory(settings)
    homes = {"a": tmp_path / "node-a", "b": tmp_path / "node-b"}
    seed_of = {f"n{i:02d}": SEEDS[i % len(SEEDS)] for i in range(N_SELLERS)}
    with sessions.begin() as db:
        for node, home in homes.items():
            register_node(db, node, str(home))
        for seller_id in seed_of:
            service.add_seller(db, seller_id, kinds=["scan"])
            service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})
    with sessions() as db:
        node_of = dict(db.execute(select(SellerAccount.id, SellerAccount.node)).all())
    assert sorted(node_of.values()) == ["a"] * (N_SELLERS // 2) + ["b"] * (N_SELLERS // 2)  # balanced by count
    for seller_id, seed in seed_of.items():  # each seller's warehouse is in its own node's home only
        install(templates[seed], Settings(home=homes[node_of[seller_id]], _env_file=None), seller_id)

    def runs(**where) -> list[JobRun]:
        with sessions() as db:
            return list(db.scalars(select(JobRun).filter_by(**where).order_by(JobRun.id)))

    def attempts_of(seller_id: str) -> list[JobAttempt]:
        with sessions() as db:
            return list(db.scalars(select(JobAttempt).join(JobRun, JobRun.id == JobAttempt.run_id)
                                   .where(JobRun.seller_id == seller_id).order_by(JobAttempt.started_at)))

    def succeeded(run_id: int) -> bool:
        return any(r.id == run_id and r.status == "succeeded" for r in runs())

    inst = Installation(isolated_home, pg_url, redis_prefix)
    figures = {}
    try:
        inst.start("beat", "--loglevel", "WARNING")
        workers = {node: inst.worker(node, home) for node, home in homes.items()}

        # 1. the day's scans: each on its own node
        wait_for(f"the {N_SELLERS} scans of the day", lambda: len(runs(status="succeeded")) == N_SELLERS, inst)
        for run in runs():
            assert run.worker.startswith(f"{node_of[run.seller_id]}-w"), (run.seller_id, run.worker)

        # 2. a seller moved from a to b: its next scan runs on b, from the copied warehouse
        mover = next(s for s, n in node_of.items() if n == "a")
        out = inst.cli("sellers", "move", mover, "b")
        assert f"moved {mover} from node a to node b" in out
        assert (homes["b"] / "sellers" / mover / "warehouse.duckdb").exists()
        assert not (homes["a"] / "sellers" / mover).exists()
        node_of[mover] = "b"
        inst.cli("jobs", "run", mover, "scan")
        moved_run = wait_for("the moved seller's scan", lambda: next(
            (r for r in runs(seller_id=mover, status="succeeded") if r.cycle != AS_OF.isoformat()), None), inst)
        assert moved_run.worker.startswith("b-w"), moved_run.worker

        # 3. b's worker killed mid-scan: the attempt closes as worker lost; the run waits for b while a works
        victim = next(s for s, n in node_of.items() if n == "b" and s != mover)
        for _ in range(5):  # a scan can end between being seen and the kill: then another
            inst.cli("jobs", "run", victim, "scan")
            attempt = wait_for("a scan on node b", lambda: next(
                (a for a in attempts_of(victim) if a.ended_at is None), None), inst, 0.05)
            os.killpg(workers["b"].pid, signal.SIGKILL)
            killed_at = time.monotonic()
            workers["b"].wait()
            if not succeeded(attempt.run_id):
                break
            workers["b"] = inst.worker("b", homes["b"])
        else:
            pytest.fail("every scan on node b ended before its worker was killed")

        def closed():
            return next((a for a in attempts_of(victim) if a.token == attempt.token and a.run_id == attempt.run_id
                         and a.ended_at is not None), None)

        lost = wait_for("the killed attempt to be closed", closed, inst, 0.1)
        figures["kill -> attempt closed as worker lost (s)"] = round(time.monotonic() - killed_at, 1)
        assert lost.outcome == "failed" and lost.error.startswith(WORKER_LOST), (lost.outcome, lost.error)

        other = next(s for s, n in node_of.items() if n == "a")
        inst.cli("jobs", "run", other, "scan")
        asked = time.monotonic()
        wait_for("node a's scan while b is down", lambda: any(
            r.cycle != AS_OF.isoformat() for r in runs(seller_id=other, status="succeeded")), inst)
        figures["node a: run-now -> succeeded while b is down (s)"] = round(time.monotonic() - asked, 1)
        waiting = next(r for r in runs(seller_id=victim) if r.id == attempt.run_id)
        assert waiting.status in ("queued", "failed"), waiting.status  # waiting for b: nobody else runs it
        assert [a for a in attempts_of(victim) if a.ended_at is None] == []
        figures["node b down for (s)"] = round(time.monotonic() - killed_at, 1)

        workers["b"] = inst.worker("b", homes["b"])
        back = time.monotonic()
        wait_for("the lost scan to run again on b", lambda: succeeded(attempt.run_id), inst)
        figures["b's worker started -> the lost scan succeeded (s)"] = round(time.monotonic() - back, 1)
    finally:
        inst.stop()

    # every run succeeded, each on its seller's node; no seller's attempts overlap; none left open
    for run in runs():
        assert run.status == "succeeded", (run.seller_id, run.cycle, run.status)
    for seller_id in seed_of:
        tries = attempts_of(seller_id)
        assert all(a.ended_at is not None for a in tries), seller_id
        for before, after in zip(tries, tries[1:], strict=False):
            assert after.started_at >= before.ended_at, (seller_id, before.token, after.token)
        ran_on = {a.worker.split("-w")[0] for a in tries if a.outcome == "succeeded"}
        assert ran_on <= ({"a", "b"} if seller_id == mover else {node_of[seller_id]}), (seller_id, ran_on)

    # the claims are those of a single-process scan, each created once, whatever node and move
    with sessions() as db:
        created = dict(db.execute(select(Claim.seller_id, func.count(ClaimEvent.id))
                                  .join(ClaimEvent, ClaimEvent.claim_id == Claim.id)
                                  .where(ClaimEvent.kind == "created").group_by(Claim.seller_id)).all())
    for seller_id, seed in seed_of.items():
        expected, _ = reference_claims[seed]
        assert claims_of(settings, seller_id) == expected, seller_id
        assert created.get(seller_id, 0) == len(expected), seller_id
    print("\nhome nodes:", figures)
