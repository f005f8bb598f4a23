"""An id that matches nothing gets the seller's own ids close to it ("did you mean"); an amount
filter keeps the currency the person named."""

from __future__ import annotations

from claimpilot.agent.answer_check import problems
from claimpilot.agent.service import Agent
from claimpilot.agent.tools.suggest import close_to
from claimpilot.tools.cases.service import CaseService


def test_a_mistyped_case_id_is_answered_with_the_case_it_is_close_to(seeded):
    settings, claims = seeded
    CaseService(settings).mark_submitted(claims[0]["id"], "18344556677")
    with Agent(settings) as agent:
        zh = agent.chat("案例18344556678怎么样了", "t-near-zh")
        en = agent.chat("what happened to case 18344556670?", "t-near-en")
    assert zh.tool_calls[0]["args"] == {"case_id": "18344556678"}
    assert "没有找到" in zh.answer and "18344556677" in zh.answer and not problems(zh.answer, "zh"), zh.answer
    assert "Did you mean" in en.answer and "18344556677" in en.answer and not problems(en.answer, "en"), en.answer


def test_a_mistyped_fnsku_in_a_list_offers_the_stored_one(seeded):
    settings, _ = seeded
    with Agent(settings) as agent:
        result = agent.chat("X001AAAAAB的索赔有哪些", "t-near-fnsku")
    assert result.tool_calls[0]["args"]["fnsku"] == "X001AAAAAB"
    assert "X001AAAAAA" in result.answer and "X001BBBBBB" not in result.answer, result.answer


def test_nothing_close_offers_nothing_and_short_numbers_take_one_edit():
    assert close_to("18344556678", ["18344556677", "18390012345"]) == ["18344556677"]
    assert close_to("X00K7PQ2ZN", ["X00K7PQ2ZM", "X001AAAAAA"]) == ["X00K7PQ2ZM"]
    assert close_to("17", ["1", "2", "71", "170"]) == ["1", "170"]
    assert close_to("99999999999", ["18344556677"]) == []


def test_an_amount_filter_keeps_its_currency(seeded):
    settings, claims = seeded  # 37.50 and 40.00 USD claims
    with Agent(settings) as agent:
        dollars = agent.chat("超过38美元的索赔", "t-usd")
        euros = agent.chat("claims over €30", "t-eur")
    assert dollars.tool_calls[0]["args"] == {"amount_min": 38, "currency": "USD"}
    assert "US$40.00" in dollars.answer and "US$37.50" not in dollars.answer, dollars.answer
    assert euros.tool_calls[0]["args"] == {"amount_min": 30, "currency": "EUR"}
    assert "No claims match" in euros.answer and "€30.00" in euros.answer, euros.answer


def test_claims_listed_by_asin_through_the_fnskus_the_reports_give_it(seeded):
    from claimpilot.tools.reports.store import ReportStore

    settings, _ = seeded  # LOST-1 on X001AAAAAA, LOST-2 on X001BBBBBB
    header = ("Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\t"
              "Disposition\tReason\tCountry\tReconciled Quantity\tUnreconciled Quantity")
    rows = ["2026-10-01\tX001AAAAAA\tB08XYZ1234\tMUG-1\tMug\tAdjustments\tR1\t-3\tPHX7\tSELLABLE\tM\tUS\t0\t-3",
            "2026-10-01\tX001BBBBBB\tB07QWE5678\tMUG-2\tMug\tAdjustments\tR2\t-1\tPHX7\tSELLABLE\tM\tUS\t0\t-1"]
    ReportStore(settings.warehouse_path(), settings.evidence_dir()).import_bytes(
        (header + "\n" + "\n".join(rows) + "\n").encode(), "ledger.tsv")
    with Agent(settings) as agent:
        zh = agent.chat("ASIN B08XYZ1234 的索赔", "t-asin")
        none = agent.chat("any claims on asin B09NOTHERE?", "t-asin-none")
    assert zh.tool_calls[0]["args"] == {"asin": "B08XYZ1234"}
    assert "X001AAAAAA" in zh.answer and "X001BBBBBB" not in zh.answer, zh.answer
    assert "No claims match" in none.answer and "B09NOTHERE" in none.answer, none.answer
