"""Approved replies reach a real SMTP server exactly once: normal sends, retries, crashes, refusals, races."""

from __future__ import annotations

import imaplib
import smtplib
from email import message_from_bytes, policy

import pytest
from mailbox_helpers import append, send_concurrently
from relay_mail import relay_mail

from claimpilot.tools.buyers import outbox
from claimpilot.tools.buyers.queue import QueueError
from claimpilot.tools.buyers.service import BuyerService


class SimulatedCrash(BaseException):
    """The process dies right here."""


def crash_after_data(smtp_class=smtplib.SMTP):
    class CrashingSMTP(smtp_class):
        def data(self, msg):
            super().data(msg)
            raise SimulatedCrash("power cut after the server accepted the message")

    return CrashingSMTP


def _one_message(mail_settings, dovecot, order_ids, text="Where is my order {oid}? It has not arrived."):
    oid = order_ids["Shipped"]
    tag = abs(hash(text)) % 10**8
    append(dovecot, relay_mail(text.format(oid=oid), oid, message_id=f"<buyer-{oid}-{tag}@marketplace.amazon.com>"))
    svc = BuyerService(mail_settings)
    [mid] = svc.poll().stored
    return svc, mid, oid


def _delivered(smtp):
    return [message_from_bytes(e.content, policy=policy.default) for e in smtp.received]


def test_an_approved_reply_is_sent_once_to_the_relay_address(mail_settings, dovecot, smtp, order_ids):
    svc, mid, oid = _one_message(mail_settings, dovecot, order_ids)
    assert svc.send().sent == []  # queued: nothing leaves before approval
    svc.approve(mid, by="anna")
    report = svc.send()
    assert len(report.sent) == 1
    [mail] = _delivered(smtp)
    assert mail["To"] == "k7x2m9q4wz1@marketplace.amazon.com"
    assert mail["From"] == "support@seller.example"
    assert mail["In-Reply-To"].startswith(f"<buyer-{oid}-")
    assert oid in mail.get_content()
    shown = svc.show(mid)
    assert shown["status"] == "sent" and shown["reply"]["message_id"] == mail["Message-ID"]
    assert svc.send().sent == [] and len(smtp.received) == 1  # a retry sends nothing more


def test_crash_between_reserve_and_send_then_retry_sends_once(mail_settings, dovecot, smtp, order_ids):
    svc, mid, _ = _one_message(mail_settings, dovecot, order_ids)
    svc.approve(mid, by="anna")
    reply_id = svc.show(mid)["reply"]
    from claimpilot.tools.buyers.queue import reply_ids

    [rid] = reply_ids(mail_settings, [mid])
    taken = outbox.reserve(mail_settings, rid)
    assert taken is not None  # ... and the process dies before MAIL FROM
    assert svc.show(mid)["status"] == "reserved"
    report = svc.send()  # restart: the lease has run out (0 s in these settings)
    assert report.recovered["released"] == 1 and len(report.sent) == 1
    assert len(smtp.received) == 1
    assert _delivered(smtp)[0]["Message-ID"] == taken.message_id  # the id fixed at reservation is kept
    assert svc.send().sent == [] and len(smtp.received) == 1
    assert reply_id["attempts"] == 0 and svc.show(mid)["reply"]["attempts"] == 2


def test_crash_after_the_server_accepted_is_never_resent(mail_settings, dovecot, smtp, order_ids):
    svc, mid, _ = _one_message(mail_settings, dovecot, order_ids)
    svc.approve(mid, by="anna")
    with pytest.raises(SimulatedCrash):
        svc.send(factory=crash_after_data())
    assert len(smtp.received) == 1
    assert svc.show(mid)["status"] == "transmitting"
    report = svc.send()  # restart: the send's outcome is unknown to us
    assert report.recovered["uncertain"] == 1 and report.sent == []
    assert svc.show(mid)["status"] == "uncertain"
    assert len(smtp.received) == 1  # not sent again
    with pytest.raises(QueueError):
        svc.approve(mid, by="anna")
    svc.resolve(mid, delivered=True, by="anna")  # the person checked Seller Central
    assert svc.show(mid)["status"] == "sent" and svc.send().sent == [] and len(smtp.received) == 1


def test_an_uncertain_send_found_in_the_sent_mailbox_is_settled(mail_settings, dovecot, smtp, order_ids):
    def keep_copy(envelope):  # the mail provider files a copy of every submission in Sent
        conn = imaplib.IMAP4("127.0.0.1", dovecot.port)
        conn.login(dovecot.user, dovecot.password)
        conn.create("Sent")
        conn.append("Sent", None, None, envelope.content)
        conn.logout()

    svc, mid, _ = _one_message(mail_settings, dovecot, order_ids)
    svc.approve(mid, by="anna")
    smtp.on_accept = keep_copy
    with pytest.raises(SimulatedCrash):
        svc.send(factory=crash_after_data())
    svc.send()
    shown = svc.show(mid)
    assert shown["status"] == "sent" and shown["reply"]["decided_by"] == "sent mailbox"
    assert len(smtp.received) == 1


def test_a_temporary_refusal_is_retried_and_a_permanent_one_fails(mail_settings, dovecot, smtp, order_ids):
    svc, mid, _ = _one_message(mail_settings, dovecot, order_ids)
    svc.approve(mid, by="anna")
    smtp.refuse_next.append("451 4.3.0 try again later")
    first = svc.send()
    assert first.retry_later and not first.sent and svc.show(mid)["status"] == "approved"
    assert len(svc.send().sent) == 1 and len(smtp.received) == 1

    svc2, mid2, _ = _one_message(mail_settings, dovecot, order_ids, text="Can I return order {oid}? I changed my mind.")
    svc2.approve(mid2, by="anna")
    smtp.refuse_next.append("554 5.7.1 sender not allowed")
    assert svc2.send().failed and svc2.show(mid2)["status"] == "failed"
    assert len(smtp.received) == 1


def test_two_senders_at_once_send_once(mail_settings, dovecot, smtp, order_ids):
    svc, mid, _ = _one_message(mail_settings, dovecot, order_ids)
    svc.approve(mid, by="anna")
    settings = mail_settings.model_copy(
        update={"buyers": mail_settings.buyers.model_copy(update={"send_lease_s": 600})})
    errors = send_concurrently(settings)
    assert not errors and len(smtp.received) == 1
