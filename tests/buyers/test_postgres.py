"""The buyer store on PostgreSQL: migrations, idempotent intake, and exactly-once sending under concurrent senders."""

from __future__ import annotations

import pytest
from mailbox_helpers import append, send_concurrently
from relay_mail import relay_mail

from claimpilot.tools.buyers import outbox
from claimpilot.tools.buyers.queue import reply_ids
from claimpilot.tools.buyers.service import BuyerService
from pg_schema import fresh_schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_settings(mail_settings):
    with fresh_schema() as url:
        yield mail_settings.model_copy(update={"database_url": url})


def test_intake_and_exactly_once_on_postgres(pg_settings, dovecot, smtp, order_ids):
    oid = order_ids["Shipped"]
    raw = relay_mail(f"Where is my order {oid}? Nothing yet.", oid, message_id="<pg-1@marketplace.amazon.com>")
    append(dovecot, raw)
    append(dovecot, raw)
    svc = BuyerService(pg_settings)
    polled = svc.poll()
    assert len(polled.stored) == 1 and polled.duplicates == 1
    [mid] = polled.stored
    svc.approve(mid, by="anna")

    [rid] = reply_ids(pg_settings, [mid])
    assert outbox.reserve(pg_settings, rid) is not None  # a sender takes it and dies before MAIL FROM
    patient = pg_settings.model_copy(update={"buyers": pg_settings.buyers.model_copy(update={"send_lease_s": 600})})
    assert BuyerService(patient).send().sent == []  # the lease holds: nobody else sends it meanwhile

    assert outbox.recover(pg_settings)["released"] == 1  # once the lease is over, it is released
    errors = send_concurrently(patient)
    assert not errors and len(smtp.received) == 1
    assert svc.show(mid)["status"] == "sent"
