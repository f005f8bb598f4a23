"""Buyer text is data: injection attempts in several languages lead to a queued template draft, nothing more."""

from __future__ import annotations

from injection_helpers import CORPUS, assert_nothing_but_drafts, eager

from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.service import BuyerService


def test_injection_corpus_with_templates(mail_settings, smtp, order_ids):
    settings = eager(mail_settings)
    svc = BuyerService(settings)
    oid = order_ids["Shipped"]
    ids = []
    for n, case in enumerate(CORPUS):
        got = svc.add_message(relay_address=f"inj{n}@marketplace.amazon.com", body=case["text"].format(oid=oid))
        ids.append(got.message_id)
        shown = svc.show(got.message_id)
        assert shown["language"] == case["lang"]
        reply = shown["reply"]
        assert reply["compliance_ok"], reply["compliance_issues"]  # a safe template answer is drafted
        assert shown["status"] == "queued" and "assistant" in shown["reason"]
        assert detect(reply["body"]).code == case["lang"]
    assert_nothing_but_drafts(settings, svc, smtp, ids)


