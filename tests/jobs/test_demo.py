"""The demo's whole chain: emulator -> real SP-API client -> store -> audit -> claims -> packets."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from claimpilot.cli import app
from claimpilot.sandbox.demo import run_demo
from claimpilot.tools.cases.service import CaseService


def test_demo_finds_every_injected_loss_and_drafts_the_cases(tmp_path):
    run = run_demo(tmp_path / "demo", seed=5, skus=80)

    card = run.scorecard
    assert card.expected > 0
    assert (card.missed, card.wrong, card.false_claims) == ([], [], [])
    assert card.found_exact == card.expected

    claimable = [t for t in run.seller.truth.findings if t.status == "claimable"]
    claims = CaseService(run.settings).list_claims(status=["claimable", "drafted"])
    assert {c["key"] for c in claims} == {t.key for t in claimable}
    assert run.scan.packets, "claimable claims get case packets"
    assert any(run.export_dir.rglob("*.xlsx")), "the export has the spreadsheet sellers open"
    assert run.scan.fetch is not None and run.scan.fetch.ok


def test_demo_twice_adds_no_claim_and_fetches_nothing_again(tmp_path):
    first = run_demo(tmp_path / "demo", seed=5, skus=80)
    again = run_demo(tmp_path / "demo", seed=5, skus=80)
    assert again.scan.sync.created == 0
    assert again.scan.fetch.fetched == [] and again.scan.fetch.skipped
    assert len(CaseService(again.settings).list_claims()) == len(CaseService(first.settings).list_claims())


def test_demo_command_prints_one_json_object(tmp_path):
    result = CliRunner().invoke(app, ["demo", "--home", str(tmp_path / "d"), "--seed", "5", "--skus", "80", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scorecard"]["missed"] == [] and data["scorecard"]["false_claims"] == []
    assert data["audit"]["claimable"]["count"] > 0
