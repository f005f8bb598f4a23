"""Every claim type x denial reason appeal, in every marketplace's language, read as a reimbursement
specialist reads it before it is filed: the reason restated in that language (the seller's note never
pasted), answered with the evidence that refutes it (never the catch-all answer), the item's identifiers,
dates and quantities, what the reports show, the policy, the exact ask, the evidence cited by report, date,
reference and row (never a hash), inside the case form's limit, and passing the compliance check."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from test_packets import CURRENCY, claims_for

from claimpilot.tools.audit.engine import RULES
from claimpilot.tools.cases import policy
from claimpilot.tools.cases.appeals import answer_source, explanation_zh, restated, template_appeal
from claimpilot.tools.cases.compliance import check_text
from claimpilot.tools.cases.denials import classify_denial
from claimpilot.tools.cases.models import Case, Denial
from claimpilot.tools.cases.templates import TEMPLATE_DIR, render, sections
from claimpilot.vocabulary import DenialReason

NOTE = "亚马逊说这个货已经找到了，不给赔，怎么办"
REASONS = [r.value for r in DenialReason]
LANGUAGES = sorted({policy.language_for(m) for m in CURRENCY})
# The denials Amazon gives for each claim type, as reimbursement specialists meet them: each must be answered
# by the claim type's own text, with the report that refutes it.
TYPICAL = {
    "warehouse_lost": ["unit_found", "seller_responsible"],
    "warehouse_damaged": ["unit_found", "seller_responsible"],
    "customer_return_missing": ["return_received", "unit_found", "too_early", "seller_responsible",
                                "no_proof_of_cost"],
    "inbound_shortage": ["received_in_full", "proof_of_delivery", "unit_found", "too_early", "seller_responsible"],
    "fee_overcharge": ["measurement_correct", "no_proof_of_cost"],
    "reimbursement_underpaid": ["no_proof_of_cost", "already_reimbursed"],
    "return_damaged_unreimbursed": ["return_received", "seller_responsible", "unit_found"],
    "refund_above_paid": ["seller_responsible", "already_reimbursed"],
    "refund_commission_short": ["already_reimbursed", "insufficient_information"],
    "reimbursement_reversed_unfound": ["unit_found", "already_reimbursed"],
    "removal_shipment_short": ["received_in_full", "proof_of_delivery"],
}


def test_marketplaces_write_in_their_own_language_or_say_why_not():
    assert {m: policy.language_for(m) for m in ("NL", "PL", "SE", "MX", "BE", "DE", "JP", "US")} == {
        "NL": "nl", "PL": "pl", "SE": "sv", "MX": "es", "BE": "fr", "DE": "de", "JP": "ja", "US": "en"}
    for market in ("NL", "PL", "SE", "BE", "DE", "US"):
        assert policy.language_note_zh(market) == ""
    for market in ("BR", "TR"):
        assert policy.language_for(market) == "en" and "英文" in policy.language_note_zh(market)
    assert policy.language_for("XX") == "en" and "XX" in policy.language_note_zh("XX")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_template_and_section_english_has(language):
    for name in ["appeal", "denials", "common", *RULES]:
        assert (TEMPLATE_DIR / f"{name}.{language}.txt").exists(), f"{name}.{language}.txt"
        assert set(sections(f"{name}.en")) == set(sections(f"{name}.{language}")), f"{name}.{language}"
    assert set(sections("denials.en")) == set(REASONS) | {"body"}


@pytest.mark.parametrize("market", sorted(CURRENCY))
@pytest.mark.parametrize("claim_type", RULES)
def test_every_type_and_reason_gets_its_own_answer_in_the_marketplace_language(claim_type, market):
    claim = claims_for(claim_type, market)[1]
    language = policy.language_for(market)
    for reason in REASONS:
        got, text = template_appeal(claim, Denial(reason_code=reason, reason_text=NOTE))
        assert got == language
        assert restated(reason, language) in text
        assert NOTE not in text and "f" * 64 not in text and "$" not in text
        for value in (claim.reference_id, claim.fnsku, claim.sku, f"{claim.amount:.2f} {claim.currency}",
                      claim.window_opens.isoformat()):
            assert value in text, (reason, value)
        assert re.search(rf"(?<!\d){claim.quantity}(?!\d)", text)
        assert render(f"{claim_type}.{language}", "policy") in text
        assert len(text) <= policy.case_form_limit()
        result = check_text(text, language, [claim], seller_words=NOTE)
        assert result.ok, (reason, result.issues)
        source = answer_source(claim_type, reason, language)
        assert (source[1] == "other") == (reason == "other"), (reason, source)
        if reason in TYPICAL.get(claim_type, []):
            assert source == (f"{claim_type}.{language}", f"answer_{reason}"), reason


@pytest.mark.parametrize("claim_type", RULES)
def test_no_two_reasons_get_the_same_answer(claim_type):
    claim = claims_for(claim_type, "US")[1]
    answers = [template_appeal(claim, Denial(reason_code=r, reason_text="x"))[1].split("\n\n")[4]
               for r in REASONS]
    assert len(set(answers)) == len(REASONS)


def test_english_answers_name_the_evidence_that_refutes_the_reason():
    def answer(claim_type, reason):
        return template_appeal(claims_for(claim_type, "US")[1], Denial(reason_code=reason, reason_text="x"))[1]

    assert "customer returns report" in answer("customer_return_missing", "return_received")
    assert "LPN" in answer("customer_return_missing", "return_received")
    assert "proof of delivery" in answer("inbound_shortage", "proof_of_delivery")
    assert "item list" in answer("inbound_shortage", "received_in_full")
    assert "new measurement" in answer("fee_overcharge", "measurement_correct")
    assert "Found (F) event" in answer("warehouse_lost", "unit_found")
    assert "supplier invoice" in answer("reimbursement_underpaid", "no_proof_of_cost")
    assert "settlement report" in answer("customer_return_missing", "no_proof_of_cost")
    assert "does not concern a customer return" in answer("fee_overcharge", "return_received")
    assert "claim window" in answer("warehouse_damaged", "outside_window")


def test_filing_dates_are_stated_as_they_are():
    claim = claims_for("warehouse_lost", "US")[1]
    claim.case = Case(amazon_case_id="18273645501", submitted_on=date(2026, 10, 2))
    _, text = template_appeal(claim, Denial(reason_code="outside_window", reason_text="x"))
    assert "case 18273645501" in text and "filed on 2026-10-02, inside that window" in text
    claim.case = Case(amazon_case_id="18273645501", submitted_on=date(2026, 12, 20))  # after the window closed
    _, late = template_appeal(claim, Denial(reason_code="outside_window", reason_text="x"))
    assert "filed on 2026-12-20." in late and "inside" not in late.split("Evidence")[0].split("claim window")[-1]
    assert "晚于索赔窗口截止日" in explanation_zh(claim, Denial(reason_code="outside_window", reason_text="x"))
    claim.case = None
    _, unknown = template_appeal(claim, Denial(reason_code="outside_window", reason_text="x"))
    assert "case was filed on" not in unknown


def test_a_partial_reimbursement_is_stated_with_what_is_left():
    from claimpilot.tools.cases.models import ReimbursementMatch

    claim = claims_for("warehouse_lost", "US")[1]  # 11 units, 79.75 USD
    claim.reimbursements = [ReimbursementMatch(reimbursement_id="2847561930", kind="payment", amount=29,
                                               currency="USD", quantity=4)]
    _, text = template_appeal(claim, Denial(reason_code="already_reimbursed", reason_text="x"))
    assert "2847561930 (29.00 USD)" in text and "50.75 USD unpaid" in text


@pytest.mark.parametrize("note, code, market, words", [
    ("亚马逊说已经赔过了", "already_reimbursed", "DE", "bereits erstattet"),
    ("说超时了", "outside_window", "US", "after the claim window"),
    ("让我提供发票", "no_proof_of_cost", "FR", "justificatif du coût unitaire"),
    ("说买家已经退回来了", "return_received", "NL", "retourzending van de klant"),
    ("要POD", "proof_of_delivery", "PL", "potwierdzenie dostawy"),
    ("说尺寸是对的 不改", "measurement_correct", "SE", "mätningen av artikeln"),
])
def test_a_denial_as_a_chinese_seller_types_it_is_restated_never_pasted(note, code, market, words):
    claim_type = {"return_received": "customer_return_missing", "proof_of_delivery": "inbound_shortage",
                  "measurement_correct": "fee_overcharge"}.get(code, "warehouse_lost")
    claim = claims_for(claim_type, market)[1]
    denial = Denial(reason_code=classify_denial(note), reason_text=note)
    assert denial.reason_code == code
    language, text = template_appeal(claim, denial)
    assert words in text and note not in text and not re.search(r"[\u4e00-\u9fff]", text)
    assert check_text(text, language, [claim], seller_words=note).ok
    zh = explanation_zh(claim, denial)
    assert restated(code, "zh") in zh and "原案例" in zh


def test_the_sellers_note_says_what_to_attach():
    def zh(claim_type, reason):
        return explanation_zh(claims_for(claim_type, "US")[1], Denial(reason_code=reason, reason_text="x"))

    assert "发票" in zh("warehouse_lost", "no_proof_of_cost")
    assert "无需发票" in zh("customer_return_missing", "no_proof_of_cost")
    assert "POD" in zh("inbound_shortage", "proof_of_delivery")
    assert "测量照片" in zh("fee_overcharge", "measurement_correct")
    assert "对不上" in zh("fee_overcharge", "return_received")
    assert "英文" in explanation_zh(claims_for("warehouse_lost", "BR")[1], Denial(reason_code="other", reason_text=""))


def test_denials_as_sellers_and_amazon_write_them_are_classified():
    data = yaml.safe_load((Path(__file__).with_name("data") / "denial_notes.yaml").read_text(encoding="utf-8"))
    notes = [(code, note) for code, lines in data.items() for note in lines]
    wrong = [(code, note, classify_denial(note)) for code, note in notes if classify_denial(note) != code]
    assert len(notes) >= 50 and len(wrong) <= len(notes) // 20, wrong


def test_a_refund_too_recent_to_claim_is_read_as_too_early_not_as_a_reimbursement_issued():
    said = "The refund was issued less than 60 days ago, please contact us again later."
    assert classify_denial(said) == "too_early"
    late = "The refund was issued more than 60 days ago, which is outside the eligibility period."
    assert classify_denial(late) == "outside_window"


def test_a_pasted_note_a_hash_or_an_overlong_text_is_refused():
    claim = claims_for("warehouse_lost", "US")[1]
    _, text = template_appeal(claim, Denial(reason_code="unit_found", reason_text=NOTE))
    issues = " | ".join(check_text(text + "\n" + NOTE, "en", [claim], seller_words=NOTE).issues)
    assert "pasted" in issues
    assert "hash" in " ".join(check_text(text + "\n" + "a" * 64, "en", [claim]).issues)
    assert "case form" in " ".join(check_text(text + "x" * 2500, "en", [claim]).issues)
