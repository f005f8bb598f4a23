"""Retention of the run history, on SQLite and PostgreSQL: ``claimpilot jobs prune``, the embedded
loop's daily housekeeping and Celery beat's daily task remove the finished runs past the retention with
their attempts; queued and running runs, recent runs, and each seller's job's latest run and latest
failure stay, and the status view shows the same before and after."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from typer.testing import CliRunner

from claimpilot.accounts import sellers as service
from claimpilot.cli import app as cli_app
from claimpilot.config import Settings, get_settings
from claimpilot.db import session_factory
from claimpilot.db.engine import dispose_all
from claimpilot.jobs import kinds
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.runner import JobFailed, ensure_schema, now_utc, open_run, run_job
from claimpilot.scheduler.embedded import EmbeddedScheduler
from claimpilot.workers.app import PRUNE_TASK, make_app

PROBE = "probe"
BATCH = 2  # a handful of runs still takes several batches


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, isolated_home) -> Settings:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    return Settings(home=isolated_home, _env_file=None, database_url=url, scheduler={"prune_batch": BATCH})


@pytest.fixture
def failing(monkeypatch) -> set[tuple[str, str]]:
    """(seller, cycle) pairs whose next probe run fails; the probe job kind succeeds otherwise."""
    fail: set[tuple[str, str]] = set()

    def probe(settings, ctx):
        if (ctx.seller_id, ctx.cycle) in fail:
            fail.discard((ctx.seller_id, ctx.cycle))
            raise RuntimeError("probe failed")
        return {"ok": True}

    monkeypatch.setitem(kinds.JOB_KINDS, PROBE, probe)
    return fail


def env(settings: Settings, **extra: str) -> dict:
    out = {"CLAIMPILOT_HOME": str(settings.home), "CLAIMPILOT_SCHEDULER__PRUNE_BATCH": str(BATCH), **extra}
    if settings.database_url:
        out["CLAIMPILOT_DATABASE_URL"] = settings.database_url
    return out


def cli(settings: Settings, *args: str, **extra: str):
    dispose_all()
    get_settings.cache_clear()  # each command reads its environment afresh, as a new process would
    return CliRunner().invoke(cli_app, list(args), env=env(settings, **extra))


def add_sellers(settings: Settings, *seller_ids: str) -> None:
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        for seller_id in seller_ids:
            service.add_seller(db, seller_id, kinds=[])


def ran(settings: Settings, failing: set, seller: str, now: datetime, days_ago: int, *outcomes: str) -> str:
    """Run the probe for ``seller`` in the cycle ``days_ago`` days before ``now``, once per outcome."""
    start = now - timedelta(days=days_ago)
    cycle = start.date().isoformat()
    for i, outcome in enumerate(outcomes):
        if outcome == "failed":
            failing.add((seller, cycle))
        moment = start + timedelta(minutes=10 * i)
        try:
            run_job(settings, seller, PROBE, cycle, clock=lambda moment=moment: moment)
        except JobFailed:
            pass
    return cycle


def left_behind(settings: Settings, seller: str, now: datetime, days_ago: int, status: str) -> str:
    """A run queued (never taken) or running (its process killed) ``days_ago`` days before ``now``."""
    moment = now - timedelta(days=days_ago)
    cycle = moment.date().isoformat()
    with session_factory(settings).begin() as db:
        run = open_run(db, seller, PROBE, cycle, moment)
        if status == "running":
            run.status, run.token, run.started_at, run.worker = "running", 1, moment, "gone:1"
            db.add(JobAttempt(run_id=run.id, token=1, worker="gone:1", pid=1, started_at=moment, error=""))
    return cycle


def runs(settings: Settings) -> dict[tuple[str, str], tuple[str, list]]:
    """(seller, cycle) -> (status, its attempts' outcomes) of every run in the store."""
    with session_factory(settings)() as db:
        return {(r.seller_id, r.cycle): (r.status, [a.outcome for a in r.attempts])
                for r in db.scalars(select(JobRun).order_by(JobRun.id))}


def attempt_count(settings: Settings) -> int:
    with session_factory(settings)() as db:
        return db.scalar(select(func.count(JobAttempt.id)))


def build_history(settings: Settings, failing: set, now: datetime) -> dict[str, str]:
    """Two sellers' probe runs over 200 days; the name of each run -> its cycle."""
    add_sellers(settings, "acme", "globex")
    c = {
        "acme_200_ok": ran(settings, failing, "acme", now, 200, "succeeded"),
        "acme_150_failed": ran(settings, failing, "acme", now, 150, "failed", "failed"),
        "acme_120_failed": ran(settings, failing, "acme", now, 120, "failed"),  # acme's latest failure
        "acme_100_ok": ran(settings, failing, "acme", now, 100, "succeeded"),
        "acme_95_queued": left_behind(settings, "acme", now, 95, "queued"),
        "acme_93_running": left_behind(settings, "acme", now, 93, "running"),
        "acme_30_ok": ran(settings, failing, "acme", now, 30, "succeeded"),
        "acme_1_retried": ran(settings, failing, "acme", now, 1, "failed", "succeeded"),  # acme's last run
        "globex_200_ok": ran(settings, failing, "globex", now, 200, "succeeded"),
        "globex_120_failed": ran(settings, failing, "globex", now, 120, "failed"),  # last run and last failure
    }
    return c


def test_prune_removes_old_finished_runs_with_their_attempts_and_keeps_the_rest(store, failing):
    now = now_utc()
    c = build_history(store, failing, now)
    before = runs(store)
    assert before[("acme", c["acme_150_failed"])] == ("failed", ["failed", "failed"])
    # the killed process's attempt was closed (worker lost) when a later run took the seller; the run itself
    # waits for a dispatch round to queue it again, and is never pruned while it is running
    assert before[("acme", c["acme_93_running"])] == ("running", ["failed"])
    status_before = cli(store, "status", "--json")
    assert status_before.exit_code == 0, status_before.output

    dry = cli(store, "jobs", "prune", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would remove 4 runs and 5 attempts" in dry.output
    assert runs(store) == before and attempt_count(store) == 11

    done = cli(store, "jobs", "prune")
    assert done.exit_code == 0, done.output
    assert "removed 4 runs and 5 attempts" in done.output
    gone = {("acme", c["acme_200_ok"]), ("acme", c["acme_150_failed"]), ("acme", c["acme_100_ok"]),
            ("globex", c["globex_200_ok"])}
    assert runs(store) == {key: value for key, value in before.items() if key not in gone}
    assert attempt_count(store) == 11 - 5  # no attempt outlives its run

    status_after = cli(store, "status", "--json")
    assert json.loads(status_after.stdout) == json.loads(status_before.stdout)
    rows = {r["seller_id"]: r for r in json.loads(status_after.stdout)}
    assert (rows["acme"]["last_cycle"], rows["acme"]["last_status"], rows["acme"]["failures_7d"]) == (
        c["acme_1_retried"], "succeeded", 1)
    assert (rows["globex"]["last_cycle"], rows["globex"]["last_status"]) == (c["globex_120_failed"], "failed")
    assert rows["globex"]["last_error"] == "RuntimeError: probe failed"

    again = cli(store, "jobs", "prune")
    assert "removed 0 runs and 0 attempts" in again.output

    shorter = cli(store, "jobs", "prune", "--older-than-days", "25")
    assert shorter.exit_code == 0, shorter.output
    assert "removed 1 run and 1 attempt" in shorter.output  # acme's 30-day-old run
    assert set(runs(store)) == {("acme", c["acme_120_failed"]), ("acme", c["acme_95_queued"]),
                                ("acme", c["acme_93_running"]), ("acme", c["acme_1_retried"]),
                                ("globex", c["globex_120_failed"])}


def test_prune_refuses_a_retention_shorter_than_the_status_views_failure_window(store, failing):
    add_sellers(store, "acme")
    now = now_utc()
    ran(store, failing, "acme", now, 5, "succeeded")
    ran(store, failing, "acme", now, 4, "succeeded")
    refused = cli(store, "jobs", "prune", "--older-than-days", "3")
    assert refused.exit_code == 2
    assert "--older-than-days" in refused.output and "at least 7" in refused.output
    assert len(runs(store)) == 2

    off = cli(store, "jobs", "prune", CLAIMPILOT_SCHEDULER__KEEP_RUNS_DAYS="0")
    assert off.exit_code == 0 and "kept forever" in off.output

    for days in (-1, 3):
        with pytest.raises(ValidationError, match="keep_runs_days must be 0 .keep forever. or at least 7"):
            Settings(_env_file=None, scheduler={"keep_runs_days": days})


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_embedded_loop_prunes_once_a_day(store, failing):
    clock = Clock(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    add_sellers(store, "acme")
    ran(store, failing, "acme", clock.now, 200, "succeeded")
    recent = ran(store, failing, "acme", clock.now, 2, "succeeded")
    loop = EmbeddedScheduler(store, clock=clock)
    assert loop.tick() == []  # nothing scheduled: the round is housekeeping only
    assert set(runs(store)) == {("acme", recent)}

    older = ran(store, failing, "acme", clock.now, 150, "succeeded")
    clock.now += timedelta(hours=6)
    loop.tick()
    assert set(runs(store)) == {("acme", older), ("acme", recent)}  # pruned today already

    clock.now += timedelta(days=1)
    loop.tick()
    assert set(runs(store)) == {("acme", recent)}
    dispose_all()


def test_celery_beat_prunes_daily_with_a_task_that_removes_the_old_runs(store, failing):
    now = now_utc()
    c = build_history(store, failing, now)
    app = make_app(store)
    entry = app.conf.beat_schedule["prune-runs"]
    assert entry["task"] == PRUNE_TASK
    assert timedelta(0) <= entry["schedule"].remaining_estimate(now) <= timedelta(days=1)

    outcome = app.tasks[PRUNE_TASK].apply().get()  # what a worker does when beat queues it
    assert (outcome["runs"], outcome["attempts"]) == (4, 5)
    assert ("acme", c["acme_120_failed"]) in runs(store) and ("acme", c["acme_100_ok"]) not in runs(store)

    kept = Settings(home=store.home, _env_file=None, database_url=store.database_url,
                    scheduler={"keep_runs_days": 0})
    assert "prune-runs" not in make_app(kept).conf.beat_schedule
    dispose_all()
