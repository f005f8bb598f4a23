"""`claimpilot ask --json` prints one JSON object of the agreed shape; `kb` commands work."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from claimpilot.knowledge.cli import register


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
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
