"""Which SMTP server a seller's alert and digest e-mail leaves through when the alert channels have none of
their own: the seller's own buyer-message sender, or the installation's only for the seller it belongs to
(``buyers.seller_id``); any other seller's e-mail is not sent, with "no SMTP for alert e-mail" as the
channel's outcome and in the log, rather than mail from another seller's address."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, date, datetime

import pytest
from aiosmtpd.controller import Controller
from logistics_helpers import logistics_settings

from claimpilot.accounts import sellers as service
from claimpilot.accounts.models import SellerAccount
from claimpilot.accounts.settings import settings_for_seller
from claimpilot.config import SmtpSettings
from claimpilot.db import session_factory
from claimpilot.jobs.runner import JobFailed, ensure_schema, run_job
from claimpilot.tools.logistics.service import LogisticsService

NUMBERS = {"default": "1ZE1B2C3D4E5F60001", "acme": "1ZE1B2C3D4E5F60002", "globex": "1ZE1B2C3D4E5F60003"}
TODAY = date(2026, 11, 21)


class Inbox:
    """An aiosmtpd handler keeping every envelope it accepts, and the port its server listens on."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


def _start() -> tuple[Controller, Inbox]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        inbox = Inbox(probe.getsockname()[1])
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    return controller, inbox


@pytest.fixture
def senders():
    """An SMTP server for the installation's buyer-message sender ('home') and one for acme's own."""
    started = {name: _start() for name in ("home", "acme")}
    yield {name: inbox for name, (_, inbox) in started.items()}
    for controller, _ in started.values():
        controller.stop()


def _smtp(port: int, sender: str) -> dict:
    return {"host": "127.0.0.1", "port": port, "security": "plain", "from_address": sender}


def test_alert_email_uses_only_the_sellers_own_sender(isolated_home, track17, senders, caplog):
    ports = {name: inbox.port for name, inbox in senders.items()}
    base = logistics_settings(isolated_home, track17, alerts={"email_to": ["ops@example.test"], "max_retries": 1})
    base = base.model_copy(update={"buyers": base.buyers.model_copy(update={  # the installation's, 'default''s
        "seller_id": "default", "smtp": SmtpSettings.model_validate(_smtp(ports["home"], "support@home.example"))})})
    ensure_schema(base)
    with session_factory(base).begin() as db:
        for seller in NUMBERS:
            service.add_seller(db, seller, kinds=[])
        service.set_mailbox(base, db, "acme", imap={"host": "127.0.0.1", "port": 1143, "security": "plain",
                                                    "username": "acme@example.test", "password": "acme-imap-pass"},
                            smtp=_smtp(ports["acme"], "support@acme.example"))

    outcomes = {}
    with caplog.at_level(logging.WARNING, logger="claimpilot.notify"):
        for seller, number in NUMBERS.items():
            with session_factory(base)() as db:
                settings = settings_for_seller(base, db.get(SellerAccount, seller))
            svc = LogisticsService(settings)
            svc.add(number)
            track17.state.scan(number, datetime(2026, 11, 20, 8, tzinfo=UTC), "Exception_Other",
                               "Delivery exception: address", "Denver, CO")
            outcomes[seller] = svc.refresh(today=TODAY).deliveries
            assert outcomes[seller], f"no alert raised for {seller}"

    for seller in ("default", "acme"):
        assert all(o == {"email": "sent"} for o in outcomes[seller].values()), outcomes[seller]
    for outcome in outcomes["globex"].values():
        assert outcome["email"].startswith("failed: email: no SMTP for alert e-mail")
    assert any("globex" in r.getMessage() and "no SMTP for alert e-mail" in r.getMessage()
               and "'default'" in r.getMessage() for r in caplog.records)

    home, acme = senders["home"].messages, senders["acme"].messages
    assert home and {m.mail_from for m in home} == {"support@home.example"}
    assert acme and {m.mail_from for m in acme} == {"support@acme.example"}
    assert all(NUMBERS["default"] in m.content.decode() for m in home)
    assert all(NUMBERS["acme"] in m.content.decode() for m in acme)
    assert not any(NUMBERS["globex"] in m.content.decode() for m in home + acme)  # nothing of globex's left

    cycle = TODAY.isoformat()
    for seller in ("default", "acme"):
        run = run_job(base, seller, "digest", cycle)
        assert run.status == "succeeded" and run.result["deliveries"] == {"email": "sent"}, run
    with pytest.raises(JobFailed, match="email: failed: email: no SMTP for alert e-mail"):
        run_job(base, "globex", "digest", cycle)
    digests = {m.mail_from: m.content.decode() for m in senders["home"].messages + senders["acme"].messages
               if "daily digest" in m.content.decode()}
    assert sorted(digests) == ["support@acme.example", "support@home.example"]
    assert f"Message-ID: <digest.acme.{cycle}@claimpilot>" in digests["support@acme.example"]
    assert not any(NUMBERS["globex"] in m.content.decode() for m in senders["home"].messages)
