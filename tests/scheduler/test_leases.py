"""Leases on running jobs (PostgreSQL, Redis): an attempt whose worker stops renewing its lease is closed
as failed (worker lost) by the next dispatch round, alerted once, and its run queued again for another
worker; a worker that takes a seller's lock closes the seller's orphaned attempts at once."""

from __future__ import annotations

import time
from datetime import timedelta

from scheduler_utils import AS_OF, REDIS_URL, at, install, queued
from sqlalchemy import select

from claimpilot.accounts import sellers as service
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.db.engine import dispose_all
from claimpilot.jobs.lease import WORKER_LOST, Heartbeat, reap_lapsed
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.runner import _begin, ensure_schema, run_job
from claimpilot.workers.app import make_app
from claimpilot.workers.tasks import dispatch_due
from receivers import Receiver

CYCLE = AS_OF.isoformat()


def prepared(home, pg_url, prefix, templates, alerts_url, **scheduler) -> Settings:
    config = {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "key_prefix": prefix, "queue": f"{prefix}jobs",
              "lease_s": 60, "heartbeat_s": 20, **scheduler}
    settings = Settings(home=home, _env_file=None, database_url=pg_url, scheduler=config,
                        logistics={"alerts": {"webhook_url": alerts_url}})
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme", kinds=["scan"])
        service.set_schedule(db, "acme", "scan", at_utc="06:00", options={"fetch": False})
    install(templates[3], settings, "acme")
    return settings


def vanished_worker(settings: Settings, moment) -> tuple[int, int]:
    """A worker began the day's scan at ``moment`` and died: its attempt is open, nobody renews it."""
    with session_factory(settings).begin() as db:
        began, lost = _begin(db, "acme", "scan", CYCLE, "w1@vm", lambda: moment, settings.scheduler.lease_s)
    assert lost == []
    return began


def attempts(settings) -> list[tuple]:
    with session_factory(settings)() as db:
        return [(a.token, a.worker, a.outcome, a.error.split(":")[0], a.started_at, a.ended_at)
                for a in db.scalars(select(JobAttempt).order_by(JobAttempt.id))]


def run_row(settings) -> JobRun:
    with session_factory(settings)() as db:
        return db.scalar(select(JobRun))


def next_task(app) -> str:
    """The seller of the next run task a worker would take from the queue (taken off it)."""
    with app.connection_for_read() as conn, conn.SimpleQueue(app.conf.claimpilot_settings.scheduler.queue) as q:
        message = q.get(timeout=5)
        message.ack()
        args, _, _ = message.payload
        return args[0]


def test_a_lapsed_attempt_is_closed_alerted_once_and_queued_again(isolated_home, pg_url, redis_prefix, templates):
    alerts = Receiver().start()
    try:
        settings = prepared(isolated_home, pg_url, redis_prefix, templates, alerts.url + "/ops")
        app = make_app(settings)
        vanished_worker(settings, at(12, 0))
        assert dispatch_due(app, at(12, 0, 0) + timedelta(seconds=59)) == []  # the lease still runs
        assert run_row(settings).status == "running" and alerts.received == []

        [due] = dispatch_due(app, at(12, 1))  # lapsed: closed, queued again
        assert (due.seller_id, due.kind, due.cycle) == ("acme", "scan", CYCLE)
        [(token, worker, outcome, error, _, ended)] = attempts(settings)
        assert (token, worker, outcome, error, ended) == (1, "w1@vm", "failed", WORKER_LOST, at(12, 1))
        run = run_row(settings)
        assert run.status == "queued" and run.error.startswith(WORKER_LOST) and queued(redis_prefix) == 1
        [notice] = [r.json() for r in alerts.received]
        assert notice["event_id"] == f"worker-lost:{run.id}:1" and notice["kind"] == "worker_lost"
        assert notice["data"]["seller_id"] == "acme" and notice["data"]["worker"] == "w1@vm"

        assert dispatch_due(app, at(12, 2)) == [] and len(alerts.received) == 1  # once, however many rounds

        outcome = run_job(settings, "acme", "scan", CYCLE, worker="w2@vm", clock=lambda: at(12, 2))
        assert outcome.status == "succeeded"
        tries = attempts(settings)
        assert [(t[0], t[1], t[2]) for t in tries] == [(1, "w1@vm", "failed"), (2, "w2@vm", "succeeded")]
        assert tries[1][4] >= tries[0][5]  # the second began after the first was closed
        assert run_row(settings).status == "succeeded" and run_row(settings).lease_until is None
    finally:
        alerts.stop()
        dispose_all()


