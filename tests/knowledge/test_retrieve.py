"""search_policy finds the passage that holds the fact, across languages and by marketplace."""

from __future__ import annotations

import shutil

import pytest

from claimpilot.knowledge import Passage, search_policy
from claimpilot.knowledge.corpus import CORPUS_DIR


def test_chinese_question_finds_english_passage(kb_settings):
    found = search_policy("买家退款后商品没有退回，多少天后可以申请赔偿？", k=3, settings=kb_settings, language="en")
    assert all(p.language == "en" for p in found)
    assert any("60" in p.text and "120" in p.text for p in found), [p.id for p in found]


def test_english_question_finds_chinese_passage(kb_settings):
    found = search_policy("From what date are lost units reimbursed at manufacturing cost?", k=3,
                          settings=kb_settings, language="zh")
    assert all(p.language == "zh" for p in found)
    assert any("2025-03-10" in p.text for p in found), [p.id for p in found]


def test_passages_carry_source_date_and_score(kb_settings):
    found = search_policy("inventory ledger reason code M misplaced", k=4, settings=kb_settings)
    assert len(found) == 4 and isinstance(found[0], Passage)
    assert found[0].score >= found[-1].score
    top = found[0]
    assert "M" in top.text and ("G4FKT5KQWFFJ7LDN" in top.source or "200453260" in top.source)
    assert top.effective == "2024-10-23"


def test_marketplace_filter_keeps_only_passages_that_apply(kb_settings):
    found = search_policy("customer return claim window days after refund", k=6, settings=kb_settings,
                          marketplace="DE")
    assert found
    for p in found:
        assert {"DE", "EU", "ALL"} & set(p.marketplace.split(",")), (p.id, p.marketplace)
    assert any("45" in p.text and "105" in p.text for p in found[:3])


def test_empty_query_is_refused(kb_settings):
    with pytest.raises(ValueError):
        search_policy("   ", settings=kb_settings)


def test_ingests_on_first_use(settings, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("messaging-response-time", "dimensional-weight"):
        shutil.copy(CORPUS_DIR / "en" / f"{name}.md", corpus / f"{name}.md")
    monkeypatch.setattr("claimpilot.knowledge.corpus.CORPUS_DIR", corpus)
    found = search_policy("how fast must I answer a buyer message", k=2, settings=settings)
    assert [p.id for p in found][0] == "messaging-response-time.en" and len(found) == 2
