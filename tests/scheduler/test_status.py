"""The status view: ``claimpilot status`` and the jobs API (a member sees only their seller accounts)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from scheduler_utils import AS_OF, at, install, scanned_daily
from typer.testing import CliRunner

from claimpilot.accounts import members as accounts
from claimpilot.cli import app as cli_app
from claimpilot.db.engine import dispose_all
from claimpilot.scheduler.embedded import EmbeddedScheduler
from claimpilot.server.app import create_app


def prepare(settings, templates, clock) -> None:
    """'acme' scanned fine; 'globex' failed (its warehouse is not a DuckDB file), both at 06:30 on the
    demo sellers' day; the status is then read at 07:00 that day."""
    scanned_daily(settings, "acme", "globex")
    install(templates[3], settings, "acme")
    settings.seller_dir("globex").mkdir(parents=True)
    settings.warehouse_path("globex").write_bytes(b"not a database")
    EmbeddedScheduler(settings, clock=lambda: at(6, 30)).tick()
    clock.move_to(at(7, 0))


def test_status_command_shows_last_run_next_run_and_failures(settings, templates, isolated_home, clock):
    prepare(settings, templates, clock)
    dispose_all()
    result = CliRunner().invoke(cli_app, ["status", "--json"], env={"CLAIMPILOT_HOME": str(isolated_home)})
    assert result.exit_code == 0, result.output
    rows = {r["seller_id"]: r for r in json.loads(result.stdout)}
    assert rows["acme"]["last_status"] == "succeeded" and rows["acme"]["last_cycle"] == AS_OF.isoformat()
    assert rows["acme"]["last_result"]["findings"] > 0 and rows["acme"]["failures_7d"] == 0
    assert rows["globex"]["last_status"] == "failed" and rows["globex"]["failures_7d"] == 1
    assert rows["globex"]["last_error"] and rows["globex"]["next_run"] == "due now"
    table = CliRunner().invoke(cli_app, ["status"], env={"CLAIMPILOT_HOME": str(isolated_home)})
    assert "acme\tscan\tdaily 06:00 UTC\t" + AS_OF.isoformat() + "\tsucceeded (" in table.output
    assert "globex\tscan" in table.output and "\tfailed\t" in table.output


def test_jobs_api_shows_a_member_their_sellers_only(settings, templates, clock):
    prepare(settings, templates, clock)
    app = create_app(settings)
    with app.state.sessions() as db:
        user = accounts.create_user(db, "ops@acme.test", "correct-horse-9")
        accounts.grant(db, user, "acme", "viewer")
        _, token = accounts.create_api_key(db, user, "tests")
        db.commit()
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        [job] = client.get("/api/sellers/acme/jobs", headers=headers).json()
        assert (job["kind"], job["last_status"], job["last_cycle"]) == ("scan", "succeeded", AS_OF.isoformat())
        assert job["summary"].endswith("new claims")
        [run] = client.get("/api/sellers/acme/jobs/runs", headers=headers).json()
        assert [a["outcome"] for a in run["attempts"]] == ["succeeded"]
        assert client.get("/api/sellers/globex/jobs", headers=headers).status_code == 404
        assert client.get("/api/sellers/acme/jobs").status_code == 401
        assert (job["at_utc"], job["enabled"], job["due_now"]) == ("06:00", True, False)
        page = client.get("/jobs", follow_redirects=False)
        assert page.status_code == 307 and page.headers["location"] == "/#/jobs"
        assert 'href="#/jobs"' in client.get("/").text  # the jobs view is in the page's navigation
    dispose_all()
