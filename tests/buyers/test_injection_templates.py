"""Buyer text is data: injection attempts in several languages, delivered to the mailbox, lead to a queued
template draft, nothing more."""

from __future__ import annotations

from injection_helpers import CORPUS, assert_nothing_but_drafts, eager
from mailbox_helpers import append
from relay_mail import relay_mail

from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.service import BuyerService


def test_injection_corpus_with_templates(mail_settings, dovecot, smtp, order_ids):
    settings = eager(mail_settings)
    oid = order_ids["Shipped"]
    for n, case in enumerate(CORPUS):
        append(dovecot, relay_mail(case["text"].format(oid=oid), oid, relay=f"inj{n}@marketplace.amazon.com",
                                   cte="base64" if n % 2 else "quoted-printable"))
    svc = BuyerService(settings)
    polled = svc.poll()
    assert len(polled.stored) == len(CORPUS) and not polled.skipped
    for mid, case in zip(polled.stored, CORPUS):
        shown = svc.show(mid)
        assert shown["language"] == case["lang"]
        reply = shown["reply"]
        assert reply["compliance_ok"], reply["compliance_issues"]  # a safe template answer is drafted
        assert shown["status"] == "queued" and "flagged" in shown["reason"] and shown["flags"]
        assert detect(reply["body"]).code == case["lang"]
    assert_nothing_but_drafts(settings, svc, smtp, polled.stored)
