"""``claimpilot buyers poll|list|show|approve|edit|reject|send`` against the real mail servers."""

from __future__ import annotations

import json

from mailbox_helpers import append, installation_env
from relay_mail import relay_mail
from typer.testing import CliRunner

from claimpilot.cli import app


def _env(mail_settings, monkeypatch):
    installation_env(mail_settings, monkeypatch)


def test_poll_review_approve_send(mail_settings, dovecot, smtp, order_ids, monkeypatch):
    _env(mail_settings, monkeypatch)
    oid = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Ciao, il mio ordine {oid} non è ancora arrivato. Dove si trova?", oid, name="Marco"))
    append(dovecot, relay_mail(f"Is order {oid} compatible with a 2019 MacBook?", oid,
                               relay="m2@marketplace.amazon.com"))
    run = CliRunner().invoke
    polled = run(app, ["buyers", "poll", "--json"])
    assert polled.exit_code == 0, polled.output
    assert len(json.loads(polled.output)["stored"]) == 2

    listed = json.loads(run(app, ["buyers", "list", "--json"]).output)
    italian = next(r for r in listed if r["language"] == "it")
    english = next(r for r in listed if r["language"] == "en")
    shown = run(app, ["buyers", "show", str(italian["id"])])
    assert shown.exit_code == 0 and "Marco" in shown.output and oid in shown.output and "[queued]" in shown.output

    assert run(app, ["buyers", "approve", str(italian["id"]), "--by", "anna"]).exit_code == 0
    bad = run(app, ["buyers", "edit", str(english["id"]), "--text", "Visit www.example.com", "--by", "anna"])
    assert bad.exit_code == 0 and "held because" in bad.output
    assert run(app, ["buyers", "approve", str(english["id"])]).exit_code == 1  # a held draft cannot leave
    assert run(app, ["buyers", "reject", str(english["id"]), "--reason", "answer by hand"]).exit_code == 0

    sent = run(app, ["buyers", "send", "--json"])
    assert sent.exit_code == 0, sent.output
    assert json.loads(sent.output)["sent"] == [italian["id"]]
    assert len(smtp.received) == 1 and smtp.received[0].rcpt_tos == ["k7x2m9q4wz1@marketplace.amazon.com"]
    again = run(app, ["buyers", "send"])
    assert again.exit_code == 0 and "sent 0" in again.output and len(smtp.received) == 1
    assert run(app, ["buyers", "show", "999"]).exit_code == 1
    assert "mailbox-pass" not in polled.output + shown.output + sent.output


def test_poll_without_a_mailbox_says_what_to_set(isolated_home):
    result = CliRunner().invoke(app, ["buyers", "poll"])
    assert result.exit_code == 1 and "CLAIMPILOT_BUYERS__IMAP__HOST" in result.output
