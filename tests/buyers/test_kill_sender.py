"""SIGKILL the reply sender at random points: no reply reaches the buyer twice, and none is silently lost;
after a restart every approved reply is sent once, or marked uncertain for the seller to check."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from email import message_from_bytes, policy

import pytest
from mailbox_helpers import append
from relay_mail import relay_mail

from claimpilot.tools.buyers.service import BuyerService

SENDER = """
from claimpilot.config import Settings
from claimpilot.tools.buyers.service import BuyerService
BuyerService(Settings()).send()
"""
REPLIES = 8
ANSWER_S = 0.25  # the SMTP server takes this long to answer each DATA: a kill can land inside a send


def _env(settings) -> dict[str, str]:
    b = settings.buyers
    env = {**os.environ, "CLAIMPILOT_HOME": str(settings.home), "CLAIMPILOT_DATABASE_URL": settings.operational_url,
           "CLAIMPILOT_SELLER_ID": settings.seller_id, "CLAIMPILOT_BUYERS__SELLER_ID": b.seller_id,
           "CLAIMPILOT_BUYERS__SEND_LEASE_S": "0"}
    for group, cfg in (("SMTP", b.smtp), ("IMAP", b.imap)):
        for name, value in cfg.model_dump().items():
            if value is not None:
                value = value.get_secret_value() if hasattr(value, "get_secret_value") else value
                env[f"CLAIMPILOT_BUYERS__{group}__{name.upper()}"] = str(value)
    return env


@pytest.mark.slow
def test_a_sender_killed_anywhere_never_sends_twice_nor_loses_a_reply(mail_settings, dovecot, smtp, order_ids):
    oid = order_ids["Shipped"]
    for i in range(REPLIES):
        append(dovecot, relay_mail(f"Where is my order {oid}? Message {i}, it has not arrived.", oid,
                                   message_id=f"<kill-{i}-{oid}@marketplace.amazon.com>"))
    svc = BuyerService(mail_settings)
    stored = svc.poll().stored
    assert len(stored) == REPLIES
    env = _env(mail_settings)
    started = time.monotonic()  # how long a sender takes to get going: one with nothing approved yet
    subprocess.run([sys.executable, "-c", SENDER], env=env, capture_output=True, timeout=120, check=True)
    ready_s = time.monotonic() - started
    for mid in stored:
        svc.approve(mid, by="anna")

    rng = random.Random(18)
    smtp.on_accept = lambda _envelope: time.sleep(ANSWER_S)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", SENDER], env=env, stderr=subprocess.PIPE, text=True)
        try:
            proc.wait(timeout=rng.uniform(0.5 * ready_s, ready_s + REPLIES * ANSWER_S))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
    before_restart = len(smtp.received)
    svc.send()  # the restart after the last kill

    delivered = [message_from_bytes(e.content, policy=policy.default)["Message-ID"] for e in smtp.received]
    assert len(delivered) == len(set(delivered))  # nobody got a reply twice
    statuses = {mid: svc.show(mid)["status"] for mid in stored}
    assert set(statuses.values()) <= {"sent", "uncertain"}, statuses  # none lost or stuck half-way
    sent_ids = {svc.show(mid)["reply"]["message_id"] for mid, s in statuses.items() if s == "sent"}
    assert sent_ids <= set(delivered)
    assert len(delivered) >= list(statuses.values()).count("sent")
    assert before_restart > 0  # the killed senders did get to send
