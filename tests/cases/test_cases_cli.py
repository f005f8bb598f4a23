"""``claimpilot cases ...`` end to end on the operational store."""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from cases_helpers import make_finding
from typer.testing import CliRunner

from claimpilot import cli as main_cli
from claimpilot.tools.cases.cli import register


@pytest.fixture
def run(db_url, monkeypatch):
    monkeypatch.setenv("CLAIMPILOT_DATABASE_URL", db_url)
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, ["cases", *args])
        return result
    return invoke


def test_registered_in_the_claimpilot_command():
    assert "claimpilot.tools.cases.cli" in main_cli.COMMAND_MODULES


def test_cases_commands_from_audit_json_to_appeal(run, tmp_path):
    findings = [make_finding(reference_id="REF-A", fnsku="X00A", quantity=3),
                make_finding(type="inbound_shortage", reference_id="FBA1XYZ", fnsku="X00B", quantity=4)]
    audit = {"as_of": "2026-10-02", "findings": [f.to_json() for f in findings], "summary": {}}
    path = tmp_path / "audit.json"
    path.write_text(json.dumps(audit))

    r = run("sync", "--findings", str(path), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["created"] == 2
    assert json.loads(run("sync", "--findings", str(path), "--json").output)["created"] == 0

    listed = json.loads(run("list", "--json").output)["claims"]
    assert {c["reference_id"]: c["quantity"] for c in listed} == {"REF-A": 3, "FBA1XYZ": 4}
    cid = next(c["id"] for c in listed if c["reference_id"] == "REF-A")

    r = run("draft", str(cid), "--as-of", "2026-10-02")
    assert r.exit_code == 0 and "REF-A" in r.output and "Compliance: passed" in r.output
    assert "Eligible for claim" in r.output

    r = run("mark-submitted", str(cid), "--case-id", "15550001", "--as-of", "2026-10-03")
    assert r.exit_code == 0 and "submitted" in r.output
    shown = json.loads(run("show", str(cid), "--json").output)
    assert shown["amazon_case_id"] == "15550001" and shown["status"] == "submitted"

    r = run("deny", str(cid), "--reason", "The unit was found.", "--as-of", "2026-10-09")
    assert r.exit_code == 0 and "unit_found" in r.output
    r = run("appeal", str(cid))
    assert r.exit_code == 0 and "15550001" in r.output and "Compliance: passed" in r.output

    r = run("export", str(tmp_path / "out.zip"), "--as-of", "2026-10-10")
    assert r.exit_code == 0 and "1 packet(s), 1 claim(s)" in r.output

    money = json.loads(run("summary", "--json").output)
    assert money["total"]["denied"] == "30.00" and money["total"]["open"] == "40.00"


def test_cli_errors_name_the_problem(run):
    r = run("show", "999")
    assert r.exit_code == 1 and "no claim 999" in r.output
    r = run("mark-submitted", "1", "--case-id", "5", "--as-of", "tomorrow")
    assert r.exit_code != 0 and "not a date" in r.output


def test_cases_sync_audits_the_sellers_store(isolated_home, tmp_path):
    """Without --findings, ``cases sync`` audits the stored reports, syncs and matches reimbursements."""
    from claimpilot.config import Settings
    from claimpilot.sandbox.demo_seller import generate
    from claimpilot.tools.reports.store import ReportStore

    settings = Settings(home=isolated_home, _env_file=None)
    day = date(2026, 10, 15)
    seller = generate(seed=5, as_of=day, skus=80)
    store = ReportStore(settings.warehouse_path(), settings.evidence_dir())
    store.import_path(seller.write(tmp_path / "reports")[0].parent)
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    r = runner.invoke(app, ["cases", "sync", "--as-of", day.isoformat(), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["created"] == len(seller.truth.findings)
    listed = json.loads(runner.invoke(app, ["cases", "list", "--json"]).output)["claims"]
    truth = {f.key: f.status for f in seller.truth.findings}
    assert {c["key"]: c["status"] for c in listed} == truth
    again = json.loads(runner.invoke(app, ["cases", "sync", "--as-of", day.isoformat(), "--json"]).output)
    assert again["created"] == 0 and again["moves"] == {}
