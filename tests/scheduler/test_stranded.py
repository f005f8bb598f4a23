"""A run whose task a worker took and died with before beginning it (PostgreSQL, Redis): no attempt, no lease, the
broker holds the task unacknowledged for hours. Once the run's node has finished other work since and stands idle,
the dispatch round queues the run again; while the node is busy, or has finished nothing since (it is down), the
run waits."""

from __future__ import annotations

from datetime import timedelta

from scheduler_utils import AS_OF, REDIS_URL, at, install, scanned_daily
from sqlalchemy import select

from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.models import JobRun
from claimpilot.jobs.runner import _begin, run_job
from claimpilot.jobs.stranded import stranded_runs
from claimpilot.workers.app import make_app
from claimpilot.workers.tasks import dispatch_due

CYCLE = AS_OF.isoformat()
IDLE_S = 120


def prepared(home, pg_url, prefix, templates) -> Settings:
    config = {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "key_prefix": prefix, "queue": f"{prefix}jobs",
              "stranded_after_s": IDLE_S}
    settings = Settings(home=home, _env_file=None, database_url=pg_url, scheduler=config)
    scanned_daily(settings, "acme", "bolt")
    install(templates[3], settings, "acme")
    install(templates[3], settings, "bolt")
    return settings


def take_task(app) -> str:
    """The seller of the next run task, taken off the queue as a worker takes it (and gone with the worker)."""
    with app.connection_for_read() as conn, conn.SimpleQueue(app.conf.claimpilot_settings.scheduler.queue) as q:
        message = q.get(timeout=5)
        message.ack()
        return message.payload[0][0]


def status(settings, seller) -> str:
    with session_factory(settings)() as db:
        return db.scalar(select(JobRun.status).where(JobRun.seller_id == seller))


def test_a_run_whose_task_died_with_its_worker_is_queued_again_once_the_node_idles(isolated_home, pg_url,
                                                                                  redis_prefix, templates):
    settings = prepared(isolated_home, pg_url, redis_prefix, templates)
    app = make_app(settings)
    assert sorted(r.seller_id for r in dispatch_due(app, at(6, 0))) == ["acme", "bolt"]
    lost = take_task(app)  # the worker that took it is killed before it begins the run
    other = "bolt" if lost == "acme" else "acme"
    assert take_task(app) == other
    assert run_job(settings, other, "scan", CYCLE, clock=lambda: at(6, 1)).status == "succeeded"
    assert status(settings, lost) == "queued"

    assert dispatch_due(app, at(6, 1) + timedelta(seconds=IDLE_S - 5)) == []  # the node only just went idle
    again = dispatch_due(app, at(6, 1) + timedelta(seconds=IDLE_S + 5))
    assert [(r.seller_id, r.cycle) for r in again] == [(lost, CYCLE)]
    assert take_task(app) == lost  # queued again: the next worker takes it
    assert dispatch_due(app, at(6, 1) + timedelta(seconds=IDLE_S + 10)) == []  # once, not every round
    assert run_job(settings, lost, "scan", CYCLE, clock=lambda: at(6, 5)).status == "succeeded"


def test_a_queued_run_waits_while_its_node_is_busy_or_has_finished_nothing_since(isolated_home, pg_url,
                                                                                  redis_prefix, templates):
    settings = prepared(isolated_home, pg_url, redis_prefix, templates)
    app = make_app(settings)
    dispatch_due(app, at(6, 0))
    later = at(9, 0)
    with session_factory(settings).begin() as db:
        assert stranded_runs(db, later, IDLE_S) == []  # nothing finished since they were queued: the node is down
    with session_factory(settings).begin() as db:
        _begin(db, "bolt", "scan", CYCLE, "w1@vm", lambda: at(6, 1), 3 * 3600)  # a long scan, still running
        assert stranded_runs(db, later, IDLE_S) == []  # the node is busy: the run is in its queue, waiting
