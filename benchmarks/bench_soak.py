"""Soak: emulated sellers through many daily cycles on two Celery workers killed at random.

Each seller is a demo seller served by one SP-API emulator process for all (``start_shared_emulator``),
with credentials, access tokens and usage plans of its own and a fast rate scale; its scan fetches the
last ``SINCE_DAYS`` days from it, audits and syncs its claims (PostgreSQL schema of its own, Redis key
prefix of its own). Two home nodes, each a prefork worker (one pool child, or ``CLAIMPILOT_SOAK_POOL``)
in a ``CLAIMPILOT_HOME`` of its own, run the scans of the sellers they are home to (spread as the sellers
are added; no shared folder); this process plays beat on a simulated calendar: cycle d falls due at "day d", its runs
are created (new sellers' first runs staggered, ``first_runs_per_tick``) and the lapsed leases of lost
workers are reaped, and runs stranded on an idle node (their task taken by a worker killed before it began,
``jobs.stranded``) queued again, against the real clock, every second. Every ``KILL_EVERY_S`` seconds, once
``KILL_AFTER_RUNS`` more runs have succeeded, a random worker is killed: whole (its process group), its main
process only, or its pool child only; a new worker takes the place of a dead one. (Without that wait, kills
more frequent than a scan is long keep every scan from finishing: every run is recovered and cut short again.)

Reported: sellers scanned per minute over the soak; p95 time from a cycle falling due to its run's end;
recovery time from a kill to the next attempt of each run it cut short; duplicates (runs with two
successes, claims created twice, attempts of one seller overlapping: goal 0) and runs not succeeded.
Leases here are ``LEASE_S`` seconds (installation default 120 s): recovery scales with it.

Sizes: ``--scale small`` 6 sellers x 2 cycles; ``full`` 16 sellers x 3 cycles (a few minutes on two
cores); ``CLAIMPILOT_SOAK=full`` the issue's size, 200 sellers x 24 cycles (hours on two cores);
``CLAIMPILOT_SOAK=200x2`` any other size, sellers x cycles. ``CLAIMPILOT_SOAK_POOL=2`` gives each worker
two pool children (default 1): on two cores, two a worker keep both busy while the others wait on the
emulator or the database.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

SCALES = {"small": (6, 2), "full": (16, 3), "soak": (200, 24)}
PG_SERVER = os.environ.get("CLAIMPILOT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CLAIMPILOT_TEST_REDIS", "redis://127.0.0.1:6379/0")
LEASE_S, KILL_EVERY_S, SINCE_DAYS, PATIENCE_S = 6, 20.0, 30, 4 * 3600
STRANDED_S = 10  # a node idle this long with a run still queued lost that run's task (jobs.stranded)
KILL_AFTER_RUNS = 2  # a kill waits for this many runs to succeed since the last: the soak always progresses
KILLS = ("whole", "main", "child")
NODES = ("a", "b")
POLL_S = 0.01  # the emulator's reports are done after two polls: the wait between them is no work


def pool_size() -> int:
    """Pool children a worker (``CLAIMPILOT_SOAK_POOL``, default 1)."""
    return max(1, int(os.environ.get("CLAIMPILOT_SOAK_POOL", "1")))


def _scheduler(prefix: str) -> dict:
    return {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "key_prefix": prefix, "queue": f"{prefix}jobs",
            "visibility_timeout_s": 3600, "lease_s": LEASE_S, "heartbeat_s": 1, "lock_busy_retry_s": 1,
            "retry_backoff_s": 1, "retry_backoff_max_s": 4, "max_retries": 20, "stranded_after_s": STRANDED_S}


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


def node_homes(home: Path) -> dict[str, Path]:
    """Each home node's own CLAIMPILOT_HOME (no folder is shared between the workers)."""
    return {node: home / f"node-{node}" for node in NODES}


