"""Run now: ``claimpilot jobs run SELLER [KIND]`` and ``POST /api/sellers/{id}/jobs/{kind}/run`` ask for a
run that the next dispatch round hands out once; ``--here`` runs it at once; a new seller's first runs
are spread over dispatch rounds."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from scheduler_utils import at, install
from sqlalchemy import select
from typer.testing import CliRunner

from claimpilot.accounts import members as accounts
from claimpilot.accounts import sellers as service
from claimpilot.cli import app as cli_app
from claimpilot.db import session_factory
from claimpilot.db.engine import dispose_all
from claimpilot.jobs.dispatch import claim_due_runs
from claimpilot.jobs.manual import take_requested
from claimpilot.jobs.models import JobRun
from claimpilot.jobs.runner import ensure_schema
from claimpilot.scheduler.embedded import EmbeddedScheduler
from claimpilot.server.app import create_app


def add(settings, *sellers: str, kinds=("scan",)) -> None:
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        for seller_id in sellers:
            service.add_seller(db, seller_id, kinds=list(kinds))
            if "scan" in kinds:
                service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})


def runs(settings) -> list[tuple]:
    with session_factory(settings)() as db:
        return [(r.seller_id, r.kind, r.cycle, r.status)
                for r in db.scalars(select(JobRun).order_by(JobRun.id))]


def test_jobs_run_asks_and_the_next_round_runs_it_once(settings, templates, isolated_home, clock):
    add(settings, "acme")
    install(templates[3], settings, "acme")
    clock.move_to(at(6, 30))
    EmbeddedScheduler(settings).tick()  # the day's scheduled scan
    clock.move_to(at(9, 15))
    dispose_all()
    env = {"CLAIMPILOT_HOME": str(isolated_home)}
    asked = CliRunner().invoke(cli_app, ["jobs", "run", "acme"], env=env)
    assert asked.exit_code == 0, asked.output
    [line] = [x for x in asked.stdout.splitlines() if x.startswith("acme")]
    seller, kind, cycle, status = line.split("\t")
    assert (seller, kind, status) == ("acme", "scan", "requested")
    assert cycle.startswith(at(9, 15).strftime("%Y-%m-%dT%H:%M"))
    again = CliRunner().invoke(cli_app, ["jobs", "run", "acme", "scan"], env=env)  # a second ask: the same run
    assert again.exit_code == 0 and cycle in again.stdout

    outcomes = EmbeddedScheduler(settings).tick()
    assert [(o.seller_id, o.kind, o.cycle, o.status) for o in outcomes] == [("acme", "scan", cycle, "succeeded")]
    assert EmbeddedScheduler(settings).tick() == []  # taken once
    assert runs(settings) == [("acme", "scan", at(6, 30).date().isoformat(), "succeeded"),
                              ("acme", "scan", cycle, "succeeded")]

    dispose_all()
    status = CliRunner().invoke(cli_app, ["status", "--json"], env=env)
    [row] = json.loads(status.stdout)  # the last run is the one asked for; the schedule's day is done
    assert (row["last_cycle"], row["last_status"]) == (cycle, "succeeded")
    assert row["next_run"] == at(6, 0, day=1).isoformat()

    bad = CliRunner().invoke(cli_app, ["jobs", "run", "acmee"], env=env)
    assert bad.exit_code == 1 and "no such seller: acmee" in bad.output
    bad = CliRunner().invoke(cli_app, ["jobs", "run", "acme", "scna"], env=env)
    assert bad.exit_code == 1 and "unknown job kind 'scna'" in bad.output
    dispose_all()


def test_jobs_run_here_runs_in_this_process(settings, templates, isolated_home, clock):
    add(settings, "acme")
    install(templates[3], settings, "acme")
    clock.move_to(at(9, 0))
    dispose_all()
    done = CliRunner().invoke(cli_app, ["jobs", "run", "acme", "--here"], env={"CLAIMPILOT_HOME": str(isolated_home)})
    assert done.exit_code == 0, done.output
    assert done.stdout.strip().endswith("\tsucceeded")
    [(seller, kind, cycle, status)] = runs(settings)
    assert (seller, kind, status) == ("acme", "scan", "succeeded") and cycle.startswith(at(9, 0).date().isoformat())
    dispose_all()


def test_run_now_from_the_api_needs_an_operator(settings, clock):
    add(settings, "acme", "globex")
    app = create_app(settings)
    with app.state.sessions() as db:
        viewer = accounts.create_user(db, "view@acme.test", "correct-horse-9")
        accounts.grant(db, viewer, "acme", "viewer")
        operator = accounts.create_user(db, "ops@acme.test", "correct-horse-9")
        accounts.grant(db, operator, "acme", "operator")
        _, view_token = accounts.create_api_key(db, viewer, "tests")
        _, ops_token = accounts.create_api_key(db, operator, "tests")
        db.commit()
    with TestClient(app) as client:
        as_viewer = {"Authorization": f"Bearer {view_token}"}
        as_operator = {"Authorization": f"Bearer {ops_token}"}
        assert client.post("/api/sellers/acme/jobs/scan/run", headers=as_viewer).status_code == 403
        assert client.post("/api/sellers/globex/jobs/scan/run", headers=as_operator).status_code == 404
        assert client.post("/api/sellers/acme/jobs/nope/run", headers=as_operator).status_code == 404
        answer = client.post("/api/sellers/acme/jobs/scan/run", headers=as_operator)
        assert answer.status_code == 202 and answer.json()["status"] == "requested"
        assert client.post("/api/sellers/acme/jobs/scan/run", headers=as_operator).json() == answer.json()
        [run] = client.get("/api/sellers/acme/jobs/runs", headers=as_operator).json()
        assert (run["kind"], run["cycle"], run["status"]) == ("scan", answer.json()["cycle"], "requested")
    with session_factory(settings).begin() as db:  # two dispatchers: one takes it
        first, second = take_requested(db, clock.now()), take_requested(db, clock.now())
    assert [(d.seller_id, d.kind) for d in first] == [("acme", "scan")] and second == []
    dispose_all()


def test_a_hundred_new_sellers_start_a_few_at_a_time(settings, clock):
    """100 sellers added at once, each with scan, digest and tracking: a dispatch round creates at most
    ``first_runs_per_tick`` first runs, every scan before any digest or tracking; later rounds the rest."""
    sellers = [f"new{i:03d}" for i in range(100)]
    add(settings, *sellers, kinds=("scan", "digest", "tracking"))
    limit = settings.scheduler.first_runs_per_tick
    rounds = []
    with session_factory(settings).begin() as db:
        while True:
            created = claim_due_runs(db, at(12, 0), first_runs=limit)
            if not created:
                break
            rounds.append(created)
    assert max(len(r) for r in rounds) == limit == 10
    order = [d.kind for r in rounds for d in r]
    assert sorted(order) == ["digest"] * 100 + ["scan"] * 100 + ["tracking"] * 100
    assert order[:100] == ["scan"] * 100
    with session_factory(settings).begin() as db:  # sellers that ran once are no longer held back
        assert len(claim_due_runs(db, at(12, 0, day=1), first_runs=limit)) == 300
    dispose_all()
