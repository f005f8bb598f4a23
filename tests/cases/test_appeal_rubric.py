"""Every claim type x denial reason appeal, in every marketplace language: the reason restated in that
language (the seller's note never pasted), evidence cited by report, date, reference and row (never a hash),
inside the case form's limit, and passing the compliance check."""

from __future__ import annotations

import pytest
from test_packets import MARKETS, claims_for

from claimpilot.tools.cases import policy
from claimpilot.tools.cases.appeals import template_appeal
from claimpilot.tools.cases.compliance import check_text
from claimpilot.tools.cases.models import Denial
from claimpilot.vocabulary import ClaimType, DenialReason

TYPES = ["warehouse_lost", "warehouse_damaged", "customer_return_missing", "inbound_shortage", "fee_overcharge",
         "reimbursement_underpaid"]
NOTE = "亚马逊说这个货已经找到了，不给赔，怎么办"


@pytest.mark.parametrize("market", sorted(MARKETS))
@pytest.mark.parametrize("claim_type", TYPES)
def test_every_type_and_reason_gets_an_appeal_in_the_marketplace_language(claim_type, market):
    assert claim_type in {t.value for t in ClaimType}
    claim = claims_for(claim_type, market)[1]
    for reason in DenialReason:
        language, text = template_appeal(claim, Denial(reason_code=reason.value, reason_text=NOTE))
        assert language == MARKETS[market][0]
        assert NOTE not in text and "f" * 64 not in text
        assert "Inventory Ledger" in text and claim.event_date.isoformat() in text and claim.reference_id in text
        assert len(text) <= policy.case_form_limit()
        result = check_text(text, language, [claim], seller_words=NOTE)
        assert result.ok, (reason, result.issues)


def test_a_pasted_note_a_hash_or_an_overlong_text_is_refused():
    claim = claims_for("warehouse_lost", "US")[1]
    _, text = template_appeal(claim, Denial(reason_code="unit_found", reason_text=NOTE))
    issues = " | ".join(check_text(text + "\n" + NOTE, "en", [claim], seller_words=NOTE).issues)
    assert "pasted" in issues
    assert "hash" in " ".join(check_text(text + "\n" + "a" * 64, "en", [claim]).issues)
    assert "case form" in " ".join(check_text(text + "x" * 2500, "en", [claim]).issues)