class Workers:
    """One prefork worker per home node, in the node's own home; a dead one is replaced on its node."""

    def __init__(self, home: Path, url: str, prefix: str):
        self.env = {**os.environ, "CLAIMPILOT_HOME": str(home), "CLAIMPILOT_DATABASE_URL": url,
                    "CLAIMPILOT_SP_API__POLL_INTERVAL_S": str(POLL_S), "CLAIMPILOT_SP_API__BACKOFF_S": "0.01"}  # fast emulator
        self.env.update({f"CLAIMPILOT_SCHEDULER__{k.upper()}": str(v) for k, v in _scheduler(prefix).items()})
        # the installation's credentials key, as every machine of a team has it (the nodes' homes hold none)
        self.env["CLAIMPILOT_SCHEDULER__SECRET_KEY"] = (home / "secret.key").read_text().strip()
        self.home, self.homes, self.all = home, node_homes(home), []
        self.live: dict[subprocess.Popen, str] = {}

    def start(self, node: str) -> None:
        proc = subprocess.Popen([sys.executable, "-m", "claimpilot.cli", "worker", "--node", node, "--pool",
                                 "prefork", "--concurrency", str(pool_size()), "--loglevel", "ERROR"],
                                env={**self.env, "CLAIMPILOT_HOME": str(self.homes[node])}, cwd=self.home,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.all.append(proc)
        self.live[proc] = node

    def kill(self, rng: random.Random) -> str:
        proc, how = rng.choice(list(self.live)), rng.choice(KILLS)
        if how == "child" and _children(proc.pid):
            os.kill(rng.choice(_children(proc.pid)), signal.SIGKILL)
            return how
        os.killpg(proc.pid, signal.SIGKILL) if how == "whole" else os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        self.start(self.live.pop(proc))
        return how

    def stop(self) -> None:
        for p in self.all:
            try:
                os.killpg(p.pid, signal.SIGTERM if p.poll() is None else signal.SIGKILL)
            except ProcessLookupError:
                pass
        for p in self.all:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def _dispatch(app, settings, sim_now: datetime) -> tuple[list, int]:
    """Beat's round (``workers.tasks.dispatch_due``), on two clocks: runs fall due on the simulated calendar, leases
    lapse and nodes idle on the real one. Also how many runs were stranded (their task lost before it began)."""
    from claimpilot.accounts.nodes import nodes_of
    from claimpilot.db import session_factory
    from claimpilot.jobs.alerts import alert_lost
    from claimpilot.jobs.dispatch import DueRun, claim_due_runs
    from claimpilot.jobs.lease import reap_lapsed
    from claimpilot.jobs.stranded import stranded_runs
    from claimpilot.workers.app import FIRST, SCHEDULED
    from claimpilot.workers.tasks import queue_runs

    cfg = settings.scheduler
    with session_factory(settings).begin() as db:
        reaped = reap_lapsed(db, datetime.now(UTC), cfg.lease_s, cfg.max_retries)
        first = [DueRun(r.seller_id, r.kind, r.cycle) for r in reaped.requeued]
        stranded = stranded_runs(db, datetime.now(UTC), cfg.stranded_after_s)
        first += stranded
        scheduled = claim_due_runs(db, sim_now, first_runs=cfg.first_runs_per_tick)
        homes = nodes_of(db, [run.seller_id for run in first + scheduled])
    alert_lost(settings, reaped.lost)
    queue_runs(app, first, homes, FIRST)  # the runs of lost workers before the cycle's waiting ones
    queue_runs(app, scheduled, homes, SCHEDULED)
    return first + scheduled, len(stranded)


def _soak(settings, sellers: list[str], cycles: int, rng: random.Random) -> dict:
    from sqlalchemy import func, select

    from claimpilot.db import session_factory
    from claimpilot.jobs.models import JobAttempt, JobRun
    from claimpilot.sandbox.demo_seller import DEFAULT_AS_OF
    from claimpilot.workers.app import make_app

    app, sessions = make_app(settings), session_factory(settings)
    workers = Workers(settings.home, settings.database_url, settings.scheduler.key_prefix)
    for node in NODES:
        workers.start(node)
    due_at: dict[str, datetime] = {}
    kills: list[tuple[datetime, str, list[tuple[int, int]]]] = []
    started = time.monotonic()
    next_kill, succeeded_at_kill, stranded = time.monotonic() + KILL_EVERY_S, 0, 0
    try:
        for d in range(cycles):
            day = DEFAULT_AS_OF - timedelta(days=cycles - 1 - d)
            cycle = day.isoformat()
            due_at[cycle] = datetime.now(UTC)
            while True:
                stranded += _dispatch(app, settings, datetime.combine(day, dtime(12), tzinfo=UTC))[1]
                with sessions() as db:
                    done = db.scalar(select(func.count()).select_from(JobRun).where(
                        JobRun.cycle == cycle, JobRun.status == "succeeded"))
                if done == len(sellers):
                    elapsed = (time.monotonic() - started) / 60
                    print(f"soak: cycle {d + 1} of {cycles} done at {elapsed:.1f} min, "
                          f"{len(sellers) * (d + 1) / elapsed:.1f} sellers/min, {len(kills)} kills", file=sys.stderr)
                    break
                if time.monotonic() - started > PATIENCE_S:
                    raise RuntimeError(f"cycle {cycle}: {done} of {len(sellers)} sellers scanned before giving up")
                with sessions() as db:
                    succeeded = db.scalar(select(func.count()).select_from(JobRun).where(
                        JobRun.status == "succeeded"))
                if time.monotonic() >= next_kill and succeeded - succeeded_at_kill >= KILL_AFTER_RUNS:
                    succeeded_at_kill = succeeded
                    with sessions() as db:
                        cut = [(a.run_id, a.token) for a in db.scalars(select(JobAttempt).where(
                            JobAttempt.ended_at.is_(None)))]
                    kills.append((datetime.now(UTC), workers.kill(rng), cut))
                    next_kill = time.monotonic() + KILL_EVERY_S
                time.sleep(1.0)
        minutes = (time.monotonic() - started) / 60
    finally:
        workers.stop()
    return {"minutes": minutes, "due_at": due_at, "kills": kills, "stranded": stranded}


def _measure(settings, soak: dict, sellers: list[str], cycles: int) -> dict:
    from sqlalchemy import func, select

    from claimpilot.accounts.models import SellerAccount
    from claimpilot.db import session_factory
    from claimpilot.jobs.models import JobRun
    from claimpilot.tools.cases.models import ClaimEvent

    with session_factory(settings)() as db:
        node_of = dict(db.execute(select(SellerAccount.id, SellerAccount.node)).all())
        runs = list(db.scalars(select(JobRun)))
        attempts = {r.id: sorted(r.attempts, key=lambda a: a.started_at) for r in runs}
        twice = db.scalar(select(func.count()).select_from(
            select(ClaimEvent.claim_id).where(ClaimEvent.kind == "created").group_by(ClaimEvent.claim_id)
            .having(func.count() > 1).subquery()))
    by_seller: dict[str, list] = {}
    for r in runs:
        by_seller.setdefault(r.seller_id, []).extend(attempts[r.id])
    overlaps = 0
    for tries in by_seller.values():
        tries.sort(key=lambda a: a.started_at)
        overlaps += sum(1 for a, b in zip(tries, tries[1:], strict=False)
                        if a.ended_at is None or b.started_at < a.ended_at)
    waits = sorted((r.finished_at - soak["due_at"][r.cycle]).total_seconds() for r in runs if r.finished_at)
    recoveries = []
    for killed_at, _, cut in soak["kills"]:
        for run_id, token in cut:
            later = [a.started_at for a in attempts.get(run_id, []) if a.token > token]
            if later:
                recoveries.append((min(later) - killed_at).total_seconds())
    return {
        "sellers_per_min": len(sellers) * cycles / soak["minutes"],
        "p95_due_to_end_s": waits[max(0, int(len(waits) * 0.95) - 1)] if waits else float("nan"),
        "recovery_max_s": max(recoveries, default=0.0), "recovery_p50_s": statistics.median(recoveries or [0.0]),
        "recovered": len(recoveries), "kills": len(soak["kills"]),
        "double_success": sum(1 for tries in attempts.values() if [a.outcome for a in tries].count("succeeded") > 1),
        "claims_created_twice": twice or 0, "overlaps": overlaps,
        "not_succeeded": sum(1 for r in runs if r.status != "succeeded"),
        "off_node": sum(1 for r in runs for a in attempts[r.id] if not a.worker.startswith(f"{node_of[r.seller_id]}-w")),
    }


def soak_size(scale: str, asked: str) -> tuple[int, int]:
    """Sellers and cycles: the scale's, the issue's (``CLAIMPILOT_SOAK=full``) or as asked (``=200x2``)."""
    if asked == "full":
        return SCALES["soak"]
    if asked:
        sellers, _, cycles = asked.lower().partition("x")
        return int(sellers), int(cycles)
    return SCALES[scale]


def run(scale: str = "full") -> list[dict]:
    import redis
    from sqlalchemy import create_engine, text

    from claimpilot.accounts import sellers as service
    from claimpilot.accounts.nodes import register_node
    from claimpilot.config import Settings
    from claimpilot.db import session_factory
    from claimpilot.db.engine import dispose_all
    from claimpilot.jobs.runner import ensure_schema
    from claimpilot.sandbox.demo_seller import DEFAULT_AS_OF, generate
    from claimpilot.sandbox.demo_seller.seller import MIN_SKUS
    from claimpilot.sandbox.emulator import LwaCredentials, start_shared_emulator

    n_sellers, cycles = soak_size(scale, os.environ.get("CLAIMPILOT_SOAK", ""))
    rng = random.Random(21)
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    schema, prefix = f"cp_soak_{uuid.uuid4().hex[:10]}", f"cpsoak-{uuid.uuid4().hex[:8]}:"
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    home = Path(tempfile.mkdtemp(prefix="cp-bench-soak-"))
    emulator = None
    try:
        settings = Settings(home=home, _env_file=None, database_url=f"{PG_SERVER}?options=-csearch_path%3D{schema}",
                            scheduler=_scheduler(prefix))
        ensure_schema(settings)
        sellers = [f"soak{i:03d}" for i in range(n_sellers)]
        served = {seller_id: (generate(seed=100 + i, as_of=DEFAULT_AS_OF, skus=MIN_SKUS),
                              LwaCredentials(client_id=f"amzn1.application-oa2-client.{seller_id}",
                                             client_secret=f"secret-{seller_id}", refresh_token=f"Atzr|{seller_id}"))
                  for i, seller_id in enumerate(sellers)}
        emulator = start_shared_emulator(served, rate_scale=5000.0)  # one process, every seller
        with session_factory(settings).begin() as db:
            for node, node_home in node_homes(home).items():  # sellers are spread over the nodes as added
                register_node(db, node, str(node_home))
            for seller_id, (_, creds) in served.items():
                service.add_seller(db, seller_id, kinds=["scan"])
                service.set_credentials(settings, db, seller_id, refresh_token=creds.refresh_token,
                                        lwa_client_secret=creds.client_secret, lwa_app_id=creds.client_id,
                                        endpoint=emulator.url)
                service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"since_days": SINCE_DAYS})
        soak = _soak(settings, sellers, cycles, rng)
        m = _measure(settings, soak, sellers, cycles)
    finally:
        if emulator is not None:
            emulator.stop()
        dispose_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        for key in client.scan_iter(match=f"{prefix}*", count=1000):
            client.delete(key)
        client.close()
        shutil.rmtree(home, ignore_errors=True)
    note = (f"{n_sellers} emulated sellers x {cycles} cycles, 2 home nodes of 1 prefork worker with "
            f"{pool_size()} pool children, {m['kills']} kills "
            f"(whole/main/child), lease {LEASE_S} s; {os.cpu_count()} CPUs")
    row = {"benchmark": "soak", "baseline": None, "ratio": None}
    return [
        {**row, "metric": "sellers scanned per minute", "value": m["sellers_per_min"], "unit": "sellers/min",
         "note": note},
        {**row, "metric": "p95 from due to end of run", "value": m["p95_due_to_end_s"], "unit": "s"},
        {**row, "metric": "recovery after a kill, max", "value": m["recovery_max_s"], "unit": "s",
         "note": f"median {m['recovery_p50_s']:.1f} s over {m['recovered']} runs cut short; {soak['stranded']} runs "
                 f"queued again after a kill took their task before they began"},
        {**row, "metric": "duplicates (double successes, claims created twice, overlapping attempts)",
         "value": m["double_success"] + m["claims_created_twice"] + m["overlaps"], "unit": "",
         "note": f"{m['double_success']} / {m['claims_created_twice']} / {m['overlaps']}; "
                 f"{m['not_succeeded']} runs not succeeded"},
        {**row, "metric": "attempts run off their seller's home node", "value": m["off_node"], "unit": "",
         "note": "goal 0: each seller's warehouse is in its node's home only"},
    ]