def test_a_run_lost_more_often_than_its_retries_stays_failed(isolated_home, pg_url, redis_prefix, templates):
    alerts = Receiver().start()
    try:
        settings = prepared(isolated_home, pg_url, redis_prefix, templates, alerts.url + "/ops", max_retries=1)
        app = make_app(settings)
        vanished_worker(settings, at(12, 0))
        assert len(dispatch_due(app, at(12, 5))) == 1  # attempt 1 lost: one retry left
        vanished_worker(settings, at(12, 6))
        assert dispatch_due(app, at(12, 10)) == []  # attempt 2 lost: no retry left
        run = run_row(settings)
        assert run.status == "failed" and run.error.startswith(WORKER_LOST) and run.finished_at == at(12, 10)
        assert [t[2] for t in attempts(settings)] == ["failed", "failed"] and len(alerts.received) == 2
    finally:
        alerts.stop()
        dispose_all()


def test_a_lost_workers_run_goes_before_the_scheduled_runs_waiting(isolated_home, pg_url, redis_prefix, templates):
    alerts = Receiver().start()
    try:
        settings = prepared(isolated_home, pg_url, redis_prefix, templates, alerts.url + "/ops")
        with session_factory(settings).begin() as db:
            for seller_id in ("b1", "b2", "b3"):
                service.add_seller(db, seller_id, kinds=["scan"])
                service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})
        app = make_app(settings)
        vanished_worker(settings, at(12, 0))  # acme's scan began, then its worker died
        assert sorted(run.seller_id for run in dispatch_due(app, at(12, 0, 0) + timedelta(seconds=30))) == [
            "b1", "b2", "b3"]  # the day's scheduled runs wait in the queue
        [lost] = dispatch_due(app, at(12, 1))
        assert lost.seller_id == "acme" and queued(redis_prefix) == 4
        assert [next_task(app) for _ in range(4)] == ["acme", "b1", "b2", "b3"]
    finally:
        alerts.stop()
        dispose_all()


def test_the_heartbeat_keeps_the_lease_and_learns_when_it_was_lost(isolated_home, pg_url, redis_prefix, templates,
                                                                  clock):
    alerts = Receiver().start()
    try:
        settings = prepared(isolated_home, pg_url, redis_prefix, templates, alerts.url + "/ops")
        sessions = session_factory(settings)
        start = clock.now()
        run_id, token = vanished_worker(settings, start)
        first_lease = run_row(settings).lease_until
        with Heartbeat(sessions, run_id, token, lease_s=60, every_s=0.05, clock=clock.now) as beat:
            time.sleep(0.5)
            renewed = run_row(settings).lease_until
            assert renewed > first_lease
            with sessions.begin() as db:  # a round just after the first lease would have ended: still held
                assert reap_lapsed(db, first_lease + timedelta(milliseconds=100), 60, 5).lost == []
            with sessions.begin() as db:  # a stall longer than the lease: closed by the round
                assert len(reap_lapsed(db, renewed + timedelta(seconds=5), 60, 5).lost) == 1
            time.sleep(0.3)
            assert beat.lost
    finally:
        alerts.stop()
        dispose_all()


def test_a_worker_taking_the_seller_closes_its_orphaned_attempt(isolated_home, pg_url, redis_prefix, templates):
    """A pool child killed mid-scan: its task comes back at once and the next worker to take the seller's
    lock closes the dead attempt (alerted) before it begins, long before the lease would lapse."""
    alerts = Receiver().start()
    try:
        settings = prepared(isolated_home, pg_url, redis_prefix, templates, alerts.url + "/ops")
        vanished_worker(settings, at(12, 0))
        outcome = run_job(settings, "acme", "scan", CYCLE, worker="w2@vm", clock=lambda: at(12, 0, 0))
        assert outcome.status == "succeeded"
        tries = attempts(settings)
        assert [(t[0], t[2], t[3]) for t in tries] == [(1, "failed", WORKER_LOST), (2, "succeeded", "")]
        assert tries[1][4] >= tries[0][5]
        assert [r.json()["event_id"] for r in alerts.received] == [f"worker-lost:{run_row(settings).id}:1"]
    finally:
        alerts.stop()
        dispose_all()
