"""The shipped corpus is complete and well-formed; bad front matter is reported precisely."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from claimpilot.config import KnowledgeSettings, Settings
from claimpilot.knowledge.corpus import CORPUS_DIR, CorpusError, load_corpus, parse_passage
from claimpilot.knowledge.ingest import ingest
from claimpilot.knowledge.store import get_collection

GOOD = """---
id: sample.en
title: Sample
sources: [us-ann-claim-windows-2024]
effective: 2024-10-23
checked: 2026-12-05
certainty: stated
marketplaces: [US]
topic: claim-windows
language: en
---
Lost units can be claimed for 60 days.
"""


def test_corpus_covers_both_languages_with_sources_and_dates():
    passages = load_corpus()
    by_language = Counter(p.language for p in passages)
    assert 40 <= by_language["en"] <= 70 and 40 <= by_language["zh"] <= 70
    pairs = Counter(p.pair_key for p in passages)
    assert all(n == 2 for n in pairs.values()), [k for k, n in pairs.items() if n != 2]
    for p in passages:
        assert p.source and p.sources and p.effective[:2] == "20" and p.checked[:2] == "20"
        words = len(p.text.split()) if p.language == "en" else len(p.text) / 2
        assert 30 <= words <= 220, (p.id, words)


def test_corpus_states_the_claim_rules_numbers():
    text = {p.id: p.text for p in load_corpus()}
    assert "60 days" in text["window-fc-lost-damaged.en"]
    assert "60" in text["window-customer-returns-us.zh"] and "120" in text["window-customer-returns-us.zh"]
    assert "45" in text["window-customer-returns-eu.en"] and "105" in text["window-customer-returns-eu.en"]
    assert "2025-03-10" in text["valuation-manufacturing-cost.zh"]
    assert "90" in text["window-fee-dispute.en"] and "139" in text["dimensional-weight.zh"]


@pytest.mark.parametrize("field, replacement, expected", [
    ("sources: [us-ann-claim-windows-2024]\n", "", "sources"),
    ("sources: [us-ann-claim-windows-2024]", "sources: [a-page-nobody-wrote]", "sources"),
    ("checked: 2026-12-05", "checked: recently", "checked"),
    ("certainty: stated", "certainty: sure", "certainty"),
    ("certainty: stated", "certainty: inferred", "why"),
    ("sources: [us-ann-claim-windows-2024]", "sources: [us-report-valuation-postponed]", "certainty"),
    ("effective: 2024-10-23", "effective: last spring", "effective"),
    ("marketplaces: [US]", "marketplaces: [MOON]", "marketplaces"),
    ("language: en", "language: fr", "language"),
    ("id: sample.en", "id: Sample Passage", "id"),
])
def test_bad_front_matter_names_file_and_field(tmp_path, field, replacement, expected):
    path = tmp_path / "broken.md"
    path.write_text(GOOD.replace(field, replacement), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        parse_passage(path)
    assert err.value.field == expected
    assert "broken.md" in str(err.value) and f"'{expected}'" in str(err.value)


def test_bad_file_leaves_the_store_unchanged(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS_DIR / "en" / "window-fee-dispute.md", corpus / "a.md")
    settings = Settings(home=tmp_path, knowledge=KnowledgeSettings(chroma_path=tmp_path / "chroma"), _env_file=None)
    ingest(settings, corpus_dir=corpus)
    (corpus / "b.md").write_text(GOOD.replace("title: Sample\n", ""), encoding="utf-8")
    shutil.copy(CORPUS_DIR / "en" / "dimensional-weight.md", corpus / "c.md")
    with pytest.raises(CorpusError, match=r"b\.md.*'title'"):
        ingest(settings, corpus_dir=corpus)
    assert get_collection(settings).get()["ids"] == ["window-fee-dispute.en"]


def test_every_chinese_passage_reads_as_chinese():
    """A Chinese answer quotes these passages: a report's column or event names appear as the seller sees them
    on screen, in quotes (“license-plate-number”), and no claimpilot code (unit_cost, claimable) shows."""
    from claimpilot.agent.answer_check import problems

    chinese = [p for p in load_corpus() if p.language == "zh"]
    unfit = {p.id: problems(p.text, "zh") for p in chinese}
    assert not {k: v for k, v in unfit.items() if v}
    # an answer joins sentences of several passages: none may open on an English word ("。GET_FBA_…")
    assert not [p.id for p in chinese if problems("结论。" + p.text, "zh")]
