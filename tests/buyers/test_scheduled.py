"""The scheduled buyer job: poll then send for the mailbox's own seller; no other seller account touches it."""

from __future__ import annotations

import pytest
from mailbox_helpers import append
from relay_mail import relay_mail

from claimpilot.jobs.kinds import JOB_KINDS, JobContext
from claimpilot.netsafety import NotThisSellersMailbox
from claimpilot.tools.buyers.service import BuyerService, scheduled_run


def test_the_job_polls_and_sends_for_the_owner_only(mail_settings, dovecot, smtp, order_ids):
    from datetime import date

    owner = mail_settings.model_copy(update={"buyers": mail_settings.buyers.model_copy(update={
        "auto_send_intents": ["where_is_my_order"], "auto_send_min_confidence": 0.3})})
    other = owner.model_copy(update={"seller_id": "acme"})
    oid = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Hello, where is my order {oid}? It has not arrived.", oid))

    assert scheduled_run(other) == {"skipped": "the mailbox belongs to seller account 'default'"}
    with pytest.raises(NotThisSellersMailbox):
        BuyerService(other).poll()
    ctx = JobContext(seller_id="default", kind="buyer_mail", cycle="c1", as_of=date(2026, 11, 20))
    first = JOB_KINDS["buyer_mail"](owner, ctx)
    assert first["stored"] == 1 and first["sent"] == 1 and len(smtp.received) == 1
    again = JOB_KINDS["buyer_mail"](owner, ctx)
    assert again["seen"] == 0 and again["sent"] == 0 and len(smtp.received) == 1
    assert BuyerService(other).list() == []  # nothing was stored under another seller


def test_the_job_skips_without_a_mailbox(settings):
    assert scheduled_run(settings) == {"skipped": "no mailbox configured (buyers.imap)"}
