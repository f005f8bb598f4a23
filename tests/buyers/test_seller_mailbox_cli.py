"""``claimpilot buyers poll|send --seller X`` on the real Dovecot and SMTP servers: a seller given its own
mailbox (``claimpilot sellers mailbox``) is polled and answered through that mailbox and sender; a seller
with none is refused with what to do, and the installation's mailbox keeps serving its owner only."""

from __future__ import annotations

import itertools
import json

import pytest
from mailbox_helpers import append, installation_env
from mailservers import start_smtp
from relay_mail import relay_mail
from typer.testing import CliRunner

from claimpilot.cli import app
from pg_schema import fresh_schema

ACME_RELAY = "acme9buyer@marketplace.amazon.com"
HOME_RELAY = "home9buyer@marketplace.amazon.com"
_spare_users = itertools.count(130)  # the session's Dovecot has users 0..200; the shared fixture hands out from 1


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, mail_settings):
    if request.param == "sqlite":
        yield mail_settings.database_url
    else:
        with fresh_schema("cp_mbcli") as url:
            yield url


@pytest.fixture
def acme_sender():
    sink = start_smtp()
    yield sink
    sink.stop()


def _env(mail_settings, database_url, monkeypatch, acme_box) -> None:
    """The installation as its environment configures it: its mailbox and sender belong to 'default'."""
    installation_env(mail_settings, monkeypatch, database_url)
    monkeypatch.setenv("CLAIMPILOT_BUYERS__SEND_LEASE_S", "0")
    monkeypatch.setenv("ACME_IMAP_PASSWORD", acme_box.password)


def test_poll_and_send_for_a_seller_use_its_own_mailbox_and_refuse_a_seller_with_none(
        mail_settings, database_url, dovecot, dovecot_server, smtp, acme_sender, order_ids, monkeypatch):
    acme_box = dovecot_server.mailbox(next(_spare_users))
    _env(mail_settings, database_url, monkeypatch, acme_box)
    run = CliRunner().invoke
    outputs = []

    def cli(*args: str, code: int = 0) -> str:
        result = run(app, list(args))
        outputs.append(result.output)
        assert result.exit_code == code, result.output
        return result.output

    for seller in ("acme", "initech"):
        cli("sellers", "add", seller)
    cli("sellers", "mailbox", "acme", "--imap-host", "127.0.0.1", "--imap-port", str(acme_box.port),
        "--imap-security", "plain", "--imap-user", acme_box.user, "--imap-password-env", "ACME_IMAP_PASSWORD",
        "--imap-sent-folder", "Sent", "--smtp-host", "127.0.0.1", "--smtp-port", str(acme_sender.port),
        "--smtp-security", "plain", "--from-address", "support@acme.example", "--no-prompt")
    oid = order_ids["Shipped"]
    append(acme_box, relay_mail(f"Hello, where is my order {oid}? It has not arrived.", oid, relay=ACME_RELAY,
                                to="support@acme.example"))
    append(dovecot, relay_mail(f"Hi, where is my order {oid}? Still waiting.", oid, relay=HOME_RELAY))

    polled = json.loads(cli("buyers", "poll", "--seller", "acme", "--json"))
    assert (polled["seen"], len(polled["stored"])) == (1, 1)
    [row] = json.loads(cli("buyers", "list", "--seller", "acme", "--json"))
    assert row["relay_address"] == ACME_RELAY
    shown = json.loads(cli("buyers", "show", str(row["id"]), "--seller", "acme", "--json"))
    assert shown["reply"]["from"] == "support@acme.example"
    if row["status"] == "queued":
        cli("buyers", "approve", str(row["id"]), "--seller", "acme", "--by", "anna")
    sent = json.loads(cli("buyers", "send", "--seller", "acme", "--json"))
    assert sent["sent"] == [row["id"]]
    [mail] = acme_sender.received
    assert (mail.mail_from, mail.rcpt_tos) == ("support@acme.example", [ACME_RELAY])
    assert smtp.received == []  # nothing of acme's left through the installation's sender

    for command in ("poll", "send"):
        refused = cli("buyers", command, "--seller", "initech", code=1)
        assert "seller 'initech' has no mailbox of its own" in refused
        assert "claimpilot sellers mailbox initech" in refused
        assert "belong to seller account 'default'" in refused
    stranger = cli("buyers", "poll", "--seller", "nobody", code=1)
    assert "seller 'nobody' is no seller account of this installation" in stranger
    assert json.loads(cli("buyers", "list", "--seller", "initech", "--json")) == []

    home = json.loads(cli("buyers", "poll", "--json"))  # the installation's mailbox still serves 'default'
    assert (home["seen"], len(home["stored"])) == (1, 1)
    assert [r["relay_address"] for r in json.loads(cli("buyers", "list", "--json"))] == [HOME_RELAY]
    again = json.loads(cli("buyers", "poll", "--seller", "acme", "--json"))
    assert (again["seen"], again["stored"]) == (0, [])
    for output in outputs:
        assert acme_box.password not in output and mail_settings.buyers.imap.password.get_secret_value() not in output
