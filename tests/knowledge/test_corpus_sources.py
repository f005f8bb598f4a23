"""Every passage of the shipped corpus rests on named sources, says when it was checked and how sure it is,
and its Chinese and English versions state the same numbers, codes and dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from claimpilot.knowledge.corpus import NO_AMAZON_SOURCE, CorpusError, load_corpus, parse_passage
from claimpilot.knowledge.sources import SourceError, load_sources

DATE = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")
NUMBER = re.compile(r"(?<![A-Za-z0-9_])\d+(?:[.,]\d+)*(?![A-Za-z_])")
HELP_ID = re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,}\b")
IDENTIFIER = re.compile(r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b")  # Lost_Warehouse, GET_FBA_..., CUSTOMER_DAMAGED
CAPS = re.compile(r"(?<![A-Za-z0-9_])[A-Z]{3,}(?![A-Za-z0-9_])")  # FNSKU, SELLABLE, LTL, EUR
CODE_LIST = re.compile(  # a list of one-character codes: "6, 7, E, H, K or U", "6、7、E、H、K 或 U"
    r"(?<![A-Za-z0-9.])[A-Z0-9](?:\s*(?:,|、|，|\bor\b|\band\b|或|和|/)\s*[A-Z0-9](?![A-Za-z0-9.]))+")
NAMED_CODE = re.compile(r"(?:[Rr]eason|[Cc]odes?|代码为?)\s*([A-Z0-9])(?![A-Za-z0-9])")


def facts(text: str) -> dict[str, set[str]]:
    """The dates, numbers and codes a passage states, in a form both languages share."""
    dates = set(DATE.findall(text))
    rest = DATE.sub(" ", text)
    codes = set(HELP_ID.findall(rest)) | set(IDENTIFIER.findall(rest)) | set(NAMED_CODE.findall(rest))
    for run in CODE_LIST.findall(rest):
        codes |= {c for c in re.findall(r"[A-Z]", run)}
    numbers = set()
    for n in NUMBER.findall(IDENTIFIER.sub(" ", HELP_ID.sub(" ", rest))):
        n = re.sub(r"(?<=\d),(?=\d{3}\b)", "", n)  # 5,000 = 5000
        numbers.add(n.split(".")[0] if re.fullmatch(r"\d+\.0+", n) else n)  # 5.00 = 5
    return {"dates": dates, "numbers": numbers, "codes": {c for c in codes if not c.isdigit()},
            "names": set(CAPS.findall(IDENTIFIER.sub(" ", text)))}


CORPUS = load_corpus()
BY_ID = {p.id: p for p in CORPUS}
PAIRS = sorted(p.pair_key for p in CORPUS if p.language == "en")


def test_every_passage_has_sources_a_checked_date_and_a_certainty():
    sources = load_sources()
    for p in CORPUS:
        assert p.sources, p.id
        assert all(key in sources for key in p.sources), p.id
        assert dt.date.fromisoformat(p.checked) >= dt.date(2024, 1, 1), p.id
        assert p.certainty in ("stated", "inferred"), p.id
        if p.certainty == "inferred":
            assert len(p.why) > 20, p.id
        cited = [sources[k] for k in p.sources]
        for s in cited:
            assert s.kind == "claimpilot" or s.url.startswith("https://"), (p.id, s.key)
            assert s.kind != "help" or s.id, (p.id, s.key)
            assert s.kind != "announcement" or s.date, (p.id, s.key)
            assert s.id in p.source and (not s.url or s.url in p.source), p.id


def test_a_passage_without_an_amazon_source_says_so_and_so_does_its_citation():
    sources = load_sources()
    without = [p for p in CORPUS if not any(sources[k].by_amazon for k in p.sources)]
    assert without, "the corpus has passages resting on claimpilot's rules or third-party reports only"
    for p in without:
        assert p.certainty == "inferred" and NO_AMAZON_SOURCE[p.language].search(p.text), p.id


@pytest.mark.parametrize("pair", PAIRS)
def test_chinese_and_english_state_the_same_numbers_codes_and_dates(pair):
    en, zh = BY_ID[f"{pair}.en"], BY_ID[f"{pair}.zh"]
    assert (en.sources, en.effective, en.checked, en.certainty, en.marketplaces) == (
        zh.sources, zh.effective, zh.checked, zh.certainty, zh.marketplaces)
    assert facts(en.title + "\n" + en.text) == facts(zh.title + "\n" + zh.text)
    assert facts(en.why)["dates"] == facts(zh.why)["dates"]


def test_the_comparison_catches_a_changed_number():
    en = BY_ID["window-customer-returns-eu.en"]
    assert facts(en.text) != facts(en.text.replace("105", "120"))
    assert facts("codes 6, 7, E, H, K or U") != facts("代码 6、7、E、H 或 U")
    assert facts("help page G9N934L7Y4SFWPJ4") != facts("帮助页面 G200213130")


def test_the_corrected_facts_are_in_both_languages():
    text = {p.id: p.text for p in CORPUS}
    assert "most, not all" in text["automatic-reimbursement.en"]
    assert "而不是全部" in text["automatic-reimbursement.zh"]
    for lang in ("en", "zh"):
        eu, inbound = text[f"window-eu-overview.{lang}"], text[f"window-inbound-delivery.{lang}"]
        assert "2025-01-09" in eu and "2024-10-23" not in eu
        assert "EYPWTSQRTXXXMVB" in inbound and "6" in inbound
        assert "2025-03-11" in text[f"window-jp.{lang}"] and "2025-03-10" not in text[f"window-jp.{lang}"]
        assert "G9N934L7Y4SFWPJ4" in text[f"idr-portal.{lang}"]
    for topic in ("idr-portal", "refund-administration-fee", "customer-return-exclusions", "inbound-damaged-units",
                  "removal-grading-disputes", "fee-dispute-limits", "unfulfillable-disposal",
                  "messaging-proactive-limits"):
        assert f"{topic}.en" in BY_ID and f"{topic}.zh" in BY_ID


def test_an_unknown_source_key_is_named_with_the_file(tmp_path):
    path = tmp_path / "x.md"
    path.write_text(BY_ID["window-fc-lost-damaged.en"].path.read_text(encoding="utf-8").replace(
        "sources: [us-ann-claim-windows-2024]", "sources: [nowhere-2031]"), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x\.md.*nowhere-2031"):
        parse_passage(path)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    kind: help\n    id: G9N934L7Y4SFWPJ4\n", "    kind: help\n", "sources.us-help-customer-return-claims.id"),
    ("    url: https://sellercentral.amazon.com/gp/help/external/G9N934L7Y4SFWPJ4\n",
     "    url: http://sellercentral.amazon.com/gp/help/external/G9N934L7Y4SFWPJ4\n",
     "sources.us-help-customer-return-claims.url"),
    ("    date: 2024-10-23\n", "", "sources.us-ann-claim-windows-2024.date"),
])
def test_a_bad_source_is_named_with_its_key(tmp_path, old, new, message):
    from claimpilot.knowledge.sources import SOURCES_FILE

    text = SOURCES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "sources.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(message)):
        load_sources(path)
