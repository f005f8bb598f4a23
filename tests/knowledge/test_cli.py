"""`claimpilot ask --json` prints one JSON object of the agreed shape; `kb` commands work."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from claimpilot.agent.cli import register as register_agent
from claimpilot.knowledge.cli import register


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    register_agent(app)
    return app


def test_ask_json_shape(kb_settings, monkeypatch):
    monkeypatch.setenv("CLAIMPILOT_KNOWLEDGE__CHROMA_PATH", str(kb_settings.chroma_path))
    result = CliRunner().invoke(_app(), ["ask", "入库货件短少，最早什么时候可以提交索赔？", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"answer", "tool_calls", "citations"}
    assert isinstance(data["answer"], str) and "15" in data["answer"]
    assert data["tool_calls"][0]["name"] == "search_policy" and "query" in data["tool_calls"][0]["args"]
    assert data["citations"] and all({"source", "text"} <= set(c) for c in data["citations"])
    assert any("15" in c["text"] and "60" in c["text"] for c in data["citations"])


def test_ask_about_the_sellers_own_claims_answers_and_points_to_chat(kb_settings, monkeypatch):
    monkeypatch.setenv("CLAIMPILOT_KNOWLEDGE__CHROMA_PATH", str(kb_settings.chroma_path))
    runner = CliRunner()
    own_zh = runner.invoke(_app(), ["ask", "案例18344556677被拒了怎么申诉"])
    own_en = runner.invoke(_app(), ["ask", "which of my claims expire this week?"])
    rule = runner.invoke(_app(), ["ask", "入库货件短少，最早什么时候可以提交索赔？", "--json"])
    assert own_zh.exit_code == 0 and own_en.exit_code == 0, own_zh.output + own_en.output
    for result in (own_zh, own_en):  # the policy answer first, then one line pointing to the chat
        pointers = [n for n, line in enumerate(result.stdout.splitlines()) if "claimpilot chat" in line]
        assert len(pointers) == 1 and pointers[0] > 0
    assert "索赔" in own_zh.stdout and "To look up" in own_en.stdout
    assert "claimpilot chat" not in json.loads(rule.stdout)["answer"]


def test_kb_search_and_stats(kb_settings, monkeypatch):
    monkeypatch.setenv("CLAIMPILOT_KNOWLEDGE__CHROMA_PATH", str(kb_settings.chroma_path))
    runner = CliRunner()
    found = runner.invoke(_app(), ["kb", "search", "removal order lost in transit", "-k", "2"])
    assert found.exit_code == 0 and "75" in found.stdout
    stats = runner.invoke(_app(), ["kb", "stats"])
    assert stats.exit_code == 0 and "language zh:" in stats.stdout and "language en:" in stats.stdout


def test_kb_ingest_reports_bad_file(tmp_path, monkeypatch):
    bad = tmp_path / "corpus"
    bad.mkdir()
    (bad / "x.md").write_text("---\nid: x.en\n---\ntext\n", encoding="utf-8")
    monkeypatch.setattr("claimpilot.knowledge.corpus.CORPUS_DIR", bad)
    result = CliRunner().invoke(_app(), ["kb", "ingest"])
    assert result.exit_code == 2 and "x.md" in result.output and "'title'" in result.output
