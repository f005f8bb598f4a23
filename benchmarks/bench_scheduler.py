"""Sellers audited per minute per Celery worker: one worker, then two, in the same run.

Demo sellers (the same 80-SKU demo seller's reports in each seller's own
warehouse) are scanned without fetching by real Celery workers (solo pool,
subprocesses) on the Redis at 127.0.0.1:6379, with the claims in a fresh schema
of the PostgreSQL at 127.0.0.1:5432. Each phase has its own sellers; its time
runs from the first scan's start to the last scan's end, as the run records
say (worker start-up is not counted). Reported: sellers audited per minute per
worker with one worker (the baseline) and with two, and their ratio (1.0 means
the second worker adds a full worker's throughput).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from datetime import time as dtime
from pathlib import Path

SCALES = {"small": 10, "full": 40}
PG_SERVER = os.environ.get("CLAIMPILOT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CLAIMPILOT_TEST_REDIS", "redis://127.0.0.1:6379/0")
PATIENCE_S = 1800


def _scheduler(prefix: str) -> dict:
    return {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "key_prefix": prefix, "queue": f"{prefix}jobs",
            "visibility_timeout_s": 600, "lock_busy_retry_s": 1, "first_runs_per_tick": 0}


def _worker(home: Path, url: str, prefix: str, name: str) -> subprocess.Popen:
    env = {**os.environ, "CLAIMPILOT_HOME": str(home), "CLAIMPILOT_DATABASE_URL": url}
    env.update({f"CLAIMPILOT_SCHEDULER__{k.upper()}": str(v) for k, v in _scheduler(prefix).items()})
    return subprocess.Popen([sys.executable, "-m", "claimpilot.cli", "worker", "--pool", "solo", "--name",
                             f"{name}@{prefix.rstrip(':')}", "--loglevel", "WARNING"], env=env, cwd=home,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _phase(settings, template: Path, prefix: str, tag: str, sellers: int, workers: int) -> float:
    """Scan ``sellers`` new sellers with ``workers`` workers; sellers audited per minute per worker."""
    from sqlalchemy import func, select

    from claimpilot.accounts import sellers as service
    from claimpilot.db import session_factory
    from claimpilot.jobs.models import JobAttempt, JobRun
    from claimpilot.sandbox.demo_seller import DEFAULT_AS_OF
    from claimpilot.workers.app import make_app
    from claimpilot.workers.tasks import dispatch_due

    ids = [f"{tag}{i:03d}" for i in range(sellers)]
    sessions = session_factory(settings)
    with sessions.begin() as db:
        for seller_id in ids:
            service.add_seller(db, seller_id, kinds=["scan"])
            service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})
    for seller_id in ids:
        settings.seller_dir(seller_id).mkdir(parents=True)
        shutil.copy2(template / "warehouse.duckdb", settings.warehouse_path(seller_id))
        shutil.copytree(template / "evidence", settings.evidence_dir(seller_id), copy_function=os.link)
    dispatch_due(make_app(settings), datetime.combine(DEFAULT_AS_OF, dtime(12), tzinfo=UTC))
    procs = [_worker(settings.home, settings.database_url, prefix, f"{tag}w{n}") for n in range(workers)]
    try:
        deadline = time.monotonic() + PATIENCE_S
        while True:
            with sessions() as db:
                done = db.scalar(select(func.count()).select_from(JobRun).where(
                    JobRun.seller_id.in_(ids), JobRun.status == "succeeded"))
            if done == sellers:
                break
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise RuntimeError(f"{tag}: {done} of {sellers} sellers scanned before giving up")
            time.sleep(0.5)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
    with sessions() as db:
        first, last = db.execute(select(func.min(JobAttempt.started_at), func.max(JobAttempt.ended_at))
                                 .join(JobRun, JobRun.id == JobAttempt.run_id).where(JobRun.seller_id.in_(ids))).one()
    minutes = (last - first).total_seconds() / 60
    return sellers / minutes / workers


def run(scale: str = "full") -> list[dict]:
    import redis
    from sqlalchemy import create_engine, text

    from claimpilot.config import Settings
    from claimpilot.db.engine import dispose_all
    from claimpilot.jobs.runner import ensure_schema
    from claimpilot.sandbox.demo_seller import DEFAULT_AS_OF, generate
    from claimpilot.tools.reports.store import ReportStore

    sellers = SCALES[scale]
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    schema = f"cp_bench_{uuid.uuid4().hex[:10]}"
    prefix = f"cpbench-{uuid.uuid4().hex[:8]}:"
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    home = Path(tempfile.mkdtemp(prefix="cp-bench-scheduler-"))
    try:
        settings = Settings(home=home, _env_file=None, database_url=f"{PG_SERVER}?options=-csearch_path%3D{schema}",
                            scheduler=_scheduler(prefix))
        ensure_schema(settings)
        template = Settings(home=home / "template", seller_id="t", _env_file=None)
        generate(seed=3, as_of=DEFAULT_AS_OF, skus=80).write(home / "inbox")
        ReportStore(template.warehouse_path(), template.evidence_dir()).import_path(home / "inbox")
        one = _phase(settings, template.seller_dir(), prefix, "a", sellers, 1)
        two = _phase(settings, template.seller_dir(), prefix, "b", sellers, 2)
    finally:
        dispose_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        for key in client.scan_iter(match=f"{prefix}*", count=1000):
            client.delete(key)
        client.close()
        shutil.rmtree(home, ignore_errors=True)
    note = f"{sellers} demo sellers a phase, 80 SKUs each, scan without fetch; {os.cpu_count()} CPUs"
    return [
        {"benchmark": "scheduler", "metric": "sellers audited per minute per worker, 1 worker", "value": one,
         "unit": "sellers/min/worker", "baseline": None, "ratio": None, "note": note},
        {"benchmark": "scheduler", "metric": "sellers audited per minute per worker, 2 workers", "value": two,
         "unit": "sellers/min/worker", "baseline": one, "ratio": two / one,
         "note": f"total {2 * two:.1f} sellers/min with 2 workers vs {one:.1f} with 1"},
    ]
