"""The demo's whole chain: emulator -> real SP-API client -> store -> audit -> claims -> packets."""

from __future__ import annotations

import json
from datetime import date, timedelta

from typer.testing import CliRunner

from claimpilot import clock
from claimpilot.cli import app
from claimpilot.sandbox.demo import run_demo
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.reports.fetch.limits import listed_since


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


def test_settlements_past_amazons_retention_come_from_files_downloaded_by_hand(tmp_path):
    run = run_demo(tmp_path / "demo", seed=5, skus=80)
    first_listed = listed_since(clock.today())
    hand = sorted(run.by_hand_dir.glob("settlement-*.txt"))
    assert hand and len(run.by_hand.files) == len(hand) and run.by_hand.rows_added > 0
    assert all(date.fromisoformat(f.stem[-10:]) < first_listed for f in hand)
    assert [(h.kind, h.before) for h in run.scan.fetch.by_hand] == [("settlement", first_listed)]
    fetched = [r for r in run.scan.fetch.reports if r.kind == "settlement"]  # none when the clock runs far ahead
    assert all(r.range.end >= first_listed - timedelta(days=1) for r in fetched)
    assert run.scorecard.found_exact == run.scorecard.expected


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
