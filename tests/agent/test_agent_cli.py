"""`claimpilot chat --once TEXT --json [--thread ID]`: one JSON object; a thread resumes, approvals included.
`claimpilot eval --set FILE --json`: the scores, per labelled tool and group too."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from claimpilot.cli import app
from claimpilot.tools.cases.service import CaseService

runner = CliRunner()


def _once(*args: str) -> dict:
    out = runner.invoke(app, ["chat", "--once", *args])
    assert out.exit_code == 0, out.output
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, out.stdout
    return json.loads(lines[0])


def test_once_json_prints_one_object(seeded):
    settings, claims = seeded
    data = _once("列出可以索赔的", "--json")
    assert set(data) == {"answer", "tool_calls", "citations"}
    assert data["tool_calls"] == [{"name": "list_claims", "args": {"status": "claimable"}}]
    assert "X001AAAAAA" in data["answer"] and data["citations"] == []


def test_thread_resumes_and_a_yes_approves(seeded):
    settings, claims = seeded
    cid = claims[0]["id"]
    asked = _once(f"claim {cid} was filed as case 1234567890", "--json", "--thread", "cli-1")
    assert "approval" in asked["answer"] and CaseService(settings).get_claim(cid)["status"] == "claimable"
    done = _once("yes", "--json", "--thread", "cli-1")
    assert done["tool_calls"] == [{"name": "mark_case_submitted", "args": {"claim_id": cid, "case_id": "1234567890"}}]
    assert CaseService(settings).get_claim(cid)["status"] == "submitted"


def test_a_chinese_seller_is_asked_and_told_in_chinese(seeded):
    """The approval and how to give it are asked in the seller's language; a denial of a claim never filed is
    refused with the reason and what to do first, not a vague error."""
    settings, claims = seeded
    cid = claims[0]["id"]
    asked = runner.invoke(app, ["chat", "--once", f"索赔{cid}被拒了 说货找到了", "--thread", "cli-zh"])
    assert asked.exit_code == 0, asked.output
    assert "需要你批准" in asked.stdout and "（用 --thread cli-zh 回复“确认”或“取消”）" in asked.stdout
    assert "reply yes or no" not in asked.stdout
    refused = runner.invoke(app, ["chat", "--once", "确认", "--thread", "cli-zh"])
    assert f"索赔 {cid} 当前状态是“可索赔”，不能记录被拒。" in refused.stdout and "请先告诉我它已提交" in refused.stdout
    assert CaseService(settings).get_claim(cid)["status"] == "claimable"


def test_unreachable_model_is_a_clear_error(settings, monkeypatch):
    monkeypatch.setenv("CLAIMPILOT_LLM__BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("CLAIMPILOT_LLM__MODEL", "m")
    monkeypatch.setenv("CLAIMPILOT_LLM__API_KEY", "sk-never-shown")
    monkeypatch.setenv("CLAIMPILOT_LLM__TIMEOUT_S", "2")
    out = runner.invoke(app, ["chat", "--once", "hello", "--json"])
    assert out.exit_code == 1
    assert "Chat failed" in out.output and "sk-never-shown" not in out.output


def test_eval_scores_a_set_per_labelled_tool_and_group(tmp_path):
    eval_set = tmp_path / "set.yaml"
    eval_set.write_text(
        "today: 2026-11-04\nitems:\n"
        '- {say: "哪些索赔快过期了", tool: list_claims, args: {status: claimable, closes_from: 2026-11-04, '
        'closes_by: 2026-11-11}, lang: zh}\n'
        '- {say: "海运的货有哪些", tool: track_shipment, args: {kind: sea}, lang: zh, group: held}\n'
        '- {say: "海运的货有哪些", tool: track_shipment, args: {kind: air}, lang: zh, group: held}\n',
        encoding="utf-8")
    result = runner.invoke(app, ["eval", "--set", str(eval_set), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert scores["n"] == 3 and scores["tools"] == 1.0 and abs(scores["slots"] - 2 / 3) < 1e-9
    assert scores["parts"]["group held"]["slots"] == 0.5 and scores["parts"]["tool list_claims"]["slots"] == 1.0
    assert "misses" not in scores
    listed = runner.invoke(app, ["eval", "--set", str(eval_set), "--misses"])
    assert listed.exit_code == 0, listed.output
    missed = listed.stdout.split("lines whose tool or slots were wrong (1):", 1)[1].split("answers not wholly", 1)[0]
    assert "海运的货有哪些" in missed and "expected track_shipment {'kind': 'air'}" in missed
    assert "got      track_shipment {'kind': 'sea'}" in missed and "哪些索赔快过期了" not in missed
    assert "answers not wholly in the asker's language, or with raw codes (0):" in listed.stdout
